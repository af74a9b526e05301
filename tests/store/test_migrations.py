"""A project made before the compact format (schema 8, made by Newsdesk's code of that time) opens upgraded."""

from __future__ import annotations

import contextlib
import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.core.page import Kind
from app.store.compact import unpack_text
from app.store.db import PAGE_SIZE, Store, text_sha256
from app.store.migrations import STEPS

MADE_BY_SCHEMA_8 = Path(__file__).resolve().parents[1] / "data" / "projects" / "made_by_schema_8.db.gz"


@pytest.fixture
def old_project(tmp_path: Path) -> Path:
    """Two pages imported, the first with an edited title saved and marked done, the second with an unsaved
    edit in the journal; trigram index, plain text, tags with their own ids."""
    path = tmp_path / "old.db"
    with gzip.open(MADE_BY_SCHEMA_8) as f, open(path, "wb") as out:
        shutil.copyfileobj(f, out)
    return path


def _plain(path: Path, sql: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as conn:  # closed: the upgrade rewrites the file alone
        return conn.execute(sql).fetchall()


def test_the_old_project_is_upgraded_by_the_named_step(old_project: Path) -> None:
    texts = dict(_plain(old_project, "select id, text from pages"))
    items = _plain(old_project, "select id, page_id, item_id, title, body, tags from items order by id")
    tags = sorted(_plain(old_project, "select tag, page_id, item_row from tags"))
    size = old_project.stat().st_size
    assert _plain(old_project, "pragma user_version") == [(8,)]
    with Store(old_project) as store:
        steps = [r["name"] for r in store.db.query("select name from _sqlite_migrations order by id")]
        assert steps[-2:] == ["009_compact_project", "010_page_summaries"] and len(steps) == STEPS
        for page_id, text in texts.items():
            assert store.load_page(page_id).text == text
            assert store.load_auto_page(page_id).text == text
        assert store.db.execute("select id, page_id, item_id, title, body, tags from items order by id").fetchall() \
            == items  # the corpus and its row ids as they were
        assert sorted(store.db.execute("select tag, page_id, item_row from tags").fetchall()) == tags
        rows = store.list_pages()
        assert [r.status for r in rows] == ["done", "todo"]
        edited = store.load_page(rows[0].id)
        assert "编辑改过的标题" in [it.fields.get("title") for it in edited.items]
        assert store.load_auto_page(rows[0].id) != edited
        assert [page_id for page_id, _ in store.journal_pending()] == [rows[1].id]
        assert store.search("编辑改过") and store.search("标题")
        word = next(w for w in ("的", "在", "和") if any(w in (t or "") + b for _, _, _, t, b, _ in items))
        assert store.search(word, limit=1)
        assert store.db["items"].detect_fts() == "items_fts"
        for stored, sha in store.db.execute("select text, sha256 from pages"):
            assert isinstance(stored, bytes) and text_sha256(unpack_text(stored)) == sha
    assert _plain(old_project, "pragma page_size") == [(PAGE_SIZE,)]
    assert old_project.stat().st_size < size * 0.8  # vacuumed once after the step (a file never shrinks without)


def test_the_upgraded_project_keeps_working(old_project: Path) -> None:
    from app.core import edits

    with Store(old_project) as store:
        page_id = store.list_pages()[1].id
        page = store.load_page(page_id)
        item = next(it for it in page.items if it.kind != Kind.FURNITURE)
        before = dict(store.db.execute("select item_id, id from items where page_id = ?", [page_id]).fetchall())
        store.save_page(page_id, edits.set_field(page, item.id, "title", "升级以后改的标题"))
        after = dict(store.db.execute("select item_id, id from items where page_id = ?", [page_id]).fetchall())
        assert after == before
        assert [h.title for h in store.search("升级以后")] == ["升级以后改的标题"]
    with Store(old_project) as store:  # opens again without any step left to run
        assert store.db.execute("pragma user_version").fetchone()[0] == STEPS
        assert [h.title for h in store.search("升级以后")] == ["升级以后改的标题"]
