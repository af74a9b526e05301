"""Bylines and photo credits: find them and read the authors and their roles out of them.

Handles the ways Chinese papers print who wrote or photographed a piece:
`□ 记者 齐倩琼 通讯员 何 勇`, `本报讯（记者宗璇 通讯员彭娟）`, `（特约记者杜川 通讯员郑丹）`,
a plain author line `郁馨怡 谢震宇` under a headline (role 作者), and photo credits `诸胜涛 摄`, `（朱柯 摄）`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
PHOTOGRAPHER = ROLE_WORDS["摄影"]  # the role a photo credit gives (王三 摄, 图/王三): no writer of the text
# the one list of role words as a regular expression (longest first): bylines, reflow, tags and the rule
# passes all read role words from here
ROLE_ALT = "|".join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True))
ROLE_RE = re.compile(ROLE_ALT)
_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_NAME_CHARS = f"{_HAN}·•"
BULLETS = "□■◆◇●○▲△☆★◎"  # the marks a byline may open with (□ 记者 王三, ◆王三)

# the source of a dispatch opening a paragraph: 本报讯, 本报北京2月1日电, 新华社北京电, 某某日报讯
_DISPATCH = (rf"(?:本报讯|本报[{_HAN}0-9０-９]{{1,14}}(?:电|讯)|(?:新华社|中新社|人民网|新华网|[{_HAN}]{{2,8}}"
             rf"(?:日报|晚报|报|社|网))[{_HAN}0-9０-９]{{0,14}}(?:电|讯))")
# 本报讯（记者… 通讯员…） / 本报XX电（记者…） / 新华社…电（记者…）
LEAD_RE = re.compile(rf"^\s*{_DISPATCH}\s*[（(]([^（）()]{{1,80}})[）)]")
# how an article's first paragraph opens (a dispatch source, or a bracketed byline): nothing runs on into it
LEAD_START = re.compile(rf"^\s*(?:{_DISPATCH}|[（(]\s*(?:本报|特约|{ROLE_ALT}))")
# a dateline opening an article with no byline after it: 新华社北京2月26日电, 本报北京2月1日电, 本报讯,
# 荆州日报讯. Stricter than `_DISPATCH` (a source with a date, or a paper's 讯): a sentence such as
# 这家合作社今年发电… must not read as one
_DATE = "[0-9０-９一二三四五六七八九十]"
DISPATCH_OPENING_RE = re.compile(
    rf"^\s*(?:本报讯|[{_HAN}]{{2,6}}(?:日报|晚报)讯|(?:本报|新华社|中新社|[{_HAN}]{{2,6}}(?:日报|晚报|通讯社))"
    rf"[{_HAN}]{{0,8}}(?:{_DATE}{{1,2}}月)?{_DATE}{{1,3}}日电|(?:新华社|中新社)[{_HAN}]{{2,8}}电)")
# a parenthetical byline that opens a paragraph without the 本报讯 prefix: （特约记者杜川 通讯员郑丹）
PAREN_LEAD_RE = re.compile(rf"^\s*[（(]\s*((?:{ROLE_ALT})[^（）()]{{1,80}})[）)]")
# a paper or agency whose reporter signs (新华社记者 王三, 经济日报记者 王三, 人民网记者 王三): no name of an author
AGENCY_PREFIX = rf"(?:本报|新华社|中新社|人民网|新华网|[{_HAN}]{{2,4}}(?:日报|晚报|时报|电视台))"
_AGENCY_BEFORE_ROLE = re.compile(rf"{AGENCY_PREFIX}(?=\s*(?:{ROLE_ALT}))")
# what a byline may close on after its names: 报道, 采写 (记者 王三 通讯员 李四 报道)
_BYLINE_TAIL = re.compile(r"\s*(?:报道|采写|采访整理|整理|撰文)\s*$")
BULLET_BYLINE_RE = re.compile(rf"^\s*[{BULLETS}]?\s*{AGENCY_PREFIX}?(?:{ROLE_ALT})\s*[{_NAME_CHARS}]")
# a news agency releasing a photo: 新华社发, （新华社发）, 中新社发 (a credit that names no photographer)
_AGENCY = "(?:新华社|中新社)发"
# photo credit at the end of a caption: "诸胜涛 摄", "（朱柯 摄）", "记者 王三 摄", "新华社记者 王 锐摄",
# "黄晓海摄（新华社发）" (names split by a stray or a no-break space: 李  舸)
CREDIT_RE = re.compile(
    rf"(?:(?<=[\s　。！？.!?）)”])|^|(?<=[（(]))(?:本报|新华社|中新社|人民网|新华网)?(?:(?:{ROLE_ALT})\s*)?"
    rf"([{_NAME_CHARS}]{{1,4}}(?:[ 　\xa0]+[{_NAME_CHARS}]{{1,4}}){{0,4}})\s*(?:摄影?|供图|/摄)\s*[）)]?"
    rf"(?:\s*[（(]{_AGENCY}[）)])?\s*$"
)
# the agency's credit alone at the end of a caption: …在田间作业。新华社发, …（新华社发）
AGENCY_CREDIT_RE = re.compile(rf"(?:(?<=[\s　。！？.!?）)”])|^)[（(]?{_AGENCY}[）)]?\s*$")
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
    text = text.strip().lstrip(BULLETS).strip()
    text = _BYLINE_TAIL.sub("", _AGENCY_BEFORE_ROLE.sub("", text))
    credit = re.search(r"\s*(?:摄影|摄|供图)\s*$", text)
    if credit and credit.start() > 0:
        # "记者 王三 摄": the names before the credit word took the photographs
        text = text[: credit.start()]
        tail = [Author(a.name, PHOTOGRAPHER) for a in parse_authors(ROLE_RE.split(text)[-1], PHOTOGRAPHER)]
        head = parse_authors(text[: text.rfind(ROLE_RE.split(text)[-1])], default_role) if ROLE_RE.search(text) else []
        return [a for a in head if a.name not in {t.name for t in tail}] + tail
    authors: list[Author] = []
    pos, role = 0, default_role
    for m in ROLE_RE.finditer(text):
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
    if not ROLE_RE.search(inner):
        return None
    return m.group(0), parse_authors(inner, default_role="记者")


def dispatch_opening(paragraph: str) -> bool:
    """Does this paragraph open an article with a dispatch line (`新华社北京2月26日电`, `本报讯`), with or
    without a byline after it? An article's first paragraph, whatever comes before it (read with the stray
    spaces a PDF put inside its words gone: 本报北京 2月25日电)."""
    paragraph = squeezed(paragraph)
    return bool(DISPATCH_OPENING_RE.match(paragraph)) or lead_byline(paragraph) is not None


# a byline printed at the end of an article: …的承诺。（记者 王三 通讯员 李四）
TRAILING_RE = re.compile(rf"[（(]\s*({AGENCY_PREFIX}?(?:{ROLE_ALT})[^（）()]{{1,60}})[）)]\s*$")
# a note on the author closing an article, no byline: （作者为联合国副秘书长）, （作者单位：郑州大学）
AUTHOR_NOTE_RE = re.compile(r"^[（(]\s*(?:本文)?作者\s*(?:为|系|是|单位|简介)[^（）()]{1,80}[）)]$")


# a space a PDF put between two characters of one word (作 者单位, 特 此公告, 本报北京 2月25日电); the matchers of
# fixed forms (dispatch_opening, is_author_note, roles.is_closing_formula, roles.is_closing_dispatch) read the
# text with such spaces gone, never a byline's names, which a space may part (记者 王三 李四)
_STRAY_GAP = re.compile(rf"(?<=[{_HAN}])[ \t\u3000\u00a0]+(?=[{_HAN}0-9０-９])|(?<=[0-9０-９])[ \t\u3000\u00a0]+(?=[{_HAN}])")


def squeezed(text: str) -> str:
    """The text without the spaces that part two Chinese characters, or a digit and a Chinese character."""
    return _STRAY_GAP.sub("", text)


def is_author_note(text: str) -> bool:
    """Is the text a note on the author (（作者为…）, （作者单位：…）, also （作 者单位：…）), which names no author?"""
    return bool(AUTHOR_NOTE_RE.match(squeezed(text).strip()))


def trailing_byline(paragraph: str) -> list[Author]:
    """Authors from a parenthetical byline closing a paragraph, if there is one (a note on the author is none)."""
    m = TRAILING_RE.search(paragraph)
    if not m or is_author_note(paragraph[m.start():]):
        return []
    return parse_authors(m.group(1), default_role="记者")


@lru_cache(maxsize=1 << 14)
def is_byline(line: str) -> bool:
    """A byline line such as `□ 记者 齐倩琼 通讯员 何 勇` (a role word followed by names, nothing else)."""
    s = line.strip()
    if not s or len(s) > 60 or re.search(r"[。！？，：:；]", s):
        return False
    if not BULLET_BYLINE_RE.match(s) and not s.startswith(tuple(BULLETS)):
        return False
    authors = parse_authors(s, default_role="")
    rest = ROLE_RE.sub("", _BYLINE_TAIL.sub("", _AGENCY_BEFORE_ROLE.sub("", s.lstrip(BULLETS))))
    named = sum(len(a.name) for a in authors)
    if not ROLE_RE.search(s) and not all(looks_like_name(a.name) or a.name.isascii() for a in authors):
        return False  # a bullet and no role word: only names make it a byline (■多方调配 保 / 障物资 is a subhead)
    return bool(authors) and named >= len(re.sub(r"\s", "", rest)) - 1


# a byline set as a label and its names: 作者：王三 李四, 文/王三 (the role word, then names and nothing else)
_SIGNED_RE = re.compile(rf"^\s*(?:作者|撰文|撰稿|文字|记者|通讯员|摄影|文|图)\s*[：:/／]\s*[{_NAME_CHARS}]")
_SPACED_NAMES_RE = re.compile(rf"[{_NAME_CHARS}](?:[ 　]+[{_NAME_CHARS}]){{1,11}}")  # 陈 芳 张 帆


def is_signed_line(line: str) -> bool:
    """A line that only signs the article: `作者：王三 李四`, `文/王三`, `记者：王三`."""
    s = line.strip()
    if not _SIGNED_RE.match(s) or len(s) > 40:
        return False
    names = re.split(r"[：:/／]", s, maxsplit=1)[1].strip()
    if re.fullmatch(rf"[{_NAME_CHARS}]{{2,4}}(?:[\s、，,　]+[{_NAME_CHARS}]{{1,4}}){{0,5}}", names):
        return True
    # names printed letter-spaced, 作者：陈 芳 张 帆: the characters pair into names
    return bool(_SPACED_NAMES_RE.fullmatch(names)) and all(looks_like_name(a.name) for a in parse_authors(names))


_LABEL_RE = re.compile(r"^\s*([\u4e00-\u9fff]{1,4})\s*[：:]\s*")


def labelled_names(line: str) -> str | None:
    """The names of a line that labels its authors with a word of its own, `寄思人：王三 李四` (no role word
    in the label), or None."""
    m = _LABEL_RE.match(line)
    if not m or ROLE_RE.search(m.group(1)):
        return None
    rest = line[m.end():].strip()
    parts = [p for p in re.split(r"[\s、，,　]+", rest) if p]
    return rest if parts and len(parts) <= 4 and all(looks_like_name(p) for p in parts) else None


# the common Chinese family names (单姓 and the frequent 复姓); a name starts with one of them
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游"
    "辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚"
    "皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦"
    "戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴"
    "昝智幸奉植衡富尧闭由"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐")


def looks_like_name(word: str) -> bool:
    """A 2-4 character Chinese personal name: a family name and one or two given-name characters."""
    if word.startswith(COMPOUND_SURNAMES):
        return 3 <= len(word) <= 4
    return 2 <= len(word) <= 3 and word[0] in SURNAMES


def is_author_line(line: str) -> bool:
    """A plain line of names separated by spaces, as printed under a feature's headline (郁馨怡 谢震宇)."""
    s = line.strip()
    if not s or len(s) > 30 or not re.fullmatch(rf"[{_NAME_CHARS}]+(?:[ 　]+[{_NAME_CHARS}]+){{0,5}}", s):
        return False
    parts = s.split()
    if len(parts) == 1:
        return len(parts[0]) >= 3 and looks_like_name(parts[0])  # 荆州, 金融: two characters say too little
    return all(looks_like_name(p) for p in parts) or (
        all(len(p) == 1 for p in parts) and looks_like_name("".join(parts)))


def split_credit(caption: str) -> tuple[str, list[Author]]:
    """A caption without its photo credit, and the credited photographers (role 摄影; an agency's credit,
    新华社发, names none)."""
    m = CREDIT_RE.search(caption)
    if not m:
        agency = AGENCY_CREDIT_RE.search(caption)
        return (caption[: agency.start()] if agency else caption).strip(), []
    # the names are the short tokens right before the credit word; a longer token is caption text
    tokens = m.group(1).split()
    keep = len(tokens)
    for k in range(len(tokens) - 1, -1, -1):
        if len(tokens[k]) > 3 and k < len(tokens) - 1:
            keep = len(tokens) - 1 - k
            break
    # a lone character before the names is the caption's wrapped-off end (…否则空落落 / 的 杜昱葆 摄), unless it
    # can open a name split by a stray space (王 沛, 何 勇)
    first = len(tokens) - keep
    while keep > 1 and len(tokens[first]) == 1 and (
            tokens[first] not in SURNAMES or len(tokens[first]) + len(tokens[first + 1]) > 3):
        first += 1
        keep -= 1
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
    return text, [Author(n, PHOTOGRAPHER) for n in names]


@lru_cache(maxsize=1 << 14)
def has_credit(line: str) -> bool:
    """Does the line end with a photo credit (names and 摄, or an agency's 新华社发)?"""
    return bool(split_credit(line)[1]) or bool(AGENCY_CREDIT_RE.search(line))
