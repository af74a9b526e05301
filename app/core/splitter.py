"""The automatic split: from a page's text to items with roles, as a careful editor would read the page.

Four passes, each using how Chinese newspapers are set rather than any one page's words:

1. lines: furniture (editor credits, labels, dates), ad regions, bylines and credited captions;
2. headings and paragraphs: short unpunctuated lines standing alone are headings; body lines join into
   paragraphs across hard wraps and column breaks (a paragraph that ends mid-sentence continues in the next
   body line, skipping a caption printed in between, even one glued to that line);
3. groups: consecutive headings and bylines form headline groups; a single heading between paragraphs of
   one article is a subhead;
4. items: the page either prints headlines before their bodies or after them (scrambled PDF order);
   both readings are tried and the one with fewer contradictions wins (a body opening `本报讯（…）` with no
   headline, a headline with no body, two bylines for one article). Captions go to the item they sit in
   or follow, series banners become sections.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from . import roles
from .bylines import is_author_line, is_byline, lead_byline
from .loading import SourcePage
from .page import Block, Item, Kind, Page, Role, split_lines

# unit kinds
HEAD, BYLINE, PARA, CAPTION, FURN, AD, SECTION = "H", "Y", "P", "C", "F", "A", "S"


@dataclass
class Ln:
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


# --- pass 1: furniture, ads, bylines, credited captions ----------------------------------------
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
        if len(cl) < 3:
            continue
        a, b = cl[0], cl[-1]
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
def _continues(prev: str, line: Ln, across_blank: bool) -> bool:
    """Does `line` carry on a sentence that `prev` left open?"""
    if roles.starts_mid_sentence(line.text):
        return True
    return across_blank and roles.joins_a_word(prev, line.text)


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


def _build_units(text: str, lines: list[Ln]) -> list[Unit]:
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
        if ln.role in (FURN, AD):
            u = Unit(ln.role, [ln], [(ln.start, ln.end)])
            (pending_inserts if open_para else units).append(u)
            para = None
            i += 1
            continue
        if ln.role in (BYLINE, CAPTION):
            u = Unit(ln.role, [ln], [(ln.start, ln.end)])
            (pending_inserts if open_para else units).append(u)
            para = None
            i += 1
            continue
        new_chunk = (prev is None or prev.chunk != ln.chunk or prev.role not in ("", PARA)
                     or not _local_column(lines, i))  # one paragraph a line: each line stands alone
        if open_para is not None and new_chunk:
            tail = open_para.lines[-1].text
            if not roles.LEAD_START.match(ln.text) and (_continues(tail, ln, True) or not roles.is_headingish(ln.text)
                                                         or roles.ends_sentence(ln.text)):
                cut = 0
                if not _continues(tail, ln, True) and ln.blank_before >= 2:
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
                if nxt is not None and not nxt.role and not roles.is_headingish(nxt.text) and _continues(tail, nxt, True):
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
        if para is None or new_chunk or _para_ended(lines, i - 1) or roles.LEAD_START.match(ln.text):
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
        single = 2 <= len(t) <= 4 and t.isalpha() and all("\u4e00" <= c <= "\u9fff" for c in t)
        if not (is_author_line(t) or single):
            continue
        before = units[k - 1] if k else None
        after = units[k + 1] if k + 1 < len(units) else None
        if before is not None and before.kind == HEAD and (after is None or after.kind == PARA):
            u.kind = BYLINE


# --- pass 3 and 4: groups, orientation, items --------------------------------------------------
@dataclass
class Group:
    units: list[Unit]
    strong: bool
    has_byline: bool
    banner: bool


def _group(units: list[Unit]) -> list[object]:
    """The page as a sequence of Groups (headlines) and body Units; captions/furniture kept aside."""
    seq: list[object] = []
    cur: list[Unit] = []

    def flush() -> None:
        nonlocal cur
        if cur:
            heads = [u for u in cur if u.kind == HEAD]
            bylines = [u for u in cur if u.kind == BYLINE]
            banner = any(roles.is_series_banner(u.text) for u in heads)
            strong = len(heads) >= 2 or bool(bylines) or any(
                roles.is_subtitle(u.text) or roles.is_kicker(u.text) for u in heads
            )
            seq.append(Group(cur, strong, bool(bylines), banner))
            cur = []

    for u in units:
        if u.kind in (HEAD, BYLINE):
            cur.append(u)
        elif u.kind == PARA:
            flush()
            seq.append(u)
    flush()
    return seq


def _runs(seq: list[object]) -> list[tuple[int, int]]:
    """Index ranges [a, b) of consecutive paragraphs in seq."""
    out, a = [], None
    for i, x in enumerate(seq + [None]):
        if isinstance(x, Unit):
            if a is None:
                a = i
        elif a is not None:
            out.append((a, i))
            a = None
    return out


def _eligible(seq: list[object], gi: int, forward: bool) -> bool:
    """Can group gi be a headline in this reading direction?"""
    g = seq[gi]
    assert isinstance(g, Group)
    j = gi + 1 if forward else gi - 1
    if not (0 <= j < len(seq)) or not isinstance(seq[j], Unit):
        return False
    if g.strong:
        return True
    if forward:
        before = seq[gi - 1] if gi > 0 else None
        return seq[j].lead or (isinstance(before, Unit) and before.end_marker) or before is None
    # backward: the run before must open like an article
    k = j
    while k > 0 and isinstance(seq[k - 1], Unit) and not seq[k].lead:
        k -= 1
    return seq[k].lead


def _news_title_over(seq: list[object], gi: int) -> bool:
    """Under a plain one-line headline, another one-line heading over a few sentences of text is the
    next short item's headline, not a subhead (a subhead belongs to a feature under a fuller headline)."""
    head = seq[gi].units[0].text
    if roles.width(head) < 6:
        return False  # a label over data lines (普惠贷款)
    run = []
    for x in seq[gi + 1:]:
        if not isinstance(x, Unit):
            break
        run.append(x)
    text = "".join(u.text for u in run)
    return sum(text.count(c) for c in "。！？") >= 2 or len(text) >= 80


def _problems(seq: list[object], forward: bool) -> int:
    """Contradictions of reading the page this way: headlines with no body, articles with no headline or
    with two bylines."""
    n = 0
    for gi, g in enumerate(seq):
        if not isinstance(g, Group):
            continue
        ok = _eligible(seq, gi, forward)
        if g.strong and not ok and not g.banner:
            n += 1
        if ok and g.has_byline and forward and seq[gi + 1].lead:
            n += 1  # two bylines for one article
    for j, x in enumerate(seq):
        if not (isinstance(x, Unit) and x.lead):
            continue
        if forward:
            if not (j > 0 and isinstance(seq[j - 1], Group) and _eligible(seq, j - 1, True)):
                n += 1  # an article opening with 本报讯 but no headline above it
            continue
        k = j + 1
        while k < len(seq) and isinstance(seq[k], Unit) and not seq[k].lead:
            k += 1
        if not (k < len(seq) and isinstance(seq[k], Group) and _eligible(seq, k, False)):
            n += 1  # ... or none below it
    return n


@dataclass
class Draft:
    units: list[Unit] = field(default_factory=list)  # in reading order
    headline: Group | None = None


def _assemble(seq: list[object], forward: bool) -> list[Draft]:
    drafts: list[Draft] = []
    if forward:
        cur: Draft | None = None
        for gi, x in enumerate(seq):
            if isinstance(x, Group):
                starts_news = (cur is not None and cur.headline is not None and not cur.headline.strong
                               and not x.strong and _news_title_over(seq, gi))
                if _eligible(seq, gi, True) or cur is None or starts_news:
                    if x.banner and not _eligible(seq, gi, True):
                        for u in x.units:
                            u.kind = FURN
                        continue
                    cur = Draft([], x)
                    drafts.append(cur)
                else:
                    for u in x.units:
                        if u.kind == HEAD:
                            u.kind = CAPTION if u.lines[0].blank_before >= 2 and not x.strong else "subhead"
                    cur.units += [u for u in x.units if u.kind != CAPTION]
            else:
                if cur is None or (x.lead and cur.units and any(u.kind == PARA for u in cur.units)):
                    cur = Draft([], None)
                    drafts.append(cur)
                cur.units.append(x)
        return drafts
    pending: list[Unit] = []
    for gi, x in enumerate(seq):
        if isinstance(x, Group):
            if _eligible(seq, gi, False):
                drafts.append(Draft(pending, x))
                pending = []
            elif x.banner and not any(u.kind == PARA for u in pending) and not drafts:
                for u in x.units:
                    u.kind = FURN
            else:
                for u in x.units:
                    if u.kind == HEAD:
                        u.kind = CAPTION if u.lines[0].blank_before >= 2 and not x.strong else "subhead"
                pending += x.units
        else:
            if x.lead and pending and any(u.kind == PARA for u in pending):
                # what precedes an article's opening belongs to the item before: its lead, printed after it
                if drafts:
                    drafts[-1].units[0:0] = pending
                else:
                    drafts.append(Draft(pending, None))
                pending = []
            pending.append(x)
    if pending:
        if drafts and not any(u.kind == PARA and u.lead for u in pending):
            drafts[-1].units += pending
        else:
            drafts.append(Draft(pending, None))
    return drafts


# --- from drafts to the page model -------------------------------------------------------------
def _headline_roles(group: Group) -> list[tuple[Unit, Role]]:
    heads = [u for u in group.units if u.kind == HEAD]
    out: list[tuple[Unit, Role]] = []
    sections = [u for u in heads if roles.is_series_banner(u.text) and len(heads) > 1]
    rest = [u for u in heads if u not in sections]
    subtitle_at = next((k for k, u in enumerate(rest) if k > 0 and roles.is_subtitle(u.text)), None)
    main = rest[:subtitle_at] if subtitle_at is not None else rest
    subs = rest[subtitle_at:] if subtitle_at is not None else []
    for u in sections:
        out.append((u, Role.SECTION))
    if len(main) >= 3:
        for u in main[:-2]:
            out.append((u, Role.SECTION))
        main = main[-2:]
    if len(main) == 2 and (roles.is_kicker(main[0].text) or not _title_continues(main[0], main[1])):
        out += [(main[0], Role.KICKER), (main[1], Role.TITLE)]
    else:
        out += [(u, Role.TITLE) for u in main]
    out += [(u, Role.SUBTITLE) for u in subs]
    out += [(u, Role.BYLINE) for u in group.units if u.kind == BYLINE]
    return out


def _title_continues(first: Unit, second: Unit) -> bool:
    """A two-line title: the second line carries on the first (获评… after …基地)."""
    return (roles.width(first.text) + roles.width(second.text) > 26 and not roles.is_subtitle(second.text)
            and " " not in first.text.strip() and "　" not in first.text.strip())


def split_page(source: SourcePage | tuple[str, str]) -> Page:
    """Split one page's text into items and furniture (an immutable Page)."""
    name, text = (source.name, source.text) if isinstance(source, SourcePage) else source
    lines = _lines(text)
    _mark_fixed(lines)
    units = _build_units(text, lines)
    _standalone_captions(units, lines)
    _author_lines(units)
    for u in units:
        if u.kind == HEAD and (roles.is_label(u.text) or roles.is_furniture(u.text)):
            u.kind = FURN
    # a page-top banner: headings before anything else, one of them marking a series, are page furniture
    top = []
    for u in units:
        if u.kind != HEAD:
            break
        top.append(u)
    if any(roles.is_series_banner(u.text) for u in top[:2]):
        for u in top[:2]:
            if roles.is_series_banner(u.text) or roles.is_subtitle(u.text) or u is top[0]:
                u.kind = FURN
    for k, u in enumerate(units):
        if u.kind == HEAD and roles.is_series_banner(u.text) and not _in_group(units, k):
            u.kind = SECTION
    seq = _group(units)
    forward = _problems(seq, True) <= _problems(seq, False)
    drafts = _assemble(seq, forward)
    return _to_page(name, text, units, drafts, forward)


def _in_group(units: list[Unit], k: int) -> bool:
    near = [units[j] for j in (k - 1, k + 1) if 0 <= j < len(units)]
    return any(x.kind in (HEAD, BYLINE) for x in near)


def _to_page(name: str, text: str, units: list[Unit], drafts: list[Draft], forward: bool) -> Page:
    block_ids = itertools.count()
    owner: dict[int, int] = {}  # id(unit) -> draft index
    for d_i, d in enumerate(drafts):
        for u in d.units:
            owner[id(u)] = d_i
        if d.headline:
            for u in d.headline.units:
                owner[id(u)] = d_i
    blocks_of: list[list[tuple[Unit, Role]]] = [[] for _ in drafts]
    for d_i, d in enumerate(drafts):
        if d.headline:
            blocks_of[d_i] += _headline_roles(d.headline)
        for u in d.units:
            role = {PARA: Role.BODY, "subhead": Role.SUBHEAD, BYLINE: Role.BYLINE, HEAD: Role.SUBHEAD,
                    FURN: Role.FURNITURE}.get(u.kind, Role.BODY)
            blocks_of[d_i].append((u, role))
    furniture: list[Unit] = []
    ads: list[Unit] = []
    # captions, sections and loose units go to the item they sit in or follow
    ordered = sorted(units, key=lambda u: u.pos)
    owned_before: list[int | None] = []
    last = None
    for u in ordered:
        owned_before.append(last)
        if id(u) in owner and u.kind != FURN:
            last = owner[id(u)]
    owned_after: list[int | None] = [None] * len(ordered)
    last = None
    for k in range(len(ordered) - 1, -1, -1):
        owned_after[k] = last
        if id(ordered[k]) in owner and ordered[k].kind != FURN:
            last = owner[id(ordered[k])]
    for k, u in enumerate(ordered):
        if id(u) in owner and u.kind != FURN:
            continue
        if u.kind == FURN:
            furniture.append(u)
            continue
        if u.kind == AD:
            ads.append(u)
            continue
        first, second = owned_before[k], owned_after[k]
        if u.kind == SECTION and forward:
            first, second = second, first
        target = first if first is not None else second
        if target is None:
            furniture.append(u)
            continue
        role = Role.SECTION if u.kind == SECTION else Role.CAPTION if u.kind == CAPTION else Role.BODY
        owner[id(u)] = target
        if role is Role.SECTION:
            blocks_of[target].insert(0, (u, role))
        else:
            blocks_of[target].append((u, role))
    items: list[Item] = []
    next_item = itertools.count()
    for entries in blocks_of:
        entries = [(u, r) for u, r in entries if u.kind != FURN or r is not Role.FURNITURE]
        if not entries:
            continue
        blocks = tuple(Block(next(block_ids), r, tuple(u.spans)) for u, r in entries)
        kind = _kind(text, entries)
        items.append(Item(next(next_item), kind, blocks))
    for ad in _ad_items(ads):
        items.append(Item(next(next_item), Kind.AD, tuple(
            Block(next(block_ids), Role.TITLE if n == 0 else Role.AD, tuple(u.spans)) for n, u in enumerate(ad))))
    for u in _furniture_runs(furniture):
        items.append(Item(next(next_item), Kind.FURNITURE, tuple(
            Block(next(block_ids), Role.FURNITURE, tuple(x.spans)) for x in u)))
    items.sort(key=lambda it: it.start)
    return Page(name, text, tuple(items))


def _kind(text: str, entries: list[tuple[Unit, Role]]) -> Kind:
    title = "".join(u.text for u, r in entries if r in (Role.TITLE, Role.KICKER))
    if any(w in title for w in ("公告", "声明", "启事", "通告", "讣告", "告知书")):
        return Kind.NOTICE
    body_chars = sum(len(u.text) for u, r in entries if r is Role.BODY)
    if any(r is Role.SUBHEAD for _, r in entries) or (body_chars > 1800 and any(
            r is Role.SUBTITLE for _, r in entries)):
        return Kind.FEATURE
    return Kind.NEWS


def _ad_items(ads: list[Unit]) -> list[list[Unit]]:
    """Split an ad region into advertisements: a brand line after a contact line starts a new one."""
    out: list[list[Unit]] = []
    seen_contact = False
    for u in sorted(ads, key=lambda u: u.pos):
        new = not out or (seen_contact and roles.is_brand_line(u.text))
        if new:
            out.append([])
            seen_contact = False
        out[-1].append(u)
        seen_contact = seen_contact or roles.is_contact_line(u.text)
    if len(out) > 1 and len(out[-1]) == 1:
        last = out.pop()
        out[-1] += last
    return out


def _furniture_runs(furniture: list[Unit]) -> list[list[Unit]]:
    return [[u] for u in sorted(furniture, key=lambda u: u.pos)]
