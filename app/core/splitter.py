"""The automatic split (placeholder being replaced): every chunk of lines is one body block of one item."""

from __future__ import annotations

from .loading import SourcePage
from .page import Block, Item, Kind, Page, Role, split_lines, strip_span


def split_page(source: SourcePage | tuple[str, str]) -> Page:
    name, text = (source.name, source.text) if isinstance(source, SourcePage) else source
    blocks = []
    for line in split_lines(text):
        sp = strip_span(text, line.start, line.end)
        if sp:
            blocks.append(Block(len(blocks), Role.BODY, (sp,)))
    return Page(name, text, (Item(0, Kind.NEWS, tuple(blocks)),))
