"""The learned split: labels read off a true page decode back to it, any labels keep every character, the
model file is checked before use, and a bad model never breaks a split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.alignment import align_gold
from app.core.decode import LABELS, decode
from app.core.evaluation import score
from app.core.loading import load_page
from app.core.metadata import page_records
from app.core.page import check_invariant
from app.core.splitmodel import ModelError, SplitModel, labels_of, train, training_sequence, view
from app.core.splitter import split_page

ROOT = Path(__file__).resolve().parents[2]
GOLD = sorted((ROOT / "tests" / "data" / "gold").glob("*.json"))


def _seed(path: Path):
    g = json.loads(path.read_text(encoding="utf-8"))
    src = load_page(ROOT / "sample_data" / g["page"])
    return g, src, align_gold(src.name, src.text, g, path.name)


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem[:3])
def test_true_labels_decode_back_to_the_gold(path):
    g, src, page = _seed(path)
    v = view(src.text)
    labels = labels_of(page, v.pieces)
    assert set(labels) <= set(LABELS)
    decoded = decode(src.name, src.text, [ln.blank_before for ln in v.lines], v.pieces, labels)
    assert check_invariant(decoded) == []
    result = score({"p": g}, {"p": page_records(decoded, with_tags=False)})
    assert result["article_f1"] == 1.0 and result["headline_accuracy"] == 1.0
    assert result["paragraph_f1"] >= 0.97 and result["caption_f1"] == 1.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_labels_keep_every_character_once(data):
    path = data.draw(st.sampled_from(sorted((ROOT / "sample_data").glob("*.txt"))))
    src = load_page(path)
    v = _views.setdefault(path, view(src.text))
    labels = data.draw(st.lists(st.sampled_from(LABELS + ("garbage",)), min_size=len(v.pieces),
                                max_size=len(v.pieces)))
    page = decode(src.name, src.text, [ln.blank_before for ln in v.lines], v.pieces, labels)
    assert check_invariant(page) == []


_views: dict = {}


@pytest.fixture(scope="module")
def tiny_model() -> SplitModel:
    """A model fit on two seed pages' gold (a test of the machinery, not a model to ship)."""
    pairs = []
    for path in GOLD[:2]:
        _, src, page = _seed(path)
        pairs.append((src.text, page))
    return train(pairs, info={"note": "test"}, max_iterations=30)


def test_a_model_round_trips_through_bytes_and_tags_a_page(tiny_model, tmp_path):
    data = tiny_model.to_bytes()
    again = SplitModel.from_bytes(data)
    assert again.crf == tiny_model.crf and again.info["note"] == "test" and again.info["pages"] == 2
    feats, _ = training_sequence(load_page(ROOT / "sample_data" / json.loads(GOLD[0].read_text())["page"]).text,
                                 _seed(GOLD[0])[2])
    assert again.tag(feats) == tiny_model.tag(feats)
    path = tmp_path / "m.model"
    tiny_model.save(path)
    page = split_page(load_page(ROOT / "sample_data" / json.loads(GOLD[2].read_text())["page"]), model=path)
    assert check_invariant(page) == []


@pytest.mark.parametrize("damage", ["truncated", "foreign", "version", "header"])
def test_a_bad_model_file_is_refused_in_one_line(tiny_model, damage):
    data = tiny_model.to_bytes()
    bad = {
        "truncated": data[:-100],
        "foreign": b"PK\x03\x04 not a model",
        "version": data.replace(b'"format": 1', b'"format": 99'),
        "header": data[:30] + b"{{{" + data[33:],
    }[damage]
    with pytest.raises(ModelError) as err:
        SplitModel.from_bytes(bad, "m.model")
    assert str(err.value).startswith("m.model: ") and "\n" not in str(err.value)


def test_a_split_with_a_bad_model_file_falls_back_and_keeps_every_character(tmp_path):
    bad = tmp_path / "bad.model"
    bad.write_bytes(b"NEWSDESK-SPLIT-MODEL\n{\"format\": 1}\ngarbage")
    for path in sorted((ROOT / "sample_data").glob("*.txt")):
        src = load_page(path)
        page = split_page(src, model=bad)
        assert check_invariant(page) == []
        assert page_records(page) == page_records(split_page(src, method="learned"))


def test_newsdesk_split_with_the_learned_split_keeps_the_record_contract(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from app.cli import cli

    monkeypatch.setenv("NEWSDESK_SPLIT", "learned")
    samples = sorted((ROOT / "sample_data").glob("*.txt"))
    result = CliRunner().invoke(cli, ["split", *map(str, samples)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    keys = ["page", "index", "kind", "section", "kicker", "title", "subtitle", "authors", "subheads", "body",
            "captions", "tags", "spans"]
    assert records and all(list(r) == keys for r in records)
    for path in samples:
        text = load_page(path).text
        count = [0] * len(text)
        for r in (r for r in records if r["page"] == path.name):
            for s, e in r["spans"]:
                for i in range(s, e):
                    count[i] += 1
        assert all(count[i] == 1 for i, c in enumerate(text) if not c.isspace())


def test_the_learned_split_of_a_20000_line_page_keeps_every_character():
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from long_page_bench import long_page

    text = long_page(20_000)
    page = split_page(("long.txt", text), method="learned")
    assert check_invariant(page) == []
