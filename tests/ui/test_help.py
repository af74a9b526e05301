"""The Help menu: the keyboard shortcuts (read from the actions), the README, About."""

from __future__ import annotations

import importlib.metadata

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLabel
from uihelp import press

from app import __version__
from app.ui.actions import Act


def opened(qtbot, window, name: str) -> QDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.findChild(QDialog, name) is not None
                    and window.findChild(QDialog, name).isVisible(), timeout=3000)
    return window.findChild(QDialog, name)


def test_the_shortcuts_window_lists_every_action_with_its_keys(qtbot, window) -> None:  # noqa: ANN001
    press(window, Act.SHORTCUTS)
    dialog = opened(qtbot, window, "shortcuts")
    rows = dialog.rows()
    listed = {keys for _menu, _text, keys in rows}
    for key, action in window.actions.items():  # every action that has keys, with its keys
        if not action.shortcut().isEmpty():
            assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in listed, key
    undo = window.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert any(undo in keys and text.startswith("Undo") for _m, text, keys in rows)
    # grouped by the menu the action is in, read as a person reads it (no & marks)
    assert ("Item", "Merge with next item", "Ctrl+M") in rows
    assert ("Relabel selection", "as Title", "Ctrl+1") in rows
    assert not any("&" in text for _m, text, _k in rows)
    dialog.close()
    # in Chinese, the list is in Chinese
    window.switch_language("zh")
    try:
        press(window, Act.SHORTCUTS)
        zh = opened(qtbot, window, "shortcuts")
        assert zh.windowTitle() == "键盘快捷键"
        assert ("文章", "与下一篇合并", "Ctrl+M") in zh.rows()
        zh.close()
    finally:
        window.switch_language("en")


def test_the_readme_opens_from_the_help_menu(qtbot, window) -> None:  # noqa: ANN001
    press(window, Act.README)
    dialog = opened(qtbot, window, "readme")
    text = dialog.text.toPlainText()
    assert text.startswith("Newsdesk")
    assert "Headless use" in text and "newsdesk split" in text
    assert "#" not in text.split("\n")[0]  # set from its Markdown, not shown as source
    dialog.close()


def test_about_says_the_version_the_licence_and_the_libraries(qtbot, window) -> None:  # noqa: ANN001
    window.menus["help"].setActiveAction(window.actions[Act.ABOUT])
    window.actions[Act.ABOUT].trigger()
    dialog = opened(qtbot, window, "about")
    text = dialog.text()
    assert f"Newsdesk {__version__}" in text
    assert any("MIT" in label.text() for label in dialog.findChildren(QLabel))
    for package in ("jieba", "sqlite-utils", "click", "orjson"):
        assert f"{package} {importlib.metadata.version(package)}" in text
    assert "Qt " in text and "SQLite " in text and "Python " in text
    dialog.close()
