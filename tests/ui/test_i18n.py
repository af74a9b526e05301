"""Chinese and English: the locale picks the language, every UI string has a Chinese text, Qt's too."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from uihelp import click_offset, close_window, open_window, press, show_history

from app.core.evaluation import CURVE_WORDS, FIELD_WORDS, FIX_WORDS, MEASURE_WORDS
from app.core.record import EDITABLE_FIELDS
from app.ui import i18n
from app.ui.actions import SPECS, Act
from app.ui.commands import COMMAND_TEXT
from app.ui.item_panel import FIELD_TEXT
from app.ui.models import KIND_TEXT, STATUS_TEXT, ItemsModel, PageListModel

UI = Path(i18n.__file__).parent
CORE = UI.parent / "core"
TABLE = json.loads(i18n._TABLE_PATH.read_text(encoding="utf-8"))
QUOTED = r'((?:"[^"]*"\s*)+)'


def used_strings() -> set[str]:
    found: set[str] = set()
    for path in UI.glob("*.py"):
        for m in re.finditer(rf'\btr\(\s*{QUOTED}\)', path.read_text(encoding="utf-8")):
            found.add("".join(re.findall(r'"([^"]*)"', m.group(1))))
    for path in CORE.glob("*.py"):  # the core's messages (errors, changes), said through i18n.say
        for m in re.finditer(rf'\bsaid\(\s*{QUOTED}(?:,|\))', path.read_text(encoding="utf-8")):
            found.add("".join(re.findall(r'"([^"]*)"', m.group(1))))
        for m in re.finditer(rf'\bsaid\(\s*{QUOTED} if [^"]*else\s*{QUOTED}', path.read_text(encoding="utf-8")):
            found |= {"".join(re.findall(r'"([^"]*)"', g)) for g in m.groups()}
    for spec in SPECS.values():
        found |= {spec.text, spec.tip} - {""}
    found |= set(STATUS_TEXT.values()) | {str(v) for v in KIND_TEXT.values()} | set(FIELD_TEXT.values())
    found |= set(PageListModel.COLUMNS) | set(ItemsModel.COLUMNS) | set(COMMAND_TEXT.values())
    found |= set(i18n.ROLE_TEXT.values()) | set(EDITABLE_FIELDS)
    found |= {*MEASURE_WORDS.values(), *FIX_WORDS.values(), *FIELD_WORDS.values(), *(w for _, w in CURVE_WORDS)}
    return found


def test_every_ui_string_has_a_chinese_text() -> None:
    missing = sorted(s for s in used_strings() if s not in TABLE and not re.search("[\u4e00-\u9fff]", s))
    assert missing == []


def test_placeholders_survive_translation() -> None:
    for en, zh in TABLE.items():
        assert set(re.findall(r"{\w+}", en)) == set(re.findall(r"{\w+}", zh)), en


def test_a_chinese_locale_opens_the_app_in_chinese(qtbot, project) -> None:  # noqa: ANN001
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        assert i18n.system_language() == "zh"
        window = open_window(qtbot)
        try:
            assert window.menus["file"].title() == "文件(&F)"
            assert window.actions[Act.LANG_ZH].isChecked()
            assert window.pages.model.headerData(0, Qt.Orientation.Horizontal) == "版面"
            assert window.status_state.text() == "已保存"
            assert QCoreApplication.translate("QPlatformTheme", "Save") == "保存"
        finally:
            close_window(window)
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        i18n.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "Save"


def test_a_core_edit_error_is_said_in_the_interface_language() -> None:
    from app.core.errors import EditError
    from app.ui.dialogs import error_text
    from app.ui.i18n import set_language

    error = EditError.said("cannot merge item {item} with itself", item=3)
    assert str(error) == "cannot merge item 3 with itself"
    try:
        set_language("zh")
        assert error_text(error) == "不能把文章 3 与自身合并"
        assert error_text(EditError("plain message")) == "plain message"
    finally:
        set_language("en")
    assert error_text(error) == "cannot merge item 3 with itself"


def test_the_undo_texts_and_history_follow_a_language_switch(qtbot, window) -> None:  # noqa: ANN001
    title = window.panel.edits["title"]
    title.setFocus()
    qtbot.keyClicks(title, "abc")
    item = window.doc.page.item(window.current_item)
    body = next(b for b in item.blocks if b.role.value == "body")
    click_offset(qtbot, window, body.spans[0][0])
    press(window, Act.AS_CAPTION)
    window.fixes.bulk_add_tag("新标签")  # Item > Tag selected items: one macro
    show_history(qtbot, window)
    history = window.history.model()

    def rows() -> list[str]:
        return [history.index(r, 0).data() for r in range(1, history.rowCount())]

    assert rows() == ["Edit field: Title", "Relabel text", "Bulk edit (1)"]
    try:
        window.switch_language("zh")
        assert rows() == ["修改字段: 主题", "更改标注", "批量修改 (1)"]
        assert window.undo_action.text() == "撤销 批量修改 (1)"
        press(window, window.undo_action)
        assert window.redo_action.text() == "重做 批量修改 (1)" and window.undo_action.text() == "撤销 更改标注"
    finally:
        window.switch_language("en")
        i18n.set_language("en")
    assert rows() == ["Edit field: Title", "Relabel text", "Bulk edit (1)"]
    assert window.undo_action.text() == "Undo Relabel text"


def test_switching_language_keeps_the_page_list_without_reading_it_again(qtbot, project) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    try:
        model = window.pages.model
        rows = model.page_ids()
        status = model.index(0, 1).data()
        queries: list[str] = []
        window.store.db.conn.set_trace_callback(queries.append)  # every statement SQLite runs from now on
        try:
            window.actions[Act.LANG_ZH].trigger()
            assert model.headerData(0, Qt.Orientation.Horizontal) == "版面"
            assert model.index(0, 1).data() == TABLE[status]  # the status said in Chinese
            assert model.page_ids() == rows
            assert not [q for q in queries if "from pages" in q]  # the list was not read again
        finally:
            window.store.db.conn.set_trace_callback(None)
            window.actions[Act.LANG_EN].trigger()
        assert model.index(0, 1).data() == status
    finally:
        close_window(window)
        i18n.set_language("en")


def test_a_language_switch_keeps_the_article_views_place(qtbot, window) -> None:  # noqa: ANN001
    window.resize(1400, 900)
    article = window.article
    bar = article.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0
    try:
        window.switch_language("zh")
        QCoreApplication.processEvents()
        assert bar.value() == 0  # the headline still shows: the refill does not scroll to its end
        bar.setValue(bar.maximum() // 2)
        place = bar.value()
        window.switch_language("en")
        QCoreApplication.processEvents()
        assert bar.value() == place
    finally:
        window.switch_language("en")
        i18n.set_language("en")
