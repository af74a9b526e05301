"""`python -m tools.tagdf`: rebuild the tags' document-frequency table (app/core/data/tag_df.tsv.gz).

Reads every article of ../shared/train/peoples_daily.jsonl.gz (headline and paragraphs), finds the word runs
the corpus writes as one term (a run of jieba words in at least MIN_TERM_DOCS articles that makes up most
uses of its rarest word and a fair share of its commonest: 新冠 肺炎, 粤港澳 大湾 区), then counts in how
many articles each candidate word occurs, terms joined. Words in fewer than MIN_DOCS articles are left out
(the tags treat an unlisted word as rare). The same corpus always gives the same bytes.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import click

from app.core import tags
from app.core.bylines import SURNAMES
from tools.typeset.corpus import SHARED_CORPUS, clean_spaces, raw_pages

MIN_DOCS = 3  # a word in fewer articles is too rare for its count to mean anything: left to the default
MIN_TERM_DOCS = 4  # a term must recur across articles, not be one article's phrase
TERM_SHARE = 0.6  # the run makes up at least this share of its rarest word's articles
COMMON_SHARE = 0.05  # and a fair share of its commonest word's: 发展 铁水 is two words, 一带 一路 one term
MAX_TERM_WORDS = 3
MAX_TERM_CHARS = 8


def articles(path: Path) -> list[str]:
    out = []
    for page in raw_pages(path):
        for a in page["articles"]:
            head = " ".join(clean_spaces(a.get(k, "")) for k in ("kicker", "title", "subtitle"))
            out.append(head + "\n" + "\n".join(clean_spaces(p) for p in a.get("paras", [])))
    return out


# a one-character word ends a term only as a place or body word (粤港澳 大湾 区), and starts one only as a
# family name before a given name jieba cut off (丁 薛祥)
PLACE_ENDS = frozenset("区县省市州村镇乡港湾山河湖江路街岛站馆院所局厅部委会")


def _is_term(run: tuple[str, ...]) -> bool:
    if not all(tags._content(w) and len(w) <= 4 for w in run) or len("".join(run)) > MAX_TERM_CHARS:
        return False
    for k, w in enumerate(run):
        if len(w) == 1:
            if k == len(run) - 1 and w in PLACE_ENDS and len("".join(run)) >= 4:
                continue
            if k == 0 and len(run) == 2 and w in SURNAMES and len(run[1]) <= 2:
                continue
            return False
    return True


def find_terms(docs: list[list[list[str]]]) -> list[tuple[str, ...]]:
    """Word runs (2 to MAX_TERM_WORDS words) that the corpus uses as one term."""
    word_docs: Counter[str] = Counter()
    run_docs: Counter[tuple[str, ...]] = Counter()
    for lines in docs:
        words_here: set[str] = set()
        runs_here: set[tuple[str, ...]] = set()
        for words in lines:
            words_here.update(words)
            for n in range(2, MAX_TERM_WORDS + 1):
                for k in range(len(words) - n + 1):
                    run = tuple(words[k:k + n])
                    if _is_term(run):
                        runs_here.add(run)
        word_docs.update(words_here)
        run_docs.update(runs_here)
    def common(run: tuple[str, ...]) -> int:
        return max(word_docs[w] for w in run if len(w) > 1)

    terms = [run for run, n in run_docs.items()
             if n >= MIN_TERM_DOCS and n >= TERM_SHARE * min(word_docs[w] for w in run)
             and n >= COMMON_SHARE * common(run)]
    return sorted(terms)


@click.command()
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=SHARED_CORPUS,
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=tags.TABLE_PATH, show_default=True)
def main(corpus: Path, out: Path) -> None:
    """Count, for every word, how many corpus articles use it; write the table the tags weigh words by."""
    t0 = time.perf_counter()
    jieba = tags.load_jieba()
    texts = articles(corpus)
    cut = [[tags._glue_latin(jieba.lcut(line)) for line in tags.without_bylines(t).splitlines()] for t in texts]
    table = tags.DocumentFrequencies(documents=len(texts))
    for run in find_terms(cut):
        table.add_term(run)
    counts: Counter[str] = Counter()
    for lines in cut:
        seen: set[str] = set()
        for words in lines:
            seen.update(w for w in tags._glue_unknown(tags._glue_terms(words, table)) if tags.candidate(w))
        counts.update(seen)
    table.counts = {w: n for w, n in counts.items() if n >= MIN_DOCS}
    tags.write_table(table, out, source=f"{corpus.name}, {len(texts)} articles, by tools/tagdf.py")
    n_terms = sum(len(v) for v in table.terms.values())
    click.echo(f"{len(texts)} articles: {len(table.counts)} words, {n_terms} terms -> {out} "
               f"({out.stat().st_size // 1024} KB) in {time.perf_counter() - t0:.0f} s", err=True)


if __name__ == "__main__":
    sys.exit(main())
