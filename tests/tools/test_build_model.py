"""The shipped split model: it loads, it is small, it says what it was trained on, and rebuilding it from
../shared/train with the fixed recipe gives the same model byte for byte (so the same scores)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.splitmodel import SHIPPED, SplitModel, shipped_model
from tools import build_model
from tools.typeset.corpus import EXCERPT

CORPUS = build_model.CORPUS


def test_the_shipped_model_loads_and_says_what_it_learnt_from():
    model = shipped_model()
    assert SHIPPED.stat().st_size < 1_000_000
    trained = model.info["trained_on"]
    assert trained["month"] == build_model.TUNE_MONTH
    assert not set(trained["families"]) & set(build_model.LEAVE_OUT)  # held-out families never trained on
    assert model.info["pages"] == trained["pages_per_family"] * len(trained["families"]) + len(model.info["seeds"])
    assert model.info["seed_weight"] == build_model.SEED_WEIGHT


@pytest.mark.skipif(not CORPUS.exists(), reason="no training corpus at ../shared/train")
def test_rebuilding_the_model_reproduces_the_shipped_one(tmp_path: Path):
    info = shipped_model().info["trained_on"]
    model = build_model.build(info["pages_per_family"], info["seed"])
    assert model.to_bytes() == SHIPPED.read_bytes()
    assert SplitModel.from_bytes(model.to_bytes()).crf == shipped_model().crf


@pytest.mark.skipif(not build_model.GOLD.is_dir(), reason="no seed gold at ../shared/gold")
def test_leaving_one_seed_out_fits_a_model_without_each_seed(tmp_path: Path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for path in sorted(build_model.GOLD.glob("*.json"))[:2]:
        (gold / path.name).write_bytes(path.read_bytes())
    names = [name for name, _, _ in build_model.seed_pages(gold)]
    models = build_model.leave_one_seed_out(1, corpus=str(EXCERPT), gold_dir=gold)
    assert set(models) == set(names)
    for name, data in models.items():
        model = SplitModel.from_bytes(data)
        assert model.info["seeds"] == [n for n in names if n != name]
        assert model.info["pages"] == len(build_model.tuned_families()) + 1
