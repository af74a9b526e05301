"""The gold's page model, and the checks that make a typeset page correct by construction.

A typeset gold file carries, beside SPEC.md's fields, `pieces`: `[start, end, item, role, block]` for every
printed line (character offsets into the decoded text, item -1 for furniture, block numbers in reading
order). `page_model` rebuilds the app's `Page` from them exactly; `problems` checks a page: the no-loss
invariant holds, the pieces cover every visible character once, each block's printed lines re-join to the
text it stands for, and the app's own records of the page (`app.core.metadata`) equal the gold items.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping
from typing import Any

from app.core.metadata import item_record
from app.core.page import Block, Item, Kind, Page, Role, check_invariant
from app.core.reflow import clean_paragraph

GOLD_FIELDS = ("kind", "section", "kicker", "title", "subtitle", "authors", "subheads", "body", "captions")
_WS = re.compile(r"\s+")


def page_model(text: str, gold: Mapping[str, Any], name: str | None = None) -> Page:
    """The `Page` the gold describes: item k holds the blocks whose pieces say item k (in block order);
    each furniture block is a furniture item of its own, after the articles."""
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    owner: dict[int, tuple[int, str]] = {}
    for start, end, item, role, block in gold["pieces"]:
        spans[block].append((start, end))
        if owner.setdefault(block, (item, role)) != (item, role):
            raise ValueError(f"block {block} is given to two items or roles")
    blocks_of: dict[int, list[Block]] = defaultdict(list)
    for block in sorted(spans):
        item, role = owner[block]
        blocks_of[item].append(Block(block, Role(role), tuple(sorted(spans[block]))))
    items = [Item(k, Kind(g["kind"]), tuple(blocks_of.get(k, ()))) for k, g in enumerate(gold["items"])]
    n = len(items)
    items += [Item(n + k, Kind.FURNITURE, (b,)) for k, b in enumerate(blocks_of.get(-1, []))]
    return Page(name or gold.get("page", "page.txt"), text, tuple(items))


def app_items(page: Page, count: int) -> list[dict[str, Any]]:
    """The app's metadata of the page's first `count` items, in the gold item shape."""
    out = []
    for it in page.items[:count]:
        meta = item_record(page, it, tags=False).to_dict()
        out.append({"kind": str(it.kind), **{k: meta[k] for k in GOLD_FIELDS if k != "kind"}})
    return out


def coverage_problems(text: str, pieces: list[list[Any]]) -> list[str]:
    """Pieces must cover every non-blank character exactly once, and nothing but non-blank text at the ends."""
    count = [0] * len(text)
    problems = []
    for start, end, *_ in pieces:
        if not (0 <= start < end <= len(text)) or text[start].isspace() or text[end - 1].isspace():
            problems.append(f"piece {start}-{end} is out of range or starts/ends with a space")
            continue
        for k in range(start, end):
            count[k] += 1
    for k, ch in enumerate(text):
        if not ch.isspace() and count[k] != 1:
            problems.append(f"character {k} {ch!r} is covered {count[k]} times")
            if len(problems) > 10:
                break
    return problems


def problems(text: str, gold: Mapping[str, Any], sources: Mapping[int, str] | None = None,
             skip_authors: Collection[int] = ()) -> list[str]:
    """Everything wrong with a typeset page and its gold; an empty list means correct by construction.

    `sources` maps a block number to the text the block stands for (a paragraph before wrapping and noise):
    its printed lines must re-join to it, character for character, and the app's reflow must clean both the
    same way. Items in `skip_authors` are not compared on authors (a byline form today's app misreads)."""
    out = coverage_problems(text, gold["pieces"])
    try:
        page = page_model(text, gold)
    except ValueError as e:
        return out + [str(e)]
    out += [f"invariant: {p}" for p in check_invariant(page)]
    for block, source in (sources or {}).items():
        b = next((b for it in page.items for b in it.blocks if b.id == block), None)
        if b is None:
            out.append(f"block {block} is not on the page")
            continue
        printed = "".join(text[s:e] for s, e in b.spans)
        if _WS.sub("", printed) != _WS.sub("", source):
            out.append(f"block {block}: printed lines do not re-join to their source")
        elif b.role is Role.BODY:
            lines = [ln for s, e in b.spans for ln in text[s:e].splitlines()]
            if clean_paragraph(lines) != clean_paragraph([source]):
                out.append(f"block {block}: reflow of the printed lines {clean_paragraph(lines)!r} "
                           f"!= reflow of the source {clean_paragraph([source])!r}")
    got = app_items(page, len(gold["items"]))
    for k, (g, a) in enumerate(zip(gold["items"], got, strict=True)):
        for key in GOLD_FIELDS:
            gv, av = g[key], a[key]
            if key == "authors":
                if k in skip_authors:
                    continue
                gv = sorted((x["name"], x["role"]) for x in gv)
                av = sorted((x["name"], x["role"]) for x in av)
            if gv != av:
                out.append(f"item {k} {key}: gold {gv!r} != app {av!r}")
    furn = ["".join(it_meta["body"]) for it_meta in
            (item_record(page, it, tags=False).to_dict() for it in page.items[len(gold["items"]):])]
    if furn != list(gold["furniture"]):
        out.append(f"furniture: gold {gold['furniture']!r} != app {furn!r}")
    return out
