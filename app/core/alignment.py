"""Gold splits made by hand, put onto their page: from a SPEC.md gold file to the exact page model.

A hand-made gold file (`../shared/gold/SPEC.md`) lists each item's title, body paragraphs, captions and
authors as cleaned text, not where they sit on the page. `align_gold` finds every one of those strings in the
page's lines (a paragraph may skip foreign lines and cross column breaks; a caption may be glued to a body
line), gives the text left over to the item whose byline or photo credit it is, and returns the `Page` a
careful editor would have made. Training a split from hand-made gold (issue 10) and scoring one against it
start here.

A gold file that does not fit its page raises `AlignmentError` with one line naming the first gold line that
is not on the page, or the first page line that no gold item explains.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .bylines import BULLETS, CREDIT_RE, is_byline, parse_authors
from .errors import NewsdeskError
from .page import Block, Item, Kind, Page, Role, Span, split_lines

MIN_RESUME = 6  # characters of a string that must match where it resumes after a skip (a column break)
MAX_SKIP_LINES = 60  # how far below a string's last piece its continuation may sit (an insert, a column)


class AlignmentError(NewsdeskError):
    """A gold file that does not fit its page text."""


def norm_char(c: str) -> str:
    """One character as the scorer compares text: NFKC, whitespace dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", c))


def norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


@dataclass
class _Stream:
    """The page's visible characters, normalized, with each one's source offset and line."""

    text: str
    chars: str = ""
    offsets: list[int] = field(default_factory=list)
    line_of: list[int] = field(default_factory=list)
    line_starts: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        out: list[str] = []
        for line in split_lines(self.text):
            first = True
            for i in range(line.start, line.end):
                for ch in norm_char(self.text[i]):
                    if first:
                        self.line_starts.add(len(out))
                        first = False
                    out.append(ch)
                    self.offsets.append(i)
                    self.line_of.append(line.index)
        self.chars = "".join(out)


@dataclass
class _Match:
    positions: list[int]
    skipped: int  # stream characters jumped over
    jumps: int


class _Aligner:
    def __init__(self, text: str) -> None:
        self.s = _Stream(text)
        self.owner: list[tuple[int, Role, int] | None] = [None] * len(self.s.chars)  # (item, role, block)

    def free(self, p: int) -> bool:
        return self.owner[p] is None

    def _candidates(self, g: str, lo: int = 0) -> list[int]:
        k = min(len(g), 12)
        head = g[:k]
        out, p = [], self.s.chars.find(head, lo)
        while p >= 0:
            if all(self.free(q) for q in range(p, p + k)):
                out.append(p)
            p = self.s.chars.find(head, p + 1)
        return out

    def _extend(self, g: str, start: int) -> _Match | None:
        chars, n = self.s.chars, len(self.s.chars)
        pos: list[int] = []
        p, j, skipped, jumps = start, 0, 0, 0
        while j < len(g):
            if p < n and self.free(p) and chars[p] == g[j]:
                pos.append(p)
                p += 1
                j += 1
                continue
            # resume further down: the rest of the string after a column break or a foreign line
            want = g[j:j + min(MIN_RESUME, len(g) - j)]
            last_line = self.s.line_of[pos[-1]] if pos else 0
            q = chars.find(want, p)
            while q >= 0 and self.s.line_of[q] - last_line <= MAX_SKIP_LINES:
                if all(self.free(x) for x in range(q, q + len(want))):
                    break
                q = chars.find(want, q + 1)
            else:
                return None
            if q < 0 or self.s.line_of[q] - last_line > MAX_SKIP_LINES:
                return None
            skipped += q - p
            jumps += 1
            p = q
        return _Match(pos, skipped, jumps)

    def find(self, g: str, near: Sequence[int] = ()) -> _Match | None:
        """The best placement of normalized string g: fewest jumps, least skipped, nearest `near` lines."""
        best, best_key = None, None
        for start in self._candidates(g):
            m = self._extend(g, start)
            if m is None:
                continue
            line = self.s.line_of[m.positions[0]]
            dist = min((abs(line - x) for x in near), default=0)
            key = (m.jumps, m.skipped > 0, dist, m.skipped, start)
            if best_key is None or key < best_key:
                best, best_key = m, key
        return best

    def claim(self, m: _Match, item: int, role: Role, block: int) -> None:
        for p in m.positions:
            self.owner[p] = (item, role, block)


def _lines_of(al: _Aligner, item: int) -> list[int]:
    return [al.s.line_of[p] for p, o in enumerate(al.owner) if o is not None and o[0] == item]


def _item_strings(it: Mapping[str, Any]) -> list[tuple[Role, str]]:
    """An item's printed strings with their roles, in the order they are placed (long text first)."""
    kind = it.get("kind", "news")
    body_role = Role.AD if kind == "ad" else Role.BODY
    out = [(body_role, p) for p in it.get("body") or [] if norm(p)]
    for key, role in (("section", Role.SECTION), ("kicker", Role.KICKER), ("title", Role.TITLE),
                      ("subtitle", Role.SUBTITLE)):
        if norm(it.get(key)):
            out.append((role, it[key]))
    out += [(Role.SUBHEAD, s) for s in it.get("subheads") or [] if norm(s)]
    out += [(Role.CAPTION, c) for c in it.get("captions") or [] if norm(c)]
    return out


def align_gold(name: str, text: str, gold: Mapping[str, Any], gold_name: str = "") -> Page:
    """The page model of `gold` (a SPEC.md gold dict) over the page text; AlignmentError if it does not fit."""
    label = gold_name or name
    al = _Aligner(text)
    items = list(gold.get("items") or [])
    furniture = [f for f in gold.get("furniture") or [] if norm(f)]
    n_items = len(items) + len(furniture)
    block_no = 0
    # every string: (item index, role, text); body paragraphs (the longest, most certain) placed first
    todo: list[tuple[int, Role, str]] = []
    for k, it in enumerate(items):
        todo += [(k, r, s) for r, s in _item_strings(it)]
    todo += [(len(items) + k, Role.FURNITURE, f) for k, f in enumerate(furniture)]
    todo.sort(key=lambda x: (x[1] not in (Role.BODY, Role.AD), -len(norm(x[2]))))
    placed: set[tuple[Role, str]] = set()
    for k, role, s in todo:
        g = norm(s)
        m = al.find(g, _lines_of(al, k))
        if m is None and (role, g) in placed and role is not Role.BODY:
            continue  # one banner printed once over several items (each item's section): the first holds it
        if m is None:
            first = s.strip().splitlines()[0] if s.strip() else s
            what = f"item {k + 1} {role}" if k < len(items) else "furniture"
            raise AlignmentError(f"{label}: the gold {what} line is not on the page: {first[:40]!r}")
        al.claim(m, k, role, block_no)
        placed.add((role, g))
        block_no += 1
    _claim_leftovers(al, items, label, block_no)
    return _to_page(name, text, al, items, furniture, n_items)


def _leftover_runs(al: _Aligner) -> list[list[int]]:
    """Unclaimed stream positions, as runs within one line."""
    runs: list[list[int]] = []
    for p, o in enumerate(al.owner):
        if o is not None:
            continue
        if runs and runs[-1][-1] == p - 1 and al.s.line_of[p - 1] == al.s.line_of[p]:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _claim_leftovers(al: _Aligner, items: list[Mapping[str, Any]], label: str, next_block: int) -> None:
    """Byline lines, photo credits and bullets are not gold text: give each to the item it names."""
    names = [{norm(a.get("name")) for a in it.get("authors") or [] if norm(a.get("name"))} for it in items]
    for run in _leftover_runs(al):
        src = "".join(al.s.text[al.s.offsets[p]] for p in run)
        raw_line = al.s.line_of[run[0]]
        before = al.owner[run[0] - 1] if run[0] > 0 else None
        after = al.owner[run[-1] + 1] if run[-1] + 1 < len(al.owner) else None
        same_line_before = before is not None and al.s.line_of[run[0] - 1] == raw_line
        if not norm(src.strip(BULLETS + "（）() ")):
            # a bullet or bracket alone: it belongs with what it is printed against
            target = before if same_line_before else after or before
            if target is not None:
                for p in run:
                    al.owner[p] = target
                continue
        flat = norm(src)
        owners = [k for k, ns in enumerate(names) if any(n and n in flat for n in ns)]
        credit = bool(CREDIT_RE.search(src.strip())) or flat.endswith(("摄", "供图"))
        bylineish = is_byline(src) or bool(parse_authors(src)) or credit
        if not owners and not bylineish:
            raise AlignmentError(f"{label}: page line {raw_line + 1} is in no gold item: {src.strip()[:40]!r}")
        neighbours = [o for o in (before, after) if o is not None]
        k = _pick_owner(al, owners, neighbours, run)
        if k is None:
            raise AlignmentError(f"{label}: page line {raw_line + 1} is in no gold item: {src.strip()[:40]!r}")
        # a photo credit right after (or before) the item's caption is part of that caption block
        cap = next((o for o in neighbours if o[0] == k and o[1] is Role.CAPTION), None)
        if credit and cap is not None:
            owner = cap
        else:
            owner = (k, Role.BYLINE, next_block)
            next_block += 1
        for p in run:
            al.owner[p] = owner


def _pick_owner(al: _Aligner, owners: list[int], neighbours: list[tuple[int, Role, int]],
                run: list[int]) -> int | None:
    near = [o[0] for o in neighbours]
    for k in owners:
        if k in near:
            return k
    if owners:
        line = al.s.line_of[run[0]]
        return min(owners, key=lambda k: min((abs(x - line) for x in _lines_of(al, k)), default=1 << 30))
    return near[0] if near else None


def _spans(al: _Aligner, positions: list[int]) -> tuple[Span, ...]:
    """Source spans of stream positions: one per line run, split where another block's text lies between."""
    spans: list[list[int]] = []
    prev = None
    for p in positions:
        off = al.s.offsets[p]
        if prev is not None and p == prev + 1 and al.s.line_of[p] == al.s.line_of[prev]:
            spans[-1][1] = off + 1
        elif prev is not None and al.s.offsets[prev] == off:
            pass  # one source character normalized to several
        else:
            spans.append([off, off + 1])
        prev = p
    return tuple((s, e) for s, e in spans)


_HEAD_ORDER = {Role.SECTION: 0, Role.KICKER: 1, Role.TITLE: 2, Role.SUBTITLE: 3, Role.BYLINE: 4}


def _to_page(name: str, text: str, al: _Aligner, items: list[Mapping[str, Any]], furniture: list[str],
             n_items: int) -> Page:
    positions: dict[tuple[int, Role, int], list[int]] = {}
    for p, o in enumerate(al.owner):
        if o is not None:
            positions.setdefault(o, []).append(p)
    ids = iter(range(1 << 30))
    out: list[Item] = []
    for k in range(n_items):
        keys = [key for key in positions if key[0] == k]
        if not keys:
            continue
        is_furniture = k >= len(items)
        gold_kind = "furniture" if is_furniture else items[k].get("kind", "news")
        kind = Kind(gold_kind) if gold_kind in Kind.__members__.values() else Kind.NEWS
        head = sorted((key for key in keys if key[1] in _HEAD_ORDER),
                      key=lambda key: (_HEAD_ORDER[key[1]], positions[key][0]))
        rest = sorted((key for key in keys if key[1] not in _HEAD_ORDER and key[1] is not Role.CAPTION),
                      key=lambda key: _reading_key(key, positions, items, k, al))
        captions = sorted((key for key in keys if key[1] is Role.CAPTION), key=lambda key: positions[key][0])
        blocks = tuple(Block(next(ids), key[1], _spans(al, positions[key])) for key in head + rest + captions)
        out.append(Item(len(out), kind, blocks))
    out.sort(key=lambda it: it.start)
    out = [it.with_(id=i) for i, it in enumerate(out)]
    return Page(name, text, tuple(out))


def _reading_key(key: tuple[int, Role, int], positions: dict, items: list[Mapping[str, Any]], k: int,
                 al: _Aligner) -> tuple[int, int]:
    """Body paragraphs in the gold's order (the true reading order); a subhead before the paragraph that
    follows it on the page."""
    if k >= len(items):
        return (positions[key][0], 0)
    body_keys = sorted((x for x in positions if x[0] == k and x[1] in (Role.BODY, Role.AD)), key=lambda x: x[2])
    rank = {x: n for n, x in enumerate(_body_order(items[k], body_keys, positions, al))}
    if key in rank:
        return (rank[key], 1)
    start = positions[key][0]
    after = [x for x in rank if positions[x][0] > start]
    return ((min(rank[x] for x in after) if after else len(rank)), 0)


def _body_order(item: Mapping[str, Any], body_keys: list, positions: dict, al: _Aligner) -> list:
    """Body blocks in the gold's paragraph order (blocks were numbered longest first, so re-read the gold)."""
    texts = [norm(p) for p in item.get("body") or [] if norm(p)]
    by_text: dict[str, list] = {}
    for key in body_keys:
        by_text.setdefault("".join(al.s.chars[p] for p in positions[key]), []).append(key)
    out = []
    for t in texts:
        if by_text.get(t):
            out.append(by_text[t].pop(0))
    out += [key for keys in by_text.values() for key in keys]
    return out

