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
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .alignment import AlignmentError, align_gold
from .errors import BadInput, NewsdeskError
from .evaluation import gold_of, measures, page_counts, score
from .loading import load_page
from .metadata import page_records
from .page import Block, Item, Kind, Page, Role, check_invariant
from .profile import NAMES as PROFILE_NAMES
from .profile import Profile, Trials, candidates, default
from .projectmodel import PROFILE, ProjectModel, Readings, fit_crf, readings, roles_split, seen_info
from .splitmodel import SplitModel, labels_of, shipped_model, view

FOLDS = 5  # cross-validation: each page is split by a model fit on the other four fifths
MIN_PAGES = 3  # fewer pages cannot be both learnt from and held out
CURVE_SIZES = (2, 5, 10, 20, 40, 80, 160)  # the learning curve's points (pages learnt from), below all-but-a-fold
# ... each measured by one fit, on the first pages of a seeded order, scored on all the others
# the paper's profile of the rules keeps a parameter's value where it splits the pages learnt from better by
# at least this article F1 (two articles in a hundred) and recovers at least this many more articles: a value
# that wins one article is as likely chance (on 5 pages of scrambled, one such value cost 0.03 on others)
PROFILE_MIN_GAIN = 0.02
PROFILE_MIN_ARTICLES = 2
# ... and costs no more than this on any of the other measures ranked (headlines, authors, paragraphs): on
# scrambled, a column threshold that won articles on the pages learnt from cost 0.11 paragraph F1 there
# and articles as well on others
PROFILE_MAX_COST = 0.01
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
    profiled: dict[str, float] = field(default_factory=dict)  # the rules with the paper's profile
    moved: list[dict[str, Any]] = field(default_factory=list)  # the profile's values, each with its effect
    # each split against Newsdesk's own, page by page (cross-validated as above): the pages it splits
    # better and worse by article F1, {"project": (wins, losses), ...}; a split not named here is not held to it
    paired: dict[str, tuple[int, int]] = field(default_factory=dict)
    roles: dict[str, float] = field(default_factory=dict)  # the rules assembling items from the model's roles
    # each split's counts page by page (cross-validated as above), {"own": [counts of page 1, ...], ...}
    rows: dict[str, list[Counter[str]]] = field(default_factory=dict, repr=False)

    @property
    def chosen(self) -> str:
        """The split that did best on these pages: "project", "shipped" (the shipped model), "profile" (the
        rules with the paper's profile), "roles" (the rules assembling the items from the project model's
        line roles: `projectmodel.roles_split`) or "own" (Newsdesk's own split, which a tie keeps: a project never
        splits worse for having learnt). A split replaces Newsdesk's own only if it does clearly better on
        these pages (`leads`): a higher F1 over all of them that a page or two make is chance on a few pages."""
        candidates = [("own", self.before), ("profile", self.profiled or self.before),
                      ("shipped", self.shipped or self.before), ("project", self.after),
                      ("roles", self.roles or self.before)]
        candidates = [(name, scores) for name, scores in candidates if name == "own" or self.leads(name)]
        best = max(_rank(scores) for _, scores in candidates)
        return next(name for name, scores in candidates if _rank(scores) == best)

    def leads(self, name: str) -> bool:
        """Does split `name` do clearly better than Newsdesk's own on these pages: an article F1 over them at
        least CHOICE_MIN_GAIN above Newsdesk's own, and more of them split better than worse (by
        PAIRED_MIN_LEAD; a split not in `paired` is not held to it)?"""
        scores = {"profile": self.profiled, "shipped": self.shipped, "project": self.after,
                  "roles": self.roles}.get(name) or self.before
        wins, losses = self.paired.get(name, (PAIRED_MIN_LEAD, 0))
        gain = scores.get("article_f1", 0.0) - self.before.get("article_f1", 0.0)
        return gain >= CHOICE_MIN_GAIN - 1e-9 and wins - losses >= PAIRED_MIN_LEAD

    @property
    def better(self) -> bool:
        """Splitting with `chosen_model` does better on held-out pages than Newsdesk's own split."""
        return self.chosen != "own"

    @property
    def chosen_model(self) -> SplitModel | None:
        """The model the project splits with from now on (None: Newsdesk's own split)."""
        if self.chosen == "profile":
            return self.model.splitting_by_rules()
        if self.chosen == "roles":
            return self.model.splitting_by_roles()
        return {"project": self.model, "shipped": self.base}.get(self.chosen)

    @property
    def chosen_scores(self) -> dict[str, float]:
        """The held-out scores of the split chosen (the project model's where Newsdesk's own stays)."""
        return {"profile": self.profiled, "shipped": self.shipped, "roles": self.roles}.get(self.chosen) or self.after

    def scores(self) -> dict[str, Any]:
        """The scores as stored with the model (JSON)."""
        return {"before": self.before, "shipped": self.shipped, "after": self.after, "curve": self.curve,
                "folds": self.folds, "seconds": round(self.seconds, 1), "chosen": self.chosen,
                "profiled": self.profiled, "profile": self.moved, "roles": self.roles,
                "paired": {name: list(pair) for name, pair in self.paired.items()}}


RANKED = ("headline_accuracy", "author_f1", "paragraph_f1")  # after article F1, what breaks a tie
# a split other than Newsdesk's own is used only where it does clearly better on the pages learnt from
# (cross-validated): an article F1 over them at least CHOICE_MIN_GAIN above Newsdesk's own, and, page by
# page, more of them split better than worse (by PAIRED_MIN_LEAD). On a few pages a higher score can come
# from one page: by the higher score alone the project model was taken after 20 pages of the typeset paper
# scrambled (7 pages better, 9 worse; 0.579 against the rules' 0.571; 0.447 against 0.562 on 20 test pages)
# and the profiled rules after 10 pages of the family interleaved (0.383 against 0.379). A lead in pages alone
# (2, and 3 for the rules from roles, before) took splits that did worse on the test pages in 3 of 48 cases
# (five typeset papers and three families, 5, 10 and 20 pages learnt from, two draws) and better in 15; the
# gain and a lead of one page take them in 0 and 16 (README: Learning a paper from its corrected pages)
CHOICE_MIN_GAIN = 0.06
PAIRED_MIN_LEAD = 1


def page_f1(counts: Mapping[str, int]) -> float:
    """The article F1 of one page's counts (1.0 for a page with no article, split with none)."""
    total = counts.get("gold", 0) + counts.get("pred", 0)
    return 2 * counts.get("recovered", 0) / total if total else 1.0


def paired(rows: Sequence[Mapping[str, int]], own: Sequence[Mapping[str, int]]) -> tuple[int, int]:
    """(wins, losses): the pages `rows` split better and worse than `own` (each page's counts, in order)."""
    d = [page_f1(a) - page_f1(b) for a, b in zip(rows, own, strict=True)]
    return sum(x > 1e-9 for x in d), sum(x < -1e-9 for x in d)


def _rank(result: Mapping[str, float]) -> tuple[float, float]:
    """Article F1 first; headlines, authors and paragraphs break a tie."""
    rest = [result.get(m, 0.0) for m in RANKED]
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
    lines: tuple[Any, ...] = ()


def prepare(example: Example, base: SplitModel) -> Prepared:
    """Read a page once: features, how `base` and the rules read it, the labels of its true page, its gold."""
    problems = check_invariant(example.truth)
    if problems:
        raise TrainingError.said("{page}: its page model is not whole ({problem})", page=example.key,
                                 problem=problems[0])
    v = view(example.text)
    return Prepared(example, v.features, readings(v, base), labels_of(example.truth, v.pieces), v.pieces,
                    [ln.blank_before for ln in v.lines], gold_of(page_records(example.truth, with_tags=False)),
                    v.lines)


def sequences(pages: Sequence[Prepared]) -> list[tuple[list[list[str]], Readings, list[str]]]:
    """What `projectmodel.fit` learns from: (features, readings, true labels) of each page."""
    return [(p.features, p.readings, p.labels) for p in pages]


def predict(p: Prepared, model: ProjectModel) -> list[dict[str, Any]]:
    """The records of a prepared page split by `model` (whose base is the one the page was read with)."""
    return records_of(p, model.tag_read(p.features, p.readings))


def roles_records(p: Prepared, labels: list[str]) -> list[dict[str, Any]]:
    """The records of a prepared page split by the rules from the line roles of `labels`."""
    return page_records(roles_split(p.example.key, p.example.text, p.lines, p.pieces, labels), with_tags=False)


def records_of(p: Prepared, labels: list[str]) -> list[dict[str, Any]]:
    """The records of a prepared page decoded from `labels`."""
    from .decode import decode

    return page_records(decode(p.example.key, p.example.text, p.blanks, p.pieces, labels), with_tags=False)


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
    """How many steps `learn` makes for n pages besides reading them: its fits and the profile's splits."""
    k = max(2, min(folds, n))
    return k + len(_curve_sizes(n, folds, curve)) + 1 + len(profile_trials()) + k + 1


def profile_trials() -> list[Profile]:
    """The profiles of the rules every page is split with to learn the paper's profile: the rules' own,
    and each parameter at each of its candidate values (`profile.candidates`)."""
    return [Profile(), *(Profile.of({name: value}) for name in PROFILE_NAMES for value in candidates(name))]


def learn(examples: Sequence[Example], *, folds: int = FOLDS, seed: int = SEED, curve: bool = True,
          base: SplitModel | None = None, before: Callable[[Example], Page] | None = None,
          step: Callable[[int], None] | None = None, total: Callable[[int], None] | None = None,
          cancelled: Callable[[], bool] | None = None, jobs: int = 0) -> Learnt:
    """Fit a project model and a profile of the rules on `examples` and measure them (see the module
    docstring).

    `before(example)` is the split without the model (default: Newsdesk's own). `total(n)` is told the
    number of steps first, `step(1)` after each page read and each fit; `cancelled()` is asked between
    steps and stops the work (`Cancelled`). The fits and the profile's splits run in `jobs` processes (0:
    two for POOL_MIN_PAGES pages or more, else in this process); the result is the same either way."""
    started = time.perf_counter()
    if len(examples) < MIN_PAGES:
        raise TrainingError.said("{n} page(s) to learn from: at least {min} are needed", n=len(examples),
                                 min=MIN_PAGES)
    examples = list(examples)[-MAX_PAGES:]
    base = base or shipped_model()
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
    everything = list(range(n))
    sets = folds_of(n, folds, seed)
    sizes = _curve_sizes(n, folds, curve)
    # the fits: each fold held out in turn, the curve's smaller sizes (the first pages of a seeded order,
    # scored on all the others), and the model on every page
    order = _seeded_order(n, seed)
    fits = [(0, held_out, [i for i in everything if i not in held_out]) for held_out in sets]
    fits += [(size, sorted(order[size:]), sorted(order[:size])) for size in sizes]
    fits.append((-1, [], everything))
    trials = profile_trials()
    with _Workers(prepared, jobs) as workers:
        screened = [workers.submit("split", trial.values) for trial in trials]
        fitted = [workers.submit("fit", learnt_from) for _, _, learnt_from in fits]
        table: dict[Profile, list[Counter[str]]] = {}
        for trial, future in zip(trials, screened, strict=True):
            table[trial] = future.result()
            tick()
        found = profile_search(prepared, sets, table, workers, tick)
        held: dict[int, dict[str, list[dict[str, Any]]]] = {}  # curve size -> predictions of held-out pages
        by_roles: dict[str, list[dict[str, Any]]] = {}  # the rules from the held-out pages' line roles
        crf_all = b""
        for (size, held_out, learnt_from), future in zip(fits, fitted, strict=True):
            crf = future.result()
            if size < 0:
                crf_all = crf
            else:
                model = ProjectModel(crf, seen_info(sequences([prepared[i] for i in learnt_from])), base=base)
                for i in held_out:
                    p = prepared[i]
                    labels = model.tag_read(p.features, p.readings)
                    held.setdefault(size, {})[p.example.key] = records_of(p, labels)
                    if size == 0:
                        by_roles[p.example.key] = roles_records(p, labels)
            tick()
    def scored(rows: list[Counter[str]]) -> dict[str, float]:  # (the measures of these pages' counts, summed)
        return _measures(_total(rows, everything), n)

    if before is None:  # Newsdesk's own split: the rules, as the profile's trials split every page
        own_rows = list(table[Profile()])
    else:
        own_rows = [page_counts(p.gold, page_records(before(p.example), with_tags=False)) for p in prepared]
    scores_before = scored(own_rows)
    # the shipped model's split: its labels, read with the pages, decoded
    shipped_rows = [page_counts(p.gold, records_of(p, p.readings["base"])) for p in prepared]
    scores_shipped = scored(shipped_rows)
    after_rows = [page_counts(p.gold, held[0][p.example.key]) for p in prepared]
    scores_after = scored(after_rows)
    roles_rows = [page_counts(p.gold, by_roles[p.example.key]) for p in prepared]
    scores_roles = scored(roles_rows)
    pairs = {"profile": paired(found.rows, own_rows), "shipped": paired(shipped_rows, own_rows),
             "project": paired(after_rows, own_rows), "roles": paired(roles_rows, own_rows)}
    points = [{"pages": 0, **scores_before}]
    points += [{"pages": size, **score_pages([prepared[i] for i in order[size:]], held[size])} for size in sizes]
    points.append({"pages": round(len(prepared) * (len(sets) - 1) / len(sets)), **scores_after})
    info = {"trained_on": {"pages": len(prepared), "base": base.info.get("trained_on")},
            PROFILE: found.profile.to_json()}
    sequences_all = sequences(prepared)
    model = ProjectModel(crf_all, dict(info, pages=len(prepared), **seen_info(sequences_all)), base=base)
    return Learnt(model, [p.example.key for p in prepared], scores_before, scores_after, points, len(sets),
                  time.perf_counter() - started, scores_shipped, base, found.scores, found.moved, pairs, scores_roles,
                  {"own": own_rows, "profile": found.rows, "shipped": shipped_rows, "project": after_rows,
                   "roles": roles_rows})


def _seeded_order(n: int, seed: int) -> list[int]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return order


@dataclass
class Found:
    """The paper's profile of the rules learnt from every page, its cross-validated scores, and what each
    of its values does alone to the split of the pages learnt from."""

    profile: Profile
    scores: dict[str, float]
    moved: list[dict[str, Any]]
    rows: list[Counter[str]]  # each page's counts, split with the profile learnt without it


def _measures(counts: Counter[str], pages: int) -> dict[str, float]:
    result = measures(counts, pages)
    return {m: result[m] for m in MEASURES}


def _total(rows: list[Counter[str]], indices: Sequence[int]) -> Counter[str]:
    out: Counter[str] = Counter()
    for i in indices:
        out += rows[i]
    return out


def _pick(table: Mapping[Profile, list[Counter[str]]], indices: Sequence[int]) -> tuple[Profile, list[Profile]]:
    """From the single-value profiles' splits of the pages `indices`: every parameter's best value where it
    raises article F1 by PROFILE_MIN_GAIN and recovers PROFILE_MIN_ARTICLES more articles at no cost
    beyond PROFILE_MAX_COST to the other measures ranked, all of them together, and the single ones in
    order."""
    n = len(indices)
    own = _total(table[Profile()], indices)
    rules = _measures(own, n)
    best: dict[str, tuple[tuple[float, float], Profile]] = {}
    for trial, rows in table.items():
        if not trial:
            continue
        counts = _total(rows, indices)
        result = _measures(counts, n)
        if (result["article_f1"] - rules["article_f1"] < PROFILE_MIN_GAIN - 1e-9
                or counts["recovered"] - own["recovered"] < PROFILE_MIN_ARTICLES
                or any(result[m] < rules[m] - PROFILE_MAX_COST for m in RANKED)):
            continue
        name = trial.values[0][0]
        if name not in best or _rank(result) > best[name][0]:
            best[name] = (_rank(result), trial)
    singles = [trial for _, trial in sorted(best.values(), key=lambda x: x[0], reverse=True)]
    together = Profile.of({k: v for trial in singles for k, v in trial.values})
    return together, singles


def profile_search(prepared: Sequence[Prepared], sets: list[list[int]], table: dict[Profile, list[Counter[str]]],
                   workers: _Workers, tick: Callable[[], None]) -> Found:
    """The paper's profile (`_pick` on every page, the values together where they do better together
    than the best one alone), measured by doing the same on each fold's other pages and splitting the fold
    with what it found."""
    n = len(prepared)
    everything = list(range(n))
    picks = [_pick(table, [i for i in everything if i not in held_out]) for held_out in sets]
    picks.append(_pick(table, everything))
    wanted = {together for together, singles in picks if len(singles) > 1}
    futures = {trial: workers.submit("split", trial.values) for trial in sorted(wanted, key=lambda t: t.values)}
    for trial, future in futures.items():
        table[trial] = future.result()
    for _ in range(len(picks) - len(futures)):
        tick()
    for _ in futures:
        tick()

    def chosen(together: Profile, singles: list[Profile], indices: Sequence[int]) -> Profile:
        if not singles:
            return Profile()
        if len(singles) == 1:
            return singles[0]
        m = len(indices)
        both = _rank(_measures(_total(table[together], indices), m))
        return together if both >= _rank(_measures(_total(table[singles[0]], indices), m)) else singles[0]

    rows: list[Counter[str]] = [Counter() for _ in everything]
    for held_out, (together, singles) in zip(sets, picks, strict=False):
        learnt_from = [i for i in everything if i not in held_out]
        for i in held_out:
            rows[i] = table[chosen(together, singles, learnt_from)][i]
    held = _total(rows, everything)
    final = chosen(*picks[-1], everything)
    rules = _measures(_total(table[Profile()], everything), n)
    moved = []
    for name, value in final.values:
        alone = _measures(_total(table.get(Profile.of({name: value}), table[Profile()]), everything), n)
        moved.append({"name": name, "value": value, "rules": default(name),
                      "article_f1": [rules["article_f1"], alone["article_f1"]]})
    return Found(final, _measures(held, n), moved, rows)


class _Workers:
    """Runs the fits and the profile's splits: in worker processes for many pages (spawned, never forked:
    the app runs Qt; each worker is handed every page once, and ends with its parent, as
    `batch.map_pages`'s workers do), else in this process when asked for the result."""

    def __init__(self, prepared: Sequence[Prepared], jobs: int):
        self.state = _state(prepared)
        workers = jobs or (min(POOL_JOBS, os.cpu_count() or 1) if len(prepared) >= POOL_MIN_PAGES else 1)
        self.pool = (ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"), _take_pages,
                                         (self.state, os.getpid())) if workers > 1 else None)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, kind: str, arg: Any) -> Future[Any]:
        if self.pool:
            return self.pool.submit(_work, kind, arg)
        return _Later(lambda: _run(self.state, kind, arg))


class _Later(Future):
    """A job done in this process when its result is asked for."""

    def __init__(self, job: Callable[[], Any]):
        super().__init__()
        self.job = job

    def result(self, timeout: float | None = None) -> Any:
        if not self.done():
            self.set_result(self.job())
        return super().result(timeout)


def _state(prepared: Sequence[Prepared]) -> dict[str, Any]:
    return {"seqs": sequences(prepared), "pages": [(p.example.key, p.example.text) for p in prepared],
            "golds": [p.gold for p in prepared]}


def _run(state: dict[str, Any], kind: str, arg: Any) -> Any:
    """A job: a fit on some pages' sequences, or every page's split under a profile, counted against its
    truth (a split that came out as under an earlier profile is not counted again: most values of a
    parameter change few pages)."""
    if kind == "fit":
        return fit_crf([state["seqs"][i] for i in arg])
    profile = Profile(arg)
    trials = state.setdefault("trials", Trials())
    counted = state.setdefault("counted", {})
    out = []
    for i, ((name, text), gold) in enumerate(zip(state["pages"], state["golds"], strict=True)):
        page = trials.split(i, name, text, profile)
        key = (i, tuple((it.kind, tuple((b.role, b.spans) for b in it.blocks)) for it in page.items))
        if key not in counted:
            counted[key] = page_counts(gold, page_records(page, with_tags=False))
        out.append(counted[key])
    return out


_worker_state: dict[str, Any] = {}  # a worker's copy of every page


def _take_pages(state: dict[str, Any], parent: int) -> None:
    """Worker initializer: every page, and an end to the worker if its parent dies."""
    from .batch import exit_with_parent

    exit_with_parent(parent)
    _worker_state.update(state)


def _work(kind: str, arg: Any) -> Any:
    return _run(_worker_state, kind, arg)


def _value(v: Any) -> str:
    return {None: "per page", True: "headlines first", False: "headlines after"}.get(v, str(v)) \
        if v is None or isinstance(v, bool) else str(v)


CHOICES = {"project": "the project's model splits these pages best: it is used from now on",
           "profile": "the rules with this paper's profile split these pages best: they are used from now on",
           "shipped": "the shipped model splits these pages best: it is used from now on",
           "roles": "the rules, reading each line's role as the project's model does, split these pages best: "
                    "they are used from now on",
           "own": "Newsdesk's own split does these pages best: it stays (the project's model is kept, not used)"}


def format_summary(learnt: Learnt) -> str:
    """What a training did, for a person: pages used, the held-out scores before and after, the choice."""
    lines = [f"learnt from {len(learnt.pages)} page(s) in {learnt.seconds:.0f} s; scores on pages the model "
             f"did not learn from ({learnt.folds}-fold cross-validation):",
             f"  {'measure':20} {'before':>8} {'shipped':>8} {'after':>8}"]
    for m in MEASURES:
        lines.append(f"  {m:20} {learnt.before[m]:>8.3f} {learnt.shipped.get(m, 0.0):>8.3f} {learnt.after[m]:>8.3f}")
    lines.append("(before: Newsdesk's own split; shipped: the shipped model; after: the project's model)")
    if learnt.profiled:
        lines.append(f"the rules with this paper's profile: article F1 {learnt.profiled['article_f1']:.3f} "
                     f"(cross-validated); " + (", ".join(
                         f"{m['name'].partition('.')[2]} {_value(m['rules'])} -> {_value(m['value'])} (alone: "
                         f"{m['article_f1'][0]:.3f} -> {m['article_f1'][1]:.3f})" for m in learnt.moved)
                         if learnt.moved else "no parameter moved: the rules' own values split these pages best"))
    if learnt.roles:
        lines.append(f"the rules reading each line's role as the project's model does: article F1 "
                     f"{learnt.roles['article_f1']:.3f} (cross-validated)")
    if learnt.paired:
        lines.append("page by page against Newsdesk's own split (pages split better / worse): " + ", ".join(
            f"{name} {wins} / {losses}" for name, (wins, losses) in learnt.paired.items()))
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
