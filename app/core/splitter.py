"""The automatic split: from a page's text to items with roles, as a careful editor would read the page.

`layout.read_units` reads the lines into units (headings, bylines, paragraphs, captions, furniture, ads),
`assembly.drafts_of` puts them together into items, reading headlines before or after their bodies; this
module turns the drafts into the page model: headline roles (section, kicker, title, subtitle), captions and
banners to the item they sit in or follow, ads and furniture as items of their own.
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import os
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from . import roles
from .assembly import (
    TOPIC_CHARS,
    Assembly,
    Group,
    assemble,
    char_pairs,
    heading_runs_on,
    is_banner_line,
    para_text,
)
from .bands import reading_order
from .layout import (
    AD,
    BYLINE,
    CAPTION,
    FURN,
    HEAD,
    PARA,
    SECTION,
    SUBHEAD,
    Ln,
    Unit,
    UnitKind,
    is_advertiser,
    line_units,
    read_lines,
)
from .loading import SourcePage
from .page import Block, Item, Kind, Page, Role, Span

if TYPE_CHECKING:
    from .profile import Profile
    from .splitmodel import SplitModel

TITLE_WRAP_WIDTH = 26  # cells two headline lines together exceed when they are one title wrapped
# two headline lines of one width (within this slack, in cells) and at least this wide are one title wrapped
# at its measure: a kicker is seldom exactly as wide as its title's first line
TITLE_MEASURE_SLACK = 0.5
TITLE_MEASURE_MIN = 8
DEFAULT_METHOD = "rules"  # "learned" once the model beats the rules on held-out pages


_TAG = re.compile(r"[（(]([^（）()]{2,30})[）)]")
LABEL_MIN_CHARS = 4  # a heading line this long printed twice is a column's or series' label, not a kicker


def page_labels(assembly: Assembly) -> frozenset[str]:
    """The column and series labels a page shows by printing them more than once: a heading line printed
    again over another item's title, or naming the column in brackets at the end of a title on the page
    (统筹抓好改革发展稳定各项工作 over one title, …平价菜（统筹抓好改革发展稳定各项工作） another). A kicker belongs
    to its one title and is not repeated (three typeset draws: 32 such lines, all labels)."""
    heads = [u for u in assembly.units if u.kind in (HEAD, SUBHEAD, SECTION, FURN)]
    counts = collections.Counter("".join(u.text.split()) for u in heads if len(u.lines) == 1)
    labels = {t for t, n in counts.items() if n >= 2 and len(t) >= LABEL_MIN_CHARS}
    for d in assembly.drafts:
        if d.headline:
            text = "".join("".join(u.text.split()) for u in d.headline.units if u.kind == HEAD)
            labels.update(t for t in _TAG.findall(text) if len(t) >= LABEL_MIN_CHARS)
    return frozenset(labels)


# a line over a title names its article as the title does, or names the column the article is printed in: the
# words of a kicker come back in the article's opening (赵乐际在天津调研时强调, 沈大高速公路), a column's label's
# seldom (一线抗疫群英谱, 来自疫情防控一线的报道, 大使随笔). Where the title's own character pairs come back in the
# opening at least `TITLE_NAMED_SHARE` (so the opening tells), a line of one phrase over it whose pairs come back
# less than `LABEL_NAMED_SHARE` is the item's section (typeset pages, four draws, one-phrase lines not shaped as a
# label: 20 sections and 4 kickers below 0.2, 12 kickers and 4 sections from 0.2 to 0.3; a line of two phrases,
# 绷紧“防疫弦” 织密“健康网”, is a kicker's form, as a real city paper prints them over a title its words do not
# name); a label-shaped line (`roles.is_column_label`, no middle dot) whose pairs come back at least
# `KICKER_NAMED_SHARE` names the article, a kicker (14 kickers, 1 section); and so does a line of a kicker
# wrapped over two or more (韩正在全国…动员 / 电视电话会议上强调), which is no section over it
TITLE_NAMED_SHARE = 0.3
LABEL_NAMED_SHARE = 0.2
KICKER_NAMED_SHARE = 0.75
PAIRED_LABEL_NAMED_SHARE = 0.0  # a line of two phrases over a kicker and a title is the column's label only where
# the opening names none of its pairs (0.15 lost more headlines than it gained: 一方有难 八方支援's 支援 comes back)


_PHRASES = re.compile(r"[\s，,；;]+")


def _named(units: list[Unit], opening: frozenset[str]) -> float | None:
    """The share of these heading lines' character pairs that come back in the article's opening (None: too
    few pairs, or no opening, to tell)."""
    pairs = char_pairs("".join(u.text for u in units))
    if len(pairs) < 2 or not opening:
        return None
    return len(pairs & opening) / len(pairs)


def _column_label_over(line: Unit, title: list[Unit], labels: frozenset[str], opening: frozenset[str],
                       runs_below: int = 1, right_under: list[Unit] | None = None) -> bool:
    """Is `line`, printed on its own over the title lines `title`, the label of the item's column or series
    rather than its kicker: shaped as a label, printed as one elsewhere on the page, or naming nothing of the
    article whose opening names its title? Not set right over a title closing on its column's name in brackets,
    no blank line between (`right_under`, the heading under it: 健全乡村治理 / 维护农村稳定（政策解读·聚焦中央一号
    文件④）): that title names its column itself, and the line over it is its kicker or its first line (typeset
    pages, eight draws: 26 such label-shaped lines are the headline's, none a section or the page's label; with a
    blank line between, 33 are the page's label), unless the page prints it as a label elsewhere."""
    text = line.text.strip()
    if "".join(text.split()) in labels:
        return True
    under = title if right_under is None else right_under
    if under and not under[0].lines[0].blank_before and roles.is_tagged_title("".join(u.text.strip() for u in under)):
        return False
    named = _named([line], opening)
    if roles.is_column_label(text):
        return not (named is not None and named >= KICKER_NAMED_SHARE and "·" not in text)
    if text.endswith(KICKER_ENDS) or named is None:
        return False
    told = _named(title, opening)
    if told is None or told < TITLE_NAMED_SHARE:
        return False
    if len(_PHRASES.split(text)) > 1:
        # two phrases, 绷紧“防疫弦” 织密“健康网”, are a kicker's form, as a city paper prints them, unless a
        # kicker and a title follow and the opening names none of the line's words (应收尽收 刻不容缓 / 救治患者，
        # 展现中国速度与力量 / 武汉方舱医院的5个动人故事: a column's label)
        return runs_below >= 2 and named <= PAIRED_LABEL_NAMED_SHARE
    return named < LABEL_NAMED_SHARE


def _names_article(run: list[Unit], opening: frozenset[str]) -> bool:
    """Does a heading run over the kicker name the article (a line of the kicker wrapped), not a column?"""
    named = _named(run, opening)
    return named is not None and named >= LABEL_NAMED_SHARE and not (
        len(run) == 1 and roles.is_column_label(run[0].text) and named < KICKER_NAMED_SHARE)


def _headline_roles(group: Group, labels: frozenset[str] = frozenset(),
                    opening: frozenset[str] = frozenset()) -> list[tuple[Unit, Role]]:
    """The roles of a headline group's lines; `opening` is the character pairs of its article's opening."""
    heads = [u for u in group.units if u.kind == HEAD]
    out: list[tuple[Unit, Role]] = []
    sections = [u for k, u in enumerate(heads)
                if is_banner_line(heads, k) and len(heads) > 1 and not roles.is_subtitle(u.text)]
    rest = [u for u in heads if u not in sections]
    subtitle_at = next((k for k, u in enumerate(rest) if k > 0 and roles.is_subtitle(u.text)), None)
    main = rest[:subtitle_at] if subtitle_at is not None else rest
    subs = rest[subtitle_at:] if subtitle_at is not None else []
    # a label the page prints over other titles too heads the group as its section, however the next line
    # would run on from it (患难见真情 共同抗疫情 / 图片报道)
    while len(main) > 1 and len(main[0].lines) == 1 and "".join(main[0].text.split()) in labels:
        sections.append(main.pop(0))
    for u in sections:
        out.append((u, Role.SECTION))
    # lines that carry one another on are one heading (a title wrapped over two or three lines)
    runs: list[list[Unit]] = []
    for u in main:
        if runs and not roles.is_kicker(runs[-1][-1].text) and _title_continues(runs[-1], u):
            runs[-1].append(u)
        else:
            runs.append([u])
    if len(runs) >= 2 and len(runs[0]) == 1 and len(runs[0][0].lines) == 1 and _column_label_over(
            runs[0][0], [u for run in runs[1:] for u in run], labels, opening, len(runs) - 1, runs[1]):
        out.append((runs[0][0], Role.SECTION))  # a column label over the headline, not its kicker
        runs = runs[1:]
    runs = _kicker_and_title(runs)
    kicker_from = len(runs) - 2
    if (len(runs) >= 3 and len(runs[-2]) == 1 and len(runs[-2][0].lines) == 1
            and roles.is_column_label(runs[-2][0].text) and _column_label_over(runs[-2][0], runs[-1], labels, opening)
            and not any(_names_article(run, opening) for run in runs[:-2])):
        # a column's label right over the title, under the lines of another article's headline printed after
        # its body (胡春华强调… / 确保实现… / 人民论坛 / 人民军队为人民): the label is the section, no kicker
        kicker_from = len(runs) - 1
    while 0 < kicker_from < len(runs) - 1 and _names_article(runs[kicker_from - 1], opening):
        kicker_from -= 1  # (a kicker wrapped over lines of its own)
    for run in runs[:max(0, kicker_from)]:
        out += [(u, Role.SECTION) for u in run]
    if len(runs) >= 2:
        out += [(u, Role.KICKER) for run in runs[kicker_from:-1] for u in run]
    out += [(u, Role.TITLE) for u in runs[-1]] if runs else []
    out += [(u, Role.SUBTITLE) for u in subs]
    out += [(u, Role.BYLINE) for u in group.units if u.kind == BYLINE]
    return out


KICKER_ENDS = roles.KICKER_ENDS
PARALLEL_TITLE_SLACK = 2  # cells two halves of a parallel title (一手抓防控 / 一手抓发展) differ at most


def _kicker_and_title(runs: list[list[Unit]]) -> list[list[Unit]]:
    """Three headings or more: which is the kicker? One that ends as a kicker ends (——, ：) leads into the
    title below it, whatever the lines under it (an earlier line is a banner over it); two last lines of
    one measure are a title in two parallel halves (灌满奶瓶子 / 充实菜篮子) under their kicker. Returns the
    runs with the title's lines as one, so that the last is the title, the one before the kicker and any
    before it sections."""
    if len(runs) <= 2:
        return runs
    marked = [k for k, run in enumerate(runs[:-1]) if run[-1].text.rstrip().endswith(KICKER_ENDS)]
    if marked:
        k = marked[-1]
    else:
        w1, w2 = runs[-2][-1].lines[-1].width, runs[-1][0].lines[0].width
        if len(runs[-2]) > 1 or len(runs[-1]) > 1 or abs(w1 - w2) > PARALLEL_TITLE_SLACK:
            return runs
        k = len(runs) - 3
    return [*runs[:k + 1], [u for run in runs[k + 1:] for u in run]]


def _title_continues(run: list[Unit], second: Unit) -> bool:
    """A two-line title: the second line carries on the first (获评… after …基地). Two long lines are one
    title wrapped when the first is the wider and the break cuts a word; a long kicker over a shorter title
    (一月份民营企业进出口两位数增长 / 进出口稳中提质态势好) ends on a whole word."""
    first = run[-1]
    if roles.is_subtitle(second.text) or " " in first.text.strip() or "　" in first.text.strip():
        return False
    w1, w2 = first.lines[-1].width, second.lines[0].width  # (the lines either side of the break)
    wrapped = w1 >= w2 and (w1 + w2 > TITLE_WRAP_WIDTH and roles.joins_a_word(first.text, second.text)
                            or roles.cuts_a_word(first.text, second.text))
    # both lines fill one measure (a kicker's closing dash ends it: 广西对口支援湖北十堰——)
    measure = (abs(w1 - w2) <= TITLE_MEASURE_SLACK and w1 >= TITLE_MEASURE_MIN
               and not first.text.rstrip().endswith(("—", "-", "－")))
    return (wrapped or measure or roles.starts_mid_sentence(second.text)
            or roles.unbalanced("".join(u.text for u in run)))


def split_page(source: SourcePage | tuple[str, str], model: SplitModel | str | os.PathLike[str] | None = None,
               method: str | None = None) -> Page:
    """Split one page's text into items and furniture (an immutable Page).

    `method` "learned" labels the page's pieces with `model` (a SplitModel or a model file's path; default:
    the shipped model), "rules" runs the
    hand-written passes; by default the learned split when NEWSDESK_SPLIT is "learned", else the rules.
    A model that cannot be used falls back to the shipped one, and that to the rules: a split never fails
    on a bad model and never loses a character."""
    name, text = (source.name, source.text) if isinstance(source, SourcePage) else source
    method = method or ("learned" if model is not None else os.environ.get("NEWSDESK_SPLIT", DEFAULT_METHOD))
    if method == "learned":
        from .projectmodel import cached_file
        from .splitmodel import ModelError, label_page, shipped_model

        for candidate in (model, None):
            try:
                if isinstance(candidate, str | os.PathLike):
                    candidate = cached_file(os.fspath(candidate))  # a split model or a project model file
                return label_page(name, text, candidate or shipped_model())
            except ModelError:
                continue
    return rule_split(name, text)


def rule_split(name: str, text: str, profile: Profile | None = None,
               kinds: Mapping[int, UnitKind] | None = None, opens: frozenset[int] = frozenset()) -> Page:
    """The hand-written rule passes alone, with a paper's profile of their parameters in force if given
    (`app.core.profile`; every rule split holds the profile's lock, so none sees another's values). With
    `kinds` (a line's start -> what it is, read from outside: `given_kinds`), the rules assemble the items
    from those lines' kinds instead of the ones their own passes gave them, and a heading group holding a
    line of `opens` (the heading lines that reading opens an item at: `label_opens`) heads an item."""
    from .profile import applied

    with applied(profile):
        units, rank = rule_units(text)
        if kinds:
            units = given_kinds(units, kinds)
        return to_page(name, text, assemble(units, given=bool(kinds), opens=opens), rank)


# what a learned label's role makes a line for the rules' assembly (HCONT: the kind of the line above). A
# subhead given is no heading the assembly may open an item at: it is kept aside, as a caption is, and goes
# to the item it follows (five typeset papers, 10 pages learnt from, 20 test pages: article F1 0.829, 0.793,
# 0.647, 0.425, 0.958 with subheads given as headings for the assembly to place; 0.843, 0.775, 0.693, 0.460,
# 0.974 kept aside)
LABEL_KINDS = {"TITLE": HEAD, "KICKER": HEAD, "SUBTITLE": HEAD, "SECTION": HEAD, "SUBHEAD": SUBHEAD,
               "BYLINE": BYLINE, "CAPTION": CAPTION, "CAPCONT": CAPTION, "CREDIT": CAPTION, "BODY": PARA,
               "CONT": PARA, "FURNITURE": FURN, "AD": AD}


def label_kinds(starts: Sequence[int], labels: Sequence[str]) -> dict[int, UnitKind]:
    """Each line's kind from the labels of its first piece (`starts[k]`: the start of the line of piece k,
    or None for a piece that is not the first of its line)."""
    out: dict[int, UnitKind] = {}
    last = PARA
    item: list[int] = []  # the lines of the item in hand (since the last label opening or resuming one)
    for start, label in zip(starts, labels, strict=True):
        kind = LABEL_KINDS.get(label.rpartition("_")[2] if label != "HCONT" else "", last)
        if label.startswith(("B_", "R_")):
            item = []
        elif kind == AD:  # an ad's name over its lines is the ad's, not a headline (`to_page._ad_items`)
            out.update((s, AD) for s in item if out[s] == HEAD)
        last = kind
        if start is not None:
            out[start] = kind
            item.append(start)
    return out


def label_opens(starts: Sequence[int | None], labels: Sequence[str]) -> frozenset[int]:
    """The heading lines whose first piece's label opens or resumes an item (B_TITLE, R_KICKER...)."""
    return frozenset(start for start, label in zip(starts, labels, strict=True) if start is not None
                     and label.startswith(("B_", "R_")) and LABEL_KINDS.get(label[2:]) == HEAD)


def given_kinds(units: list[Unit], kinds: Mapping[int, UnitKind]) -> list[Unit]:
    """The units with the kinds given for their lines (by a line's start): a unit whose lines are all given
    its own kind (or none) stays as it is; one whose lines are given other kinds is cut where the kind
    changes, each part of the kind given (a series banner, SECTION, stays one where its lines are given
    HEAD). Every span stays in exactly one unit."""
    out: list[Unit] = []
    for u in units:
        own = HEAD if u.kind == SECTION else u.kind
        given = [kinds.get(ln.start, own) for ln in u.lines]
        if all(k == own for k in given):
            out.append(u)
            continue
        parts: list[tuple[UnitKind, list[Ln]]] = []
        part_of: list[int] = []
        for ln, k in zip(u.lines, given, strict=True):
            if not parts or parts[-1][0] != k:
                parts.append((k, []))
            parts[-1][1].append(ln)
            part_of.append(len(parts) - 1)
        if len(parts) == 1:
            out.append(u.as_kind(parts[0][0]))
            continue
        spans: list[list[Span]] = [[] for _ in parts]
        for sp in u.spans:  # (a span lies inside one line: its start, or a cut in it, to the line's end)
            at = next(j for j, ln in enumerate(u.lines) if ln.start <= sp[0] <= ln.end)
            spans[part_of[at]].append(sp)
        for n, (k, lns) in enumerate(parts):
            if spans[n]:
                out.append(Unit(k, tuple(lns), tuple(spans[n]), u.lead and n == 0,
                                u.end_marker and n == len(parts) - 1, u.opening and n == 0))
    return out


def rule_units(text: str) -> tuple[list[Unit], dict[int, int] | None]:
    """The rule passes up to `banners`: `layout.read_units` on the lines in reading order (two articles
    printed side by side, extracted chunk by chunk, are read one after the other: `bands.reading_order`),
    and each line's place in that order by its start where it is not the page's (else None)."""
    read = read_lines(text)
    lines = reading_order(read)
    units = dashed_kickers(line_units(lines))
    rank = None if lines is read else {ln.start: k for k, ln in enumerate(lines)}
    return banners(units), rank


# lines a kicker read as a paragraph may wrap over: a longer one is text (a paragraph announcing a list——)
DASHED_KICKER_LINES = 2
_STATEMENT_ENDS = ("。", "…", ".", "；", ";")


def dashed_kickers(units: list[Unit]) -> list[Unit]:
    """A short paragraph ending on a dash right over a heading, no blank line between (去年我国城镇新增就业
    1361万人，连续第六年超过1 / 300万人—— / 措施有力就业稳), is the headline's kicker, wrapped: its commas and width
    made it read as text, but a dash leads into the line under it, and text never runs on into a heading.
    Not over a line closing a statement (。, ……: a quotation the dash leads into, read as a heading, as in
    …攻坚克难—— / “我志愿加入中国共产党，拥护党的纲领……”).
    It becomes one heading of its lines (five typeset draws: 22 such paragraphs of at most
    `DASHED_KICKER_LINES` lines were kickers, 3 body text, 1 a title)."""
    out = list(units)
    for k, u in enumerate(units[:-1]):
        nxt = units[k + 1]
        if (u.kind != PARA or u.lead or u.opening or u.end_marker or len(u.lines) > DASHED_KICKER_LINES
                or not u.lines[-1].text.rstrip().endswith(("——", "—")) or nxt.kind != HEAD
                or nxt.text.rstrip().rstrip(roles.CLOSERS).endswith(_STATEMENT_ENDS)
                or nxt.lines[0].blank_before or nxt.lines[0].idx != u.lines[-1].idx + 1
                or list(u.spans) != [(ln.start, ln.end) for ln in u.lines]
                or any(b.idx != a.idx + 1 for a, b in itertools.pairwise(u.lines))):
            continue
        out[k] = u.as_kind(HEAD)
    return out


def banners(units: list[Unit]) -> list[Unit]:
    """Labels, page banners and series banners among the headings: furniture, or an item's section."""
    units = _labels_apart(units)
    out = [u.as_kind(FURN) if u.kind == HEAD and (roles.is_label(u.text) and _at_page_top(units, k)
                                                 and not _over_its_title(units, k)
                                                 and not _over_its_text(units, k)
                                                 or roles.is_furniture(u.text)) else u
           for k, u in enumerate(units)]
    # a page-top banner: headings before anything else, one of them marking a series, are page furniture
    top = []
    for k, u in enumerate(out):
        if u.kind != HEAD:
            break
        top.append(k)
    if any(roles.is_series_banner(out[k].text) for k in top[:2]):
        marked = [k for n, k in enumerate(top[:2])
                  if roles.is_series_banner(out[k].text) or roles.is_subtitle(out[k].text) or n == 0]
        if len(marked) < len(top):  # ... over a headline of its own: else they are that article's headline
            for k in marked:
                out[k] = out[k].as_kind(FURN)
    for k, u in enumerate(out):
        if u.kind == HEAD and roles.is_series_banner(u.text) and not _in_group(out, k):
            out[k] = u.as_kind(SECTION)
    return out


def _labels_apart(units: list[Unit]) -> list[Unit]:
    """A heading of two lines or more whose first line the page prints as a heading of its own elsewhere (a
    column's label over another title, 患难见真情 共同抗疫情) is that label over a heading of its own (图片报道),
    however the two lines would run on: the unit is cut after its first line (where no span runs across)."""
    alone = {"".join(u.text.split()) for u in units if u.kind == HEAD and len(u.lines) == 1}
    out: list[Unit] = []
    for u in units:
        first = "".join(u.lines[0].text.split())
        cut = u.lines[1].start if u.kind == HEAD and len(u.lines) > 1 else None
        if cut is None or first not in alone or len(first) < LABEL_MIN_CHARS or any(a < cut < b for a, b in u.spans):
            out.append(u)
            continue
        out += [dataclasses.replace(u, lines=u.lines[:1], spans=tuple(sp for sp in u.spans if sp[0] < cut)),
                dataclasses.replace(u, lines=u.lines[1:], spans=tuple(sp for sp in u.spans if sp[0] >= cut))]
    return out


def _at_page_top(units: list[Unit], k: int) -> bool:
    """Does the short label at k stand where a page's label does: in the page's top, nothing before it but
    furniture, other labels or the page's first block (理论 under A08 绍兴都市报, 快讯 under A13科技), and
    not over a byline (a byline opens an article: 担当 / 记者 施芳 is that article's title)? Down the page,
    after an item and apart from the heading above, a short heading is an item's title (微阅读, 滚元宵, 建议).
    A heading's short last line wrapped under it (…公开招聘应届高校毕业生 / 公告) is left as furniture, as
    before: read as a heading of its own it split its title's item."""
    if k + 1 < len(units) and units[k + 1].kind == BYLINE:
        return False
    if k > 0 and units[k - 1].kind == HEAD and units[k - 1].lines[-1].chunk == units[k].lines[0].chunk:
        return True
    return all(u.kind == FURN or u.lines[0].chunk == 0 or (u.kind == HEAD and roles.is_label(u.text))
               for u in units[:k])


def _over_its_title(units: list[Unit], k: int) -> bool:
    """Is the short label at k printed right over a heading (no blank line between), as a column label
    over its title (新语 / 自觉堵住思想上的“病变”)? A page's label stands apart, or over other furniture."""
    if k + 1 >= len(units):
        return False
    nxt = units[k + 1]
    return (nxt.kind == HEAD and nxt.lines[0].chunk == units[k].lines[-1].chunk
            and not (roles.is_label(nxt.text) or roles.is_furniture(nxt.text)))


def _over_its_text(units: list[Unit], k: int) -> bool:
    """Is the short heading at k printed right over body text (no blank line between), as a short title
    (建议, 身边事) over its article's opening? A page's label stands apart from the text, or over a headline."""
    if k + 1 >= len(units) or k == 0:
        return False
    nxt = units[k + 1]
    return nxt.kind == PARA and nxt.lines[0].chunk == units[k].lines[-1].chunk


def _in_group(units: list[Unit], k: int) -> bool:
    near = [units[j] for j in (k - 1, k + 1) if 0 <= j < len(units)]
    return any(x.kind in (HEAD, BYLINE) for x in near)


def to_page(name: str, text: str, assembly: Assembly, rank: dict[int, int] | None = None) -> Page:
    """The page model of an assembled page: headline roles, captions and sections to the item they sit in
    or follow, ads and furniture as items of their own. `rank` gives each line's place in reading order (by
    its start) where that is not the page's order (`bands.reading_order`)."""
    drafts, forward, units = assembly.drafts, assembly.forward, assembly.units
    block_ids = itertools.count()
    labels = page_labels(assembly)
    owner: dict[int, int] = {}  # unit position -> draft index
    heads: set[int] = set()  # the positions of the headlines' units
    for d_i, d in enumerate(drafts):
        for u in d.units:
            owner[u.pos] = d_i
        if d.headline:
            for u in d.headline.units:
                owner[u.pos] = d_i
                heads.add(u.pos)
    blocks_of: list[list[tuple[Unit, Role]]] = [[] for _ in drafts]
    for d_i, d in enumerate(drafts):
        if d.headline:
            opening = char_pairs(para_text(d.units)[:TOPIC_CHARS])
            blocks_of[d_i] += _headline_roles(d.headline, labels, opening)
        for u in d.units:
            role = {PARA: Role.BODY, SUBHEAD: Role.SUBHEAD, BYLINE: Role.BYLINE, HEAD: Role.SUBHEAD,
                    FURN: Role.FURNITURE}.get(u.kind, Role.BODY)
            held = blocks_of[d_i]
            if role is Role.SUBHEAD and held and held[-1][1] is Role.SUBHEAD and wraps_on(held[-1][0], u):
                held[-1] = (dataclasses.replace(held[-1][0], lines=held[-1][0].lines + u.lines,
                                                spans=held[-1][0].spans + u.spans), role)
                continue  # one subhead wrapped over two lines: one block
            held.append((u, role))
    furniture: list[Unit] = []
    ads: list[Unit] = []
    # captions, sections and loose units go to the item they sit in or follow
    ordered = sorted(units, key=lambda u: u.pos if rank is None else (rank[u.lines[0].start], u.pos))
    owned_before: list[int | None] = []
    last = None
    for u in ordered:
        owned_before.append(last)
        if u.pos in owner and u.kind != FURN:
            last = owner[u.pos]
    owned_after: list[int | None] = [None] * len(ordered)
    last = None
    for k in range(len(ordered) - 1, -1, -1):
        owned_after[k] = last
        if ordered[k].pos in owner and ordered[k].kind != FURN:
            last = owner[ordered[k].pos]
    over_headline = _captions_over_headline(ordered, owner, heads) if forward else set()
    for k, u in enumerate(ordered):
        if u.pos in owner and u.kind != FURN:
            continue
        if u.kind == FURN:
            furniture.append(u)
            continue
        if u.kind == AD:
            ads.append(u)
            continue
        first, second = owned_before[k], owned_after[k]
        if u.kind == SECTION and forward:
            first, second = second, first
        target = first if first is not None else second
        if u.pos in over_headline and second is not None:
            target = second  # a caption set apart from the text above, right over the next article's headline
        if target is None:
            furniture.append(u)
            continue
        role = {SECTION: Role.SECTION, CAPTION: Role.CAPTION, SUBHEAD: Role.SUBHEAD}.get(u.kind, Role.BODY)
        owner[u.pos] = target
        if role is Role.SECTION:
            blocks_of[target].insert(0, (u, role))
        else:
            blocks_of[target].append((u, role))
    items: list[Item] = []
    next_item = itertools.count()
    for entries in blocks_of:
        entries = [(u, r) for u, r in entries if u.kind != FURN or r is not Role.FURNITURE]
        if not entries:
            continue
        blocks = tuple(Block(next(block_ids), r, tuple(u.spans)) for u, r in entries)
        kind = _kind(text, entries)
        items.append(Item(next(next_item), kind, blocks))
    for ad in _ad_items(ads):
        items.append(Item(next(next_item), Kind.AD, tuple(
            Block(next(block_ids), Role.TITLE if n == 0 else Role.AD, tuple(u.spans)) for n, u in enumerate(ad))))
    for run in _furniture_runs(text, furniture):
        spans = tuple(sp for u in run for sp in u.spans)
        items.append(Item(next(next_item), Kind.FURNITURE, (Block(next(block_ids), Role.FURNITURE, spans),)))
    items.sort(key=lambda it: it.start)
    return Page(name, text, tuple(items))


def _captions_over_headline(ordered: list[Unit], owner: dict[int, int], heads: set[int]) -> set[int]:
    """The captions (by position) of each block of caption lines that a blank line sets apart from what stands
    above it and that stands right over a headline, no blank line between (…的重要保障。 / (blank) / 2月5日，在…。 /
    （王三 摄） / 城区新建口袋公园): on a page whose headlines head the text under them, the photo is that article's."""
    out: set[int] = set()
    for m, head in enumerate(ordered):
        if head.pos not in heads or head.lines[0].blank_before:
            continue
        k = m - 1
        block: list[int] = []
        while k > 0 and ordered[k].kind == CAPTION and ordered[k].pos not in owner:
            block.append(ordered[k].pos)
            if ordered[k].lines[0].blank_before:
                out.update(block)
                break
            k -= 1
    return out


def wraps_on(a: Unit, b: Unit) -> bool:
    """Does subhead b carry on subhead a's last line, the two one subhead wrapped at a line break? A feature's
    subhead stands apart from the text around it, so two subhead lines right under one another in one block of
    lines are one subhead, whatever the break (让患者尽 / 快用上中药, 深化“ / 中国故事”的内涵, 大数据指导施肥、 /
    灌溉和种植, 对孩子 / 做好家庭教育). (Two headings that are not one are another item's headline lines, or a
    section over its title, which are never two subheads of one item.) In a band's article (`Ln.held`), a subhead
    wrapped at a chunk switch goes on in the article's next chunk: there, b carries on a's words."""
    last, first = a.lines[-1], b.lines[0]
    return last.chunk == first.chunk or last.held == first.held != -1 and heading_runs_on(last.text, first.text)


def _kind(text: str, entries: list[tuple[Unit, Role]]) -> Kind:
    title = "".join(u.text for u, r in entries if r in (Role.TITLE, Role.KICKER))
    if any(w in title for w in roles.NOTICE_WORDS):
        return Kind.NOTICE
    body_chars = sum(len(u.text) for u, r in entries if r is Role.BODY)
    if any(r is Role.SUBHEAD for _, r in entries) or (body_chars > 1800 and any(
            r is Role.SUBTITLE for _, r in entries)):
        return Kind.FEATURE
    return Kind.NEWS


def _ad_items(ads: list[Unit]) -> list[list[Unit]]:
    """Split an ad region into advertisements: a brand line or an advertiser's name (…有限公司, …大学) after a
    contact line starts a new one."""
    out: list[list[Unit]] = []
    seen_contact = False
    for u in sorted(ads, key=lambda u: u.pos):
        new = not out or (seen_contact and (roles.is_brand_line(u.text) or is_advertiser(u.text)))
        if new:
            out.append([])
            seen_contact = False
        out[-1].append(u)
        seen_contact = seen_contact or roles.is_contact_line(u.text)
    if len(out) > 1 and len(out[-1]) == 1:
        last = out.pop()
        out[-1] += last
    return out


def _furniture_runs(text: str, furniture: list[Unit]) -> list[list[Unit]]:
    """Furniture lines printed one right under the other (a two-line page banner) are one block."""
    runs: list[list[Unit]] = []
    for u in sorted(furniture, key=lambda u: u.pos):
        if runs:
            gap = text[runs[-1][-1].spans[-1][1]:u.spans[0][0]]
            if not gap.strip() and len(gap.replace("\r\n", "\n").replace("\r", "\n").split("\n")) <= 2:
                runs[-1].append(u)
                continue
        runs.append([u])
    return runs
