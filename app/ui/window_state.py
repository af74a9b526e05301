"""Where the window's parts are, kept between runs: the window's size and place, its docks and toolbar,
and every pane's size (the splitters), in the user's QSettings (the project keeps only what is open).

`save(window)` on close, `restore(window)` at start: a splitter or state saved by another version that
Qt cannot read is ignored, and the defaults of the window stay.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

GROUP = "window"
FORMAT_VERSION = 1  # QMainWindow.saveState's version: a layout of another version is not restored


def settings() -> QSettings:
    """The user's settings file for Newsdesk (an INI file in the user's config folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Newsdesk", "Newsdesk")


def splitters(window: QMainWindow) -> list[QSplitter]:
    """The window's named splitters (each pane boundary the user can drag)."""
    return [s for s in window.findChildren(QSplitter) if s.objectName()]


def save(window: QMainWindow) -> None:
    store = settings()
    store.beginGroup(GROUP)
    store.setValue("geometry", window.saveGeometry())
    store.setValue("state", window.saveState(FORMAT_VERSION))
    for splitter in splitters(window):
        store.setValue(f"splitter/{splitter.objectName()}", splitter.saveState())
    store.endGroup()
    store.sync()


def restore(window: QMainWindow) -> bool:
    """Put the window back as it was left; False if nothing was saved (a first start)."""
    store = settings()
    store.beginGroup(GROUP)
    try:
        geometry = store.value("geometry")
        if not isinstance(geometry, QByteArray) or geometry.isEmpty():
            return False
        window.restoreGeometry(geometry)
        state = store.value("state")
        if isinstance(state, QByteArray):
            window.restoreState(state, FORMAT_VERSION)
        for splitter in splitters(window):
            sizes = store.value(f"splitter/{splitter.objectName()}")
            if isinstance(sizes, QByteArray):
                splitter.restoreState(sizes)
        return True
    finally:
        store.endGroup()
