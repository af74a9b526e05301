"""Saving to SQLite, reopening exactly where the editor left, the journal of unsaved edits, quitting."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from uihelp import ROOT, article_with_blocks, click_offset, close_window, open_window, press

from app.core.metadata import item_record
from app.store.db import Store
from app.ui.actions import Act


def edit_title(qtbot, window, text: str) -> None:  # noqa: ANN001
    title = window.panel.edits["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, text)


def test_ctrl_s_saves_and_the_page_reloads_exactly(qtbot, project) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    page_id = window.doc.page_id
    item = article_with_blocks(window.doc.page)
    click_offset(qtbot, window, item.blocks[1].spans[0][0])
    press(window, Act.SPLIT_HERE)
    edit_title(qtbot, window, "Saved title")
    assert window.isWindowModified()
    press(window, Act.SAVE)
    assert not window.isWindowModified() and window.doc.stack.isClean()
    assert window.status_state.text() == "Saved"
    edited = window.doc.page
    current = window.current_item
    with Store(project) as store:
        assert store.load_page(page_id) == edited
        assert store.page_status(page_id) == "in_progress"
        row = next(r for r in store.list_pages() if r.id == page_id)
        assert row.item_count >= len(edited.articles)
        assert store.journal_pending() == []
    close_window(window)
    again = open_window(qtbot)
    try:
        assert again.doc.page_id == page_id
        assert again.doc.page == edited
        assert again.current_item == current
        assert again.panel.edits["title"].text() == "Saved title"
        assert item_record(again.doc.page, again.doc.page.item(current)).title == "Saved title"
    finally:
        close_window(again)


def test_switching_pages_saves(qtbot, window) -> None:  # noqa: ANN001
    page_id = window.doc.page_id
    edit_title(qtbot, window, "Before switching")
    press(window, Act.NEXT_PAGE)
    assert window.doc.page_id != page_id
    with Store(window.store.path) as store:
        page = store.load_page(page_id)
    assert any(it.fields.get("title") == "Before switching" for it in page.items)


def test_mark_done_saves_and_jumps_to_the_next_page(qtbot, window) -> None:  # noqa: ANN001
    first = window.doc.page_id
    press(window, Act.MARK_DONE)
    assert window.doc.page_id != first
    assert window.store.page_status(first) == "done"
    row = window.pages.model.row_of(first)
    assert window.pages.model.index(row, 1).data() == "Done"
    press(window, Act.MARK_DONE)
    press(window, Act.NEXT_PAGE)
    assert window.notice.text() == "Every page is done."


def test_every_edit_reaches_the_journal_and_is_restored(qtbot, project) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    page_id = window.doc.page_id
    edit_title(qtbot, window, "Journaled")
    edited = window.doc.page
    with Store(project) as other:
        qtbot.waitUntil(lambda: other.journal_pending() != [], timeout=2000)
        assert other.journal_pending() == [(page_id, edited)]
    # the window goes away without saving (as if it crashed): its stack is not asked about
    window.saving.journal_timer.stop()
    window.hide()
    window.store.close()
    window.deleteLater()
    again = open_window(qtbot)
    try:
        assert again.doc.page == edited
        assert again.doc.dirty and again.isWindowModified()
        assert "Restored unsaved edits of 1 page" in again.notice.text()
        press(again, again.undo_action)
        assert again.doc.page == again.store.load_page(page_id)
    finally:
        close_window(again)


def test_quitting_with_unsaved_changes_asks(qtbot, window) -> None:  # noqa: ANN001
    edit_title(qtbot, window, "Asked")
    answers = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = window.findChild(QMessageBox, "ask_save")
        answers.append(box.objectName())
        box.button(button).click()

    QTimer.singleShot(50, lambda: answer(QMessageBox.StandardButton.Cancel))
    press(window, Act.QUIT)
    assert answers == ["ask_save"] and window.isVisible()
    QTimer.singleShot(50, lambda: answer(QMessageBox.StandardButton.Save))
    press(window, Act.QUIT)
    assert not window.isVisible()
    page = window.store.load_page(window.doc.page_id)
    assert any(it.fields.get("title") == "Asked" for it in page.items)


SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtTest import QTest
    from app.ui.app import application, launch
    window = launch([])
    app = application()
    while window.panel.item_id is None:  # the editor shows the page's item a turn after its text
        app.processEvents()
    title = window.panel.edits["title"]
    title.setFocus()
    title.selectAll()
    QTest.keyClicks(title, "Crash proof")
    QTest.qWait(2000)  # the journal is written within two seconds of the edit
    print("edited", flush=True)
    QTest.qWait(60000)
""")


def test_killing_the_app_loses_no_edit(qtbot, project, tmp_path) -> None:  # noqa: ANN001
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NEWSDESK_PROJECT=str(project))
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "edited" not in line:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
        assert "edited" in line
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    window = open_window(qtbot)
    try:
        assert "Restored unsaved edits" in window.notice.text()
        item = window.doc.page.item(window.current_item)
        assert item.fields.get("title") == "Crash proof"
        assert window.panel.edits["title"].text() == "Crash proof"
    finally:
        close_window(window)


def test_screenshot_renders_the_window(tmp_path, project) -> None:  # noqa: ANN001
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NEWSDESK_PROJECT=str(project))
    done = subprocess.run([sys.executable, "-m", "app.cli", "--screenshot", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)


def test_bad_project_file_is_one_line(tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "app.cli", "open", str(bad), "--screenshot",
                           str(tmp_path / "x.png")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and str(bad) in done.stderr
    assert "Traceback" not in done.stderr


def test_undoing_restored_edits_and_quitting_at_once_keeps_them_undone(qtbot, project) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    page_id = window.doc.page_id
    edit_title(qtbot, window, "Undone later")
    with Store(project) as other:
        qtbot.waitUntil(lambda: other.journal_pending() != [], timeout=2000)
    window.saving.journal_timer.stop()  # the window goes away without saving (as if it crashed)
    window.hide()
    window.store.close()
    window.deleteLater()
    again = open_window(qtbot)
    assert "Restored unsaved edits of 1 page" in again.notice.text()
    press(again, again.undo_action)
    assert not again.doc.dirty
    press(again, Act.QUIT)  # at once: the journal's own timer has not run since the undo
    assert not again.isVisible()
    again.store.close()
    with Store(project) as other:
        assert other.journal_pending() == []
    third = open_window(qtbot)
    try:
        assert "Restored" not in third.notice.text()
        assert not third.doc.dirty
        assert third.doc.page == third.store.load_page(page_id)
        assert all(it.fields.get("title") != "Undone later" for it in third.doc.page.items)
    finally:
        close_window(third)
