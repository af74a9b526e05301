"""A heading between two texts, a feature's subhead or the next article's headline, decided by a model fit on
typeset pages (issue 9): a logistic regression over the cues the rules read one at a time (the character pairs
the texts share, the heading's and the article's headline's words, the heading's shape, its blank lines against
the page's own titles' and subheads', the lengths of the texts either side) and the rules' own decision.

The weights are in `models/heading.json`, built by `python -m tools.build_heading_model` (typeset pages of the
tuning month, the tuned families only; the held-out families and the test month are never learnt from). The
model overrides the rules only where it is sure (`MARGIN`), and never on a heading too short to be a headline
(`MIN_WIDTH`): there the rules' reading stands."""

from __future__ import annotations

import json
import math
import re
import statistics
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import roles
from .layout import HEAD, PARA, Unit

MODEL = Path(__file__).with_name("models") / "heading.json"
# the model turns the rules' decision over only where its probability of a headline is this far past 0.5 the
# other way (three typeset draws, 2020-02 seeds 0 and 5 and 2019-02 seed 3, heading decisions: 0.2 breaks 2,
# 0 and 2 read right where 0.1 broke 10, 1 and 4 and 0 broke 16, 5 and 11; it mends 11, 14 and 13)
MARGIN = 0.2
# a heading this short (`roles.width`) stays as the rules read it: a label over data lines (普惠贷款) is no
# headline, which the rules tell (`assembly._heads_some_text`) and the cues do not
MIN_WIDTH = 6
# the model is used (False: the rules alone, as when its training decisions are collected)
ENABLED = True

_DATE = re.compile(r"\d+月\d+日")


def unspaced(text: str) -> str:
    """A heading line with its letter spacing taken out (荆 州 中 医 -> 荆州中医: most of its characters set apart
    by spaces), so that its words and its width read as the same heading set tight."""
    parts = text.split()
    if len(parts) >= 3 and sum(1 for p in parts if len(p) == 1) >= 0.8 * len(parts):
        return "".join(parts)
    return text.strip()


def _pairs(units: Sequence[Unit]) -> frozenset[str]:
    """`assembly.headline_pairs` of these units' headings, read unspaced."""
    from . import assembly as a

    return a.char_pairs("".join(unspaced(ln.text) for u in units if u.kind == HEAD and not roles.is_label(u.text)
                                for ln in u.lines))


def _bins(f: dict[str, float], name: str, value: float, edges: tuple[float, ...]) -> None:
    for e in edges:
        f[f"{name}<{e:g}"] = 1.0 if value < e else 0.0


@dataclass(frozen=True)
class _PageCues:
    """What the page's own headings show, the same for every decision on it: the median blank lines over its full
    headlines and under them, how many there are, and its sure subheads (a heading between two texts the text
    below carries on strongly) as (group index, blank lines over, blank lines under, width)."""

    titles_bb: float | None
    titles_ba: float | None
    titles: int
    sure: tuple[tuple[int, int, int, float], ...]


# the page read last and its cues: each of a page's decisions reads them, and reading them again for each one
# made a long page's split quadratic in its headings
_last_page: tuple[list[object] | None, _PageCues | None] = (None, None)


def _page_cues(seq: list[object]) -> _PageCues:
    global _last_page
    read, cues = _last_page
    if read is seq and cues is not None:
        return cues
    from . import assembly as a

    groups = [k for k, x in enumerate(seq) if isinstance(x, a.Group)]
    strong = [k for k in groups if seq[k].strong]
    over = [seq[k].units[0].lines[0].blank_before for k in strong]
    under = [seq[k + 1].lines[0].blank_before for k in strong if k + 1 < len(seq) and isinstance(seq[k + 1], Unit)]
    sure = tuple((k, seq[k].units[0].lines[0].blank_before, seq[k + 1].lines[0].blank_before,
                  roles.width(seq[k].units[0].lines[0].text.strip()))
                 for k in groups if not seq[k].strong and 0 < k < len(seq) - 1
                 and isinstance(seq[k - 1], Unit) and isinstance(seq[k + 1], Unit)
                 and a.continuity(a._run_before(seq, k), a.para_text(a._units_after(seq, k))) >= 0.2)
    cues = _PageCues(statistics.median(over) if over else None, statistics.median(under) if under else None,
                     len(strong), sure)
    _last_page = (seq, cues)
    return cues


def features(seq: list[object], gi: int, above: list[Unit], forward: bool, rule: bool,
             headline: object | None) -> dict[str, float]:
    """The cues of heading group gi of `seq` (`assembly`'s groups and units), between the text `above` (the
    article it would sit in) and the text under it, read `forward` or backward, with `headline` the headline
    group of the article above (forward) and `rule` the rules' decision (True: it heads an item)."""
    from . import assembly as a

    g = seq[gi]
    heads = [u for u in g.units if u.kind == HEAD]
    lines = [unspaced(ln.text) for u in heads for ln in u.lines]
    htext = "".join(lines)
    f = {"rule": float(rule), "forward": float(forward), "headed": float(headline is not None or not forward)}
    cont = a.topic_below(seq, gi, above)
    f["cont"] = cont
    _bins(f, "cont", cont, (0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3))
    before, after = a._run_before(seq, gi), a.para_text(a._units_after(seq, gi))
    loc = a.continuity(before, after)
    f["loc"] = loc
    _bins(f, "loc", loc, (0.05, 0.1, 0.2))
    pairs = _pairs(g.units)
    below_open = "".join(u.text for u in a._units_after(seq, gi))[:a.TOPIC_CHARS]
    inb = ina = inr = 0.0
    if pairs:
        inb = len(pairs & a.char_pairs(below_open)) / len(pairs)
        ina = len(pairs & a.char_pairs(a._opening(above))) / len(pairs)
        inr = len(pairs & a.char_pairs(before[-a.TOPIC_CHARS:])) / len(pairs)
    f["hw_below"], f["hw_above_open"], f["hw_above_end"] = inb, ina, inr
    f["hw_lean"] = inb - max(ina, inr)
    hp = _pairs(headline.units) if headline is not None else frozenset()
    if hp:  # the words of the headline of the article above: back in the text below, or only above
        f["art_below"] = len(hp & a.char_pairs(below_open)) / len(hp)
        f["art_above"] = len(hp & a.char_pairs(a.para_text(above)[:a.TOPIC_CHARS])) / len(hp)
        f["art_drop"] = f["art_above"] - f["art_below"]
        _bins(f, "art_drop", f["art_drop"], (0.0, 0.2, 0.4))
        f["hw_vs_art"] = inb - f["art_below"]
    elif headline is None:
        f["no_art"] = 1.0
    n = len(lines)
    f["lines1"], f["lines2"], f["lines3+"] = float(n == 1), float(n == 2), float(n >= 3)
    f["headings"] = float(a._headings(heads)) if heads else 0.0
    width = roles.width(lines[0]) if lines else 0.0
    _bins(f, "w", width, (6, 10, 16, 24))
    f["comma"] = float(any(c in htext for c in "，,、；;"))
    f["stop"] = float(any(c in htext for c in "。！？"))
    f["ends_dash_colon"] = float(bool(lines) and lines[0].endswith(a.PART_ENDS))
    f["quote"] = float(htext[:1] in "“「《")
    f["strong"], f["byline"], f["banner"] = float(g.strong), float(g.has_byline), float(g.banner)
    f["named_part"] = float(a._named_part(seq, gi))
    f["parallel"] = float(a.parallel_heading(seq, gi))
    f["numbered"] = float(a.part_number(htext) is not None)
    f["some_text_below"] = float(a._heads_some_text(seq, gi, True))
    f["short_item"] = float(a._short_item_over(seq, gi))
    f["tagged"] = float(roles.is_tagged_title(htext))
    f["subtitle"] = float(any(roles.is_subtitle(u.text) for u in heads))
    f["kicker"] = float(any(roles.is_kicker(u.text) for u in heads))
    f["labelled"] = float(bool(heads) and a._labelled(heads))
    # blank lines over and under it, against the page's full headlines' and its sure subheads'
    nxt = seq[gi + 1]
    bb, ba = g.units[0].lines[0].blank_before, nxt.lines[0].blank_before
    page = _page_cues(seq)
    f["bb>ba"], f["bb=ba"], f["bb0"], f["ba0"] = float(bb > ba), float(bb == ba), float(bb == 0), float(ba == 0)
    if page.titles_bb is not None:
        f["bb>=titles"], f["bb<titles"] = float(bb >= page.titles_bb), float(bb < page.titles_bb)
    if page.titles_ba is not None:
        f["ba>=titles"], f["ba<titles"] = float(ba >= page.titles_ba), float(ba < page.titles_ba)
    sure = [s for s in page.sure if s[0] != gi]
    f["page_subs"] = float(bool(sure))
    if sure:
        sbb = statistics.median(s[1] for s in sure)
        sba = statistics.median(s[2] for s in sure)
        f["bb>subs"], f["bb<subs"], f["ba>subs"], f["ba<subs"] = (
            float(bb > sbb), float(bb < sbb), float(ba > sba), float(ba < sba))
        sw = statistics.median(s[3] for s in sure)
        f["w>subs+4"], f["w<subs-4"] = float(width > sw + 4), float(width < sw - 4)
    _bins(f, "nstrong", page.titles, (2, 4, 8))
    # the lengths of the text above and below
    la = len(a.para_text(above))
    f["len_above"] = math.log1p(la) / 8
    _bins(f, "la", la, (200, 500, 800, 1500))
    _bins(f, "lb", len("".join(u.text for u in a._own_text_below(seq, gi))), (80, 300, 800))
    prev = seq[gi - 1]
    f["above_closed"], f["above_sentence"] = float(prev.end_marker), float(roles.ends_sentence(prev.text))
    f["opening_below"] = float(nxt.opening)
    f["measure_change"] = float(a.measure_changes(seq, gi, above))
    f["band_item"] = float(a.starts_band_item(g))
    f["under_ad"], f["over_ad"] = float(g.under_ad), float(g.over_ad)
    f["date_below"] = float(bool(_DATE.match(nxt.text.strip())))
    return {k: v for k, v in f.items() if v}


def between_texts(seq: list[object], gi: int, above: list[Unit]) -> bool:
    """Is group gi a heading between two texts, with paragraphs in `above`: a decision the model makes?"""
    return (0 < gi < len(seq) - 1 and isinstance(seq[gi - 1], Unit) and isinstance(seq[gi + 1], Unit)
            and any(u.kind == PARA for u in above))


_RECORDED: list[tuple] | None = None


@contextmanager
def collecting() -> Iterator[list[tuple]]:
    """The rules alone, and each decision they make on a heading between two texts recorded, as
    (seq, gi, above, forward, rule, headline): what `tools.build_heading_model` learns from."""
    global ENABLED, _RECORDED
    out: list[tuple] = []
    was, ENABLED, _RECORDED = ENABLED, False, out
    try:
        yield out
    finally:
        ENABLED, _RECORDED = was, None


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The shipped model's weights (feature -> weight toward a headline), read once."""
    return json.loads(MODEL.read_text(encoding="utf-8"))["weights"]


def probability(f: dict[str, float], w: dict[str, float]) -> float:
    """The model's probability that a heading with cues `f` heads an item of its own."""
    z = sum(w.get(k, 0.0) * v for k, v in f.items())
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))


def heads_item(seq: list[object], gi: int, above: list[Unit], forward: bool, rule: bool,
               headline: object | None) -> bool:
    """Does heading group gi head an item of its own (True) or go on the article above as its subheads? The
    rules' decision `rule`, turned over where the model is sure it is wrong (`MARGIN`)."""
    if not between_texts(seq, gi, above):
        return rule
    if _RECORDED is not None:
        _RECORDED.append((seq, gi, list(above), forward, rule, headline))
    if not ENABLED:
        return rule
    first = next((u for u in seq[gi].units if u.kind == HEAD), None)
    if first is None or roles.width(unspaced(first.lines[0].text)) < MIN_WIDTH:
        return rule
    p = probability(features(seq, gi, above, forward, rule, headline), weights())
    return p >= 0.5 - MARGIN if rule else p > 0.5 + MARGIN
