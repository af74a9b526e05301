"""Helpers for the UI tests: a project file with sample pages, the window, clicks in the source."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from app.core.loading import load_page
from app.core.splitter import split_page
from app.store.db import Store
from app.ui import tasks
from app.ui.app import launch

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))


def make_project(path: Path, pages: list[Path] | None = None) -> list[int]:
    """A project file holding the given sample pages (default: the first two); returns their ids."""
    ids = []
    with Store(path) as store:
        for p in pages if pages is not None else SAMPLES[:2]:
            source = load_page(p)
            ids.append(store.import_source(source, split_page(source))[0])
    return ids


def open_window(qtbot, argv: list[str] | None = None):  # noqa: ANN001
    window = launch(argv or [], show=False)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: tasks.pending_tasks() == 0, timeout=20000)
    return window


def close_window(window) -> None:  # noqa: ANN001
    """Close without the quit question (the test has checked what it wanted), then close the store."""
    for doc in window.docs.values():
        doc.stack.setClean()
    window.close()
    window.store.close()
    window.deleteLater()


def click_offset(qtbot, window, offset: int) -> None:  # noqa: ANN001
    """Click the source view at a page offset, like a user does."""
    view = window.source
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.map.to_doc(offset))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 2, rect.center().y()))


def select_text(qtbot, window, start: int, end: int) -> None:  # noqa: ANN001
    """Select page text [start, end) in the source with shift+click, like a user does."""
    click_offset(qtbot, window, start)
    view = window.source
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.map.to_doc(end))
    rect = view.cursorRect(cursor)
    view.ensureCursorVisible()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     pos=QPoint(rect.x() + 1, rect.center().y()))
