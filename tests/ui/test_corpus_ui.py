"""The corpus in the app: import with progress and cancel, export, the quality report, a project open twice,
status of several pages as one undoable step."""

from __future__ import annotations

import multiprocessing
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton
from uihelp import SAMPLES, show_history

from app.cli import cli
from app.core.batch import POOL_MIN_PAGES
from app.core.export import CORPUS_KINDS
from app.store.db import Store
from app.ui import import_dialog, tasks
from app.ui.actions import Act

LONG_WAIT_S = 300  # a guard against a hung import, not a measure: a busy machine may take minutes


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
                    and tasks.pending_tasks() == 0, timeout=LONG_WAIT_S * 1000)


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


def test_import_shows_progress_and_cancel_leaves_whole_pages(qtbot, window, tmp_path, monkeypatch,  # noqa: ANN001
                                                             request) -> None:
    monkeypatch.setattr(import_dialog, "PROGRESS_DELAY_MS", 0)
    count = POOL_MIN_PAGES + 8  # a batch large enough for worker processes
    folder = tmp_path / "many"
    write_pages(folder, count)
    # The real import, held after its second page until Cancel has been clicked: what Cancel leaves is the
    # same however busy the machine is (without the hold, a fast import may be over before the click).
    held = threading.Event()
    request.addfinalizer(held.set)  # a failing check never leaves the import held
    real_import = import_dialog.import_paths

    def held_after_two_pages(store, paths, progress=None, **kwargs):  # noqa: ANN001, ANN202
        seen = []

        def step(n: int) -> None:
            progress(n)
            seen.append(n)
            if len(seen) == 2:
                held.wait(LONG_WAIT_S)

        return real_import(store, paths, progress=step, **kwargs)

    monkeypatch.setattr(import_dialog, "import_paths", held_after_two_pages)
    job = window.import_paths([str(folder)])
    progress = job.progress
    assert isinstance(progress, QProgressDialog)
    qtbot.waitUntil(lambda: job.total == count and job.done == 2, timeout=LONG_WAIT_S * 1000)
    qtbot.waitUntil(progress.isVisible, timeout=LONG_WAIT_S * 1000)
    assert progress.maximum() == count and progress.value() == 2
    # a batch this large is split in worker processes, spawned (a GUI process must not fork)
    workers = multiprocessing.active_children()
    assert workers and all(type(p).__name__ == "SpawnProcess" for p in workers)
    assert progress.labelText() == f"Importing pages: 2 of {count}"
    cancel = progress.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert job.cancelled and progress.labelText() == "Cancelling…"
    held.set()
    wait_import(qtbot, window)
    report = job.report
    assert report.cancelled
    assert report.new == 2  # the pages split before Cancel, and no other
    assert "Cancelled" in window.notice.text()
    with Store(window.store.path) as other:  # what another program sees: whole pages, nothing half-written
        rows = other.list_pages()
        assert len(rows) == 2 + report.new
        for row in rows:
            page = other.load_page(row.id)
            assert page.items and row.item_count > 0
    assert window.pages.model.rowCount() == 2 + report.new
    # importing again finishes the job: the pages already in are unchanged, the rest are new
    monkeypatch.setattr(import_dialog, "import_paths", real_import)
    again = window.import_paths([str(folder)])
    wait_import(qtbot, window)
    assert (again.report.same, again.report.new) == (report.new, count - report.new)
    assert window.pages.model.rowCount() == 2 + count


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


# --- export ------------------------------------------------------------------------------------------
def open_export(qtbot, window):  # noqa: ANN001, ANN201
    window.actions[Act.EXPORT].trigger()
    dialog = window.export_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def run_cli(*args: object) -> int:
    from click.testing import CliRunner

    return CliRunner().invoke(cli, [str(a) for a in args]).exit_code


def run_export(qtbot, dialog) -> None:  # noqa: ANN001
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running and tasks.pending_tasks() == 0, timeout=20000)


def test_export_dialog_writes_what_the_cli_writes(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    dialog = open_export(qtbot, window)
    store = window.store
    corpus = store.count_records(kind=CORPUS_KINDS)  # the default: articles, notices and ads
    assert dialog.kind.currentText() == "Articles, notices and ads"
    assert dialog.count.text() == f"{corpus} item(s) match these filters."
    dialog.kind.setCurrentIndex(dialog.kind.findData("furniture"))
    furniture = store.count_records(kind="furniture")
    assert 0 < furniture and corpus + furniture == store.count_records()
    assert dialog.count.text() == f"{furniture} item(s) match these filters."
    dialog.kind.setCurrentIndex(dialog.kind.findText("Every kind, furniture too"))
    assert dialog.count.text() == f"{corpus + furniture} item(s) match these filters."
    dialog.kind.setCurrentIndex(0)
    dialog.pattern.setText(SAMPLES[0].stem[:5] + "*")
    one_page = store.count_records(name_like=SAMPLES[0].stem[:5] + "*", kind=CORPUS_KINDS)
    qtbot.waitUntil(lambda: dialog.count.text() == f"{one_page} item(s) match these filters.", timeout=2000)
    assert dialog.tag.completer().model().stringList() == store.all_tags()
    out = tmp_path / "corpus.jsonl"
    qtbot.keyClicks(dialog.out, str(out))
    run_export(qtbot, dialog)
    assert dialog.written == one_page
    assert dialog.progress.value() == dialog.progress.maximum()
    assert f"Wrote {one_page} item(s)" in dialog.message.text()
    expected = tmp_path / "cli.jsonl"
    assert run_cli("export", "--db", store.path, "--page", SAMPLES[0].stem[:5] + "*", "--out", expected) == 0
    assert out.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")


def test_export_to_a_txt_folder_and_csv(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    import csv

    dialog = open_export(qtbot, window)
    total = window.store.count_records(kind=CORPUS_KINDS)
    dialog.format.setCurrentIndex(dialog.format.findData("txt"))
    dialog.out.setText(str(tmp_path / "txt"))
    run_export(qtbot, dialog)
    assert dialog.written == total == len(list((tmp_path / "txt").glob("*.txt")))
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.out.setText(str(tmp_path / "items.csv"))
    run_export(qtbot, dialog)
    with open(tmp_path / "items.csv", encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) == total + 1


def test_export_errors_are_one_clear_message(qtbot, window, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    dialog = open_export(qtbot, window)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    box = dialog.findChild(QMessageBox, "error_box")
    assert box is not None and "Choose where to write" in box.text()
    box.accept()
    box.setParent(None)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if pyarrow were not installed
    dialog.format.setCurrentIndex(dialog.format.findData("parquet"))
    dialog.out.setText(str(tmp_path / "items.parquet"))
    run_export(qtbot, dialog)
    box = dialog.findChild(QMessageBox, "error_box")
    assert box is not None and box.isVisible()
    assert box.text() == "Parquet export needs pyarrow: pip install 'newsdesk[parquet]'"
    assert dialog.written is None


def test_export_to_parquet(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    pq = pytest.importorskip("pyarrow.parquet")
    dialog = open_export(qtbot, window)
    dialog.format.setCurrentIndex(dialog.format.findData("parquet"))
    dialog.status.setCurrentIndex(dialog.status.findData("todo"))
    dialog.out.setText(str(tmp_path / "items.parquet"))
    run_export(qtbot, dialog)
    assert pq.read_table(tmp_path / "items.parquet").num_rows == \
        window.store.count_records(status="todo", kind=CORPUS_KINDS)


# --- quality report ----------------------------------------------------------------------------------
def test_quality_report_shows_the_cli_figures_for_done_pages(qtbot, window) -> None:  # noqa: ANN001
    from app.core.evaluation import quality_report

    window.actions[Act.QUALITY_REPORT].trigger()
    qtbot.waitUntil(lambda: window.report.result is not None, timeout=10000)
    assert window.report.summary.text() == "No page is marked done yet: nothing to compare."
    assert window.report.measures.rowCount() == 0  # no zeros that would read as a split that found nothing
    window.actions[Act.DELETE_ITEM].trigger()  # an editor's fix, then mark the page done
    window.actions[Act.MARK_DONE].trigger()
    window.actions[Act.QUALITY_REPORT].trigger()
    qtbot.waitUntil(lambda: window.report.result is not None and window.report.result["pages"] == 1
                    and tasks.pending_tasks() == 0, timeout=10000)
    expected = quality_report(window.store.done_pages())
    assert window.report.summary.text().startswith("1 page(s) marked done")
    table = window.report.measures
    shown = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert shown["Articles recovered: F1"] == f"{expected['article_f1']:.3f}"
    assert shown["Items of the automatic split"] == str(expected["pred_items"])
    fixes = window.report.fixes
    assert fixes.rowCount() == len(expected["fixes"]) >= 1
    assert window.docks["report"].isVisible()


# --- one project, two windows ------------------------------------------------------------------------
def integrity(path: Path) -> str:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return conn.execute("pragma integrity_check").fetchone()[0]


def test_a_second_window_on_the_project_is_read_only_and_told_so(qtbot, project) -> None:  # noqa: ANN001
    from uihelp import close_window, open_window

    window = open_window(qtbot)
    assert not window.read_only and Path(f"{project}.lock").exists()
    second = open_window(qtbot)
    try:
        assert second.read_only
        qtbot.waitUntil(lambda: second.project_box is not None and second.project_box.isVisible(), timeout=2000)
        box = second.project_box
        assert "open in another Newsdesk window" in box.text() and "read-only" in box.text()
        assert {b.text() for b in box.buttons()} == {"Open read-only", "Open another project…"}
        assert "read-only" in second.notice.text()
        assert second.status_state.text() == "Read-only"
        box.accept()
        # the second window takes no edit (its editing actions are off): nothing to save, nothing lost
        assert not second.actions[Act.DELETE_ITEM].isEnabled() and not second.actions[Act.SAVE].isEnabled()
        second.actions[Act.DELETE_ITEM].trigger()
        assert not second.doc.dirty
        assert window.store.load_page(second.doc.page_id) == second.doc.auto
        # the first window saves as before
        window.actions[Act.DELETE_ITEM].trigger()
        assert window.save("done")
        assert window.store.page_status(window.doc.page_id) == "done"
        # the read-only window can still search and export
        second.search.query.setText("荆州")
        second.search.run()
        assert second.search.model.rowCount() > 0
        assert integrity(project) == "ok"
    finally:
        close_window(second)
        close_window(window)
    # once the editing window has closed, the next one edits
    third = open_window(qtbot)
    try:
        assert not third.read_only
    finally:
        close_window(third)


def test_a_project_held_by_another_process_opens_read_only_until_that_process_dies(qtbot, project) -> None:  # noqa: ANN001
    import subprocess

    from uihelp import close_window, open_window

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom PySide6.QtCore import QLockFile\n"
         f"lock = QLockFile({str(project) + '.lock'!r})\nprint(lock.tryLock(0), flush=True)\nsys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        window = open_window(qtbot)
        try:
            assert window.read_only
            assert f"process {holder.pid}" in window.notice.text()
        finally:
            close_window(window)
    finally:
        holder.kill()
        holder.wait()
    window = open_window(qtbot)  # the lock of a dead process is stale: taken over
    try:
        assert not window.read_only
        assert window.save("in_progress")
    finally:
        close_window(window)
    assert integrity(project) == "ok"


# --- status of several pages -------------------------------------------------------------------------
def test_status_of_several_pages_is_one_undoable_step(qtbot, window) -> None:  # noqa: ANN001
    from test_features import answer_dialog
    from uihelp import press

    store = window.store
    first, second = store.list_page_ids()
    store.set_status(second, "in_progress")
    window.pages.refresh(window.doc.page_id)
    view = window.pages.view
    view.selectAll()
    press(window, Act.BULK_STATUS, target=view)
    answer_dialog(qtbot, window, "Done")
    assert {r.status for r in store.list_pages()} == {"done"}
    assert window.pages.model.index(1, 1).data() == "Done"
    assert window.undo_action.text() == "Undo Set page status: Done (2)"
    assert not window.doc.dirty  # the statuses are in the file already
    press(window, window.undo_action, target=view)
    assert [store.page_status(i) for i in (first, second)] == ["todo", "in_progress"]
    assert window.pages.model.index(1, 1).data() == "In progress"
    assert window.doc.status == store.page_status(window.doc.page_id)
    press(window, window.redo_action, target=view)
    assert [store.page_status(i) for i in (first, second)] == ["done", "done"]
    show_history(qtbot, window)
    assert window.history.model().rowCount() == 2  # "<saved>" and the one step


def test_the_lazy_page_list_passes_the_model_tester(qtbot, qtmodeltester, window) -> None:  # noqa: ANN001
    model = window.pages.model
    qtmodeltester.check(model)
    window.store.set_status(model.page_id(0), "done")
    model.refresh()
    assert model.index(0, 1).data() == "Done"
    window.pages.filter.setCurrentIndex(window.pages.filter.findData("done"))
    assert model.rowCount() == 1
    qtmodeltester.check(model)
    window.pages.filter.setCurrentIndex(0)
    assert model.rowCount() == 2
    qtmodeltester.check(model)
