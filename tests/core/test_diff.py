"""diff_pages reports what an editor changed against the automatic split; revert_change undoes one change."""

from __future__ import annotations

import pytest

from app.core import edits
from app.core.diff import CHANGE_KINDS, Change, diff_pages, revert_change
from app.core.errors import EditError
from app.core.loading import load_page
from app.core.metadata import item_record
from app.core.page import Kind, Page, Role, check_invariant
from app.core.splitter import split_page


def kinds(changes: list[Change]) -> list[str]:
    return [c.kind for c in changes]


def at(page: Page, text: str) -> tuple[int, int]:
    start = page.text.index(text)
    return start, start + len(text)


def test_an_unedited_page_has_no_changes(page):
    assert diff_pages(page, page) == []


def test_split_is_reported_with_the_new_part(page):
    edited = edits.split_item(page, 0, 2)
    (change,) = diff_pages(page, edited)
    assert change.kind == "split" and change.item_id == 3
    # items are named by their number for people: 1-based, in page order (item 3 is the second now)
    assert change.description == "item 1 “荆州中医外科首次亮相” was split: item 2 “本报讯第一段第一行，第一…” is a new part"
    assert change.detail["auto_item"] == 0


def test_merge_is_reported_with_both_titles(page):
    edited = edits.merge_items(page, 0, 1)
    change, headline = diff_pages(page, edited)
    assert change.kind == "merge" and change.item_id == 0
    assert change.description == "item 2 “春天的故事” was merged into item 1 “荆州中医外科首次亮相”"
    # the merged item keeps the first title; the second's is a subhead now, and the changes say so
    assert headline.kind == "relabel" and headline.revertible and headline.detail["merged_headline"]
    assert headline.description == "the headline “春天的故事” of item 2 “春天的故事” is now a subhead of item 1 “荆州中医外科首次亮相”"
    back = revert_change(page, edited, headline)
    assert [b.role for b in back.item(0).blocks if b.id == 4] == [Role.TITLE]


def test_moved_text_and_deleted_items(page):
    edited = edits.move_text(page, *at(page, "正文二行"), 0)
    edited = edits.delete_item(edited, 2)
    changes = diff_pages(page, edited)
    assert kinds(changes) == ["moved", "deleted"]  # appending moved text is not a change of reading order
    moved, deleted = changes
    assert moved.item_id == 0 and moved.detail == {"auto_item": 1, "chars": 5}
    assert "5 characters of item 2 “春天的故事” were moved to item 1" in moved.description
    assert deleted.detail["whole"]
    assert deleted.description == "item 3 “责任编辑：成青” was deleted (the text is unassigned)"


def test_relabel_and_its_revert(page):
    edited = edits.relabel(page, 3, Role.SUBHEAD)
    (change,) = diff_pages(page, edited)
    assert change.kind == "relabel"
    assert change.detail == {"block_id": 3, "old": "body", "new": "subhead"}
    assert "relabelled from body to subhead" in change.description
    back = revert_change(page, edited, change)
    assert diff_pages(page, back) == []
    assert item_record(back, back.item(0)) == item_record(page, page.item(0))


def test_relabel_to_furniture_is_a_split_and_a_relabel(page):
    edited = edits.relabel(page, 1, Role.FURNITURE)
    assert sorted(kinds(diff_pages(page, edited))) == ["relabel", "split"]


def test_field_kind_and_correction_are_reported_and_reverted(page):
    edited = edits.set_field(page, 1, "title", "新的标题")
    edited = edits.set_kind(edited, 1, Kind.NOTICE)
    edited = edits.correct_text(edited, *at(page, "正文"), "文正")
    changes = diff_pages(page, edited)
    assert kinds(changes) == ["kind", "field", "correction"]
    kind, fld, fix = changes
    assert kind.description == "item 2 “新的标题” is now notice (was feature)"
    assert fld.detail == {"field": "title", "value": "新的标题", "auto": "春天的故事"}
    assert fix.item_id == 1 and fix.detail["old"] == "正文" and fix.detail["new"] == "文正"
    for change in changes:
        reverted = revert_change(page, edited, change)
        assert check_invariant(reverted) == []
        left = diff_pages(page, reverted)
        assert change not in left and len(left) == 2
    back = edited
    for change in changes:
        back = revert_change(page, back, change)
    assert diff_pages(page, back) == []
    assert back.item(1).kind is Kind.FEATURE and not back.item(1).edited


def test_field_lists_are_described_readably(page):
    edited = edits.set_field(page, 0, "authors", [{"name": "王五", "role": "记者"}, {"name": "赵六", "role": "通讯员"}])
    (change,) = diff_pages(page, edited)
    assert change.description.endswith("set by hand to “王五、赵六”")


def test_block_and_item_order(page):
    edited = edits.move_block(page, 0, 3, 0)
    assert [(c.kind, c.item_id) for c in diff_pages(page, edited)] == [("order", 0)]
    edited = edits.move_item(page, 2, 0)
    assert [(c.kind, c.item_id) for c in diff_pages(page, edited)] == [("order", None)]


@pytest.mark.parametrize("make", [
    lambda p: edits.split_item(p, 0, 2),
    lambda p: edits.merge_items(p, 0, 1),
    lambda p: edits.delete_item(p, 1),
    lambda p: edits.move_item(p, 2, 0),
])
def test_structural_changes_cannot_be_reverted_alone(page, make):
    edited = make(page)
    for change in diff_pages(page, edited):
        assert change.kind in CHANGE_KINDS
        if change.detail.get("merged_headline"):  # the merged item's second headline, a relabel
            continue
        with pytest.raises(EditError, match="cannot be undone on its own"):
            revert_change(page, edited, change)


def test_diff_needs_the_same_text(page):
    with pytest.raises(EditError, match="different text"):
        diff_pages(page, split_page(("x.txt", "别的")))


def test_sample_page_edits_are_all_reported(sample_path):
    auto = split_page(load_page(sample_path))
    mid = len(auto.text) // 2
    edited = edits.new_item_from_text(auto, mid, mid + 10)
    edited = edits.set_field(edited, edited.items[0].id, "title", "标题")
    found = set(kinds(diff_pages(auto, edited)))
    assert {"field"} <= found and found & {"split", "moved"}


def test_part_of_an_item_taken_out_is_a_partial_deletion(page):
    edited = edits.delete_item(edits.split_item(page, 0, 3), 3)
    (change,) = diff_pages(page, edited)
    assert change.kind == "deleted" and change.item_id is None
    assert change.detail == {"auto_item": 0, "chars": 8, "whole": False}
    assert change.description == (
        "8 characters of item 1 “荆州中医外科首次亮相” were taken out of every item (the text is unassigned)")


def test_a_change_list_after_resplit_keeps_the_hand_set_field(page):
    edited = edits.set_field(page, 1, "title", "新的标题")
    new, _ = edits.resplit(edited, split_page((page.name, page.text)))
    fields = [c for c in diff_pages(split_page((page.name, page.text)), new) if c.kind == "field"]
    assert [(c.item_id, c.detail["value"]) for c in fields] == [(1, "新的标题")]


def test_paragraphs_joined_and_split_are_reported_in_words(page):
    joined = edits.join_paragraphs(page, 2)
    (change,) = diff_pages(page, joined)
    assert change.kind == "paragraphs joined" and change.item_id == 0 and not change.revertible
    assert change.description.startswith("2 paragraphs of item 1 “荆州中医外科首次亮相” were joined into one: “本报讯")
    split = edits.split_paragraph(page, page.text.index("第一段第二行"))
    (change,) = diff_pages(page, split)
    assert change.kind == "paragraph split" and change.item_id == 0
    assert change.description.startswith("a paragraph of item 1 “荆州中医外科首次亮相” was split into 2: “本报讯")
    # a body line made a subhead and relabelled back leaves the paragraph split, until it is joined again
    line = at(page, "第一段第二行")
    back = edits.relabel_text(edits.relabel_text(page, *line, Role.SUBHEAD), *line, Role.BODY)
    assert kinds(diff_pages(page, back)) == ["paragraph split"]
    blocks = back.item(0).blocks
    rejoined = edits.join_paragraphs(edits.join_paragraphs(back, blocks[2].id), blocks[2].id)
    assert diff_pages(page, rejoined) == []
