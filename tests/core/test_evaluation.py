"""The quality report: score_split's measures, and the kinds of fix between the automatic and edited page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import edits
from app.core.evaluation import fix_counts, format_report, gold_of, quality_report, score
from app.core.loading import load_page
from app.core.metadata import page_records
from app.core.page import Kind, Page, Role
from app.core.splitter import split_page

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def test_an_untouched_page_needs_no_fix_and_scores_perfectly(page: Page) -> None:
    assert fix_counts(page, page) == {}
    result = quality_report([(1, page, page)])
    assert result["pages"] == 1 and result["gold_articles"] == 2
    assert (result["article_precision"], result["article_recall"], result["title_accuracy"]) == (1.0, 1.0, 1.0)
    assert result["author_f1"] == 1.0 and result["fixes"] == {}


def test_split_merge_kind_relabel_fields_corrections_taken_out(page: Page) -> None:
    news, feature = page.items[0], page.items[1]
    assert fix_counts(page, edits.split_item(page, news.id, news.blocks[2].id)) == {"split": 1}
    assert fix_counts(page, edits.merge_items(page, news.id, feature.id)) == {"merge": 1}
    assert fix_counts(page, edits.set_kind(page, feature.id, Kind.NOTICE)) == {"kind": 1}
    assert fix_counts(page, edits.relabel(page, news.blocks[1].id, Role.BODY)) == {"relabel": 1}
    assert fix_counts(page, edits.set_field(page, news.id, "title", "新")) == {"field: title": 1}
    start = page.text.index("全 面")
    assert fix_counts(page, edits.correct_text(page, start, start + 3, "全面")) == {"correction": 1}
    assert fix_counts(page, edits.delete_item(page, page.items[2].id)) == {"taken out": 1}


def test_a_small_piece_moved_to_another_item_is_moved_text(make_page) -> None:
    long_body = "这一段很长，" * 30
    page = make_page([(Kind.NEWS, [(Role.TITLE, "标题一"), (Role.BODY, long_body), (Role.BODY, "短句。")]),
                      (Kind.NEWS, [(Role.TITLE, "标题二"), (Role.BODY, long_body.replace("这", "那"))])])
    moved = edits.move_blocks(page, [page.items[0].blocks[2].id], page.items[1].id)
    assert fix_counts(page, moved) == {"moved text": 1}


def test_the_report_scores_the_auto_split_against_the_editor(page: Page) -> None:
    news, feature = page.items[0], page.items[1]
    edited = edits.set_field(edits.merge_items(page, news.id, feature.id), news.id, "title", "合并后的标题")
    result = quality_report([(7, page, edited)])
    assert result["gold_articles"] == 1 and result["pred_items"] == 2
    assert result["article_recall"] < 1.0 and result["title_accuracy"] == 0.0
    assert result["fixes"] == {"merge": 1, "field: title": 1}
    text = format_report(result)
    assert "Articles recovered: recall" in text and "Items merged" in text and "Title set by hand" in text
    assert text.startswith("1 page(s) marked done")


def test_the_readable_report_says_every_row_in_words_never_a_key_or_a_repr(page: Page) -> None:
    news, feature = page.items[0], page.items[1]
    edited = edits.merge_items(page, news.id, feature.id)
    edited = edits.set_field(edited, news.id, "tags", ["新", "标签"])
    edited = edits.set_field(edited, news.id, "authors", [{"name": "张三", "role": "记者"}])
    result = quality_report([(1, page, edited)])
    result["learning"] = {"model": 3, "trained": "2026-11-27 01:00", "pages": 12, "used": True,
                          "curve": [{"pages": 0, "article_f1": 0.5, "headline_accuracy": 0.25, "author_f1": 1.0,
                                     "paragraph_f1": 0.75}]}
    text = format_report(result)
    rows = text.splitlines()
    assert "field: tags" in result["fixes"] and "caption_leak_rate" in result
    assert not any(mark in text for mark in ("{", "[", "_", "field:"))  # no key, dict, list or repr
    assert "Tags set by hand" in text and "Authors set by hand" in text and "Items merged" in text
    assert "  Articles recovered: F1" in text and "  Captions leaked into body text" in text
    assert "(2026-11-27 01:00, 12 page(s), in use)" in text
    assert rows[-1].split() == ["0", "0.500", "0.250", "1.000", "0.750"]


def test_an_empty_report_says_so() -> None:
    assert format_report(quality_report([])) == "No page is marked done yet: nothing to compare."


def test_gold_of_puts_furniture_apart(page: Page) -> None:
    gold = gold_of(page_records(page, with_tags=False))
    assert [it["kind"] for it in gold["items"]] == ["news", "feature"]
    assert gold["furniture"] == ["责任编辑：成青"]


TOOL = SHARED / "tools" / "score_split.py"


@pytest.mark.skipif(not TOOL.exists(), reason="the shared scoring tool is not on this machine")
def test_measures_equal_the_shared_score_split_tool(tmp_path: Path) -> None:
    gold_dir = SHARED / "gold"
    gold, pred = {}, {}
    lines = []
    for g in sorted(gold_dir.glob("*.json")):
        gold[g.stem] = json.loads(g.read_text(encoding="utf-8"))
        page = split_page(load_page(ROOT / "sample_data" / (g.stem + ".txt")))
        pred[g.stem] = page_records(page, with_tags=False)
        lines += [json.dumps(r, ensure_ascii=False) for r in pred[g.stem]]
    assert gold
    preds = tmp_path / "pred.jsonl"
    preds.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(TOOL), str(gold_dir), str(preds), "--json"],
                         capture_output=True, text=True, check=True).stdout
    assert score(gold, pred) == json.loads(out)
