"""Running one function over many pages, in order: in this process for a few pages, in a process pool
(one jieba dictionary per worker) for a large batch. Used by `newsdesk split` and by the import.

A worker never outlives the process that started it: each one watches its parent and exits as soon as
the parent is gone (killed with SIGKILL, crashed), so a killed import leaves no worker behind.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

POOL_MIN_PAGES = 40  # below this, starting workers and loading jieba in each costs more than it saves
PARENT_CHECK_S = 0.5  # how often a worker looks whether its parent is still there
T = TypeVar("T")
P = TypeVar("P")


def exit_with_parent(parent: int) -> None:
    """Worker initializer: a daemon thread that ends this worker once `parent` is gone. An orphan is
    adopted by another process (init or a subreaper), so its parent id changes; polling that works on
    every POSIX system, and on Windows the pool's own pipes end the workers."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)  # nothing to clean up: the pages in hand belong to a process that no longer exists

    if hasattr(os, "getppid") and os.name == "posix":
        threading.Thread(target=watch, name="newsdesk-parent-watch", daemon=True).start()


def map_pages(func: Callable[[P], T], paths: Sequence[P], jobs: int = 0,
              start_method: str | None = None) -> Iterator[T]:
    """`func(page)` for each page (a path, or a `PageFile`), results in order. `jobs` 0 picks: every core
    for a large batch.

    `start_method` "spawn" keeps a pool from forking a process that runs Qt. If the caller stops early
    (a cancelled import), the pages not started yet are dropped.
    """
    workers = jobs or ((os.cpu_count() or 1) if len(paths) >= POOL_MIN_PAGES else 1)
    if workers <= 1:
        for p in paths:
            yield func(p)
        return
    context = multiprocessing.get_context(start_method) if start_method else None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=exit_with_parent,
                               initargs=(os.getpid(),))
    try:
        yield from pool.map(func, paths, chunksize=4)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
