"""Every main-window QAction, declared once under an enum key with its text and shortcut.

Like Picard's `MainAction`: `create_actions(parent, slots)` builds each action from its spec, sets the
shortcut (a standard QKeySequence where one exists), shows it in the tooltip, and connects it to the
method `slots` gives for its key (the window's table names every one; a key without a method is an
error at start-up, never an action that silently does nothing). `retranslate(actions)` renews the texts
after a language switch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ..core.page import Role
from .i18n import tr

Std = QKeySequence.StandardKey


class Act(Enum):
    OPEN_PROJECT = "open_project"
    IMPORT_PAGES = "import_pages"
    IMPORT_FOLDER = "import_folder"
    EXPORT = "export"
    QUALITY_REPORT = "quality_report"
    SAVE = "save"
    QUIT = "quit"
    FIND = "find"
    SPLIT_HERE = "split_here"
    MERGE_NEXT = "merge_next"
    MERGE_PREVIOUS = "merge_previous"
    NEW_ITEM = "new_item"
    ADD_TO_ITEM = "add_to_item"
    TO_FURNITURE = "to_furniture"
    AS_TITLE = "as_title"
    AS_KICKER = "as_kicker"
    AS_SUBTITLE = "as_subtitle"
    AS_BYLINE = "as_byline"
    AS_CAPTION = "as_caption"
    AS_SUBHEAD = "as_subhead"
    AS_BODY = "as_body"
    AS_FURNITURE = "as_furniture"
    PARAGRAPH_UP = "paragraph_up"
    PARAGRAPH_DOWN = "paragraph_down"
    JOIN_PARAGRAPHS = "join_paragraphs"
    SPLIT_PARAGRAPH = "split_paragraph"
    DELETE_ITEM = "delete_item"
    RESPLIT = "resplit"
    LEARN = "learn"
    RESPLIT_TODO = "resplit_todo"
    CORRECT_TEXT = "correct_text"
    BULK_TAG = "bulk_tag"
    BULK_AUTHOR = "bulk_author"
    BULK_KIND = "bulk_kind"
    BULK_STATUS = "bulk_status"
    MARK_DONE = "mark_done"
    NEXT_PAGE = "next_page"
    PREVIOUS_PAGE = "previous_page"
    LANG_ZH = "lang_zh"
    LANG_EN = "lang_en"
    SHORTCUTS = "shortcuts"
    README = "readme"
    ABOUT = "about"


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcut: str | Std | None
    tip: str = ""
    enabled: bool = True
    checkable: bool = False


SPECS: dict[Act, ActionSpec] = {
    Act.OPEN_PROJECT: ActionSpec("&Open project…", Std.Open, "Open another project file"),
    Act.IMPORT_PAGES: ActionSpec("&Import pages…", "Ctrl+I", "Import page files or a folder into this project"),
    Act.IMPORT_FOLDER: ActionSpec("Import a f&older…", "Ctrl+Shift+I",
                                  "Import every page file (*.txt) in a folder and its subfolders"),
    Act.EXPORT: ActionSpec("&Export…", "Ctrl+E", "Write the project's items as a corpus: JSONL, CSV, txt or Parquet"),
    Act.QUALITY_REPORT: ActionSpec("&Quality report", "Ctrl+Shift+R",
                                   "How far the automatic split was from the editor's result on the pages done"),
    Act.SAVE: ActionSpec("&Save", Std.Save, "Save this page's items, metadata and status"),
    Act.QUIT: ActionSpec("&Quit", Std.Quit, "Quit Newsdesk"),
    Act.FIND: ActionSpec("&Find in corpus…", Std.Find, "Search every page of the project"),
    Act.SPLIT_HERE: ActionSpec("&Split item at cursor line", "Ctrl+Return",
                               "Start a new item at the line under the cursor"),
    Act.MERGE_NEXT: ActionSpec("&Merge with next item", "Ctrl+M", "Merge the current item with the next one"),
    Act.MERGE_PREVIOUS: ActionSpec("Merge with &previous item", "Ctrl+Shift+M",
                                   "Merge the current item into the previous one"),
    Act.NEW_ITEM: ActionSpec("&New item from selection", "Ctrl+Shift+N",
                             "Make a new item of the text selected in the source"),
    Act.ADD_TO_ITEM: ActionSpec("&Add selection to current item", "Ctrl+Shift+A",
                                "Move the text selected in the source into the current item"),
    Act.TO_FURNITURE: ActionSpec("Send selection to &furniture", "Ctrl+Shift+F",
                                 "Move the selected text out of the articles, into page furniture"),
    Act.AS_TITLE: ActionSpec("as &Title", "Ctrl+1", "Relabel the selected text as the title"),
    Act.AS_KICKER: ActionSpec("as &Kicker", "Ctrl+2", "Relabel the selected text as the kicker"),
    Act.AS_SUBTITLE: ActionSpec("as S&ubtitle", "Ctrl+3", "Relabel the selected text as the subtitle"),
    Act.AS_BYLINE: ActionSpec("as &Byline", "Ctrl+4", "Relabel the selected text as a byline"),
    Act.AS_CAPTION: ActionSpec("as &Caption", "Ctrl+5", "Relabel the selected text as a caption"),
    Act.AS_SUBHEAD: ActionSpec("as Sub&head", "Ctrl+6", "Relabel the selected text as a subhead"),
    Act.AS_BODY: ActionSpec("as B&ody", "Ctrl+7", "Relabel the selected text as body text"),
    Act.AS_FURNITURE: ActionSpec("as &Furniture", "Ctrl+8", "Relabel the selected text as furniture"),
    Act.PARAGRAPH_UP: ActionSpec("Move paragraph &up", "Alt+Up",
                                 "Move the paragraph at the cursor up in the item's reading order"),
    Act.PARAGRAPH_DOWN: ActionSpec("Move paragraph &down", "Alt+Down",
                                   "Move the paragraph at the cursor down in the item's reading order"),
    Act.JOIN_PARAGRAPHS: ActionSpec("&Join paragraph with next", "Ctrl+J",
                                    "Join the paragraph at the cursor (source or body) with the next one: "
                                    "a false paragraph break"),
    Act.SPLIT_PARAGRAPH: ActionSpec("Sp&lit paragraph at cursor", "Ctrl+Shift+J",
                                    "Start a new paragraph at the cursor (source or body): a missed paragraph break"),
    Act.DELETE_ITEM: ActionSpec("&Delete item", "Ctrl+Delete",
                                "Delete the current item; its text stays on the page, unassigned (red)"),
    Act.RESPLIT: ActionSpec("&Re-run automatic split", "Ctrl+R",
                            "Split the page again, keeping what the editor changed"),
    Act.LEARN: ActionSpec("&Learn from the pages marked done", "Ctrl+Shift+L",
                          "Learn this paper's split from the pages marked done (the editor's result)"),
    Act.RESPLIT_TODO: ActionSpec("Re-split the pages still &to do", "Ctrl+Alt+R",
                                 "Split every page not marked done again, keeping what the editor changed"),
    Act.CORRECT_TEXT: ActionSpec("&Correct selected text…", "F2",
                                 "Replace the text selected in the source (an OCR typo)"),
    Act.BULK_TAG: ActionSpec("Add a &tag to selected items…", "Ctrl+T", "Add one tag to every selected item"),
    Act.BULK_AUTHOR: ActionSpec("Add an a&uthor to selected items…", "Ctrl+Shift+T",
                                "Add one author to every selected item"),
    Act.BULK_KIND: ActionSpec("Set &kind of selected items…", "Ctrl+K", "Set the kind of every selected item"),
    Act.BULK_STATUS: ActionSpec("Set &status of selected pages…", "Ctrl+Shift+K",
                                "Set the review status of every selected page"),
    Act.MARK_DONE: ActionSpec("Mark page &done, go to next", "Ctrl+D",
                              "Save this page as done and open the next page to review"),
    Act.NEXT_PAGE: ActionSpec("N&ext page to review", "Ctrl+PgDown", "Open the next page to review"),
    Act.PREVIOUS_PAGE: ActionSpec("P&revious page", "Ctrl+PgUp", "Open the page above in the list"),
    Act.LANG_ZH: ActionSpec("中文", None, "Show the app in Chinese", checkable=True),
    Act.LANG_EN: ActionSpec("English", None, "Show the app in English", checkable=True),
    Act.SHORTCUTS: ActionSpec("&Keyboard shortcuts", "Ctrl+/", "Every action's keys, by menu"),
    Act.README: ActionSpec("&README", Std.HelpContents, "How Newsdesk works: the README"),
    Act.ABOUT: ActionSpec("&About Newsdesk", None, "Newsdesk's version, licence and the libraries it runs on"),
}
NO_SHORTCUT = (Act.LANG_ZH, Act.LANG_EN, Act.ABOUT)  # chosen from a menu only

RELABEL_ROLES = {
    Act.AS_TITLE: Role.TITLE, Act.AS_KICKER: Role.KICKER, Act.AS_SUBTITLE: Role.SUBTITLE,
    Act.AS_BYLINE: Role.BYLINE, Act.AS_CAPTION: Role.CAPTION, Act.AS_SUBHEAD: Role.SUBHEAD,
    Act.AS_BODY: Role.BODY, Act.AS_FURNITURE: Role.FURNITURE,
}


# where a platform has no binding for a standard key (Quit on some desktops), use these
FALLBACKS = {Std.Quit: "Ctrl+Q", Std.Find: "Ctrl+F", Std.Save: "Ctrl+S", Std.Open: "Ctrl+O", Std.HelpContents: "F1"}


def _sequence(shortcut: str | Std) -> QKeySequence:
    if isinstance(shortcut, str):
        return QKeySequence(shortcut)
    sequence = QKeySequence(shortcut)
    return sequence if not sequence.isEmpty() else QKeySequence(FALLBACKS.get(shortcut, ""))


def create_action(key: Act, parent: QWidget, slot: Callable[[], object]) -> QAction:
    """Build one action from its spec and connect it to `slot`."""
    spec = SPECS[key]
    action = QAction(parent)
    action.setObjectName(key.value)
    action.setData(key.value)
    if spec.shortcut is not None:
        action.setShortcut(_sequence(spec.shortcut))
    action.setEnabled(spec.enabled)
    action.setCheckable(spec.checkable)
    action.triggered.connect(lambda _checked=False: slot())
    _translate(key, action)
    return action


def _translate(key: Act, action: QAction) -> None:
    spec = SPECS[key]
    text = tr(spec.text)
    action.setText(text)
    plain = text.replace("&", "").rstrip("…")
    tip = tr(spec.tip) if spec.tip else plain
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    action.setStatusTip(tip)


def create_actions(parent: QWidget, slots: Mapping[Act, Callable[[], object]]) -> dict[Act, QAction]:
    """All main-window actions, keyed by `Act`, each connected to its method in `slots`."""
    missing = [key.name for key in Act if key not in slots]
    if missing:
        raise ValueError(f"actions without a method: {', '.join(missing)}")
    return {key: create_action(key, parent, slots[key]) for key in Act}


def put_first(menu: QMenu, entries: list[QAction | QMenu | None]) -> QMenu:
    """`menu` (a widget's standard context menu: copy, select all) with `entries` (actions, submenus, None for
    a separator) before its own, as a right-click menu offers the fixes at the clicked place."""
    first = menu.actions()[0] if menu.actions() else None
    for entry in entries:
        if entry is None:
            menu.insertSeparator(first)
        elif isinstance(entry, QMenu):
            menu.insertMenu(first, entry)
        else:
            menu.insertAction(first, entry)
    if entries and first is not None:
        menu.insertSeparator(first)
    return menu


def retranslate(actions: dict[Act, QAction]) -> None:
    for key, action in actions.items():
        _translate(key, action)
