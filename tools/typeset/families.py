"""Layout families: named distributions over the ways a page's text comes out of a PDF or an OCR engine.

A family draws a `Style` for one page from a seeded random generator; the typesetter prints the page in
that style. Each family varies some options and keeps the rest at a plain default, so a benchmark can
leave whole families out of tuning and see how the split does on layouts it never saw.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

# byline forms (see printer.BYLINE_FORMS for what each prints)
PD_BYLINES = {"dateline": 6, "none": 1, "paper-reporter": 2, "paren-end": 1}
CITY_BYLINES = {
    "benbaoxun": 5, "box": 3, "paren-lead": 1, "paren-end": 1, "paren-glued": 1, "wen": 1, "diamond": 1,
    "zuozhe": 1, "plain": 1, "paper-reporter": 1, "dateline": 1, "none": 1,
}
CREDITS = {"none": 3, "inline": 2, "paren": 1, "reporter": 1, "next-line": 1}
CAPTION_PLACES = {"mid": 4, "before-head": 1, "after-body": 2, "neighbour": 1}


@dataclass(frozen=True)
class Style:
    """Every option the typesetter reads for one page."""

    family: str
    width: tuple[int, int] = (18, 22)  # column width in cells, drawn per page (or per article)
    width_per_article: bool = False
    indent: tuple[str, ...] = ("",)  # first-line indents to draw from, per page
    para_blank: float = 1.0  # chance of a blank line between two paragraphs (per page)
    one_para_a_line: bool = False
    para_columns: float = 0.0  # one paragraph a line: chance a page breaks paragraphs at column ends (blank lines)
    column_chars: tuple[int, int] = (150, 600)  # ... after this many characters of text
    double_spaced: bool = False
    column: tuple[int, int] = (12, 30)  # lines in a column before a break
    column_blank: float = 1.0  # chance a column break shows as a blank line
    crlf: float = 0.0
    stray: float = 0.0  # chance a body line gets a stray space
    halfwidth: float = 0.0
    hang: float = 0.7  # chance closing punctuation hangs (else it pulls a character down)
    head_after: float = 0.0  # chance an article's headline is printed after its body
    head_inside: float = 0.0  # chance it is printed inside the article before it
    head_middle: float = 0.0  # chance a long article's headline is printed inside its own body (intro below)
    byline_with_head: float = 0.7  # chance a byline under a headline printed after its body goes with it
    head_blank: float = 0.7  # chance of blank lines around a headline block
    head_width: tuple[int, int] = (12, 22)
    letter_space: float = 0.0  # chance a short title is letter-spaced
    dash_subtitle: float = 0.8  # chance a subtitle keeps (or gets) its ——
    label_section: float = 0.5  # chance a title's column label is printed above it as a section line
    bylines: dict[str, float] = field(default_factory=lambda: dict(PD_BYLINES))
    name_space: float = 0.0  # chance a two-character name in a byline line is printed `何 勇`
    captions: float = 0.0  # chance an article gets a photo caption from the pool
    caption_places: dict[str, float] = field(default_factory=lambda: dict(CAPTION_PLACES))
    credits: dict[str, float] = field(default_factory=lambda: dict(CREDITS))
    subhead_two_lines: float = 0.2
    furniture_top: float = 0.0
    furniture_bottom: float = 0.0
    jumps: float = 0.0  # chance an article carries a jump line (下转第X版 / 上接第X版)
    ads: tuple[int, int] = (0, 0)
    notice: float = 0.0
    interleave: float = 0.0  # chance two neighbouring articles are printed side by side
    briefs: float = 0.0  # chance an article is cut to a short item (简讯)
    max_articles: int = 8
    max_paras: int = 30  # a longer document is cut after this many paragraphs
    banner: float = 0.1  # chance of a series or column banner over the page's items (furniture)
    # a paper's own furniture, names, labels and banners (papers.Masthead), printed on each of its pages in
    # place of the family's draws; None for a family
    masthead: Any = None


Drawer = Callable[[random.Random], Style]


def _wrapped_headfirst(rng: random.Random) -> Style:
    return Style("wrapped-headfirst", width=(16, 24), indent=("", "", "　　", "  "),
                 column_blank=0.9, stray=0.05, furniture_top=0.3, furniture_bottom=0.2)


def _wrapped_headafter(rng: random.Random) -> Style:
    return Style("wrapped-headafter", width=(16, 24), head_after=0.85, column_blank=0.8, stray=0.05,
                 furniture_top=0.3)


def _one_para_a_line(rng: random.Random) -> Style:
    return Style("one-para-a-line", one_para_a_line=True, para_blank=rng.choice([0.0, 1.0, 1.0]),
                 para_columns=0.7, halfwidth=0.3, furniture_top=0.3, furniture_bottom=0.3, captions=0.35,
                 head_after=rng.choice([0.0, 0.2, 0.9]), bylines=dict(CITY_BYLINES) if rng.random() < 0.5
                 else dict(PD_BYLINES), head_middle=0.1)


def _city_paper(rng: random.Random) -> Style:
    return Style("city-paper", width=(16, 22), indent=("", "", "　　"), bylines=dict(CITY_BYLINES),
                 name_space=0.3, captions=0.45, stray=0.08, letter_space=0.3, furniture_top=0.6,
                 furniture_bottom=0.7, jumps=0.1, ads=(0, 2), notice=0.3, head_after=rng.choice([0.0, 0.15, 0.9]),
                 head_inside=0.05, head_middle=0.1, briefs=0.15, banner=0.3)


def _double_spaced(rng: random.Random) -> Style:
    return Style("double-spaced", width=(16, 26), double_spaced=True, para_blank=rng.choice([0.0, 1.0]),
                 indent=("", "　　"), stray=0.05, captions=0.2, furniture_top=0.3, head_after=0.2)


def _narrow_columns(rng: random.Random) -> Style:
    return Style("narrow-columns", width=(10, 15), width_per_article=True, column=(8, 20), head_width=(8, 14),
                 hang=0.5, captions=0.25, bylines=dict(CITY_BYLINES), furniture_bottom=0.3, stray=0.05)


def _wide_columns(rng: random.Random) -> Style:
    return Style("wide-columns", width=(28, 36), width_per_article=True, column=(10, 24),
                 head_width=(16, 30), captions=0.25, indent=("", "　　"), furniture_top=0.4)


def _indented(rng: random.Random) -> Style:
    return Style("indented", width=(16, 24), indent=("　　", "  "), para_blank=0.0, column_blank=0.0,
                 head_blank=0.3, stray=0.05, bylines=dict(CITY_BYLINES), captions=0.2, furniture_top=0.4)


def _interleaved(rng: random.Random) -> Style:
    return Style("interleaved", width=(12, 18), interleave=0.8, column_blank=0.5, captions=0.2,
                 furniture_top=0.3, bylines=dict(CITY_BYLINES))


def _crlf_halfwidth(rng: random.Random) -> Style:
    return Style("crlf-halfwidth", crlf=1.0, halfwidth=1.0, stray=0.15, width=(16, 24),
                 bylines=dict(CITY_BYLINES), captions=0.3, furniture_top=0.5, furniture_bottom=0.5)


def _briefs(rng: random.Random) -> Style:
    return Style("briefs", briefs=0.8, max_articles=12, para_blank=0.5, head_blank=0.2, width=(14, 22),
                 bylines=dict(CITY_BYLINES), furniture_top=0.3, ads=(0, 1))


def _scrambled(rng: random.Random) -> Style:
    return Style("scrambled", head_after=0.3, head_inside=0.3, head_middle=0.2, captions=0.5, jumps=0.25, width=(14, 22),
                 caption_places={"mid": 2, "before-head": 2, "after-body": 1, "neighbour": 3},
                 bylines=dict(CITY_BYLINES), furniture_top=0.3, furniture_bottom=0.3)


FAMILIES: dict[str, Drawer] = {
    "wrapped-headfirst": _wrapped_headfirst,
    "wrapped-headafter": _wrapped_headafter,
    "one-para-a-line": _one_para_a_line,
    "city-paper": _city_paper,
    "double-spaced": _double_spaced,
    "narrow-columns": _narrow_columns,
    "wide-columns": _wide_columns,
    "indented": _indented,
    "interleaved": _interleaved,
    "crlf-halfwidth": _crlf_halfwidth,
    "briefs": _briefs,
    "scrambled": _scrambled,
}


def style_for(family: str, rng: random.Random) -> Style:
    if family not in FAMILIES:
        raise KeyError(f"no layout family {family!r}; known: {', '.join(FAMILIES)}")
    return FAMILIES[family](rng)


def with_options(style: Style, **changes) -> Style:
    return replace(style, **changes)
