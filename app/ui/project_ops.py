"""The window's project-level operations: open or switch project, one editing window per project (the
lock), import pages (a progress dialog on a worker), export, the quality report, and dropped files.

`ProjectOps` declares what it works with: the session (the open project), saving (unsaved pages are asked
about before another project opens; the journal), review (which page to open) and the window's
notice. `projectChanged` tells the regions that read the project (page list, report) to follow.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from ..core.errors import NewsdeskError
from . import dialogs
from .i18n import tr
from .import_dialog import ImportJob
from .import_dialog import summary as import_summary
from .review import Review
from .saving import Saving
from .session import Session


class ProjectOps(QObject):
    projectChanged = Signal()  # the session holds another project
    imported = Signal(object)  # ImportReport, once an import is done (None after an error)

    def __init__(self, session: Session, saving: Saving, review: Review, notify: Callable[[str], None],
                 window: QMainWindow) -> None:
        super().__init__(window)
        self.session = session
        self.saving = saving
        self.review = review
        self.notify = notify
        self.window = window
        self.project_lock: Any = None
        self.project_box: QMessageBox | None = None
        self.import_job: ImportJob | None = None
        self.export_dialog: Any = None

    # --- opening a project -----------------------------------------------------------------------
    def open_project(self) -> None:
        """File > Open project…"""
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open project"), "", tr("Newsdesk projects (*.db)"))
        if path:
            self.switch_project(path)

    def switch_project(self, path: str) -> None:
        from ..store.db import Store

        if not self.saving.maybe_save():
            return
        try:
            store = Store(path, check=False)
        except NewsdeskError as e:
            dialogs.show_error(self.window, e)
            return
        self.session.close_all()
        self.session.store.close()
        self.release_lock()
        self.session.store = store
        self.lock_project()
        self.projectChanged.emit()
        self.saving.restore_journal()
        self.review.open_last()
        self.check_project()

    def check_project(self) -> None:
        """PRAGMA quick_check of the open project on a worker (a pass over the whole file, so not before
        the window is usable). A damaged file is said in one line and the window turns read-only: no
        save adds to the damage; export what can still be read, or restore a backup."""
        from ..core.errors import StoreError
        from .tasks import run_op

        store = self.session.store

        def damaged(problems: list[str]) -> None:
            if not problems or self.session.store is not store:
                return
            error = StoreError.said("{path}: the project file is damaged ({problem}); it is open read-only, "
                                    "restore it from a backup", path=store.path, problem="; ".join(problems))
            self.damage = str(error)
            if not self.session.read_only:
                self.session.read_only = True
                store.set_read_only()
            self.notify(dialogs.error_text(error))
            dialogs.show_error(self.window, error)

        self.damage: str | None = None
        self.check_task = run_op(lambda context: context.store.check(), store=store, success=damaged,
                                 failure=lambda e: damaged([str(e)]))

    # --- one editing window per project ----------------------------------------------------------
    def lock_project(self) -> None:
        """Take the project's lock; if another window or app instance holds it, open read-only and say so
        (with a way to pick another project)."""
        from .project_lock import take_lock

        store = self.session.store
        self.project_lock, holder = take_lock(store.path)
        self.session.read_only = holder is not None
        if self.project_lock is not None:
            store.on_close(self.project_lock.unlock)  # whoever closes the project lets it go
        if holder is None:
            return
        store.set_read_only()
        text = tr("{name} is open in another Newsdesk window (process {pid} on {host}). It is open here "
                  "read-only: you can read, search and export it, but not save.").format(
            name=Path(store.path).name, pid=holder.pid, host=holder.hostname or "?")
        self.notify(text)
        box = QMessageBox(QMessageBox.Icon.Information, tr("Newsdesk"), text, parent=self.window)
        box.setObjectName("project_in_use")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton(tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
        other = box.addButton(tr("Open another project…"), QMessageBox.ButtonRole.ActionRole)
        other.clicked.connect(lambda: QTimer.singleShot(0, self.open_project))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(box.deleteLater)
        self.project_box = box
        QTimer.singleShot(0, box.open)  # once the window is up

    def release_lock(self) -> None:
        if self.project_lock is not None:
            self.project_lock.unlock()
            self.project_lock = None

    # --- import ----------------------------------------------------------------------------------
    def import_pages(self) -> None:
        """File > Import pages…"""
        paths, _ = QFileDialog.getOpenFileNames(self.window, tr("Import pages"), "", tr("Page texts (*.txt)"))
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        """File > Import a folder…"""
        path = QFileDialog.getExistingDirectory(self.window, tr("Import a folder of pages"))
        if path:
            self.import_paths([path])

    def import_paths(self, paths: list[str], open_first: bool = True,
                     done: Callable[[list[int]], None] | None = None) -> ImportJob | None:
        """Import page files and folders through the project importer on a worker (a progress dialog,
        cancellable), then list them and open the first one; bad files are listed in one dialog."""
        if self.session.read_only:
            self.notify(tr("This project is open read-only: importing is off."))
            return None
        self.notify(tr("Importing {n} path(s)…").format(n=len(paths)))  # in place of any "no pages yet"
        job = ImportJob(self.window, self.session.store, paths)
        self.import_job = job

        def finished(report: Any) -> None:
            ids = list(dict.fromkeys(report.page_ids)) if report is not None else []
            self.imported.emit(report)
            if report is not None:
                self.notify(import_summary(report))
            if ids and open_first:
                self.review.open_page(ids[0])
            if done is not None:
                done(ids)

        job.finished.connect(finished)
        job.start()
        return job

    def drop(self, paths: list[str]) -> None:
        """Files dropped on the window are imported."""
        if paths:
            self.import_paths(paths)

    # --- export ----------------------------------------------------------------------------------
    def export(self) -> None:
        """File > Export…: the options of `newsdesk export` in a window-modal dialog."""
        from .export_dialog import ExportDialog

        doc = self.session.doc
        if doc is not None and doc.dirty:
            self.saving.save()  # export what the editor sees
        dialog = ExportDialog(self.session.store, self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()
