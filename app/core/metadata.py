"""Item metadata and output records, derived from an item's blocks plus what an editor set by hand.

`item_metadata` gives the fields an editor sees (and the export writes): section, kicker, title, subtitle,
authors, subheads, body paragraphs, captions. `page_records` adds tags and spans and gives the records of
`newsdesk split`, in page order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .bylines import lead_byline, parse_authors, split_credit, trailing_byline
from .page import Block, Item, Kind, Page, Role, merge_spans
from .reflow import clean_heading, clean_paragraph, join_lines

FIELDS = ("section", "kicker", "title", "subtitle", "authors", "subheads", "body", "captions", "tags")
RECORD_KEYS = ("page", "index", "kind", "section", "kicker", "title", "subtitle", "authors", "subheads",
               "body", "captions", "tags", "spans")


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


def _dedupe(authors: list[dict[str, str]]) -> list[dict[str, str]]:
    seen, out = set(), []
    for a in authors:
        key = (a["name"], a["role"])
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def auto_metadata(page: Page, item: Item) -> dict[str, Any]:
    """The metadata the automatic split derives from the item's blocks alone (no tags)."""
    if item.kind is Kind.FURNITURE:
        return {
            "section": "", "kicker": "", "title": "", "subtitle": "", "authors": [], "subheads": [],
            "body": [clean_heading(block_lines(page, b)) for b in item.blocks], "captions": [],
        }
    authors: list[dict[str, str]] = []
    body: list[str] = []
    captions: list[str] = []
    for b in item.blocks:
        if b.role is Role.BYLINE:
            authors += [a.as_dict() for a in parse_authors(" ".join(block_lines(page, b)))]
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
            authors_credit = [a.as_dict() for a in credits]
            authors += authors_credit
    if body:
        lead = lead_byline(body[0])
        if lead:
            authors = [a.as_dict() for a in lead[1]] + authors
        elif not any(a["role"] != "摄影" for a in authors):
            authors = [a.as_dict() for a in trailing_byline(body[-1])] + authors
    # writers first, photographers after, each in printed order
    authors = [a for a in authors if a["role"] != "摄影"] + [a for a in authors if a["role"] == "摄影"]
    return {
        "section": _headings(page, item.blocks_with(Role.SECTION)),
        "kicker": _headings(page, item.blocks_with(Role.KICKER)),
        "title": _headings(page, item.blocks_with(Role.TITLE)),
        "subtitle": _headings(page, item.blocks_with(Role.SUBTITLE)),
        "authors": _dedupe(authors),
        "subheads": [clean_heading(block_lines(page, b)) for b in item.blocks_with(Role.SUBHEAD)],
        "body": body,
        "captions": captions,
    }


def item_metadata(page: Page, item: Item) -> dict[str, Any]:
    """The item's fields as the editor sees them: editor-set values over the automatic ones (no tags)."""
    meta = auto_metadata(page, item)
    for key, value in item.fields.items():
        if key in meta:
            meta[key] = value
    return meta


def item_tags(page: Page, item: Item, meta: dict[str, Any] | None = None) -> list[str]:
    if "tags" in item.fields:
        return list(item.fields["tags"])
    if item.kind is Kind.FURNITURE:
        return []
    from .tags import extract_tags

    meta = meta or item_metadata(page, item)
    return extract_tags(meta["kicker"] + meta["title"], "\n".join(meta["body"]))


def _spans(page: Page, blocks: Iterable[Block]) -> list[list[int]]:
    return [[s, e] for s, e in merge_spans(page.text, (sp for b in blocks for sp in b.spans))]


def item_spans(page: Page, item: Item) -> list[list[int]]:
    return _spans(page, item.blocks)


def item_record(page: Page, item: Item, index: int, with_tags: bool = True) -> dict[str, Any]:
    meta = item_metadata(page, item)
    rec: dict[str, Any] = {"page": page.name, "index": index, "kind": str(item.kind)}
    rec.update(meta)
    rec["tags"] = item_tags(page, item, meta) if with_tags else list(item.fields.get("tags", []))
    rec["spans"] = item_spans(page, item)
    return {k: rec[k] for k in RECORD_KEYS}


def unassigned_record(page: Page, blocks: Iterable[Block], index: int) -> dict[str, Any]:
    """Text that no item holds (an editor deleted its item), written as furniture so nothing is lost."""
    blocks = list(blocks)
    return {
        "page": page.name, "index": index, "kind": str(Kind.FURNITURE), "section": "", "kicker": "",
        "title": "", "subtitle": "", "authors": [], "subheads": [],
        "body": [clean_heading(block_lines(page, b)) for b in blocks], "captions": [], "tags": [],
        "spans": _spans(page, blocks),
    }


def page_item_records(page: Page, with_tags: bool = True) -> list[tuple[int | None, dict[str, Any]]]:
    """The page's records with each one's item id (None for the text no item holds), in page order."""
    pairs: list[tuple[int | None, dict[str, Any]]] = [
        (it.id, item_record(page, it, 0, with_tags)) for it in sorted(page.items, key=lambda it: it.start)
    ]
    if page.unassigned:
        pairs.append((None, unassigned_record(page, page.unassigned, 0)))
        pairs.sort(key=lambda p: p[1]["spans"][0][0] if p[1]["spans"] else 0)
    for i, (_, rec) in enumerate(pairs):
        rec["index"] = i
    return pairs


def page_records(page: Page, with_tags: bool = True) -> list[dict[str, Any]]:
    """One record per item and per furniture block, in page order (by where each starts in the text)."""
    return [rec for _, rec in page_item_records(page, with_tags)]
