"""Each pass of the rule split on its own: a pure function from its input to a new value."""

from __future__ import annotations

import dataclasses

import pytest

from app.core import assembly, layout
from app.core.assembly import _make_group, assemble, is_banner_line, part_number, split_point
from app.core.layout import (
    AD,
    BYLINE,
    CAPTION,
    FURN,
    HEAD,
    NONE,
    PARA,
    SECTION,
    SUBHEAD,
    Unit,
    author_lines,
    build_units,
    fixed_roles,
    local_column,
    read_lines,
    read_units,
    standalone_captions,
)
from app.core.loading import SourcePage
from app.core.page import Role
from app.core.splitter import _headline_roles, banners, split_page
from tests.madeup import NARROW, WRAPPED
from tests.madeup import fixed as _fixed


def test_read_lines_counts_blank_lines_and_chunks():
    lines = read_lines("标题\n\n\n正文一行\n正文二行\n")
    assert [(ln.text, ln.blank_before, ln.chunk) for ln in lines] == [
        ("标题", 99, 0), ("正文一行", 2, 1), ("正文二行", 0, 1)]


def test_read_lines_halves_the_gaps_of_double_spaced_text():
    text = "\n\n".join(WRAPPED * 2) + "\n"
    lines = read_lines(text)
    assert all(ln.blank_before == 0 for ln in lines[1:])


def test_read_lines_halves_the_gaps_of_a_double_spaced_stretch_uneven_or_part_way_down_the_page():
    double = "\n\n".join(WRAPPED * 2)
    single = "\n".join(WRAPPED)
    # double-spaced down to a point, single-spaced below (a paragraph's break there is a blank line of its own)
    lines = read_lines(double + "\n\n\n" + single + "\n")
    assert [ln.blank_before for ln in lines[1:]] == [0] * 11 + [1] + [0] * 5
    # single-spaced down to a point, double-spaced below
    lines = read_lines(single + "\n\n" + double + "\n")
    assert [ln.blank_before for ln in lines[1:]] == [0] * 5 + [1] + [0] * 11
    # uneven: a few lines lost the blank line after them, and a paragraph's break is two blank lines
    text = "\n\n".join(WRAPPED[:3]) + "\n" + "\n\n".join(WRAPPED[3:] + WRAPPED[:3]) + "\n" + "\n\n\n".join(
        [WRAPPED[3], WRAPPED[4]]) + "\n\n" + WRAPPED[5] + "\n"
    assert [ln.blank_before for ln in read_lines(text)[1:]] == [0] * 9 + [1, 0]
    # blank lines between sentences of one paragraph a line, or between short paragraphs, are no double spacing
    text = "\n\n".join(["短句。", "另一个长一点的句子。", "第三句话在这里结束了。"] * 4) + "\n"
    assert all(ln.blank_before == 1 for ln in read_lines(text)[1:])
    text = "\n\n".join("\n".join(WRAPPED[k:k + 2]) for k in (0, 2, 4, 0, 2, 4, 0, 2)) + "\n"
    assert [ln.blank_before for ln in read_lines(text)[1:]] == [0, 1] * 7 + [0]


def test_fixed_roles_reads_furniture_bylines_and_credited_captions():
    lines = read_lines("责任编辑：李四\n□ 记者 王三 通讯员 何 勇\n工人在车间劳作 张三 摄\n普通的一行正文，没有什么特别。\n"
                       "（下转第5版）\n")
    assert fixed_roles(lines) == (FURN, BYLINE, CAPTION, NONE, FURN)
    # a reporter's photo credit under a caption credits the photo: the caption's line, not the article's byline
    lines = read_lines("\n".join([*WRAPPED[:2], "", "工人在车间里加紧生产口罩。", "本报记者 王三 摄", "", *WRAPPED[2:]]))
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k != NONE] == [
        "工人在车间里加紧生产口罩。", "本报记者 王三 摄"]
    assert all(k == CAPTION for k in fixed_roles(lines) if k != NONE)


def test_ad_roles_mark_a_cluster_of_contact_lines_with_the_name_above():
    text = "专业家电维修\n上门服务 电话：0716-8888888\n网址：www.example.com\n地址：荆州市沙市区\n"
    lines = read_lines(text)
    assert fixed_roles(lines) == (AD, AD, AD, AD)
    assert layout.ad_roles(lines, (NONE,) * 4) == (AD, AD, AD, AD)


def test_local_column_is_the_wrapped_width_and_zero_for_one_paragraph_a_line():
    lines = read_lines("\n".join(WRAPPED * 2))
    assert local_column(lines, 3) == 19.0
    lines = read_lines("\n".join(["短句。", "另一个长一点的句子。", "第三句话在这里结束了。"] * 3))
    assert local_column(lines, 3) == 0.0


def test_build_units_joins_a_paragraph_across_a_column_break_and_a_caption():
    text = "\n".join(["城区公园开放", "", *WRAPPED[:3], "", "市民在公园里散步", "", *WRAPPED[3:], ""])
    lines = read_lines(text)
    units, kinds = build_units(lines, fixed_roles(lines))
    assert [u.kind for u in units] == [HEAD, PARA, CAPTION]
    assert len(units[1].lines) == 6 and len(units[1].spans) == 6
    assert units[1].text.endswith("该行还优化流程，缩短审批时间，提高服务效率，赢得客户的一致好评。今年以来，该行累计投放贷款十亿元，支持企业三百余家，成效明显。")
    assert kinds[0] == HEAD and kinds.count(PARA) == 6


def test_build_units_carry_a_paragraph_on_with_a_full_line_cut_mid_sentence_after_a_column_break():
    # no word joins 各地 to 新设 across the break, and the line after it could be a heading by its text; but
    # it is as wide as the column and runs on into the next line: body, not a caption between two halves
    text = "\n".join(["城区公园开放", "", *WRAPPED[:2], "经济发展，取得了良好效果。该行在各地", "",
                      "新设网点二十余个并推出多项便民服务措", "施，缩短审批时间，提高服务效率，赢得客", *WRAPPED[4:], ""])
    lines = read_lines(text)
    units, kinds = build_units(lines, fixed_roles(lines))
    units = standalone_captions(units, lines, kinds)
    assert [u.kind for u in units] == [HEAD, PARA]
    assert "该行在各地新设网点二十余个" in units[1].text


def test_build_units_carry_a_sentence_on_across_lines_of_uneven_widths():
    # no column width to tell (a proportional font's lines come out uneven): a line at least as wide as the one
    # above, which left its sentence open, carries the paragraph on, though it could be a heading by its text
    rows = ["城区公园开放", "", "今年以来，该行坚持服务实体经济，为荆州", "加快建设江汉平原示范区、实现高质量发展",
            "注入推动力和支撑力。", "", "公园管理处表示，将延长开放时间。"]
    units, _ = build_units(read_lines("\n".join(rows)), fixed_roles(read_lines("\n".join(rows))))
    assert [u.kind for u in units] == [HEAD, PARA, PARA]
    assert units[1].text == "".join(rows[2:5])


def test_build_units_join_a_word_a_column_break_cut_in_two_across_a_blank_line():
    # 区委书 / (blank) / 记胡晓平介绍: the line could be a heading by its text, but the break cuts 书记 in two
    rows = [*WRAPPED[:3], "", "县里召开会议部署工作，区委书", "", "记胡晓平介绍，全县将对表脱贫指标，逐项", *WRAPPED[3:]]
    units, _ = build_units(read_lines("\n".join(rows)), fixed_roles(read_lines("\n".join(rows))))
    assert [u.kind for u in units] == [PARA, PARA]
    assert "区委书记胡晓平介绍" in units[1].text
    # a headline over an article's opening is no cut word, whatever jieba reads across (之基 + 本报讯: 基本)
    rows = [*WRAPPED, "", "筑牢全面小康的法治之基", "", "本报讯（记者王三）不久前，全省政法工作会议召开", *WRAPPED[3:]]
    units, _ = build_units(read_lines("\n".join(rows)), fixed_roles(read_lines("\n".join(rows))))
    assert [u.kind for u in units] == [PARA, HEAD, PARA]


def test_build_units_returns_new_units_and_leaves_its_input_alone():
    lines = read_lines("\n".join(["城区公园开放", *WRAPPED]))
    fixed = fixed_roles(lines)
    units, _ = build_units(lines, fixed)
    assert fixed == (NONE,) * len(lines)  # a tuple: nothing can write into it
    with pytest.raises(dataclasses.FrozenInstanceError):
        units[0].kind = PARA  # type: ignore[misc]


def test_standalone_captions_turns_a_short_lone_sentence_into_a_caption():
    # between a headline and the article's opening (本报讯（…）…): a photo's caption set under the headline
    text = "\n".join(["城区公园开放", "", "市民在公园里散步。", "", "本报讯（记者 王三）" + WRAPPED[0], *WRAPPED[1:], "",
                      *WRAPPED])
    lines = read_lines(text)
    units, kinds = build_units(lines, fixed_roles(lines))
    before = [u.kind for u in units]
    after = standalone_captions(units, lines, kinds)
    assert [u.kind for u in units] == before  # the input list is untouched
    assert [u.text for u in after if u.kind == CAPTION] == ["市民在公园里散步。"]


def test_standalone_captions_leave_a_lone_sentence_opening_the_text_under_a_heading_in_the_body():
    # between a headline (or byline, or subhead) and body text that does not open the article itself, the lone
    # sentence is the text's first paragraph (这个春节，广大基层干部更加忙碌。)
    for heading in (["城区公园开放"], ["城区公园开放", "作者：王三"]):
        text = "\n".join([*heading, "", "市民在公园里散步。", "", *WRAPPED, "", *WRAPPED])
        lines = read_lines(text)
        units, kinds = build_units(lines, fixed_roles(lines))
        assert CAPTION not in [u.kind for u in standalone_captions(units, lines, kinds)]


def test_standalone_captions_turn_a_dated_block_over_a_headline_into_a_caption():
    # a block of its own opening with the day the picture was taken, under a credited caption (or the page's
    # first lines) and right over the next headline: a photo's caption with no credit, not the text above's end
    dated = ["2月3日，河西村的村民在田间采收木耳，做到", "防疫增收两不误。"]
    for above in (["市民在公园里散步 王三 摄", ""], []):
        text = "\n".join([*above, *dated, "城区公园开放", "", "本报讯（记者 王三）" + WRAPPED[0], *WRAPPED[1:]])
        lines = read_lines(text)
        units, kinds = build_units(lines, fixed_roles(lines))
        found = [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION]
        assert "".join(dated) in found
    # under a paragraph it may be that text's last paragraph; under a headline it opens the text; undated, it
    # is a paragraph of the text
    for rows in ([*WRAPPED, "", *dated, "城区公园开放"], ["城区公园开放", "", *dated, "", *WRAPPED],
                 ["市民在公园里散步 王三 摄", "", "河西村的村民在田间采收木耳，做到防疫", "增收两不误。", "城区公园开放"]):
        lines = read_lines("\n".join([*rows, "", "本报讯（记者 王三）" + WRAPPED[0], *WRAPPED[1:]]))
        units, kinds = build_units(lines, fixed_roles(lines))
        assert not any(u.kind == CAPTION and "木耳" in u.text for u in standalone_captions(units, lines, kinds))


def test_standalone_captions_leave_a_lone_sentence_between_two_paragraphs_in_the_body():
    # between two paragraphs of the text a lone sentence is a paragraph of one sentence (news prints many);
    # only a fragment there (a caption's wrapped-off end) is a caption's
    for lone, caption in (("市民在公园里散步。", False), ("讨论病情。", True)):
        text = "\n".join(["城区公园开放", "", *WRAPPED, "", lone, "", *WRAPPED])
        lines = read_lines(text)
        units, kinds = build_units(lines, fixed_roles(lines))
        found = [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION]
        assert found == ([lone] if caption else [])
    # right under its headline, no blank line between, a sentence opens the article's text
    lines = read_lines("\n".join(["城区公园开放", "市民在公园里散步。", "", *WRAPPED]))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert not [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION]


@pytest.mark.parametrize("lone, after", [
    ("（二）市民在公园里散步。", ""),  # an item of a numbered list
    ("［7］市民在公园里散步。", ""),  # a note
    ("公园开放的有关事项如下。", ""),  # it announces the text that follows
    ("记者：市民们常来公园里散步。", ""),  # a speaker's turn in an interview
    ("公园管理处负责人王三说。", ""),  # who said the words above
    ("鸟语花香”的景象随处可见。", ""),  # it closes a quote the text above opened
    ("市民在公园里散步。", None),  # the body text below follows it with no blank line between
])
def test_standalone_captions_leave_a_lone_sentence_that_the_text_claims_in_the_body(lone, after):
    rows = ["城区公园开放", "", *WRAPPED, "", lone, *([after] if after is not None else []), *WRAPPED]
    lines = read_lines("\n".join(rows))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert not [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION]


def test_standalone_captions_leave_a_lone_sentence_in_the_paragraph_indent_in_the_body():
    indented = ["\u3000\u3000" + WRAPPED[0], *WRAPPED[1:], "各方反响良好。"]  # (a short last line ends it)
    rows = ["城区公园开放", "", *indented, "", "\u3000\u3000市民在公园里散步。", "", *indented, "", *indented]
    lines = read_lines("\n".join(rows))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert not [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION]
    # the same sentence set flush left, apart from the indented text, is a photo's caption
    rows[rows.index("\u3000\u3000市民在公园里散步。")] = "市民在公园里散步。"
    lines = read_lines("\n".join(rows))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION] == ["市民在公园里散步。"]


def test_fixed_roles_take_a_marked_block_of_its_own_for_a_caption_without_a_full_stop():
    rows = ["城区公园开放", "", *WRAPPED, "", "图为市民在公园的湖边", "散步赏花", "", *WRAPPED]
    lines = read_lines("\n".join(rows))
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == [
        "图为市民在公园的湖边", "散步赏花"]
    # the same lines running on into the text below them are no block of their own
    lines = read_lines("\n".join(rows[:-7] + rows[-6:]))
    assert CAPTION not in fixed_roles(lines)


def test_build_units_end_a_paragraph_at_its_short_last_line_on_a_page_of_indents():
    # on a page that marks paragraphs by their indent, an unindented line after a column break carries the
    # paragraph on, unless the paragraph already ended on a short line that closes a sentence
    indented = ["\u3000\u3000" + WRAPPED[0], *WRAPPED[1:]]
    rows = [*indented, "各方反响良好。", "", "游客称赞这里环境优美。", "", *indented, "", *indented]
    lines = read_lines("\n".join(rows))
    units, _ = build_units(lines, fixed_roles(lines))
    assert not any("良好。游客" in u.text for u in units)
    rows[len(indented)] = "各方反响良好，来到公园的游客纷纷称赞，"  # a full line left open: the next line carries it on
    lines = read_lines("\n".join(rows))
    units, _ = build_units(lines, fixed_roles(lines))
    assert any("称赞，游客" in u.text for u in units)


def test_build_units_end_a_paragraph_at_a_short_line_before_a_blank_line_sentence_end_or_none():
    # a column break cuts a paragraph at a full line: a line well short of the paragraph's measure before a
    # blank line ended its paragraph, though no sentence ends there (…放 / 在首位” / (blank) / 谈到…)
    rows = ["城区公园开放", "", *WRAPPED, "", "“始终把人民群众生命安全和身体健康放", "在首位”", "", *WRAPPED]
    lines = read_lines("\n".join(rows))
    units, _ = build_units(lines, fixed_roles(lines))
    assert "“始终把人民群众生命安全和身体健康放在首位”" in [u.text for u in units]
    # ... but a word cut at the short line's end, or a line running on mid-sentence below it, carries it on
    for tail, below in (("在首", "位，企业发展需要资金支持。"), ("在首位”", "，企业发展需要资金支持。")):
        rows[len(WRAPPED) + 4:len(WRAPPED) + 6] = [tail, ""]
        rows[len(WRAPPED) + 6] = below
        lines = read_lines("\n".join(rows))
        units, _ = build_units(lines, fixed_roles(lines))
        assert any(u.text.startswith("“始终") and below in u.text for u in units), tail


def test_para_ended_reads_a_line_one_cell_short_unless_an_opening_quote_was_pushed_down():
    # a sentence-final line one cell short of the column: the next character would have fitted, so the
    # paragraph ended there; an opening quote mark, which no line may end on, is pushed down with its word
    col = [w[:18] for w in WRAPPED]  # a column of 18 cells
    for below, ended in (("今年以来，该行累计投放贷款十亿元，支", True), ("“今年以来，该行累计投放贷款十亿元，", False)):
        rows = [*col[:3], "户的一致好评。今年以来，该行累计。", below, *col[3:]]  # (17 cells)
        lines = read_lines("\n".join(rows))
        assert layout._para_ended(lines, 3) is ended


def test_author_lines_takes_a_line_of_names_under_a_headline():
    lines = read_lines("情系民生 守护健康\n\n郁馨怡 谢震宇\n\n" + "\n".join(WRAPPED))
    units, kinds = build_units(lines, fixed_roles(lines))
    units = standalone_captions(units, lines, kinds)
    assert [u.kind for u in author_lines(units)][:2] == [HEAD, BYLINE]
    assert units[1].kind != BYLINE


def test_author_lines_take_a_lone_name_standing_over_an_articles_text():
    # the headline printed elsewhere (after its body, or inside it): the lone name over the text still signs it
    lines = read_lines("\n".join([*WRAPPED, "", "郁馨怡", "", *WRAPPED]))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert [u.kind for u in author_lines(standalone_captions(units, lines, kinds))] == [PARA, BYLINE, PARA]
    # a place's name is no author; nor is a name whose line the text below carries on
    lines = read_lines("\n".join([*WRAPPED, "", "荆州", "", *WRAPPED]))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert BYLINE not in [u.kind for u in author_lines(standalone_captions(units, lines, kinds))]
    # nor the end of a sentence cut off by a column break, though its first character is a family name
    lines = read_lines("\n".join([*WRAPPED[:-1], "落实小区的封闭式", "", "管理。", "", *WRAPPED]))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert BYLINE not in [u.kind for u in author_lines(standalone_captions(units, lines, kinds))]


@pytest.fixture
def rules_alone(monkeypatch):
    """The rules' own reading of a heading between two texts, without the model over it (`headingmodel`): fit on
    full typeset pages, it reads a few one-sentence paragraphs around a heading otherwise (tests/core/
    test_headingmodel.py tests it)."""
    monkeypatch.setattr(assembly.headingmodel, "ENABLED", False)


def _unit(kind, text, pos, blank=1):
    ln = layout.Ln(pos, pos, pos + len(text), text, blank, pos, layout.roles.width(text))
    return Unit(kind, (ln,), ((pos, pos + len(text)),), lead=text.startswith("本报讯"),
                opening=text.startswith("本报讯"))


def test_assemble_reads_headlines_before_their_bodies():
    units = [_unit(HEAD, "城区新建三座口袋公园", 0), _unit(PARA, "本报讯（记者张明）近日，公园正式开放。", 100),
             _unit(HEAD, "市图书馆延长开放时间", 200), _unit(PARA, "本报讯（记者王芳）从下月起，图书馆开放至九点。", 300)]
    result = assemble(units)
    assert result.forward
    assert [(d.headline.units[0].text, [u.pos for u in d.units]) for d in result.drafts] == [
        ("城区新建三座口袋公园", [100]), ("市图书馆延长开放时间", [300])]


def test_assemble_reads_headlines_after_their_bodies():
    units = [_unit(PARA, "本报讯（记者张明）近日，公园正式开放。", 0), _unit(HEAD, "城区新建三座口袋公园", 100),
             _unit(PARA, "本报讯（记者王芳）从下月起，图书馆开放至九点。", 200),
             _unit(HEAD, "市图书馆延长开放时间", 300)]
    result = assemble(units)
    assert not result.forward
    assert [(d.headline.units[0].text, [u.pos for u in d.units]) for d in result.drafts] == [
        ("城区新建三座口袋公园", [0]), ("市图书馆延长开放时间", [200])]


def test_assemble_relabels_a_heading_inside_a_feature_as_a_subhead_without_mutating():
    units = [_unit(HEAD, "情系民生 守护健康", 0), _unit(HEAD, "——某市卫生工作侧记", 50),
             _unit(BYLINE, "□ 记者 王芳", 80), _unit(PARA, "本报讯（记者王芳）从下月起，图书馆开放至九点。", 100),
             _unit(HEAD, "基层服务更贴心", 200), _unit(PARA, "图书馆负责人说，此举方便上班族。", 300)]
    result = assemble(units)
    assert result.forward and len(result.drafts) == 1
    assert [u.kind for u in result.drafts[0].units] == [PARA, SUBHEAD, PARA]
    assert units[4].kind == HEAD  # the input unit is unchanged; the result holds a relabelled copy
    assert [u.kind for u in result.units] == [HEAD, HEAD, BYLINE, PARA, SUBHEAD, PARA]


def test_banners_makes_a_page_top_series_banner_furniture_and_a_lone_one_a_section():
    units = [_unit(HEAD, "守护人民健康", 0), _unit(HEAD, "——群腐整治系列报道④", 50), _unit(HEAD, "城区新建口袋公园", 80),
             _unit(PARA, "本报讯（记者张明）近日，公园正式开放。", 100), _unit(HEAD, "金融", 200),
             _unit(PARA, "这是另一段正文，讲述了一件事情。", 300), _unit(HEAD, "风采展示⑩", 400),
             _unit(PARA, "这是又一段正文，讲述了另一件事情。", 500)]
    out = banners(units)  # (金融, down the page over its text, is an item's short title: see below)
    assert [u.kind for u in out] == [FURN, FURN, HEAD, PARA, HEAD, PARA, SECTION, PARA]
    assert [u.kind for u in units][:2] == [HEAD, HEAD]
    # with no headline under them, the two lines are the first article's own title and subtitle
    assert [u.kind for u in banners(units[:2] + units[3:])][:3] == [HEAD, HEAD, PARA]


def test_banners_keep_a_short_title_right_over_its_text_a_heading():
    """A short heading with no blank line under it and body text there (建议 over its article's first
    paragraph) is that article's title; down the page, apart from the text, it is still one."""
    title = _unit(HEAD, "感悟", 200)
    text = layout.Ln(201, 210, 230, "前些天，我在车站遇见了一位老人。", 0, 200, 32)
    units = [_unit(HEAD, "城区新建口袋公园", 0), _unit(PARA, "本报讯（记者张明）近日，公园正式开放。", 100), title,
             Unit(PARA, (text,), ((210, 230),))]
    assert [u.kind for u in banners(units)] == [HEAD, PARA, HEAD, PARA]
    apart = Unit(PARA, (layout.Ln(201, 210, 230, text.text, 1, 205, 32),), ((210, 230),))
    assert [u.kind for u in banners(units[:3] + [apart])] == [HEAD, PARA, HEAD, PARA]


def test_banners_read_a_short_heading_as_the_pages_label_only_where_furniture_stands():
    """A page's label (理论, 快讯) stands in the page's top, under its running head; a short heading after an
    item, or over a byline, is a title (担当 / 记者 张明); a heading's short last line wrapped under it
    (…招聘工作人员 / 公告) stays furniture, as a heading of its own would split its title's item."""
    head = _unit(FURN, "A08 时报", 0, blank=99)
    top = [head, _unit(HEAD, "理论", 10), _unit(HEAD, "快讯", 20), _unit(HEAD, "城区新建口袋公园", 30),
           _unit(PARA, "本报讯（记者张明）近日，公园正式开放。", 100)]
    assert [u.kind for u in banners(top)] == [FURN, FURN, FURN, HEAD, PARA]
    signed = [head, _unit(HEAD, "担当", 10), _unit(BYLINE, "记者 张明", 20),
              _unit(PARA, "这是一段正文，讲述了一件事情。", 30)]
    assert [u.kind for u in banners(signed)] == [FURN, HEAD, BYLINE, PARA]
    below = [*top[3:], _unit(HEAD, "微阅读", 200), _unit(PARA, "这是又一段正文，讲述了另一件事情。", 300)]
    assert [u.kind for u in banners(below)] == [HEAD, PARA, HEAD, PARA]
    wrapped = [*top[3:], _unit(HEAD, "市图书馆招聘工作人员", 200),
               Unit(HEAD, (layout.Ln(211, 211, 213, "公告", 0, 200, 4),), ((211, 213),)),
               _unit(PARA, "市图书馆根据工作需要，现公开招聘工作人员。", 300)]
    assert [u.kind for u in banners(wrapped)] == [HEAD, PARA, HEAD, FURN, PARA]


def test_a_notices_word_wrapped_under_its_title_is_the_titles_last_line():
    """A notice's word (公告, 启事) alone on the line under a heading, same block, is that heading's wrapped end,
    not a name under the headline: one heading (市图书馆公开招聘应届高校毕业生工作人员 / 公告)."""
    text = "\n".join(["市图书馆二〇二〇年公开招聘应届毕业生", "公告", "", *WRAPPED, ""])
    heads = [u.text for u in layout.read_units(text) if u.kind == HEAD]
    assert heads == ["市图书馆二〇二〇年公开招聘应届毕业生公告"]


def test_a_headline_read_forward_over_headless_text_keeps_its_dashed_kicker_with_its_title():
    """A full headline under text with no headline, whose kicker's words name that text: the kicker ends on its
    dash and leads into the title under it, so the block is never cut between the two (the title's own words
    naming the text below as well), and the whole headline heads the text above."""
    above = _unit(PARA, "城南医院的医护人员踊跃报名支援武汉，城南医院组建了第二批医疗队，十名医护人员连夜出发。", 0)
    group = _make_group([_unit(HEAD, "城南医院医护人员踊跃支援武汉——", 100), _unit(HEAD, "只要需要 时刻出发", 130, blank=0),
                         _unit(BYLINE, "文/王小明", 150, blank=0)])
    below = _unit(PARA, "社区工作人员挨家挨户排查登记，只要需要，他们时刻出发，守好社区的每一道门。", 200)
    assert assembly.heads_headless_above([above, group, below], 1, assembly.Draft([above], None)) == 3
    # a second byline a blank line under the headline's own is the text below's
    signed = _make_group([*group.units, _unit(BYLINE, "记者 李大春", 170)])
    assert assembly.heads_headless_above([above, signed, below], 1, assembly.Draft([above], None)) == 3


def test_constants_of_the_passes_are_named_parameters():
    for name in ("COLUMN_TOLERANCE", "PARA_END_SHORTFALL", "AD_CLUSTER_GAP", "HEADING_LOOKAHEAD"):
        assert isinstance(getattr(layout, name), int | float)
    assert isinstance(AD, layout.UnitKind)


INDENTED = ["　　" + WRAPPED[0], *WRAPPED[1:3], "　　" + WRAPPED[3], *WRAPPED[4:]]


def test_read_lines_marks_the_lines_set_in_the_pages_paragraph_indent():
    lines = read_lines("\n".join([" 城区公园开放", *INDENTED, *INDENTED]))
    assert [ln.opens for ln in lines] == [False] + [True, False, False, True, False, False] * 2
    # one space before a centred headline is no paragraph indent; nor are varying indents
    assert not any(ln.opens for ln in read_lines("\n".join([" 城区公园开放", *WRAPPED])))
    assert layout.paragraph_indent([2, 4, 6, 8, 0]) == 0.0
    assert layout.paragraph_indent([4, 4, 4, 0, 1]) == 4
    # given the lines' texts, the indent must open the text after a sentence's end (or hold clauses)
    ends = ["甲乙丙。", "丁戊己。", "庚辛壬。", "癸子丑。"]
    assert layout.paragraph_indent([4, 0, 4, 0, 4, 0, 4, 0], [x for e in ends for x in ("寅卯，辰", e)]) == 4
    assert layout.paragraph_indent([4, 0, 0, 0, 0, 4, 0, 4], ["大标题", *ends, "小标题", "巳午。", "未申"]) == 0.0
    assert layout.paragraph_indent([4, 0, 0, 4, 0, 4, 0, 4], ["一，二。", "三。", "四。", "五，六。", "七。",
                                                               "八，九。", "十。", "甲乙"]) == 4


def test_an_indent_on_every_blocks_first_line_marks_no_paragraph():
    # an extraction that indents each block's first line: the headline and the text a column break resumes
    # mid-sentence (…助力实体 / (blank) / 经济发展…) are set in the indent too, and only after blank lines
    block = ["　　城区公园开放", "", "　　" + WRAPPED[0], WRAPPED[1], "", "　　" + WRAPPED[2], WRAPPED[3], "",
             "　　" + WRAPPED[4], WRAPPED[5], ""]
    lines = read_lines("\n".join(block * 3))
    assert not any(ln.opens for ln in lines)
    units, _ = build_units(lines, fixed_roles(lines))
    assert [u.kind for u in units] == [HEAD, PARA] * 3 and all(len(u.lines) == 6 for u in units[1::2])
    # a paragraph indent leaves the text a column break resumes unindented: it still marks paragraphs
    para = ["　　" + WRAPPED[0], WRAPPED[1], "", *WRAPPED[2:], ""]
    lines = read_lines("\n".join(["城区公园开放", "", *para * 3]))
    assert [ln.opens for ln in lines] == [False] + [True, False, False, False, False, False] * 3


def test_build_units_starts_paragraphs_at_the_indent_and_only_there():
    # the second paragraph opens with a short clause that would pass for a heading, and the first one
    # breaks at a column end after a full stop: the indent says which lines open a paragraph
    text = "\n".join(["城区公园开放", "", "　　" + WRAPPED[0], *WRAPPED[1:3], "", *WRAPPED[3:5],
                      "　　市民纷纷点赞，企业也", "受益匪浅，取得了良好效果。", "　　" + WRAPPED[5], ""])
    lines = read_lines(text)
    units, _ = build_units(lines, fixed_roles(lines))
    assert [u.kind for u in units] == [HEAD, PARA, PARA, PARA]
    assert len(units[1].lines) == 5 and units[2].text.startswith("市民纷纷点赞")


def test_assemble_reads_the_direction_from_the_headlines_words():
    # no article opens with 本报讯: only the headlines' words tell which text each one heads
    units = [_unit(PARA, "公园里种满了花草，市民纷纷前来散步游玩。", 0), _unit(HEAD, "城区新建口袋公园", 100),
             _unit(PARA, "图书馆从下月起延长开放时间，读者可以晚上借书。", 200),
             _unit(HEAD, "图书馆延长开放时间", 300), _unit(PARA, "天气转暖，郊外踏青的人多了起来。", 400)]
    assert not assemble(units).forward  # (text at both ends: the contradictions alone cannot tell)
    flipped = [_unit(HEAD, "城区新建口袋公园", 0), _unit(PARA, "公园里种满了花草，市民纷纷前来散步游玩。", 100),
               _unit(HEAD, "图书馆延长开放时间", 200), _unit(PARA, "图书馆从下月起延长开放时间，读者可以晚上借书。", 300)]
    assert assemble(flipped).forward


def test_heading_here_is_false_for_a_line_of_the_columns_width_running_on_by_a_word():
    # 北 + 京 = 北京: a full line of the column, cut inside a word, is body text however heading-like
    text = "\n".join(["城区公园开放", "", *WRAPPED, "", "此次活动邀请劳动模范、北", "京榜样、快递小哥、环卫工", "",
                      *WRAPPED])
    lines = read_lines(text)
    kinds = list(fixed_roles(lines))
    at = next(i for i, ln in enumerate(lines) if ln.text.endswith("、北"))
    lines_narrow = read_lines(text.replace("\n".join(WRAPPED), "\n".join(w[:12] for w in WRAPPED)))
    assert not layout.heading_here(lines_narrow, list(fixed_roles(lines_narrow)), at)
    assert layout.heading_here(lines, kinds, 0)


def test_caption_blocks_take_a_wrapped_caption_and_the_text_above_a_lone_credit():
    text = "\n".join([*WRAPPED[:2], "", "图①：贵州丹寨县，快递员走在寄件路上。（贺俊", "怡 摄）", "", *WRAPPED[2:4], "",
                      "初春时节，福州的梅花、樱花等花卉进入盛开旺季，引得众", "多绣眼鸟前来吸食花蜜。", "（王海滨 摄）", "",
                      *WRAPPED[4:], ""])
    lines = read_lines(text)
    kinds = fixed_roles(lines)
    assert [ln.text[:4] for ln, k in zip(lines, kinds, strict=True) if k == CAPTION] == [
        "图①：贵", "怡 摄）", "初春时节", "多绣眼鸟", "（王海滨"]
    units, _ = build_units(lines, kinds)
    assert [len(u.lines) for u in units if u.kind == CAPTION] == [2, 3]  # each caption with its credit
    assert [u.text[:4] for u in units if u.kind == PARA] == ["企业发展"]  # one paragraph, the captions skipped


@pytest.mark.parametrize("caption", [
    ["游客在公园的湖边散步赏花，享受春光。（王海滨", "摄）"],  # the credit word wrapped onto a line of its own
    ["游客在公园的湖边散步赏花，享受春光。 记者", "王海滨 摄"],  # the role word left on the line above
    ["游客在公园的湖边散步赏花，享受春光 记者", "王海滨 摄"],  # ... after a caption that ends on no stop
    ["游客在公园的湖边散步赏花，享受春光 记者 王海", "滨 摄"],  # the break cutting the name itself
    ["游客在公园的湖边散步赏花，享受春光。（王海", "滨 摄）"],
])
def test_caption_blocks_take_a_caption_whose_credit_runs_across_a_line_break(caption):
    text = "\n".join([*WRAPPED[:3], "", "", *caption, "", *WRAPPED[3:], ""])
    lines = read_lines(text)
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == caption
    units = layout.read_units(text)
    assert [u.text for u in units if u.kind == CAPTION] == ["".join(caption)]
    assert [u.kind for u in units] == [PARA, CAPTION]


def test_caption_blocks_take_a_block_standing_apart_over_a_lone_credit_whatever_its_last_mark():
    # captions often stop without a full stop; set apart by a blank line above, the block over a credit alone on
    # its line is the caption. Run on from the text above it (no blank line), it is the text's
    caption = ["游客在公园的湖边散步赏花，", "享受春光"]
    text = "\n".join([*WRAPPED[:3], "", "", *caption, "王海滨 摄", "", *WRAPPED[3:], ""])
    lines = read_lines(text)
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == [*caption, "王海滨 摄"]
    text = "\n".join([*WRAPPED[:3], *caption, "王海滨 摄", "", *WRAPPED[3:], ""])
    lines = read_lines(text)
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == ["王海滨 摄"]


def test_inserted_captions_take_a_block_set_between_the_two_halves_of_a_sentence():
    # 助力实 / (a caption) / 体经济: the text below carries on the sentence the text above left open, the block
    # between neither carries it on nor is carried on: a photo's caption, though it has neither credit nor mark
    above = [*WRAPPED[:1], "力度，为小微企业送去金融活水，助力实"]
    below = ["体经济发展，取得了良好效果。该行还优化流", *WRAPPED[3:]]
    block = ["市民在公园的湖边散步，", "欣赏盛开的樱花。"]
    lines = read_lines("\n".join([*above, "", *block, "", *below, ""]))
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == block
    units = layout.read_units("\n".join([*above, "", *block, "", *below, ""]))
    assert [u.kind for u in units] == [PARA, CAPTION]
    assert "助力实体经济" in units[0].text
    # body cut by a column break carries the sentence on in its own first line: no caption
    cut = ["体经济发展，取得了良好效果。该行还优化", "流程。"]
    lines = read_lines("\n".join([*above, "", *cut, "", *below[1:], ""]))
    assert CAPTION not in fixed_roles(lines)
    # nor when the text below opens a part of its own (一、…)
    lines = read_lines("\n".join([*above, "", *block, "", "一、经济发展取得了良好效果，该行还优化", *WRAPPED[3:], ""]))
    assert CAPTION not in fixed_roles(lines)


@pytest.mark.parametrize("caption", [["游客在公园的湖边散步赏花。 王海滨 摄"], ["游客在公园的湖边散步", "赏花。 王海滨 摄"]])
def test_caption_blocks_leave_the_body_line_a_caption_interrupts_above_its_credit(caption):
    # a caption with its credit printed inside a paragraph, no blank line around it: the line above it is the
    # paragraph's, whose word (实体) the line below the caption completes; the caption's lines start under it
    rows = ["城区公园开放", "", WRAPPED[0], "力度，为小微企业送去金融活水，助力实", *caption,
            "体经济发展，取得了良好效果。该行还优化流", *WRAPPED[3:]]
    lines = read_lines("\n".join(rows))
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == caption
    units = layout.read_units("\n".join(rows))
    assert [u.kind for u in units] == [HEAD, PARA, CAPTION] and "助力实体经济" in units[1].text


def test_build_units_close_an_article_with_its_bracketed_byline_after_a_caption():
    rows = ["城区公园开放", "", *WRAPPED, "市民在公园里散步 王五 摄", "（记者 王三 通讯员 李四）", "", "新区学校开学", "",
            *WRAPPED]
    units, _ = build_units(read_lines("\n".join(rows)), fixed_roles(read_lines("\n".join(rows))))
    closing = next(u for u in units if u.text.startswith("（记者"))
    assert closing.kind == BYLINE and closing.end_marker and not closing.opening


def test_build_units_end_a_paragraph_at_a_note_of_sources_and_reporters_over_a_caption():
    # a round-up's closing note (（综合本报记者…报道）, wrapped), then a caption, then another article's text: the
    # note ends no sentence, but nothing of its article runs on below it, across the caption or not
    rows = ["城区公园开放", "", *WRAPPED, "", "（综合本报记者王小三、李小四、赵五、孙", "六、吴八、郑九、冯十、陈一报道）", "",
            "图①：城区社区工作人员劝导市民加强防护，", "提醒市民外出戴好口罩。", "", "因为长时间高强度工作，本来干净白皙的脸",
            "上，被口罩勒出了醒目血痕；本来纤细光滑", "的手指，被手套里的汗水泡皱发白。"]
    units = layout.read_units("\n".join(rows))
    note = next(u for u in units if u.text.startswith("（综合"))
    assert note.kind == PARA and note.end_marker and note.text.endswith("报道）")
    assert any(u.kind == PARA and u.text.startswith("因为长时间") for u in units)


def test_caption_blocks_stop_at_an_articles_opening_above_a_credited_caption():
    rows = ["城区公园开放", "", "本报讯（记者 王三）当地时间2月26日，", "市民们在公园的湖边", "散步赏花（李四 摄）",
            "城区公园举行开园仪式，吸引大批市民前来。", *WRAPPED[3:]]
    lines = read_lines("\n".join(rows))
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == rows[3:5]


def test_caption_blocks_stop_at_a_line_of_the_columns_measure_over_a_caption_set_wider():
    narrow = [w[:10] for w in WRAPPED]
    caption = ["高三学生肖乐言正在家里参加网上班", "会。（贺林平 摄）"]
    rows = [*narrow, *caption, *narrow, "成效明显。"]
    lines = read_lines("\n".join(rows))
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == caption
    # nor does a caption take in the close of a note in brackets above it
    rows = [*WRAPPED, "", "（作者单位：北京大学法学", "院）", "市民在公园的湖边散步赏花。", "（李四 摄）", "", *WRAPPED]
    lines = read_lines("\n".join(rows))
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == rows[-len(WRAPPED) - 3:-len(WRAPPED) - 1]


def test_standalone_captions_keep_a_list_item_and_the_end_of_an_open_paragraph_in_the_body():
    text = "\n".join(["城区公园开放", "", *WRAPPED[:2], "", "取得了良好效果。", "", "——市民的获得感更强了。", "",
                      *WRAPPED, ""])
    lines = read_lines(text)
    units, kinds = build_units(lines, fixed_roles(lines))
    assert not [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION]


def test_local_column_leaves_out_the_indented_first_lines():
    lines = read_lines("\n".join(["　　" + w[2:] if k % 2 == 0 else w for k, w in enumerate(WRAPPED * 4)]))
    assert lines[0].opens and local_column(lines, 6) == 19.0


def test_fixed_roles_read_signed_lines_as_bylines_and_a_page_header_as_furniture():
    lines = read_lines("10 理论 2019年02月27日 星期三\n作者：朱东阳 连锦添\n文/李刚\n作者：这是一句话，不是署名\n")
    assert fixed_roles(lines)[:3] == (FURN, BYLINE, BYLINE)
    assert fixed_roles(lines)[3] != BYLINE


def test_fixed_roles_read_a_page_number_stacked_in_the_running_head_and_the_name_under_it_as_furniture():
    # the running head's parts one a line: the paper's name, the date, the page's number, the page's name
    lines = read_lines("\n".join(["城南日报", "2020年02月13日 星期四", "A15", "健康", "", "城区新建口袋公园", "",
                                   *WRAPPED]))
    assert fixed_roles(lines)[:4] == (FURN, FURN, FURN, FURN)
    assert fixed_roles(lines)[5] != FURN
    # a number and a word alone, with no running head beside them, are left to the other passes
    lines = read_lines("\n".join(["A15", "健康", "", "城区新建口袋公园", "", *WRAPPED]))
    assert fixed_roles(lines)[:2] == (NONE, NONE)


def test_author_lines_take_a_lone_two_character_name_under_a_headline():
    lines = read_lines("情系民生 守护健康\n\n贺勇\n\n" + "\n".join(WRAPPED))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert [u.kind for u in author_lines(standalone_captions(units, lines, kinds))][:2] == [HEAD, BYLINE]


def test_headline_block_reads_a_short_block_no_sentence_ends_in_as_a_headline():
    # a title wrapped mid-word over three lines, a subtitle wrapped too: no body line stops like that
    head = ["奋力开创治蜀兴川新局面（在习近平新时", "代中国特色社会主义思想指引下——新时", "代新作为新篇章）", "——四川落实重要讲话精神", "纪实"]
    lines = read_lines("\n".join([*WRAPPED, "", *head, "", *WRAPPED, ""]))
    kinds = list(fixed_roles(lines))
    assert [layout.heading_here(lines, kinds, i) for i in range(6, 11)] == [True] * 5
    # a paragraph ending on a colon, or a block carrying on a sentence left open above, is no headline
    lines = read_lines("\n".join([*WRAPPED, "", "细看去年的中国外贸答", "卷，不仅总分高，而且亮", "点多：", "", *WRAPPED, ""]))
    assert not layout.headline_block(lines, list(fixed_roles(lines)), 6)
    lines = read_lines("\n".join([*WRAPPED[:2], "", *head[:3], "", *WRAPPED, ""]))
    assert not layout.headline_block(lines, list(fixed_roles(lines)), 2)


def test_assemble_keeps_a_subhead_wrapped_over_two_lines_inside_its_feature():
    units = [_unit(HEAD, "城区新建口袋公园", 0), _unit(BYLINE, "□ 记者 王芳", 50),
             _unit(PARA, "城区新建的口袋公园正式开放，公园里种满了花草，市民纷纷前来公园散步。", 100),
             _unit(HEAD, "市民认养公园花", 200), _unit(HEAD, "草树木", 220),
             _unit(PARA, "口袋公园里的花草由市民认养，公园散步的市民说，花草让城区更美。", 300)]
    result = assemble(units)
    assert len(result.drafts) == 1 and [u.kind for u in result.drafts[0].units] == [PARA, SUBHEAD, SUBHEAD, PARA]



def test_assemble_opens_an_article_at_a_heading_block_under_a_closing_line():
    # the same block of two headings under the article's closing line: nothing of that article goes on, so
    # however much of its topic the text below carries on, the block heads another article
    units = [_unit(HEAD, "城区新建口袋公园", 0), _unit(BYLINE, "□ 记者 王芳", 50),
             _unit(PARA, "城区新建的口袋公园正式开放，公园里种满了花草，市民纷纷前来公园散步。", 100),
             dataclasses.replace(_unit(PARA, "（本报北京2月3日电）", 150), end_marker=True),
             _unit(HEAD, "市民纷纷认养公园花草", 200), _unit(HEAD, "城区变得更美了", 220, blank=0),
             _unit(PARA, "城区新建的口袋公园里，花草由市民认养，市民纷纷前来公园散步。", 300)]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100, 150], [300]]
    # (over the text it carries on, with no closing line above, the block is that article's subheads)
    assert len(assemble(units[:3] + units[4:]).drafts) == 1


def test_headline_block_takes_a_title_whose_label_in_brackets_wraps():
    head = ["“让更多国家人民有更多获得感”", "（风从东方来——国际人士谈一带一", "路合作）"]
    lines = read_lines("\n".join([*head, "", "　　" + WRAPPED[0], *WRAPPED[1:], "　　" + WRAPPED[0], *WRAPPED[1:],
                                  "　　" + WRAPPED[0], *WRAPPED[1:], ""]))
    kinds = list(fixed_roles(lines))
    assert [layout.heading_here(lines, kinds, i) for i in range(3)] == [True, True, True]


def test_a_paragraph_with_an_open_title_mark_carries_on_across_a_column_break():
    text = "\n".join(["城区公园开放", "", *WRAPPED, "", "——下沉社区，为民解忧。按市委组织部《荆州市", "",
                      "机关企事业单位党员、干部常态化下沉社区服务群众", "工作方案》通知要求，党员干部到社区报到并认领任务。", "",
                      *WRAPPED, ""])
    lines = read_lines(text)
    units, _ = build_units(lines, fixed_roles(lines))
    assert [len(u.lines) for u in units if u.text.startswith("——下沉社区")] == [3]


def test_heading_here_is_false_for_a_long_clause_pair_cut_at_the_column():
    # two halves of one length either side of a comma, but long ones: a sentence, not a parallel headline
    wide = ["企业发展需要资金支持，该行加大信贷投放力度，为小", "微企业送去金融活水，助力实体经济发展，取得了良", "好效果。该行还优化流程，缩短审批时间，提高服务",
            "效率，赢得客户的一致好评。今年以来，该行累计投", "放贷款十亿元，支持企业三百余家，成效十分明显。"]
    text = "\n".join([*wide, "", "从除夕当天17时开始，全院干部职工不分昼夜对", "标规划、调运物资、基建施工、布置清理，仅用4天5",
                      "夜的时间，将开发区分院改建成荆州版“小汤山”医院", "，又以3天3夜的“二医速度”，完成华厦眼科医院隔", *wide, ""])
    lines = read_lines(text)
    assert not layout.heading_here(lines, list(fixed_roles(lines)), 5)
    assert layout._parallel("护佑生命战疫情，使命担当新作为")


def test_standalone_captions_want_an_unmarked_caption_short_and_set_apart():
    text = "\n".join(["城区公园开放", "", "市民在公园里散步。", "", "本报讯（记者 王三）" + WRAPPED[0], *WRAPPED[1:],
                      "战略新兴产业贷款余额近七十亿元。", "",
                      "岳塘区妇幼保健所的发展只是联合体开展专家对口基层服务成效的一个缩影。", "", *WRAPPED, ""])
    lines = read_lines(text)
    units, kinds = build_units(lines, fixed_roles(lines))
    assert [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION] == ["市民在公园里散步。"]


def test_assemble_gives_a_headline_back_to_back_with_the_next_one_to_the_text_above():
    # a page that prints its headlines before their bodies, but the first article's after its body: the two
    # headline blocks stand back to back (a blank line apart); the first names the text above, so heads it
    units = [_unit(PARA, "公园里种满了花草，口袋公园成了市民散步游玩的好去处。", 0),
             _unit(HEAD, "城区新建口袋公园", 100), _unit(HEAD, "市民散步有了好去处", 120, blank=0),
             _unit(HEAD, "图书馆延长开放时间", 200, blank=1),
             _unit(PARA, "图书馆从下月起延长开放时间，读者可以晚上借书。", 300),
             _unit(HEAD, "郊外踏青人多", 400), _unit(PARA, "本报讯（记者李华）天气转暖，郊外踏青的人多了起来。", 500)]
    result = assemble(units)
    assert result.forward
    assert [(d.headline.units[-1].text, [u.pos for u in d.units]) for d in result.drafts] == [
        ("市民散步有了好去处", [0]), ("图书馆延长开放时间", [300]), ("郊外踏青人多", [500])]
    # a lone line set apart over a title is that title's kicker: the block stays one headline
    kicker = [*units[:1], _unit(HEAD, "城区新建口袋公园", 100), _unit(HEAD, "图书馆延长开放时间", 200, blank=1),
              *units[4:]]
    heads = [[u.text for u in d.headline.units] for d in assemble(kicker).drafts if d.headline]
    assert ["城区新建口袋公园", "图书馆延长开放时间"] in heads


def test_back_to_back_reads_the_words_of_the_text_above_at_its_close_too():
    # the article above prints its headline after its body, back to back with the next article's; the text
    # above opens on other words (a feature's later part, under a subhead) and only its close, right over the
    # headline, names them: the first block heads the text above, the second the text below
    middle = ["附近居民每家认领一片花草，每天早晚浇水施肥，还在草地边立起木牌，写明认领人的名字。",
              "退休教师老王认领了门口的月季，他说，看着花一天天开起来，心里特别高兴，也交了新朋友。",
              "社区还请来园林专家上课，教大家怎样修剪枝叶、怎样防治病虫，报名的人比预想的多一倍。",
              "到了周末，孩子们跟着爷爷奶奶来帮忙，拔草、捡落叶、给小树苗扶正，忙得满头大汗。",
              "有的居民还自己买来种子，在空地上种下向日葵和波斯菊，等到秋天就能看到一片金黄。",
              "街道工作人员介绍，认领制度实行半年来，花草的成活率明显提高，养护费用也省了不少。"] * 2
    units = [*[_unit(PARA, text, 50 * k) for k, text in enumerate(middle)],
             _unit(PARA, "如今，城区的口袋公园成了市民散步的好去处。", 900),
             _unit(HEAD, "城区新建口袋公园", 1000), _unit(HEAD, "市民散步有了好去处", 1020, blank=0),
             _unit(HEAD, "图书馆延长开放时间", 1100, blank=1),
             _unit(PARA, "图书馆从下月起延长开放时间，读者可以晚上借书。", 1200),
             _unit(HEAD, "郊外踏青人多", 1300), _unit(PARA, "本报讯（记者李华）天气转暖，郊外踏青的人多了起来。", 1400)]
    assert len("".join(middle)) > assembly.TOPIC_CHARS
    result = assemble(units)
    assert result.forward
    assert [(d.headline.units[-1].text, d.units[0].pos, d.units[-1].pos) for d in result.drafts] == [
        ("市民散步有了好去处", 0, 900), ("图书馆延长开放时间", 1200, 1200), ("郊外踏青人多", 1400, 1400)]


def test_assemble_gives_a_headline_with_no_text_under_it_the_text_above_on_a_page_read_forward():
    # the page's last headline has nothing under it to head: it was printed after its body, which starts
    # where the text above stops carrying on the first article's topic and names its words
    units = [_unit(HEAD, "城区新建口袋公园", 0), _unit(HEAD, "市民散步有了好去处", 20, blank=0),
             _unit(PARA, "城区新建的口袋公园种满了花草，市民散步有了好去处。", 100),
             _unit(PARA, "口袋公园由附近居民认养，公园的花草四季常青。", 200),
             _unit(PARA, "图书馆从下月起延长开放时间，读者晚上也能借书。", 300),
             _unit(PARA, "图书馆还将增设自助借书机，方便读者借书还书。", 400),
             _unit(HEAD, "图书馆延长开放时间", 500), _unit(HEAD, "读者晚上也能借书", 520, blank=0)]
    result = assemble(units)
    assert result.forward
    assert [(d.headline.units[-1].text, [u.pos for u in d.units]) for d in result.drafts] == [
        ("市民散步有了好去处", [100, 200]), ("读者晚上也能借书", [300, 400])]
    # where the text in hand names the last headline's words rather than its own headline's, it is one
    # article's text: the heading stays inside it
    one = [*units[:2], *units[4:]]
    assert [len(d.units) for d in assemble(one).drafts] == [4]


def test_assemble_gives_a_full_headline_with_no_text_under_it_to_the_text_its_byline_opened(monkeypatch):
    # a page read forward; the second article opens under its byline alone and prints its headline after its
    # body, with nothing under it: that headline is the article's (not its subheads), the byline kept with it
    monkeypatch.setattr(assembly, "DIRECTION", True)
    units = [_unit(HEAD, "城区新建口袋公园", 0), _unit(HEAD, "市民散步有了好去处", 20, blank=0),
             _unit(PARA, "本报讯（记者李华）城区新建的口袋公园种满了花草，市民散步有了好去处。", 100),
             _unit(BYLINE, "本报记者 王芳", 200),
             _unit(PARA, "图书馆从下月起延长开放时间，读者晚上也能借书。", 300),
             _unit(PARA, "图书馆还将增设自习座位，方便读者。", 400),
             _unit(HEAD, "图书馆延长开放时间", 500), _unit(HEAD, "读者晚上也能借书", 520, blank=0)]
    drafts = assemble(units).drafts
    assert [([u.text for u in d.headline.units], [u.pos for u in d.units]) for d in drafts] == [
        (["城区新建口袋公园", "市民散步有了好去处"], [100]),
        (["图书馆延长开放时间", "读者晚上也能借书", "本报记者 王芳"], [300, 400])]


def test_assemble_gives_back_a_headline_that_slid_onto_the_next_article(monkeypatch):
    # a page read forward whose articles print their headlines after their bodies: the first headline opened
    # the text under it, but its words name the text above (headless), and the last headline, with nothing
    # under it, names the text it closes: each heads the text above it
    monkeypatch.setattr(assembly, "DIRECTION", True)
    units = [_unit(PARA, "城区新建的口袋公园种满了花草，市民散步有了好去处。", 0),
             _unit(HEAD, "城区新建口袋公园", 100), _unit(HEAD, "市民散步有了好去处", 120, blank=0),
             _unit(PARA, "图书馆从下月起延长开放时间，读者晚上也能借书。", 200),
             _unit(HEAD, "图书馆延长开放时间", 300), _unit(HEAD, "读者晚上也能借书", 320, blank=0)]
    assert [(d.headline.units[-1].text, [u.pos for u in d.units]) for d in assemble(units).drafts] == [
        ("市民散步有了好去处", [0]), ("读者晚上也能借书", [200])]
    # a first headline that names the text under it keeps it
    units[1:3] = [_unit(HEAD, "图书馆开放时间调整", 100), _unit(HEAD, "读者可以晚上借书", 120, blank=0)]
    assert assemble(units).drafts[1].headline.units[-1].text == "读者可以晚上借书"


def test_assemble_gives_a_full_headline_that_names_the_headless_text_above_to_that_text(monkeypatch):
    # a page read forward, one article of which prints its headline after its body: the text above the
    # headline opened an article of its own (a dispatch) and has no headline; the headline's words name it,
    # not the text under the headline, so it heads the text above
    monkeypatch.setattr(assembly, "DIRECTION", True)
    units = [_unit(HEAD, "图书馆延长开放时间", 0), _unit(HEAD, "读者晚上也能借书", 20, blank=0),
             _unit(PARA, "本报讯（记者王芳）图书馆从下月起延长开放时间，读者晚上也能借书。", 100),
             _unit(PARA, "本报讯（记者李华）春运返程客流高峰今天到来，铁路部门增开临时列车。", 200),
             _unit(HEAD, "春运返程客流高峰到来", 300), _unit(HEAD, "铁路部门增开临时列车", 320, blank=0),
             _unit(PARA, "寒假里，村里的图书室成了孩子们最爱去的地方，孩子们在这里读书写作业。", 400)]

    def read(page):
        return [(d.headline and d.headline.units[-1].text, [u.pos for u in d.units]) for d in assemble(page).drafts]

    assert read(units) == [("读者晚上也能借书", [100]), ("铁路部门增开临时列车", [200]), (None, [400])]
    # a second headline back to back under it, whose words do not name the text above, heads the text below
    both = [*units[:6], _unit(HEAD, "乡村图书室里的寒假", 340, blank=0), _unit(HEAD, "孩子们在这里读书", 360, blank=0),
            units[6]]
    assert read(both) == [("读者晚上也能借书", [100]), ("铁路部门增开临时列车", [200]), ("孩子们在这里读书", [400])]
    # ... but a title's line that runs on from the line above (an open bracket) is no other headline
    wrapped = [*units[:4], _unit(HEAD, "铁路部门增开临时列车", 300), _unit(HEAD, "春运返程客流高峰到来（新春", 320, blank=0),
               _unit(HEAD, "走基层）", 340, blank=0), units[6]]
    assert read(wrapped) == [("读者晚上也能借书", [100]), ("走基层）", [200]), (None, [400])]
    # a one-line heading there may be a feature's subhead: it heads no text above
    one = [*units[:4], units[5], units[6]]
    assert not any(d.units and d.units[0].pos == 200 and d.headline for d in assemble(one).drafts)


def test_split_point_starts_the_second_article_where_its_headlines_words_come_back():
    run = [_unit(PARA, "公园里种满了花草，市民纷纷前来散步游玩。", 0),
           _unit(PARA, "公园管理处说，花草由附近居民认养。", 100),
           _unit(PARA, "图书馆从下月起延长开放时间，读者可以晚上借书。", 200),
           _unit(PARA, "图书馆还将增设自习座位。", 300)]
    assert split_point(run, _make_group([_unit(HEAD, "图书馆延长开放时间", 400)])) == 2
    assert split_point(run[:1], _make_group([_unit(HEAD, "图书馆延长开放时间", 400)])) == 0


def test_a_headline_printed_before_its_body_on_a_page_read_backward():
    units = [_unit(PARA, "公园里种满了花草，口袋公园成了市民散步游玩的好去处。", 0),
             _unit(HEAD, "城区新建口袋公园", 100), _unit(HEAD, "市民散步有了好去处", 120, blank=0),
             _unit(HEAD, "图书馆延长开放时间", 200, blank=1),
             _unit(PARA, "图书馆从下月起延长开放时间，读者可以晚上借书。", 300),
             _unit(PARA, "铁路部门预计，春运返程客流高峰今天到来，车站增开临时列车。", 400),
             _unit(HEAD, "春运返程客流高峰到来", 500),
             _unit(PARA, "寒假里，村里的图书室成了孩子们最爱去的地方。孩子们在这里读书、写作业。", 600),
             _unit(HEAD, "乡村图书室里的寒假", 700)]
    result = assemble(units)
    assert not result.forward
    assert [(d.headline.units[-1].text, [u.pos for u in d.units]) for d in result.drafts] == [
        ("市民散步有了好去处", [0]), ("图书馆延长开放时间", [300]), ("春运返程客流高峰到来", [400]),
        ("乡村图书室里的寒假", [600])]


def test_read_backward_the_next_headline_heads_the_text_under_it_where_its_words_name_none_above():
    """On a page read backward, the text run under a headline printed before its body ends where the next
    headline's article begins: not at a paragraph that headline's words do not name. Then that headline too
    was printed before its body, and heads the text under it."""
    units = [_unit(PARA, "公园里种满了花草，口袋公园成了市民散步游玩的好去处。", 0),
             _unit(HEAD, "城区新建口袋公园", 100), _unit(HEAD, "市民散步有了好去处", 120, blank=0),
             _unit(HEAD, "图书馆延长开放时间", 200, blank=1),
             _unit(PARA, "图书馆从下月起延长开放时间，读者可以晚上借书。", 300),
             _unit(PARA, "图书馆负责人说，图书馆还将增设自习座位，方便读者学习。", 400),
             _unit(HEAD, "民警走访企业解难题", 500), _unit(BYLINE, "◆张腾扬", 550, blank=0),
             _unit(PARA, "近日，派出所民警来到一家电子公司，协助工作人员为新入厂的员工登记信息。", 600)]
    result = assemble(units)
    assert not result.forward
    assert [(d.headline.units[0].text, [u.pos for u in d.units]) for d in result.drafts] == [
        ("城区新建口袋公园", [0]), ("图书馆延长开放时间", [300, 400]), ("民警走访企业解难题", [600])]


def test_read_backward_a_features_first_subhead_under_its_opening_stays_a_subhead():
    """On a page read backward, a one-line heading under a feature's opening, over text that carries its topic
    on, is the subhead of the feature's first part when the full headline below (the feature's, printed after
    it) names the opening, not the text under the heading."""
    units = [_unit(PARA, "春耕时节，各地农机合作社的无人机在麦田里喷洒农药，农机手忙着检修农机，春耕生产有序推进。", 0),
             _unit(HEAD, "无人机在麦田喷洒农药", 100),
             _unit(PARA, "合作社负责人说，今年农机作业效率比往年提高了一倍，春耕生产抢前抓早，农机手都很忙。", 200),
             _unit(HEAD, "线上服务站指导农机检修", 300),
             _unit(PARA, "农业部门开通春耕农机线上服务站，推送农机检修保养知识，帮助农机合作社做好春耕生产。", 400),
             _unit(HEAD, "农机合作社：", 500), _unit(HEAD, "全力组织春耕生产", 520, blank=0),
             _unit(PARA, "市图书馆从下月起每天延长开放时间至晚上九点，方便上班族借书。图书馆还将增设自习座位。", 600),
             _unit(HEAD, "市图书馆延长开放时间", 700), _unit(BYLINE, "记者 王芳", 750, blank=0)]
    result = assemble(units)
    assert not result.forward
    assert [(d.headline.units[0].text, [(u.pos, u.kind) for u in d.units]) for d in result.drafts] == [
        ("农机合作社：", [(0, PARA), (100, SUBHEAD), (200, PARA), (300, SUBHEAD), (400, PARA)]),
        ("市图书馆延长开放时间", [(600, PARA)])]


def test_a_title_wrapped_onto_a_line_shaped_as_a_notices_title_is_one_headline():
    # 上海合作组织就支持中国抗 / 击新冠肺炎疫情发表声明 / 陈晨曦 黄硕: the second line carries the first on (抗击), so
    # it is no notice's title standing apart, and the block is one full headline, read either way
    seq = assembly._group([_unit(PARA, "2月14日，上海合作组织发表声明，支持中方抗击疫情的努力。", 0),
                           _unit(HEAD, "上海合作组织就支持中国抗", 100), _unit(HEAD, "击新冠肺炎疫情发表声明", 120, blank=0),
                           _unit(BYLINE, "陈晨曦 黄硕", 140, blank=0)])
    assert [(type(x).__name__, getattr(x, "strong", None), getattr(x, "notice", None)) for x in seq] == [
        ("Unit", None, None), ("Group", True, False)]
    # with no byline, a notice's title wrapped is still a notice's, printed above its text
    seq = assembly._group([_unit(HEAD, "金砖国家就支持中国抗击新冠肺炎疫", 100), _unit(HEAD, "情发表主席声明", 120, blank=0),
                           _unit(PARA, "2月11日，金砖主席国俄罗斯发表主席声明，支持中国抗击疫情。", 200)])
    assert [getattr(x, "notice", None) for x in seq] == [True, None]


def test_a_numbered_part_whose_next_number_follows_is_a_part_of_its_text(monkeypatch):
    # 二、 with 三、 below it in the same text: a document's parts, even where its 一、 was read as text
    later = [_unit(HEAD, "三、招聘岗位及具体要求", 300)]
    assert assembly.numbered_part(_make_group([_unit(HEAD, "二、招聘范围", 100)]), [], later)
    assert not assembly.numbered_part(_make_group([_unit(HEAD, "二、招聘范围", 100)]), [], [])
    monkeypatch.setattr(assembly, "DIRECTION", False)
    units = [_unit(PARA, "本报讯 报社现面向2020届高校毕业生公开招聘工作人员。一、报名资格和条件：具有中华人民共和国国籍。", 0),
             _unit(HEAD, "二、招聘范围", 100), _unit(PARA, "招聘对象为高校毕业生或海外留学归国人员，视具体岗位而定。", 200),
             _unit(HEAD, "三、招聘岗位及具体要求", 300), _unit(PARA, "具体岗位及要求见附表，详情请参阅招聘网站。", 400),
             _unit(HEAD, "报社公开招聘", 500), _unit(HEAD, "应届高校毕业生", 520, blank=0)]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[0, 100, 200, 300, 400]]


def test_caption_blocks_take_the_block_above_a_credit_at_the_end_of_a_captions_last_line():
    caption = ["目前，社区共排查出34名返乡的居", "民，都在社区服务保障下居家隔离观察 陆波岸 摄"]
    text = "\n".join([*WRAPPED[:3], "", *caption, "", *WRAPPED[3:], ""])
    lines = read_lines(text)
    kinds = fixed_roles(lines)
    assert [ln.text[:4] for ln, k in zip(lines, kinds, strict=True) if k == CAPTION] == ["目前，社", "民，都在"]
    units, _ = build_units(lines, kinds)
    assert [u.text[:4] for u in units if u.kind == PARA] == ["企业发展"]  # the paragraph runs on across it
    # a block of body text too long for a caption stays body, whatever its last line ends with
    long_block = [*WRAPPED[:5], WRAPPED[5][:-1] + " 张三 摄"]
    lines = read_lines("\n".join([*WRAPPED, "", *long_block, "", *WRAPPED, ""]))
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == [long_block[-1]]


def test_caption_blocks_start_a_caption_with_its_mark_not_above_it():
    text = "\n".join([*WRAPPED[:2], "", "这项活动延续至今，每年都", "吸引众多市民参加。",
                      "图为市民参加活动。（张三 摄）", "", *WRAPPED[2:], ""])
    lines = read_lines(text)
    assert [ln.text[:4] for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == ["图为市民"]


def test_build_units_mark_a_dateline_as_an_articles_opening():
    text = "\n".join(["新华社北京2月26日电中共中央政治局常务委员会2", "月26日召开会议，研究部署近期工作。", "",
                      "这家合作社今年发电量大增，收入明", "显提高，村民们都很高兴。", ""])
    lines = read_lines(text)
    units, _ = build_units(lines, fixed_roles(lines))
    assert [(u.kind, u.opening, u.lead) for u in units] == [(PARA, True, False), (PARA, False, False)]


def test_assemble_starts_an_article_at_a_dateline_under_a_heading_on_a_page_read_forward():
    def para(text, pos):
        return dataclasses.replace(_unit(PARA, text, pos), opening=text.startswith("新华社"))

    units = [_unit(HEAD, "城区新建三座口袋公园", 0), _unit(BYLINE, "□ 记者 张明", 50),
             para("近日，城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身。", 100),
             _unit(HEAD, "疫情防控工作取得阶段性成效", 200),
             para("新华社北京2月26日电 城区疫情防控工作取得阶段性成效，公园将有序开放。", 300)]
    result = assemble(units)
    assert result.forward
    assert [(d.headline.units[0].text, [u.pos for u in d.units]) for d in result.drafts] == [
        ("城区新建三座口袋公园", [100]), ("疫情防控工作取得阶段性成效", [300])]


def test_ad_roles_stop_an_ad_before_the_narrow_column_of_text_after_it():
    ad = ["城建轨道建设公司", "拓宽产业门路 增加农民收入", "咨询电话：0604-73798963", "服务热线：0604-73798964"]
    narrow = [w[:14] for w in WRAPPED] + ["成效明显。"]
    lines = read_lines("\n".join([*ad, "", "危难时刻彰显本色", "", *narrow, ""]))
    kinds = layout.ad_roles(lines, (NONE,) * len(lines))
    assert [ln.text for ln, k in zip(lines, kinds, strict=True) if k == AD] == ad
    # short unpunctuated lines to the page's end are the ad's own (its slogans and names)
    lines = read_lines("\n".join([*WRAPPED, "", *ad, "", "城建公司 值得信赖", "欢迎来电"]))
    assert layout.ad_roles(lines, (NONE,) * len(lines))[-2:] == (AD, AD)


def test_heading_here_is_false_for_a_paragraphs_first_line_as_wide_as_the_lines_under_it():
    para = ["博拉、寨卡等疫情得出的经验和教训", "始终警示世人，公共卫生事件的影响", "超出国界，“我们都身在其中，我们",
            "只能团结一致阻止它”。正像联合国", "秘书长古特雷斯所指出，面对疫情严", "峻挑战，国际社会应有强烈的团结意",
            "识。"]
    lines = read_lines("\n".join([*WRAPPED, "", *para, ""]))
    at = len(WRAPPED)
    assert not layout.heading_here(lines, list(fixed_roles(lines)), at)
    lines = read_lines("\n".join([*WRAPPED, "", "疫情得出的经验和教训", *para[1:], ""]))
    assert layout.heading_here(lines, list(fixed_roles(lines)), at)  # a shorter line over the column heads it


def test_build_units_read_a_note_on_the_author_as_an_articles_closing_line_not_a_byline():
    text = "\n".join([*WRAPPED, "（作者为中国社会科学院副院长、", "学部委员）", ""])
    lines = read_lines(text)
    units, _ = build_units(lines, fixed_roles(lines))
    note = units[-1]
    assert note.text == "（作者为中国社会科学院副院长、学部委员）"
    assert (note.kind, note.end_marker, note.lead, note.opening) == (PARA, True, False, False)


def _closing(text, pos):
    return dataclasses.replace(_unit(BYLINE, text, pos), end_marker=True)


def test_assemble_starts_another_article_after_a_closing_line_on_a_page_read_forward():
    units = [_unit(HEAD, "城区新建三座口袋公园", 0), _unit(BYLINE, "□ 记者 张明", 50),
             _unit(PARA, "近日，城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身。", 100),
             _closing("（记者 张明）", 180),
             _unit(PARA, "“成功了！”头顶水滴，脚踩泥泞，隧道建设者们欢呼起来。", 200),
             _unit(HEAD, "图书馆延长开放时间", 300), _unit(BYLINE, "□ 记者 王芳", 350),
             _unit(PARA, "本报讯（记者王芳）从下月起，图书馆开放至九点。", 400)]
    result = assemble(units)
    assert result.forward
    assert [[u.pos for u in d.units] for d in result.drafts] == [[100, 180], [200], [400]]


def test_assemble_reads_a_heading_block_under_headless_text_that_carries_its_topic_on_as_its_subheads():
    # text after an article's closing line, headless (its headline printed after it), then a block of two
    # headings with no byline over text carrying its topic on: that text's subheads, not another article's
    # headline; under text that opened like an article (本报讯…), the block heads an article of its own
    body = [_unit(PARA, "春晚节目形态丰富，歌舞节目美不胜收，语言类节目贴近生活，春晚节目亮点纷呈。", 200),
            _unit(HEAD, "技术：5G", 300), _unit(HEAD, "网络 4K传输", 320, blank=0),
            _unit(PARA, "今年春晚首次实现4K超高清直播，春晚节目将在多个平台播出，观众在家就能看春晚节目。", 400)]
    units = [_unit(HEAD, "城区新建三座口袋公园", 0),
             _unit(PARA, "近日，城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身。", 100),
             _closing("（记者 张明）", 180), *body]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100, 180], [200, 300, 320, 400]]
    opened = [*units[:3], dataclasses.replace(body[0], opening=True), *body[1:]]
    assert [[u.pos for u in d.units] for d in assemble(opened).drafts] == [[100, 180], [200], [400]]


def test_assemble_closes_an_article_at_its_closing_line_on_a_page_read_backward():
    units = [_unit(PARA, "本报讯（记者张明）近日，公园正式开放。", 0), _unit(HEAD, "城区新建三座口袋公园", 100),
             _unit(HEAD, "图书馆延长开放时间", 200),
             _unit(PARA, "从下月起，图书馆每天开放至晚上九点，方便上班族借阅图书。", 300),
             _closing("（记者 王芳）", 380),
             _unit(PARA, "本报讯（记者李四）春运返程客流高峰到来，车站增开临时列车。", 400),
             _unit(HEAD, "春运返程客流高峰到来", 500)]
    result = assemble(units)
    assert not result.forward
    assert [[u.pos for u in d.units] for d in result.drafts] == [[0], [300, 380], [400]]
    assert [d.headline.units[0].text for d in result.drafts if d.headline] == [
        "城区新建三座口袋公园", "春运返程客流高峰到来"]


def test_heading_here_is_false_for_a_first_line_over_lines_of_its_width_that_end_a_sentence():
    # every line reads like a heading phrase on its own; the block's widths and its sentence end say body
    para = ["新冠肺炎疫情对中国经济造成的影响是", "暂时的，中国经济长期向好的基本态势", "不会改变，而且在零售、医疗等方面出",
            "现了新的增长点。"]
    lines = read_lines("\n".join(["国际回声", "", "◆王研", "", *para, ""]))
    at = next(i for i, ln in enumerate(lines) if ln.text == para[0])
    assert not layout.heading_here(lines, list(fixed_roles(lines)), at)
    # the lines under a line as wide as the column, narrower than it: no wrapped column there
    assert not layout._body_like(list(read_lines("产防护用品辅料\n解码·假期怎么过\n科学指南、文博体验、益智互动……\n")))


def test_over_byline_reads_the_lines_over_a_byline_at_a_blocks_top_as_its_headline():
    head = ["全国人大常委会会议", "将审议关于推迟召开十三届全国人大三次会", "议的决定草案", "◆杨维汉 陈菲"]
    lines = read_lines("\n".join([*WRAPPED, "", *head, *WRAPPED, ""]))
    kinds = list(fixed_roles(lines))
    top = len(WRAPPED)
    assert kinds[top + 3] == BYLINE
    assert [layout.over_byline(lines, kinds, k) for k in range(top, top + 3)] == [True, True, True]
    units, _ = build_units(lines, tuple(kinds))
    assert [u.kind for u in units] == [PARA, HEAD, HEAD, HEAD, BYLINE, PARA]
    # the end of a paragraph over a byline is no headline: a sentence ends there
    lines = read_lines("\n".join([*WRAPPED, "◆杨维汉 陈菲", *WRAPPED, ""]))
    kinds = list(fixed_roles(lines))
    assert not any(layout.over_byline(lines, kinds, k) for k in range(len(WRAPPED)))


def test_over_byline_reads_a_headline_printed_right_under_the_text_it_closes():
    # a headline printed after its body, with no blank line, then its byline: the text above ends a sentence
    head = ["脱了贫，咱还接着干（新春走基层·脱贫攻坚", "一线见闻）", "本报记者 王慧慧"]
    lines = read_lines("\n".join([*WRAPPED, *head, "", *WRAPPED, ""]))
    kinds = list(fixed_roles(lines))
    top = len(WRAPPED)
    assert [layout.over_byline(lines, kinds, k) for k in (top, top + 1)] == [True, True]
    # a paragraph left open over the block: the lines carry its sentence on, no headline
    lines = read_lines("\n".join([*WRAPPED[:-1], "款十亿元，支持企业三百余家", *head, "", *WRAPPED, ""]))
    kinds = list(fixed_roles(lines))
    assert not layout.over_byline(lines, kinds, top)


def test_over_byline_reads_the_lines_over_an_articles_opening_at_a_blocks_top_as_its_headline():
    head = ["疫情期间,江苏常州打造“不打烊”的法律云服务", "立案网上办 开庭不见面"]
    opening = "本报讯(记者 周明 通讯员 刘军)日前,江苏"
    lines = read_lines("\n".join([*WRAPPED, "", *head, opening, *WRAPPED[1:], ""]))
    kinds = list(fixed_roles(lines))
    top = len(WRAPPED)
    assert kinds[top + 2] == NONE  # the opening is body text, not a byline line
    assert [layout.over_byline(lines, kinds, k) for k in (top, top + 1, top + 2)] == [True, True, False]
    units, _ = build_units(lines, tuple(kinds))
    assert [u.kind for u in units] == [PARA, HEAD, HEAD, PARA]
    assert units[-1].opening
    # a wrapped paragraph's lines over a dispatch end a sentence: no headline there
    lines = read_lines("\n".join([*WRAPPED, opening, *WRAPPED[1:], ""]))
    kinds = list(fixed_roles(lines))
    assert not any(layout.over_byline(lines, kinds, k) for k in range(len(WRAPPED)))


def test_assemble_keeps_a_dispatch_inside_a_headed_article_that_has_not_opened_yet():
    def para(text, pos):
        return dataclasses.replace(_unit(PARA, text, pos), opening=text.startswith(("新华社", "本报")))

    units = [_unit(HEAD, "城区新建三座口袋公园", 0), _unit(HEAD, "市民休闲有了好去处", 30),
             para("“家门口就能散步了！”家住城东的李大爷高兴地说。", 100),
             para("本报北京2月26日电 城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身。", 200),
             para("本报北京2月27日电 城区图书馆从下月起延长开放时间，方便上班族借阅。", 300)]
    result = assemble(units)
    assert result.forward
    # the first dispatch is the article's own (a quotation printed before it); the second opens another
    assert [[u.pos for u in d.units] for d in result.drafts] == [[100, 200], [300]]


def test_headline_pairs_leave_out_a_column_label_over_the_title():
    from app.core.assembly import char_pairs, headline_pairs

    units = [_unit(HEAD, "和音", 0), _unit(HEAD, "生命至上，大国担当", 10), _unit(BYLINE, "□ 记者 张明", 30)]
    assert headline_pairs(units) == char_pairs("生命至上，大国担当")


def test_a_lone_kicker_or_subtitle_line_is_no_strong_headline():
    # alone, a line ending in a colon opens a letter or a quotation, and a dashed one names a quotation's source
    assert not _make_group([_unit(HEAD, "亲爱的妈妈：", 0)]).strong
    assert not _make_group([_unit(HEAD, "——习近平", 0)]).strong
    # over a title, or under one, they make a headline
    assert _make_group([_unit(HEAD, "松滋市中医医院：", 0), _unit(HEAD, "多措并举提升患者就医体验", 20)]).strong
    assert _make_group([_unit(HEAD, "抢抓机遇乘势而上", 0), _unit(HEAD, "——荆州二医发展纪实", 20)]).strong


def test_a_heading_line_ending_on_a_pause_runs_on_into_the_next_as_one_heading():
    wrapped = [_unit(HEAD, "大数据分析指导施肥、", 0), _unit(HEAD, "灌溉和种植", 20)]
    assert not _make_group(wrapped).strong  # one subhead wrapped, not a kicker over a title
    assert _make_group([_unit(HEAD, "大数据分析指导施肥", 0), _unit(HEAD, "灌溉和种植", 20)]).strong


def test_a_heading_line_cut_inside_a_number_runs_on_into_the_next_as_one_heading():
    """A number cut at the line end (为患者2 / 4小时待命) is one heading wrapped: a subhead, not two headings."""
    assert not _make_group([_unit(HEAD, "为患者2", 0), _unit(HEAD, "4小时待命", 20)]).strong
    assert _make_group([_unit(HEAD, "为患者服务", 0), _unit(HEAD, "24小时待命", 20)]).strong


def test_a_one_line_title_closing_on_its_columns_name_heads_a_new_article_whatever_its_topic():
    # a one-line heading under a headed article whose text carries on its topic reads as a subhead; a title
    # with its column's name in brackets is a headline (no subhead carries one), so it opens an article
    units = [_unit(HEAD, "城区新建三座口袋公园", 0), _unit(HEAD, "市民休闲有了好去处", 30),
             _unit(PARA, "城区新建的三座口袋公园正式开放，市民纷纷前来口袋公园休闲健身。", 100),
             _unit(HEAD, "口袋公园要建好更要管好", 200),
             _unit(PARA, "口袋公园正式开放，市民前来休闲健身，管好公园同样重要。", 300)]
    assert len(assemble(units).drafts) == 1  # the plain heading: a subhead of the feature
    units[3] = _unit(HEAD, "口袋公园要建好更要管好（人民时评）", 200)
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100], [300]]
    assert _make_group([units[3]]).strong


def test_a_two_line_heading_block_whose_text_carries_the_feature_on_is_a_subhead():
    # a feature's subheads in two parts under its headline: the text below carries on the words of the text
    # above, and no byline or dispatch opens an article there
    above = "医院里，护士张敏每天为患者测量体温、送饭送药，护士们轮班照护患者，夜里也守在病房里。"
    below = "护士李红每天为患者测量体温，夜里守在病房，护士们轮班照护患者，送饭送药。"
    units = [_unit(HEAD, "护士轮班照护患者", 0), _unit(PARA, above, 100),
             _unit(HEAD, "夜班护士坚守岗位", 200, blank=1), _unit(HEAD, "不怕苦不怕累", 210, blank=0),
             _unit(PARA, below, 300)]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100, 200, 210, 300]]
    # the same block over text of another topic heads a new article
    units[4] = _unit(PARA, "城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身。", 300)
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100], [300]]
    # ... and so does one with a byline, or under a column label, however much the text carries on
    units[4] = _unit(PARA, below, 300)
    labelled = [*units[:2], _unit(HEAD, "思想纵横", 200), _unit(HEAD, "不怕苦不怕累", 210, blank=0), units[4]]
    assert len(assemble(labelled).drafts) == 2
    signed = [*units[:4], _unit(BYLINE, "本报记者 王三", 250, blank=0), units[4]]
    assert len(assemble(signed).drafts) == 2


def test_a_documents_first_numbered_part_under_its_title_is_a_subhead(monkeypatch):
    # a document printed under the report that announces it: its title and date line (named by the report
    # above: back to back with the heading below), then 第一章 总 则 over text of another topic. The numbering
    # 第一章 opens goes on under it (第二章), so it is a part of the text, not the title of a new item
    monkeypatch.setattr(assembly, "DIRECTION", True)
    intro = "本报讯（记者王小明）近日，中共中央办公厅印发了《纪检监察机关处理检举控告工作规则》，并发出通知。《规则》全文如下。"
    clauses = ["第一条 为了保障党员、群众行使监督权利，维护党员、干部合法权益，根据党章和有关法律，制定本文件。",
               "第二条 本文件适用于各级机关受理的来信、来访、电话和网络等方式提出的意见，坚持实事求是。",
               "第三条 各级机关应当明确承担来信来访工作职能的部门和人员，负责登记和答复。"]
    units = [_unit(HEAD, "中办印发规则", 0), _unit(PARA, intro, 100),
             _unit(HEAD, "检举控告工作规则", 200), _unit(HEAD, "（2020年1月2日中共中央政治局常委会会议审议批准）", 230, blank=0),
             _unit(HEAD, "第一章 总 则", 300), _unit(PARA, clauses[0], 400), _unit(PARA, clauses[1], 500),
             _unit(HEAD, "第二章 检举控告的接收", 600), _unit(PARA, clauses[2], 700)]
    drafts = assemble(units).drafts
    assert [[u.pos for u in d.units] for d in drafts] == [[100, 200, 230, 300, 400, 500, 600, 700]]
    assert [u.kind for u in drafts[0].units if u.pos in (300, 600)] == [SUBHEAD, SUBHEAD]
    # with no 第二章 below it, nothing says 第一章 is a part: it heads the text under it, as before
    assert len(assemble(units[:7]).drafts) == 2
    assert part_number("第一章 总 则") == ("第章", 1) and part_number("（二）组织领导") == ("（）", 2)


def test_a_label_shaped_line_over_a_title_closing_on_its_column_tag_is_no_section():
    """A title closing on its column's name in brackets names its column itself: a short line right over it
    (守护一方水土 / 筑牢生态屏障（绿色发展观察③）) is the headline's, not the item's section; over a title with
    no tag such a line is still the column's label, and so is one a blank line apart (a page's label) or one
    the page prints as a label."""
    tagged = [_unit(HEAD, "守护一方水土", 0), _unit(HEAD, "筑牢生态屏障（绿色发展观察③）", 30, blank=0)]
    assert Role.SECTION not in [role for _, role in _headline_roles(_make_group(tagged))]
    apart = [_unit(HEAD, "守护一方水土", 0), _unit(HEAD, "筑牢生态屏障（绿色发展观察③）", 30, blank=1)]
    assert [role for _, role in _headline_roles(_make_group(apart))] == [Role.SECTION, Role.TITLE]
    plain = [_unit(HEAD, "守护一方水土", 0), _unit(HEAD, "筑牢生态屏障", 30, blank=0)]
    assert [role for _, role in _headline_roles(_make_group(plain))] == [Role.SECTION, Role.TITLE]
    assert [role for _, role in _headline_roles(_make_group(tagged), frozenset({"守护一方水土"}))] == [
        Role.SECTION, Role.TITLE]


@pytest.mark.usefixtures("rules_alone")
def test_a_title_wrapped_inside_its_series_tag_is_no_series_banner():
    # the title's last line closes the bracket its first line opened, with the series' number (关注智慧 / 养老②）):
    # the end of one title, not a series banner over it, and the group is a headline, not a banner
    heads = [_unit(HEAD, "老人生活，有了科技“保姆”（关注智慧", 0), _unit(HEAD, "养老②）", 30, blank=0)]
    assert [is_banner_line(heads, k) for k in range(2)] == [False, False]
    assert not _make_group(heads).banner
    assert [role for _, role in _headline_roles(_make_group(heads))] == [Role.TITLE, Role.TITLE]
    # ... and so is a title closing on its column's tag with the series' number, wrapped or not
    tagged = [_unit(HEAD, "腕表能定位、机器人帮起身……新技术助力养老陪护", 0),
              _unit(HEAD, "老人生活，有了科技“保姆”（关注智慧养老②）", 30, blank=0)]
    assert not is_banner_line(tagged, 1)
    assert Role.SECTION not in [role for _, role in _headline_roles(_make_group(tagged))]
    # a series banner standing over a title of its own is one, and the item's section
    banner = [_unit(HEAD, "关注智慧养老②", 0), _unit(HEAD, "老人生活，有了科技“保姆”", 30, blank=0)]
    assert [is_banner_line(banner, k) for k in range(2)] == [True, False]
    assert [role for _, role in _headline_roles(_make_group(banner))] == [Role.SECTION, Role.TITLE]
    # such a title under a short name and a dash heads an article of its own, not one of a feature's parts
    above = "医院里，护士们轮班照护患者，夜里也守在病房里，送饭送药，测量体温。"
    units = [_unit(HEAD, "护士轮班照护患者", 0), _unit(PARA, above, 100), _unit(HEAD, "李红代表——", 200),
             _unit(HEAD, "为创新人才当好“接线员”（新思想基层结硕果·", 210, blank=0),
             _unit(HEAD, "我当代表这一年⑤）", 240, blank=0), _unit(PARA, above, 300)]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100], [300]]


def test_a_photo_reports_title_heads_its_own_item():
    assert _make_group([_unit(HEAD, "图片报道", 0)]).strong
    assert not _make_group([_unit(HEAD, "图片里的春天", 0)]).strong


def test_a_short_name_and_a_dash_over_a_line_heads_a_features_part_not_an_article():
    # 杜富民—— / 为患者24小时待命: one of a feature's parts, whatever the words of the text under it
    above = "医院里，护士们轮班照护患者，夜里也守在病房里，送饭送药，测量体温。"
    units = [_unit(HEAD, "护士轮班照护患者", 0), _unit(PARA, above, 100),
             _unit(HEAD, "李红——", 200), _unit(HEAD, "不怕苦不怕累", 210, blank=0),
             _unit(PARA, "城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身。", 300)]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100, 200, 210, 300]]
    # a longer kicker over a title heads an article of its own
    units[2] = _unit(HEAD, "城区新建三座口袋公园——", 200)
    assert len(assemble(units).drafts) == 2
    # ... and so does a short one with a byline under it
    units[2] = _unit(HEAD, "李红——", 200)
    signed = [*units[:4], _unit(BYLINE, "本报记者 王三", 250, blank=0), units[4]]
    assert len(assemble(signed).drafts) == 2


def test_dashed_heading_pairs_next_to_one_another_are_a_round_ups_parts():
    # 湖南筑牢三大防线防控疫情—— / 全面摸排保安全, then 杭州下城区确保每户都有责任人—— / 一名党员一幢楼: a round-up's parts
    units = [_unit(HEAD, "各地筑牢社区防线", 0),
             _unit(PARA, "各地社区干部挨家挨户排查，筑牢社区防线，守护居民健康。", 100),
             _unit(HEAD, "湖南筑牢三大防线防控疫情——", 200), _unit(HEAD, "全面摸排保安全", 230, blank=0),
             _unit(PARA, "长沙市的社区工作者每天上门登记，不漏一户。", 300),
             _unit(HEAD, "杭州下城区确保每户都有责任人——", 400), _unit(HEAD, "一名党员一幢楼", 430, blank=0),
             _unit(PARA, "下城区的党员干部分楼包干，每天为居民代购生活物资。", 500)]
    assert len(assemble(units).drafts) == 1
    # alone, such a pair over text of another topic heads an article
    assert len(assemble(units[:5]).drafts) == 2
    # two such pairs with an article's closing line between them (国家卫健委发布会—— / 不同人群 分类防护, its text,
    # （记者 王三）, then 记者探访武汉超市—— / 这里来了爱心菜) are two articles' headlines, not one round-up's parts
    closed = [*units[:5], _closing("（记者 王三）", 350), *units[5:]]
    assert [[u.pos for u in d.units] for d in assemble(closed).drafts] == [[100], [300, 350], [500]]


@pytest.mark.usefixtures("rules_alone")
def test_parts_headed_by_who_over_what_next_to_one_another_are_a_features_parts():
    # 浙江绍兴市经信局干部潘良灿—— / “护目镜入了库，心里才踏实” / 地点：…, its title wrapped or not, or 医生邵紫韫： /
    # 女儿的鼓励添干劲: parts in parallel under the feature's headline, whatever the words of their texts
    intro = _unit(PARA, "各地干部坚守岗位，冲在一线，把每项工作做到位。", 100)
    first = [_unit(HEAD, "城区市场监管局干部李红——", 200), _unit(HEAD, "“肯定得顶上，也必须", 220, blank=0),
             _unit(HEAD, "顶得上”", 240, blank=0), _unit(PARA, "上午十点，李红走进农贸市场，检查摊位上的价签。", 300)]
    second = [_unit(HEAD, "县经信局干部王三——", 400), _unit(HEAD, "“物资入了库，心里才踏实”", 420, blank=0),
              _unit(HEAD, "地点：县经信局仓库", 440, blank=0), _unit(PARA, "深夜，仓库里的灯还亮着，一箱箱口罩清点入库。", 500)]
    units = [_unit(HEAD, "冲到一线，把每项工作做到位", 0), intro, *first, *second]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100, 200, 220, 240, 300, 400, 420, 440, 500]]
    colons = [_unit(HEAD, "市人民医院医生李红：", 200), _unit(HEAD, "女儿的鼓励添干劲", 220, blank=0), first[-1],
              _unit(HEAD, "重症监护室护士王三：", 400), _unit(HEAD, "缺人手我义不容辞", 420, blank=0), second[-1]]
    assert len(assemble([units[0], intro, *colons]).drafts) == 1
    # alone, such a heading over text of another topic heads an article
    assert len(assemble(units[:6]).drafts) == 2
    # and so does each of two with a byline under the second
    signed = [*units[:9], _unit(BYLINE, "本报记者 赵六", 450, blank=0), second[-1]]
    assert len(assemble(signed).drafts) == 3


def test_a_title_closing_on_its_columns_name_is_a_heading_whatever_its_width():
    # as wide as the column over the text under it, or wider than the column right over it: body text never
    # closes on a column's name in brackets
    narrow = ["城区新建的三座口袋公园正", "式开放，市民纷纷前来休闲", "健身，孩子们也有了去处。", "",
              "扶贫扶出精气神（今日谈）", "李应川一家搬进了新村，日", "子越过越有奔头，他说这是", "最切身的感受。"]
    assert [u.text for u in read_units("\n".join(narrow)) if u.kind == HEAD] == ["扶贫扶出精气神（今日谈）"]
    wide = [*WRAPPED, "", "困难时刻，也别忘了读书（新语）", *WRAPPED]
    assert [u.text for u in read_units("\n".join(wide)) if u.kind == HEAD] == ["困难时刻，也别忘了读书（新语）"]
    # wrapped inside its bracket, both lines are the title's
    lines = read_lines("\n".join([*narrow[:4], "扶贫扶出精气神（今日", "谈）", "", *narrow[5:]]))
    assert layout.tagged_title(lines, [NONE] * len(lines), 3) and layout.tagged_title(lines, [NONE] * len(lines), 4)
    # ... and with its column's name on a line of its own under it, the title holding a comma as a sentence does
    rows = [*narrow[:4], "党员带头，群众跟上来了", "（走进新农村）", "", *narrow[5:]]
    assert [u.text for u in read_units("\n".join(rows)) if u.kind == HEAD] == ["党员带头，群众跟上来了（走进新农村）"]
    # (not over a bracketed byline, 记者 is no column's name; nor under a body line that leaves its sentence open)
    lines = read_lines("\n".join([*narrow[:4], "党员带头，群众跟上来了", "（记者 王三）"]))
    assert not layout.tagged_title(lines, [NONE] * len(lines), 3)
    lines = read_lines("\n".join(["城区新建的三座口袋公园正", "式开放，市民纷纷前来休闲", "党员带头，群众跟上来了", "（走进新农村）"]))
    assert not layout.tagged_title(lines, [NONE] * len(lines), 2)


def test_a_title_closing_on_its_columns_name_under_its_kicker_is_a_heading():
    # the kicker over it is a heading line, not a sentence the title could carry on: both are the headline
    narrow = ["城区新建的三座口袋公园正", "式开放，市民纷纷前来休闲", "健身，孩子们也有了去处。", "",
              "弘扬工匠精神", "培养大国工匠（有的放矢）", "李应川一家搬进了新村，日", "子越过越有奔头，他说这是",
              "最切身的感受。"]
    assert [u.text for u in read_units("\n".join(narrow)) if u.kind == HEAD] == ["弘扬工匠精神", "培养大国工匠（有的放矢）"]
    # under a body line that leaves its sentence open, the same line is no title
    lines = read_lines("\n".join(["城区新建的三座口袋公园正", "式开放，市民纷纷前来休闲", "培养大国工匠（有的放矢）"]))
    assert not layout.tagged_title(lines, [NONE, NONE, NONE], 2)


def test_a_heading_right_under_an_articles_closing_line_is_a_heading():
    # a note on the author or a dispatch in brackets closes the article: no sentence runs on below it, so the
    # short line under it (no blank line between: a headline printed after its body) is a heading
    for closing in ("（作者为市文联副主席）", "（本报华沙2月9日电）"):
        rows = [*WRAPPED, closing, "城区新建三座口袋公园", "", *WRAPPED]
        units = read_units("\n".join(rows))
        assert [u.text for u in units if u.kind == HEAD] == ["城区新建三座口袋公园"]
        assert [u.text for u in units if u.end_marker] == [closing]
    # under a body line that leaves its sentence open, the same line carries the sentence on
    rows = [*WRAPPED[:-1], "款十亿元，支持企业三百余家，成效明显，", "城区新建三座口袋公园", "", *WRAPPED]
    assert not [u for u in read_units("\n".join(rows)) if u.kind == HEAD]


def test_lines_between_a_heading_and_an_indented_paragraph_are_the_headlines():
    # where paragraphs open with an indent, none opens unindented under a heading: the lines down to the
    # indented first line, ending no sentence, are headings whatever their widths (a kicker wider than the
    # column, with commas in it)
    para = ["　　企业发展需要资金支持，该行加", "大信贷投放力度，成效明显。"]
    rows = [*para, *para, "", "科技视点", "第一时间揭开谜团，争分夺秒筛选药物，迎难而上", "提供技术支撑",
            "防控疫情，科技人员在行动", *para, *para]
    heads = [u.text for u in read_units("\n".join(rows)) if u.kind == HEAD]
    assert heads == ["科技视点", "第一时间揭开谜团，争分夺秒筛选药物，迎难而上", "提供技术支撑", "防控疫情，科技人员在行动"]
    # a line ending a sentence there is text, not a heading
    lines = read_lines("\n".join([*para, *para, "", "科技视点", "第一时间揭开了谜团。", *para]))
    kinds = [NONE] * len(lines)
    kinds[4] = HEAD
    assert not layout.over_indent(lines, kinds, 5)


def test_a_line_over_an_indented_paragraph_is_its_headline_under_an_ended_one():
    # where paragraphs open with an indent, a paragraph ends on its sentence's end: an unindented line under
    # an article's closing line or a blank, right over an indented first line, ending no sentence, heads that
    # text, even as wide as the column's lines (main read it as a paragraph of one line)
    para = ["　　企业发展需要资金支持，该行加", "大信贷投放力度，成效明显。"]
    title = "城区今年新建三座口袋公园"
    rows = [*para, *para, "（本报南京2月9日电）", "", title, *para, *para]
    assert [u.text for u in read_units("\n".join(rows)) if u.kind == HEAD] == [title]
    rows = [*para, *para, "", title, *para, *para]
    assert [u.text for u in read_units("\n".join(rows)) if u.kind == HEAD] == [title]
    # under a paragraph left open it carries the sentence on; a line ending a sentence is text
    for rows in ([*para, "　　企业发展需要资金支持，该行加大", title, *para],
                 [*para, *para, "", title + "了。", *para]):
        assert HEAD not in [u.kind for u in read_units("\n".join(rows))]

COL16 = [w[:16] for w in WRAPPED]  # a column 16 cells wide, cut mid-sentence at every line


def test_heading_here_is_false_for_two_full_lines_of_the_column_with_a_clause_mark():
    # two lines of the column's measure, the first holding a pause mark and cut mid-sentence: one wrapped
    # paragraph, not a headline over its text (a headline stops short of the column or stands apart)
    rows = ["城区公园开放", "", *COL16, "成效明显。", "", "一键可呼援、跌倒会报警、日常能测", "心率血压，还有实时定位、电子围栏",
            "功能，更契合老年人的需求。", "", *COL16, "成效明显。"]
    lines = read_lines("\n".join(rows))
    i = rows.index("一键可呼援、跌倒会报警、日常能测") - 2  # (two blank lines above it)
    assert lines[i].text.startswith("一键") and not layout.heading_here(lines, list(fixed_roles(lines)), i)
    units, _ = build_units(lines, fixed_roles(lines))
    assert "一键可呼援、跌倒会报警、日常能测心率血压，还有实时定位、电子围栏功能，更契合老年人的需求。" in [
        u.text for u in units]
    # two parallel phrases at the column's width are a headline's
    assert not layout._two_full_lines(read_lines("\n".join(["护佑生命战疫情，使命担当新作为", *COL16])), 0,
                                      read_lines(COL16[0])[0])


def test_a_paragraph_left_open_carries_on_into_two_full_lines_after_a_column_break():
    # …的地区， / (column break) / 应抓紧开展招投标、材料采购、施工 / 进场等复工开工准备工作，适时开展 / 工程建设。
    rows = ["城区公园开放", "", *COL16, "仍有脱贫攻坚任务、改水任务的地区，", "", "应抓紧开展招投标、材料采购、施工",
            "进场等复工开工准备工作，适时开展", "工程建设。", "", *COL16, "成效明显。"]
    lines = read_lines("\n".join(rows))
    units, _ = build_units(lines, fixed_roles(lines))
    assert any("的地区，应抓紧开展招投标" in u.text and u.text.endswith("工程建设。") for u in units)


@pytest.mark.parametrize("close", [["户的一致好评。”王三说。（记者 李四）"], ["户的一致好评。”王三说。（记者 李四 通", "讯员 赵五）"],
                                   ["户的一致好评。（记者王三、", "李四 通讯员赵五、钱", "六）"]])
def test_build_units_end_a_paragraph_and_its_article_at_a_byline_glued_to_its_last_sentence(close):
    # …王三说。（记者 李四）: the article's text ends with its byline; the line under it opens another text,
    # which no sentence left open carries on into
    rows = ["城区公园开放", "", *WRAPPED[:3], *close, "新区学校开学，迎来首批学生，校园里一片欢", "声笑语，家长们纷纷点赞。"]
    units, _ = build_units(read_lines("\n".join(rows)), fixed_roles(read_lines("\n".join(rows))))
    paras = [u for u in units if u.kind == PARA]
    assert paras[0].text.endswith(close[-1]) and paras[0].end_marker
    assert paras[1].text.startswith("新区学校") and not paras[1].end_marker
    # a bracket at a line's end that no sentence end comes before closes nothing (…王三说（记者 李四）
    rows = ["城区公园开放", "", *WRAPPED[:3], "户的一致好评，王三说（记者 李四）", *WRAPPED[3:]]
    units, _ = build_units(read_lines("\n".join(rows)), fixed_roles(read_lines("\n".join(rows))))
    assert not any(u.end_marker for u in units)




def test_build_units_end_a_line_set_wider_than_the_column_below_it():
    # a line standing alone between blank lines, wider than the narrow column under it and ending no sentence,
    # is no paragraph's first half cut by a column break (a column break cuts at the column's measure)
    wide = "建立长效机制，提升贫困群众内生动力和发展能力"
    units, _ = build_units(*_fixed("\n".join([*NARROW, "", wide, "", *NARROW, ""])))
    assert [u.text for u in units if u.kind == PARA][1] == wide
    # the text below carrying its sentence on (…能力 / 的提升…: a particle no sentence opens with) joins it
    units, _ = build_units(*_fixed("\n".join([*NARROW, "", wide, "", "的提升。" + NARROW[0], *NARROW[1:], ""])))
    assert [u.text for u in units if u.kind == PARA][1].startswith(wide + "的提升。")


def test_caption_blocks_stop_at_a_paragraphs_last_line_over_a_captions_full_lines():
    # a caption printed right under a paragraph, no blank line between: the paragraph's last line (a sentence
    # ended short) is no line of the caption, whose lines above its last run to its full measure
    caption = ["游客在公园的湖边散步赏花，享受春光，", "市民们纷纷走出家门。 王海滨 摄"]
    rows = ["城区公园开放", "", *WRAPPED[:5], "款十亿元，成效明显。", *caption, "", "新区学校开学", "", *WRAPPED]
    lines = read_lines("\n".join(rows))
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == caption


def test_caption_blocks_count_a_captions_text_without_its_credit():
    # a caption of eight narrow lines up to the longest a caption runs to (CAPTION_BLOCK_CHARS), its credit at
    # the end of its last line: the credit's names are no part of its text
    caption = ["防疫期间，为保障社区居民", "蔬菜供应，社区居委会与果", "蔬公司合作，在社区内开设", "无人售菜点，居民选定菜品",
               "后扫码付款，减少了人员聚", "集的风险，保障了蔬菜的产", "销衔接，受到社区群众的欢", "迎。（王海滨 摄）"]
    assert len("".join(caption)) - len("（王海滨 摄）") <= layout.CAPTION_BLOCK_CHARS < len("".join(caption))
    rows = [*WRAPPED[:3], "", "", *caption, "", *WRAPPED[3:]]
    lines = read_lines("\n".join(rows))
    assert [ln.text for ln, k in zip(lines, fixed_roles(lines), strict=True) if k == CAPTION] == caption


def _para(lines, pos):
    lns = tuple(layout.Ln(pos + k, pos + k * 40, pos + k * 40 + len(t), t, 0 if k else 1, pos, layout.roles.width(t))
                for k, t in enumerate(lines))
    return Unit(PARA, lns, tuple((ln.start, ln.end) for ln in lns))


def test_a_heading_between_texts_wrapped_at_two_measures_heads_another_article():
    # the text under the heading carries on the topic of the text above (a subhead, by its words), but it is
    # wrapped at another measure: an article keeps its column's measure across its subheads
    above = _para(["城区新建的三座口袋公园正式开放，市民纷纷前来", "口袋公园休闲健身，公园里绿树成荫，花草繁茂，",
                   "市民在口袋公园里散步、下棋、跳舞，十分热闹。", "口袋公园的建设方便了周边居民，受到一致好评。",
                   "市民说，口袋公园就在家门口，休闲健身很方便。"], 100)
    below = ["口袋公园正式开放以来，市民纷纷", "前来休闲健身，口袋公园里绿树成", "荫，市民在公园里散步、下棋、跳",
             "舞，周边居民说休闲健身很方便，", "口袋公园受到周边居民一致好评。"]
    units = [_unit(HEAD, "城区新建三座口袋公园", 0), above, _unit(HEAD, "口袋公园方便居民", 400),
             _para(below, 500)]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100], [500]]
    assert assembly.measure(units[1:2]) == 22 and assembly.measure(units[3:]) == 15
    # the same text wrapped at the measure of the text above: the heading is a subhead
    same = _para(["口袋公园正式开放以来，市民纷纷前来休闲健身，", "口袋公园里绿树成荫，市民在公园里散步、下棋、",
                  "跳舞，周边居民说休闲健身很方便，口袋公园受到", "周边居民一致好评，公园管理也在不断完善之中，",
                  "市民说，口袋公园就在家门口，休闲健身很方便。"], 500)
    assert len(assemble([*units[:3], same]).drafts) == 1
    # ... and on a page read backward (headlines printed after their bodies), the heading heads the text above
    back = [above, _unit(HEAD, "口袋公园休闲健身", 400), _para(below, 500),
            _unit(HEAD, "口袋公园方便居民", 900), _unit(BYLINE, "本报记者 王三", 950, blank=0)]
    result = assemble(back)
    assert not result.forward
    assert [([u.pos for u in d.units], d.headline.units[0].pos) for d in result.drafts] == [([100], 400), ([500], 900)]


def test_over_byline_reads_a_title_closed_by_its_columns_name_on_a_line_of_its_own():
    # …荒漠植被 / （走近自然） / □通讯员 …: the bracketed line is the title's column tag, not a closing note
    head = ["孔雀河生态输水 “解渴”荒漠植被", "（走近自然）", "□通讯员 陈尚文 花放"]
    lines = read_lines("\n".join([*WRAPPED, "", *head, *WRAPPED, ""]))
    kinds = list(fixed_roles(lines))
    top = len(WRAPPED)
    assert kinds[top + 2] == BYLINE
    assert [layout.over_byline(lines, kinds, k) for k in (top, top + 1)] == [True, True]
    units, _ = build_units(lines, tuple(kinds))
    assert [(u.kind, u.text) for u in units[1:3]] == [(HEAD, head[0] + head[1]), (BYLINE, head[2])]
    # a byline or a credit in brackets is no column tag
    lines = read_lines("\n".join([*WRAPPED, "", head[0], "（记者 王芳）", head[2], *WRAPPED, ""]))
    assert not layout.over_byline(lines, list(fixed_roles(lines)), top)


def test_one_line_headings_set_in_one_form_are_a_features_subheads():
    # two one-line headings under a headline, each over a few sentences of another topic: alone, each would head
    # a short item of its own; set in one form (two phrases either side of a space), they are the feature's parts
    units = [_unit(HEAD, "春节假期里的坚守", 0), _unit(BYLINE, "本报记者 王芳", 20, blank=0),
             _unit(PARA, "假期里，许多人仍坚守在岗位上。他们放弃休息，保障城市运转。", 100),
             _unit(HEAD, "诊治有方 护理到位", 200),
             _unit(PARA, "医院里，护士每天测量体温、送饭送药。夜班护士守在病房，一刻不离。", 300),
             _unit(HEAD, "清扫街道 保洁如常", 400),
             _unit(PARA, "天刚亮，环卫工人就上街清扫落叶。垃圾日产日清，马路干干净净。", 500)]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100, 200, 300, 400, 500]]
    assert assembly.same_form("群众眼中，他是暖心人", "同事眼中，他是实干人")
    assert assembly.same_form("一、加强组织领导", "二、强化物资保障")
    # headings of no one form: short items' titles
    units[5] = _unit(HEAD, "环卫工人凌晨上岗", 400)
    assert not assembly.same_form("诊治有方 护理到位", "环卫工人凌晨上岗")
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100], [300], [500]]


@pytest.mark.usefixtures("rules_alone")
def test_a_heading_over_a_whole_short_item_heads_an_item_of_its_own():
    # a photo report's heading over its one short paragraph, then the next full headline: too little text for a
    # news title (`_heads_some_text`), and none of the article above's words: its own item, not a subhead
    units = [_unit(HEAD, "春节假期里的坚守", 0), _unit(BYLINE, "本报记者 王芳", 20, blank=0),
             _unit(PARA, "假期里，许多人仍坚守在岗位上。他们放弃休息，保障城市运转。", 100),
             _unit(HEAD, "冰灯点亮夜晚", 200),
             _unit(PARA, "2月8日，游客在哈尔滨市的冰雪乐园观赏冰灯。", 300),
             _unit(HEAD, "城区新建三座口袋公园", 400), _unit(BYLINE, "本报记者 李四", 420, blank=0),
             _unit(PARA, "城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身。", 500)]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100], [300], [500]]
    # no full headline next (another subhead of the feature), or the heading holds a comma (a paragraph's line
    # read as a heading): it stays a subhead
    part = [*units[:5], _unit(HEAD, "城区新建三座口袋公园", 400), units[7]]
    assert [u.pos for u in assemble(part).drafts[0].units] == [100, 200, 300]
    comma = [*units[:3], _unit(HEAD, "冰灯点亮夜晚，游客", 200), *units[4:]]
    assert [[u.pos for u in d.units] for d in assemble(comma).drafts] == [[100, 200, 300], [500]]


def test_a_name_alone_between_two_notes_on_authors_heads_a_round_ups_next_part():
    # a round-up of contributors: each part headed by its writer's name, closed on who the writer is
    def closed(text, pos):
        return dataclasses.replace(_unit(PARA, text, pos), end_marker=True)

    units = [_unit(HEAD, "降低疫情冲击 稳定企业发展", 0), _unit(BYLINE, "本报记者 王芳", 20, blank=0),
             _unit(PARA, "本期邀请几位委员谈谈企业如何应对冲击。", 100), _unit(HEAD, "张为民", 150),
             _unit(PARA, "疫情对经济的影响是短暂的，不会改变长期向好的基本趋势。", 200),
             closed("（作者为全国政协常委、经济委员会副主任）", 300), _unit(HEAD, "葛红林", 400),
             _unit(PARA, "稳定经济增长的核心是稳定产业链，更紧迫的是稳定物流供应链。", 500),
             closed("（作者为全国政协常委、中国铝业公司原董事长）", 600),
             _unit(HEAD, "城区新建三座口袋公园", 700), _unit(BYLINE, "本报记者 李四", 720, blank=0),
             _unit(PARA, "城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身。", 800)]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100, 150, 200, 300, 400, 500, 600], [800]]
    # the text under the name closes on no such note: the name heads an item of its own, as after any closing line
    units[8] = _unit(PARA, "更多委员的意见，本报将陆续刊发，敬请关注。", 600)
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[100, 150, 200, 300], [500, 600], [800]]


def test_headline_block_reads_a_block_under_an_authors_note_wrapped_over_two_lines_as_a_headline():
    # （作者单位：…学 / 院） closes the article above: the block under it carries no sentence of it on
    note = ["（作者单位：北京大学考古文博学", "院）"]
    head = ["探寻黄河流域的", "文化遗产"]
    lines = read_lines("\n".join([*WRAPPED, *note, "", *head, "", *WRAPPED, ""]))
    kinds = list(fixed_roles(lines))
    top = len(WRAPPED) + 2
    assert [layout.headline_block(lines, kinds, k) for k in (top, top + 1)] == [True, True]
    # a line left open over the block: its sentence may carry on into the block
    lines = read_lines("\n".join([*WRAPPED, "该院专家表示，流域内的", "", *head, "", *WRAPPED, ""]))
    assert not layout.headline_block(lines, list(fixed_roles(lines)), len(WRAPPED) + 1)


def test_headline_block_reads_a_block_closing_on_a_phrase_it_quotes_as_a_headline():
    # a title closing on a quoted name (探寻未知的“黄河故 / 事”) is a headline; a block closing on the end of a
    # quoted sentence or on a clause run on (…，不搞“一刀切”) may be the tail of a paragraph
    for head, expected in ((["探寻未知的“黄河故", "事”"], True), (["科学评价，不同类型科研不", "搞“一刀切”"], False),
                           (["他说：“我们一定能", "赢得优势”"], False)):
        lines = read_lines("\n".join([*WRAPPED, "", *head, "", *WRAPPED, ""]))
        top = len(WRAPPED)
        assert layout.headline_block(lines, list(fixed_roles(lines)), top) is expected, head


def test_heading_here_reads_a_word_at_the_pages_top_over_its_furniture_as_a_label_not_a_sentence():
    # 经济 / A04 黄石日报 / (blank) / 看，那些…: the label carries no sentence on across the furniture line
    lines = read_lines("\n".join(["经济", "A04 黄石日报", "", "看，那些冲锋在前的白衣“95后”", "（一线抗疫群英谱）",
                                  "文/庞革平", *WRAPPED, ""]))
    kinds = list(fixed_roles(lines))
    assert kinds[1] == FURN and layout.heading_here(lines, kinds, 0)
    units, _ = build_units(lines, tuple(kinds))
    assert [u.kind for u in units[:4]] == [HEAD, FURN, HEAD, BYLINE]
    # a page's first line that is no label may carry its sentence on below the furniture (from the page before)
    lines = read_lines("\n".join(["该行加大信贷投", "A04 黄石日报", "", "放力度，为小微企业送去金融活水，助力实体",
                                  *WRAPPED[2:], ""]))
    kinds = list(fixed_roles(lines))
    assert kinds[1] == FURN and not layout.heading_here(lines, kinds, 0)


@pytest.mark.parametrize(("text", "part"), [
    ("第二章 检举控告的接收", ("第章", 2)), ("第十二条 本办法自公布之日起施行", ("第条", 12)),
    ("第二十一节", ("第节", 21)), ("二、招聘范围", ("、", 2)), ("（三）工作要求", ("（）", 3)), ("4.网上报名", ("1、", 4)),
    ("第二届读书节开幕", None), ("二月春风似剪刀", None), ("十十、", None)])
def test_a_heading_numbering_a_part_of_its_text_reads_as_its_form_and_number(text, part):
    assert assembly.part_number(text) == part


def test_unmarked_heading_reads_a_headline_set_under_the_text_it_follows():
    # a kicker and a title, each wrapped, printed right under the last line of the text before them and over
    # the next article's text with no blank line: no clause mark in any of their lines, each ends short
    head = ["市政府召开城区公园建设工作领导小", "组会议", "部署推进口袋公园建设和绿地养护工", "作", "——市长出席"]
    lines = read_lines("\n".join(["　　" + WRAPPED[0], *WRAPPED[1:], *head, "　　" + WRAPPED[0], *WRAPPED[1:], ""]))
    kinds = list(fixed_roles(lines))
    assert [layout.unmarked_heading(lines, kinds, i) for i in range(6, 10)] == [True] * 4
    units, _ = build_units(lines, fixed_roles(lines))
    assert [u.kind for u in units][1:4] == [HEAD, HEAD, HEAD] and units[0].kind == PARA
    # a line short of the one above whose word the line below completes wraps one title (…建 / 设工作)
    head = ["市政府召开城区公园建设工作会议", "部署推进口袋公园建", "设工作"]
    lines = read_lines("\n".join([*head, "　　" + WRAPPED[0], *WRAPPED[1:], ""]))
    kinds = list(fixed_roles(lines))
    assert [layout.unmarked_heading(lines, kinds, i) for i in range(3)] == [True] * 3
    # a sentence's first line with no comma, ended on its stop, is text; so is a run under an open sentence,
    # a quoted sentence of its own, and a run whose last line the text below carries on
    lines = read_lines("\n".join([*WRAPPED, "城区公园建设工作领导小组办公室设在市", "园林局。", *WRAPPED, ""]))
    kinds = list(fixed_roles(lines))
    assert [layout.unmarked_heading(lines, kinds, i) for i in (6, 7)] == [False, False]
    lines = read_lines("\n".join([*WRAPPED[:5], "款十亿元支持企业三百余家成效十分明显", "组会议", *WRAPPED, ""]))
    assert not layout.unmarked_heading(lines, list(fixed_roles(lines)), 5)
    quoted = ["“坚决打赢城区公园建设和绿地养护攻坚", "战”"]
    lines = read_lines("\n".join([*WRAPPED, *quoted, *WRAPPED, ""]))
    assert not layout.unmarked_heading(lines, list(fixed_roles(lines)), 6)
    lines = read_lines("\n".join([*WRAPPED, "城区公园建设工作领导小组办公室设在市", "园林", "局，负责日常工作。", *WRAPPED, ""]))
    assert not layout.unmarked_heading(lines, list(fixed_roles(lines)), 6)


def test_subtitled_heading_reads_a_kicker_title_and_subtitle_however_their_lines_run_on(monkeypatch):
    # a kicker ending on what was said (…会议时强调) reads on into its title, and both wrap mid-word, the
    # kicker's first line at the column's measure: read as one paragraph, the two articles were one
    head = ["市长在调研城区公园建设和绿地养护工作会", "议时强调", "为建设美丽城区推进口袋", "公园建设和绿地养护", "工作",
            "——副市长出席"]
    text = "\n".join(["城区新建三座口袋公园", "", *WRAPPED, "", *head, "", *WRAPPED, ""])
    lines = read_lines(text)
    top = len(WRAPPED) + 1
    assert all(layout.subtitled_heading(lines, list(fixed_roles(lines)), i) for i in range(top, top + len(head)))
    assert _titles(text) == ["城区新建三座口袋公园", "为建设美丽城区推进口袋", "公园建设和绿地养护工作"]
    monkeypatch.setattr(layout, "subtitled_heading", lambda *args: False)
    assert _titles(text) == ["城区新建三座口袋公园"]


def test_subtitled_heading_leaves_the_texts_own_dashed_lines_as_text():
    # a dash opening a line of the text leads a clause that ends on its stop; lines under an open sentence carry
    # it on; a dashed line the text below carries on is a clause of it
    for rows in (["坚持以人民为中心的发展思想", "——建设美丽城区；"],
                 ["城区公园建设工作领导小组办公室设在", "市园林局", "——副市长出席"],
                 ["市长在调研城区公园建设时强调", "——推进口袋公园建"]):
        text = "\n".join([*WRAPPED, "", *rows, "设和绿地养护工作。", "", *WRAPPED, ""])
        lines = read_lines(text)
        top = len(WRAPPED)
        assert not any(layout.subtitled_heading(lines, list(fixed_roles(lines)), i)
                       for i in range(top, top + len(rows))), rows
    text = "\n".join([*WRAPPED[:3], "城区公园建设工作领导小组办公室设在", "市园林局", "——副市长出席", "", *WRAPPED, ""])
    lines = read_lines(text)
    assert not any(layout.subtitled_heading(lines, list(fixed_roles(lines)), i) for i in range(3, 6))


def test_problems_weigh_a_headline_after_the_pages_last_text_half_when_read_forward():
    # read forward, a full headline with no text under it at the page's end may head the text above it (printed
    # after its body): like text over the page's first headline, it only breaks ties
    def group(pos):
        return _make_group([_unit(HEAD, "城区新建三座口袋公园", pos), _unit(BYLINE, "□ 记者 张明", pos + 20)])

    seq = [group(0), _unit(PARA, "近日，公园正式开放，市民纷纷前来散步。", 100), group(200)]
    assert assembly._problems(seq, True) == 0.5
    # a headline with no text under it elsewhere on the page is a whole contradiction
    assert assembly._problems([group(0), group(50), _unit(PARA, "近日，公园正式开放。", 100)], True) == 1


def test_heading_here_reads_no_heading_in_a_speakers_turn():
    # an interview's question on a line of its own, one paragraph a line: the text's own line, not a subhead
    rows = ["城区公园建设", "", "近日，市政府印发《城区公园建设方案》，提出今年新建口袋公园十座，改造老旧公园五座，市民纷纷点赞。", "",
            "记者：今年的公园建设有什么新特点？", "", "王明：今年的公园建设更加注重市民的实际需求，公园里将增设健身步道和儿童游乐设施。", ""]
    lines = read_lines("\n".join(rows))
    kinds = list(fixed_roles(lines))
    assert not layout.heading_here(lines, kinds, 2)
    assert layout.heading_here(lines, kinds, 0)


def test_build_units_read_a_closing_note_wrapped_over_lines_as_the_articles_last_line():
    # （综合本报记者… / …报道）: a bracket, a source and its reporters, wrapped in a narrow column, closes the
    # article above it: no heading, and a heading under it heads another article
    note = ["（综合本报记者王明、李华、张强、赵", "刚报道）"]
    rows = ["城区新建三座口袋公园", *WRAPPED, "各方反映良好。", *note, "", "市图书馆延长开放时间", *WRAPPED, ""]
    lines = read_lines("\n".join(rows))
    kinds = list(fixed_roles(lines))
    assert not layout.heading_here(lines, kinds, 8)
    units, _ = build_units(lines, fixed_roles(lines))
    closing = [u for u in units if u.text == "".join(note)]
    assert len(closing) == 1 and closing[0].kind == PARA and closing[0].end_marker
    # a bracketed column label wrapped under its title is no note: it names no reporter
    assert not layout._CLOSING_NOTE.match("（来自疫情防控一线的")


_CENTRED = "\n".join([
    "      城区新建口袋公园", "",
    "今年以来，城区利用边角空地新建口袋公园十", "二个，总面积三万平方米。", "",
    "公园里种满了花草，还设置了健身器材和儿童", "游乐设施，市民纷纷前来散步游玩。", "",
    "下一步，城区还将新建一批口袋公园。", "",
    "      乡村学校迎来新老师", "",
    "新学期开学，二十名青年教师来到山区学校任", "教，为孩子们带来了音乐、美术等新课程。", "",
    "校长介绍，学校还新建了图书室和运动场，孩", "子们的课余生活更加丰富。", "",
    "家长们说，孩子在家门口就能上好学校了。", "",
    "      老旧小区完成改造", "",
    "今年以来，全市改造老旧小区六十个，加装电", "梯一百余部，惠及居民两万余户。", "",
    "改造后的小区道路平整，绿化增多，居民们纷", "纷表示满意。",
])


def test_headlines_set_at_one_indent_over_unindented_paragraphs_mark_no_paragraph(monkeypatch):
    # an extraction that keeps a centred headline's margin sets every headline at one indent: the paragraphs
    # ending above them end into unindented lines, so the indent opens no paragraph and the headlines head
    assert not any(ln.opens for ln in read_lines(_CENTRED))
    page = split_page(("p.txt", _CENTRED), method="rules")
    titles = ["".join(_CENTRED[s:e] for s, e in b.spans) for it in page.items for b in it.blocks_with(Role.TITLE)]
    assert titles == ["城区新建口袋公园", "乡村学校迎来新老师", "老旧小区完成改造"]
    monkeypatch.setattr(layout, "INDENT_OPENS_MIN", 0.0)
    monkeypatch.setattr(layout, "INDENT_OPENS_SHARE", 0.0)
    assert any(ln.opens for ln in read_lines(_CENTRED))
    page = split_page(("p.txt", _CENTRED), method="rules")
    assert len([b for it in page.items for b in it.blocks_with(Role.TITLE)]) < 3


def test_an_ad_of_one_contact_line_under_its_advertisers_name_is_an_ad_and_ends_the_text_above():
    """An advertiser's name alone on its line (…有限公司), its slogans and one contact line under it are an ad;
    with no name above, a lone contact line is none; the text under the ad starts an article of its own."""
    text = ("城区新建口袋公园\n\n本报讯（记者张明）近日，城区新建的三座口袋公园正式开放，市民纷纷前来游玩。\n\n"
            "江南明辉光电有限公司\n守好网格 温馨提示\n\n想想办法，让宅家时光变得更有意义。\n服务热线：0693-73409991\n\n"
            "公园里种了许多花草树木，周末游人如织，孩子们在草地上奔跑嬉戏。\n\n市图书馆延长开放时间")
    lines, kinds = _fixed(text)
    ad = [ln.text for ln, k in zip(lines, kinds, strict=True) if k == AD]
    assert ad == ["江南明辉光电有限公司", "守好网格 温馨提示", "想想办法，让宅家时光变得更有意义。", "服务热线：0693-73409991"]
    unnamed = text.replace("江南明辉光电有限公司\n", "")
    lines, kinds = _fixed(unnamed)
    assert AD not in kinds
    units, _ = build_units(*_fixed(text))
    seq = assembly._group(units)
    before_ad = [x for x in seq if isinstance(x, Unit) and x.text.startswith("本报讯")]
    assert before_ad and before_ad[0].end_marker  # the ad ends the text above it


def test_an_advertisers_name_over_an_ad_read_from_its_contact_lines_is_the_ads():
    """Ads read from their contact lines (咨询电话：…, 客服热线：…) take in the advertiser's name and slogans
    over the first one's; no ad runs up across another ad's contact line to a name over it."""
    ads = ["江南明辉光电有限公司", "引进好项目 拓宽致富路", "诚信经营，服务至上。", "咨询电话：0686-14255309", "", "城南百货集团",
           "新春特惠 满百减二十", "客服热线：0666-43383872"]
    lines, kinds = _fixed("\n".join([*WRAPPED, "", *ads, "", *WRAPPED]))
    assert [ln.text for ln, k in zip(lines, kinds, strict=True) if k == AD] == [t for t in ads if t]
    assert not layout.is_advertiser("引进好项目 拓宽致富路") and layout.is_advertiser("城南百货集团")


def test_a_note_on_how_the_article_was_made_ends_it():
    """A bracketed note alone on its line saying who else reported or drafted the article (（王小明参与采写）,
    （执笔：王小明）), wrapped or not, closes it: the text under it is another article's."""
    for note in (["（王小明参与采写）"], ["（执笔：王小明）"], ["（王小明、李大春、赵六参与", "采写）"]):
        text = "\n".join(["城区新建三座口袋公园", "", "本报讯（记者张明）近日，城区新建的三座", "口袋公园正式开放，市民纷纷前来游玩。",
                          *note, "", *WRAPPED, ""])
        page = split_page(("p.txt", text), method="rules")
        assert [[text[b.start:b.end] for b in it.blocks if b.role is Role.BODY][0][:4] for it in page.items] == [
            "本报讯（", WRAPPED[0][:4]], note


def test_a_sentence_that_only_says_phone_ends_no_ad_above_a_contact_line():
    """A line of the ad's text that says 电话 with no number (…回了电话…) is no other ad's contact line: the ad
    from its advertiser's name down to its contact line runs across it."""
    text = ("城区新建口袋公园\n\n本报讯（记者张明）近日，城区新建的三座口袋公园正式开放，市民纷纷前来游玩。\n\n"
            "江南明辉光电有限公司\n守好网格 温馨提示\n\n老张给物业回了电话，马上报名参加。\n服务热线：0693-73409991\n\n"
            "公园里种了许多花草树木，周末游人如织，孩子们在草地上奔跑嬉戏。")
    lines, kinds = _fixed(text)
    assert [ln.text for ln, k in zip(lines, kinds, strict=True) if k == AD] == [
        "江南明辉光电有限公司", "守好网格 温馨提示", "老张给物业回了电话，马上报名参加。", "服务热线：0693-73409991"]


def test_a_caption_blocks_last_sentence_needs_no_full_stop():
    """A numbered caption (图⑤：…。) and the sentence on its photo under it (图为…, no full stop) in one block
    of lines are one caption; a 图为 line at the foot of a block of text is none."""
    caption = ["图⑤：城区小学将戏曲、武术等传统文化", "引进课堂。", "图为学生们正在进行舞龙训练"]
    lines, kinds = _fixed("\n".join([*WRAPPED, "", *caption, "", *WRAPPED]))
    assert [ln.text for ln, k in zip(lines, kinds, strict=True) if k == CAPTION] == caption
    units, _ = build_units(lines, kinds)
    assert [u.text for u in units if u.kind == CAPTION] == ["".join(caption)]
    lines, kinds = _fixed("\n".join([*WRAPPED, caption[-1], "", *WRAPPED]))
    assert CAPTION not in kinds


def test_a_closing_note_ends_its_paragraph_and_a_title_wrapped_under_it_keeps_its_last_characters():
    """A note on the author (（作者为…）) ends its article's text: the short line closing the bracket of the title
    under it (…（创意空 / 间）) is that title's, not the note's paragraph's."""
    note = ["（作者为中央广播电视总台央视大型节目", "中心副主任）"]
    title = ["创新是春晚的生命力（创意空", "间）"]
    units, _ = build_units(*_fixed("\n".join([*WRAPPED, *note, *title, "", *WRAPPED])))
    assert [(u.kind, u.text) for u in units[1:3]] == [(PARA, "".join(note)), (HEAD, "".join(title))]


def _ad_unit(text, pos):
    return dataclasses.replace(_unit(PARA, text, pos), kind=AD)


@pytest.mark.usefixtures("rules_alone")
def test_read_backward_a_heading_right_over_an_ad_heads_the_text_above_it():
    """On a page printing its headlines after their bodies, a one-line heading with an ad under it heads the
    text above it: nothing of that text goes on across the ad, so it is no subhead of the article below."""
    units = [_unit(PARA, "本报讯（记者张明）近日，城区新建的三座口袋公园正式开放。", 0), _unit(HEAD, "城区新建三座口袋公园", 100),
             _unit(PARA, "2月20日，小朋友们在公园里放风筝。当日，公园里游人如织。", 200), _unit(HEAD, "春天里的欢乐时光", 300),
             _ad_unit("江南明辉光电有限公司", 400), _ad_unit("服务热线：0693-73409991", 450),
             _unit(PARA, "图书馆负责人说，从下月起开放至九点。此举方便上班族。", 500),
             _unit(HEAD, "市图书馆延长开放时间", 600), _unit(BYLINE, "记者 王芳", 650)]
    result = assemble(units)
    assert not result.forward
    assert [(d.headline.units[0].text, [u.pos for u in d.units]) for d in result.drafts] == [
        ("城区新建三座口袋公园", [0]), ("春天里的欢乐时光", [200]), ("市图书馆延长开放时间", [500])]
    # with no ad under it, the heading sits inside the text of the full headline's article below
    plain = assemble(units[:4] + units[6:])
    assert [u.pos for u in plain.drafts[-1].units] == [200, 300, 500]


def test_read_backward_a_heading_over_an_articles_opening_heads_the_text_above_it():
    """On a page printing its headlines after their bodies, a one-line heading under a few sentences and over
    an article's opening (本报讯…) heads the text above it, however much the two texts share a topic: an
    opening carries no feature's text on, so the heading is none of its subheads."""
    units = [_unit(PARA, "本报讯（记者张明）近日，城区新建的三座口袋公园正式开放。", 0), _unit(HEAD, "城区新建三座口袋公园", 100),
             _unit(PARA, "图书馆负责人说，图书馆从下月起延长开放时间。读者可以晚上借书。", 200),
             _unit(HEAD, "图书馆夜间开放", 300),
             _unit(PARA, "本报讯（记者王芳）图书馆从下月起开放至九点，读者可以晚上借书。", 400),
             _unit(HEAD, "市图书馆延长开放时间", 500), _unit(BYLINE, "记者 王芳", 550)]
    result = assemble(units)
    assert not result.forward
    assert [(d.headline.units[0].text, [u.pos for u in d.units]) for d in result.drafts] == [
        ("城区新建三座口袋公园", [0]), ("图书馆夜间开放", [200]), ("市图书馆延长开放时间", [400])]


_UNPARTED = "\n".join([
    "城区新建口袋公园", "□ 记者 王三",
    "市民在新建的口袋公园里散步。",
    "本报讯（记者王三）今年以来，城区利用边角", "空地新建口袋公园十二个，总面积三万平方米，",
    "惠及周边居民五万余人。", "公园里种满了花草，还设置了健身器材和儿童",
    "游乐设施，市民纷纷前来散步游玩。", "下一步，城区还将在老旧小区周边新建一批口袋",
    "公园，让市民出门就能见到绿色。",
    "孩子们在公园里玩耍。",
    "责任编辑：李四",
])


def test_a_page_that_parts_nothing_by_blank_lines_sets_its_captions_apart_by_what_stands_around_them(monkeypatch):
    # no blank line anywhere: a lone sentence between a byline and an article's opening, and one between the
    # text's last paragraph and the page's furniture, are captions; the text's paragraphs stay its own
    assert not layout.blank_parted(read_lines(_UNPARTED))
    assert layout.blank_parted(read_lines(_UNPARTED.replace("。\n", "。\n\n")))

    def captions(text: str) -> list[str]:
        page = split_page(("p.txt", text), method="rules")
        return ["".join(text[s:e] for s, e in b.spans) for it in page.items for b in it.blocks_with(Role.CAPTION)]

    assert captions(_UNPARTED) == ["市民在新建的口袋公园里散步。", "孩子们在公园里玩耍。"]
    monkeypatch.setattr(layout, "BLANK_PARTS_SHARE", 0.0)  # as if blank lines parted this page: none sets them apart
    assert captions(_UNPARTED) == []


_UNPARTED_HEADS = "\n".join([
    "城区口袋公园建设工程全面完工迎接市民",
    "今年以来，城区利用边角空地新建公", "园十二个，总面积三万平方米，惠及", "周边居民五万余人，市民纷纷前来。",
    "公园里种满了花草，还设置了健身器", "材和儿童游乐设施，成为好去处。",
    "下一步，城区还将在老旧小区周边新", "建一批口袋公园，让市民见到绿色。",
    "乡村学校迎来二十名青年教师充实师资队伍",
    "新学期开学，二十名青年教师来到山", "区学校任教，带来了音乐和美术课。",
    "校长介绍，学校还新建了图书室和运", "动场，孩子们的课余生活更加丰富。",
    "家长们说，孩子在家门口就能上好学校。",
])


def _titles(text: str) -> list[str]:
    """The title lines of the rule split of `text`, each as printed."""
    page = split_page(("p.txt", text), method="rules")
    return ["".join(text[s:e] for s, e in b.spans) for it in page.items for b in it.blocks_with(Role.TITLE)]


def test_on_a_page_parted_by_no_blank_line_a_line_wider_than_the_column_under_a_sentences_end_heads(monkeypatch):
    # no blank line sets the second headline apart: it is a line with no clause mark, wider than the column of
    # the text either side, under a sentence's end, and the line below starts its own sentence at the column
    assert _titles(_UNPARTED_HEADS) == ["城区口袋公园建设工程全面完工迎接市民", "乡村学校迎来二十名青年教师充实师资队伍"]
    monkeypatch.setattr(layout, "OVER_COLUMN_CELLS", 99)
    assert _titles(_UNPARTED_HEADS) == ["城区口袋公园建设工程全面完工迎接市民"]


def test_a_kicker_ending_on_its_dash_is_a_heading_clauses_and_all():
    """A kicker of clauses ending on its dash (有知识、懂技术、善经营、会管理——), a block's first line or two under
    a sentence's end or a column label, right over a short title, is a heading; a line of text ending on a dash
    (under a line that runs on into it, or under a sentence of its own block) is none."""
    kicker = ["有知识、懂技术、善经营、会管理——", "慈溪 职业农民不一般"]
    units, _ = build_units(*_fixed("\n".join([*WRAPPED, "", *kicker, "", "本报记者 刘新吾", "", *WRAPPED])))
    assert [(u.kind, u.text) for u in units[1:3]] == [(HEAD, kicker[0]), (HEAD, kicker[1])]
    wrapped = ["新时代·面孔", "不一样坐标，同一个信念，杜富国的弟弟妹妹们坚", "守岗位——", "以哥哥为榜样，守好自己的阵地"]
    units, _ = build_units(*_fixed("\n".join([*WRAPPED, "", *wrapped, "", *WRAPPED])))
    assert [(u.kind, u.text) for u in units[1:4]] == [
        (HEAD, wrapped[0]), (HEAD, "".join(wrapped[1:3])), (HEAD, wrapped[3])]  # (the kicker's lines one heading)
    # a closing line over a name ending on a dash stays the text's; so does a dash the sentence above runs into
    closing = ["采访接近尾声，放射科里的电话铃声再次响起。", "陈志勇说。（记者李琰）", "武汉协和医院医生陈志勇——",
               "把好CT这道关"]
    units, _ = build_units(*_fixed("\n".join([*WRAPPED, "", *closing, "", *WRAPPED])))
    assert not any(u.kind == HEAD and u.text.startswith("陈志勇说") for u in units)
    running = [*WRAPPED[:-1], "款十亿元，支持企业三百余家，该行行长说——", "成效明显"]
    lines, kinds = _fixed("\n".join(running))
    assert not layout.dashed_kicker(lines, list(kinds), len(running) - 2)


def test_build_units_read_a_quotation_on_its_own_line_in_the_text_as_a_paragraph():
    # dialogue or a quotation standing as a paragraph between two paragraphs of the text ends its sentence
    # inside its marks: the text's own, neither a subhead nor the headline of a new article
    for quote in ("“好吃啊！”", "“我们一定能做到。”", "“谁来帮帮他？”“我来！”"):
        rows = ["城区新建三座口袋公园", "", *WRAPPED, "", quote, "", *WRAPPED, ""]
        units, _ = build_units(*_fixed("\n".join(rows)))
        assert [(u.kind, u.text) for u in units if u.text == quote] == [(PARA, quote)]
        assert [u.kind for u in units].count(HEAD) == 1
        assert len(split_page(SourcePage("madeup.txt", "\n".join(rows), "utf-8")).items) == 1
    # the evidence of a headline keeps one: a dispatch or a byline under it, the page's top
    for below in ("本报讯（记者 王明）近日，城区新建的三座口袋公园正式开放，市民纷纷前来散步。", "□ 记者 王明"):
        rows = [*WRAPPED, "", "“我们一定能做到！”", "", below, *WRAPPED, ""]
        units, _ = build_units(*_fixed("\n".join(rows)))
        assert [u.kind for u in units if u.text == "“我们一定能做到！”"] == [HEAD]
    units, _ = build_units(*_fixed("\n".join(["“我们一定能做到！”", "", *WRAPPED, ""])))
    assert units[0].kind == HEAD
    # right under an article's leading byline it opens the text (a headline is printed over its byline)
    rows = ["城区新建三座口袋公园", "□ 记者 王明", "", "“我们一定能做到！”", "", *WRAPPED, ""]
    units, _ = build_units(*_fixed("\n".join(rows)))
    assert [u.kind for u in units if u.text == "“我们一定能做到！”"] == [PARA]
    # a quotation that does not end its sentence inside its marks is no paragraph of its own by this
    assert not layout.quoted_paragraph(*_quoted_rows("“一个人撑起一片天”"))
    assert layout.quoted_paragraph(*_quoted_rows("“一个人撑起一片天……”"))


def _quoted_rows(quote: str) -> tuple[tuple, list, int]:
    lines, fixed = _fixed("\n".join([*WRAPPED, "", quote, "", *WRAPPED, ""]))
    kinds = list(fixed)
    kinds[:len(WRAPPED)] = [PARA] * len(WRAPPED)
    return lines, kinds, len(WRAPPED)


_EACH_BLOCK_INDENTED = "\n".join([
    "　　城区新建三座口袋公园", "",
    "　　本报讯（记者王三）今年以来，城区利用边角", "空地新建口袋公园十二个，总面积三万平方米。", "",
    "　　公园里种满了花草，还设置了健身器材和儿", "童游乐设施，市民纷纷前来散步游玩。", "",
    "　　下一步，城区还将在老旧小区周边新建一批", "口袋公园，让市民出门就能见到绿色。", "",
    "　　乡村学校迎来新一批青年教师", "",
    "　　本报讯 新学期开学，二十名青年教师来到山", "区学校任教，为孩子们带来了音乐和美术课程。", "",
    "　　校长介绍，学校还新建了图书室和运动场，", "孩子们的课余生活更加丰富多彩。", "",
    "　　家长们说，孩子在家门口就能上好学校了。",
])


def test_a_block_of_its_own_in_the_paragraph_indent_that_no_sentence_ends_in_is_a_heading(monkeypatch):
    # an extraction that indents each block's first line indents the headlines too: a block of its own with no
    # clause mark and no sentence's end, that nothing below carries on, over an article's opening, heads it
    assert _titles(_EACH_BLOCK_INDENTED) == ["城区新建三座口袋公园", "乡村学校迎来新一批青年教师"]
    # a paragraph's first line cut by a column break, its word carried on below (…工作统 / (blank) / 筹推进…), is none
    cut = _EACH_BLOCK_INDENTED.replace("城区新建三座口袋公园", "城区公园建设工作统").replace(
        "　　本报讯（记者王三）今年以来，城区利用", "筹推进，城区利用")
    lines = read_lines(cut)
    assert layout.indented_heading(read_lines(_EACH_BLOCK_INDENTED), list(fixed_roles(read_lines(_EACH_BLOCK_INDENTED))), 0)
    assert not layout.indented_heading(lines, list(fixed_roles(lines)), 0)
    monkeypatch.setattr(layout, "indented_heading", lambda *args: False)
    assert _titles(_EACH_BLOCK_INDENTED) != ["城区新建三座口袋公园", "乡村学校迎来新一批青年教师"]


def test_a_headline_set_over_the_tail_of_the_article_above_heads_the_text_under_its_byline():
    """Read forward: a headline with no byline, then text ending its sentence, then a byline alone over more
    text. The text between is the tail of the article above (the headline was set across its column), and the
    headline heads the text under its byline (`assembly.tail_under_headline`)."""
    units = [_unit(HEAD, "城区新建三座口袋公园", 0), _unit(BYLINE, "□ 记者 张明", 20),
             _unit(PARA, "本报讯（记者张明）近日，城区三座口袋公园正式开放，", 40),
             _unit(HEAD, "市图书馆延长开放时间", 100), _unit(PARA, "市民纷纷前来散步健身。", 140),
             _unit(BYLINE, "□ 记者 王芳", 200), _unit(PARA, "从下月起，市图书馆每天开放至晚上九点。", 240)]
    drafts = assemble(units).drafts
    assert [([u.text for u in d.headline.units], [u.pos for u in d.units]) for d in drafts] == [
        (["城区新建三座口袋公园", "□ 记者 张明"], [40, 140]), (["市图书馆延长开放时间", "□ 记者 王芳"], [240])]
    # not where the text between runs on (no sentence ended: the next article's headline read as text), nor
    # under a bare name, which may be a paragraph's first word set apart
    for k, text in ((4, "市民纷纷前来散步健身，"), (5, "王芳")):
        other = [*units[:k], dataclasses.replace(units[k], lines=(dataclasses.replace(units[k].lines[0], text=text),)),
                 *units[k + 1:]]
        seq = assembly._group(other)
        assert assembly.tail_under_headline(seq) == seq


def test_headings_given_from_outside_as_opening_items_head_items_and_are_never_read_as_subheads():
    """Where the lines' kinds come from outside (a project model's roles: `splitter.given_kinds`) and that
    reading opens an item at a heading, the heading is a headline's line (a subhead comes given as one): the
    text under it is another item, however it carries on the topic of the text above."""
    units = [_unit(HEAD, "情系民生 守护健康", 0), _unit(HEAD, "——某市卫生工作侧记", 50),
             _unit(BYLINE, "□ 记者 王芳", 80), _unit(PARA, "本报讯（记者王芳）从下月起，图书馆开放至九点。", 100),
             _unit(HEAD, "基层服务更贴心", 200), _unit(PARA, "图书馆负责人说，此举方便上班族。", 300)]
    assert [len(d.units) for d in assemble(units).drafts] == [3]  # the rules' own reading: a subhead
    assert [len(d.units) for d in assemble(units, given=True).drafts] == [3]  # (no item opened there)
    given = assemble(units, given=True, opens=frozenset({200}))
    assert [(d.headline.units[0].text, [u.pos for u in d.units]) for d in given.drafts] == [
        ("情系民生 守护健康", [100]), ("基层服务更贴心", [300])]


def test_a_given_title_wrapped_onto_a_notice_s_words_stays_one_headline():
    """Given from outside, a title's last line that reads as a notice's title (…发 / 表主席声明) ends the title
    above it wrapped, with no blank line between (`assembly.wraps_title`): one headline, not a notice of its own."""
    first = _unit(HEAD, "金砖国家就支持中国抗击新冠肺炎疫情发", 0)
    wrapped = _unit(HEAD, "表主席声明", 20, blank=0)
    units = [first, wrapped, _unit(BYLINE, "□ 记者 王芳", 40), _unit(PARA, "近日，金砖主席国发表主席声明。", 60)]
    given = assemble(units, given=True)
    assert [[u.text for u in d.headline.units] for d in given.drafts] == [
        ["金砖国家就支持中国抗击新冠肺炎疫情发", "表主席声明", "□ 记者 王芳"]]
    assert assembly.wraps_title([first], wrapped) and not assembly.wraps_title([first], dataclasses.replace(
        wrapped, lines=(dataclasses.replace(wrapped.lines[0], blank_before=1),)))


def test_one_paragraph_a_line_a_title_over_its_text_is_no_part_of_the_paragraph_under_it():
    # a page printing one paragraph a line: a line that ends no sentence, with nothing running on from it into
    # the line under it, is a line of its own (立案网上办 开庭不见面 over 日前，江苏省常州市…), not the start of a
    # paragraph wrapped over two lines
    body = ["城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身，孩子们也有了去处，周边居民都说方便多了。",
            "公园里绿树成荫，花草繁茂，市民在公园里散步、下棋、跳舞，十分热闹，不少老人每天都来这里锻炼。",
            "口袋公园的建设方便了周边居民，受到一致好评，有关部门表示今年还将新建五座口袋公园，方便群众。"]
    page = [*body, "疫情期间，江苏常州打造“不打烊”的法律云服务", "立案网上办 开庭不见面",
            "日前，江苏省常州市仲裁委员会通过电话和网络促成一起合同纠纷案件以调解方式结案，这是第一起仲裁案件。",
            *body]
    units = read_units("\n".join(page))
    assert [u.text for u in units if u.kind == HEAD] == ["立案网上办 开庭不见面"]
    assert page[5] in [u.text for u in units if u.kind == PARA]
    # wide lines wrapped into blocks (a sentence running on from line to line) carry their paragraphs on
    wrapped = [*body, "韶山、十八洞村相隔千里，但两地的发展共同见证了共产党为国家",
               "富强、人民富裕艰苦奋斗的历程，见证了共产党为民爱民的初心与使命。", *body,
               "志愿者们在学校摆摊设点，对往来师生开展征信知识和金融知识宣传，通过发放资料与师生",
               "进行现场互动，解答大学生关于征信的疑问，引导学生关爱自身信用记录，谨慎办理业务。"]
    paras = [u.text for u in read_units("\n".join(wrapped)) if u.kind == PARA]
    assert wrapped[3] + wrapped[4] in paras and wrapped[-2] + wrapped[-1] in paras


def test_one_paragraph_a_line_a_sentence_end_ends_a_line_wider_than_any_column_beside_a_wrapped_caption():
    # one paragraph a line, no blank lines, and a photo's caption wrapped at a measure: the caption's lines
    # tell a column nearby, but a line wider than any column is no line of it; its sentence's end ends the
    # paragraph (the body lines were glued into one paragraph of three)
    body = ["城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身，孩子们也有了去处，周边居民都说方便多了。",
            "公园里绿树成荫，花草繁茂，市民在公园里散步、下棋、跳舞，十分热闹，不少老人每天都来这里锻炼。",
            "口袋公园的建设方便了周边居民，受到一致好评，有关部门表示今年还将新建五座口袋公园，方便群众。"]
    caption = ["在紧张的工作间隙，远在外地的丈夫和女", "儿与她通过视频连线在网上实现了团聚", "，视频里一家人隔着屏幕互道平安，彼",
               "此加油，彼此鼓劲，共同期待早日战胜", "疫情，迎来春暖花开、家人团聚的那一", "天。"]
    units = read_units("\n".join([*body, *caption, *body]))
    assert [u.text for u in units if u.kind == PARA] == body + body


def test_one_paragraph_a_line_a_quotation_alone_on_its_line_is_a_paragraph_of_its_own():
    # one paragraph a line, blank lines between: a quotation alone on its line that ends no sentence inside its
    # marks is not carried on into the paragraph under it (main glued the two), unless a word runs on
    body = ["城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身，孩子们也有了去处，周边居民都说方便多了。",
            "公园里绿树成荫，花草繁茂，市民在公园里散步、下棋、跳舞，十分热闹，不少老人每天都来这里锻炼。",
            "口袋公园的建设方便了周边居民，受到一致好评，有关部门表示今年还将新建五座口袋公园，方便群众。"]
    quote = "“一辈子都在做为老百姓办实事的事，我感到很骄傲”"
    after = "1991年，她当选为协会会长，并担任该职位14年之久，在任期间积极组织交流活动，足迹遍及全国各地。"
    paras = [u.text for u in read_units("\n\n".join([*body, quote, after, *body])) if u.kind == PARA]
    assert quote in paras and after in paras


def test_read_backward_the_text_under_a_headline_printed_first_ends_at_its_closing_line(monkeypatch):
    """On a page read backward, the text under a headline printed before its body ends at the article's closing
    line (（本报巴黎电）): the text after it is another article's, even one of its topic, and the next headline
    below heads it."""
    units = [_unit(PARA, "公园里种满了花草，口袋公园成了市民散步游玩的好去处。", 0),
             _unit(HEAD, "城区新建口袋公园", 100), _unit(HEAD, "市民散步有了好去处", 120, blank=0),
             _unit(HEAD, "图书馆延长开放时间", 200, blank=1),
             _unit(PARA, "图书馆从下月起延长开放时间，读者可以晚上借书。", 300),
             dataclasses.replace(_unit(PARA, "（本报巴黎电）", 350, blank=0), end_marker=True),
             _unit(PARA, "图书馆还将增设自习座位，读者晚上可以在图书馆借书、自习。", 400),
             _unit(HEAD, "夜读", 500), _unit(BYLINE, "记者 王芳", 550, blank=0),
             _unit(PARA, "铁路部门预计，春运返程客流高峰今天到来，车站增开临时列车。", 600)]
    monkeypatch.setattr(assembly, "DIRECTION", False)
    drafts = assemble(units).drafts
    assert [(d.headline.units[0].text, [u.pos for u in d.units]) for d in drafts][1:3] == [
        ("图书馆延长开放时间", [300, 350]), ("夜读", [400, 600])]


def test_a_features_parts_and_subheads_carrying_its_text_on_cast_no_vote_on_the_pages_direction():
    """A feature's parts headed by who or where (张女士—— / …) and a subhead whose text below carries on the
    text above name the text below them whichever way the page prints its headlines: they cast no vote on
    the page's direction, and the feature's own headline, printed after it, does."""
    units = [_unit(PARA, "春节前，三名新冠肺炎患者经过精心治疗顺利出院，她们都说，医生护士照顾得无微不至。", 0),
             _unit(HEAD, "张女士——", 100), _unit(HEAD, "医生照顾如亲人", 120, blank=0),
             _unit(PARA, "张女士说，住院期间医生照顾她如亲人，每天都来病房问她的情况，她很感动，出院时还送了锦旗。", 200),
             _unit(HEAD, "余女士——", 300), _unit(HEAD, "摘下口罩再相会", 320, blank=0),
             _unit(PARA, "余女士说，等疫情过后，要摘下口罩和医生护士再相会，当面说一声谢谢，她还想请大家吃饭。", 400),
             _unit(HEAD, "三名新冠肺炎患者顺利出院", 500), _unit(BYLINE, "本报记者 赵文君", 550, blank=0)]
    result = assemble(units)
    assert not result.forward
    assert [(d.headline.units[0].text, [u.pos for u in d.units]) for d in result.drafts] == [
        ("三名新冠肺炎患者顺利出院", [0, 100, 120, 200, 300, 320, 400])]


def test_a_part_printed_above_its_headline_goes_to_the_article_under_that_headline():
    """Read forward: an article's later paragraphs set between the article above and its own headline, byline
    and first paragraphs go to the article under that headline, after its text, where they name that headline
    and share its article's words, not the article's above, and do not carry on the text above them
    (`assembly.parts_above_headlines`)."""
    part = "目前，正值春耕备耕关键时期，各地农技人员深入田间地头，指导农民科学施肥。"
    units = [_unit(HEAD, "城区新建三座口袋公园", 0),
             _unit(PARA, "本报讯（记者张明）近日，城区三座口袋公园正式开放，市民纷纷前来散步健身。", 20),
             _unit(PARA, part, 100), _unit(HEAD, "农技人员下乡指导春耕", 200), _unit(BYLINE, "□ 记者 王芳", 220),
             _unit(PARA, "本月以来，市农业农村局组织农技人员下乡，帮助农民解决春耕中的难题。", 300)]

    def read(text):
        other = [*units[:2], _unit(PARA, text, 100), *units[3:]]
        return [([u.text for u in d.headline.units], [u.pos for u in d.units]) for d in assemble(other).drafts]

    assert read(part) == [(["城区新建三座口袋公园"], [20]), (["农技人员下乡指导春耕", "□ 记者 王芳"], [300, 100])]
    # not a paragraph carrying on the text above it (the park's visitors), nor a bracketed note closing that article
    for text in ("口袋公园里种满了花草，市民散步健身之余，农技人员还来讲解春耕知识。", "（农技人员王芳参与采写）"):
        assert read(text) == [(["城区新建三座口袋公园"], [20, 100]), (["农技人员下乡指导春耕", "□ 记者 王芳"], [300])]


def test_a_title_with_a_comma_under_a_column_label_is_a_heading_not_the_texts_first_line():
    # 创见 / 剪去长发的护士，真美 / text: two phrases either side of a comma, short of the column, under a label
    # at a block's top, over the text with no blank line between: the title, not the text's opening line
    body = ["立春过后，村里的年轻人陆续回到田间，", "有的操作无人机喷洒农药，有的在大棚里",
            "调试滴灌设备。返乡青年张明说，种地也", "能种出新花样，明年还要再扩大规模。"]
    text = "\n".join(["城区新建口袋公园", *WRAPPED, "", "观潮", "春耕，田野里的新农人", *body, ""])
    lines, kinds = _fixed(text)
    units, kinds = build_units(lines, kinds)
    at = [ln.text for ln in lines].index("春耕，田野里的新农人")
    assert kinds[at - 1] == HEAD and kinds[at] == HEAD
    page = split_page(("p.txt", text), method="rules")
    titles = ["".join(text[s:e] for s, e in b.spans) for it in page.items for b in it.blocks_with(Role.TITLE)]
    assert titles == ["城区新建口袋公园", "春耕，田野里的新农人"]
    # a paragraph's first line under a label fills the column: the text's, not a title
    lines, kinds = _fixed("\n".join([*WRAPPED, "", "观潮", *WRAPPED, ""]))
    _, kinds = build_units(lines, kinds)
    assert kinds[len(WRAPPED) + 1] == PARA
    # ... and a heading wrapped after a few characters carries its words on (田园乡村建 / 设，统筹城乡发展)
    lines, kinds = _fixed("\n".join([*WRAPPED, "", "加大高新", "技术研发，中小企业发力", *WRAPPED, ""]))
    _, kinds = build_units(lines, kinds)
    assert not layout.under_label(lines, list(kinds), len(WRAPPED) + 2)


def test_a_title_with_a_two_character_phrase_under_a_dashed_kicker_is_the_title():
    # 乡村观察 / …，某县—— / 老城的夜市，火了 / text: a title of two phrases round a comma, one of two characters,
    # which `roles.is_headingish` turns down (by its text alone it is a wrapped line of the text), right under a
    # kicker ending on its dash: the title, and the kicker is read as one over it
    body = ["立春过后，村里的年轻人陆续回到田间，有的操作无人机喷洒农药，有的在大棚",
            "里调试滴灌设备。返乡青年张明说，种地也能种出新花样，明年还要再扩大规",
            "模。村里还办起了农技夜校，请专家讲授种植技术，吸引了周边村的不少农民", "前来听课。", ""]
    kicker = "返乡青年带回新技术，农民学会用手机种地，某县——"
    for title in ("老城的夜市，火了", "春耕，从田间地头到云端课堂"):
        text = "\n".join(["城区新建口袋公园", *WRAPPED, "", "乡村观察", kicker, title, *body])
        lines, kinds = _fixed(text)
        _, kinds = build_units(lines, kinds)
        at = [ln.text for ln in lines].index(title)
        assert kinds[at - 1] == HEAD and kinds[at] == HEAD and kinds[at + 1] == PARA
        page = split_page(("p.txt", text), method="rules")
        got = [["".join(text[s:e] for s, e in b.spans) for b in it.blocks_with(role)]
               for it in page.items for role in (Role.KICKER, Role.TITLE)]
        assert [kicker] in got and [title] in got
    # the same line under a line of text (no dash over it) is the text's: a wrapped line of a paragraph
    text = "\n".join(["城区新建口袋公园", *WRAPPED, "老城的夜市，火了", *body])
    lines, kinds = _fixed(text)
    _, kinds = build_units(lines, kinds)
    assert kinds[len(WRAPPED) + 1] == PARA
    # ... and under the kicker, a line whose last word runs on into the next line is no title
    text = "\n".join(["城区新建口袋公园", *WRAPPED, "", "乡村观察", kicker, "当前，面对春耕备耕", "的关键时期，各地抓紧", *body])
    lines, kinds = _fixed(text)
    at = [ln.text for ln in lines].index("当前，面对春耕备耕")
    assert not layout.under_dashed_kicker(lines, [*kinds[:at - 1], HEAD, *kinds[at:]], at)


def test_parts_above_two_headlines_in_turn_each_go_one_article_down():
    """Two articles in turn each with a later part printed above its headline: each part goes to the article
    right under it, not on to the one after (`assembly.parts_above_headlines` reads every cut on the drafts as
    assembled)."""
    plough = "目前，正值春耕备耕关键时期，各地农技人员深入田间地头，指导农民科学施肥。"
    library = "此外，市图书馆还将增设自习座位，图书馆阅览室夜间开放期间提供免费热水。"
    units = [_unit(HEAD, "城区新建三座口袋公园", 0),
             _unit(PARA, "本报讯（记者张明）近日，城区三座口袋公园正式开放，市民纷纷前来散步健身。", 20),
             _unit(PARA, plough, 100), _unit(HEAD, "农技人员下乡指导春耕", 200), _unit(BYLINE, "□ 记者 王芳", 220),
             _unit(PARA, "本月以来，市农业农村局组织农技人员下乡，帮助农民解决春耕中的难题。", 300),
             _unit(PARA, library, 400), _unit(HEAD, "市图书馆延长开放时间", 500), _unit(BYLINE, "□ 记者 王红", 520),
             _unit(PARA, "从下月起，市图书馆每天开放至晚上九点，方便上班族到图书馆借阅。", 600)]
    assert [[u.pos for u in d.units] for d in assemble(units).drafts] == [[20], [300, 100], [600, 400]]


def test_the_pages_first_text_printed_above_its_articles_headline_goes_after_that_articles_text():
    """Read forward: a page that opens with an article's later paragraphs, then that article's headline, byline
    and first paragraph, gives them to the article, after its text, where the headline names them and the
    article's text runs on into them (`assembly.parts_above_headlines`); not a page's first text opening with a
    byline (the article's own start, under a headline the page lost), nor one the headline does not name, nor
    one paragraph closed by its byline (a whole brief)."""
    part = ["突然，老石发现大棚里的油麦菜叶片上出现黄斑，农技员赶到大棚查看后说，这是天冷湿气大引起的病害。",
            "农技员叮嘱老石，大棚要勤通风，油麦菜叶片上的黄斑过几天就会消退。"]
    own = "本月以来，菜农老石每天都到大棚里查看油麦菜的长势，今年大棚油麦菜喜获丰收，盘算着开春后的收成。"

    def read(texts, lead=None, signed=False):
        units = [*([_unit(BYLINE, lead, 0)] if lead else []),
                 *(_unit(PARA, t, 20 + 40 * n) for n, t in enumerate(texts))]
        if signed:
            units.append(dataclasses.replace(_unit(BYLINE, "（记者李华）", 90), end_marker=True))
        units += [_unit(HEAD, "大棚油麦菜喜获丰收", 100), _unit(BYLINE, "本报记者 李华", 120), _unit(PARA, own, 200)]
        result = assemble(units)
        assert result.forward
        return [[u.pos for u in d.units] for d in result.drafts]

    assert read(part) == [[200, 20, 60]]
    assert read(part, signed=True) == [[200, 20, 60, 90]]
    assert read(part, lead="文/王芳") == [[20, 60], [200]]
    assert read(["口袋公园里种满了花草，市民散步健身之余，还能在公园里听讲座。"]) == [[20], [200]]
    assert read(part[:1], signed=True) == [[20, 90], [200]]


def test_a_part_closed_by_its_byline_above_its_headline_goes_with_the_text_that_runs_into_it():
    """Read forward: an article's later part closed by its end byline (（记者 李华）), set between the article above
    and its own headline, goes to the article under that headline, after its text, where that text's words run
    on into it and the text above's do not, even when neither headline's words tell (the byline closes the text
    that runs into it, not the article above it: `assembly.parts_above_headlines`)."""
    part = ["突然，老石发现大棚里的油麦菜叶片上出现黄斑，他立刻拨通了农技站的电话。",
            "农技员赶到大棚，查看油麦菜的叶片后说，这是天冷湿气大引起的病害。"]
    own = "本月以来，菜农老石每天都到大棚里查看油麦菜的长势，盘算着开春后的收成。"

    def read(texts, signed):
        units = [_unit(HEAD, "城区新建三座口袋公园（民生实事）", 0),
                 _unit(PARA, "本报讯（记者张明）近日，城区三座口袋公园正式开放，市民纷纷前来散步健身。", 20),
                 *(_unit(PARA, t, 100 + 40 * n) for n, t in enumerate(texts))]
        if signed == "apart":
            units.append(dataclasses.replace(_unit(BYLINE, "（记者李华）", 180), end_marker=True))
        elif signed == "glued":
            units[-1] = dataclasses.replace(_unit(PARA, units[-1].text + "（记者李华）", units[-1].pos), end_marker=True)
        units += [_unit(HEAD, "田间地头新气象（民生实事）", 200), _unit(PARA, own, 300)]
        return [[u.pos for u in d.units] for d in assemble(units).drafts]

    assert read(part, "apart") == [[20], [300, 100, 140, 180]]
    assert read(part, "glued") == [[20], [300, 100, 140]]
    # unsigned, the headlines' words do not tell whose it is: it stays; signed but carrying on the park's text, too
    assert read(part, None) == [[20, 100, 140], [300]]
    park = ["口袋公园里种满了花草，市民散步健身之余，还能在公园里听讲座。", "公园管理处说，下月还将在公园里增设座椅。"]
    assert read(park, "apart") == [[20, 100, 140, 180], [300]]
    # one paragraph closed by its byline is a brief's form (a whole short article): it stays
    assert read(part[:1], "apart") == [[20, 100, 180], [300]]


def test_a_title_glued_over_its_texts_first_line_a_cell_short_of_the_column_is_a_heading():
    # …成效明显。 / (blank) / 全面部署，确保…有力有序 / 近日，…: a title set right over its text, no blank line
    # between, a cell short of a column whose lines keep one measure, is the title, not the text's opening line
    body = ["近日，城区三座口袋公园正式建成开放，市", "民纷纷前来散步健身。公园里种满了花草，",
            "还设有儿童游乐区和健身步道，周边居民们", "称赞不已。"]
    title = "全面部署，确保口袋公园建设有力有序"
    text = "\n".join(["城区新建口袋公园", *WRAPPED, "", title, *body, ""])
    lines, kinds = _fixed(text)
    _, kinds = build_units(lines, kinds)
    at = [ln.text for ln in lines].index(title)
    assert kinds[at] == HEAD and kinds[at + 1] == PARA
    page = split_page(("p.txt", text), method="rules")
    titles = ["".join(text[s:e] for s, e in b.spans) for it in page.items for b in it.blocks_with(Role.TITLE)]
    assert titles == ["城区新建口袋公园", title]
    # a paragraph's first line stops short where the next line opens with a mark pushed down (“口袋公园”…)
    opening = "新建的三座城区公园，被市民亲切称为"
    lines, kinds = _fixed("\n".join([*WRAPPED, "", opening, "“口袋公园”让市民在家门口就能亲近自然", *body[1:], ""]))
    assert not layout.glued_title(lines, list(kinds), len(WRAPPED))
    _, kinds = build_units(lines, kinds)
    assert kinds[len(WRAPPED)] == PARA
    # ... and where the lines under it keep no measure to the cell (PDF text of a proportional font), a line a
    # cell or two short tells nothing
    uneven = [body[0], "民纷纷前来散步健身。公园里种满花草，", body[2], body[3]]
    lines, kinds = _fixed("\n".join([*WRAPPED, "", title, *uneven, ""]))
    assert not layout.glued_title(lines, list(kinds), len(WRAPPED))
    _, kinds = build_units(lines, kinds)
    assert kinds[len(WRAPPED)] == PARA


def test_read_forward_a_headline_whose_byline_names_other_writers_than_the_opening_under_it_heads_the_text_above(
        monkeypatch):
    """Read forward, a headline with its byline (作者：王芳) over an article's opening whose byline names none of
    them (本报讯（记者李华）…) was printed after its body: it heads the text above it where its words name that
    text (`assembly.signed_by_others`, `_new_start`), and the opening starts an article of its own. Not where
    the opening names a writer of the byline (the article names its writers twice)."""
    monkeypatch.setattr(assembly, "DIRECTION", True)

    def read(byline):
        units = [_unit(HEAD, "城区新建三座口袋公园", 0), _unit(BYLINE, "本报记者 张明", 20),
                 _unit(PARA, "近日，城区新建的三座口袋公园正式开放，市民纷纷前来散步健身。", 100),
                 _unit(PARA, "市图书馆从下月起延长开放时间，读者可以晚上借书、自习。", 200),
                 _unit(HEAD, "市图书馆延长开放时间", 300), _unit(BYLINE, byline, 320),
                 _unit(PARA, "本报讯（记者李华）菜农老石的大棚油麦菜今年喜获丰收，盘算着开春后的收成。", 400),
                 _unit(HEAD, "大棚油麦菜喜获丰收", 500)]
        return [(d.headline.units[0].text if d.headline else None, [u.pos for u in d.units])
                for d in assemble(units).drafts]

    assert read("作者：王芳") == [("城区新建三座口袋公园", [100]), ("市图书馆延长开放时间", [200]),
                              ("大棚油麦菜喜获丰收", [400])]
    assert dict(read("作者：李华"))["市图书馆延长开放时间"][0] == 400


def test_read_backward_a_headline_whose_byline_names_other_writers_than_the_opening_above_heads_the_text_below(
        monkeypatch):
    """Read backward, a headline with its byline (作者：王芳) under an article's opening whose byline names none of
    them (本报讯（记者张明）…), its words naming the text under it, was printed before its body: it heads the
    text under it, and the text above is an article of its own. The text under it ends at a byline alone (□ 记者
    赵强), which opens the next article (its headline printed after it). Not a headline whose words name the text
    above: a page printing its headlines after their bodies may set the next article's byline under one."""
    monkeypatch.setattr(assembly, "DIRECTION", False)

    def read(title):
        units = [_unit(PARA, "本报讯（记者李华）菜农老石的大棚油麦菜今年喜获丰收，盘算着开春后的收成。", 0),
                 _unit(HEAD, "大棚油麦菜喜获丰收", 100),
                 _unit(PARA, "本报讯（记者张明）近日，城区新建的三座口袋公园正式开放，市民纷纷前来散步健身。", 200),
                 _unit(HEAD, title, 300), _unit(BYLINE, "作者：王芳", 320),
                 _unit(PARA, "市图书馆从下月起延长开放时间，读者可以晚上借书、自习。", 400),
                 _unit(BYLINE, "□ 记者 赵强", 500),
                 _unit(PARA, "铁路部门预计，春运返程客流高峰今天到来。车站增开临时列车，方便旅客出行。", 600),
                 _unit(HEAD, "春运返程客流高峰今天到来", 700)]
        return [(d.headline.units[0].text if d.headline else None, [u.pos for u in d.units])
                for d in assemble(units).drafts]

    assert read("市图书馆延长开放时间") == [
        ("大棚油麦菜喜获丰收", [0]), (None, [200]), ("市图书馆延长开放时间", [400]),
        ("春运返程客流高峰今天到来", [500, 600])]
    assert dict(read("城区新建三座口袋公园"))["城区新建三座口袋公园"] == [200]


def test_read_backward_a_byline_set_apart_from_the_headline_above_it_opens_the_text_under_it(monkeypatch):
    """Read backward, a headline heads the text above it (printed after its body); a byline under it that a
    blank line sets apart from it, nearer the text under it, opens that text (`assembly._byline_apart`): a
    page printing its headlines after their bodies sets the next article's byline there. A byline set right
    under the headline, no blank line between, is the headline's."""
    monkeypatch.setattr(assembly, "DIRECTION", False)

    def read(blank):
        units = [_unit(PARA, "近日，城区新建的三座口袋公园正式开放，市民纷纷前来散步健身。", 0),
                 _unit(HEAD, "城区新建三座口袋公园", 100), _unit(BYLINE, "本报记者 王芳", 120, blank=blank),
                 _unit(PARA, "市图书馆从下月起延长开放时间，读者可以晚上借书、自习。", 200),
                 _unit(HEAD, "方便读者夜读", 300), _unit(HEAD, "市图书馆延长开放时间", 320, blank=0)]
        return [([u.pos for u in d.headline.units] if d.headline else [], [u.pos for u in d.units])
                for d in assemble(units).drafts]

    assert read(1) == [([100], [0]), ([300, 320], [120, 200])]
    assert read(0) == [([100, 120], [0]), ([300, 320], [200])]


def test_back_to_back_reads_a_lone_headline_under_a_closing_line_as_the_text_aboves():
    """A lone line set apart over a title is that title's kicker (the test above), but not right under a
    closing line (（记者 王芳）: the text above ended there): there, when its words name the text above and the
    block under it does not, it heads the text above (printed after it) and the block under it the text
    below (printed before it), whichever way the page reads."""
    closing = dataclasses.replace(_unit(BYLINE, "（记者 王芳）", 50), end_marker=True)
    units = [_unit(PARA, "公园里种满了花草，城区新建的口袋公园成了市民散步游玩的好去处。", 0), closing,
             _unit(HEAD, "城区新建口袋公园", 100), _unit(HEAD, "图书馆延长开放时间", 200, blank=1),
             _unit(PARA, "图书馆从下月起延长开放时间，读者可以晚上借书。", 300),
             _unit(HEAD, "郊外踏青人多", 400), _unit(PARA, "本报讯（记者李华）天气转暖，郊外踏青的人多了起来。", 500)]
    heads = [([u.text for u in d.headline.units], [u.pos for u in d.units]) for d in assemble(units).drafts
             if d.headline]
    assert (["城区新建口袋公园"], [0, 50]) in heads
    assert (["图书馆延长开放时间"], [300]) in heads


def test_a_kicker_over_the_columns_width_keeps_its_short_title_under_it_as_a_headline():
    # …成效明显。 / (blank) / 为助企纾困，城区多家银行推出“不见面”的贷款服务 / 贷款网上办 审批不出门 / 近日，…: a kicker
    # wider than the column, clauses and all, over a title short of it that ends no sentence, is a headline, not
    # a paragraph's first line and its short last line (which would end its sentence)
    kicker, title = "为助企纾困，城区多家银行推出“不见面”的贷款服务", "贷款网上办 审批不出门"
    body = ["近日，城区多家银行针对小微企业推出线上", "贷款服务，企业足不出户就能提交申请材料",
            "，银行工作人员在线审核，最快当天即可放", "款。"]
    text = "\n".join(["城区新建口袋公园", *WRAPPED, "", kicker, title, *body, ""])
    lines, kinds = _fixed(text)
    at = [ln.text for ln in lines].index(kicker)
    assert layout.wide_kicker(lines, list(kinds), at)
    _, kinds = build_units(lines, kinds)
    assert kinds[at:at + 3] == (HEAD, HEAD, PARA)
    page = split_page(("p.txt", text), method="rules")
    heads = [["".join(text[s:e] for s, e in b.spans) for b in it.blocks if b.role in (Role.KICKER, Role.TITLE)]
             for it in page.items]
    assert [kicker, title] in heads
    # a paragraph's first line as wide as the column, over a short line ending no sentence, stays the text's
    # (…, 一些企业为求发展速度 / “拔苗助长”); so does a short line under a wide one that ends on a colon
    wide = "为助企纾困，城区多家银行推出“不见面"
    lines, kinds = _fixed("\n".join([*WRAPPED, "", wide, "“拔苗助长”", *body, ""]))
    assert not layout.wide_kicker(lines, list(kinds), len(WRAPPED))
    lines, kinds = _fixed("\n".join([*WRAPPED, "", kicker, "记者了解到：", *body, ""]))
    assert not layout.wide_kicker(lines, list(kinds), len(WRAPPED))
