"""Full-text search over item titles and text, for Chinese.

`items_fts` is an FTS5 table with the trigram tokenizer (SQLite >= 3.34): any run of three or more
characters is found wherever it sits in a word, which is what Chinese needs (no word breaks). A query is
split on spaces into words that must all occur. Words shorter than three characters cannot use the
trigram index, so such a query falls back to LIKE over the same table (slower, still correct).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from .records import SEARCH_COLUMNS, row_search_text

SNIPPET_CONTEXT = 24


@dataclass(frozen=True)
class SearchHit:
    """One item that matches: where it is, and a line of context around the first match."""

    page_id: int
    item_id: int | None
    page_name: str
    title: str
    snippet: str


def has_trigram() -> bool:
    return sqlite3.sqlite_version_info >= (3, 34, 0)


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def snippet(text: str, words: list[str], context: int = SNIPPET_CONTEXT) -> str:
    """The text around the first of `words` found in `text`, on one line."""
    flat = " ".join(text.split())
    lowered = flat.lower()
    positions = [(lowered.find(w.lower()), w) for w in words]
    found = [(p, w) for p, w in positions if p >= 0]
    if not found:
        return flat[: 2 * context] + ("…" if len(flat) > 2 * context else "")
    pos, word = min(found)
    start, end = max(0, pos - context), min(len(flat), pos + len(word) + context)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def _values(column: str, path: str = "") -> str:
    value = f"json_extract(value, '{path}')" if path else "value"
    return f"coalesce((select group_concat({value}, ' ') from json_each({column})), '')"


# the columns as stored (lists as JSON text), and the text that is searched: what `search_text` indexes
_RAW = "(i.section || ' ' || i.kicker || ' ' || i.title || ' ' || i.subtitle || i.subheads || i.body " \
       "|| i.captions || i.authors)"
_TEXT = ("(i.section || ' ' || i.kicker || ' ' || i.title || ' ' || i.subtitle || ' ' || "
         + " || ' ' || ".join([_values("i.subheads"), _values("i.body"), _values("i.captions"),
                               _values("i.authors", "$.name")]) + ")")


def search(db: Database, query: str, limit: int = 50, trigram: bool = True) -> list[SearchHit]:
    """Items holding every space-separated word of `query`, best first (title hits rank higher)."""
    words = query.split()
    if not words or limit <= 0:
        return []
    if trigram and all(len(w) >= 3 for w in words):
        # rank in the index alone first, then read the few rows shown
        sql = ("with hits(id, score) as (select rowid, bm25(items_fts, 5.0, 1.0) from items_fts "
               "where items_fts match ? order by 2 limit ?) "
               f"select i.page_id, i.item_id, p.name, {SEARCH_COLUMNS} from hits join items i on i.id = hits.id "
               "join pages p on p.id = i.page_id order by hits.score")
        params: list[object] | dict[str, object] = [" AND ".join(_fts_phrase(w) for w in words), limit]
    else:
        # short words cannot use the trigram index: LIKE over the item's text. The lists are stored as JSON,
        # so a cheap LIKE over the raw columns picks the candidates, and the words are then looked for in the
        # list values themselves (never in JSON's quotes, brackets or the key "name": `na` is no hit).
        # No ORDER BY, so the scan stops at the limit-th hit and a one-character query stays fast.
        clause = " and ".join(f"{_RAW} like :w{k} escape '\\' and {_TEXT} like :w{k} escape '\\'"
                              for k in range(len(words)))
        sql = (f"select i.page_id, i.item_id, p.name, {SEARCH_COLUMNS} from items i "
               f"join pages p on p.id = i.page_id where {clause} limit :limit")
        params = {f"w{k}": _like_pattern(w) for k, w in enumerate(words)} | {"limit": limit}
    hits = []
    for page_id, item_id, name, *columns in db.execute(sql, params).fetchall():
        title, body = row_search_text(columns)
        shown = columns[2] or title or snippet(body, [], 12)
        hits.append(SearchHit(page_id, item_id, name, shown, snippet(title + "\n" + body, words)))
    return hits
