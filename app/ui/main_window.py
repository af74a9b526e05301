"""The main window: the regions laid out, the menus, the bottom tabs and the status bar.

The window only assembles. What it shows is the `Session` (the project, the open pages, the page shown,
its current item), and each region follows the session on its own: the page list (`pages_panel.py`),
the source (`source_panel.py`), the items (`items_list.py`), the item editor (`item_panel.py`) and the
bottom tabs (changes, undo history, search, quality report). What the user does goes to a controller:
the fixes (`fixes.py`), going through pages and statuses (`review.py`), saving and the journal
(`saving.py`), projects, import and export (`project_ops.py`). Every action is connected here, in one
table (`_slots`), to the method it calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QScrollArea, QSplitter, QUndoView, QWidget

from ..core.errors import NewsdeskError
from .actions import RELABEL_ROLES, Act, create_actions, retranslate
from .changes_view import ChangesView
from .commands import PageDoc, retranslate_stack
from .fixes import Fixes
from .i18n import language, set_language, tr
from .item_panel import ItemPanel
from .items_list import ItemsList
from .learning import Learning
from .models import status_text
from .pages_panel import PagesPanel
from .project_ops import ProjectOps
from .report_view import ReportView
from .review import Review
from .saving import Saving
from .search_panel import SearchPanel
from .session import Session
from .source_panel import SourcePanel
from .tasks import run_task

WARM_UP_DELAY_MS = 100  # jieba starts loading this long after the first show: the window paints first
FIRST_PAINT_WAIT_S = 3.0  # (or this long after it was asked for, if the window is never shown)
NOTICE_MS = 8000  # how long a notice stays in the status bar (the notice bar keeps it)
REPORT_HEIGHT = 300  # the quality report tab opens tall enough for its measures
CHANGES_HEIGHT = 150
# the panes at the default 1400 wide: page list, source, items over the article, the item editor's form;
# what a wider window adds goes to the source and the article (a narrower one takes it from them first)
PANE_SIZES = (200, 440, 420, 340)
PANE_STRETCH = (0, 3, 3, 1)
ITEMS_SIZES = (170, 560)  # the items list over the article view
MENU_TITLES = {"file": "&File", "edit": "&Edit", "item": "&Item", "page": "&Page", "view": "&View",
               "help": "&Help", "relabel": "&Relabel selection", "language": "&Language"}
MENU_BAR = ("file", "edit", "item", "page", "view", "help")
TAB_TITLES = {"changes": "Changes", "history": "Undo history", "search": "Search", "report": "Quality report"}


class MainWindow(QMainWindow):
    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.session = Session(store, self)
        self.tags_ready = False
        self.last_notice = ""
        self.setAcceptDrops(True)
        self._first_show = True
        self._layout_restored = False
        self.remembers_layout = False  # restore_layout() makes the window keep its layout between runs
        self._painted = threading.Event()  # set once the window has been shown and painted
        self._enabled_for: tuple[bool, bool, bool] | None = None  # what the actions were last enabled for
        self._build_regions()
        self._build_controllers()
        self._build_actions()
        self._build_menus()
        self._connect()
        self.retranslate()
        self.resize(1400, 900)
        self.project.lock_project()

    # --- what the session holds, for readers of the window ----------------------------------------
    @property
    def store(self) -> Any:
        return self.session.store

    @property
    def doc(self) -> PageDoc | None:
        return self.session.doc

    @property
    def docs(self) -> dict[int, PageDoc]:
        return self.session.docs

    @property
    def current_item(self) -> int | None:
        return self.session.current_item

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    @property
    def undo_group(self) -> Any:
        return self.session.undo_group

    @property
    def import_job(self) -> Any:
        return self.project.import_job

    @property
    def export_dialog(self) -> Any:
        return self.project.export_dialog

    @property
    def project_box(self) -> Any:
        return self.project.project_box

    # --- construction ----------------------------------------------------------------------------
    def _build_regions(self) -> None:
        session = self.session
        self.pages = PagesPanel(session.store)
        self.source_panel = SourcePanel(session)
        self.source, self.notice, self.correction = (self.source_panel.view, self.source_panel.notice,
                                                     self.source_panel.correction)
        self.items_list = ItemsList(session)
        self.items, self.items_model = self.items_list.view, self.items_list.model
        self.panel = ItemPanel(session)
        self.article = self.panel.article
        self.article.sourceRequested.connect(self._show_in_source)
        panel_scroll = QScrollArea()
        panel_scroll.setObjectName("item_editor")
        panel_scroll.setWidget(self.panel)
        panel_scroll.setWidgetResizable(True)
        middle = QSplitter(Qt.Orientation.Vertical)  # the page's items over the one selected, as exported
        middle.setObjectName("items_splitter")
        middle.addWidget(self.items_list)
        middle.addWidget(self.article)
        middle.setSizes(list(ITEMS_SIZES))
        middle.setStretchFactor(1, 1)
        main = QSplitter(Qt.Orientation.Horizontal)
        main.setObjectName("main_splitter")
        for widget in (self.pages, self.source_panel, middle, panel_scroll):
            main.addWidget(widget)
        main.setSizes(list(PANE_SIZES))
        for index, stretch in enumerate(PANE_STRETCH):  # a wider window widens the source and the article
            main.setStretchFactor(index, stretch)
            main.setCollapsible(index, index == 0)  # only the page list folds away to the edge
        self.setCentralWidget(main)

        self.changes = ChangesView(session)
        self.history = QUndoView()  # it follows the undo group while its tab is in view (`_history_shown`)
        self.history.setObjectName("history")
        self.search = SearchPanel(session)
        self.report = ReportView(session)
        self.docks: dict[str, QDockWidget] = {}
        for name, widget in (("changes", self.changes), ("history", self.history), ("search", self.search),
                             ("report", self.report)):
            dock = QDockWidget(self)
            dock.setObjectName(f"{name}_dock")
            if name == "report":  # its measures and chart scroll: a tall report never squeezes the editor
                scroll = QScrollArea()
                scroll.setObjectName("report_scroll")
                scroll.setWidget(widget)
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QScrollArea.Shape.NoFrame)
                widget = scroll
            dock.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self.docks[name] = dock
        self.docks["history"].visibilityChanged.connect(self._history_shown)
        self.tabifyDockWidget(self.docks["changes"], self.docks["history"])
        self.tabifyDockWidget(self.docks["history"], self.docks["search"])
        self.tabifyDockWidget(self.docks["search"], self.docks["report"])
        self.docks["changes"].raise_()

        self.status_file, self.status_counts, self.status_state = QLabel(), QLabel(), QLabel()
        for name, label in (("status_file", self.status_file), ("status_counts", self.status_counts),
                            ("status_state", self.status_state)):
            label.setObjectName(name)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.statusBar().addPermanentWidget(label)

    def _build_controllers(self) -> None:
        session, notify = self.session, self.show_notice
        self.saving = Saving(session, notify, self)
        self.review = Review(session, self.pages, self.saving, notify, self)
        self.project = ProjectOps(session, self.saving, self.review, notify, self)
        self.fixes = Fixes(session, self.source_panel, self.items_list, self.panel, notify, self)
        self.learning = Learning(session, self.saving, notify, self, self._reload_pages)

    def _slots(self) -> dict[Act, Callable[[], object]]:
        """Every action's method: the one place to look from an action to its code."""
        fixes, review, project = self.fixes, self.review, self.project
        slots: dict[Act, Callable[[], object]] = {
            Act.OPEN_PROJECT: project.open_project,
            Act.IMPORT_PAGES: project.import_pages,
            Act.IMPORT_FOLDER: project.import_folder,
            Act.EXPORT: project.export,
            Act.QUALITY_REPORT: self.show_report,
            Act.SAVE: self.saving.save_current,
            Act.QUIT: self.close,
            Act.FIND: self.find,
            Act.SPLIT_HERE: fixes.split_here,
            Act.MERGE_NEXT: fixes.merge_next,
            Act.MERGE_PREVIOUS: fixes.merge_previous,
            Act.NEW_ITEM: fixes.new_item,
            Act.ADD_TO_ITEM: fixes.add_to_item,
            Act.TO_FURNITURE: fixes.to_furniture,
            Act.PARAGRAPH_UP: fixes.paragraph_up,
            Act.PARAGRAPH_DOWN: fixes.paragraph_down,
            Act.JOIN_PARAGRAPHS: fixes.join_paragraph,
            Act.SPLIT_PARAGRAPH: fixes.split_paragraph,
            Act.DELETE_ITEM: fixes.delete_item,
            Act.RESPLIT: fixes.resplit,
            Act.LEARN: self.learning.learn,
            Act.RESPLIT_TODO: self.learning.resplit_todo,
            Act.CORRECT_TEXT: fixes.correct_text,
            Act.BULK_TAG: fixes.ask_bulk_tag,
            Act.BULK_AUTHOR: fixes.ask_bulk_author,
            Act.BULK_KIND: fixes.ask_bulk_kind,
            Act.BULK_STATUS: review.ask_status,
            Act.MARK_DONE: review.mark_done,
            Act.NEXT_PAGE: review.next_page,
            Act.PREVIOUS_PAGE: review.previous_page,
            Act.LANG_ZH: partial(self.switch_language, "zh"),
            Act.LANG_EN: partial(self.switch_language, "en"),
            Act.SHORTCUTS: self.show_shortcuts,
            Act.README: self.show_readme,
            Act.ABOUT: self.show_about,
        }
        slots.update({key: partial(fixes.relabel, role) for key, role in RELABEL_ROLES.items()})
        return slots

    def _build_actions(self) -> None:
        self.actions = create_actions(self, self._slots())
        group = self.session.undo_group
        self.undo_action = group.createUndoAction(self)
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = group.createRedoAction(self)
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        for changed in (group.undoTextChanged, group.redoTextChanged, group.activeStackChanged):
            changed.connect(self._undo_texts)
        languages = QActionGroup(self)
        for key in (Act.LANG_ZH, Act.LANG_EN):
            languages.addAction(self.actions[key])

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        self.menus: dict[str, Any] = {}

        def menu(key: str, entries: list[Any]) -> None:
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

        menu("file", [a[Act.OPEN_PROJECT], a[Act.IMPORT_PAGES], a[Act.IMPORT_FOLDER], a[Act.EXPORT], None,
                      a[Act.SAVE], None, a[Act.QUIT]])
        menu("edit", [self.undo_action, self.redo_action, None, a[Act.CORRECT_TEXT], None, a[Act.FIND]])
        menu("item", [a[Act.SPLIT_HERE], a[Act.MERGE_NEXT], a[Act.MERGE_PREVIOUS], None, a[Act.NEW_ITEM],
                      a[Act.ADD_TO_ITEM], a[Act.TO_FURNITURE],
                      ("relabel", [a[k] for k in RELABEL_ROLES]), None,
                      a[Act.PARAGRAPH_UP], a[Act.PARAGRAPH_DOWN], a[Act.JOIN_PARAGRAPHS], a[Act.SPLIT_PARAGRAPH],
                      None, a[Act.DELETE_ITEM], None,
                      a[Act.BULK_TAG], a[Act.BULK_AUTHOR], a[Act.BULK_KIND]])
        self.source.context_entries = [a[Act.SPLIT_PARAGRAPH], a[Act.JOIN_PARAGRAPHS], a[Act.PARAGRAPH_UP],
                                       a[Act.PARAGRAPH_DOWN], None, a[Act.SPLIT_HERE], a[Act.NEW_ITEM],
                                       a[Act.ADD_TO_ITEM], a[Act.TO_FURNITURE], self.menus["relabel"],
                                       a[Act.CORRECT_TEXT]]
        self.article.context_entries = [a[Act.SPLIT_PARAGRAPH], a[Act.JOIN_PARAGRAPHS]]
        menu("page", [a[Act.RESPLIT], None, a[Act.MARK_DONE], a[Act.NEXT_PAGE], a[Act.PREVIOUS_PAGE], None,
                      a[Act.BULK_STATUS], None, a[Act.LEARN], a[Act.RESPLIT_TODO], None, a[Act.QUALITY_REPORT]])
        menu("view", [*(d.toggleViewAction() for d in self.docks.values()), None,
                      ("language", [a[Act.LANG_ZH], a[Act.LANG_EN]])])
        menu("help", [a[Act.SHORTCUTS], a[Act.README], None, a[Act.ABOUT]])
        toolbar = self.toolbar = self.addToolBar("main")
        toolbar.setObjectName("toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (a[Act.SAVE], self.undo_action, self.redo_action, None, a[Act.SPLIT_HERE],
                    a[Act.MERGE_NEXT], a[Act.NEW_ITEM], a[Act.DELETE_ITEM], None, a[Act.MARK_DONE]):
            toolbar.addSeparator() if act is None else toolbar.addAction(act)

    def _connect(self) -> None:
        session = self.session
        session.stateChanged.connect(self._show_state)  # also sent after a page is shown and after an edit
        session.pageShownBeside.connect(self._show_state)  # a page shown: its state a turn after its text
        session.stateChanged.connect(self._update_enabled)
        session.itemSelected.connect(self._update_enabled)
        self.pages.pageActivated.connect(self.review.open_page)
        self.pages.nextRequested.connect(self.review.next_page)
        self.changes.revertRequested.connect(self.fixes.revert_change)
        self.changes.onlyChangedToggled.connect(self.items_list.set_only_changed)
        self.changes.failed.connect(self.show_notice)
        self.search.hitActivated.connect(self.review.open_hit)
        self.saving.saved.connect(self._saved)
        self.project.projectChanged.connect(self._project_changed)
        self.project.imported.connect(self._imported)
        self.learning.learnt.connect(lambda _learnt: self.show_report())
        self.source.cursorPositionChanged.connect(self._follow_source_cursor)
        session.itemSelected.connect(self._follow_source_cursor)  # after the editor has shown the item
        session.pageShownBeside.connect(self._follow_source_cursor)

    def _history_shown(self, shown: bool) -> None:
        """The undo history lists the page's commands while its tab is in view; hidden, it follows no
        undo group, so that showing another page does not fill a list nobody sees."""
        group = self.session.undo_group if shown else None
        if self.history.group() is not group:
            self.history.setGroup(group)

    # --- following the controllers ---------------------------------------------------------------
    def _saved(self, doc: PageDoc) -> None:
        self.pages.refresh(self.doc.page_id if self.doc else None)
        self.panel.set_known_tags(self.store.all_tags())
        if self.report.isVisible():  # the report tab is in view: its figures follow the saved page
            self.report.refresh()
        self.statusBar().showMessage(tr("Saved {name}").format(name=doc.page.name), 4000)

    def _project_changed(self) -> None:
        self.report.show_result(None)
        self.pages.model.set_store(self.store)
        self.panel.set_known_tags(self.store.all_tags())

    def _reload_pages(self, page_ids: list[int]) -> None:
        """Pages split again in the project: the open ones are read anew, the page shown stays shown."""
        shown = self.doc.page_id if self.doc else None
        item = self.current_item
        self.session.forget(page_ids)
        if shown is not None and self.doc is None:
            self.review.open_page(shown, item)
        self.pages.refresh(shown)
        if self.report.isVisible():
            self.report.refresh()

    def _show_in_source(self, spans: tuple[tuple[int, int], ...]) -> None:
        """A part of the article clicked: its lines selected in the source, their start in view. A part
        printed in pieces (a paragraph across a column break, around a caption) is selected whole when
        only blank text lies between its pieces, else its first piece is."""
        if self.doc is None or not spans:
            return
        text = self.doc.page.text
        start, end = spans[0]
        for s, e in spans[1:]:
            if text[end:s].strip():
                break
            end = e
        self.source.select_span(end, start)  # the cursor at the start, which is scrolled to
        self.source.centerCursor()

    def _follow_source_cursor(self, *_args: Any) -> None:
        """The article marks the part the source's cursor is in (a click in the source finds it)."""
        if self.doc is not None and self.source.hasFocus() and not self.session.beside_pending:
            self.article.show_offset(self.source.cursor_offset())

    def _imported(self, report: Any) -> None:
        self.pages.refresh(self.doc.page_id if self.doc else None)
        if report is not None:
            self.panel.set_known_tags(self.store.all_tags())

    # --- the window's verbs (app.py, scripts and tests drive the window through these) -------------
    def open_page(self, page_id: int | None, item_id: int | None = None) -> None:
        self.review.open_page(page_id, item_id)

    def open_last(self, say_empty: bool = True) -> None:
        self.panel.set_known_tags(self.store.all_tags())
        self.review.open_last(say_empty)

    def restore_journal(self) -> list[int]:
        return self.saving.restore_journal()

    def select_item(self, item_id: int | None, scroll: bool = True) -> None:
        self.session.select(item_id, scroll)

    def selected_item_ids(self) -> list[int]:
        return self.items_list.selected_ids()

    def save(self, status: Any = None, doc: PageDoc | None = None) -> bool:
        return self.saving.save(status, doc)

    def move_item(self, item_id: int, new_index: int) -> None:
        self.fixes.move_item(item_id, new_index)

    def import_paths(self, paths: list[str], open_first: bool = True,
                     done: Callable[[list[int]], None] | None = None) -> Any:
        return self.project.import_paths(paths, open_first, done)

    def switch_project(self, path: str) -> None:
        self.project.switch_project(path)

    # --- tabs ------------------------------------------------------------------------------------
    def find(self) -> None:
        """Edit > Find in corpus: the search tab, its query selected."""
        self.docks["search"].show()
        self.docks["search"].raise_()
        self.search.query.setFocus()
        self.search.query.selectAll()

    def show_report(self) -> None:
        """Page > Quality report: the report tab, recomputed."""
        dock = self.docks["report"]
        dock.show()
        dock.raise_()
        if dock.height() < REPORT_HEIGHT:  # room for the measures without scrolling
            self.resizeDocks([dock], [REPORT_HEIGHT], Qt.Orientation.Vertical)
        self.report.refresh()

    # --- help ------------------------------------------------------------------------------------
    def show_shortcuts(self) -> Any:
        """Help > Keyboard shortcuts: read from the menus, so it lists the keys as they are."""
        from .help import ShortcutsDialog, open_dialog

        return open_dialog(ShortcutsDialog([self.menus[k] for k in MENU_BAR], self))

    def show_readme(self) -> Any:
        from .help import ReadmeDialog, open_dialog

        return open_dialog(ReadmeDialog(self))

    def show_about(self) -> Any:
        from .help import AboutDialog, open_dialog

        return open_dialog(AboutDialog(self))

    # --- language, jieba -------------------------------------------------------------------------
    def switch_language(self, lang: str) -> None:
        set_language(lang)
        self.retranslate()
        try:
            self.store.set_state("language", lang)
        except NewsdeskError:
            pass

    def retranslate(self) -> None:
        retranslate(self.actions)
        for doc in self.docs.values():
            retranslate_stack(doc.stack)
        self._undo_texts()
        for key, m in self.menus.items():
            m.setTitle(tr(MENU_TITLES[key]))
        for name, title in TAB_TITLES.items():
            self.docks[name].setWindowTitle(tr(title))
        self.toolbar.setWindowTitle(tr("Toolbar"))
        self.actions[Act.LANG_ZH].setChecked(language() == "zh")
        self.actions[Act.LANG_EN].setChecked(language() == "en")
        for region in (self.pages, self.source_panel, self.items_list, self.panel, self.changes, self.search,
                       self.report):
            region.retranslate()
        self.history.setEmptyLabel(tr("<saved>"))
        if self.doc is not None:
            self.panel.show_item(self.doc.page, self.current_item)
        self._show_state()

    def _undo_texts(self, *_args: Any) -> None:
        """Undo/Redo menu texts in the current language: "Undo Merge items" / "撤销 合并文章"."""
        group = self.session.undo_group
        for action, word, text in ((self.undo_action, "Undo", group.undoText()),
                                   (self.redo_action, "Redo", group.redoText())):
            action.setText(f"{tr(word)} {text}".strip())

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
        self.source_panel.show_notice(text)
        self.statusBar().showMessage(text, NOTICE_MS)

    def _show_state(self, *_args: Any) -> None:
        """The page's name, status and counts in the title and the status bar; for a page just shown, with
        the panes beside the source (`pageShownBeside`), so that its text is painted first."""
        doc = self.doc
        if doc is not None and self.session.beside_pending:
            return
        if doc is None:
            self.setWindowTitle(tr("Newsdesk"))
            self.status_file.setText(Path(getattr(self.store, "path", "")).name)
            self.status_counts.clear()
            self.status_state.clear()
            self._update_enabled()
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

    def _update_enabled(self, *_args: Any) -> None:
        """Actions that need a page or an item; every action that writes is off in a read-only window."""
        writable = not self.read_only
        has_page = self.doc is not None
        has_item = has_page and self.current_item is not None
        if (writable, has_page, has_item) == self._enabled_for:
            return  # asked on every selection: nothing changed
        self._enabled_for = (writable, has_page, has_item)
        for key in (Act.SAVE, Act.SPLIT_HERE, Act.NEW_ITEM, Act.TO_FURNITURE, Act.RESPLIT, Act.CORRECT_TEXT,
                    Act.MARK_DONE, Act.PARAGRAPH_UP, Act.PARAGRAPH_DOWN, Act.JOIN_PARAGRAPHS, Act.SPLIT_PARAGRAPH,
                    *RELABEL_ROLES):
            self.actions[key].setEnabled(has_page and writable)
        for key in (Act.MERGE_NEXT, Act.MERGE_PREVIOUS, Act.ADD_TO_ITEM, Act.DELETE_ITEM, Act.BULK_TAG,
                    Act.BULK_AUTHOR, Act.BULK_KIND):
            self.actions[key].setEnabled(has_item and writable)
        for key in (Act.IMPORT_PAGES, Act.IMPORT_FOLDER, Act.BULK_STATUS):
            self.actions[key].setEnabled(writable)
        self.panel.set_read_only(self.read_only)

    # --- window events ---------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._first_show:  # dock sizes apply only once the window is laid out
            self._first_show = False
            QTimer.singleShot(WARM_UP_DELAY_MS, self._painted.set)
            if not self._layout_restored:
                QTimer.singleShot(0, lambda: self.resizeDocks([self.docks["changes"]], [CHANGES_HEIGHT],
                                                              Qt.Orientation.Vertical))

    def restore_layout(self) -> bool:
        """The window as the user left it last time (size, place, docks, every pane's size), and kept
        again on close. False on a first start: the defaults stay."""
        from . import window_state

        self.remembers_layout = True
        self._layout_restored = window_state.restore(self)
        return self._layout_restored

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.saving.closing():
            event.ignore()
            return
        self.changes.timer.stop()  # the project closes after this: no diff is due any more
        job = self.project.import_job
        if job is not None and job.task is not None:  # pages split so far are written; the rest left out
            job.task.cancel()
        self.project.release_lock()
        if self.remembers_layout:
            from . import window_state

            window_state.save(self)
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.project.drop(paths)
            event.acceptProposedAction()

