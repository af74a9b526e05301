"""Benchmark: how well the split reads pages it has never seen, per layout family and per measure.

Tuning pages are typeset from one month of the corpus (2019-02), in every family but the ones left out;
test pages from the other month (2020-02), in every family, the left-out ones included; the seed pages
are scored on their hand-made gold. Everything is scored with the app's own `app.core.evaluation.score`
(the measures of ../shared/tools/score_split.py). The split is called through `--split MODULE:FUNCTION`
(default `app.core.splitter:split_page`); with `--model PATH` the path is passed on as `model=` when that
function takes a `model` argument. `--tune-out DIR` writes the tuning pages and their gold, so a learned
split can be trained on exactly the pages this benchmark calls tuning pages.

Each family's row ends with the learned split's ceiling: the article F1 of the pages' true labels put through
the decoder (`app.core.decode`), the most any model of those labels can reach.

With `--loso` (`python -m tools.build_model` passes it), the seeds are also scored honestly: each seed page
by a model fit with the recipe of `tools/build_model.py` on the typeset training pages and the other three
seeds' gold, never on the page itself (leave one seed out; four fits, minutes). The rules have no such row:
they were written against the seeds.

Prints a table per family (rows) and measure (columns), then the seeds, and last one JSON line.

usage: python benchmarks/split_quality.py [--pages 12] [--leave-out interleaved,scrambled] [--seed 0]
           [--split app.core.splitter:split_page] [--model PATH] [--tune-out DIR]
           [--loso [--loso-pages-per-family 60] [--stacked]]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.alignment import align_gold  # noqa: E402
from app.core.decode import decode  # noqa: E402
from app.core.evaluation import score  # noqa: E402
from app.core.loading import SourcePage  # noqa: E402
from app.core.metadata import page_records  # noqa: E402
from app.core.splitmodel import labels_of, view  # noqa: E402
from tools import build_model  # noqa: E402
from tools.typeset.families import FAMILIES  # noqa: E402
from tools.typeset.generate import generate  # noqa: E402
from tools.typeset.gold import page_model  # noqa: E402

MEASURES = ("article_f1", "headline_accuracy", "author_f1", "paragraph_f1", "caption_f1", "caption_leak_rate",
            "stray_break_rate")
DEFAULT_LEAVE_OUT = ("interleaved", "scrambled", "crlf-halfwidth")
SHARED = ROOT.parent / "shared"


def load_split(spec: str, model: str | None) -> Callable[[SourcePage], Any]:
    module, _, name = spec.partition(":")
    func = getattr(importlib.import_module(module), name or "split_page")
    if model:
        if "model" not in inspect.signature(func).parameters:
            raise SystemExit(f"{spec} takes no model argument; drop --model or pass a split that does")
        return lambda src: func(src, model=model)
    return func


def predict(split: Callable[[SourcePage], Any], name: str, text: str) -> list[dict[str, Any]]:
    try:
        page = split(SourcePage(name, text, "utf-8"))
    except Exception as e:  # a crash on one page is a zero for that page, not the end of the benchmark
        print(f"  split failed on {name}: {type(e).__name__}: {e}", file=sys.stderr)
        return []
    return page_records(page, with_tags=False)


def scored(split, pages: Iterable[tuple[str, str, dict[str, Any]]]) -> tuple[dict[str, Any], float]:
    gold: dict[str, Any] = {}
    pred: dict[str, Any] = {}
    t0 = time.perf_counter()
    for name, text, g in pages:
        gold[name] = {"items": g["items"], "furniture": g.get("furniture", [])}
        pred[name] = predict(split, name, text)
    seconds = time.perf_counter() - t0
    result = score(gold, pred)
    result.pop("per_page", None)
    return result, seconds


def seed_pages() -> list[tuple[str, str, dict[str, Any]]]:
    """The seed pages with their hand-made gold (../shared/gold, texts from ../shared/seeds or sample_data)."""
    gold_dir = SHARED / "gold"
    if not gold_dir.is_dir():
        gold_dir = ROOT / "tests" / "data" / "gold"
    return build_model.seed_pages(gold_dir)


def ceiling(pages: Iterable[tuple[str, str, dict[str, Any]]]) -> dict[str, Any]:
    """The scores of the pages' true labels decoded: typeset pages' gold placed by its pieces, hand-made
    gold put onto its page."""
    gold: dict[str, Any] = {}
    pred: dict[str, Any] = {}
    for name, text, g in pages:
        truth = page_model(text, g, name) if "pieces" in g else align_gold(name, text, g)
        v = view(text)
        page = decode(name, text, [ln.blank_before for ln in v.lines], v.pieces, labels_of(truth, v.pieces))
        gold[name] = {"items": g["items"], "furniture": g.get("furniture", [])}
        pred[name] = page_records(page, with_tags=False)
    result = score(gold, pred)
    return {m: result[m] for m in MEASURES}


def leave_one_seed_out(spec: str, seeds: list[tuple[str, str, dict[str, Any]]], pages_per_family: int,
                       seed: int, corpus: str | None, stacked: bool = False) -> tuple[dict[str, Any], dict[str, float]]:
    """Each seed scored by the recipe's model fit without it (with `stacked`, the recipe's stacked model):
    (scores of all four, article F1 of each)."""
    models = build_model.leave_one_seed_out(pages_per_family, seed, corpus=corpus, stacked=stacked)
    gold: dict[str, Any] = {}
    pred: dict[str, Any] = {}
    each: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="newsdesk-loso-") as tmp:
        for name, text, g in seeds:
            path = Path(tmp) / f"{name}.model"
            path.write_bytes(models[name])
            gold[name] = {"items": g["items"], "furniture": g.get("furniture", [])}
            pred[name] = predict(load_split(spec, str(path)), name, text)
            each[name] = score({name: gold[name]}, {name: pred[name]})["article_f1"]
    result = score(gold, pred)
    result.pop("per_page", None)
    return result, each


def row(label: str, result: dict[str, Any], note: str = "", top: dict[str, Any] | None = None) -> str:
    cells = " ".join(f"{result[m]:>8.3f}" for m in MEASURES)
    cells += f" {top['article_f1']:>8.3f}" if top else " " * 9
    return f"{label:<22} {result['pages']:>5} {result['gold_articles']:>6} {cells}  {note}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tune-month", default="2019-02")
    ap.add_argument("--test-month", default="2020-02")
    ap.add_argument("--families", default=",".join(FAMILIES), help="families to score (default: all)")
    ap.add_argument("--leave-out", default=",".join(DEFAULT_LEAVE_OUT),
                    help="families left out of the tuning pages (scored on the test month only)")
    ap.add_argument("--pages", type=int, default=12, help="test pages per family")
    ap.add_argument("--tune-pages", type=int, default=6, help="tuning pages per tuned family (scored in-sample)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--split", default="app.core.splitter:split_page", help="MODULE:FUNCTION taking a SourcePage")
    ap.add_argument("--model", default=None, help="passed to the split as model=PATH if it takes one")
    ap.add_argument("--tune-out", type=Path, default=None, help="write the tuning pages and gold here")
    ap.add_argument("--corpus", default=None, help="corpus file (default ../shared/train/peoples_daily.jsonl.gz)")
    ap.add_argument("--loso", action="store_true", help="score each seed by a model fit without it (a learned split)")
    ap.add_argument("--loso-pages-per-family", type=int, default=build_model.PAGES_PER_FAMILY,
                    help="typeset training pages per family of the leave-one-seed-out fits")
    ap.add_argument("--stacked", action="store_true",
                    help="the leave-one-seed-out fits are of the stacked model (tools.build_model --stacked)")
    ap.add_argument("--no-ceiling", action="store_true", help="skip the true labels' scores")
    args = ap.parse_args(argv)

    families = [f for f in args.families.split(",") if f]
    leave_out = [f for f in args.leave_out.split(",") if f]
    unknown = [f for f in families + leave_out if f not in FAMILIES]
    if unknown:
        raise SystemExit(f"unknown families {unknown}; known: {', '.join(FAMILIES)}")
    tuned = [f for f in families if f not in leave_out]
    split = load_split(args.split, args.model)

    header = (f"{'family':<22} {'pages':>5} {'arts':>6} " + " ".join(f"{m[:8]:>8}" for m in MEASURES)
              + f" {'ceiling':>8}")
    print(f"split {args.split}{' model ' + args.model if args.model else ''}; tuning month {args.tune_month} "
          f"(families: {', '.join(tuned)}); test month {args.test_month}; left out of tuning: {', '.join(leave_out)}")
    print("measures: " + ", ".join(MEASURES))

    # tuning pages (in-sample for a learned split; today's rules are not tuned on them)
    tune = []
    for k, family in enumerate(tuned):
        for ts in generate(args.tune_month, [family], args.tune_pages, args.seed * 1000 + k, args.corpus):
            tune.append((ts.name, ts.text, ts.gold))
            if args.tune_out:
                args.tune_out.mkdir(parents=True, exist_ok=True)
                (args.tune_out / ts.name).write_bytes(ts.text.encode("utf-8"))
                (args.tune_out / ts.name.replace(".txt", ".json")).write_text(
                    json.dumps(ts.gold, ensure_ascii=False), encoding="utf-8")

    results: dict[str, Any] = {"families": {}}
    print()
    print(f"test month {args.test_month}, per family")
    print(header)
    test_all: list[tuple[str, str, dict[str, Any]]] = []
    by_family: dict[str, list] = {}
    seconds = 0.0
    for k, family in enumerate(families):
        pages = [(ts.name, ts.text, ts.gold)
                 for ts in generate(args.test_month, [family], args.pages, 7919 + args.seed * 1000 + k, args.corpus)]
        by_family[family] = pages
        test_all += pages
        res, sec = scored(split, pages)
        seconds += sec
        results["families"][family] = {m: res[m] for m in MEASURES} | {"pages": res["pages"], "left_out": family in leave_out}
        top = None if args.no_ceiling else ceiling(pages)
        if top:
            results["families"][family]["ceiling"] = top
        print(row(family, res, ("(left out of tuning)" if family in leave_out else ""), top))
    print("-" * len(header))
    summary = {}
    for label, pages in (("held-out families", [p for f in leave_out if f in by_family for p in by_family[f]]),
                         ("tuned families", [p for f in tuned for p in by_family[f]]),
                         ("all test pages", test_all)):
        if pages:
            res, _ = scored(split, pages)
            summary[label] = {m: res[m] for m in MEASURES} | {"pages": res["pages"]}
            top = None if args.no_ceiling else ceiling(pages)
            if top:
                summary[label]["ceiling"] = top
            print(row(label, res, "", top))
    if tune:
        res, _ = scored(split, tune)
        summary[f"tuning ({args.tune_month})"] = {m: res[m] for m in MEASURES} | {"pages": res["pages"]}
        print(row(f"tuning {args.tune_month}", res, "(in-sample)"))
    seeds = seed_pages()
    if seeds:
        res, _ = scored(split, seeds)
        summary["seeds"] = {m: res[m] for m in MEASURES} | {"pages": res["pages"]}
        top = None if args.no_ceiling else ceiling(seeds)
        print(row("seeds (hand gold)", res, "", top))
        if args.loso:
            res, each = leave_one_seed_out(args.split, seeds, args.loso_pages_per_family, args.seed, args.corpus,
                                           args.stacked)
            summary["seeds, leave one out"] = {m: res[m] for m in MEASURES} | {"pages": res["pages"],
                                                                            "article_f1_each": each}
            print(row("seeds, leave one out", res, "(each seed by a model fit without it)"))
            print("  article F1 of each: " + ", ".join(f"{n} {f:.3f}" for n, f in each.items()))
    results["summary"] = summary
    results["split"] = args.split
    results["model"] = args.model
    results["seconds_per_test_page"] = round(seconds / max(1, len(test_all)), 4)
    print(f"\n{seconds / max(1, len(test_all)) * 1000:.0f} ms per test page for the split")
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
