"""Hand-made gold put onto its page: the aligned page model reproduces the gold, and a gold file that does not
fit its page is named in one line with the first line that does not match."""

import json
from pathlib import Path

import pytest

from app.core.alignment import AlignmentError, align_gold
from app.core.evaluation import score
from app.core.loading import load_page
from app.core.metadata import page_records
from app.core.page import Role, check_invariant

ROOT = Path(__file__).resolve().parents[2]
GOLD = sorted((ROOT / "tests" / "data" / "gold").glob("*.json"))


def _aligned(path: Path):
    g = json.loads(path.read_text(encoding="utf-8"))
    src = load_page(ROOT / "sample_data" / g["page"])
    return g, align_gold(src.name, src.text, g, path.name)


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_aligned_seed_gold_scores_perfectly_against_itself(path):
    g, page = _aligned(path)
    assert check_invariant(page) == []
    result = score({"p": g}, {"p": page_records(page, with_tags=False)})
    for key in ("article_f1", "headline_accuracy", "author_f1", "paragraph_f1", "caption_f1"):
        assert result[key] == 1.0, key
    assert result["caption_leak_rate"] == 0.0


def test_a_paragraph_across_a_column_break_and_a_caption_is_one_block():
    text = ("聚光前行\n□ 记者 王三\n企业发展需要资金支持，该行加大\n\n工作人员走访企业。\n\n投放力度，取得良好效果。\n"
            "责任编辑：李四\n")
    gold = {"items": [{"kind": "news", "title": "聚光前行", "authors": [{"name": "王三", "role": "记者"}],
                       "body": ["企业发展需要资金支持，该行加大投放力度，取得良好效果。"],
                       "captions": ["工作人员走访企业。"]}],
            "furniture": ["责任编辑：李四"]}
    page = align_gold("p.txt", text, gold)
    assert check_invariant(page) == []
    item = page.articles[0]
    [body] = item.blocks_with(Role.BODY)
    assert len(body.spans) == 2 and page.block_text(body, "") == "企业发展需要资金支持，该行加大投放力度，取得良好效果。"
    [byline] = item.blocks_with(Role.BYLINE)
    assert page.block_text(byline) == "□ 记者 王三"
    assert [page.block_text(b) for b in item.blocks_with(Role.CAPTION)] == ["工作人员走访企业。"]


def test_a_caption_glued_to_a_body_line_and_its_credit_are_found():
    text = "标题在此\n他们一起走进车间，了解生产经\n工人在车间劳作 张三 摄营情况。\n"
    gold = {"items": [{"kind": "news", "title": "标题在此", "authors": [{"name": "张三", "role": "摄影"}],
                       "body": ["他们一起走进车间，了解生产经营情况。"], "captions": ["工人在车间劳作"]}]}
    page = align_gold("p.txt", text, gold)
    assert check_invariant(page) == []
    [cap] = page.articles[0].blocks_with(Role.CAPTION)
    assert page.block_text(cap) == "工人在车间劳作 张三 摄"


def test_gold_text_missing_from_the_page_names_the_file_and_the_line():
    path = GOLD[0]
    g = json.loads(path.read_text(encoding="utf-8"))
    g["items"][0]["body"][1] = "这一段在页面上并不存在，它是编出来的。"
    src = load_page(ROOT / "sample_data" / g["page"])
    with pytest.raises(AlignmentError) as err:
        align_gold(src.name, src.text, g, path.name)
    message = str(err.value)
    assert path.name in message and "这一段在页面上并不存在" in message and "\n" not in message


def test_a_page_line_no_gold_item_explains_is_named():
    text = "标题在此\n正文第一句。\n多出来的一行文字\n"
    gold = {"items": [{"kind": "news", "title": "标题在此", "body": ["正文第一句。"]}]}
    with pytest.raises(AlignmentError, match=r"g\.json: page line 3 .*多出来的一行文字"):
        align_gold("p.txt", text, gold, "g.json")
