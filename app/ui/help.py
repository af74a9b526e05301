"""The Help menu's windows: the keyboard shortcuts (read from the window's menus, so the list is always the
actions' own), the README, and About (version, licence, the libraries the app runs on).
"""

from __future__ import annotations

import importlib.metadata
import re
import sqlite3
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QImage, QKeySequence, QStandardItem, QStandardItemModel, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from .i18n import tr

README = Path(__file__).resolve().parents[2] / "README.md"  # a source checkout; else the package's metadata
# the libraries the app runs on (README: Dependencies), as named on PyPI; pyarrow is optional (Parquet)
DEPENDENCIES = ("sqlite-utils", "jieba", "click", "python-crfsuite", "orjson", "pyarrow")
LICENCE = "MIT"
README_IMAGE_WIDTH = 820  # the README's window pictures fit the dialog's width


def plain(text: str) -> str:
    """A menu text as read in a list: without its accelerator mark ("&Save", "保存(&S)") and trailing dots."""
    text = re.sub(r"\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".").strip()


def shortcut_rows(menus: list[QMenu]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every action with a shortcut, by menu (submenus under their own title), in menu order:
    [(menu title, [(action, shortcut), ...]), ...]."""
    rows: list[tuple[str, list[tuple[str, str]]]] = []

    def walk(menu: QMenu) -> None:
        entries: list[tuple[str, str]] = []
        subs: list[QMenu] = []
        for action in menu.actions():
            if action.menu() is not None:
                subs.append(action.menu())
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys:
                entries.append((plain(action.text()), ", ".join(keys)))
        if entries:
            rows.append((plain(menu.title()), entries))
        for sub in subs:
            walk(sub)

    for menu in menus:
        walk(menu)
    return rows


class ShortcutsDialog(QDialog):
    """Help > Keyboard shortcuts: every action's keys, grouped by the menu it is in."""

    def __init__(self, menus: list[QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts")
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([tr("Action"), tr("Keys")])
        for title, entries in shortcut_rows(menus):
            group = QStandardItem(title)
            group.setEditable(False)
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            for text, keys in entries:
                name, key = QStandardItem(text), QStandardItem(keys)
                name.setEditable(False)
                key.setEditable(False)
                group.appendRow([name, key])
            self.model.appendRow([group, QStandardItem()])
        self.view = QTreeView()
        self.view.setObjectName("shortcut_list")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.expandAll()
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.view.header().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the dialog lists: (menu, action, keys), for a reader of the dialog."""
        out = []
        for g in range(self.model.rowCount()):
            group = self.model.item(g, 0)
            for r in range(group.rowCount()):
                out.append((group.text(), group.child(r, 0).text(), group.child(r, 1).text()))
        return out


def readme_text() -> str:
    """The README: the checkout's file, else the package's long description (an installed app)."""
    if README.is_file():
        return README.read_text(encoding="utf-8")
    try:
        return importlib.metadata.metadata("newsdesk").get_payload() or ""  # type: ignore[attr-defined]
    except importlib.metadata.PackageNotFoundError:
        return ""


def fit_images(document: QTextDocument, folder: Path, width: int) -> None:
    """Pictures (files in `folder`) wider than `width` shown at that width (their height follows)."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image = fmt.toImageFormat()
                natural = QImage(str(folder / image.name()))
                if not natural.isNull() and natural.width() > width:
                    image.setWidth(width)
                    image.setHeight(natural.height() * width / natural.width())
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image)
            it += 1
        block = block.next()


class ReadmeDialog(QDialog):
    """Help > README: the README, set from its Markdown (links open in the browser)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readme")
        self.setWindowTitle(tr("Newsdesk README"))
        self.text = QTextBrowser()
        self.text.setObjectName("readme_text")
        self.text.setOpenExternalLinks(True)
        if README.is_file():
            self.text.setSearchPaths([str(README.parent)])  # its pictures (docs/) are shown too
        markdown = readme_text()
        self.text.setMarkdown(markdown or tr("The README is not installed with this copy of Newsdesk."))
        fit_images(self.text.document(), README.parent, README_IMAGE_WIDTH)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(900, 760)


def versions() -> list[tuple[str, str]]:
    """(name, version) of what Newsdesk runs on: Python, Qt, SQLite and each library."""
    out = [("Python", sys.version.split()[0]), ("Qt", qVersion()), ("PySide6", pyside_version),
           ("SQLite", sqlite3.sqlite_version)]
    for package in DEPENDENCIES:
        try:
            out.append((package, importlib.metadata.version(package)))
        except importlib.metadata.PackageNotFoundError:
            out.append((package, tr("not installed")))
    return out


class AboutDialog(QDialog):
    """Help > About: what Newsdesk is, its version and licence, and the versions it runs on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle(tr("About Newsdesk"))
        title = QLabel(f"Newsdesk {__version__}")
        title.setObjectName("about_title")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        what = QLabel(tr("Splits digitized Chinese newspaper pages into a clean, reviewed article corpus.")
                      + "\n" + tr("Licence: {licence}").format(licence=LICENCE))
        what.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([tr("Runs on"), tr("Version")])
        for name, version in versions():
            a, b = QStandardItem(name), QStandardItem(version)
            a.setEditable(False)
            b.setEditable(False)
            self.model.appendRow([a, b])
        view = QTreeView()
        view.setObjectName("about_versions")
        view.setModel(self.model)
        view.setRootIsDecorated(False)
        view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for label in (title, what):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(what)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.resize(480, 420)

    def text(self) -> str:
        rows = [f"{self.model.item(r, 0).text()} {self.model.item(r, 1).text()}" for r in range(self.model.rowCount())]
        return "\n".join([self.findChild(QLabel, "about_title").text(), *rows])


def open_dialog(dialog: QDialog) -> QDialog:
    """Show a Help window, window-modal, deleted when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

