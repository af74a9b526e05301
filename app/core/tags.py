"""Tags: an item's keywords, weighted against how many news articles use each word.

An item's text is cut into words by jieba, then words that belong together are put back together: terms
the news corpus writes as one (新冠肺炎, 粤港澳大湾区), a word jieba does not know glued to its short
neighbour (十八洞村, 专精特新), and Latin words in a row (INDUSTRIAL BANK OF CHINA). Each word is weighted by
its count in the item (the headline counts twice) times its inverse document frequency in a table built
from ../shared/train (3,932 articles of 人民日报), so a word every article uses (记者, 表示, 工作) weighs
little and a rare name or term weighs much. The table ships inside the package (`data/tag_df.tsv.gz`) and is
rebuilt by `python -m tools.tagdf`. Bylines are not text: their names are not tags.

jieba's dictionary and the table load once per process, on first use (`warm_up` loads them ahead).
"""

from __future__ import annotations

import gzip
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .bylines import ROLE_ALT, ROLE_WORDS

_lock = threading.Lock()
_table: DocumentFrequencies | None = None

MIN_TAGS, MAX_TAGS = 5, 8
TABLE_PATH = Path(__file__).resolve().parent / "data" / "tag_df.tsv.gz"
# a tag weighs at least this share of the best tag's weight (below MIN_TAGS any weight will do)
WEAK_SHARE = 0.15
# a word jieba does not know is glued to a short neighbour only if that neighbour is no common word: jieba's
# dictionary counts a common word (企业, 考察) in the tens of thousands, a rare part of a term (专精) in a few
RARE_NEIGHBOUR = 2000
# jieba's HMM (finalseg.viterbi) copies its path at every character, so its time grows with the square of a run
# of Han characters with no punctuation or space in it (a line of OCR noise of 20,000 characters takes seconds,
# 100,000 half a minute); prose breaks its runs far sooner (the longest of 3,932 articles of ../shared/train
# is 59 characters), so a longer run is cut into pieces this long before jieba reads it
MAX_HAN_RUN = 200

# words that nearly every Chinese news item shares, so they tell one item from another not at all
NEWS_STOP_WORDS = frozenset(
    """
    本报讯 编辑 责任编辑 美编 日前 近日 近年来 今年 去年 目前 当天 同时 此次
    表示 介绍 工作 开展 推进 进一步 不断 持续 积极 全面 有效 提升 加强 实现 相关 活动 服务 发展 建设 提供
    通过 进行 取得 一个 我们 他们 以来 已经 没有 可以 以及 其中 方面 问题 情况 能力 水平 全市 全省 全国
    该行 该院 该所 该县 该市 一步 一系列 举措 重要 积极 作为 成为 之一 进行 方式 亿元 万元 人次 我市 我县 我区 我省
    """.split()
) | {w for w in ROLE_WORDS if "/" not in w and "／" not in w}  # (记者, 通讯员, 摄影 …: the one list of role words)
# characters that make a word grammar, not content: a word jieba does not know with one of them is no term
_FUNCTION_CHARS = frozenset("的了是在和与及其为而或之于以把被将对从向也都就又还很更最这那些个们着过吗呢吧啊所该并且如")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]+$")
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9]*$|^[0-9]+[A-Za-z][A-Za-z0-9]*$")
_NUMBERISH = re.compile(r"^[0-9０-９.%一二三四五六七八九十百千万亿两几第多余]+[年月日号个次名位件项条天家人元]?$")
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_LONG_HAN_RUN = re.compile(rf"[\u4e00-\u9fff]{{{MAX_HAN_RUN + 1},}}")
# bylines at the start or end of a paragraph: 本报讯（记者 王三 通讯员 李四） / 本报北京1月31日电（记者王迪） / （记者 王三）
_LEAD_BYLINE = re.compile(r"^[^（(\n]{0,20}?(?:讯|电)\s*[（(][^（）()\n]{1,60}[）)]", re.M)
_PAREN_BYLINE = re.compile(rf"[（(]\s*(?:本报)?(?:{ROLE_ALT})[^（）()\n]{{1,60}}[）)]")


@dataclass
class DocumentFrequencies:
    """How many of `documents` news articles use each word, and the terms the corpus writes as one."""

    documents: int = 1
    counts: dict[str, int] = field(default_factory=dict)
    # first word -> the word sequences that start with it and make one term, longest first
    terms: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def idf(self, word: str) -> float:
        """log(N / (df + 1)); a word the table does not hold is as rare as one in a single article."""
        return math.log((self.documents + 1) / (self.counts.get(word, 1) + 1)) + 1.0

    def add_term(self, words: tuple[str, ...]) -> None:
        runs = self.terms.setdefault(words[0], [])
        runs.append(words)
        runs.sort(key=len, reverse=True)


def read_table(path: Path = TABLE_PATH) -> DocumentFrequencies:
    """The table file: `#documents N`, then `word<TAB>df` lines and `=word word...` term lines."""
    table = DocumentFrequencies()
    if not path.exists():
        return table
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#documents"):
                table.documents = int(line.split()[1])
            elif line.startswith("="):
                table.add_term(tuple(line[1:].split(" ")))
            elif "\t" in line:
                word, df = line.rsplit("\t", 1)
                table.counts[word] = int(df)
    return table


def write_table(table: DocumentFrequencies, path: Path = TABLE_PATH, source: str = "") -> None:
    """Write the table sorted (so a rebuild from the same corpus gives the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"#documents {table.documents}", f"#source {source}".rstrip()]
    lines += sorted("=" + " ".join(t) for runs in table.terms.values() for t in runs)
    lines += [f"{w}\t{n}" for w, n in sorted(table.counts.items())]
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))


def load_jieba():
    """jieba with its dictionary loaded, quietly (it logs its cache steps to stderr otherwise)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _get_table() -> DocumentFrequencies:
    global _table
    with _lock:
        if _table is None:
            load_jieba()
            _table = read_table()
        return _table


def warm_up() -> None:
    """Load jieba's dictionary and the document-frequency table now (they load lazily otherwise)."""
    _get_table()


def _known(word: str) -> int:
    import jieba

    return jieba.dt.FREQ.get(word) or 0


def _glue_latin(words: list[str]) -> list[str]:
    """Latin words in a row, one space apart, as one word: INDUSTRIAL BANK OF CHINA."""
    out: list[str] = []
    k = 0
    while k < len(words):
        w = words[k]
        if _LATIN_WORD.match(w):
            run = [w]
            j = k + 1
            while j + 1 < len(words) and words[j] == " " and _LATIN_WORD.match(words[j + 1]):
                run.append(words[j + 1])
                j += 2
            out.append(" ".join(run))
            k = j
        else:
            out.append(w)
            k += 1
    return out


def _glue_terms(words: list[str], table: DocumentFrequencies) -> list[str]:
    """Word runs the corpus writes as one term, joined: 新冠 肺炎 -> 新冠肺炎."""
    out: list[str] = []
    k = 0
    while k < len(words):
        for run in table.terms.get(words[k], ()):
            if tuple(words[k:k + len(run)]) == run:
                out.append("".join(run))
                k += len(run)
                break
        else:
            out.append(words[k])
            k += 1
    return out


def _content(word: str) -> bool:
    return bool(_HAN_WORD.match(word)) and not (_FUNCTION_CHARS & set(word)) and not _NUMBERISH.match(word)


def _glue_unknown(words: list[str]) -> list[str]:
    """A two-character word jieba does not know (洞村, 特新) is a piece of a term: glued to a short rare
    neighbour (十八洞村, 专精特新)."""
    out = list(words)
    k = 0
    while k < len(out):
        w = out[k]
        if len(w) == 2 and _content(w) and not _known(w):
            left = out[k - 1] if k > 0 else ""
            right = out[k + 1] if k + 1 < len(out) else ""

            def fits(n: str) -> bool:
                return 1 < len(n) <= 3 and _HAN_WORD.match(n) is not None and not (_FUNCTION_CHARS & set(n)) and (
                    _known(n) < RARE_NEIGHBOUR)

            if left and fits(left):
                out[k - 1:k + 1] = [left + w]
                continue
            if right and fits(right):
                out[k:k + 2] = [w + right]
                continue
        k += 1
    return out


def words_of(text: str, table: DocumentFrequencies | None = None) -> list[str]:
    """The text's words as tags count them: jieba's cut with terms, unknown pieces and Latin runs joined."""
    jieba = load_jieba()
    table = table or _get_table()
    out: list[str] = []
    for line in text.splitlines():
        words = [w for piece in _pieces(line) for w in jieba.lcut(piece)]
        out += _glue_unknown(_glue_terms(_glue_latin(words), table))
    return out


def _pieces(line: str) -> Iterator[str]:
    """The line as jieba should read it: whole, but a run of Han characters longer than MAX_HAN_RUN cut."""
    start = 0
    for run in _LONG_HAN_RUN.finditer(line):
        for cut in range(run.start() + MAX_HAN_RUN, run.end(), MAX_HAN_RUN):
            yield line[start:cut]
            start = cut
    yield line[start:]


def candidate(word: str) -> bool:
    """A word that can be a tag: two or more characters of content, not a number, not a stop word."""
    if len(word) < 2 or word in NEWS_STOP_WORDS or not _KEEP.search(word) or _NUMBERISH.match(word):
        return False
    if _HAN.search(word):
        return not (len(word) == 2 and _FUNCTION_CHARS & set(word)) and word not in _stop_words()
    return bool(re.match(r"^[A-Za-z0-9][A-Za-z0-9 .\-]*$", word)) and word.lower() not in _stop_words()


_STOP: frozenset[str] | None = None


def _stop_words() -> frozenset[str]:
    """jieba's own stop list for keywords (English function words and the like)."""
    global _STOP
    if _STOP is None:
        import jieba.analyse

        _STOP = frozenset(jieba.analyse.default_tfidf.stop_words)
    return _STOP


def without_bylines(text: str) -> str:
    """The text with its bylines taken out (本报讯（记者 王三）, （记者 王三）): reporters are not topics."""
    return _PAREN_BYLINE.sub("", _LEAD_BYLINE.sub("", text))


def weights(title: str, body: str, table: DocumentFrequencies | None = None) -> list[tuple[str, float]]:
    """Every candidate word of the item with its weight, heaviest first (ties: first seen first)."""
    table = table or _get_table()
    words = words_of(f"{title}\n{title}\n{without_bylines(body)}", table)
    counts = Counter(w for w in words if candidate(w))
    first = {w: k for k, w in reversed(list(enumerate(words)))}
    scored = [(w, n * table.idf(w)) for w, n in counts.items()]
    scored.sort(key=lambda p: (-p[1], first[p[0]]))
    return scored


def extract_tags(title: str, body: str, top_k: int = MAX_TAGS) -> list[str]:
    """5 to 8 keywords for an item (fewer only if it has fewer words that can be tags)."""
    if not _KEEP.search(f"{title}{body}"):
        return []
    scored = weights(title, body)
    if not scored:
        return []
    best = scored[0][1]
    tags: list[str] = []
    for w, s in scored:
        if len(tags) >= top_k or (len(tags) >= MIN_TAGS and s < WEAK_SHARE * best):
            break
        if not any(w in t for t in tags):  # 玛图 after 玛图特: the same name cut two ways
            tags.append(w)
    return tags


def document_words(texts: Iterable[str], table: DocumentFrequencies) -> Iterator[set[str]]:
    """The candidate words of each document, as a set (for counting document frequencies)."""
    for text in texts:
        yield {w for w in words_of(without_bylines(text), table) if candidate(w)}
