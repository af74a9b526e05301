"""How the project file keeps a page's text and page models small: zlib, and spans as differences.

A page's text is stored as UTF-8 compressed with zlib (about half its size for Chinese), and checked
against its SHA-256 when read back, so it is still the text exactly as imported. A page model (the
items, blocks and spans of `app.core.serialize`) is stored as its JSON with each block's spans written as
differences (gap before a span, its length: small numbers that repeat line after line) and then
compressed: about an eighth of the JSON. Reading gives back the same JSON text that was stored: the
differences are turned back into spans in the stored bytes themselves (`unpack_model_json`), so an
export or a page being opened does not parse the model and write it out again.

Rows written before the project was made compact hold plain text; reading accepts both.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate, chain
from typing import Any

import orjson

LEVEL = 6  # zlib's default: level 9 saves under 0.1% on page text and costs twice the time
_SPANS, _DELTAS = "spans", "spans~"
# a block's spans as differences in the stored JSON: `"spans~":[gap,length,…]`. Inside a JSON string a quote
# is written `\"`, so these bytes can only be an object's key and its list of numbers.
_DELTA_SPANS = re.compile(rb'"spans~":\[([-0-9,]*)\]')


def pack_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), LEVEL)


def unpack_text(value: bytes | str) -> str:
    return value if isinstance(value, str) else zlib.decompress(value).decode("utf-8")


def unpack_raw_text(value: bytes | str) -> bytes | str:
    """The stored text as its UTF-8 bytes (a row from before the project was compact: its text)."""
    return value if isinstance(value, str) else zlib.decompress(value)


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


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def pack_model(model_json: str) -> bytes:
    """A page model's JSON text (`page_to_json`), stored compactly."""
    return pack_model_data(json.loads(model_json))


def pack_model_data(model: Any) -> bytes:
    """`pack_model` of the model's JSON data (`json.loads` of its text)."""
    return zlib.compress(_dumps(_map_keys(model, _encode)).encode("utf-8"), LEVEL)


@lru_cache(maxsize=512)
def _spans_format(pairs: int) -> bytes:
    """The %-format of `"spans":[[s,e],…]` with `pairs` spans, as `_dumps` writes it."""
    return b'"spans":[' + (b"[%d,%d]," * pairs)[:-1] + b"]"


def _absolute(deltas: bytes) -> bytes:
    """`"spans":[[s,e],…]` as `_dumps` writes it, of the numbers of one `"spans~"` list (b"3,5,0,7")."""
    if not deltas:
        return b'"spans":[]'
    ends = tuple(accumulate(map(int, deltas.split(b","))))  # gap, length, … summed: start, end, start, end, …
    if len(ends) % 2:
        raise ValueError("a list of span differences of odd length")
    return _spans_format(len(ends) // 2) % ends


def unpack_model_json(value: bytes | str) -> bytes:
    """The page model's JSON text as UTF-8 bytes, as it was given to `pack_model`: the stored JSON with each
    list of span differences replaced by its spans, the bytes around them as they are."""
    if isinstance(value, str):
        return value.encode("utf-8")
    parts = _DELTA_SPANS.split(zlib.decompress(value))
    for k in range(1, len(parts), 2):  # split() puts each match's numbers at the odd positions
        parts[k] = _absolute(parts[k])
    return b"".join(parts)


def unpack_model_data(value: bytes | str, as_model: bool = False) -> Any:
    """The page model as JSON data: `json.loads(unpack_model(value))` (opening a page reads this), the span
    differences turned into spans in the data read, not in its text. `as_model`: each block's spans as the
    page model holds them, a tuple of (start, end) tuples of ints, which `page_from_dict` takes as they
    are, instead of JSON's lists. Raises ValueError for data that is not JSON."""
    if isinstance(value, str):
        return json.loads(value)
    raw = zlib.decompress(value)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:  # JSON orjson does not take (a number beyond 64 bits): json's reading
        data = json.loads(raw)
    lists = raw.count(b'"spans~"')
    if not lists:
        return data
    return data if _blocks_with_spans(data, as_model) == lists else _with_spans(data)


def _blocks_with_spans(model: Any, as_model: bool) -> int:
    """The page model's blocks (in its items and unassigned) given their `"spans"` back from their
    `"spans~"` in place (as tuples, `as_model`); returns how many lists it turned. Where else a model
    holds such lists (none that `page_to_dict` writes), `_with_spans` finds them."""
    if not isinstance(model, dict):
        return 0
    blocks = [b for it in model.get("items") or () if isinstance(it, dict) for b in it.get("blocks") or ()]
    blocks += model.get("unassigned") or ()
    owners = [b for b in blocks if isinstance(b, dict) and isinstance(b.get(_DELTAS), list)]
    lists = [b.pop(_DELTAS) for b in owners]
    if as_model and _INTS.issuperset(map(type, chain.from_iterable(lists))) and not any(len(d) % 2 for d in lists):
        for block, deltas in zip(owners, lists, strict=True):  # (all ints, checked once for the page)
            ends = accumulate(deltas)  # gap, length, … summed: start, end, start, end, …
            block[_SPANS] = tuple(zip(ends, ends, strict=False))  # the same iterator: in pairs
    else:
        for block, deltas in zip(owners, lists, strict=True):
            block[_SPANS] = _pairs(deltas)
    return len(owners)


def _with_spans(node: Any) -> Any:
    """`node` (JSON data) with each `"spans~"` list of differences inside it turned back into `"spans"`."""
    if isinstance(node, list):
        for k, value in enumerate(node):
            if isinstance(value, (dict, list)):
                node[k] = _with_spans(value)
        return node
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == _DELTAS and isinstance(value, list):
            key, value = _SPANS, _pairs(value)
        elif isinstance(value, (dict, list)):
            value = _with_spans(value)
        out[key] = value
    return out


def _pairs(deltas: list[int]) -> list[list[int]]:
    """[gap, length, …] as [[start, end], …]."""
    if len(deltas) % 2:
        raise ValueError("a list of span differences of odd length")
    ends = accumulate(deltas)  # gap, length, … summed: start, end, start, end, …
    return [[start, end] for start, end in zip(ends, ends, strict=False)]  # the same iterator: in pairs


_INTS = frozenset([int])


def unpack_model(value: bytes | str) -> str:
    """The page model's JSON text, as it was given to `pack_model` (plain JSON text is returned as is)."""
    if isinstance(value, str):
        return value
    return unpack_model_json(value).decode("utf-8")
