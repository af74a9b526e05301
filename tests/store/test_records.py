"""Export records read from the store: the split records plus project fields, filters, page_source."""

from __future__ import annotations

from app.core import edits
from app.core.export import SCHEMA_VERSION
from app.core.metadata import page_records
from app.core.serialize import page_from_dict
from app.store.db import Store


def test_records_are_the_editors_page_records(sample_store: Store) -> None:
    for row in sample_store.list_pages():
        page = sample_store.load_page(row.id)
        got = [r for r in sample_store.iter_records() if r["page_id"] == row.id]
        assert [{k: r[k] for k in page_records(page)[0]} for r in got] == page_records(page)
        assert {r["schema_version"] for r in got} == {SCHEMA_VERSION}
        assert sorted(r["item_id"] for r in got) == sorted(it.id for it in page.items)


def test_records_follow_a_save(sample_store: Store) -> None:
    page = sample_store.load_page(1)
    item = page.items[0]
    work = edits.set_field(page, item.id, "title", "编辑定的标题")
    sample_store.save_page(1, work, status="done")
    rec = next(r for r in sample_store.iter_records() if r["page_id"] == 1 and r["item_id"] == item.id)
    assert rec["title"] == "编辑定的标题" and rec["status"] == "done" and rec["edited"]


def test_filters(sample_store: Store) -> None:
    everything = list(sample_store.iter_records())
    sample_store.set_status(2, "done")
    assert {r["page_id"] for r in sample_store.iter_records(status="done")} == {2}
    kind = everything[0]["kind"]
    assert [r for r in sample_store.iter_records(kind=kind)] == [r for r in everything if r["kind"] == kind]
    tag = sample_store.all_tags()[0]
    tagged = list(sample_store.iter_records(tag=tag))
    assert tagged and all(tag in r["tags"] for r in tagged)
    assert len(tagged) == sum(tag in r["tags"] for r in everything)
    name = everything[-1]["page"]
    assert {r["page"] for r in sample_store.iter_records(name_like=name[:5] + "*")} == {name}
    assert sample_store.count_records(kind=kind) == sum(r["kind"] == kind for r in everything)


def test_page_source_on_the_first_record_of_each_page_only(sample_store: Store) -> None:
    seen = set()
    for rec in sample_store.iter_records(with_source=True):
        if rec["page_id"] in seen:
            assert "page_source" not in rec
            continue
        seen.add(rec["page_id"])
        src = rec["page_source"]
        assert page_from_dict(src["model"], src["text"]) == sample_store.load_page(rec["page_id"])
        assert page_from_dict(src["auto_model"], src["text"]) == sample_store.load_auto_page(rec["page_id"])
    assert len(seen) == len(sample_store.list_pages())
    assert all("page_source" not in r for r in sample_store.iter_records())
