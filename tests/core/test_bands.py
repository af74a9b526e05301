"""Two articles side by side in one band, extracted chunk by chunk: `bands.reading_order` and its parts, on small
pages made up here (two made-up articles of one measure, each drawn from its own set of characters, printed a
fixed number of lines at a time)."""

from __future__ import annotations

import random

from app.core import roles
from app.core.bands import Band, _Page, band_regions, reading_order
from app.core.chunks import column_measure
from app.core.layout import read_lines
from app.core.page import check_invariant
from app.core.splitter import split_page
from tests.madeup import switches

POOL_A = "春耕农机合作社麦苗土壤墒"
POOL_B = "博物馆展览文考古遗址陶瓷"


def _clause_lines(pool: str, count: int, seed: int) -> list[str]:
    """Lines of one measure (16), each a made-up clause ending on a comma, a sentence ending every fifth and
    on the last."""
    rng = random.Random(seed)
    return ["".join(rng.choice(pool) for _ in range(15)) + ("。" if k % 5 == 4 or k == count - 1 else "，")
            for k in range(count)]


def _band_page(chunk: int = 5, a_lines: int = 70, b_lines: int = 70) -> tuple[list[str], list[str], list[str]]:
    """Two made-up articles printed side by side, `chunk` lines of each in turn, a blank line after each chunk
    (the chunks are one height: a band), then a third article's text: (page lines, A's lines, B's lines)."""
    a = ["春耕农机大显身手", *_clause_lines(POOL_A, a_lines, 1)]
    b = ["博物馆里过大年", *_clause_lines(POOL_B, b_lines, 2)]
    page: list[str] = []
    pa = pb = 0
    while pa < len(a) or pb < len(b):
        page += [*a[pa:pa + chunk], ""]
        page += [*b[pb:pb + chunk], ""]
        pa += chunk
        pb += chunk
    return page, a, b


def _lines(page: list[str]):
    return read_lines("\n".join(page) + "\n")


def test_two_articles_in_one_band_are_read_one_after_the_other():
    page, a, b = _band_page()
    lines = _lines(page)
    bands = band_regions(lines)
    assert len(bands) == 1 and isinstance(bands[0], Band)
    ordered = reading_order(lines)
    texts = [ln.text for ln in ordered]
    assert texts == [*a, *b]  # (each article whole, its headline first)
    assert sorted((ln.start, ln.end) for ln in ordered) == [(ln.start, ln.end) for ln in lines]  # order alone
    assert switches([ln.text for ln in lines], a) > 10


def test_one_article_with_column_breaks_of_one_height_is_no_band():
    body = _clause_lines(POOL_A + POOL_B[:3], 80, 3)  # (one article: one topic)
    page = ["春耕农机大显身手", *[x for k in range(0, 80, 5) for x in (*body[k:k + 5], "")]]
    lines = _lines(page)
    assert column_measure(lines) == 16.0
    assert band_regions(lines) == []


def test_the_band_ends_where_its_shorter_article_ends_and_the_other_reads_on():
    page, a, b = _band_page(chunk=5, a_lines=52, b_lines=80)  # (A ends in its 11th chunk; B reads on alone)
    lines = _lines(page)
    ordered = [ln.text for ln in reading_order(lines)]
    assert ordered[:len(a)] == a  # (A whole, then B's lines)
    assert sorted(ordered[len(a):]) == sorted(b)


def test_the_article_the_page_reads_on_in_goes_last_where_both_texts_close_at_the_bands_end():
    """B, the second article, ends on a full chunk closing its sentence, and A reads on under the band alone:
    no join tells which article the text after the band carries on (both close their sentences there), but its
    words are A's, so A goes last and is read whole (it was read first, its rest after B)."""
    for a_lines, b_lines in ((80, 49), (75, 39)):
        page, a, b = _band_page(chunk=5, a_lines=a_lines, b_lines=b_lines)
        assert roles.ends_sentence(b[-1])
        assert [ln.text for ln in reading_order(_lines(page))] == [*b, *a]


def test_a_page_with_no_column_chunks_cut_mid_sentence_is_not_searched():
    lines = _lines(["春耕农机大显身手", *(line[:-1] + "。" for line in _clause_lines(POOL_A, 30, 4))])
    assert band_regions(lines) == []
    assert reading_order(lines) is lines


def test_a_word_across_two_lines_is_read_as_roles_reads_it():
    lines = _lines(["各地积极推进春耕生产，努力提", "升农业机械化水平，", "博物馆展览文物，", "提"])
    page = _Page(lines, 16.0)
    for x in range(len(lines)):
        for y in range(len(lines)):
            assert page._in_dictionary(x, y) == roles.joins_a_word(lines[x].text, lines[y].text)
    assert page.join(0, 1) > 0  # 提 + 升, a clause cut at the line's end


def test_the_rule_split_reads_the_two_articles_of_a_band_each_whole():
    page, a, b = _band_page()
    text = "\n".join(page) + "\n"
    split = split_page(("p.txt", text), method="rules")
    assert check_invariant(split) == []
    for item in split.items:
        chars = [c for blk in item.blocks for s, e in blk.spans for c in text[s:e] if c in POOL_A + POOL_B]
        share_a = sum(1 for c in chars if c in POOL_A) / max(1, len(chars))
        assert share_a < 0.05 or share_a > 0.95


def test_the_shorter_article_may_end_on_a_bracketed_note_where_the_other_article_resumes():
    """A's last line is its reporter's note (（记者…）, no sentence's end); B's text resumes under it in the
    same chunk, then reads on alone: the band ends on the note's line, and B is read whole, headline first."""
    _, a, b = _band_page(chunk=5, a_lines=52, b_lines=80)
    a[-1] = a[-1][:-1] + "（记者张春）"
    page: list[str] = []
    for k in range(0, 50, 5):  # (A's first 50 lines and B's, chunk by chunk)
        page += [*a[k:k + 5], "", *b[k:k + 5], ""]
    page += [*a[50:], *b[50:]]  # (A's last three lines, B's text under them and on)
    assert not roles.ends_sentence(a[-1])
    ordered = [ln.text for ln in reading_order(_lines(page))]
    assert ordered == [*a, *b]


SHARED_WORDS = ("医护 人员 患者 病房 防控 疫情 治疗 社区 工作 队员 救治 医院 重症 隔离 物资 支援 武汉 湖北 医生 护士 "
                "病毒 检测 口罩 发热 门诊 专家 方案 组织 群众 一线 抗击 保障 措施 生命 健康").split()


def _one_topic_lines(own: list[str], count: int, seed: int) -> list[str]:
    """Lines of one measure (16) of an article on the topic both articles share, half its words its own (a
    name, what it tells of): made-up clauses ending on a comma, a sentence ending every fifth line."""
    rng = random.Random(seed)
    out = []
    for k in range(count):
        text = ""
        while len(text) < 15:
            text += rng.choice(own) if rng.random() < 0.5 else rng.choice(SHARED_WORDS)
        out.append(text[:15] + ("。" if k % 5 == 4 else "，"))
    return out


def test_two_articles_on_one_topic_are_told_apart_by_the_words_each_keeps_over_its_chunks():
    """Two articles of one topic side by side, chunks of five lines: no word runs across a chunk's end and
    each chunk shares as many pairs with the other article's chunk before it as with its own; the words each
    article keeps (its person, what it tells of) over its chunks either side tell the band."""
    for seed in (0, 1):
        a = ["丁医生的春天", *_one_topic_lines("丁仁彧 麻醉 呼吸机 插管 足球 前锋 老爷爷 生日 蛋糕 鼻饲".split(), 60, seed)]
        b = ["王医生出征", *_one_topic_lines("王婷 皮箱 父亲 行李 非典 女儿 微信 饭菜 婆婆 山西".split(), 60, seed + 100)]
        page = [x for k in range(0, len(a), 5) for x in (*a[k:k + 5], "", *b[k:k + 5], "")]
        lines = _lines(page)
        assert len(band_regions(lines)) == 1
        assert [ln.text for ln in reading_order(lines)] == [*a, *b]


def test_the_second_article_of_a_band_on_one_topic_with_the_first_is_an_article_of_its_own():
    """Two articles of one topic side by side: read one after the other, the second one's headline sits
    between two texts sharing most of their words, where a heading reads as a subhead; the band tells it opens
    an article (`Ln.starts_item`), and so does its first line read as text (a kicker with a full stop)."""
    for head_b in (["王医生出征"], ["援鄂医疗队员、女儿眼中的“逆行者”。", "王医生出征"]):
        a = ["丁医生的春天", *_one_topic_lines("丁仁彧 麻醉 呼吸机 插管 足球 前锋 老爷爷 生日 蛋糕 鼻饲".split(), 60, 0)]
        b = [*head_b, *_one_topic_lines("王婷 皮箱 父亲 行李 非典 女儿 微信 饭菜 婆婆 山西".split(), 61 - len(head_b), 100)]
        page = [x for k in range(0, len(a), 5) for x in (*a[k:k + 5], "", *b[k:k + 5], "")]
        text = "\n".join(page) + "\n"
        lines = reading_order(_lines(page))
        assert [ln.text for ln in lines if ln.starts_item] == [a[0], b[0]]
        split = split_page(("p.txt", text), method="rules")
        assert check_invariant(split) == []
        assert len(split.items) == 2
        for item in split.items:
            chars = [c for blk in item.blocks for s, e in blk.spans for c in text[s:e]]
            assert ("丁" in chars) != ("婷" in chars)


def test_a_band_found_in_one_articles_text_does_not_cut_it_into_articles():
    """One article whose text turns from one list of words to another every five lines (a list its paragraphs
    repeat), each line carrying its sentence on: the bands' search finds a band in it on the words alone, but
    neither of its 'articles' opens after a sentence's end or with a heading-shaped line, so neither starts an
    item (`Ln.starts_item`) and the split keeps one article (it was cut in three)."""
    a, b = _clause_lines(POOL_A, 40, 11), _clause_lines(POOL_B, 40, 12)
    body = [x for k in range(0, 40, 5) for x in (*a[k:k + 5], *b[k:k + 5])]
    body = [x[:-1] + ("。" if n % 10 == 9 else "，") for n, x in enumerate(body)]
    page = ["春耕农机大显身手", "本报记者 张三", *[x for k in range(0, len(body), 4) for x in (*body[k:k + 4], "")]]
    lines = _lines(page)
    assert len(band_regions(lines)) == 1  # (the search still finds it: what it costs is the lines' order alone)
    assert [ln for ln in reading_order(lines) if ln.starts_item] == []
    text = "\n".join(page) + "\n"
    split = split_page(("p.txt", text), method="rules")
    assert check_invariant(split) == []
    assert len(split.items) == 1


def test_a_band_its_topics_alone_show_needs_a_higher_bar_than_one_its_joins_show():
    """Two short articles of one topic side by side (45 lines each, chunks of five) whose chunks' ends join
    nothing: their words alone score under `MIN_TOPIC_BAND_SCORE` (one article repeating a list of words every
    few lines shows as much), so no band is read; the same pages with a word running across each of A's chunk
    ends (提 / 升) are a band, read one article after the other."""
    for seed in (0, 1):
        a = ["丁医生的春天", *_one_topic_lines("丁仁彧 麻醉 呼吸机 插管 足球 前锋 老爷爷 生日 蛋糕 鼻饲".split(), 45, seed)]
        b = ["王医生出征", *_one_topic_lines("王婷 皮箱 父亲 行李 非典 女儿 微信 饭菜 婆婆 山西".split(), 45, seed + 100)]
        page = [x for k in range(0, len(a), 5) for x in (*a[k:k + 5], "", *b[k:k + 5], "")]
        assert band_regions(_lines(page)) == []
        for k in range(4, len(a) - 1, 5):
            a[k], a[k + 1] = a[k][:-1] + "提", "升" + a[k + 1][1:]
        page = [x for k in range(0, len(a), 5) for x in (*a[k:k + 5], "", *b[k:k + 5], "")]
        assert [ln.text for ln in reading_order(_lines(page))] == [*a, *b]


def test_two_headlines_side_by_side_off_the_measure_open_the_band_over_chunks_that_show_little():
    """A third article's text, then two articles side by side whose first chunks (each headline over a lead of
    the topic's common words, every line a sentence) show nothing for or against a band, and whose bodies
    (each its own words) show it: the band is widened back over the leads to the two headlines side by side, one
    set wider than the column (17 cells against 16) and the other short of it, and both articles are read whole.
    (Read as a headline, a line had to be short of `HEAD_SHARE` of the measure: the band began after the
    leads, and they were read as text of the article above.)"""
    for seed in (0, 2, 3):
        rng = random.Random(seed)
        lead = [("".join(rng.choice(SHARED_WORDS) for _ in range(8)))[:15] + "。" for _ in range(24)]
        third = _clause_lines("航天卫星发射火箭轨道探测", 12, 50 + seed)
        a = ["丁医生的春天在武汉金银潭医院里度过", *lead[:12], *_clause_lines(POOL_A, 60, seed)]
        b = ["王医生出征援鄂医疗队", *lead[12:], *_clause_lines(POOL_B, 60, seed + 100)]
        page = [*third, "", *[x for k in range(0, len(a), 5) for x in (*a[k:k + 5], "", *b[k:k + 5], "")]]
        assert [ln.text for ln in reading_order(_lines(page))] == [*third, *a, *b]


def test_the_other_article_resumes_under_a_paragraphs_end_with_no_blank_line_between():
    """A page that parts its paragraphs by blank lines (every other pair of chunks ends its sentences, the others
    are cut mid-sentence at their column's foot). A ends in its last chunk on a paragraph's end short of the
    measure, and B reads on right under it, no blank line between, in words neither article used before (no join
    or topic tells whose they are): the missing gap tells it, so the band ends on A's last line and B is read
    whole (its text under A's end was read as A's, `RESUME_UNPARTED`)."""
    for seed in (0, 3):
        a = ["春耕农机大显身手", *_clause_lines(POOL_A, 52, seed)]
        b = ["博物馆里过大年", *_clause_lines(POOL_B, 49, seed + 1)]
        for lines in (a, b):
            for k in range(1, len(lines)):
                lines[k] = lines[k][:-1] + ("。" if k % 10 == 9 else "，")
        a[-1], b[-1] = a[-1][:7] + "。", b[-1][:-1] + "。"
        rest = _clause_lines("航天卫星发射火箭轨道探测", 20, seed + 2)
        page = [x for k in range(0, 50, 5) for x in (*a[k:k + 5], "", *b[k:k + 5], "")]
        page += [*a[50:], *rest]  # (A's last three lines, B's text under them and on)
        assert [ln.text for ln in reading_order(_lines(page))] == [*a, *b, *rest]


def test_a_subhead_wrapped_at_a_chunk_switch_stays_in_its_bands_article():
    """B carries a subhead wrapped over two lines, the first at the foot of one of B's chunks and the rest (three
    characters, shaped like a name's byline) at the head of B's next chunk, A's chunk between. The band holds B's
    lines below its headline (`Ln.held`), so the subhead is B's, one subhead of both lines, and B is one item
    (its two lines were read as another article's headline over a byline, which cut B in two)."""
    for chunk, at in ((5, 29), (5, 34), (6, 41)):
        _, a, b = _band_page(chunk=chunk)
        b[at - 1:at + 1] = [b[at - 1][:-1] + "。", "消除陶瓷考古人员后", "顾之忧"]
        assert at % chunk == chunk - 1  # (the subhead's first line ends a chunk of B's, its rest opens the next)
        page = [x for k in range(0, len(b), chunk) for x in (*a[k:k + chunk], "", *b[k:k + chunk], "")]
        text = "\n".join(page) + "\n"
        split = split_page(("p.txt", text), method="rules")
        assert check_invariant(split) == []
        heads = [[text[s:e] for s, e in blk.spans] for item in split.items for blk in item.blocks
                 if blk.role.name in ("TITLE", "SUBHEAD", "BYLINE")]
        assert heads == [[a[0]], [b[0]], ["消除陶瓷考古人员后", "顾之忧"]]


def test_a_short_pair_two_headlines_side_by_side_open_is_a_band_on_fewer_joins():
    """A third article's text, then two articles of one topic side by side, chunks of five lines, the shorter (B)
    three chunks long, the longer (A) reading on under it: two of A's chunk ends run a word on into its next
    chunk (提 / 升), nothing else joins across a switch, and the words each keeps show little over so few
    chunks. That scores under `MIN_BAND_SCORE` (main read no band, A and B mixed); where the two headlines side by
    side (each short of the measure) open the run, `HEADED_BAND_SCORE` is enough: B is read whole, then A."""
    for seed in (1, 4):
        a = ["丁医生的春天", *_one_topic_lines("丁仁彧 麻醉 呼吸机 插管 足球 前锋 老爷爷 生日 蛋糕 鼻饲".split(), 44, seed)]
        b = ["王医生出征", *_one_topic_lines("王婷 皮箱 父亲 行李 非典 女儿 微信 饭菜 婆婆 山西".split(), 14, seed + 100)]
        for k in (4, 9):
            a[k], a[k + 1] = a[k][:-1] + "提", "升" + a[k + 1][1:]
        third = _clause_lines("航天卫星发射火箭轨道探测", 12, 50 + seed)
        page = [*third, "", *[x for k in range(0, len(a), 5) for x in (*a[k:k + 5], "", *b[k:k + 5], "")]]
        assert [ln.text for ln in reading_order(_lines(page))] == [*third, *b, *a]
