"""From labelled pieces to the page model: the learned split's decoder.

Each piece of the page carries one label (see `LABELS`): its role, whether it starts a paragraph or carries
on the one open in its item, and whether it opens a new item (`B_`) or stays in the current one; a body
piece that carries on a sentence may go back to an earlier item whose paragraph it continues (the other half
of two articles printed side by side). Captions, their credit lines and page furniture float: they do not
break the item they are printed in.

Which way a page's headlines read (above their bodies or after them) is a property of the whole page, which a
linear-chain model only sees locally; `directed` decides it once per page, from every headline group's topic
(does it share more words with the text above it or below it?) and from the page's edges (running text before
the first headline, none after the last), and moves the item starts to match: the group's first heading, or
the first line of the text above it.

Whatever the labels say, every piece goes into exactly one block of one item, so the no-loss invariant holds
for any model, even a wrong or foreign one.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import roles
from .bylines import LEAD_START, lead_byline
from .features import Piece, bigrams, overlap
from .page import Block, Item, Kind, Page, Role, Span

HEAD_ROLES = {"SECTION": Role.SECTION, "KICKER": Role.KICKER, "TITLE": Role.TITLE, "SUBTITLE": Role.SUBTITLE,
              "SUBHEAD": Role.SUBHEAD}
CORES = ("SECTION", "KICKER", "TITLE", "SUBTITLE", "BYLINE", "SUBHEAD", "BODY", "CONT", "AD")
FLOATING = ("CAPTION", "CAPCONT", "CREDIT", "FURNITURE")
LABELS = (tuple(f"{p}{c}" for p in ("", "B_", "R_") for c in CORES) + FLOATING + ("B_CAPTION", "R_CAPTION")
          + ("HCONT",))
RESUME_REACH = 8  # earlier items a chunk may go back to (side-by-side articles are neighbours): linear time
FURNITURE_RUN_GAP = 1  # furniture lines at most this many blank lines apart are one furniture block
# the page's headline direction (`directed`)
VOTE_MIN_TEXT = 60  # characters of text a headline needs on both sides for its topic to vote
TOPIC_MARGIN = 0.1  # how much more a headline must share with one side's text to lean that way
EDGE_TEXT = 100  # this much text before the first headline (after the last) says headlines follow (precede) bodies
NO_TEXT = 20  # ... and less than this says the reverse
EDGE_VOTES = 2  # what each page edge weighs against one headline's topic vote


class Direction(enum.Enum):
    """Where a page prints its headlines: above their bodies, or after them."""

    BEFORE = "before"
    AFTER = "after"


@dataclass
class _Item:
    blocks: list[tuple[Role, list[Span]]] = field(default_factory=list)
    last_body: int | None = None  # index of the open body paragraph's block
    last_body_text: str = ""  # the last piece of that paragraph
    last_block: int | None = None  # the block the previous piece of this item went to
    last_piece: int = -1
    touched: int = -1
    opened_by_caption: bool = False  # the last piece that went to this item (which earlier item a piece resumes)


def split_label(label: str) -> tuple[str, str]:
    """('B' | 'R' | '', core) of a label: B opens a new item, R resumes one opened earlier."""
    if label.startswith(("B_", "R_")):
        return label[0], label[2:]
    return "", label


def decode(name: str, text: str, lines_blank: Sequence[int], pieces: Sequence[Piece],
           labels: Sequence[str], direct: bool = True) -> Page:
    """The page model of labelled pieces. `lines_blank[k]` is the blank lines before visible line k.
    With `direct`, the item starts follow the page's headline direction (`directed`)."""
    items: list[_Item] = []
    furniture: list[list[Piece]] = []
    cur: _Item | None = None
    caption_of: tuple[_Item, int] | None = None  # the caption block a CAPCONT/CREDIT piece extends
    orphans: list[tuple[Role, list[Span]]] = []  # captions printed before any item: to the first one
    last_furniture_line = -10
    parsed, runs = _headline_runs(directed(pieces, labels) if direct else labels)
    for i, p in enumerate(pieces):
        prefix, core = parsed[i]
        if i in runs and prefix == "" and cur is not None and runs[i] and _has_title_and_body(cur):
            prefix = "B"  # an item has one headline: a second title after its body opens the next item
        if core == "FURNITURE":
            blanks = lines_blank[p.line] if p.first_of_line else 0
            if furniture and p.line - last_furniture_line <= 1 and blanks <= FURNITURE_RUN_GAP:
                furniture[-1].append(p)
            else:
                furniture.append([p])
            last_furniture_line = p.line
            caption_of = None
            continue
        if core in ("CAPCONT", "CREDIT") and caption_of is not None:
            owner, b = caption_of
            if core == "CAPCONT":
                owner.blocks[b][1].append(p.span)
            else:
                owner.blocks.append((Role.BYLINE, [p.span]))
            owner.touched = i
            continue
        if core in ("CAPTION", "CAPCONT", "CREDIT"):
            role = Role.BYLINE if core == "CREDIT" else Role.CAPTION
            if prefix == "B" or (prefix == "R" and len(items) > 1):
                cur = _resumed(items, cur, p, core) if prefix == "R" else None
                if cur is None:
                    cur = _Item(opened_by_caption=True)
                    items.append(cur)
            if cur is None:
                orphans.append((role, [p.span]))
                caption_of = None
            else:
                cur.blocks.append((role, [p.span]))
                cur.touched = i
                caption_of = (cur, len(cur.blocks) - 1) if role is Role.CAPTION else None
            continue
        caption_of = None
        if prefix == "R" and len(items) > 1:
            cur = _resumed(items, cur, p, core)
        elif prefix == "" and core == "CONT" and cur is not None and len(items) > 1:
            cur = _carried_on(items, cur, p)
        elif (prefix == "B" and not (cur is not None and cur.opened_by_caption and _only_captions(cur))) \
                or cur is None:
            cur = _Item()
            items.append(cur)
        assert cur is not None
        _add(cur, i, p, core)
    items = _join_headlines_to_bodies(items)
    if orphans:
        if items:
            items[0].blocks += orphans
        else:
            items.append(_Item(blocks=orphans))
    return _page(name, text, items, furniture)


HEADLINE_CORES = ("SECTION", "KICKER", "TITLE", "SUBTITLE", "BYLINE", "HCONT")
TEXT_CORES = ("BODY", "CONT")
OPENING_CORES = ("BODY", "CONT", "SUBHEAD")
GAP_OPENERS = (*OPENING_CORES, "BYLINE", "CAPTION")  # an item start on one of these in a text: the model's own


def headline_groups(cores: Sequence[str], prefixes: Sequence[str] = ()) -> list[tuple[int, int]]:
    """(first, last) of each run of headline pieces that holds a title or a kicker (a headline group, with
    the bylines around it); a run of subheads or of bylines alone is none. A piece with a `prefixes` entry
    (it opens or resumes an item) starts a group of its own: the headline printed after one article's body
    and the one printed above the next article's body are two groups."""
    out = []
    i, n = 0, len(cores)
    while i < n:
        if cores[i] not in HEADLINE_CORES:
            i += 1
            continue
        j = i
        while j + 1 < n and cores[j + 1] in HEADLINE_CORES and not (prefixes and prefixes[j + 1]):
            j += 1
        if any(cores[k] in ("TITLE", "KICKER") for k in range(i, j + 1)):
            out.append((i, j))
        i = j + 1
    return out


@dataclass(frozen=True)
class TextRun:
    """The running text between two headline groups: its first piece, its bigrams and its length."""

    first: int | None  # its first piece of running text or subhead
    grams: frozenset[str]
    chars: int
    start: int  # the pieces between the two groups: range(start, end)
    end: int


def texts_between(pieces: Sequence[Piece], cores: Sequence[str], groups: list[tuple[int, int]]) -> list[TextRun]:
    """The text before the first group, between each two, and after the last (len(groups) + 1 of them)."""
    bounds = [(-1, -1), *groups, (len(cores), len(cores))]
    out = []
    for (_, a), (b, _) in zip(bounds, bounds[1:], strict=False):
        idx = [x for x in range(a + 1, b) if cores[x] in TEXT_CORES]
        grams: set[str] = set()
        for x in idx:
            grams |= bigrams(pieces[x].text)
        first = next((x for x in range(a + 1, b) if cores[x] in OPENING_CORES), None)
        out.append(TextRun(first, frozenset(grams), sum(len(pieces[x].text) for x in idx), a + 1, b))
    return out


def page_direction(pieces: Sequence[Piece], cores: Sequence[str], groups: list[tuple[int, int]],
                   texts: list[TextRun]) -> Direction:
    """Which way the page's headlines read: each headline votes for the side whose text it shares more words
    with, and the page's edges weigh in (text before the first headline and none after the last: headlines
    follow their bodies)."""
    votes = 0
    for k, (a, b) in enumerate(groups):
        head: set[str] = set()
        for x in range(a, b + 1):
            if cores[x] != "BYLINE":
                head |= bigrams(pieces[x].text)
        above, below = texts[k], texts[k + 1]
        if above.chars >= VOTE_MIN_TEXT and below.chars >= VOTE_MIN_TEXT:
            up, down = overlap(head, above.grams), overlap(head, below.grams)
            votes += (up > down + TOPIC_MARGIN) - (down > up + TOPIC_MARGIN)
    first, last = texts[0].chars, texts[-1].chars
    votes += EDGE_VOTES if first >= EDGE_TEXT else -EDGE_VOTES if first < NO_TEXT else 0
    votes += EDGE_VOTES if last < NO_TEXT else -EDGE_VOTES if last >= EDGE_TEXT else 0
    return Direction.AFTER if votes > 0 else Direction.BEFORE


def directed(pieces: Sequence[Piece], labels: Sequence[str]) -> list[str]:
    """The labels with their item starts moved to follow the page's headline direction: on a page that prints
    headlines above their bodies, an item opens at its headline group's first heading (bylines before it
    close the item above); on one that prints them after, at the first line of the text above the group
    (or at the byline closing the group before, unless that text names its own authors in a lead). Item
    starts the model put away from any headline group (an article without a headline of its own) stay."""
    parsed = [split_label(lab if lab in LABELS else "CONT") for lab in labels]
    cores = [c for _, c in parsed]
    groups = headline_groups(cores, [pre for pre, _ in parsed])
    if not groups:
        return list(labels)
    texts = texts_between(pieces, cores, groups)
    way = page_direction(pieces, cores, groups, texts)
    has_b = [any(parsed[x][0] == "B" for x in range(a, b + 1)) for a, b in groups]
    near = {x for a, b in groups for x in range(a - 1, b + 1)}
    # the piece under a group opens an item of its own only if the next group closes it (no item start)
    near |= {b + 1 for k, (a, b) in enumerate(groups) if k + 1 == len(groups) or has_b[k + 1]}
    out = [(pre + "_" if pre == "R" or (pre == "B" and (x not in near or core == "CAPTION")) else "") + core
           for x, (pre, core) in enumerate(parsed)]
    for k, (a, b) in enumerate(groups):
        if any(parsed[x][0] == "R" for x in range(a, b + 1)):
            continue  # a headline the model put back in an item opened earlier stays there
        if way is Direction.AFTER:
            gap = texts[k]
            if any(out[x].startswith(("B_", "R_")) and cores[x] in GAP_OPENERS for x in range(gap.start, gap.end)):
                continue  # the model opened (or resumed) an item in that text itself: the group heads it
            if gap.first is None and any(parsed[x][0] == "B" for x in range(a, b + 1)):
                out[a] = "B_" + (cores[a] if cores[a] != "HCONT" else "TITLE")
                continue  # right under another headline, no text above to close: it opens the text below
            start = gap.first
            if k:
                pa, pb = groups[k - 1]
                t = pb
                while t > pa and cores[t] == "BYLINE":
                    t -= 1
                own = start is not None and (lead_byline(pieces[start].text) or LEAD_START.match(pieces[start].text))
                if t < pb and not own:
                    start = t + 1
            if start is not None:
                out[start] = "B_" + cores[start]
        else:
            gap = texts[k]
            if not any(parsed[x][0] == "B" for x in range(a, b + 1)) and any(
                    out[x].startswith(("B_", "R_")) and cores[x] in GAP_OPENERS for x in range(gap.start, gap.end)):
                continue  # the model opened an item in the text above and ends it with this group
            h = a
            while h < b and cores[h] == "BYLINE":
                h += 1
            out[h] = "B_" + (cores[h] if cores[h] != "HCONT" else "TITLE")
    return out


def _headline_runs(labels: Sequence[str]) -> tuple[list[tuple[str, str]], dict[int, bool]]:
    """Labels as (prefix, core), with a headline group's item start moved to its first piece (a group opens
    an item as a whole or not at all); and the groups' first pieces, each with whether it holds a title."""
    parsed = [split_label(lab if lab in LABELS else "CONT") for lab in labels]
    runs: dict[int, bool] = {}
    i = 0
    while i < len(parsed):
        if parsed[i][1] not in HEADLINE_CORES:
            i += 1
            continue
        j = i
        while j + 1 < len(parsed) and parsed[j + 1][1] in HEADLINE_CORES and parsed[j + 1][0] == "":
            j += 1
        if any(parsed[k][0] == "B" for k in range(i, j + 1)):
            for k in range(i, j + 1):
                parsed[k] = ("", parsed[k][1])
            parsed[i] = ("B", parsed[i][1] if parsed[i][1] != "HCONT" else "TITLE")
        runs[i] = any(parsed[k][1] == "TITLE" for k in range(i, j + 1))
        i = j + 1
    return parsed, runs


def _has_title_and_body(item: _Item) -> bool:
    return item.last_body is not None and any(r is Role.TITLE for r, _ in item.blocks)


def _add(item: _Item, i: int, p: Piece, core: str) -> None:
    if core == "CONT" and item.last_body is not None:
        item.blocks[item.last_body][1].append(p.span)
        item.last_block = item.last_body
    elif core in ("BODY", "CONT"):
        item.blocks.append((Role.BODY, [p.span]))
        item.last_body = item.last_block = len(item.blocks) - 1
    elif core == "HCONT":
        b = item.last_block
        if b is not None and item.blocks[b][0] in HEAD_ROLES.values() and item.last_piece == i - 1:
            item.blocks[b][1].append(p.span)  # the next line of a two-line title or subhead
        else:
            _add(item, i, p, "CONT")
            return
    elif core in HEAD_ROLES:
        item.blocks.append((HEAD_ROLES[core], [p.span]))
        item.last_block = len(item.blocks) - 1
    elif core == "AD":
        item.blocks.append((Role.AD, [p.span]))
        item.last_block = len(item.blocks) - 1
    else:  # BYLINE
        item.blocks.append((Role.BYLINE, [p.span]))
        item.last_block = len(item.blocks) - 1
    if core in ("BODY", "CONT"):
        item.last_body_text = p.text
    item.last_piece = item.touched = i


def _only_captions(item: _Item) -> bool:
    return all(r in (Role.CAPTION, Role.BYLINE) for r, _ in item.blocks)


def _runs_on(item: _Item, p: Piece) -> bool:
    """Whether `item`'s open paragraph visibly carries on into `p` (a word or a sentence cut at the break)."""
    return item.last_body is not None and not roles.ends_sentence(item.last_body_text) and (
        roles.joins_a_word(item.last_body_text, p.text) or roles.starts_mid_sentence(p.text))


def _carried_on(items: list[_Item], cur: _Item, p: Piece) -> _Item:
    """The item whose open paragraph a continuing piece carries on: the current one, unless the current
    one's paragraph has ended, the piece starts mid-sentence and another item's open paragraph runs on into
    it (two articles printed side by side that the model took for one)."""
    if _runs_on(cur, p) or not (cur.last_body is None or roles.ends_sentence(cur.last_body_text)) \
            or not roles.starts_mid_sentence(p.text):
        return cur
    for item in sorted(items[-RESUME_REACH:], key=lambda it: -it.touched):
        if item is not cur and _runs_on(item, p):
            return item
    return cur


def _resumed(items: list[_Item], cur: _Item | None, p: Piece, core: str) -> _Item:
    """The earlier item a piece labelled `R_` goes back to: of the items touched lately, the one whose
    open paragraph runs on into a continuing piece, else the last one touched before the current one."""
    recent = sorted((it for it in items[-RESUME_REACH:] if it is not cur), key=lambda it: -it.touched)
    if not recent:
        return cur if cur is not None else items[-1]
    if core == "CONT":
        for item in recent:
            if _runs_on(item, p):
                return item
    return recent[0]


_HEADLINE = {Role.SECTION, Role.KICKER, Role.TITLE, Role.SUBTITLE, Role.BYLINE, Role.CAPTION}


def _join_headlines_to_bodies(items: list[_Item]) -> list[_Item]:
    """A headline with nothing under it, followed by a body with no headline, is one item: the model put
    the item's start on the body (as if the page read headlines after their bodies) as well as on the
    headline."""
    out: list[_Item] = []
    for it in items:
        prev = out[-1] if out else None
        if (prev is not None and all(r in _HEADLINE for r, _ in prev.blocks)
                and any(r is Role.TITLE for r, _ in prev.blocks)
                and not any(r in (Role.TITLE, Role.KICKER) for r, _ in it.blocks)
                and it.blocks and it.blocks[0][0] is Role.BODY):
            prev.blocks += it.blocks
            continue
        out.append(it)
    return out


def _kind(text: str, blocks: list[tuple[Role, list[Span]]]) -> Kind:
    if any(r is Role.AD for r, _ in blocks):
        return Kind.AD
    title = "".join(text[s:e] for r, spans in blocks if r in (Role.TITLE, Role.KICKER) for s, e in spans)
    if any(w in title for w in roles.NOTICE_WORDS):
        return Kind.NOTICE
    if any(r is Role.SUBHEAD for r, _ in blocks):
        return Kind.FEATURE
    return Kind.NEWS


_ORDER = {Role.SECTION: 0, Role.KICKER: 1, Role.TITLE: 2, Role.SUBTITLE: 3, Role.BYLINE: 4}


def _page(name: str, text: str, items: list[_Item], furniture: list[list[Piece]]) -> Page:
    out: list[tuple[Kind, list[tuple[Role, list[Span]]]]] = []
    for it in items:
        if not it.blocks:
            continue
        # reading order: the headline's blocks first, then body, subheads and ads as printed, captions last
        # (a byline printed after the body, or a photo credit, stays where it was read)
        first_body = next((n for n, b in enumerate(it.blocks) if b[0] is Role.BODY), len(it.blocks))
        head = [b for n, b in enumerate(it.blocks)
                if b[0] in _ORDER and not (b[0] is Role.BYLINE and n > first_body)]
        head.sort(key=lambda b: _ORDER[b[0]])
        in_head = {id(b) for b in head}
        rest = [b for b in it.blocks if id(b) not in in_head and b[0] is not Role.CAPTION]
        caps = [b for b in it.blocks if b[0] is Role.CAPTION]
        out.append((_kind(text, it.blocks), head + rest + caps))
    for run in furniture:
        out.append((Kind.FURNITURE, [(Role.FURNITURE, [p.span for p in run])]))
    ids = iter(range(1 << 30))
    page_items = []
    for kind, blocks in out:
        page_items.append(Item(0, kind, tuple(Block(next(ids), r, tuple(spans)) for r, spans in blocks)))
    page_items.sort(key=lambda it: it.start)
    return Page(name, text, tuple(it.with_(id=k) for k, it in enumerate(page_items)))

