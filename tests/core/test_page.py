"""The page model (app.core.page): lines, spans, look-ups, corrections and the no-loss invariant."""

from __future__ import annotations

import pytest

from app.core.errors import EditError
from app.core.page import (
    Block,
    Correction,
    Item,
    Kind,
    Line,
    Origin,
    Page,
    Role,
    check_invariant,
    merge_spans,
    split_lines,
    strip_span,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("a\nbc\n", [(0, 1), (2, 4)]),
    ("a\r\nbc", [(0, 1), (3, 5)]),
    ("a\rb\r\n\nc", [(0, 1), (2, 3), (5, 5), (6, 7)]),
    ("", []),
    ("\n", [(0, 0)]),
])
def test_split_lines_handles_every_line_ending(text, expected):
    lines = split_lines(text)
    assert [(ln.start, ln.end) for ln in lines] == expected
    assert [ln.index for ln in lines] == list(range(len(expected)))
    assert all("\r" not in ln.text(text) and "\n" not in ln.text(text) for ln in lines)


def test_line_text():
    assert Line(0, 2, 4).text("a\nbc\n") == "bc"


def test_strip_span_and_merge_spans():
    text = "  正文 \n\n 续文  x"
    assert strip_span(text, 0, 6) == (2, 4)
    assert strip_span(text, 4, 8) is None
    assert merge_spans(text, [(8, 10), (2, 4)]) == [(2, 10)]  # only whitespace between: one span
    assert merge_spans(text, [(2, 3), (8, 10)]) == [(2, 3), (8, 10)]  # "文" lies between
    assert merge_spans(text, [(2, 5), (3, 4)]) == [(2, 5)]


@pytest.fixture
def tiny() -> Page:
    text = "标题\n正文一，正文二。\n\n图注"
    return Page("tiny.txt", text, (
        Item(0, Kind.NEWS, (Block(0, Role.TITLE, ((0, 2),)), Block(1, Role.BODY, ((3, 11),)))),
        Item(1, Kind.FURNITURE, (Block(2, Role.FURNITURE, ((13, 15),)),)),
    ))


def test_lookups(tiny):
    assert tiny.item(1).kind is Kind.FURNITURE and tiny.item_index(1) == 1
    with pytest.raises(EditError, match="no item 5 on page tiny.txt"):
        tiny.item(5)
    with pytest.raises(EditError, match="no item 5"):
        tiny.item_index(5)
    assert [b.id for b in tiny.all_blocks()] == [0, 1, 2]
    assert tiny.next_block_id() == 3 and tiny.next_item_id() == 2
    assert [it.id for it in tiny.articles] == [0]
    item, block = tiny.owner_of(5)
    assert (item.id, block.id) == (0, 1)
    assert tiny.owner_of(2) == (None, None)  # the newline
    moved = tiny.with_(items=tiny.items[:1], unassigned=tiny.items[1].blocks)
    assert moved.owner_of(14) == (None, tiny.items[1].blocks[0])


def test_block_and_item_extent(tiny):
    block = Block(7, Role.BODY, ((10, 12), (3, 5)))
    assert (block.start, block.end) == (3, 12)
    assert tiny.item(0).start == 0
    assert Item(3, Kind.NEWS, ()).start == 0
    assert tiny.item(0).blocks_with(Role.TITLE) == [tiny.item(0).blocks[0]]


def test_the_model_is_immutable(tiny):
    item = tiny.item(0)
    with pytest.raises(AttributeError):
        item.kind = Kind.AD  # type: ignore[misc]
    edited = item.with_(fields={"title": "新"})
    with pytest.raises(TypeError):
        edited.fields["title"] = "x"  # type: ignore[index]
    assert item.fields == {} and edited.fields == {"title": "新"}
    assert isinstance(tiny.with_(items=list(tiny.items)).items, tuple)


def test_edited_provenance():
    item = Item(0, Kind.NEWS, ())
    assert not item.edited
    assert item.with_(origin=Origin.EDITOR).edited
    assert item.with_(kind_origin=Origin.EDITOR).edited
    assert item.with_(fields={"tags": ["a"]}).edited


def test_span_text_applies_corrections_inside_the_span(tiny):
    fixed = tiny.with_(corrections=[Correction(3, 5, "正文", "本文"), Correction(7, 9, "正文", "正本")])
    assert fixed.span_text(3, 11) == "本文一，正本二。"
    assert fixed.span_text(4, 11) == "文一，正本二。"  # a correction only partly inside is not applied
    assert fixed.block_text(fixed.item(0).blocks[1]) == "本文一，正本二。"
    assert fixed.text == tiny.text


def test_block_text_joins_spans():
    page = Page("p", "甲乙\n丙丁", ())
    assert page.block_text(Block(0, Role.BODY, ((0, 2), (3, 5))), sep="|") == "甲乙|丙丁"


def test_check_invariant_accepts_a_complete_page(tiny):
    assert check_invariant(tiny) == []


def test_check_invariant_reports_lost_doubled_and_broken_text(tiny):
    lost = tiny.with_(items=tiny.items[:1])
    assert check_invariant(lost) == ["character 13 '图' belongs to no block", "character 14 '注' belongs to no block"]
    doubled = tiny.with_(unassigned=[Block(9, Role.BODY, ((0, 1),))])
    assert check_invariant(doubled) == ["character 0 '标' belongs to 2 blocks"]
    same_id = tiny.with_(unassigned=[Block(2, Role.BODY, ((15, 15),))])
    assert "block 2 appears twice" in check_invariant(same_id)
    out_of_range = tiny.with_(unassigned=[Block(5, Role.BODY, ((15, 40),))])
    assert "block 5 span 15-40 out of range" in check_invariant(out_of_range)
    empty = tiny.with_(unassigned=[Block(6, Role.BODY, ())])
    assert "block 6 has no text" in check_invariant(empty)
    twin = tiny.with_(items=tiny.items + (Item(1, Kind.NEWS, ()),))
    assert "two items share an id" in check_invariant(twin)
