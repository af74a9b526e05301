"""Undoable fixes: each QUndoCommand stands for one thing the editor meant to do to a page.

The core model is immutable and `app.core.edits` functions return a new `Page`, so a command keeps the
page before and after (and the item to show), does its work in `redo()` and restores in `undo()`.
`PageDoc` is one open page: its saved automatic split, the current page and its own QUndoStack.
Typing in a field merges into one command through `mergeWith`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.page import Page
from .i18n import language, tr

FIELD_COMMAND_ID = 4101

# command text: (Chinese, English) -- the undo menu shows the one of the current language
LABELS: dict[str, tuple[str, str]] = {
    "split": ("拆分文章", "Split item"),
    "merge": ("合并文章", "Merge items"),
    "new_item": ("新建文章", "New item from selection"),
    "add_text": ("加入当前文章", "Add text to item"),
    "furniture": ("移入版面元素", "Send to furniture"),
    "relabel": ("更改标注", "Relabel text"),
    "move_paragraph": ("移动段落", "Move paragraph"),
    "move_item": ("移动文章", "Move item"),
    "delete": ("删除文章", "Delete item"),
    "resplit": ("重新自动拆分", "Re-run automatic split"),
    "field": ("修改字段", "Edit field"),
    "kind": ("修改类型", "Set kind"),
    "correct": ("更正文字", "Correct text"),
    "revert": ("撤销改动", "Revert change"),
    "restore": ("恢复未保存的编辑", "Restore unsaved edits"),
    "bulk": ("批量修改", "Bulk edit"),
    "status": ("设置版面状态", "Set page status"),
}


def label(key: str, detail: str = "") -> str:
    zh, en = LABELS[key]
    text = zh if language() == "zh" else en
    return f"{text}: {detail}" if detail else text


@dataclass(frozen=True)
class PageChange:
    """What a command did, for the views (like Anki's OpChanges): the new page and the item to show."""

    page: Page
    focus_item: int | None
    structure: bool = True  # False when only fields changed (the source view keeps its tints)


class PageDoc(QObject):
    """One open page: id, the automatic split it was imported with, the current page, its undo stack."""

    changed = Signal(object)  # PageChange

    def __init__(self, page_id: int, auto: Page, page: Page, status: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.page_id = page_id
        self.auto = auto
        self.page = page
        self.status = status
        self.stack = QUndoStack(self)

    def set_page(self, page: Page, focus_item: int | None, structure: bool = True) -> None:
        self.page = page
        self.changed.emit(PageChange(page, focus_item, structure))

    @property
    def dirty(self) -> bool:
        return not self.stack.isClean()


class PageCommand(QUndoCommand):
    """Replace the doc's page by `after`; undo puts `before` back. Focus is kept by item id."""

    def __init__(self, doc: PageDoc, text: str, before: Page, after: Page,
                 focus_after: int | None = None, focus_before: int | None = None,
                 structure: bool = True, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.doc = doc
        self.before = before
        self.after = after
        self.focus_after = focus_after
        self.focus_before = focus_before if focus_before is not None else focus_after
        self.structure = structure

    def redo(self) -> None:
        self.doc.set_page(self.after, self.focus_after, self.structure)

    def undo(self) -> None:
        self.doc.set_page(self.before, self.focus_before, self.structure)


class StatusCommand(QUndoCommand):
    """Set the review status of several pages as one step; undo puts each page's old status back.

    Statuses are not part of a page's model: `apply(statuses)` writes them to the project at once. The
    window applies `after` before pushing (so an error stops it there); the push's own redo is skipped."""

    def __init__(self, text: str, before: dict[int, str], after: dict[int, str],
                 apply: Callable[[dict[int, str]], None]) -> None:
        super().__init__(text)
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
    """Set one field of one item; consecutive edits of the same field merge (typing a title)."""

    def __init__(self, doc: PageDoc, item_id: int, name: str, before: Page, after: Page) -> None:
        super().__init__(doc, label("field", tr(name.capitalize())), before, after, item_id, item_id,
                         structure=False)
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
        self.after = other.after
        return True


def edit_command(doc: PageDoc, key: str, fn: Callable[..., Any], *args: Any,
                 focus: int | None = None, detail: str = "", new_item: bool = False) -> PageCommand:
    """Build the command for `fn(doc.page, *args)` (an `app.core.edits` function).

    Raises EditError before anything is pushed when the edit does not apply. With `new_item`, the
    focus is the item the edit created.
    """
    before = doc.page
    result = fn(before, *args)
    after = result[0] if isinstance(result, tuple) else result
    if new_item:
        old = {it.id for it in before.items}
        created = [it.id for it in after.items if it.id not in old]
        focus_after = created[0] if created else focus
    else:
        focus_after = focus if focus is None or _has_item(after, focus) else _nearest(before, after, focus)
    return PageCommand(doc, label(key, detail), before, after, focus_after, focus)


def _has_item(page: Page, item_id: int) -> bool:
    return any(it.id == item_id for it in page.items)


def _nearest(before: Page, after: Page, item_id: int) -> int | None:
    """After an item went away: the item now at its place (or the last one)."""
    if not after.items:
        return None
    try:
        index = before.item_index(item_id)
    except Exception:
        index = 0
    return after.items[min(index, len(after.items) - 1)].id
