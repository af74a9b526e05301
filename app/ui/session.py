"""What the window has open: the project, its open pages, the page shown and its current item.

`Session` is the state the window's regions share. It holds the project (`store`), the pages opened so far
(`PageDoc`s, each with its own undo stack, all in one `QUndoGroup`), the page shown (`doc`) and the item
selected on it (`current_item`). The regions read it and follow its signals instead of each other:

- `pageShown()`: another page is shown (or none); followed by `itemSelected`. The source shows it at once;
- `pageShownBeside()`: the same page for the panes beside the source (the items list, the article view and
  the item editor, and the source's role gutter, the status bar and the window title), sent on the event
  loop's next turn, once the window has painted the page text, so that a page's text shows in about the
  time Qt takes to show a plain text. Until then `beside_pending`
  is True and those panes leave `itemSelected` to it (they show the current item when it comes); an edit,
  or anything that reads those panes, has it sent at once first (`show_beside`);
- `pageEdited(ItemChanges)`: a command changed the page shown; followed by `itemSelected`;
- `itemSelected(item_id, scroll)`: the current item (None: none), and whether the source scrolls to it;
- `docEdited(PageDoc)`: a command ran on any open page (the journal listens);
- `stateChanged()`: the saved/unsaved state, the status or the read-only mark changed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QUndoGroup

from ..core.changes import ItemChanges
from ..core.errors import NewsdeskError
from ..core.metadata import remember
from ..core.page import Kind, Page
from .commands import PageDoc

BESIDE_EVENT = QEvent.Type(QEvent.registerEventType())  # the posted event that sends `pageShownBeside`


def first_article(items: Iterable[tuple[int, Kind]]) -> int | None:
    """The item a page opens on, of its items' (id, kind) (`PageDoc.item_kinds`): its first article, not the
    banner or date above it (furniture), unless the page holds nothing else."""
    items = list(items)
    articles = [i for i, kind in items if kind is not Kind.FURNITURE] or [i for i, _ in items]
    return articles[0] if articles else None


class Session(QObject):
    pageShown = Signal()
    pageShownBeside = Signal()
    pageEdited = Signal(object)  # ItemChanges
    itemSelected = Signal(object, bool)  # item id or None, scroll the source to it
    docEdited = Signal(object)  # PageDoc
    stateChanged = Signal()

    def __init__(self, store: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._read_only = False
        self.docs: dict[int, PageDoc] = {}
        self.doc: PageDoc | None = None
        self.current_item: int | None = None
        self.beside_pending = False  # a page was shown: the panes beside the source are shown it next turn
        self._beside_posted = False
        self._records_due: dict[int, PageDoc] = {}  # pages whose saved records are not read yet
        self._summaries_due: set[int] = set()  # pages read without a summary: it is written once shown
        self.undo_group = QUndoGroup(self)
        self.undo_group.cleanChanged.connect(lambda _clean: self.stateChanged.emit())

    @property
    def read_only(self) -> bool:
        """The project is open read-only here (another window edits it, or the file is damaged): no edit
        is taken, so no page turns unsaved."""
        return self._read_only

    @read_only.setter
    def read_only(self, value: bool) -> None:
        if value != self._read_only:
            self._read_only = value
            self.stateChanged.emit()

    # --- pages -----------------------------------------------------------------------------------
    def load_doc(self, page_id: int) -> PageDoc:
        """The open page `page_id`, loaded from the project the first time (raises NewsdeskError)."""
        doc = self.docs.get(page_id)
        if doc is None:
            store = self.store
            summary = store.load_page_summary(page_id)  # what the source paints first: the page model is
            # built from it when asked for (on the next turn, for the panes beside the source)
            if summary is None:  # a page stored before summaries: read whole; its summary written next turn
                page: Page | Callable[[], Page] = store.load_page(page_id)
                self._summaries_due.add(page_id)
            else:
                page = functools.partial(store.page_of, summary)
            doc = PageDoc(page_id, lambda: store.load_auto_page(page_id), page, store.page_status(page_id), self,
                          summary)
            self._records_due[page_id] = doc  # its saved records are read for the panes beside the source
            doc.changed.connect(lambda changes, scroll, d=doc: self._doc_changed(d, changes, scroll))
            self.undo_group.addStack(doc.stack)
            self.docs[page_id] = doc
        return doc

    def show(self, doc: PageDoc, item_id: int | None = None) -> None:
        """Show an open page and select `item_id` on it (its first article if it has no such item)."""
        self.doc = doc
        item_id = item_id if self.has(item_id) else first_article(doc.item_kinds())
        self.current_item = item_id  # already, so that the actions that need an item stay as they are
        self.beside_pending = True
        self.undo_group.setActiveStack(doc.stack)
        self.pageShown.emit()
        self.select(item_id)
        self.stateChanged.emit()
        if not self._beside_posted:  # after Qt's request to paint the window, posted at the same priority
            self._beside_posted = True
            QCoreApplication.postEvent(self, QEvent(BESIDE_EVENT), Qt.EventPriority.LowEventPriority.value)

    def show_beside(self) -> None:
        """The panes beside the source shown the page now, if they are still to be (`pageShownBeside`)."""
        if self.beside_pending:
            self.beside_pending = False
            if self.doc is not None:
                self.remember_records(self.doc)
                self._write_summary(self.doc)
            self.pageShownBeside.emit()

    def _write_summary(self, doc: PageDoc) -> None:
        """A page read without a summary (stored before summaries) gets one, so that it opens faster the next
        time; a read-only window, or a project busy elsewhere, leaves that to another opening."""
        if doc.page_id in self._summaries_due and not self.read_only:
            self._summaries_due.discard(doc.page_id)
            try:
                self.store.write_summary(doc.page_id)
            except NewsdeskError:
                pass

    def remember_records(self, doc: PageDoc) -> None:
        """The records saved with the page as loaded taken into the record cache (once), so that the panes
        beside the source compute none again (and run no jieba). Without them (a read error) records are
        computed when asked for, as for a page never saved."""
        due = self._records_due.pop(doc.page_id, None)
        if due is not None:
            try:
                remember(due.first_page(), self.store.load_records(doc.page_id))
            except NewsdeskError:
                pass

    def event(self, event: QEvent) -> bool:
        if event.type() == BESIDE_EVENT:
            self._beside_posted = False
            self.show_beside()
            return True
        return super().event(event)

    def close_all(self) -> None:
        """Forget every open page (another project is opened)."""
        for doc in self.docs.values():
            self.undo_group.removeStack(doc.stack)
            doc.deleteLater()
        self.docs.clear()
        self._records_due.clear()
        self._summaries_due.clear()
        self.doc = None
        self.current_item = None
        self.beside_pending = True
        self.pageShown.emit()
        self.itemSelected.emit(None, False)
        self.show_beside()
        self.stateChanged.emit()

    def forget(self, page_ids: list[int]) -> list[int]:
        """Forget these open pages (the project holds a newer split of them); returns those that were
        open. The page shown, if among them, is shown no more: open it again to read it anew."""
        gone = [i for i in page_ids if i in self.docs]
        for page_id in gone:
            doc = self.docs.pop(page_id)
            self._records_due.pop(page_id, None)
            self._summaries_due.discard(page_id)
            self.undo_group.removeStack(doc.stack)
            doc.deleteLater()
            if doc is self.doc:
                self.doc = None
                self.current_item = None
        return gone

    def dirty_docs(self) -> list[PageDoc]:
        return [d for d in self.docs.values() if d.dirty]

    # --- items -----------------------------------------------------------------------------------
    def has(self, item_id: int | None) -> bool:
        return self.doc is not None and item_id is not None and any(i == item_id for i, _ in self.doc.item_kinds())

    def select(self, item_id: int | None, scroll: bool = True) -> None:
        """Make an item of the page shown current (None, or an item not on it: none)."""
        if self.doc is None:
            return
        self.current_item = item_id if self.has(item_id) else None
        self.itemSelected.emit(self.current_item, scroll)

    def _doc_changed(self, doc: PageDoc, changes: ItemChanges, scroll: bool) -> None:
        self.docEdited.emit(doc)
        if doc is not self.doc:
            return
        self.show_beside()  # the panes follow the edit from the page they show
        self.pageEdited.emit(changes)
        focus = changes.focus if self.has(changes.focus) else self.current_item
        if not self.has(focus):
            focus = changes.page.items[0].id if changes.page.items else None
        self.select(focus, scroll=scroll)
        self.stateChanged.emit()
