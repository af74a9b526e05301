"""Learning a paper from its corrected pages: fit a project model, measure it honestly, draw its learning curve.

`learn(examples)` takes pages with their true page model (an editor's pages marked done, or pages with gold
files) and returns a `Learnt`: the project model (`app.core.projectmodel`) fit on all of them, the scores of
the split Newsdesk makes without it ("before"), of the shipped model, and of the project model ("after"),
and the learning curve: the split's quality against the number of pages learnt from. Every score is on pages
the split never learnt from: the project model's are cross-validated (each page split by models fit on the
others), and the other two never saw any of them. Of the three, the best on these pages is chosen
(`Learnt.chosen`; a tie keeps Newsdesk's own split), so learning never makes a project's split worse.

Everything is seeded: the same pages in the same order give the same model, byte for byte, and the same
scores. Plain functions over page models; no store, no Qt.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .alignment import AlignmentError, align_gold
from .errors import BadInput, NewsdeskError
from .evaluation import gold_of, score
from .loading import load_page
from .metadata import page_records
from .page import Block, Item, Kind, Page, Role, check_invariant
from .projectmodel import ProjectModel, Readings, fit, fit_crf, readings, seen_info
from .splitmodel import SplitModel, labels_of, shipped_model, view
from .splitter import split_page

FOLDS = 5  # cross-validation: each page is split by a model fit on the other four fifths
MIN_PAGES = 3  # fewer pages cannot be both learnt from and held out
CURVE_SIZES = (2, 5, 10, 20, 40, 80, 160)  # the learning curve's points (pages learnt from), below all-but-a-fold
CURVE_FOLDS = 2  # ... each measured by two fits, one on either half of the pages (a third of the fits of FOLDS)
SEED = 0
MEASURES = ("article_f1", "headline_accuracy", "title_accuracy", "author_f1", "paragraph_f1", "caption_f1",
            "caption_leak_rate", "stray_break_rate")
POOL_MIN_PAGES = 12  # from this many pages on, the fits of the cross-validation run in worker processes
POOL_JOBS = 2  # (their startup, a second or two, is then well paid back)
MAX_PAGES = 400  # a fit on more pages takes minutes and gains little: the last ones in list order are learnt from


class TrainingError(NewsdeskError):
    """Pages that cannot be learnt from (too few, or a gold file that does not fit its page)."""


class Cancelled(NewsdeskError):
    """The user stopped the training; nothing was stored."""


@dataclass(frozen=True)
class Example:
    """One page to learn from: its text and the true page model (the editor's result or the gold)."""

    key: str  # how reports name the page (its file name)
    text: str
    truth: Page


@dataclass
class Learnt:
    """What `learn` made: the model, the pages, and the scores of three splits on those pages: Newsdesk's
    own split ("before"), the shipped model, and the project model ("after", cross-validated)."""

    model: ProjectModel
    pages: list[str]
    before: dict[str, float]
    after: dict[str, float]
    curve: list[dict[str, Any]]  # [{"pages": n, measure: value, ...}], n = 0 is the split without the model
    folds: int
    seconds: float = 0.0
    shipped: dict[str, float] = field(default_factory=dict)
    base: SplitModel | None = field(default=None, repr=False)

    @property
    def chosen(self) -> str:
        """The split that did best on these pages: "project", "shipped" (the shipped model) or "own"
        (Newsdesk's own split, which a tie keeps: a project never splits worse for having learnt)."""
        candidates = [("own", self.before), ("shipped", self.shipped or self.before), ("project", self.after)]
        best = max(_rank(scores) for _, scores in candidates)
        return next(name for name, scores in candidates if _rank(scores) == best)

    @property
    def better(self) -> bool:
        """Splitting with `chosen_model` does better on held-out pages than Newsdesk's own split."""
        return self.chosen != "own"

    @property
    def chosen_model(self) -> SplitModel | None:
        """The model the project splits with from now on (None: Newsdesk's own split)."""
        return {"project": self.model, "shipped": self.base}.get(self.chosen)

    def scores(self) -> dict[str, Any]:
        """The scores as stored with the model (JSON)."""
        return {"before": self.before, "shipped": self.shipped, "after": self.after, "curve": self.curve,
                "folds": self.folds, "seconds": round(self.seconds, 1), "chosen": self.chosen}


def _rank(result: Mapping[str, float]) -> tuple[float, float]:
    """Article F1 first; headlines, authors and paragraphs break a tie."""
    rest = [result.get(m, 0.0) for m in ("headline_accuracy", "author_f1", "paragraph_f1")]
    return result.get("article_f1", 0.0), sum(rest) / len(rest)


# --- learning ---------------------------------------------------------------------------------------------
@dataclass
class Prepared:
    """A page read once for training and scoring: its features, its readings, the true labels."""

    example: Example
    features: list[list[str]]
    readings: Readings
    labels: list[str]
    pieces: Any
    blanks: list[int]
    gold: dict[str, Any]


def prepare(example: Example, base: SplitModel) -> Prepared:
    """Read a page once: features, how `base` and the rules read it, the labels of its true page, its gold."""
    problems = check_invariant(example.truth)
    if problems:
        raise TrainingError.said("{page}: its page model is not whole ({problem})", page=example.key,
                                 problem=problems[0])
    v = view(example.text)
    return Prepared(example, v.features, readings(v, base), labels_of(example.truth, v.pieces), v.pieces,
                    [ln.blank_before for ln in v.lines], gold_of(page_records(example.truth, with_tags=False)))


def sequences(pages: Sequence[Prepared]) -> list[tuple[list[list[str]], Readings, list[str]]]:
    """What `projectmodel.fit` learns from: (features, readings, true labels) of each page."""
    return [(p.features, p.readings, p.labels) for p in pages]


def predict(p: Prepared, model: ProjectModel) -> list[dict[str, Any]]:
    """The records of a prepared page split by `model` (whose base is the one the page was read with)."""
    from .decode import decode

    labels = model.tag_read(p.features, p.readings)
    page = decode(p.example.key, p.example.text, p.blanks, p.pieces, labels)
    return page_records(page, with_tags=False)


def score_pages(pages: Sequence[Prepared], pred: Mapping[str, list[dict[str, Any]]]) -> dict[str, float]:
    """The measures of predicted records against the pages' truth."""
    result = score({p.example.key: p.gold for p in pages}, {p.example.key: pred[p.example.key] for p in pages})
    return {m: result[m] for m in MEASURES}


def folds_of(n: int, folds: int = FOLDS, seed: int = SEED) -> list[list[int]]:
    """Page indices dealt into `folds` held-out sets in a seeded order (every page in exactly one)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    k = max(2, min(folds, n))
    return [sorted(order[f::k]) for f in range(k)]


def _curve_sizes(n: int, folds: int, curve: bool) -> list[int]:
    """The learning curve's points below the cross-validation's: sizes half of the pages can hold."""
    k = max(2, min(folds, n))
    return [s for s in CURVE_SIZES if s <= n // 2 and s < n - -(-n // k)] if curve else []


def plan(n: int, folds: int = FOLDS, curve: bool = True) -> int:
    """How many fits `learn` makes for n pages (its progress steps, with one per page read)."""
    return max(2, min(folds, n)) + CURVE_FOLDS * len(_curve_sizes(n, folds, curve)) + 1


def learn(examples: Sequence[Example], *, folds: int = FOLDS, seed: int = SEED, curve: bool = True,
          base: SplitModel | None = None, before: Callable[[Example], Page] | None = None,
          step: Callable[[int], None] | None = None, total: Callable[[int], None] | None = None,
          cancelled: Callable[[], bool] | None = None, jobs: int = 0) -> Learnt:
    """Fit a project model on `examples` and measure it (see the module docstring).

    `before(example)` is the split without the model (default: Newsdesk's own). `total(n)` is told the
    number of steps first, `step(1)` after each page read and each fit; `cancelled()` is asked between
    steps and stops the work (`Cancelled`). The cross-validation's fits run in `jobs` processes (0: two for
    POOL_MIN_PAGES pages or more, else in this process); the result is the same either way."""
    started = time.perf_counter()
    if len(examples) < MIN_PAGES:
        raise TrainingError.said("{n} page(s) to learn from: at least {min} are needed", n=len(examples),
                                 min=MIN_PAGES)
    examples = list(examples)[-MAX_PAGES:]
    base = base or shipped_model()
    before = before or (lambda ex: split_page((ex.key, ex.text)))
    if total:
        total(len(examples) + plan(len(examples), folds, curve))

    def tick() -> None:
        if step:
            step(1)
        if cancelled and cancelled():
            raise Cancelled.said("training cancelled: nothing was stored")

    prepared = []
    for ex in examples:
        prepared.append(prepare(ex, base))
        tick()
    n = len(prepared)
    sets = folds_of(n, folds, seed)
    fits = [(0, held_out, [i for i in range(n) if i not in held_out]) for held_out in sets]
    sizes = _curve_sizes(n, folds, curve)
    halves = folds_of(n, CURVE_FOLDS, seed)
    for held_out in halves:  # the curve's smaller sizes: each page split by a model fit on the other half
        other = [i for i in range(n) if i not in held_out]
        fits += [(size, held_out, other[:size]) for size in sizes]
    # (fits: curve size (0: all but the fold), the pages held out, the pages learnt from)
    held: dict[int, dict[str, list[dict[str, Any]]]] = {}  # curve size -> predictions of held-out pages
    for (size, held_out, learnt_from), crf in _fitted(prepared, fits, jobs):
        model = ProjectModel(crf, seen_info(sequences([prepared[i] for i in learnt_from])), base=base)
        for i in held_out:
            held.setdefault(size, {})[prepared[i].example.key] = predict(prepared[i], model)
        tick()
    pred_before = {p.example.key: page_records(before(p.example), with_tags=False) for p in prepared}
    scores_before = score_pages(prepared, pred_before)
    scores_shipped = score_pages(prepared, {p.example.key: page_records(
        split_page((p.example.key, p.example.text), model=base), with_tags=False) for p in prepared})
    scores_after = score_pages(prepared, held[0])
    points = [{"pages": 0, **scores_before}]
    points += [{"pages": size, **score_pages(prepared, held[size])} for size in sizes]
    points.append({"pages": round(len(prepared) * (len(sets) - 1) / len(sets)), **scores_after})
    info = {"trained_on": {"pages": len(prepared), "base": base.info.get("trained_on")}}
    model = fit(sequences(prepared), base, info)
    tick()
    return Learnt(model, [p.example.key for p in prepared], scores_before, scores_after, points, len(sets),
                  time.perf_counter() - started, scores_shipped, base)


def _fitted(prepared: Sequence[Prepared], fits: list[tuple[int, list[int], list[int]]],
            jobs: int) -> Iterator[tuple[tuple[int, list[int], list[int]], bytes]]:
    """Each fit of the cross-validation with its CRF, in order; in worker processes for many pages (spawned,
    never forked: the app runs Qt; each worker is handed every page's sequence once, and ends with its
    parent, as `batch.map_pages`'s workers do)."""
    seqs = sequences(prepared)
    workers = jobs or (min(POOL_JOBS, os.cpu_count() or 1) if len(prepared) >= POOL_MIN_PAGES else 1)
    if workers <= 1:
        for job in fits:
            yield job, fit_crf([seqs[i] for i in job[2]])
        return
    pool = ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"), _take_pages, (seqs, os.getpid()))
    try:
        yield from zip(fits, pool.map(_fit_pages, [job[2] for job in fits]), strict=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_pages: list[Any] = []  # a worker's copy of every page's sequence


def _take_pages(seqs: list[Any], parent: int) -> None:
    """Worker initializer: every page's sequence, and an end to the worker if its parent dies."""
    from .batch import exit_with_parent

    exit_with_parent(parent)
    _pages[:] = seqs


def _fit_pages(indices: list[int]) -> bytes:
    return fit_crf([_pages[i] for i in indices])


CHOICES = {"project": "the project's model splits these pages best: it is used from now on",
           "shipped": "the shipped model splits these pages best: it is used from now on",
           "own": "Newsdesk's own split does these pages best: it stays (the project's model is kept, not used)"}


def format_summary(learnt: Learnt) -> str:
    """What a training did, for a person: pages used, the held-out scores before and after, the choice."""
    lines = [f"learnt from {len(learnt.pages)} page(s) in {learnt.seconds:.0f} s; scores on pages the model "
             f"did not learn from ({learnt.folds}-fold cross-validation):",
             f"  {'measure':20} {'before':>8} {'shipped':>8} {'after':>8}"]
    for m in MEASURES:
        lines.append(f"  {m:20} {learnt.before[m]:>8.3f} {learnt.shipped.get(m, 0.0):>8.3f} {learnt.after[m]:>8.3f}")
    lines.append("(before: Newsdesk's own split; shipped: the shipped model; after: the project's model)")
    lines.append("learning curve (pages learnt from: article F1): " + ", ".join(
        f"{p['pages']}: {p['article_f1']:.3f}" for p in learnt.curve))
    lines.append(CHOICES[learnt.chosen])
    return "\n".join(lines)


# --- gold files -------------------------------------------------------------------------------------------
def gold_examples(gold_dir: str | Path, pages_dir: str | Path) -> tuple[list[Example], list[str]]:
    """Pages with gold files (../shared/gold/SPEC.md): each gold put onto its page's lines. Returns the
    examples and one line per gold file that could not be used (naming the file and why)."""
    examples: list[Example] = []
    problems: list[str] = []
    gold_paths = sorted(Path(gold_dir).glob("*.json"))
    if not gold_paths:
        raise TrainingError.said("{folder}: no gold files (*.json)", folder=str(gold_dir))
    for path in gold_paths:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(gold, dict) or not isinstance(gold.get("items"), list):
                raise BadInput(str(path), "not a gold file (no items list)")
            page_file = Path(pages_dir) / str(gold.get("page") or path.with_suffix(".txt").name)
            source = load_page(page_file)
            truth = (page_from_pieces(source.name, source.text, gold) if "pieces" in gold
                     else align_gold(source.name, source.text, gold, path.name))
            examples.append(Example(source.name, source.text, truth))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            problems.append(f"{path}: not a readable gold file ({e})")
        except (AlignmentError, BadInput) as e:
            problems.append(str(e) if path.name in str(e) else f"{path}: {e}")
    return examples, problems


def page_from_pieces(name: str, text: str, gold: Mapping[str, Any]) -> Page:
    """The exact page of a gold file that also says where each printed line goes (`pieces`: start, end,
    item, role, block; item -1 for furniture), as the typesetter writes them."""
    spans: dict[int, list[tuple[int, int]]] = {}
    owner: dict[int, tuple[int, str]] = {}
    try:
        for start, end, item, role, block in gold["pieces"]:
            spans.setdefault(block, []).append((start, end))
            if owner.setdefault(block, (item, role)) != (item, role):
                raise ValueError(f"block {block} is given to two items or roles")
        blocks_of: dict[int, list[Block]] = {}
        for block in sorted(spans):
            item, role = owner[block]
            blocks_of.setdefault(item, []).append(Block(block, Role(role), tuple(sorted(spans[block]))))
        items = [Item(k, Kind(g["kind"]), tuple(blocks_of.get(k, ()))) for k, g in enumerate(gold["items"])]
    except (ValueError, TypeError, KeyError) as e:
        raise AlignmentError.said("{page}: the gold's pieces do not describe the page ({problem})", page=name,
                                  problem=str(e)) from None
    items += [Item(len(items) + k, Kind.FURNITURE, (b,)) for k, b in enumerate(blocks_of.get(-1, []))]
    page = Page(name, text, tuple(items))
    problems = check_invariant(page)
    if problems:
        raise AlignmentError.said("{page}: the gold's pieces do not cover the page ({problem})", page=name,
                                  problem=problems[0])
    return page
