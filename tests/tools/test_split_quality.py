"""benchmarks/split_quality.py: scores a split per layout family on typeset pages, and hands a model on."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from app.core.splitmodel import SHIPPED
from app.core.splitter import split_page
from tools.typeset.corpus import EXCERPT

ROOT = Path(__file__).resolve().parents[2]
CALLS: list[str] = []


def split_with_model(source, model=None):
    """A split that takes a model argument, as a learned split will."""
    CALLS.append(model)
    return split_page(source)


def _bench():
    spec = importlib.util.spec_from_file_location("split_quality", ROOT / "benchmarks" / "split_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_prints_a_row_per_family_and_one_json_line(capsys, tmp_path):
    bench = _bench()
    bench.main(["--families", "wrapped-headfirst,interleaved", "--leave-out", "interleaved", "--pages", "2",
                "--tune-pages", "1", "--corpus", str(EXCERPT), "--tune-out", str(tmp_path / "tune")])
    lines = capsys.readouterr().out.strip().splitlines()
    result = json.loads(lines[-1])
    assert set(result["families"]) == {"wrapped-headfirst", "interleaved"}
    assert result["families"]["interleaved"]["left_out"] and not result["families"]["wrapped-headfirst"]["left_out"]
    for family in result["families"].values():
        assert 0.0 <= family["article_f1"] <= 1.0 and family["pages"] == 2
    assert result["summary"]["seeds"]["pages"] == 4
    assert any(ln.startswith("interleaved") and "left out" in ln for ln in lines)
    # the tuning pages written are the tuned families only, text beside gold
    tuned = sorted(p.name for p in (tmp_path / "tune").iterdir())
    assert tuned and all("wrapped-headfirst" in n for n in tuned) and len(tuned) == 2


def test_model_is_passed_to_a_split_that_takes_one(capsys):
    bench = _bench()
    CALLS.clear()
    bench.main(["--families", "briefs", "--leave-out", "", "--pages", "1", "--tune-pages", "0",
                "--corpus", str(EXCERPT), "--split", f"{__name__}:split_with_model", "--model", "m.crf"])
    assert CALLS and set(CALLS) == {"m.crf"}
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["model"] == "m.crf"


def test_each_seed_is_scored_by_a_model_fit_without_it(capsys, monkeypatch):
    bench = _bench()
    seeds = bench.seed_pages()
    if not seeds:
        return
    fits = []

    def fit_without_each(pages_per_family, seed, corpus=None, stacked=False):  # the fits themselves: test_build_model
        fits.append((pages_per_family, stacked))
        return {name: SHIPPED.read_bytes() for name, _, _ in seeds}

    monkeypatch.setattr(bench.build_model, "leave_one_seed_out", fit_without_each)
    args = ["--families", "briefs", "--leave-out", "", "--pages", "1", "--tune-pages", "0",
            "--corpus", str(EXCERPT), "--loso", "--loso-pages-per-family", "3"]
    bench.main([*args, "--stacked"])  # the stacked model's fits (tools.build_model --stacked)
    capsys.readouterr()
    bench.main(args)
    lines = capsys.readouterr().out.strip().splitlines()
    loso = json.loads(lines[-1])["summary"]["seeds, leave one out"]
    assert fits == [(3, True), (3, False)]
    assert loso["pages"] == len(seeds) and set(loso["article_f1_each"]) == {name for name, _, _ in seeds}
    assert any(ln.startswith("seeds, leave one out") for ln in lines)


def test_the_ceiling_of_the_true_labels_is_printed_per_family(capsys):
    bench = _bench()
    bench.main(["--families", "interleaved", "--leave-out", "interleaved", "--pages", "2", "--tune-pages", "0",
                "--corpus", str(EXCERPT)])
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["families"]["interleaved"]["ceiling"]["article_f1"] >= 0.9
