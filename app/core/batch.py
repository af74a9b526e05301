"""Running one function over many pages, in order: in this process for a few pages, in a process pool
(one jieba dictionary per worker) for a large batch. Used by `newsdesk split` and by the import."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

POOL_MIN_PAGES = 40  # below this, starting workers and loading jieba in each costs more than it saves
T = TypeVar("T")


def map_pages(func: Callable[[str], T], paths: Sequence[str], jobs: int = 0,
              start_method: str | None = None) -> Iterator[T]:
    """`func(path)` for each path, results in order. `jobs` 0 picks: every core for a large batch.

    `start_method` "spawn" keeps a pool from forking a process that runs Qt. If the caller stops early
    (a cancelled import), the pages not started yet are dropped.
    """
    workers = jobs or ((os.cpu_count() or 1) if len(paths) >= POOL_MIN_PAGES else 1)
    if workers <= 1:
        for p in paths:
            yield func(p)
        return
    context = multiprocessing.get_context(start_method) if start_method else None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield from pool.map(func, paths, chunksize=4)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
