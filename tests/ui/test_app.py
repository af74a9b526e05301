"""Starting the app: first run imports the samples, `open P.db`, importing pages given on the command line."""

from __future__ import annotations

import pytest
from uihelp import SAMPLES, close_window, make_project, open_window, show_history

from app.ui import tasks
from app.ui.actions import Act
from app.ui.app import parse_args


def test_first_run_imports_the_sample_pages(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    path = tmp_path / "fresh.db"
    monkeypatch.setenv("NEWSDESK_PROJECT", str(path))
    window = open_window(qtbot)
    try:
        qtbot.waitUntil(lambda: window.pages.model.rowCount() == len(SAMPLES), timeout=20000)
        assert [window.pages.model.page_row(r).name for r in range(len(SAMPLES))] == [p.name for p in SAMPLES]
        qtbot.waitUntil(lambda: window.doc is not None, timeout=5000)
        assert window.source.toPlainText()
        assert "Imported 4 page(s)." in window.notice.text()
    finally:
        close_window(window)


def test_open_project_and_import_a_page_from_the_command_line(qtbot, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "other.db"
    make_project(path, SAMPLES[:1])
    window = open_window(qtbot, ["open", str(path), str(SAMPLES[2])])
    try:
        assert window.store.path == str(path)
        qtbot.waitUntil(lambda: window.pages.model.rowCount() == 2, timeout=20000)
        qtbot.waitUntil(lambda: window.doc is not None and window.doc.page.name == SAMPLES[2].name, timeout=5000)
        # the items list takes the page's rows a turn after the source shows its text
        qtbot.waitUntil(lambda: window.items_model.rowCount() == len(window.doc.page.items), timeout=5000)
    finally:
        close_window(window)


def test_importing_a_bad_file_names_it(qtbot, project, tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    window = open_window(qtbot)
    try:
        window.import_paths([str(bad)])
        qtbot.waitUntil(lambda: tasks.pending_tasks() == 0 and "empty.txt" in window.notice.text(), timeout=5000)
        assert "the file is empty" in window.notice.text()
        assert window.pages.model.rowCount() == 2
    finally:
        close_window(window)


def test_undo_history_lists_the_commands(qtbot, window) -> None:  # noqa: ANN001
    title = window.panel.edits["title"]
    title.setFocus()
    qtbot.keyClicks(title, "abc")
    show_history(qtbot, window)
    model = window.history.model()
    assert model.rowCount() == 2  # "<saved>" then the edit
    assert model.index(1, 0).data().startswith("Edit field")


@pytest.mark.parametrize(("argv", "message"), [
    (["--screenshot"], "Option '--screenshot' requires an argument"),
    (["open"], "Missing argument 'PROJECT.db'"),
    (["--bogus"], "No such option '--bogus'"),
    (["--screenshot", "out.png", "a.txt", "b.txt"], "--screenshot takes one page"),
])
def test_bad_arguments_are_one_line(argv: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_args(argv)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # QDragEnterEvent has only a QPoint constructor
def test_dropping_a_page_file_on_the_window_imports_it(qtbot, window) -> None:  # noqa: ANN001
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(SAMPLES[3]))])
    where, copy = QPointF(200, 200), Qt.DropAction.CopyAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where.toPoint(), copy, data, left, none)
    assert QApplication.sendEvent(window, enter) and enter.isAccepted()
    drop = QDropEvent(where, copy, data, left, none)
    assert QApplication.sendEvent(window, drop) and drop.isAccepted()
    qtbot.waitUntil(lambda: window.pages.model.rowCount() == 3, timeout=20000)
    qtbot.waitUntil(lambda: window.doc.page.name == SAMPLES[3].name, timeout=5000)


def test_next_page_button_opens_the_next_page_to_review(qtbot, window) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    first = window.doc.page_id
    qtbot.mouseClick(window.pages.next_button, Qt.MouseButton.LeftButton)
    assert window.doc.page_id != first
    # the page list marks it a turn after the source shows its text
    qtbot.waitUntil(lambda: window.pages.view.currentIndex().row() == window.pages.model.row_of(window.doc.page_id))


def test_switching_project_saves_and_shows_the_other_project(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    other = tmp_path / "second.db"
    make_project(other, SAMPLES[2:])
    first_store = window.store.path
    title = window.panel.edits["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "kept")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def save_it() -> None:
        window.findChild(QMessageBox, "ask_save").button(QMessageBox.StandardButton.Save).click()

    QTimer.singleShot(50, save_it)
    window.switch_project(str(other))  # what File > Open does once a file is chosen
    assert window.store.path == str(other)
    assert [window.pages.model.page_row(r).name for r in range(2)] == [p.name for p in SAMPLES[2:]]
    assert window.doc.page.name == SAMPLES[2].name
    from app.store.db import Store

    with Store(first_store) as store:
        first_page = store.list_pages()[0].id
        assert any(it.fields.get("title", "").endswith("kept") for it in store.load_page(first_page).items)


def test_an_empty_project_says_how_to_add_pages(qtbot, tmp_path) -> None:  # noqa: ANN001
    window = open_window(qtbot, ["open", str(tmp_path / "empty.db")])
    try:
        assert window.doc is None
        assert "no pages yet" in window.notice.text()
        assert not window.actions[Act.SPLIT_HERE].isEnabled()
        assert window.pages.model.rowCount() == 0
    finally:
        close_window(window)


def test_the_first_import_is_not_told_no_pages_yet(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from app.ui.app import launch

    monkeypatch.setenv("NEWSDESK_PROJECT", str(tmp_path / "fresh.db"))
    window = launch([], show=False)
    try:
        window.show()
        # the sample pages are being imported on a worker: the window says so, not that it has no pages
        assert tasks.pending_tasks() > 0
        assert "no pages yet" not in window.notice.text()
        assert window.notice.isVisibleTo(window) and "Importing" in window.notice.text()
        qtbot.waitUntil(lambda: tasks.pending_tasks() == 0 and window.doc is not None, timeout=60000)
        assert "Imported 4 page(s)." in window.notice.text()
    finally:
        close_window(window)


def test_a_page_opens_on_its_first_article_not_its_furniture(qtbot, tmp_path) -> None:  # noqa: ANN001
    from app.core.loading import load_page
    from app.core.page import Kind
    from app.core.splitter import split_page
    from app.ui.app import launch, screenshot

    # a sample page whose split starts with furniture (a banner or date above the first article)
    page_file = next(p for p in SAMPLES if split_page(load_page(p)).items[0].kind is Kind.FURNITURE)
    out = tmp_path / "shot.png"
    window = launch(["open", str(tmp_path / "shot.db"), "--screenshot", str(out), str(page_file)], show=False)
    try:
        page = window.doc.page
        assert page.items[0].kind is Kind.FURNITURE
        screenshot(window, str(out))
        assert out.stat().st_size > 0
        assert window.current_item == page.articles[0].id
        assert window.items.currentIndex().row() == page.items.index(page.articles[0])
        assert window.panel.heading.text().startswith(f"Item {page.items.index(page.articles[0]) + 1}")
        # and so does the window, opening the page with no item remembered
        window.session.current_item = None
        window.session.show(window.doc)
        assert window.current_item == page.articles[0].id
    finally:
        close_window(window)
