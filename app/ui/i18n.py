"""User-facing text in English and Chinese: `tr("Merge items")` gives the text in the current language.

English strings are the keys; the Chinese table is package data, `app/resources/translations/zh.json`.
The language follows the system locale unless the user picks one in the View > Language menu.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .. import TRANSLATIONS

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
