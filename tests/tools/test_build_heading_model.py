"""`python -m tools.build_heading_model`: the build is deterministic, and rebuilding the heading model with the fixed
recipe from ../shared/train gives the shipped file byte for byte. The model learns from the rules' decisions, so
any change to the rule passes changes what a rebuild gives: that test (3 minutes) runs on request,
NEWSDESK_REBUILD_TESTS=1, after a rule change and before shipping a rebuilt file."""

from __future__ import annotations

import os

import pytest

from app.core import headingmodel
from tools import build_heading_model
from tools.build_model import CORPUS
from tools.typeset.corpus import EXCERPT


def test_the_build_is_deterministic_on_the_corpus_excerpt():
    a = build_heading_model.build(draws=1, pages=2, corpus=str(EXCERPT))
    b = build_heading_model.build(draws=1, pages=2, corpus=str(EXCERPT))
    assert a == b and a["trained_on"]["decisions"] > 0 and a["weights"]


@pytest.mark.skipif(not CORPUS.exists() or os.environ.get("NEWSDESK_REBUILD_TESTS") != "1",
                    reason="no training corpus at ../shared/train, or not asked for (NEWSDESK_REBUILD_TESTS=1)")
def test_rebuilding_the_heading_model_reproduces_the_shipped_one():
    model = build_heading_model.build()
    assert build_heading_model.to_text(model) == headingmodel.MODEL.read_text(encoding="utf-8")
