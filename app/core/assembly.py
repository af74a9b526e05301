"""Putting units together into items: the last passes of the rule split (`assemble`, a pure function).

3. groups: consecutive headings and bylines form headline groups; a single heading between paragraphs of
   one article is a subhead;
4. items: the page either prints headlines before their bodies or after them (scrambled PDF order); the
   headlines' own words vote for the text each one heads (`reads_forward`), and when they do not tell, both
   readings are tried and the one with fewer contradictions wins (a body opening `本报讯（…）` with no
   headline, a headline with no body, two bylines for one article). A heading inside an article is a subhead
   while the text below it carries on the topic of the text above (`carries_on`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import bylines, headingmodel, roles
from .layout import AD, BYLINE, CAPTION, COLUMN_AGREEMENT, COLUMN_TOLERANCE, FURN, HEAD, PARA, SUBHEAD, Unit

CAPTION_GAP = 2  # blank lines around a lone heading inside a body that make it a caption, not a subhead
TOPIC_CHARS = 400  # characters of an article's opening read for the words of its headline
TOPIC_MARGIN = 0.15  # share of a headline's character pairs by which one side's text must beat the other's
# a heading inside an article: the text below carries on the topic of the text above (a subhead) when this
# share of the character pairs of the shorter side come back in the other (typeset pages: subheads' median
# 0.12, new articles' 0.05; 0.07 splits the fewest articles wrongly on three typeset draws, 0.09 cut a
# feature at a subhead 74 times where it found 39 new articles; the text above read back this far, the text
# below this far)
CONTINUITY_SHARE = 0.07
CONTINUITY_ABOVE = 1500
# ... and a heading block of two lines or more (a kicker over a title, a subhead wrapped or in two parts) with
# no byline is a subhead too where the text below carries the topic on this strongly (typeset 2020-02: of such
# blocks inside a headed article, 13 subheads and 2 new articles reach 0.2; between 0.15 and 0.2 new articles
# outnumber subheads 7 to 3, below that 60 to 30: there a two-line block is a headline)
STRONG_CONTINUITY_SHARE = 0.2
# ... but under text with no headline that opened like no article (after an article's closing line: an article
# whose headline is printed after its body or inside it), such a block is a subhead where the text below carries
# the topic on as a one-line subhead's does (three typeset draws, every family: 9 such blocks subheads, 1 a
# headline, all reaching 0.12)
HEADLESS_SHARE = CONTINUITY_SHARE
# a feature's parts are often headed by a short name and a dash over a line of their own (杜富民—— / 为患者24小时
# 待命, 隔离宾馆—— / …, 崔肖（1995年生）—— / …): a kicker line this short (its bracketed note aside) over one
# more heading, with no byline, is a subhead (typeset 2020-02: 16 such subheads, no new article without a byline);
# so is a longer one next to another of its shape (three draws: 19 subheads, one new article, with a column tag)
PART_NAME_CHARS = 6
# ... and so is a heading of who or where ending on a dash or a colon over one to three more heading lines (its
# title wrapped at a word jieba does not cut, `带上干粮，当起义务` / `快递员`, a line of where or what, `地点：…`)
# next to another of that shape (three draws, four families: 12 parts read as articles' headlines mended, no
# family's article F1 lower)
PART_LINES = 3
PART_ENDS = ("——", "—", "：", ":")
# a heading line ending on a pause mark or a word that joins what follows runs on into the next line
# (大数据分析指导施肥、 / 灌溉和种植, 避免党的 / 执政基础受侵蚀): one heading wrapped, not two
OPEN_ENDS = ("、", "，", ",", "；", ";", "的", "和", "与", "及", "并", "或")
CONTINUITY_BELOW = 400
# one-line headings set in one form between two full headlines (numbered, two phrases either side of a space
# or a comma, the same two characters opening or closing them: `same_form`) are a feature's subheads, not short
# items' titles (three typeset draws: 183 subheads and 44 numbered points of a text had such a partner, 6 titles);
# a phrase of such a heading has at least this many characters
PARALLEL_PART_CHARS = 3
# a heading between two texts wrapped at different measures (the width a column's lines wrap at) ends one
# article and heads another: an article keeps its column's measure across its subheads (typeset pages, four
# draws: of the heading blocks with a measure on both sides, no subhead and 70 headlines had measures this many
# cells apart, one subhead 1.5 apart); a measure is the median of the full lines read either side
# (`MEASURE_LINES`, a paragraph's last line and an indented first line left out), told from at least
# `MEASURE_MIN_LINES` of them agreeing as `layout` reads a column (`COLUMN_TOLERANCE`, `COLUMN_AGREEMENT`)
MEASURE_CHANGE = 2.0
MEASURE_LINES = 12
MEASURE_MIN_LINES = 4
MEASURE_MIN_WIDTH = 8  # cells: a narrower line is no column's full line
# which way the page prints its headlines: None reads it from each page (`reads_forward`); a paper's profile
# (app.core.profile) may say True (above their bodies) or False (after them) for all its pages
DIRECTION: bool | None = None


@dataclass(frozen=True)
class Group:
    units: tuple[Unit, ...]
    strong: bool
    has_byline: bool
    banner: bool
    notice: bool = False  # 更名公告, 遗失声明: always printed above its text, whichever way the page reads
    heads_above: bool = False  # back to back with the next headline: heads the text above, either way
    heads_below: bool = False  # back to back with the headline above: heads the text below, either way
    under_ad: bool = False  # right under an ad: the ad ended the text above, so it opens an article
    over_ad: bool = False  # right over an ad: no text of its own goes on under it, so read backward it heads
    # the text above it


def _headings(heads: list[Unit]) -> int:
    """How many headings these heading lines print: a line that runs on into the next (激 + 发 = 激发, an
    open bracket) is one heading with it, a wrapped title or subhead."""
    lines = [ln.text for u in heads for ln in u.lines]
    return sum(1 for k, t in enumerate(lines) if k == 0 or not heading_runs_on(lines[k - 1], t))


def heading_runs_on(above: str, line: str) -> bool:
    """Does heading line `line` carry on the heading line above it (a word cut at the line end, an open
    bracket, a pause mark or a joining word at its end, a number cut at the line end, 为患者2 / 4小时待命): one
    heading wrapped?"""
    return (roles.joins_a_word(above, line) or roles.unbalanced(above) or roles.starts_mid_sentence(line)
            or above.rstrip().endswith(OPEN_ENDS) or above.rstrip()[-1:].isdigit() and line.lstrip()[:1].isdigit())


def is_banner_line(heads: Sequence[Unit], k: int) -> bool:
    """Is heading line k of these a series banner (…③, 关注智慧养老②), not the end of the line above wrapped
    inside the bracket that line opened (老人生活，有了科技“保姆”（关注智慧 / 养老②）: one title closing on its
    column's name; test month: 13 such closing lines were read as sections), nor a title closing on that name
    (老人生活，有了科技“保姆”（关注智慧养老②）)?"""
    return (roles.is_series_banner(heads[k].text) and not (k > 0 and roles.unbalanced(heads[k - 1].text))
            and not roles.is_tagged_title(heads[k].text))


def _make_group(units: list[Unit]) -> Group:
    # (a column label of a word or two over the title, 新语, says nothing of the headline's strength)
    heads = [u for u in units if u.kind == HEAD and not roles.is_label(u.text)]
    bylines = [u for u in units if u.kind == BYLINE]
    banner = any(is_banner_line(heads, k) for k in range(len(heads)))
    # a kicker (…：) leads into a title under it and a subtitle (——…) follows one: alone, such a line is
    # no headline's (a letter's salutation 亲爱的妈妈：, a quotation's source ——习近平)
    # a title closing on its column's name in brackets (…（人民论坛）) is a headline however short (no
    # subhead carries one), and so is a photo report's (图片报道)
    strong = _headings(heads) >= 2 or bool(bylines) or len(heads) >= 2 and any(
        roles.is_subtitle(u.text) or roles.is_kicker(u.text) for u in heads
    ) or bool(heads) and (roles.is_tagged_title("".join(u.text for u in heads))
                          or len(heads) == 1 and roles.is_photo_report(heads[0].text))
    # (and so is a notice's title wrapped, 金砖国家就支持中国抗击新冠肺炎疫 / 情发表主席声明, with no byline under it)
    notice = len(heads) == 1 and roles.is_notice_title(heads[0].text) or (
        len(heads) > 1 and not bylines and _headings(heads) == 1 and roles.is_notice_title(heads[-1].text))
    return Group(tuple(units), strong, bool(bylines), banner, notice)


def _side(heads: list[Unit], before: str, after: str, pairs: frozenset[str] | None = None) -> int:
    """Which of two texts these headings name (by their character pairs, `headline_pairs`, unless given):
    1 the text after, -1 the text before, 0 neither clearly."""
    diff = _lean(headline_pairs(heads) if pairs is None else pairs, before, after)
    return 1 if diff > TOPIC_MARGIN else -1 if diff < -TOPIC_MARGIN else 0


def _lean(pairs: frozenset[str], before: str, after: str) -> float:
    """How much more of these character pairs the text after holds than the text before, as a share of
    them (-1..1; 0 where either is empty)."""
    if not pairs or not before or not after:
        return 0.0
    return (len(pairs & char_pairs(after)) - len(pairs & char_pairs(before))) / len(pairs)


def _titled(units: list[Unit]) -> bool:
    """Do these headline units hold a title (a heading that is not a series or column banner)?"""
    return any(u.kind == HEAD and not roles.is_series_banner(u.text) for u in units)


def back_to_back(seq: list[object]) -> list[object]:
    """Two headlines back to back between two texts: a headline printed after its body and the next
    article's printed before its own (two groups, or one group with a blank line inside). When the words of
    the block above name the text above and those of the block below do not, the first heads
    the text above and the second the text below, whichever way the rest of the page reads. The block above
    must be a full headline of its own (two headings, a kicker or subtitle, a byline): a lone line set apart
    over a title is its kicker, and stays with it; but not right under a closing line (（记者 王三）, （作者为…）),
    where the text above ended: a lone line there is as often that text's headline, printed after it, and the
    words tell which."""
    out: list[object] = []
    gi = 0
    while gi < len(seq):
        g = seq[gi]
        if not (isinstance(g, Group) and 0 < gi and isinstance(seq[gi - 1], Unit)):
            out.append(g)
            gi += 1
            continue
        pair = gi + 2 < len(seq) and isinstance(seq[gi + 1], Group) and isinstance(seq[gi + 2], Unit)
        if not pair and not (gi + 1 < len(seq) and isinstance(seq[gi + 1], Unit)):
            out.append(g)
            gi += 1
            continue
        end = gi + 1 if pair else gi
        units = list(g.units) + (list(seq[gi + 1].units) if pair else [])
        cuts = [c for c in ([len(g.units)] if pair else range(1, len(units)))
                if (pair or units[c].kind == HEAD and units[c].lines[0].blank_before)
                and (_make_group(units[:c]).strong or seq[gi - 1].end_marker)
                and all(_titled(part) for part in (units[:c], units[c:]))]
        cut = 0
        if cuts:  # the words are read only where the layout allows two headlines
            before, after = _closed_run(seq, gi), _runs_beside(seq, end)[1]
            cut = next((c for c in cuts
                        if _side(units[:c], before, after) == -1 and _side(units[c:], before, after) != -1), 0)
        if cut:
            out += [replace(_make_group(units[:cut]), heads_above=True),
                    replace(_make_group(units[cut:]), heads_below=True)]
        else:
            out += [g, seq[gi + 1]] if pair else [g]
        gi = end + 1
    return out


def wraps_title(cur: Sequence[Unit], u: Unit) -> bool:
    """Is heading `u`, shaped as a notice's title (…声明, 公告), the end of the heading right above it wrapped
    (金砖国家就支持中国抗击新冠肺炎疫情发 / 表主席声明, …应届高校毕业生 / 公告): no blank line between, and the
    line above the wider? A notice's own title stands apart from the headline above it."""
    if not cur or cur[-1].kind != HEAD or u.lines[0].blank_before:
        return False
    above = cur[-1].lines[-1]
    return above.width > u.lines[0].width and not roles.is_notice_title(above.text)


def _group(units: list[Unit], given: bool = False) -> list[object]:
    """The page as a sequence of Groups (headlines) and body Units; captions/furniture kept aside. With
    `given` (the units' kinds read from outside), a heading shaped as a notice's title that ends the heading
    above it wrapped stays in that heading's group (`wraps_title`)."""
    seq: list[object] = []
    cur: list[Unit] = []
    after_ad = False  # a headline right under an ad heads the text below it: the ad ended the text above

    def flush() -> None:
        nonlocal cur
        if cur:
            g = _make_group(cur)
            seq.append(replace(g, under_ad=True) if after_ad and any(u.kind == HEAD for u in cur) else g)
            cur = []

    for u in units:
        if u.kind == AD:
            flush()
            if seq and isinstance(seq[-1], Group) and not after_ad:
                seq[-1] = replace(seq[-1], over_ad=True)
            if seq and isinstance(seq[-1], Unit) and seq[-1].kind == PARA and not after_ad:
                seq[-1] = replace(seq[-1], end_marker=True)  # the text above ends at the ad
            after_ad = True
        if u.kind == HEAD and roles.is_notice_title(u.text) and not (wraps_title(cur, u) and (
                given or heading_runs_on(cur[-1].lines[-1].text, u.lines[0].text))):
            flush()  # a notice's title heads its own text, apart from the headline above it
        if u.kind == BYLINE and u.end_marker:
            flush()  # a closing byline, （记者 王三）: the end of the article above, read with its text
            seq.append(u)
        elif u.kind in (HEAD, BYLINE):
            cur.append(u)
        elif u.kind == PARA:
            flush()
            after_ad = False
            seq.append(u)
    flush()
    return back_to_back(seq)


def _nothing_below(seq: list[object], gi: int) -> bool:
    """Is group gi followed by no text: the page's last lines, or right over another headline?"""
    return gi + 1 == len(seq) or isinstance(seq[gi + 1], Group)


def _eligible(seq: list[object], gi: int, forward: bool) -> bool:
    """Can group gi be a headline in this reading direction?"""
    g = seq[gi]
    assert isinstance(g, Group)
    j = gi + 1 if forward else gi - 1
    if g.notice:
        return gi + 1 < len(seq) and isinstance(seq[gi + 1], Unit) and forward
    if not (0 <= j < len(seq)) or not isinstance(seq[j], Unit):
        return False
    if g.heads_above or g.heads_below:
        return forward == g.heads_below
    if g.strong:
        return True
    if not forward and topic_side(seq, gi) == -1:
        return True  # its words name the text above it (its own, read backward) and not the text below
    if forward:
        before = seq[gi - 1] if gi > 0 else None
        return seq[j].opening or (isinstance(before, Unit) and before.end_marker) or before is None
    # backward: the run before must open like an article
    k = j
    while k > 0 and isinstance(seq[k - 1], Unit) and not seq[k].opening:
        k -= 1
    return seq[k].opening


def _heads_text(seq: list[object], gi: int, forward: bool) -> bool:
    """Is group gi a heading (not a banner) with text next to it in the reading direction?"""
    g, j = seq[gi], gi + 1 if forward else gi - 1
    return (isinstance(g, Group) and not g.banner and any(u.kind == HEAD for u in g.units)
            and 0 <= j < len(seq) and isinstance(seq[j], Unit))


def _heads_some_text(seq: list[object], gi: int, forward: bool) -> bool:
    """Is group gi a one-line heading long enough to be a headline (not a label over data lines, 普惠贷款),
    with a few sentences of text next to it in the reading direction?"""
    first = next((u for u in seq[gi].units if not roles.is_label(u.text)), None)  # (under a column label)
    if first is None or roles.width(first.text) < 6:
        return False
    run = []
    for x in (seq[gi + 1:] if forward else reversed(seq[:gi])):
        if not isinstance(x, Unit):
            break
        run.append(x)
    text = "".join(u.text for u in run)
    return sum(text.count(c) for c in "。！？") >= 2 or len(text) >= 80


def _labelled(heads: list[Unit]) -> bool:
    """Does a heading block open with a column label over its title (思想纵横 / 在法治轨道上推进疫情防控)? A
    column's name heads an article, never a subhead."""
    first = heads[0]
    return len(heads) >= 2 and len(first.lines) == 1 and (
        roles.is_column_label(first.text) or roles.is_series_banner(first.text) or roles.is_label(first.text))


_NOTE = re.compile(r"[（(][^（）()]*[）)]")


def _dashed_pair(g: object) -> bool:
    """A heading group of a line ending in a dash over one more heading, with no byline (地名—— / 做法)."""
    if not isinstance(g, Group) or g.has_byline:
        return False
    heads = [u for u in g.units if u.kind == HEAD]
    return bool(heads) and _headings(heads) == 2 and heads[0].lines[0].text.rstrip().endswith(("——", "—"))


def _part_heading(g: object) -> bool:
    """Is g a heading group of a line ending in a dash or a colon over one to `PART_LINES` more heading lines,
    none a subtitle, with no byline: the shape of a feature's part headed by who or where (浙江绍兴市经信局干部
    潘良灿—— / “护目镜入了库，心里才踏实” / 地点：…, 医生邵紫韫： / 女儿的鼓励添干劲)?"""
    if not isinstance(g, Group) or g.has_byline:
        return False
    lines = [ln.text.strip() for u in g.units if u.kind == HEAD for ln in u.lines]
    return (1 < len(lines) <= PART_LINES + 1 and lines[0].endswith(PART_ENDS)
            and not any(roles.is_subtitle(t) for t in lines[1:]))


def _named_part(seq: list[object], gi: int) -> bool:
    """A feature's part: a short name and a dash over one more heading (杜富民—— / 为患者24小时待命, wrapped
    or not), or a heading of who or where ending on a dash or a colon next to another of that shape
    (`_part_heading`: 湖南筑牢三大防线防控疫情—— / 全面摸排保安全, then 杭州下城区…—— / 一名党员一幢楼, the
    parts of a round-up; 饶曲夫妇—— / 带上干粮，当起义务 / 快递员; 医生邵紫韫： / 女儿的鼓励添干劲), in parallel,
    with no article closing or opening between the two (`_closed_between`)."""
    if _dashed_pair(seq[gi]):
        heads = [u for u in seq[gi].units if u.kind == HEAD]
        name = _NOTE.sub("", heads[0].lines[0].text.strip()).rstrip("—").replace(" ", "")
        if 2 <= len(name) <= PART_NAME_CHARS:
            return True
    if not _part_heading(seq[gi]):
        return False
    groups = [k for k, x in enumerate(seq) if isinstance(x, Group)]
    at = groups.index(gi)
    return any(_part_heading(seq[groups[n]]) and not _closed_between(seq, *sorted((gi, groups[n])))
               for n in (at - 1, at + 1) if 0 <= n < len(groups))


def _closed_between(seq: list[object], lo: int, hi: int) -> bool:
    """Does an article close or open between groups lo and hi: a closing line (（记者 王三）) or a dispatch
    (本报讯…) in the text between them? Then the two are headlines of two articles, not parts of one
    (four typeset draws: 8 dashed pairs next to one another across such a line, all kickers of articles
    of their own)."""
    return any(isinstance(x, Unit) and (x.end_marker or x.opening) for x in seq[lo + 1:hi])


def subheads_inside(seq: list[object], gi: int, above: list[Unit], share: float = STRONG_CONTINUITY_SHARE) -> bool:
    """Is heading group gi, a block of two lines or more that opens no article of its own (no byline, no
    subtitle, column label or column tag, no dispatch under it), a feature's subheads? It is when it heads
    one of the feature's parts by a short name (杜富民—— / 为患者24小时待命), or when the text below carries on
    the topic of `above`, the text of the article it sits in (none: no feature to be inside), strongly (at
    least `share` of its pairs: `HEADLESS_SHARE` under text with no headline)."""
    g = seq[gi]
    assert isinstance(g, Group)
    if not any(u.kind == PARA for u in above) or isinstance(seq[gi - 1], Unit) and seq[gi - 1].end_marker:
        return False  # (under an article's closing line, （本报罗马2月3日电）, nothing of that article goes on)
    heads = [u for u in g.units if u.kind == HEAD]
    # (a series' number closing a title's column tag, …（新思想基层结硕果· / 我当代表这一年⑤）, marks a headline too)
    if (not g.strong or g.has_byline or g.banner or g.notice or g.heads_above or g.heads_below or not heads
            or any(roles.is_series_banner(u.text) for u in heads)
            or any(roles.is_subtitle(u.text) for u in heads) or _labelled(heads)
            or roles.is_tagged_title("".join(u.text for u in heads))):
        return False
    if not (gi + 1 < len(seq) and isinstance(seq[gi + 1], Unit)) or seq[gi + 1].opening:
        return False
    return _named_part(seq, gi) or topic_below(seq, gi, above) >= share


def _own_text_below(seq: list[object], gi: int) -> list[Unit]:
    """The run of text under group gi up to the end of the article it is in: its closing line
    (（记者 王三）), or the next article's opening (本报讯…), whichever comes first."""
    below: list[Unit] = []
    for x in seq[gi + 1:]:
        if not isinstance(x, Unit) or below and x.opening:
            break
        below.append(x)
        if x.end_marker:
            break
    return below


_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|第[一二三四五六七八九十]+[，、])")
_PHRASE_BREAK = re.compile(r"[，,：:]")


# a numbered part of a text, the number and the form it is set in: 第二章 / 第三节 / 第五条, 二、, （二）, 2、 or 2.
_PART = re.compile(r"^(?:第(?P<n1>[一二三四五六七八九十\d]+)(?P<unit>[章节条部分编篇卷])|(?P<n2>[一二三四五六七八九十]+)、"
                   r"|[（(](?P<n3>[一二三四五六七八九十\d]+)[）)]|(?P<n4>\d+)[、.．])")
_DIGITS = {c: k for k, c in enumerate("一二三四五六七八九", 1)}


def _number(n: str) -> int | None:
    """一 .. 九十九 or digits as a number (None for anything else: 十十, 百)."""
    if n.isdigit():
        return int(n)
    tens, ten, ones = n.partition("十")
    if not ten:
        return _DIGITS.get(n) if len(n) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS):
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def part_number(text: str) -> tuple[str, int] | None:
    """The form and number of a heading that numbers a part of its text (第二章 检举控告的接收 -> (第章, 2),
    二、招聘范围 -> (、, 2)), else None."""
    m = _PART.match(text.strip())
    if not m:
        return None
    for key, form in (("n1", "第" + (m["unit"] or "")), ("n2", "、"), ("n3", "（）"), ("n4", "1、")):
        if m[key]:
            n = _number(m[key])
            return None if n is None else (form, n)
    return None


def numbered_part(g: Group, earlier: Sequence[Unit], later: Sequence[Unit] = ()) -> bool:
    """Is headline group g a numbered part of the text it sits in (第二章 … under the text of 第一章 总 则)?
    It is when its first heading carries on a numbering that a heading earlier in that text (its headline or
    a subhead, in `earlier`) has begun, in the same form and with a lower number: a document's chapters,
    sections and articles (第X章, 第X条, 二、…) are its subheads, never new items, whatever else the block
    holds. So is any of them (第一章 总 则 right under the document's title, 二、招聘范围 where an extraction read
    its 一、 as text) when a heading below it (in `later`, the headings up to the next full headline) carries its
    numbering on with the next number."""
    heads = [u for u in g.units if u.kind == HEAD]
    own = part_number(heads[0].text) if heads else None
    if own is None:
        return False
    if any(u.kind == HEAD and part_number(u.text) == (own[0], own[1] + 1) for u in later):
        return True
    return any(u.kind in (HEAD, SUBHEAD) and (other := part_number(u.text)) is not None
               and other[0] == own[0] and other[1] < own[1] for u in earlier)


def headings_below(seq: list[object], gi: int) -> list[Unit]:
    """The heading lines of the groups after group gi, up to the next full headline (a strong group): where
    a numbering the group opens would carry on inside the same text (`numbered_part`)."""
    out: list[Unit] = []
    for x in seq[gi + 1:]:
        if isinstance(x, Group):
            if x.strong:
                break
            out += [u for u in x.units if u.kind == HEAD]
    return out


def _one_heading(g: object) -> str | None:
    """The text of a group that is one plain heading line (no byline, no second heading), else None."""
    if not isinstance(g, Group) or g.strong or len(g.units) != 1 or g.units[0].kind != HEAD:
        return None
    return g.units[0].text.strip()


def same_form(a: str, b: str) -> bool:
    """Are two heading lines set in one form, as a feature's subheads are (and a page's titles seldom): both
    numbered (一、 / 二、, （1） / （2）), two phrases each either side of a space (诊治有方 护理到位 / …) or of
    a comma (群众眼中，他是暖心人 / 同事眼中，他是实干人), or opening or closing on the same two characters?"""
    pa, pb = a.split(), b.split()
    if len(pa) == len(pb) == 2 and min(map(len, pa + pb)) >= PARALLEL_PART_CHARS:
        return True
    a, b = "".join(pa), "".join(pb)
    if _NUMBERED.match(a) and _NUMBERED.match(b):
        return True
    ca, cb = _PHRASE_BREAK.split(a), _PHRASE_BREAK.split(b)
    if len(ca) == len(cb) == 2 and min(map(len, ca + cb)) >= PARALLEL_PART_CHARS:
        return True
    return min(len(a), len(b)) > 2 and (a[:2] == b[:2] or a[-2:] == b[-2:])


def parallel_heading(seq: list[object], gi: int) -> bool:
    """Is group gi one plain heading line set in the same form as another such line between the same two full
    headlines (`same_form`)? Then both are one feature's subheads (or numbered points of its text), not the
    headlines of short items of their own."""
    text = _one_heading(seq[gi])
    if text is None:
        return False
    full = [k for k, x in enumerate(seq) if isinstance(x, Group) and x.strong]
    lo = max((k for k in full if k < gi), default=-1)
    hi = min((k for k in full if k > gi), default=len(seq))
    return any(k != gi and (other := _one_heading(seq[k])) is not None and same_form(text, other)
               for k in range(lo + 1, hi))


_CLOSING_NOTE = re.compile(_NOTE.pattern + r"\s*$")  # a bracketed note at a text's end


def _closes_on_author_note(u: object) -> bool:
    """Does unit u close on a note on its author (（作者为全国政协常委、经济委员会副主任）)?"""
    if not isinstance(u, Unit) or u.kind != PARA:
        return False
    m = _CLOSING_NOTE.search(u.text)
    return m is not None and bylines.is_author_note(m.group())


def _contributor_part(seq: list[object], gi: int) -> bool:
    """Is group gi the heading of a round-up's next part: a person's name alone (葛红林, 贺 强, （埃及）西夏姆·宰迈提,
    wrapped or not), with no byline, between two texts that each close on a note on their author (（作者为…）)? A
    round-up of contributors heads each part by its writer's name (the name alone: a name wrapped over two lines
    is one) and closes it on who the writer is; the part under the name goes on the same article."""
    g = seq[gi]
    if not isinstance(g, Group) or g.has_byline or not 0 < gi < len(seq) - 1:
        return False
    heads = [u for u in g.units if u.kind == HEAD]
    if len(heads) != len(g.units) or sum(len(u.lines) for u in heads) > 2:
        return False
    name = _NOTE.sub("", bylines.squeezed("".join(u.text for u in heads)).replace(" ", ""))
    foreign = "·" in name and len(name) <= 12 and all("\u4e00" <= c <= "\u9fff" or c == "·" for c in name)
    if not (foreign or bylines.looks_like_name(name)) or not _closes_on_author_note(seq[gi - 1]):
        return False
    below = _own_text_below(seq, gi)
    return bool(below) and not below[0].opening and _closes_on_author_note(below[-1])


def _news_title_over(seq: list[object], gi: int) -> bool:
    """Under a plain one-line headline, another one-line heading over a few sentences of text is the
    next short item's headline, not a subhead (a subhead belongs to a feature under a fuller headline); so is
    one over a whole short item (`_short_item_over`)."""
    return _heads_some_text(seq, gi, forward=True) or _short_item_over(seq, gi)


def _short_item_over(seq: list[object], gi: int) -> bool:
    """Is group gi one plain heading line long enough to be a headline (`_heads_some_text`'s width) over a
    whole short item: text ending its sentence, then a full headline or the page's end (a photo report's
    heading over its one caption-like paragraph: 送你一朵小花 / 2月26日，在武汉协和医院…一朵小花。)?"""
    head = _one_heading(seq[gi])
    if (head is None or len(seq[gi].units[0].lines) > 1 or roles.width(head) < 6
            or any(c in head for c in "，,、；;。：:")):
        return False
    k = gi + 1
    while k < len(seq) and isinstance(seq[k], Unit):
        k += 1
    run = seq[gi + 1:k]
    if (not run or any(u.kind != PARA for u in run) or not roles.ends_sentence(run[-1].text)
            or heading_runs_on(seq[gi].units[-1].lines[-1].text, run[0].lines[0].text)):
        return False  # (a paragraph's line read as a heading runs on into the text under it)
    return k == len(seq) or (seq[k].strong and not seq[k].banner)


def _news_title_under(seq: list[object], gi: int) -> bool:
    """Read backward: a one-line heading under a few sentences of text heads that text as a short item,
    unless the next headline below is a full one (then it is a subhead of that feature)."""
    if gi == 0 or not isinstance(seq[gi - 1], Unit):
        return False
    nxt = next((x for k, x in enumerate(seq[gi + 1:], gi + 1) if isinstance(x, Group) and not x.banner
                and (x.strong or _eligible(seq, k, False))), None)
    opens_below = gi + 1 < len(seq) and isinstance(seq[gi + 1], Unit) and seq[gi + 1].opening
    if nxt is not None and nxt.strong and not opens_below:
        return False  # (an article opening right under it, 本报讯…, is no text of a feature it sits in)
    return _heads_some_text(seq, gi, forward=False)


def _problems(seq: list[object], forward: bool) -> float:
    """Contradictions of reading the page this way: headlines with no body, articles with no headline or
    with two bylines. Text before the first headline (read forward) or a headline after the last text
    (read backward) weighs half: it only breaks ties."""
    n = 0.0
    if any(isinstance(x, Group) and not x.banner for x in seq):
        if forward and isinstance(seq[0], Unit):
            n += 0.5  # the page opens with text that no headline above covers
        if not forward and isinstance(seq[-1], Unit):
            n += 0.5  # the page ends with text that no headline below covers
    for gi, g in enumerate(seq):
        if not isinstance(g, Group):
            continue
        ok = _eligible(seq, gi, forward)
        if g.strong and not ok and not g.banner:
            # (a headline after the page's last text, read forward, weighs half as the text before the first
            # headline does: it may head the text above it, printed after its body)
            n += 0.5 if forward and gi == len(seq) - 1 else 1
        if ok and g.has_byline and forward and seq[gi + 1].lead:
            n += 1  # two bylines for one article
    for j, x in enumerate(seq):
        if not (isinstance(x, Unit) and x.opening):
            continue
        if forward:
            if not (j > 0 and isinstance(seq[j - 1], Group) and _eligible(seq, j - 1, True)):
                n += 1  # an article opening with 本报讯 but no headline above it
            continue
        k = j + 1
        while k < len(seq) and isinstance(seq[k], Unit) and not seq[k].opening:
            k += 1
        if not (k < len(seq) and isinstance(seq[k], Group) and _eligible(seq, k, False)):
            n += 1  # ... or none below it
    return n


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


@lru_cache(maxsize=1 << 12)
def char_pairs(text: str) -> frozenset[str]:
    """The pairs of neighbouring Chinese characters in `text` (its words, roughly, without a dictionary)."""
    return frozenset(run[k:k + 2] for run in _HAN_RUN.findall(text) for k in range(len(run) - 1))


def headline_pairs(units: Sequence[Unit]) -> frozenset[str]:
    """The character pairs of a headline's headings, which come back in its article's opening: a column
    label of a word or two over the title (新语, 和音) names the column, not the article."""
    return char_pairs("".join(u.text for u in units if u.kind == HEAD and not roles.is_label(u.text)))


def _runs_beside(seq: list[object], gi: int) -> tuple[str, str]:
    """The text of the body run before group gi and of the run after it, each from its start: an
    article's opening is where its headline's words come back."""
    return _run_before(seq, gi)[:TOPIC_CHARS], "".join(u.text for u in _units_after(seq, gi))[:TOPIC_CHARS]


def _run_before(seq: list[object], gi: int) -> str:
    """The text of the body run right before group gi (the units since the group above it)."""
    before: list[Unit] = []
    for x in reversed(seq[:gi]):
        if not isinstance(x, Unit):
            break
        before.insert(0, x)
    return "".join(u.text for u in before)


def _units_after(seq: list[object], gi: int) -> list[Unit]:
    """The body run right after group gi (the units up to the next group)."""
    after: list[Unit] = []
    for x in seq[gi + 1:]:
        if not isinstance(x, Unit):
            break
        after.append(x)
    return after


def _closed_run(seq: list[object], gi: int) -> str:
    """The body run before group gi as a headline printed after its body is looked for in it: its opening
    and its close (`TOPIC_CHARS` of each). The run opens under the heading above it, which may be the
    article's own subhead; the close is the text the headline is printed under."""
    text = _run_before(seq, gi)
    return text[:TOPIC_CHARS] + "\n" + text[-TOPIC_CHARS:]


def topic_side(seq: list[object], gi: int) -> int:
    """Which text headline group gi heads by its words: 1 the text below, -1 the text above, 0 cannot tell.
    A headline names what its article is about, so its character pairs come back in the article's opening.
    The page's first lines, a headline with nothing above it, votes for the text below when that text names
    it (a page printing its headlines after their bodies opens with text): three typeset draws, article F1
    +0.001 / 0 / +0.003, headline accuracy +0.001 / +0.002 / +0.005."""
    g = seq[gi]
    assert isinstance(g, Group)
    pairs = headline_pairs(g.units)
    if not pairs:
        return 0
    before, after = _runs_beside(seq, gi)
    if gi == 0 and after:  # nothing above: the page's first lines
        return 1 if len(pairs & char_pairs(after)) / len(pairs) > TOPIC_MARGIN else 0
    if not before or not after:
        return 0
    diff = (len(pairs & char_pairs(after)) - len(pairs & char_pairs(before))) / len(pairs)
    return 1 if diff > TOPIC_MARGIN else -1 if diff < -TOPIC_MARGIN else 0


def _names_below(seq: list[object], gi: int) -> bool:
    """Do headline group gi's words name the text under it more than both the opening and the close of the
    text above it (`_closed_run`: its own text may end the run above, after another article's opening), by
    `TOPIC_MARGIN`?"""
    pairs = headline_pairs(seq[gi].units)
    below = _runs_beside(seq, gi)[1]
    return bool(pairs) and (len(pairs & char_pairs(below)) - len(pairs & char_pairs(_closed_run(seq, gi)))) / len(
        pairs) > TOPIC_MARGIN


def continuity(above: str, below: str) -> float:
    """How much of the shorter text's character pairs come back in the other one (0..1)."""
    a, b = char_pairs(above[-CONTINUITY_ABOVE:]), char_pairs(below[:CONTINUITY_BELOW])
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def para_text(units: Sequence[Unit]) -> str:
    """The text of the paragraphs among `units`, joined (what `continuity` and the topic measures read)."""
    return "".join(u.text for u in units if u.kind == PARA)


def topic_below(seq: list[object], gi: int, above: list[Unit]) -> float:
    """How far the text below heading group gi (up to its article's end) carries on the topic of the
    paragraphs of `above`, the text of the article it sits in (`continuity`)."""
    return continuity(para_text(above),
                      "".join(u.text for u in _own_text_below(seq, gi)))


def measure(units: Sequence[Unit]) -> float | None:
    """The measure these units' paragraphs wrap at (cells), None where their lines tell none: too few full
    lines, or widths that do not agree (one paragraph a line, a proportional font's uneven lines)."""
    widths = sorted(ln.width for u in units if u.kind == PARA for ln in u.lines[:-1]
                    if ln.width >= MEASURE_MIN_WIDTH and not ln.opens)
    if len(widths) < MEASURE_MIN_LINES:
        return None
    mid = widths[len(widths) // 2]
    close = sum(1 for w in widths if abs(w - mid) <= COLUMN_TOLERANCE)
    return mid if close >= COLUMN_AGREEMENT * len(widths) else None


def measure_changes(seq: list[object], gi: int, above: list[Unit]) -> bool:
    """Are `above`, the text heading group gi sits under, and the text below it (to its article's end) wrapped
    at measures at least `MEASURE_CHANGE` cells apart? Then they are two articles' texts, not one's."""
    before = [u for u in above if u.kind == PARA][-MEASURE_LINES:]
    after = _own_text_below(seq, gi)[:MEASURE_LINES]
    m1, m2 = measure(before), measure(after)
    return m1 is not None and m2 is not None and abs(m1 - m2) >= MEASURE_CHANGE


def starts_band_item(g: Group) -> bool:
    """Does heading group g open one of two articles printed side by side that `bands.reading_order` put one
    after the other (a line of it the first of that article's chunks)? Then it heads that article, whatever
    the text above it (the other article, often of one topic with it) shares with the text below."""
    return any(ln.starts_item for u in g.units for ln in u.lines)


def held_in_band(g: object, *runs: Sequence[Unit]) -> bool:
    """Is g a heading group every line of which `bands.reading_order` holds inside one band's article, below that
    article's own first line (`Ln.held`), and do `runs` (the item in hand) hold that article's lines? The band's
    period tells each article's chunks, so no other article opens there: its headings are the article's
    subheads, whatever their shape (a subhead wrapped at a chunk switch, its last characters read as a name's
    byline)."""
    if not isinstance(g, Group) or g.units[0].lines[0].held == -1:
        return False
    first = {ln.held for u in g.units for ln in u.lines}
    return len(first) == 1 and any(ln.held in first or ln.start in first for run in runs for u in run for ln in u.lines)


def _held_inside(g: Group) -> list[Unit]:
    """A heading group held inside a band's article (`held_in_band`), as its subheads: a byline carrying on the
    heading line above it (排忧解难，消除医务人员后 / 顾之忧: one subhead wrapped) is that subhead's end."""
    out = _inside(g)
    for k in range(1, len(out)):
        if out[k].kind == BYLINE and out[k - 1].kind == SUBHEAD and heading_runs_on(out[k - 1].text, out[k].text):
            out[k] = out[k].as_kind(SUBHEAD)
    return out


def carries_on(seq: list[object], gi: int, above: list[Unit]) -> bool:
    """Does the text below heading group gi carry on the topic of `above`, the text of the article it sits
    in (so the heading is a subhead), rather than start another article? Text opening like an article
    (本报讯…) right under it carries nothing on."""
    if gi + 1 < len(seq) and isinstance(seq[gi + 1], Unit) and seq[gi + 1].opening:
        return False
    return topic_below(seq, gi, above) >= CONTINUITY_SHARE


def _subhead_read_backward(seq: list[object], gi: int, above: list[Unit]) -> bool:
    """Read backward, is heading group gi, one heading with no byline, a subhead of the text `above` it (a
    feature's first part under its opening) rather than the headline of that text printed after it? It is
    where the text below carries on the topic of the text above (`carries_on`), no closing line ends the text
    above, and the next full headline below, the feature's own, names the text above rather than the text right
    under the heading (where it names that text, its article opens there: the heading is the headline of the
    text above). Three typeset draws, such headings on pages read backward: 9 subheads, 2 titles."""
    g = seq[gi]
    assert isinstance(g, Group)
    if g.strong or not above or above[-1].end_marker or not carries_on(seq, gi, above):
        return False
    full = next((x for x in seq[gi + 1:] if isinstance(x, Group) and x.strong and not x.banner), None)
    return full is not None and _side(list(full.units), _opening(above), _opening(_units_after(seq, gi))) != 1


def _carries_across(seq: list[object], gi: int) -> bool:
    """Does the text below heading group gi carry on the text right above it (`continuity`, no article opening
    under it)? Then the heading is a subhead inside one article's text, which names the text below it whichever
    way the page prints its headlines: its words tell nothing of the page's reading direction."""
    after = _units_after(seq, gi)
    before = _run_before(seq, gi)
    if not before or not after or after[0].opening:
        return False
    return continuity(before, para_text(after)) >= CONTINUITY_SHARE


def reads_forward(seq: list[object]) -> bool:
    """Does the page print its headlines before their bodies? The headlines' words vote (each headline
    for the side whose text it names); when they do not tell, the reading with fewer contradictions wins.
    Full headlines (two headings, a kicker or a subtitle with the title, a byline) vote first: a feature's
    subheads name the text below them whichever way the page prints its headlines, so the other headings'
    votes count only where the full headlines' do not tell, or where the reading they give has more
    contradictions than the other (four typeset draws: headline accuracy +0.013 to +0.024 on three, the
    fourth unchanged; article F1 -0.001 to -0.003). A feature's parts headed by who or where (`_named_part`:
    张女士—— / 全力救治…) and subheads whose text below carries on the text above (`_carries_across`) name the
    text below them whichever way: they do not vote (three typeset draws, all test pages: headline accuracy
    +0.006 / +0.008 / +0.003, article F1 +0.004 / 0 / +0.002)."""
    voters = [gi for gi, g in enumerate(seq) if isinstance(g, Group) and not g.banner and not _named_part(seq, gi)]
    full = sum(topic_side(seq, gi) for gi in voters if seq[gi].strong)
    if full and _problems(seq, full > 0) <= _problems(seq, full < 0):
        return full > 0
    votes = sum(topic_side(seq, gi) for gi in voters if seq[gi].strong or not _carries_across(seq, gi))
    if votes:
        return votes > 0
    return _problems(seq, True) <= _problems(seq, False)


def _byline_apart(seq: list[object], gi: int) -> int:
    """Where the byline closing headline group gi starts when a blank line sets it apart from the headings
    above it and text follows it: read backward, the headings head the text above (printed after their
    body) and that byline, nearer the text under it, opens that text (0: no such byline). A byline set
    right under the headings, with no blank line between, is theirs."""
    g = seq[gi]
    assert isinstance(g, Group)
    k = len(g.units)
    while k > 0 and g.units[k - 1].kind == BYLINE:
        k -= 1
    below = gi + 1 < len(seq) and isinstance(seq[gi + 1], Unit) and seq[gi + 1].kind == PARA
    if not (below and 0 < k < len(g.units) and g.units[k].lines[0].blank_before
            and any(u.kind == HEAD for u in g.units[:k])):
        return 0
    return k


def _flush(pending: list[Unit], drafts: list[Draft]) -> None:
    """Text read so far goes to the draft before it (or opens a headless draft on a page's first lines)."""
    if pending and drafts:
        drafts[-1].units += pending
    elif pending:
        drafts.append(Draft(pending, None))


def split_point(units: list[Unit], head: Group) -> int:
    """Where, in a run of text that two articles share, the one `head` heads (the second) begins: the
    paragraph whose opening names the headline's words most, and least carries on the text above it (an
    article opening 本报讯 wins outright). 0 when the run has no second paragraph."""
    cands = [k for k in range(1, len(units)) if units[k].kind == PARA]
    if not cands:
        return 0
    leads = [k for k in cands if units[k].opening]
    if leads:
        return leads[0]
    pairs = headline_pairs(head.units)

    def score(k: int) -> float:
        above = para_text(units[:k])
        below = para_text(units[k:])
        named = len(pairs & char_pairs(below[:TOPIC_CHARS])) / len(pairs) if pairs else 0.0
        return named - continuity(above, below)

    return max(cands, key=score)


def _ahead_split(units: list[Unit], head: Group) -> int:
    """Read backward, where in the run of text under a headline printed before its body the article `head`
    (printed after its body, under the run, with text under it) begins: an article's opening (本报讯…), else the
    `split_point`, where `head`'s words name the text from there on rather than the text before it or that text
    does not carry on the topic of the text before it (`continuity`). 0 where none: the run is all the first
    headline's, and `head` too was printed before its body, the text under it."""
    k = split_point(units, head)
    if not k or units[k].opening:
        return k
    above, below = units[:k], units[k:]
    if _side(list(head.units), _opening(above), _opening(below)) == 1 or continuity(
            para_text(above), para_text(below)) < CONTINUITY_SHARE:
        return k
    return 0


def _opening(units: Sequence[Unit]) -> str:
    """The opening of these units' text, as far as a headline's words are looked for in it (`TOPIC_CHARS`)."""
    return para_text(units)[:TOPIC_CHARS]


def _new_start(cur: Draft, head: Group) -> int:
    """Where in draft `cur`'s text the article `head` (printed after it) heads begins (`split_point`), if
    that text's opening names `head`'s words and the opening of `cur`'s text does not, more than its own
    headline's (else 0: one article's text, under which a page's last lines may gather its subheads)."""
    text = _opening(cur.units)
    mine, theirs = headline_pairs(cur.headline.units), headline_pairs(head.units)
    if not mine or not theirs or len(theirs & char_pairs(text)) / len(theirs) > len(mine & char_pairs(text)) / len(mine):
        return 0  # (a heading its text names more than its own headline: that text is the heading's)
    k = split_point(cur.units, head)
    above, below = _opening(cur.units[:k]), _opening(cur.units[k:])
    return k if k and _side(list(head.units), above, below) == 1 else 0


def _slid(prev: Draft, cur: Draft, head: Group) -> bool:
    """Has the headline of draft `cur` slid onto it from `prev`, the headless text above: do its words name
    `prev`'s opening rather than `cur`'s, and those of `head` (printed under `cur`'s text, with nothing under
    it) `cur`'s rather than `prev`'s? Then each headline was printed after its body."""
    above, here = _opening(prev.units), _opening(cur.units)
    return _side(list(cur.headline.units), above, here) == -1 and _side(list(head.units), above, here) == 1


def heads_headless_above(seq: list[object], gi: int, cur: Draft, first: bool = False) -> int:
    """Read forward, how many of the units of headline group gi head the text above it, draft `cur`, which
    has no headline yet (0: none). Each article may print its headline before or after its body, whichever
    way most of the page's go: a full headline (`Group.strong`) whose words name the opening of the headless
    text above rather than the opening of the text under it was printed after its body (typeset 2020-02, two
    draws: 9 such headlines, every one printed after its body; one-line headings, which a feature's subheads
    are too, were right 1 time in 9). Where the block goes on with another headline whose words do not name
    the text above (王毅会见奥地利总理库尔茨 / 古老乡村的小康图景…: two headlines back to back, no blank line
    between), only the lines above it head that text, and the other heads the text below: never a line
    that runs on from the one above (`heading_runs_on`) or a title under a kicker ending on its dash or colon
    (浙江省肿瘤医院职工踊跃驰援武汉—— / 只要需要 时刻准备着: the kicker leads into it), and under the page's `first` text (which may be an article
    carried over from another page, needing no headline here) only where one of the two parts is a full
    headline of its own (a lone line over a title is its kicker). A column's tag in brackets (…（统筹抓好改革发展稳定各项工作）),
    shared by a series' articles, is left out of those words."""
    g = seq[gi]
    assert isinstance(g, Group)
    if cur.headline is not None or not g.strong or g.banner or g.notice or not any(
            u.kind == PARA for u in cur.units):
        return 0
    above, below = _opening(cur.units), _runs_beside(seq, gi)[1]
    units = list(g.units)

    def lean(part: list[Unit]) -> float:  # (a column's tag in brackets, shared by the page's series, aside)
        return _lean(char_pairs(_NOTE.sub("", "".join(
            u.text for u in part if u.kind == HEAD and not roles.is_label(u.text)))), above, below)

    cuts = [c for c in range(1, len(units)) if units[c].kind == HEAD and not roles.is_subtitle(units[c].text)
            and not heading_runs_on(units[c - 1].lines[-1].text, units[c].lines[0].text)
            and not units[c - 1].text.rstrip().endswith(roles.KICKER_ENDS)
            and (not first or _make_group(units[:c]).strong or _make_group(units[c:]).strong)
            and _titled(units[:c]) and _titled(units[c:])
            and lean(units[:c]) < -TOPIC_MARGIN <= lean(units[c:])]
    if cuts:  # (where the two parts' words part most)
        return max(cuts, key=lambda c: lean(units[c:]) - lean(units[:c]))
    if _side(units, above, below) != -1:
        return 0
    # a second byline a blank line under the headline's own is the text below's (typeset pages, six draws: 11
    # bylines so set under another, every one the next article's)
    return next((c for c in range(1, len(units)) if units[c].kind == BYLINE and units[c - 1].kind == BYLINE
                 and units[c].lines[0].blank_before), len(units))


@dataclass
class Draft:
    units: list[Unit] = field(default_factory=list)  # in reading order
    headline: Group | None = None


def _inside(g: Group) -> list[Unit]:
    """A headline group read inside an article: its headings are subheads (or a caption standing apart)."""
    out = []
    for u in g.units:
        if u.kind == HEAD:
            u = u.as_kind(CAPTION if u.lines[0].blank_before >= CAPTION_GAP and not g.strong else SUBHEAD)
        out.append(u)
    return out


def opens_another(cur: Draft) -> bool:
    """Read forward, does a paragraph opening like an article (本报北京2月1日电, 新华社…电) start another
    article after the text of draft `cur`? Only where the text in hand is no headed article still short of
    its own opening: under a headline whose text has not opened yet, the dispatch is that article's own
    (a lead paragraph, a quotation or a summary printed before it); after an opening of its own, or in text
    with no headline, it is the next article's."""
    if not any(u.kind == PARA for u in cur.units):
        return False
    return cur.headline is None or any(u.opening for u in cur.units)


def _says_byline(text: str) -> bool:
    """Does a byline line say it is one: a role word (记者, 作者, 通讯员) or a bullet (□ ◆) before its names? A
    bare name on its line may be a paragraph's first word set apart (刘英 / 烈士陵园是…)."""
    t = text.strip()
    return bool(t) and (t[0] in bylines.BULLETS or bool(bylines.ROLE_RE.search(t)))


def tail_under_headline(seq: list[object]) -> list[object]:
    """Read forward, a headline with no byline, then text, then a byline alone over more text (标题 / …拖着不是
    办法，才下定决心去医院排查”。 / □记者 余荣华 / “请扫码！”…): the headline was set across the column the
    article above runs on in, and the text between is that article's tail, not the headline's. The text goes
    before the headline, and the headline joins its byline, heading the text under the byline. Not where the
    text between opens an article or closes one (本报讯…, （记者 王三）), nor where no text is above the headline,
    nor under a byline that does not say it is one (`_says_byline`), nor where the text between does not end
    its sentence (a tail ends the article; lines that do not may be the next article's headline read as text)."""
    out = list(seq)
    gi = 1
    while gi < len(out):
        g = out[gi]
        run_end = gi + 1
        while run_end < len(out) and isinstance(out[run_end], Unit):
            run_end += 1
        run = out[gi + 1:run_end]
        if (isinstance(g, Group) and isinstance(out[gi - 1], Unit) and not g.has_byline and not g.notice
                and _titled(list(g.units)) and run
                and not any(u.opening or u.end_marker or u.kind != PARA for u in run)
                and roles.ends_sentence(run[-1].lines[-1].text)
                and not out[gi - 1].end_marker
                and run_end + 1 < len(out) and isinstance(byline := out[run_end], Group)
                and all(u.kind == BYLINE and _says_byline(u.text) for u in byline.units)
                and isinstance(out[run_end + 1], Unit)):
            out[gi:run_end + 1] = [*run, replace(_make_group([*g.units, *byline.units]), under_ad=g.under_ad)]
            gi = run_end
        gi += 1
    return out


def _writers(g: Group) -> frozenset[str]:
    """The writers a headline group's byline lines name (a photographer's credit aside)."""
    return frozenset(a.name for u in g.units if u.kind == BYLINE
                     for a in bylines.parse_authors(u.text) if a.role != bylines.PHOTOGRAPHER)


def signed_by_others(g: Group, u: object) -> bool:
    """Does the text opening with unit `u` open under a byline naming none of the writers headline group `g`'s
    byline names (作者：帅才 over 本报讯（记者樊永强、李翔）…)? Then `g` is not that text's headline: an article
    names its writers once, or names the same ones twice."""
    if not (isinstance(u, Unit) and u.kind == PARA and u.lead):
        return False
    found = bylines.lead_byline(bylines.squeezed(u.text))
    theirs = frozenset(a.name for a in found[1] if a.role != bylines.PHOTOGRAPHER) if found else frozenset()
    mine = _writers(g)
    return bool(mine) and bool(theirs) and not mine & theirs


def _opens_item(g: object, opens: frozenset[int]) -> bool:
    """Is group g a heading group one of whose heading lines starts an item as read from outside (`opens`)?"""
    return isinstance(g, Group) and any(ln.start in opens for u in g.units if u.kind == HEAD for ln in u.lines)


def _assemble(seq: list[object], forward: bool, given: bool = False,
              opens: frozenset[int] = frozenset()) -> tuple[list[Draft], dict[int, Unit]]:
    """Drafts in this reading direction, and the units it relabels (by position) that no draft holds. With
    `given` (the units' kinds read from outside, a feature's subheads given as SUBHEAD and kept aside), a
    heading group next to text in the reading direction that the outside reading opens an item at (`opens`:
    its lines' starts) heads an item, never a subhead."""
    drafts: list[Draft] = []
    loose: dict[int, Unit] = {}
    if forward:
        seq = tail_under_headline(seq)
        cur: Draft | None = None
        for gi, x in enumerate(seq):
            if cur is not None and held_in_band(x, cur.headline.units if cur.headline else (), cur.units):
                inside = _held_inside(x)
                loose.update((u.pos, u) for u in inside if u.kind == CAPTION)
                cur.units += [u for u in inside if u.kind != CAPTION]
                continue
            if isinstance(x, Group) and cur is not None and x.heads_above and cur.headline is None:
                cur.headline = x  # printed after the text above it, back to back with the next headline
                continue
            if isinstance(x, Group) and cur is not None and (
                    c := heads_headless_above(seq, gi, cur, first=len(drafts) == 1)):
                # printed after its body, on a page that prints most headlines first
                cur.headline = _make_group(list(x.units[:c])) if c < len(x.units) else x
                cur = None
                if c == len(x.units):
                    continue
                x = _make_group(list(x.units[c:]))  # (the next article's headline, back to back with it)
            if (isinstance(x, Group) and cur is not None and not x.banner and _nothing_below(seq, gi)
                    and cur.headline is not None and len(drafts) >= 2 and drafts[-2].headline is None
                    and _slid(drafts[-2], cur, x)):
                # the headline over the text in hand was printed after the text above it, and this one
                # after the text in hand: each heads the text above it
                drafts[-2].headline, cur.headline = cur.headline, x
                cur = None
                continue
            if (isinstance(x, Group) and cur is not None and not x.banner and x.strong and _nothing_below(seq, gi)
                    and cur.headline is not None and not any(u.kind == HEAD for u in cur.headline.units)):
                # the text above opened under its byline alone: its headline, printed after its body, is this
                # full headline with no text under it to head
                cur.headline = _make_group([*x.units, *cur.headline.units])
                cur = None
                continue
            if isinstance(x, Group) and cur is not None and not x.banner and (
                    _nothing_below(seq, gi) or signed_by_others(x, seq[gi + 1])) and (
                    cur.headline is None or (k := _new_start(cur, x))):
                # no text under it to head: a headline printed after its body, the text above
                if cur.headline is None:
                    cur.headline = x
                else:
                    cur.units, rest = cur.units[:k], cur.units[k:]
                    drafts.append(Draft(rest, x))
                cur = None  # (text after it is another article's)
                continue
            if isinstance(x, Group):
                # (a document's numbered part is its subhead, never a short item's title)
                part = (cur is not None and cur.headline is not None
                        and numbered_part(x, [*cur.headline.units, *cur.units], headings_below(seq, gi)))
                part = part or (cur is not None and cur.headline is not None and _contributor_part(seq, gi))
                starts_news = (cur is not None and cur.headline is not None and not part
                               and not x.strong and _news_title_over(seq, gi)
                               and not carries_on(seq, gi, cur.units) and not parallel_heading(seq, gi))
                apart = (cur is not None and gi + 1 < len(seq) and isinstance(seq[gi + 1], Unit)
                         and not x.banner and (measure_changes(seq, gi, cur.units) or starts_band_item(x)))
                heads_item = given and _opens_item(x, opens)
                subheads = (cur is not None and not apart and not heads_item and (
                    cur.headline is not None and (subheads_inside(seq, gi, cur.units) or part)
                    or cur.headline is None and not any(u.opening for u in cur.units)
                    and subheads_inside(seq, gi, cur.units, HEADLESS_SHARE)))
                title = ((_eligible(seq, gi, True) or heads_item and _heads_text(seq, gi, True)) and not subheads) or (
                        cur is None or starts_news or apart) or (
                        x.under_ad and not part)
                if cur is not None and not heads_item:  # (an item opened from outside stays one)
                    title = headingmodel.heads_item(seq, gi, cur.units, True, bool(title), cur.headline)
                if title:
                    if x.banner and not _eligible(seq, gi, True):
                        loose.update((u.pos, u.as_kind(FURN)) for u in x.units)
                        continue
                    cur = Draft([], x)
                    drafts.append(cur)
                else:
                    inside = _inside(x)
                    loose.update((u.pos, u) for u in inside if u.kind == CAPTION)
                    cur.units += [u for u in inside if u.kind != CAPTION]
            else:
                if cur is None or (x.opening and opens_another(cur)) or (
                        x.kind == PARA and cur.units and cur.units[-1].end_marker) or (
                        cur.units and x.lines[0].starts_item):
                    # (text after an article's closing line is another article's, and so is the first line of
                    # the second of two articles side by side, read as text: a long kicker, a title with commas)
                    cur = Draft([], None)
                    drafts.append(cur)
                cur.units.append(x)
        return drafts, loose
    pending: list[Unit] = []
    notice: Draft | None = None  # a notice read forward inside a page read backward
    ahead: Draft | None = None  # a headline printed before its body on a page read backward
    opener: Group | None = None
    for gi, x in enumerate(seq):
        if held_in_band(x, pending):
            pending += _held_inside(x)
            continue
        if (isinstance(x, Group) and ahead is None and pending and signed_by_others(x, pending[0])
                and _names_below(seq, gi)) and not (
                x.heads_above or _nothing_below(seq, gi) or signed_by_others(x, seq[gi + 1])):
            # the text above opens under other writers' byline, and this headline's words name the text under
            # it, not that text's opening or close: it was printed before its body, with its byline; the text
            # above is an article of its own
            drafts.append(Draft(pending, None))
            pending = []
            ahead = Draft([], x)
            drafts.append(ahead)
            continue
        if isinstance(x, Group) and x.heads_below:
            _flush(pending, drafts)
            pending = []
            ahead = Draft([], x)
            drafts.append(ahead)
            continue
        if ahead is not None and isinstance(x, Unit) and x.kind == PARA and pending and pending[-1].end_marker:
            # the text run after a headline printed before its body ends at its closing line (（本报巴黎电）)
            ahead.units += pending
            pending = []
            ahead = None
        if ahead is not None and isinstance(x, Group) and pending and not any(u.kind == HEAD for u in x.units):
            # a byline alone opens the next text (its headline printed after it): the run after the headline
            # printed before its body ends there
            ahead.units += pending
            pending = list(x.units)
            ahead = None
            continue
        if ahead is not None and (isinstance(x, Group) and _eligible(seq, gi, False)
                                  or isinstance(x, Unit) and x.opening and any(u.kind == PARA for u in pending)):
            # the text run after a headline printed before its body ends where the next article begins
            below = isinstance(x, Group) and not x.notice and gi + 1 < len(seq) and isinstance(seq[gi + 1], Unit)
            k = (_ahead_split(pending, x) if below else split_point(pending, x)) if isinstance(x, Group) else len(pending)
            ahead.units += pending[:k or len(pending)]
            pending = pending[k:] if k else []
            ahead = None
            if below and not k:
                # none of that text is its own: it too was printed before its body, the text under it
                ahead = Draft([], x)
                drafts.append(ahead)
                continue
        if isinstance(x, Group) and x.notice and gi + 1 < len(seq) and isinstance(seq[gi + 1], Unit):
            _flush(pending, drafts)
            pending = []
            notice = Draft([], x)
            drafts.append(notice)
            continue
        if notice is not None and isinstance(x, Unit):
            notice.units.append(x)
            continue
        notice = None
        if isinstance(x, Group):
            title = given and _opens_item(x, opens) and _heads_text(seq, gi, False) or (
                    _eligible(seq, gi, False) and not subheads_inside(seq, gi, pending)
                    and not _subhead_read_backward(seq, gi, pending)
                    and not numbered_part(x, pending, headings_below(seq, gi))) or (
                    x.over_ad and not x.banner and any(u.kind == PARA for u in pending)) or (
                    not x.strong and _news_title_under(seq, gi) and not carries_on(seq, gi, pending)
                    and not parallel_heading(seq, gi)) or (
                    pending and gi + 1 < len(seq) and isinstance(seq[gi + 1], Unit) and not x.banner
                    and measure_changes(seq, gi, pending))
            if not (given and _opens_item(x, opens)):
                title = headingmodel.heads_item(seq, gi, pending, False, bool(title), None)
            if title:
                k = _byline_apart(seq, gi)
                drafts.append(Draft(pending, _make_group(list(x.units[:k])) if k else x))
                pending = list(x.units[k:]) if k else []
            elif x.banner and not any(u.kind == PARA for u in pending) and not drafts:
                loose.update((u.pos, u.as_kind(FURN)) for u in x.units)
            else:
                if not pending:
                    opener = x  # a heading opening the text read so far (its headline, if that text closes)
                pending += _inside(x)
        else:
            if x.kind == PARA and pending and pending[-1].end_marker and ahead is None:
                # text after an article's closing line is another article's: the one closed had its
                # headline printed before it (read here as the subheads it opens with), or none
                opened = opener is not None and pending[:len(opener.units)] == _inside(opener)
                drafts.append(Draft(pending[len(opener.units):], opener) if opened else Draft(pending, None))
                pending = []
            elif x.opening and pending and any(u.kind == PARA for u in pending):
                # what precedes an article's opening belongs to the item before: its lead, printed after it
                if drafts:
                    drafts[-1].units[0:0] = pending
                else:
                    drafts.append(Draft(pending, None))
                pending = []
            pending.append(x)
    if pending and ahead is not None:
        ahead.units += pending
    elif pending:
        if drafts and not any(u.kind == PARA and u.opening for u in pending):
            drafts[-1].units += pending
        else:
            drafts.append(Draft(pending, None))
    return drafts, loose


# text set above a headline that is its article's later part, not the end of the article above it: at most
# this many characters (a longer run there that names the headline below was more often an article whose own
# headline the rules had read as a subhead: typeset 2020-02 seed 0, one-para-a-line)
PART_ABOVE_CHARS = 800
# a part closed by its end byline (（记者 王三）) may go to the article under the next headline on its words across
# the break alone (that article's text runs on into it, the text above it does not) when the headlines' words
# tell neither way, if it holds at least this many paragraphs: one paragraph closed by a byline is a brief's form,
# a whole short article whose headline went elsewhere (3 of the 3 such moves on three draws of every family were)
SIGNED_PART_PARAS = 2


def _signs_off(u: Unit) -> bool:
    """Is the unit a closing byline (（记者 王三）), alone or closing its paragraph's last sentence?"""
    return u.end_marker and u.kind in (PARA, BYLINE) and bool(bylines.trailing_byline(u.text))


def _signed(units: Sequence[Unit]) -> int:
    """1 where these units end on a closing byline (`_signs_off`), which goes with them as a part, else 0."""
    return int(bool(units) and _signs_off(units[-1]))


def _plain_part(part: Sequence[Unit], signed: int) -> bool:
    """Could these units be an article's part printed apart from its headline: a first paragraph opening no article
    (本报讯…) and no bracketed note, then paragraphs and subheads closing nothing (a closing line ends an article)
    but a closing byline at the very end where `signed`, none held in a band?"""
    if not part:
        return False
    first = part[0]
    return not (first.kind != PARA or first.opening or _NOTE.fullmatch(first.text.strip())
                or any(u.kind not in (PARA, SUBHEAD) or u.end_marker for u in part[:len(part) - signed])
                or any(u.lines[0].held != -1 for u in part))


def _signed_enough(part: Sequence[Unit]) -> bool:
    """Does a part closed by its byline hold `SIGNED_PART_PARAS` paragraphs (one so closed is a whole brief)?"""
    return sum(u.kind == PARA for u in part) >= SIGNED_PART_PARAS


def _part_above(p: Draft, d: Draft) -> int:
    """Where in draft `p`'s text the part of the next draft `d`'s article printed above `d`'s headline begins (0:
    none). Pages set an article's later paragraphs above its headline (a notice's text, then the article's later
    paragraphs, then its headline, byline and first paragraphs). Such a part: plain paragraphs (and subheads) at
    the end of `p`, opening no article (本报讯…) and closing none (a closing line, a bracketed note: those end
    `p`'s article), held in no band; it does not carry on `p`'s text above it (`continuity`); it names `d`'s
    headline more than `p`'s by `TOPIC_MARGIN` of each headline's words; and more of its words come back in
    `d`'s headline and opening than in `p`'s headline and text. A closing byline at `p`'s very end (`_signs_off`)
    closes the text that runs into it and goes with the part; a part of `SIGNED_PART_PARAS` paragraphs or more so
    closed may go where the headlines' words tell neither way, if `d`'s text runs on into it (`continuity`). Of
    the cuts that qualify, the one where its words lean to `d` the most."""
    if p.headline is None or d.headline is None or not any(u.kind == PARA for u in d.units):
        return 0
    mine, theirs = headline_pairs(p.headline.units), headline_pairs(d.headline.units)
    if not mine or not theirs:
        return 0
    below = theirs | char_pairs(para_text(d.units)[:CONTINUITY_ABOVE])
    # a closing byline at p's very end closes the text that runs into it: it goes with the part when one moves
    signed = _signed(p.units)
    best, at = 0.0, 0
    for k in range(len(p.units) - 1 - (signed and p.units[-1].kind == BYLINE), 0, -1):
        part = p.units[k:]
        if not _plain_part(part, signed):
            break
        text = para_text(part)
        if len(text) > PART_ABOVE_CHARS:
            break
        if p.units[k - 1].kind not in (PARA, SUBHEAD):
            continue
        before = para_text(p.units[:k])
        pairs = char_pairs(text)
        if not pairs or continuity(before, text) >= CONTINUITY_SHARE:
            continue
        if len(theirs & pairs) / len(theirs) - len(mine & pairs) / len(mine) <= TOPIC_MARGIN and not (
                signed and _signed_enough(part)
                and continuity(para_text(d.units), text) >= CONTINUITY_SHARE):
            continue
        lean = (len(pairs & below) - len(pairs & (mine | char_pairs(before[-CONTINUITY_ABOVE:])))) / len(pairs)
        if lean > best:
            best, at = lean, k
    return at


def _lead_part_above(p: Draft, d: Draft) -> bool:
    """Is draft `p`, the page's first text and headless, the later part of the next draft `d`'s article, printed
    above its headline (the page opens with it, then the headline, byline and first paragraphs)? Such a part: plain
    paragraphs (and subheads), opening no article (本报讯…, a byline: under a missed headline, the article's own
    start) and closed by nothing but a closing byline at its very end (a part of `SIGNED_PART_PARAS` paragraphs
    or more: one paragraph so closed is a whole brief), held in no band; `d`'s headline names its opening by
    more than `TOPIC_MARGIN` of its words (as `topic_side` reads the page's first lines), and the opening of `d`'s
    text, under its headline, runs on into it (`continuity`; `d`'s later text may be another article's piece)."""
    if p.headline is not None or d.headline is None or not any(u.kind == PARA for u in d.units):
        return False
    signed = _signed(p.units)
    if not _plain_part(p.units, signed) or signed and not _signed_enough(p.units):
        return False
    theirs, text = headline_pairs(d.headline.units), para_text(p.units)
    return bool(theirs) and (len(theirs & char_pairs(text[:TOPIC_CHARS])) / len(theirs) > TOPIC_MARGIN
                             and continuity(_opening(d.units), text) >= CONTINUITY_SHARE)


def parts_above_headlines(drafts: list[Draft]) -> list[Draft]:
    """Read forward, the drafts with each article given the later part of it printed above its headline, at the
    end of the article above (`_part_above`) or as the page's first text (`_lead_part_above`), after its own text
    (each cut read on the drafts as assembled; a part moves one article down, never on with the next cut)."""
    if len(drafts) > 1 and _lead_part_above(drafts[0], drafts[1]):
        drafts = [Draft([*drafts[1].units, *drafts[0].units], drafts[1].headline), *drafts[2:]]
    cuts = [_part_above(p, d) for p, d in zip(drafts, drafts[1:], strict=False)]
    out: list[Draft] = []
    moved: list[Unit] = []
    for d, k in zip(drafts, [*cuts, 0], strict=False):
        own = d.units[:k] if k else d.units
        out.append(Draft([*own, *moved], d.headline))
        moved = d.units[k:] if k else []
    return out


@dataclass(frozen=True)
class Assembly:
    """The page read as items: drafts in reading order, the direction, and every unit as relabelled (in
    printed order: the drafts' units plus the captions and furniture no draft holds)."""

    drafts: list[Draft]
    forward: bool
    units: list[Unit]


def assemble(units: list[Unit], given: bool = False, opens: frozenset[int] = frozenset()) -> Assembly:
    """Pass 5: the page's items as drafts (headline group + units in reading order), read in the direction
    the headlines' words (or, failing them, the fewer contradictions) give. `given`: the units' kinds were
    read from outside (`splitter.given_kinds`), and `opens` holds the starts of the heading lines that reading
    opens items at: a group holding one heads an item, never a subhead (the reading gives subheads as such)."""
    seq = _group(units, given)
    forward = reads_forward(seq) if DIRECTION is None else DIRECTION
    drafts, loose = _assemble(seq, forward, given, opens)
    if forward:
        drafts = parts_above_headlines(drafts)
    placed = {u.pos: u for d in drafts for u in d.units}
    placed.update((u.pos, u) for d in drafts if d.headline for u in d.headline.units)
    placed.update(loose)
    return Assembly(drafts, forward, [placed.get(u.pos, u) for u in units])
