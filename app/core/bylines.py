"""Bylines and photo credits: find them and read the authors and their roles out of them.

Handles the ways Chinese papers print who wrote or photographed a piece:
`□ 记者 齐倩琼 通讯员 何 勇`, `本报讯（记者宗璇 通讯员彭娟）`, `（特约记者杜川 通讯员郑丹）`,
a plain author line `郁馨怡 谢震宇` under a headline (role 作者), and photo credits `诸胜涛 摄`, `（朱柯 摄）`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# printed role words, longest first; the value is the role recorded
ROLE_WORDS: dict[str, str] = {
    "本报特约记者": "特约记者",
    "本报见习记者": "见习记者",
    "本报通讯员": "通讯员",
    "本报记者": "记者",
    "特约通讯员": "特约通讯员",
    "特约记者": "特约记者",
    "见习记者": "见习记者",
    "全媒体记者": "记者",
    "融媒体记者": "记者",
    "实习记者": "实习记者",
    "首席记者": "记者",
    "实习生": "实习生",
    "通讯员": "通讯员",
    "记者": "记者",
    "摄影": "摄影",
    "作者": "作者",
    "撰稿": "作者",
    "文/图": "作者",
    "文／图": "作者",
    "图/文": "作者",
    "文/": "作者",
    "文／": "作者",
    "图/": "摄影",
    "图／": "摄影",
}
_ROLE_ALT = "|".join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True))
_ROLE_RE = re.compile(_ROLE_ALT)
_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_NAME_CHARS = f"{_HAN}·•"
_BULLETS = "□■◆◇●○▲△☆★◎"

# 本报讯（记者… 通讯员…） / 本报XX电（记者…） / 新华社…电（记者…）
LEAD_RE = re.compile(
    rf"^\s*(?:本报讯|本报[{_HAN}0-9０-９]{{1,14}}(?:电|讯)|(?:新华社|中新社|人民网|新华网|[{_HAN}]{{2,8}}(?:日报|晚报|报|社|网))[{_HAN}0-9０-９]{{0,14}}(?:电|讯))"
    r"\s*[（(]([^（）()]{1,80})[）)]"
)
# a parenthetical byline that opens a paragraph without the 本报讯 prefix: （特约记者杜川 通讯员郑丹）
PAREN_LEAD_RE = re.compile(rf"^\s*[（(]\s*((?:{_ROLE_ALT})[^（）()]{{1,80}})[）)]")
BULLET_BYLINE_RE = re.compile(rf"^\s*[{_BULLETS}]?\s*(?:本报)?(?:{_ROLE_ALT})\s*[{_NAME_CHARS}]")
# photo credit at the end of a caption: "诸胜涛 摄", "（朱柯 摄）", "记者 王三 摄", "新华社发"
CREDIT_RE = re.compile(
    rf"(?:(?<=[\s　。！？.!?）)”])|^|(?<=[（(]))(?:本报)?(?:(?:{_ROLE_ALT})\s*)?"
    rf"([{_NAME_CHARS}]{{1,4}}(?:[ 　]+[{_NAME_CHARS}]{{1,4}}){{0,4}})\s*(?:摄影?|供图|/摄)\s*[）)]?\s*$"
)
_SEP_RE = re.compile(r"[\s、，,；;　]+")


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    role: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role}


def _names(segment: str) -> list[str]:
    """Names in a run like `王克勤 冯政` or `何 勇` (spaces inside a name are stray and removed)."""
    tokens = [t for t in _SEP_RE.split(segment) if t]
    tokens = [re.sub(rf"[^{_NAME_CHARS}A-Za-z]", "", t) for t in tokens]
    tokens = [t for t in tokens if t]
    merged: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        # a one-character token is half of a name split by a stray space: 何 勇, 郑 丹
        while len(t) == 1 and i + 1 < len(tokens) and len(t) + len(tokens[i + 1]) <= 3:
            i += 1
            t += tokens[i]
        if len(t) == 1 and merged and len(merged[-1]) + 1 <= 3:
            merged[-1] += t
        else:
            merged.append(t)
        i += 1
    return merged


def parse_authors(text: str, default_role: str = "作者") -> list[Author]:
    """Authors from a byline's text, in printed order. Names before any role word get `default_role`."""
    text = text.strip().lstrip(_BULLETS).strip()
    text = re.sub(r"\s*(?:报道|采写|整理|撰文)\s*$", "", text)
    credit = re.search(r"\s*(?:摄影|摄|供图)\s*$", text)
    if credit and credit.start() > 0:
        # "记者 王三 摄": the names before the credit word took the photographs
        text = text[: credit.start()]
        tail = [Author(a.name, "摄影") for a in parse_authors(_ROLE_RE.split(text)[-1], "摄影")]
        head = parse_authors(text[: text.rfind(_ROLE_RE.split(text)[-1])], default_role) if _ROLE_RE.search(text) else []
        return [a for a in head if a.name not in {t.name for t in tail}] + tail
    authors: list[Author] = []
    pos, role = 0, default_role
    for m in _ROLE_RE.finditer(text):
        authors += [Author(n, role) for n in _names(text[pos:m.start()])]
        role, pos = ROLE_WORDS[m.group()], m.end()
    authors += [Author(n, role) for n in _names(text[pos:])]
    return [a for a in authors if _plausible_name(a.name)]


def _plausible_name(name: str) -> bool:
    return 2 <= len(name) <= 6 or bool(re.fullmatch(r"[A-Za-z][A-Za-z .'-]{1,40}", name))


def lead_byline(paragraph: str) -> tuple[str, list[Author]] | None:
    """The `本报讯（…）` or `（记者…）` opening of a body paragraph and its authors, if it has one."""
    m = LEAD_RE.match(paragraph) or PAREN_LEAD_RE.match(paragraph)
    if not m:
        return None
    inner = m.group(1)
    if not _ROLE_RE.search(inner):
        return None
    return m.group(0), parse_authors(inner, default_role="记者")


# a byline printed at the end of an article: …的承诺。（记者 王三 通讯员 李四）
TRAILING_RE = re.compile(rf"[（(]\s*((?:本报)?(?:{_ROLE_ALT})[^（）()]{{1,60}})[）)]\s*$")


def trailing_byline(paragraph: str) -> list[Author]:
    """Authors from a parenthetical byline closing a paragraph, if there is one."""
    m = TRAILING_RE.search(paragraph)
    return parse_authors(m.group(1), default_role="记者") if m else []


def is_byline(line: str) -> bool:
    """A byline line such as `□ 记者 齐倩琼 通讯员 何 勇` (a role word followed by names, nothing else)."""
    s = line.strip()
    if not s or len(s) > 60 or re.search(r"[。！？，：:；]", s):
        return False
    if not BULLET_BYLINE_RE.match(s) and not s.startswith(tuple(_BULLETS)):
        return False
    authors = parse_authors(s, default_role="")
    rest = _ROLE_RE.sub("", s.lstrip(_BULLETS))
    named = sum(len(a.name) for a in authors)
    return bool(authors) and named >= len(re.sub(r"\s", "", rest)) - 1


def is_author_line(line: str) -> bool:
    """A plain line of 1-4 names separated by spaces, as printed under a feature's headline."""
    s = line.strip()
    if not s or len(s) > 30 or not re.fullmatch(rf"[{_NAME_CHARS}]+(?:[ 　]+[{_NAME_CHARS}]+){{0,5}}", s):
        return False
    parts = s.split()
    if len(parts) == 1:
        return False  # a lone word is more often a label than a name
    return all(2 <= len(p) <= 4 for p in parts) or all(len(p) <= 3 for p in parts)


def split_credit(caption: str) -> tuple[str, list[Author]]:
    """A caption without its photo credit, and the credited photographers (role 摄影)."""
    m = CREDIT_RE.search(caption)
    if not m:
        return caption.strip(), []
    # the names are the short tokens right before the credit word; a longer token is caption text
    tokens = m.group(1).split()
    keep = len(tokens)
    for k in range(len(tokens) - 1, -1, -1):
        if len(tokens[k]) > 3 and k < len(tokens) - 1:
            keep = len(tokens) - 1 - k
            break
    if keep < len(tokens):
        names_text = " ".join(tokens[-keep:])
        start = caption.rfind(names_text, m.start(1))
        m = CREDIT_RE.search(caption, start)
        if not m:
            return caption.strip(), []
    names = _names(m.group(1))
    if not names or not all(_plausible_name(n) and len(n) <= 4 for n in names):
        return caption.strip(), []
    text = caption[: m.start()].rstrip().rstrip("（(").rstrip()
    return text, [Author(n, "摄影") for n in names]


def has_credit(line: str) -> bool:
    return bool(split_credit(line)[1])
