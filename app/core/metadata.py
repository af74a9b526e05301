"""Item records derived from an item's blocks plus what an editor set by hand, computed once per item.

`item_record(page, item)` gives the item's `ItemRecord` (section, kicker, title, subtitle, authors,
subheads, body paragraphs, captions, tags, spans): the automatic values from the blocks (`auto_record`),
with the editor's hand-set values over them. Pages and items are immutable, so a record is cached per
item object and recomputed only when the item, the page text or a correction inside it changes; an edit
that leaves an item alone leaves its record alone. `item_records`/`page_records` give the records of a
whole page in page order (`newsdesk split`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from .bylines import (
    Author,
    is_author_note,
    labelled_names,
    lead_byline,
    parse_authors,
    split_credit,
    trailing_byline,
)
from .page import Block, Correction, Item, Kind, Page, Role, merge_spans
from .record import EDITABLE_FIELDS, ItemRecord, editor_value
from .reflow import clean_heading, clean_paragraph, join_lines

PHOTOGRAPHER = "摄影"  # the role of a photo credit: listed after the writers
# the paragraphs read for an opening's byline (本报讯（记者 王三）) where the first is none and no byline block names
# a writer
LEAD_PARAS = 3
CACHE_SIZE = 4096  # records kept: every item of the pages open in the app, with room for their undo history


def block_lines(page: Page, block: Block) -> list[str]:
    """The block's text as printed lines (a span may hold several lines), corrections applied."""
    out: list[str] = []
    for s, e in block.spans:
        out += [ln for ln in page.span_text(s, e).splitlines() if ln.strip()]
    return out


def block_paragraph(page: Page, block: Block) -> str:
    return clean_paragraph(block_lines(page, block))


def _headings(page: Page, blocks: Iterable[Block]) -> str:
    return "".join(clean_heading(block_lines(page, b)) for b in blocks)


def _dedupe(authors: list[Author]) -> tuple[Author, ...]:
    return tuple(dict.fromkeys(authors))


def _spans(page: Page, blocks: Iterable[Block]) -> tuple[tuple[int, int], ...]:
    return tuple(merge_spans(page.text, (sp for b in blocks for sp in b.spans)))


def auto_record(page: Page, item: Item) -> ItemRecord:
    """The record the automatic split derives from the item's blocks alone (no hand-set value, no tags)."""
    spans = _spans(page, item.blocks)
    if item.kind is Kind.FURNITURE:
        return ItemRecord(page.name, 0, item.kind,
                          body=tuple(clean_heading(block_lines(page, b)) for b in item.blocks), spans=spans)
    authors: list[Author] = []
    body: list[str] = []
    captions: list[str] = []
    for b in item.blocks:
        if b.role is Role.BYLINE:
            line = " ".join(block_lines(page, b))
            authors += parse_authors(labelled_names(line) or line)  # 寄思人：王三 names 王三
        elif b.role in (Role.BODY, Role.AD):
            para = block_paragraph(page, b) if b.role is Role.BODY else clean_heading(block_lines(page, b))
            if para:
                body.append(para)
        elif b.role is Role.CAPTION:
            # the credit is found before stray spaces go: "图为现场 李四 摄" needs its spaces
            text, credits = split_credit(join_lines(block_lines(page, b)))
            text = clean_paragraph([text])
            if text:
                captions.append(text)
            authors += credits
    if body:
        lead = lead_byline(body[0])
        if not lead and not any(a.role != PHOTOGRAPHER for a in authors):
            # an opening after a lead-in (编者按, a subtitle read as text): its byline is the article's
            lead = next((found for para in body[1:LEAD_PARAS] if not is_author_note(para)
                         for found in [lead_byline(para)] if found), None)
        if lead:
            authors = list(lead[1]) + authors
        elif not any(a.role != PHOTOGRAPHER for a in authors):
            authors = list(trailing_byline(body[-1])) + authors
    # writers first, photographers after, each in printed order
    authors = [a for a in authors if a.role != PHOTOGRAPHER] + [a for a in authors if a.role == PHOTOGRAPHER]
    return ItemRecord(
        page.name, 0, item.kind,
        section=_headings(page, item.blocks_with(Role.SECTION)),
        kicker=_headings(page, item.blocks_with(Role.KICKER)),
        title=_headings(page, item.blocks_with(Role.TITLE)),
        subtitle=_headings(page, item.blocks_with(Role.SUBTITLE)),
        authors=_dedupe(authors),
        subheads=tuple(clean_heading(block_lines(page, b)) for b in item.blocks_with(Role.SUBHEAD)),
        body=tuple(body),
        captions=tuple(captions),
        spans=spans,
    )


def _edited_record(page: Page, item: Item) -> ItemRecord:
    """`auto_record` with the editor's hand-set values over it (tags: only hand-set ones)."""
    record = auto_record(page, item)
    hand = {k: editor_value(k, v) for k, v in item.fields.items() if k in EDITABLE_FIELDS}
    return replace(record, **hand) if hand else record


_keywords: OrderedDict[tuple[str, tuple[str, ...]], tuple[str, ...]] = OrderedDict()
_keywords_lock = threading.Lock()


def _tagged(record: ItemRecord, item: Item) -> ItemRecord:
    """The record with jieba's keywords, unless an editor set the tags (or it is furniture). The keywords
    depend only on the headline and body, so an edit of anything else does not run jieba again."""
    if "tags" in item.fields or item.kind is Kind.FURNITURE:
        return record
    from .tags import extract_tags

    key = (record.kicker + record.title, record.body)
    with _keywords_lock:
        tags = _keywords.get(key)
    if tags is None:
        tags = tuple(extract_tags(key[0], "\n".join(record.body)))
        with _keywords_lock:
            _keywords[key] = tags
            while len(_keywords) > CACHE_SIZE:
                _keywords.popitem(last=False)
    return replace(record, tags=tags)


# --- the cache: one record per immutable item ------------------------------------------------------
class _RecordCache:
    """Records by item object. An entry keeps its item (so the id cannot be reused while it is cached)
    and what else the record depends on: the page name and text, and the corrections inside the item."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[int, bool], tuple[Item, str, str, tuple[Correction, ...], ItemRecord]] = (
            OrderedDict())
        self._lock = threading.Lock()

    def get(self, page: Page, item: Item, tags: bool, fixes: tuple[Correction, ...]) -> ItemRecord | None:
        with self._lock:
            hit = self._entries.get((id(item), tags))
            if hit is None:
                return None
            cached_item, name, text, cached_fixes, record = hit
            if cached_item is not item or name != page.name or cached_fixes != fixes or (
                    text is not page.text and text != page.text):
                return None
            self._entries.move_to_end((id(item), tags))
            return record

    def put(self, page: Page, item: Item, tags: bool, fixes: tuple[Correction, ...], record: ItemRecord) -> None:
        with self._lock:
            self._entries[(id(item), tags)] = (item, page.name, page.text, fixes, record)
            self._entries.move_to_end((id(item), tags))
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


_cache = _RecordCache(CACHE_SIZE)


def _fixes_inside(page: Page, item: Item) -> tuple[Correction, ...]:
    if not page.corrections:
        return ()
    return tuple(c for c in page.corrections
                 if any(s <= c.start and c.end <= e for b in item.blocks for s, e in b.spans))


def item_record(page: Page, item: Item, *, tags: bool = True, index: int = 0) -> ItemRecord:
    """The item's record as the editor sees it (and the export writes it), computed once per item.

    `tags=False` leaves jieba's keywords out (only hand-set tags), for views that do not show them."""
    fixes = _fixes_inside(page, item)
    record = _cache.get(page, item, tags, fixes)
    if record is None:
        base = _cache.get(page, item, False, fixes) if tags else None
        if base is None:
            base = _edited_record(page, item)
            _cache.put(page, item, False, fixes, base)
        record = _tagged(base, item) if tags else base
        if tags:
            _cache.put(page, item, True, fixes, record)
    return record if index == record.index else replace(record, index=index)


def remember(page: Page, records: Mapping[int, ItemRecord]) -> None:
    """Take records already computed for this very page (the ones a project saved with it) into the cache,
    so that opening a page computes no record again (and runs no jieba)."""
    for item in page.items:
        record = records.get(item.id)
        if record is None:
            continue
        fixes = _fixes_inside(page, item)
        hand_tags = editor_value("tags", item.fields["tags"]) if "tags" in item.fields else ()
        _cache.put(page, item, True, fixes, record)
        _cache.put(page, item, False, fixes, record if "tags" in item.fields else replace(record, tags=hand_tags))


def unassigned_record(page: Page, blocks: Iterable[Block], index: int = 0) -> ItemRecord:
    """Text that no item holds (an editor deleted its item), written as furniture so nothing is lost."""
    blocks = list(blocks)
    return ItemRecord(page.name, index, Kind.FURNITURE,
                      body=tuple(clean_heading(block_lines(page, b)) for b in blocks), spans=_spans(page, blocks))


def record_order(page: Page) -> list[int | None]:
    """The page's records in page order, as item ids (None: the record of the text no item holds): items
    by where their text starts, the unassigned text's record among them by where it starts."""
    # each item's start (`Item.start`) once: where its first span starts (the least span of each block)
    starts = [min((min(b.spans)[0] for b in it.blocks), default=0) for it in page.items]
    order: list[tuple[int, int | None]] = sorted(zip(starts, (it.id for it in page.items), strict=True),
                                                 key=lambda pair: pair[0])
    if page.unassigned:
        order.append((min(b.start for b in page.unassigned), None))
        order.sort(key=lambda pair: pair[0])
    return [item_id for _, item_id in order]


_last_numbered: tuple[Page | None, dict[int, int]] = (None, {})  # the page numbered last, and its numbers


def item_numbers(page: Page) -> dict[int, int]:
    """The number people know each item by: 1-based, in page order, the record's `index` + 1 (the same in
    the window, the changes view, `split --pretty`, search and the txt file names). Worked out once for the
    page numbered last (pages are immutable): the items list, the item editor and each change's label ask
    for the same page's numbers in turn."""
    global _last_numbered
    numbered, numbers = _last_numbered
    if numbered is not page:
        numbers = {item_id: n for n, item_id in enumerate(record_order(page), 1) if item_id is not None}
        _last_numbered = (page, numbers)
    return dict(numbers)


def item_records(page: Page, tags: bool = True) -> list[tuple[int | None, ItemRecord]]:
    """The page's records with each one's item id (None for the text no item holds), in page order
    (`record_order`)."""
    by_id = {it.id: it for it in page.items}
    pairs: list[tuple[int | None, ItemRecord]] = [
        (item_id, item_record(page, by_id[item_id], tags=tags) if item_id is not None
         else unassigned_record(page, page.unassigned)) for item_id in record_order(page)]
    return [(item_id, rec if rec.index == i else replace(rec, index=i)) for i, (item_id, rec) in enumerate(pairs)]


def page_item_records(page: Page, with_tags: bool = True) -> list[tuple[int | None, dict[str, Any]]]:
    """`item_records` as plain JSON data."""
    return [(item_id, rec.to_dict()) for item_id, rec in item_records(page, with_tags)]


def page_records(page: Page, with_tags: bool = True) -> list[dict[str, Any]]:
    """One record per item and per furniture block, in page order, as plain JSON data (`newsdesk split`)."""
    return [rec.to_dict() for _, rec in item_records(page, with_tags)]
