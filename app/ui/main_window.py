"""The main window: pages | source | items + item editor, with changes, history and search docks.

Slots only build a command and push it on the page's QUndoStack (one per page, in a QUndoGroup); views
update from the `PageChange` each command sends. Saving goes through `Store.save_page`; every command
reaches the project's journal within a second, and the journal is restored on the next start.
The editing slots live in `fixes.py` (FixesMixin), saving and the journal in `saving.py` (SavingMixin),
opening, locking, importing and exporting projects in `project_ops.py` (ProjectMixin).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QActionGroup, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
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

from ..core.errors import NewsdeskError
from . import dialogs
from .actions import RELABEL_ROLES, Act, create_actions, retranslate
from .changes_view import ChangesView
from .commands import PageChange, PageDoc
from .fixes import FixesMixin
from .i18n import language, set_language, tr
from .import_dialog import ImportJob
from .item_panel import ItemPanel
from .models import ItemsModel, Roles, status_text
from .page_view import SourceView
from .pages_panel import PagesPanel
from .project_ops import ProjectMixin
from .report_view import ReportView
from .saving import SavingMixin
from .search_panel import SearchPanel
from .tasks import run_task

log = logging.getLogger(__name__)
JOURNAL_DELAY_MS = 1000
WARM_UP_DELAY_MS = 100  # jieba starts loading this long after the first show: the window paints first
FIRST_PAINT_WAIT_S = 3.0  # (or this long after it was asked for, if the window is never shown)
CHANGES_DELAY_MS = 250  # the diff walks every character: wait until the editor pauses, run it on a worker


class MainWindow(FixesMixin, SavingMixin, ProjectMixin, QMainWindow):
    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.store = store
        self.docs: dict[int, PageDoc] = {}
        self.doc: PageDoc | None = None
        self.current_item: int | None = None
        self.tags_ready = False
        self.last_notice = ""
        self.read_only = False
        self.import_job: ImportJob | None = None
        self.export_dialog: Any = None
        self.undo_group = QUndoGroup(self)
        self.undo_group.cleanChanged.connect(self._show_state)
        self._journal_due: set[int] = set()
        self._journal_timer = QTimer(self, singleShot=True, interval=JOURNAL_DELAY_MS)
        self._journal_timer.timeout.connect(self.flush_journal)
        self._state_timer = QTimer(self, singleShot=True, interval=JOURNAL_DELAY_MS)
        self._state_timer.timeout.connect(self.save_state)
        self._changes_timer = QTimer(self, singleShot=True, interval=CHANGES_DELAY_MS)
        self._changes_generation = 0
        self._changes_timer.timeout.connect(self.show_changes)
        self._selecting = False
        self.setAcceptDrops(True)
        self.project_lock: Any = None
        self.project_box: QMessageBox | None = None
        self._build()
        self.retranslate()
        self.resize(1400, 900)
        self.lock_project()

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
        self.report = ReportView()
        self.report.store = self.store
        self.docks: dict[str, QDockWidget] = {}
        for name, widget in (("changes", self.changes), ("history", self.history), ("search", self.search),
                             ("report", self.report)):
            dock = QDockWidget(self)
            dock.setObjectName(f"{name}_dock")
            dock.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self.docks[name] = dock
        self.tabifyDockWidget(self.docks["changes"], self.docks["history"])
        self.tabifyDockWidget(self.docks["history"], self.docks["search"])
        self.tabifyDockWidget(self.docks["search"], self.docks["report"])
        self.docks["changes"].raise_()
        self._first_show = True
        self._painted = threading.Event()  # set once the window has been shown and painted

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

        menu("file", [a[Act.OPEN_PROJECT], a[Act.IMPORT_PAGES], a[Act.IMPORT_FOLDER], a[Act.EXPORT], None, a[Act.SAVE], None,
                      a[Act.QUIT]])
        menu("edit", [self.undo_action, self.redo_action, None, a[Act.CORRECT_TEXT], None, a[Act.FIND]])
        menu("item", [a[Act.SPLIT_HERE], a[Act.MERGE_NEXT], a[Act.MERGE_PREVIOUS], None, a[Act.NEW_ITEM],
                      a[Act.ADD_TO_ITEM], a[Act.TO_FURNITURE],
                      ("relabel", [a[k] for k in RELABEL_ROLES]), None,
                      a[Act.PARAGRAPH_UP], a[Act.PARAGRAPH_DOWN], None, a[Act.DELETE_ITEM], None,
                      a[Act.BULK_TAG], a[Act.BULK_AUTHOR], a[Act.BULK_KIND]])
        menu("page", [a[Act.RESPLIT], None, a[Act.MARK_DONE], a[Act.NEXT_PAGE], a[Act.PREVIOUS_PAGE], None,
                      a[Act.BULK_STATUS], None, a[Act.QUALITY_REPORT]])
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
        for name, title in (("changes", "Changes"), ("history", "Undo history"), ("search", "Search"),
                            ("report", "Quality report")):
            self.docks[name].setWindowTitle(tr(title))
        self.toolbar.setWindowTitle(tr("Toolbar"))
        self.correction_label.setText(tr("Correct selected text:"))
        self.correction.setPlaceholderText(tr("select text in the source, type the right text, press Enter"))
        self.actions[Act.LANG_ZH].setChecked(language() == "zh")
        self.actions[Act.LANG_EN].setChecked(language() == "en")
        for w in (self.pages, self.panel, self.changes, self.search, self.report):
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
            self.changes.show_diff(result, page)

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
        self._state_timer.start()

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
            self.open_page(self.pages.model.page_id(row - 1))

    def open_hit(self, page_id: int, item_id: int | None) -> None:
        self.open_page(page_id, item_id)
        if item_id is not None:
            self.select_item(item_id)

    def on_find(self) -> None:
        self.docks["search"].show()
        self.docks["search"].raise_()
        self.search.query.setFocus()
        self.search.query.selectAll()

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
        """Load jieba on a worker, once the window has been shown and painted: loading it holds the GIL
        for a moment, which would otherwise delay the window's first paint."""
        from ..core.tags import warm_up

        painted = self._painted

        def load() -> None:
            painted.wait(FIRST_PAINT_WAIT_S)
            warm_up()

        def done(result: Any = None, error: BaseException | None = None) -> None:
            self.tags_ready = error is None
            self.panel.tags_ready = self.tags_ready
            if self.doc is not None:
                self.panel.show_item(self.doc.page, self.current_item)

        run_task(load, done)

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
        self.status_state.setText(tr("Read-only") if self.read_only
                                  else tr("Unsaved changes") if doc.dirty else tr("Saved"))

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
            QTimer.singleShot(WARM_UP_DELAY_MS, self._painted.set)
            QTimer.singleShot(0, lambda: self.resizeDocks([self.docks["changes"]], [150],
                                                          Qt.Orientation.Vertical))
