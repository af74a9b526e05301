"""Split a folder of pages on a dask cluster into JSONL shards, for `newsdesk import --from-split`.

    pip install 'newsdesk[dask]'
    python examples/dask_split.py ARCHIVE/ shards/ --workers 2
    newsdesk import --from-split shards/ --db project.db

Each page is split by `app.store.shards.split_line` (the same pure function of one page that `newsdesk
split` runs), in a `dask.bag` over the page files on a `distributed.LocalCluster` of worker processes; each
partition of the bag becomes one shard file (`shards/000.jsonl`, …). For a real cluster, pass the address
of its scheduler with --scheduler (the workers must see the page files at the same paths). A Spark job
does the same with `sc.parallelize(pages).map(split_line).saveAsTextFile(OUT)`: see README.

The last line printed is one JSON object: pages, shards, seconds, pages per second, workers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGES_PER_PARTITION = 250  # a shard of about 250 pages: a few MB, checked and stored in one transaction


def split_to_shards(folder: str | Path, out: str | Path, workers: int = 2, scheduler: str | None = None,
                    pages_per_shard: int = PAGES_PER_PARTITION) -> dict[str, float]:
    """Split every page under `folder` into shards in `out` on a dask cluster; returns the run's figures."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    from app.core.loading import find_pages
    from app.store.shards import split_line

    pages = [p for p in find_pages([folder]) if not p.problem]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            partitions = max(1, -(-len(pages) // pages_per_shard))
            bag = db.from_sequence(pages, npartitions=partitions).map(split_line)
            bag.to_textfiles(str(out / "*.jsonl"), name_function=lambda k: f"{k:03d}", compute=True)
            used = len(client.scheduler_info()["workers"])
    finally:
        if cluster is not None:
            cluster.close()
    seconds = time.perf_counter() - start
    return {"pages": len(pages), "shards": len(list(out.glob("*.jsonl"))), "seconds": round(seconds, 1),
            "pages_per_s": round(len(pages) / seconds, 1) if seconds else 0.0, "workers": used}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="the pages (*.txt, recursively)")
    ap.add_argument("out", help="the folder for the shards")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster")
    ap.add_argument("--scheduler", help="a running dask scheduler's address instead of a local cluster")
    ap.add_argument("--pages-per-shard", type=int, default=PAGES_PER_PARTITION)
    a = ap.parse_args()
    figures = split_to_shards(a.folder, a.out, a.workers, a.scheduler, a.pages_per_shard)
    print(f"{figures['pages']} pages split into {figures['shards']} shards in {figures['seconds']} s "
          f"({figures['pages_per_s']} pages/s on {figures['workers']} workers)", file=sys.stderr)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
