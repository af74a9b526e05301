"""Item rows: written from a page's item records, read back as export records.

Each page's `items` rows are exactly its `ItemRecord`s (`app.core.metadata.item_records`, the records of
`newsdesk split`), stored when the page is imported or saved, so the corpus is what the editor saw, and
an export reads rows without splitting or tagging anything again. The row's columns are the record's
fields (`app.core.record.COLUMNS`; the page name lives on the page's row, the index is `ord`), lists as
JSON text; authors and tags also get rows of their own for Datasette facets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import orjson
from sqlite_utils import Database

from ..core.export import PAGES_WITHOUT_RECORDS_KEY, SCHEMA_VERSION, ExportRecord
from ..core.record import COLUMNS, FIELD_VALUES, LIST_FIELDS, ItemRecord
from .compact import unpack_model_json, unpack_text
from .tokens import index_text

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
LAST_ROW_KEY = "items_last_row"  # the highest items.id ever given (state): a deleted item's id is never reused


def _row_record(row: Sequence[Any]) -> ItemRecord:
    values = {name: json.loads(v) if name in LIST_FIELDS else v for name, v in zip(SEARCH_FIELDS, row, strict=True)}
    return ItemRecord.from_dict(values)


def row_search_text(row: Sequence[Any]) -> tuple[str, str]:
    """`ItemRecord.search_text` of an items row given as the values of SEARCH_COLUMNS."""
    return _row_record(row).search_text()


def search_parts(rec: ItemRecord) -> tuple[str, str]:
    """(headline and names, the rest of the text): what the index's two columns are made from."""
    head = " ".join(x for x in (rec.section, rec.kicker, rec.title, rec.subtitle) if x)
    names = " ".join(a.name for a in rec.authors)
    return f"{head}\n{names}", "\n".join([*rec.subheads, *rec.body, *rec.captions])


def index_words(parts: tuple[str, str]) -> tuple[str, str]:
    """The index's words for `search_parts` (headlines and names with every two characters)."""
    return index_text(parts[0], all_pairs=True), index_text(parts[1])


INDEX_BATCH = 1000  # rows read into memory at a time when the whole project is indexed
_FTS_INSERT = "insert into items_fts (rowid, title, body) values (?, ?, ?)"
_FTS_DELETE = "insert into items_fts (items_fts, rowid, title, body) values ('delete', ?, ?, ?)"


def index_rows(db: Database, where: str = "", params: Sequence[Any] = (), delete: bool = False) -> None:
    """Add the items rows matching `where` to the search index, or take them out of it (`delete`).

    `items_fts` keeps only the index (its text is the row in `items`), so taking a row out needs the
    words it was given; they are made again from the row itself (`app/store/tokens.py`)."""
    cur = db.conn.execute(f"select i.id, {SEARCH_COLUMNS} from items i {where}", list(params))
    while rows := cur.fetchmany(INDEX_BATCH):
        db.conn.executemany(_FTS_DELETE if delete else _FTS_INSERT,
                            [(r[0], *index_words(search_parts(_row_record(r[1:])))) for r in rows])


def _row_ids(conn: Any, page_id: int, item_ids: list[int | None]) -> tuple[list[int], dict[int, tuple[str, str]]]:
    """The items.id of each record: an item keeps the row id it had (a link to it survives a save), text no
    item holds takes the page's other rows in order, anything new gets an id never used before. Also the
    search parts of the page's rows as stored, by row id."""
    old = conn.execute(f"select i.id, i.item_id, {SEARCH_COLUMNS} from items i where i.page_id = ? order by i.ord",
                       [page_id]).fetchall()
    # the tags table is keyed by tag (no index by page: a third of its size), so the page's own tags go by key
    conn.executemany("delete from tags where tag = ? and page_id = ? and item_row = ?",
                     [(tag, page_id, row_id) for row_id, tags in conn.execute(
                         "select id, tags from items where page_id = ?", [page_id]) for tag in json.loads(tags or "[]")])
    by_item = {r[1]: r[0] for r in old if r[1] is not None}
    spare = [r[0] for r in old if r[1] is None]
    stored = {r[0]: search_parts(_row_record(r[2:])) for r in old}
    row = conn.execute("select value from state where key = ?", [LAST_ROW_KEY]).fetchone()
    last = max(int(row[0]) if row else 0, conn.execute("select max(id) from items").fetchone()[0] or 0)
    ids = []
    for item_id in item_ids:
        if item_id is not None and item_id in by_item:
            ids.append(by_item.pop(item_id))
        elif item_id is None and spare:
            ids.append(spare.pop(0))
        else:
            last += 1
            ids.append(last)
    conn.execute("insert or replace into state (key, value) values (?, ?)", [LAST_ROW_KEY, str(last)])
    return ids, stored


def record_words(records: Sequence[tuple[int | None, ItemRecord]]) -> list[tuple[str, str]]:
    """The index words of each record (`index_words`), computed where the records are made (an import's
    worker process) so that the process writing the project does not cut words too."""
    return [index_words(search_parts(rec)) for _, rec in records]


def replace_item_rows(db: Database, page_id: int,
                      records: Sequence[tuple[int | None, ItemRecord | Mapping[str, Any]]],
                      origins: dict[int, tuple[str, str]] | None = None,
                      words: Sequence[tuple[str, str]] | None = None) -> None:
    """Replace the page's item, author, tag and search rows by `records` (item id, record; a record may be
    given as its plain JSON data); call inside a transaction. An item keeps its row id (`_row_ids`); the
    index is only touched for rows whose text changed.

    `origins` maps item id -> (origin, kind_origin); items not in it are "auto". `words` are the records'
    index words if already made (`record_words`)."""
    origins = origins or {}
    conn = db.conn
    recs = [(item_id, _record(given)) for item_id, given in records]
    row_ids, stored = _row_ids(conn, page_id, [item_id for item_id, _ in recs])
    for table in ("authors", "items"):
        conn.execute(f"delete from {table} where page_id = ?", [page_id])
    items, authors, tags, added, removed = [], [], [], [], []
    made = dict(zip(row_ids, words, strict=True)) if words is not None else {}
    for row_id, (item_id, rec) in zip(row_ids, recs, strict=True):
        row = {"id": row_id, "page_id": page_id, "item_id": item_id, "ord": rec.index}
        for name in _STORED:
            value = rec.value(name)
            row[name] = _dumps(value) if FIELD_VALUES[name].is_list else value
        row["origin"], row["kind_origin"] = (
            (None, None) if item_id is None else origins.get(item_id, ("auto", "auto")))
        items.append(row)
        authors += [(page_id, row_id, i, a.name, a.role) for i, a in enumerate(rec.authors)]
        tags += [(t, page_id, row_id) for t in rec.tags]
        parts, was = search_parts(rec), stored.pop(row_id, None)
        if parts != was:
            added.append((row_id, parts))
            if was is not None:
                removed.append((row_id, was))
    removed += stored.items()  # rows of items that are gone
    conn.executemany(_FTS_DELETE, [(row_id, *index_words(parts)) for row_id, parts in removed])
    columns = ["id", "page_id", "item_id", "ord", *_STORED, "origin", "kind_origin"]
    conn.executemany(f"insert into items ({', '.join(columns)}) values ({', '.join(':' + c for c in columns)})",
                     items)
    conn.executemany("insert into authors (page_id, item_row, ord, name, role) values (?, ?, ?, ?, ?)", authors)
    conn.executemany("insert or ignore into tags (tag, page_id, item_row) values (?, ?, ?)", tags)
    conn.executemany(_FTS_INSERT, [(row_id, *(made.get(row_id) or index_words(parts))) for row_id, parts in added])
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


Kinds = str | Sequence[str] | None  # one kind, any of several, or every kind


def _where(status: str | None, kind: Kinds, tag: str | None,
           name_glob: str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if status:
        clauses.append("p.status = ?")
        params.append(status)
    if kind:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        clauses.append(f"i.kind in ({', '.join('?' * len(kinds))})")
        params += kinds
    if tag:
        clauses.append("exists (select 1 from tags t where t.tag = ? and t.page_id = i.page_id and t.item_row = i.id)")
        params.append(tag)
    if name_glob:
        clauses.append("p.name glob ?")
        params.append(name_glob)
    return (" where " + " and ".join(clauses)) if clauses else "", params


def count_records(db: Database, *, status: str | None = None, kind: Kinds = None,
                  tag: str | None = None, name_glob: str | None = None) -> int:
    where, params = _where(status, kind, tag, name_glob)
    return int(db.execute(f"select count(*) from items i join pages p on p.id = i.page_id{where}",
                          params).fetchone()[0])


def count_pages(db: Database, *, status: str | None = None, kind: Kinds = None,
                tag: str | None = None, name_glob: str | None = None) -> tuple[int, int]:
    """(pages the page filters select, those of them with a record the item filters select too)."""
    where, params = _where(status, None, None, name_glob)
    pages = int(db.execute(f"select count(*) from pages p{where}", params).fetchone()[0])
    where, params = _where(status, kind, tag, name_glob)
    with_records = int(db.execute(f"select count(distinct i.page_id) from items i join pages p on p.id = i.page_id"
                                  f"{where}", params).fetchone()[0])
    return pages, with_records


def iter_records(db: Database, *, status: str | None = None, kind: Kinds = None, tag: str | None = None,
                 name_glob: str | None = None, with_source: bool = False,
                 whole_pages: bool = False) -> Iterator[ExportRecord]:
    """Export records in page order (by name, version, then position on the page).

    Each record is the `newsdesk split` record (page, index, kind, section, kicker, title, subtitle,
    authors, subheads, body, captions, tags, spans) plus page_id, item_id (the item's stable id on its
    page; null for text an editor took out of every item), version, status, edited and schema_version.
    With `with_source`, the first record of each page also carries `page_source`: the page text, encoding,
    path, sha256, import time, and the editor's and the automatic page models, so that the export can be
    imported back into a project (`newsdesk import --from-export`). With `whole_pages` too, a page the page
    filters (status, name) select but none of whose records the others do (a page of furniture only, when
    the corpus leaves furniture out) still travels: its page source rides on the record before it (the
    first record, for pages before that) in `pages_without_records`, as `{"page_id", "page_source"}`.
    """
    where, params = _where(status, kind, tag, name_glob)
    cur = db.conn.execute(
        f"select p.id, i.item_id, p.version, p.status, p.edited, {RECORD_SQL} "
        f"from items i join pages p on p.id = i.page_id{where} order by p.name, p.version, p.id, i.ord",
        params)
    made = _made_records(db, cur, with_source)
    if not (with_source and whole_pages):
        for _, values, stored in made:
            yield ExportRecord(values, stored)
        return
    where, params = _where(status, None, None, name_glob)
    pages = [r[0] for r in db.conn.execute(f"select p.id from pages p{where} order by p.name, p.version, p.id",
                                           params)]
    yield from _carrying_pages_without_records(db, made, pages)


Made = tuple[int, dict[str, Any], dict[str, Any]]  # page id, an ExportRecord's values and stored JSON


def _made_records(db: Database, cur: Iterable[Sequence[Any]], with_source: bool) -> Iterator[Made]:
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
        yield page_id, values, stored


def _carrying_pages_without_records(db: Database, made: Iterable[Made], pages: list[int]) -> Iterator[ExportRecord]:
    """The records, each page of `pages` (the export's pages, in its order) that has none riding on the
    record before it, or on the first record for pages before that one."""
    position = {page_id: n for n, page_id in enumerate(pages)}
    seen = 0  # pages[:seen] are written or carried
    held: dict[str, Any] | None = None
    held_stored: dict[str, Any] = {}

    def carry(values: dict[str, Any], page_ids: list[int]) -> None:
        if page_ids:
            values.setdefault(PAGES_WITHOUT_RECORDS_KEY, []).extend(
                {"page_id": p, "page_source": page_source(db, p)} for p in page_ids)

    for page_id, values, stored in made:
        at = position[page_id]
        skipped = pages[seen:at]
        seen = max(seen, at + 1)
        if held is None:
            carry(values, skipped)
        else:
            carry(held, skipped)
            yield ExportRecord(held, held_stored)
        held, held_stored = values, stored
    if held is not None:
        carry(held, pages[seen:])
        yield ExportRecord(held, held_stored)


def page_source(db: Database, page_id: int, raw: bool = False) -> dict[str, Any]:
    """What an export needs to rebuild the page: text, provenance, status and both page models. `path` is
    the page's path relative to the folder it was imported from: an export is meant to be shared, the
    archivist's own folders stay private. With `raw`, the models are their JSON text (UTF-8 bytes), not
    parsed: what a JSON writer writes as it is."""
    row = db.conn.execute(
        "select p.name, p.text, p.encoding, p.relpath, p.sha256, p.imported, p.edited, p.status, p.version, "
        "p.model, a.page_id is not null, a.model from pages p left join page_auto a on a.page_id = p.id "
        "where p.id = ?", [page_id]).fetchone()
    name, text, encoding, relpath, sha, imported, edited, status, version, model, has_auto, auto = row
    model = unpack_model_json(model)
    # an empty automatic split is the editor's model (the page unchanged since its import): read once
    auto = None if not has_auto else model if auto is None else unpack_model_json(auto)
    return {
        "name": name, "text": unpack_text(text), "encoding": encoding, "path": relpath or name, "sha256": sha,
        "imported": imported, "edited": edited, "status": status, "version": version,
        "model": model if raw else orjson.loads(model),
        "auto_model": None if auto is None else auto if raw else orjson.loads(auto),
    }
