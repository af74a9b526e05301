"""Papers: one newspaper's constants drawn once from a seed, and its pages printed with them.

A layout family draws a new column width, headline direction, byline form and page furniture for every
page it prints, so its pages are many papers at once. A real paper is consistent: one column width and
indent, one way of printing its headlines, one byline form, one caption credit form, the same masthead line
(its name, the date and page number in one form), the same editors' credit line at the foot, a few column
labels and series banners of its own. `draw_paper(family, seed, pools)` draws such a paper from a family:
the family's `Style` with each per-page draw fixed to one value, and a `Masthead` (the paper's name, its
furniture templates, page names, editors, labels and banners, drawn once from the corpus's own text).
`paper_pages` prints a month of the corpus as that paper's pages; the same paper, month and seed always
give the same pages. A paper can be drawn with one month's pools and print any month: learning a paper
reads its pages of one month and is tested on another.

Nothing here changes what the families print: a family's `Style` has no masthead, and the printer takes
the paper's constants only where a style carries one.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .corpus import CorpusPage, Pools, load_month
from .families import Style, style_for
from .printer import PAGE_NAMES, WEEKDAYS, Typeset, _pick, typeset_page

# the masthead line's layouts ({paper}, {day}, {weekday}, {code}, {name}: the page's name), as families print
# them (printer.Printer.top_furniture); a paper prints one of them on every page
TOP_LAYOUTS = (
    ("{paper}", "{day} {weekday}", "{code}", "{name}"),
    ("{paper} {day} {weekday}", "{code} {name}"),
    ("{day} {weekday}", "{name}"),
    ("{code}  {name}  {day}  {weekday}",),
    ("{name}", "{code} {paper}"),
)
DAY_FORMS = ("{y}年{m}月{d}日", "{y}年{m:02d}月{d:02d}日")
WEEKDAY_FORMS = ("星期", "周")
CODE_FORMS = ("第{p}版", "A{p:02d}", "第 {p} 版", "{p:02d}")
BOTTOM_FORMS = ("责任编辑：{a}", "责任编辑：{a} {b} 美编：{c}", "本版责编：{a} {b}", "责任编辑 {a} 美术编辑 {b}",
                "本版编辑：{a}  版式设计：{b}", "责编：{a}  校对：{b}")
PAGE_NAME_POOL = (2, 4)  # how many page names (要闻, 综合...) a paper's pages carry
EDITOR_TEAMS = (1, 3)  # how many teams of editors sign its pages
LABEL_POOL = (2, 4)  # its own column labels (printed as a section line, or in the title's parentheses)
BANNER_POOL = (1, 3)  # its own series banners over a page's items
LABEL_SHARE = (0.15, 0.4)  # the share of its articles under one of its column labels
TOP_SHARE = 0.8  # the chance a paper's pages carry its masthead line (else none do)
BOTTOM_SHARE = 0.6  # ... and its editors' credit line


@dataclass(frozen=True)
class Masthead:
    """A paper's page furniture and names, drawn once: its masthead line, its editors' credit line, the
    names its pages carry, its column labels and banners."""

    paper: str
    top: tuple[str, ...]  # the masthead line's layout (TOP_LAYOUTS), empty when its pages print none
    day: str
    weekday: str
    code: str
    page_names: tuple[str, ...]
    bottom: str  # the credit line's form (BOTTOM_FORMS), empty when its pages print none
    editors: tuple[tuple[str, str, str], ...]
    labels: tuple[str, ...]
    label_share: float
    banners: tuple[str, ...]

    def top_lines(self, page: CorpusPage, rng: random.Random) -> list[str]:
        import datetime as dt

        date = dt.date.fromisoformat(page.date)
        fields = {"paper": self.paper, "day": self.day.format(y=date.year, m=date.month, d=date.day),
                  "weekday": self.weekday + WEEKDAYS[date.weekday()], "code": self.code.format(p=page.page),
                  "name": rng.choice(self.page_names)}
        return [line.format(**fields) for line in self.top]

    def bottom_line(self, rng: random.Random) -> str:
        a, b, c = rng.choice(self.editors)
        return self.bottom.format(a=a, b=b, c=c)


@dataclass(frozen=True)
class Paper:
    """A paper: the style of every one of its pages, and its masthead."""

    key: str  # names its pages (`2019-02_<key>_0003.txt`)
    family: str  # the layout family it was drawn from
    style: Style


def _fixed(rng: random.Random, share: float) -> float:
    """A per-page chance made a per-paper constant: always or never."""
    return 1.0 if rng.random() < share else 0.0


def _names(rng: random.Random, pool: list[str], k: int, fallback: str) -> tuple[str, ...]:
    picked = rng.sample(pool, min(k, len(pool))) if pool else []
    return tuple(picked) or (fallback,)


def draw_paper(family: str, seed: int, pools: Pools) -> Paper:
    """A paper of `family` drawn from `seed`: the family's style with its per-page draws fixed (column
    width and indent, blank lines between paragraphs and around headlines, full- or half-width, line
    endings, hanging punctuation, headline direction, one byline form, one caption credit form, spaced
    names, subtitle dashes, labels as section lines), and its masthead from the corpus's pools."""
    rng = random.Random(f"paper|{family}|{seed}")
    base = style_for(family, rng)
    width = rng.randint(*base.width)
    editors = [s for s in pools.reporters if 2 <= len(s) <= 3]
    places = [p for p in pools.places if 2 <= len(p) <= 3]
    paper = (rng.choice(places) + rng.choice(["日报", "晚报", "都市报"])) if places else "本市日报"
    label_pool = [b for b in pools.banners if 2 <= len(b) <= 8 and not b.startswith("—")]
    banner_pool = [b for b in pools.banners if 2 <= len(b) <= 12]
    masthead = Masthead(
        paper=paper,
        top=rng.choice(TOP_LAYOUTS) if rng.random() < TOP_SHARE else (),
        day=rng.choice(DAY_FORMS), weekday=rng.choice(WEEKDAY_FORMS), code=rng.choice(CODE_FORMS),
        page_names=tuple(rng.sample(PAGE_NAMES, rng.randint(*PAGE_NAME_POOL))),
        bottom=rng.choice(BOTTOM_FORMS) if rng.random() < BOTTOM_SHARE else "",
        editors=tuple((_names(rng, editors, 3, "编辑") * 3)[:3] for _ in range(rng.randint(*EDITOR_TEAMS))),
        labels=_names(rng, label_pool, rng.randint(*LABEL_POOL), "评论"),
        label_share=round(rng.uniform(*LABEL_SHARE), 2),
        banners=_names(rng, banner_pool, rng.randint(*BANNER_POOL), "专题"),
    )
    style = replace(
        base,
        family=f"paper-{family}-{seed}",
        width=(width, width), width_per_article=False,
        indent=(rng.choice(base.indent),),
        para_blank=_fixed(rng, base.para_blank),
        halfwidth=_fixed(rng, base.halfwidth), crlf=_fixed(rng, base.crlf), hang=_fixed(rng, base.hang),
        head_blank=_fixed(rng, base.head_blank),
        head_after=_fixed(rng, base.head_after),
        byline_with_head=_fixed(rng, base.byline_with_head),
        dash_subtitle=_fixed(rng, base.dash_subtitle),
        label_section=_fixed(rng, base.label_section),
        name_space=_fixed(rng, base.name_space),
        bylines={_pick(rng, base.bylines): 1.0},
        credits={_pick(rng, base.credits): 1.0},
        furniture_top=1.0 if masthead.top else 0.0,
        furniture_bottom=1.0 if masthead.bottom else 0.0,
        masthead=masthead,
    )
    return Paper(style.family, family, style)


PAPER_MONTH = "2019-02"  # the month whose pools a paper's names are drawn from (it prints any month)


def paper_of(family: str, seed: int, corpus: str | None = None) -> Paper:
    """The paper `draw_paper` draws from the pools of PAPER_MONTH: the same paper whatever month it prints."""
    return draw_paper(family, seed, load_month(PAPER_MONTH, corpus)[1])


def paper_pages(paper: Paper, month: str, pages: int, seed: int = 0,
                corpus: str | None = None) -> Iterator[Typeset]:
    """`pages` pages of `month` printed as `paper`'s, the corpus pages drawn in a seeded order."""
    corpus_pages, pools = load_month(month, corpus)
    if not corpus_pages:
        return
    order = list(range(len(corpus_pages)))
    random.Random(f"{month}|{paper.key}|{seed}").shuffle(order)
    for k in range(pages):
        page = corpus_pages[order[k % len(order)]]
        yield typeset_page(page, pools, paper.style, seed * 100003 + k, f"{month}_{paper.key}_{seed}_{k:04d}.txt")

