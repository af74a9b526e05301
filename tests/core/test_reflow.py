"""Reflow (app.core.reflow): joining hard-wrapped lines and removing stray spaces, keeping Latin spacing."""

from __future__ import annotations

import pytest

from app.core.reflow import clean_heading, clean_paragraph, is_cjk, join_lines, remove_stray_spaces


@pytest.mark.parametrize(("text", "expected"), [
    ("全 面 规 范", "全面规范"),
    ("2 台大空调", "2台大空调"),
    ("第 3 页", "第3页"),
    ("2024 年 3 月", "2024年3月"),
    ("“ 你 好 ”", "“你好”"),
    ("你\u3000好", "你好"),
    ("COVID-19 IgM test", "COVID-19 IgM test"),
    ("使用 Python 编程", "使用 Python 编程"),
    ("Hello  world", "Hello world"),
    ("  前后有空格  ", "前后有空格"),
])
def test_remove_stray_spaces(text, expected):
    assert remove_stray_spaces(text) == expected


@pytest.mark.parametrize(("lines", "expected"), [
    (["第一行，", "第二行。"], "第一行，第二行。"),
    (["COVID-19", "IgM 抗体"], "COVID-19 IgM 抗体"),  # two Latin words across a wrap keep a space
    (["the quick", "brown fox"], "the quick brown fox"),
    (["2", "024年"], "2024年"),  # digits split by a wrap are one number
    (["", "  x  ", ""], "x"),
    ([], ""),
])
def test_join_lines(lines, expected):
    assert join_lines(lines) == expected


def test_clean_paragraph_joins_then_removes_stray_spaces():
    assert clean_paragraph(["  本报讯 全 面", "规 范 2 台 "]) == "本报讯全面规范2台"
    assert clean_paragraph(["新冠 COVID-19", "IgM 抗 体"]) == "新冠 COVID-19 IgM 抗体"


def test_clean_heading_keeps_a_designed_gap():
    assert clean_heading(["守护人民健康 荆州卫健在行动"]) == "守护人民健康 荆州卫健在行动"
    assert clean_heading(["春 天  的故事", "续"]) == "春 天 的故事续"


@pytest.mark.parametrize(("ch", "expected"), [("中", True), ("，", True), ("Ａ", True), ("a", False), ("1", False)])
def test_is_cjk(ch, expected):
    assert is_cjk(ch) is expected


@pytest.mark.parametrize(("lines", "expected"), [
    (["本报讯（记者肖晗 汪漾 通讯员周晓胜）日前，全 面 规 范"], "本报讯（记者肖晗 汪漾 通讯员周晓胜）日前，全面规范"),
    (["本报讯（记者 刘蜜 彭宵）近日"], "本报讯（记者刘蜜 彭宵）近日"),
    (["（特约记者杜川 通讯员郑 丹）近日"], "（特约记者杜川 通讯员郑丹）近日"),  # 郑 丹 is one name
    (["本报讯（通讯员 何 勇）近日"], "本报讯（通讯员何勇）近日"),
    (["新华社北京3月5日电（记者 王五）今天 全 面"], "新华社北京3月5日电（记者王五）今天全面"),
    (["日前（记者 张三 李四）", "续"], "日前（记者张三 李四）续"),
    (["本报讯（见习记者 王三 实习生 李四）近日"], "本报讯（见习记者王三 实习生李四）近日"),  # (bylines' role words)
    (["本报讯（本报特约记者 王三 赵五）近日"], "本报讯（本报特约记者王三 赵五）近日"),
    (["（作者为第十三届 全国政协委员）"], "（作者为第十三届全国政协委员）"),  # a note on the author names no one
])
def test_a_lead_byline_keeps_the_space_between_two_names(lines, expected):
    assert clean_paragraph(lines) == expected


@pytest.mark.parametrize(("lines", "expected"), [
    (["（上接第一版）会议强调 全 面"], "（上接第一版）会议强调全面"),
    (["（1）全 面 规 范"], "（1）全面规范"),
    (["（图为 现场）全 面"], "（图为现场）全面"),  # parentheses without a role word are not a byline
])
def test_other_opening_parentheses_are_ordinary_text(lines, expected):
    assert clean_paragraph(lines) == expected


def test_invisible_characters_do_not_reach_the_clean_text():
    from app.core.reflow import clean_heading, clean_paragraph

    assert clean_heading(["标\ufeff题"]) == "标题"
    assert clean_paragraph(["正\u200b文 内容"]) == "正文内容"


def test_every_space_character_is_cleaned_as_a_space():
    assert clean_heading(["金融赋能\u3000打造\u00a0支撑力"]) == "金融赋能 打造 支撑力"
    assert clean_paragraph(["该行\u00a0加大 信贷\u2002投放，INDUSTRIAL\u00a0BANK"]) == "该行加大信贷投放，INDUSTRIAL BANK"
    assert clean_paragraph(["本报讯（记者\u00a0王小明\u00a0李红）日前"]) == "本报讯（记者王小明 李红）日前"
