"""Typeset pages for the training tests: real corpus articles (the excerpt committed in tests/data, so CI runs
the same) printed by tools/typeset in one layout family, with their gold and exact page models."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.training import Example, page_from_pieces
from tools.typeset.corpus import EXCERPT
from tools.typeset.generate import generate
from tools.typeset.printer import Typeset

FAMILY = "city-paper"


def typeset(n: int, family: str = FAMILY, seed: int = 0, month: str = "2019-02") -> list[Typeset]:
    return list(generate(month, [family], n, seed, str(EXCERPT)))


def examples(pages: list[Typeset]) -> list[Example]:
    return [Example(ts.name, ts.text, page_from_pieces(ts.name, ts.text, ts.gold)) for ts in pages]


def write(folder: Path, pages: list[Typeset], gold: Path | None = None) -> Path:
    """The pages' texts into `folder` (UTF-8, as printed), their gold files into `gold` if given."""
    folder.mkdir(parents=True, exist_ok=True)
    for ts in pages:
        (folder / ts.name).write_bytes(ts.text.encode("utf-8"))
        if gold is not None:
            gold.mkdir(parents=True, exist_ok=True)
            (gold / ts.name.replace(".txt", ".json")).write_text(json.dumps(ts.gold, ensure_ascii=False),
                                                                 encoding="utf-8")
    return folder
