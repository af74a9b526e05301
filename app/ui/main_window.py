"""The main window: pages | source | items + item editor, with changes, history and search docks.

Slots only build a command and push it on the page's QUndoStack (one per page, in a QUndoGroup); views
update from the `PageChange` each command sends. Saving goes through `Store.save_page`; every command
reaches the project's journal within a second, and the journal is restored on the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTreeView,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from ..core import edits
from ..core.errors import EditError, NewsdeskError
from ..core.page import Block, Item, Kind, Page, Role
from . import dialogs
from .actions import RELABEL_ROLES, Act, create_actions, retranslate
from .changes_view import ChangesView
from .commands import FieldCommand, PageChange, PageCommand, PageDoc, edit_command, label
from .i18n import language, set_language, tr
from .item_panel import ItemPanel
from .models import STATUSES, ItemsModel, Roles, kind_text, status_text
from .page_view import SourceView
from .pages_panel import PagesPanel
from .search_panel import SearchPanel
from .tasks import run_task

log = logging.getLogger(__name__)
JOURNAL_DELAY_MS = 1000
CHANGES_DELAY_MS = 250  # the diff walks every character: wait until the editor pauses, run it on a worker


class MainWindow(QMainWindow):
    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.store = store
        self.docs: dict[int, PageDoc] = {}
        self.doc: PageDoc | None = None
        self.current_item: int | None = None
        self.tags_ready = False
        self.last_notice = ""
        self.undo_group = QUndoGroup(self)
        self.undo_group.cleanChanged.connect(self._show_state)
        self._journal_due: set[int] = set()
        self._journal_timer = QTimer(self, singleShot=True, interval=JOURNAL_DELAY_MS)
        self._journal_timer.timeout.connect(self.flush_journal)
        self._changes_timer = QTimer(self, singleShot=True, interval=CHANGES_DELAY_MS)
        self._changes_generation = 0
        self._changes_timer.timeout.connect(self.show_changes)
        self._selecting = False
        self.setAcceptDrops(True)
        self._build()
        self.retranslate()
        self.resize(1400, 900)

    # --- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.actions = create_actions(self)
        self.undo_action = self.undo_group.createUndoAction(self)
        self.undo_action.setShortcuts(self._std("Undo"))
        self.redo_action = self.undo_group.createRedoAction(self)
        self.redo_action.setShortcuts(self._std("Redo"))
        self.undo_group.undoTextChanged.connect(self._undo_texts)
        self.undo_group.redoTextChanged.connect(self._undo_texts)
        self.undo_group.activeStackChanged.connect(self._undo_texts)
        lang_group = QActionGroup(self)
        for key in (Act.LANG_ZH, Act.LANG_EN):
            lang_group.addAction(self.actions[key])

        self.pages = PagesPanel(self.store)
        self.pages.pageActivated.connect(self.open_page)
        self.pages.nextRequested.connect(self.on_next_page)

        self.source = SourceView()
        self.source.itemClicked.connect(lambda item_id: self.select_item(item_id, scroll=False))
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background:#fff4c2;border:1px solid #e0c060;padding:4px;")
        self.notice.hide()
        self.correction = QLineEdit()
        self.correction.setObjectName("correction")
        self.correction.returnPressed.connect(self.apply_correction)
        self.correction_label = QLabel()
        correction_row = QHBoxLayout()
        correction_row.addWidget(self.correction_label)
        correction_row.addWidget(self.correction, 1)
        source_box = QWidget()
        source_layout = QVBoxLayout(source_box)
        source_layout.setContentsMargins(0, 0, 0, 0)
        source_layout.addWidget(self.notice)
        source_layout.addWidget(self.source, 1)
        source_layout.addLayout(correction_row)

        self.items_model = ItemsModel(self)
        self.items_model.moveRequested.connect(self.move_item)
        self.items = QTreeView()
        self.items.setObjectName("items")
        self.items.setModel(self.items_model)
        self.items.setRootIsDecorated(False)
        self.items.setUniformRowHeights(True)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.items.setDragEnabled(True)
        self.items.setAcceptDrops(True)
        self.items.setDropIndicatorShown(True)
        self.items.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.items.setColumnWidth(1, 240)
        self.items.selectionModel().currentRowChanged.connect(self._item_row_changed)

        self.panel = ItemPanel()
        self.panel.fieldEdited.connect(self.set_field)
        self.panel.kindChosen.connect(self.set_kind)
        panel_scroll = QScrollArea()
        panel_scroll.setWidget(self.panel)
        panel_scroll.setWidgetResizable(True)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.items)
        right.addWidget(panel_scroll)
        right.setSizes([260, 640])

        main = QSplitter(Qt.Orientation.Horizontal)
        main.setObjectName("main_splitter")
        main.addWidget(self.pages)
        main.addWidget(source_box)
        main.addWidget(right)
        main.setSizes([280, 600, 520])
        main.setStretchFactor(1, 1)
        self.setCentralWidget(main)

        self.changes = ChangesView()
        self.changes.revertRequested.connect(self.revert_change)
        self.changes.onlyChangedToggled.connect(self._filter_items)
        self.history = QUndoView(self.undo_group)
        self.history.setObjectName("history")
        self.search = SearchPanel()
        self.search.store = self.store
        self.search.hitActivated.connect(self.open_hit)
        self.docks: dict[str, QDockWidget] = {}
        for name, widget in (("changes", self.changes), ("history", self.history), ("search", self.search)):
            dock = QDockWidget(self)
            dock.setObjectName(f"{name}_dock")
            dock.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self.docks[name] = dock
        self.tabifyDockWidget(self.docks["changes"], self.docks["history"])
        self.tabifyDockWidget(self.docks["history"], self.docks["search"])
        self.docks["changes"].raise_()
        self._first_show = True

        self.status_file = QLabel()
        self.status_counts = QLabel()
        self.status_state = QLabel()
        for w in (self.status_file, self.status_counts, self.status_state):
            w.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.status_file)
        self.statusBar().addPermanentWidget(self.status_counts)
        self.statusBar().addPermanentWidget(self.status_state)
        self._build_menus()
        self._update_enabled()

    def _undo_texts(self, *_args: Any) -> None:
        """Undo/Redo menu texts in the current language: "Undo Merge items" / "撤销 合并文章"."""
        for action, word, text in ((self.undo_action, "Undo", self.undo_group.undoText()),
                                   (self.redo_action, "Redo", self.undo_group.redoText())):
            action.setText(f"{tr(word)} {text}".strip())

    @staticmethod
    def _std(name: str) -> list[Any]:
        from PySide6.QtGui import QKeySequence

        return QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, name))

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        bar.clear()
        self.menus: dict[str, Any] = {}

        def menu(key: str, entries: list[Any]) -> Any:
            m = bar.addMenu("")
            self.menus[key] = m
            for entry in entries:
                if entry is None:
                    m.addSeparator()
                elif isinstance(entry, tuple):
                    sub = m.addMenu("")
                    self.menus[entry[0]] = sub
                    for e in entry[1]:
                        sub.addAction(e)
                else:
                    m.addAction(entry)
            return m

        menu("file", [a[Act.OPEN_PROJECT], a[Act.IMPORT_PAGES], None, a[Act.SAVE], None, a[Act.QUIT]])
        menu("edit", [self.undo_action, self.redo_action, None, a[Act.CORRECT_TEXT], None, a[Act.FIND]])
        menu("item", [a[Act.SPLIT_HERE], a[Act.MERGE_NEXT], a[Act.MERGE_PREVIOUS], None, a[Act.NEW_ITEM],
                      a[Act.ADD_TO_ITEM], a[Act.TO_FURNITURE],
                      ("relabel", [a[k] for k in RELABEL_ROLES]), None,
                      a[Act.PARAGRAPH_UP], a[Act.PARAGRAPH_DOWN], None, a[Act.DELETE_ITEM], None,
                      a[Act.BULK_TAG], a[Act.BULK_AUTHOR], a[Act.BULK_KIND]])
        menu("page", [a[Act.RESPLIT], None, a[Act.MARK_DONE], a[Act.NEXT_PAGE], a[Act.PREVIOUS_PAGE], None,
                      a[Act.BULK_STATUS]])
        menu("view", [*(d.toggleViewAction() for d in self.docks.values()), None,
                      ("language", [a[Act.LANG_ZH], a[Act.LANG_EN]])])
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (a[Act.SAVE], self.undo_action, self.redo_action, None, a[Act.SPLIT_HERE],
                    a[Act.MERGE_NEXT], a[Act.NEW_ITEM], a[Act.DELETE_ITEM], None, a[Act.MARK_DONE]):
            toolbar.addSeparator() if act is None else toolbar.addAction(act)
        self.toolbar = toolbar

    def retranslate(self) -> None:
        retranslate(self.actions)
        self._undo_texts()
        titles = {"file": "&File", "edit": "&Edit", "item": "&Item", "page": "&Page", "view": "&View",
                  "relabel": "&Relabel selection", "language": "&Language"}
        for key, m in self.menus.items():
            m.setTitle(tr(titles[key]))
        for name, title in (("changes", "Changes"), ("history", "Undo history"), ("search", "Search")):
            self.docks[name].setWindowTitle(tr(title))
        self.toolbar.setWindowTitle(tr("Toolbar"))
        self.correction_label.setText(tr("Correct selected text:"))
        self.correction.setPlaceholderText(tr("select text in the source, type the right text, press Enter"))
        self.actions[Act.LANG_ZH].setChecked(language() == "zh")
        self.actions[Act.LANG_EN].setChecked(language() == "en")
        for w in (self.pages, self.panel, self.changes, self.search):
            w.retranslate()
        self.history.setEmptyLabel(tr("<saved>"))
        self.items_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self.items_model.set_page(None)
        if self.doc is not None:
            self.items_model.set_page(self.doc.page)
            self.select_item(self.current_item, scroll=False)
        self._show_state()

    # --- pages -----------------------------------------------------------------------------------
    def _load_doc(self, page_id: int) -> PageDoc:
        doc = self.docs.get(page_id)
        if doc is None:
            page = self.store.load_page(page_id)
            doc = PageDoc(page_id, self.store.load_auto_page(page_id), page, self.store.page_status(page_id), self)
            doc.changed.connect(self._page_changed)
            self.undo_group.addStack(doc.stack)
            self.docs[page_id] = doc
        return doc

    def open_page(self, page_id: int | None, item_id: int | None = None) -> None:
        """Show a page (saving the one open before, if it changed) and select an item of it."""
        if page_id is None:
            return
        if self.doc is not None and self.doc.page_id == page_id:
            if item_id is not None:
                self.select_item(item_id)
            return
        if self.doc is not None and self.doc.dirty:
            self.save()
        try:
            doc = self._load_doc(page_id)
        except NewsdeskError as e:
            dialogs.show_error(self, e)
            return
        self.doc = doc
        self.undo_group.setActiveStack(doc.stack)
        self.current_item = None
        self.source.set_page(doc.page)
        self.items_model.set_page(doc.page)
        self._changes_timer.start()
        self.pages.show_current(page_id)
        first = doc.page.items[0].id if doc.page.items else None
        self.select_item(item_id if item_id is not None and self._has(item_id) else first)
        self._filter_items(self.changes.only_changed.isChecked())
        self._show_state()
        self._update_enabled()

    def show_changes(self) -> None:
        """Refresh the changes view: the diff runs on a worker (pages are immutable); a stale one is dropped."""
        if self.doc is None:
            return
        from .changes_view import diff_pages

        self._changes_generation += 1
        generation, auto, page = self._changes_generation, self.doc.auto, self.doc.page

        def done(result: Any = None, error: BaseException | None = None) -> None:
            if generation != self._changes_generation:
                return
            if error is not None:
                self.show_notice(dialogs.error_text(error))
                result = []
            self.changes.show_diff(result)

        run_task(lambda: diff_pages(auto, page), done)

    def _has(self, item_id: int | None) -> bool:
        return self.doc is not None and any(it.id == item_id for it in self.doc.page.items)

    def _page_changed(self, change: PageChange) -> None:
        doc = self.sender()
        if isinstance(doc, PageDoc):
            self._schedule_journal(doc)
        if doc is not self.doc:
            return
        if change.structure:
            self.source.set_page(change.page)
        self.items_model.set_page(change.page)
        self._changes_timer.start()
        focus = change.focus_item if self._has(change.focus_item) else self.current_item
        if not self._has(focus):
            focus = change.page.items[0].id if change.page.items else None
        self.select_item(focus, scroll=change.structure)
        self._filter_items(self.changes.only_changed.isChecked())
        self._show_state()

    # --- items -----------------------------------------------------------------------------------
    def select_item(self, item_id: int | None, scroll: bool = True) -> None:
        """Make an item current: outline it in the source, show it in the list and the editor."""
        if self.doc is None:
            return
        self.current_item = item_id if self._has(item_id) else None
        self.source.set_current_item(self.current_item, scroll=scroll)
        self.panel.show_item(self.doc.page, self.current_item)
        row = self.items_model.row_of(self.current_item) if self.current_item is not None else -1
        if row >= 0:
            self._selecting = True
            index = self.items_model.index(row, 0)
            sm = self.items.selectionModel()
            if sm.currentIndex().row() != row or not sm.isRowSelected(row, QModelIndex()):
                sm.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                   | QItemSelectionModel.SelectionFlag.Rows)
            self.items.scrollTo(index)
            self._selecting = False
        self._update_enabled()

    def _item_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.select_item(current.data(Roles.ID))

    def selected_item_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.items.selectionModel().selectedRows()})
        ids = [self.items_model.item_id(r) for r in rows]
        return ids or ([self.current_item] if self.current_item is not None else [])

    def _filter_items(self, only_changed: bool) -> None:
        if self.doc is None:
            return
        for row, item in enumerate(self.doc.page.items):
            self.items.setRowHidden(row, QModelIndex(), only_changed and not item.edited)

    # --- pushing commands ------------------------------------------------------------------------
    def _push(self, build: Callable[[], PageCommand | None]) -> bool:
        """Build a command (it may raise EditError) and push it; an edit that changes nothing is dropped."""
        if self.doc is None:
            return False
        try:
            command = build()
        except NewsdeskError as e:
            self.show_notice(str(e))
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
            self.show_notice(str(e))

    # --- the fixes -------------------------------------------------------------------------------
    def on_split_here(self) -> None:
        def run() -> None:
            item, block = self._block_at_cursor()
            if item is None:
                raise EditError(tr("That text belongs to no item."))
            self._edit("split", edits.split_item, item.id, block.id, new_item=True, focus=item.id)
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
            self.show_notice(str(e))
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
        span = self.source.selection_span()
        if span is not None and self.doc is not None:
            self.correction.setText(self.doc.page.span_text(*span))
        self.correction.setFocus()
        self.correction.selectAll()

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
            self.show_notice(str(e))
            return
        if not steps:
            return
        doc.stack.beginMacro(f"{label('bulk')} ({len(ids)})")
        for step in steps:
            doc.stack.push(step)
        doc.stack.endMacro()

    def bulk_add_tag(self, tag: str) -> None:
        from ..core.metadata import item_tags

        tag = tag.strip()
        if tag:
            self._bulk(lambda page, i: edits.set_field(
                page, i, "tags", [t for t in item_tags(page, page.item(i)) if t != tag] + [tag]))

    def bulk_add_author(self, text: str) -> None:
        from ..core.metadata import item_metadata

        parts = text.split()
        if not parts:
            return
        name, role = parts[0], " ".join(parts[1:])
        new = {"name": name, "role": role}
        self._bulk(lambda page, i: edits.set_field(
            page, i, "authors", [a for a in item_metadata(page, page.item(i))["authors"] if a != new] + [new]))

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
        ids = self.pages.selected_page_ids() or ([self.doc.page_id] if self.doc else [])
        try:
            for page_id in ids:
                if self.doc is not None and page_id == self.doc.page_id:
                    self.save(status)
                else:
                    self.store.set_status(page_id, status)
                    if page_id in self.docs:
                        self.docs[page_id].status = status
        except NewsdeskError as e:
            dialogs.show_error(self, e)
        self.pages.refresh(self.doc.page_id if self.doc else None)

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
        self.statusBar().showMessage(tr("Saved {name}").format(name=doc.page.name), 4000)
        self._show_state()
        self.save_state()
        return True

    def on_save(self) -> None:
        self.save()

    def _schedule_journal(self, doc: PageDoc) -> None:
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
                self.show_notice(str(e))
        self.save_state()

    def restore_journal(self) -> list[int]:
        """Bring back the edits a crash left unsaved, as one undoable command per page; says so."""
        restored = []
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
        if self.doc is None:
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
        rows = self.store.list_pages()
        if not any(r.id == page_id for r in rows):
            page_id = rows[0].id if rows else None
        item_id = self.store.get_state("last_item") if page_id == self.store.get_state("last_page") else None
        self.pages.refresh()
        self.open_page(page_id, item_id)

    # --- navigation ------------------------------------------------------------------------------
    def on_mark_done(self) -> None:
        if self.doc is not None and self.save("done"):
            self.on_next_page()

    def on_next_page(self) -> None:
        after = self.doc.page_id if self.doc else None
        page_id = self.store.next_page_to_review(after)
        if page_id is None:
            self.show_notice(tr("Every page is done."))
            return
        self.open_page(page_id)

    def on_previous_page(self) -> None:
        if self.doc is None:
            return
        row = self.pages.model.row_of(self.doc.page_id)
        if row > 0:
            self.open_page(self.pages.model.page_row(row - 1).id)

    def open_hit(self, page_id: int, item_id: int | None) -> None:
        self.open_page(page_id, item_id)
        if item_id is not None:
            self.select_item(item_id)

    def on_find(self) -> None:
        self.docks["search"].show()
        self.docks["search"].raise_()
        self.search.query.setFocus()
        self.search.query.selectAll()

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
        self.store = store
        self.search.store = store
        self.pages.model.set_store(store)
        self.restore_journal()
        self.open_last()

    def on_import_pages(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Import pages"), "", tr("Page texts (*.txt)"))
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str], open_first: bool = True,
                     done: Callable[[list[int]], None] | None = None) -> None:
        """Load and split page files in the background, then store them and open the first one."""
        from .importing import read_pages

        self.statusBar().showMessage(tr("Importing {n} path(s)…").format(n=len(paths)))

        def finished(result: Any = None, error: BaseException | None = None) -> None:
            ids = self._store_imports(result or ([], []), error)
            if ids and open_first:
                self.open_page(ids[0])
            if done is not None:
                done(ids)

        run_task(lambda: read_pages(paths), finished)

    def _store_imports(self, result: tuple[list[Any], list[str]], error: BaseException | None) -> list[int]:
        if error is not None:
            dialogs.show_error(self, error)
            return []
        pages, problems = result
        ids = []
        for source, page in pages:
            try:
                page_id, _status = self.store.import_source(source, page)
                ids.append(page_id)
            except NewsdeskError as e:
                problems.append(str(e))
        self.pages.refresh(self.doc.page_id if self.doc else None)
        message = tr("Imported {n} page(s).").format(n=len(ids))
        if problems:
            message += " " + tr("Could not import:") + " " + "; ".join(problems)
        self.show_notice(message)
        return ids

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.import_paths(paths)
            event.acceptProposedAction()

    # --- language, jieba -------------------------------------------------------------------------
    def on_lang_zh(self) -> None:
        self.switch_language("zh")

    def on_lang_en(self) -> None:
        self.switch_language("en")

    def switch_language(self, lang: str) -> None:
        set_language(lang)
        self.retranslate()
        try:
            self.store.set_state("language", lang)
        except NewsdeskError:
            pass

    def warm_up_tags(self) -> None:
        from ..core.tags import warm_up

        def done(result: Any = None, error: BaseException | None = None) -> None:
            self.tags_ready = error is None
            self.panel.tags_ready = self.tags_ready
            if self.doc is not None:
                self.panel.show_item(self.doc.page, self.current_item)

        run_task(warm_up, done)

    # --- status, title, notices ------------------------------------------------------------------
    def show_notice(self, text: str) -> None:
        self.last_notice = text
        self.notice.setText(text)
        self.notice.show()
        self.statusBar().showMessage(text, 8000)

    def _show_state(self, *_args: Any) -> None:
        doc = self.doc
        if doc is None:
            self.setWindowTitle(tr("Newsdesk"))
            self.status_file.setText(Path(getattr(self.store, "path", "")).name)
            self.status_counts.clear()
            self.status_state.clear()
            return
        page = doc.page
        self.setWindowTitle(f"{page.name}[*] — {tr('Newsdesk')}")
        self.setWindowModified(doc.dirty)
        self.status_file.setText(f"{page.name} · {status_text(doc.status)} · {Path(self.store.path).name}")
        unassigned = sum(e - s for b in page.unassigned for s, e in b.spans)
        counts = tr("{items} items, {articles} articles").format(items=len(page.items),
                                                                 articles=len(page.articles))
        if unassigned:
            counts += ", " + tr("{n} characters unassigned").format(n=unassigned)
        self.status_counts.setText(counts)
        self.status_state.setText(tr("Unsaved changes") if doc.dirty else tr("Saved"))

    def _update_enabled(self) -> None:
        has_page = self.doc is not None
        has_item = has_page and self.current_item is not None
        for key in (Act.SAVE, Act.SPLIT_HERE, Act.NEW_ITEM, Act.TO_FURNITURE, Act.RESPLIT, Act.CORRECT_TEXT,
                    Act.MARK_DONE, Act.PARAGRAPH_UP, Act.PARAGRAPH_DOWN, *RELABEL_ROLES):
            self.actions[key].setEnabled(has_page)
        for key in (Act.MERGE_NEXT, Act.MERGE_PREVIOUS, Act.ADD_TO_ITEM, Act.DELETE_ITEM, Act.BULK_TAG,
                    Act.BULK_AUTHOR, Act.BULK_KIND):
            self.actions[key].setEnabled(has_item)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._first_show:  # dock sizes apply only once the window is laid out
            self._first_show = False
            QTimer.singleShot(0, lambda: self.resizeDocks([self.docks["changes"]], [150],
                                                          Qt.Orientation.Vertical))

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
        self.save_state()
        event.accept()

    def on_quit(self) -> None:
        self.close()

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

