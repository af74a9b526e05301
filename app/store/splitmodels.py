"""The project's own split models: one row per training, the model file inside the project.

`split_models` (readable in Datasette): `trained` (UTC time), `pages` (JSON: the pages learnt from, each
`{"id", "name", "version"}`), `page_count`, `scores` (JSON: the held-out scores before and after, the learning
curve, the folds, which split was chosen), `used` (1 if imports and re-splits use it: it split held-out pages
better than Newsdesk's own split), `size`, `sha256` and `model` (the model file's bytes: the project's model,
`app.core.projectmodel`, or the shipped model if that did best).
The project's model is the newest row in use. Every function here runs inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class ModelRow:
    """One training of the project, without the model's bytes."""

    id: int
    trained: str
    page_count: int
    pages: list[dict[str, Any]]
    scores: dict[str, Any]
    used: bool
    size: int


_COLUMNS = "id, trained, page_count, pages, scores, used, size"


def _row(r: tuple[Any, ...]) -> ModelRow:
    return ModelRow(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), bool(r[5]), r[6])


def add(db: Database, model: bytes, trained: str, pages: list[dict[str, Any]], scores: dict[str, Any],
        used: bool) -> int:
    cur = db.execute(
        "insert into split_models (trained, page_count, pages, scores, used, size, sha256, model) "
        "values (?, ?, ?, ?, ?, ?, ?, ?)",
        [trained, len(pages), json.dumps(pages, ensure_ascii=False), json.dumps(scores, ensure_ascii=False),
         int(used), len(model), hashlib.sha256(model).hexdigest(), model])
    return int(cur.lastrowid or 0)


def rows(db: Database) -> list[ModelRow]:
    """Every training, newest first."""
    return [_row(r) for r in db.execute(f"select {_COLUMNS} from split_models order by id desc").fetchall()]


def in_use(db: Database) -> tuple[ModelRow, bytes] | None:
    """The project's model (the newest row in use) and its bytes, or None."""
    r = db.execute(f"select {_COLUMNS}, model from split_models where used = 1 order by id desc limit 1").fetchone()
    return (_row(r[:-1]), bytes(r[-1])) if r else None


def stop_using(db: Database) -> int:
    """No model of the project is used any more (splits go back to Newsdesk's own); returns how many were."""
    return db.execute("update split_models set used = 0 where used = 1").rowcount
