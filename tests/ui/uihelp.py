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
    """Select page text [start, end) in the source by dragging the mouse, like a user does."""
    view = window.source
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.map.to_doc(start))
    view.setTextCursor(cursor)
    view.centerCursor()
    a = view.cursorRect(cursor)
    cursor.setPosition(view.map.to_doc(end))
    b = view.cursorRect(cursor)
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(view.viewport(), left, pos=QPoint(a.x() + 1, a.center().y()))
    qtbot.mouseMove(view.viewport(), QPoint((a.x() + b.x()) // 2, (a.center().y() + b.center().y()) // 2))
    qtbot.mouseMove(view.viewport(), QPoint(b.x() + 1, b.center().y()))
    qtbot.mouseRelease(view.viewport(), left, pos=QPoint(b.x() + 1, b.center().y()))
    assert view.selection_span() == (start, end)


def press(window, key, target=None) -> None:  # noqa: ANN001
    """Type the shortcut of action `key` (an Act) where the user would: in the source view by default."""
    from PySide6.QtTest import QTest

    from app.ui.actions import Act

    action = window.actions[key] if isinstance(key, Act) else key
    widget = target or window.source
    if not window.isActiveWindow():
        window.activateWindow()
        QTest.qWaitForWindowActive(window, 1000)
    widget.setFocus()
    QTest.keySequence(widget, action.shortcut())


def owned(page, offset: int):  # noqa: ANN001, ANN201
    """The id of the item holding `offset` (None if unassigned)."""
    item, _block = page.owner_of(offset)
    return item.id if item is not None else None


def article_with_blocks(page, n: int = 2):  # noqa: ANN001, ANN201
    """The first non-furniture item with at least `n` blocks."""
    from app.core.page import Kind

    return next(it for it in page.items if it.kind is not Kind.FURNITURE and len(it.blocks) >= n)


def char_background(window, offset: int) -> str:  # noqa: ANN001
    """The tint the source view draws under the character at page offset `offset` (#rrggbb or '')."""
    view = window.source
    pos = view.map.to_doc(offset)
    block = view.document().findBlock(pos)
    for r in block.layout().formats():
        if r.start <= pos - block.position() < r.start + r.length and r.format.hasProperty(
                r.format.Property.BackgroundBrush):
            return r.format.background().color().name()
    return ""


def show_history(qtbot, window) -> None:  # noqa: ANN001
    """The undo history tab brought to the front, as the user does to read it (hidden, it lists nothing)."""
    window.docks["history"].raise_()
    qtbot.waitUntil(window.history.isVisible)
