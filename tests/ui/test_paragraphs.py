"""Paragraph fixes, the merge's headline, the changes said in words and one numbering for people, through
the real widgets: join and split a paragraph from the source and from the item editor's body, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from uihelp import click_offset, press

from app.core.diff import ChangeKind
from app.core.metadata import item_numbers, item_record
from app.core.page import Kind, Role
from app.ui import i18n
from app.ui.actions import Act
from app.ui.models import ItemsModel


def undo_redo(window, before, after) -> None:  # noqa: ANN001
    press(window, window.undo_action)
    assert window.doc.page == before
    press(window, window.redo_action)
    assert window.doc.page == after


def two_paragraphs(page):  # noqa: ANN001, ANN201
    """An article and its first body paragraph that has a next one."""
    for it in page.articles:
        bodies = [b for b in it.blocks if b.role is Role.BODY]
        if len(bodies) >= 2:
            return it, bodies[0]
    raise AssertionError("no article with two paragraphs")


def changes_of(qtbot, window):  # noqa: ANN001, ANN201
    view = window.changes
    view.refresh()
    qtbot.waitUntil(lambda: len(view.changes) > 0, timeout=5000)
    return view


def test_join_a_paragraph_with_the_next_from_the_source(qtbot, window) -> None:  # noqa: ANN001
    before = window.doc.page
    item, para = two_paragraphs(before)
    body_before = item_record(before, item).body
    click_offset(qtbot, window, para.spans[0][0] + 1)
    press(window, Act.JOIN_PARAGRAPHS)
    after = window.doc.page
    record = item_record(after, after.item(item.id))
    assert len(record.body) == len(body_before) - 1
    assert record.body[0] == body_before[0] + body_before[1]
    assert record.body[0] in window.panel.body.toPlainText().split("\n")  # the article shows it joined
    assert window.undo_action.text() == "Undo Join paragraphs"
    view = changes_of(qtbot, window)
    rows = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert any(row.startswith("2 paragraphs of item ") for row in rows)
    details = [view.model.index(r, 2).data() for r in range(view.model.rowCount())]
    assert "2 paragraphs → 1" in details
    undo_redo(window, before, after)


def test_split_a_paragraph_at_the_cursor_in_the_items_body(qtbot, window) -> None:  # noqa: ANN001
    before = window.doc.page
    item, para = two_paragraphs(before)
    first = item_record(before, item).body[0]
    cut = next(i for i in range(2, len(first)) if not first[i - 1].isspace() and first[i] != " ")
    click_offset(qtbot, window, para.spans[0][0] + 1)
    body = window.panel.body  # the article view: headline, authors, then the paragraphs
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    while body.body_cursor() is None:  # down to the first paragraph, to its start
        qtbot.keyClick(body, Qt.Key.Key_Down)
    qtbot.keyClick(body, Qt.Key.Key_Home)
    assert body.body_cursor() == (0, 0)
    for _ in range(cut):
        qtbot.keyClick(body, Qt.Key.Key_Right)
    press(window, Act.SPLIT_PARAGRAPH, target=body)
    after = window.doc.page
    record = item_record(after, after.item(item.id))
    assert record.body[0] == first[:cut].rstrip() and record.body[1] == first[cut:].lstrip()
    assert window.undo_action.text() == "Undo Split paragraph"
    undo_redo(window, before, after)


def right_click_article(window, paragraph: int, at: int):  # noqa: ANN001, ANN201
    """The article view's right-click menu opened on character `at` of its `paragraph`-th body paragraph."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    view = window.article
    part = [n for n, p in enumerate(view.parts) if p.role is Role.BODY][paragraph]
    cursor = QTextCursor(view.document().findBlockByNumber(part))
    cursor.setPosition(cursor.block().position() + at)
    view.ensure_visible(part)
    view.setTextCursor(QTextCursor(view.document()))  # the cursor elsewhere: the click puts it there
    rect = view.cursorRect(cursor)
    return view.context_menu(QPoint(rect.x() + 1, rect.center().y()))


def test_the_article_view_splits_at_the_right_clicked_character_and_joins_back(qtbot, window) -> None:  # noqa: ANN001
    before = window.doc.page
    item, para = two_paragraphs(before)
    click_offset(qtbot, window, para.spans[0][0] + 1)  # the item shown; the source has the focus
    body = item_record(before, item).body
    second = body[1]
    cut = next(i for i in range(len(second) // 2, len(second)) if not second[i - 1].isspace() and second[i] != " ")
    menu = right_click_article(window, 1, cut)
    split, join = window.actions[Act.SPLIT_PARAGRAPH], window.actions[Act.JOIN_PARAGRAPHS]
    assert [a for a in menu.actions() if a in (split, join)] == [split, join]
    assert any("Copy" in a.text() for a in menu.actions())  # Qt's own entries stay
    split.trigger()
    menu.deleteLater()
    after = window.doc.page
    record = item_record(after, after.item(item.id))
    assert list(record.body[:3]) == [body[0], second[:cut].rstrip(), second[cut:].lstrip()]
    assert window.undo_action.text() == "Undo Split paragraph"
    assert [p.text for p in window.article.parts if p.role is Role.BODY][1:3] == list(record.body[1:3])  # shown so
    menu = right_click_article(window, 1, 2)
    join.trigger()
    menu.deleteLater()
    joined = window.doc.page
    assert item_record(joined, joined.item(item.id)).body == body
    assert window.undo_action.text() == "Undo Join paragraphs"
    undo_redo(window, after, joined)


def test_split_a_paragraph_at_a_source_line_then_join_it_back(qtbot, window) -> None:  # noqa: ANN001
    before = window.doc.page
    para = next(b for it in before.articles for b in it.blocks
                if b.role is Role.BODY and before.text.count("\n", b.spans[0][0], b.spans[-1][1]) >= 2)
    item = before.owner_of(para.spans[0][0])[0]
    second_line = before.text.index("\n", para.spans[0][0]) + 1
    while not before.text[second_line].strip():
        second_line += 1
    click_offset(qtbot, window, second_line)
    press(window, Act.SPLIT_PARAGRAPH)
    split = window.doc.page
    count = len(item_record(before, item).body)
    assert len(item_record(split, split.item(item.id)).body) == count + 1
    click_offset(qtbot, window, para.spans[0][0] + 1)
    press(window, Act.JOIN_PARAGRAPHS)
    joined = window.doc.page
    assert item_record(joined, joined.item(item.id)).body == item_record(before, item).body


def test_a_paragraph_fix_that_does_not_apply_is_said_in_the_notice_bar(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item, para = two_paragraphs(page)
    click_offset(qtbot, window, para.spans[0][0])
    press(window, Act.SPLIT_PARAGRAPH)
    assert window.doc.page is page
    assert "cannot be split there" in window.last_notice


def test_merge_keeps_the_first_headline_and_says_the_second_is_a_subhead(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    titled = [it for it in page.articles if it.blocks_with(Role.TITLE)]
    first = next(it for it in titled if page.item_index(it.id) + 1 < len(page.items)
                 and page.items[page.item_index(it.id) + 1].blocks_with(Role.TITLE))
    second = page.items[page.item_index(first.id) + 1]
    title, second_title = item_record(page, first).title, item_record(page, second).title
    click_offset(qtbot, window, first.blocks[0].spans[0][0])
    press(window, Act.MERGE_NEXT)
    merged = window.doc.page
    record = item_record(merged, merged.item(first.id))
    assert record.title == title and second_title in record.subheads
    assert window.panel.edits["title"].text() == title
    view = changes_of(qtbot, window)
    said = [c for c in view.changes if c.kind is ChangeKind.RELABEL]
    assert said and "is now a subhead of" in said[0].description
    undo_redo(window, page, merged)
    press(window, window.undo_action)
    assert item_record(window.doc.page, window.doc.page.item(second.id)).title == second_title


def test_one_number_for_an_item_in_the_editor_and_the_changes_view(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = page.articles[-1]
    click_offset(qtbot, window, item.blocks[0].spans[0][0])
    press(window, Act.AS_CAPTION)  # any change of this item
    page = window.doc.page
    number = item_numbers(page)[item.id]
    assert window.panel.heading.text().startswith(f"Item {number} ·")
    view = changes_of(qtbot, window)
    rows = [(view.model.index(r, 0).data(), view.model.index(r, 1).data(), view.model.index(r, 2).data())
            for r in range(view.model.rowCount())]
    said, where, detail = next(r for r in rows if "relabelled" in r[0])
    assert f"in item {number} " in said and (where == str(number) or where.startswith(f"{number} ·"))
    assert detail.endswith("→ Caption") and "block_id" not in detail


def list_numbers(window) -> dict[int, str]:  # noqa: ANN001
    """What the items list shows in its number column, by item id."""
    model = window.items_model
    return {model.item_id(r): model.index(r, ItemsModel.NUMBER).data() for r in range(model.rowCount())}


def test_the_items_list_numbers_each_item_as_the_editor_does_and_follows_a_split(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    assert window.items_model.headerData(ItemsModel.NUMBER, Qt.Orientation.Horizontal) == "No."
    assert list_numbers(window) == {item_id: str(n) for item_id, n in item_numbers(page).items()}
    item = page.articles[-1]
    click_offset(qtbot, window, item.blocks[0].spans[0][0])
    shown = list_numbers(window)[item.id]
    assert window.panel.heading.text().startswith(f"Item {shown} ·")
    first = page.articles[0]
    cut = next(b for b in first.blocks[1:] if b.role is Role.BODY)
    click_offset(qtbot, window, cut.spans[0][0])
    press(window, Act.SPLIT_HERE)  # a new item: every item after it in page order is numbered one more
    after = window.doc.page
    assert len(after.items) == len(page.items) + 1
    assert list_numbers(window) == {item_id: str(n) for item_id, n in item_numbers(after).items()}
    assert int(list_numbers(window)[item.id]) == int(shown) + (item.start > cut.spans[0][0])
    window.switch_language("zh")
    try:
        assert window.items_model.headerData(ItemsModel.NUMBER, Qt.Orientation.Horizontal) == "序号"
    finally:
        window.switch_language("en")
        i18n.set_language("en")


def test_changes_are_said_in_chinese_too(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = next(it for it in page.articles if it.kind is not Kind.FURNITURE)
    click_offset(qtbot, window, item.blocks[0].spans[0][0])
    press(window, Act.AS_CAPTION)
    window.switch_language("zh")
    try:
        view = changes_of(qtbot, window)
        rows = [(view.model.index(r, 0).data(), view.model.index(r, 2).data()) for r in range(view.model.rowCount())]
        said, detail = next(r for r in rows if "改标为" in r[0])
        assert "文章 " in said and detail.endswith("→ 图片说明") and "caption" not in said + detail
    finally:
        window.switch_language("en")
        i18n.set_language("en")


def fits_its_content(table) -> bool:  # noqa: ANN001
    """The changes table's first column is as wide as its widest text (or its header), no more, no less."""
    needed = max(table.sizeHintForColumn(0), table.horizontalHeader().sectionSizeHint(0))
    return table.columnWidth(0) == needed


def test_the_changes_first_column_fits_its_text_after_a_language_switch(qtbot, window) -> None:  # noqa: ANN001
    window.docks["changes"].show()
    page = window.doc.page
    for item in page.articles[:2]:
        click_offset(qtbot, window, item.blocks[0].spans[0][0])
        press(window, Act.AS_CAPTION)
    view = changes_of(qtbot, window)
    table = view.table
    assert fits_its_content(table)
    english = table.columnWidth(0)
    window.switch_language("zh")
    try:
        assert "改标为" in view.model.index(0, 0).data()
        assert fits_its_content(table) and table.columnWidth(0) != english
        chinese = table.columnWidth(0)
        window.switch_language("en")
        assert fits_its_content(table) and table.columnWidth(0) == english != chinese
    finally:
        window.switch_language("en")
        i18n.set_language("en")


def test_the_quality_reports_fixes_are_said_in_words(qtbot, window) -> None:  # noqa: ANN001
    from app.ui.report_view import ReportView

    view = ReportView(window.session)
    qtbot.addWidget(view)
    result = {"pages": 1, "article_f1": 0.5, "fixes": {"field: tags": 2, "paragraphs joined": 1, "merge": 1}}
    view.show_result(result)
    rows = [(view.fixes.item(r, 0).text(), view.fixes.item(r, 1).text()) for r in range(view.fixes.rowCount())]
    assert rows == [("Tags set by hand", "2"), ("Paragraphs joined", "1"), ("Items merged", "1")]
    i18n.set_language("zh")
    try:
        view.retranslate()
        assert [view.fixes.item(r, 0).text() for r in range(3)] == ["标签：手工设定", "合并段落", "合并文章"]
    finally:
        i18n.set_language("en")


def test_the_source_offers_the_paragraph_fixes_on_a_right_click_at_the_click(qtbot, window) -> None:  # noqa: ANN001
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    before = window.doc.page
    item, para = two_paragraphs(before)
    click_offset(qtbot, window, para.spans[0][0])  # the cursor somewhere else first
    line_two = before.text.index("\n", para.spans[0][0]) + 1
    while not before.text[line_two].strip():
        line_two += 1
    view = window.source
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.map.to_doc(line_two))
    rect = view.cursorRect(cursor)
    menu = view.context_menu(QPoint(rect.x() + 1, rect.center().y()))
    assert view.cursor_offset() == line_two  # the right click put the cursor there
    texts = [a.text() for a in menu.actions()]
    split = window.actions[Act.SPLIT_PARAGRAPH]
    assert split in menu.actions() and window.actions[Act.JOIN_PARAGRAPHS] in menu.actions()
    assert "&Relabel selection" in texts and any("Copy" in t for t in texts)
    split.trigger()
    menu.deleteLater()
    after = window.doc.page
    assert len(item_record(after, after.item(item.id)).body) == len(item_record(before, item).body) + 1


def test_choosing_a_change_shows_its_item(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item, para = two_paragraphs(page)
    click_offset(qtbot, window, para.spans[0][0] + 1)
    press(window, Act.JOIN_PARAGRAPHS)
    other = next(it for it in page.articles if it.id != item.id)
    click_offset(qtbot, window, other.blocks[0].spans[0][0])
    assert window.current_item == other.id
    view = changes_of(qtbot, window)
    row = next(r for r, c in enumerate(view.changes) if c.item_id == item.id)
    rect = view.table.visualRect(view.model.index(row, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_item == item.id
    assert window.panel.heading.text().startswith(f"Item {item_numbers(window.doc.page)[item.id]} ·")
