"""The search panel: a Qt list model over the store's hits in a list view, each hit naming its page, its
item by the number people know it by and its title, in either language; through the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy
from uihelp import press

from app.core.metadata import item_numbers
from app.store.search import SearchHit
from app.ui import i18n
from app.ui.actions import Act
from app.ui.search_panel import HIT, SearchResultsModel


def test_the_results_model_shows_each_hit_and_says_it_again_in_chinese(qtbot) -> None:  # noqa: ANN001
    model = SearchResultsModel()
    hits = [SearchHit(3, 7, "001.txt", "荆州中医外科", "……外科首次亮相……", index=2),
            SearchHit(4, None, "002.txt", "", "没有标题的文字", index=0)]
    model.set_hits(hits)
    assert model.rowCount() == 2
    assert model.index(0).data() == "001.txt · Item 3 · 荆州中医外科\n……外科首次亮相……"
    assert model.index(1).data().startswith("002.txt · Item 1 · (no title)\n")
    assert [model.index(r).data(HIT) for r in range(2)] == [(3, 7), (4, None)]
    assert "&lt;" not in model.index(0).data(Qt.ItemDataRole.ToolTipRole)  # plain text, escaped only if needed
    changed = QSignalSpy(model.dataChanged)
    i18n.set_language("zh")
    try:
        model.retranslate()
        assert changed.count() == 1
        assert model.index(1).data().startswith("002.txt · 文章 1 · (无标题)\n")
    finally:
        i18n.set_language("en")
    model.set_hits([])
    assert model.rowCount() == 0


def test_the_panel_lists_the_items_with_the_editors_numbers_and_opens_one(qtbot, window) -> None:  # noqa: ANN001
    panel = window.search
    press(window, Act.FIND)
    panel.query.setText("的")  # typed by an input method: QTest cannot type Chinese keys
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    hits = window.store.search("的")
    assert hits and panel.model.rowCount() == len(hits)
    assert panel.count.text() == f"{len(hits)} result(s)"
    for row, hit in enumerate(hits):
        text = panel.model.index(row).data()
        page = window.store.load_page(hit.page_id)
        if hit.item_id is not None:  # the number the item editor and the changes view give the item
            assert f" · Item {item_numbers(page)[hit.item_id]} · " in text
        assert text.startswith(hit.page_name) and text.endswith(hit.snippet)
    last = panel.model.index(len(hits) - 1)
    panel.results.scrollTo(last)
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=panel.results.visualRect(last).center())
    assert (window.doc.page_id, window.current_item) == last.data(HIT)
    window.switch_language("zh")
    try:
        assert panel.count.text() == f"{len(hits)} 条结果"
        assert " · 文章 " in panel.model.index(0).data()
    finally:
        window.switch_language("en")
        i18n.set_language("en")
    panel.query.clear()
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 0 and panel.count.text() == ""
