"""The page model: lines, blocks and items as spans over the unchanged page text.

A `Page` holds the decoded text exactly as loaded and never changes it. Every piece of structure points
into that text with character offsets:

- a `Line` is one physical line (its span excludes the line terminator);
- a `Block` is a run of text with one role (title, byline, body paragraph, caption, ...): a tuple of spans,
  which may skip foreign lines (a paragraph interrupted by a caption) and cross blank lines (column breaks);
- an `Item` is an ordered list of blocks (reading order) plus the metadata an editor set by hand;
- page furniture is an item of kind FURNITURE; text that an editor took out of every item is kept in
  `Page.unassigned` (shown red in the app, never lost).

Invariant (`check_invariant`): every non-whitespace character of the text belongs to exactly one block, and
every block to exactly one item or to `unassigned`; every correction fits the text it replaces. The model is immutable: edits return a new `Page`.
Text corrections (an OCR typo fixed by an editor) are recorded beside the source, never applied to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any

Span = tuple[int, int]


class Role(StrEnum):
    """What a block is on the printed page."""

    SECTION = "section"  # series/column banner heading one item
    KICKER = "kicker"  # 引题, printed above the title
    TITLE = "title"  # 主题
    SUBTITLE = "subtitle"  # 副题, often starting with ——
    BYLINE = "byline"  # □ 记者 … / plain author line / photo credit line
    SUBHEAD = "subhead"  # in-body section heading of a feature
    BODY = "body"  # one paragraph of the article text
    CAPTION = "caption"  # photo caption (with or without a credit)
    AD = "ad"  # a line of an advertisement
    FURNITURE = "furniture"  # page banner, editor credit, stray label


class Kind(StrEnum):
    NEWS = "news"
    FEATURE = "feature"
    NOTICE = "notice"
    AD = "ad"
    FURNITURE = "furniture"


class Origin(StrEnum):
    """Provenance: who made an item's structure or a field's value."""

    AUTO = "auto"
    EDITOR = "editor"


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int
    end: int  # exclusive, before the line terminator

    def text(self, source: str) -> str:
        return source[self.start:self.end]


@dataclass(frozen=True, slots=True)
class Block:
    id: int
    role: Role
    spans: tuple[Span, ...]

    @property
    def start(self) -> int:
        return min(s for s, _ in self.spans)

    @property
    def end(self) -> int:
        return max(e for _, e in self.spans)


@dataclass(frozen=True, slots=True)
class Correction:
    """An editor's fix of the text at source[start:end] (old) to `new`; the source is left unchanged."""

    start: int
    end: int
    old: str
    new: str


def _frozen(d: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True, slots=True)
class Item:
    """An article, ad, notice or furniture block: blocks in reading order plus editor-set metadata.

    `fields` holds only the values an editor set by hand (their provenance is EDITOR); every other field is
    derived from the blocks. `origin` is EDITOR once an editor changed the item's structure.
    """

    id: int
    kind: Kind
    blocks: tuple[Block, ...]
    fields: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    origin: Origin = Origin.AUTO
    kind_origin: Origin = Origin.AUTO

    def with_(self, **changes: Any) -> Item:
        if "fields" in changes:
            changes["fields"] = _frozen(changes["fields"])
        if "blocks" in changes:
            changes["blocks"] = tuple(changes["blocks"])
        return replace(self, **changes)

    @property
    def start(self) -> int:
        return min((b.start for b in self.blocks), default=0)

    def blocks_with(self, *roles: Role) -> list[Block]:
        return [b for b in self.blocks if b.role in roles]

    @property
    def edited(self) -> bool:
        return self.origin is Origin.EDITOR or self.kind_origin is Origin.EDITOR or bool(self.fields)


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    text: str
    items: tuple[Item, ...]
    unassigned: tuple[Block, ...] = ()
    corrections: tuple[Correction, ...] = ()

    def with_(self, **changes: Any) -> Page:
        for key in ("items", "unassigned", "corrections"):
            if key in changes:
                changes[key] = tuple(changes[key])
        return replace(self, **changes)

    # --- look-ups -------------------------------------------------------------------------------
    def item(self, item_id: int) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        from .errors import EditError

        raise EditError(f"no item {item_id} on page {self.name}")

    def item_index(self, item_id: int) -> int:
        for i, it in enumerate(self.items):
            if it.id == item_id:
                return i
        from .errors import EditError

        raise EditError(f"no item {item_id} on page {self.name}")

    def all_blocks(self) -> Iterator[Block]:
        for it in self.items:
            yield from it.blocks
        yield from self.unassigned

    def owner_of(self, offset: int) -> tuple[Item | None, Block | None]:
        """The item and block whose spans hold the character at `offset` (None, None if whitespace)."""
        for it in self.items:
            for b in it.blocks:
                for s, e in b.spans:
                    if s <= offset < e:
                        return it, b
        for b in self.unassigned:
            for s, e in b.spans:
                if s <= offset < e:
                    return None, b
        return None, None

    def next_block_id(self) -> int:
        return max((b.id for b in self.all_blocks()), default=-1) + 1

    def next_item_id(self) -> int:
        return max((it.id for it in self.items), default=-1) + 1

    @property
    def articles(self) -> list[Item]:
        return [it for it in self.items if it.kind is not Kind.FURNITURE]

    def block_text(self, block: Block, sep: str = "\n") -> str:
        """The block's text with corrections applied, its spans joined by `sep`."""
        return sep.join(self.span_text(s, e) for s, e in block.spans)

    def span_text(self, start: int, end: int) -> str:
        """source[start:end] with every correction inside it applied."""
        fixes = [c for c in self.corrections if start <= c.start and c.end <= end]
        if not fixes:
            return self.text[start:end]
        out, pos = [], start
        for c in sorted(fixes, key=lambda c: (c.start, c.end)):
            if c.start < pos:
                continue
            out.append(self.text[pos:c.start])
            out.append(c.new)
            pos = c.end
        out.append(self.text[pos:end])
        return "".join(out)


# --- lines -------------------------------------------------------------------------------------
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def split_lines(text: str) -> list[Line]:
    """Physical lines of `text` with their offsets; CRLF, CR and LF all end a line."""
    lines: list[Line] = []
    for m in _LINE_RE.finditer(text):
        s, e = m.span()
        if s == e and s == len(text):
            break
        body_end = e
        while body_end > s and text[body_end - 1] in "\r\n":
            body_end -= 1
        lines.append(Line(len(lines), s, body_end))
    return lines


def strip_span(text: str, start: int, end: int) -> Span | None:
    """Shrink [start, end) to its non-whitespace extent; None if it holds no visible character."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def merge_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """Sorted spans, with neighbours merged where only whitespace lies between them."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and (s <= out[-1][1] or not text[out[-1][1]:s].strip()):
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def check_invariant(page: Page) -> list[str]:
    """Problems with the no-loss invariant; an empty list means every visible character is owned once."""
    problems: list[str] = []
    owner = [0] * len(page.text)
    seen_blocks: set[int] = set()
    for b in page.all_blocks():
        if b.id in seen_blocks:
            problems.append(f"block {b.id} appears twice")
        seen_blocks.add(b.id)
        if not b.spans:
            problems.append(f"block {b.id} has no text")
        for s, e in b.spans:
            if not (0 <= s < e <= len(page.text)):
                problems.append(f"block {b.id} span {s}-{e} out of range")
                continue
            for i in range(s, e):
                owner[i] += 1
    for i, c in enumerate(page.text):
        if c.isspace():
            continue
        if owner[i] == 0:
            problems.append(f"character {i} {c!r} belongs to no block")
        elif owner[i] > 1:
            problems.append(f"character {i} {c!r} belongs to {owner[i]} blocks")
        if len(problems) > 20:
            break
    item_ids = [it.id for it in page.items]
    if len(item_ids) != len(set(item_ids)):
        problems.append("two items share an id")
    return problems + correction_problems(page)


def correction_problems(page: Page) -> list[str]:
    """Corrections that do not fit the text: out of range, empty, `old` not the text they replace, or
    overlapping another (each is recorded beside the unchanged source and applied when it is read)."""
    problems: list[str] = []
    end_before = -1
    for c in sorted(page.corrections, key=lambda c: (c.start, c.end)):
        where = f"correction {c.start}-{c.end}"
        if not (0 <= c.start < c.end <= len(page.text)):
            problems.append(f"{where} out of range")
        elif page.text[c.start:c.end] != c.old:
            problems.append(f"{where} replaces {c.old!r}, but the text there is {page.text[c.start:c.end]!r}")
        elif c.start < end_before:
            problems.append(f"{where} overlaps another correction")
        end_before = max(end_before, c.end)
    return problems
