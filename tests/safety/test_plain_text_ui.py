"""Failure 11 in the app: user text is shown as text. A file name and a title holding HTML (an image of a
local file) show as the characters they are in the tooltips of the page list, the item list and the
changes view; no image is loaded (before, each tooltip read the text as rich text)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, QImage, QTextDocument
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QToolTip
from uihelp import SAMPLES, close_window, open_window

from app.core import edits
from app.core.loading import load_page
from app.core.page import Kind
from app.core.splitter import split_page
from app.store.db import Store
from app.ui.models import ItemsModel


@pytest.fixture
def evil(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    image = tmp_path / "secret.png"
    QImage(8, 8, QImage.Format.Format_RGB32).save(str(image))
    html = f'<img src="{image}"><b>粗</b>'
    page_file = tmp_path / f"<img src=secret.png><b>{SAMPLES[0].stem}.txt"  # a legal file name
    shutil.copy(SAMPLES[0], page_file)
    db = tmp_path / "p.db"
    with Store(db) as store:
        source = load_page(page_file)
        page_id, _ = store.import_source(source, split_page(source))
        page = store.load_page(page_id)
        first = next(it for it in page.items if it.kind is not Kind.FURNITURE)
        store.save_page(page_id, edits.set_field(page, first.id, "title", html), summary="html title")
    monkeypatch.setenv("NEWSDESK_PROJECT", str(db))
    monkeypatch.chdir(tmp_path)  # where a relative <img src=secret.png> would be read from
    return html, page_file.name


def _tooltip(qtbot, view: QAbstractItemView, row: int, column: int) -> str:  # noqa: ANN001
    """Hover a cell like a user: the text the tooltip shows, as rendered."""
    QToolTip.hideText()
    index = view.model().index(row, column)
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    label = next(w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible())
    assert isinstance(label, QLabel)
    text = label.text()
    if not QtGuiNamespace.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    assert "<img" not in doc.toHtml()  # nothing in the tooltip loads a file
    return doc.toPlainText()


def test_tooltips_show_user_text_as_text(qtbot, evil) -> None:  # noqa: ANN001
    html, file_name = evil
    window = open_window(qtbot)
    try:
        pages = window.pages.view
        assert _tooltip(qtbot, pages, 0, 0).startswith(file_name)
        items = window.items_list.view
        row = next(r for r in range(items.model().rowCount()) if items.model().index(r, ItemsModel.TITLE).data() == html)
        assert _tooltip(qtbot, items, row, ItemsModel.TITLE) == html
        window.docks["changes"].show()
        changes = window.changes.table
        qtbot.waitUntil(lambda: changes.model().rowCount() > 0, timeout=10000)
        row = next(r for r in range(changes.model().rowCount()) if html in (changes.model().index(r, 1).data() or ""))
        assert html in _tooltip(qtbot, changes, row, 1)
    finally:
        QToolTip.hideText()
        close_window(window)
