"""Project size: a project file against the text of the pages it holds.

Typesets PAGES pages of real article text (`tools.typeset`, the corpus in ../shared/train, else the test
excerpt), imports them with `newsdesk import`'s own code (split in worker processes), and measures the file as
the import leaves it: its size against the pages' text (UTF-8 bytes), and what each table and index takes
(SQLite's dbstat). The floor, in the same run: an SQLite file holding the page texts alone, uncompressed
(about 1.0x); and the page texts gzipped, for scale.

Target: the whole project, search index included, at most 2.5 times the pages' text.

    python benchmarks/project_size.py               # 10,000 pages
    python benchmarks/project_size.py --pages 300   # a quick check

The last line printed is one JSON object: {"pages", "text_mb", "project_mb", "ratio", ...}.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 2.5


def write_pages(folder: Path, count: int) -> None:
    from tools.typeset.families import FAMILIES
    from tools.typeset.generate import generate

    months = ["2019-02", "2020-02"]  # the two months of the corpus: more distinct text than one
    for k, month in enumerate(months):
        share = count // len(months) + (1 if k < count % len(months) else 0)
        for ts in generate(month, list(FAMILIES), share, k, None):
            (folder / f"{month}_{ts.name}").write_bytes(ts.text.encode("utf-8"))


def floor_size(folder: Path, path: Path) -> int:
    """An SQLite file holding only the page texts (the least a project can take uncompressed)."""
    with sqlite3.connect(path) as conn:
        conn.execute("create table pages (id integer primary key, text text)")
        conn.executemany("insert into pages (text) values (?)",
                         ((p.read_text(encoding="utf-8"),) for p in sorted(folder.glob("*.txt"))))
    return path.stat().st_size


def parts(path: Path, text_bytes: int) -> list[tuple[str, float]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("select name, sum(pgsize) from dbstat group by name order by 2 desc").fetchall()
    return [(name, size / text_bytes) for name, size in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=0, help="import worker processes (0: one per core)")
    ap.add_argument("--from-split", type=Path, metavar="SHARDS",
                    help="store the pages of these split shards (examples/dask_split.py) instead of typesetting "
                         "and splitting pages here: the same rows, without the split's time")
    a = ap.parse_args()
    from app.store.db import Store
    from app.store.importer import import_paths
    from app.store.shards import import_shards, shard_files

    with tempfile.TemporaryDirectory(prefix="newsdesk-size-bench-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        if a.from_split:
            shards = shard_files([a.from_split])
            named = [json.loads(line).get("path") for shard in shards for line in shard.read_bytes().splitlines()]
            for k, path in enumerate(p for p in named if p and Path(p).exists()):  # for the text's size, the floor
                (folder / f"{k:06d}.txt").write_bytes(Path(path).read_bytes())
        else:
            write_pages(folder, a.pages)
        files = sorted(folder.glob("*.txt"))
        text_bytes = sum(len(p.read_bytes()) for p in files)
        gz = sum(len(gzip.compress(p.read_bytes())) for p in files)
        db = Path(tmp) / "project.db"
        start = time.perf_counter()
        with Store(db) as store:
            report = (import_shards(store, shards) if a.from_split else import_paths(store, [folder], jobs=a.jobs))
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        import_s = time.perf_counter() - start
        size = db.stat().st_size + sum(os.path.getsize(f"{db}{s}") for s in ("-wal", "-shm")
                                       if os.path.exists(f"{db}{s}"))
        floor = floor_size(folder, Path(tmp) / "floor.db")
        shares = parts(db, text_bytes)
    ratio = size / text_bytes
    pages = len(files)
    print(f"pages:               {pages:,} ({report.summary}), imported in {import_s:.0f} s"
          + (f" from {len(shards)} split shards" if a.from_split else ""))
    print(f"pages' text:         {text_bytes / 1e6:8.1f} MB (UTF-8)")
    print(f"project file:        {size / 1e6:8.1f} MB  = {ratio:.2f} x the text  (target <= {TARGET})")
    print(f"floor, texts alone:  {floor / 1e6:8.1f} MB  = {floor / text_bytes:.2f} x  (gzipped: {gz / text_bytes:.2f} x)")
    print("where it goes (x the text):")
    for name, share in shares:
        if share >= 0.005:
            print(f"  {name:28s} {share:5.2f}")
    print(json.dumps({"pages": pages, "text_mb": round(text_bytes / 1e6, 2), "project_mb": round(size / 1e6, 2),
                      "ratio": round(ratio, 3), "floor_ratio": round(floor / text_bytes, 3),
                      "gzip_ratio": round(gz / text_bytes, 3), "import_s": round(import_s, 1),
                      "parts": {name: round(share, 4) for name, share in shares if share >= 0.005}}))


if __name__ == "__main__":
    main()
