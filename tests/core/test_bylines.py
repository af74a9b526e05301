"""Bylines and photo credits (app.core.bylines): the forms listed in its docstring, and lines that are not."""

from __future__ import annotations

import pytest

from app.core.bylines import (
    Author,
    has_credit,
    is_author_line,
    is_byline,
    is_signed_line,
    lead_byline,
    parse_authors,
    split_credit,
    trailing_byline,
)


def names(authors: list[Author]) -> list[tuple[str, str]]:
    return [(a.name, a.role) for a in authors]


@pytest.mark.parametrize(("line", "expected"), [
    ("□ 记者 齐倩琼 通讯员 何 勇", [("齐倩琼", "记者"), ("何勇", "通讯员")]),
    ("□ 本报记者 李四", [("李四", "记者")]),
    ("本报记者 张三 李四", [("张三", "记者"), ("李四", "记者")]),
    ("□ 记者 欧阳 修", [("欧阳修", "记者")]),
    ("通讯员 王一 记者 赵二", [("王一", "通讯员"), ("赵二", "记者")]),
    ("■ 特约记者 杜川", [("杜川", "特约记者")]),
    ("文/图 王五", [("王五", "作者")]),
    ("◆杨维汉 陈菲", [("杨维汉", "作者"), ("陈菲", "作者")]),
    # another paper's or an agency's reporter (its name is no author), a byline closing on 报道
    ("新华社记者 王三 李四", [("王三", "记者"), ("李四", "记者")]),
    ("经济日报记者 王三", [("王三", "记者")]),
    ("记者 王三 通讯员 李四 报道", [("王三", "记者"), ("李四", "通讯员")]),
])
def test_bullet_bylines_are_found_and_parsed_in_printed_order(line, expected):
    assert is_byline(line)
    assert names(parse_authors(line)) == expected


@pytest.mark.parametrize("line", [
    "",
    "本报讯（记者宗璇 通讯员彭娟）日前，在2024年湖北省医学会",  # a body paragraph with a lead byline
    "责任编辑：成青 刘超 美编：熊剑刚",
    "记者节当天，市民来到现场。",
    "荆州中医外科首次亮相全省普通外科年会",
    "郁馨怡 谢震宇",  # an author line without a role word is not a bullet byline
    "■多方调配 保",  # a bulleted subhead cut by its wrap (… / 障物资): a bullet and no role word needs names
])
def test_lines_that_are_not_bylines(line):
    assert not is_byline(line)


@pytest.mark.parametrize(("paragraph", "opening", "expected"), [
    ("本报讯（记者宗璇 通讯员彭娟）日前，在2024年", "本报讯（记者宗璇 通讯员彭娟）",
     [("宗璇", "记者"), ("彭娟", "通讯员")]),
    ("本报讯（记者刘蜜 彭宵）近日", "本报讯（记者刘蜜 彭宵）", [("刘蜜", "记者"), ("彭宵", "记者")]),
    ("（特约记者杜川 通讯员郑丹）近日", "（特约记者杜川 通讯员郑丹）", [("杜川", "特约记者"), ("郑丹", "通讯员")]),
    ("本报荆州电（记者张三）今天", "本报荆州电（记者张三）", [("张三", "记者")]),
    ("新华社北京电（记者 王五）今天", "新华社北京电（记者 王五）", [("王五", "记者")]),
])
def test_lead_bylines_open_a_paragraph(paragraph, opening, expected):
    found = lead_byline(paragraph)
    assert found is not None
    assert found[0] == opening and names(found[1]) == expected


@pytest.mark.parametrize("paragraph", [
    "（上接第一版）会议强调",  # parentheses without a role word
    "日前，本报讯（记者张三）",  # not at the start
    "本报讯 日前，全市召开会议",
])
def test_no_lead_byline(paragraph):
    assert lead_byline(paragraph) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("郁馨怡 谢震宇", True),
    ("张三 李四 王五", True),
    ("荆州", False),  # a lone word is more often a label
    ("全省普通外科年会在荆州召开", False),
    ("责任编辑：成青", False),
    ("张三 李四 王五 赵六 钱七 孙八 周九", False),  # too many parts
])
def test_author_lines(line, expected):
    assert is_author_line(line) is expected


def test_author_line_names_get_the_default_role():
    assert names(parse_authors("郁馨怡 谢震宇")) == [("郁馨怡", "作者"), ("谢震宇", "作者")]


@pytest.mark.parametrize(("caption", "text", "credited"), [
    ("诸胜涛 摄", "", ["诸胜涛"]),
    ("图为活动现场。诸胜涛 摄", "图为活动现场。", ["诸胜涛"]),
    ("图为现场（朱柯 摄）", "图为现场", ["朱柯"]),
    ("图为现场。（朱柯 摄）", "图为现场。", ["朱柯"]),
    ("市民在公园游玩。本报记者 王三 摄", "市民在公园游玩。", ["王三"]),
    ("游客在景区游玩 记者 王三 摄影", "游客在景区游玩", ["王三"]),
    ("医护人员为群众义诊。", "医护人员为群众义诊。", []),
    ("摄影爱好者在拍摄。", "摄影爱好者在拍摄。", []),
    # an agency's reporter, a name letter-spaced with no-break spaces, the agency's release after the names
    ("市民在公园游玩。新华社记者 王三摄", "市民在公园游玩。", ["王三"]),
    ("市民在公园游玩。 人民网记者\xa0王\xa0五摄", "市民在公园游玩。", ["王五"]),
    ("市民在公园游玩。本报记者\xa0\xa0李\xa0\xa0四摄", "市民在公园游玩。", ["李四"]),
    ("市民在公园游玩。王三摄（新华社发）", "市民在公园游玩。", ["王三"]),
])
def test_photo_credits_are_split_off_captions(caption, text, credited):
    rest, authors = split_credit(caption)
    assert rest == text
    assert [a.name for a in authors] == credited
    assert all(a.role == "摄影" for a in authors)
    assert has_credit(caption) is bool(credited)


def test_author_as_dict():
    assert Author("张三", "记者").as_dict() == {"name": "张三", "role": "记者"}


def test_a_reporters_photo_credit_line_names_the_photographer():
    assert [a.name for a in parse_authors("记者 王三 摄")] == ["王三"]


def test_caption_words_before_a_spaced_credit_are_not_names():
    assert split_credit("图为现场 李四 摄") == ("图为现场", [Author("李四", "摄影")])
    # the caption's last character wrapped onto the credit's line is no name; a family name split off is one
    assert split_credit("的 欧阳明 摄") == ("的", [Author("欧阳明", "摄影")])
    assert split_credit("的 李四 摄") == ("的", [Author("李四", "摄影")])
    assert split_credit("工人在劳作 王 沛 摄") == ("工人在劳作", [Author("王沛", "摄影")])


def test_a_dated_dateline_is_a_lead_byline():
    found = lead_byline("新华社北京3月5日电（记者 王五）今天")
    assert found is not None and names(found[1]) == [("王五", "记者")]


def test_a_byline_printed_at_the_end_of_an_article():
    from app.core.bylines import trailing_byline

    assert trailing_byline("郑重许下对党永远忠诚的承诺。（记者 王三 通讯员 李四）") == [
        Author("王三", "记者"), Author("李四", "通讯员")]
    assert trailing_byline("（数据截至2022年9月末）") == []
    # a note on the author names no author
    assert trailing_byline("（作者单位：中国社会科学院）") == []
    assert trailing_byline("共同发展。（作者为在华教师，本报记者王三采访整理）") == []


def test_a_byline_reads_the_names_before_what_the_reporters_did():
    assert parse_authors("本报记者王三采访整理") == [Author("王三", "记者")]


def test_a_closing_word_after_the_names_is_not_a_name():
    assert parse_authors("记者 张三 通讯员 李四 报道") == [Author("张三", "记者"), Author("李四", "通讯员")]


@pytest.mark.parametrize(("word", "expected"), [
    ("王克勤", True), ("欧阳娜娜", True), ("数字赋能", False), ("更名公告", False), ("金融", False)])
def test_a_name_starts_with_a_family_name(word, expected):
    from app.core.bylines import is_author_line

    assert is_author_line(word) is expected


def test_labelled_names_read_a_label_of_its_own_and_leave_role_words_to_parse_authors():
    from app.core.bylines import labelled_names

    assert labelled_names("寄思人：张伟") == "张伟"
    assert labelled_names("寄思人：张伟 李娜") == "张伟 李娜"
    assert labelled_names("作者：张伟") is None  # a role word: parse_authors reads it
    assert labelled_names("地点：人民广场东侧的草坪上") is None


@pytest.mark.parametrize("paragraph, expected", [
    ("新华社北京2月26日电中共中央政治局常务委员会召开会议", True),
    ("本报北京2月1日电 记者从有关部门获悉", True),
    ("本报讯 日前，市里召开会议", True),
    ("荆州日报讯 近日，全市启动", True),
    ("新华社华盛顿电 美国政府宣布", True),
    ("本报讯（记者李四）今天", True),  # with its byline too
    ("这家合作社今年发电量大增", False),  # a sentence, not a dispatch
    ("据新华社北京2月26日电", False),  # the source an article closes with
    ("本报记者 王三", False),
    ("本报北京 2月25日电 记者从有关部门获悉", True),  # a stray space a PDF put inside the dispatch
])
def test_a_dispatch_line_opens_an_article(paragraph, expected):
    from app.core.bylines import dispatch_opening

    assert dispatch_opening(paragraph) is expected


@pytest.mark.parametrize(("caption", "text"), [
    ("市民在公园游玩。新华社发", "市民在公园游玩。"),
    ("市民在公园游玩。（新华社发）", "市民在公园游玩。"),
    ("新华社发", ""),
])
def test_an_agencys_release_is_a_photo_credit_that_names_no_one(caption, text):
    assert split_credit(caption) == (text, [])
    assert has_credit(caption)


@pytest.mark.parametrize("line", ["据新华社发布的消息，市民在公园游玩。", "他说新华社发"])
def test_an_agency_named_inside_a_sentence_is_no_credit(line):
    assert not has_credit(line)


def test_an_agencys_reporter_signs_an_articles_closing_byline():
    assert names(trailing_byline("…的承诺。（新华社记者 王三）")) == [("王三", "记者")]
    assert trailing_byline("…的承诺。（据新华社电）") == []


@pytest.mark.parametrize(("matcher", "text"), [
    ("is_author_note", "（作 者单位：某某大学）"),
    ("is_author_note", "(作者单 位:某某研究所)"),
    ("is_closing_formula", "特 此公告。"),
    ("is_closing_dispatch", "（本报 华沙2月9日电）"),
])
def test_the_matchers_of_fixed_forms_read_across_a_stray_space_inside_a_word(matcher, text):
    # a PDF's stray space between two characters of one word hides no fixed form from its matcher, wherever it
    # is asked (the matcher reads the text squeezed, not each caller)
    from app.core import bylines, roles

    found = getattr(bylines, matcher, None) or getattr(roles, matcher)
    assert found(text)
    assert not found(text.replace("作", "").replace("特", "").replace("本报", "本"))  # (the form itself broken)


@pytest.mark.parametrize(("line", "signed"), [
    ("作者：王三 李四", True),
    ("文/王三", True),
    ("作者：陈 芳 张 帆", True),  # names printed letter-spaced, as papers set two-character names
    ("记者：王 浩", True),
    ("作者：大 力 发 展", False),  # single characters that pair into no names
    ("作者：中 国", False),
    ("作者：我们一定能做到", False),
])
def test_a_line_that_only_signs_the_article(line: str, signed: bool) -> None:
    assert is_signed_line(line) is signed


def test_a_signed_line_of_letter_spaced_names_under_a_headline_gives_the_article_its_authors() -> None:
    from app.core.metadata import page_records
    from app.core.splitter import split_page

    text = "城区新建三座口袋公园\n作者：陈 芳 张 帆\n\n今年以来，城区利用边角空地新建口袋公园十二个，总面积三万平方米。\n"
    records = page_records(split_page(("p.txt", text), method="rules"))
    assert [(r["title"], r["authors"]) for r in records] == [
        ("城区新建三座口袋公园", [{"name": "陈芳", "role": "作者"}, {"name": "张帆", "role": "作者"}])]
