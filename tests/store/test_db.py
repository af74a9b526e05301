"""The project store: schema, import and versions, the editor's page, status, journal, state, two instances."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core import edits
from app.core.errors import StoreError
from app.core.loading import SourcePage, load_page
from app.core.page import Page
from app.core.splitter import split_page
from app.store.db import PageRow, Store
from app.store.migrations import STEPS

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_data").glob("*.txt"))

TABLES = {"pages", "page_auto", "items", "authors", "tags", "corrections", "edits", "state", "journal", "items_fts"}


def source_of(page: Page) -> SourcePage:
    return SourcePage(page.name, page.text, "utf-8", f"/in/{page.name}")


def test_new_project_has_schema_wal_and_foreign_keys(db_path: Path) -> None:
    with Store(db_path) as s:
        assert TABLES <= set(s.db.table_names())
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn = sqlite3.connect(db_path)  # any SQLite tool reads it
    assert conn.execute("PRAGMA user_version").fetchone()[0] == STEPS
    assert {r[0] for r in conn.execute("select name from _sqlite_migrations")} >= {"001_pages_items"}


def test_reopening_keeps_data_and_does_not_migrate_again(db_path: Path, page: Page) -> None:
    with Store(db_path) as s:
        page_id, _ = s.import_source(source_of(page), page)
    with Store(db_path) as s:
        assert s.load_page(page_id) == page
        assert s.db.execute("select count(*) from _sqlite_migrations").fetchone()[0] == STEPS


def test_a_file_that_is_not_a_project_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        Store(bad)
    with pytest.raises(StoreError, match="folder"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "p.db")


def test_a_project_from_a_newer_version_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {STEPS + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db_path)


def test_import_new_then_same_then_version(store: Store, page: Page) -> None:
    first, outcome = store.import_source(source_of(page), page)
    assert outcome == "new"
    assert store.import_source(source_of(page), page) == (first, "same")
    changed = Page(page.name, page.text + "补一行\n", page.items)
    second, outcome = store.import_source(source_of(changed), changed)
    assert outcome == "version" and second != first
    rows = store.list_pages()
    assert [(r.name, r.version) for r in rows] == [(page.name, 1), (page.name, 2)]
    assert store.load_page(first).text == page.text  # the old version stays


def test_a_new_version_never_overwrites_the_editors_work(store: Store, page: Page) -> None:
    page_id, _ = store.import_source(source_of(page), page)
    work = edits.set_field(page, page.items[0].id, "title", "编辑改的标题")
    store.save_page(page_id, work, status="done", summary="title")
    changed = Page(page.name, page.text + "新\n", page.items)
    store.import_source(source_of(changed), changed)
    assert store.load_page(page_id) == work
    assert store.page_status(page_id) == "done"


def test_load_page_and_auto_page_after_save(store: Store, page: Page) -> None:
    page_id, _ = store.import_source(source_of(page), page)
    assert store.load_page(page_id) == page
    work = edits.merge_items(page, page.items[0].id, page.items[1].id)
    store.save_page(page_id, work, summary="合并文章")
    assert store.load_page(page_id) == work
    assert store.load_auto_page(page_id) == page
    row = store.list_pages()[0]
    assert row.item_count == len(work.items) and row.edited is not None
    assert store.history(page_id)[-1]["summary"] == "合并文章"


def test_save_writes_items_authors_tags_and_corrections(store: Store, page: Page) -> None:
    page_id, _ = store.import_source(source_of(page), page)
    start = page.text.index("全 面")
    work = edits.correct_text(page, start, start + 3, "全面")
    work = edits.set_field(work, 0, "authors", [{"name": "王五", "role": "记者"}])
    store.save_page(page_id, work)
    items = list(store.db["items"].rows_where("page_id = ?", [page_id], order_by="ord"))
    assert items[0]["title"] == "荆州中医外科首次亮相"
    assert items[0]["origin"] == "auto"
    assert [r["name"] for r in store.db["authors"].rows_where("item_row = ?", [items[0]["id"]])] == ["王五"]
    assert [(r["old"], r["new"]) for r in store.db["corrections"].rows] == [("全 面", "全面")]
    assert store.db["tags"].count > 0


def test_a_failed_save_changes_nothing(store: Store, page: Page) -> None:
    page_id, _ = store.import_source(source_of(page), page)
    other = Page(page.name, page.text.replace("荆州", "江陵"), page.items)
    with pytest.raises(StoreError, match="different text"):
        store.save_page(page_id, other)
    assert store.load_page(page_id) == page
    assert store.history(page_id) == []


def test_unknown_page_and_status_are_clear_errors(store: Store, page: Page) -> None:
    page_id, _ = store.import_source(source_of(page), page)
    with pytest.raises(StoreError, match="no page 99"):
        store.load_page(99)
    with pytest.raises(StoreError, match="status"):
        store.set_status(page_id, "finished")


def test_status_and_list_and_next_page_to_review(store: Store, page: Page) -> None:
    ids = []
    for name in ("c.txt", "a.txt", "b.txt"):
        p = Page(name, page.text, page.items)
        ids.append(store.import_source(source_of(p), p)[0])
    c, a, b = ids
    assert [r.name for r in store.list_pages()] == ["a.txt", "b.txt", "c.txt"]
    assert all(isinstance(r, PageRow) and r.status == "todo" for r in store.list_pages())
    assert store.next_page_to_review() == a
    store.set_status(a, "done")
    store.set_status(b, "in_progress")
    assert store.page_status(a) == "done"
    assert [r.id for r in store.list_pages("done")] == [a]
    assert store.next_page_to_review(a) == b
    assert store.next_page_to_review(b) == c
    assert store.next_page_to_review(c) == b  # wraps round, skipping done pages
    store.set_status(b, "done")
    store.set_status(c, "done")
    assert store.next_page_to_review(c) is None


def test_journal_keeps_unsaved_edits_until_save(db_path: Path, page: Page) -> None:
    with Store(db_path) as s:
        page_id, _ = s.import_source(source_of(page), page)
        unsaved = edits.set_field(page, 0, "title", "未保存")
        s.journal_write(page_id, unsaved)
        s.journal_write(page_id, unsaved)
    with Store(db_path) as s:  # a crash: the next start finds the edits
        assert s.journal_pending() == [(page_id, unsaved)]
        s.save_page(page_id, unsaved)
        assert s.journal_pending() == []
        s.journal_write(page_id, page)
        s.journal_clear(page_id)
        assert s.journal_pending() == []


def test_state_holds_json_values(store: Store) -> None:
    assert store.get_state("last", default={"page": None}) == {"page": None}
    store.set_state("last", {"page": 3, "item": 2, "名": "荆州"})
    assert store.get_state("last") == {"page": 3, "item": 2, "名": "荆州"}


def test_all_tags_most_used_first(sample_store: Store) -> None:
    tags = sample_store.all_tags()
    assert tags and len(tags) == len(set(tags))
    counts = [sample_store.db["tags"].count_where("tag = ?", [t]) for t in tags]
    assert counts == sorted(counts, reverse=True)


def test_two_instances_on_one_file_both_work(db_path: Path, page: Page) -> None:
    one, two = Store(db_path), Store(db_path)
    try:
        page_id, _ = one.import_source(source_of(page), page)
        assert two.load_page(page_id) == page
        two.set_status(page_id, "in_progress")
        with one.writing():  # one holds the write lock; two waits for it, never corrupts
            one.db.execute("update pages set path = 'x' where id = ?", [page_id])
        two.save_page(page_id, edits.set_field(page, 0, "title", "二"), status="done")
        assert one.page_status(page_id) == "done"
        assert one.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        one.close()
        two.close()


def test_a_held_write_lock_makes_the_other_instance_say_so(db_path: Path, page: Page, monkeypatch) -> None:
    monkeypatch.setattr("app.store.db.BUSY_TIMEOUT_S", 0.1)
    one, two = Store(db_path), Store(db_path)
    try:
        page_id, _ = one.import_source(source_of(page), page)
        with one.writing():
            with pytest.raises(StoreError, match="busy"):
                two.set_status(page_id, "done")
        assert two.page_status(page_id) == "todo"
    finally:
        one.close()
        two.close()


def test_sample_pages_round_trip_through_a_file(db_path: Path) -> None:
    with Store(db_path) as s:
        ids = {}
        for path in SAMPLES:
            src = load_page(path)
            ids[path] = s.import_source(src, split_page(src))[0]
    with Store(db_path) as s:
        for path, page_id in ids.items():
            assert s.load_page(page_id) == split_page(load_page(path))


def test_a_project_made_before_the_contentless_index_is_migrated(db_path: Path, page: Page) -> None:
    from sqlite_utils import Database

    from app.core.metadata import page_item_records
    from app.core.serialize import page_to_json
    from app.store import records
    from app.store.migrations import migrations

    db = Database(db_path)
    migrations.apply(db, stop_before="004_items_fts_contentless")
    db.execute("PRAGMA user_version = 3")
    with db.atomic():
        db["pages"].insert({"id": 1, "name": page.name, "sha256": "x", "text": page.text, "status": "todo",
                            "version": 1, "model": page_to_json(page, with_text=False), "item_count": 0})
        db["page_auto"].insert({"page_id": 1, "model": page_to_json(page, with_text=False)})
        records.replace_item_rows(db, 1, page_item_records(page))
    assert db.execute("select count(*) from items_fts_content").fetchone()[0] == len(page.items)
    db.close()
    with Store(db_path) as s:
        assert "items_fts_content" not in s.db.table_names()
        assert [h.item_id for h in s.search("中医外科")] == [0]
        s.save_page(1, edits.set_field(page, 0, "title", "新的标题文字"))
        assert s.search("中医外科") == [] and [h.item_id for h in s.search("新的标题")] == [0]


def test_a_false_paragraph_break_joined_stays_joined_after_save_reopen_and_export(db_path: Path, page: Page,
                                                                                  tmp_path: Path) -> None:
    import json

    with Store(db_path) as s:
        page_id, _ = s.import_source(source_of(page), page)
        joined = edits.join_paragraphs(page, page.items[0].blocks[2].id)
        s.save_page(page_id, joined, summary="join")
    with Store(db_path) as s:
        assert s.load_page(page_id) == joined
        s.export("jsonl", tmp_path / "out.jsonl")
    first = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["body"] == ["本报讯第一段第一行，第一段第二行，第一段第三行。第二段全面规范。"]
