"""Going through the pages: open one, the next to review, the previous; mark done; review statuses.

`Review` opens pages into the session (saving the page left if it changed), reopens the page and item
the editor left, and sets the review status of the selected pages as one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ..core.errors import NewsdeskError
from ..core.status import Status
from . import dialogs
from .commands import Said, StatusCommand, label
from .i18n import tr
from .models import STATUSES, status_text
from .pages_panel import PagesPanel
from .saving import Saving
from .session import Session


class Review(QObject):
    def __init__(self, session: Session, pages: PagesPanel, saving: Saving, notify: Callable[[str], None],
                 window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.pages = pages
        self.saving = saving
        self.notify = notify
        self.window = window
        session.pageShownBeside.connect(self._page_shown)  # the page list marks it a turn after its text shows

    # --- opening pages ---------------------------------------------------------------------------
    def open_page(self, page_id: int | None, item_id: int | None = None) -> None:
        """Show a page (saving the one open before, if it changed) and select an item of it."""
        session = self.session
        if page_id is None:
            return
        if session.doc is not None and session.doc.page_id == page_id:
            if item_id is not None:
                session.select(item_id)
            return
        if session.doc is not None and session.doc.dirty:
            self.saving.save()
        try:
            doc = session.load_doc(page_id)
        except NewsdeskError as e:
            dialogs.show_error(self.window, e)
            return
        session.show(doc, item_id)

    def _page_shown(self) -> None:
        if self.session.doc is not None:
            self.pages.show_current(self.session.doc.page_id)

    def open_last(self, say_empty: bool = True) -> None:
        """Open the page and item the editor left (or the first page). An empty project says how to add
        pages, unless `say_empty` is False (pages are being imported already)."""
        store = self.session.store
        page_id, item_id = self.saving.last_place()
        if not self.pages.model.loaded:  # the list reads the project's pages once, as the window opens
            self.pages.refresh()
        model = self.pages.model
        if model.status_filter is None:
            listed = model.row_of(page_id) >= 0 if page_id is not None else False
            first = model.page_id(0) if model.rowCount() else None
        else:
            ids = store.list_page_ids()
            listed, first = page_id in ids, ids[0] if ids else None
        if not listed:
            page_id, item_id = first, None
        if page_id is None:
            if say_empty:
                self.notify(tr("This project has no pages yet: import page files (File > Import pages) "
                               "or drop them on the window."))
            return
        self.open_page(page_id, item_id)

    def open_hit(self, page_id: int, item_id: int | None) -> None:
        """A search result: its page, its item."""
        self.open_page(page_id, item_id)
        if item_id is not None:
            self.session.select(item_id)

    def next_page(self) -> None:
        doc = self.session.doc
        page_id = self.session.store.next_page_to_review(doc.page_id if doc else None)
        if page_id is None:
            self.notify(tr("Every page is done."))
            return
        self.open_page(page_id)

    def previous_page(self) -> None:
        if self.session.doc is None:
            return
        row = self.pages.model.row_of(self.session.doc.page_id)
        if row > 0:
            self.open_page(self.pages.model.page_id(row - 1))

    def mark_done(self) -> None:
        """Save the page as done and open the next page to review."""
        if self.session.doc is not None and self.saving.save(Status.DONE):
            self.next_page()

    # --- statuses --------------------------------------------------------------------------------
    def ask_status(self) -> None:
        """Page > Set status of selected pages…"""
        dialogs.ask_choice(self.window, tr("Set status"), tr("Status of every selected page:"),
                           [status_text(s) for s in STATUSES], lambda i: self.set_pages_status(STATUSES[i]))

    def set_pages_status(self, status: Status) -> None:
        """Set the status of the selected pages (or the open one) as one undoable step on the open
        page's stack; the statuses reach the project file at once, in one transaction."""
        doc = self.session.doc
        ids = self.pages.selected_page_ids() or ([doc.page_id] if doc else [])
        if not ids:
            return
        after = dict.fromkeys(ids, Status(status))
        try:
            before = {r.id: Status(r.status) for r in self.session.store.page_rows(ids)}
            self.session.store.set_statuses(after)
        except NewsdeskError as e:
            dialogs.show_error(self.window, e)
            return
        self._statuses_applied(after)
        if doc is not None:
            stack = doc.stack
            was_clean = stack.isClean()
            text = Said(lambda: f"{label('status')}: {status_text(status)} ({len(ids)})")
            stack.push(StatusCommand(text, before, after, self.apply_statuses))
            if was_clean:  # the statuses are saved already: the page is no more "unsaved" than before
                stack.setClean()

    def apply_statuses(self, statuses: dict[int, Status]) -> None:
        """Write page statuses (undo/redo of a StatusCommand); an error is shown, not raised."""
        try:
            self.session.store.set_statuses(statuses)
        except NewsdeskError as e:
            self.notify(dialogs.error_text(e))
            return
        self._statuses_applied(statuses)

    def _statuses_applied(self, statuses: dict[int, Status]) -> None:
        for page_id, status in statuses.items():
            if page_id in self.session.docs:
                self.session.docs[page_id].status = status
        self.pages.refresh(self.session.doc.page_id if self.session.doc else None)
        self.session.stateChanged.emit()
