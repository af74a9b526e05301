"""The page list read lazily (ids first, rows for a few ids on demand); a read-only store."""

from __future__ import annotations

from app.store.db import Store


def test_page_ids_follow_the_list_order_and_rows_come_in_the_order_asked(sample_store: Store) -> None:
    rows = sample_store.list_pages()
    ids = sample_store.list_page_ids()
    assert ids == [r.id for r in rows]
    assert sample_store.page_rows(list(reversed(ids))) == list(reversed(rows))
    assert sample_store.page_rows([ids[1], 999_999, ids[0]]) == [rows[1], rows[0]]


def test_page_ids_by_status(sample_store: Store) -> None:
    first, *rest = sample_store.list_page_ids()
    sample_store.set_status(first, "done")
    assert sample_store.list_page_ids("done") == [first]
    assert sample_store.list_page_ids("todo") == rest
    assert sample_store.page_rows([first])[0].status == "done"


def test_many_rows_at_once(store: Store) -> None:
    from app.core.loading import SourcePage

    with store.writing():
        for i in range(1200):  # more than one chunk of bound parameters
            store.import_split(SourcePage(f"p{i:04d}.txt", f"第{i}版\n", "utf-8"), '{"items": []}', [])
    ids = store.list_page_ids()
    assert [r.name for r in store.page_rows(ids)] == [f"p{i:04d}.txt" for i in range(1200)]


def test_a_read_only_store_refuses_every_write(sample_store: Store) -> None:
    import sqlite3

    import pytest

    from app.core.errors import StoreError

    page_id = sample_store.list_page_ids()[0]
    before = sample_store.page_status(page_id)
    sample_store.set_read_only()
    with pytest.raises(StoreError, match="read-only"):
        sample_store.set_status(page_id, "done")
    with pytest.raises(StoreError, match="read-only"):
        sample_store.save_page(page_id, sample_store.load_page(page_id), "done")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        sample_store.db.execute("update pages set status = 'done'")  # below the Store: SQLite refuses too
    assert sample_store.page_status(page_id) == before
    assert sample_store.search("荆州")  # reading goes on


def test_close_hooks_run_once_when_the_project_closes(db_path) -> None:  # noqa: ANN001
    calls = []
    store = Store(db_path)
    store.on_close(lambda: calls.append("closed"))
    assert calls == []
    store.close()
    assert calls == ["closed"]


def test_statuses_of_several_pages_are_set_together_or_not_at_all(sample_store: Store) -> None:
    import pytest

    from app.core.errors import StoreError

    a, b, *_ = sample_store.list_page_ids()
    sample_store.set_statuses({a: "done", b: "in_progress"})
    assert (sample_store.page_status(a), sample_store.page_status(b)) == ("done", "in_progress")
    with pytest.raises(StoreError, match="status"):
        sample_store.set_statuses({a: "todo", b: "finished"})
    assert (sample_store.page_status(a), sample_store.page_status(b)) == ("done", "in_progress")
