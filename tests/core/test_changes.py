"""An edit says what it changed: items added, removed and changed by id, the order, the item to show."""

from __future__ import annotations

from app.core import changes, edits
from app.core.page import Role


def test_an_edit_that_changes_nothing_is_empty(page):
    result = changes.apply(page, edits.relabel, 0, Role.TITLE, focus=0)
    assert result.empty and result.page is page and result.focus == 0 and result.changed_spans() == []


def test_split_adds_an_item_and_shows_it_when_asked(page):
    result = changes.apply(page, edits.split_item, 0, 2, focus=0, focus_new=True)
    assert (result.added, result.removed, result.changed) == ((3,), (), (0,))
    assert result.focus == 3 and not result.reordered
    moved = page.item(0).blocks[2:]
    assert all(sp in result.changed_spans() for b in moved for sp in b.spans)
    assert not set(result.changed_spans()) & {sp for b in page.item(1).blocks for sp in b.spans}


def test_merge_removes_the_second_and_keeps_the_focus(page):
    result = changes.apply(page, edits.merge_items, 0, 1, focus=0)
    assert (result.added, result.removed, result.changed, result.focus) == ((), (1,), (0,), 0)


def test_a_deleted_focus_goes_to_the_item_now_at_its_place(page):
    assert changes.apply(page, edits.delete_item, 1, focus=1).focus == 2
    assert changes.apply(page, edits.delete_item, 2, focus=2).focus == 1


def test_a_field_changes_one_item_and_no_tint(page):
    result = changes.apply(page, edits.set_field, 1, "title", "新标题", focus=1)
    assert result.changed == (1,) and result.changed_spans() == [] and not result.structure


def test_moving_an_item_is_a_reorder_and_undo_reverses_it(page):
    result = changes.apply(page, edits.move_item, 2, 0, focus=2)
    assert result.reordered and result.changed == () and result.added == result.removed == ()
    back = result.reversed(focus=2)
    assert back.before is result.page and back.page is page and back.reordered


def test_a_correction_recolours_its_characters_only(page):
    start = page.text.index("全 面")
    result = changes.apply(page, edits.correct_text, start, start + 3, "全面", focus=0)
    assert result.text_changed and result.changed_spans() == [(start, start + 3)]
    assert result.changed == (0,)  # the item that shows the corrected text
