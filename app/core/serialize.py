"""Page <-> JSON-able dict: an exact round trip of the page model.

`page_to_dict` writes the items (with their blocks, spans, editor-set fields and origins), the text that no
item holds (`unassigned`) and the editor's text corrections. The page text is included unless
`with_text=False` (the store keeps the text once, in its own column, and passes it back to
`page_from_dict`). Enum values are written by name-value (`"title"`, `"news"`, `"editor"`), never as ids.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .errors import BadInput
from .page import Block, Correction, Item, Kind, Origin, Page, Role

MODEL_VERSION = 1


def _block_to_dict(block: Block) -> dict[str, Any]:
    return {"id": block.id, "role": str(block.role), "spans": [[s, e] for s, e in block.spans]}


_ROLES = {role.value: role for role in Role}  # a page's blocks name their roles: looked up, not made each time
_KINDS = {kind.value: kind for kind in Kind}
_ORIGINS = {origin.value: origin for origin in Origin}


def _block_from_dict(d: Mapping[str, Any]) -> Block:
    role, spans = d["role"], d["spans"]
    if type(spans) is not tuple:  # JSON's lists; a tuple holds (start, end) tuples of ints already (the store's)
        spans = tuple([(int(s), int(e)) for s, e in spans])
    return Block(int(d["id"]), _ROLES.get(role) or Role(role), spans)


def _plain(value: Any) -> Any:
    """A field value as plain JSON data (mapping proxies and tuples become dicts and lists)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def page_to_dict(page: Page, with_text: bool = True) -> dict[str, Any]:
    """The page model as plain JSON data; `with_text=False` leaves the page text out."""
    d: dict[str, Any] = {"model_version": MODEL_VERSION, "name": page.name}
    if with_text:
        d["text"] = page.text
    d["items"] = [
        {
            "id": it.id,
            "kind": str(it.kind),
            "origin": str(it.origin),
            "kind_origin": str(it.kind_origin),
            "fields": _plain(it.fields),
            "blocks": [_block_to_dict(b) for b in it.blocks],
        }
        for it in page.items
    ]
    d["unassigned"] = [_block_to_dict(b) for b in page.unassigned]
    d["corrections"] = [
        {"start": c.start, "end": c.end, "old": c.old, "new": c.new} for c in page.corrections
    ]
    return d


def page_from_dict(d: Mapping[str, Any], text: str | None = None) -> Page:
    """Rebuild a Page from `page_to_dict` output; `text` supplies the page text when the dict has none.

    Raises BadInput when the data is not a page model (missing keys, unknown role or kind).
    """
    try:
        page_text = d["text"] if text is None else text
        items = tuple(
            Item(
                id=int(it["id"]),
                kind=_KINDS.get(it["kind"]) or Kind(it["kind"]),
                blocks=tuple([_block_from_dict(b) for b in it["blocks"]]),
                fields=_freeze(it.get("fields") or {}),
                origin=_origin(it.get("origin", "auto")),
                kind_origin=_origin(it.get("kind_origin", "auto")),
            )
            for it in d["items"]
        )
        unassigned = tuple(_block_from_dict(b) for b in d.get("unassigned", ()))
        corrections = tuple(
            Correction(int(c["start"]), int(c["end"]), str(c["old"]), str(c["new"]))
            for c in d.get("corrections", ())
        )
        return Page(str(d["name"]), page_text, items, unassigned, corrections)
    except (KeyError, TypeError, ValueError) as e:
        name = d.get("name", "<page>") if isinstance(d, Mapping) else "<page>"
        raise BadInput(str(name), f"not a valid page model ({type(e).__name__}: {e})") from None


def _origin(value: Any) -> Origin:
    return _ORIGINS.get(value) or Origin(value)


def _freeze(fields: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(fields))


def page_to_json(page: Page, with_text: bool = True) -> str:
    """`page_to_dict` as compact JSON text (Chinese kept as is)."""
    return json.dumps(page_to_dict(page, with_text), ensure_ascii=False, separators=(",", ":"))


def page_from_json(data: str, text: str | None = None) -> Page:
    """`page_from_dict` of JSON text; raises BadInput for text that is not JSON."""
    try:
        d = json.loads(data)
    except (ValueError, TypeError) as e:
        raise BadInput("<page>", f"not a valid page model (not JSON: {e})") from None
    return page_from_data(d, text)


def page_from_data(d: Any, text: str | None = None) -> Page:
    """`page_from_dict` of data already read from JSON (anything: raises BadInput unless a page model)."""
    if not isinstance(d, dict):
        raise BadInput("<page>", "not a valid page model (not a JSON object)")
    return page_from_dict(d, text)
