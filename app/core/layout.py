"""Reading a page's lines into units: the first passes of the rule split, each a pure function.

`read_lines` -> `fixed_roles` (furniture, bylines, credited captions; `ad_roles`: ad regions) ->
`build_units` (headings; body lines joined into paragraphs across hard wraps and column breaks, skipping a
caption printed in between, even one glued to the continuing line) -> `standalone_captions` (short
single-clause sentences standing alone) -> `author_lines` (a line of names under a headline).

Each pass takes immutable lines/units and returns new values; every threshold is a named parameter below.
Everything is judged from how Chinese papers are set (column widths, punctuation, indents, words that run
across a line break), never from a particular paper's words.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from . import roles
from .bylines import (
    ROLE_ALT,
    dispatch_opening,
    has_credit,
    is_author_line,
    is_author_note,
    is_byline,
    is_signed_line,
    labelled_names,
    lead_byline,
    looks_like_name,
    split_credit,
    trailing_byline,
)
from .page import Span, split_lines
from .reflow import OTHER_SPACES


class UnitKind(StrEnum):
    """What the rule passes decided a line or unit is."""

    HEAD = "H"  # a heading: headline line, subhead, banner (assembly decides which)
    BYLINE = "Y"
    PARA = "P"  # a body paragraph
    CAPTION = "C"
    FURN = "F"  # page furniture
    AD = "A"
    SECTION = "S"  # a series banner heading one item
    SUBHEAD = "subhead"
    NONE = ""  # not decided yet


HEAD, BYLINE, PARA, CAPTION = UnitKind.HEAD, UnitKind.BYLINE, UnitKind.PARA, UnitKind.CAPTION
FURN, AD, SECTION, SUBHEAD = UnitKind.FURN, UnitKind.AD, UnitKind.SECTION, UnitKind.SUBHEAD
NONE = UnitKind.NONE

# --- named parameters of the rule passes (each with its reason) ----------------------------------------
DOUBLE_SPACED_MIN_GAPS = 8  # gaps a stretch of lines needs before it can be told double-spaced
DOUBLE_SPACED_SHARE = 0.8  # share of a double-spaced stretch's gaps that are blank lines (spacing may be uneven)
DOUBLE_SPACED_BRIDGE = 1  # gaps in a row with no blank line a double-spaced stretch runs on across (a lost blank)
RUN_ON_SHARE = 0.5  # ... and share of its lines running on mid-sentence (hard-wrapped, not one paragraph a line)
DOUBLE_SPACED_FULL = 0.8  # ... at least this share of its median line's width (at the column's measure: not a
# headline, a byline or a paragraph's few last words over a column break, which run on as well)
DOUBLE_SPACED_EVEN = 0.9  # ... or, at any width, on a whole page with this share of its gaps blank (one paragraph
# a line double-spaced: its headlines and column breaks run on)
# an extraction that sets two blank lines (or more) wherever the print has a gap: its blank lines are counted in
# its smallest gap, once the page has this many gaps (a page of two or three blocks may just be set apart widely)
GAP_UNIT_MIN_GAPS = 4
CAPTION_MAX_WIDTH = 60  # a credited line wider than this is body text that happens to end with 摄
AD_CLUSTER_GAP = 6  # ad-like lines at most this many lines apart form one ad region
AD_MIN_HITS = 3  # ad-like lines an ad region needs (2 if short and one is a contact line)
AD_SHORT_WIDTH = 30  # an ad's slogans and names are short lines
HEADING_LOOKAHEAD = 6  # lines below a candidate heading read to tell a heading from a wrapped line
COLUMN_WINDOW = 12  # lines either side read for the local column width
COLUMN_MIN_LINES = 5  # wrapped lines needed to tell a column width
COLUMN_TOLERANCE = 1.5  # cells a wrapped line may differ from the column's width
COLUMN_AGREEMENT = 0.6  # share of lines within tolerance for the text to count as hard-wrapped
# a sentence-final line this many cells short of the column ends its paragraph: the next character would
# have fitted (unless it is an opening mark, which no line may end on, pushed down with the word it opens)
PARA_END_SHORTFALL = 1
# a paragraph's line this many cells narrower than its measure, before a blank line, is its last (a column
# break cuts at a full line; PDF text of the seeds' pages varies by up to two cells a line: digits, Latin
# letters and punctuation set narrower than a character)
SHORT_LINE_CELLS = 4
INDENT_CELLS = 2  # a paragraph's first line may be short of the column by its indent (two characters)
CAPTION_SENTENCE_WIDTH = 30  # cells a caption with no credit or mark stays within (longer: a short paragraph)
# cells an unmarked caption between two body paragraphs stays within: there a lone sentence is a paragraph of
# one sentence (news prints many), and only a fragment (讨论病情。, a caption's wrapped-off end) is a caption's
INSET_CAPTION_WIDTH = 6
CAPTION_MAX_LINES = 4  # printed lines a photo caption runs to (its own block of lines)
# share of the sentences ending a line that a blank line follows, under which a page parts nothing by blank lines
# (an extraction that drops them, a page whose paragraphs follow one another unparted): there a caption has no
# blank line around it either, and only what stands around it sets it apart from the text
BLANK_PARTS_SHARE = 0.25
# cells by which a line on such a page is wider than its column to be no line of it: a column's lines differ from
# its measure (the median line) by a cell or less, mostly narrower (a line without a clause mark hangs no comma)
OVER_COLUMN_CELLS = 1
# cells by which a caption set at a measure of its own (the photo's width) is narrower than the column whose
# sentence it interrupts: a column's own lines differ by at most COLUMN_TOLERANCE
CAPTION_MEASURE_GAP = 2
# characters of caption text a block above its credit holds (a narrow caption runs to more lines; a block of
# body text set apart is longer: typeset and seed captions are one or two sentences, at most ~80 characters)
CAPTION_BLOCK_CHARS = 90
HEADLINE_BLOCK_LINES = 5  # lines a block standing apart may have and still be one headline (title, subtitle)
# lines without a clause mark read above a line for the headline set in the text that may hold it (a kicker's
# run and a title's, each at most a headline block)
HEADING_STACK_LINES = 2 * HEADLINE_BLOCK_LINES
HEADLINE_MAX_WIDTH = roles.HEADING_MAX_CELLS  # cells a headline's line stays within (as roles.is_headingish reads one)
# cells (and characters) by which a title set right over its text's first line, no blank line between, stops short
# of the column: a line of the text atop its paragraph fills the column unless the next line opens with a mark or
# a character pushed down with its mark (or its digits and Latin letters are set narrower)
GLUED_TITLE_CELLS = 1
# ... read only where the lines under it keep one measure, to `GLUED_TITLE_SPREAD` cells and, those without
# digits or Latin letters, to the character (two or more of the first `GLUED_TITLE_LINES` lines of its block, each at the
# column's measure): PDF text of a proportional font varies by a cell or two a line (the seeds' pages, their
# lines of one width holding 16 characters or 17), and there a line two cells short of the column says nothing
GLUED_TITLE_SPREAD = 0.5
GLUED_TITLE_LINES = 3
PARA_A_LINE_MIN = 5
PARA_A_LINE_SHARE = 0.6
PARA_A_LINE_RUN_ON = 0.05
PARALLEL_MAX_CHARS = 9  # a parallel headline's phrases are short (护佑生命战疫情); longer halves are a clause pair
BODY_SENTENCE_LINES = 4  # lines read for a sentence end that tells a wrapped paragraph from a headline block
HEADING_TAIL_WIDTH = 4  # a line this short right under a heading line, ending no sentence, is its wrapped end
INDENT_MIN_CELLS = 2  # leading blank cells that make an indent (one stray space is not one)
INDENT_MIN_LINES = 3  # indented lines a page needs before its indent can mark paragraphs
INDENT_SHARE = 0.6  # share of the indented lines that share one indent width for it to be the paragraph indent
# a paragraph indent opens the text after a sentence's end: where paragraphs open with it, most lines right
# after a sentence's end are set in it (typeset pages: at least 0.38, mostly 0.6-0.9); a page whose headlines
# alone are set at one indent (centred by an extraction's margin) ends its paragraphs into unindented lines
# (the seeds so set: 0.00-0.08). Below INDENT_OPENS_MIN the indent marks no paragraph; below INDENT_OPENS_SHARE
# it marks none unless most lines set in it hold a clause mark (INDENT_CLAUSE_SHARE: a paragraph's first line
# mostly does, typeset pages at least 0.52; a headline seldom: the seeds' 0.00-0.12)
INDENT_OPENS_MIN = 0.25
INDENT_OPENS_SHARE = 0.5
INDENT_CLAUSE_SHARE = 0.5
# an extraction that indents every block's first line (headlines too) sets nearly every indented line
# (BLOCK_INDENT_AFTER_BLANK) after a blank line, and indents the text a column break resumes mid-sentence: at
# least BLOCK_INDENT_MIN_BREAKS such breaks, BLOCK_INDENT_SHARE of them indented. A paragraph indent opens
# paragraphs with no blank line above too, and never a sentence's middle (seeds, typeset pages: 0.00)
BLOCK_INDENT_AFTER_BLANK = 0.95
BLOCK_INDENT_MIN_BREAKS = 3
BLOCK_INDENT_SHARE = 0.75


@dataclass(frozen=True, slots=True)
class Ln:
    """A visible line: its index and stripped span in the page, the blank lines before it, its chunk
    (run of lines between blank lines) and its printed width."""

    idx: int
    start: int
    end: int
    text: str  # as the rules read it (`reading_text`: spaces plain, digits and letters ASCII)
    blank_before: int
    chunk: int
    width: float
    opens: bool = False  # set with the page's paragraph indent: the first line of a paragraph
    starts_item: bool = False  # set by `bands.reading_order`: the first line of a band's article (its headline)
    held: int = -1  # ... a line of a band's article below its first line: that line's start (no other article
    # opens there)


@dataclass(frozen=True, slots=True)
class Unit:
    """A heading, byline, caption, furniture or ad line, or a body paragraph (which may skip foreign lines
    and cross blank lines: `spans` are its pieces in reading order). Immutable: a pass that relabels a unit
    returns a new one (`as_kind`)."""

    kind: UnitKind
    lines: tuple[Ln, ...]
    spans: tuple[Span, ...]
    lead: bool = False  # a body paragraph opening with 本报讯（…）: its byline names the authors
    end_marker: bool = False
    opening: bool = False  # a body paragraph opening an article: 本报讯（…）, or a dateline 新华社北京2月26日电

    @property
    def pos(self) -> int:
        """Where the unit starts in the page: units never share a start, so this is also its key."""
        return self.spans[0][0] if self.spans else self.lines[0].start

    @property
    def text(self) -> str:
        return "".join(ln.text for ln in self.lines)

    def as_kind(self, kind: UnitKind) -> Unit:
        return replace(self, kind=kind)


# inside a line the rules read every space character (`reflow.OTHER_SPACES`: a no-break space, a typographic or
# a full-width one: a designed gap between a headline's two phrases, between two names) as a plain space, and
# full-width digits and Latin letters (２０２０年, ＢＡＮＫ ＯＦ ＣＨＩＮＡ: a font's or an OCR's choice) as the
# ASCII ones their words are written with (a line's printed width is still read from what is printed)
_FULL_WIDTH_ALNUM = [chr(c) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))]
_AS_SPACE = str.maketrans({c: " " for c in OTHER_SPACES})
_AS_READ = {**_AS_SPACE, **str.maketrans({c: chr(ord(c) - 0xFEE0) for c in _FULL_WIDTH_ALNUM})}


def reading_text(line: str) -> str:
    """A stripped line's text as the rules read it: every space character a plain space, full-width digits
    and Latin letters ASCII; the same length (offsets into the line stay true)."""
    return line.translate(_AS_READ)


def read_lines(text: str) -> tuple[Ln, ...]:
    """The page's visible lines, with blank-line counts normalised for double-spaced extraction and for an
    extraction that doubles every gap."""
    found: list[tuple[int, int, int, str, int]] = []
    indents: list[float] = []
    blank = 0
    for line in split_lines(text):
        raw = text[line.start:line.end]
        stripped = raw.strip()
        if not stripped:
            blank += 1
            continue
        lead = raw[:len(raw) - len(raw.lstrip())]
        s = line.start + len(lead)
        found.append((line.index, s, s + len(stripped), stripped, blank))
        indents.append(_cells(lead))
        blank = 0
    para_indent = paragraph_indent(indents, [f[3] for f in found], [f[4] > 0 for f in found])
    gaps = [b for *_, b in found[1:]]
    double = double_spaced(gaps, [f[3] for f in found])
    spaced = [b for b, d in zip(gaps, double, strict=True) if b and not d]
    unit = min(spaced) if len(spaced) >= GAP_UNIT_MIN_GAPS else 1
    out: list[Ln] = []
    chunk = 0
    for k, ((idx, s, e, stripped, b), ind) in enumerate(zip(found, indents, strict=True)):
        b //= 2 if k and double[k - 1] else unit
        if out and b:
            chunk += 1
        opens = bool(para_indent) and abs(ind - para_indent) < 1
        width = roles.width(stripped.translate(_AS_SPACE))  # (a space is a space, a full-width digit a cell)
        out.append(Ln(idx, s, e, reading_text(stripped), b if out else 99, chunk, width, opens))
    return tuple(out)


def double_spaced(gaps: list[int], texts: list[str]) -> list[bool]:
    """Which gaps between the page's lines (`gaps[k]` blank lines between `texts[k]` and `texts[k + 1]`) lie in
    a double-spaced stretch: an extraction that sets a blank line after every printed line, where only the
    wider gaps separate anything. A stretch runs from a blank gap to a blank gap across at most
    `DOUBLE_SPACED_BRIDGE` gaps in a row with none (the spacing of PDF text may be uneven); it is double-spaced
    with `DOUBLE_SPACED_MIN_GAPS` gaps or more, `DOUBLE_SPACED_SHARE` of them blank, and `RUN_ON_SHARE` of its
    lines running on mid-sentence across them at its lines' measure (`DOUBLE_SPACED_FULL`: hard-wrapped text,
    not one paragraph a line with headlines between; a whole page at any measure where `DOUBLE_SPACED_EVEN` of
    its gaps are blank). A page may be double-spaced throughout, down to a point, or from a point on (a stretch under
    single-spaced text begins under a line that runs on: the blank line under a sentence's end there is a
    paragraph's break)."""
    n = len(gaps)
    if (n >= DOUBLE_SPACED_MIN_GAPS and sum(1 for b in gaps if b) >= DOUBLE_SPACED_EVEN * n
            and sum(1 for t in texts[:-1] if not roles.ends_sentence(t)) >= RUN_ON_SHARE * n):
        return [True] * n
    flags = [False] * n
    k = 0
    while k < n:
        if not gaps[k]:
            k += 1
            continue
        end = j = k
        while j < n:
            if gaps[j]:
                end, j = j, j + 1
                continue
            z = j
            while z < n and not gaps[z]:
                z += 1
            if z - j > DOUBLE_SPACED_BRIDGE or z == n:
                break
            j = z
        if k and roles.ends_sentence(texts[k]):
            k += 1  # single-spaced text above: the blank line under its last sentence is its own paragraph break
        span = range(k, end + 1)
        blank = sum(1 for i in span if gaps[i])
        if len(span) < DOUBLE_SPACED_MIN_GAPS or blank < DOUBLE_SPACED_SHARE * len(span):
            k = end + 1
            continue
        widths = [roles.width(texts[i]) for i in span]
        full = DOUBLE_SPACED_FULL * statistics.median(widths)
        at_measure = sum(1 for i, w in zip(span, widths, strict=True) if w >= full and not roles.ends_sentence(texts[i]))
        if at_measure >= RUN_ON_SHARE * len(span):
            flags[k:end + 1] = [True] * len(span)
        k = end + 1
    return flags


def _cells(lead: str) -> float:
    """Printed width of a line's leading blanks: a full-width space is two cells, a tab four."""
    return sum(2 if c == "\u3000" else 4 if c == "\t" else 1 for c in lead)


def paragraph_indent(indents: list[float], texts: list[str] | None = None,
                     after_blank: list[bool] | None = None) -> float:
    """The page's paragraph indent in cells (0 if it has none): the one indent width most indented lines
    share. A centred headline is indented too, but by varying amounts; paragraphs all by the same. Given the
    lines' `texts`, the indent must also open the text after a sentence's end (`INDENT_OPENS_MIN`,
    `INDENT_OPENS_SHARE`, `INDENT_CLAUSE_SHARE`): headlines all set at one indent over unindented paragraphs
    mark no paragraph. Given also which lines follow a blank line, an indent that opens the text a column
    break resumes mid-sentence marks blocks, not paragraphs (`block_indent`)."""
    wide = [w for w in indents if w >= INDENT_MIN_CELLS]
    if len(wide) < INDENT_MIN_LINES:
        return 0.0
    common = max(set(wide), key=wide.count)
    if wide.count(common) < INDENT_SHARE * len(wide):
        return 0.0
    if texts is not None:
        after = [ind for ind, text in zip(indents[1:], texts, strict=False) if roles.ends_sentence(text)]
        opens = sum(abs(ind - common) < 1 for ind in after) / len(after) if after else 1.0
        set_in = [text for ind, text in zip(indents, texts, strict=True) if abs(ind - common) < 1]
        clauses = sum(any(c in roles.CLAUSE_PUNCT for c in text) for text in set_in) / len(set_in)
        if opens < INDENT_OPENS_MIN or (opens < INDENT_OPENS_SHARE and clauses < INDENT_CLAUSE_SHARE):
            return 0.0
        if after_blank is not None and block_indent(indents, texts, after_blank, common):
            return 0.0
    return common


def block_indent(indents: list[float], texts: list[str], after_blank: list[bool], indent: float) -> bool:
    """Does the indent mark blocks, not paragraphs (an extraction that indents each block's first line)?
    Nearly every line in it follows a blank line (`BLOCK_INDENT_AFTER_BLANK`), so it adds nothing to the
    blank lines, and it opens the text a column break resumes mid-sentence: a blank line under a wrapped
    line (as wide as the line over it, in one block) that ends no sentence."""
    set_in = [k for k in range(len(texts)) if abs(indents[k] - indent) < 1]
    if sum(after_blank[k] or k == 0 for k in set_in) < BLOCK_INDENT_AFTER_BLANK * len(set_in):
        return False
    widths = [roles.width(t) for t in texts]
    breaks = [abs(indents[k] - indent) < 1 for k in range(2, len(texts))
              if after_blank[k] and not after_blank[k - 1] and not roles.ends_sentence(texts[k - 1])
              and widths[k - 1] >= widths[k - 2] - COLUMN_TOLERANCE]
    return len(breaks) >= BLOCK_INDENT_MIN_BREAKS and sum(breaks) >= BLOCK_INDENT_SHARE * len(breaks)


# --- pass 1: furniture, ads, bylines, credited captions ---------------------------------------
def fixed_roles(lines: tuple[Ln, ...]) -> tuple[UnitKind, ...]:
    """Pass 1: the lines whose role their own text decides (furniture, bylines, credited captions, ads)."""
    out: list[UnitKind] = []
    for ln in lines:
        if (roles.is_furniture(ln.text) or roles.is_page_header(ln.text) or roles.is_page_label(ln.text)
                or roles.is_jump_line(ln.text)):
            out.append(FURN)
        elif roles.has_credit(ln.text) and roles.width(ln.text) <= CAPTION_MAX_WIDTH and ln.text.count("。") <= 1:
            out.append(CAPTION)  # (本报记者 王三 摄 credits a photo: the caption's, not the article's byline)
        elif is_byline(ln.text) or is_signed_line(ln.text):
            out.append(BYLINE)
        elif _CREDIT_WORD.match(ln.text) and _credit_text(lines, len(out)):
            out.append(CAPTION)  # the credit word wrapped onto a line of its own: …训练。（俞方平 / 摄）
        else:
            out.append(NONE)
    kinds = masthead_codes(lines, tuple(out))
    found = inserted_captions(lines, caption_blocks(lines, ad_roles(lines, kinds)))
    return glued_measured(lines, glued_captions(lines, found))


_PAGE_CODE = re.compile(r"[A-Z]?\d{1,2}")  # a page's number, alone on its line: A08, 17
_PAGE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")  # the page's name, alone on its line: 健康, 专版


def masthead_codes(lines: tuple[Ln, ...], kinds: tuple[UnitKind, ...]) -> tuple[UnitKind, ...]:
    """A page's number alone on its line (A08) next to the masthead's furniture (its date line, the paper's
    name), and the page's name right under it (健康, 专版), are furniture too: an extraction stacks the running
    head's parts one a line (人民日报 / 2020年02月13日 星期四 / A15 / 健康), and the number and name were read as
    a headline of two lines over the first article, or as its first paragraph."""
    out = list(kinds)
    for i, ln in enumerate(lines):
        if not _PAGE_CODE.fullmatch(ln.text.strip()):
            continue
        beside = [k for k in (i - 1, i + 1) if 0 <= k < len(lines) and lines[k].chunk == ln.chunk]
        if not any(out[k] == FURN and not _PAGE_CODE.fullmatch(lines[k].text.strip()) for k in beside):
            continue
        out[i] = FURN
        if i + 1 < len(lines) and lines[i + 1].chunk == ln.chunk and _PAGE_NAME.fullmatch(lines[i + 1].text.strip()):
            out[i + 1] = FURN
    return tuple(out)


def caption_blocks(lines: tuple[Ln, ...], kinds: tuple[UnitKind, ...]) -> tuple[UnitKind, ...]:
    """A photo caption over several lines is one block of lines standing apart: the lines from one opening
    like a caption (图为, 图①：) to the one that ends its sentence or carries its credit; and the lines of
    a block above a credit printed on a line of its own (…引得众多绣眼鸟前来吸食花蜜。 / （王海滨 摄））."""
    out = list(kinds)
    n = len(lines)
    for i, ln in enumerate(lines):
        if out[i] or not roles.has_caption_mark(ln.text):
            continue
        if i > 0 and not out[i - 1] and lines[i - 1].chunk == ln.chunk and _continues(lines[i - 1].text, ln):
            continue  # 地 + 图为…: the line above runs on into this one
        run = [i]
        while (not roles.ends_sentence(lines[run[-1]].text) or has_credit(lines[run[-1]].text + "".join(
                lines[k].text for k in range(run[-1] + 1, min(n, run[-1] + 2))))) and len(run) < CAPTION_MAX_LINES:
            k = run[-1] + 1
            if k >= n or lines[k].chunk != ln.chunk or (out[k] and out[k] != CAPTION):
                break
            run.append(k)
            if has_credit("".join(lines[j].text for j in run)):
                break
        last = lines[run[-1]]
        # a block of its own (blank lines on both sides) needs no end: captions often stop without a full stop;
        # nor does the last sentence of a caption's block (图⑤：…课堂。 / 图为学生们正在进行舞龙训练)
        top = i
        while top > 0 and lines[top - 1].chunk == ln.chunk and out[top - 1] == CAPTION:
            top -= 1
        own_block = (top == 0 or lines[top - 1].chunk != ln.chunk) and (
            run[-1] + 1 >= n or lines[run[-1] + 1].chunk != ln.chunk)
        if roles.ends_sentence(last.text) or has_credit("".join(lines[j].text for j in run)) or own_block:
            for k in run:
                out[k] = CAPTION
    for i, ln in enumerate(lines):
        credit = _credit_text(lines, i) if out[i] == CAPTION and i > 0 else ""
        if not credit or roles.has_caption_mark(ln.text):
            continue  # (a caption opening 图为 starts where its mark is)
        alone = not split_credit(credit)[0].strip("（()） ")
        # a credit alone, or the last line of a caption with its credit at the end (…居家隔离观察 陆波岸 摄):
        # the block of lines above it, from its first line, is the caption's text
        top, size = i, len(split_credit(credit)[0])  # (the caption's text: its credit's names are no part of it)
        after = lines[i + 1] if i + 1 < n and not out[i + 1] and lines[i + 1].chunk == ln.chunk else None
        cut = False  # the caption's top found where a body line's word runs on under the caption
        measure = 0.0 if alone else roles.width(split_credit(ln.text)[0])  # the caption's widest line so far
        while top > 0 and lines[top - 1].chunk == ln.chunk and not out[top - 1] and (
                i - top < CAPTION_MAX_LINES or size + len(lines[top - 1].text) <= CAPTION_BLOCK_CHARS):
            above = lines[top - 1].text
            col = local_column(lines, top - 1)
            if (measure and col and abs(lines[top - 1].width - col) <= COLUMN_TOLERANCE
                    and measure > col + COLUMN_TOLERANCE):
                cut = True  # a line of the column's measure over a caption set wider: body text
                break
            if dispatch_opening(above) or above.rstrip()[-1] in "）)":
                cut = True  # an article's opening (本报讯（记者…）…), or the close of a note or byline in brackets
                break
            if measure and roles.ends_sentence(above) and lines[top - 1].width <= measure - SHORT_LINE_CELLS:
                cut = True  # a paragraph's last line (a sentence ended short) over a caption's full lines
                break
            if after is not None and not roles.ends_sentence(above) and roles.cuts_a_word(above, after.text):
                cut = True  # a body line whose word the text under the caption completes (…用汗 / caption / 水浇灌…)
                break
            top -= 1
            size += len(lines[top].text)
            measure = max(measure, lines[top].width)
        apart = top == 0 or lines[top].chunk != lines[top - 1].chunk or bool(out[top - 1]) or cut
        # (a role word may run the credit on from the line above: …的影响。 记者 / 滕治中 摄)
        # a credit alone under a block that stops on no full stop: the block is its caption where the credit
        # ran on from the line above (…托勒恒 记者 / 王正 摄), or where the block stands apart, a blank line over
        # it, and is no longer than a caption runs (captions often stop without a full stop)
        ended = not alone or roles.ends_sentence(split_credit(lines[i - 1].text + " " + ln.text)[0]) or (
            _runs_credit_on(lines[i - 1].text, ln.text)) or (
            (top == 0 or lines[top].chunk != lines[top - 1].chunk) and i - top <= CAPTION_MAX_LINES)
        if top < i and apart and ended and size <= CAPTION_BLOCK_CHARS:
            for k in range(top, i):
                out[k] = CAPTION
        elif credit != ln.text and not out[i - 1]:
            out[i - 1] = CAPTION  # at least the names the credit word below belongs to
    return tuple(out)


def inserted_captions(lines: tuple[Ln, ...], kinds: tuple[UnitKind, ...]) -> tuple[UnitKind, ...]:
    """A block of lines set between the two halves of a sentence is a photo's caption, credit or none: the
    text above it stops mid-sentence, the block neither carries that sentence on nor is carried on by the text
    below it, and the text below it does carry the sentence on: it opens mid-clause or the break cuts a word as
    jieba reads the two lines joined (…呼吁国际社会加 / (blank) / 医护人员正在研究病情。 / (blank) / 强协调…).
    Body text cut by a column break carries its sentence on in its first line."""
    out = list(kinds)
    n = len(lines)
    i = 1
    while i < n:
        a = i
        b = a
        while b + 1 < n and lines[b + 1].chunk == lines[a].chunk:
            b += 1
        i = b + 1
        if not lines[a].blank_before or b + 1 >= n or not lines[b + 1].blank_before:
            continue  # not a block of its own
        before, first, last, after = lines[a - 1], lines[a], lines[b], lines[b + 1]
        if any(out[k] for k in range(a - 1, b + 2)) or roles.ends_sentence(before.text) or after.opens:
            continue
        if sum(len(lines[k].text) for k in range(a, b + 1)) > CAPTION_BLOCK_CHARS or first.opens:
            continue
        if before.text.rstrip()[-1] in "：:" or roles.LEAD_START.match(first.text) or is_byline(first.text):
            continue  # (a colon opens what follows it)
        block = range(a, b + 1)
        if all(roles.is_headingish(lines[k].text) for k in block) or roles.unbalanced(
                "".join(lines[k].text for k in block), closing=True):
            continue  # (a heading's lines; a block closing a quote the text above opened)
        mid = roles.starts_mid_sentence(after.text) and not roles.is_list_item(after.text)  # (一、 opens a part)
        word_across = roles.cuts_a_word(before.text, after.text)
        if not (mid or word_across or _own_measure(lines, a, b) and not roles.is_list_item(after.text)):
            continue  # nothing says the text below carries the sentence above on
        if _continues(before.text, first) or roles.cuts_a_word(before.text, first.text):
            continue  # the block carries the sentence on: body cut by a column break
        if roles.cuts_a_word(last.text, after.text) or not roles.ends_sentence(last.text) and mid and not word_across:
            continue  # the text below may carry on the block's own last sentence
        for k in block:
            out[k] = CAPTION
    return tuple(out)


def _own_measure(lines: tuple[Ln, ...], a: int, b: int) -> bool:
    """Is the block of lines a..b set at a measure of its own, under a full line of the column that stops
    mid-sentence? Its lines but the last agree with one another and stand `CAPTION_MEASURE_GAP` cells or more
    off the column, short of it or wider, and its last line runs no wider than they do (…学校开展 / (blank) /
    能源基础打得牢，复工复产 / “血脉”畅通、“供氧”充足，是 / 稳定经济社会发展的强有力保障。 / (blank) / 空中课堂…;
    …坚决维护人民 / (blank) / 北京柳林少儿戏剧社的孩子们参加京 / 剧票友大赛，从小就喜欢上京剧艺术。 / (blank) /
    群众生命安全…). Body text cut by a column break keeps the column's measure (a paragraph's last line stops short
    of it, never beyond); a photo's caption is set to the photo's width, and often stops without a full stop. (A
    line alone tells no measure: on a page of a proportional font one line of the text may be wider than the
    column by as much.)"""
    col = local_column(lines, a - 1)
    if not col or b == a or abs(lines[a - 1].width - col) > COLUMN_TOLERANCE:
        return False
    full = [lines[k].width for k in range(a, b)]
    return _one_measure(full, lines[b].width) and _off_column(full, col)


def _one_measure(full: list[float], last: float) -> bool:
    """Do a block's lines but the last (`full`) agree with one another, and its last line run no wider?"""
    return max(full) - min(full) <= COLUMN_TOLERANCE and last <= max(full) + COLUMN_TOLERANCE


def _off_column(full: list[float], col: float) -> bool:
    """Do a block's full lines stand `CAPTION_MEASURE_GAP` cells or more off the column, short of it or wider?"""
    return max(full) <= col - CAPTION_MEASURE_GAP or min(full) >= col + CAPTION_MEASURE_GAP


def glued_captions(lines: tuple[Ln, ...], kinds: tuple[UnitKind, ...]) -> tuple[UnitKind, ...]:
    """A caption set inside a paragraph with no blank line around it: a few lines between two body lines
    whose break cuts a word (…我国医用N95口 / 连日来，当地居民在自家客厅… / …对生活的影响 / 罩日产能突破…:
    口 + 罩), where the line above is a full line of the column cut mid-sentence that neither the block's first
    line carries on nor the block's last line is carried on by the line below, and the block's last line is
    no line of the column: short of it (a caption's end) or set wider. Where paragraphs end in the same block
    of lines (no indent or blank line marks them), a short line ending a sentence is a paragraph's last line,
    not a caption's."""
    out = list(kinds)
    n = len(lines)
    for m in range(1, n - 1):
        last, below = lines[m], lines[m + 1]
        if out[m] or out[m + 1] or below.chunk != last.chunk or below.opens or roles.LEAD_START.match(below.text):
            continue
        col = local_column(lines, m)
        if not col:
            continue
        if (last.width > col - SHORT_LINE_CELLS or roles.ends_sentence(last.text) or _closing_line(last.text)
                or _closes_with_byline(lines, m)):
            continue
        if below.width < col - SHORT_LINE_CELLS and not roles.ends_sentence(below.text):
            continue  # (the text under the block carries a paragraph on: a full line, or its last)
        size = 0
        for k in range(m, max(0, m - CAPTION_MAX_LINES), -1):
            above, first = lines[k - 1], lines[k]
            size += len(first.text)
            if (out[k - 1] or out[k] or above.chunk != last.chunk or size > CAPTION_BLOCK_CHARS
                    or roles.ends_sentence(above.text) or first.opens):
                break
            if abs(above.width + (INDENT_CELLS if above.opens else 0) - col) > COLUMN_TOLERANCE:
                continue  # (the line above the block is a full line of the column, cut mid-sentence)
            across = roles.cuts_a_word(above.text, below.text) or (
                roles.joins_a_word(above.text, below.text) and not roles.joins_a_word(above.text, first.text))
            if (across and not _continues(above.text, first) and not roles.cuts_a_word(above.text, first.text)
                    and not roles.cuts_a_word(last.text, below.text) and not roles.joins_a_word(last.text, below.text)):
                for j in range(k, m + 1):
                    out[j] = CAPTION
                break
    return tuple(out)


def glued_measured(lines: tuple[Ln, ...], kinds: tuple[UnitKind, ...]) -> tuple[UnitKind, ...]:
    """A caption set at a measure of its own inside a paragraph with no blank line around it: two to
    `CAPTION_MAX_LINES` lines between two lines of the column, under a full line of the column cut mid-sentence,
    its lines but the last agreeing with one another and standing `CAPTION_MEASURE_GAP` cells or more off the
    column (short of it or wider), its last no wider, where the line under it carries the sentence above on across
    a cut word (…“有什么需要，电话联系我就可以了。”南 / 对口支援湖北省…医护人员正在研 / 究病情。 / 京市玄武区…: 南 +
    京) or the block opens with a caption's mark (图为…), and neither the block's first line carries the line above on
    nor the line under it the block's last."""
    out = list(kinds)
    n = len(lines)
    for a in range(1, n - 2):
        above = lines[a - 1]
        if out[a - 1] or out[a] or lines[a].chunk != above.chunk or lines[a].opens or roles.ends_sentence(above.text):
            continue
        col = local_column(lines, a - 1)
        if not col or abs(above.width - col) > COLUMN_TOLERANCE:
            continue
        if _continues(above.text, lines[a]) or roles.cuts_a_word(above.text, lines[a].text):
            continue  # (the line carries the sentence above on: body text)
        for b in range(a + 1, min(n - 1, a + CAPTION_MAX_LINES)):
            below = lines[b + 1]
            if out[b] or out[b + 1] or below.chunk != above.chunk:
                break
            full = [lines[k].width for k in range(a, b)]
            if max(full) - min(full) > COLUMN_TOLERANCE or not _off_column(full, col):
                break  # (a longer block only strays further)
            if sum(len(lines[k].text) for k in range(a, b + 1)) > CAPTION_BLOCK_CHARS:
                break
            if (lines[b].width > max(full) + COLUMN_TOLERANCE or below.opens or roles.LEAD_START.match(below.text)
                    or abs(below.width - col) > COLUMN_TOLERANCE and not roles.ends_sentence(below.text)):
                continue
            if roles.cuts_a_word(lines[b].text, below.text) or roles.joins_a_word(lines[b].text, below.text):
                continue  # (the line under the block may carry the block's own last sentence on)
            if roles.cuts_a_word(above.text, below.text) or roles.has_caption_mark(lines[a].text):
                for k in range(a, b + 1):
                    out[k] = CAPTION
                break
    return tuple(out)


# the credit word wrapped onto a line of its own, under the names it credits (摄, 摄）, 供图), or with the end of a
# name the break cut (…记者 胡学 / 军 摄, …（李 / 颖 摄）): a credit only with the line above
_CREDIT_WORD = re.compile(r"^(?:[\u4e00-\u9fff·]{1,2}\s*)?(?:摄影?|供图)\s*[）)]?$")


def _credit_text(lines: tuple[Ln, ...], i: int) -> str:
    """The text of the photo credit that ends on line i ('' if none): the line itself (…居家隔离观察 陆波岸 摄),
    or, when the credit word was wrapped onto a line of its own, the line above and this one (…训练。（俞方平 /
    摄）, …记者 胡学 / 军 摄)."""
    ln = lines[i]
    if has_credit(ln.text):
        return ln.text
    if i == 0 or lines[i - 1].chunk != ln.chunk or not _CREDIT_WORD.match(ln.text):
        return ""
    joined = lines[i - 1].text + " " + ln.text
    return joined if roles.width(joined) <= CAPTION_MAX_WIDTH and has_credit(joined) else ""


def _runs_credit_on(above: str, credit: str) -> bool:
    """The line above a credit alone on its line ends with part of that credit (a role word: …托勒恒 记者 /
    王正 摄): the credit ran across the break, so the line above ends the caption, whatever its last mark."""
    text, names = split_credit(above + " " + credit)
    return bool(names) and roles.width(text) < roles.width(above) - 1


def ad_roles(lines: tuple[Ln, ...], kinds: tuple[UnitKind, ...]) -> tuple[UnitKind, ...]:
    """Clusters of ad-like lines (phone numbers, web addresses, rates), with the advertiser's name above
    them, become ad regions; a cluster holding an article's byline is not an ad."""
    out = list(kinds)
    strong = [not out[i] and roles.is_ad_line(ln.text) for i, ln in enumerate(lines)]
    # a social-media handle (——@某某) counts among an ad's lines, but alone it makes no ad: a page of readers'
    # comments signs each with one (英国网友@…)
    hits = [i for i, ln in enumerate(lines) if strong[i] or not out[i] and _HANDLE.search(ln.text)]
    clusters: list[list[int]] = []
    for i in hits:
        if clusters and i - clusters[-1][-1] <= AD_CLUSTER_GAP:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    if not clusters:
        return tuple(out)
    # linear time on any page: what the loop asks of "the lines after b" and "the lines a..b" is read
    # from arrays made once (a suffix and a prefix count), and a walk upwards never passes the last cluster
    leads = [bool(lead_byline(ln.text)) for ln in lines]
    leads_before = [0]
    for lead in leads:
        leads_before.append(leads_before[-1] + lead)
    quiet_from = len(lines)  # every line from here to the page end is short and unpunctuated or ad-like
    while quiet_from > 0 and not leads[quiet_from - 1] and (
            roles.is_ad_line(lines[quiet_from - 1].text) or roles.width(lines[quiet_from - 1].text) <= AD_SHORT_WIDTH
            and not _CLAUSE_MARK.search(lines[quiet_from - 1].text)):
        quiet_from -= 1  # (a narrow column's text is short too, but its lines are clauses)
    floor = 0
    for cl in clusters:
        short = all(roles.width(lines[i].text) <= AD_SHORT_WIDTH for i in cl)
        a, b = cl[0], cl[-1]
        low, floor = floor, b + 1
        if not any(strong[i] for i in cl):
            continue
        if len(cl) < AD_MIN_HITS and not (len(cl) == AD_MIN_HITS - 1 and short
                                          and any(roles.is_contact_line(lines[i].text) for i in cl)):
            continue
        # the advertiser's name and slogan printed right above, in the same block of lines
        while a > low and lines[a - 1].chunk == lines[a].chunk and not out[a - 1] \
                and roles.width(lines[a - 1].text) <= AD_SHORT_WIDTH and not roles.ends_sentence(lines[a - 1].text):
            a -= 1
        # an ad region runs to the page end when only short, unpunctuated lines follow
        if b + 1 >= quiet_from:
            b = len(lines) - 1
        if leads_before[b + 1] - leads_before[a]:
            continue
        for i in range(a, b + 1):
            if not out[i] or out[i] == CAPTION:
                out[i] = AD
    return _named_ads(lines, out, leads)


# an advertiser's name on a line of its own: an organisation's full name (浙江明辉光电有限公司, 中国海洋石油集团)
_ADVERTISER = re.compile(r"^[\u4e00-\u9fff]{2,18}(?:有限公司|股份公司|分公司|公司|集团|银行|大学|学院|医院|研究院)$")
AD_NAME_REACH = 10  # lines an ad's contact line may stand under its advertiser's name


def is_advertiser(text: str) -> bool:
    """An organisation's full name alone on its line (浙江明辉光电有限公司): an ad's advertiser."""
    return bool(_ADVERTISER.match("".join(text.split())))


def _named_ads(lines: tuple[Ln, ...], out: list[UnitKind], leads: list[bool]) -> tuple[UnitKind, ...]:
    """An ad of one contact line (服务热线：…) under its advertiser's name: the lines from a line naming an
    organisation alone (…有限公司, …集团, …大学) down to a contact line at most `AD_NAME_REACH` lines under it,
    none of them a byline, another ad's contact line or already read (but as this ad's), are an ad; a cluster
    of one contact line makes none by itself, and an ad read already from its contact lines takes its
    advertiser's name over them in."""
    for i, ln in enumerate(lines):
        if out[i] not in (NONE, AD) or not (roles.is_ad_line(ln.text) and roles.is_contact_line(ln.text)):
            continue
        for j in range(i - 1, max(-1, i - 1 - AD_NAME_REACH), -1):
            if out[j] == AD and not roles.is_contact_line(lines[j].text):
                continue  # (this ad's lines, read already)
            if out[j] or leads[j] or roles.has_caption_mark(lines[j].text) or (
                    roles.is_ad_line(lines[j].text) and roles.is_contact_line(lines[j].text)):
                break  # (a caption, 图为…, is the photo's: no ad runs across it; nor across another ad's end, a
                # contact line with its number: a sentence that only says 电话, 卢静给医院回了电话, ends none)
            if is_advertiser(lines[j].text):
                for k in range(j, i + 1):
                    out[k] = AD
                break
    return tuple(out)


_CLAUSE_MARK = re.compile(r"[，。；！？,;!?]")
_HANDLE = re.compile(r"@\w")  # a social-media handle (an e-mail address is an ad line of its own)
_PAUSE_MARK = re.compile(r"[，,、；;：:]")
# a speaker's turn in an interview (记者：… 问：…): the text's own line, never a heading or a caption
_SPEAKER_TURN = re.compile(r"^(?:记者|问|答|主持人)\s*[：:]")
# a closing note wrapped over lines: a bracket, a source and reporters (（综合本报记者王三、李四 / 报道）,
# （新华社北京2月10日电 记者 / 林晖…）): the article's own last line, no heading
_CLOSING_NOTE = re.compile(r"^[（(](?:综合|本报|新华社|据)[^（）()]{0,30}?(?:记者|通讯员)")
_CLAUSE_OR_STOP = re.compile(r"[，。；！？,;!?：:…]")  # no line of a headline set in the text holds one
_STOP = re.compile(r"[。；！？;!?…]")  # nor does a headline of kicker, title and subtitle hold a stop
_NAME_ONLY = re.compile(r"[\u4e00-\u9fff·]{2,5}")  # a name alone on its line: no mark, digit or letter
# a column or series label in brackets, printed on its own line under the title it closes: （新论）, （人民要论）
_TITLE_LABEL = re.compile(r"^[（(][^（）()，。,.；;：:！？!?]{1,12}[）)]$")
_ROLE_IN_LABEL = re.compile(rf"{ROLE_ALT}|摄|编辑|据|电$")
NOTE_MAX_LINES = 3  # printed lines such a note runs to in a narrow column


# --- pass 2: headings and paragraphs -----------------------------------------------------------
# a line that is one quotation or more, each closing on a sentence's end inside its marks (“好吃啊！”,
# “我们一定能做到。”, “救护车来了！”“准备接收！”): dialogue or a quotation standing as its own paragraph
_QUOTED_SENTENCES = re.compile(r"^(?:[“「『][^“”「」『』]*[。！？!?…][”」』])+$")
_QUOTE_LINE = re.compile(r"^“[^“”]{4,}”$")  # one quotation, the whole line


def quoted_paragraph(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i a quotation standing as a paragraph of the running text: quoted sentences alone on their line,
    right under a paragraph that ends its sentence or under an article's leading byline (not a bracketed closing
    one), with no dispatch or byline under it (which would make it the headline of the article below)? A quoted
    headline at the page's top or under a heading stays one."""
    if not _QUOTED_SENTENCES.match(lines[i].text.strip()) or i == 0 or i + 1 >= len(lines):
        return False
    prev, nxt = lines[i - 1], lines[i + 1]
    under_byline = kinds[i - 1] == BYLINE and not prev.text.lstrip().startswith(("（", "("))
    if not under_byline and (kinds[i - 1] != PARA or not roles.ends_sentence(prev.text)):
        return False
    return not (roles.LEAD_START.match(nxt.text) or lead_byline(nxt.text) or is_byline(nxt.text))


def _continues(prev: str, line: Ln) -> bool:
    """Does `line`, after a break, carry on a sentence that `prev` left open?"""
    return roles.starts_mid_sentence(line.text) or roles.joins_a_word(prev, line.text)


def heading_here(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i a heading, given the roles decided so far (`kinds`, one per line)?"""
    ln = lines[i]
    if (kinds[i] or ln.opens and not indented_heading(lines, kinds, i) or roles.is_source_line(ln.text)
            or _SPEAKER_TURN.match(ln.text)
            or _CLOSING_NOTE.match(ln.text) and roles.unbalanced(ln.text)):
        return False  # (a line set in the page's paragraph indent opens a paragraph; 据中国之声 closes one)
    if (headline_block(lines, kinds, i) or over_byline(lines, kinds, i) or tagged_title(lines, kinds, i)
            or over_indent(lines, kinds, i) or unmarked_heading(lines, kinds, i) or over_column(lines, kinds, i)
            or dashed_kicker(lines, kinds, i) or subtitled_heading(lines, kinds, i)
            or under_label(lines, kinds, i) or over_paragraph(lines, kinds, i) or glued_title(lines, kinds, i)
            or under_dashed_kicker(lines, kinds, i) or wide_kicker(lines, kinds, i)):
        return True
    if not roles.is_headingish(ln.text) or quoted_paragraph(lines, kinds, i):
        return False
    prev = lines[i - 1] if i > 0 else None
    in_chunk_prev = prev is not None and prev.chunk == ln.chunk
    if in_chunk_prev and kinds[i - 1] in (NONE, PARA) and not roles.ends_sentence(prev.text) \
            and not _closing_line(prev.text) and not _closes_with_byline(lines, i - 1) and not (
            _para_a_line(lines) and not _continues(prev.text, ln) and not roles.cuts_a_word(prev.text, ln.text)):
        return False  # the middle of a wrapped paragraph (not under an article's closing line, （作者为…）; one
        # paragraph a line, nothing runs on into it from the line above: 疫情期间，…法律云服务 / 立案网上办 开庭不见面)
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if (in_chunk_prev and kinds[i - 1] == PARA and nxt is not None and nxt.chunk == ln.chunk
            and not kinds[i + 1] and not nxt.opens and not roles.is_headingish(nxt.text)
            and any(x.opens for x in lines[max(0, i - COLUMN_WINDOW):i])):
        return False  # paragraphs open with an indent here: an unindented line inside a paragraph goes on with it
    following: list[Ln] = []
    for k in range(i + 1, min(len(lines), i + 1 + HEADING_LOOKAHEAD)):
        if lines[k].chunk != ln.chunk or kinds[k]:
            break
        following.append(lines[k])
    if following and roles.LEAD_START.match(following[0].text):
        return True  # nothing runs on into 本报讯（…）: this line heads the article below
    if following and _two_full_lines(lines, i, following[0]):
        return False  # two lines of the column's measure, a clause mark in the first: one wrapped paragraph
    if roles.is_series_banner(ln.text):
        return True
    if following and not roles.ends_sentence(ln.text):
        if _body_like(following):
            top = max(x.width for x in following)
            bare = not re.search(r"[，,、：:“”\"（）()《》]", ln.text) and not roles.joins_a_word(
                ln.text, following[0].text) and not roles.starts_mid_sentence(following[0].text)
            if top - 3 <= ln.width <= top + 1 and not _parallel(ln.text):
                return False  # a full line (or indented first line) of the wrapped column
            if top - 4.5 <= ln.width <= top + 1 and roles.joins_a_word(ln.text, following[0].text):
                return False  # a shorter line whose last word runs on into the next line
            col = local_column(lines, i)
            if col and abs(ln.width - col) <= COLUMN_TOLERANCE and not bare and not _parallel(ln.text):
                return False  # as wide as the page's column, over body text (its last line may be short)
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is not None and roles.is_date_line(nxt.text):
        return False  # a signature over its date, closing a notice
    if (nxt is not None and kinds[i + 1] in (CAPTION, FURN) and not roles.ends_sentence(ln.text)
            and not (i == 0 and roles.is_label(ln.text))):
        # across a caption printed in between: does the sentence carry on below it? (a word or two at the
        # page's top over its furniture, 经济 / A04 黄石日报, is the page's label: no sentence runs on from it)
        after = next((lines[k] for k in range(i + 2, min(len(lines), i + 6)) if not kinds[k]), None)
        if after is not None and (roles.starts_mid_sentence(after.text) or roles.joins_a_word(ln.text, after.text)):
            return False
    if nxt is not None and not kinds[i + 1]:
        if roles.starts_mid_sentence(nxt.text):
            return False  # a heading never runs on into the next line
        if (nxt.chunk != ln.chunk and (not roles.is_headingish(nxt.text) or _column_wide(lines, i))
                and not roles.LEAD_START.match(nxt.text) and roles.cuts_a_word(ln.text, nxt.text)):
            # a word cut by a column break (…区委书 / (blank) / 记胡晓平介绍，…): body text, also where the line
            # below could be a heading by its text, if this line fills the column (…经济社会发展各 / 项任务，…)
            return False
        if roles.ends_open(ln.text) and not roles.LEAD_START.match(nxt.text):
            return False  # a sentence left open on a word that needs what follows (…移民区通过 / “专业合作社…)
        if nxt.chunk == ln.chunk and roles.joins_a_word(ln.text, nxt.text):
            col = local_column(lines, i)
            if col and abs(ln.width - col) <= COLUMN_TOLERANCE:
                return False  # a line of the column's width whose last word runs on into the next line
        if ("，" in ln.text or "," in ln.text) and not roles.ends_sentence(ln.text):
            col = local_column(lines, i)
            if col and abs(ln.width - col) <= COLUMN_TOLERANCE:
                return False  # a clause cut at the column's width, carried on below
    return True


def over_paragraph(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i the first of a run of unindented lines (at most `HEADLINE_BLOCK_LINES`), under a blank line,
    a sentence's end, an article's closing line or a line with a role of its own, right over the indented
    first line of a paragraph, none ending a sentence, the run carrying no sentence on into that line
    (…（本报慕尼黑2月17日电） / (blank) / 美国务卿中东欧之行成果有限 / (indent) 美国国务卿蓬佩奥…)? Where
    paragraphs open with an indent, a paragraph's last line ends its sentence, so lines over an opening that
    end none are a headline set right over its text, whatever their widths."""
    ln = lines[i]
    if ln.opens or i + 1 >= len(lines):
        return False
    if i > 0:
        above = lines[i - 1]
        if not (kinds[i - 1] in (FURN, BYLINE, CAPTION, AD, HEAD) or roles.ends_sentence(above.text)
                or _closing_line(above.text) or _closes_with_byline(lines, i - 1)) and (
                above.chunk == ln.chunk and not ln.blank_before or _continues(above.text, ln)
                or roles.cuts_a_word(above.text, ln.text)):
            return False  # the line carries on a sentence left open above it (across a column break too)
    end = i
    while True:
        t = lines[end].text.strip()
        if (kinds[end] not in (NONE, HEAD) or lines[end].opens or not t or roles.ends_sentence(t)
                or _STOP.search(t) or lines[end].width > HEADLINE_MAX_WIDTH or roles.LEAD_START.match(t)
                or is_byline(t) or lead_byline(t) or roles.has_caption_mark(t) or roles.is_date_line(t)):
            return False
        nxt = lines[end + 1] if end + 1 < len(lines) else None
        if nxt is None or nxt.chunk != ln.chunk or nxt.blank_before:
            return False
        if nxt.opens and not kinds[end + 1]:
            break
        end += 1
        if end - i >= HEADLINE_BLOCK_LINES:
            return False
    text = "".join(lines[k].text.strip() for k in range(i, end + 1))
    return not (roles.unbalanced(text) or roles.ends_open(lines[end].text)
                or _continues(lines[end].text, lines[end + 1]))


_OPENING_MARKS = "“‘（(《「『〈【["
_PUSHED_MARKS = "，。、；：？！”’）》」』〉】,.;:?!)]"


def glued_title(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i a one-line title set right over the first line of its text, no blank line between, where
    paragraphs open unindented (…明显的改观。 / (blank) / 四川去年农膜回收率超八成 / 记者从四川省生态环境厅获悉：)?
    Atop its paragraph (under a sentence's end, an article's closing line or a line with a role of its own),
    ending no sentence and holding no stop, it stops `GLUED_TITLE_CELLS` short of the column in width and in
    characters, over lines of the column's measure (kept to the cell) that do not carry it on. A paragraph's first line fills the
    column: it stops short only where the next line opens with a mark (an opening quote or bracket, which no line
    may end on), with a character pushed down with its mark (…我很自 / 豪。”为了…) or with a Latin word or a
    number, or where digits and Latin letters set narrower make it so (they count as characters)."""
    ln = lines[i]
    if ln.opens or i + 1 >= len(lines) or not _headline_line(lines, kinds, i) or not roles.is_headingish(ln.text):
        return False
    if i > 0 and not _nothing_open(lines, kinds, i - 1):
        return False  # the line may carry on a sentence left open above it (across a column break too)
    nxt, t = lines[i + 1], ln.text.strip()
    col = local_column(lines, i)
    if (not col or nxt.chunk != ln.chunk or kinds[i + 1] or nxt.opens or abs(nxt.width - col) > COLUMN_TOLERANCE
            or max(ln.width, len(t)) > col - GLUED_TITLE_CELLS):
        return False
    below = nxt.text.strip()
    if below[:1] in _OPENING_MARKS or below[1:2] in _PUSHED_MARKS or below[:1].isascii() and below[:1].isalnum():
        return False  # the line stops short because a mark, a character with its mark or a Latin word or a
        # number (never broken across lines: …智能手机 / Galaxy S10系列。) was pushed down
    if t[-1] in "”’\"」』）)" and not _quoted_phrase(t) and not roles.is_tagged_title(t):
        return False  # a quoted sentence standing as a paragraph (“交通便利了，我们的生活就更有希望”)
    under: list[Ln] = []
    for x in lines[i + 1:i + 1 + GLUED_TITLE_LINES]:
        if x.chunk != ln.chunk or abs(x.width - col) > COLUMN_TOLERANCE:
            break
        under.append(x)
    widths = [x.width for x in under]
    counts = {len(x.text.strip()) for x in under if not any(c.isascii() and c.isalnum() for c in x.text)}
    if len(under) < 2 or max(widths) - min(widths) > GLUED_TITLE_SPREAD or len(counts) > 1:
        return False  # the text's lines keep no one measure (in width, and in characters where they hold no
        # digit or Latin letter): a line a cell or two short there tells nothing
    return not (roles.ends_open(t) or _continues(t, nxt) or roles.cuts_a_word(t, nxt.text) or roles.unbalanced(t))


def dashed_kicker(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i in a kicker ending on its dash over the title (美国多位公共卫生专家撰文反对政府旅行禁令，强调—— /
    …, 有知识、懂技术、善经营、会管理—— / 慈溪 职业农民不一般), clauses and all: a block's first line or two,
    under a sentence's end, a line with a role of its own or a blank line, no sentence ended in it, its last
    line ending on ——, right over a heading line short of the column, no blank line between (`splitter.
    dashed_kickers` reads such a kicker after the lines are read, where its lines run on from a paragraph)?"""
    for top in (i - 1, i):
        if top < 0 or (top < i and lines[i].chunk != lines[top].chunk):
            continue
        above = lines[top - 1] if top > 0 else None
        if above is not None and above.chunk == lines[top].chunk and kinds[top - 1] in (NONE, PARA) and not (
                roles.ends_sentence(above.text) or _closing_line(above.text)
                or roles.is_headingish(above.text) and not _continues(above.text, lines[top])):
            continue  # (under a column label over it, 新时代·面孔, too)
        for end in (top, top + 1):
            if end < i or end + 1 >= len(lines) or lines[end].chunk != lines[top].chunk:
                continue
            run = lines[top:end + 1]
            last, title = lines[end].text.rstrip(), lines[end + 1]
            if (any(kinds[k] for k in range(top, end + 2)) or any(roles.ends_sentence(x.text) for x in run[:-1])
                    or any(c in x.text for x in run for c in "。！？；")
                    or any(x.opens or x.width > HEADLINE_MAX_WIDTH for x in run) or not last.endswith("——")
                    or len(last) < 4 or title.blank_before
                    or not (roles.is_headingish(title.text) or roles.is_short_phrase_title(title.text))):
                continue
            # (short of the column, or of the kicker's own lines where they are wider or the lines tell none)
            if title.width <= max(local_column(lines, end + 1), *(x.width for x in run)) - SHORT_LINE_CELLS:
                return True
    return False


def wide_kicker(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i in a kicker set at or over its column's width, of one line or two (the second short of the
    first), right over a title short of the column, no blank line between, with the text's lines, a blank
    line or a line with a role of its own under that title (疫情期间，江苏常州打造“不打烊”的法律云服务 / 立案网上办
    开庭不见面 / 日前，…)? The kicker opens under a sentence's end, an article's closing line, a line with a role
    of its own or a blank line, and neither it nor its title ends a sentence or holds a stop. By its width and
    its clauses the kicker reads as a paragraph's first line, but a paragraph's short last line ends its
    sentence: a line short of the column that ends none, under a full one, is a heading's."""
    for top in (i - 1, i):
        if top < 0 or (top < i and (lines[i].chunk != lines[top].chunk or lines[i].blank_before)):
            continue
        col = local_column(lines, top)
        if not col or lines[top].width < col + OVER_COLUMN_CELLS:
            continue  # (a paragraph's first line stays within its column's measure)
        if top > 0 and lines[top - 1].chunk == lines[top].chunk and not _nothing_open(lines, kinds, top - 1):
            continue  # the line may carry on a sentence left open above it
        for end in (top, top + 1):
            t = end + 1
            if end < i or t >= len(lines) or any(
                    lines[k].chunk != lines[top].chunk or lines[k].blank_before for k in range(top + 1, t + 1)):
                continue
            if any(kinds[k] not in (NONE, HEAD) or not _headline_line(lines, kinds, k) for k in range(top, t + 1)):
                continue
            title = lines[t]
            tt = title.text.strip()
            if end > top and lines[end].width > lines[top].width - SHORT_LINE_CELLS:
                continue  # a kicker's second line stops short of its first
            if title.width > col - SHORT_LINE_CELLS or title.width > lines[top].width - SHORT_LINE_CELLS:
                continue
            kicker = "".join(lines[k].text.strip() for k in range(top, t))
            if (roles.unbalanced(kicker) or roles.unbalanced(tt) or roles.ends_open(lines[end].text)
                    or roles.ends_open(tt) or tt[-1] in "：:" or tt[-1] in "”’\"」』）)" and not _quoted_phrase(tt)
                    and not roles.is_tagged_title(tt)):
                continue
            below = lines[t + 1] if t + 1 < len(lines) else None
            if below is None or below.chunk != title.chunk or kinds[t + 1] or below.opens:
                return True
            if (not _continues(tt, below) and not roles.cuts_a_word(tt, below.text)
                    and abs(below.width - col) <= COLUMN_TOLERANCE):
                return True  # over the text's first line, of the column's measure, which does not carry it on
    return False


def indented_heading(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i, set in the page's paragraph indent, the first line of a block of its own (blank lines around
    it, at most `HEADLINE_BLOCK_LINES`) in which no line holds a clause mark or ends a sentence, over a subtitle,
    a byline, an article's opening or the page's end (多措并举 提升患者看病就医体验 / (blank) / 本报讯（…）; a
    title over its subtitle)? An extraction that indents each block's first line indents a headline too; a
    paragraph, even of one line, ends on its sentence's end."""
    ln = lines[i]
    if not ln.opens or not (i == 0 or ln.blank_before) or kinds[i]:
        return False
    end = i
    while end + 1 < len(lines) and lines[end + 1].chunk == ln.chunk:
        end += 1
        if end - i >= HEADLINE_BLOCK_LINES:
            return False
    if not all(kinds[k] in (NONE, HEAD) and not _CLAUSE_OR_STOP.search(lines[k].text)
               and not roles.ends_sentence(lines[k].text) and lines[k].width <= HEADLINE_MAX_WIDTH
               and not roles.LEAD_START.match(lines[k].text) and not _opens_article(lines, k)
               for k in range(i, end + 1)):
        return False
    if roles.unbalanced("".join(lines[k].text for k in range(i, end + 1))):
        return False  # a quote or bracket left open: its sentence goes on below
    last, col = lines[end], local_column(lines, end)
    if end > i and col and abs(last.width - col) <= COLUMN_TOLERANCE:
        return False  # lines of the column's measure: a paragraph cut by a column break, carried on after it
    nxt = lines[end + 1] if end + 1 < len(lines) else None
    if roles.ends_open(last.text) or nxt is not None and not kinds[end + 1] and (
            _continues(last.text, nxt) or roles.cuts_a_word(last.text, nxt.text)):
        return False
    # what it heads says it is an article's headline: a subtitle (——…), a byline, an article's opening
    # (本报讯（…）, a dispatch) or the page's end; a line in the indent over the text that goes on is the
    # text's own (a quoted phrase or a short line set as a paragraph: 村里有了“大管家”)
    return (nxt is None or kinds[end + 1] == BYLINE or _opens_article(lines, end + 1) or nxt.text.startswith("——")
            or any(lines[k].text.startswith("——") for k in range(i + 1, end + 1)))


def _unmarked(lines: tuple[Ln, ...], kinds: list[UnitKind], k: int) -> bool:
    """Could line k be a line of a heading set in the text: a free line (no role yet, no indent) that holds
    no clause mark at all and is no byline, dateline, caption or date?"""
    ln = lines[k]
    t = ln.text.strip()
    return (kinds[k] in (NONE, HEAD) and not ln.opens and not _CLAUSE_OR_STOP.search(t) and bool(t)
            and ln.width <= HEADLINE_MAX_WIDTH and not roles.LEAD_START.match(t) and not is_byline(t)
            and not lead_byline(t) and not roles.has_caption_mark(t) and not roles.is_date_line(t))


def _run_top(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int,
             fits: Callable[[tuple[Ln, ...], list[UnitKind], int], bool]) -> int | None:
    """The first line of the run of lines that `fits` (at most `HEADING_STACK_LINES` above line i, in its block),
    or None where the line above the run may carry a sentence on into it: the run must open under a sentence's
    end, an article's closing line or a line with a role of its own, or at the top of its block."""
    chunk = lines[i].chunk
    top = i
    while top > 0 and lines[top - 1].chunk == chunk and i - top < HEADING_STACK_LINES and fits(lines, kinds, top - 1):
        top -= 1
    if top > 0 and lines[top - 1].chunk == chunk and not _nothing_open(lines, kinds, top - 1):
        return None
    return top


def unmarked_heading(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i in a run of lines, set in the text's own block, that holds no clause mark at all and ends on
    a line short of the run's measure: a headline printed right under the last line of the text before it, or
    over the text below it (…孙春兰参加视频连线。 / 李克强主持召开中央应对新冠肺炎疫情工作领导小 / 组会议 /
    十三届全国人大…)? The lines without a mark open under a sentence's end, an article's closing line or a
    line with a role of its own (or at the top of a block of lines); they split into runs, each ending on its
    first line `SHORT_LINE_CELLS` short of the widest line above it in the run (a kicker, then a title, each
    wrapped), of two lines or more (at most `HEADLINE_BLOCK_LINES`), the first one that could head by its text,
    with no sentence carried on below the run's last line. Body text never runs a line and more to a stop-less
    end without a comma: a sentence's clauses are rarely longer than a line, and a sentence ends on its stop."""
    if not _unmarked(lines, kinds, i) or not local_column(lines, i):
        return False
    chunk = lines[i].chunk
    top = _run_top(lines, kinds, i, _unmarked)
    if top is None:
        return False
    while top <= i:  # the runs from the top of the lines without a mark down to the one holding line i
        end, measure = top, lines[top].width
        while True:
            end += 1
            if (end >= len(lines) or end - top >= HEADLINE_BLOCK_LINES or lines[end].chunk != chunk
                    or not _unmarked(lines, kinds, end)):
                return False
            if lines[end].width <= measure - SHORT_LINE_CELLS and not (
                    end + 1 < len(lines) and lines[end + 1].chunk == chunk and _unmarked(lines, kinds, end + 1)
                    and roles.cuts_a_word(lines[end].text, lines[end + 1].text)):
                break  # (a line short of the one above it whose word runs on below is a title's wrap: …深化制 / 度理论研究)
            measure = max(measure, lines[end].width)
        if end >= i:
            break
        top = end + 1
    if not roles.is_headingish(lines[top].text):
        return False
    nxt = lines[end + 1] if end + 1 < len(lines) else None
    if roles.ends_open(lines[end].text) or nxt is not None and not kinds[end + 1] and (
            _continues(lines[end].text, nxt) or roles.cuts_a_word(lines[end].text, nxt.text)):
        return False  # the text below carries the run's last line on (across a column break too)
    text = "".join(lines[k].text for k in range(top, end + 1)).rstrip()
    if roles.unbalanced(text):
        return False  # a quote or bracket left open: the sentence goes on below
    if text[-1] in "”’\"」』）)" and not _quoted_phrase(text) and not roles.is_tagged_title(text):
        return False  # a quoted sentence of its own (“坚决打赢…阻击战”), a name and its title in brackets
    return True


def _headline_line(lines: tuple[Ln, ...], kinds: list[UnitKind], k: int) -> bool:
    """Could line k be a line of a headline set in the text: a free line (no role yet, no indent) that ends
    no sentence and holds no stop (a comma or a colon it may hold: 菜篮子，拎到家门口) and is no byline,
    dateline, caption or date?"""
    ln = lines[k]
    t = ln.text.strip()
    return (kinds[k] in (NONE, HEAD) and not ln.opens and bool(t) and not _STOP.search(t)
            and not roles.ends_sentence(t) and ln.width <= HEADLINE_MAX_WIDTH and not roles.LEAD_START.match(t)
            and not is_byline(t) and not lead_byline(t) and not roles.has_caption_mark(t)
            and not roles.is_date_line(t))


def subtitled_heading(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i in a run of lines, set in the text's own block, that ends no sentence and closes on a
    subtitle (——…) at the end of its block or over an article's opening or byline: a headline
    of kicker, title and subtitle however its lines wrap (习近平在会见探月工程…参研参试人员 / 代表时强调 / 为实现
    我国探月工程目标乘胜 / 前进为推动世界航天事业发展 / 继续努力 / ——李克强栗战书…参加会见)? A kicker ending on
    what was said (…时强调) reads on into its title, and a title wraps mid-word, so the lines seem to carry
    one another on; but body text ends its sentences before its block ends, and a dash opening a line of the
    text (——坚持…；) leads a clause that ends on its stop. The run opens under a sentence's end, an article's
    closing line or a line with a role of its own (or at the top of its block), as `unmarked_heading`'s do."""
    if not _headline_line(lines, kinds, i):
        return False
    chunk = lines[i].chunk
    top = _run_top(lines, kinds, i, _headline_line)
    if top is None:
        return False
    dash = next((k for k in range(top + 1, min(len(lines), top + HEADING_STACK_LINES))
                 if lines[k].chunk == chunk and roles.is_subtitle(lines[k].text)), None)
    if dash is None or not roles.is_headingish(lines[top].text) or any(
            lines[k].chunk != chunk or not _headline_line(lines, kinds, k) for k in range(top, dash + 1)):
        return False
    if i > dash:
        return False
    nxt = dash + 1
    if nxt < len(lines) and not kinds[nxt] and (_continues(lines[dash].text, lines[nxt])
                                                or roles.cuts_a_word(lines[dash].text, lines[nxt].text)):
        return False  # the text below carries the subtitle on (a clause of the text, or a subtitle wrapped)
    return nxt >= len(lines) or lines[nxt].chunk != chunk or kinds[nxt] == BYLINE or _opens_article(lines, nxt)


def over_column(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """On a page that parts nothing by blank lines (`blank_parted`), is line i a heading set wider than the
    column of the text around it (`OVER_COLUMN_CELLS`), right under a sentence's end or a line with a role of
    its own, holding no clause mark, with nothing below carrying it on (…奠定坚实基础。 / 荆州中医外科首次亮相全省
    普通外科年会 / 今年以来，湖北…)? A paragraph's first line stays within its column's measure; where blank
    lines part the text, a heading stands apart and other rules read it."""
    ln = lines[i]
    if i == 0 or i + 1 >= len(lines) or not _unmarked(lines, kinds, i) or roles.ends_sentence(ln.text):
        return False
    col = local_column(lines, i)
    if not col or ln.width < col + OVER_COLUMN_CELLS or _facts(lines).parted:
        return False
    nxt = lines[i + 1]
    if not _nothing_open(lines, kinds, i - 1):
        return False  # the line may carry on a sentence left open above it
    if nxt.width >= col + OVER_COLUMN_CELLS:
        return False  # the lines below are set as wide: a block at a measure of its own (a caption's)
    return (roles.is_headingish(ln.text) and not roles.ends_open(ln.text) and not _continues(ln.text, nxt)
            and not roles.cuts_a_word(ln.text, nxt.text))


def under_dashed_kicker(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i a title of two phrases round a comma, one of two characters (`roles.is_short_phrase_title`:
    …四川省丹棱县—— / 众筹的文化大院，火了), right under a kicker read as a heading whose last line ends on its
    dash, no blank line between, short of the column (as `dashed_kicker` reads the title under it)? By its
    text alone such a line is a wrapped line of the text; a dash in a heading leads into the title."""
    if i == 0 or kinds[i - 1] != HEAD:
        return False
    ln, above = lines[i], lines[i - 1]
    t = ln.text.strip()
    if (above.chunk != ln.chunk or ln.blank_before or ln.opens or not above.text.rstrip().endswith("——")
            or not roles.is_short_phrase_title(t) or roles.ends_sentence(t) or ln.width > HEADLINE_MAX_WIDTH):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is None or nxt.chunk != ln.chunk or not (
        _continues(t, nxt) or roles.cuts_a_word(t, nxt.text) or roles.ends_open(t))


def under_label(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i a title of two phrases either side of a comma (剪去长发的护士，真美) right under a column's label
    read as a heading at the top of a block (创见, 人民时评), ending no sentence and no clause, short of the
    column by `SHORT_LINE_CELLS`? A paragraph's first line under a label (a subhead, a photo report's title)
    fills the column."""
    if i == 0:
        return False
    ln, label = lines[i], lines[i - 1]
    t = ln.text.strip()
    if (kinds[i - 1] != HEAD or label.chunk != ln.chunk or not roles.is_column_label(label.text)
            or not _COMMA.search(t) or roles.ends_sentence(t) or _STOP.search(t) or t[-1] in "，,、：:"
            or ln.width > HEADLINE_MAX_WIDTH or ln.opens or roles.LEAD_START.match(t) or lead_byline(t)
            or is_byline(t) or _opens_article(lines, i) or _continues(label.text, ln)
            or roles.cuts_a_word(label.text, t) or len(parts := _COMMA.split(t)) != 2
            or any(len(p) > LABELLED_TITLE_PART for p in parts)):
        return False  # (the label's words run on into the line: a wrapped subhead, 田园乡村建 / 设，统筹城乡发展)
    if i >= 2 and lines[i - 2].chunk == label.chunk and not (
            kinds[i - 2] in (FURN, BYLINE, CAPTION, AD) or roles.ends_sentence(lines[i - 2].text)):
        return False  # the label stands at its block's top (under a blank line, a role of its own, a sentence's end)
    col = local_column(lines, i)
    return bool(col) and ln.width <= col - SHORT_LINE_CELLS


_COMMA = re.compile(r"[，,]")
LABELLED_TITLE_PART = 14  # characters a headline's phrase runs to either side of its comma (roles.is_headingish)


def _column_wide(lines: tuple[Ln, ...], i: int) -> bool:
    """Is line i as wide as the wrapped column around it?"""
    col = local_column(lines, i)
    return bool(col) and abs(lines[i].width - col) <= COLUMN_TOLERANCE


def over_indent(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i one of the lines between a heading and the indented first line of the paragraph under it
    (科技视点 / 第一时间揭开谜团，争分夺秒筛选药物，迎难而上 / 提供技术支撑 / 防控疫情，科技人员在行动 /
    (indent) 疫情就是命令…)? Where paragraphs open with an indent, no paragraph opens unindented under a
    heading, so lines that end no sentence there, whatever their widths, are the headline's."""
    if i == 0 or kinds[i - 1] != HEAD:
        return False
    for k in range(i, min(len(lines), i + HEADING_LOOKAHEAD)):
        ln = lines[k]
        if ln.opens:
            return k > i
        if (kinds[k] not in (NONE, HEAD) or ln.width > HEADLINE_MAX_WIDTH or roles.ends_sentence(ln.text)
                or roles.LEAD_START.match(ln.text) or _opens_article(lines, k)):
            return False
    return False


def tagged_title(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i (part of) a title closing on its column's name in brackets (扶贫扶出精气神（今日 / 谈）,
    困难时刻，也别忘了读书（新语）) at the top of a block, under a heading (its kicker) or under a sentence's end? Whatever its width, and with
    the text right under it, such a line is a headline (`roles.is_tagged_title`): body text never closes so."""
    def free(k: int) -> bool:
        return kinds[k] in (NONE, HEAD) and not lines[k].opens and lines[k].width <= HEADLINE_MAX_WIDTH

    for start, end in ((i, i), (i - 1, i), (i, i + 1)):
        if start < 0 or end >= len(lines) or not all(free(k) for k in range(start, end + 1)):
            continue
        if end > start and (lines[end].chunk != lines[start].chunk
                            or not (roles.unbalanced(lines[start].text) or _column_tag(lines, kinds, end))):
            continue  # (a title wraps onto a second line inside its bracket, or sets its tag on a line of its own)
        prev = lines[start - 1] if start > 0 else None
        if not (prev is None or prev.chunk != lines[start].chunk
                or kinds[start - 1] in (FURN, BYLINE, CAPTION, AD, HEAD) or roles.ends_sentence(prev.text)):
            continue  # the line may carry on a sentence left open above it
        if roles.is_tagged_title("".join(lines[k].text for k in range(start, end + 1))):
            return True
    return False


def _two_full_lines(lines: tuple[Ln, ...], i: int, nxt: Ln) -> bool:
    """Are line i and the line under it (same block) both as wide as the column, the first holding a clause
    mark and cut mid-sentence (一键可呼援、跌倒会报警、日常能测 / 心率血压，还有实时定位、电子围栏)? A headline
    stops short of the column or stands apart; two parallel phrases (护佑生命战疫情，使命担当新作为) are one."""
    ln = lines[i]
    col = local_column(lines, i)
    if not col or roles.ends_sentence(ln.text) or _parallel(ln.text) or not _PAUSE_MARK.search(ln.text):
        return False
    return abs(ln.width - col) <= COLUMN_TOLERANCE and abs(nxt.width - col) <= COLUMN_TOLERANCE


def over_byline(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i in the short block of lines a byline line closes at the top of a block of lines (a kicker,
    a title wrapped over two lines, then `◆杨维汉 陈菲`, with no blank line between)? Those are its
    headline, whatever their widths: an article's text never stops short of a sentence's end over its byline.
    An article's opening line (`本报讯（记者…）`, `新华社北京2月1日电`) closes such a block as a byline does."""
    def heading_line(k: int) -> bool:
        t = lines[k].text
        # (a column's name in brackets on a line of its own closes the title over it: …荒漠植被 / （走近自然）)
        return (kinds[k] in (NONE, HEAD) and lines[k].width <= HEADLINE_MAX_WIDTH and "。" not in t
                and (not roles.ends_sentence(t) or _column_tag(lines, kinds, k))
                and not lines[k].opens and not _opens_article(lines, k))

    if not heading_line(i):
        return False
    chunk = lines[i].chunk
    end = i
    while end + 1 < len(lines) and lines[end + 1].chunk == chunk and heading_line(end + 1):
        end += 1
        if end - i >= HEADLINE_BLOCK_LINES:
            return False  # too long for a headline block (and a long run is never scanned again per line)
    byline = end + 1
    if byline >= len(lines) or lines[byline].chunk != chunk or roles.is_parenthetical(lines[byline].text):
        return False  # (a bracketed byline closes the article above it)
    if kinds[byline] != BYLINE and not (kinds[byline] == NONE and _opens_article(lines, byline)):
        return False
    top = i
    while top > 0 and lines[top - 1].chunk == chunk and heading_line(top - 1):
        top -= 1
        if byline - top > HEADLINE_BLOCK_LINES:
            return False
    opens_block = (top == 0 or lines[top - 1].chunk != chunk or kinds[top - 1] in (FURN, BYLINE, CAPTION, AD)
                   or roles.ends_sentence(lines[top - 1].text))  # (printed right under the text it closes)
    return opens_block and byline - top <= HEADLINE_BLOCK_LINES


def _column_tag(lines: tuple[Ln, ...], kinds: list[UnitKind], k: int) -> bool:
    """Is line k a column's name in brackets (（走近自然）, no role word: not a byline or a credit) right under
    a line of the same block that ends no sentence (the title it closes)?"""
    t = lines[k].text.strip()
    return (k > 0 and lines[k - 1].chunk == lines[k].chunk and kinds[k - 1] in (NONE, HEAD)
            and bool(_TITLE_LABEL.match(t)) and not _ROLE_IN_LABEL.search(t)
            and not roles.ends_sentence(lines[k - 1].text))


def headline_block(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i in a short block of lines standing apart (blank lines around it) that no sentence ends in
    and that stops short of the column, with nothing below carrying it on? Body text never stops mid-sentence
    short of the column: such a block is a headline, however its lines wrap (…新时 / 代新作为新篇章）)."""
    ln = lines[i]
    if ln.width > HEADLINE_MAX_WIDTH or "。" in ln.text or roles.ends_sentence(ln.text):
        return False
    if _facts(lines).chunk_size.get(ln.chunk, 0) > HEADLINE_BLOCK_LINES:
        return False
    first = i
    while first > 0 and lines[first - 1].chunk == ln.chunk and i - first <= HEADLINE_BLOCK_LINES:
        first -= 1
    end = i
    while end + 1 < len(lines) and lines[end + 1].chunk == ln.chunk and end - first <= HEADLINE_BLOCK_LINES:
        end += 1
    block = list(range(first, end + 1))
    free = [k for k in block if kinds[k] in (NONE, HEAD, PARA)]  # (bylines, captions, furniture set apart)
    if len(block) > HEADLINE_BLOCK_LINES or i not in free or any(kinds[k] == PARA for k in free):
        return False
    if (first > 0 and kinds[first - 1] in (NONE, PARA) and not roles.ends_sentence(lines[first - 1].text)
            and not _closes_note(lines, first - 1) and not _closes_with_byline(lines, first - 1)):
        return False  # the block may carry on a sentence left open above it (not a note or byline closing one)
    if any(roles.ends_sentence(lines[k].text) or lines[k].opens or lines[k].width > HEADLINE_MAX_WIDTH
           or "。" in lines[k].text or "；" in lines[k].text for k in free):
        return False
    last = lines[block[-1]]
    if last.text.rstrip()[-1] in "：:”’\"」』" and not _quoted_phrase("".join(lines[k].text for k in block)):
        return False  # a paragraph ending on a colon or a closing quote (…赢得优势”)
    col = local_column(lines, block[-1])
    if col and last.width > col - COLUMN_TOLERANCE:
        return False  # as wide as the column: maybe a paragraph cut by a column break
    nxt = lines[block[-1] + 1] if block[-1] + 1 < len(lines) else None
    if nxt is not None and (kinds[block[-1] + 1] in (NONE, PARA) and _continues(last.text, nxt)):
        return False
    return len(free) >= 2 and not any(roles.LEAD_START.match(lines[k].text) for k in free)


_QUOTED_END = re.compile(r"“[^“”，。；！？,;!?]{1,12}”$")


def _quoted_phrase(text: str) -> bool:
    """Does `text`, one clause, close on a short phrase it quotes itself (探寻未知的“黄河故事”): a title's
    quoted name, not the end of a quoted sentence (…赢得优势”) or of a clause run on (…，不搞“一刀切”)?"""
    return bool(_QUOTED_END.search(text.strip())) and not re.search(r"[，,：:]", text)


def _parallel(text: str) -> bool:
    """Two headline phrases of one length either side of a comma: 护佑生命战疫情，使命担当新作为."""
    parts = re.split(r"[，,]", text)
    return (len(parts) == 2 and abs(len(parts[0]) - len(parts[1])) <= 1
            and 4 <= len(parts[0]) <= PARALLEL_MAX_CHARS)


def _body_like(run: list[Ln]) -> bool:
    """Is the first of these lines body text: not heading-like, or running on into the line after it?"""
    first = run[0]
    if not roles.is_headingish(first.text):
        return True
    if len(run) > 1 and not roles.ends_sentence(first.text):
        near = run[:BODY_SENTENCE_LINES]
        if abs(first.width - run[1].width) <= COLUMN_TOLERANCE and (not roles.is_headingish(run[1].text) or (
                first.width >= max(x.width for x in near) - COLUMN_TOLERANCE
                and any("。" in x.text or roles.ends_sentence(x.text) for x in near))):
            return True  # a line of the width of the body line under it: two lines of one wrapped column
        return roles.starts_mid_sentence(run[1].text) or roles.joins_a_word(first.text, run[1].text)
    return False


def local_column(lines: tuple[Ln, ...], i: int) -> float:
    """The width of the wrapped column around line i (0 when the text is not hard-wrapped there). A
    paragraph's indented first line is narrower by its indent and does not count."""
    facts = _facts(lines)
    col = facts.columns.get(i)
    if col is None:
        ws = sorted(w for j, w in enumerate(facts.widths[max(0, i - COLUMN_WINDOW):i + COLUMN_WINDOW + 1],
                                            max(0, i - COLUMN_WINDOW)) if w and j != i)
        col = 0.0
        if len(ws) >= COLUMN_MIN_LINES:
            mid = ws[len(ws) // 2]
            close = sum(1 for w in ws if abs(w - mid) <= COLUMN_TOLERANCE)
            col = mid if close >= COLUMN_AGREEMENT * len(ws) else 0.0
        facts.columns[i] = col
    return col


@dataclass
class _PageFacts:
    """What the passes ask about one page's lines again and again, worked out once: the widths that can
    tell a column, the columns found so far, the number of lines in each block of lines, the lines found so
    far to open an article (a dispatch, 本报讯（…）)."""

    lines: tuple[Ln, ...]
    widths: list[float]
    columns: dict[int, float]
    chunk_size: dict[int, int]
    parted: bool = True  # the page parts its text by blank lines (`blank_parted`)
    para_a_line: bool | None = None  # `_para_a_line`, once asked
    openings: dict[int, bool] = field(default_factory=dict)


_last_facts: list[_PageFacts] = []


def _facts(lines: tuple[Ln, ...]) -> _PageFacts:
    last = _last_facts[-1] if _last_facts else None
    if last is not None and last.lines is lines:
        return last
    sizes: dict[int, int] = {}
    for ln in lines:
        sizes[ln.chunk] = sizes.get(ln.chunk, 0) + 1
    facts = _PageFacts(lines, [ln.width if not ln.opens and ln.width >= 8 and not roles.ends_sentence(ln.text)
                               else 0.0 for ln in lines], {}, sizes, blank_parted(lines))
    _last_facts[:] = [facts]  # one page at a time: the value depends on the lines alone
    return facts


def _opens_article(lines: tuple[Ln, ...], k: int) -> bool:
    """Does line k open an article with a dispatch or a lead byline (本报讯（记者…）, 新华社北京2月1日电)?"""
    found = _facts(lines).openings
    if k not in found:
        found[k] = dispatch_opening(lines[k].text)
    return found[k]


@dataclass
class _Building:
    """A unit while pass 2 reads its lines (local to `build_units`; frozen into a Unit at the end)."""

    kind: UnitKind
    lines: list[Ln]
    spans: list[Span]

    def add(self, ln: Ln, start: int | None = None) -> None:
        self.lines.append(ln)
        self.spans.append((ln.start if start is None else start, ln.end))


def build_units(lines: tuple[Ln, ...], fixed: tuple[UnitKind, ...]) -> tuple[list[Unit], tuple[UnitKind, ...]]:
    """Pass 2: headings and body paragraphs (across hard wraps, column breaks and inserted captions).

    Returns the units in printed order and each line's role."""
    kinds = list(fixed)
    indented = any(ln.opens for ln in lines)  # paragraphs are marked by their indent on this page
    units: list[_Building] = []
    open_para: _Building | None = None  # a body paragraph whose last sentence is unfinished
    para: _Building | None = None  # the paragraph being built in the current chunk
    pending_inserts: list[_Building] = []  # headings/captions met while a paragraph was open

    def close_open() -> None:
        nonlocal open_para, pending_inserts
        open_para = None
        units.extend(pending_inserts)
        pending_inserts = []

    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.starts_item:  # (the first line of a band's article: no paragraph above carries on into it)
            close_open()
            para = None
        if kinds[i] == CAPTION and i > 0 and kinds[i - 1] == CAPTION and lines[i - 1].chunk == ln.chunk:
            held = pending_inserts if open_para else units
            if held and held[-1].kind == CAPTION and held[-1].lines[-1] is lines[i - 1]:
                held[-1].add(ln)  # the next line of a caption set over several lines
                i += 1
                continue
        if kinds[i] in (FURN, AD, BYLINE, CAPTION):
            u = _Building(kinds[i], [ln], [(ln.start, ln.end)])
            (pending_inserts if open_para else units).append(u)
            para = None
            i += 1
            continue
        new_chunk = (i == 0 or lines[i - 1].chunk != ln.chunk or kinds[i - 1] not in (NONE, PARA)
                     or not local_column(lines, i))  # one paragraph a line: each line stands alone
        if (indented and open_para is None and para is not None and units and units[-1] is para
                and not ln.opens and not kinds[i] and lines[i - 1].chunk != ln.chunk
                and not roles.LEAD_START.match(ln.text) and not roles.is_headingish(ln.text)
                and not _short_last_line(lines, i - 1) and not _lone_caption_line(lines, i)
                and not dashed_kicker(lines, kinds, i)):
            open_para = para  # no indent after a column break: the paragraph carries on
        if (open_para is not None and new_chunk and ln.blank_before and local_column(lines, i)
                and (_ended_short(open_para.lines, ln) or _set_wider(lines, open_para.lines, i))):
            close_open()  # a short line before a blank line ended its paragraph, sentence end or none
        if open_para is not None and new_chunk:
            tail = open_para.lines[-1].text
            if not roles.LEAD_START.match(ln.text) and not roles.is_date_line(ln.text) and not ln.opens and not (
                    # one paragraph a line: the next line, no blank line between, is the next paragraph unless
                    # a word or a clause runs on into it (立案网上办 开庭不见面 / 日前，…: a title over its text)
                    _para_a_line(lines) and lines[i - 1] is open_para.lines[-1] and lines[i - 1].chunk == ln.chunk
                    and not _continues(tail, ln) and not roles.cuts_a_word(tail, ln.text)) and not (
                    # one paragraph a line: a quotation alone on its line, no sentence's end inside the marks, ends
                    # there (“一辈子都在做促进美中友好的事，我感到很骄傲” / (blank) / 1991年，…)
                    _para_a_line(lines) and len(open_para.lines) == 1 and _QUOTE_LINE.match(tail.strip())
                    and not _continues(tail, ln) and not roles.cuts_a_word(tail, ln.text)) and (
                    _continues(tail, ln) or not roles.is_headingish(ln.text) or roles.ends_sentence(ln.text)
                    or roles.unbalanced("".join(x.text for x in open_para.lines))  # 《荆州市 / 机关…》
                    or _wrapped_on(lines, kinds, i) or _wrapped_unmeasured(lines, kinds, i)):
                cut = 0
                if not _continues(tail, ln) and ln.blank_before >= 2:
                    cut = roles.glued_caption_split(tail, ln.text)
                if cut:
                    pending_inserts.append(_Building(CAPTION, [ln], [(ln.start, ln.start + cut)]))
                    open_para.add(ln, ln.start + cut)
                else:
                    open_para.add(ln)
                kinds[i] = PARA
                para = open_para
                # the foreign lines met meanwhile were inserts (captions) inside this paragraph
                for u in pending_inserts:
                    if u.kind == HEAD:
                        u.kind = CAPTION
                    units.append(u)
                pending_inserts = []
                if roles.ends_sentence(ln.text) or _closes_with_byline(lines, i) or _closes_note(lines, i):
                    open_para = None
                i += 1
                continue
            if roles.is_headingish(ln.text) and not lead_byline(ln.text):
                # maybe a caption set between the two halves of the open paragraph
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                if nxt is not None and not kinds[i + 1] and not roles.is_headingish(nxt.text) and _continues(tail, nxt):
                    kinds[i] = CAPTION
                    pending_inserts.append(_Building(CAPTION, [ln], [(ln.start, ln.end)]))
                    i += 1
                    continue
            close_open()
        if _heading_tail(lines, kinds, i) and units and units[-1].kind == HEAD:
            kinds[i] = HEAD
            units[-1].add(ln)  # the last characters of a wrapped headline: 故宫灯如昼 / 首播
            para = None
            i += 1
            continue
        if (units and units[-1].kind == HEAD and units[-1].lines[-1] is lines[i - 1] and lines[i - 1].chunk == ln.chunk
                and lines[i - 1].width >= ln.width + SHORT_LINE_CELLS and not roles.ends_sentence(lines[i - 1].text)
                and ln.text.rstrip().endswith("——") and dashed_kicker(lines, [*kinds[:i - 1], NONE, *kinds[i:]], i)):
            kinds[i] = HEAD
            units[-1].add(ln)  # a kicker's last line, wrapped under its first: one heading (…超过1 / 300万人——)
            para = None
            i += 1
            continue
        if heading_here(lines, kinds, i):
            kinds[i] = HEAD
            units.append(_Building(HEAD, [ln], [(ln.start, ln.end)]))
            para = None
            i += 1
            continue
        # a body line: start a paragraph or continue the one in this chunk
        kinds[i] = PARA
        ended = ln.opens if indented else _para_ended(lines, i - 1)
        ended = ended or i > 0 and kinds[i - 1] == PARA and _closes_with_byline(lines, i - 1)
        if (para is None or new_chunk or ended or roles.LEAD_START.match(ln.text)
                or roles.is_date_line(ln.text) or roles.ends_sentence(lines[i - 1].text) and _making_note_at(lines, i)):
            para = _Building(PARA, [], [])
            units.append(para)
        para.add(ln)
        open_para = None if roles.ends_sentence(ln.text) or _closes_with_byline(lines, i) or _closes_note(lines, i) else para
        i += 1
    close_open()
    at = {ln.start: k for k, ln in enumerate(lines)}
    out: list[Unit] = []
    for u in units:
        lead = end_marker = opening = False
        kind = u.kind
        if u.kind == PARA:
            head = "".join(ln.text for ln in u.lines[:3])
            # a note on the author closes an article (it names no byline, though it opens with 作者)
            whole = "".join(ln.text for ln in u.lines)
            note = len(u.lines) <= NOTE_MAX_LINES and is_author_note(whole)
            lead = not note and bool(lead_byline(head))
            opening = lead or not note and dispatch_opening(head)
            end_marker = (note or len(u.lines) == 1 and (roles.is_end_marker(u.lines[0].text)
                                                         or roles.is_closing_dispatch(u.lines[0].text))
                          or _closes_with_byline(lines, at[u.lines[-1].start])
                          or len(u.lines) <= NOTE_MAX_LINES + 1 and roles.is_making_note(whole)
                          or 1 < len(u.lines) <= NOTE_MAX_LINES + 1 and roles.is_parenthetical(whole)
                          and bool(_CLOSING_NOTE.match(whole)))
            if lead and _closing_byline(u, out):
                kind, lead, end_marker, opening = BYLINE, False, True, False
        out.append(Unit(kind, tuple(u.lines), tuple(u.spans), lead, end_marker, opening))
    return out, tuple(kinds)


def _lone_caption_line(lines: tuple[Ln, ...], i: int) -> bool:
    """Is line i (no indent, on a page whose paragraphs open with one) a caption's sentence standing alone
    under a sentence's end: one short sentence, a block of its own? A paragraph that ended on the line above
    carries on into no such line (what it would carry on with is a caption set at the column's break)."""
    ln = lines[i]
    alone = i + 1 == len(lines) or lines[i + 1].chunk != ln.chunk
    return alone and roles.ends_sentence(lines[i - 1].text) and _caption_sentence(ln)


def _wrapped_on(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i a full line of the wrapped column, cut mid-sentence, that runs on into the body line under
    it (…警方在各种行动中 / (column break) / 查明并逮捕100余名恐怖主义组织 / 成员，查获…)? After a column
    break that left a paragraph open, such a line carries the paragraph on, even when no word joins it to the
    text above: a caption set between the two halves is a description complete in itself, not a line cut at
    the column's width and carried on below."""
    ln = lines[i]
    if roles.ends_sentence(ln.text) or i + 1 >= len(lines):
        return False
    nxt = lines[i + 1]
    if nxt.chunk != ln.chunk or kinds[i + 1] or nxt.opens:
        return False
    col = local_column(lines, i)
    if not col or abs(ln.width - col) > COLUMN_TOLERANCE:
        return False
    return (roles.joins_a_word(ln.text, nxt.text) or roles.starts_mid_sentence(nxt.text)
            or not roles.is_headingish(nxt.text) or abs(nxt.width - col) <= COLUMN_TOLERANCE)


def _wrapped_unmeasured(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Where no column width can be told (lines of uneven widths, as PDF text of a proportional font comes out),
    is line i the next line of a sentence the line right above it left open: the same block of lines (no blank
    line between), at least as wide, and followed by more text of the block or ending the sentence?"""
    if i == 0 or local_column(lines, i) or _para_a_line(lines):
        return False
    ln, prev = lines[i], lines[i - 1]
    if prev.chunk != ln.chunk or kinds[i - 1] not in (NONE, PARA) or roles.ends_sentence(prev.text):
        return False
    if ln.width < prev.width - COLUMN_TOLERANCE or ln.opens:
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return roles.ends_sentence(ln.text) or nxt is not None and nxt.chunk == ln.chunk and not kinds[i + 1]


def _para_a_line(lines: tuple[Ln, ...]) -> bool:
    """Does the page print one paragraph a line: of its lines wider than any column (`HEADLINE_MAX_WIDTH`
    cells), at least `PARA_A_LINE_MIN` of them, `PARA_A_LINE_SHARE` or more end a sentence, and at most
    `PARA_A_LINE_RUN_ON` of them leave one open over a line of their block (no blank line between): text of
    wide lines wrapped into blocks runs on from line to line."""
    facts = _facts(lines)
    if facts.para_a_line is None:
        wide = [k for k, ln in enumerate(lines) if ln.width >= HEADLINE_MAX_WIDTH]
        ended = sum(roles.ends_sentence(lines[k].text) for k in wide)
        run_on = sum(1 for k in wide if k + 1 < len(lines) and lines[k + 1].chunk == lines[k].chunk
                     and not roles.ends_sentence(lines[k].text))
        facts.para_a_line = (len(wide) >= PARA_A_LINE_MIN and ended >= PARA_A_LINE_SHARE * len(wide)
                             and run_on <= PARA_A_LINE_RUN_ON * len(wide))
    return facts.para_a_line


def _ended_short(para: list[Ln], nxt: Ln) -> bool:
    """Did the paragraph end on its last line, a line short of the paragraph's measure before a blank line,
    although no sentence ends there (…放 / 在首位” / (blank) / 谈到…; 时间：1月30日，正月初六，晴 / (blank))?
    On hard-wrapped text (the caller's to tell) a column break cuts a paragraph at a full line; the measure is
    the paragraph's widest other line, or the line after the break for a paragraph of one line (which may be
    short by its indent alone)."""
    last = para[-1]
    if _continues(last.text, nxt) or roles.cuts_a_word(last.text, nxt.text):
        return False
    if len(para) > 1:
        return last.width <= max(x.width for x in para[:-1]) - SHORT_LINE_CELLS
    return not roles.ends_sentence(nxt.text) and last.width <= nxt.width - SHORT_LINE_CELLS - INDENT_CELLS


def _set_wider(lines: tuple[Ln, ...], para: list[Ln], i: int) -> bool:
    """Is the open paragraph a line standing alone between blank lines, set wider than the column of the text
    below it (a subhead across a narrow column: 建立长效机制，提升贫困群众内生动力和发展能力 over lines of 11
    cells), with no word run across the break nor a bracket left open? A column break cuts a paragraph at a
    line of the column's measure, so such a line is no paragraph's first half: the text below it starts anew."""
    ln, nxt = para[-1], lines[i]
    if len(para) != 1 or not ln.blank_before:
        return False
    col = local_column(lines, i)
    return (bool(col) and ln.width > col + COLUMN_TOLERANCE and not _continues(ln.text, nxt)
            and not roles.cuts_a_word(ln.text, nxt.text) and not roles.unbalanced(ln.text))  # (…《荆州市 / 机关…》)


def _wrapped_tails(lines: tuple[Ln, ...], j: int) -> list[str]:
    """The texts that end on line j and start up to `NOTE_MAX_LINES` - 1 lines above it in its block of lines,
    shortest first (line j alone, then with the line above, ...): where a closing line wrapped in a narrow
    column (（作者单位：北京大学考古文博学 / 院）, …奔波。（记者牛少杰 通 / 讯员陈芳）) is read whole."""
    tails = [lines[j].text]
    for k in range(j - 1, max(-1, j - NOTE_MAX_LINES), -1):
        if lines[k].chunk != lines[j].chunk:
            break
        tails.append(lines[k].text + tails[-1])
    return tails


def _closes_with_byline(lines: tuple[Ln, ...], i: int) -> bool:
    """Does body line i close its article with the byline glued to its last sentence (…陈志勇说。（记者李琰）,
    also wrapped, over as many lines as a note runs to in a narrow column: …奔波。（记者牛少杰 通 / 讯员陈芳）,
    …和完善。（记者刘志强、 / 郑轶 通讯员宋豪新、施 / 芳））? The article's text ends there: nothing carries that
    paragraph on, and the text under it is another article's."""
    tails = _wrapped_tails(lines, i)
    # (read from the line that holds the byline's opening bracket: a narrow column's wrap)
    close = next((t for t in tails if "（" in t or "(" in t), tails[-1]).rstrip()
    if not close.endswith(("）", ")")):
        return False
    start = max(close.rfind("（"), close.rfind("("))
    return start > 0 and roles.ends_sentence(close[:start]) and bool(trailing_byline(close[start:]))


def _closing_byline(u: _Building, before: list[Unit]) -> bool:
    """A line that is nothing but a bracketed byline, `（记者 王三 通讯员 李四）`, right after a body
    paragraph (a caption or page furniture printed in between aside), closes that article: an opening byline
    is followed by the article's text on its line."""
    last = next((x for x in reversed(before) if x.kind not in (CAPTION, FURN)), None)
    return len(u.lines) == 1 and roles.is_parenthetical(u.lines[0].text) and last is not None and last.kind == PARA


def _heading_tail(lines: tuple[Ln, ...], kinds: list[UnitKind], i: int) -> bool:
    """Is line i the short end of the heading line right above it (same block of lines), which no body
    line carries on?"""
    ln = lines[i]
    if i == 0 or kinds[i] or kinds[i - 1] != HEAD or lines[i - 1].chunk != ln.chunk or ln.opens:
        return False
    if _TITLE_LABEL.match(ln.text) and not _ROLE_IN_LABEL.search(ln.text):
        return True  # a column label in brackets closing the title: …法治保障 / （新论）
    if ln.width > HEADING_TAIL_WIDTH or roles.ends_sentence(ln.text) or roles.is_furniture(ln.text):
        return False
    if (looks_like_name(ln.text) and not roles.joins_a_word(lines[i - 1].text, ln.text)
            and "".join(ln.text.split()) not in roles.NOTICE_WORDS):
        return False  # an author's name under the headline (not a notice's word: …公开招聘应届高校毕业生 / 公告)
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    above = lines[i - 1].text.rstrip()
    if above.endswith(roles.KICKER_ENDS):
        return False  # a kicker ends on its dash or colon: the line under it starts the title (…大排查—— / 不漏一户)
    return nxt is None or nxt.chunk != ln.chunk or not _continues(ln.text, nxt)


def _closes_note(lines: tuple[Ln, ...], j: int) -> bool:
    """Does line j close an article's closing line wrapped over up to `NOTE_MAX_LINES` lines of its block
    (（作者单位：北京大学考古文博学 / 院）)? Nothing of that article runs on below it."""
    return any(_closing_line(t) for t in _wrapped_tails(lines, j))


def _nothing_open(lines: tuple[Ln, ...], kinds: list[UnitKind], j: int) -> bool:
    """Does line j leave no sentence open for the line under it: a line with a role of its own, a sentence's end,
    an article's closing line (wrapped over lines or not) or a paragraph closed by its byline?"""
    return (kinds[j] in (FURN, BYLINE, CAPTION, AD, HEAD) or roles.ends_sentence(lines[j].text)
            or _closes_note(lines, j) or _closes_with_byline(lines, j))


def _making_note_at(lines: tuple[Ln, ...], i: int) -> bool:
    """Does line i open a note on how the article was made (（王三参与采写）, `roles.is_making_note`), alone on
    its line or wrapped over up to `NOTE_MAX_LINES` lines (（王三、李四、赵五参与 / 采写）)? A paragraph of its own."""
    text = ""
    for ln in lines[i:i + NOTE_MAX_LINES]:
        text += ln.text.strip()
        if not roles.unbalanced(text):
            return roles.is_making_note(text)
    return False


@functools.lru_cache(maxsize=4096)  # asked of the same lines again and again by the heading tests around them
def _closing_line(text: str) -> bool:
    """A line that closes an article (（作者为…）, （本报华沙2月9日电）, also with a stray space a PDF put inside a
    word, （作 者单位：…）), and a note of sources and reporters (（综合本报记者王三、李四 / 报道）): nothing of its
    text runs on below it."""
    return (is_author_note(text) or roles.is_closing_dispatch(text) or roles.is_making_note(text)
            or roles.is_parenthetical(text) and not roles.unbalanced(text) and bool(_CLOSING_NOTE.match(text)))


def _para_ended(lines: tuple[Ln, ...], j: int) -> bool:
    """Does line j end its paragraph inside a chunk (a short line that ends a sentence)?"""
    if j < 0:
        return True
    ln = lines[j]
    if not roles.ends_sentence(ln.text):
        return False
    col = local_column(lines, j)
    if not col or roles.is_parenthetical(ln.text) or ln.width > col + COLUMN_TOLERANCE and _para_a_line(lines):
        return True  # not hard-wrapped here: one paragraph a line (also, on a page printing one paragraph a line,
        # a line wider than the measure of a block wrapped beside it, a caption's: 因为循环，所以生态；… / 这一切，…)
    return _short_of(lines, j, col)


def _short_of(lines: tuple[Ln, ...], j: int, col: float) -> bool:
    """Does line j stop short of the column `col` wide, so that the next line's first character would have
    fitted on it? (…见着总书记。 / “总书记很和气…: an opening quote mark, which no line may end on, was
    pushed down with its word and left the line a cell short.)"""
    short = col - lines[j].width
    if short >= PARA_END_SHORTFALL + 1:
        return True
    nxt = lines[j + 1].text if j + 1 < len(lines) else ""
    return short >= PARA_END_SHORTFALL and not nxt.startswith(tuple(roles.OPENERS))


def _short_last_line(lines: tuple[Ln, ...], j: int) -> bool:
    """Is line j a paragraph's last line by its look: it ends a sentence short of the wrapped column's width?
    (Nothing carries such a paragraph on after a column break, indent or none.)"""
    ln = lines[j]
    col = local_column(lines, j)
    return bool(col) and roles.ends_sentence(ln.text) and _short_of(lines, j, col)


def standalone_captions(units: list[Unit], lines: tuple[Ln, ...], kinds: tuple[UnitKind, ...]) -> list[Unit]:
    """Pass 3: short single-clause sentences standing alone between other units are photo captions; so is, on
    a page whose paragraphs open with an indent, a block of its own with no indent under a paragraph that ended
    (…打赢疫情防控阻击战。 / (blank) / 荷兰首相吕特表示，… / (blank)): no paragraph opens unindented there, and
    none ended above it to carry on (captions are not indented)."""
    index = {ln.start: i for i, ln in enumerate(lines)}
    indented = any(ln.opens for ln in lines)
    parted = blank_parted(lines)
    out: list[Unit] = []
    for k, u in enumerate(units):
        if u.kind == PARA and len(u.lines) == 1 and not u.opening and not u.end_marker:
            ln = u.lines[0]
            i = index[ln.start]
            alone_before = (ln.blank_before > 0 or i == 0 or roles.ends_sentence(lines[i - 1].text)
                            or kinds[i - 1] in (HEAD, BYLINE, CAPTION, FURN))
            last_para = next((x for x in reversed(out) if x.kind == PARA), None)
            left_open = last_para is not None and not roles.ends_sentence(last_para.lines[-1].text)
            marked = roles.has_credit(ln.text) or roles.has_caption_mark(ln.text)
            # unmarked, a caption is a short line set apart by blank lines (not a paragraph of one sentence):
            # a sentence right under a headline or byline with no blank line between opens the article's text,
            # and one between two body paragraphs is a paragraph of one sentence unless it is a mere fragment
            # (or the page marks its paragraphs by an indent, and this line has none)
            # (a photo's caption printed between the paragraph above and this sentence aside)
            above = next((x for x in reversed(out) if x.kind != CAPTION), None)
            inside = (not indented and above is not None and above.kind == PARA and k + 1 < len(units)
                      and units[k + 1].kind == PARA)
            # a sentence between a heading (headline, byline, subhead) and the body text under it opens that
            # text, unless that text opens the article itself (本报讯（…）…): then the sentence was set over it
            below = next((x for x in units[k + 1:] if not _lone_sentence(x)), None)  # (captions stacked)
            opens_text = (bool(out) and out[-1].kind in (HEAD, BYLINE) and below is not None
                          and below.kind == PARA and not below.opening)
            # a sentence between a text's last paragraph and the next headline closes that text (…等参加会见。,
            # 时光荏苒，春秋五度。), unless the paragraph above is a lone sentence too (captions stacked over a headline)
            closes_text = (bool(out) and out[-1].kind == PARA and not _lone_sentence(units[k - 1])
                           and k + 1 < len(units) and units[k + 1].kind == HEAD)
            # (on a page that parts nothing by blank lines, under a sentence's end, a line with a role of its
            # own or a heading that holds no clause: a clause left open above may be its sentence's first half)
            unparted = not parted and (i == 0 or roles.ends_sentence(lines[i - 1].text) or kinds[i - 1] in (
                BYLINE, AD) or kinds[i - 1] == HEAD and not _CLAUSE_OR_STOP.search(lines[i - 1].text))
            apart = marked or (ln.width <= (INSET_CAPTION_WIDTH if inside else CAPTION_SENTENCE_WIDTH) and (
                ln.blank_before > 0 or i == 0 or kinds[i - 1] in (CAPTION, FURN) or unparted))
            if (alone_before and apart and roles.is_caption_sentence(ln.text) and not left_open
                    and not roles.is_closing_formula(ln.text)  # (特 此公告。: a notice's last line)
                    and (marked or not opens_text and not closes_text)
                    and not ln.text.startswith(("—", "-"))  # (a dash opens an item of a list in the text)
                    # (under a caption or its credit set inside the text, the line may carry on the paragraph
                    # the caption interrupts: there the text below claims it as on a page parted by blank lines)
                    and (marked or not _texts_own_line(lines, kinds, i, parted or kinds[i - 1] == CAPTION))):
                u = u.as_kind(CAPTION)
        elif indented and u.kind == PARA and _unindented_block(u, lines, index) and _ended_paragraph(out, lines, index):
            u = u.as_kind(CAPTION)
        elif (u.kind == PARA and k + 1 < len(units) and units[k + 1].kind == HEAD
              and not (out and out[-1].kind in (HEAD, BYLINE, PARA)) and _dated_caption_block(u, lines, kinds, index)):
            u = u.as_kind(CAPTION)
        elif u.kind == PARA and _para_a_line(lines) and _wrapped_block(u, index):
            u = u.as_kind(CAPTION)
        out.append(u)
    return out


# a photo caption's opening: the day (and hour) the picture was taken, then where and who (2月18日，江西省宜丰县…，
# 工人在抢时间搭建大棚。 / 17日，工作人员在… / 当日，…): news dates its text too, but in the text's run of paragraphs
_DATED_CAPTION = re.compile(r"^(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?\d{1,2}日(?:[上下]午|晚间?|凌晨|\d{1,2}时(?:许)?)?[，,]"
                            r"|^当(?:日|天|晚|地时间\d{1,2}日)[，,]")


def _dated_caption_block(u: Unit, lines: tuple[Ln, ...], kinds: tuple[UnitKind, ...], index: dict[int, int]) -> bool:
    """Is the paragraph u (the caller's to say it stands under no paragraph, headline or byline and over a
    headline) a photo's caption with no credit, a dated description: a block of two to `CAPTION_MAX_LINES` lines
    and at most `CAPTION_BLOCK_CHARS` characters, opening with the day the picture was taken (2月18日，… 当日，…),
    ending a sentence, with a blank line, a caption or the page's furniture over it (…谢尚 / 国 摄 / (blank) /
    2月18日，江西省宜丰县…，工人在抢时间搭建 / 大棚。 / 花的祝福（新时代之光）), and nothing only a text says? Under
    a paragraph such a block may be its text's last paragraph; under a headline or byline it opens the text."""
    first, last = u.lines[0], u.lines[-1]
    i, j = index[first.start], index[last.start]
    if (first.opens or u.opening or u.end_marker or not 2 <= len(u.lines) <= CAPTION_MAX_LINES
            or j != i + len(u.lines) - 1 or len(u.text) > CAPTION_BLOCK_CHARS):
        return False
    if not (i == 0 or first.blank_before or kinds[i - 1] in (CAPTION, FURN)):
        return False
    t = u.text.strip()
    return (bool(_DATED_CAPTION.match(t)) and roles.ends_sentence(last.text) and not _TEXTS_OWN.search(t)
            and not roles.unbalanced(t, closing=True) and not roles.has_credit(t))


def _wrapped_block(u: Unit, index: dict[int, int]) -> bool:
    """On a page that prints one paragraph a line, is the paragraph u a block of two to `CAPTION_MAX_LINES` lines
    wrapped at a measure narrower than the page's text (its lines but the last agree, narrower than a line of a
    paragraph, `HEADLINE_MAX_WIDTH`, none ending a sentence; its last no wider), at most `CAPTION_BLOCK_CHARS`
    characters, with nothing in it only a text says (…工作人员在内蒙古呼和浩特市玉泉区现代农业示 / 范园内的温室大
    棚里采摘西红柿。)? The page's paragraphs run on one line each; a photo's caption keeps the photo's width."""
    ls = u.lines
    if (not 2 <= len(ls) <= CAPTION_MAX_LINES or len(u.text) > CAPTION_BLOCK_CHARS or u.opening or u.end_marker
            or index[ls[-1].start] - index[ls[0].start] != len(ls) - 1 or ls[-1].chunk != ls[0].chunk):
        return False
    full = [ln.width for ln in ls[:-1]]
    if (max(full) >= HEADLINE_MAX_WIDTH or not _one_measure(full, ls[-1].width)
            or any(roles.ends_sentence(ln.text) for ln in ls[:-1])):
        return False
    t = u.text.strip()
    return not (roles.is_list_item(t) or _TEXTS_OWN.search(t) or roles.unbalanced(t, closing=True)
                or t.endswith(("—", "-")))  # (a kicker closing on its dash: `splitter.dashed_kickers`)


def _unindented_block(u: Unit, lines: tuple[Ln, ...], index: dict[int, int]) -> bool:
    """Is the paragraph u a block of its own (blank lines around it, at most a caption's lines) whose first
    line has no paragraph indent, and nothing in it that only a text says (a list item, a dash opening an item,
    an announcement, a speaker's turn, a quote it never opened, an article's opening or closing line)?"""
    first, last = u.lines[0], u.lines[-1]
    i, j = index[first.start], index[last.start]
    if (first.opens or u.opening or u.end_marker or len(u.lines) > CAPTION_MAX_LINES or i == 0
            or not first.blank_before or j != i + len(u.lines) - 1 or last.chunk != first.chunk):
        return False
    if j + 1 < len(lines) and lines[j + 1].chunk == last.chunk:
        return False
    t = u.text
    return not (roles.is_list_item(t) or t.startswith(("—", "-")) or _TEXTS_OWN.search(t)
                or roles.unbalanced(t, closing=True))


def _ended_paragraph(out: list[Unit], lines: tuple[Ln, ...], index: dict[int, int]) -> bool:
    """Did the unit before end a paragraph of two lines or more on a short line ending a sentence, in one block
    of lines? Then nothing it left open runs on below it."""
    if not out or out[-1].kind != PARA or len(out[-1].lines) < 2:
        return False
    last = out[-1].lines
    return last[-2].chunk == last[-1].chunk and _short_last_line(lines, index[last[-1].start])


def _lone_sentence(u: Unit) -> bool:
    """Is unit u a paragraph of one short sentence on a line of its own (what a caption without a credit is)?"""
    return u.kind == PARA and len(u.lines) == 1 and _caption_sentence(u.lines[0])


def _caption_sentence(ln: Ln) -> bool:
    """Does line ln read as a caption without a credit: one short sentence, within `CAPTION_SENTENCE_WIDTH`?"""
    return ln.width <= CAPTION_SENTENCE_WIDTH and roles.is_caption_sentence(ln.text)


# a sentence that only the text around it can say: it announces what follows (全文如下。 要抓好以下几项工作。),
# gives a speaker's turn in an interview (记者：… 问：…) or names who said the words above (荆州市委副书记吴朝安说。);
# no photo's caption reads so
_TEXTS_OWN = re.compile(rf"(?:如下|以下[^。]{{0,12}})[。：:]$|{_SPEAKER_TURN.pattern}"
                        r"|^[^，,。]{0,16}(?:说|表示|介绍|指出|坦言|告诉记者)。$")


def blank_parted(lines: tuple[Ln, ...]) -> bool:
    """Does the page part its text by blank lines: does a blank line follow at least `BLANK_PARTS_SHARE` of the
    lines that end a sentence (a page with none ending a sentence is taken as parted)?"""
    ends = [lines[i + 1].blank_before > 0 for i in range(len(lines) - 1) if roles.ends_sentence(lines[i].text)]
    return not ends or sum(ends) >= BLANK_PARTS_SHARE * len(ends)


def _texts_own_line(lines: tuple[Ln, ...], kinds: tuple[UnitKind, ...], i: int, parted: bool = True) -> bool:
    """Does the text itself say that the lone sentence on line i is its own, a paragraph of one sentence and
    no photo's caption? It is set in the page's paragraph indent (captions are not indented), it announces what
    follows, gives a speaker's turn in an interview or closes a quote it never opened, it is an item of a
    numbered list (（五）…, 4.…, ［7］…), the body text below it follows with no blank line between (a caption
    stands apart from the text on both sides), or it ends the sentence of the line right above it (no blank
    line between, the line above stops short of a sentence's end and is body text or as wide as the column)."""
    ln = lines[i]
    if ln.opens or roles.is_list_item(ln.text) or _TEXTS_OWN.search(ln.text) or roles.unbalanced(ln.text, closing=True):
        return True
    if parted and i + 1 < len(lines) and not lines[i + 1].blank_before and kinds[i + 1] in (NONE, PARA):
        return True
    if i == 0 or ln.blank_before or lines[i - 1].chunk != ln.chunk:
        return False
    prev = lines[i - 1]
    if roles.ends_sentence(prev.text) or kinds[i - 1] in (BYLINE, CAPTION, FURN, AD):
        return False
    col = local_column(lines, i - 1)
    return (kinds[i - 1] in (NONE, PARA) or _continues(prev.text, ln)
            or bool(col) and abs(prev.width - col) <= COLUMN_TOLERANCE)


def author_lines(units: list[Unit]) -> list[Unit]:
    """Pass 4: a plain line of names right under a headline is the authors' line (role 作者), and so is a lone
    name standing apart right over an article's text."""
    out = list(units)
    for k, u in enumerate(units):
        if u.kind not in (HEAD, PARA) or len(u.lines) != 1:
            continue
        t = u.lines[0].text
        lone_name = (bool(_NAME_ONLY.fullmatch(t.strip())) and looks_like_name(t.strip())
                     and not roles.is_common_word(t.strip(), 1))  # (管理。 is the end of a sentence)
        if labelled_names(t) is None and (not (is_author_line(t) or lone_name) or (
                " " not in t.strip() and roles.is_common_word(t.strip()))):
            continue  # 荆州市 is a place, not a name
        before = out[k - 1] if k else None
        after = units[k + 1] if k + 1 < len(units) else None
        if before is not None and before.kind == HEAD and _heading_goes_on(before, u):
            continue  # …检举控告的接收 / 和受理: the heading's second line, not a name (和 is a surname too)
        if before is not None and before.kind == HEAD and (after is None or after.kind == PARA):
            out[k] = u.as_kind(BYLINE)
        elif (lone_name or labelled_names(t) is not None) and _opens_text_alone(u, after):
            out[k] = u.as_kind(BYLINE)  # a lone name over an article's text, its headline printed elsewhere
    return out


# conjunctions that, opening a line right under a heading, carry the heading on (…的接收 / 和受理); each is
# also a rare surname, so a name-like line opening with one is read as a name only where it stands apart
HEADING_CONJUNCTIONS = "和与及并或暨"


def _heading_goes_on(head: Unit, u: Unit) -> bool:
    """Does one-line unit u, set right under heading `head` with no blank line between, carry that heading on
    (a conjunction opening it and the heading's last line open, no mark closing it)?"""
    t, last = u.lines[0].text.strip(), head.lines[-1].text.rstrip()
    return (not u.lines[0].blank_before and len(t) >= 2 and t[0] in HEADING_CONJUNCTIONS and " " not in t
            and bool(last) and "\u4e00" <= last[-1] <= "\u9fff")


def _opens_text_alone(u: Unit, after: Unit | None) -> bool:
    """Does unit u stand apart (blank lines around it) right over body text that opens a sentence?"""
    if after is None or after.kind != PARA or not u.lines[0].blank_before or not after.lines[0].blank_before:
        return False
    return not roles.starts_mid_sentence(after.lines[0].text)


def read_units(text: str) -> list[Unit]:
    """The page's text as units in printed order: headings, bylines, paragraphs, captions, furniture, ads."""
    return line_units(read_lines(text))


def line_units(lines: tuple[Ln, ...]) -> list[Unit]:
    """The page's lines (as `read_lines` reads them, in the order given) as units."""
    units, kinds = build_units(lines, fixed_roles(lines))
    return author_lines(standalone_captions(units, lines, kinds))
