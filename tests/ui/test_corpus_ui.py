"""The corpus in the app: import with progress and cancel, export, the quality report, a project open twice,
status of several pages as one undoable step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton
from uihelp import SAMPLES

from app.store.db import Store
from app.ui import import_dialog, tasks


def write_pages(folder: Path, count: int) -> list[Path]:
    """`count` page files: the first sample page with a different issue line each."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLES[0].read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"page_{i:04d}.txt"
        path.write_text(text + f"\n第{i}期\n", encoding="utf-8")
        paths.append(path)
    return paths


def wait_import(qtbot, window) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.import_job is not None and window.import_job.report is not None
                    and tasks.pending_tasks() == 0, timeout=30000)


def drop(window, paths: list[Path]) -> None:  # noqa: ANN001
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


# --- import ------------------------------------------------------------------------------------------
def test_dropped_folder_imports_through_the_project_importer_and_lists_bad_files(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "drop"
    write_pages(folder, 3)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    drop(window, [folder])
    wait_import(qtbot, window)
    report = window.import_job.report
    assert (report.new, len(report.bad)) == (3, 2)
    box = window.import_job.problems_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "2 file(s) could not be imported" in box.text()
    listed = box.informativeText().splitlines()
    assert len(listed) == 2
    assert any("empty.txt" in line and "empty" in line.split("empty.txt", 1)[1] for line in listed)
    assert any("binary.txt" in line and "binary" in line.split("binary.txt", 1)[1] for line in listed)
    box.accept()
    names = {window.pages.model.page_row(r).name for r in range(window.pages.model.rowCount())}
    assert {f"page_{i:04d}.txt" for i in range(3)} <= names
    assert window.pages.model.rowCount() == 5
    assert window.doc.page.name == "page_0000.txt"  # the first imported page is open
    assert "Imported 3 page(s)." in window.notice.text()


def test_import_shows_progress_and_cancel_leaves_whole_pages(qtbot, window, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(import_dialog, "PROGRESS_DELAY_MS", 0)
    folder = tmp_path / "many"
    write_pages(folder, 150)
    job = window.import_paths([str(folder)])
    progress = job.progress
    assert isinstance(progress, QProgressDialog)
    qtbot.waitUntil(lambda: job.total == 150 and job.done >= 2, timeout=20000)
    qtbot.waitUntil(progress.isVisible, timeout=5000)
    assert progress.maximum() == 150
    assert f"of {job.total}" in progress.labelText()
    cancel = progress.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    wait_import(qtbot, window)
    report = job.report
    assert report.cancelled
    assert 0 < report.new < 150
    assert "Cancelled" in window.notice.text()
    with Store(window.store.path) as other:  # what another program sees: whole pages, nothing half-written
        rows = other.list_pages()
        assert len(rows) == 2 + report.new
        for row in rows:
            page = other.load_page(row.id)
            assert page.items and row.item_count > 0
    assert window.pages.model.rowCount() == 2 + report.new
    # importing again finishes the job: the pages already in are unchanged, the rest are new
    again = window.import_paths([str(folder)])
    wait_import(qtbot, window)
    assert (again.report.same, again.report.new) == (report.new, 150 - report.new)


def test_pages_given_on_the_command_line_use_the_same_import(qtbot, project, tmp_path) -> None:  # noqa: ANN001
    from uihelp import close_window, open_window

    paths = write_pages(tmp_path / "cli", 2)
    window = open_window(qtbot, [str(paths[0].parent)])
    try:
        wait_import(qtbot, window)
        assert window.import_job.report.new == 2
        assert window.doc.page.name == "page_0000.txt"
    finally:
        close_window(window)
