"""Small dialogs and the one way errors reach the user.

`show_error` reports a NewsdeskError as its one-line message (an unexpected exception is logged with its
traceback and shown in one line too). The input dialogs are window-modal and non-blocking (`open()`), so
the event loop keeps running; the answer arrives in a callback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from ..core.errors import NewsdeskError
from .i18n import say, tr

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """The error as one sentence in the interface's language (the core's English where untranslated)."""
    if isinstance(exc, NewsdeskError):
        return say(exc.message) if exc.message is not None else str(exc)
    log.error("unexpected error", exc_info=exc)
    return f"{type(exc).__name__}: {exc}"


def show_error(parent: QWidget, exc: BaseException) -> None:
    """A modal message for an error the user must see (opening a project, saving)."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Newsdesk"), error_text(exc), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("error_box")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()


def ask_text(parent: QWidget, title: str, label: str, value: str,
             done: Callable[[str], None]) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setObjectName("ask_text")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(value)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.textValueSelected.connect(done)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def ask_choice(parent: QWidget, title: str, label: str, choices: Sequence[str],
               done: Callable[[int], None]) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setObjectName("ask_choice")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(list(choices))
    dialog.setComboBoxEditable(False)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.textValueSelected.connect(lambda text: done(list(choices).index(text)))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def ask_save(parent: QWidget) -> QMessageBox.StandardButton:
    """Quit with unsaved changes: Save, Discard or Cancel (modal, it must block the close)."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("Newsdesk"),
                      tr("This project has unsaved changes. Save them before quitting?"), parent=parent)
    box.setObjectName("ask_save")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = QMessageBox.StandardButton(box.exec())
    box.setParent(None)
    box.deleteLater()
    return answer
