"""`python -m tools.build_heading_model`: the build is deterministic, and rebuilding the heading model with the fixed
recipe from ../shared/train gives the shipped file byte for byte. The model learns from the rules' decisions, so a
change to the rule passes changes what a rebuild gives: this test (2-3 minutes) then fails until the weights are
rebuilt and shipped with the change, so that the shipped weights are always those of the rules they sit on."""

from __future__ import annotations

import pytest

from app.core import headingmodel
from tools import build_heading_model
from tools.build_model import CORPUS
from tools.typeset.corpus import EXCERPT


def test_the_build_is_deterministic_on_the_corpus_excerpt():
    a = build_heading_model.build(draws=1, pages=2, corpus=str(EXCERPT))
    b = build_heading_model.build(draws=1, pages=2, corpus=str(EXCERPT))
    assert a == b and a["trained_on"]["decisions"] > 0 and a["weights"]


@pytest.mark.skipif(not CORPUS.exists(), reason="no training corpus at ../shared/train")
def test_rebuilding_the_heading_model_reproduces_the_shipped_one():
    model = build_heading_model.build()
    assert build_heading_model.to_text(model) == headingmodel.MODEL.read_text(encoding="utf-8"), (
        "the rules changed under the heading model: rebuild it, python -m tools.build_heading_model")
