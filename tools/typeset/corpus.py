"""The training corpus, read into articles ready to print.

`../shared/train/peoples_daily.jsonl.gz` holds real pages of 人民日报 (one JSON line a page: paper, date, page,
articles with kicker, title, subtitle and paragraphs as printed, bylines inside the paragraphs). This module
reads it (or the small excerpt committed under tests/data when the shared folder is absent) and turns each
article into an `Article`: the headline parts, the column label printed in the title's parentheses, the
dateline and authors of the lead paragraph, the body paragraphs and subheads, and the photo captions that
the paper printed inside it. It also collects the real text the typesetter needs beside the articles:
reporters' and photographers' names from the corpus's own bylines, photo captions, notices, and short
phrases and organisation names for advertisements. Nothing here is made up: every string is corpus text.

Paragraphs the paper printed around an article but whose role is unclear (photo credits, `制图：`,
`核心阅读` labels, pull quotes before the first sentence) are left out: printing less never makes a gold
file wrong.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from app.core.bylines import looks_like_name

ROOT = Path(__file__).resolve().parents[2]
SHARED_CORPUS = ROOT.parent / "shared" / "train" / "peoples_daily.jsonl.gz"
EXCERPT = ROOT / "tests" / "data" / "train_excerpt.jsonl.gz"

HAN = "\u4e00-\u9fff"
_SPACES = re.compile(r"[\u00a0\u3000\t ]+")
# a paragraph that ends a sentence (or a quotation of one): everything else is a heading, a label or a credit
_SENTENCE_END = re.compile(r"[。！？…；：”’）)」!?;:]$")
# roles as the corpus prints them before names; the value is the role word the gold records
ROLES = {"本报特约记者": "特约记者", "本报见习记者": "见习记者", "本报通讯员": "通讯员", "本报记者": "记者",
         "特约记者": "特约记者", "见习记者": "见习记者", "通讯员": "通讯员", "记者": "记者"}
_ROLE_ALT = "|".join(sorted(ROLES, key=len, reverse=True))
# 本报北京1月31日电（记者杜一菲）… / 新华社北京1月31日电  … / 本报讯（记者…）…
_LEAD = re.compile(
    rf"^(?P<dateline>(?:据)?(?:本报|新华社|中新社)[{HAN}0-9]{{0,16}}(?:电|讯))\s*"
    rf"(?:[（(](?P<inner>[^（）()]{{1,40}})[）)])?\s*(?P<rest>.+)$"
)
# a byline paragraph: 本报记者 徐元锋 / 本报记者  罗艾桦  李  刚 / （本报记者 张 文整理）
_BYLINE_PARA = re.compile(rf"^[（(]?(?:{_ROLE_ALT})\s*(?P<names>[{HAN}、 ]{{2,30}}?)(?:采访整理|整理)?[）)]?$")
# a photo credit paragraph: 新华社记者 方喆摄 / 本报记者 于 洋摄 / 高荣光摄（人民视觉）
_CREDIT_PARA = re.compile(rf"^(?:(?:新华社|本报|人民视觉)?(?:{_ROLE_ALT})?\s*)(?P<names>[{HAN} 、]{{2,20}}?)\s*摄(?:影)?(?:[（(][^）)]{{1,10}}[）)])?$")
_CREDIT_LIKE = re.compile(r"(?:摄|制图|版式设计|图片说明|数据来源|资料来源|本版统筹|图表|题图)[:：]?|^——编\s*者$")
# the column label a title carries in parentheses: 技术迭代打开无限想象力(人民观点)
# a byline closing the last paragraph: …的承诺。（本报记者 王三、李四）
_TRAILING = re.compile(rf"[（(]\s*(?P<inner>(?:{_ROLE_ALT})[^（）()]{{1,60}})[）)]\s*$")
_AUTHOR_NOTE = re.compile(r"[（(]\s*作者[^（）()]*[）)]\s*$")
_TITLE_LABEL = re.compile(r"^(?P<title>.{4,}?)\s*[（(](?P<label>[^（）()]{2,16})[）)]$")
_NOTICE_TITLE = re.compile(r"(?:公告|启事|声明)$")
_ORG = re.compile(rf"(?<![{HAN}])(?:中国|国家|北京|上海|广东|浙江|江苏|四川|湖北|湖南|山东|河南)[{HAN}]{{1,8}}?(?:银行|集团|公司|医院|大学|博物馆|图书馆|研究院)")
PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|"
             "贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆")
_NOT_A_CITY = re.compile(r"[城市全地省个些委政某两到原这各员超际化贸将一东西南北的]")
_ORG_STOP = re.compile(r"[的和与及在对是为等了从向由]")


def clean_spaces(text: str) -> str:
    """The corpus's non-breaking and ideographic spaces as plain spaces, runs collapsed, ends trimmed."""
    return _SPACES.sub(" ", text).strip()


def names_in(run: str) -> list[str]:
    """Personal names in a run such as `王迪、黄硕` or `于 洋` (a single character joins its neighbour)."""
    tokens = [t for t in re.split(r"[、，,\s]+", run) if t]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if len(t) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            t += tokens[i + 1]
            i += 1
        out.append(t)
        i += 1
    return out


def parse_byline(inner: str) -> list[tuple[str, str]] | None:
    """(name, role) pairs from a byline's text (`记者王迪、黄硕`, `记者 张三 通讯员 李四`); None unless every
    token is a role word or a plausible name."""
    parts = re.split(rf"({_ROLE_ALT})", clean_spaces(inner))
    if len(parts) < 3 or parts[0].strip():
        return None
    out: list[tuple[str, str]] = []
    for k in range(1, len(parts), 2):
        role = ROLES[parts[k]]
        names = names_in(parts[k + 1])
        if not names or not all(looks_like_name(n) for n in names):
            return None
        out += [(n, role) for n in names]
    return out


@dataclass(frozen=True)
class Para:
    role: str  # "body" or "subhead"
    text: str


@dataclass(frozen=True)
class Article:
    """One corpus article, ready to print: headline parts, lead, paragraphs, captions it carried."""

    kicker: str
    title: str
    subtitle: str
    label: str  # a column label printed in the title's parentheses (人民观点), without them
    dateline: str  # 本报北京1月31日电 / 新华社北京1月31日电, printed at the start of the first paragraph
    authors: tuple[tuple[str, str], ...]  # (name, role) from the lead's parentheses or a byline paragraph
    paras: tuple[Para, ...]  # the first one without its dateline and byline
    captions: tuple[tuple[str, str], ...] = ()  # (caption, photographer or "") printed inside the article
    kind: str = "news"
    flags: tuple[str, ...] = ()  # "author-note": the last paragraph ends with （作者为…）, a note, not a byline

    @property
    def body(self) -> list[str]:
        return [p.text for p in self.paras if p.role == "body"]

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.paras)


@dataclass
class Pools:
    """Real text the typesetter needs beside the articles, from one month of the corpus."""

    reporters: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)  # short headline-like phrases (ad slogans)
    sentences: list[str] = field(default_factory=list)  # one-sentence paragraphs (ad copy)
    orgs: list[str] = field(default_factory=list)  # organisation names (advertisers)
    places: list[str] = field(default_factory=list)  # places from datelines (paper names)
    notices: list[Article] = field(default_factory=list)
    banners: list[str] = field(default_factory=list)  # series and column names (page banners over items)


@dataclass(frozen=True)
class CorpusPage:
    paper: str
    date: str
    page: int
    articles: tuple[Article, ...]

    @property
    def key(self) -> str:
        return f"{self.date}-{self.page:02d}"


def corpus_path() -> Path:
    """The shared corpus if this machine has it, else the excerpt committed for the tests."""
    return SHARED_CORPUS if SHARED_CORPUS.exists() else EXCERPT


def raw_pages(path: Path | None = None) -> Iterator[dict]:
    path = path or corpus_path()
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                rec = json.loads(line)
                if "articles" in rec:  # a header line, if the file has one, describes the source
                    yield rec


def read_article(raw: dict, pools: Pools | None = None) -> Article | None:
    """An `Article` from a corpus article record, or None when nothing printable is left."""
    title = clean_spaces(raw.get("title", ""))
    if not title:
        return None
    kicker = clean_spaces(raw.get("kicker", ""))
    subtitle = clean_spaces(raw.get("subtitle", ""))
    if len(subtitle) > 40:  # the front page's long summaries under a headline: not a subtitle as papers print one
        subtitle = ""
    if len(kicker) > 40:
        kicker = ""
    label = ""
    m = _TITLE_LABEL.match(title)
    if m and not re.search(r"[0-9]", m.group("label")[:1]):
        title, label = m.group("title").strip(), m.group("label").strip()
    paras = [clean_spaces(p) for p in raw.get("paras", [])]
    paras = [p for p in paras if p]
    authors: list[tuple[str, str]] = []
    captions: list[tuple[str, str]] = []
    kept: list[str] = []
    for p in paras:
        credit = _CREDIT_PARA.match(p)
        if credit:
            names = names_in(credit.group("names"))
            if kept and len(kept[-1]) <= 90 and names and all(looks_like_name(n) for n in names):
                captions.append((kept.pop(), names[0]))
                if pools is not None:
                    pools.photographers.append(names[0])
            continue
        by = _BYLINE_PARA.match(p)
        if by:
            parsed = parse_byline(p.strip("（）()").replace("采访整理", "").replace("整理", ""))
            if parsed:
                authors += parsed
            continue
        if _CREDIT_LIKE.search(p) and len(p) <= 30:
            continue
        kept.append(p)
    # pull quotes and labels before the first sentence (核心阅读, 提要) are left out
    while kept and not _SENTENCE_END.search(kept[0]):
        kept.pop(0)
    if not kept:
        return None
    dateline = ""
    lead = _LEAD.match(kept[0])
    if lead:
        inner = lead.group("inner")
        parsed = parse_byline(inner) if inner else None
        if inner and parsed is None and re.search(_ROLE_ALT, inner):
            return None  # a byline this reader cannot be sure of (执笔记者：…): leave the article out
        if inner and parsed is None:
            # parentheses that are not a byline belong to the text
            dateline, rest = lead.group("dateline"), kept[0][len(lead.group("dateline")):].strip()
        else:
            dateline, rest = lead.group("dateline"), lead.group("rest").strip()
            authors = (parsed or []) + [a for a in authors if a not in (parsed or [])]
        kept[0] = rest
        if not rest:
            return None
    trailing = _TRAILING.search(kept[-1])
    if trailing:
        inner = re.sub(r"(?:采访整理|整理|报道)$", "", trailing.group("inner"))
        parsed = parse_byline(inner)
        authors += [a for a in parsed or [] if a not in authors]
        kept[-1] = kept[-1][:trailing.start()].rstrip()
        if not kept[-1]:
            kept.pop()
            if not kept:
                return None
    out: list[Para] = []
    long_piece = len(kept) >= 5
    for k, p in enumerate(kept):
        if _SENTENCE_END.search(p) or p.endswith("——"):
            out.append(Para("body", p))
        elif long_piece and 0 < k < len(kept) - 1 and 2 <= len(p) <= 30 and _SENTENCE_END.search(kept[k + 1]):
            out.append(Para("subhead", p))
        elif len(p) > 30:
            out.append(Para("body", p))
        # a short unpunctuated line anywhere else (a data call-out, a stray label) is left out
    while out and out[-1].role == "subhead":
        out.pop()
    if not any(p.role == "body" for p in out):
        return None
    flags = ("author-note",) if _AUTHOR_NOTE.search(out[-1].text) else ()
    kind = "feature" if any(p.role == "subhead" for p in out) else "news"
    if _NOTICE_TITLE.search(title):
        kind = "notice"
    if pools is not None:
        pools.reporters += [n for n, r in authors if r in ("记者", "特约记者", "见习记者")]
        for p in out:
            if p.role == "subhead" and len(p.text) <= 16:
                pools.phrases.append(p.text)
            elif p.role == "body" and 12 <= len(p.text) <= 60 and p.text.count("。") == 1 and p.text.endswith("。"):
                pools.sentences.append(p.text)
        pools.captions += [c for c, _ in captions]
        if kicker and len(kicker) <= 16:
            pools.phrases.append(kicker)
        if label and not re.search(r"[0-9]", label):
            pools.banners.append(label)
        if re.fullmatch(r"——.{4,24}[①-⑳]", subtitle):
            pools.banners.append(subtitle)
        for p in out:
            for org in _ORG.findall(p.text):
                if not _ORG_STOP.search(org[2:]):
                    pools.orgs.append(org)
    return Article(kicker, title, subtitle, label, dateline, tuple(authors), tuple(out), tuple(captions), kind,
                   flags)


def _unique(seq: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(seq))


@lru_cache(maxsize=4)
def load_month(month: str, path: str | None = None) -> tuple[tuple[CorpusPage, ...], Pools]:
    """The corpus pages of one month ("2019-02") as printable articles, and that month's text pools."""
    pools = Pools()
    pages: list[CorpusPage] = []
    for raw in raw_pages(Path(path) if path else None):
        if not str(raw.get("date", "")).startswith(month):
            continue
        arts = [a for a in (read_article(r, pools) for r in raw["articles"]) if a is not None]
        if arts:
            pages.append(CorpusPage(raw.get("paper", ""), raw["date"], int(raw.get("page", 0)), tuple(arts)))
    pools.notices = [a for p in pages for a in p.articles if a.kind == "notice"]
    pools.reporters = _unique(pools.reporters)
    pools.photographers = _unique(pools.photographers) or pools.reporters[:]
    pools.captions = _unique(pools.captions)
    pools.phrases = _unique(pools.phrases)
    pools.sentences = _unique(pools.sentences)
    pools.orgs = _unique(o for o in pools.orgs if 4 <= len(o) <= 12)
    # a paper is named after a province, or a city the corpus names within one (湖南省长沙市), not 柏林
    text = "\n".join(p.text for page in pages for a in page.articles for p in a.paras)
    cities = re.findall(rf"(?:{PROVINCES})(?:省|自治区)?([{HAN}]{{2,3}}?)市", text)
    seen_twice = [c for c in _unique(cities) if cities.count(c) >= 2 and not _NOT_A_CITY.search(c)]
    pools.places = _unique(re.findall(rf"{PROVINCES}", text) + seen_twice)
    pools.banners = _unique(pools.banners)
    return tuple(pages), pools


def months(path: Path | None = None) -> list[str]:
    return sorted({str(r.get("date", ""))[:7] for r in raw_pages(path)})
