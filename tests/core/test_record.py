"""ItemRecord: one definition of an item's record (fields, list fields, column order), computed once per item."""

from __future__ import annotations

from app.core import edits
from app.core.bylines import Author
from app.core.metadata import item_record, item_records, page_records
from app.core.record import (
    COLUMNS,
    EDITABLE_FIELDS,
    LIST_FIELDS,
    TEXT_FIELDS,
    ItemRecord,
    Value,
    editor_value,
)


def test_the_columns_are_the_split_records_keys_in_order(page) -> None:
    assert COLUMNS == ("page", "index", "kind", "section", "kicker", "title", "subtitle", "authors", "subheads",
                       "body", "captions", "tags", "spans")
    assert [list(rec) for rec in page_records(page, with_tags=False)] == [list(COLUMNS)] * len(page.items)
    assert LIST_FIELDS == ("authors", "subheads", "body", "captions", "tags", "spans")
    assert TEXT_FIELDS == ("section", "kicker", "title", "subtitle")
    assert "page" not in EDITABLE_FIELDS and "tags" in EDITABLE_FIELDS


def test_a_record_round_trips_through_plain_json(page) -> None:
    for _, rec in item_records(page, tags=False):
        data = rec.to_dict()
        assert isinstance(data["authors"], list) and isinstance(data["kind"], str)
        assert ItemRecord.from_dict(data) == rec
    news = item_record(page, page.item(0), tags=False)
    assert news.authors == (Author("张三", "记者"), Author("何勇", "通讯员"))
    assert news.value("authors") == [{"name": "张三", "role": "记者"}, {"name": "何勇", "role": "通讯员"}]
    assert news.headline == "荆州中医外科首次亮相" and news.first_text.startswith("本报讯")


def test_a_record_is_computed_once_per_item(page) -> None:
    first = item_record(page, page.item(1), tags=False)
    assert item_record(page, page.item(1), tags=False) is first
    retitled = edits.set_field(page, 0, "title", "新标题")
    assert item_record(retitled, retitled.item(1), tags=False) is first  # an edit of another item
    assert item_record(retitled, retitled.item(0), tags=False).title == "新标题"


def test_a_correction_inside_an_item_renews_only_its_record(page) -> None:
    before = [item_record(page, it, tags=False) for it in page.items]
    start = page.text.index("全 面")
    fixed = edits.correct_text(page, start, start + 3, "全面")
    after = [item_record(fixed, it, tags=False) for it in fixed.items]
    assert after[0] is not before[0] and after[0].body[1] == "第二段全面规范。"
    assert after[1] is before[1] and after[2] is before[2]


def test_hand_set_values_take_the_record_fields_types() -> None:
    assert editor_value("authors", [{"name": "王五", "role": "记者"}]) == (Author("王五", "记者"),)
    assert editor_value("tags", ["a", "b"]) == ("a", "b")
    assert Value.TEXTS.is_list and not Value.TEXT.is_list
