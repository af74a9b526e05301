"""`python -m tools.build_model`: rebuild the shipped split model from ../shared/train and print its held-out scores.

The recipe is fixed (month, families, pages, seed), so the same corpus always gives the same model, byte for
byte: training pages are typeset (tools/typeset) from the tuning month's corpus pages in every layout family
but the ones left out, exactly as `benchmarks/split_quality.py` calls them tuning pages (more of them); the
model is fit on them (crfsuite's L-BFGS, deterministic) and written into the package. Then the benchmark
scores it on the other month's pages, the left-out families included, and on the seeds' hand-made gold.

usage: python -m tools.build_model [--pages-per-family 40] [--out app/core/models/split.model] [--no-score]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "train" / "peoples_daily.jsonl.gz"
TUNE_MONTH = "2019-02"
LEAVE_OUT = ("interleaved", "scrambled", "crlf-halfwidth")  # the benchmark's held-out families
PAGES_PER_FAMILY = 60
SEED = 0


def tuned_families(leave_out: Sequence[str] = LEAVE_OUT) -> list[str]:
    from tools.typeset.families import FAMILIES

    return [f for f in FAMILIES if f not in leave_out]


def training_pages(pages_per_family: int = PAGES_PER_FAMILY, seed: int = SEED,
                   leave_out: Sequence[str] = LEAVE_OUT, corpus: str | None = None) -> Iterator[tuple[str, str, dict]]:
    """(name, text, gold) of the training pages: the benchmark's tuning pages for the same seed, and more."""
    from tools.typeset.generate import generate

    for k, family in enumerate(tuned_families(leave_out)):
        for ts in generate(TUNE_MONTH, [family], pages_per_family, seed * 1000 + k, corpus):
            yield ts.name, ts.text, ts.gold


def _sequence(args: tuple[str, str, dict]) -> tuple[list[list[str]], list[str]]:
    from app.core.splitmodel import training_sequence
    from tools.typeset.gold import page_model

    name, text, gold = args
    return training_sequence(text, page_model(text, gold, name))


def build(pages_per_family: int = PAGES_PER_FAMILY, seed: int = SEED, leave_out: Sequence[str] = LEAVE_OUT,
          corpus: str | None = None, jobs: int = 0):
    """The model of the recipe (a SplitModel); features are read in a process pool, in page order."""
    from app.core.splitmodel import train

    pages = list(training_pages(pages_per_family, seed, leave_out, corpus))
    workers = jobs or min(2, os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            sequences = list(pool.map(_sequence, pages, chunksize=8))
    else:
        sequences = [_sequence(p) for p in pages]
    info = {"trained_on": {"corpus": "peoples_daily.jsonl.gz", "month": TUNE_MONTH,
                           "families": tuned_families(leave_out), "pages_per_family": pages_per_family,
                           "seed": seed}}
    return train(None, info=info, sequences=sequences)


def main(argv: list[str] | None = None) -> None:
    from app.core.splitmodel import SHIPPED

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages-per-family", type=int, default=PAGES_PER_FAMILY)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=SHIPPED)
    ap.add_argument("--corpus", default=None, help="corpus file (default ../shared/train/peoples_daily.jsonl.gz)")
    ap.add_argument("--no-score", action="store_true", help="only build the model")
    ap.add_argument("--test-pages", type=int, default=12, help="test pages per family for the scores")
    args = ap.parse_args(argv)
    if args.corpus is None and not CORPUS.exists():
        raise SystemExit(f"no training corpus at {CORPUS}")
    t0 = time.perf_counter()
    model = build(args.pages_per_family, args.seed, corpus=args.corpus)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"model {args.out} ({args.out.stat().st_size / 1024:.0f} KB) from {model.info['pages']} typeset pages "
          f"in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if args.no_score:
        return
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import split_quality

    split_quality.main(["--model", str(args.out), "--pages", str(args.test_pages), "--seed", str(args.seed),
                        "--split", "app.core.splitter:split_page"])


if __name__ == "__main__":
    main()

