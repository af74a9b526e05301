"""Importing page files in the app: the CLI's importer on a worker, a progress dialog, the bad files at the end.

`ImportJob` runs `app.store.importer.import_paths` (the code `newsdesk import` runs) as a background task
(`app.ui.tasks`: the project on a connection of its own, progress, cancel). A large batch is split in a process pool as on the command line,
but its processes are spawned, never forked from the Qt process (a fork copies Qt's threads' locks).
A `QProgressDialog` shows pages done / total; Cancel cancels the task (the importer's `should_stop`), so the pages
already split are written whole and the rest are left out. When it ends, `finished(report)` is emitted on
the main thread and, if some files could not be imported, one dialog lists them with their reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..core.loading import find_pages
from ..store.importer import ImportReport, import_paths
from . import dialogs
from .i18n import tr
from .tasks import Task, TaskContext

PROGRESS_DELAY_MS = 400  # a quick import (a few pages) finishes before the dialog would show
JOBS = 0  # worker processes: 0 = as `newsdesk import` (all cores for a large batch, none for a few pages)


class ImportJob(QObject):
    """One import into the project; `finished` carries the ImportReport (None on error)."""

    finished = Signal(object)

    def __init__(self, parent: QWidget, store: Any, paths: Sequence[str]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.store = store
        self.paths = [str(p) for p in paths]
        self.task: Task | None = None
        self.done = 0
        self.total = 0
        self.report: ImportReport | None = None
        self.problems_box: QMessageBox | None = None
        self.progress = QProgressDialog(parent)
        self.progress.setObjectName("import_progress")
        self.progress.setWindowTitle(tr("Import pages"))
        self.progress.setCancelButtonText(tr("Cancel"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setRange(0, 0)  # busy until the files are counted
        self.progress.canceled.connect(self.cancel)
        self._show_count()

    @property
    def cancelled(self) -> bool:
        return self.task is not None and self.task.cancelled

    # --- worker side (no widgets) ----------------------------------------------------------------
    def _work(self, context: TaskContext) -> ImportReport:
        todo = find_pages(self.paths)
        context.set_total(len(todo))
        return import_paths(context.store, [], jobs=JOBS, progress=context.step, page_paths=todo,
                            should_stop=lambda: context.cancelled, start_method="spawn")

    # --- main thread -----------------------------------------------------------------------------
    def start(self) -> None:
        task = self.task = Task(self._work, self.store, success=self._succeeded, failure=self._failed)
        task.totalKnown.connect(self._set_total)
        task.progressed.connect(self._step)
        task.start()

    def cancel(self) -> None:
        """Stop after the page being split; what was split so far is still imported."""
        if self.task is not None:
            self.task.cancel()
        self.progress.setLabelText(tr("Cancelling…"))

    def _set_total(self, total: int) -> None:
        self.total = total
        self.progress.setRange(0, max(total, 1))
        self._show_count()

    def _step(self, n: int) -> None:
        self.done += n
        if not self.cancelled:
            self.progress.setValue(min(self.done, self.progress.maximum()))
            self._show_count()

    def _show_count(self) -> None:
        if not self.cancelled:
            self.progress.setLabelText(tr("Importing pages: {done} of {total}").format(done=self.done,
                                                                                      total=self.total))

    def _close_progress(self) -> None:
        self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        dialogs.show_error(self.parent_widget, error)
        self.finished.emit(None)

    def _succeeded(self, report: ImportReport) -> None:
        self._close_progress()
        self.report = report
        if report.bad:
            self.problems_box = show_problems(self.parent_widget, report)
        self.finished.emit(report)


def summary(report: ImportReport) -> str:
    """One line for the notice: how many pages, cancelled or not, and the bad files in short."""
    n = report.new + report.version + report.same
    text = " ".join([*report.notes, tr("Imported {n} page(s).").format(n=n)])
    if report.version:
        text += " " + tr("{n} of them are new versions of pages already here.").format(n=report.version)
    if report.cancelled:
        text += " " + tr("Cancelled: the remaining files were not imported.")
    if report.bad:
        text += " " + tr("Could not import:") + " " + "; ".join(reason for _, reason in report.bad)
    return text


def show_problems(parent: QWidget, report: ImportReport) -> QMessageBox:
    """One window-modal dialog listing every file that could not be imported, with its reason."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Import pages"),
                      tr("{n} file(s) could not be imported; the others were.").format(n=len(report.bad)),
                      parent=parent)
    box.setObjectName("import_problems")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText("\n".join(reason for _, reason in report.bad))
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
