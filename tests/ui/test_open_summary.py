"""A page opens painted from its stored summary and acts as the whole page at once; a project made before
summaries opens showing the same thing, and its pages get their summaries as they are opened."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from uihelp import char_background, click_offset, close_window, open_window

from app.core.page import Kind
from app.ui.models import item_color

MADE_BY_SCHEMA_8 = Path(__file__).resolve().parents[1] / "data" / "projects" / "made_by_schema_8.db.gz"


def shown(window) -> dict:  # noqa: ANN001
    """What the window shows of the page: the source's text, every line's tints and underlines, the
    current item's outline, the items list and the current row."""
    view = window.source
    document = view.document()
    QApplication.processEvents()
    while view.tinting:  # every line tinted
        QApplication.processEvents()
    lines = []
    block = document.begin()
    while block.isValid():
        lines.append([(r.start, r.length, r.format.background().color().name(), r.format.underlineStyle().name)
                      for r in block.layout().formats()])
        block = block.next()
    rows = window.items_model
    return {"text": document.toPlainText(), "tints": lines, "outline": (view._outline, view._outline_color.name()),
            "rows": [[rows.index(r, c).data() for c in range(rows.columnCount())] for r in range(rows.rowCount())],
            "current": window.items.currentIndex().row(), "item": window.current_item}


@pytest.fixture
def old_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "old.db"
    with gzip.open(MADE_BY_SCHEMA_8) as f, open(path, "wb") as out:
        shutil.copyfileobj(f, out)
    monkeypatch.setenv("NEWSDESK_PROJECT", str(path))
    return path


def test_a_project_made_before_summaries_opens_showing_the_same_thing(qtbot, old_project: Path) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    try:
        store = window.store
        pages = [row.id for row in store.list_pages()]
        seen = {}
        for page_id in pages:  # no summary yet: each page read whole, its summary written once it is shown
            window.open_page(page_id)
            qtbot.waitUntil(lambda: not window.session.beside_pending)
            assert store.load_page_summary(page_id) is not None
            seen[page_id] = shown(window)
        for page_id in pages:  # opened again, from their summaries: the same
            window.session.forget([page_id])
            window.open_page(pages[0] if page_id != pages[0] else pages[1])
            window.open_page(page_id)
            assert window.doc.summary is not None and not window.doc.built  # painted before the model is built
            assert shown(window) == seen[page_id]
            assert window.doc.built
    finally:
        close_window(window)


def test_a_click_as_a_page_opens_selects_the_item_clicked(qtbot, window) -> None:  # noqa: ANN001
    pages = [row.id for row in window.store.list_pages()]
    window.open_page(pages[1])
    page = window.store.load_page(pages[1])
    article = [it for it in page.items if it.kind is not Kind.FURNITURE][-1]
    offset = article.blocks[0].spans[0][0]
    assert not window.doc.built
    click_offset(qtbot, window, offset)  # before the panes beside the source are filled
    assert window.current_item == article.id
    qtbot.waitUntil(lambda: window.items_model.item_id(window.items.currentIndex().row()) == article.id)
    assert char_background(window, offset) == item_color(page, article).name()
    assert window.doc.page == page
