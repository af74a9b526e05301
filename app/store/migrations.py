"""The project schema, grown through named steps (sqlite-utils `Migrations`).

Each step runs once, in its own transaction, and is recorded in `_sqlite_migrations`; `PRAGMA
user_version` is set to the number of steps applied, so any SQLite tool can tell the schema's age.
Tables use plain column names, integer ids and JSON text for lists, so the file reads naturally in
Datasette.
"""

from __future__ import annotations

import json

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "newsdesk"
# PRAGMA application_id of every Newsdesk project ("NDSK"): any tool (`file`, sqlite3) tells our files from
# other programs' SQLite files, and Newsdesk refuses a file that carries another id
APPLICATION_ID = 0x4E44534B
migrations = Migrations(MIGRATION_SET)


@migrations(name="001_pages_items")
def _pages_items(db: Database) -> None:
    db["pages"].create(
        {
            "id": int, "name": str, "path": str, "sha256": str, "text": str, "encoding": str,
            "imported": str, "status": str, "version": int, "edited": str, "model": str, "item_count": int,
        },
        pk="id",
        not_null={"name", "sha256", "text", "status", "version", "model"},
        defaults={"status": "todo", "version": 1},
    )
    db["pages"].create_index(["name", "version"], unique=True)
    db["pages"].create_index(["sha256"])
    db["pages"].create_index(["status"])
    db["page_auto"].create(
        {"page_id": int, "model": str}, pk="page_id", foreign_keys=[("page_id", "pages", "id")],
    )
    db["items"].create(
        {
            "id": int, "page_id": int, "item_id": int, "ord": int, "kind": str,
            "section": str, "kicker": str, "title": str, "subtitle": str,
            "authors": str, "subheads": str, "body": str, "captions": str, "tags": str,
            "spans": str, "origin": str, "kind_origin": str,
        },
        pk="id",
        foreign_keys=[("page_id", "pages", "id")],
    )
    db["items"].create_index(["page_id", "ord"], unique=True)
    db["items"].create_index(["kind"])
    db["authors"].create(
        {"id": int, "page_id": int, "item_row": int, "ord": int, "name": str, "role": str},
        pk="id",
        foreign_keys=[("page_id", "pages", "id"), ("item_row", "items", "id")],
    )
    db["authors"].create_index(["page_id"])
    db["authors"].create_index(["name"])
    db["tags"].create(
        {"id": int, "page_id": int, "item_row": int, "tag": str},
        pk="id",
        foreign_keys=[("page_id", "pages", "id"), ("item_row", "items", "id")],
    )
    db["tags"].create_index(["page_id"])
    db["tags"].create_index(["tag"])
    db["corrections"].create(
        {"id": int, "page_id": int, "ord": int, "start": int, "end": int, "old": str, "new": str},
        pk="id",
        foreign_keys=[("page_id", "pages", "id")],
    )
    db["corrections"].create_index(["page_id"])


@migrations(name="002_history_state_journal")
def _history_state_journal(db: Database) -> None:
    db["edits"].create(
        {"id": int, "page_id": int, "time": str, "summary": str, "status": str},
        pk="id",
        foreign_keys=[("page_id", "pages", "id")],
    )
    db["edits"].create_index(["page_id"])
    db["state"].create({"key": str, "value": str}, pk="key")
    db["journal"].create(
        {"page_id": int, "time": str, "model": str}, pk="page_id",
        foreign_keys=[("page_id", "pages", "id")],
    )


@migrations(name="003_items_fts_trigram")
def _items_fts(db: Database) -> None:
    # A standalone FTS5 table whose rowid is items.id; the trigram tokenizer finds any Chinese substring
    # of three or more characters (shorter queries fall back to LIKE, see app/store/search.py).
    import sqlite3

    tokenize = ", tokenize='trigram'" if sqlite3.sqlite_version_info >= (3, 34, 0) else ""
    db.execute(f"CREATE VIRTUAL TABLE items_fts USING fts5(title, body{tokenize})")


@migrations(name="004_items_fts_contentless")
def _items_fts_contentless(db: Database) -> None:
    # The index kept no second copy of the item text. (Step 009 replaced this index; the rows are indexed
    # there, so a project older than this step is not indexed twice.)
    import sqlite3

    tokenize = ", tokenize='trigram'" if sqlite3.sqlite_version_info >= (3, 34, 0) else ""
    db.execute("DROP TABLE items_fts")
    db.execute(f"CREATE VIRTUAL TABLE items_fts USING fts5(title, body, content=''{tokenize})")


@migrations(name="005_pages_list_indexes")
def _pages_list_indexes(db: Database) -> None:
    # The page list reads only these columns; covering indexes spare it a walk past each page's text
    # (a 100k-page project lists in milliseconds, whole or by status).
    db.execute("DROP INDEX IF EXISTS idx_pages_status")
    db.execute("CREATE INDEX pages_list ON pages (name, version, id, status, item_count, imported, edited)")
    db.execute("CREATE INDEX pages_by_status ON pages (status, name, version, id, item_count, imported, edited)")


@migrations(name="006_application_id")
def _application_id(db: Database) -> None:
    # set on creation, and on every project made before Newsdesk marked its files
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@migrations(name="007_page_paths_and_versions")
def _page_paths_and_versions(db: Database) -> None:
    # A page is known by its path relative to the folder it was imported from (2024-01-01/01.txt) and its
    # text, not by its file name; older pages keep their name as that path. An editor's model set aside
    # (a merge kept the newer one) is kept as an earlier version.
    db["pages"].add_column("relpath", str)
    db.execute("UPDATE pages SET relpath = name")
    db.execute("DROP INDEX IF EXISTS idx_pages_name_version")
    db.execute("CREATE UNIQUE INDEX pages_relpath_version ON pages (relpath, version)")
    db["model_versions"].create(
        {"id": int, "page_id": int, "model": str, "status": str, "edited": str, "recorded": str, "note": str},
        pk="id", foreign_keys=[("page_id", "pages", "id")], not_null={"page_id", "model"},
    )
    db["model_versions"].create_index(["page_id"])


@migrations(name="008_split_models")
def _split_models(db: Database) -> None:
    # the project's own split models, one row per training (app/store/splitmodels.py)
    db["split_models"].create(
        {"id": int, "trained": str, "page_count": int, "pages": str, "scores": str, "used": int, "size": int,
         "sha256": str, "model": bytes},
        pk="id",
        not_null={"trained", "page_count", "pages", "scores", "used", "model"},
    )


@migrations(name="009_compact_project")
def _compact_project(db: Database) -> None:
    # A project on disk at about twice its pages' text instead of five to seven times (app/store/compact.py,
    # app/store/tokens.py): the page text and both page models compressed; the trigram index (most of
    # the file) replaced by an index of characters and dictionary words, an external-content table over
    # `items` (Datasette's search box finds it, its rows are the items themselves). detail=none: the index
    # holds which rows have a word, not where, and the search checks the text itself.
    from .compact import pack_model, pack_text

    db.execute("DROP TABLE IF EXISTS items_fts")
    db.execute(FTS_TABLE)
    ids = [r[0] for r in db.execute("select id from pages where typeof(text) = 'text'")]
    for first in range(0, len(ids), COMPACT_BATCH):
        chunk = ids[first:first + COMPACT_BATCH]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(f"select id, text, model from pages where id in ({marks})", chunk).fetchall()
        db.conn.executemany("update pages set text = ?, model = ? where id = ?",
                            [(pack_text(text), pack_model(model), page_id) for page_id, text, model in rows])
        autos = db.execute(f"select page_id, model from page_auto where page_id in ({marks})", chunk).fetchall()
        db.conn.executemany("update page_auto set model = ? where page_id = ?",
                            [(pack_model(model), page_id) for page_id, model in autos])
    # the automatic split kept once while the editor has not changed it (page_auto.model null: as pages.model)
    db.execute("update page_auto set model = null where model = (select model from pages where id = page_id)")
    # tags keyed by tag, page and item (one b-tree instead of a table and two indexes)
    db.execute("CREATE TABLE tags_keyed (tag TEXT NOT NULL, page_id INTEGER NOT NULL REFERENCES pages(id), "
               "item_row INTEGER NOT NULL REFERENCES items(id), PRIMARY KEY (tag, page_id, item_row)) WITHOUT ROWID")
    db.execute("INSERT OR IGNORE INTO tags_keyed SELECT tag, page_id, item_row FROM tags WHERE tag IS NOT NULL")
    db.execute("DROP TABLE tags")
    db.execute("ALTER TABLE tags_keyed RENAME TO tags")
    reindex(db)


@migrations(name="010_page_summaries")
def _page_summaries(db: Database) -> None:
    # Beside each page's model, a summary of it (app/store/summary.py): what opening the page paints first
    # (the items, the spans they own, the corrections), read without building the page model. A page stored
    # before this step gets its summary the first time it is opened (`Store.write_summary`), or saved.
    db["pages"].add_column("summary", bytes)


COMPACT_BATCH = 500  # pages read into memory at a time while the text is compressed
FTS_TABLE = 'CREATE VIRTUAL TABLE items_fts USING fts5(title, body, content="items", detail=none)'


def reindex(db: Database) -> None:
    """Index every item again (after the index's words changed: a new jieba dictionary, step 009)."""
    from .records import index_rows
    from .tokens import DICTIONARY_KEY, dictionary_id

    db.execute("insert into items_fts (items_fts) values ('delete-all')")
    index_rows(db)
    db.execute("insert or replace into state (key, value) values (?, ?)",
               [DICTIONARY_KEY, json.dumps(dictionary_id())])


STEPS = len(migrations._migrations)
COMPACT_STEP = 9  # the step that made the project compact (the file is vacuumed once after it)


def migrate(db: Database) -> None:
    """Apply every pending step and record the schema's age in PRAGMA user_version."""
    migrations.apply(db)
    applied = len(migrations.applied(db))
    db.execute(f"PRAGMA user_version = {int(applied)}")
