"""Changes view and revert, bulk edits as one undo step, search, language switch, drag reorder, tags."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QInputDialog
from uihelp import article_with_blocks, click_offset, press

from app.core.bylines import Author
from app.core.metadata import item_record
from app.core.page import Kind
from app.ui import tasks
from app.ui.actions import Act
from app.ui.i18n import set_language
from app.ui.models import ItemsModel
from app.ui.search_panel import HIT


def edit_title(qtbot, window, text: str) -> None:  # noqa: ANN001
    title = window.panel.edits["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, text)


def answer_dialog(qtbot, window, value: str) -> None:  # noqa: ANN001
    """Fill in the open input dialog (text or choice) and press OK, as a user does."""
    qtbot.waitUntil(lambda: window.findChild(QInputDialog) is not None, timeout=2000)
    dialog = window.findChild(QInputDialog)
    if dialog.comboBoxItems():
        dialog.setTextValue(value)
    else:
        line = dialog.findChild(type(window.correction))
        line.selectAll()
        qtbot.keyClicks(line, value)
    dialog.accept()
    dialog.setParent(None)


def test_changes_view_lists_a_field_change_and_reverts_it(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = article_with_blocks(page)
    click_offset(qtbot, window, item.blocks[0].spans[0][0])
    edit_title(qtbot, window, "Changed")
    model, table = window.changes.model, window.changes.table
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=2000)
    row = next(i for i in range(model.rowCount()) if window.changes.changes[i].kind == "field")
    assert "title" in model.index(row, 0).data() + model.index(row, 2).data()
    rect = table.visualRect(model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.changes.revert.isEnabled()
    qtbot.mouseClick(window.changes.revert, Qt.MouseButton.LeftButton)
    assert "title" not in window.doc.page.item(item.id).fields
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=2000)
    assert window.changes.summary.text() == "No changes against the automatic split"


def test_changes_are_said_in_the_interface_language(qtbot, window, qtmodeltester) -> None:  # noqa: ANN001
    from app.ui.i18n import set_language

    edit_title(qtbot, window, "Changed")
    model = window.changes.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=2000)
    qtmodeltester.check(model)
    row = next(i for i in range(model.rowCount()) if window.changes.changes[i].kind == "field")
    try:
        set_language("zh")
        # the core's own sentence, translated (its item label and field name too)
        from app.core.metadata import item_numbers

        number = item_numbers(window.doc.page)[window.current_item]  # the number people see, not the id
        assert model.index(row, 0).data() == f"文章 {number}“Changed”的主题已手工设为“Changed”"
    finally:
        set_language("en")
    assert model.index(row, 0).data().startswith("the title of")


def test_show_only_changed_items_hides_the_others(qtbot, window) -> None:  # noqa: ANN001
    edit_title(qtbot, window, "Only me")
    qtbot.mouseClick(window.changes.only_changed, Qt.MouseButton.LeftButton)
    shown = [r for r in range(window.items_model.rowCount()) if not window.items.isRowHidden(r, QModelIndex())]
    assert [window.items_model.item_id(r) for r in shown] == [window.current_item]


def test_bulk_tag_on_selected_items_is_one_undo_step(qtbot, window) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.tags_ready, timeout=20000)
    page = window.doc.page
    view = window.items
    first = view.visualRect(window.items_model.index(2, ItemsModel.TITLE)).center()
    last = view.visualRect(window.items_model.index(4, ItemsModel.TITLE)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, pos=last)
    ids = window.selected_item_ids()
    assert len(ids) == 3
    count = window.doc.stack.count()
    press(window, Act.BULK_TAG, target=window.items)
    answer_dialog(qtbot, window, "bulk")
    assert window.doc.stack.count() == count + 1
    after = window.doc.page
    for i in ids:
        assert "bulk" in item_record(after, after.item(i)).tags
    press(window, window.undo_action)
    assert window.doc.page == page


def test_bulk_kind_and_author(qtbot, window) -> None:  # noqa: ANN001
    view = window.items
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(window.items_model.index(2, ItemsModel.TITLE)).center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=view.visualRect(window.items_model.index(3, ItemsModel.TITLE)).center())
    ids = window.selected_item_ids()
    press(window, Act.BULK_KIND, target=view)
    answer_dialog(qtbot, window, "Notice")
    assert all(window.doc.page.item(i).kind is Kind.NOTICE for i in ids)
    press(window, Act.BULK_AUTHOR, target=view)
    answer_dialog(qtbot, window, "Wang reporter")

    for i in ids:
        assert Author("Wang", "reporter") in item_record(window.doc.page, window.doc.page.item(i)).authors


def test_bulk_status_on_selected_pages(qtbot, window) -> None:  # noqa: ANN001
    view = window.pages.view
    view.selectAll()
    press(window, Act.BULK_STATUS, target=view)
    answer_dialog(qtbot, window, "Done")
    assert {r.status for r in window.store.list_pages()} == {"done"}


def test_authors_table_edits_are_undoable(qtbot, window) -> None:  # noqa: ANN001
    item = article_with_blocks(window.doc.page)
    click_offset(qtbot, window, item.blocks[0].spans[0][0])
    qtbot.mouseClick(window.panel.add_author, Qt.MouseButton.LeftButton)
    row = window.panel.authors.rowCount() - 1
    window.panel.authors.item(row, 0).setText("Li")

    assert Author("Li", "记者") in item_record(window.doc.page, window.doc.page.item(item.id)).authors


def test_adding_a_tag_with_completion(qtbot, window) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.tags_ready, timeout=20000)
    window.panel.set_known_tags(["荆州", "金融"])
    assert window.panel.tag_input.completer().model().stringList() == ["荆州", "金融"]
    line = window.panel.tag_input
    line.setFocus()
    qtbot.keyClicks(line, "newtag")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    item = window.doc.page.item(window.current_item)
    assert item.fields["tags"][-1] == "newtag"
    assert window.panel.tags.item(window.panel.tags.count() - 1).text() == "newtag"


def test_search_jumps_to_the_item(qtbot, window) -> None:  # noqa: ANN001
    other = window.pages.model.page_row(1).id
    page = window.store.load_page(other)
    item = article_with_blocks(page)

    title = item_record(page, item).title or item_record(page, item).body[0]
    word = title.replace(" ", "")[:4]
    press(window, Act.FIND)
    assert window.search.query.hasFocus()
    window.search.query.setText(word)
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    results, model = window.search.results, window.search.model
    assert model.rowCount() >= 1
    target = next(model.index(i) for i in range(model.rowCount()) if model.index(i).data(HIT)[0] == other)
    rect = results.visualRect(target)
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.doc.page_id == other
    assert window.current_item == target.data(HIT)[1]


def test_language_switch_renames_menus_and_is_remembered(qtbot, window) -> None:  # noqa: ANN001
    try:
        window.actions[Act.LANG_ZH].trigger()
        assert window.menus["file"].title() == "文件(&F)"
        assert window.actions[Act.SPLIT_HERE].text() == "在光标行拆分文章(&S)"
        assert window.status_state.text() == "已保存"
        edit_title(qtbot, window, "x")
        assert window.undo_action.text() == "撤销 修改字段: 主题"
        assert window.store.get_state("language") == "zh"
        window.actions[Act.LANG_EN].trigger()
        assert window.menus["file"].title() == "&File"
    finally:
        set_language("en")


def test_dragging_an_item_reorders_it(qtbot, window) -> None:  # noqa: ANN001
    model = window.items_model
    moved = model.item_id(0)
    data = model.mimeData([model.index(0, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert window.doc.page.items[2].id == moved
    assert model.item_id(2) == moved
    press(window, window.undo_action)
    assert model.item_id(0) == moved


def test_run_task_calls_back_on_the_main_thread(qtbot) -> None:  # noqa: ANN001
    import threading

    got = []
    main = threading.get_ident()
    tasks.run_task(lambda: threading.get_ident(), lambda result, error: got.append((result, error,
                                                                                   threading.get_ident())))
    tasks.run_task(lambda: 1 / 0, lambda result, error: got.append((result, type(error), threading.get_ident())))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    by_kind = {g[1]: g for g in got}
    assert by_kind[None][0] != main and by_kind[None][2] == main
    assert by_kind[ZeroDivisionError][2] == main


def test_changes_name_the_item_as_the_editor_sees_it(qtbot, window) -> None:  # noqa: ANN001
    edit_title(qtbot, window, "Renamed here")
    model = window.changes.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=2000)
    position = window.doc.page.item_index(window.current_item) + 1
    assert f"{position} · Renamed here" in [model.index(r, 1).data() for r in range(model.rowCount())]


def test_the_tag_field_completes_with_the_projects_tags_most_used_first(qtbot, window) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.tags_ready, timeout=20000)
    known = window.store.all_tags()
    line = window.panel.tag_input
    completer = line.completer()
    assert completer.model().stringList() == known and known  # the project's tags, most used first
    item = window.doc.page.item(window.current_item)
    tags = item_record(window.doc.page, item).tags
    word = next(t for t in known if t not in tags)
    line.setFocus()
    completer.setCompletionPrefix(word[:1])
    completer.complete()  # what typing the first character opens (QTest cannot type Chinese keys)
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    offered = [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    assert offered == [t for t in known if word[:1] in t]  # every match, in the project's order
    row = offered.index(word)
    popup.setCurrentIndex(completer.completionModel().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert line.text() == word
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.doc.page.item(item.id).fields["tags"][-1] == word
