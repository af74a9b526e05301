"""Failure 12: a read-only window (another window edits the project) takes no edit. Its editing actions
are off, and whatever way an edit is tried (a shortcut, a field of the item editor, a drag in the item
list, a correction typed in the source, an action triggered from code), the page never turns unsaved and
its undo stack stays empty; the project file keeps the editing window's work."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from uihelp import close_window, make_project, open_window, press, select_text

from app.ui.actions import RELABEL_ROLES, Act

EDITING = [Act.SAVE, Act.SPLIT_HERE, Act.MERGE_NEXT, Act.MERGE_PREVIOUS, Act.NEW_ITEM, Act.ADD_TO_ITEM,
           Act.TO_FURNITURE, Act.PARAGRAPH_UP, Act.PARAGRAPH_DOWN, Act.DELETE_ITEM, Act.RESPLIT,
           Act.CORRECT_TEXT, Act.BULK_TAG, Act.BULK_AUTHOR, Act.BULK_KIND, Act.BULK_STATUS, Act.MARK_DONE,
           Act.IMPORT_PAGES, Act.IMPORT_FOLDER, *RELABEL_ROLES]


@pytest.fixture
def two_windows(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001
    path = tmp_path / "project.db"
    make_project(path)
    monkeypatch.setenv("NEWSDESK_PROJECT", str(path))
    first = open_window(qtbot)
    second = open_window(qtbot)
    if second.project.project_box is not None:
        qtbot.waitUntil(second.project.project_box.isVisible, timeout=2000)
        second.project.project_box.accept()
    yield first, second
    close_window(second)
    close_window(first)


def test_a_read_only_window_takes_no_edit(qtbot, two_windows) -> None:  # noqa: ANN001
    first, second = two_windows
    assert second.read_only and not first.read_only
    doc = second.doc
    before = first.store.load_page(doc.page_id)
    assert [key for key in EDITING if second.actions[key].isEnabled()] == []
    assert all(first.actions[key].isEnabled() for key in (Act.SAVE, Act.SPLIT_HERE, Act.RESPLIT))
    for key in EDITING:  # even triggered from code, a disabled action runs nothing
        second.actions[key].trigger()
    press(second, Act.DELETE_ITEM)  # the shortcut
    press(second, Act.SPLIT_HERE)
    second.fixes.delete_item() if hasattr(second.fixes, "delete_item") else None
    second.fixes.resplit()
    title = second.panel.edits["title"]
    old_title = title.text()
    title.setFocus()
    qtbot.keyClicks(title, "x")  # typing in the item editor's title field
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert title.text() == old_title and title.isReadOnly()
    assert not second.panel.kind.isEnabled()
    if len(doc.page.items) > 1:  # a drag in the item list asks for a move
        second.items_list.model.moveRequested.emit(doc.page.items[0].id, 1)
    first_block = next(b for it in doc.page.items for b in it.blocks)
    s, _ = first_block.spans[0]
    select_text(qtbot, second, s, s + 1)
    second.source_panel.correction.setText("〇")
    second.fixes.apply_correction()
    assert not doc.dirty and doc.stack.count() == 0
    assert second.status_state.text() == "Read-only"
    assert "read-only" in second.notice.text()
    assert first.store.load_page(doc.page_id) == before
