"""The main window on a real project: pages, source, items, editor, and the source/items link."""

from __future__ import annotations

from PySide6.QtCore import Qt
from uihelp import click_offset

from app.core.metadata import item_record
from app.store.db import Store
from app.ui.models import ItemsModel


def test_window_shows_the_last_page_with_its_text_exactly(window) -> None:  # noqa: ANN001
    doc = window.doc
    assert doc is not None
    with Store(window.store.path) as store:
        first = store.list_pages()[0]
        assert doc.page_id == first.id
        assert window.source.toPlainText() == store.load_page(first.id).text.replace("\r\n", "\n")
    assert window.source.isReadOnly()
    assert window.pages.model.rowCount() == 2
    assert window.items_model.rowCount() == len(doc.page.items)
    # the first article is selected (not the furniture above it): listed, outlined in the source and shown
    first_item = doc.page.articles[0]
    assert window.current_item == first_item.id
    assert window.items.currentIndex().row() == doc.page.items.index(first_item)
    assert window.source.current_item == first_item.id
    assert window.panel.edits["title"].text() == item_record(doc.page, first_item).title
    assert doc.page.name in window.windowTitle()
    assert window.status_state.text() == "Saved"


def test_clicking_in_the_source_selects_the_item_that_owns_the_text(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    target = page.items[-1]
    offset = target.blocks[0].spans[0][0] + 1
    click_offset(qtbot, window, offset)
    assert window.current_item == target.id
    assert window.items_model.item_id(window.items.currentIndex().row()) == target.id
    assert window.panel.heading.text().startswith(f"Item {len(page.items)}")


def test_selecting_an_item_scrolls_the_source_to_it(qtbot, window) -> None:  # noqa: ANN001
    window.source.verticalScrollBar().setValue(0)
    last = window.items_model.rowCount() - 1
    index = window.items_model.index(last, ItemsModel.TITLE)
    window.items.scrollTo(index)
    rect = window.items.visualRect(index)
    qtbot.mouseClick(window.items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    item = window.doc.page.items[last]
    assert window.current_item == item.id
    assert window.source.current_item == item.id
    assert window.source._outline_visible()
    assert window.source.verticalScrollBar().value() > 0


def test_titles_show_as_plain_text(qtbot, window) -> None:  # noqa: ANN001
    title = window.panel.edits["title"]
    title.selectAll()
    qtbot.keyClicks(title, "<b>x</b>")
    index = window.items_model.index(window.items.currentIndex().row(), ItemsModel.TITLE)
    assert index.data() == "<b>x</b>"
    assert title.text() == "<b>x</b>"
    assert window.panel.heading.textFormat() == Qt.TextFormat.PlainText


def test_page_list_filters_by_status(qtbot, window) -> None:  # noqa: ANN001
    window.store.set_status(window.pages.model.page_row(1).id, "done")
    window.pages.refresh()
    combo = window.pages.filter
    combo.setCurrentIndex(combo.findData("done"))
    assert window.pages.model.rowCount() == 1
    assert window.pages.model.index(0, 1).data() == "Done"
    combo.setCurrentIndex(combo.findData(None))
    assert window.pages.model.rowCount() == 2


def test_clicking_a_page_opens_it(qtbot, window) -> None:  # noqa: ANN001
    view = window.pages.view
    rect = view.visualRect(window.pages.model.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.doc.page_id == window.pages.model.page_row(1).id
    assert window.source.toPlainText().startswith(window.doc.page.text[:10])


def test_models_pass_the_model_tester(qtmodeltester, window) -> None:  # noqa: ANN001
    qtmodeltester.check(window.pages.model)
    qtmodeltester.check(window.items_model)


def test_items_model_stays_consistent_through_edits(qtbot, qtmodeltester, window) -> None:  # noqa: ANN001
    from uihelp import article_with_blocks, press

    from app.ui.actions import Act

    qtmodeltester.check(window.items_model)
    item = article_with_blocks(window.doc.page)
    click_offset(qtbot, window, item.blocks[1].spans[0][0])
    press(window, Act.SPLIT_HERE)
    press(window, Act.MERGE_NEXT)
    press(window, window.undo_action)
    press(window, window.undo_action)
    window.move_item(window.items_model.item_id(0), 2)
    qtmodeltester.check(window.items_model)
    assert window.items_model.rowCount() == len(window.doc.page.items)
