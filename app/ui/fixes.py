"""The fixes: each slot builds an undoable command from an `app.core.edits` function and pushes it.

`FixesMixin` is part of `MainWindow`: it reads the source view's cursor and selection, the current item
and the selected items, and pushes `PageCommand`s on the open page's stack (bulk edits as one macro).
An edit that does not apply (EditError) is reported in the notice bar, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core import edits
from ..core.bylines import Author
from ..core.errors import EditError, NewsdeskError
from ..core.metadata import item_record
from ..core.page import Block, Item, Kind, Page, Role
from . import dialogs
from .commands import FieldCommand, PageCommand, StatusCommand, edit_command, label
from .i18n import tr
from .models import STATUSES, kind_text, status_text


class FixesMixin:
    """The editing slots of the main window (see `actions.py` for the keys that call them)."""

    # --- pushing commands ------------------------------------------------------------------------
    def _push(self, build: Callable[[], PageCommand | None]) -> bool:
        """Build a command (it may raise EditError) and push it; an edit that changes nothing is dropped."""
        if self.doc is None:
            return False
        try:
            command = build()
        except NewsdeskError as e:
            self.show_notice(dialogs.error_text(e))
            return False
        if command is None or command.after is command.before:
            return False
        self.doc.stack.push(command)
        return True

    def _edit(self, key: str, fn: Callable[..., Any], *args: Any, new_item: bool = False,
              focus: int | None = None) -> bool:
        assert self.doc is not None
        doc = self.doc
        return self._push(lambda: edit_command(doc, key, fn, *args, new_item=new_item,
                                               focus=self.current_item if focus is None else focus))

    def _need_item(self) -> Item:
        if self.doc is None or self.current_item is None:
            raise EditError(tr("Select an item first."))
        return self.doc.page.item(self.current_item)

    def _need_selection(self) -> tuple[int, int]:
        span = self.source.selection_span()
        if span is None or not self.doc or not self.doc.page.text[span[0]:span[1]].strip():
            raise EditError(tr("Select some text in the source first."))
        return span

    def _block_at_cursor(self) -> tuple[Item | None, Block]:
        assert self.doc is not None
        page = self.doc.page
        offset = self.source.cursor_offset()
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
        assert self.doc is not None
        for i in range(start, end):
            item, block = self.doc.page.owner_of(i)
            if block is not None:
                return item.id if item is not None else self.current_item
        return self.current_item

    def _guarded(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except NewsdeskError as e:
            self.show_notice(dialogs.error_text(e))

    # --- the fixes -------------------------------------------------------------------------------
    def on_split_here(self) -> None:
        def run() -> None:
            item, _block = self._block_at_cursor()
            if item is None:
                raise EditError(tr("That text belongs to no item."))
            self._edit("split", edits.split_item_at, self.source.cursor_offset(), new_item=True, focus=item.id)
        self._guarded(run)

    def _merge(self, step: int) -> None:
        item = self._need_item()
        assert self.doc is not None
        index = self.doc.page.item_index(item.id) + step
        if not 0 <= index < len(self.doc.page.items):
            raise EditError(tr("There is no item to merge with."))
        other = self.doc.page.items[index].id
        first, second = (item.id, other) if step > 0 else (other, item.id)
        self._edit("merge", edits.merge_items, first, second, focus=first)

    def on_merge_next(self) -> None:
        self._guarded(lambda: self._merge(1))

    def on_merge_previous(self) -> None:
        self._guarded(lambda: self._merge(-1))

    def on_new_item(self) -> None:
        self._guarded(lambda: self._edit("new_item", edits.new_item_from_text, *self._need_selection(),
                                         new_item=True))

    def on_add_to_item(self) -> None:
        def run() -> None:
            item = self._need_item()
            s, e = self._need_selection()
            self._edit("add_text", edits.move_text, s, e, item.id, focus=item.id)
        self._guarded(run)

    def on_to_furniture(self) -> None:
        self._guarded(lambda: self._edit("furniture", edits.send_to_furniture, *self._need_selection()))

    def relabel(self, role: Role) -> None:
        def run() -> None:
            span = self.source.selection_span()
            if span is not None and self.doc and self.doc.page.text[span[0]:span[1]].strip():
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

    def on_paragraph_up(self) -> None:
        self._guarded(lambda: self._move_paragraph(-1))

    def on_paragraph_down(self) -> None:
        self._guarded(lambda: self._move_paragraph(1))

    def on_delete_item(self) -> None:
        self._guarded(lambda: self._edit("delete", edits.delete_item, self._need_item().id))

    def on_resplit(self) -> None:
        if self.doc is None:
            return
        from ..core.splitter import split_page

        page = self.doc.page
        try:
            fresh = split_page((page.name, page.text))
            after, notes = edits.resplit(page, fresh)
        except NewsdeskError as e:
            self.show_notice(dialogs.error_text(e))
            return
        command = PageCommand(self.doc, label("resplit"), page, after, self.current_item, self.current_item)
        self.doc.stack.push(command)
        self.show_notice(tr("Re-ran the automatic split.") + " " + ("; ".join(notes) if notes
                                                                       else tr("Nothing was edited by hand.")))

    def move_item(self, item_id: int, new_index: int) -> None:
        self._edit("move_item", edits.move_item, item_id, new_index, focus=item_id)

    def set_field(self, item_id: int, name: str, value: Any) -> None:
        if self.doc is None:
            return
        doc = self.doc

        def build() -> PageCommand:
            before = doc.page
            return FieldCommand(doc, item_id, name, before, edits.set_field(before, item_id, name, value))
        self._push(build)

    def set_kind(self, item_id: int, kind: Kind) -> None:
        self._edit("kind", edits.set_kind, item_id, Kind(kind), focus=item_id)

    def on_correct_text(self) -> None:
        """F2: correct the text selected in the source, or the text selected in the cleaned body
        (found in the current item's source text, which the source view then selects)."""
        body = self.panel.body.textCursor()
        if self.panel.body.hasFocus() and body.hasSelection():
            if not self._select_in_source(body.selectedText()):
                return
        span = self.source.selection_span()
        if span is not None and self.doc is not None:
            self.correction.setText(self.doc.page.span_text(*span))
        self.correction.setFocus()
        self.correction.selectAll()

    def _select_in_source(self, text: str) -> bool:
        """Select `text` in the source where the current item holds it; it must occur there once."""
        if self.doc is None or self.current_item is None or not text.strip():
            return False
        page = self.doc.page
        hits = []
        for block in page.item(self.current_item).blocks:
            for s, e in block.spans:
                at = page.text.find(text, s, e)
                while at >= 0:
                    hits.append((at, at + len(text)))
                    at = page.text.find(text, at + 1, e)
        if len(hits) != 1:
            self.show_notice(tr("“{text}” occurs {n} times in this item's source; select it in the source.")
                             .format(text=text, n=len(hits)))
            return False
        self.source.select_span(*hits[0])
        self.source.ensureCursorVisible()
        return True

    def apply_correction(self) -> None:
        def run() -> None:
            s, e = self._need_selection()
            self._edit("correct", edits.correct_text, s, e, self.correction.text(), focus=self._owner_id(s, e))
        self._guarded(run)

    def revert_change(self, change: Any) -> None:
        if self.doc is None:
            return
        from ..core.diff import revert_change

        doc = self.doc
        self._push(lambda: PageCommand(doc, label("revert", str(change.description)), doc.page,
                                       revert_change(doc.auto, doc.page, change),
                                       change.item_id if change.item_id is not None else self.current_item,
                                       self.current_item))

    # --- bulk ------------------------------------------------------------------------------------
    def _bulk(self, fn: Callable[[Page, int], Page]) -> None:
        """One undoable macro applying `fn(page, item_id)` to every selected item."""
        if self.doc is None:
            return
        ids = self.selected_item_ids()
        doc = self.doc
        try:
            steps = []
            page = doc.page
            for item_id in ids:
                after = fn(page, item_id)
                if after is not page:
                    steps.append(PageCommand(doc, label("bulk"), page, after, item_id, item_id))
                    page = after
        except NewsdeskError as e:
            self.show_notice(dialogs.error_text(e))
            return
        if not steps:
            return
        doc.stack.beginMacro(f"{label('bulk')} ({len(ids)})")
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

    def on_bulk_tag(self) -> None:
        dialogs.ask_text(self, tr("Add a tag"), tr("Tag for every selected item:"), "", self.bulk_add_tag)

    def on_bulk_author(self) -> None:
        dialogs.ask_text(self, tr("Add an author"), tr("Author for every selected item (name, then role):"),
                         "", self.bulk_add_author)

    def on_bulk_kind(self) -> None:
        kinds = list(Kind)
        dialogs.ask_choice(self, tr("Set kind"), tr("Kind of every selected item:"),
                           [kind_text(k) for k in kinds], lambda i: self.bulk_set_kind(kinds[i]))

    def on_bulk_status(self) -> None:
        dialogs.ask_choice(self, tr("Set status"), tr("Status of every selected page:"),
                           [status_text(s) for s in STATUSES], lambda i: self.set_pages_status(STATUSES[i]))

    def set_pages_status(self, status: str) -> None:
        """Set the status of the selected pages (or the open one) as one undoable step on the open
        page's stack; the statuses reach the project file at once, in one transaction."""
        ids = self.pages.selected_page_ids() or ([self.doc.page_id] if self.doc else [])
        if not ids:
            return
        after = dict.fromkeys(ids, status)
        try:
            before = {r.id: r.status for r in self.store.page_rows(ids)}
            self.store.set_statuses(after)
        except NewsdeskError as e:
            dialogs.show_error(self, e)
            return
        self._statuses_applied(after)
        if self.doc is not None:
            stack = self.doc.stack
            was_clean = stack.isClean()
            stack.push(StatusCommand(f"{label('status')}: {status_text(status)} ({len(ids)})", before, after,
                                     self.apply_statuses))
            if was_clean:  # the statuses are saved already: the page is no more "unsaved" than before
                stack.setClean()

    def apply_statuses(self, statuses: dict[int, str]) -> None:
        """Write page statuses (undo/redo of a StatusCommand); an error is shown, not raised."""
        try:
            self.store.set_statuses(statuses)
        except NewsdeskError as e:
            self.show_notice(dialogs.error_text(e))
            return
        self._statuses_applied(statuses)

    def _statuses_applied(self, statuses: dict[int, str]) -> None:
        for page_id, status in statuses.items():
            if page_id in self.docs:
                self.docs[page_id].status = status
        self.pages.refresh(self.doc.page_id if self.doc else None)
        self._show_state()

    # relabel slots: one per role
    def on_as_title(self) -> None:
        self.relabel(Role.TITLE)

    def on_as_kicker(self) -> None:
        self.relabel(Role.KICKER)

    def on_as_subtitle(self) -> None:
        self.relabel(Role.SUBTITLE)

    def on_as_byline(self) -> None:
        self.relabel(Role.BYLINE)

    def on_as_caption(self) -> None:
        self.relabel(Role.CAPTION)

    def on_as_subhead(self) -> None:
        self.relabel(Role.SUBHEAD)

    def on_as_body(self) -> None:
        self.relabel(Role.BODY)

    def on_as_furniture(self) -> None:
        self.relabel(Role.FURNITURE)
