"""Item rows: written from a page's item records, read back as export records.

Each page's `items` rows are exactly its `ItemRecord`s (`app.core.metadata.item_records`, the records of
`newsdesk split`), stored when the page is imported or saved, so the corpus is what the editor saw, and
an export reads rows without splitting or tagging anything again. The row's columns are the record's
fields (`app.core.record.COLUMNS`; the page name lives on the page's row, the index is `ord`), lists as
JSON text; authors and tags also get rows of their own for Datasette facets.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import orjson
from sqlite_utils import Database

from ..core.export import SCHEMA_VERSION, ExportRecord
from ..core.record import COLUMNS, FIELD_VALUES, LIST_FIELDS, ItemRecord

# where each record field is read from (the items row `i`, the page row `p`)
_SOURCE = {name: f"i.{name}" for name in COLUMNS} | {"page": "p.name", "index": "i.ord"}
RECORD_SQL = ", ".join(_SOURCE[name] for name in COLUMNS)
_STORED = [name for name in COLUMNS if name not in ("page", "index")]  # the record's own item columns


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


def _record(rec: ItemRecord | Mapping[str, Any]) -> ItemRecord:
    return rec if isinstance(rec, ItemRecord) else ItemRecord.from_dict(rec)


SEARCH_FIELDS = ("section", "kicker", "title", "subtitle", "authors", "subheads", "body", "captions")
SEARCH_COLUMNS = ", ".join(f"i.{name}" for name in SEARCH_FIELDS)


def row_search_text(row: Sequence[Any]) -> tuple[str, str]:
    """`ItemRecord.search_text` of an items row given as the values of SEARCH_COLUMNS."""
    values = {name: json.loads(v) if name in LIST_FIELDS else v for name, v in zip(SEARCH_FIELDS, row, strict=True)}
    return ItemRecord.from_dict(values).search_text()


def index_rows(db: Database, where: str = "", params: Sequence[Any] = (), delete: bool = False) -> None:
    """Add the items rows matching `where` to the search index, or take them out of it (`delete`).

    `items_fts` is contentless (it keeps no copy of the text), so taking a row out needs the same
    values that were indexed; they are rebuilt from the row itself."""
    rows = db.conn.execute(f"select i.id, {SEARCH_COLUMNS} from items i {where}", list(params)).fetchall()
    command = "insert into items_fts (items_fts, rowid, title, body) values ('delete', ?, ?, ?)" if delete \
        else "insert into items_fts (rowid, title, body) values (?, ?, ?)"
    db.conn.executemany(command, [(r[0], *row_search_text(r[1:])) for r in rows])


def replace_item_rows(db: Database, page_id: int,
                      records: Sequence[tuple[int | None, ItemRecord | Mapping[str, Any]]],
                      origins: dict[int, tuple[str, str]] | None = None) -> None:
    """Replace the page's item, author, tag and search rows by `records` (item id, record; a record may be
    given as its plain JSON data); call inside a transaction.

    `origins` maps item id -> (origin, kind_origin); items not in it are "auto"."""
    origins = origins or {}
    conn = db.conn
    index_rows(db, "where i.page_id = ?", [page_id], delete=True)
    for table in ("authors", "tags", "items"):
        conn.execute(f"delete from {table} where page_id = ?", [page_id])
    next_id = (conn.execute("select max(id) from items").fetchone()[0] or 0) + 1
    items, authors, tags, fts = [], [], [], []
    for n, (item_id, given) in enumerate(records):
        rec = _record(given)
        row_id = next_id + n
        row = {"id": row_id, "page_id": page_id, "item_id": item_id, "ord": rec.index}
        for name in _STORED:
            value = rec.value(name)
            row[name] = _dumps(value) if FIELD_VALUES[name].is_list else value
        row["origin"], row["kind_origin"] = (
            (None, None) if item_id is None else origins.get(item_id, ("auto", "auto")))
        items.append(row)
        authors += [(page_id, row_id, i, a.name, a.role) for i, a in enumerate(rec.authors)]
        tags += [(page_id, row_id, t) for t in rec.tags]
        fts.append((row_id, *rec.search_text()))
    columns = ["id", "page_id", "item_id", "ord", *_STORED, "origin", "kind_origin"]
    conn.executemany(f"insert into items ({', '.join(columns)}) values ({', '.join(':' + c for c in columns)})",
                     items)
    conn.executemany("insert into authors (page_id, item_row, ord, name, role) values (?, ?, ?, ?, ?)", authors)
    conn.executemany("insert into tags (page_id, item_row, tag) values (?, ?, ?)", tags)
    conn.executemany("insert into items_fts (rowid, title, body) values (?, ?, ?)", fts)
    conn.execute("update pages set item_count = ? where id = ?",
                 [sum(1 for item_id, _ in records if item_id is not None), page_id])


def page_records(db: Database, page_id: int) -> dict[int, ItemRecord]:
    """The stored records of a page's items, by item id (the text no item holds is left out)."""
    cur = db.conn.execute(f"select i.item_id, {RECORD_SQL} from items i join pages p on p.id = i.page_id "
                          "where i.page_id = ? and i.item_id is not null", [page_id])
    lists = [name in LIST_FIELDS for name in COLUMNS]
    return {item_id: ItemRecord.from_dict({name: orjson.loads(v) if is_list else v
                                           for name, v, is_list in zip(COLUMNS, row, lists, strict=True)})
            for item_id, *row in cur}


def _where(status: str | None, kind: str | None, tag: str | None,
           name_glob: str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if status:
        clauses.append("p.status = ?")
        params.append(status)
    if kind:
        clauses.append("i.kind = ?")
        params.append(kind)
    if tag:
        clauses.append("exists (select 1 from tags t where t.item_row = i.id and t.tag = ?)")
        params.append(tag)
    if name_glob:
        clauses.append("p.name glob ?")
        params.append(name_glob)
    return (" where " + " and ".join(clauses)) if clauses else "", params


def count_records(db: Database, *, status: str | None = None, kind: str | None = None,
                  tag: str | None = None, name_glob: str | None = None) -> int:
    where, params = _where(status, kind, tag, name_glob)
    return int(db.execute(f"select count(*) from items i join pages p on p.id = i.page_id{where}",
                          params).fetchone()[0])


def iter_records(db: Database, *, status: str | None = None, kind: str | None = None, tag: str | None = None,
                 name_glob: str | None = None, with_source: bool = False) -> Iterator[ExportRecord]:
    """Export records in page order (by name, version, then position on the page).

    Each record is the `newsdesk split` record (page, index, kind, section, kicker, title, subtitle,
    authors, subheads, body, captions, tags, spans) plus page_id, item_id (the item's stable id on its
    page; null for text an editor took out of every item), version, status, edited and schema_version.
    With `with_source`, the first record of each page also carries `page_source`: the page text, encoding,
    path, sha256, import time, and the editor's and the automatic page models, so that the export can be
    imported back into a project (`newsdesk import --from-export`).
    """
    where, params = _where(status, kind, tag, name_glob)
    cur = db.conn.execute(
        f"select p.id, i.item_id, p.version, p.status, p.edited, {RECORD_SQL} "
        f"from items i join pages p on p.id = i.page_id{where} order by p.name, p.version, p.id, i.ord",
        params)
    last_page = None
    for page_id, item_id, version, status_, edited, *row in cur:
        values = dict(zip(COLUMNS, row, strict=True))
        stored = {name: values[name] for name in LIST_FIELDS}
        values.update(page_id=page_id, item_id=item_id, version=version, status=status_, edited=edited,
                      schema_version=SCHEMA_VERSION)
        if with_source and page_id != last_page:
            values["page_source"] = page_source(db, page_id, raw=True)
            stored["page_source"] = {k: values["page_source"].pop(k) for k in ("model", "auto_model")
                                     if values["page_source"][k] is not None}
        last_page = page_id
        yield ExportRecord(values, stored)


def page_source(db: Database, page_id: int, raw: bool = False) -> dict[str, Any]:
    """What an export needs to rebuild the page: text, provenance, status and both page models. `path` is
    the page's path relative to the folder it was imported from: an export is meant to be shared, the
    archivist's own folders stay private. With `raw`, the models are their stored JSON text."""
    row = db.conn.execute(
        "select p.name, p.text, p.encoding, p.relpath, p.sha256, p.imported, p.edited, p.status, p.version, "
        "p.model, a.model from pages p left join page_auto a on a.page_id = p.id where p.id = ?",
        [page_id]).fetchone()
    name, text, encoding, relpath, sha, imported, edited, status, version, model, auto = row
    return {
        "name": name, "text": text, "encoding": encoding, "path": relpath or name, "sha256": sha,
        "imported": imported, "edited": edited, "status": status, "version": version,
        "model": model if raw else json.loads(model),
        "auto_model": None if not auto else auto if raw else json.loads(auto),
    }
