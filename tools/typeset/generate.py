"""Many typeset pages at once: corpus pages of one month spread over layout families, deterministically."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from .corpus import load_month
from .families import style_for
from .printer import Typeset, typeset_page


def generate(month: str, families: Sequence[str], pages: int, seed: int = 0,
             corpus: str | None = None) -> Iterator[Typeset]:
    """`pages` typeset pages of `month`, family after family in turn; the corpus pages are drawn in a
    seeded order, so the same arguments always give the same pages."""
    corpus_pages, pools = load_month(month, corpus)
    if not corpus_pages or not families:
        return
    order = list(range(len(corpus_pages)))
    random.Random(f"{month}|{seed}").shuffle(order)
    for k in range(pages):
        family = families[k % len(families)]
        page = corpus_pages[order[k % len(order)]]
        style = style_for(family, random.Random(f"{family}|{seed}|{k}"))
        name = f"{month}_{family}_{seed}_{k:04d}.txt"
        yield typeset_page(page, pools, style, seed * 100003 + k, name)
