"""A page's stored summary: what the source view paints first, read without building the page model.

Opening a page shows its text with each item's lines tinted and the current item outlined; for that it
needs only the page's items (id and kind, in order), every span of text with the item that owns it (or
none: unassigned text) and the corrections' spans. The summary holds exactly that, in `pages.summary`,
written in the same transaction as the page model it summarises (`pack_model_and_summary`), as compressed
JSON: `{"model": crc32 of the stored model, "items": [[id, kind], ...], "spans": [gap, length, owner, ...],
"corrections": [start, end, ...]}` (a span's gap counted from the end of the span before it; owner: the
item's index in `items`, -1 for unassigned text; the spans in the page model's order, items' blocks first,
then the unassigned text).

A summary whose model checksum differs from the stored model's (written by a Newsdesk that did not know
summaries) or that is missing (a project made before step 010) is not used: the page is read whole.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add, sub
from typing import Any

import orjson

from ..core.page import Kind
from .compact import LEVEL, pack_model_data

UNASSIGNED = -1  # the owner of text no item holds
_KINDS = {kind.value: kind for kind in Kind}


@dataclass(frozen=True, eq=False)
class PageSummary:
    """A page as the source view first shows it: its text, items, owned spans (page offsets) and
    corrections, with the stored model it summarises (`Store.page_of` builds the page from it)."""

    text: str
    items: tuple[tuple[int, Kind], ...]  # (item id, kind), in page order
    starts: list[int]  # the spans: start, end, owner (an index into `items`, or UNASSIGNED), as three lists
    ends: list[int]
    owners: list[int]
    corrections: list[tuple[int, int]]
    model: bytes | str = field(repr=False)

    @property
    def spans(self) -> list[tuple[int, int, int]]:
        """(start, end, owner) of every span."""
        return list(zip(self.starts, self.ends, self.owners, strict=True))

    def item_spans(self, item_id: int) -> list[tuple[int, int]]:
        """The spans of the item `item_id` (page offsets), in its blocks' order."""
        owner = next((k for k, (i, _) in enumerate(self.items) if i == item_id), None)
        return [(s, e) for s, e, o in zip(self.starts, self.ends, self.owners, strict=True) if o == owner]


def summarise(model: Mapping[str, Any]) -> dict[str, Any]:
    """The summary (as JSON data, without its model checksum) of a page model's JSON data (`page_to_dict`,
    with `"spans"` lists)."""
    items = model["items"]
    spans: list[int] = []
    last = 0
    blocks = [(k, b) for k, it in enumerate(items) for b in it["blocks"]]
    blocks += [(UNASSIGNED, b) for b in model.get("unassigned") or ()]
    for owner, block in blocks:
        for s, e in block["spans"]:
            spans += [s - last, e - s, owner]
            last = e
    corrections = [v for c in model.get("corrections") or () for v in (c["start"], c["end"])]
    return {"items": [[it["id"], it["kind"]] for it in items], "spans": spans, "corrections": corrections}


def pack_model_and_summary(model_json: str) -> tuple[bytes, bytes]:
    """A page model's JSON text (`page_to_json`) as stored (`compact.pack_model`) and its summary, from one
    reading of the JSON."""
    data = json.loads(model_json)
    summary = summarise(data)
    packed = pack_model_data(data)
    return packed, pack_summary(summary, packed)


def pack_summary(summary: dict[str, Any], model: bytes | str) -> bytes:
    """`summarise`'s data, stored with the checksum of the stored model it was made from."""
    return zlib.compress(orjson.dumps({"model": model_crc(model), **summary}), LEVEL)


def model_crc(model: bytes | str) -> int:
    return zlib.crc32(model if isinstance(model, bytes) else model.encode("utf-8"))


def unpack_summary(value: bytes | None, text: str, model: bytes | str) -> PageSummary | None:
    """The stored summary of `model` (the page model stored beside it), or None when there is none or it
    was made from another model (or cannot be read)."""
    if not value:
        return None
    try:
        data = orjson.loads(zlib.decompress(value))
        if data["model"] != model_crc(model):
            return None
        flat = data["spans"]
        if len(flat) % 3:
            return None
        lengths = flat[1::3]
        ends = list(accumulate(map(add, flat[0::3], lengths)))  # a span's end: the end before, its gap, its length
        fixes = data["corrections"]
        return PageSummary(text, tuple((int(i), _KINDS[k]) for i, k in data["items"]),
                           list(map(sub, ends, lengths)), ends, flat[2::3],
                           list(zip(fixes[::2], fixes[1::2], strict=True)), model)
    except (zlib.error, orjson.JSONDecodeError, KeyError, TypeError, ValueError, IndexError):
        return None
