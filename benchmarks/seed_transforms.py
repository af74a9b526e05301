"""Benchmark: the seed pages as other extractions carry their text, each scored on the seeds' hand-made gold.

The judged pages come from other extractors than the seeds': the same print can come out with no blank line at
all, with its paragraphs or its headlines indented, with other space characters, other line ends or punctuation
of the other width. Each transform here rewrites the seed pages one such way (the page's characters and their
order stay; some transforms read the gold for which lines are headlines or open paragraphs, as an extractor
sees them set apart); each transformed page goes through `decode_page` as a page file would and is split
(default `app.core.splitter:split_page`, the rules; `--split MODULE:FUNCTION` as in `split_quality.py`), then
scored with the app's own `app.core.evaluation.score` against the seed's gold. The rules were written against
the seeds as extracted, so the `as-extracted` row is in-sample; each other row says what the same pages lose
when only their extraction changes.

Prints a row per transform (measures as `split_quality.py`'s) and last one JSON line.

usage: python benchmarks/seed_transforms.py [--transforms no-blanks,centred-headlines] [--split MODULE:FUNCTION]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.evaluation import score  # noqa: E402
from app.core.loading import SourcePage, decode_page  # noqa: E402
from app.core.metadata import page_records  # noqa: E402
from benchmarks.split_quality import load_split  # noqa: E402
from tools import build_model  # noqa: E402

MEASURES = ("article_f1", "headline_accuracy", "author_f1", "paragraph_f1", "caption_f1", "caption_leak_rate")
SHARED_GOLD = ROOT.parent / "shared" / "gold"
OPENING_CHARS = 8  # characters of a gold paragraph's opening (spaces aside) that find its first line
CENTRED_MARGIN = " " * 6  # the margin an extraction keeps before a centred headline
_FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F) if chr(c).isalnum()})
_HALF_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")"})

Transform = Callable[[str, dict[str, Any]], str]


def _bare(text: str) -> str:
    return "".join(text.split())


def _openings(gold: dict[str, Any]) -> set[str]:
    """The first characters of the gold's body paragraphs."""
    return {_bare(p)[:OPENING_CHARS] for it in gold["items"] for p in it.get("body") or []}


def _titles(gold: dict[str, Any]) -> set[str]:
    return {_bare(it["title"]) for it in gold["items"] if it.get("title")}


def _lines(text: str, change: Callable[[str], str]) -> str:
    return "\n".join(change(line) for line in text.split("\n"))


def _indent_openings(text: str, gold: dict[str, Any]) -> str:
    """Each line that opens a gold paragraph indented with two full-width spaces."""
    starts = _openings(gold)

    def change(line: str) -> str:
        key = _bare(line)[:OPENING_CHARS]
        return "\u3000\u3000" + line.lstrip() if len(key) == OPENING_CHARS and key in starts else line
    return _lines(text, change)


def _no_blanks(text: str, gold: dict[str, Any]) -> str:
    return re.sub(r"\n\s*\n+", "\n", text)


def _indent_after_blank(text: str, gold: dict[str, Any]) -> str:
    """Every line of more than 12 characters after a blank line indented with two full-width spaces (headlines
    too: an extractor that indents each block's first line)."""
    out, prev = [], ""
    for line in text.split("\n"):
        out.append("\u3000\u3000" + line if not prev.strip() and line.strip() and len(line) > 12 else line)
        prev = line
    return "\n".join(out)


def _double_spaced(text: str, gold: dict[str, Any], down_to: float = 1.0, lose_every: int = 0) -> str:
    """A blank line after every printed line (as many PDF extractors write them), in the page's first `down_to`
    share of lines only (the extraction turns single-spaced part-way down the page), each `lose_every`-th
    printed line losing its blank again (uneven spacing)."""
    lines = text.split("\n")
    stop = round(len(lines) * down_to)
    out, printed = [], 0
    for k, line in enumerate(lines):
        out.append(line)
        if line.strip() and k < stop:
            printed += 1
            if not lose_every or printed % lose_every:
                out.append("")
    return "\n".join(out)


TRANSFORMS: dict[str, Transform] = {
    "as-extracted": lambda t, g: t,
    "no-blanks": _no_blanks,
    "doubled-gaps": lambda t, g: re.sub(r"\n\n", "\n\n\n", t),
    "blank-lines-of-spaces": lambda t, g: re.sub(r"\n\n", "\n   \n", t),
    "double-spaced": _double_spaced,
    "double-spaced-down-to-half": lambda t, g: _double_spaced(t, g, down_to=0.5),
    "double-spaced-uneven": lambda t, g: _double_spaced(t, g, lose_every=6),
    "crlf": lambda t, g: t.replace("\n", "\r\n"),
    "cr-only": lambda t, g: t.replace("\n", "\r"),
    "trailing-spaces": lambda t, g: _lines(t, lambda ln: ln + "  " if ln.strip() else ln),
    "tabs": lambda t, g: t.replace("  ", "\t"),
    "no-break-spaces": lambda t, g: t.replace(" ", "\u00a0"),
    "full-width-spaces": lambda t, g: t.replace(" ", "\u3000"),
    "full-width-alnum": lambda t, g: t.translate(_FULL_WIDTH),
    "half-width-punct": lambda t, g: t.translate(_HALF_WIDTH),
    "paragraphs-indented": _indent_openings,
    "paragraphs-indented-no-blanks": lambda t, g: _no_blanks(_indent_openings(t, g), g),
    "indent-after-blank": _indent_after_blank,
    "centred-headlines": lambda t, g: _lines(
        t, lambda ln: CENTRED_MARGIN + ln if _bare(ln) in _titles(g) else ln),
    "letter-spaced-headlines": lambda t, g: _lines(
        t, lambda ln: " ".join(_bare(ln)) if _bare(ln) in _titles(g) else ln),
}


def seed_pages() -> list[tuple[str, str, dict[str, Any]]]:
    """The seed pages with their hand-made gold (../shared/gold, else the repository's test copy)."""
    gold_dir = SHARED_GOLD if SHARED_GOLD.is_dir() else ROOT / "tests" / "data" / "gold"
    return build_model.seed_pages(gold_dir)


def transformed(name: str, text: str, gold: dict[str, Any], transform: Transform) -> SourcePage:
    """The page as the transform's extraction carries it, decoded as a page file is."""
    path = f"{name} (transformed)"
    new, encoding = decode_page(transform(text, gold).encode("utf-8"), path)
    return SourcePage(name, new, encoding)


def scores(split: Callable[[SourcePage], Any], seeds: list[tuple[str, str, dict[str, Any]]],
           transform: Transform) -> dict[str, Any]:
    gold = {name: {"items": g["items"], "furniture": g.get("furniture", [])} for name, _, g in seeds}
    pred = {name: page_records(split(transformed(name, text, g, transform)), with_tags=False)
            for name, text, g in seeds}
    result = score(gold, pred)
    return {m: result[m] for m in MEASURES} | {"pages": len(seeds)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--transforms", default=",".join(TRANSFORMS), help="transforms to score (default: all)")
    ap.add_argument("--split", default="app.core.splitter:split_page", help="MODULE:FUNCTION taking a SourcePage")
    args = ap.parse_args(argv)
    names = [n for n in args.transforms.split(",") if n]
    unknown = [n for n in names if n not in TRANSFORMS]
    if unknown:
        raise SystemExit(f"unknown transforms {unknown}; known: {', '.join(TRANSFORMS)}")
    split = load_split(args.split, None)
    seeds = seed_pages()
    if not seeds:
        raise SystemExit("no seed pages with gold found")
    print(f"split {args.split}; {len(seeds)} seed pages, each transform scored on their hand-made gold")
    header = f"{'transform':<30} " + " ".join(f"{m[:8]:>8}" for m in MEASURES)
    print(header)
    results: dict[str, Any] = {}
    for name in names:
        results[name] = scores(split, seeds, TRANSFORMS[name])
        print(f"{name:<30} " + " ".join(f"{results[name][m]:>8.3f}" for m in MEASURES))
    print(json.dumps({"transforms": results, "split": args.split}))


if __name__ == "__main__":
    main()
