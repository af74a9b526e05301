"""Export benchmark: write a project's items as JSONL (`newsdesk export --format jsonl`).

A project with the requested number of items is built in a temporary folder from the seed pages (each
split once; copies get a varied text so that every page is its own row), then exported through
`Store.iter_records` and the JSONL writer, as the command does, with `page_source` on each page's first
record.

    python benchmarks/export_bench.py                 # 100,000 items
    python benchmarks/export_bench.py --items 5000    # a quick check
    python benchmarks/export_bench.py --db /tmp/export100k.db   # built once, then reused (not changed)

The last line printed is one JSON object: {"items", "mb_per_s", ...}.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_project(db_path: Path, items: int) -> int:
    """A project holding at least `items` item records; returns the number of pages."""
    from app.core.loading import SourcePage, load_page
    from app.core.metadata import item_records
    from app.core.serialize import page_to_json
    from app.core.splitter import split_page
    from app.store.db import Store

    seeds = []
    for path in sorted((ROOT / "sample_data").glob("*.txt")):
        source = load_page(path)
        page = split_page(source)
        seeds.append((source, page_to_json(page, with_text=False), item_records(page)))
    pages = made = 0
    with Store(db_path) as store:
        while made < items:
            with store.writing():
                for _ in range(50):
                    source, model, records = seeds[pages % len(seeds)]
                    copy = SourcePage(f"p{pages:06d}_{source.name}", source.text + f"\n{pages}", source.encoding)
                    store.import_split(copy, model, records)
                    pages += 1
                    made += len(records)
                    if made >= items:
                        break
    return pages


def main() -> None:
    from app.core.export import write_records
    from app.store.db import Store

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="the project to export: built with --items if it does not exist, "
                    "else exported as it is (a built project takes minutes)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-export-bench-") as tmp:
        db, out = a.db or Path(tmp) / "bench.db", Path(tmp) / "corpus.jsonl"
        t0 = time.perf_counter()
        reused = db.exists()
        if reused:
            with Store(db) as store:
                pages = store.db.execute("select count(*) from pages").fetchone()[0]
        else:
            pages = build_project(db, a.items)
        build_s = time.perf_counter() - t0
        with Store(db) as store:
            t0 = time.perf_counter()
            n = write_records(store.iter_records(with_source=True), "jsonl", out)
            export_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            write_records(store.iter_records(), "jsonl", Path(tmp) / "plain.jsonl")
            plain_s = time.perf_counter() - t0
            plain_mb = (Path(tmp) / "plain.jsonl").stat().st_size / 1e6
        mb = out.stat().st_size / 1e6
    print(f"project:            {pages} pages, {n} items ({'reused' if reused else f'built in {build_s:.1f} s'})")
    print(f"export JSONL:       {mb:8.1f} MB in {export_s:6.2f} s = {mb / export_s:6.1f} MB/s, "
          f"{n / export_s:,.0f} items/s  (target >= 50 MB/s)")
    print(f"  without sources:  {plain_mb:8.1f} MB in {plain_s:6.2f} s = {plain_mb / plain_s:6.1f} MB/s")
    print(json.dumps({"items": n, "mb_per_s": round(mb / export_s, 1), "items_per_s": round(n / export_s),
                      "mb": round(mb, 1), "plain_mb_per_s": round(plain_mb / plain_s, 1)}))


if __name__ == "__main__":
    main()
