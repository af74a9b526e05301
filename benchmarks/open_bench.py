"""Opening a 100,000-page project in the app, and searching it.

Builds the project through the Store's own import (`Store.import_split`, batched in `Store.writing()`
transactions): short pages cut from the seed pages (sample_data/*.txt), each seed varied a few times
(numbers changed) and split once, then stored under 100,000 page names. Then, in one process and with
the window painted (offscreen unless a display is set), it times:

- bare_window_s: a bare QMainWindow created and shown (QApplication already running);
- window_usable_s: the Newsdesk main window on that project (its modules imported, the project opened,
  the window shown, the page list populated and the last page open in every pane, then painted);
- search_ms: the median time of a corpus search through the app's search panel (query, results listed),
  once the window has settled (jieba, which loads on a worker after the first paint, is loaded); the
  slowest search (the first: a cold page cache) is printed too.

Targets: window_usable_s within 1 s of bare_window_s; search_ms < 200 ms. Last line: one JSON object.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/open_bench.py               # 100,000 pages
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/open_bench.py --pages 2000  # a quick check
    ... --db FILE keeps the project in FILE (built only if it does not exist) for later runs
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.loading import SourcePage  # noqa: E402
from app.store.db import Store  # noqa: E402

SEED_LINES = 8  # a short page: the first lines of a seed (keeps a 100k-page file to a few hundred MB)
VARIANTS = 6  # per seed
BATCH = 2000
# one- and two-character words, a longer one, a two-character string no dictionary lists (its characters are
# everywhere, side by side rarely: the index narrows least), and two with no hits at all
QUERIES = ("荆州", "健康", "医院", "金融", "疫情防控", "记者", "市", "的", "的市", "鲸鱼", "量子计算机")
ROUNDS = 5


def seed_pages() -> list[tuple[SourcePage, str, list]]:
    """Short varied pages, each split once: (source, model JSON, item records)."""
    from app.core.metadata import item_records
    from app.core.serialize import page_to_json
    from app.core.splitter import split_page

    rng = random.Random(7)
    out = []
    for path in sorted((ROOT / "sample_data").glob("*.txt")):
        lines = [ln for ln in path.read_text(encoding="utf-8").split("\n")][:SEED_LINES]
        for v in range(VARIANTS):
            varied = [re.sub(r"\d", lambda _m: str(rng.randrange(10)), ln) for ln in lines]
            text = "\n".join(varied) + f"\n第{v}期\n"
            source = SourcePage(f"{path.stem}_{v}.txt", text, "utf-8")
            page = split_page(source)
            out.append((source, page_to_json(page, with_text=False), item_records(page)))
    return out


def build(path: Path, pages: int) -> float:
    """Write `pages` pages into a new project at `path`; returns the seconds it took."""
    seeds = seed_pages()
    start = time.perf_counter()
    with Store(path) as store:
        for first in range(0, pages, BATCH):
            with store.writing():
                for i in range(first, min(pages, first + BATCH)):
                    source, model_json, records = seeds[i % len(seeds)]
                    named = SourcePage(f"{i // 1000:03d}_page_{i:06d}.txt", source.text, source.encoding)
                    store.import_split(named, model_json, records)
            print(f"\r  building: {min(pages, first + BATCH):,} / {pages:,} pages", end="", file=sys.stderr)
    print(file=sys.stderr)
    return time.perf_counter() - start


def settle(app, until, timeout: float = 30.0) -> None:  # noqa: ANN001
    deadline = time.perf_counter() + timeout
    while not until():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise SystemExit("open_bench: the window did not become usable in time")


def measure(db: Path, pages: int) -> dict:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication(["open_bench"])

    t = time.perf_counter()
    bare = QMainWindow()
    bare.resize(1400, 900)
    bare.show()
    app.processEvents()
    bare.repaint()
    bare_s = time.perf_counter() - t
    bare.close()
    app.processEvents()

    t = time.perf_counter()
    from app.ui.app import launch  # the app's modules are imported inside the timing

    window = launch(["open", str(db)], show=True)
    settle(app, lambda: window.doc is not None and window.pages.model.rowCount() == pages
           and not window.session.beside_pending)  # every pane shows the page: the panes beside the source too
    window.repaint()
    app.processEvents()
    usable_s = time.perf_counter() - t
    list_rows = window.pages.model.rowCount()

    settle(app, lambda: window.tags_ready)  # jieba has loaded in the background (it holds the GIL meanwhile)
    times, hits, per_query = [], {}, {q: [] for q in QUERIES}
    for _ in range(ROUNDS):
        for q in QUERIES:
            window.search.query.setText(q)
            t = time.perf_counter()
            window.search.run()
            window.search.results.repaint()
            app.processEvents()
            times.append((time.perf_counter() - t) * 1000)
            per_query[q].append(times[-1])
            hits[q] = window.search.results.model().rowCount()
    for doc in window.docs.values():
        doc.stack.setClean()
    window.close()
    window.store.close()
    return {"bare_window_s": bare_s, "window_usable_s": usable_s, "search_ms": statistics.median(times),
            "search_max_ms": max(times), "hits": hits, "list_rows": list_rows,
            "per_query_ms": {q: statistics.median(v) for q, v in per_query.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="keep the project in this file (built if it does not exist)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-open-bench-") as tmp:
        db = a.db or Path(tmp) / "open_bench.db"
        build_s = None
        if not db.exists():
            build_s = build(db, a.pages)
        with Store(db) as store:
            pages = len(store.list_pages())
        size_mb = db.stat().st_size / 1e6
        os.environ["NEWSDESK_PROJECT"] = str(db)
        m = measure(db, pages)
    gap = m["window_usable_s"] - m["bare_window_s"]
    print(f"project:           {pages:,} pages, {size_mb:.0f} MB"
          + (f" (built in {build_s:.0f} s)" if build_s is not None else ""))
    print(f"bare QMainWindow:  {m['bare_window_s']:7.3f} s")
    print(f"Newsdesk usable:   {m['window_usable_s']:7.3f} s  ({gap:+.3f} s after a bare window; target < 1 s)"
          f"  page list {m['list_rows']:,} rows, first page open")
    print(f"corpus search:     {m['search_ms']:7.1f} ms median (max {m['search_max_ms']:.1f} ms, "
          f"{ROUNDS * len(QUERIES)} searches; target < 200 ms)")
    for q, ms in m["per_query_ms"].items():
        print(f"  {q:12} {ms:7.1f} ms median, {m['hits'][q]} result(s) shown")
    print(json.dumps({"pages": pages, "window_usable_s": round(m["window_usable_s"], 3),
                      "bare_window_s": round(m["bare_window_s"], 3), "search_ms": round(m["search_ms"], 1),
                      "search_max_ms": round(m["search_max_ms"], 1),
                      "slowest_query_ms": round(max(m["per_query_ms"].values()), 1)}))


if __name__ == "__main__":
    main()
