"""The editing operations of app.core.edits on a hand-built page and on the sample pages."""

from __future__ import annotations

import pytest

from app.core import edits
from app.core.bylines import Author
from app.core.errors import EditError
from app.core.loading import load_page
from app.core.metadata import item_record, item_records, page_records
from app.core.page import Block, Correction, Item, Kind, Origin, Page, Role, check_invariant
from app.core.splitter import split_page


def valid(page: Page) -> Page:
    assert check_invariant(page) == []
    return page


def at(page: Page, text: str) -> tuple[int, int]:
    start = page.text.index(text)
    return start, start + len(text)


def texts(page: Page, item_id: int) -> list[str]:
    return [page.block_text(b) for b in page.item(item_id).blocks]


def structure(page: Page) -> list[tuple[int, str, list[tuple[int, str, tuple]]]]:
    """Items and blocks without provenance: what merge∘split must give back."""
    return [(it.id, it.kind, [(b.id, b.role, b.spans) for b in it.blocks]) for it in page.items]


# --- split / merge ----------------------------------------------------------------------------------
def test_split_item_moves_blocks_from_the_cut_into_a_new_item_after_it(page):
    new = valid(edits.split_item(page, 0, 2))
    assert [it.id for it in new.items] == [0, 3, 1, 2]
    assert [b.id for b in new.item(0).blocks] == [0, 1]
    assert [b.id for b in new.item(3).blocks] == [2, 3]
    assert new.item(3).kind is Kind.NEWS
    assert new.item(0).origin is Origin.EDITOR and new.item(3).origin is Origin.EDITOR
    assert item_record(new, new.item(3)).body[1] == "第二段全面规范。"
    assert page.item(0).origin is Origin.AUTO and len(page.items) == 3  # the old page is untouched


def test_split_item_errors(page):
    with pytest.raises(EditError, match="already starts"):
        edits.split_item(page, 0, 0)
    with pytest.raises(EditError, match="block 5 is not in item 1 “荆州"):
        edits.split_item(page, 0, 5)
    with pytest.raises(EditError, match="no item 9"):
        edits.split_item(page, 9, 1)
    with pytest.raises(EditError, match="already used"):
        edits.split_item(page, 0, 2, new_id=1)


def test_merge_items_appends_the_second_items_blocks_and_removes_it(page):
    new = valid(edits.merge_items(page, 0, 1))
    assert [it.id for it in new.items] == [0, 2]
    assert [b.id for b in new.item(0).blocks] == [0, 1, 2, 3, 4, 5, 6]
    assert new.item(0).origin is Origin.EDITOR
    with pytest.raises(EditError, match="itself"):
        edits.merge_items(page, 1, 1)
    with pytest.raises(EditError, match="no item 7"):
        edits.merge_items(page, 0, 7)


def test_merge_then_split_at_the_same_place_gives_back_the_page(page):
    merged = edits.merge_items(page, 0, 1)
    again = valid(edits.split_item(merged, 0, 4, new_id=1, kind=Kind.FEATURE))
    # the second title became a subhead in the merge: giving it its role back gives back the page
    again = edits.relabel(again, 4, Role.TITLE)
    assert structure(again) == structure(page)
    # by default the split-off part gets a fresh id and the first item's kind; blocks and order are the same
    fresh = edits.relabel(edits.split_item(merged, 0, 4), 4, Role.TITLE)
    assert [b for _, _, b in structure(fresh)] == [b for _, _, b in structure(page)]
    assert fresh.items[1].id == 3 and fresh.items[1].kind is Kind.NEWS


def test_split_then_merge_gives_back_the_page(page):
    split = edits.split_item(page, 1, 5)
    back = valid(edits.merge_items(split, 1, split.items[2].id))
    assert structure(back) == structure(page)


# --- moving blocks and text -------------------------------------------------------------------------
def test_move_blocks_to_another_item_removes_emptied_items(page):
    new = valid(edits.move_blocks(page, [7], 1))
    assert [it.id for it in new.items] == [0, 1]
    assert [b.id for b in new.item(1).blocks] == [4, 5, 6, 7]
    assert new.item(1).origin is Origin.EDITOR


def test_move_blocks_to_a_new_item_is_placed_after_the_source(page):
    new = valid(edits.move_blocks(page, [3, 2], None))
    assert [it.id for it in new.items] == [0, 3, 1, 2]
    assert new.item(3).kind is Kind.NEWS
    assert [b.id for b in new.item(3).blocks] == [3, 2]  # in the order given
    assert [b.id for b in new.item(0).blocks] == [0, 1]


def test_a_new_item_takes_the_place_of_an_emptied_source_item(page):
    new = valid(edits.move_blocks(page, [4, 5, 6], None))
    assert [it.id for it in new.items] == [0, 3, 2]
    from_unassigned = valid(edits.move_blocks(edits.delete_item(page, 0), [1], None))
    assert [it.id for it in from_unassigned.items] == [1, 2, 3]  # at the end


def test_move_blocks_out_of_unassigned(page):
    deleted = edits.delete_item(page, 1)
    new = valid(edits.move_blocks(deleted, [5], 0))
    assert [b.id for b in new.unassigned] == [4, 6]
    assert new.item(0).blocks[-1].id == 5


def test_move_blocks_errors(page):
    with pytest.raises(EditError, match="no blocks"):
        edits.move_blocks(page, [], 0)
    with pytest.raises(EditError, match="no block 42"):
        edits.move_blocks(page, [42], 0)
    with pytest.raises(EditError, match="twice"):
        edits.move_blocks(page, [1, 1], 0)
    with pytest.raises(EditError, match="no item 8"):
        edits.move_blocks(page, [1], 8)


def test_move_text_divides_a_block_at_line_boundaries(page):
    start, end = at(page, "第二行")  # only part of the middle line: the whole line moves
    new = valid(edits.move_text(page, start, end, 1))
    assert texts(new, 0)[2] == "本报讯 第一段第一行，\n第一段第三行。"  # outside parts stay one block, same id
    assert new.item(0).blocks[2].id == 2
    moved = new.item(1).blocks[-1]
    assert new.block_text(moved) == "第一段第二行，" and moved.role is Role.BODY and moved.id == 8
    assert item_record(new, new.item(0)).body[0] == "本报讯第一段第一行，第一段第三行。"


def test_move_text_over_several_blocks_to_a_new_item(page):
    start = page.text.index("第一段第三行")
    end = page.text.index("第二段") + 2
    new = valid(edits.new_item_from_text(page, start, end))
    created = new.items[1]
    assert created.kind is Kind.NEWS and created.origin is Origin.EDITOR
    assert texts(new, created.id) == ["第一段第三行。", "第二段全 面 规 范。"]
    assert created.blocks[1].id == 3  # a block wholly inside keeps its id
    assert texts(new, 0)[-1] == "本报讯 第一段第一行，\n第一段第二行，"


def test_move_text_errors(page):
    blank = page.text.index("\n\n") + 1
    with pytest.raises(EditError, match="hold no text"):
        edits.move_text(page, blank, blank + 1, 0)
    with pytest.raises(EditError, match="empty"):
        edits.move_text(page, 5, 5, 0)
    with pytest.raises(EditError, match="outside"):
        edits.move_text(page, 0, len(page.text) + 3, 0)


def test_send_to_furniture_makes_a_furniture_item(page):
    start, end = at(page, "图为活动现场")
    new = valid(edits.send_to_furniture(page, start, end))
    furniture = new.items[2]
    assert furniture.kind is Kind.FURNITURE and furniture.blocks[0].role is Role.FURNITURE
    assert [b.id for b in new.item(1).blocks] == [4, 5]
    assert item_record(new, new.item(1)).captions == ()


def test_delete_item_keeps_its_text_unassigned(page):
    new = valid(edits.delete_item(page, 0))
    assert [b.id for b in new.unassigned] == [0, 1, 2, 3]
    assert [it.id for it in new.items] == [1, 2]
    records = page_records(new, with_tags=False)
    assert any("第二段全" in " ".join(r["body"]) for r in records if r["kind"] == "furniture")
    with pytest.raises(EditError):
        edits.delete_item(new, 0)


# --- roles ------------------------------------------------------------------------------------------
def test_relabel_changes_the_role(page):
    new = valid(edits.relabel(page, 3, Role.SUBHEAD))
    assert item_record(new, new.item(0)).subheads == ("第二段全 面 规 范。",)
    assert new.item(0).origin is Origin.EDITOR
    assert edits.relabel(new, 3, Role.SUBHEAD) is new  # no change
    with pytest.raises(EditError, match="no block 99"):
        edits.relabel(page, 99, Role.BODY)


def test_relabel_to_furniture_moves_the_block_out(page):
    new = valid(edits.relabel(page, 1, Role.FURNITURE))
    assert [b.id for b in new.item(0).blocks] == [0, 2, 3]
    out = new.items[1]
    assert out.kind is Kind.FURNITURE and [b.id for b in out.blocks] == [1]
    assert item_record(new, new.item(0)).authors == ()


def test_relabel_text_makes_a_line_part_of_the_title(page):
    start, end = at(page, "第一段第一行")
    new = valid(edits.relabel_text(page, start, end, Role.TITLE))
    roles = [(b.role, new.block_text(b)) for b in new.item(0).blocks]
    assert roles[2] == (Role.TITLE, "本报讯 第一段第一行，")
    assert roles[3] == (Role.BODY, "第一段第二行，\n第一段第三行。")
    assert item_record(new, new.item(0)).title == "荆州中医外科首次亮相本报讯 第一段第一行，"


def test_relabel_text_of_a_middle_line_keeps_reading_order(page):
    start, end = at(page, "第一段第二行")
    new = valid(edits.relabel_text(page, start, end, Role.SUBHEAD))
    blocks = new.item(0).blocks
    assert [b.role for b in blocks[2:5]] == [Role.BODY, Role.SUBHEAD, Role.BODY]
    assert blocks[2].id == 2 and len({b.id for b in blocks}) == len(blocks)
    assert edits.relabel_text(new, start, end, Role.SUBHEAD) is new


def test_relabel_text_to_furniture(page):
    start, end = at(page, "责任编辑")
    new = valid(edits.relabel_text(page, *at(page, "□ 记者"), Role.FURNITURE))
    assert new.items[1].kind is Kind.FURNITURE
    assert valid(edits.relabel_text(page, start, end, Role.FURNITURE)).items[-1].kind is Kind.FURNITURE


# --- order ------------------------------------------------------------------------------------------
def test_move_block_reorders_the_reading_order(page):
    new = valid(edits.move_block(page, 0, 3, 0))
    assert [b.id for b in new.item(0).blocks] == [3, 0, 1, 2]
    assert item_record(new, new.item(0)).body[0] == "第二段全面规范。"
    assert edits.move_block(page, 0, 3, 3) is page
    with pytest.raises(EditError, match="position 4"):
        edits.move_block(page, 0, 3, 4)
    with pytest.raises(EditError, match="not in"):
        edits.move_block(page, 0, 4, 0)


def test_move_item_reorders_items(page):
    new = valid(edits.move_item(page, 2, 0))
    assert [it.id for it in new.items] == [2, 0, 1]
    with pytest.raises(EditError):
        edits.move_item(page, 2, 3)
    with pytest.raises(EditError):
        edits.move_item(page, 5, 0)


# --- metadata ---------------------------------------------------------------------------------------
def test_set_and_clear_field(page):
    new = edits.set_field(page, 0, "title", "新标题")
    assert item_record(new, new.item(0)).title == "新标题"
    assert new.item(0).edited and new.item(0).fields == {"title": "新标题"}
    assert item_record(page, page.item(0)).title == "荆州中医外科首次亮相"
    back = edits.clear_field(new, 0, "title")
    assert item_record(back, back.item(0)).title == "荆州中医外科首次亮相"
    assert not back.item(0).edited
    assert edits.clear_field(back, 0, "title") is back


def test_set_field_authors_and_tags(page):
    authors = [{"name": "王五", "role": "记者"}]
    new = edits.set_field(page, 1, "authors", authors)
    new = edits.set_field(new, 1, "tags", ["春天", "故事"])
    authors[0]["name"] = "changed afterwards"
    assert item_record(new, new.item(1)).authors == (Author("王五", "记者"),)
    assert item_record(new, new.item(1)).tags == ("春天", "故事")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("headline", "x", "unknown field 'headline'"),
    ("title", ["x"], "must be text"),
    ("body", "x", "must be a list"),
    ("authors", [{"name": "王五"}], "each author"),
    ("tags", ["a", 3], "list of texts"),
])
def test_set_field_rejects_bad_values(page, field, value, message):
    with pytest.raises(EditError, match=message):
        edits.set_field(page, 0, field, value)


def test_set_kind(page):
    new = edits.set_kind(page, 1, Kind.NOTICE)
    assert new.item(1).kind is Kind.NOTICE and new.item(1).kind_origin is Origin.EDITOR
    assert page_records(new, with_tags=False)[1]["kind"] == "notice"
    assert edits.set_kind(new, 1, Kind.NOTICE) is new


# --- corrections ------------------------------------------------------------------------------------
def test_correction_shows_in_the_body_and_keeps_the_source(page):
    start, end = at(page, "第二段")
    new = valid(edits.correct_text(page, start, end, "第贰段"))
    assert new.text == page.text
    assert new.corrections == (Correction(start, end, "第二段", "第贰段"),)
    assert item_record(new, new.item(0)).body[1] == "第贰段全面规范。"
    replaced = edits.correct_text(new, start, end, "第2段")
    assert len(replaced.corrections) == 1
    assert item_record(replaced, replaced.item(0)).body[1] == "第2段全面规范。"
    gone = edits.remove_correction(replaced, start, end)
    assert gone.corrections == () and item_record(gone, gone.item(0)).body[1] == "第二段全面规范。"
    assert edits.correct_text(new, start, end, "第二段").corrections == ()


def test_correction_errors(page):
    title_end = page.text.index("\n")
    with pytest.raises(EditError, match="not inside one block"):
        edits.correct_text(page, title_end - 2, title_end + 3, "x")
    start, end = at(page, "第二段")
    new = edits.correct_text(page, start, end, "第贰段")
    with pytest.raises(EditError, match="overlap"):
        edits.correct_text(new, start + 1, end + 1, "x")
    with pytest.raises(EditError, match="no correction"):
        edits.remove_correction(page, start, end)
    with pytest.raises(EditError, match="empty"):
        edits.correct_text(page, 3, 3, "x")


# --- resplit ----------------------------------------------------------------------------------------
def test_resplit_keeps_edited_items_and_corrections(page):
    edited = edits.set_field(page, 1, "title", "改过的标题")
    edited = edits.correct_text(edited, *at(page, "正文一行"), "正文壹行")
    fresh = split_page((page.name, page.text))
    new, notes = edits.resplit(edited, fresh)
    valid(new)
    assert new.item(1) == edited.item(1)
    assert new.corrections == edited.corrections
    assert any(n.startswith("kept item 2 “改过的标题”") and "title" in n for n in notes)
    # no text doubled: the fresh split's lines over item 1 were left out
    held = [b for it in new.items if it.id != 1 for b in it.blocks]
    assert not any(page.text[s:e].find("正文") >= 0 for b in held for s, e in b.spans)


def test_resplit_of_an_unedited_page_is_the_fresh_split(page):
    fresh = split_page((page.name, page.text))
    new, notes = edits.resplit(page, fresh)
    assert new.items == fresh.items and notes == []


def test_resplit_puts_half_owned_lines_text_into_unassigned():
    text = "第一行甲乙丙\n第二行丁戊己\n"
    # an editor made the end of line 2 ("丁戊己") an item of its own
    edited = Page("x.txt", text, (
        Item(0, Kind.NEWS, (Block(0, Role.BODY, ((0, 10),)),)),
        Item(1, Kind.NEWS, (Block(1, Role.TITLE, ((10, 13),)),), origin=Origin.EDITOR),
    ))
    valid(edited)
    new, notes = edits.resplit(edited, split_page(("x.txt", text)))
    valid(new)
    assert new.item(1) == edited.item(1)
    # the fresh split's line 2 overlaps the kept item: it is left out, and its free start goes to unassigned
    assert [new.block_text(b) for b in new.unassigned] == ["第二行"]
    assert [new.block_text(b) for it in new.items if it.id != 1 for b in it.blocks] == ["第一行甲乙丙"]
    assert any("unassigned" in n for n in notes)


def test_resplit_rejects_another_text(page):
    with pytest.raises(EditError, match="different text"):
        edits.resplit(page, split_page(("other.txt", "别的文字")))


# --- the sample pages -------------------------------------------------------------------------------
def test_every_operation_keeps_the_invariant_on_a_sample_page(sample_path):
    page = valid(split_page(load_page(sample_path)))
    first = page.items[0]
    mid = len(page.text) // 2
    steps = [
        lambda p: edits.move_text(p, mid, mid + 40, None),
        lambda p: edits.relabel_text(p, 0, 30, Role.TITLE),
        lambda p: edits.send_to_furniture(p, len(p.text) - 30, len(p.text)),
        lambda p: edits.set_field(p, p.items[0].id, "title", "标题"),
        lambda p: edits.delete_item(p, p.items[-1].id),
        lambda p: edits.move_blocks(p, [p.unassigned[0].id], p.items[0].id),
    ]
    if len(first.blocks) > 1:
        steps.insert(0, lambda p: edits.split_item(p, first.id, first.blocks[1].id))
    for step in steps:
        page = valid(step(page))
    assert "".join(page.text.split()) == "".join(load_page(sample_path).text.split())


def test_operations_leave_the_old_page_as_it_was(page):
    """Undo keeps the page object from before the edit: no operation may change it."""
    before = (page.text, structure(page), page.unassigned, page.corrections, [it.fields for it in page.items])
    start, end = at(page, "第一段第二行")
    results = [
        edits.split_item(page, 0, 2), edits.merge_items(page, 0, 1), edits.move_blocks(page, [1], 1),
        edits.move_text(page, start, end, None), edits.send_to_furniture(page, start, end),
        edits.relabel(page, 3, Role.TITLE), edits.relabel_text(page, start, end, Role.SUBHEAD),
        edits.move_block(page, 0, 3, 1), edits.move_item(page, 0, 2), edits.set_field(page, 0, "title", "新"),
        edits.set_kind(page, 0, Kind.AD), edits.delete_item(page, 0), edits.correct_text(page, start, end, "改"),
        edits.resplit(edits.set_field(page, 1, "kicker", "引"), split_page((page.name, page.text)))[0],
    ]
    assert all(valid(r) is not page for r in results)
    assert (page.text, structure(page), page.unassigned, page.corrections, [it.fields for it in page.items]) == before
    assert all(not it.edited for it in page.items)


def test_item_label(page):
    # named by their number for people (1-based, in page order), not by their ids
    assert str(edits.item_label(page, page.item(1))) == "item 2 “春天的故事”"
    assert str(edits.item_label(page, page.item(2))) == "item 3 “责任编辑：成青”"
    assert str(edits.item_label(page, page.item(0), width=4)) == "item 1 “荆州中医…”"
    moved = edits.move_item(page, 2, 0)  # the list order does not renumber: the number is the page order
    assert str(edits.item_label(moved, moved.item(2))) == "item 3 “责任编辑：成青”"


def test_split_item_at_a_line_inside_a_paragraph(page):
    news = page.items[0]
    para = news.blocks[2]  # three lines: 第一段第一行， / 第一段第二行， / 第一段第三行。
    second_line = page.text.index("第一段第二行")
    after = edits.split_item_at(page, second_line + 2)
    assert check_invariant(after) == []
    first, new = after.items[0], after.items[1]
    assert first.id == news.id and new.id not in {it.id for it in page.items}
    assert [b.role for b in new.blocks] == [Role.BODY, Role.BODY]
    assert page_text(after, new.blocks[0]).startswith("第一段第二行")
    assert page_text(after, first.blocks[-1]) == "本报讯 第一段第一行，"
    assert first.blocks[-1].id == para.id
    # merging back keeps every character where it was, in the same order
    merged = edits.merge_items(after, first.id, new.id)
    assert "".join(page_text(merged, b) for b in merged.items[0].blocks) == "".join(
        page_text(page, b) for b in news.blocks)


def test_split_item_at_the_first_line_of_a_block_splits_before_it(page):
    news = page.items[0]
    body = news.blocks[2]
    after = edits.split_item_at(page, body.spans[0][0])
    assert [b.id for b in after.items[1].blocks] == [b.id for b in news.blocks[2:]]


def test_split_item_at_a_line_of_no_item_is_an_error(page):
    blank = page.text.index("\n\n") + 1
    with pytest.raises(EditError):
        edits.split_item_at(page, blank)


def page_text(page, block):
    return "".join(page.text[s:e] for s, e in block.spans).replace("\n", "")


def test_edit_errors_keep_their_template_for_other_languages(page):
    with pytest.raises(EditError) as caught:
        edits.merge_items(page, 0, 0)
    assert caught.value.template == "cannot merge item {item} with itself"
    assert caught.value.params == {"item": 0}


# --- paragraphs -------------------------------------------------------------------------------------
def test_join_paragraphs_makes_one_paragraph_of_two_and_keeps_every_character(page):
    news = page.item(0)
    first, second = news.blocks[2], news.blocks[3]
    new = valid(edits.join_paragraphs(page, first.id))
    joined = new.item(0)
    assert [b.id for b in joined.blocks] == [0, 1, 2]
    assert joined.blocks[2].spans == first.spans + second.spans and joined.origin is Origin.EDITOR
    assert item_record(new, joined).body == ("本报讯第一段第一行，第一段第二行，第一段第三行。第二段全面规范。",)
    assert item_record(page, news).body[1] == "第二段全面规范。"  # the old page is untouched
    with pytest.raises(EditError, match="no next one"):
        edits.join_paragraphs(new, 2)


def test_join_paragraphs_skips_a_caption_between_and_joins_captions_with_captions(make_page):
    page = make_page([(Kind.NEWS, [(Role.TITLE, "标题"), (Role.BODY, "上半段，"), (Role.CAPTION, "图为现场。"),
                                   (Role.BODY, "下半段。"), (Role.CAPTION, "又一张图。")])])
    new = valid(edits.join_paragraphs(page, 1))
    assert [(b.id, b.role) for b in new.item(0).blocks] == [
        (0, Role.TITLE), (1, Role.BODY), (2, Role.CAPTION), (4, Role.CAPTION)]
    record = item_record(new, new.item(0))
    assert record.body == ("上半段，下半段。",) and record.captions == ("图为现场。", "又一张图。")
    assert item_record(valid(edits.join_paragraphs(page, 2)), page.item(0)).captions != ()


def test_split_paragraph_at_a_line_and_inside_a_line(page):
    para = page.item(0).blocks[2]
    start = page.text.index("第一段第二行")
    at_line = valid(edits.split_paragraph(page, start))
    blocks = at_line.item(0).blocks
    assert [b.id for b in blocks] == [0, 1, 2, 8, 3] and blocks[3].role is Role.BODY
    assert item_record(at_line, at_line.item(0)).body[:2] == ("本报讯第一段第一行，", "第一段第二行，第一段第三行。")
    inside = valid(edits.split_paragraph(page, start + 3))
    assert item_record(inside, inside.item(0)).body[:2] == ("本报讯第一段第一行，第一段", "第二行，第一段第三行。")
    # at the end of a line (the cursor after its last character) the next line starts the new paragraph
    end_of_line = valid(edits.split_paragraph(page, start - 1))
    assert item_record(end_of_line, end_of_line.item(0)).body[1] == "第一段第二行，第一段第三行。"
    # split then join gives back the paragraph
    assert valid(edits.join_paragraphs(inside, para.id)).item(0).blocks[2].spans == (
        (para.spans[0][0], start + 3), (start + 3, para.spans[0][1]))
    rejoined = edits.join_paragraphs(inside, para.id)
    assert item_record(rejoined, rejoined.item(0)).body == item_record(page, page.item(0)).body


def test_split_paragraph_needs_text_on_both_sides(page):
    para = page.item(0).blocks[2]
    with pytest.raises(EditError, match="start or its end"):
        edits.split_paragraph(page, para.start)
    with pytest.raises(EditError, match="start or its end"):
        edits.split_paragraph(page, para.end)
    blank = page.text.index("\n\n") + 1
    with pytest.raises(EditError, match="no paragraph"):
        edits.split_paragraph(page, blank)
    with pytest.raises(EditError, match="outside"):
        edits.split_paragraph(page, len(page.text) + 1)


def test_split_and_join_a_joined_paragraph_in_reading_order(make_page):
    """A paragraph whose spans are not in text order (a column read after the next one): the split follows
    the reading order, so the text before the cursor in reading order stays in the first paragraph."""
    page = make_page([(Kind.NEWS, [(Role.TITLE, "标题"), (Role.BODY, "后一栏的文字。"), (Role.BODY, "前一栏的文字，")])])
    joined = valid(edits.join_paragraphs(edits.move_block(page, 0, 2, 1), 2))
    assert item_record(joined, joined.item(0)).body == ("前一栏的文字，后一栏的文字。",)
    cut = joined.text.index("后一栏")
    split = valid(edits.split_paragraph(joined, cut))
    assert item_record(split, split.item(0)).body == ("前一栏的文字，", "后一栏的文字。")


def test_paragraph_edits_on_the_sample_pages_keep_the_invariant(sample_path):
    page = split_page(load_page(sample_path))
    bodies = [(it, b) for it in page.articles for b in it.blocks if b.role is Role.BODY]
    item, block = next((it, b) for it, b in bodies if edits.next_paragraph(page, b.id) is not None)
    joined = valid(edits.join_paragraphs(page, block.id))
    assert len(item_record(joined, joined.item(item.id)).body) == len(item_record(page, item).body) - 1
    middle = next(i for s, e in block.spans for i in range((s + e) // 2, e) if not page.text[i].isspace())
    split = valid(edits.split_paragraph(page, middle))
    assert len(item_record(split, split.item(item.id)).body) == len(item_record(page, item).body) + 1


def test_merge_keeps_the_first_headline_and_makes_the_seconds_a_subhead(make_page):
    page = make_page([
        (Kind.NEWS, [(Role.TITLE, "第一篇的标题"), (Role.BODY, "第一篇正文。")]),
        (Kind.NEWS, [(Role.KICKER, "引题"), (Role.TITLE, "第二篇的标题"), (Role.SUBTITLE, "——副题"),
                     (Role.BODY, "第二篇正文。")]),
    ])
    merged = valid(edits.merge_items(page, 0, 1))
    record = item_record(merged, merged.item(0))
    assert record.title == "第一篇的标题" and record.kicker == "" and record.subtitle == ""
    assert record.subheads == ("引题第二篇的标题——副题",)
    assert record.body == ("第一篇正文。", "第二篇正文。")
    assert [b.role for b in merged.item(0).blocks] == [Role.TITLE, Role.BODY, Role.SUBHEAD, Role.BODY]
    # a first item with no title of its own takes the second's headline as it is
    untitled = make_page([(Kind.NEWS, [(Role.BODY, "一段。")]), (Kind.NEWS, [(Role.TITLE, "标题"), (Role.BODY, "二段。")])])
    assert item_record(edits.merge_items(untitled, 0, 1), untitled.item(0)).title == ""
    assert valid(edits.merge_items(untitled, 0, 1)).item(0).blocks[1].role is Role.TITLE


def test_item_numbers_are_the_records_index_plus_one(sample_path):
    page = split_page(load_page(sample_path))
    page = edits.delete_item(page, page.items[len(page.items) // 2].id)  # the unassigned text is a record too
    numbers = edits.item_numbers(page)
    records = {item_id: rec.index for item_id, rec in item_records(page)}
    assert numbers == {item_id: index + 1 for item_id, index in records.items() if item_id is not None}


def test_merge_makes_each_run_of_the_seconds_headline_lines_one_subhead(make_page):
    page = make_page([
        (Kind.NEWS, [(Role.TITLE, "第一篇"), (Role.BODY, "一。")]),
        (Kind.NEWS, [(Role.TITLE, "第二篇"), (Role.SUBTITLE, "——副"), (Role.BODY, "二。"), (Role.SECTION, "栏目")]),
    ])
    merged = valid(edits.merge_items(page, 0, 1))
    assert [(b.id, b.role) for b in merged.item(0).blocks] == [
        (0, Role.TITLE), (1, Role.BODY), (2, Role.SUBHEAD), (4, Role.BODY), (5, Role.SUBHEAD)]
    record = item_record(merged, merged.item(0))
    assert record.subheads == ("第二篇——副", "栏目") and record.section == ""


def test_paragraph_offset_maps_shown_characters_to_the_source(page):
    para = page.item(0).blocks[2]  # "本报讯 第一段第一行，" over three lines: spaces are not shown
    text = item_record(page, page.item(0)).body[0]
    for k in (0, 3, len(text) - 1):
        assert page.text[edits.paragraph_offset(page, para, k)] == text[k]
    assert edits.paragraph_offset(page, para, len(text)) == para.spans[-1][1]  # after the last: the end
    with pytest.raises(EditError, match="has only"):
        edits.paragraph_offset(page, para, len(text) + 1)
    fixed = edits.correct_text(page, *at(page, "第二行"), "第2行")  # a correction maps to where it starts
    start = page.text.index("第二行")
    assert edits.paragraph_offset(fixed, para, text.index("第二行") + 1) == start
