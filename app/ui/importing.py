"""Reading and splitting page files for an import: plain work for a worker thread (no widgets, no SQL)."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.errors import BadInput
from ..core.loading import SourcePage, iter_page_paths, load_page
from ..core.page import Page
from ..core.splitter import split_page


def read_pages(paths: Iterable[str]) -> tuple[list[tuple[SourcePage, Page]], list[str]]:
    """Load and split every page under `paths`; returns the pages and one line per file that failed."""
    pages: list[tuple[SourcePage, Page]] = []
    problems: list[str] = []
    for path in iter_page_paths(paths):
        try:
            source = load_page(path)
        except BadInput as e:
            problems.append(str(e))
            continue
        pages.append((source, split_page(source)))
    return pages, problems
