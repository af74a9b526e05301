"""The words the search index holds for a text, and the words a query must find.

Chinese has no spaces, so SQLite's own `unicode61` tokenizer would read a whole sentence as one token. The
index is therefore fed text that is already cut into words, separated by spaces (`items_fts` is an
external-content FTS5 table over `items`: it keeps only the index, the text stays in `items`):

- every Chinese character on its own (a one-character query finds it);
- every word of jieba's dictionary that occurs in the text, at every position, overlapping ones included
  (`人民代表大会` gives 人民, 代表, 大会, 代表大会, 人民代表大会 …): what jieba's search mode looks up, without
  its choice between readings, so the words depend only on the text and the dictionary;
- in headlines and names (short text, what people look for by its exact wording), every two characters as
  well, dictionary word or not (a reporter's name 王芳 is found although no dictionary lists it);
- runs of Latin letters and digits as they are (`unicode61` folds their case).

Datasette's search box, and any FTS5 query, finds a row by one of these words; `query_words` gives the
words a query word must all have in a row (the store then checks the row really holds the query text, see
`app/store/search.py`). The dictionary's identity is part of the index (`DICTIONARY_KEY`): a project made
with another jieba dictionary is indexed again on open, because taking a row out of an external-content
index needs the very words it was given.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
import sys
from pathlib import Path

# Han characters (CJK unified ideographs, extension A, compatibility ideographs, extensions B and on)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_PIECES = re.compile(f"([{_HAN}]+)")
MAX_WORD = 8  # longer dictionary entries are rare idioms and names; a query that long is still found
# (by its shorter words and the check of the text)
DICTIONARY_KEY = "search_dictionary"


@functools.cache
def _dictionary() -> dict[str, int]:
    """jieba's prefix dictionary: every word with its frequency, and every prefix of a word with 0."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt.FREQ


@functools.cache
def dictionary_id() -> str:
    """Which dictionary cuts the index's words: jieba's version and its dictionary file's hash.

    Every project checks it as it opens, so while jieba is not loaded yet (no other dictionary can have
    been set) it is read from jieba's files without importing jieba, which takes a fifth of a second."""
    if "jieba" not in sys.modules:
        shipped = _shipped_dictionary()
        if shipped is not None:
            version, path = shipped
            return _id(version, path.read_bytes())
    return _loaded_dictionary_id()


def _id(version: str, dictionary: bytes) -> str:
    return f"jieba {version} {hashlib.sha256(dictionary).hexdigest()[:16]}"


def _loaded_dictionary_id() -> str:
    import jieba

    with jieba.dt.get_dict_file() as f:  # the dictionary jieba loads (its own, or one set with set_dictionary)
        return _id(getattr(jieba, "__version__", "?"), f.read())


_VERSION = re.compile(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)


def _shipped_dictionary() -> tuple[str, Path] | None:
    """jieba's version (as its `__version__`) and its own dictionary file, found without importing it;
    None when they cannot be read so (then jieba is imported)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin)
    try:
        found = _VERSION.search(package.read_text(encoding="utf-8"))
    except OSError:
        return None
    path = package.parent / "dict.txt"  # jieba's DEFAULT_DICT_NAME, what get_dict_file() opens by default
    return (found.group(1), path) if found and path.is_file() else None


def _han_words(run: str, all_pairs: bool) -> list[str]:
    freq = _dictionary()
    out = list(run)
    n = len(run)
    for i in range(n - 1):
        pair = run[i:i + 2]
        f = freq.get(pair)
        if f or all_pairs:
            out.append(pair)
        j = i + 2
        while f is not None and j < n and j - i < MAX_WORD:  # longer words: only while a word starts here
            j += 1
            f = freq.get(run[i:j])
            if f:
                out.append(run[i:j])
    return out


def index_text(text: str, all_pairs: bool = False) -> str:
    """The words of `text` for the index, separated by spaces; `all_pairs` adds every two characters."""
    out: list[str] = []
    for k, piece in enumerate(_PIECES.split(text)):
        if k % 2:
            out += _han_words(piece, all_pairs)
        elif piece.strip():
            out.append(" ".join(piece.split()))
    return " ".join(out)


_LATIN = re.compile(r"[^\W_]+")  # letters and digits: what unicode61 keeps as a token


def query_words(word: str) -> list[str]:
    """The index words a row must hold for it to contain `word` (as text): its characters, its dictionary
    words, its Latin and digit runs; empty when `word` has none (punctuation only)."""
    out: list[str] = []
    for k, piece in enumerate(_PIECES.split(word)):
        if k % 2:
            out += _han_words(piece, all_pairs=False)
        else:
            out += [w for w in _LATIN.findall(piece) if not _PIECES.search(w)]
    return list(dict.fromkeys(out))
