"""Saving: Ctrl+S, the journal of unsaved edits (written within a second of each command), the window
state (page and item the editor left), and the question asked before quitting with unsaved pages.

`Saving` writes through `Store.save_page` and `Store.journal_write`; `saved(PageDoc)` tells the window a
page reached the project file (the page list, the tag completion and the report follow it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.errors import NewsdeskError
from ..core.status import Status
from . import dialogs
from .commands import PageCommand, PageDoc, label
from .i18n import tr
from .session import Session

log = logging.getLogger(__name__)
JOURNAL_DELAY_MS = 1000  # an edit reaches the journal within a second: a crash loses at most that
LAST_PAGE, LAST_ITEM = "last_page", "last_item"  # the window state's keys in the project


class Saving(QObject):
    saved = Signal(object)  # PageDoc

    def __init__(self, session: Session, notify: Callable[[str], None], window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.notify = notify
        self.window = window
        self._journal_due: set[int] = set()
        self.journal_timer = QTimer(self, singleShot=True, interval=JOURNAL_DELAY_MS)
        self.journal_timer.timeout.connect(self.flush_journal)
        self.state_timer = QTimer(self, singleShot=True, interval=JOURNAL_DELAY_MS)
        self.state_timer.timeout.connect(self.save_state)
        session.docEdited.connect(self._schedule_journal)
        session.itemSelected.connect(lambda _item, _scroll: self.state_timer.start())

    # --- saving ----------------------------------------------------------------------------------
    def save(self, status: Status | None = None, doc: PageDoc | None = None) -> bool:
        """Save a page (the open one by default): items, metadata, status; mark its undo stack clean."""
        doc = doc or self.session.doc
        if doc is None:
            return False
        if status is None and doc.status is Status.TODO and (doc.dirty or doc.page.items != doc.auto.items):
            status = Status.IN_PROGRESS
        self.session.remember_records(doc)  # saved right after it opened: its records are not computed again
        try:
            self.session.store.save_page(doc.page_id, doc.page, status, summary=doc.stack.undoText())
        except NewsdeskError as e:
            dialogs.show_error(self.window, e)
            return False
        if status:
            doc.status = status
        doc.stack.setClean()
        self._journal_due.discard(doc.page_id)
        self.saved.emit(doc)
        self.session.stateChanged.emit()
        self.save_state()
        return True

    def save_current(self) -> None:
        """File > Save."""
        self.save()

    # --- the journal -----------------------------------------------------------------------------
    def _schedule_journal(self, doc: PageDoc) -> None:
        if self.session.read_only:  # the window that holds the project keeps its own journal
            return
        self._journal_due.add(doc.page_id)
        if not self.journal_timer.isActive():
            self.journal_timer.start()

    def flush_journal(self) -> None:
        """Write every page with unsaved commands to the journal (clear it for pages back at clean)."""
        due, self._journal_due = self._journal_due, set()
        for page_id in due:
            doc = self.session.docs.get(page_id)
            if doc is None:
                continue
            try:
                if doc.dirty:
                    self.session.store.journal_write(page_id, doc.page)
                else:
                    self.session.store.journal_clear(page_id)
            except NewsdeskError as e:
                self.notify(dialogs.error_text(e))
        self.save_state()

    def restore_journal(self) -> list[int]:
        """Bring back the edits a crash left unsaved, as one undoable command per page; says so."""
        from ..core.changes import between

        restored: list[int] = []
        session = self.session
        if session.read_only:  # that journal belongs to the window editing the project
            return restored
        for page_id, page in session.store.journal_pending():
            try:
                doc = session.load_doc(page_id)
            except NewsdeskError:
                continue
            if page != doc.page:
                doc.stack.push(PageCommand(doc, label("restore"), between(doc.page, page)))
                restored.append(page_id)
        if restored:
            names = ", ".join(session.docs[i].page.name for i in restored)
            self.notify(tr("Restored unsaved edits of {n} page(s) from the journal: {names}. "
                           "Save to keep them.").format(n=len(restored), names=names))
        return restored

    # --- where the editor left off ---------------------------------------------------------------
    def save_state(self) -> None:
        session = self.session
        if session.doc is None or session.read_only:
            return
        try:
            if session.store.get_state(LAST_PAGE) != session.doc.page_id:
                session.store.set_state(LAST_PAGE, session.doc.page_id)
            if session.store.get_state(LAST_ITEM) != session.current_item:
                session.store.set_state(LAST_ITEM, session.current_item)
        except NewsdeskError:
            log.warning("could not save the window state", exc_info=True)

    def last_place(self) -> tuple[int | None, int | None]:
        """The page and item the editor left (None, None in a new project)."""
        store = self.session.store
        page_id = store.get_state(LAST_PAGE)
        return page_id, store.get_state(LAST_ITEM) if page_id is not None else None

    # --- closing ---------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask about unsaved pages; False if the user cancels."""
        dirty = self.session.dirty_docs()
        if not dirty:
            return True
        answer = dialogs.ask_save(self.window)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            for doc in dirty:
                if not self.save(doc=doc):
                    return False
        else:
            for doc in dirty:
                self.session.store.journal_clear(doc.page_id)
                doc.stack.setClean()
        return True

    def closing(self) -> bool:
        """The window is about to close: ask about unsaved pages, then keep the window state. False: stay."""
        if not self.maybe_save():
            return False
        self.journal_timer.stop()
        self.flush_journal()  # an edit undone just now leaves no journal entry to bring it back next time
        self.state_timer.stop()
        self.save_state()
        return True
