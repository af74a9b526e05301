"""Two articles side by side in one band of a page, extracted column chunk by column chunk: chunks of one height.

Columns set next to each other in one band of a printed page are one height, so where PDF or OCR text of two
such articles comes out a chunk at a time, the chunks come in one period: a chunk of article A, as many
printed lines (and blank lines) of article B, A again where it left off, and so on. Where the period shows,
it tells every chunk switch at once, those with a blank line between the chunks and those with none, and
which article each chunk goes on (every other one), which the joins and the topics of the runs alone
(`chunks.shared_measure_threads`) tell only switch by switch.

`reading_order` looks for such a band (`band_regions`): for each period (`MIN_PERIOD` to `MAX_PERIOD` printed
lines, blank lines counted) and each phase, the page's lines fall into chunks of that height, and each chunk
scores how much better it carries on the chunk two before it (the same article's, if the band holds two) than
the one right before it: the join of the sentence that chunk left open (`chunks.join_evidence`: a word or a
clause running across, a sentence that cannot go on) and the words it keeps: the character pairs it shares
with the chunks of its own turn either side of it (every other chunk, `TOPIC_WINDOW` each way) and not with
the chunks of the other turn, less those it shares with the other turn alone (`TOPIC_WEIGHT`; two articles of
one topic share their common words, and each keeps its own names and things over its chunks). The best run of
chunks (each costing `CHUNK_COST`: a chunk that shows nothing lowers the run) that scores `MIN_BAND_SCORE` or
more over `MIN_BANDS` chunks (`MIN_TOPIC_BAND_SCORE` where no join across a switch shows it, `HEADED_BAND_SCORE`
where two headlines side by side open it) is a band; it is then widened over the chunks either side that do not
contradict it, back at most to the chunk that opens with two headlines side by side, and the article whose text ends
first (its last line a sentence's end, the other's text carried on under it, or under a paragraph's end with no
gap where the page parts its paragraphs by blank lines) closes it. The band's two articles are put one after the other
(the one the page reads on in last); the rest
of the page (above, below and between bands) is read by `chunks.reading_order`.

The lines keep their spans: only their order changes (a line that follows another than the one above it on
the page starts a column break).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import roles
from .assembly import char_pairs
from .chunks import (
    CANNOT_OPEN,
    FALSE_START,
    MID_START,
    MIN_CUT_PAIRS,
    WORD_ACROSS,
    column_measure,
    cut_runs,
    read_in_order,
)
from .chunks import reading_order as chunk_order
from .layout import Ln, blank_parted
from .tags import load_jieba

_HAN = re.compile(r"[\u4e00-\u9fff]")

# --- named parameters (each with its reason) -------------------------------------------------------------
MIN_PERIOD = 3  # printed lines a band's chunk holds at least (fewer tell nothing: a line or two of text)
MAX_PERIOD = 16  # ... at most: taller chunks put few switches on a page, most at blank lines the runs' search
# reads (`chunks.shared_measure_threads`), and each period tried costs a pass over the page
TOPIC_LINES = 3  # lines at a chunk's edge whose character pairs are compared (where it joins its article)
TOPIC_WEIGHT = 4.0  # a chunk whose pairs are all its own turn's and none the other's
TOPIC_WINDOW = 3  # chunks of each turn either side of a chunk whose pairs its own are matched against (an article
# keeps its names and things over a few chunks; one chunk before shares little more than the topic's common words)
TOPIC_FULL_PAIRS = 20.0  # pairs a chunk's first lines need for their topic to count in full (a stub tells little)
CHUNK_COST = 0.5  # a chunk that shows no switch lowers a band by this (one article's text shows none)
MIN_BAND_SCORE = 6.0  # what a band's chunks must show in all: three joins across a switch, or topics as strong
MIN_TOPIC_BAND_SCORE = 9.0  # ... where no chunk of it carries a sentence or a word across a switch (its topics alone:
# one article whose paragraphs repeat a list of words every few lines shows as much; half as much again)
HEADED_BAND_SCORE = 4.0  # ... where two headlines side by side open the run (`_headed`; its joins must still show
# it, `_joined`): a short pair's chunks are few, and its words, matched against chunks past the pair, tell little;
# one article's text does not open a run with two headlines in a row at the grid's chunk starts
MIN_BANDS = 4  # chunks a band holds at least (two of each article: a chunk going back to each)
WIDEN_FLOOR = -1.0  # a chunk showing less than this ends the band (a join or a topic that contradicts it)
WIDEN_COST = 0.25  # a chunk the band is widened over lowers it by this (it needs some evidence of its own)
HEADS_FLOOR = 2 * WIDEN_FLOOR  # past chunks that together contradict a band by `WIDEN_FLOOR`, two headlines side by side
# still open it where the chunks over them contradict it by no more than this (each one not by `WIDEN_FLOOR`)
MIN_LINES = 12  # lines a part of the page needs before a band is looked for in it (two chunks of two articles)
HEAD_SHARE = 0.8  # a chunk opens with a headline: its first line heading-shaped and under this share of the measure
PHASES = 2  # phases of each period whose chunks are scored (those whose first lines stand apart the most)
CANDIDATES = 3  # of those, the grids scored in full (the best on the dictionary's joins and their chunks' edges)
MORE_PHASES = 3  # the phases of each period next in standing apart, whose best grid on the dictionary's joins ...
MORE_CANDIDATES = 1  # ... is scored in full too (where two articles' lines share no more and join no less at their
# switches than elsewhere, how far a line stands apart tells the grid little; the joins across its switches do)
RESUME_UNPARTED = 1.0  # in a band's last chunk, a paragraph's end short of the measure with no blank line under it,
# on a page that parts its paragraphs by blank lines: the other article's text resumes there, or the gap would show
NO_WORDS, DICTIONARY, SEGMENTED = 0, 1, 2  # how much of a word running across a join is read (`_Page.join`)
CLOSES_NOTE = ("）", ")")  # a line ending a bracketed note (（作者为…） / （记者…）) may end its article
APART_COST = 0.3  # what a chunk's first line must stand apart from the line above, over the page's mean


@dataclass(frozen=True, slots=True)
class Band:
    """A band of two articles side by side: its first line, the line after it (where the page reads on), its
    lines in reading order (one article's, then the other's), the first line of each article in it, and the lines
    of each article that opens in it, that first line first (`held`: below it, its own text, subheads and all, no
    other article's headline: the band's period tells where each article's chunks go)."""

    first: int
    end: int
    order: tuple[int, ...]
    starts: tuple[int, ...] = ()
    held: tuple[tuple[int, ...], ...] = ()


class _Page:
    """The lines of a page and what the bands' search reads of each, computed once."""

    def __init__(self, lines: tuple[Ln, ...], measure: float):
        self.lines, self.measure = lines, measure
        self.texts = [ln.text for ln in lines]
        self.ends = [roles.ends_sentence(t) for t in self.texts]
        # a line after which an article may end: a sentence's end, or a bracketed note's (`CLOSES_NOTE`)
        self.closes = [e or t.rstrip().endswith(CLOSES_NOTE) for e, t in zip(self.ends, self.texts, strict=True)]
        self.bags = [char_pairs(t) for t in self.texts]
        n = len(lines)
        # a line right under a paragraph's end short of the measure, no blank line between, on a page that parts its
        # paragraphs by blank lines (`layout.blank_parted`): another column's text, not the paragraph's next one
        parted = blank_parted(lines)
        self.unparted = [k > 0 and parted and self.ends[k - 1] and not lines[k].blank_before
                         and lines[k - 1].width < measure - 1 for k in range(n)]
        self.heads = [frozenset().union(*self.bags[k:k + TOPIC_LINES]) for k in range(n)]  # a chunk's first lines
        self.tails = [frozenset().union(*self.bags[max(0, k - TOPIC_LINES + 1):k + 1]) for k in range(n)]  # last
        self.joins: dict[tuple[int, int], float] = {}
        self.words: dict[tuple[int, int], bool] = {}
        self.dictionary = load_jieba().dt.FREQ
        stripped = [t.strip() for t in self.texts]
        han = [(bool(t) and _HAN.match(t[0]) is not None, bool(t) and _HAN.match(t[-1]) is not None) for t in stripped]
        # each line's last one to three characters (a word's start) and first one to three (its end), where
        # a Chinese character ends or opens it (`roles.joins_a_word`: a word of two to four characters)
        self.line_ends = [tuple(t[-k:] for k in range(1, min(3, len(t)) + 1)) if h[1] else ()
                          for t, h in zip(stripped, han, strict=True)]
        self.line_starts = [tuple(t[:m] for m in range(1, min(3, len(t)) + 1)) if h[0] else ()
                            for t, h in zip(stripped, han, strict=True)]
        # how far each line stands apart from the line above it (no join, no shared pairs), over the page's mean
        apart = [0.0] * n
        for k in range(1, n):
            shared = len(self.heads[k] & self.tails[k - 1]) / max(len(self.heads[k]), TOPIC_FULL_PAIRS)
            apart[k] = -self.join(k - 1, k, NO_WORDS) - TOPIC_WEIGHT * shared
        mean = sum(apart) / n
        self.apart = [x - mean for x in apart]
        self.first_at = [n] * (lines[-1].idx + 1)  # printed line -> the first visible line at or after it
        k = n - 1
        for q in range(lines[-1].idx, -1, -1):
            while k >= 0 and lines[k].idx >= q:
                k -= 1
            self.first_at[q] = k + 1

    def join(self, a: int, b: int, words: int = SEGMENTED) -> float:
        """`chunks.join_evidence` of line b after line a. With `words` `DICTIONARY`, a word runs across where
        the dictionary has one (its cheap part: jieba does not check that the break cuts it); with `NO_WORDS`,
        only a sentence that ended and a line opening mid-clause count."""
        if self.ends[a]:
            return -FALSE_START if self.texts[b].lstrip()[:1] in CANNOT_OPEN else 0.0
        score = MID_START if roles.starts_mid_sentence(self.texts[b]) else 0.0
        if words == NO_WORDS:
            return score
        key = (a, b)
        if key not in self.words:
            self.words[key] = self._in_dictionary(a, b)
        if not self.words[key]:
            return score
        if words == DICTIONARY:
            return score + WORD_ACROSS
        if key not in self.joins:
            self.joins[key] = WORD_ACROSS if roles.cuts_a_word(self.texts[a], self.texts[b]) else 0.0
        return score + self.joins[key]

    def _in_dictionary(self, a: int, b: int) -> bool:
        """`roles.joins_a_word` of lines a and b (the end of a and the start of b make a dictionary word), from
        each line's ends read once."""
        words = self.dictionary
        return any(words.get(end + start) for end in self.line_ends[a] for start in self.line_starts[b][:4 - len(end)])

    def opens(self, k: int) -> bool:
        """Does line k open an article: a heading-shaped line well short of the measure?"""
        return self.lines[k].width < HEAD_SHARE * self.measure and roles.is_headingish(self.texts[k])

    def heads_pair(self, a: int, b: int) -> bool:
        """Do lines a and b, the first lines of two chunks in a row, open two articles side by side: both
        heading-shaped and off the measure, a cell or more (a headline set wider than its column, or short of it,
        where a body line of either runs at the measure)?"""
        return all(abs(self.lines[k].width - self.measure) >= 1 and roles.is_headingish(self.texts[k]) for k in (a, b))

    def chunk_pairs(self, cut: dict[int, tuple[int, int]], *chunks: int) -> frozenset[str]:
        """The character pairs of the lines of these chunks of the grid `cut` (those in it)."""
        return frozenset().union(*(self.bags[k] for c in chunks if c in cut for k in range(cut[c][0], cut[c][1] + 1)))

    def chunks(self, lo: int, hi: int, period: int, phase: int) -> dict[int, tuple[int, int]]:
        """The lines lo..hi-1 cut into chunks of `period` printed lines from `phase`: chunk number -> (first,
        last line)."""
        origin = self.lines[lo].idx + phase
        out: dict[int, tuple[int, int]] = {}
        for k in range(lo, hi):
            m = (self.lines[k].idx - origin) // period
            out[m] = (out[m][0], k) if m in out else (k, k)
        return out

    def evidence(self, cut: dict[int, tuple[int, int]], words: int = SEGMENTED, whole: bool = True) -> dict[int, float]:
        """Each chunk's evidence that it carries on the chunk two before it rather than the one before it: the
        joins (`join`, reading `words`) and the character pairs the chunk shares with each, with `whole` those
        of the whole chunk found in its own turn's chunks either side (`TOPIC_WINDOW`) and not in the other
        turn's, less the converse (also for the part's first two chunks, which have no joins to score: they
        only widen a band), else those of the `TOPIC_LINES` lines at the chunks' edges (cheaper, and enough to
        rank the grids)."""
        out = {}
        bags: dict[int, frozenset[str]] = {}

        def bag(m: int) -> frozenset[str]:
            if m not in bags:
                bags[m] = frozenset().union(*self.bags[cut[m][0]:cut[m][1] + 1])
            return bags[m]

        for m, (first, _) in cut.items():
            joined = m - 1 in cut and m - 2 in cut
            if not (joined or whole):
                continue
            if whole:  # (its own article's chunks either side against the other's: the words each article keeps)
                mine = frozenset().union(*(bag(x) for d in range(1, TOPIC_WINDOW + 1) for x in (m - 2 * d, m + 2 * d)
                                           if x in cut))
                theirs = frozenset().union(*(bag(x) for d in range(1, TOPIC_WINDOW + 1)
                                             for x in (m - 2 * d + 1, m + 2 * d - 1) if x in cut))
                head, a, b = bag(m), mine - theirs, theirs - mine
            else:
                head, a, b = self.heads[first], self.tails[cut[m - 2][1]], self.tails[cut[m - 1][1]]
            topic = _leaning(head, a, b)
            if not joined:
                out[m] = TOPIC_WEIGHT * topic
                continue
            two, one = cut[m - 2][1], cut[m - 1][1]
            out[m] = self.join(two, first, words) - self.join(one, first, words) + TOPIC_WEIGHT * topic
        return out


def _leaning(text: frozenset[str], a: frozenset[str], b: frozenset[str]) -> float:
    """How far a text's character pairs lean to `a` rather than `b`: the pairs it shares with a less those it
    shares with b, over its own pairs (at least `TOPIC_FULL_PAIRS`: a stub tells little)."""
    return (len(text & a) - len(text & b)) / max(len(text), TOPIC_FULL_PAIRS)


def _best_run(cut: dict[int, tuple[int, int]], ev: dict[int, float]) -> tuple[float, int, int]:
    """The run of chunks with the highest sum of evidence less `CHUNK_COST` each: (score, first, last). A chunk
    without the two chunks before it (the part's first two) shows no switch: its topic alone does not count."""
    best = (0.0, 0, -1)
    total, start = 0.0, 0
    for m in range(min(cut), max(cut) + 1):
        if total <= 0:
            total, start = 0.0, m
        total += (ev.get(m, 0.0) if m - 1 in cut and m - 2 in cut else 0.0) - CHUNK_COST
        if total > best[0]:
            best = (total, start, m)
    return best


Grid = tuple[int, int]  # a grid of chunks: its period and the printed line its chunks start at, modulo the period


def _find_band(page: _Page, lo: int, hi: int, inherited: tuple[Grid, ...] = ()) -> tuple[Band | None, tuple[Grid, ...]]:
    """The best band in lines lo..hi-1, if one shows, and the grids on which one showed. For each period, the
    `PHASES` phases whose chunks' first lines stand apart from the lines above them the most (`_Page.apart`: a
    band's switches fall on its grid, while one article's lines carry one another on) are ranked on the
    dictionary's joins at their chunks' edges, and the best `CANDIDATES` are scored on every join and topic
    (`_Page.evidence`); so are the best `MORE_CANDIDATES` of the `MORE_PHASES` next phases, and the grids on
    which a band showed in the part of the page around these lines (`inherited`: a band found there first, on
    another grid, may push this part's grid out of the ranking)."""
    origin, end = page.lines[lo].idx, page.lines[hi - 1].idx + 1
    first_at, apart = page.first_at, [x - APART_COST for x in page.apart]
    grids: list[tuple[float, int, int, dict[int, tuple[int, int]]]] = []
    more: list[tuple[float, int, int, dict[int, tuple[int, int]]]] = []
    for period in range(MIN_PERIOD, MAX_PERIOD + 1):
        ranked = []
        for phase in range(period):
            total = top = 0.0
            prev = -1
            for q in range(origin + phase, end, period):
                k = first_at[q]
                if k != prev:
                    prev = k
                    total = (total if total > 0 else 0.0) + apart[k]
                    if total > top:
                        top = total
            ranked.append((top, phase))
        for n, (_, phase) in enumerate(sorted(ranked, reverse=True)[:PHASES + MORE_PHASES]):
            cut = page.chunks(lo, hi, period, phase)
            (grids if n < PHASES else more).append(
                (_best_run(cut, page.evidence(cut, DICTIONARY, whole=False))[0], period, phase, cut))
    scored = [*sorted(grids, key=lambda g: g[:3], reverse=True)[:CANDIDATES],
              *sorted(more, key=lambda g: g[:3], reverse=True)[:MORE_CANDIDATES]]
    for period, at in inherited:
        phase = (at - origin) % period
        if all((g[1], g[2]) != (period, phase) for g in scored):
            scored.append((0.0, period, phase, page.chunks(lo, hi, period, phase)))
    best, shown = None, []
    for _, period, phase, cut in scored:
        ev = page.evidence(cut)
        score, first, last = _best_run(cut, ev)
        if last - first + 1 < MIN_BANDS or score < (HEADED_BAND_SCORE if _headed(page, cut, first) else MIN_BAND_SCORE):
            continue
        if score >= MIN_TOPIC_BAND_SCORE or _joined(page, cut, first, last):
            shown.append((period, (origin + phase) % period))
            if best is None or score > best[0]:
                best = (score, cut, ev, first, last)
    if best is None:
        return None, ()
    _, cut, ev, first, last = best
    return _band(page, cut, ev, first, last), tuple(shown)


def _headed(page: _Page, cut: dict[int, tuple[int, int]], first: int) -> bool:
    """Do two headlines side by side (`_Page.heads_pair`) open the run of chunks from `first`: the first lines of
    its first chunk and the next, or of the chunk before it and its first (each article's first chunk)?"""
    return any(m in cut and m + 1 in cut and page.heads_pair(cut[m][0], cut[m + 1][0]) for m in (first - 1, first))


def _joined(page: _Page, cut: dict[int, tuple[int, int]], first: int, last: int) -> bool:
    """Does any chunk first..last carry on the chunk two before it better than the one right before it by their
    joins alone (a sentence or a word running across the switch)?"""
    return any(page.join(cut[m - 2][1], cut[m][0]) > page.join(cut[m - 1][1], cut[m][0])
               for m in range(first, last + 1) if m in cut and m - 1 in cut and m - 2 in cut)


def _band(page: _Page, cut: dict[int, tuple[int, int]], ev: dict[int, float], m0: int, m1: int) -> Band:
    """The band from chunk m0 to chunk m1 (the run of chunks whose evidence shows it), widened over the chunks
    either side that carry it on, back at most to two headlines side by side (the first article's first chunk
    and the other's), cut where its shorter article ends."""
    def carries(m: int) -> bool:  # (chunk m may carry on the chunk two before it)
        return m in ev and ev[m] >= WIDEN_FLOOR and not page.opens(cut[m][0])

    top = m0 + 2
    m0 = best = max(m0, min(cut))
    total = 0.0
    # (the band starts a chunk earlier where that chunk goes with the band's chunks either side of it, and at the
    # latest where two headlines side by side open it: each article's first chunk; not past chunks that together
    # contradict it)
    while m0 - 1 in ev and ev[m0 - 1] >= WIDEN_FLOOR and total >= HEADS_FLOOR:
        widening = total >= WIDEN_FLOOR  # (past chunks that together contradict it, only two headlines widen it)
        total += ev[m0 - 1] - WIDEN_COST
        m0 -= 1
        if widening and total > 0:
            best, total = m0, 0.0
        if m0 + 1 in cut and page.heads_pair(cut[m0][0], cut[m0 + 1][0]):
            best = m0
            break
    m0 = best
    while m0 not in cut:
        m0 += 1
    for m in range(m0, top + 1):  # (two headlines side by side open the band: each article's first chunk)
        if m + 1 in cut and page.heads_pair(cut[m][0], cut[m + 1][0]):
            m0 = m
    best, total = m1, 0.0
    while carries(m1 + 1):
        total += ev[m1 + 1] - WIDEN_COST
        m1 += 1
        if total > 0:
            best, total = m1, 0.0
    m1 = max(best, m0 + 1)
    lasts = [m1 - 1, m1]  # (the shorter article ends in one of the band's last chunks: the grid holds no longer)
    if carries(m1 + 1) and not page.ends[cut[m1][1]]:
        lasts.append(m1 + 1)  # (the text the band left open goes on in the next chunk: its article's last)
    for m1 in lasts:  # (the last chunk's article ends in it, where a sentence ends and the other's text goes on)
        k = _resumed(page, cut, m1, cut[m1 - 1][1]) if m1 - 1 in cut and m1 > m0 else None
        if k is not None:
            threads = _threads(cut, m0, m1)
            last, other = threads[(m1 - m0) % 2], threads[(m1 - m0 + 1) % 2]
            mine = [x for x in last if x < k]
            return _made(page, cut[m0][0], k, mine, other)
    a, b = _threads(cut, m0, m1)
    end = cut[m1][1] + 1
    if end < len(page.lines) and a and b and _reads_on(page, cut, m0, m1) > 0:
        return _made(page, cut[m0][0], end, b, a)  # (the page reads on in the first
        # article: it goes last)
    return _made(page, cut[m0][0], end, a, b)


def _made(page: _Page, first: int, end: int, read: list[int], then: list[int]) -> Band:
    """The band from line `first` to `end`, its articles' lines read in this order (`read`'s, then `then`'s): the
    lines of an article that opens in it under a heading-shaped line (`_firsts`) below that line are held in that
    article (one opening under a sentence's end above may be the tail of an article above the band: a closing
    note, then its own headline)."""
    starts = _firsts(page, first, read, then)
    held = tuple(tuple(t) for t in (read, then) if t and t[0] in starts and roles.is_headingish(page.texts[t[0]]))
    return Band(first, end, (*read, *then), starts, held)


def _reads_on(page: _Page, cut: dict[int, tuple[int, int]], m0: int, m1: int) -> float:
    """How much better the text after the band (chunk m1's next) carries on the band's first article (chunk m0's
    thread) than the other: the join of its first line to each article's last line, and its character pairs
    found in one article's last two chunks and not in the other's (where both articles' texts close their
    sentences at the band's end, the words tell which goes on)."""
    end = cut[m1][1] + 1
    mine, theirs = (m1, m1 - 2), (m1 - 1, m1 - 3)
    if (m1 - m0) % 2:  # (chunk m1 is the second article's)
        mine, theirs = theirs, mine
    last = {side: max(cut[c][1] for c in chunks if c in cut) for side, chunks in (("a", mine), ("b", theirs))}
    joins = page.join(last["a"], end) - page.join(last["b"], end)
    nxt = cut.get(m1 + 1, (end, min(len(page.lines), end + cut[m1][1] - cut[m1][0] + 1) - 1))
    rest = frozenset().union(*page.bags[nxt[0]:nxt[1] + 1])
    a, b = page.chunk_pairs(cut, *mine), page.chunk_pairs(cut, *theirs)
    return joins + TOPIC_WEIGHT * _leaning(rest, a - b, b - a)


def _firsts(page: _Page, first: int, *threads: list[int]) -> tuple[int, ...]:
    """The first line of each article of a band as it is read (each thread's first line), where it opens an
    article: a heading-shaped line, or one under a sentence's end or a closing note as read (the line above the
    band, the last line of the article read before it). A first line carrying on a sentence left open above it
    is text of the article above read on: a band found in one article's text (a list its paragraphs repeat, the
    same words every other chunk) would cut it into three."""
    out, above = [], first - 1
    for t in threads:
        if t and (above < 0 or page.closes[above] or roles.is_headingish(page.texts[t[0]])):
            out.append(t[0])
        above = t[-1] if t else above
    return tuple(out)


def _threads(cut: dict[int, tuple[int, int]], m0: int, m1: int) -> tuple[list[int], list[int]]:
    """The lines of chunks m0..m1, every other chunk's to one article (m0's) and the rest to the other."""
    threads: tuple[list[int], list[int]] = ([], [])
    for m in range(m0, m1 + 1):
        if m in cut:
            threads[(m - m0) % 2].extend(range(cut[m][0], cut[m][1] + 1))
    return threads


def _resumed(page: _Page, cut: dict[int, tuple[int, int]], m: int, other: int) -> int | None:
    """The line of the band's last chunk m where the other article's text resumes (its last line so far is
    `other`), if its own article ends in the chunk: after a sentence's end, a line that carries on the other's
    sentence or whose text to the chunk's end shares more of its pairs with the other's last two chunks than with
    its own article's two chunks before, or as many where no blank line parts it from a paragraph's end above
    (`_Page.unparted`, `RESUME_UNPARTED`)."""
    first, end = cut[m][0], cut[m][1] + 1
    theirs, mine = page.chunk_pairs(cut, m - 1, m - 3), page.chunk_pairs(cut, m - 2, m - 4)
    for k in range(first + 1, end):
        if not page.closes[k - 1]:
            continue
        rest = frozenset().union(*page.bags[k:end])
        topic = _leaning(rest, theirs, mine)
        if page.join(other, k) - page.join(k - 1, k) + TOPIC_WEIGHT * topic + RESUME_UNPARTED * page.unparted[k] > 0:
            return k
    return None


def band_regions(lines: tuple[Ln, ...]) -> list[Band]:
    """The bands of two articles side by side on the page, in page order: none where the page has no column
    measure (`chunks.column_measure`) or holds no run of text cut mid-sentence at a column's foot right after
    another (`chunks.cut_runs`, as `chunks.shared_measure_threads` needs too)."""
    measure = column_measure(lines)
    if measure is None or len(lines) < MIN_LINES or cut_runs(lines, measure)[1] < MIN_CUT_PAIRS:
        return []  # (only a page whose column chunks a column's foot cuts mid-sentence twice in a row is read)
    page = _Page(lines, measure)
    found: list[Band] = []
    todo: list[tuple[int, int, tuple[Grid, ...]]] = [(0, len(lines), ())]
    while todo:
        lo, hi, inherited = todo.pop()
        if hi - lo < MIN_LINES:
            continue
        band, shown = _find_band(page, lo, hi, inherited)
        if band is None:
            continue
        found.append(band)
        todo += [(lo, band.first, shown), (band.end, hi, shown)]  # (the parts either side: where another band showed)
    return sorted(found, key=lambda b: b.first)


def reading_order(lines: tuple[Ln, ...]) -> tuple[Ln, ...]:
    """The page's lines in reading order: each band's two articles one after the other (`band_regions`), the
    rest of the page as `chunks.reading_order` reads it."""
    bands = band_regions(lines)
    if not bands:
        return chunk_order(lines)
    order: list[int] = []
    at = 0
    for band in bands:
        order += _rest(lines, at, band.first)
        order += band.order
        at = band.end
    order += _rest(lines, at, len(lines))
    starts = {lines[k].start for band in bands for k in band.starts}
    held = {lines[k].start: lines[t[0]].start for band in bands for t in band.held for k in t[1:]}
    return tuple(replace(ln, starts_item=True) if ln.start in starts else replace(ln, held=held[ln.start])
                 if ln.start in held else ln for ln in read_in_order(lines, order))


def _rest(lines: tuple[Ln, ...], a: int, b: int) -> list[int]:
    """Lines a..b-1 (outside the bands) in `chunks.reading_order`'s order."""
    if b - a < MIN_LINES:
        return list(range(a, b))
    part = lines[a:b]
    at = {ln.start: a + n for n, ln in enumerate(part)}
    return [at[ln.start] for ln in chunk_order(part)]
