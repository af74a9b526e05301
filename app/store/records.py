"""Item rows: written from a page's export records, read back as export records.

Each page's `items` rows are exactly its export records (`app.core.metadata.page_item_records`, the records
of `newsdesk split`), stored when the page is imported or saved, so the corpus is what the editor saw,
and an export reads rows without splitting or tagging anything again. Lists (authors, subheads, body,
captions, tags, spans) are JSON text; authors and tags also get rows of their own for Datasette facets.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlite_utils import Database

from ..core.export import SCHEMA_VERSION

_LIST_KEYS = ("authors", "subheads", "body", "captions", "tags", "spans")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def search_text(rec: dict[str, Any]) -> tuple[str, str]:
    """(title, body) as indexed for full-text search."""
    title = " ".join(x for x in (rec["section"], rec["kicker"], rec["title"], rec["subtitle"]) if x)
    names = " ".join(a["name"] for a in rec["authors"])
    body = "\n".join([*rec["subheads"], *rec["body"], *rec["captions"], names])
    return title, body


SEARCH_COLUMNS = "i.section, i.kicker, i.title, i.subtitle, i.authors, i.subheads, i.body, i.captions"


def row_search_text(row: Sequence[Any]) -> tuple[str, str]:
    """`search_text` of an items row given as the values of SEARCH_COLUMNS."""
    section, kicker, title, subtitle, authors, subheads, body, captions = row
    loads = json.loads
    return search_text({"section": section, "kicker": kicker, "title": title, "subtitle": subtitle,
                        "authors": loads(authors), "subheads": loads(subheads), "body": loads(body),
                        "captions": loads(captions)})


def index_rows(db: Database, where: str = "", params: Sequence[Any] = (), delete: bool = False) -> None:
    """Add the items rows matching `where` to the search index, or take them out of it (`delete`).

    `items_fts` is contentless (it keeps no copy of the text), so taking a row out needs the same
    values that were indexed; they are rebuilt from the row itself."""
    rows = db.conn.execute(f"select i.id, {SEARCH_COLUMNS} from items i {where}", list(params)).fetchall()
    command = "insert into items_fts (items_fts, rowid, title, body) values ('delete', ?, ?, ?)" if delete \
        else "insert into items_fts (rowid, title, body) values (?, ?, ?)"
    db.conn.executemany(command, [(r[0], *row_search_text(r[1:])) for r in rows])


def replace_item_rows(db: Database, page_id: int, records: Sequence[tuple[int | None, dict[str, Any]]],
                      origins: dict[int, tuple[str, str]] | None = None) -> None:
    """Replace the page's item, author, tag and search rows by `records`; call inside a transaction.

    `origins` maps item id -> (origin, kind_origin); items not in it are "auto"."""
    origins = origins or {}
    conn = db.conn
    index_rows(db, "where i.page_id = ?", [page_id], delete=True)
    for table in ("authors", "tags", "items"):
        conn.execute(f"delete from {table} where page_id = ?", [page_id])
    next_id = (conn.execute("select max(id) from items").fetchone()[0] or 0) + 1
    items, authors, tags, fts = [], [], [], []
    for n, (item_id, rec) in enumerate(records):
        row_id = next_id + n
        row = {"id": row_id, "page_id": page_id, "item_id": item_id, "ord": rec["index"], "kind": rec["kind"]}
        for key in ("section", "kicker", "title", "subtitle"):
            row[key] = rec[key]
        for key in _LIST_KEYS:
            row[key] = _dumps(rec[key])
        row["origin"], row["kind_origin"] = (
            (None, None) if item_id is None else origins.get(item_id, ("auto", "auto")))
        items.append(row)
        authors += [(page_id, row_id, i, a["name"], a["role"]) for i, a in enumerate(rec["authors"])]
        tags += [(page_id, row_id, t) for t in rec["tags"]]
        fts.append((row_id, *search_text(rec)))
    conn.executemany(
        "insert into items (id, page_id, item_id, ord, kind, section, kicker, title, subtitle, authors, "
        "subheads, body, captions, tags, spans, origin, kind_origin) values "
        "(:id, :page_id, :item_id, :ord, :kind, :section, :kicker, :title, :subtitle, :authors, "
        ":subheads, :body, :captions, :tags, :spans, :origin, :kind_origin)", items)
    conn.executemany("insert into authors (page_id, item_row, ord, name, role) values (?, ?, ?, ?, ?)", authors)
    conn.executemany("insert into tags (page_id, item_row, tag) values (?, ?, ?)", tags)
    conn.executemany("insert into items_fts (rowid, title, body) values (?, ?, ?)", fts)
    conn.execute("update pages set item_count = ? where id = ?",
                 [sum(1 for item_id, _ in records if item_id is not None), page_id])


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
                 name_glob: str | None = None, with_source: bool = False) -> Iterator[dict[str, Any]]:
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
        "select p.id, p.name, p.status, p.edited, p.version, i.item_id, i.ord, i.kind, i.section, i.kicker, "
        "i.title, i.subtitle, i.authors, i.subheads, i.body, i.captions, i.tags, i.spans "
        f"from items i join pages p on p.id = i.page_id{where} order by p.name, p.version, p.id, i.ord",
        params)
    last_page = None
    loads = json.loads
    for (page_id, name, status_, edited, version, item_id, ord_, kind_, section, kicker, title, subtitle,
         authors, subheads, body, captions, tags, spans) in cur:
        rec: dict[str, Any] = {
            "page": name, "index": ord_, "kind": kind_, "section": section, "kicker": kicker, "title": title,
            "subtitle": subtitle, "authors": loads(authors), "subheads": loads(subheads), "body": loads(body),
            "captions": loads(captions), "tags": loads(tags), "spans": loads(spans),
            "page_id": page_id, "item_id": item_id, "version": version, "status": status_, "edited": edited,
            "schema_version": SCHEMA_VERSION,
        }
        if with_source and page_id != last_page:
            rec["page_source"] = page_source(db, page_id)
        last_page = page_id
        yield rec


def page_source(db: Database, page_id: int) -> dict[str, Any]:
    """What an export needs to rebuild the page: text, provenance, status and both page models. `path` is
    the page's path relative to the folder it was imported from: an export is meant to be shared, the
    archivist's own folders stay private."""
    row = db.conn.execute(
        "select p.name, p.text, p.encoding, p.relpath, p.sha256, p.imported, p.edited, p.status, p.version, "
        "p.model, a.model from pages p left join page_auto a on a.page_id = p.id where p.id = ?",
        [page_id]).fetchone()
    name, text, encoding, relpath, sha, imported, edited, status, version, model, auto = row
    return {
        "name": name, "text": text, "encoding": encoding, "path": relpath or name, "sha256": sha,
        "imported": imported, "edited": edited, "status": status, "version": version,
        "model": json.loads(model), "auto_model": json.loads(auto) if auto else None,
    }
