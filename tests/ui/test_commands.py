"""Every fix, driven through the real widgets and shortcuts; undo and redo restore the page exactly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from uihelp import article_with_blocks, char_background, click_offset, owned, press, select_text

from app.core.metadata import item_record
from app.core.page import Kind, Role
from app.ui.actions import NO_SHORTCUT, Act
from app.ui.models import FURNITURE_COLOR, UNASSIGNED_COLOR, ItemsModel


def undo_redo(window, before, after) -> None:  # noqa: ANN001
    press(window, window.undo_action)
    assert window.doc.page == before
    press(window, window.redo_action)
    assert window.doc.page == after


def _split(qtbot, window):  # noqa: ANN001, ANN202
    before = window.doc.page
    item = article_with_blocks(before)
    second = item.blocks[1]
    click_offset(qtbot, window, second.spans[0][0] + 1)
    assert window.current_item == item.id
    press(window, Act.SPLIT_HERE)
    return before, item, second


def test_split_at_cursor_line_makes_a_new_item_and_undoes(qtbot, window) -> None:  # noqa: ANN001
    before, item, second = _split(qtbot, window)
    after = window.doc.page
    assert len(after.items) == len(before.items) + 1
    new_id = owned(after, second.spans[0][0])
    assert new_id != item.id
    assert window.current_item == new_id
    assert window.items_model.rowCount() == len(after.items)
    assert window.undo_action.text().startswith("Undo Split item")
    assert window.isWindowModified() and window.status_state.text() == "Unsaved changes"
    undo_redo(window, before, after)


def test_split_at_a_line_inside_a_paragraph_splits_at_that_line(qtbot, window) -> None:  # noqa: ANN001
    before = window.doc.page
    para = next(b for it in before.articles for b in it.blocks
                if b.role is Role.BODY and before.text.count("\n", b.spans[0][0], b.spans[-1][1]) >= 3)
    owner = before.owner_of(para.spans[0][0])[0]
    second_line = before.text.index("\n", para.spans[0][0]) + 1
    while not before.text[second_line].strip():
        second_line += 1
    click_offset(qtbot, window, second_line + 1)
    press(window, Act.SPLIT_HERE)
    after = window.doc.page
    new_id = owned(after, second_line)
    assert new_id != owner.id and owned(after, para.spans[0][0]) == owner.id
    assert window.current_item == new_id
    undo_redo(window, before, after)


def test_merge_with_next_and_previous(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    first, second = [it for it in page.items if it.kind is not Kind.FURNITURE][:2]
    click_offset(qtbot, window, second.blocks[0].spans[0][0])
    index = page.item_index(second.id)
    prev_id = page.items[index - 1].id
    press(window, Act.MERGE_PREVIOUS)
    merged = window.doc.page
    assert len(merged.items) == len(page.items) - 1
    assert owned(merged, second.blocks[0].spans[0][0]) == prev_id
    assert window.current_item == prev_id
    undo_redo(window, page, merged)
    press(window, window.undo_action)
    click_offset(qtbot, window, first.blocks[0].spans[0][0])
    nxt = page.items[page.item_index(first.id) + 1].id
    press(window, Act.MERGE_NEXT)
    assert owned(window.doc.page, page.item(nxt).blocks[0].spans[0][0]) == first.id


def test_new_item_from_selected_text(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = article_with_blocks(page, 3)
    block = item.blocks[-1]
    s, e = block.spans[0]
    select_text(qtbot, window, s, e)
    assert window.source.selection_span() == (s, e)
    press(window, Act.NEW_ITEM)
    after = window.doc.page
    assert len(after.items) == len(page.items) + 1
    new_id = owned(after, s)
    assert new_id not in {it.id for it in page.items}
    assert window.current_item == new_id
    undo_redo(window, page, after)


def test_add_selected_text_to_the_current_item(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    articles = [it for it in page.items if it.kind is not Kind.FURNITURE]
    target, other = articles[0], articles[1]
    click_offset(qtbot, window, target.blocks[0].spans[0][0])
    s, e = other.blocks[-1].spans[0]
    select_text(qtbot, window, s, e)
    press(window, Act.ADD_TO_ITEM)
    assert owned(window.doc.page, s) == target.id
    undo_redo(window, page, window.doc.page)


def test_send_selection_to_furniture(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = article_with_blocks(page, 3)
    s, e = item.blocks[-1].spans[0]
    select_text(qtbot, window, s, e)
    press(window, Act.TO_FURNITURE)
    holder, block = window.doc.page.owner_of(s)
    assert holder.kind is Kind.FURNITURE and block.role is Role.FURNITURE
    assert char_background(window, s) == FURNITURE_COLOR


def test_relabel_selected_text_as_title_sets_the_title(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = article_with_blocks(page, 3)
    body = next(b for b in item.blocks if b.role is Role.BODY)
    s, e = body.spans[0]
    select_text(qtbot, window, s, e)
    press(window, Act.AS_TITLE)
    after = window.doc.page
    _holder, block = after.owner_of(s)
    assert block.role is Role.TITLE
    item_now = after.item(owned(after, s))
    title = item_record(after, item_now).title
    assert page.text[s:e].strip().replace(" ", "")[:4] in title.replace(" ", "")
    assert window.current_item == item_now.id
    assert window.panel.edits["title"].text() == title


def test_relabel_every_role_by_shortcut(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = article_with_blocks(page, 3)
    s = next(b for b in item.blocks if b.role is Role.BODY).spans[0][0]
    for key, role in ((Act.AS_KICKER, Role.KICKER), (Act.AS_SUBTITLE, Role.SUBTITLE),
                      (Act.AS_BYLINE, Role.BYLINE), (Act.AS_CAPTION, Role.CAPTION),
                      (Act.AS_SUBHEAD, Role.SUBHEAD), (Act.AS_BODY, Role.BODY),
                      (Act.AS_FURNITURE, Role.FURNITURE)):
        click_offset(qtbot, window, s)
        press(window, key)
        assert window.doc.page.owner_of(s)[1].role is role, key


def test_move_paragraph_down_and_up(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = article_with_blocks(page, 3)
    first = item.blocks[0]
    click_offset(qtbot, window, first.spans[0][0])
    press(window, Act.PARAGRAPH_DOWN)
    moved = window.doc.page.item(item.id)
    assert [b.id for b in moved.blocks][:2] == [item.blocks[1].id, first.id]
    click_offset(qtbot, window, first.spans[0][0])
    press(window, Act.PARAGRAPH_UP)
    assert [b.id for b in window.doc.page.item(item.id).blocks] == [b.id for b in item.blocks]


def test_delete_item_leaves_its_text_red_and_unassigned(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = article_with_blocks(page)
    s = item.blocks[0].spans[0][0]
    click_offset(qtbot, window, s)
    press(window, Act.DELETE_ITEM)
    after = window.doc.page
    assert item.id not in {it.id for it in after.items}
    assert owned(after, s) is None and after.owner_of(s)[1] is not None
    assert char_background(window, s) == UNASSIGNED_COLOR
    assert "unassigned" in window.status_counts.text()
    undo_redo(window, page, after)


def test_resplit_keeps_what_the_editor_changed_and_says_so(qtbot, window) -> None:  # noqa: ANN001
    title = window.panel.edits["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Edited title")
    item_id = window.current_item
    press(window, Act.RESPLIT)
    assert "kept" in window.notice.text() and window.notice.isVisible()
    assert item_record(window.doc.page, window.doc.page.item(item_id)).title == "Edited title"


def test_typing_a_title_is_one_undo_step(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    count = window.doc.stack.count()
    title = window.panel.edits["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "New title ABC")
    assert window.doc.stack.count() == count + 1
    assert window.items_model.index(window.items_model.row_of(window.current_item), ItemsModel.TITLE).data() == "New title ABC"
    assert window.doc.page.item(window.current_item).fields["title"] == "New title ABC"
    press(window, window.undo_action, target=title)  # Ctrl+Z in the field undoes the page's command
    assert window.doc.page == page
    assert title.text() == item_record(page, page.item(window.current_item)).title
    press(window, window.redo_action, target=title)
    assert title.text() == "New title ABC"


def test_kind_combo_sets_the_kind(qtbot, window) -> None:  # noqa: ANN001
    item = article_with_blocks(window.doc.page)
    click_offset(qtbot, window, item.blocks[0].spans[0][0])
    combo = window.panel.kind
    old = window.doc.page.item(window.current_item).kind
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    new = window.doc.page.item(window.current_item).kind
    assert new is not old and new is Kind(combo.currentData())
    assert window.items_model.index(window.items_model.row_of(window.current_item), ItemsModel.KIND).data() == combo.currentText()


def correct_in_body(qtbot, window, shift: int, new: str, checks=None):  # noqa: ANN001, ANN201
    """Select the character `shift` into an article's first paragraph, open the correction (its action)
    and type `new` + Return; returns the item and the character's offset. `checks()` runs once the
    correction field is open."""
    item = article_with_blocks(window.doc.page, 2)
    body = next(b for b in item.blocks if b.role is Role.BODY)
    s = body.spans[0][0] + shift
    select_text(qtbot, window, s, s + 1)
    press(window, Act.CORRECT_TEXT)
    if checks:
        checks(s)
    window.correction.selectAll()
    qtbot.keyClicks(window.correction, new)
    qtbot.keyClick(window.correction, Qt.Key.Key_Return)
    return item, s


def test_correct_a_character(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page

    def field_opened(s: int) -> None:
        assert window.correction.text() == page.text[s]
        assert window.correction.hasFocus()

    _item, s = correct_in_body(qtbot, window, 2, "X", field_opened)
    after = window.doc.page
    assert [(c.start, c.end, c.new) for c in after.corrections] == [(s, s + 1, "X")]
    assert "X" in window.panel.body.toPlainText()
    assert window.source.toPlainText()[window.source.map.to_doc(s)] == page.text[s]  # the source is unchanged
    undo_redo(window, page, after)


def test_the_export_writes_what_the_editor_saw(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    import json

    from app.core.export import write_jsonl

    page = window.doc.page
    item, _s = correct_in_body(qtbot, window, 3, "Q")
    from app.core.page import Role

    shown = window.panel.body.toPlainText().split("\n")  # the article view: one line a part
    seen = [line for line, part in zip(shown, window.panel.body.parts, strict=True) if part.role is Role.BODY]
    press(window, Act.SAVE)
    out = tmp_path / "corpus.jsonl"
    with out.open("w", encoding="utf-8") as f:
        write_jsonl(window.store.iter_records(), f)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    exported = next(r for r in records if r["item_id"] == item.id and r["page"] == page.name)
    assert exported["body"] == seen
    assert "Q" in exported["body"][0]


def test_every_action_has_a_shortcut_shown_in_its_tooltip(window) -> None:  # noqa: ANN001
    for key, action in window.actions.items():
        if key in NO_SHORTCUT:
            continue
        assert not action.shortcut().isEmpty(), key
        assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in action.toolTip()


def test_typing_after_a_save_is_a_new_undo_step(qtbot, window) -> None:  # noqa: ANN001
    title = window.panel.edits["title"]
    title.setFocus()
    qtbot.keyClicks(title, "ab")
    press(window, Act.SAVE, target=title)
    saved = window.doc.page
    qtbot.keyClicks(title, "cd")
    assert window.isWindowModified()
    press(window, window.undo_action, target=title)
    assert window.doc.page == saved and not window.isWindowModified()


def test_correct_a_character_selected_in_the_cleaned_body(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = article_with_blocks(page, 2)
    click_offset(qtbot, window, item.blocks[0].spans[0][0])
    body = window.panel.body
    text = body.toPlainText()
    # the first character of the body that occurs once in the item's source text
    spans = [sp for b in page.item(item.id).blocks for sp in b.spans]
    source = "".join(page.text[s:e] for s, e in spans)
    index = next(i for i, c in enumerate(text) if not c.isspace() and source.count(c) == 1)
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(index):
        qtbot.keyClick(body, Qt.Key.Key_Right)
    qtbot.keyClick(body, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert body.textCursor().selectedText() == text[index]
    press(window, Act.CORRECT_TEXT, target=body)
    s, e = window.source.selection_span()
    assert page.text[s:e] == text[index] and window.correction.text() == text[index]
    qtbot.keyClicks(window.correction, "Z")
    qtbot.keyClick(window.correction, Qt.Key.Key_Return)
    assert [(c.start, c.new) for c in window.doc.page.corrections] == [(s, "Z")]
    assert "Z" in body.toPlainText()
