"""Importing page files in the app: the CLI's importer on a worker, a progress dialog, the bad files at the end.

`ImportJob` runs `app.store.importer.import_paths` (the code `newsdesk import` runs) on a worker thread
with its own connection to the project. A large batch is split in a process pool as on the command line,
but its processes are spawned, never forked from the Qt process (a fork copies Qt's threads' locks).
A `QProgressDialog` shows pages done / total; Cancel sets the importer's `should_stop`, so the pages
already split are written whole and the rest are left out. When it ends, `finished(report)` is emitted on
the main thread and, if some files could not be imported, one dialog lists them with their reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..core.loading import iter_page_paths
from ..store.db import Store
from ..store.importer import ImportReport, import_paths
from . import dialogs
from .i18n import tr
from .tasks import run_task

PROGRESS_DELAY_MS = 400  # a quick import (a few pages) finishes before the dialog would show
JOBS = 0  # worker processes: 0 = as `newsdesk import` (all cores for a large batch, none for a few pages)


class _Relay(QObject):
    """Created on the main thread; the worker emits, the slots run on the main thread (queued)."""

    total = Signal(int)
    step = Signal(int)


class ImportJob(QObject):
    """One import into the project at `store_path`; `finished` carries the ImportReport (None on error)."""

    finished = Signal(object)

    def __init__(self, parent: QWidget, store: Any, paths: Sequence[str]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.store = store
        self.paths = [str(p) for p in paths]
        self.cancelled = False
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
        self._relay = _Relay(self)
        self._relay.total.connect(self._set_total)
        self._relay.step.connect(self._step)
        self._show_count()

    # --- worker side (no widgets) ----------------------------------------------------------------
    def _work(self) -> ImportReport:
        todo = list(iter_page_paths(self.paths))
        self._relay.total.emit(len(todo))
        path = self.store.path
        own = path != ":memory:"
        store = Store(path) if own else self.store  # a connection of its own: the window keeps working
        try:
            return import_paths(store, [], jobs=JOBS, progress=self._relay.step.emit, page_paths=todo,
                                should_stop=lambda: self.cancelled, start_method="spawn")
        finally:
            if own:
                store.close()

    # --- main thread -----------------------------------------------------------------------------
    def start(self) -> None:
        run_task(self._work, self._finish)

    def cancel(self) -> None:
        """Stop after the page being split; what was split so far is still imported."""
        self.cancelled = True
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

    def _finish(self, result: Any = None, error: BaseException | None = None) -> None:
        self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()
        if error is not None:
            dialogs.show_error(self.parent_widget, error)
            self.finished.emit(None)
            return
        self.report = result
        if result.bad:
            self.problems_box = show_problems(self.parent_widget, result)
        self.finished.emit(result)


def summary(report: ImportReport) -> str:
    """One line for the notice: how many pages, cancelled or not, and the bad files in short."""
    n = report.new + report.version + report.same
    text = tr("Imported {n} page(s).").format(n=n)
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
