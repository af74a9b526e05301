"""How the project file keeps a page's text and page models small: zlib, and spans as differences.

A page's text is stored as UTF-8 compressed with zlib (about half its size for Chinese), and checked
against its SHA-256 when read back, so it is still the text exactly as imported. A page model (the
items, blocks and spans of `app.core.serialize`) is stored as its JSON with each block's spans written as
differences (gap before a span, its length: small numbers that repeat line after line) and then
compressed: about an eighth of the JSON. Reading gives back the same JSON text that was stored.

Rows written before the project was made compact hold plain text; reading accepts both.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from typing import Any

LEVEL = 6  # zlib's default: level 9 saves under 0.1% on page text and costs twice the time
_SPANS, _DELTAS = "spans", "spans~"


def pack_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), LEVEL)


def unpack_text(value: bytes | str) -> str:
    return value if isinstance(value, str) else zlib.decompress(value).decode("utf-8")


def _deltas(spans: Any) -> list[int] | None:
    """[[s, e], …] as [gap, length, gap, length, …], or None when `spans` is not a list of int pairs."""
    if not isinstance(spans, list):
        return None
    out, last = [], 0
    for span in spans:
        if not (isinstance(span, list) and len(span) == 2 and all(type(v) is int for v in span)):
            return None
        out += [span[0] - last, span[1] - span[0]]
        last = span[1]
    return out


def _spans(deltas: list[int]) -> list[list[int]]:
    out, last = [], 0
    for k in range(0, len(deltas), 2):
        start = last + deltas[k]
        last = start + deltas[k + 1]
        out.append([start, last])
    return out


def _map_keys(data: Any, convert: Callable[[str, Any], tuple[str, Any]]) -> Any:
    """`data` with every (key, value) of every object, innermost first, replaced by `convert(key, value)`."""
    if isinstance(data, dict):
        return dict(convert(k, _map_keys(v, convert)) for k, v in data.items())
    if isinstance(data, list):
        return [_map_keys(v, convert) for v in data]
    return data


def _encode(key: str, value: Any) -> tuple[str, Any]:
    if key == _SPANS:
        deltas = _deltas(value)
        if deltas is not None:
            return _DELTAS, deltas
    return key, value


def _decode(key: str, value: Any) -> tuple[str, Any]:
    return (_SPANS, _spans(value)) if key == _DELTAS else (key, value)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def pack_model(model_json: str) -> bytes:
    """A page model's JSON text (`page_to_json`), stored compactly."""
    data = _map_keys(json.loads(model_json), _encode)
    return zlib.compress(_dumps(data).encode("utf-8"), LEVEL)


def _decoded(obj: dict[str, Any]) -> dict[str, Any]:
    """One JSON object as read back (json's `object_hook`: innermost first, as `_map_keys` goes)."""
    if _DELTAS not in obj:
        return obj
    return dict(_decode(k, v) for k, v in obj.items())


def unpack_model_data(value: bytes | str) -> Any:
    """The page model as JSON data: `json.loads(unpack_model(value))`, without writing it out as text and
    reading it again (opening a page reads this). Raises ValueError for data that is not JSON."""
    if isinstance(value, str):
        return json.loads(value)
    return json.loads(zlib.decompress(value), object_hook=_decoded)


def unpack_model(value: bytes | str) -> str:
    """The page model's JSON text, as it was given to `pack_model` (plain JSON text is returned as is)."""
    if isinstance(value, str):
        return value
    return _dumps(unpack_model_data(value))
