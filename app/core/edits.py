"""Editing operations on the immutable page model: each takes a `Page` and returns a new, valid one.

Every operation is a pure function: the page passed in is never changed (so undo keeps the old object),
item and block ids stay stable (new ones come from `Page.next_item_id`/`next_block_id`), source text is
never reordered or dropped (text taken out of every item goes to `Page.unassigned`), and an item whose
structure an edit changes gets `origin=Origin.EDITOR`. Nonsense (an unknown id, an empty range) raises
`EditError` with one sentence; an edit that would change nothing returns the same page object.

Text ranges are source offsets `[start, end)`; the line-range operations act on whole lines: a block with
lines both inside and outside the range is divided at line boundaries, each part keeping its role.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .bylines import Author
from .errors import EditError
from .messages import Message, said
from .metadata import block_lines, block_paragraph, item_numbers, item_record
from .page import Block, Correction, Item, Kind, Origin, Page, Role, Span, split_lines, strip_span
from .record import EDITABLE_FIELDS, FIELD_VALUES, Value
from .reflow import clean_heading


# --- small helpers --------------------------------------------------------------------------------
def item_label(page: Page, item: Item, width: int = 12, number: int | None = None) -> Message:
    """`item 3 “荆州中医外科首次亮相…”`: an item named by its number for people (`item_numbers`: 1-based,
    in page order) and its title (or first text), for messages. Give `number` when labelling many items."""
    if number is None:
        number = item_numbers(page).get(item.id, 0)
    record = item_record(page, item, tags=False)
    text = record.title or next(iter(record.body), "") or next(iter(record.captions), "")
    text = " ".join(text.split())
    if len(text) > width:
        text = text[:width] + "…"
    return said("item {n} “{text}”", n=number, text=text) if text else said("item {n}", n=number)


def _touched(item: Item, **changes: Any) -> Item:
    return item.with_(origin=Origin.EDITOR, **changes)


def _replace_items(page: Page, changed: dict[int, Item | None]) -> tuple[Item, ...]:
    """page.items with items replaced (or removed, value None) by id."""
    out: list[Item] = []
    for it in page.items:
        if it.id in changed:
            new = changed[it.id]
            if new is not None:
                out.append(new)
        else:
            out.append(it)
    return tuple(out)


def _find_block(page: Page, block_id: int) -> tuple[Item | None, Block]:
    for it in page.items:
        for b in it.blocks:
            if b.id == block_id:
                return it, b
    for b in page.unassigned:
        if b.id == block_id:
            return None, b
    raise EditError.said("no block {block} on page {page}", block=block_id, page=page.name)


def _check_range(page: Page, start: int, end: int) -> None:
    if not (0 <= start < end <= len(page.text)):
        raise EditError.said("the range {start}-{end} is empty or outside page {page} (0-{length})", start=start,
                             end=end, page=page.name, length=len(page.text))


def _insert_after(items: list[Item], anchor_id: int | None, new: Item, fallback: int) -> list[Item]:
    ids = [it.id for it in items]
    pos = ids.index(anchor_id) + 1 if anchor_id in ids else min(fallback, len(items))
    return items[:pos] + [new] + items[pos:]


# --- dividing blocks at line boundaries ---------------------------------------------------------
def _line_pieces(page: Page, span: Span) -> list[Span]:
    """A span cut into its visible per-line pieces, in text order."""
    s, e = span
    out = []
    for ln in split_lines(page.text[s:e]):
        piece = strip_span(page.text, s + ln.start, s + ln.end)
        if piece:
            out.append(piece)
    return out


def _lines_hit(page: Page, start: int, end: int) -> list[Span]:
    """The [start, end) extents of the physical lines that overlap the range (whole lines)."""
    return [(ln.start, ln.end) for ln in split_lines(page.text) if ln.start < end and start < ln.end]


def _cut_block(page: Page, block: Block, lines: Sequence[Span]) -> tuple[list[Span], list[Span], list[Span]]:
    """The block's spans before, inside and after the given lines (in the block's reading order).

    Consecutive pieces of one span on the same side stay one span, so a multi-line span keeps its lines.
    """
    def inside(piece: Span) -> bool:
        return any(ls <= piece[0] and piece[1] <= le for ls, le in lines)

    before: list[Span] = []
    mid: list[Span] = []
    after: list[Span] = []
    for span in block.spans:
        runs: list[tuple[bool, list[Span]]] = []
        for piece in _line_pieces(page, span):
            now_in = inside(piece)
            if runs and runs[-1][0] == now_in:
                runs[-1][1].append(piece)
            else:
                runs.append((now_in, [piece]))
        for is_in, run in runs:
            target = mid if is_in else (after if mid else before)
            target.append((run[0][0], run[-1][1]))
    return before, mid, after


# --- item structure -------------------------------------------------------------------------------
def split_item(page: Page, item_id: int, block_id: int, *, new_id: int | None = None,
               kind: Kind | None = None) -> Page:
    """The item's blocks from `block_id` on become a new item (same kind) right after it.

    `new_id` and `kind` let an undo of `merge_items` re-create the second item as it was (the id must be free).
    """
    item = page.item(item_id)
    ids = [b.id for b in item.blocks]
    if block_id not in ids:
        raise EditError.said("block {block} is not in {item}", block=block_id, item=item_label(page, item))
    cut = ids.index(block_id)
    if cut == 0:
        raise EditError.said("{item} already starts with block {block}; nothing to split off", block=block_id,
                              item=item_label(page, item))
    if new_id is None:
        new_id = page.next_item_id()
    elif any(it.id == new_id for it in page.items):
        raise EditError.said("item id {id} is already used on page {page}", id=new_id, page=page.name)
    first = _touched(item, blocks=item.blocks[:cut])
    second = Item(new_id, Kind(kind or item.kind), item.blocks[cut:], origin=Origin.EDITOR,
                  kind_origin=item.kind_origin if kind is None else Origin.EDITOR)
    items = list(_replace_items(page, {item_id: first}))
    items = _insert_after(items, item_id, second, len(items))
    return page.with_(items=items)


def split_item_at(page: Page, offset: int) -> Page:
    """Split the item that owns the line at `offset` so that the new item starts with that line.

    A paragraph running over the line is divided there first (both parts keep its role); the line and
    everything after it in the item's reading order go to the new item.
    """
    line = next((ln for ln in split_lines(page.text) if ln.start <= offset <= ln.end), None)
    if line is None:
        raise EditError.said("offset {offset} is outside page {page}", offset=offset, page=page.name)
    item, block = None, None
    for pos in range(line.start, line.end):
        item, block = page.owner_of(pos)
        if block is not None:
            break
    if item is None or block is None:
        raise EditError.said("line {line} of page {page} belongs to no item", line=line.index + 1, page=page.name)
    before, mid, after = _cut_block(page, block, [(line.start, line.end)])
    if not before:
        return split_item(page, item.id, block.id)
    head = Block(block.id, block.role, tuple(before))
    tail = Block(page.next_block_id(), block.role, tuple(mid + after))
    at = [b.id for b in item.blocks].index(block.id)
    divided = _touched(item, blocks=item.blocks[:at] + (head, tail) + item.blocks[at + 1:])
    return split_item(page.with_(items=_replace_items(page, {item.id: divided})), item.id, tail.id)


HEADLINE_ROLES = (Role.SECTION, Role.KICKER, Role.TITLE, Role.SUBTITLE)


def merge_items(page: Page, first_id: int, second_id: int) -> Page:
    """The second item's blocks are appended to the first's; the second item is removed.

    The merged item keeps the first item's headline: when the first has a title, the second's headline
    lines (section, kicker, title, subtitle) become a subhead of the merged item where they were, each run
    of them one subhead (an article continued under a heading of its own reads on under that heading)."""
    if first_id == second_id:
        raise EditError.said("cannot merge item {item} with itself", item=first_id)
    first, second = page.item(first_id), page.item(second_id)
    tail = list(second.blocks)
    if first.blocks_with(Role.TITLE):
        heads = {b.id for b in tail if b.role in HEADLINE_ROLES}
        runs: list[Block] = []
        for b in tail:
            if b.id not in heads:
                runs.append(b)
            elif runs and runs[-1].id in heads:  # the run of headline lines goes on
                runs[-1] = Block(runs[-1].id, Role.SUBHEAD, runs[-1].spans + b.spans)
            else:
                runs.append(Block(b.id, Role.SUBHEAD, b.spans))
        tail = runs
    merged = _touched(first, blocks=first.blocks + tuple(tail))
    return page.with_(items=_replace_items(page, {first_id: merged, second_id: None}))


# --- paragraphs -----------------------------------------------------------------------------------
def _holder(page: Page, block_id: int) -> tuple[Item | None, Block, tuple[Block, ...]]:
    """The block, its item (None: unassigned) and the blocks it is one of (the item's reading order)."""
    owner, block = _find_block(page, block_id)
    return owner, block, owner.blocks if owner is not None else page.unassigned


def _with_blocks(page: Page, owner: Item | None, blocks: Sequence[Block]) -> Page:
    if owner is None:
        return page.with_(unassigned=blocks)
    return page.with_(items=_replace_items(page, {owner.id: _touched(owner, blocks=blocks)}))


def next_paragraph(page: Page, block_id: int) -> Block | None:
    """The block after `block_id` in its item's reading order that has the same role (the next paragraph
    of a body paragraph, the next caption of a caption), or None."""
    _owner, block, blocks = _holder(page, block_id)
    at = [b.id for b in blocks].index(block_id)
    return next((b for b in blocks[at + 1:] if b.role is block.role), None)


def join_paragraphs(page: Page, block_id: int) -> Page:
    """Join a paragraph with the next one of the same role in its item (a false paragraph break): the
    next one's text is appended to it (it keeps its id and place, blocks between stay where they are)."""
    owner, block, blocks = _holder(page, block_id)
    after = next_paragraph(page, block_id)
    if after is None:
        raise EditError.said("{what} is the last of its kind in {item}: there is no next one to join it with",
                             what=_block_words(page, block), item=_owner_words(page, owner))
    joined = Block(block.id, block.role, block.spans + after.spans)
    return _with_blocks(page, owner, [joined if b.id == block_id else b for b in blocks if b.id != after.id])


def _cut_spans(page: Page, block: Block, offset: int) -> tuple[list[Span], list[Span]]:
    """The block's spans before and from the first visible character at or after `offset`, in reading order.
    The offset is in one of its spans, or on whitespace just after or before one (a line's end)."""
    spans = block.spans
    text = page.text
    k = next((i for i, (s, e) in enumerate(spans) if s <= offset < e), None)
    if k is None:
        k = next((i for i, (s, e) in enumerate(spans) if e <= offset and not text[e:offset].strip()), None)
    if k is None:
        k = next((i for i, (s, e) in enumerate(spans) if offset < s and not text[offset:s].strip()), None)
    if k is None:
        return list(spans), []
    s, e = spans[k]
    cut = next((i for i in range(max(s, offset), e) if not text[i].isspace()), None)
    if cut is None:
        return list(spans[:k + 1]), list(spans[k + 1:])
    head, tail = strip_span(text, s, cut), strip_span(text, cut, e)
    return list(spans[:k]) + ([head] if head else []), ([tail] if tail else []) + list(spans[k + 1:])


def split_paragraph(page: Page, offset: int) -> Page:
    """Split the paragraph (block) holding source offset `offset` in two: the text from that character on
    becomes a new block of the same role right after it (a missed paragraph break). With the cursor on
    whitespace, the paragraph is the one whose text comes next on the line (or ends just before it)."""
    if not 0 <= offset <= len(page.text):
        raise EditError.said("offset {offset} is outside page {page}", offset=offset, page=page.name)
    owner, block = page.owner_of(offset) if offset < len(page.text) else (None, None)
    if block is None:  # on a space or at a line's end: the block that goes on (or stops) on this line
        line = next((ln for ln in split_lines(page.text) if ln.start <= offset <= ln.end), None)
        for pos in [*range(offset, line.end), *range(offset - 1, line.start - 1, -1)] if line else []:
            owner, block = page.owner_of(pos)
            if block is not None:
                break
    if block is None:
        raise EditError.said("there is no paragraph at offset {offset} of page {page}", offset=offset, page=page.name)
    before, rest = _cut_spans(page, block, offset)
    if not before or not rest:
        raise EditError.said("{what} cannot be split there: the cursor is at its start or its end",
                             what=_block_words(page, block))
    _owner, _block, blocks = _holder(page, block.id)
    head = Block(block.id, block.role, tuple(before))
    tail = Block(page.next_block_id(), block.role, tuple(rest))
    return _with_blocks(page, owner, [x for b in blocks for x in ((head, tail) if b.id == block.id else (b,))])


def paragraph_blocks(page: Page, item: Item) -> list[Block]:
    """The blocks whose paragraphs are the item's record's `body`, in its order (one block, one paragraph)."""
    return [b for b in item.blocks if b.role in (Role.BODY, Role.AD) and (
        block_paragraph(page, b) if b.role is Role.BODY else clean_heading(block_lines(page, b)))]


_HIDDEN = "\u200b\u200c\u200d\u2060\ufeff"  # characters a cleaned paragraph leaves out, like spaces


def _shown(ch: str) -> bool:
    return not ch.isspace() and ch not in _HIDDEN


def paragraph_offset(page: Page, block: Block, shown_before: int) -> int:
    """The source offset of the character of `block` that its cleaned paragraph shows after `shown_before`
    others (cleaning drops only spaces and invisible characters, so shown characters map one to one; a
    correction's characters map to where it starts). Finds where a cursor in the article's text points."""
    fixes = {c.start: c for c in page.corrections}
    seen = 0
    for s, e in block.spans:
        i = s
        while i < e:
            fix = fixes.get(i)
            if fix is not None and fix.end <= e:
                seen += sum(map(_shown, fix.new))
                if seen > shown_before:
                    return i
                i = fix.end
                continue
            if _shown(page.text[i]):
                if seen == shown_before:
                    return i
                seen += 1
            i += 1
    if seen == shown_before:  # after its last character: its end
        return block.spans[-1][1]
    raise EditError.said("{what} has only {n} characters", what=_block_words(page, block), n=seen)


def _block_words(page: Page, block: Block, width: int = 12) -> Message:
    text = "".join(page.block_text(block, "").split())
    return said("the {role} “{text}”", role=block.role, text=text if len(text) <= width else text[:width] + "…")


def _owner_words(page: Page, owner: Item | None) -> Message | str:
    return item_label(page, owner) if owner is not None else said("the unassigned text")


def _take_blocks(page: Page, taken: dict[int, Block], target_id: int | None,
                 new_kind: Kind = Kind.NEWS, keep: dict[int, list[Block]] | None = None) -> Page:
    """Remove the blocks `taken` (by original id) from their owners and append them, in the given order, to
    the target item (None: a new item of `new_kind` after the first source item). `keep` gives, per
    original block id, the blocks that stay in place of it (the outside parts of a divided block)."""
    keep = keep or {}
    if target_id is not None:
        page.item(target_id)  # raises for an unknown target
    changed: dict[int, Item | None] = {}
    source_ids: list[int] = []
    removed_at = len(page.items)
    for idx, it in enumerate(page.items):
        if not any(b.id in taken or b.id in keep for b in it.blocks):
            continue
        source_ids.append(it.id)
        blocks = [nb for b in it.blocks for nb in (keep.get(b.id, []) if b.id in taken or b.id in keep else [b])]
        if blocks or it.id == target_id:
            changed[it.id] = _touched(it, blocks=blocks)
        else:
            changed[it.id] = None
            removed_at = min(removed_at, idx)
    unassigned = [nb for b in page.unassigned for nb in (keep.get(b.id, []) if b.id in taken else [b])]
    moved = list(taken.values())
    if target_id is not None:
        target = changed.get(target_id) or page.item(target_id)
        changed[target_id] = _touched(target, blocks=target.blocks + tuple(moved))
        items = list(_replace_items(page, changed))
    else:
        items = list(_replace_items(page, changed))
        # after the first source item, or in its place when it went away (or at the end, from unassigned)
        anchor = source_ids[0] if source_ids and changed.get(source_ids[0]) is not None else None
        new = Item(page.next_item_id(), new_kind, tuple(moved), origin=Origin.EDITOR)
        items = _insert_after(items, anchor, new, removed_at)
    return page.with_(items=items, unassigned=unassigned)


def move_blocks(page: Page, block_ids: Iterable[int], target_item_id: int | None) -> Page:
    """Blocks leave their items (items left empty are removed) or `unassigned`, and are appended to the
    target item in the order given (None: a new news item placed after the first source item)."""
    ids = list(block_ids)
    if not ids:
        raise EditError.said("no blocks were given to move")
    if len(set(ids)) != len(ids):
        raise EditError.said("a block was given twice")
    taken = {bid: _find_block(page, bid)[1] for bid in ids}
    return _take_blocks(page, taken, target_item_id)


def _divide(page: Page, start: int, end: int) -> tuple[dict[int, Block], dict[int, list[Block]]]:
    """Divide every block with text on the lines of [start, end): per original block id, the inside part
    (a block, keeping the id when the whole block is inside) and the outside parts that stay."""
    _check_range(page, start, end)
    lines = _lines_hit(page, start, end)
    taken: dict[int, Block] = {}
    keep: dict[int, list[Block]] = {}
    next_id = page.next_block_id()
    order = sorted(page.all_blocks(), key=lambda b: b.start)
    for b in order:
        if not any(s < le and ls < e for s, e in b.spans for ls, le in lines):
            continue
        before, mid, after = _cut_block(page, b, lines)
        if not mid:
            continue
        if not before and not after:
            taken[b.id] = b
            continue
        taken[b.id] = Block(next_id, b.role, tuple(mid))
        next_id += 1
        keep[b.id] = [Block(b.id, b.role, tuple(before + after))]
    if not taken:
        raise EditError.said("lines {start}-{end} of page {page} hold no text", start=start, end=end, page=page.name)
    return taken, keep


def move_text(page: Page, start: int, end: int, target_item_id: int | None) -> Page:
    """Move the lines overlapping [start, end) to the target item (None: a new news item). A block with
    lines outside the range keeps them (same id, same role); its moved lines become a new block."""
    taken, keep = _divide(page, start, end)
    return _take_blocks(page, taken, target_item_id, keep=keep)


def new_item_from_text(page: Page, start: int, end: int) -> Page:
    """The lines overlapping [start, end) become a new news item."""
    return move_text(page, start, end, None)


def send_to_furniture(page: Page, start: int, end: int) -> Page:
    """The lines overlapping [start, end) become a new furniture item (their blocks get role FURNITURE)."""
    taken, keep = _divide(page, start, end)
    taken = {k: Block(b.id, Role.FURNITURE, b.spans) for k, b in taken.items()}
    return _take_blocks(page, taken, None, new_kind=Kind.FURNITURE, keep=keep)


def delete_item(page: Page, item_id: int) -> Page:
    """Remove an item; its blocks go to `page.unassigned` (never lost)."""
    item = page.item(item_id)
    return page.with_(items=_replace_items(page, {item_id: None}), unassigned=page.unassigned + item.blocks)


# --- roles ----------------------------------------------------------------------------------------
def relabel(page: Page, block_id: int, role: Role) -> Page:
    """Give a block another role. Role FURNITURE moves it out into a new furniture item."""
    owner, block = _find_block(page, block_id)
    if block.role is role:
        return page
    new = Block(block.id, role, block.spans)
    if role is Role.FURNITURE and (owner is None or owner.kind is not Kind.FURNITURE):
        return _take_blocks(page, {block_id: new}, None, new_kind=Kind.FURNITURE)
    if owner is None:
        return page.with_(unassigned=[new if b.id == block_id else b for b in page.unassigned])
    item = _touched(owner, blocks=[new if b.id == block_id else b for b in owner.blocks])
    return page.with_(items=_replace_items(page, {owner.id: item}))


def relabel_text(page: Page, start: int, end: int, role: Role) -> Page:
    """Give the lines overlapping [start, end) another role, dividing blocks at line boundaries first
    (before, inside and after parts keep their reading order). Role FURNITURE = `send_to_furniture`."""
    if role is Role.FURNITURE:
        return send_to_furniture(page, start, end)
    _check_range(page, start, end)
    lines = _lines_hit(page, start, end)
    next_id = page.next_block_id()
    replaced: dict[int, list[Block]] = {}
    hit = False
    for b in sorted(page.all_blocks(), key=lambda b: b.start):
        before, mid, after = _cut_block(page, b, lines)
        if not mid:
            continue
        hit = True
        if b.role is role:
            continue
        parts: list[Block] = []
        for spans, part_role in ((before, b.role), (mid, role), (after, b.role)):
            if spans:
                parts.append(Block(next_id if parts else b.id, part_role, tuple(spans)))
                next_id += 1 if len(parts) > 1 else 0
        replaced[b.id] = parts
    if not hit:
        raise EditError.said("lines {start}-{end} of page {page} hold no text", start=start, end=end, page=page.name)
    if not replaced:
        return page  # those lines have that role already
    changed: dict[int, Item | None] = {}
    for it in page.items:
        if any(b.id in replaced for b in it.blocks):
            changed[it.id] = _touched(it, blocks=[nb for b in it.blocks for nb in replaced.get(b.id, [b])])
    unassigned = [nb for b in page.unassigned for nb in replaced.get(b.id, [b])]
    return page.with_(items=_replace_items(page, changed), unassigned=unassigned)


# --- order ----------------------------------------------------------------------------------------
def move_block(page: Page, item_id: int, block_id: int, new_index: int) -> Page:
    """Move a block to position `new_index` of its item's reading order."""
    item = page.item(item_id)
    blocks = list(item.blocks)
    ids = [b.id for b in blocks]
    if block_id not in ids:
        raise EditError.said("block {block} is not in {item}", block=block_id, item=item_label(page, item))
    if not 0 <= new_index < len(blocks):
        raise EditError.said("position {position} is outside {item} (0-{last})", position=new_index,
                             item=item_label(page, item), last=len(blocks) - 1)
    old = ids.index(block_id)
    if old == new_index:
        return page
    blocks.insert(new_index, blocks.pop(old))
    return page.with_(items=_replace_items(page, {item_id: _touched(item, blocks=blocks)}))


def move_item(page: Page, item_id: int, new_index: int) -> Page:
    """Move an item to position `new_index` of `page.items` (the item list order)."""
    old = page.item_index(item_id)
    if not 0 <= new_index < len(page.items):
        raise EditError.said("position {position} is outside the item list of page {page}", position=new_index,
                             page=page.name)
    if old == new_index:
        return page
    items = list(page.items)
    items.insert(new_index, items.pop(old))
    return page.with_(items=items)


# --- metadata -------------------------------------------------------------------------------------
def _checked_value(field: str, value: Any) -> Any:
    """A hand-set value checked against the record field's type, as plain JSON data (`Item.fields`)."""
    kind = FIELD_VALUES[field]
    if kind is Value.TEXT:
        if not isinstance(value, str):
            raise EditError.said("the {field} must be text, not {type}", field=field, type=type(value).__name__)
        return value
    if not isinstance(value, list | tuple):
        raise EditError.said("the {field} must be a list, not {type}", field=field, type=type(value).__name__)
    if kind is Value.AUTHORS:
        out = []
        for a in value:
            a = a.as_dict() if isinstance(a, Author) else a
            if not (isinstance(a, dict) and isinstance(a.get("name"), str) and isinstance(a.get("role"), str)):
                raise EditError.said("each author must be a name and a role, both text")
            out.append({"name": a["name"], "role": a["role"]})
        return out
    if not all(isinstance(v, str) for v in value):
        raise EditError.said("the {field} must be a list of texts", field=field)
    return list(value)


def set_field(page: Page, item_id: int, field: str, value: str | list[Any]) -> Page:
    """Set a metadata field by hand (it then overrides the automatic value; see `clear_field`)."""
    if field not in EDITABLE_FIELDS:
        raise EditError.said("unknown field {field}; the fields are {fields}", field=repr(field),
                             fields=", ".join(EDITABLE_FIELDS))
    item = page.item(item_id)
    value = _checked_value(field, value)
    if field in item.fields and item.fields[field] == value:
        return page
    new = item.with_(fields={**item.fields, field: value})
    return page.with_(items=_replace_items(page, {item_id: new}))


def clear_field(page: Page, item_id: int, field: str) -> Page:
    """Drop the hand-set value of a field: it goes back to the automatic value."""
    if field not in EDITABLE_FIELDS:
        raise EditError.said("unknown field {field}; the fields are {fields}", field=repr(field),
                             fields=", ".join(EDITABLE_FIELDS))
    item = page.item(item_id)
    if field not in item.fields:
        return page
    new = item.with_(fields={k: v for k, v in item.fields.items() if k != field})
    return page.with_(items=_replace_items(page, {item_id: new}))


def set_kind(page: Page, item_id: int, kind: Kind) -> Page:
    """Set an item's kind by hand (kind_origin EDITOR)."""
    item = page.item(item_id)
    kind = Kind(kind)
    if item.kind is kind and item.kind_origin is Origin.EDITOR:
        return page
    return page.with_(items=_replace_items(page, {item_id: item.with_(kind=kind, kind_origin=Origin.EDITOR)}))


# --- corrections ----------------------------------------------------------------------------------
def correct_text(page: Page, start: int, end: int, new: str) -> Page:
    """Record that source[start:end] should read `new` (the source is unchanged). The range must lie in one
    block span; a correction of the same range replaces the earlier one; `new` equal to the source text
    removes the correction."""
    _check_range(page, start, end)
    if not any(s <= start and end <= e for b in page.all_blocks() for s, e in b.spans):
        raise EditError.said("characters {start}-{end} of page {page} are not inside one block's text", start=start,
                              end=end, page=page.name)
    others = [c for c in page.corrections if (c.start, c.end) != (start, end)]
    for c in others:
        if c.start < end and start < c.end:
            raise EditError.said("characters {start}-{end} overlap the correction at {other}; remove it first",
                                  start=start, end=end, other=f"{c.start}-{c.end}")
    old = page.text[start:end]
    if new == old:
        return page.with_(corrections=others) if len(others) != len(page.corrections) else page
    fix = Correction(start, end, old, new)
    if fix in page.corrections:
        return page
    return page.with_(corrections=sorted(others + [fix], key=lambda c: (c.start, c.end)))


def remove_correction(page: Page, start: int, end: int) -> Page:
    """Drop the correction of source[start:end]."""
    kept = [c for c in page.corrections if (c.start, c.end) != (start, end)]
    if len(kept) == len(page.corrections):
        raise EditError.said("there is no correction at characters {start}-{end} of page {page}", start=start,
                             end=end, page=page.name)
    return page.with_(corrections=kept)


# --- re-split -------------------------------------------------------------------------------------
def _why_kept(item: Item) -> str:
    reasons = []
    if item.origin is Origin.EDITOR:
        reasons.append("edited by hand")
    if item.kind_origin is Origin.EDITOR:
        reasons.append(f"kind set to {item.kind} by hand")
    if item.fields:
        reasons.append("fields set by hand: " + ", ".join(item.fields))
    return "; ".join(reasons)


def resplit(page: Page, fresh: Page) -> tuple[Page, list[str]]:
    """Take a fresh automatic split of the same text, keeping what an editor did.

    Items an editor touched (`Item.edited`), the unassigned blocks (text an editor took out of every item)
    and the corrections are kept as they are; every other item is replaced by the fresh items. Fresh lines
    that hold text the kept items already own are left out of the fresh blocks, and any text that nothing
    holds afterwards goes to `unassigned`. Returns the page and one sentence per thing kept.
    """
    if fresh.text != page.text:
        raise EditError.said("the fresh split of {fresh} is of a different text than page {page}", fresh=fresh.name,
                             page=page.name)
    kept = [it for it in page.items if it.edited]
    notes = [f"kept {item_label(page, it)}: {_why_kept(it)}" for it in kept]
    owned = [False] * len(page.text)
    for b in [b for it in kept for b in it.blocks] + list(page.unassigned):
        for s, e in b.spans:
            owned[s:e] = [True] * (e - s)
    used_items = {it.id for it in kept}
    used_blocks = {b.id for it in kept for b in it.blocks} | {b.id for b in page.unassigned}
    next_item = max(used_items | {it.id for it in fresh.items}, default=-1) + 1
    next_block = max(used_blocks | {b.id for b in fresh.all_blocks()}, default=-1) + 1
    covered = list(owned)
    fresh_items: list[Item] = []
    dropped_lines = 0
    for it in fresh.items:
        blocks = []
        for b in it.blocks:
            spans = []
            for span in b.spans:
                for piece in _line_pieces(page, span):
                    if any(owned[piece[0]:piece[1]]):
                        dropped_lines += 1
                    else:
                        spans.append(piece)
            if not spans:
                continue
            spans = _rejoin(page, b.spans, set(spans))
            bid = b.id
            if bid in used_blocks:
                bid, next_block = next_block, next_block + 1
            used_blocks.add(bid)
            blocks.append(Block(bid, b.role, tuple(spans)))
            for s, e in spans:
                covered[s:e] = [True] * (e - s)
        if blocks:
            iid = it.id
            if iid in used_items:
                iid, next_item = next_item, next_item + 1
            used_items.add(iid)
            fresh_items.append(it.with_(id=iid, blocks=blocks))
    if dropped_lines:
        notes.append(f"left {dropped_lines} line(s) of the fresh split out: kept items already hold their text")
    unassigned = list(page.unassigned)
    lost = 0
    for ln in split_lines(page.text):
        pos = ln.start
        while pos < ln.end:
            if covered[pos] or page.text[pos].isspace():
                pos += 1
                continue
            run_end = pos
            while run_end < ln.end and not covered[run_end]:
                run_end += 1
            sp = strip_span(page.text, pos, run_end)
            if sp:
                unassigned.append(Block(next_block, Role.BODY, (sp,)))
                next_block += 1
                lost += 1
            pos = run_end
    if lost:
        notes.append(f"put {lost} piece(s) of text that no item holds into unassigned")
    if page.unassigned:
        notes.append(f"kept {len(page.unassigned)} unassigned block(s)")
    if page.corrections:
        notes.append(f"kept {len(page.corrections)} correction(s)")
    items = sorted(kept + fresh_items, key=lambda it: it.start)
    return page.with_(items=items, unassigned=unassigned), notes


def _rejoin(page: Page, original: Sequence[Span], pieces: set[Span]) -> list[Span]:
    """Per-line pieces joined back into the original spans' runs where nothing was left out between them."""
    out: list[Span] = []
    for s, e in original:
        run: list[Span] = []
        for p in _line_pieces(page, (s, e)):
            if p in pieces:
                run.append(p)
            elif run:
                out.append((run[0][0], run[-1][1]))
                run = []
        if run:
            out.append((run[0][0], run[-1][1]))
    return out


__all__ = [
    "clear_field", "correct_text", "delete_item", "item_label", "join_paragraphs", "merge_items", "move_block",
    "move_blocks", "move_item", "move_text", "new_item_from_text", "next_paragraph", "paragraph_blocks",
    "paragraph_offset", "relabel", "relabel_text", "remove_correction", "resplit", "send_to_furniture",
    "set_field", "set_kind", "split_item", "split_paragraph",
]
