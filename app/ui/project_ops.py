"""The window's project-level operations: open or switch project, one editing window per project (the
lock), import pages (a progress dialog on a worker), export, the quality report, and dropping files.

`ProjectMixin` is mixed into `MainWindow` (like `FixesMixin` and `SavingMixin`); it uses the window's
store, docks, panels and notices.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.errors import NewsdeskError
from . import dialogs
from .i18n import tr
from .import_dialog import ImportJob
from .import_dialog import summary as import_summary

REPORT_HEIGHT = 300


class ProjectMixin:
    # --- project, import -------------------------------------------------------------------------
    def on_open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open project"), "", tr("Newsdesk projects (*.db)"))
        if path:
            self.switch_project(path)

    def switch_project(self, path: str) -> None:
        from ..store.db import Store

        if not self.maybe_save():
            return
        try:
            store = Store(path)
        except NewsdeskError as e:
            dialogs.show_error(self, e)
            return
        for doc in self.docs.values():
            self.undo_group.removeStack(doc.stack)
            doc.deleteLater()
        self.docs.clear()
        self.doc = None
        self.store.close()
        self.release_lock()
        self.store = store
        self.lock_project()
        self.search.store = store
        self.report.store = store
        self.report.show_result(None)
        self.pages.model.set_store(store)
        self.restore_journal()
        self.open_last()

    # --- one editing window per project ---------------------------------------------------------------
    def lock_project(self) -> None:
        """Take the project's lock; if another window or app instance holds it, open read-only and say so
        (with a way to pick another project)."""
        from .project_lock import take_lock

        self.project_lock, holder = take_lock(self.store.path)
        self.read_only = holder is not None
        if self.project_lock is not None:
            self.store.on_close(self.project_lock.unlock)  # whoever closes the project lets it go
        if holder is None:
            return
        self.store.set_read_only()
        text = tr("{name} is open in another Newsdesk window (process {pid} on {host}). It is open here "
                  "read-only: you can read, search and export it, but not save.").format(
            name=Path(self.store.path).name, pid=holder.pid, host=holder.hostname or "?")
        self.show_notice(text)
        box = QMessageBox(QMessageBox.Icon.Information, tr("Newsdesk"), text, parent=self)
        box.setObjectName("project_in_use")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton(tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
        other = box.addButton(tr("Open another project…"), QMessageBox.ButtonRole.ActionRole)
        other.clicked.connect(lambda: QTimer.singleShot(0, self.on_open_project))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(box.deleteLater)
        self.project_box = box
        QTimer.singleShot(0, box.open)  # once the window is up

    def release_lock(self) -> None:
        if self.project_lock is not None:
            self.project_lock.unlock()
            self.project_lock = None

    def on_import_pages(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Import pages"), "", tr("Page texts (*.txt)"))
        if paths:
            self.import_paths(paths)

    def on_import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("Import a folder of pages"))
        if path:
            self.import_paths([path])

    def import_paths(self, paths: list[str], open_first: bool = True,
                     done: Callable[[list[int]], None] | None = None) -> ImportJob | None:
        """Import page files and folders through the project importer on a worker (a progress dialog,
        cancellable), then list them and open the first one; bad files are listed in one dialog."""
        if self.read_only:
            self.show_notice(tr("This project is open read-only: importing is off."))
            return None
        self.statusBar().showMessage(tr("Importing {n} path(s)…").format(n=len(paths)))
        job = ImportJob(self, self.store, paths)
        self.import_job = job

        def finished(report: Any) -> None:
            ids = list(dict.fromkeys(report.page_ids)) if report is not None else []
            self.pages.refresh(self.doc.page_id if self.doc else None)
            if report is not None:
                self.panel.set_known_tags(self.store.all_tags())
                self.show_notice(import_summary(report))
            if ids and open_first:
                self.open_page(ids[0])
            if done is not None:
                done(ids)

        job.finished.connect(finished)
        job.start()
        return job

    # --- export, quality report ------------------------------------------------------------------
    def on_export(self) -> None:
        """File > Export…: the options of `newsdesk export` in a window-modal dialog."""
        from .export_dialog import ExportDialog

        if self.doc is not None and self.doc.dirty:
            self.save()  # export what the editor sees
        dialog = ExportDialog(self.store, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def on_quality_report(self) -> None:
        """Page > Quality report: show the report tab and recompute it."""
        self.docks["report"].show()
        self.docks["report"].raise_()
        if self.docks["report"].height() < REPORT_HEIGHT:  # room for the measures without scrolling
            self.resizeDocks([self.docks["report"]], [REPORT_HEIGHT], Qt.Orientation.Vertical)
        self.report.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.import_paths(paths)
            event.acceptProposedAction()

