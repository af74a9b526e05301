"""Two articles printed side by side and extracted column chunk by column chunk: their reading order.

PDF or OCR text of two articles set in columns next to each other often comes out a column chunk at a time:
a few lines of article A, then a few of article B, then A again where it left off, and so on. Read in that
order every chunk switch cuts a sentence and glues the other article's text (or headline) to it.

`reading_order` puts such a page's lines back in reading order, each article's chunks one after the other,
before the rule passes read them. It acts only where the page shows it:

- two column measures (the width of the lines a paragraph wraps at) that take turns, chunk after chunk
  (`alternating_measures`). Each line is then given to one of the two articles by dynamic programming
  (`thread_labels`): a line wrapped at one article's measure is that article's, a line wider than an
  article's measure is not, and a join that completes a word or a clause (a word running across the join as
  jieba's dictionary has it, a line opening mid-clause) keeps a sentence together; a switch of article costs
  `SWITCH_COST`;
- or one measure, the chunks parted by blank lines (`shared_measure_threads`), or by none where a word runs
  across from a chunk's end to the chunk that resumes it (`unmarked_switches`): each run of lines between
  such breaks goes to one of two threads by a beam search over the runs, on the joins, on the topic (the
  character pairs a run shares with each thread's recent runs) and on the chunks' heights (columns set side
  by side are one height, so a chunk as tall as the other article's last one likely ends where it resumes),
  and the reading is kept only where it goes back, several times, to an article whose chunk a column's foot
  cut mid-sentence, between two articles that share few character pairs.

A page whose measures never come back, or whose one-measure reading does not show it, keeps its lines
exactly as they were, but for a headline printed inside the article before it, between the two halves of one
of its sentences (`headlines_inside`): it is set where that article's text ends, over its own article's byline
or opening.

Where the chunks come in one height (a band of the page: `bands.reading_order`, which runs first), the
period tells every switch at once; this module reads the rest of the page.

The lines keep their spans in the unchanged page text; only their order (and the blank-line count at the
start of the second article, a column break) changes, so an item made of several chunks simply has several
spans.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

from . import roles
from .assembly import char_pairs
from .bylines import has_credit, is_byline
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
ENDS_PART = 3  # a column's first and last thirds are compared (`one_article_each`: halves can share an article)
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


def word_across(before: str, after: str) -> bool:
    """Does a dictionary word run across the break from the line `before` to the line `after` (提 / 升), as
    jieba reads the two joined?"""
    return roles.joins_a_word(before, after) and roles.cuts_a_word(before, after)


def join_evidence(before: str, after: str) -> float:
    """How strongly the line `after` carries on the line `before` (positive), or cannot (negative)."""
    if roles.ends_sentence(before):
        return -FALSE_START if after.lstrip()[:1] in CANNOT_OPEN else 0.0
    score = 0.0
    if word_across(before, after):
        score += WORD_ACROSS
    if roles.starts_mid_sentence(after):
        score += MID_START
    return score


def _wrapped(ln: Ln) -> bool:
    """A line cut at its column's measure: wide enough, and its sentence goes on below."""
    return ln.width >= MEASURE_MIN_WIDTH and not roles.ends_sentence(ln.text)


def _at_measure(ln: Ln, measure: float) -> bool:
    """Is the line a full line of the column whose measure is `measure`?"""
    return abs(ln.width - measure) <= MEASURE_SLACK


def _cut_at_foot(ln: Ln, measure: float) -> bool:
    """Is the line a full line of the column that stops mid-sentence (where a column's foot may cut it)?"""
    return _at_measure(ln, measure) and not roles.ends_sentence(ln.text)


def _full_lines(lines: tuple[Ln, ...], run: tuple[int, int], measure: float) -> int:
    """How many lines of the run (first, last) are full lines of the column."""
    return sum(1 for x in range(run[0], run[1] + 1) if _at_measure(lines[x], measure))


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


def _pairs(texts: list[str]) -> frozenset[str]:
    """The lines' pairs of neighbouring Chinese characters (their topic, roughly: `assembly.char_pairs`)."""
    return char_pairs("\n".join(texts))


def two_topics(one: list[str], other: list[str]) -> bool:
    """Are these the texts of two articles: each long enough to tell (`MIN_TOPIC_PAIRS` character pairs),
    sharing at most `MAX_SHARED_PAIRS` of the shorter one's pairs? Two halves of one article share more."""
    a, b = _pairs(one), _pairs(other)
    if min(len(a), len(b)) < MIN_TOPIC_PAIRS:
        return False
    return len(a & b) <= MAX_SHARED_PAIRS * min(len(a), len(b))


def one_article_each(threads: list[list[str]]) -> bool:
    """Is each of two columns' texts one article: the first and last parts of each (`ENDS_PART` of its lines)
    share more of their character pairs than either end of one shares with either end of the other? A column
    whose lines are several articles of a width near its measure, one after another, is no more like itself
    than like the other column."""
    halves = [(_pairs(t[:len(t) // ENDS_PART]), _pairs(t[len(t) - len(t) // ENDS_PART:])) for t in threads]
    def share(a: frozenset[str], b: frozenset[str]) -> float:
        return len(a & b) / max(1, min(len(a), len(b)))
    return min(share(*h) for h in halves) > max(share(x, y) for x in halves[0] for y in halves[1])


def reading_order(lines: tuple[Ln, ...]) -> tuple[Ln, ...]:
    """The page's lines in reading order: where two column measures take turns, from the first line of the
    second column's article to the last switch, the lines of the first article, then those of the other
    (its first line set apart as a column break). Where nothing is interleaved, the same tuple, or with a
    headline printed inside the article before it set over its own text (`headlines_inside`)."""
    measures = alternating_measures(lines)
    if measures is None:
        threads = shared_measure_threads(lines)
        return headlines_inside(lines) if threads is None else instance_order(lines, threads)
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
    if not one_article_each([[lines[x].text for x in first], [lines[x].text for x in second]]):
        return lines  # (several articles of several widths one after another, not two interleaved)
    first = first[1:]
    return _reordered(lines, [*range(a), *first, *second, *range(b, len(lines))], {second[0]})


def read_in_order(lines: tuple[Ln, ...], order: list[int]) -> tuple[Ln, ...]:
    """The lines in `order` (indices into `lines`; the lines themselves where it is the page's): a line that
    comes after another than the one above it on the page starts a column break (a blank line before it)."""
    if order == list(range(len(lines))):
        return lines
    return _reordered(lines, order, {x for n, x in enumerate(order) if n and x and order[n - 1] != x - 1})


def _reordered(lines: tuple[Ln, ...], order: list[int], breaks: set[int]) -> tuple[Ln, ...]:
    """The lines in `order`, each line in `breaks` (but the first) set apart as a column break (a blank line
    before it), their chunks counted again."""
    out: list[Ln] = []
    chunk = 0
    for n, x in enumerate(order):
        ln = lines[x]
        blank = max(ln.blank_before, 1) if x in breaks else ln.blank_before
        if n and blank:
            chunk += 1
        out.append(replace(ln, blank_before=blank if n else ln.blank_before, chunk=chunk))
    return tuple(out)


# --- two articles of one column measure: the joins and the topics tell them apart -------------------------
TOPIC_RUNS = 3  # a thread's last runs of text a run's character pairs are matched against (a column chunk or
# two: the article's recent topic)
TOPIC_WEIGHT = 6.0  # a run whose pairs are all its own thread's and none of the other's
TOPIC_LINES = 3  # lines at each end of a long run its topic is read from (a run's ends are where it joins)
TOPIC_HISTORY_PAIRS = 60.0  # pairs a thread's recent runs need before their topic counts in full (a few lines)
TOPIC_PRIOR = 0.25  # the share a thread of too little text yet is taken to hold (an article's own chunks share
# about 0.2-0.4 of a run's pairs, another article's under 0.1)
TOPIC_FULL_PAIRS = 20.0  # pairs a run needs for its topic to count in full (a short line tells little)
SHARED_SWITCH_COST = 0.5  # a switch of article at a blank line (where column chunks part, but so do paragraphs)
FRESH_COST = 2.0  # a second thread's first run: a new article beside the one in hand
MAX_IDLE_RUNS = 6  # runs a thread may wait before its text is over (the other article's chunks are fewer)
MID_HEADING = 2.0  # a heading cannot carry on a full line that stops mid-sentence
MEASURE_SHARE = 0.5  # share of the wrapped lines at the page's one measure (one-paragraph lines have none)
MIN_CUT_PAIRS = 1  # runs of text cut mid-sentence at a column's foot, then a blank line, right after another
# such run: side by side, both articles' chunks end where their columns do (one article's column break is
# followed by the rest of its sentence, which seldom ends at a column's foot again)
RESUME_SPAN = 10  # lines below a chunk switch with no blank line within which the article left resumes (a column
# chunk or two of the other article's: the typeset chunks run 3-8 lines)
SPLIT_LINES = 3  # lines either side of such a switch whose character pairs are compared
SPLIT_SHARE = 0.05  # share of the pairs below such a switch at most found above it (48 of 51 switches found on
# the test month's 12 typeset pages share less; 23 of 57 line breaks found inside an article share more)
CHUNK_EVEN = 1.0  # a switch back to the other article where the chunk just read is as tall as that article's
# last chunk: columns set side by side in one band are one height, so their chunks come in equal lengths (a
# paragraph's blank line counts as a line); worth twice a switch's cost, less than a join or a chunk's topic
CHUNK_SLACK = 1  # lines two chunks' heights may differ and still be one band's (a blank line at a chunk's edge
# merges with the one between the chunks)
SHARED_BEAM = 8  # readings kept at each run (16 reads the typeset pages the same)
MIN_SHARED_RETURNS = 3  # returns to an article the reading needs before the page is read as interleaved
MIN_GAIN = 3.0  # how much better the two-thread reading must score than the page read straight through (each
# run's topic matched against the runs just above it): a few joins or a chunk's topic


def text_runs(lines: tuple[Ln, ...], cuts: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """The runs of lines between blank lines (and the lines in `cuts`, each of which opens a run), as (first,
    last) line indexes."""
    runs: list[tuple[int, int]] = []
    for k, ln in enumerate(lines):
        if k and not ln.blank_before and k not in cuts:
            runs[-1] = (runs[-1][0], k)
        else:
            runs.append((k, k))
    return runs


def shared_measure_threads(lines: tuple[Ln, ...]) -> list[int] | None:
    """Where two articles share one column measure and their column chunks part at blank lines: each line's
    thread instance (a new one each time a thread takes up a new article beside the other's), or None when
    the page reads best as printed.

    Only a page whose wrapped lines share one measure (`column_measure`) and that holds `MIN_CUT_PAIRS`
    runs cut mid-sentence at a column's foot right after another is read. Its runs of lines between blank
    lines are read as two threads by a beam search (`_RunReader.read`, `SHARED_BEAM` readings kept at each
    run). The reading is kept where it goes back to an article at least `MIN_SHARED_RETURNS` times
    between column chunks of two texts that share few pairs (`_shown_returns`) and scores `MIN_GAIN` above
    the page read straight through; where the reading by the chunks' heights too (`CHUNK_EVEN`) does not, the
    reading by the joins and topics alone is tried."""
    measure = column_measure(lines)
    if measure is None:
        return None
    runs, pairs = cut_runs(lines, measure)
    if pairs < MIN_CUT_PAIRS:
        return None
    reader = _RunReader(lines, runs)
    straight = reader.straight()
    for even in (CHUNK_EVEN, 0.0):  # (the reading by the chunks' heights too, else by the joins and topics alone)
        kinds, score = reader.read(SHARED_BEAM, even)
        if score - straight < MIN_GAIN:
            continue
        instances = _instances(lines, runs, kinds)
        if _shown_returns(lines, runs, kinds, measure, instances) >= MIN_SHARED_RETURNS:
            return instances
        if not even:
            break
    return None


def cut_runs(lines: tuple[Ln, ...], measure: float) -> tuple[list[tuple[int, int]], int]:
    """The runs of lines between blank lines and chunk switches with none (`unmarked_switches`), and how many of
    them, cut mid-sentence at a column's foot on a full line (`MIN_RUN_LINES` full lines or more), come right
    after another such run: side by side, both articles' chunks end where their columns do."""
    runs = text_runs(lines, unmarked_switches(lines, measure))
    cut = [b > a and _cut_at_foot(lines[b], measure) and _full_lines(lines, (a, b), measure) >= MIN_RUN_LINES
           for a, b in runs]
    return runs, sum(1 for k in range(1, len(runs) - 1) if cut[k - 1] and cut[k])


@lru_cache(maxsize=4)
def unmarked_switches(lines: tuple[Ln, ...], measure: float) -> frozenset[int]:
    """The lines where the other article's column chunk starts with no blank line before it.

    Such a line follows a full line at the column's `measure` that stops mid-sentence, and the join tells
    nothing of the sentence going on (no word runs across it, the line does not open mid-clause:
    `join_evidence` not above 0); a dictionary word runs across from the line above it to a chunk's first
    line at most `RESUME_SPAN` lines below (its article resumes there), or from an earlier chunk's last line
    as near above to it (its own article resumes here); and its `SPLIT_LINES` lines share few character
    pairs with as many lines above (`SPLIT_SHARE`). A line break with nothing joining across it is no cut:
    a wrong cut inside an article costs more than a missed switch."""
    n = len(lines)
    texts = [ln.text for ln in lines]
    full = [_cut_at_foot(ln, measure) for ln in lines]
    seen: dict[int, bool] = {}

    def opens(k: int) -> bool:  # (a chunk opens at line k with nothing joining it to the full line above)
        if k not in seen:
            seen[k] = (k > 0 and not lines[k].blank_before and full[k - 1]
                       and join_evidence(texts[k - 1], texts[k]) <= 0)
        return seen[k]

    def starts(k: int) -> bool:
        return k > 0 and lines[k].blank_before > 0 or opens(k)

    joined = set()  # (cheapest tests first: the width, the joins, then the topics)
    for k in range(1, n):  # (k's article resumes at x, or x's article resumed at x from k - 1)
        if not starts(k):
            continue
        for x in range(k + 2, min(n, k + RESUME_SPAN + 1)):
            if (opens(k) or opens(x)) and starts(x) and word_across(texts[k - 1], texts[x]):
                joined.update(y for y in (k, x) if opens(y))
    return frozenset(k for k in sorted(joined) if _apart(texts, k))


def _apart(texts: list[str], k: int) -> bool:
    """Do the `SPLIT_LINES` lines from line k on share at most `SPLIT_SHARE` of their character pairs with as
    many lines above it (one article's lines either side of a line break share more)?"""
    below = char_pairs("".join(texts[k:k + SPLIT_LINES]))
    above = char_pairs("".join(texts[max(0, k - SPLIT_LINES):k]))
    return len(below & above) <= SPLIT_SHARE * len(below)


def _instances(lines: tuple[Ln, ...], runs: list[tuple[int, int]], kinds: list[int]) -> list[int]:
    """Each line's thread instance in a reading of the runs (a new one at each new thread)."""
    instances, current, fresh, t = [0] * len(lines), [0, -1], 0, 0
    for r, (a, b) in enumerate(runs):
        if kinds[r]:
            t = 1 - t
        if kinds[r] == 2:
            fresh += 1
            current[t] = fresh
        for x in range(a, b + 1):
            instances[x] = current[t]
    return instances


class _RunReader:
    """The runs of a page read as two threads (`read`): each run's join to the thread it goes to and its topic
    against that thread's recent runs, computed once and shared by every reading."""

    def __init__(self, lines: tuple[Ln, ...], runs: list[tuple[int, int]]):
        self.lines, self.runs = lines, runs
        texts = [ln.text for ln in lines]
        self.texts = texts
        self.bags = []
        for a, b in runs:
            picked = texts[a:b + 1]
            if len(picked) > 2 * TOPIC_LINES:
                picked = picked[:TOPIC_LINES] + picked[-TOPIC_LINES:]
            self.bags.append(char_pairs("".join(picked)))
        self.heights = [b - a + 1 for a, b in runs]
        self.joins: dict[tuple[int, int], float] = {}
        self.shared: dict[tuple[int, int], int] = {}
        self.sizes = [max(len(bag), TOPIC_FULL_PAIRS) for bag in self.bags]

    def join(self, x: int, r: int) -> float:
        """The join of run x's last line to run r's first."""
        key = (x, r)
        if key not in self.joins:
            a, b = self.runs[x][1], self.runs[r][0]
            self.joins[key] = join_evidence(self.texts[a], self.texts[b]) + _heading_join(self.lines[a], self.lines[b])
        return self.joins[key]

    def topic(self, recent: tuple[int, ...], r: int) -> float:
        """The share of run r's character pairs found in a thread's last runs (`recent`, newest first), each
        run's counted apart (a pair in two of them counts twice, up to the whole run)."""
        shared = self.shared
        total = held = 0
        for x in recent:
            k = shared.get((r, x))
            if k is None:
                k = shared[r, x] = len(self.bags[r] & self.bags[x])
            total += k
            held += len(self.bags[x])
        known = min(1.0, held / TOPIC_HISTORY_PAIRS)  # (a thread of a headline alone tells little yet)
        return known * min(1.0, total / self.sizes[r]) + (1.0 - known) * TOPIC_PRIOR

    def read(self, width: int, chunk_even: float = CHUNK_EVEN) -> tuple[list[int], float]:
        """The best reading found keeping `width` readings at each run: each run's move (0 on in its thread,
        1 back to the other thread, 2 a new thread beside the other) and its score.

        A run scores its join to the last line of the thread it goes to (`join_evidence`: a word or a clause
        running across, a sentence that cannot go on, a heading after an open sentence) and its topic (the
        share of its pairs in its thread's recent runs less the share in the other's, `TOPIC_WEIGHT`); a
        switch costs `SHARED_SWITCH_COST`, a new thread `FRESH_COST`, and a thread that has waited
        `MAX_IDLE_RUNS` runs is over. A switch back where the chunk just read is as tall as the other
        article's last chunk (lines and blank lines, `CHUNK_SLACK`) earns `CHUNK_EVEN`: columns side by side
        are one height. That bonus chooses between readings but is left out of the score returned, which
        says whether the page reads better as two threads than straight through: chunks of even heights
        are no evidence of two articles (one article's column chunks are even too)."""
        n = len(self.runs)
        join, topic, heights = self.join, self.topic, self.heights
        # a reading: (score, current thread, each thread's last runs (newest first; () before it starts or once
        # its text is over), the moves so far, the height of the chunk in hand and of the other's last chunk)
        # (and the height bonuses it holds)
        beam: list[_Reading] = [(0.0, 0, ((0,), ()), (0, 0, None), heights[0], 0, 0.0)]
        for r in range(1, n):
            best: dict[tuple[int, int], _Reading] = {}
            gap = min(self.lines[self.runs[r][0]].blank_before, 1)  # (a blank line is a line's height)
            for score, t, hists, moves, high, other_high, bonus in beam:
                own, other = hists[t], hists[1 - t]
                if other and r - other[0] > MAX_IDLE_RUNS:
                    other = ()  # the other thread's text is over: a new article may start there
                mine = topic(own, r)
                theirs = topic(other, r) if other else 0.0
                cands = [(score + join(r - 1, r) + TOPIC_WEIGHT * (mine - theirs), t, 0, high + gap + heights[r],
                          other_high, bonus)]
                if other:
                    even = chunk_even if other_high and abs(high - other_high) <= CHUNK_SLACK else 0.0
                    cands.append((score - SHARED_SWITCH_COST + even + join(other[0], r) + TOPIC_WEIGHT * (theirs - mine),
                                  1 - t, 1, heights[r], high, bonus + even))
                else:
                    cands.append((score - FRESH_COST - TOPIC_WEIGHT * mine, 1 - t, 2, heights[r], high, bonus))
                for s, u, move, h1, h2, b in cands:
                    h = [own, other] if t == 0 else [other, own]
                    h[u] = (r, *h[u][:TOPIC_RUNS - 1]) if move != 2 else (r,)
                    key = (u, h[1 - u][0] if h[1 - u] else NONE_YET)
                    if key not in best or s > best[key][0]:
                        best[key] = (s, u, (h[0], h[1]), (r, move, moves), h1, h2, b)
            beam = sorted(best.values(), key=lambda b: b[0], reverse=True)[:width]
        score, _, _, node, _, _, bonus = beam[0]
        kinds = [0] * n
        while node is not None and node[0] > 0:
            kinds[node[0]] = node[1]
            node = node[2]
        return kinds, score - bonus

    def straight(self) -> float:
        """The score of the page read straight through, each run's topic against the runs just above it."""
        score = 0.0
        for r in range(1, len(self.runs)):
            above = tuple(range(r - 1, max(r - 1 - TOPIC_RUNS, -1), -1))
            score += self.join(r - 1, r) + TOPIC_WEIGHT * self.topic(above, r)
        return score


def column_measure(lines: tuple[Ln, ...]) -> float | None:
    """The one measure most of the page's wrapped lines are cut at (at least `MEASURE_MIN_LINES` lines and
    `MEASURE_SHARE` of them), if any: column chunks are cut from columns of text."""
    widths = Counter(ln.width for ln in lines if _wrapped(ln))
    if not widths:
        return None
    measure, _ = widths.most_common(1)[0]
    near = sum(k for w, k in widths.items() if abs(w - measure) <= MEASURE_SLACK)
    if near < MEASURE_MIN_LINES or near < MEASURE_SHARE * sum(widths.values()):
        return None
    return measure


def _shown_returns(lines: tuple[Ln, ...], runs: list[tuple[int, int]], kinds: list[int], measure: float,
                   instances: list[int]) -> int:
    """How many times a reading goes back to an article between two column chunks of text: the chunk it
    leaves, the one it goes back to and that article's chunk before each hold `MIN_RUN_LINES` lines or more at
    the column's measure (a caption or a headline set apart is no column chunk), and that chunk before stopped
    mid-sentence on a full line, where a column's foot cuts it (a paragraph that ended is no cut); and the two
    articles' texts share at most `MAX_SHARED_PAIRS` of their character pairs (one article's two parts share
    more)."""
    chunks: list[list[int]] = []  # per chunk: [move that opened it, lines at the measure, first line, last line]
    for r, (a, b) in enumerate(runs):
        full = _full_lines(lines, (a, b), measure)
        if r == 0 or kinds[r]:
            chunks.append([kinds[r], full, a, b])
        else:
            chunks[-1][1] += full
            chunks[-1][3] = b
    shown = 0
    topics: dict[int, set[str]] = {}
    for k in range(2, len(chunks)):
        move, full, first, _ = chunks[k]
        resumed = chunks[k - 2][3]  # (the chunk before the one left is the same thread's)
        cut = _cut_at_foot(lines[resumed], measure)
        if move == 1 and cut and min(full, chunks[k - 1][1], chunks[k - 2][1]) >= MIN_RUN_LINES:
            pair = instances[first], instances[chunks[k - 1][2]]
            for i in pair:
                if i not in topics:
                    topics[i] = _pairs([ln.text for ln, j in zip(lines, instances, strict=True) if j == i])
            a, b = topics[pair[0]], topics[pair[1]]
            if len(a & b) <= MAX_SHARED_PAIRS * min(len(a), len(b)):
                shown += 1
    return shown


_Moves = tuple  # (run, move: 0 stay, 1 switch back, 2 a new thread, the moves before)
# a reading in the beam: (score, current thread, each thread's last runs, the moves, the height of the chunk in
# hand, the height of the other thread's last chunk, the height bonuses in the score)
_Reading = tuple[float, int, tuple[tuple[int, ...], tuple[int, ...]], _Moves, int, int, float]


def _heading_join(before: Ln, after: Ln) -> float:
    """A heading line right after a full line of text that stops mid-sentence does not carry it on."""
    if _wrapped(before) and not roles.ends_sentence(before.text) and after.width < before.width - MEASURE_SLACK \
            and roles.is_headingish(after.text):
        return -MID_HEADING
    return 0.0


def instance_order(lines: tuple[Ln, ...], instances: list[int]) -> tuple[Ln, ...]:
    """The lines with each thread instance's lines together, instances in the order they start; a line that
    comes after another than the one before it on the page starts a column break (a blank line before it)."""
    first: dict[int, int] = {}
    for k, inst in enumerate(instances):
        first.setdefault(inst, k)
    return read_in_order(lines, sorted(range(len(lines)), key=lambda k: (first[instances[k]], k)))


# --- a headline printed inside the article before it -----------------------------------------------------------
HEAD_RUN_LINES = 4  # lines a run of heading lines holds at most (a kicker, a title and a subtitle of two lines)
HEAD_RUNS = 3  # runs of heading lines (a label, a title, a subtitle set apart) one headline block holds at most


def headlines_inside(lines: tuple[Ln, ...]) -> tuple[Ln, ...]:
    """The lines with each headline printed inside the article before it moved to where that article's text
    ends, over its own article's text.

    Such a headline block (runs of heading lines between blank lines, `HEAD_RUNS` at most, each short of or
    wider than the column's measure) stands right after a run of the column's text that a column's foot cut
    mid-sentence (`_text_run`), does not carry that sentence on (`_apart_from`), and is followed by text that
    is no heading, byline or opening: no article ends mid-sentence, so the text below carries the sentence on
    and the block heads nothing there. That text ends where a byline or an opening (本报讯…) follows a
    sentence's end, a jump line or furniture, at a blank line: the article the block heads starts there, and
    the block is set over it. Where another heading comes first (a subhead of the text read on, or the next
    headline), where no such start is found, or where the page has no column measure, the lines stay."""
    measure = column_measure(lines)
    if measure is None:
        return lines
    runs = text_runs(lines)
    texts = [ln.text for ln in lines]

    def heading_run(r: int) -> bool:
        a, b = runs[r]
        return b - a < HEAD_RUN_LINES and all(
            roles.is_headingish(texts[x]) and not has_credit(texts[x])
            and (texts[x].rstrip().endswith("——") or not roles.ends_sentence(texts[x])) for x in range(a, b + 1)
        ) and any(not _at_measure(lines[x], measure) for x in range(a, b + 1))

    def opens_text(r: int) -> bool:  # (an article's text opens here: its byline or its lead, 本报讯…)
        t = texts[runs[r][0]]
        return t.lstrip()[:1] not in "（(" and (is_byline(t) or bool(roles.LEAD_START.match(t)))

    def closed(r: int) -> bool:  # (the text above run r ends: a sentence's end, a jump line, furniture)
        t = texts[runs[r][0] - 1]
        return roles.ends_sentence(t) or roles.is_jump_line(t) or roles.is_furniture(t)

    order = list(range(len(lines)))
    moved = False
    r = 1
    while r < len(runs):
        if not heading_run(r):
            r += 1
            continue
        h2 = r
        while h2 + 1 < len(runs) and h2 + 1 - r < HEAD_RUNS and heading_run(h2 + 1):
            h2 += 1
        before, head = runs[r - 1][1], "".join(texts[runs[r][0]:runs[h2][1] + 1])
        if h2 + 1 >= len(runs) or opens_text(h2 + 1) or heading_run(h2 + 1) or not _text_run(lines, runs[r - 1], measure) \
                or not _apart_from(texts[before], texts[runs[r][0]], head):
            r = h2 + 1
            continue
        end = next((q for q in range(h2 + 2, len(runs)) if heading_run(q) or opens_text(q) and closed(q)), None)
        if end is not None and heading_run(end):
            end = None  # (another heading first: a subhead of the text read on, or the next headline)
        if end is None:
            r = h2 + 1
            continue
        block = list(range(runs[r][0], runs[h2][1] + 1))
        text = list(range(runs[h2 + 1][0], runs[end][0]))
        order[block[0]:text[-1] + 1] = text + block  # (the lines from the block on are still in page order)
        moved = True
        r = end
    return _reordered(lines, order, set()) if moved else lines


def _apart_from(before: str, first: str, block: str) -> bool:
    """Is a block of heading lines set apart from the sentence the line `before` it leaves open: it does not
    carry that sentence on (a word or a clause running across: `join_evidence`), close a bracket or quote that
    text opened, or end on a colon announcing what follows (…奋进的 / 车轮滚滚向前：, 一刀 / 切”, 人文学院）)?"""
    return (join_evidence(before, first) <= 0 and not word_across(before, first)
            and not roles.unbalanced(block, closing=True) and block.rstrip()[-1:] not in "：:")


def _text_run(lines: tuple[Ln, ...], run: tuple[int, int], measure: float) -> bool:
    """A run of a column's text cut mid-sentence at its foot: its last line is a full line at the column's
    `measure` that does not end a sentence, and it holds `MIN_RUN_LINES` such lines or that line could be no
    heading (a title's line may fill the column too)."""
    last = lines[run[1]]
    return _cut_at_foot(last, measure) and (
        _full_lines(lines, run, measure) >= MIN_RUN_LINES or not roles.is_headingish(last.text))
