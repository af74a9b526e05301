"""Failure 8: every pass of the split takes time in proportion to the page (linear), so a 60,000-line page
splits in seconds. A pass that rescans a growing string or list (the old `join_lines` searched the whole
paragraph joined so far for each new line) would take many minutes here and make this suite unbearable;
the timing itself is a benchmark (benchmarks/long_page_bench.py, 200,000 lines), never an assertion."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from long_page_bench import COLUMN, long_page  # noqa: E402

from app.core.loading import SourcePage  # noqa: E402
from app.core.metadata import page_records  # noqa: E402
from app.core.page import check_invariant  # noqa: E402
from app.core.reflow import clean_paragraph, join_lines  # noqa: E402
from app.core.splitter import split_page  # noqa: E402

LINES = 60_000


def test_a_60000_line_page_splits_whole() -> None:
    text = long_page(LINES)
    assert text.count("\n") == LINES
    page = split_page(SourcePage("long.txt", text, "utf-8"))
    assert check_invariant(page) == []
    records = page_records(page, with_tags=False)  # tags are jieba's time, measured by the benchmark
    longest = max((p for rec in records for p in rec["body"]), key=len)
    assert len(longest) >= 0.9 * (LINES // 2) * COLUMN  # the half-page paragraph, joined into one
    assert "\n" not in longest and longest.endswith("。") and longest.count("。") == 1


def test_joining_200000_wrapped_lines() -> None:
    latin = [f"word{i} and" for i in range(200_000)]
    joined = join_lines(latin)
    assert joined.startswith("word0 and word1 and") and joined.count(" ") == 2 * 200_000 - 1
    chinese = ["会议强调要进一步加强基层治理", "能力建设。"] * 100_000
    assert clean_paragraph(chinese) == "会议强调要进一步加强基层治理能力建设。" * 100_000
