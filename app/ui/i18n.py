"""User-facing text in English and Chinese: `tr("Merge items")` gives the text in the current language.

The one way the interface is translated. English strings are the keys; the Chinese table is package data,
`app/resources/translations/zh.json`. `say(message)` says a core `Message` (an error, a change against
the automatic split) through the same table. Qt's own strings (dialog buttons) come from Qt's
translations. The language follows the system locale unless the user picks one in View > Language.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .. import TRANSLATIONS
from ..core.messages import Message
from ..core.page import Kind, Role
from ..core.status import Status

LANGUAGES = ("zh", "en")
_TABLE_PATH = TRANSLATIONS / "zh.json"
_tables: dict[str, dict[str, str]] = {}
_current = "en"
_qt_translator: QTranslator | None = None


def _table(lang: str) -> dict[str, str]:
    if lang not in _tables:
        table: dict[str, str] = {}
        if lang == "zh" and _TABLE_PATH.exists():
            table = json.loads(_TABLE_PATH.read_text(encoding="utf-8"))
        _tables[lang] = table
    return _tables[lang]


def system_language() -> str:
    """'zh' when the locale (the system's, unless the app set a default) is Chinese, else 'en'."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def set_language(lang: str) -> None:
    """Switch the app's text; Qt's own (dialog buttons, context menus) follows through Qt's translations."""
    global _current
    _current = lang if lang in LANGUAGES else "en"
    _install_qt_translations(_current)


def _install_qt_translations(lang: str) -> None:
    global _qt_translator
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if lang == "zh":
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
            app.installTranslator(translator)
            _qt_translator = translator


def language() -> str:
    return _current


def tr(text: str) -> str:
    """`text` (English) in the current language; unknown strings stay English."""
    if _current == "en":
        return text
    return _table(_current).get(text, text)


# the names people read for the domain's values (English; tr() gives the language)
ROLE_TEXT = {Role.SECTION: "Section", Role.KICKER: "Kicker", Role.TITLE: "Title", Role.SUBTITLE: "Subtitle",
             Role.BYLINE: "Byline", Role.SUBHEAD: "Subhead", Role.BODY: "Body", Role.CAPTION: "Caption",
             Role.AD: "Ad", Role.FURNITURE: "Furniture"}
KIND_TEXT = {Kind.NEWS: "News", Kind.FEATURE: "Feature", Kind.NOTICE: "Notice", Kind.AD: "Ad",
             Kind.FURNITURE: "Furniture"}
STATUS_TEXT = {Status.TODO: "To do", Status.IN_PROGRESS: "In progress", Status.DONE: "Done"}
_WORDS: dict[Any, str] = {**ROLE_TEXT, **KIND_TEXT, **STATUS_TEXT}


def say(message: Message | str) -> str:
    """A core `Message` in the current language: its template through `tr`, each value too (a message
    inside it, the name of a role, kind or status); a plain string as it is. In English it is the core's
    own sentence."""
    if isinstance(message, str):
        return message
    if _current == "en":
        return str(message)
    values = {}
    for key, value in message.params.items():
        if isinstance(value, Message):
            values[key] = say(value)
        elif isinstance(value, Enum) and value in _WORDS:
            values[key] = tr(_WORDS[value])
        else:
            values[key] = str(value)
    return tr(message.template).format(**values)
