"""The typesetter: prints a corpus page's articles as PDF/OCR page text, and writes the gold beside it.

Each article becomes blocks (a title, a byline, a paragraph, a caption...) in reading order; each block is
printed as lines; the lines of all items are then laid out on the page (headline before or after the body
or inside the neighbour, captions mid-column, two articles side by side, page furniture) and joined into
the text. Because every printed line knows its item, role and block, the gold is read off the print: it
cannot disagree with the text. The gold's fields are computed from the printed lines with the app's own
reflow (`app.core.reflow`), as an editor's would be; the authors are the names the typesetter printed.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field, replace
from typing import Any

from app.core.bylines import split_credit
from app.core.page import Role, strip_span
from app.core.reflow import clean_heading, clean_paragraph, join_lines

from .corpus import Article, CorpusPage, Para, Pools
from .families import Style
from .wrap import HALF_WIDTH, letter_spaced, stray_spaces, width_of, wrap

WEEKDAYS = "一二三四五六日"
PAGE_NAMES = ("要闻", "综合", "国内", "国际", "评论", "理论", "经济", "社会", "文化", "体育", "副刊", "民生",
              "视点", "专版", "健康", "科技", "生态", "法治")
BRIEF_LABELS = ("简讯", "短讯", "快讯", "简明新闻")
AD_LEADS = ("咨询电话", "服务热线", "联系电话", "客服热线", "电话")
# an item's reading order: headline parts, the byline under them, the body, an end byline, the captions
PHASES = {"section": 0, "kicker": 0, "title": 0, "subtitle": 0, "byline": 1, "body": 2, "subhead": 2, "ad": 2,
          "caption": 4, "furniture": 2}


@dataclass
class PLine:
    """One printed line: its text and whose it is (item -1 is furniture; a blank line has item None)."""

    text: str
    item: int | None = None
    role: str = ""
    block: int = -1

    @property
    def blank(self) -> bool:
        return self.item is None


def blank() -> PLine:
    return PLine("")


@dataclass
class GoldBlock:
    """What the typesetter knows about one block: its item, role, printed lines and the text it stands for."""

    id: int
    item: int
    role: str
    lines: list[str]
    source: str = ""  # the paragraph or caption before wrapping and noise (body, caption blocks)
    credit: str = ""  # the photographer credited inside a caption block
    phase: int = 0  # where the block comes in its item's reading order: headline, byline, body, end, captions


@dataclass
class GoldItem:
    kind: str
    authors: list[tuple[str, str]] = field(default_factory=list)  # writers, in printed order
    photographers: list[str] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)  # byline and credit forms printed (for checks by form)


# byline forms the app's byline reader (app/core/bylines.py) gets wrong today; the gold has them right
KNOWN_APP_MISREADS = frozenset({
    "author-note",  # （作者为…教授）closing a commentary is read as a byline: authors "教授"
    "credit-next-line-paren",  # a credit line "（王三 摄）" is read as author 王三摄 (role 作者)
})


@dataclass
class Typeset:
    """A printed page: its text, its gold (SPEC format plus family and pieces) and what made them."""

    name: str
    text: str
    gold: dict[str, Any]
    blocks: list[GoldBlock]
    style: Style
    items: list[GoldItem]

    @property
    def sources(self) -> dict[int, str]:
        """Block number -> the text it stands for (body paragraphs and captions before wrapping and noise)."""
        return {b.id: b.source for b in self.blocks if b.source}

    @property
    def misread_items(self) -> set[int]:
        """Items printed with a byline form today's app misreads (see KNOWN_APP_MISREADS)."""
        return {k for k, it in enumerate(self.items) if it.forms & KNOWN_APP_MISREADS}

    def problems(self) -> list[str]:
        from .gold import problems

        return problems(self.text, self.gold, self.sources, self.misread_items)


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = [k for k, w in weights.items() if w > 0]
    return rng.choices(keys, [weights[k] for k in keys])[0]


class Printer:
    """Prints one page in one style; all randomness comes from `rng`."""

    def __init__(self, style: Style, pools: Pools, rng: random.Random) -> None:
        self.s = style
        self.pools = pools
        self.rng = rng
        self.blocks: list[GoldBlock] = []
        self.items: list[GoldItem] = []
        self.page_width = rng.randint(*style.width)
        self.indent = rng.choice(style.indent)
        self.para_blank = rng.random() < style.para_blank
        self.halfwidth = rng.random() < style.halfwidth
        self.crlf = rng.random() < style.crlf
        self.hang = rng.random() < style.hang
        self.column = rng.randint(*style.column)
        self.head_blank = rng.random() < style.head_blank
        # one paragraph a line, cut where a column ends (PDF text of wide-set pages): characters left in it
        self.para_columns = style.one_para_a_line and rng.random() < style.para_columns
        self.column_left = rng.randint(*style.column_chars)

    # --- blocks ---------------------------------------------------------------------------------
    def _block(self, item: int, role: Role | str, lines: list[str], source: str = "", credit: str = "",
               phase: int | None = None) -> list[PLine]:
        lines = [ln for ln in lines if ln.strip()]
        if not lines:
            return []
        if phase is None:
            phase = PHASES.get(str(role), 2)
        b = GoldBlock(len(self.blocks), item, str(role), lines, source, credit, phase)
        self.blocks.append(b)
        return [PLine(ln, item, str(role), b.id) for ln in lines]

    def _hw(self, text: str) -> str:
        return text.translate(HALF_WIDTH) if self.halfwidth else text

    def _name(self, pool: list[str]) -> str:
        return self.rng.choice(pool) if pool else "新华"

    # --- headline -------------------------------------------------------------------------------
    def _title_lines(self, title: str) -> list[str]:
        rng = self.rng
        if len(title) <= 6 and rng.random() < self.s.letter_space and not re.search(r"[A-Za-z0-9]", title):
            return [letter_spaced(title)]
        hw = rng.randint(*self.s.head_width)
        if width_of(title) <= hw:
            return [title]
        if " " in title and rng.random() < 0.6:  # a designed gap between two phrases is a natural break
            parts = [p for p in title.split(" ") if p]
            if len(parts) <= 3:
                return parts
        while True:
            lines = wrap(title, hw, hang=True)
            if len(lines) <= 3:
                return lines
            hw += 4

    def headline(self, i: int, art: Article) -> list[PLine]:
        rng, s = self.rng, self.s
        out: list[PLine] = []
        title = art.title
        if art.label:
            if rng.random() < s.label_section:
                out += self._block(i, Role.SECTION, [self._hw(art.label)])
            else:
                title = f"{title}（{art.label}）"
        if art.kicker:
            out += self._block(i, Role.KICKER, wrap(self._hw(art.kicker), max(s.head_width[1], 16)))
        out += self._block(i, Role.TITLE, [self._hw(t) for t in self._title_lines(title)])
        if art.subtitle:
            sub = art.subtitle
            dash = rng.random() < s.dash_subtitle
            sub = ("——" + sub.lstrip("—")) if dash else sub.lstrip("—").strip()
            if sub:
                out += self._block(i, Role.SUBTITLE, wrap(self._hw(sub), max(s.head_width[1], 20)))
        return out

    # --- bylines --------------------------------------------------------------------------------
    def _people(self, art: Article, writers_role: str | None = None) -> list[tuple[str, str]]:
        """Who the byline names: the article's own authors if it has them, else reporters from the pool."""
        rng = self.rng
        if art.authors and writers_role is None:
            return list(art.authors)
        if art.authors:
            return [(n, writers_role) for n, _ in art.authors[:2]]
        pool = self.pools.reporters
        if writers_role:
            return [(self._name(pool), writers_role) for _ in range(rng.choice([1, 1, 2]))]
        first = rng.choices(["记者", "特约记者", "见习记者", "通讯员"], [8, 1, 1, 1])[0]
        people = [(self._name(pool), first)]
        if rng.random() < 0.4:
            people.append((self._name(pool), "记者" if first != "通讯员" else "通讯员"))
        if first != "通讯员" and rng.random() < 0.6:
            people += [(self._name(pool), "通讯员") for _ in range(rng.choice([1, 1, 2]))]
        seen: set[str] = set()
        return [p for p in people if not (p[0] in seen or seen.add(p[0]))]

    def _spaced(self, name: str) -> str:
        if len(name) == 2 and self.rng.random() < self.s.name_space:
            return f"{name[0]} {name[1]}"
        return name

    def _inner(self, people: list[tuple[str, str]], spaced: bool, sep: str | None = None) -> str:
        """`记者王迪、黄硕 通讯员李四` / `记者 王迪 黄硕 通讯员 李四`: roles in order, each before its names."""
        parts: list[str] = []
        k = 0
        sep = sep or (self.rng.choice(["、", " "]) if not spaced else " ")
        while k < len(people):
            role = people[k][1]
            names = []
            while k < len(people) and people[k][1] == role:
                names.append(people[k][0])
                k += 1
            parts.append(f"{role} {' '.join(names)}" if spaced else role + sep.join(names))
        return " ".join(parts)

    def byline(self, i: int, art: Article) -> tuple[str, list[PLine], list[PLine], str, list[tuple[str, str]]]:
        """(lead prefix for the first paragraph, lines under the headline, lines after the body,
        suffix glued to the last paragraph, the writers in printed order)."""
        rng = self.rng
        form = _pick(rng, self.s.bylines)
        if form == "dateline" and not art.dateline:
            form = "benbaoxun" if art.authors else "none"
        self.items[i].forms.add(form)
        self.items[i].forms.update(art.flags)
        if form == "dateline":
            if not art.authors:
                return art.dateline + rng.choice(["", " "]), [], [], "", []
            people = list(art.authors)
            # names apart by 、 as the corpus prints them: the reflow keeps spaces between names only after a
            # dateline of at most 14 characters (app/core/reflow.py _LEAD)
            inner = self._inner(people, False, "、")
            return f"{art.dateline}{rng.choice(['', ' ', '  '])}（{inner}）", [], [], "", people
        if form == "none":
            return "", [], [], "", []
        if form in ("wen", "diamond", "zuozhe", "plain"):
            people = self._people(art, "作者")
            names = [self._spaced(n) for n, _ in people]
            text = {"wen": "文/" + "、".join(names), "diamond": "◆" + " ".join(names),
                    "zuozhe": "作者：" + " ".join(names), "plain": "  ".join(names)}[form]
            if form == "plain" and not all(len(n.replace(" ", "")) in (2, 3) for n in names):
                return "", [], [], "", []
            return "", self._block(i, Role.BYLINE, [self._hw(text)]), [], "", people
        people = self._people(art)
        if form == "benbaoxun":
            spaced = rng.random() < 0.5
            return f"本报讯（{self._inner(people, spaced)}）", [], [], "", people
        if form == "paren-lead":
            return f"（{self._inner(people, rng.random() < 0.5)}）", [], [], "", people
        if form == "box":
            bullet = rng.choice(["□ ", "■ ", "□", ""])
            inner = " ".join(f"{r} " + " ".join(self._spaced(n) for n, rr in people if rr == r)
                             for r in dict.fromkeys(r for _, r in people))
            return "", self._block(i, Role.BYLINE, [bullet + inner]), [], "", people
        if form == "paper-reporter":  # 本报记者 王迪 黄硕, as 人民日报 prints it
            people = [(n, "记者") for n, _ in people if _ in ("记者", "特约记者", "见习记者")] or [(people[0][0], "记者")]
            text = "本报记者 " + "  ".join(self._spaced(n) for n, _ in people)
            return "", self._block(i, Role.BYLINE, [text]), [], "", people
        if form == "paren-end":
            text = f"（{self._inner(people, rng.random() < 0.5)}）"
            return "", [], self._block(i, Role.BYLINE, [self._hw(text)], phase=3), "", people
        if form == "paren-glued":
            # names apart by 、: the reflow keeps no space inside a closing byline (SPEC keeps them in a lead)
            return "", [], [], f"（{self._inner(people, False, '、')}）", people
        raise ValueError(form)

    # --- body -----------------------------------------------------------------------------------
    def _para_lines(self, text: str, width: int) -> list[str]:
        if self.s.one_para_a_line:
            return [self.indent + text]
        ind = width_of(self.indent)
        lines = wrap(text, width, ind, self.hang)
        lines[0] = self.indent + lines[0]
        return lines

    def body(self, i: int, art: Article, paras: list[Para], lead: str, glued: str, width: int) -> list[PLine]:
        rng, s = self.rng, self.s
        out: list[PLine] = []
        body_seen = 0
        n_body = sum(p.role == "body" for p in paras)
        for p in paras:
            if p.role == "subhead":
                text = self._hw(p.text)
                lines = [text]
                if len(text) >= 8 and rng.random() < s.subhead_two_lines:
                    cut = rng.randint(3, len(text) - 3)
                    lines = [text[:cut], text[cut:]] if clean_heading([text[:cut], text[cut:]]) == clean_heading([text]) else [text]
                if out and not out[-1].blank and rng.random() < 0.7:
                    out.append(blank())
                out += self._block(i, Role.SUBHEAD, lines)
                if self.para_blank or rng.random() < 0.3:
                    out.append(blank())
                continue
            text = p.text
            if body_seen == 0 and lead:
                text = lead + text
            body_seen += 1
            if body_seen == n_body and glued:
                text = text + glued
            text = self._hw(text)
            lines = self._para_lines(text, width)
            lines = stray_spaces(lines, s.stray, rng)
            if self.para_columns:
                out += self._column_cut(self._block(i, Role.BODY, lines, source=text))
            else:
                out += self._block(i, Role.BODY, lines, source=text)
            if self.para_blank:
                out.append(blank())
        while out and out[-1].blank:
            out.pop()
        return out

    def _column_cut(self, printed: list[PLine]) -> list[PLine]:
        """A paragraph printed as one line, cut where the column ends (mid-sentence, often mid-word) into two
        lines of the same block with blank lines between, as PDF text of pages set in wide columns comes."""
        out: list[PLine] = []
        for ln in printed:
            text = ln.text
            while len(text) > self.column_left:
                cut = self._cut_at(text, self.column_left)
                self.column_left = self.rng.randint(*self.s.column_chars)
                if cut is None:
                    break
                out.append(PLine(text[:cut], ln.item, ln.role, ln.block))
                out += [blank() for _ in range(self.rng.choice((1, 1, 1, 2, 3)))]
                text = text[cut:]
            self.column_left -= len(text)
            out.append(PLine(text, ln.item, ln.role, ln.block))
        return out

    @staticmethod
    def _cut_at(text: str, at: int) -> int | None:
        """A place near `at` to cut a line that joins back to itself (not inside a Latin word or number, not
        at a space)."""
        for j in (*range(at, min(len(text) - 2, at + 8)), *range(at - 1, max(2, at - 8), -1)):
            if 2 <= j <= len(text) - 2 and not text[j - 1].isspace() and not text[j].isspace() and not (
                    text[j - 1].isascii() and text[j - 1].isalnum() and text[j].isascii() and text[j].isalnum()):
                return j
        return None

    def columns(self, lines: list[PLine]) -> list[PLine]:
        """Blank lines where a column ends, mid-sentence (counting the printed lines of the stream)."""
        if self.s.one_para_a_line or self.rng.random() >= self.s.column_blank:
            return lines
        out: list[PLine] = []
        count = 0
        for k, ln in enumerate(lines):
            out.append(ln)
            if ln.blank:
                continue
            count += 1
            if count % self.column == 0 and k + 1 < len(lines) and not lines[k + 1].blank:
                out.append(blank())
        return out

    # --- captions -------------------------------------------------------------------------------
    def caption(self, i: int, text: str, photographer: str) -> list[PLine]:
        rng = self.rng
        form = _pick(rng, self.s.credits)
        self.items[i].forms.add("credit-" + form)
        text = self._hw(text)
        name = photographer or self._name(self.pools.photographers)
        width = rng.randint(max(10, self.page_width - 4), self.page_width + 4)
        if form == "none":
            return self._block(i, Role.CAPTION, wrap(text, width), source=text)
        if form == "next-line":
            lines = self._block(i, Role.CAPTION, wrap(text, width), source=text)
            credit = rng.choice([f"{name} 摄", f"记者 {name} 摄", f"（{name} 摄）", f"本报记者 {name} 摄"])
            if credit.startswith("（"):
                self.items[i].forms.add("credit-next-line-paren")
            self.items[i].photographers.append(name)
            return lines + self._block(i, Role.BYLINE, [self._hw(credit)], phase=4)
        credit = {"inline": f" {name} 摄", "paren": f"（{name} 摄）", "reporter": f" 记者 {name} 摄"}[form]
        full = text + self._hw(credit)
        got, who = split_credit(join_lines(wrap(full, width)))
        if [a.name for a in who] != [name] or clean_paragraph([got]) != clean_paragraph([text]):
            return self._block(i, Role.CAPTION, wrap(text, width), source=text)
        self.items[i].photographers.append(name)
        return self._block(i, Role.CAPTION, wrap(full, width), source=full, credit=name)

    # --- other items ----------------------------------------------------------------------------
    def ad(self, i: int) -> list[PLine]:
        rng, pools = self.rng, self.pools
        out = self._block(i, Role.TITLE, [self._name(pools.orgs)])
        for _ in range(rng.randint(1, 3)):
            if pools.phrases:
                out += self._block(i, Role.AD, [rng.choice(pools.phrases)])
                if rng.random() < 0.4:
                    out.append(blank())
        sentences = [x for x in pools.sentences if not re.match("本报|新华社", x)]
        if sentences and rng.random() < 0.7:
            sentence = rng.choice(sentences)
            lines = [sentence] if rng.random() < 0.5 else wrap(sentence, rng.randint(14, 30))
            out += self._block(i, Role.AD, lines)
        phone = f"0{rng.randint(10, 999)}-{rng.randint(1000000, 99999999)}"
        out += self._block(i, Role.AD, [f"{rng.choice(AD_LEADS)}：{phone}"])
        return out

    def furniture(self, lines: list[str]) -> list[PLine]:
        out: list[PLine] = []
        for ln in lines:
            out += self._block(-1, Role.FURNITURE, [ln])
        return out

    def top_furniture(self, page: CorpusPage, paper: str) -> list[PLine]:
        rng = self.rng
        if self.s.masthead is not None:
            return self.furniture(self.s.masthead.top_lines(page, rng))
        date = dt.date.fromisoformat(page.date)
        day = rng.choice([f"{date.year}年{date.month}月{date.day}日", f"{date.year}年{date.month:02d}月{date.day:02d}日"])
        weekday = rng.choice(["星期", "周"]) + WEEKDAYS[date.weekday()]
        code = rng.choice([f"第{page.page}版", f"A{page.page:02d}", f"第 {page.page} 版", f"{page.page:02d}"])
        name = rng.choice(PAGE_NAMES)
        layouts = [
            [paper, f"{day} {weekday}", code, name],
            [f"{paper} {day} {weekday}", f"{code} {name}"],
            [f"{day} {weekday}", name],
            [f"{code}  {name}  {day}  {weekday}"],
            [name, f"{code} {paper}"],
        ]
        return self.furniture(rng.choice(layouts))

    def bottom_furniture(self) -> list[PLine]:
        rng, pool = self.rng, self.pools.reporters
        if self.s.masthead is not None:
            return self.furniture([self.s.masthead.bottom_line(rng)])
        a, b, c = (self._name(pool) for _ in range(3))
        line = rng.choice([f"责任编辑：{a}", f"责任编辑：{a} {b} 美编：{c}", f"本版责编：{a} {b}",
                           f"责任编辑 {a} 美术编辑 {b}", f"本版编辑：{a}  版式设计：{b}", f"责编：{a}  校对：{b}"])
        return self.furniture([line])


def _paper_name(rng: random.Random, page: CorpusPage, pools: Pools) -> str:
    if pools.places and rng.random() < 0.5:
        return rng.choice(pools.places) + rng.choice(["日报", "晚报", "都市报"])
    return page.paper or "人民日报"


def _brief(art: Article) -> Article:
    first = next(p for p in art.paras if p.role == "body")
    return Article(art.kicker if len(art.kicker) <= 12 else "", art.title, "", art.label, art.dateline,
                   art.authors, (first,), (), "news" if art.kind == "feature" else art.kind)


def _capped(art: Article, most: int) -> Article:
    """A very long document (a statistical bulletin of 80 paragraphs) cut to its first paragraphs."""
    if len(art.paras) <= most:
        return art
    paras = list(art.paras[:most])
    while paras[-1].role == "subhead":
        paras.pop()
    kind = "news" if art.kind == "feature" and not any(p.role == "subhead" for p in paras) else art.kind
    return replace(art, paras=tuple(paras), kind=kind)


def typeset_page(page: CorpusPage, pools: Pools, style: Style, seed: int, name: str) -> Typeset:
    """Print one corpus page in `style`; the same (page, style, seed) always gives the same result."""
    rng = random.Random(f"{page.key}|{style.family}|{seed}")
    pr = Printer(style, pools, rng)
    arts = list(page.articles)
    if len(arts) > style.max_articles:
        start = rng.randrange(0, len(arts) - style.max_articles + 1)
        arts = arts[start:start + style.max_articles]
    arts = [_brief(a) if rng.random() < style.briefs else _capped(a, style.max_paras) for a in arts]
    if style.masthead is not None:  # a paper's articles carry its own column labels, and no others
        m = style.masthead
        arts = [replace(a, label=rng.choice(m.labels) if rng.random() < m.label_share else "") for a in arts]
    # items: the articles, a notice and ads at random places
    plan: list[tuple[str, Article | None]] = [("article", a) for a in arts]
    if pools.notices and rng.random() < style.notice:
        plan.insert(rng.randint(0, len(plan)), ("notice", rng.choice(pools.notices)))
    for _ in range(rng.randint(*style.ads)):
        plan.insert(rng.randint(len(plan) // 2, len(plan)), ("ad", None))
    heads: list[list[PLine]] = []
    bodies: list[list[PLine]] = []
    tails: list[list[PLine]] = []  # lines printed after the body whatever the headline does
    placements: list[str] = []
    for i, (what, art) in enumerate(plan):
        if what == "ad":
            pr.items.append(GoldItem("ad"))
            heads.append([])
            bodies.append(pr.ad(i))
            tails.append([])
            placements.append("before")
            continue
        assert art is not None
        pr.items.append(GoldItem(art.kind if what == "article" else "notice"))
        width = rng.randint(*style.width) if style.width_per_article else pr.page_width
        head = pr.headline(i, art)
        lead, under, after, glued, people = pr.byline(i, art)
        pr.items[i].authors = people
        paras = list(art.paras)
        body = pr.columns(pr.body(i, art, paras, lead, glued, width))
        if pr.head_blank and under:
            under = [*under, blank()]
        if style.jumps and rng.random() < style.jumps:
            other = rng.choice([p for p in range(1, 17) if p != page.page])
            if rng.random() < 0.5:
                after = after + pr.furniture([rng.choice([f"（下转第{other}版）", f"下转第{other}版", f"（转第{other}版）"])])
            else:
                under = under + pr.furniture([rng.choice([f"（上接第{other}版）", f"上接第{other}版", f"（紧接第{other}版）"])])
        captions = list(art.captions)
        if rng.random() < style.captions and pools.captions:
            captions.append((_caption_text(rng, pools), ""))
        place = ("after" if rng.random() < style.head_after else
                 "inside" if i > 0 and rng.random() < style.head_inside else
                 "middle" if rng.random() < style.head_middle else "before")
        if place == "middle":
            cut = _intro_end(body, rng)
            if cut is None:
                place = "before"
            else:  # the intro set under the headline, the rest of the article printed above it
                head = head + ([blank()] if pr.head_blank else []) + under
                body, under = body[cut:] + [blank()] + head + [blank()] + body[:cut], []
                head = []
        if place == "after" and under and rng.random() < style.byline_with_head:
            head, under = head + under, []  # the byline printed under its headline, after the body
        heads.append(head)
        bodies.append(under + body)
        tails.append(after)
        placements.append(place)
        for text, who in captions:
            cap = pr.caption(i, text, who)
            place = _pick(rng, style.caption_places)
            pad = [blank()] if rng.random() < 0.7 else []
            if place == "neighbour" and len(plan) > 1:
                j = i - 1 if i > 0 else i + 1
                if j < i:
                    bodies[j] = _insert(bodies[j], pad + cap + pad, rng)
                else:
                    tails[i] = tails[i] + pad + cap  # the next item is not printed yet: after this body
            elif place == "before-head":
                heads[i] = cap + pad + heads[i]
            elif place == "after-body" or not bodies[i]:
                tails[i] = tails[i] + pad + cap
            else:
                bodies[i] = _insert(bodies[i], pad + cap + pad, rng)
    # a headline printed inside the article before it
    for i, place in enumerate(placements):
        if place == "inside" and heads[i] and bodies[i - 1]:
            bodies[i - 1] = _insert(bodies[i - 1], [blank()] + heads[i] + [blank()], rng)
            heads[i] = []
    streams: list[list[PLine]] = []
    for i in range(len(plan)):
        hb = [blank()] if pr.head_blank else []
        if placements[i] == "after":
            streams.append(bodies[i] + tails[i] + hb + heads[i])
        elif not heads[i]:
            streams.append(bodies[i] + tails[i])
        else:
            streams.append(heads[i] + hb + bodies[i] + tails[i])
    streams = _side_by_side(streams, plan, style, rng)
    lines: list[PLine] = []
    if rng.random() < style.furniture_top:
        lines += pr.top_furniture(page, _paper_name(rng, page, pools)) + [blank()]
    if style.briefs and any(len(a.paras) == 1 for a in arts) and rng.random() < 0.3:
        lines += pr.furniture([rng.choice(BRIEF_LABELS)])
    elif pools.banners and rng.random() < style.banner:
        # a series or column banner over the page's items (SPEC: furniture, as it heads no one item)
        banner = rng.choice(pools.banners if style.masthead is None else style.masthead.banners)
        if banner.startswith("——") and pools.phrases:
            lines += pr.furniture([rng.choice(pools.phrases), banner] if rng.random() < 0.5 else [banner])
        else:
            lines += pr.furniture([banner])
    for st in streams:
        if lines and not lines[-1].blank:
            lines.append(blank())
        lines += st
        if rng.random() < 0.3:
            lines.append(blank())
    if rng.random() < style.furniture_bottom:
        lines += [blank()] + pr.bottom_furniture()
    if style.double_spaced:
        lines = [x for ln in lines for x in ((ln, blank()) if not ln.blank else (ln,))]
    return _finish(pr, name, lines, plan, style)


_PHOTO_MARK = re.compile(r"^(?:图为|图[①-⑳\d]+[：:]|[上下左右]图[：:为]?)")


def _caption_text(rng: random.Random, pools: Pools) -> str:
    """A photo caption as papers print them: the corpus's own captions, often without their 图为 / 图①：
    mark, or a short sentence of the corpus describing a scene, sometimes as a phrase without its full stop
    (city papers caption 企业客户车间一角 as often as 图为…。)."""
    pool = pools.sentences if pools.sentences and rng.random() < 0.5 else pools.captions
    text = rng.choice(pool)
    if rng.random() < 0.6:
        text = _PHOTO_MARK.sub("", text) or text
    if len(text) > 6 and text.endswith("。") and rng.random() < 0.3:
        text = text[:-1]
    return text


def _insert(body: list[PLine], extra: list[PLine], rng: random.Random) -> list[PLine]:
    """`extra` lines put between two printed lines of `body` (mid-paragraph as often as not); where a
    paragraph is cut at a column's end, a photo usually sits in that gap."""
    breaks = [k for k in range(1, len(body) - 1) if body[k].blank and not body[k - 1].blank
              and body[k - 1].block == _next_printed(body, k).block]
    if breaks and rng.random() < 0.7:
        k = rng.choice(breaks)
        return body[:k] + [blank() for _ in range(rng.choice((1, 2, 3, 3)))] + extra + body[k:]
    spots = [k for k in range(1, len(body)) if not body[k - 1].blank or not body[k].blank]
    if not spots:
        return body + extra
    k = rng.choice(spots)
    return body[:k] + extra + body[k:]


def _next_printed(lines: list[PLine], k: int) -> PLine:
    while k < len(lines) and lines[k].blank:
        k += 1
    return lines[k] if k < len(lines) else PLine("")


def _intro_end(body: list[PLine], rng: random.Random) -> int | None:
    """Where an article's first one to three paragraphs end (a line index in `body`), if more follow."""
    starts = [k for k in range(1, len(body)) if not body[k].blank and body[k].role == str(Role.BODY)
              and body[k].block != _prev_printed(body, k).block and _prev_printed(body, k).role == str(Role.BODY)]
    if len(starts) < 4:
        return None
    return starts[rng.randint(0, min(2, len(starts) - 3))]


def _prev_printed(lines: list[PLine], k: int) -> PLine:
    k -= 1
    while k >= 0 and lines[k].blank:
        k -= 1
    return lines[k] if k >= 0 else PLine("")


def _side_by_side(streams: list[list[PLine]], plan, style: Style, rng: random.Random) -> list[list[PLine]]:
    """Two neighbouring articles printed in columns next to each other, extracted chunk by chunk."""
    if not style.interleave:
        return streams
    out: list[list[PLine]] = []
    k = 0
    while k < len(streams):
        if k + 1 < len(streams) and plan[k][0] == plan[k + 1][0] == "article" and rng.random() < style.interleave:
            a, b = streams[k], streams[k + 1]
            chunk = rng.randint(4, 12)
            merged: list[PLine] = []
            pa = pb = 0
            gap = rng.random() < 0.5
            while pa < len(a) or pb < len(b):
                merged += a[pa:pa + chunk]
                pa += chunk
                if gap:
                    merged.append(blank())
                merged += b[pb:pb + chunk]
                pb += chunk
                if gap:
                    merged.append(blank())
            out.append(merged)
            k += 2
        else:
            out.append(streams[k])
            k += 1
    return out


def _renumber(pr: Printer, lines: list[PLine]) -> None:
    """Block numbers in reading order: item by item (each in its own reading order), furniture last."""
    first: dict[int, int] = {}
    for k, ln in enumerate(lines):
        if not ln.blank:
            first.setdefault(ln.block, k)
    order = sorted(pr.blocks, key=lambda b: (b.item < 0, b.item, b.phase, first[b.id] if b.item < 0 else b.id))
    new = {b.id: k for k, b in enumerate(order)}
    for b in order:
        b.id = new[b.id]
    pr.blocks = sorted(order, key=lambda b: b.id)
    for ln in lines:
        if not ln.blank:
            ln.block = new[ln.block]


def _finish(pr: Printer, name: str, lines: list[PLine], plan, style: Style) -> Typeset:
    _renumber(pr, lines)
    # no leading or doubled-up blank runs beyond three; the text ends with a newline
    while lines and lines[0].blank:
        lines.pop(0)
    while lines and lines[-1].blank:
        lines.pop()
    eol = "\r\n" if pr.crlf else "\n"
    parts: list[str] = []
    pieces: list[list[Any]] = []
    pos = 0
    for ln in lines:
        if not ln.blank:
            span = strip_span(ln.text, 0, len(ln.text))
            assert span is not None, ln
            pieces.append([pos + span[0], pos + span[1], ln.item, ln.role, ln.block])
        parts.append(ln.text + eol)
        pos += len(ln.text) + len(eol)
    text = "".join(parts)
    return Typeset(name, text, _gold(pr, name, plan, style, pieces), pr.blocks, style, pr.items)


def _gold(pr: Printer, name: str, plan, style: Style, pieces: list[list[Any]]) -> dict[str, Any]:
    """The gold file: SPEC.md's fields read off the printed blocks with the app's reflow."""
    by_item: dict[int, list[GoldBlock]] = {}
    for b in pr.blocks:
        by_item.setdefault(b.item, []).append(b)
    items = []
    for i, info in enumerate(pr.items):
        blocks = by_item.get(i, [])

        def heading(role: str, blocks=blocks) -> str:
            return "".join(clean_heading(b.lines) for b in blocks if b.role == role)

        body, captions = [], []
        for b in blocks:
            if b.role == "body":
                body.append(clean_paragraph(b.lines))
            elif b.role == "ad":
                body.append(clean_heading(b.lines))
            elif b.role == "caption":
                text, _ = split_credit(join_lines(b.lines)) if b.credit else (join_lines(b.lines), [])
                captions.append(clean_paragraph([text]))
        authors = [{"name": n, "role": r} for n, r in info.authors]
        authors += [{"name": n, "role": "摄影"} for n in info.photographers]
        seen: set[tuple[str, str]] = set()
        authors = [a for a in authors if not ((a["name"], a["role"]) in seen or seen.add((a["name"], a["role"])))]
        kind = info.kind
        if kind == "feature" and not any(b.role == "subhead" for b in blocks):
            kind = "news"
        items.append({
            "kind": kind, "section": heading("section"), "kicker": heading("kicker"), "title": heading("title"),
            "subtitle": heading("subtitle"), "authors": authors,
            "subheads": [clean_heading(b.lines) for b in blocks if b.role == "subhead"],
            "body": body, "captions": captions,
        })
    furniture = [clean_heading(b.lines) for b in by_item.get(-1, [])]
    return {"page": name, "items": items, "furniture": furniture, "notes": "", "family": style.family,
            "pieces": sorted(pieces)}
