"""Import benchmark: `newsdesk import` of many pages vs `newsdesk split` of the same pages.

The seed pages (sample_data/*.txt) are repeated with small variations (a changed number, an added line)
into a temporary folder; both commands run as real subprocesses on it. Peak RSS is the largest resident
size of any process of the import (the main process or one of its workers).

    python benchmarks/import_bench.py              # 10,000 pages
    python benchmarks/import_bench.py --pages 200  # a quick check

The last line printed is one JSON object: {"pages", "pages_per_s", "peak_rss_mb", ...}.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "sample_data").glob("*.txt"))


def write_pages(folder: Path, count: int, seed: int = 5) -> int:
    """`count` page files: seeds with a number changed on a few lines and an issue line added."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    total = 0
    for i in range(count):
        lines = texts[i % len(texts)].split("\n")
        for _ in range(3):
            k = rng.randrange(len(lines))
            lines[k] = re.sub(r"\d", lambda m: str(rng.randrange(10)), lines[k])
        lines.append(f"第{i}期 {rng.randrange(10**6)}")
        data = "\n".join(lines).encode("utf-8")
        (folder / f"{i // 1000:02d}").mkdir(exist_ok=True)
        (folder / f"{i // 1000:02d}" / f"page_{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def timed(args: list[str], stdout=subprocess.DEVNULL) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, stdout=stdout,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10_000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-import-bench-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        size = write_pages(folder, a.pages)
        db = Path(tmp) / "bench.db"
        import_s = timed(["import", str(folder), "--db", str(db)])
        peak = children_peak_mb()  # only the import has run so far
        split_s = timed(["split", str(folder)])
        db_mb = db.stat().st_size / 1e6
    import_rate, split_rate = a.pages / import_s, a.pages / split_s
    print(f"pages:              {a.pages} ({size / 1e6:.1f} MB of text)")
    print(f"newsdesk import:    {import_s:8.1f} s  {import_rate:8.1f} pages/s  (project file {db_mb:.1f} MB)")
    print(f"newsdesk split:     {split_s:8.1f} s  {split_rate:8.1f} pages/s")
    print(f"import vs split:    {import_rate / split_rate:8.0%}   (target >= 80%)")
    print(f"peak RSS (import):  {peak:8.1f} MB  (target < 500 MB)")
    print(json.dumps({"pages": a.pages, "pages_per_s": round(import_rate, 1), "peak_rss_mb": round(peak, 1),
                      "split_pages_per_s": round(split_rate, 1),
                      "import_vs_split": round(import_rate / split_rate, 3)}))


if __name__ == "__main__":
    main()
