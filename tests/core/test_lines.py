"""The lines inside items: bylines closing an article, captions set inside the text, lone sentences, credits
(each rule of `app.core.layout` on a small made-up page)."""

from __future__ import annotations

from app.core.layout import (
    CAPTION,
    HEAD,
    PARA,
    build_units,
    fixed_roles,
    read_lines,
    read_units,
    standalone_captions,
)
from tests.madeup import NARROW, WRAPPED
from tests.madeup import fixed as _fixed


def test_a_headline_under_a_byline_wrapped_over_three_lines_at_an_articles_end_heads_another_article():
    # …和完善。（记者王三、 / 李四 通讯员赵五、钱 / 六）: a narrow column wraps the closing byline over three
    # lines; the article ends there, and the two short lines under it are the next article's headline
    rows = [*NARROW, "户的一致好评。（记者王三、", "李四 通讯员赵五、钱", "六）", "", "法律服务要与抗疫齐步", "走（锐评）", "",
            *NARROW]
    lines, fixed = _fixed("\n".join(rows))
    units, _ = build_units(lines, fixed)
    closing = next(u for u in units if u.text.endswith("钱六）"))
    assert closing.kind == PARA and closing.end_marker
    assert [u.kind for u in units if "齐步" in u.text or "锐评" in u.text] == [HEAD, HEAD]


def test_glued_captions_take_a_block_set_inside_a_paragraph_between_the_halves_of_a_word():
    # …医用防护口 / (a caption, no blank line around it) / 罩已有三成…: the break across the block cuts a word
    # (口 + 罩) that neither the block's first line nor its short last line joins; the block is a caption and
    # the paragraph runs on under it
    above, below = "今年以来，全市医院用的一次性医用防护口", "罩已有三成来自本地企业，供应总体平稳。"
    caption = ["市民们在公园里跳绳、做广播体操、打乒乓", "球，锻炼身体"]
    rows = [*WRAPPED, "", above, *caption, below, "", *WRAPPED]
    lines, fixed = _fixed("\n".join(rows))
    assert [k for ln, k in zip(lines, fixed, strict=True) if ln.text in caption] == [CAPTION, CAPTION]
    units, _ = build_units(lines, fixed)
    assert above + below in [u.text for u in units if u.kind == PARA]
    assert "".join(caption) in [u.text for u in units if u.kind == CAPTION]
    # no word across the block (the text below opens a sentence of its own), or a block ending a sentence where
    # paragraphs end inside a block of lines: body text
    for rows in ([*WRAPPED, "", above, *caption, "已有三成来自本地企业，供应总体平稳。", "", *WRAPPED],
                 [*WRAPPED, "", above, caption[0], "球。", below, "", *WRAPPED]):
        lines, fixed = _fixed("\n".join(rows))
        assert CAPTION not in fixed


def test_standalone_captions_leave_a_lone_sentence_closing_a_text_over_the_next_headline_in_the_body():
    # after a text's last paragraph, right over the next article's headline, a lone sentence closes that text
    # (王三、李四等参加会见。); two lone sentences stacked over a headline are photos' captions
    rows = ["城区公园开放", "", *WRAPPED, "", "王三、李四等参加会见。", "", "新区学校开学", "", *WRAPPED]
    lines = read_lines("\n".join(rows))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert not [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION]
    rows = ["城区公园开放", "", *WRAPPED, "", "市民在公园里散步。", "", "游客在湖边赏花。", "", "新区学校开学", "", *WRAPPED]
    lines = read_lines("\n".join(rows))
    units, kinds = build_units(lines, fixed_roles(lines))
    found = [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION]
    assert "游客在湖边赏花。" in found


def test_caption_blocks_take_the_block_over_an_agencys_credit_alone_on_its_line():
    # …享受春光。 / 新华社发: the agency's release credits the photo the block above describes
    caption = ["市民们在公园的湖边散步赏花，享受春光。", "新华社发"]
    lines, fixed = _fixed("\n".join([*WRAPPED, "", *caption, "", *WRAPPED]))
    assert [ln.text for ln, k in zip(lines, fixed, strict=True) if k == CAPTION] == caption


def test_build_units_read_no_heading_in_a_line_ending_on_a_word_that_waits_for_what_follows():
    # …安置点通过 / “合作社+基地+农户”…: a line that ends on a preposition, a conjunction or a copula
    # (roles.ends_open) leaves its sentence open, whatever its width, in a narrow column or a wide one
    rows = [*NARROW, "", "城东新区的移民安置点通过", "“合作社+基地+农", "", "户”模式，引导村民", "发展养殖和种植。", "", *NARROW]
    units, _ = build_units(*_fixed("\n".join(rows)))
    assert HEAD not in [u.kind for u in units]
    assert "城东新区的移民安置点通过“合作社+基地+农户”模式，引导村民发展养殖和种植。" in [u.text for u in units]
    long = "规模化经营转型。今年以来，全市已有三百余户农户加入合作社，亩均收入比上年增加两成，带动周边村民就近就业。"
    rows = [long, "", "全市大力支持农户从传统种植模式向", "", long]
    units, _ = build_units(*_fixed("\n".join(rows)))
    assert [u.kind for u in units] == [PARA, PARA]
    assert "全市大力支持农户从传统种植模式向" + long in [u.text for u in units]
    # a heading ends on a whole phrase (…政治方向: 方向 is no preposition)
    rows = [*WRAPPED, "", "把握正确政治方向", "", *WRAPPED]
    units, _ = build_units(*_fixed("\n".join(rows)))
    assert [u.kind for u in units] == [PARA, HEAD, PARA]


def test_build_units_join_a_word_cut_by_a_column_break_under_a_full_line_whatever_the_line_below():
    # …推进经济社会发展各 / (blank) / 项任务，在全力以赴…: the line below could be a heading by its text (a short
    # clause pair), but this line fills the column and the break cuts 各项 in two
    rows = [*WRAPPED, "", "会议要求各地都要统筹推进经济社会发展各", "", "项任务，在抓好疫情防控", *WRAPPED[3:]]
    units, _ = build_units(*_fixed("\n".join(rows)))
    assert HEAD not in [u.kind for u in units]
    assert any("经济社会发展各项任务，在抓好疫情防控" in u.text for u in units)


def test_inserted_captions_take_a_block_set_at_a_measure_of_its_own_between_the_halves_of_a_sentence():
    # …学校纷纷 / (blank) / a block set narrower than the column, its lines of one measure, ending a sentence /
    # (blank) / 开展线上课程…: nothing in the text below opens mid-clause or cuts a word, but body text cut by a
    # column break keeps the column's measure; a photo's caption is set to the photo's width
    above, below = "程，缩短审批时间，提高服务效率，学校纷纷", "开展线上课程，按周排课，交叉安排文化课"
    caption = ["市民们在城区公园的湖边散步", "赏花，享受春日的阳光。"]
    rows = [*WRAPPED[:3], above, "", *caption, "", below, *WRAPPED[3:]]
    lines, fixed = _fixed("\n".join(rows))
    assert [k for ln, k in zip(lines, fixed, strict=True) if ln.text in caption] == [CAPTION, CAPTION]
    # the same block at the column's measure is the text carried on (a column break at a sentence's end)
    body = ["市民们在城区公园的湖边散步赏花踏青，", "享受春日的阳光。"]
    lines, fixed = _fixed("\n".join([*WRAPPED[:3], above, "", *body, "", below, *WRAPPED[3:]]))
    assert CAPTION not in fixed


def test_inserted_captions_take_a_block_of_a_measure_of_its_own_narrower_or_wider_with_or_without_a_full_stop():
    # …学校纷纷 / (blank) / a caption of two lines whose last runs a cell past the first (its full stop), or one
    # that stops on no full stop, or one set wider than the column / (blank) / 开展线上课程…: a column break
    # keeps the column's measure, a paragraph's last line never runs past its full lines
    above, below = "程，缩短审批时间，提高服务效率，学校纷纷", "开展线上课程，按周排课，交叉安排文化课"
    for caption in (["市民们在城区公园的湖边散步赏", "花，享受春日的温暖阳光。"], ["市民们在城区公园的湖边散步", "赏花，享受春日的阳光"],
                    ["市民们在城区公园的湖边散步赏花踏青，享受春", "日的阳光。"]):
        rows = [*WRAPPED[:3], above, "", *caption, "", below, *WRAPPED[3:]]
        lines, fixed = _fixed("\n".join(rows))
        assert [k for ln, k in zip(lines, fixed, strict=True) if ln.text in caption] == [CAPTION, CAPTION]
    # one line alone tells no measure (a proportional font sets a line of the text as wide)
    rows = [*WRAPPED[:3], above, "", "市民们在城区公园的湖边散步赏花踏青享受春日阳光", "", below, *WRAPPED[3:]]
    assert CAPTION not in _fixed("\n".join(rows))[1]


def test_standalone_captions_take_a_block_wrapped_at_a_measure_on_a_page_printing_one_paragraph_a_line():
    # one paragraph a line, and a block of two lines wrapped at a narrower measure (…现代农业示 / 范园内…): the
    # page's paragraphs do not wrap, a photo's caption keeps the photo's width
    body = ["城区新建的三座口袋公园正式开放，市民纷纷前来休闲健身，孩子们也有了去处，周边居民都说方便多了。",
            "公园里绿树成荫，花草繁茂，市民在公园里散步、下棋、跳舞，十分热闹，不少老人每天都来这里锻炼。",
            "口袋公园的建设方便了周边居民，受到一致好评，有关部门表示今年还将新建五座口袋公园，方便群众。"]
    caption = ["17日，工作人员在呼和浩特市玉泉区现代农业示", "范园内的温室大棚里采摘西红柿。"]
    units = read_units("\n".join([*body, *caption, *body]))
    assert [u.text for u in units if u.kind == CAPTION] == ["".join(caption)]
    # a kicker closing on its dash, wrapped the same way, is a heading's (`splitter.dashed_kickers`)
    kicker = ["自家院坝改造成舞台，没成想吸引了十里八乡的乡", "亲，四川省丹棱县——"]
    assert CAPTION not in [u.kind for u in read_units("\n".join([*body, "", *kicker, "众筹的文化大院，火了", *body]))]


def test_standalone_captions_take_an_unindented_block_under_an_ended_paragraph_where_paragraphs_are_indented():
    # where paragraphs open with an indent, a block of its own with none under a paragraph that ended short on
    # a sentence's end is no paragraph: a photo's caption (captions are not indented)
    para = ["　　" + WRAPPED[0][:17], *WRAPPED[1:5], "户的一致好评。"]
    block = ["荷兰首相表示，中国政府和人民有强大的勇", "气和力量。"]
    rows = [*para, "", *block, "", *para, *para]
    lines = read_lines("\n".join(rows))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION] == ["".join(block)]
    # under a paragraph stopping on a full line, the block may carry it on after a column break: body
    rows = [*para[:-1], "", *block, "", *para, *para]
    lines = read_lines("\n".join(rows))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert CAPTION not in [u.kind for u in standalone_captions(units, lines, kinds)]


def test_an_articles_closing_lines_are_read_across_a_stray_space_inside_a_word():
    # (作者单 位:…) and 特 此公告。: a PDF's stray space inside a word hides neither a note on the author (it closes
    # the article, names no author; the bracketed byline under it is the byline) nor a notice's closing formula
    rows = [*WRAPPED, "(作者单 位:某某研究所)", "(记者王三 通讯员李四)"]
    lines = read_lines("\n".join(rows))
    units, _ = build_units(lines, fixed_roles(lines))
    note = next(u for u in units if "研究所" in u.text)
    assert note.kind == PARA and note.end_marker and not note.lead
    rows = ["关于城区公园开放的公告", "", *WRAPPED, "", "特 此公告。"]
    lines = read_lines("\n".join(rows))
    units, kinds = build_units(lines, fixed_roles(lines))
    assert CAPTION not in [u.kind for u in standalone_captions(units, lines, kinds)]


def test_a_line_under_a_kicker_ending_on_its_dash_is_no_wrapped_end_of_the_kicker():
    # 城区完成集中大排查—— / 不漏一户 / 不漏一人: a kicker ends on its dash (or colon), leading into the title; the
    # short line under it is the title's first line, not the kicker's wrapped end (as 首播 is of 故宫灯如昼)
    rows = [*WRAPPED, "", "城区完成集中大排查——", "不漏一户", "不漏一人", "", *WRAPPED]
    lines, fixed = _fixed("\n".join(rows))
    units, _ = build_units(lines, fixed)
    assert [u.text for u in units if u.kind == HEAD] == ["城区完成集中大排查——", "不漏一户不漏一人"]
    rows = [*WRAPPED, "", "故宫灯如昼", "首播", "", *WRAPPED]
    lines, fixed = _fixed("\n".join(rows))
    units, _ = build_units(lines, fixed)
    assert [u.text for u in units if u.kind == HEAD] == ["故宫灯如昼首播"]


def test_a_lone_sentence_under_a_caption_printed_between_two_paragraphs_is_a_paragraph_of_the_text():
    # …唐来宝说。 / (blank) / 市民在城区公园里散步。（王三 摄） / (blank) / 变化远不止这些。 / (blank) / “以前…: a photo's
    # caption printed between two paragraphs does not make the lone sentence under it one: between two paragraphs
    # of the text (the caption aside) a sentence is a paragraph of one sentence, only a fragment a caption's
    lone = "公园的变化远不止这些。"
    for caption in ("游客在湖边赏花。（王三 摄）", ""):
        rows = ["城区公园开放", "", *WRAPPED, "", *([caption, ""] if caption else []), lone, "", *WRAPPED]
        lines = read_lines("\n".join(rows))
        units, kinds = build_units(lines, fixed_roles(lines))
        found = [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION]
        assert lone not in found
        assert (caption in found) == bool(caption)


def test_a_line_is_read_with_every_space_character_as_a_space():
    text = "\u3000\u3000该行\u00a0加大\u3000投放\n郁小明\u00a0谢小宇\u202f\n２０２０年ＢＡＮＫ ｏｆ，"
    lines = read_lines(text)
    assert [ln.text for ln in lines] == ["该行 加大 投放", "郁小明 谢小宇", "2020年BANK of，"]
    assert [text[ln.start:ln.end] for ln in lines] == ["该行\u00a0加大\u3000投放", "郁小明\u00a0谢小宇", "２０２０年ＢＡＮＫ ｏｆ，"]
    assert lines[2].width == 12.5  # as printed: full-width characters a cell each, the space half


def test_on_an_indented_page_a_lone_sentence_under_a_paragraphs_end_is_a_caption_not_its_continuation():
    # no paragraph opens unindented there, but none carries on into a caption's sentence set apart either
    body = ["\u3000\u3000" + WRAPPED[0], *WRAPPED[1:]]
    text = "\n".join([*body, *body, "", "该行工作人员走访客户企业。", "", *body, *body])
    lines, kinds = _fixed(text)
    units, kinds = build_units(lines, kinds)
    captions = [u.text for u in standalone_captions(units, lines, kinds) if u.kind == CAPTION]
    assert captions == ["该行工作人员走访客户企业。"]


def test_glued_measured_take_a_block_at_a_measure_of_its_own_inside_a_paragraph():
    # …医用防护口 / a caption set wider than the column, no blank line around it / 罩日产能…: the break across the
    # block cuts a word (口 + 罩) and the block's lines keep a measure of their own; a block opening 图为 needs no
    # cut word (…学校纷纷 / 图为市民在公园散步 / 赏花，享受阳光 / 开展线上课程…)
    above, below = "程，缩短审批时间，提高效率，医用防护口", "罩日产能突破十万只，供应总体平稳。"
    caption = ["市民们在城区公园的湖边散步赏花踏青享受春日", "阳光。"]
    lines, fixed = _fixed("\n".join([*WRAPPED, "", *WRAPPED[:3], above, *caption, below, "", *WRAPPED]))
    assert [k for ln, k in zip(lines, fixed, strict=True) if ln.text in caption] == [CAPTION, CAPTION]
    caption = ["图为市民在公园散步", "赏花，享受阳光"]
    above, below = "程，缩短审批时间，提高服务效率，学校纷纷", "开展线上课程，按周排课，交叉安排文化课"
    lines, fixed = _fixed("\n".join([*WRAPPED, "", *WRAPPED[:3], above, *caption, below, *WRAPPED[3:]]))
    assert [k for ln, k in zip(lines, fixed, strict=True) if ln.text in caption] == [CAPTION, CAPTION]
    # at the column's measure the block is the paragraph's own text
    body = ["市民们在城区公园的湖边散步赏花踏青享受", "春日阳光。"]
    lines, fixed = _fixed("\n".join([*WRAPPED, "", *WRAPPED[:3], "程，缩短审批时间，提高效率，医用防护口", *body,
                                     "罩日产能突破十万只，供应总体平稳。", "", *WRAPPED]))
    assert CAPTION not in fixed
