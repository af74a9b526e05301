"""Saving: Ctrl+S, the journal of unsaved edits (written within a second of each command), the window
state (page and item the editor left), and the quit question. Part of `MainWindow`.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox

from ..core.errors import NewsdeskError
from . import dialogs
from .commands import PageCommand, PageDoc, label
from .i18n import tr

log = logging.getLogger(__name__)


class SavingMixin:
    """Saving and restoring of the main window's pages."""

    # --- saving, journal, state ------------------------------------------------------------------
    def save(self, status: str | None = None, doc: PageDoc | None = None) -> bool:
        """Save a page (the open one by default): items, metadata, status; mark its undo stack clean."""
        doc = doc or self.doc
        if doc is None:
            return False
        if status is None and doc.status == "todo" and (doc.dirty or doc.page.items != doc.auto.items):
            status = "in_progress"
        try:
            self.store.save_page(doc.page_id, doc.page, status, summary=doc.stack.undoText())
        except NewsdeskError as e:
            dialogs.show_error(self, e)
            return False
        if status:
            doc.status = status
        doc.stack.setClean()
        self._journal_due.discard(doc.page_id)
        self.pages.refresh(self.doc.page_id if self.doc else None)
        self.panel.set_known_tags(self.store.all_tags())
        if self.report.isVisible():  # the report tab is in view: its figures follow the saved page
            self.report.refresh()
        self.statusBar().showMessage(tr("Saved {name}").format(name=doc.page.name), 4000)
        self._show_state()
        self.save_state()
        return True

    def on_save(self) -> None:
        self.save()

    def _schedule_journal(self, doc: PageDoc) -> None:
        if self.read_only:  # the window that holds the project keeps its own journal
            return
        self._journal_due.add(doc.page_id)
        if not self._journal_timer.isActive():
            self._journal_timer.start()

    def flush_journal(self) -> None:
        """Write every page with unsaved commands to the journal (clear it for pages back at clean)."""
        due, self._journal_due = self._journal_due, set()
        for page_id in due:
            doc = self.docs.get(page_id)
            if doc is None:
                continue
            try:
                if doc.dirty:
                    self.store.journal_write(page_id, doc.page)
                else:
                    self.store.journal_clear(page_id)
            except NewsdeskError as e:
                self.show_notice(dialogs.error_text(e))
        self.save_state()

    def restore_journal(self) -> list[int]:
        """Bring back the edits a crash left unsaved, as one undoable command per page; says so."""
        restored: list[int] = []
        if self.read_only:  # that journal belongs to the window editing the project
            return restored
        for page_id, page in self.store.journal_pending():
            try:
                doc = self._load_doc(page_id)
            except NewsdeskError:
                continue
            if page != doc.page:
                doc.stack.push(PageCommand(doc, label("restore"), doc.page, page, None))
                restored.append(page_id)
        if restored:
            names = ", ".join(self.docs[i].page.name for i in restored)
            self.show_notice(tr("Restored unsaved edits of {n} page(s) from the journal: {names}. "
                                "Save to keep them.").format(n=len(restored), names=names))
        return restored

    def save_state(self) -> None:
        if self.doc is None or self.read_only:
            return
        try:
            if self.store.get_state("last_page") != self.doc.page_id:
                self.store.set_state("last_page", self.doc.page_id)
            if self.store.get_state("last_item") != self.current_item:
                self.store.set_state("last_item", self.current_item)
        except NewsdeskError:
            log.warning("could not save the window state", exc_info=True)

    def open_last(self) -> None:
        """Open the page and item the editor left (or the first page)."""
        page_id = self.store.get_state("last_page")
        self.pages.refresh()
        model = self.pages.model
        if model.status_filter is None:
            listed = model.row_of(page_id) >= 0 if page_id is not None else False
            first = model.page_id(0) if model.rowCount() else None
        else:
            ids = self.store.list_page_ids()
            listed, first = page_id in ids, ids[0] if ids else None
        if not listed:
            page_id = first
        item_id = self.store.get_state("last_item") if page_id == self.store.get_state("last_page") else None
        self.panel.set_known_tags(self.store.all_tags())
        if page_id is None:
            self.show_notice(tr("This project has no pages yet: import page files (File > Import pages) "
                                "or drop them on the window."))
            return
        self.open_page(page_id, item_id)

    # --- closing ---------------------------------------------------------------------------------
    def dirty_docs(self) -> list[PageDoc]:
        return [d for d in self.docs.values() if d.dirty]

    def maybe_save(self) -> bool:
        """Ask about unsaved pages; False if the user cancels."""
        dirty = self.dirty_docs()
        if not dirty:
            return True
        answer = dialogs.ask_save(self)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            for doc in dirty:
                if not self.save(doc=doc):
                    return False
        else:
            for doc in dirty:
                self.store.journal_clear(doc.page_id)
                doc.stack.setClean()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._journal_timer.stop()
        self._state_timer.stop()
        self.save_state()
        if self.import_job is not None:  # pages split so far are written; the rest are left out
            self.import_job.cancelled = True
        self.release_lock()
        event.accept()

    def on_quit(self) -> None:
        self.close()
