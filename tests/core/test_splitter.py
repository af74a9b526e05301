"""The automatic split on the sample pages, scored against the hand-made gold splits, and on layout variants."""

import json
import re
from pathlib import Path

import pytest

from app.core.evaluation import score
from app.core.layout import HEAD, PARA, line_units, read_lines
from app.core.loading import load_page
from app.core.metadata import page_records
from app.core.page import Kind, Role, check_invariant
from app.core.splitter import dashed_kickers, split_page
from tests.madeup import WRAPPED

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))
GOLD_DIR = ROOT / "tests" / "data" / "gold"


def gold() -> dict:
    out = {}
    for f in sorted(GOLD_DIR.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        out[Path(g["page"]).stem] = g
    return out


@pytest.fixture(scope="module")
def predictions() -> dict:
    pred = {}
    for path in SAMPLES:
        pred[path.stem] = page_records(split_page(load_page(path)))
    return pred


def test_the_split_meets_the_targets_on_the_gold_pages(predictions):
    result = score(gold(), predictions)
    assert result["article_f1"] >= 0.95
    assert result["headline_accuracy"] >= 0.95
    assert result["author_f1"] >= 0.95
    assert result["caption_leak_rate"] <= 0.05
    assert result["stray_break_rate"] <= 0.02


def test_records_have_the_contract_shape(predictions):
    keys = ["page", "index", "kind", "section", "kicker", "title", "subtitle", "authors", "subheads", "body",
            "captions", "tags", "spans"]
    for records in predictions.values():
        assert [r["index"] for r in records] == list(range(len(records)))
        for r in records:
            assert list(r) == keys
            assert r["kind"] in {"news", "feature", "notice", "ad", "furniture"}
            assert all(isinstance(p, str) and "\n" not in p for p in r["body"])
            if r["kind"] not in ("furniture", "ad"):
                assert 5 <= len(r["tags"]) <= 8, r["title"]
        starts = [r["spans"][0][0] for r in records]
        assert starts == sorted(starts)  # page order


def test_a_long_feature_with_subheads_stays_one_item(predictions):
    features = [r for recs in predictions.values() for r in recs if r["kind"] == "feature"]
    assert features and all(len(r["subheads"]) >= 3 for r in features)


def test_headlines_printed_after_their_bodies_are_reattached(predictions):
    # on a page set body-first, each 本报讯 article still gets the headline printed below it
    page = next(recs for recs in predictions.values()
                if sum(1 for r in recs if r["body"] and r["body"][0].startswith("本报讯")) >= 4)
    for r in page:
        if r["body"] and r["body"][0].startswith("本报讯"):
            assert r["title"] and r["authors"]


def test_captions_and_bylines_never_reach_the_body(predictions):
    for recs in predictions.values():
        for r in recs:
            body = "".join(r["body"])
            for c in r["captions"]:
                assert c not in body
            assert "□" not in body


def test_ads_and_furniture_are_set_apart():
    page = split_page(load_page(next(p for p in SAMPLES if "兴业银行" in p.read_text(encoding="utf-8"))))
    kinds = [it.kind for it in page.items]
    assert kinds.count(Kind.AD) >= 1
    furniture = [page.block_text(b) for it in page.items if it.kind is Kind.FURNITURE for b in it.blocks]
    assert any("责任编辑" in t for t in furniture)


def variants(text: str) -> dict[str, str]:
    return {
        "crlf": text.replace("\n", "\r\n"),
        "cr": text.replace("\n", "\r"),
        "no blank lines": re.sub(r"\n\s*\n+", "\n", text),
        "blank between every line": text.replace("\n", "\n\n"),
        "tabs and full-width spaces": text.replace(" ", "\u3000"),
    }


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem[:3])
def test_layout_variants_keep_the_invariant(path):
    text = path.read_text(encoding="utf-8")
    for name, variant in variants(text).items():
        page = split_page((path.name, variant))
        assert check_invariant(page) == [], name
        covered = [0] * len(variant)
        for rec in page_records(page, with_tags=False):
            for s, e in rec["spans"]:
                for i in range(s, e):
                    covered[i] += 1
        assert all(covered[i] == 1 for i, c in enumerate(variant) if not c.isspace()), name


def test_crlf_gives_the_same_items(predictions):
    path = SAMPLES[0]
    crlf = split_page((path.name, path.read_text(encoding="utf-8").replace("\n", "\r\n")))
    plain = predictions[path.stem]
    again = page_records(crlf)
    assert [(r["kind"], r["title"], r["body"]) for r in again] == [(r["kind"], r["title"], r["body"]) for r in plain]


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\u2002"], ids=["no-break", "full-width", "en"])
def test_other_space_characters_read_as_spaces(predictions, space):
    # text taken from a web page carries &nbsp; where the print had a space (between two names of a byline, a
    # headline's two phrases): the same items, the same records, and no such character left in them
    fields = ("kind", "section", "kicker", "title", "subtitle", "authors", "subheads", "body", "captions")
    for path in SAMPLES:
        text = path.read_text(encoding="utf-8-sig")
        records = page_records(split_page((path.name, text.replace(" ", space))))
        assert [[r[k] for k in fields] for r in records] == [[r[k] for k in fields] for r in predictions[path.stem]]
        assert space not in json.dumps(records, ensure_ascii=False)


def test_full_width_digits_and_letters_read_as_ascii(predictions):
    # an OCR or a font that gives ２０２０年 and ＢＡＮＫ ＯＦ ＣＨＩＮＡ: the same items (an ad still an ad)
    full = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F) if chr(c).isalnum()})
    for path in SAMPLES:
        records = page_records(split_page((path.name, path.read_text(encoding="utf-8-sig").translate(full))))
        assert [(r["kind"], r["title"].translate(full), len(r["authors"])) for r in records] == [
            (r["kind"], r["title"].translate(full), len(r["authors"])) for r in predictions[path.stem]]


def test_an_extraction_that_doubles_every_gap_reads_as_the_print(predictions):
    # one blank line more wherever the page has any: the gaps are counted in the page's smallest one
    fields = ("kind", "title", "authors", "subheads", "body", "captions")
    for path in SAMPLES:
        text = re.sub(r"\n(?=\n)", "\n\n", path.read_text(encoding="utf-8-sig"))
        records = page_records(split_page((path.name, text)))
        assert [[r[k] for k in fields] for r in records] == [[r[k] for k in fields] for r in predictions[path.stem]]


def test_one_paragraph_per_line_page():
    text = "\n".join([
        "本地新闻",
        "",
        "城区新建三座口袋公园",
        "本报讯（记者张明 通讯员李华）近日，城区新建的三座口袋公园正式向市民开放。",
        "公园占地约两千平方米，设有步道、座椅和儿童游乐设施。",
        "",
        "市图书馆延长开放时间",
        "本报讯（记者王芳）从下月起，市图书馆每天开放至晚上九点。",
        "",
        "责任编辑：赵强",
    ])
    page = split_page(("p.txt", text))
    recs = [r for r in page_records(page) if r["kind"] != "furniture"]
    assert [r["title"] for r in recs] == ["城区新建三座口袋公园", "市图书馆延长开放时间"]
    assert recs[0]["authors"] == [{"name": "张明", "role": "记者"}, {"name": "李华", "role": "通讯员"}]
    assert len(recs[0]["body"]) == 2
    assert any(b.role is Role.FURNITURE for it in page.items for b in it.blocks)


def test_short_news_under_plain_one_line_headlines_are_separate_items():
    text = "\n".join([
        "城区新建三座口袋公园", "",
        "近日，城区新建的三座口袋公园正式向市民开放。公园占地约两千平方米，设有步道、座椅和儿童游乐设施。", "",
        "附近居民表示，下班后终于有了散步的好去处。", "",
        "市图书馆延长开放时间", "",
        "从下月起，市图书馆每天开放至晚上九点。图书馆负责人说，此举是为了方便上班族借阅。", "",
        "暑期少儿阅读活动启动", "",
        "今年暑期，市少儿图书馆推出二十多场阅读活动。活动免费参加，家长可通过公众号预约。", "",
    ])
    recs = page_records(split_page(("short.txt", text)))
    assert [(r["title"], len(r["body"]), r["subheads"]) for r in recs] == [
        ("城区新建三座口袋公园", 2, []), ("市图书馆延长开放时间", 1, []), ("暑期少儿阅读活动启动", 1, [])]


def test_a_feature_under_a_full_headline_keeps_its_subheads():
    body = "这是正文的一句话，讲述了发生的事情和它的来龙去脉。还有第二句话，补充了更多细节。"
    text = "\n".join([
        "情系民生 守护健康", "——某市卫生工作侧记", "", "张三 李四", "",
        body, "", "基层服务更贴心", "", body, "", "数字赋能见成效", "", body, "",
    ])
    recs = [r for r in page_records(split_page(("feature.txt", text))) if r["kind"] != "furniture"]
    assert len(recs) == 1
    assert recs[0]["kind"] == "feature"
    assert recs[0]["subheads"] == ["基层服务更贴心", "数字赋能见成效"]
    assert recs[0]["authors"] == [{"name": "张三", "role": "作者"}, {"name": "李四", "role": "作者"}]


@pytest.mark.parametrize("subhead", [["基层服务更", "贴心"], ["深化“服务", "贴心”工程"], ["数字技术指导施肥、", "灌溉和种植"],
                                     ["对孩子", "做好家庭教育"]])
def test_a_subhead_wrapped_over_two_lines_is_one_subhead(subhead):
    # the break cuts a word (更贴 / 心), leaves a quote open, ends on a pause, or nothing tells: two subhead lines
    # in one block of lines standing apart are one subhead
    body = "这是正文的一句话，讲述了发生的事情和它的来龙去脉。还有第二句话，补充了更多细节。"
    text = "\n".join([
        "情系民生 守护健康", "——某市卫生工作侧记", "", "张三 李四", "",
        body, "", *subhead, "", body, "", "数字赋能见成效", "", body, "",
    ])
    page = split_page(("feature.txt", text))
    check_invariant(page)
    recs = [r for r in page_records(page) if r["kind"] != "furniture"]
    assert len(recs) == 1
    assert recs[0]["subheads"] == ["".join(subhead), "数字赋能见成效"]


def test_a_documents_numbered_chapters_are_its_subheads_not_new_items():
    # a regulation printed in full: 第二章 carries on the numbering 第一章 began, so it is a subhead of that text
    # even where its block could be a headline of its own (two lines, the second opening on 和, a surname too)
    clause = "第{}条 为了规范本市物业服务活动，维护业主和物业服务企业的合法权益，根据有关法律法规，制定本办法。"
    text = "\n".join([
        "某市物业管理办法", "", "本报记者 王小明", "",
        "近日，市政府办公厅印发了《某市物业管理办法》，要求各区各部门认真遵照执行。办法全文如下。", "",
        "第一章 总 则", "", clause.format("一"), "", clause.format("二"), "",
        "第二章 物业服务的收费", "和管理", "", clause.format("三"), "", clause.format("四"), "",
        "第三章 附 则", "", clause.format("五"), "",
    ])
    page = split_page(("rules.txt", text))
    check_invariant(page)
    recs = [r for r in page_records(page) if r["kind"] != "furniture"]
    assert [r["title"] for r in recs] == ["某市物业管理办法"]
    assert recs[0]["subheads"] == ["第一章 总 则", "第二章 物业服务的收费和管理", "第三章 附 则"]
    assert recs[0]["authors"] == [{"name": "王小明", "role": "记者"}]


def test_a_kicker_ending_on_a_dash_is_a_heading_though_it_reads_like_text():
    # a kicker wrapped over two lines (its commas and width made it read as a paragraph) right over its title:
    # a dash leads into the line under it, and text never runs on into a heading
    body = ["回首过去一年，各地各部门认真落实党中央部署要求，采取有力措施稳就业，取得了显著成效，就业形势保持总体稳定。",
            "就业是最大的民生工程、民心工程、根基工程，是社会稳定的重要保障，必须抓紧抓实抓好。"]
    kicker = ["去年我国城镇新增就业1361万人，连续第六年超过1", "300万人——"]
    text = "\n".join(["数字看“六稳”", *kicker, "措施有力就业稳", "", "本报记者 王小明", "", *body, ""])
    units = line_units(read_lines(text))
    assert [u.kind for u in units[:3]] == [HEAD, HEAD, HEAD]  # (the lines read it: layout.dashed_kicker)
    assert units[1].text == "".join(kicker)
    assert [u.kind for u in dashed_kickers(units)[:3]] == [HEAD, HEAD, HEAD]
    page = split_page(("p.txt", text))
    check_invariant(page)
    recs = [r for r in page_records(page) if r["kind"] != "furniture"]
    assert [(r["kicker"], r["title"]) for r in recs] == [("".join(kicker), "措施有力就业稳")]
    # over a quotation closing a statement (…攻坚克难—— / “我志愿加入…纲领……”), the paragraph stays text
    quoted = text.replace("措施有力就业稳", "“我志愿加入中国共产党，拥护党的纲领……”")
    assert [u.kind for u in dashed_kickers(line_units(read_lines(quoted)))][1] == PARA
    # ... and so does one with a blank line under it, or one of three lines or more
    apart = text.replace("300万人——\n", "300万人——\n\n")
    assert [u.kind for u in dashed_kickers(line_units(read_lines(apart)))][1] == PARA


@pytest.mark.parametrize("chapter", [["第三章 附 则", "（试行）"], ["第三章", "附 则"]])
def test_a_chapter_on_another_topic_is_still_a_subhead_of_the_document(chapter):
    # two heading lines over text that shares few words with the chapters before: a headline by its layout, but
    # 第三章 carries on the numbering that 第一章, a heading earlier in the same text, began
    clause = "第{}条 为了规范本市物业服务活动，维护业主和物业服务企业的合法权益，根据有关法律法规，制定本办法。"
    last = "第{}条 本办法由市住房城乡建设局负责解释，自二〇二〇年三月一日起施行，原有规定同时废止。"
    text = "\n".join([
        "某市物业管理办法", "", "本报记者 王小明", "",
        "近日，市政府办公厅印发了《某市物业管理办法》，要求各区各部门认真遵照执行。办法全文如下。", "",
        "第一章 总 则", "", clause.format("一"), "", clause.format("二"), "",
        *chapter, "", last.format("三"), "", last.format("四"), "",
    ])
    recs = [r for r in page_records(split_page(("rules.txt", text))) if r["kind"] != "furniture"]
    assert [(r["title"], r["subheads"]) for r in recs] == [("某市物业管理办法", ["第一章 总 则", "".join(chapter)])]


def test_a_subhead_wrapped_over_two_lines_of_a_double_spaced_page_is_one_subhead():
    # a blank line after every printed line: the two lines are still one block of lines, one subhead
    rows = ["情系民生 守护健康", "——某市卫生工作侧记", "张三 李四", *WRAPPED, "对孩子", "做好家庭教育", *WRAPPED,
            "数字赋能见成效", *WRAPPED]
    recs = [r for r in page_records(split_page(("feature.txt", "\n\n".join(rows) + "\n"))) if r["kind"] != "furniture"]
    assert len(recs) == 1
    assert recs[0]["subheads"] == ["对孩子做好家庭教育", "数字赋能见成效"]


def test_a_paragraph_ending_after_a_column_break_with_an_exclamation_is_not_a_heading():
    text = "\n".join([
        "城区公园开放", "",
        "本报讯（记者张明）近日，城区新建的口袋公园正式开放，", "市民纷纷前来游玩，大家都说这是", "",
        "办到了心坎上！", "",
    ])
    recs = [r for r in page_records(split_page(("x.txt", text))) if r["kind"] != "furniture"]
    assert len(recs) == 1 and recs[0]["body"][-1].endswith("办到了心坎上！")


def test_a_spaced_photo_credit_is_read_before_stray_spaces_go():
    text = "城区公园开放\n\n本报讯（记者张明）近日，城区新建的口袋公园正式开放。市民纷纷前来游玩。\n\n图为现场 李四 摄\n"
    rec = next(r for r in page_records(split_page(("x.txt", text))) if r["kind"] == "news")
    assert rec["captions"] == ["图为现场"]
    assert rec["authors"] == [{"name": "张明", "role": "记者"}, {"name": "李四", "role": "摄影"}]


def test_short_news_with_headlines_printed_below_their_text():
    text = "\n".join([
        "近日，城区新建的三座口袋公园正式向市民开放。公园占地约两千平方米，设有步道、座椅和儿童游乐设施。", "",
        "附近居民表示，下班后终于有了散步的好去处。", "",
        "城区新建三座口袋公园", "",
        "从下月起，市图书馆每天开放至晚上九点。图书馆负责人说，此举是为了方便上班族借阅。", "",
        "市图书馆延长开放时间", "",
        "今年暑期，市少儿图书馆推出二十多场阅读活动。活动免费参加，家长可通过公众号预约。", "",
        "暑期少儿阅读活动启动", "",
    ])
    recs = page_records(split_page(("below.txt", text)))
    assert [(r["title"], len(r["body"]), r["body"][0][:4]) for r in recs] == [
        ("城区新建三座口袋公园", 2, "近日，城"), ("市图书馆延长开放时间", 1, "从下月起"), ("暑期少儿阅读活动启动", 1, "今年暑期")]


def test_a_hard_wrapped_page_with_headlines_first_a_small_ad_and_credits():
    path = ROOT / "tests" / "data" / "pages" / "forward_wrapped.txt"
    page = split_page(load_page(path))
    assert check_invariant(page) == []
    recs = page_records(page)
    arts = [r for r in recs if r["kind"] in ("news", "feature")]
    # (a line over the title that its article's opening does not name is its column's label: the section)
    assert [(r["section"], r["kicker"], r["title"], r["subtitle"]) for r in arts] == [
        ("聚焦高质量发展", "", "我市一季度经济运行稳中向好", "——规上工业增加值同比增长8.2%"),
        ("", "", "老旧小区改造惠及三万户居民", ""),
        ("", "", "第十届读书节开幕", ""),
    ]
    assert arts[0]["authors"] == [{"name": "陈晓", "role": "记者"}, {"name": "刘洋", "role": "通讯员"},
                                  {"name": "张伟", "role": "摄影"}]
    assert arts[0]["captions"] == ["新建的产业园区一角。"]
    assert arts[0]["body"][0].startswith("本报讯（记者陈晓 通讯员刘洋）记者从市统计局获悉")
    assert [r["title"] for r in recs if r["kind"] == "ad"] == ["专业家电维修"]
    furniture = [r["body"][0] for r in recs if r["kind"] == "furniture"]
    assert "责任编辑 周强 美术编辑 孙丽" in furniture
    assert all("电话" not in "".join(r["body"]) for r in arts)


def test_a_page_read_backward_with_a_notice_read_forward():
    page = split_page(load_page(ROOT / "tests" / "data" / "pages" / "backward_lines_notice.txt"))
    assert check_invariant(page) == []
    recs = [r for r in page_records(page) if r["kind"] != "furniture"]
    assert [(r["kind"], r["kicker"], r["title"]) for r in recs] == [
        ("news", "", "全省春耕生产现场会在我市召开"),
        ("news", "市人民医院", "牵手北京三甲医院"),
        ("notice", "", "更名公告"),
    ]
    assert recs[1]["authors"] == [{"name": "吴静", "role": "通讯员"}]
    assert recs[2]["body"][-2:] == ["荆州市某某科技有限公司", "2024年5月20日"]
    assert "特此公告。" in recs[2]["body"]


def test_a_feature_under_a_plain_headline_keeps_a_subhead_whose_text_carries_on_the_topic():
    # no byline, no fuller headline: only the words of the text around the heading tell a subhead
    text = "\n".join([
        "乡村图书室里的寒假", "",
        "寒假里，村里的图书室成了孩子们最爱去的地方。图书室里摆满了新书，孩子们在这里读书、写作业。", "",
        "志愿者陪孩子读书", "",
        "每天下午，大学生志愿者来到村里的图书室，陪孩子们读书，给他们讲书里的故事。孩子们说，寒假过得很充实。", "",
        "春运返程客流高峰到来", "",
        "铁路部门预计，今天起将迎来春运返程客流高峰，车站增开临时列车。旅客可提前在网上购票，错峰出行。", "",
    ])
    recs = [r for r in page_records(split_page(("topic.txt", text))) if r["kind"] != "furniture"]
    assert [(r["title"], r["subheads"]) for r in recs] == [
        ("乡村图书室里的寒假", ["志愿者陪孩子读书"]), ("春运返程客流高峰到来", [])]


def test_a_closing_byline_on_its_own_line_stays_with_the_article_above():
    text = "\n".join([
        "城区新建三座口袋公园", "",
        "近日，城区新建的三座口袋公园正式向市民开放。公园占地约两千平方米，设有步道、座椅和儿童游乐设施。",
        "（记者 王三 通讯员 李四）", "",
        "市图书馆延长开放时间", "",
        "从下月起，市图书馆每天开放至晚上九点。图书馆负责人说，此举是为了方便上班族借阅。", "",
    ])
    recs = page_records(split_page(("closing.txt", text)))
    assert [(r["title"], r["authors"], len(r["body"])) for r in recs] == [
        ("城区新建三座口袋公园", [{"name": "王三", "role": "记者"}, {"name": "李四", "role": "通讯员"}], 1),
        ("市图书馆延长开放时间", [], 1)]


def test_a_wrapped_headline_keeps_its_short_last_line_and_a_series_subtitle():
    wrapped = ["近日，城区新建的三座口袋公园正式向", "市民开放。公园占地约两千平方米，设", "有步道、座椅和儿童游乐设施，附近居",
               "民表示，下班后终于有了散步的好去处。"]
    # (the second article's text is another's: the same text under a heading block would carry the first on)
    other = ["电视剧《回家》讲述了一个家庭三代人的", "故事，播出后收视率在同时段排名第一，", "观众纷纷在网上留言。"]
    text = "\n".join(["深化改革开放", "——把握重要战略机遇述评之三", "", *wrapped, "",
                      "电视剧《回家》在央视综合频道傍晚", "首播", "", *other, ""])
    recs = [r for r in page_records(split_page(("wrapped.txt", text))) if r["kind"] != "furniture"]
    assert [(r["section"], r["title"], r["subtitle"]) for r in recs] == [
        ("", "深化改革开放", "——把握重要战略机遇述评之三"), ("", "电视剧《回家》在央视综合频道傍晚首播", "")]


def test_a_title_wrapped_over_three_lines_is_one_title():
    body = "\n".join(["近日，城区新建的三座口袋公园正式向", "市民开放。公园占地约两千平方米，设", "有步道、座椅和儿童游乐设施，附近居",
                      "民表示，下班后终于有了散步的好去处。"])
    text = "\n".join(["奋力开创治蜀兴川新局面（在习近平新", "时代中国特色社会主义思想指引下——新", "时代新作为新篇章）", "",
                      body, ""])
    recs = [r for r in page_records(split_page(("title3.txt", text))) if r["kind"] != "furniture"]
    assert [(r["section"], r["kicker"], r["title"]) for r in recs] == [
        ("", "", "奋力开创治蜀兴川新局面（在习近平新时代中国特色社会主义思想指引下——新时代新作为新篇章）")]


def test_headlines_after_their_bodies_head_a_text_they_name_even_without_a_dispatch():
    text = "\n".join([
        "寒假里，村里的图书室成了孩子们最爱去的地方，孩子们在这里读书、写作业。", "",
        "乡村图书室里的寒假", "",
        "铁路部门预计，今天起将迎来春运返程客流高峰，车站增开临时列车。", "",
        "春运返程客流高峰到来", "",
        "市图书馆从下月起每天开放至晚上九点，方便上班族借阅。图书馆还将增设自习座位。", "",
        "图书馆延长开放时间", "",
    ])
    recs = [r for r in page_records(split_page(("after.txt", text))) if r["kind"] != "furniture"]
    assert [(r["title"], r["body"][0][:4]) for r in recs] == [
        ("乡村图书室里的寒假", "寒假里，"), ("春运返程客流高峰到来", "铁路部门"), ("图书馆延长开放时间", "市图书馆")]


def test_a_labelled_author_line_a_source_line_and_a_paper_name_at_the_page_end():
    body = "又是一年清明时，我站在父亲的墓前，想起他生前的点点滴滴，心中满是思念。他一生勤劳节俭，把最好的都留给了我们。"
    text = "\n".join(["清明寄思", "", "寄思人：张伟", "", body, "", "据中国之声", "", "江西晚报", ""])
    recs = page_records(split_page(("labelled.txt", text)))
    assert [(r["kind"], r["title"], r["authors"], r["body"]) for r in recs] == [
        ("news", "清明寄思", [{"name": "张伟", "role": "作者"}], [body, "据中国之声"]),
        ("furniture", "", [], ["江西晚报"])]


def test_a_long_kicker_over_a_shorter_title_is_no_wrapped_title():
    # two long headline lines: the first is a kicker of its own when the break cuts no word
    body = "\n".join(["近日，城区新建的三座口袋公园正式向", "市民开放。公园占地约两千平方米，设", "有步道、座椅和儿童游乐设施，附近居",
                      "民表示，下班后终于有了散步的好去处。"])
    text = "\n".join(["城区新建三座口袋公园正式向市民开放", "市民散步有了好去处", "", body, ""])
    recs = [r for r in page_records(split_page(("kicker.txt", text))) if r["kind"] != "furniture"]
    assert [(r["kicker"], r["title"]) for r in recs] == [("城区新建三座口袋公园正式向市民开放", "市民散步有了好去处")]


@pytest.mark.parametrize("heads, expected", [
    # a break inside a word (发 / 展), two short lines: one title
    (["09 生态", "继续为实现今年经济社会发", "展目标任务而努力（人民要", "论）"],
     ("", "继续为实现今年经济社会发展目标任务而努力（人民要论）")),
    # two lines filling one measure, the break between words: one title wrapped
    (["国务院关税税则委员会发布公告调整", "对原产于美国的部分进口商品加征关", "税措施"],
     ("", "国务院关税税则委员会发布公告调整对原产于美国的部分进口商品加征关税措施")),
    # a kicker closing with its dash is a kicker, however wide
    (["广西对口支援湖北十堰——", "直达冷链专列持续北向开行"], ("广西对口支援湖北十堰——", "直达冷链专列持续北向开行")),
    # a short kicker over a title, the break between words
    (["各级财政", "疫情防控经费投入超千亿元"], ("各级财政", "疫情防控经费投入超千亿元")),
    # three headings: the one ending as a kicker ends leads into the title, whatever the lines under it
    (["转岗就业、多方扶持，重庆——", "渔民退捕上岸", "生活很有奔头（小康路上·绿色力量）"],
     ("转岗就业、多方扶持，重庆——", "渔民退捕上岸生活很有奔头（小康路上·绿色力量）")),
    # ... and a title in two parallel halves under its kicker
    (["海南“五级书记”齐上阵", "一手抓防控", "一手抓发展"], ("海南“五级书记”齐上阵", "一手抓防控一手抓发展")),
    # a banner over the kicker stays the item's (its section)
    (["来自疫情防控一线的报道", "武汉常青街道建应急队——", "服务精心 居民安心"], ("武汉常青街道建应急队——", "服务精心 居民安心")),
])
def test_a_wrapped_title_against_a_kicker_over_its_title(heads, expected):
    body = "\n".join(["近日，城区新建的三座口袋公园正式向", "市民开放。公园占地约两千平方米，设", "有步道、座椅和儿童游乐设施，附近居",
                      "民表示，下班后终于有了散步的好去处。"])
    page = split_page(("wrap.txt", "\n".join([*heads, "", body, ""])))
    assert check_invariant(page) == []
    recs = page_records(page)
    assert [(r["kicker"], r["title"]) for r in recs if r["kind"] != "furniture"] == [expected]
    page_label = ["09 生态"] if heads[0] == "09 生态" else []  # a page's code and name is furniture
    assert [r["body"][0] for r in recs if r["kind"] == "furniture"] == page_label


def test_a_column_label_over_a_title_is_the_items_section_and_a_page_label_apart_is_furniture():
    park = "\n".join(["本报讯 近日，城区新建的三座口袋公园", "正式向市民开放。公园占地约两千平方米，",
                      "设有步道、座椅和儿童游乐设施。"])
    relics = "\n".join(["本报讯 一批流失海外的文物日前回到", "祖国，将在省博物馆展出。专家表示，这", "批文物的回归意义重大。"])
    clinic = "\n".join(["本报讯 市人民医院与北京一家三甲医", "院签约，共建远程会诊中心，患者在家门", "口就能看上专家门诊。"])
    text = "\n".join(["要闻", "", "人民论坛", "自觉堵住思想上的“病变”", "", park, "", "新语", "山水迢迢挡不住文物回家", "",
                      relics, "", "市人民医院", "牵手北京三甲医院", "", clinic, ""])
    recs = page_records(split_page(("labels.txt", text)))
    assert [(r["kind"], r["section"], r["kicker"], r["title"]) for r in recs] == [
        ("furniture", "", "", ""), ("news", "人民论坛", "", "自觉堵住思想上的“病变”"),
        ("news", "新语", "", "山水迢迢挡不住文物回家"), ("news", "", "市人民医院", "牵手北京三甲医院")]
    assert recs[0]["body"] == ["要闻"]


def test_a_column_label_in_brackets_on_its_own_line_closes_the_title():
    body = "\n".join(["近日，城区新建的三座口袋公园正式向", "市民开放。公园占地约两千平方米，设", "有步道、座椅和儿童游乐设施，附近居",
                      "民表示，下班后终于有了散步的好去处。"])
    text = "\n".join(["为疫情防控提供有力法治保障", "（新论）", "", body, "", "山水迢迢，挡不住文物回家", "（新语）",
                      "□ 记者 王贤 通讯员 崔 佳", body, ""])
    recs = [r for r in page_records(split_page(("label.txt", text))) if r["kind"] != "furniture"]
    assert [(r["title"], r["body"][0][:4]) for r in recs] == [
        ("为疫情防控提供有力法治保障（新论）", "近日，城"), ("山水迢迢，挡不住文物回家（新语）", "近日，城")]


def test_a_label_a_page_prints_twice_or_closes_a_title_with_is_the_items_section_not_its_kicker():
    park = "\n".join(["本报讯 近日，城区新建的三座口袋公园", "正式向市民开放。公园占地约两千平方米，",
                      "设有步道、座椅和儿童游乐设施。"])
    relics = "\n".join(["本报讯 一批流失海外的文物日前回到", "祖国，将在省博物馆展出。专家表示，这", "批文物的回归意义重大。"])
    clinic = "\n".join(["本报讯 市人民医院与北京一家三甲医", "院签约，共建远程会诊中心，患者在家门", "口就能看上专家门诊。"])
    label = "统筹抓好改革发展稳定各项工作"
    text = "\n".join([label, "口袋公园开放迎客", "", park, "", label, "文物回家展出", "", relics, "",
                      "医院签约共建会诊中心", "", clinic, ""])
    recs = [r for r in page_records(split_page(("labels2.txt", text))) if r["kind"] != "furniture"]
    assert [(r["section"], r["kicker"], r["title"]) for r in recs] == [
        (label, "", "口袋公园开放迎客"), (label, "", "文物回家展出"), ("", "", "医院签约共建会诊中心")]
    # printed once, and as the column's name closing another title on the page
    text = "\n".join([label, "口袋公园开放迎客", "", park, "", f"文物回家展出（{label}）", "", relics, ""])
    recs = [r for r in page_records(split_page(("labels3.txt", text))) if r["kind"] != "furniture"]
    assert [(r["section"], r["kicker"], r["title"]) for r in recs] == [
        (label, "", "口袋公园开放迎客"), ("", "", f"文物回家展出（{label}）")]
    # a kicker printed once over its title stays its kicker where the article's opening names it
    kicker = "城区新建三座口袋公园"
    text = "\n".join([kicker, "口袋公园开放迎客", "", park, "", "文物回家展出", "", relics, ""])
    recs = [r for r in page_records(split_page(("labels4.txt", text))) if r["kind"] != "furniture"]
    assert (recs[0]["section"], recs[0]["kicker"]) == ("", kicker)


@pytest.mark.parametrize("over, section, kicker", [
    # one phrase whose words the opening does not name, over a title it names: the column's label
    ("统筹抓好改革发展稳定各项工作", "统筹抓好改革发展稳定各项工作", ""),
    # two phrases are a kicker's form, named or not (as a city paper prints its kickers)
    ("绷紧防疫弦 织密健康网", "", "绷紧防疫弦 织密健康网"),
    # a line shaped as a label whose words the opening names all the same: a kicker
    ("城区口袋公园", "", "城区口袋公园"),
    # a column's name shaped as one stays the section, named or not
    ("人民论坛", "人民论坛", ""),
])
def test_a_line_over_a_title_is_a_kicker_where_the_articles_opening_names_it(over, section, kicker):
    park = "\n".join(["本报讯 近日，城区新建的三座口袋公园", "正式向市民开放。公园占地约两千平方米，",
                      "设有步道、座椅和儿童游乐设施。"])
    recs = [r for r in page_records(split_page(("over.txt", "\n".join([over, "口袋公园开放迎客", "", park, ""]))))
            if r["kind"] != "furniture"]
    assert [(r["section"], r["kicker"], r["title"]) for r in recs] == [(section, kicker, "口袋公园开放迎客")]


def test_a_line_of_two_phrases_over_a_kicker_and_a_title_is_the_columns_label_where_the_opening_names_none_of_it():
    park = "\n".join(["本报讯 近日，城区新建的三座口袋公园", "正式向市民开放。公园占地约两千平方米，",
                      "设有步道、座椅和儿童游乐设施。"])

    def roles_of(heads: list[str]) -> list[tuple[str, str, str]]:
        recs = page_records(split_page(("paired.txt", "\n".join([*heads, "", park, ""]))))
        return [(r["section"], r["kicker"], r["title"]) for r in recs if r["kind"] != "furniture"]

    label = "守望相助 共克时艰"
    assert roles_of([label, "城区新建三座口袋公园", "市民散步有了好去处"]) == [
        (label, "城区新建三座口袋公园", "市民散步有了好去处")]
    # over the title alone, the same line is the title's kicker (a city paper's kickers take that form)
    assert roles_of([label, "市民散步有了好去处"]) == [("", label, "市民散步有了好去处")]
    # and over a kicker and a title, a line of two phrases the opening names is a kicker wrapped
    assert roles_of(["新建口袋公园 三座", "城区新建三座口袋公园", "市民散步有了好去处"])[0][0] == ""


def test_the_lines_of_a_kicker_wrapped_over_two_are_no_section():
    park = "\n".join(["本报讯 市长王明在城区调研公园建设时强调", "，三座口袋公园已向市民开放，要办好民", "生实事。"])
    heads = ["市长王明在城区调研", "公园建设时强调", "办好民生实事", "让市民有好去处"]
    recs = [r for r in page_records(split_page(("kick2.txt", "\n".join([*heads, "", park, ""]))))
            if r["kind"] != "furniture"]
    assert [(r["section"], r["kicker"] + r["title"]) for r in recs] == [("", "".join(heads))]


def test_full_headlines_tell_the_pages_direction_before_a_features_subheads():
    # headlines printed after their bodies, each with its byline; the feature's subheads name the text
    # below them (as subheads do, whichever way the page prints its headlines) and outnumber the headlines
    text = "\n".join([
        "近日，城区新建的三座口袋公园正式向市民开放，设有步道、座椅和儿童游乐设施。", "",
        "城区口袋公园开放迎客", "本报记者 王明", "",
        "市图书馆从下月起每天开放至晚上九点，方便上班族借阅。", "",
        "增设自习座位", "", "图书馆还将增设自习座位两百个，满足市民学习需求。", "",
        "开通线上借阅", "", "市民可在手机上线上借阅电子图书，足不出户读好书。", "",
        "举办读书讲座", "", "每月举办读书讲座，邀请作家与读者面对面交流。", "",
        "市图书馆延长开放时间", "本报记者 李华", "",
        "铁路部门预计，今天起将迎来春运返程客流高峰，车站增开临时列车。", "",
        "春运返程客流高峰到来", "本报记者 张强", "",
    ])
    page = split_page(("direction.txt", text))
    assert check_invariant(page) == []
    recs = [r for r in page_records(page) if r["kind"] != "furniture"]
    assert [(r["title"], r["body"][0][:4], len(r["subheads"])) for r in recs] == [
        ("城区口袋公园开放迎客", "近日，城", 0), ("市图书馆延长开放时间", "市图书馆", 3), ("春运返程客流高峰到来", "铁路部门", 0)]


def test_the_pages_first_headline_named_by_the_text_under_it_votes_for_reading_forward():
    # the page opens with a full headline, the text under it naming its words; the second headline's words
    # come back in the text above it (one topic), not in its own: the page still prints headlines first
    text = "\n".join([
        "城区口袋公园开放迎客", "本报记者 王明", "",
        "近日，城区新建的三座口袋公园正式向市民开放，设有步道、座椅和儿童游乐设施，市民散步有了好去处。", "",
        "市民散步有了新去处", "本报记者 李华", "",
        "市图书馆从下月起每天延长借阅时间至晚上九点，方便上班族借书。", "",
    ])
    page = split_page(("first_head.txt", text))
    assert check_invariant(page) == []
    recs = [r for r in page_records(page) if r["kind"] != "furniture"]
    assert [(r["title"], r["body"][0][:4], r["subheads"]) for r in recs] == [
        ("城区口袋公园开放迎客", "近日，城", []), ("市民散步有了新去处", "市图书馆", [])]


def test_a_label_the_page_prints_again_over_a_title_heads_it_as_its_section_however_the_lines_join():
    park = "近日，城区新建的三座口袋公园正式向市民开放，设有步道、座椅和儿童游乐设施。"
    photo = "2月15日，铁路部门在车站增开临时列车，迎接春运返程客流高峰。"
    label = "患难见真情 共同抗疫情"
    page = split_page(("label2.txt", "\n".join([label, "城区口袋公园开放迎客", "", park, "", label, "图片报道", "",
                                                photo, ""])))
    assert check_invariant(page) == []
    recs = [r for r in page_records(page) if r["kind"] != "furniture"]
    assert [(r["section"], r["kicker"], r["title"]) for r in recs] == [
        (label, "", "城区口袋公园开放迎客"), (label, "", "图片报道")]


def test_a_column_label_under_another_headlines_lines_is_the_section_over_its_title():
    from app.core.assembly import _make_group, char_pairs
    from app.core.splitter import _headline_roles, rule_units

    # four heading lines standing apart, read as one headline block: another article's headline (printed
    # after its body), the column's label, the title
    heads = ["城区新建三座口袋公园正式开放", "市民散步休闲有了新的好去处", "人民论坛", "读书是最好的陪伴"]
    units, _ = rule_units("\n\n".join([*heads, ""]))
    assert [u.text for u in units] == heads
    opening = char_pairs("读书是一种生活方式。在这个信息爆炸的时代，静下心来读一本好书，是最好的陪伴。")
    got = [(u.text, role.value) for u, role in _headline_roles(_make_group(units), frozenset(), opening)]
    assert got == [(heads[0], "section"), (heads[1], "section"), ("人民论坛", "section"), (heads[3], "title")]
    # lines that name the article over the label are its kicker, wrapped
    units, _ = rule_units("\n\n".join(["信息爆炸的时代", "静下心来读一本好书", "人民论坛", "读书是最好的陪伴", ""]))
    roles_of = [role.value for _, role in _headline_roles(_make_group(units), frozenset(), opening)]
    assert "kicker" in roles_of


def test_a_page_of_readers_comments_signed_by_handles_is_no_ad():
    # each comment opens on its writer's social-media handle (网友@…): no phone, price or address, so no ad
    comments = ["英国网友@Tom Smith:我和家人都在中国，亲身体验到防控疫情的认真和成效。",
                "美国网友@RainNY:各地发布的数据显示，新增病例连续多日下降。",
                "法国网友@Anne Roy:我的航班取消了，但社区工作人员每天都来问候。",
                "荷兰网友@Bart Sluis:在抗击疫情的过程中，大家守望相助。"]
    text = "\n".join(["海外网友点赞中国抗疫", "", "本报记者 王小明", "",
                      "疫情发生以来，不少外国网友在社交媒体上留言，讲述他们的亲身经历。", "",
                      *[row for c in comments for row in (c, "")]])
    recs = page_records(split_page(("comments.txt", text)))
    assert [(r["kind"], r["title"], len(r["body"])) for r in recs] == [("news", "海外网友点赞中国抗疫", 5)]


def test_an_ads_social_media_handle_still_counts_among_its_lines():
    # the handle alone is no ad cue, but beside a phone number it is one of the ad's lines
    body = "本报讯（记者王明）市图书馆从下月起每天开放至晚上九点。图书馆负责人说，此举是为了方便上班族借阅。"
    text = "\n".join(["市图书馆延长开放时间", "", body, "", "某某科技有限公司", "——@某某科技", "", "创新点亮生活", "",
                      "科技让城市更美好", "联系电话：0755-12345678", ""])
    recs = page_records(split_page(("ad.txt", text)))
    assert [(r["kind"], r["title"]) for r in recs] == [("news", "市图书馆延长开放时间"), ("ad", "某某科技有限公司")]


def test_label_kinds_give_an_ad_s_name_over_its_lines_to_the_ad():
    """A learned label's role makes a line's kind; an ad's name, labelled as its item's title over the ad's
    lines, is the ad's line, not a headline (an item of its own: B_ or R_ ends the ad)."""
    from app.core.layout import AD, HEAD, PARA
    from app.core.splitter import label_kinds

    assert label_kinds([0, 10, None, 20], ["B_TITLE", "AD", "AD", "AD"]) == {0: AD, 10: AD, 20: AD}
    assert label_kinds([0, 10, 20, 30], ["B_TITLE", "B_AD", "B_TITLE", "BODY"]) == {0: HEAD, 10: AD, 20: HEAD, 30: PARA}


def test_label_opens_are_the_heading_lines_whose_label_opens_or_resumes_an_item():
    from app.core.splitter import label_opens

    assert label_opens([0, None, 10, 20, 30, 40], ["B_KICKER", "TITLE", "TITLE", "B_BODY", "R_TITLE", "SUBHEAD"]) == {
        0, 30}


def test_a_caption_set_apart_from_the_text_above_right_over_a_headline_is_that_articles():
    # …一致好评。 / (blank) / a caption and its credit / 市图书馆延长开放时间 (no blank line between): on a page whose
    # headlines head their text, the photo is the article's under that headline; set apart from the headline
    # too, it stays with the text it follows
    first = ["城区新建三座口袋公园", "", "本报讯（记者张明）近日，城区新建的三座口袋公园正式开放，市民纷纷前来游玩。", ""]
    second = ["市图书馆延长开放时间", "", "本报讯（记者王红）从下月起，市图书馆每天开放至晚上九点，方便上班族借阅。", ""]
    caption = ["读者在图书馆阅览室里看书。", "（李四 摄）"]
    recs = page_records(split_page(("x.txt", "\n".join([*first, *caption, *second]))))
    assert [(r["title"], r["captions"], [a["name"] for a in r["authors"]]) for r in recs] == [
        ("城区新建三座口袋公园", [], ["张明"]), ("市图书馆延长开放时间", ["读者在图书馆阅览室里看书。"], ["王红", "李四"])]
    recs = page_records(split_page(("x.txt", "\n".join([*first, *caption, "", *second]))))
    assert [(r["title"], r["captions"]) for r in recs] == [
        ("城区新建三座口袋公园", ["读者在图书馆阅览室里看书。"]), ("市图书馆延长开放时间", [])]


def test_an_opening_after_a_lead_in_names_the_articles_authors():
    """An article whose text opens with an editor's note and then its opening (本报讯（记者 X）…): the opening's
    byline names the article's authors, though it is not the first paragraph (`metadata.LEAD_PARAS`)."""
    text = "\n".join([
        "城区新建三座口袋公园", "",
        "编者按：口袋公园虽小，却是市民家门口的好去处。本版今起推出系列报道。", "",
        "本报讯（记者张明 通讯员李华）近日，城区新建的三座口袋公园正式向市民开放。", "",
        "公园占地约两千平方米，设有步道、座椅和儿童游乐设施。", "",
    ])
    recs = [r for r in page_records(split_page(("p.txt", text))) if r["kind"] != "furniture"]
    assert [r["title"] for r in recs] == ["城区新建三座口袋公园"]
    assert recs[0]["body"][0].startswith("编者按")
    assert recs[0]["authors"] == [{"name": "张明", "role": "记者"}, {"name": "李华", "role": "通讯员"}]
