"""The fixes: each slot builds an undoable command from an `app.core.edits` function and pushes it.

`Fixes` declares what it reads: the session (the page shown, its current item and undo stack), the
source region (the cursor, the selection, the correction typed), the items region (the items selected)
and the item editor (text selected in the cleaned body). It pushes `PageCommand`s on the page's stack
(bulk edits as one macro). An edit that does not apply (EditError) is said in the notice bar, never as a
traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ..core import edits
from ..core.bylines import Author
from ..core.changes import apply, between
from ..core.errors import EditError, NewsdeskError
from ..core.metadata import item_record
from ..core.page import Block, Item, Kind, Page, Role
from . import dialogs
from .commands import FieldCommand, PageCommand, Said, edit_command, label
from .i18n import say, tr
from .item_panel import ItemPanel
from .items_list import ItemsList
from .models import kind_text
from .session import Session
from .source_panel import SourcePanel


class Fixes(QObject):
    """The editing slots (see `actions.py` for the keys that call them)."""

    def __init__(self, session: Session, source: SourcePanel, items: ItemsList, editor: ItemPanel,
                 notify: Callable[[str], None], window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.source = source
        self.view = source.view
        self.items = items
        self.editor = editor
        self.notify = notify
        self.window = window
        source.correctionEntered.connect(self.apply_correction)
        items.moveRequested.connect(self.move_item)
        editor.fieldEdited.connect(self.set_field)
        editor.kindChosen.connect(self.set_kind)

    # --- pushing commands ------------------------------------------------------------------------
    def _writable(self) -> bool:
        """False (and the user told why) when the project is open read-only: no edit reaches a page then,
        so no page turns unsaved with work that could never be saved."""
        if self.session.read_only:
            self.notify(tr("This project is open read-only here: editing is off."))
            return False
        return True

    def _push(self, build: Callable[[], PageCommand | None]) -> bool:
        """Build a command (it may raise EditError) and push it; an edit that changes nothing is dropped."""
        doc = self.session.doc
        if doc is None or not self._writable():
            return False
        try:
            command = build()
        except NewsdeskError as e:
            self.notify(dialogs.error_text(e))
            return False
        if command is None or command.changes.empty:
            return False
        doc.stack.push(command)
        return True

    def _edit(self, key: str, fn: Callable[..., Any], *args: Any, new_item: bool = False,
              focus: int | None = None) -> bool:
        doc = self.session.doc
        assert doc is not None
        focus = self.session.current_item if focus is None else focus
        return self._push(lambda: edit_command(doc, key, fn, *args, new_item=new_item, focus=focus))

    def _guarded(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except NewsdeskError as e:
            self.notify(dialogs.error_text(e))

    def _page(self) -> Page:
        if self.session.doc is None:
            raise EditError(tr("Select an item first."))
        return self.session.doc.page

    def _need_item(self) -> Item:
        if self.session.doc is None or self.session.current_item is None:
            raise EditError(tr("Select an item first."))
        return self.session.doc.page.item(self.session.current_item)

    def _need_selection(self) -> tuple[int, int]:
        span = self.view.selection_span()
        if span is None or self.session.doc is None or not self.session.doc.page.text[span[0]:span[1]].strip():
            raise EditError(tr("Select some text in the source first."))
        return span

    def _block_at_cursor(self) -> tuple[Item | None, Block]:
        page = self._page()
        offset = self.view.cursor_offset()
        item, block = page.owner_of(offset)
        if block is None:
            line_end = page.text.find("\n", offset)
            line_end = len(page.text) if line_end < 0 else line_end
            for i in range(offset, line_end):
                item, block = page.owner_of(i)
                if block is not None:
                    break
        if block is None:
            raise EditError(tr("Put the cursor on a line of text first."))
        return item, block

    def _owner_id(self, start: int, end: int) -> int | None:
        """The item holding the first visible character of [start, end) (else the current item)."""
        page = self._page()
        for i in range(start, end):
            item, block = page.owner_of(i)
            if block is not None:
                return item.id if item is not None else self.session.current_item
        return self.session.current_item

    # --- item structure --------------------------------------------------------------------------
    def split_here(self) -> None:
        """Item > Split item at cursor line."""
        def run() -> None:
            item, _block = self._block_at_cursor()
            if item is None:
                raise EditError(tr("That text belongs to no item."))
            self._edit("split", edits.split_item_at, self.view.cursor_offset(), new_item=True, focus=item.id)
        self._guarded(run)

    def _merge(self, step: int) -> None:
        item = self._need_item()
        page = self._page()
        index = page.item_index(item.id) + step
        if not 0 <= index < len(page.items):
            raise EditError(tr("There is no item to merge with."))
        other = page.items[index].id
        first, second = (item.id, other) if step > 0 else (other, item.id)
        self._edit("merge", edits.merge_items, first, second, focus=first)

    def merge_next(self) -> None:
        self._guarded(lambda: self._merge(1))

    def merge_previous(self) -> None:
        self._guarded(lambda: self._merge(-1))

    def new_item(self) -> None:
        """Item > New item from selection."""
        self._guarded(lambda: self._edit("new_item", edits.new_item_from_text, *self._need_selection(),
                                         new_item=True))

    def add_to_item(self) -> None:
        """Item > Add selection to current item."""
        def run() -> None:
            item = self._need_item()
            s, e = self._need_selection()
            self._edit("add_text", edits.move_text, s, e, item.id, focus=item.id)
        self._guarded(run)

    def to_furniture(self) -> None:
        self._guarded(lambda: self._edit("furniture", edits.send_to_furniture, *self._need_selection()))

    def delete_item(self) -> None:
        self._guarded(lambda: self._edit("delete", edits.delete_item, self._need_item().id))

    def move_item(self, item_id: int, new_index: int) -> None:
        """A row of the items list dragged to another place."""
        self._edit("move_item", edits.move_item, item_id, new_index, focus=item_id)

    def resplit(self) -> None:
        """Page > Re-run automatic split, keeping what the editor did."""
        doc = self.session.doc
        if doc is None or not self._writable():
            return
        from ..core.splitter import split_page

        page = doc.page
        current = self.session.current_item
        try:
            fresh = split_page((page.name, page.text))
            after, notes = edits.resplit(page, fresh)
        except NewsdeskError as e:
            self.notify(dialogs.error_text(e))
            return
        doc.stack.push(PageCommand(doc, label("resplit"), between(page, after, current), current))
        self.notify(tr("Re-ran the automatic split.") + " " + ("; ".join(notes) if notes
                                                                else tr("Nothing was edited by hand.")))

    # --- roles and reading order -----------------------------------------------------------------
    def relabel(self, role: Role) -> None:
        """Item > Relabel selection: the selected lines (or the block at the cursor) get another role."""
        def run() -> None:
            span = self.view.selection_span()
            doc = self.session.doc
            if span is not None and doc and doc.page.text[span[0]:span[1]].strip():
                self._edit("relabel", edits.relabel_text, span[0], span[1], role,
                           focus=self._owner_id(span[0], span[1]))
            else:
                item, block = self._block_at_cursor()
                self._edit("relabel", edits.relabel, block.id, role,
                           focus=item.id if item is not None else None)
        self._guarded(run)

    def _move_paragraph(self, step: int) -> None:
        item, block = self._block_at_cursor()
        if item is None:
            raise EditError(tr("That text belongs to no item."))
        index = [b.id for b in item.blocks].index(block.id) + step
        if not 0 <= index < len(item.blocks):
            raise EditError(tr("The paragraph cannot move further."))
        self._edit("move_paragraph", edits.move_block, item.id, block.id, index, focus=item.id)

    def paragraph_up(self) -> None:
        self._guarded(lambda: self._move_paragraph(-1))

    def paragraph_down(self) -> None:
        self._guarded(lambda: self._move_paragraph(1))

    # --- paragraphs ------------------------------------------------------------------------------
    def _body_cursor(self) -> tuple[Item, Block, int] | None:
        """With the cursor in the article view's body text: the item, the paragraph's block and how many
        characters of the paragraph the cleaned text shows before the cursor (None: the cursor is not there)."""
        self.session.show_beside()  # the article view shows the page shown
        body = self.editor.body
        if not body.hasFocus() or self.session.current_item is None:
            return None
        page = self._page()
        item = page.item(self.session.current_item)
        at = body.body_cursor()
        blocks = edits.paragraph_blocks(page, item)
        if at is None or at[0] >= len(blocks) or "body" in item.fields:
            raise EditError(tr("Put the cursor in a body paragraph first."))
        return item, blocks[at[0]], at[1]

    def join_paragraph(self) -> None:
        """Item > Join paragraph with next: the paragraph at the cursor (source or body) and the next one."""
        def run() -> None:
            at_body = self._body_cursor()
            item, block = (at_body[0], at_body[1]) if at_body else self._block_at_cursor()
            self._edit("join_paragraphs", edits.join_paragraphs, block.id,
                       focus=item.id if item is not None else None)
        self._guarded(run)

    def split_paragraph(self) -> None:
        """Item > Split paragraph at cursor: a new paragraph starts at the cursor (source or body)."""
        def run() -> None:
            at_body = self._body_cursor()
            if at_body is not None:
                item, block, shown = at_body
                offset, focus = edits.paragraph_offset(self._page(), block, shown), item.id
            else:
                offset = self.view.cursor_offset()
                focus = self.view.item_at(offset)
            self._edit("split_paragraph", edits.split_paragraph, offset, focus=focus)
        self._guarded(run)

    # --- fields ----------------------------------------------------------------------------------
    def set_field(self, item_id: int, name: str, value: Any) -> None:
        """A field typed in the item editor (consecutive typing merges into one undo step)."""
        doc = self.session.doc
        if doc is None:
            return
        self._push(lambda: FieldCommand(doc, item_id, name, apply(doc.page, edits.set_field, item_id, name, value,
                                                                  focus=item_id)))

    def set_kind(self, item_id: int, kind: Kind) -> None:
        self._edit("kind", edits.set_kind, item_id, Kind(kind), focus=item_id)

    # --- corrections -----------------------------------------------------------------------------
    def correct_text(self) -> None:
        """F2: correct the text selected in the source, or the text selected in the cleaned body
        (found in the current item's source text, which the source view then selects)."""
        self.session.show_beside()
        body = self.editor.body.textCursor()
        if self.editor.body.hasFocus() and body.hasSelection():
            if not self._select_in_source(body.selectedText()):
                return
        span = self.view.selection_span()
        correction = self.source.correction
        if span is not None and self.session.doc is not None:
            correction.setText(self.session.doc.page.span_text(*span))
        correction.setFocus()
        correction.selectAll()

    def _select_in_source(self, text: str) -> bool:
        """Select `text` in the source where the current item holds it; it must occur there once."""
        if self.session.doc is None or self.session.current_item is None or not text.strip():
            return False
        page = self.session.doc.page
        hits = []
        for block in page.item(self.session.current_item).blocks:
            for s, e in block.spans:
                at = page.text.find(text, s, e)
                while at >= 0:
                    hits.append((at, at + len(text)))
                    at = page.text.find(text, at + 1, e)
        if len(hits) != 1:
            self.notify(tr("“{text}” occurs {n} times in this item's source; select it in the source.")
                        .format(text=text, n=len(hits)))
            return False
        self.view.select_span(*hits[0])
        self.view.ensureCursorVisible()
        return True

    def apply_correction(self) -> None:
        """Enter in the correction row: the selected source text reads as typed."""
        def run() -> None:
            s, e = self._need_selection()
            self._edit("correct", edits.correct_text, s, e, self.source.correction.text(),
                       focus=self._owner_id(s, e))
        self._guarded(run)

    def revert_change(self, change: Any) -> None:
        """The changes tab's Revert: one change back to the automatic split."""
        doc = self.session.doc
        if doc is None:
            return
        from ..core.diff import revert_change

        current = self.session.current_item
        focus = change.item_id if change.item_id is not None else current
        self._push(lambda: PageCommand(doc, label("revert", lambda: say(change.said)),
                                       between(doc.page, revert_change(doc.auto, doc.page, change), focus),
                                       current))

    # --- bulk ------------------------------------------------------------------------------------
    def _bulk(self, fn: Callable[[Page, int], Page]) -> None:
        """One undoable macro applying `fn(page, item_id)` to every selected item."""
        doc = self.session.doc
        if doc is None or not self._writable():
            return
        ids = self.items.selected_ids()
        try:
            steps = []
            page = doc.page
            for item_id in ids:
                after = fn(page, item_id)
                if after is not page:
                    steps.append(PageCommand(doc, label("bulk"), between(page, after, item_id), item_id))
                    page = after
        except NewsdeskError as e:
            self.notify(dialogs.error_text(e))
            return
        if not steps:
            return
        steps[0].macro_text = Said(lambda: f"{label('bulk')} ({len(ids)})")
        doc.stack.beginMacro(steps[0].macro_text)
        for step in steps:
            doc.stack.push(step)
        doc.stack.endMacro()

    def bulk_add_tag(self, tag: str) -> None:
        tag = tag.strip()
        if tag:
            self._bulk(lambda page, i: edits.set_field(
                page, i, "tags", [t for t in item_record(page, page.item(i)).tags if t != tag] + [tag]))

    def bulk_add_author(self, text: str) -> None:
        parts = text.split()
        if not parts:
            return
        new = Author(parts[0], " ".join(parts[1:]))
        self._bulk(lambda page, i: edits.set_field(
            page, i, "authors", [a for a in item_record(page, page.item(i), tags=False).authors if a != new] + [new]))

    def bulk_set_kind(self, kind: Kind) -> None:
        self._bulk(lambda page, i: edits.set_kind(page, i, kind))

    def ask_bulk_tag(self) -> None:
        dialogs.ask_text(self.window, tr("Add a tag"), tr("Tag for every selected item:"), "", self.bulk_add_tag)

    def ask_bulk_author(self) -> None:
        dialogs.ask_text(self.window, tr("Add an author"), tr("Author for every selected item (name, then role):"),
                         "", self.bulk_add_author)

    def ask_bulk_kind(self) -> None:
        kinds = list(Kind)
        dialogs.ask_choice(self.window, tr("Set kind"), tr("Kind of every selected item:"),
                           [kind_text(k) for k in kinds], lambda i: self.bulk_set_kind(kinds[i]))
