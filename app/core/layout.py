"""Reading a page's lines into units: the first two passes of the automatic split.

1. lines: furniture (editor credits, labels, dates), ad regions, bylines and credited captions;
2. headings and paragraphs: short unpunctuated lines standing alone are headings; body lines join into
   paragraphs across hard wraps and column breaks (a paragraph that ends mid-sentence continues in the next
   body line, skipping a caption printed in between, even one glued to that line); short single-clause
   sentences standing alone are captions; a line of names under a headline is its authors' line.

Everything is judged from how Chinese papers are set (column widths, punctuation, indents, words that run
across a line break), never from a particular paper's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import roles
from .bylines import is_author_line, is_byline, lead_byline
from .page import split_lines

# unit kinds
HEAD, BYLINE, PARA, CAPTION, FURN, AD, SECTION, SUBHEAD = "H", "Y", "P", "C", "F", "A", "S", "subhead"


@dataclass
class Ln:
    """A visible line: its index and stripped span in the page, the blank lines before it, its chunk
    (run of lines between blank lines), its printed width, and the role decided for it."""

    idx: int
    start: int
    end: int
    text: str
    blank_before: int
    chunk: int
    width: float
    role: str = ""  # one of the unit kinds once decided


@dataclass
class Unit:
    """A heading, byline, caption, furniture or ad line, or a body paragraph (which may skip foreign lines
    and cross blank lines: `spans` are its pieces in reading order)."""

    kind: str
    lines: list[Ln]
    spans: list[tuple[int, int]] = field(default_factory=list)
    lead: bool = False  # a body paragraph opening with 本报讯（…）
    end_marker: bool = False

    @property
    def pos(self) -> int:
        return self.spans[0][0] if self.spans else self.lines[0].start

    @property
    def text(self) -> str:
        return "".join(ln.text for ln in self.lines)


def _lines(text: str) -> list[Ln]:
    """The page's visible lines, with blank-line counts normalised for double-spaced extraction."""
    found: list[tuple[int, int, int, str, int]] = []
    blank = 0
    for line in split_lines(text):
        raw = text[line.start:line.end]
        stripped = raw.strip()
        if not stripped:
            blank += 1
            continue
        s = line.start + (len(raw) - len(raw.lstrip()))
        found.append((line.index, s, s + len(stripped), stripped, blank))
        blank = 0
    gaps = [b for *_, b in found[1:]]
    # double-spaced extraction (a blank line after every line): only the wider gaps separate anything
    # (the lines run on mid-sentence across those blanks: hard-wrapped text, not one paragraph a line)
    run_on = sum(1 for f in found[:-1] if not roles.ends_sentence(f[3]))
    double = (len(gaps) >= 8 and sum(1 for b in gaps if b >= 1) >= 0.9 * len(gaps)
              and run_on >= 0.5 * len(gaps))
    out: list[Ln] = []
    chunk = 0
    for idx, s, e, stripped, b in found:
        if double:
            b //= 2
        if out and b:
            chunk += 1
        out.append(Ln(idx, s, e, stripped, b if out else 99, chunk, roles.width(stripped)))
    return out


# --- pass 1: furniture, ads, bylines, credited captions ---------------------------------------
def _mark_fixed(lines: list[Ln]) -> None:
    for ln in lines:
        if roles.is_furniture(ln.text):
            ln.role = FURN
        elif is_byline(ln.text):
            ln.role = BYLINE
        elif roles.has_credit(ln.text) and roles.width(ln.text) <= 60 and ln.text.count("。") <= 1:
            ln.role = CAPTION
    _mark_ads(lines)


def _mark_ads(lines: list[Ln]) -> None:
    hits = [i for i, ln in enumerate(lines) if not ln.role and roles.is_ad_line(ln.text)]
    clusters: list[list[int]] = []
    for i in hits:
        if clusters and i - clusters[-1][-1] <= 6:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    for cl in clusters:
        short = all(roles.width(lines[i].text) <= 30 for i in cl)
        if len(cl) < 3 and not (len(cl) == 2 and short and any(roles.is_contact_line(lines[i].text) for i in cl)):
            continue
        a, b = cl[0], cl[-1]
        # the advertiser's name and slogan printed right above, in the same block of lines
        while a > 0 and lines[a - 1].chunk == lines[a].chunk and not lines[a - 1].role \
                and roles.width(lines[a - 1].text) <= 30 and not roles.ends_sentence(lines[a - 1].text):
            a -= 1
        # an ad region runs to the page end when only short, unpunctuated lines follow
        tail = lines[b + 1:]
        if all(not lead_byline(ln.text) and (roles.width(ln.text) <= 30 or roles.is_ad_line(ln.text)) for ln in tail):
            b = len(lines) - 1
        if any(lead_byline(ln.text) for ln in lines[a:b + 1]):
            continue
        for ln in lines[a:b + 1]:
            if not ln.role or ln.role == CAPTION:
                ln.role = AD


# --- pass 2: headings and paragraphs -----------------------------------------------------------
def _continues(prev: str, line: Ln) -> bool:
    """Does `line`, after a break, carry on a sentence that `prev` left open?"""
    return roles.starts_mid_sentence(line.text) or roles.joins_a_word(prev, line.text)


def _heading_here(lines: list[Ln], i: int) -> bool:
    ln = lines[i]
    if ln.role or not roles.is_headingish(ln.text):
        return False
    prev = lines[i - 1] if i > 0 else None
    in_chunk_prev = prev is not None and prev.chunk == ln.chunk
    if in_chunk_prev and prev.role in ("", PARA) and not roles.ends_sentence(prev.text):
        return False  # the middle of a wrapped paragraph
    following: list[Ln] = []
    for x in lines[i + 1:i + 7]:
        if x.chunk != ln.chunk or x.role:
            break
        following.append(x)
    if following and roles.LEAD_START.match(following[0].text):
        return True  # nothing runs on into 本报讯（…）: this line heads the article below
    if roles.is_series_banner(ln.text):
        return True
    if following and not roles.ends_sentence(ln.text):
        if _body_like(following):
            top = max(x.width for x in following)
            bare = not re.search(r"[，,、：:“”\"（）()《》]", ln.text) and not roles.joins_a_word(
                ln.text, following[0].text) and not roles.starts_mid_sentence(following[0].text)
            if top - 3 <= ln.width <= top + 1 and not (bare and ln.width >= top - 1) and not _parallel(ln.text):
                return False  # a full line (or indented first line) of the wrapped column
            if top - 4.5 <= ln.width <= top + 1 and roles.joins_a_word(ln.text, following[0].text):
                return False  # a shorter line whose last word runs on into the next line
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is not None and roles.is_date_line(nxt.text):
        return False  # a signature over its date, closing a notice
    if nxt is not None and nxt.role in (CAPTION, FURN) and not roles.ends_sentence(ln.text):
        # across a caption printed in between: does the sentence carry on below it?
        after = next((x for x in lines[i + 2:i + 6] if not x.role), None)
        if after is not None and (roles.starts_mid_sentence(after.text) or roles.joins_a_word(ln.text, after.text)):
            return False
    if nxt is not None and not nxt.role:
        if roles.starts_mid_sentence(nxt.text):
            return False  # a heading never runs on into the next line
        if ("，" in ln.text or "," in ln.text) and not roles.ends_sentence(ln.text):
            col = _local_column(lines, i)
            if col and abs(ln.width - col) <= 1.5:
                return False  # a clause cut at the column's width, carried on below
    return True


def _parallel(text: str) -> bool:
    """Two headline phrases of one length either side of a comma: 护佑生命战疫情，使命担当新作为."""
    parts = re.split(r"[，,]", text)
    return len(parts) == 2 and abs(len(parts[0]) - len(parts[1])) <= 1 and len(parts[0]) >= 4


def _body_like(run: list[Ln]) -> bool:
    """Is the first of these lines body text: not heading-like, or running on into the line after it?"""
    first = run[0]
    if not roles.is_headingish(first.text):
        return True
    if len(run) > 1 and not roles.ends_sentence(first.text):
        return roles.starts_mid_sentence(run[1].text) or roles.joins_a_word(first.text, run[1].text)
    return False


def _local_column(lines: list[Ln], i: int) -> float:
    """The width of the wrapped column around line i (0 when the text is not hard-wrapped there)."""
    ws = sorted(x.width for x in lines[max(0, i - 12):i + 13]
                if x is not lines[i] and not roles.ends_sentence(x.text) and x.width >= 8)
    if len(ws) < 5:
        return 0.0
    mid = ws[len(ws) // 2]
    close = sum(1 for w in ws if abs(w - mid) <= 1.5)
    return mid if close >= 0.6 * len(ws) else 0.0


def _build_units(lines: list[Ln]) -> list[Unit]:
    units: list[Unit] = []
    open_para: Unit | None = None  # a body paragraph whose last sentence is unfinished
    para: Unit | None = None  # the paragraph being built in the current chunk
    pending_inserts: list[Unit] = []  # headings/captions met while a paragraph was open

    def close_open() -> None:
        nonlocal open_para, pending_inserts
        open_para = None
        for u in pending_inserts:
            units.append(u)
        pending_inserts = []

    def add_line(p: Unit, ln: Ln, start: int | None = None) -> None:
        p.lines.append(ln)
        p.spans.append((ln.start if start is None else start, ln.end))

    i = 0
    while i < len(lines):
        ln = lines[i]
        prev = lines[i - 1] if i else None
        if ln.role in (FURN, AD, BYLINE, CAPTION):
            u = Unit(ln.role, [ln], [(ln.start, ln.end)])
            (pending_inserts if open_para else units).append(u)
            para = None
            i += 1
            continue
        new_chunk = (prev is None or prev.chunk != ln.chunk or prev.role not in ("", PARA)
                     or not _local_column(lines, i))  # one paragraph a line: each line stands alone
        if open_para is not None and new_chunk:
            tail = open_para.lines[-1].text
            if not roles.LEAD_START.match(ln.text) and not roles.is_date_line(ln.text) and (_continues(tail, ln) or not roles.is_headingish(ln.text)
                                                         or roles.ends_sentence(ln.text)):
                cut = 0
                if not _continues(tail, ln) and ln.blank_before >= 2:
                    cut = roles.glued_caption_split(tail, ln.text)
                if cut:
                    cap = Unit(CAPTION, [ln], [(ln.start, ln.start + cut)])
                    pending_inserts.append(cap)
                    add_line(open_para, ln, ln.start + cut)
                else:
                    add_line(open_para, ln)
                ln.role = PARA
                para = open_para
                # the foreign lines met meanwhile were inserts (captions) inside this paragraph
                for u in pending_inserts:
                    if u.kind == HEAD:
                        u.kind = CAPTION
                    units.append(u)
                pending_inserts = []
                if roles.ends_sentence(ln.text):
                    open_para = None
                i += 1
                continue
            if roles.is_headingish(ln.text) and not lead_byline(ln.text):
                # maybe a caption set between the two halves of the open paragraph
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                if nxt is not None and not nxt.role and not roles.is_headingish(nxt.text) and _continues(tail, nxt):
                    ln.role = CAPTION
                    pending_inserts.append(Unit(CAPTION, [ln], [(ln.start, ln.end)]))
                    i += 1
                    continue
            close_open()
        if _heading_here(lines, i):
            ln.role = HEAD
            units.append(Unit(HEAD, [ln], [(ln.start, ln.end)]))
            para = None
            i += 1
            continue
        # a body line: start a paragraph or continue the one in this chunk
        ln.role = PARA
        if (para is None or new_chunk or _para_ended(lines, i - 1) or roles.LEAD_START.match(ln.text)
                or roles.is_date_line(ln.text)):
            para = Unit(PARA, [], [], lead=bool(lead_byline(ln.text)))
            units.append(para)
        add_line(para, ln)
        open_para = None if roles.ends_sentence(ln.text) else para
        i += 1
    close_open()
    for u in units:
        if u.kind == PARA:
            u.lead = bool(lead_byline("".join(ln.text for ln in u.lines[:3])))
            u.end_marker = len(u.lines) == 1 and roles.is_end_marker(u.lines[0].text)
    return units


def _para_ended(lines: list[Ln], j: int) -> bool:
    """Does line j end its paragraph inside a chunk (a short line that ends a sentence)?"""
    if j < 0:
        return True
    ln = lines[j]
    if not roles.ends_sentence(ln.text):
        return False
    col = _local_column(lines, j)
    if not col or roles.is_parenthetical(ln.text):
        return True  # not hard-wrapped here: one paragraph a line
    return ln.width <= col - 2


def _standalone_captions(units: list[Unit], lines: list[Ln]) -> None:
    """Short single-clause sentences standing alone between other units are photo captions."""
    before = {id(b): a for a, b in zip(lines, lines[1:], strict=False)}
    for u in units:
        if u.kind != PARA or len(u.lines) != 1 or u.lead or u.end_marker:
            continue
        ln = u.lines[0]
        prev = before.get(id(ln))
        alone_before = (ln.blank_before > 0 or prev is None or roles.ends_sentence(prev.text)
                        or prev.role in (HEAD, BYLINE, CAPTION, FURN))
        if alone_before and roles.is_caption_sentence(ln.text):
            u.kind = CAPTION


def _author_lines(units: list[Unit]) -> None:
    """A plain line of names right under (or over) a headline is the authors' line (role 作者)."""
    for k, u in enumerate(units):
        if u.kind not in (HEAD, PARA) or len(u.lines) != 1:
            continue
        t = u.lines[0].text
        if not is_author_line(t) or (" " not in t.strip() and roles.is_common_word(t.strip())):
            continue  # 荆州市 is a place, not a name
        before = units[k - 1] if k else None
        after = units[k + 1] if k + 1 < len(units) else None
        if before is not None and before.kind == HEAD and (after is None or after.kind == PARA):
            u.kind = BYLINE


def read_units(text: str) -> list[Unit]:
    """The page's text as units in printed order: headings, bylines, paragraphs, captions, furniture, ads."""
    lines = _lines(text)
    _mark_fixed(lines)
    units = _build_units(lines)
    _standalone_captions(units, lines)
    _author_lines(units)
    return units
