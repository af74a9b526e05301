"""Benchmark: `newsdesk split` over a few hundred pages against jieba.cut's own speed on the same text.

Both run as whole processes (interpreter start and jieba's dictionary load included), on the seed pages
repeated into a temporary folder. The last line printed is one JSON object of the figures.

With --model PATH the split is `newsdesk split --model PATH` (a model file: `newsdesk train --out`, or
`python -m tools.build_model --stacked --out PATH`).

usage: python benchmarks/split_bench.py [--pages 300] [--model PATH]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JIEBA_ONLY = """
import sys, jieba, logging
jieba.setLogLevel(logging.WARNING)
n = 0
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    n += sum(1 for _ in jieba.cut(text))
print(n)
"""


def make_pages(folder: Path, count: int) -> int:
    seeds = sorted((ROOT / "sample_data").glob("*.txt"))
    total = 0
    for i in range(count):
        src = seeds[i % len(seeds)]
        data = src.read_bytes()
        (folder / f"{i:05d}_{src.name}").write_bytes(data)
        total += len(data)
    return total


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--model", default=None, help="split with this model file")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    try:
        size = make_pages(tmp, args.pages)
        files = sorted(str(p) for p in tmp.glob("*.txt"))
        newsdesk = [sys.executable, "-m", "app.cli", "split", str(tmp), *(["--model", args.model] if args.model else [])]
        jieba_cmd = [sys.executable, "-c", JIEBA_ONLY, *files]
        timed(jieba_cmd)  # warm the OS file cache and jieba's dictionary cache once
        split_s = min(timed(newsdesk) for _ in range(2))
        jieba_s = min(timed(jieba_cmd) for _ in range(2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    mb = size / 1e6
    ratio = split_s / jieba_s
    print(f"pages            {args.pages} ({mb:.2f} MB of page text)")
    print(f"newsdesk split   {split_s:6.2f} s   {args.pages / split_s:7.1f} pages/s   {mb / split_s:5.2f} MB/s")
    print(f"jieba.cut only   {jieba_s:6.2f} s   {args.pages / jieba_s:7.1f} pages/s   {mb / jieba_s:5.2f} MB/s")
    print(f"ratio            {ratio:.2f}x (target <= 1.5x)")
    print(json.dumps({"pages": args.pages, "model": args.model, "split_s": round(split_s, 3), "jieba_cut_s": round(jieba_s, 3),
                      "ratio": round(ratio, 3)}))


if __name__ == "__main__":
    main()
