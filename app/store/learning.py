"""A project learns its paper: train a model from the pages marked done, then re-split the pages still to do.

`learn_project` reads the editor's pages marked done (the truth: the edited page model), fits a project model
on them (`app.core.training.learn`, cross-validated scores and learning curve) and stores it in the project
file with its scores. Of Newsdesk's own split, the shipped model and the project model, the one that split
those pages best (the project model cross-validated) is used from then on; a tie keeps Newsdesk's own. `project_model` reads the model in use back. `resplit_todo` splits again every page not marked
done and keeps the editor's work: a page's hand-made items, the text an editor took out of every item and
its corrections stay as they are (`app.core.edits.resplit`), only machine-made items are replaced, and a page
saved meanwhile or holding unsaved edits is left alone. The command line and the app both call these.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..core.edits import resplit
from ..core.projectmodel import load_file, read_model
from ..core.splitmodel import ModelError, SplitModel, shipped_model
from ..core.splitter import split_page
from ..core.training import Example, Learnt, learn
from .db import Store


def project_model(store: Store) -> SplitModel | None:
    """The project's own model in use (None: the project splits with Newsdesk's own). A model row that
    cannot be read raises ModelError naming the project."""
    found = store.split_model()
    if found is None:
        return None
    row, data = found
    return read_model(data, f"{store.path}: split model {row.id}")


def usable_model(path: str | None, store: Store | None, said: Callable[[str], None]) -> SplitModel | None:
    """The model a split should use: the file `path` if given, else the project's own, else None (Newsdesk's
    own split). A model that cannot be used is said in one line and the shipped model is used instead."""
    try:
        if path:
            return load_file(path)
        return project_model(store) if store is not None else None
    except ModelError as e:
        said(f"{e}; splitting with the shipped model")
        return shipped_model()


@contextlib.contextmanager
def model_file(model: SplitModel | None) -> Iterator[str | None]:
    """`model` written to a temporary file for the worker processes of a batch (None stays None)."""
    if model is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="newsdesk-model-") as folder:
        path = os.path.join(folder, "split.model")
        with open(path, "wb") as f:
            f.write(model.to_bytes())
        yield path


def learning_of(store: Store) -> dict[str, Any] | None:
    """The project's latest training for the quality report: when, how many pages, whether it is used,
    its held-out scores before and after, and its learning curve. None if it never learnt."""
    rows = store.split_models()
    if not rows:
        return None
    row = rows[0]
    return {"model": row.id, "trained": row.trained, "pages": row.page_count, "used": row.used,
            "before": row.scores.get("before", {}), "after": row.scores.get("after", {}),
            "shipped": row.scores.get("shipped", {}), "chosen": row.scores.get("chosen"),
            "curve": row.scores.get("curve", []), "folds": row.scores.get("folds")}


def page_key(ref: dict[str, Any]) -> str:
    """How a page is named in training reports: its file name (and version, from the second on)."""
    return ref["name"] if ref.get("version", 1) == 1 else f"{ref['name']} (v{ref['version']})"


def learn_project(store: Store, *, step: Callable[[int], None] | None = None,
                  total: Callable[[int], None] | None = None, cancelled: Callable[[], bool] | None = None,
                  **options: Any) -> tuple[Learnt, int]:
    """Fit the project's model on its pages marked done and store it; returns what was learnt and the
    model's row id. `options` go to `app.core.training.learn` (folds, seed, curve)."""
    pages = list(store.training_pages())
    examples = [Example(page_key(ref), page.text, page) for ref, page in pages]
    learnt = learn(examples, step=step, total=total, cancelled=cancelled, **options)
    used = set(learnt.pages)
    refs = [ref for ref, _ in pages if page_key(ref) in used]
    model = learnt.chosen_model or learnt.model  # Newsdesk's own split chosen: the model is kept, not used
    model_id = store.add_split_model(model.to_bytes(), refs, learnt.scores(), learnt.better)
    return learnt, model_id


@dataclass
class ResplitReport:
    """What a re-split did: pages changed, unchanged, left alone (saved meanwhile or unsaved edits)."""

    changed: int = 0
    unchanged: int = 0
    left: int = 0
    kept_items: int = 0  # items an editor had made or changed, kept as they were
    cancelled: bool = False
    page_ids: list[int] = field(default_factory=list)  # the pages changed

    @property
    def summary(self) -> str:
        return (f"{self.changed} page(s) split again, {self.unchanged} unchanged, {self.left} left alone; "
                f"{self.kept_items} item(s) made by hand kept" + (" (cancelled)" if self.cancelled else ""))


RESPLIT_SUMMARY = "re-split with the project's model"
RESPLIT_SUMMARY_OWN = "re-split with Newsdesk's split"


def resplit_todo(store: Store, model: SplitModel | None, *, page_ids: list[int] | None = None,
                 progress: Callable[[int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None) -> ResplitReport:
    """Split every page not marked done again with `model` (None: Newsdesk's own split), keeping the
    editor's work (see the module docstring). `progress(1)` after each page; `should_stop()` before each."""
    report = ResplitReport()
    summary = RESPLIT_SUMMARY if model is not None else RESPLIT_SUMMARY_OWN
    for page_id in store.pages_to_resplit() if page_ids is None else page_ids:
        if should_stop is not None and should_stop():
            report.cancelled = True
            break
        auto, page, stamp = store.load_for_resplit(page_id)
        fresh = split_page((page.name, page.text), model=model)
        after, _notes = resplit(page, fresh)
        kept = sum(1 for it in after.items if it.edited)  # (on a page that stays as it was, kept too)
        if fresh == auto and after == page:
            report.unchanged += 1
            report.kept_items += kept
        elif store.replace_split(page_id, fresh, after, stamp, summary):
            report.changed += 1
            report.kept_items += kept
            report.page_ids.append(page_id)
        else:
            report.left += 1
        if progress is not None:
            progress(1)
    return report
