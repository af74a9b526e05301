"""Two articles printed side by side and extracted column chunk by column chunk: their reading order.

PDF or OCR text of two articles set in columns next to each other often comes out a column chunk at a time:
a few lines of article A, then a few of article B, then A again where it left off, and so on. Read in that
order every chunk switch cuts a sentence and glues the other article's text (or headline) to it.

`reading_order` puts such a page's lines back in reading order, each article's chunks one after the other,
before the rule passes read them. It acts only where the page shows it: two column measures (the width of
the lines a paragraph wraps at) that take turns, chunk after chunk (`alternating_measures`). Each line is
then given to one of the two articles by dynamic programming (`thread_labels`): a line wrapped at one
article's measure is that article's, a line wider than an article's measure is not, and a join that
completes a word or a clause (a word running across the join as jieba's dictionary has it, a line opening
mid-clause) keeps a sentence together; a switch of article costs `SWITCH_COST`. A page whose columns share
one measure, or whose measures never come back, keeps its lines exactly as they were.

The lines keep their spans in the unchanged page text; only their order (and the blank-line count at the
start of the second article, a column break) changes, so an item made of several chunks simply has several
spans.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from . import roles
from .layout import Ln

# --- named parameters (each with its reason) -------------------------------------------------------------
MEASURE_MIN_WIDTH = 8  # cells a line needs to tell its column's measure (a heading or a stub tells none)
MEASURE_SLACK = 1.0  # cells a wrapped line differs from its measure (hanging or pulled-down punctuation)
MEASURE_GAP = 3  # cells two articles' measures differ at least to be told apart by width
MEASURE_MIN_LINES = 6  # wrapped lines that share a width for it to be a column's measure
MEASURE_CANDIDATES = 6  # the most common widths tried as measures (two columns' measures are among them)
MIN_RUN_LINES = 2  # wrapped lines in a row at one measure that make a column chunk
MIN_RETURNS = 6  # times a measure comes back after the other's chunk (A B A B: two), and returns to an article
# its widths confirm, before lines are reordered (two articles of two measures printed one after the other, or
# one article's lines holding figures, come back a few times too)
MIN_TOPIC_PAIRS = 300  # character pairs each article's text needs before its topic tells (about 20 lines)
MAX_SHARED_PAIRS = 0.3  # share of pairs two articles' texts have in common at most (halves of one share more)
MAX_CHUNK_LINES = 40  # lines one column chunk may run before the other article resumes (a tall column)
NONE_YET, CLOSED = -1, -2  # the other article's last line before it starts, and once it is over
BEAM_STATES = 8  # best readings kept at each line (the others' other-article line is rarely the one)
SWITCH_COST = 1.0  # a switch of article needs evidence: most breaks between lines tell nothing either way
WIDTH_EVIDENCE = 2.0  # a line wrapped at one article's measure and not the other's is that article's
WORD_ACROSS = 2.0  # the join completes a dictionary word (提 + 升): the same sentence goes on
MID_START = 2.0  # the line opens mid-clause (，、的 or a character before a comma): it carries a sentence on
FALSE_START = 3.0  # ... after a sentence that ended: that line cannot follow there
# what no sentence opens with (a character before a colon may: 问：, 三、)
CANNOT_OPEN = frozenset("，,、。；;：:！!？?）)”’」』】》%的了着们")


def join_evidence(before: str, after: str) -> float:
    """How strongly the line `after` carries on the line `before` (positive), or cannot (negative)."""
    if roles.ends_sentence(before):
        return -FALSE_START if after.lstrip()[:1] in CANNOT_OPEN else 0.0
    score = 0.0
    if roles.joins_a_word(before, after) and roles.cuts_a_word(before, after):
        score += WORD_ACROSS
    if roles.starts_mid_sentence(after):
        score += MID_START
    return score


def _wrapped(ln: Ln) -> bool:
    """A line cut at its column's measure: wide enough, and its sentence goes on below."""
    return ln.width >= MEASURE_MIN_WIDTH and not roles.ends_sentence(ln.text)


def alternating_measures(lines: tuple[Ln, ...]) -> tuple[float, float] | None:
    """The two column measures that take turns on the page (the one printed first, first), if any.

    A measure is a width at least `MEASURE_MIN_LINES` wrapped lines share. Of two measures at least
    `MEASURE_GAP` cells apart, a wrapped line wider than the narrower one (and its slack) is the wider
    column's; one at the narrower measure may be either (a line of the wider column holding digits or Latin
    letters is narrower too). The two take turns where runs of at least `MIN_RUN_LINES` lines of each
    follow one another and a run comes back after the other's, `MIN_RETURNS` times or more."""
    wrapped = [ln.width for ln in lines if _wrapped(ln)]
    counts = Counter(wrapped)
    measures = sorted((w for w, n in counts.most_common(MEASURE_CANDIDATES) if n >= MEASURE_MIN_LINES), reverse=True)
    best: tuple[int, tuple[float, float]] | None = None
    for k, wide in enumerate(measures):
        for narrow in measures[k + 1:]:
            if wide - narrow < MEASURE_GAP:
                continue
            runs: list[list[str]] = []  # runs of one side's lines, in page order
            for w in wrapped:
                side = _side(w, wide, narrow)
                if not side:
                    continue
                if runs and runs[-1][0] == side:
                    runs[-1].append(side)
                else:
                    runs.append([side])
            sides = [run[0] for run in runs if len(run) >= MIN_RUN_LINES]
            sides = [x for n, x in enumerate(sides) if n == 0 or x != sides[n - 1]]
            returns = max(0, len(sides) - 2)
            if returns >= MIN_RETURNS and (best is None or returns > best[0]):
                best = (returns, (wide, narrow) if sides[0] == "wide" else (narrow, wide))
    return best[1] if best else None


def _side(width: float, wide: float, narrow: float) -> str:
    """Which of two measures a wrapped line's width shows ('' where it shows neither for sure)."""
    return "wide" if abs(width - wide) <= MEASURE_SLACK else "narrow" if abs(width - narrow) <= MEASURE_SLACK / 2 else ""


def width_evidence(ln: Ln, measure: float, other: float) -> float:
    """Does line `ln` belong to the column of `measure` rather than to that of `other`, by its width? A line
    wider than a column's measure is not its line; a wrapped line at the wider measure is the wider column's;
    one at the narrower measure is only likely the narrower column's (a line of the wider column holding
    figures or Latin letters may be as narrow)."""
    if ln.width > measure + MEASURE_SLACK:
        return -WIDTH_EVIDENCE
    if not _wrapped(ln):
        return 0.0
    if measure > other and abs(ln.width - measure) <= MEASURE_SLACK:
        return WIDTH_EVIDENCE
    if measure < other and abs(ln.width - measure) <= MEASURE_SLACK / 2:
        return WIDTH_EVIDENCE / 2
    return 0.0


def thread_labels(lines: tuple[Ln, ...], measures: tuple[float, float]) -> list[int]:
    """Each line's article (0: the column of the first measure, 1: the other) on the best reading by dynamic
    programming. A state is a line's article and the last line of the other (-1: none yet); a line scores its
    width against its article's measure and the other's and the evidence of its join to the line before it in
    its article; a switch costs `SWITCH_COST`."""
    n = len(lines)
    texts = [ln.text for ln in lines]
    fit = [(width_evidence(ln, measures[0], measures[1]), width_evidence(ln, measures[1], measures[0]))
           for ln in lines]
    cache: dict[tuple[int, int], float] = {}

    def ev(a: int, b: int) -> float:
        key = (a, b)
        if key not in cache:
            cache[key] = join_evidence(texts[a], texts[b])
        return cache[key]

    # (article, other article's last line: NONE_YET before its first, CLOSED after its last) -> (score, back)
    steps: list[dict[tuple[int, int], tuple[float, tuple[int, int]]]] = [
        {(t, NONE_YET): (fit[0][t], (t, NONE_YET)) for t in (0, 1)}]
    for i in range(n - 1):
        y = i + 1
        nxt: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {}
        stay = ev(i, y)
        for (t, j), (score, _) in steps[-1].items():
            kept = CLOSED if j >= 0 and y - j > MAX_CHUNK_LINES else j  # a chunk run too long closes the other
            s = score + stay + fit[y][t]
            if (t, kept) not in nxt or s > nxt[t, kept][0]:
                nxt[t, kept] = (s, (t, j))
            if j == CLOSED:
                continue  # (its text ended: the page reads on in this article's column)
            s = score - SWITCH_COST + (ev(j, y) if j >= 0 else 0.0) + fit[y][1 - t]
            if (1 - t, i) not in nxt or s > nxt[1 - t, i][0]:
                nxt[1 - t, i] = (s, (t, j))
        if len(nxt) > BEAM_STATES:
            nxt = dict(sorted(nxt.items(), key=lambda kv: kv[1][0], reverse=True)[:BEAM_STATES])
        steps.append(nxt)
    state = max(steps[-1], key=lambda k: steps[-1][k][0])
    labels = [0] * n
    for i in range(n - 1, -1, -1):
        labels[i] = state[0]
        state = steps[i][state][1]
    return labels


def confirmed_returns(lines: tuple[Ln, ...], labels: list[int], measures: tuple[float, float]) -> int:
    """How many times the reading goes back to an article with the widths to show it: the chunk it goes
    back to and the chunk it leaves each hold a line wrapped at their own article's measure and not the
    other's (the joins that chose the switches cannot confirm them)."""
    bounds = [0, *(k for k in range(1, len(lines)) if labels[k] != labels[k - 1]), len(lines)]
    shown = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        t = labels[a]
        shown.append(any(width_evidence(lines[x], measures[t], measures[1 - t]) > 0 for x in range(a, b)))
    return sum(1 for m in range(2, len(shown)) if shown[m] and shown[m - 1])


def _heading(ln: Ln, measures: tuple[float, float]) -> bool:
    """A heading line: short of both columns' measures, and not a line of text."""
    return ln.width < min(measures) - MEASURE_SLACK and roles.is_headingish(ln.text)


def _pairs(texts: list[str]) -> set[str]:
    """The texts' pairs of neighbouring Chinese characters (their topic, roughly)."""
    out: set[str] = set()
    for t in texts:
        han = [c for c in t if "\u4e00" <= c <= "\u9fff"]
        out.update(a + b for a, b in zip(han, han[1:], strict=False))
    return out


def two_topics(one: list[str], other: list[str]) -> bool:
    """Are these the texts of two articles: each long enough to tell (`MIN_TOPIC_PAIRS` character pairs),
    sharing at most `MAX_SHARED_PAIRS` of the shorter one's pairs? Two halves of one article share more."""
    a, b = _pairs(one), _pairs(other)
    if min(len(a), len(b)) < MIN_TOPIC_PAIRS:
        return False
    return len(a & b) <= MAX_SHARED_PAIRS * min(len(a), len(b))


def reading_order(lines: tuple[Ln, ...]) -> tuple[Ln, ...]:
    """The page's lines in reading order: where two column measures take turns, from the first line of the
    second column's article to the last switch, the lines of the first article, then those of the other
    (its first line set apart as a column break). The same tuple where nothing is interleaved."""
    measures = alternating_measures(lines)
    if measures is None:
        return lines
    wide, narrow = max(measures), min(measures)
    sides = [_side(ln.width, wide, narrow) if _wrapped(ln) else "" for ln in lines]
    if not two_topics([ln.text for ln, s in zip(lines, sides, strict=True) if s == "wide"],
                      [ln.text for ln, s in zip(lines, sides, strict=True) if s == "narrow"]):
        return lines  # (the lines of each measure alone tell it already: one article, or none to tell)
    labels = thread_labels(lines, measures)
    if confirmed_returns(lines, labels, measures) < MIN_RETURNS:
        return lines  # (articles of two measures printed one after the other take turns too)
    switches = [k for k in range(1, len(lines)) if labels[k] != labels[k - 1]]
    a = switches[0]
    while a > 1 and _heading(lines[a - 1], measures):
        labels[a - 1] = labels[a]  # the second article's headline, printed over its first chunk
        a -= 1
    b = len(lines)  # (what follows the last switch reads on in the column it is in)
    first = [x for x in range(a - 1, b) if labels[x] == labels[a - 1]]
    second = [x for x in range(a, b) if labels[x] != labels[a - 1]]
    if not two_topics([lines[x].text for x in first], [lines[x].text for x in second]):
        return lines  # one article's lines of two widths (figures, Latin), not two articles
    first = first[1:]
    order = [*range(a), *first, *second, *range(b, len(lines))]
    out: list[Ln] = []
    chunk = 0
    for n, x in enumerate(order):
        ln = lines[x]
        blank = max(ln.blank_before, 1) if x == second[0] else ln.blank_before
        if n and blank:
            chunk += 1
        out.append(replace(ln, blank_before=blank if n else ln.blank_before, chunk=chunk))
    return tuple(out)
