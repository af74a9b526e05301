"""Full-text search over item titles and text, for Chinese.

A query is split on spaces into words that must all occur in an item, as text (a word is found inside a
longer one: 大会 in 人民代表大会). `items_fts` holds each item's characters and dictionary words
(`app/store/tokens.py`), so the index first picks the items that hold every character and dictionary word
of the query, and only those are then checked for the words themselves (LIKE). The items come in the
order they were stored, the first `limit` found are kept, those with a word in their headline first: the
search stops at the limit-th hit and never ranks the whole corpus, so a word found in every item is as
fast as a rare one. A word of punctuation alone has nothing to look up and is looked for with LIKE only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from .records import SEARCH_COLUMNS, row_search_text
from .tokens import query_words

SNIPPET_CONTEXT = 24


@dataclass(frozen=True)
class SearchHit:
    """One item that matches: where it is, and a line of context around the first match."""

    page_id: int
    item_id: int | None
    page_name: str
    title: str
    snippet: str
    index: int = 0  # the record's position on its page (people count from 1: index + 1)


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


def match_query(words: list[str]) -> str:
    """The FTS5 query an item must match to hold every one of `words` ("" when no word has anything the
    index holds): each index word quoted (any operator or quote in a query is plain text); Latin and digit
    words as prefixes, so that 201 finds 2019."""
    terms = []
    for word in words:
        for w in query_words(word):
            terms.append(_fts_phrase(w) + ("*" if w.isascii() else ""))
    return " AND ".join(dict.fromkeys(terms))


def search(db: Database, query: str, limit: int = 50) -> list[SearchHit]:
    """Items holding every space-separated word of `query`: the first `limit` in project order, those with a
    word in their headline first."""
    words = query.split()
    if not words or limit <= 0:
        return []
    # the lists are stored as JSON, so a cheap LIKE over the raw columns checks first, and the words are then
    # looked for in the list values themselves (never in JSON's quotes, brackets or the key "name")
    clause = " and ".join(f"{_RAW} like :w{k} escape '\\' and {_TEXT} like :w{k} escape '\\'"
                          for k in range(len(words)))
    params: dict[str, object] = {f"w{k}": _like_pattern(w) for k, w in enumerate(words)} | {"limit": limit}
    match = match_query(words)
    if match:
        sql = (f"select i.page_id, i.item_id, i.ord, p.name, {SEARCH_COLUMNS} from items_fts f "
               "join items i on i.id = f.rowid join pages p on p.id = i.page_id "
               f"where items_fts match :match and {clause} limit :limit")
        params["match"] = match
    else:
        sql = (f"select i.page_id, i.item_id, i.ord, p.name, {SEARCH_COLUMNS} from items i "
               f"join pages p on p.id = i.page_id where {clause} limit :limit")
    hits, lowered = [], [w.lower() for w in words]
    for page_id, item_id, index, name, *columns in db.execute(sql, params).fetchall():
        title, body = row_search_text(columns)
        shown = columns[2] or title or snippet(body, [], 12)
        in_title = any(w in title.lower() for w in lowered)
        hits.append((not in_title, SearchHit(page_id, item_id, name, shown, snippet(title + "\n" + body, words), index)))
    return [hit for _, hit in sorted(hits, key=lambda h: h[0])]
