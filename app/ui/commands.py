"""Undoable fixes: each QUndoCommand stands for one thing the editor meant to do to a page.

The core model is immutable and an edit says what it changed (`app.core.changes.ItemChanges`: the page
before and after, the items added, removed and changed, the item to show), so a command keeps that, does
its work in `redo()` and goes back in `undo()`; the views update only what changed. `PageDoc` is one
open page: its saved automatic split, the current page and its own QUndoStack. Typing in a field merges
into one command through `mergeWith`. A command's text is `Said`: it says itself again in the language
chosen later (`retranslate_stack`), so the Edit menu and the undo history follow a language switch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.changes import ItemChanges, apply, between
from ..core.page import Kind, Page
from ..core.status import Status
from ..store.summary import PageSummary
from .i18n import tr

FIELD_COMMAND_ID = 4101

# what each command is called in the Edit menu and the undo history (English; tr() gives the language)
COMMAND_TEXT: dict[str, str] = {
    "split": "Split item",
    "merge": "Merge items",
    "new_item": "New item from selection",
    "add_text": "Add text to item",
    "furniture": "Send to furniture",
    "relabel": "Relabel text",
    "move_paragraph": "Move paragraph",
    "join_paragraphs": "Join paragraphs",
    "split_paragraph": "Split paragraph",
    "move_item": "Move item",
    "delete": "Delete item",
    "resplit": "Re-run automatic split",
    "field": "Edit field",
    "kind": "Set kind",
    "correct": "Correct text",
    "revert": "Revert change",
    "restore": "Restore unsaved edits",
    "bulk": "Bulk edit",
    "status": "Set page status",
}


class Said(str):
    """A command's text in the current language that can say itself again (`again()`) in another."""

    words: Callable[[], str]

    def __new__(cls, words: Callable[[], str]) -> Said:
        said = super().__new__(cls, words())
        said.words = words
        return said

    def again(self) -> Said:
        return Said(self.words)


def label(key: str, detail: str | Callable[[], str] = "") -> Said:
    """The text of command `key` ("Merge items"), with a detail ("Edit field: Title"; a callable is asked
    each time, so that a detail in words follows the language too)."""
    def words() -> str:
        text = tr(COMMAND_TEXT[key])
        shown = detail() if callable(detail) else detail
        return f"{text}: {shown}" if shown else text
    return Said(words)


def retranslate_stack(stack: QUndoStack) -> None:
    """Say every command of `stack` again in the current language (a macro by the `macro_text` its first
    step carries)."""
    for i in range(stack.count()):
        command = stack.command(i)
        first = command.child(0) if command.childCount() else None
        said = getattr(first, "macro_text", None) if first is not None else getattr(command, "said", None)
        if isinstance(said, Said):
            command.setText(said.again())


class PageDoc(QObject):
    """One open page: id, the automatic split it was imported with, the current page, its undo stack.

    `auto` may be given as a loader (a callable): it is read the first time it is needed (the changes
    view, saving), not while the page opens. So may `page`, with the page's stored `summary` (what the
    source paints first): the page model is then built the first time anything asks for it (the window
    asks on the turn after the page's text is painted), never half: whatever reads `page` gets it whole."""

    changed = Signal(object, bool)  # ItemChanges, whether the source scrolls to the item shown

    def __init__(self, page_id: int, auto: Page | Callable[[], Page], page: Page | Callable[[], Page],
                 status: Status | str = Status.TODO, parent: QObject | None = None,
                 summary: PageSummary | None = None) -> None:
        super().__init__(parent)
        self.page_id = page_id
        self._auto = auto
        self._page = page
        self._first: Page | None = page if isinstance(page, Page) else None
        self.summary = summary
        self.status = Status(status)
        self.stack = QUndoStack(self)

    @property
    def auto(self) -> Page:
        if not isinstance(self._auto, Page):
            self._auto = self._auto()
        return self._auto

    @property
    def page(self) -> Page:
        if not isinstance(self._page, Page):
            self._page = self._first = self._page()
            self.summary = None  # (the page says all it said)
        return self._page

    @page.setter
    def page(self, page: Page) -> None:
        self._page = page

    @property
    def built(self) -> bool:
        """The page model is built (else only its summary is read)."""
        return isinstance(self._page, Page)

    def first_page(self) -> Page:
        """The page as it was loaded, before any edit."""
        return self._first if self._first is not None else self.page

    def item_kinds(self) -> list[tuple[int, Kind]]:
        """(id, kind) of the page's items in order, from its summary while the page model is not built."""
        if self.summary is not None and not self.built:
            return list(self.summary.items)
        return [(it.id, it.kind) for it in self.page.items]

    def apply(self, changes: ItemChanges, scroll: bool = True) -> None:
        self.page = changes.page
        self.changed.emit(changes, scroll)

    @property
    def dirty(self) -> bool:
        return not self.stack.isClean()


class PageCommand(QUndoCommand):
    """Apply an edit's changes; undo applies them reversed. Focus is kept by item id."""

    def __init__(self, doc: PageDoc, text: str, changes: ItemChanges, focus_before: int | None = None,
                 scroll: bool = True, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.said = text
        self.doc = doc
        self.changes = changes
        self.focus_before = focus_before if focus_before is not None else changes.focus
        self.scroll = scroll

    @property
    def before(self) -> Page:
        return self.changes.before

    @property
    def after(self) -> Page:
        return self.changes.page

    def redo(self) -> None:
        self.doc.apply(self.changes, self.scroll)

    def undo(self) -> None:
        self.doc.apply(self.changes.reversed(self.focus_before), self.scroll)


class StatusCommand(QUndoCommand):
    """Set the review status of several pages as one step; undo puts each page's old status back.

    Statuses are not part of a page's model: `apply(statuses)` writes them to the project at once. The
    window applies `after` before pushing (so an error stops it there); the push's own redo is skipped."""

    def __init__(self, text: str, before: dict[int, Status], after: dict[int, Status],
                 apply: Callable[[dict[int, Status]], None]) -> None:
        super().__init__(text)
        self.said = text
        self.before = before
        self.after = after
        self.apply = apply
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.apply(self.after)

    def undo(self) -> None:
        self.apply(self.before)


class FieldCommand(PageCommand):
    """Set one field of one item; consecutive edits of the same field merge (typing a title). The source
    keeps its place (a field changes no tint)."""

    def __init__(self, doc: PageDoc, item_id: int, name: str, changes: ItemChanges) -> None:
        super().__init__(doc, label("field", lambda: tr(name.capitalize())), changes, item_id, scroll=False)
        self.item_id = item_id
        self.name = name

    def id(self) -> int:
        return FIELD_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldCommand) or other.doc is not self.doc:
            return False
        if (other.item_id, other.name) != (self.item_id, self.name):
            return False
        if self.doc.stack.cleanIndex() == self.doc.stack.index():  # saved since: keep the save point
            return False
        self.changes = between(self.changes.before, other.changes.page, self.item_id)
        return True


def edit_command(doc: PageDoc, key: str, fn: Callable[..., Any], *args: Any,
                 focus: int | None = None, detail: str = "", new_item: bool = False) -> PageCommand:
    """Build the command for `fn(doc.page, *args)` (an `app.core.edits` function).

    Raises EditError before anything is pushed when the edit does not apply. With `new_item`, the
    focus is the item the edit created."""
    return PageCommand(doc, label(key, detail), apply(doc.page, fn, *args, focus=focus, focus_new=new_item), focus)
