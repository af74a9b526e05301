"""Role detectors: what a single line of a page looks like, from how Chinese newspapers are typeset.

Each function looks at one line's text (and at most its neighbours' text) and never at a particular paper's
words: headings are short, unpunctuated and stand alone; captions are short standalone sentences or carry a
photo credit; furniture is editor credits, page labels and dates; ads carry phone numbers, codes, addresses,
Latin brand names and rates.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .bylines import LEAD_START, has_credit, is_byline, lead_byline, squeezed

TEXT_CACHE = 1 << 14  # line texts whose verdicts are kept: each pass asks about the same lines again
CUT_CONTEXT = 6  # characters either side of a line break jieba reads to tell whether the break cuts a word
SENTENCE_END = "。！？!?…；;"
CLAUSE_PUNCT = "，,、；;：:。！？!?"
CLOSERS = "”’\"」』）)】》"
OPENERS = "“‘「『（(【《〔"  # marks no line may end on: typesetters push them down to the line they open
KICKER_ENDS = ("——", "—", "：", ":")  # a kicker leading into its title ends on a dash or a colon
HEADING_MAX_CELLS = 40  # cells a heading's line stays within: a wider line is text (a full column of the widest pages)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# characters that cannot open a sentence: a line starting with one continues the line before it
_PARTICLES = set("的了着们得吗呢吧啊")
# function words a headline never ends on
_NO_HEADING_END = set("的了着和与及或把被并而但且就也都还又之其该")
_NO_START_PUNCT = set("，,、。.；;：:！!？?）)”’」』】》%")
_SERIES = re.compile(r"[①-⑳㉑-㉟]|系列报道|系列访谈|风采展示|专栏|主办|协办|承办|特刊|专刊|之[一二三四五六七八九十]+$")
_FURNITURE = re.compile(
    r"^(?:责任编辑|本版编辑|值班编辑|编辑|美编|校对|版式|版式设计|组版|制图|审核|审校|终审|二审|一审|监制|策划)\s*[：:]"
    r"|责任编辑\s*[：:]|美\s*编\s*[：:]"
    r"|^(?:责任编辑|本版编辑|美术编辑|值班编辑)\s*[\u4e00-\u9fff]{2,4}(?:\s|$)"
    r"|^(?:编辑|美编|校对|版式|组版|审读)\s*[\u4e00-\u9fff]{2,4}\s+(?:美术编辑|美编|校对|版式|组版|审读|编辑)\s*[：:]?\s*[\u4e00-\u9fff]{2,4}"
    r"|^第?\s*[A-Z]?\d{1,3}\s*版"
    r"|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]"
    r"|^[\d\s\-—./|]+$"
)
_AD = re.compile(
    r"(?:电话|热线|咨询|服务|客服|订购|联系|Tel|TEL)\s*[：:]?\s*[\d（(][\d\-－（）() ]{4,}"
    r"|\b\d{3,4}-\d{7,8}\b|\b400-?\d{3}-?\d{4}\b|\b9\d{4}\b"
    r"|www\.|https?://|\.com\b|\.cn\b|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
    r"|产品(?:代码|编码|类型)|起购金额|风险等级|业绩比较基准|网点地址|^地址[：:]|网址[：:]|官方微博|扫码|二维码"
    r"|[A-Z]{2,}(?:\s+[A-Z&]{2,}){1,}"
    r"|\s\|\s"
    r"|^\s*[-•·▪■◆]\s+\S"
    r"|\d+(?:\.\d+)?%\s*[—\-~～至]\s*\d+(?:\.\d+)?%"
)
_CAPTION_MARK = re.compile(r"^(?:图为|图[①-⑩\d]|[上下左右中]图[：:为]|▲|△|◀|▶)")
_BRAND = re.compile(r"^[\u4e00-\u9fff]{2,10}\s+[A-Z][A-Z &.]{3,}$")
_END_MARKER = re.compile(r"^[（(][^（）()]{0,40}(?:图片|照片|图|数据|资料|来源|本文|稿件|文字)[^（）()]{0,40}[）)]$")
_FIRST_CLAUSE = re.compile(rf"^[^{re.escape(CLAUSE_PUNCT)}][{re.escape(CLAUSE_PUNCT + CLOSERS)}]")


@lru_cache(maxsize=TEXT_CACHE)
def width(text: str) -> float:
    """Printed width in full-width character cells (Latin letters and digits count half)."""
    return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in text if not c.isspace()) + 0.5 * text.count(" ")


@lru_cache(maxsize=TEXT_CACHE)
def ends_sentence(text: str) -> bool:
    t = text.rstrip()
    if t.endswith(("——", "……")):
        return True
    if is_parenthetical(t):
        return True
    core = t.rstrip(CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


def is_parenthetical(text: str) -> bool:
    t = text.strip()
    return len(t) >= 3 and t[0] in "（(" and t[-1] in "）)"


# a dispatch line closing an article in brackets, as 人民日报 prints it under a report filed abroad or out of town
# (（本报约翰内斯堡2月9日电）, （新华社北京2月1日电）): nothing of that article follows it
_CLOSING_DISPATCH = re.compile(r"^[（(]\s*(?:本报|新华社|据新华社|中新社)[^（）()，。,]{0,24}电\s*[）)]$")


def is_closing_dispatch(text: str) -> bool:
    """（本报华沙2月9日电）: a bracketed dispatch alone on its line, closing the article above it."""
    return bool(_CLOSING_DISPATCH.match(squeezed(text).strip()))


# a note in brackets on how the article was made, closing it (人民日报's body texts, 2019-02 and 2020-02: 63 such
# notes, every one the text's last paragraph or followed by page furniture alone): who else wrote or reported
# it (（李英姿参与采写）, （雷引杰、余冰玥参与采写）), who drafted it (（执笔：王公龙）), where it was taken from
# (（摘编自2月3日《经济日报》）), the end of a series (（本系列评论到此结束）), where more is printed (（相关报道见第二版）).
# (A note of who wrote a part up, （本报记者 X整理）, may close one part of a round-up and is left out.)
_MAKING_NOTE = re.compile(r"^[（(][^（）()]{0,60}(?:参与采写|参与采访|执笔[：:]|摘编自|到此结束|相关报道见)[^（）()]{0,60}[）)]$")


def is_making_note(text: str) -> bool:
    """（李英姿参与采写）, （执笔：王公龙）, （摘编自…）: a bracketed note alone on its line, closing the article above."""
    return bool(_MAKING_NOTE.match(squeezed(text).strip()))


def is_end_marker(text: str) -> bool:
    """A credit line printed at the end of an article: (图片由…提供), （数据截至…）."""
    return bool(_END_MARKER.match(text.strip()))


_DATE_LINE = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日$")
_CLOSING = re.compile(r"^特此(?:公告|声明|通知|说明|告知|函告|致谢)[。！]?$")


# the words a notice's title ends with: the one list (titles, item kinds) of what makes a notice
NOTICE_WORDS = ("公告", "声明", "启事", "通告", "告示", "讣告", "通知书", "告知书", "公示")
_NOTICE_TITLE = re.compile(rf"(?:{'|'.join(NOTICE_WORDS)})$")


def is_notice_title(text: str) -> bool:
    """更名公告, 遗失声明, 招聘启事: a notice's title."""
    t = text.strip()
    return width(t) <= 20 and bool(_NOTICE_TITLE.search(t))


def is_date_line(text: str) -> bool:
    """A date alone on its line, as under a notice's signature: 2024年5月20日."""
    return bool(_DATE_LINE.match(text.strip()))


def is_closing_formula(text: str) -> bool:
    """特此公告。 and its kin (特 此公告。 as a PDF may space it): the last line of a notice's text."""
    return bool(_CLOSING.match(squeezed(text).strip()))


@lru_cache(maxsize=TEXT_CACHE)
def is_headingish(text: str) -> bool:
    """Could this line be a headline, kicker, subtitle, subhead or banner, by its text alone?"""
    t = text.strip()
    if len(t) < 2 or width(t) > HEADING_MAX_CELLS or not _HAN.search(t) or is_date_line(t):
        return False
    if is_parenthetical(t) or lead_byline(t) or is_byline(t) or LEAD_START.match(t) or _CAPTION_MARK.match(t):
        return False
    if "。" in t or "；" in t or ";" in t or t[-1] in "，,、；;。." or t[-1] in _NO_HEADING_END:
        return False
    if t[-1] in "！？!?" and width(t) > 26:
        return False
    parts = re.split(r"[，,]", t)
    if len(parts) > 2 or t.count("、") > 2:
        return False
    if len(parts) == 2 and not all(3 <= len(p.strip()) <= 14 for p in parts):
        return False  # a wrapped sentence, not two parallel headline phrases
    if _AD.search(t) or is_furniture(t):
        return False
    return True


def is_short_phrase_title(text: str) -> bool:
    """A title of two phrases round a comma, one of them of two characters (众筹的文化大院，火了 / 老挝，从“陆锁国”
    迈向“陆联国”), that `is_headingish` turns down for its short phrase: by its text alone it is no different
    from a wrapped line of body text (当前，面对新型冠状病毒感染的肺炎 / …不攻自破，暴露: three typeset draws held
    20 such headline lines and 2,265 such lines of text), so only a line's place may read it as a title
    (`layout.under_dashed_kicker`)."""
    t = text.strip()
    parts = re.split(r"[，,]", t)
    if len(parts) != 2 or is_headingish(t) or width(t) > HEADING_MAX_CELLS:
        return False
    first, last = (p.strip() for p in parts)
    if sorted((len(first), len(last))) != [2, max(2, len(first), len(last))] or max(len(first), len(last)) > 14:
        return False
    joined = first + last
    # a short phrase saying what became of the first (…，火了 / …，变了) ends on 了 as no other headline does
    return is_headingish(joined[:-1] if len(last) == 2 and last.endswith("了") else joined)


def is_subtitle(text: str) -> bool:
    t = text.strip()
    return t.startswith(("——", "—", "--", "──")) and is_headingish(t)


def is_kicker(text: str) -> bool:
    t = text.strip()
    return t.endswith(("：", ":")) and width(t) <= 24


# a column or series label printed over a title (人民论坛, 神州观览, 新春走基层·代表委员履职故事): one short
# name, or names joined by a middle dot. A kicker of that length is a clause leading into the title: who
# acts or where (市人民医院, 各级财政, 福建厦门, 生态环境部), or who said what (孙春兰强调, 国办印发意见):
# a place or body, or a speech or action verb at its end, makes it a kicker
COLUMN_LABEL_MAX_CHARS = 6
_COLUMN_LABEL = re.compile(rf"^[\u4e00-\u9fff]{{2,{COLUMN_LABEL_MAX_CHARS}}}$"
                           r"|^[\u4e00-\u9fff“”]{2,10}(?:·[\u4e00-\u9fff“”0-9]{2,12})+[①-⑳]?$")
_KICKER_SUBJECT = re.compile(
    r"(?:强调|表示|指出|印发|宣布|提示|发文|公告|要求|部署|会见|主持|出席|致信|回信|通报|批示"
    r"|[省市县区镇乡州部局委厅署办院所校司联]|集团|公司|银行|医院|财政|机关|政府|中心|协会)$"
    # who did what to what (国办印发意见, 商务部回应关切): a verb with its object after it (权威发布 is a label)
    r"|(?:印发|召开|回应|解读|发布|出台|开启|推出|举行|启动)(?!会)(?=[\u4e00-\u9fff])"
    r"|^(?:北京|天津|上海|重庆|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南"
    r"|广东|广西|海南|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾|全国|各级|各地)")


def is_column_label(text: str) -> bool:
    """A column or series label (人民论坛, 暖相册·春运故事) rather than a kicker, printed on its own line
    over a title."""
    t = text.strip()
    return bool(_COLUMN_LABEL.match(t)) and not _KICKER_SUBJECT.search(t)


# a title closing on its column's name in brackets (意识形态偏见也是病毒（钟声）, 应收尽收 应治尽治（人民论坛）,
# …（一线抗疫群英谱）): a headline's mark that a subhead never carries (typeset 2020-02: 81 titles, no subhead).
# The tag is a name, not a note or a byline: no sentence inside it, no reporter or dispatch words; it may be two
# phrases either side of a comma (社区防控，我们在行动, 来信综述·面对疫情，我们怎么做1)
_TITLE_TAG = re.compile(r"^(?P<head>[^（(]*[\u4e00-\u9fff”》][^（(]*)[（(](?P<tag>[^（）()。，,；;：:]{2,16}"
                        r"(?:[，,][^（）()。，,；;：:]{2,12})?)[）)]$")
_NOT_A_TAG = re.compile(r"记者|通讯员|摄|电$|作者|执笔|参与|整理|供图|图片|资料")


def is_tagged_title(text: str) -> bool:
    """A headline closing on its column's name in brackets (…（人民论坛））, not a bracketed note or byline."""
    m = _TITLE_TAG.match(re.sub(r"\s+", "", text))
    # (a headline may ask or exclaim, 美国在中国抗击疫情中表现如何？（国际论坛）; a full stop ends a sentence)
    return bool(m) and len(_HAN.findall(m["head"])) >= 4 and not _NOT_A_TAG.search(m["tag"]) \
        and not m["head"].endswith(("。", "；", ";", "…"))


# the title papers give a photo report (a photo and a paragraph on it): a headline of its own, whatever its size
_PHOTO_REPORT = re.compile(r"^(?:图片报道|图片新闻|新闻图片|图片故事|图说新闻)$")


def is_photo_report(text: str) -> bool:
    """图片报道, 图片新闻: the title of a photo report, a short item of its own."""
    return bool(_PHOTO_REPORT.match(re.sub(r"\s+", "", text)))


def is_series_banner(text: str) -> bool:
    return bool(_SERIES.search(text.strip()))


@lru_cache(maxsize=TEXT_CACHE)
def is_furniture(text: str) -> bool:
    return bool(_FURNITURE.search(text.strip()))


_PAGE_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]")


def is_page_header(text: str) -> bool:
    """A page's running head: its date with the weekday, with at most the page number, the page's name
    or the paper's name beside it (10 理论 2019年02月27日 星期三)."""
    t = text.strip()
    return width(t) <= 34 and bool(_PAGE_DATE.search(t)) and not any(c in t for c in "，。；")


_PAPER_NAME = re.compile(r"^(?:[A-Z]?\d{1,3}\s*)?[\u4e00-\u9fff]{2,6}(?:日报|晚报|早报|晨报|都市报|商报|时报|周报|周刊)$"
                         r"|^第\s*[\d一二三四五六七八九十百零〇]+\s*期$"
                         # a page's code and name: 09 生态, A05 要闻, 第3版：视点
                         r"|^(?:第\s*[\d一二三四五六七八九十]+\s*版\s*[：:]?\s*|[A-Z]?\d{1,2}\s+)[\u4e00-\u9fff]{2,4}$")
_SOURCE_LINE = re.compile(r"^[（(]?据[\u4e00-\u9fff·]{2,14}[）)]?$")


_EDITORS = re.compile(r"^(?:本版|本期)?(?:责编|责校|编审|主编|审签|监制)\s*[：:]")


def is_page_label(text: str) -> bool:
    """The paper's name (with its page code) or the issue's number on a line of its own (江西晚报, A10 湖州晚报,
    第3期), or an editors' line in its short forms (责编：王三 校对：李四). Page furniture, wherever it stands."""
    t = text.strip()
    return bool(_PAPER_NAME.match(t) or (_EDITORS.match(t) and width(t) <= 40))


# a jump line, where an article breaks off to another page or resumes from one: （下转第5版）, 上接第1版, （紧接第2版）
_JUMP_LINE = re.compile(r"^[（(]?\s*(?:下转|上接|紧接|转|接)\s*(?:第\s*)?[\dA-Z一二三四五六七八九十]{1,3}\s*版\s*[）)]?$")


def is_jump_line(text: str) -> bool:
    """A jump line on its own (（下转第5版）, 上接第1版): page furniture between an article's parts."""
    return bool(_JUMP_LINE.match(text.strip()))


def is_source_line(text: str) -> bool:
    """The source an article closes with, on a line of its own: 据中国之声, （据新华社电）. Body text."""
    return bool(_SOURCE_LINE.match(text.strip()))


BRACKET_PAIRS = ("（）", "()", "“”", "《》", "【】")


def unbalanced(text: str, closing: bool = False) -> bool:
    """Does the text open a bracket or quote it does not close (逆势上扬外贸稳（数字看)? With `closing`, does it
    close one it never opened (…争分夺秒。”陈国玺说。: it ends what the text above began)?"""
    if closing:
        return any(text.count(b) > text.count(a) for a, b in BRACKET_PAIRS)
    return any(text.count(a) > text.count(b) for a, b in BRACKET_PAIRS)


def is_label(text: str) -> bool:
    """A page or column label of one short word (金融, 要闻), printed apart from any item."""
    t = text.strip()
    return 1 <= len(t) <= 3 and bool(re.fullmatch(r"[\u4e00-\u9fff]+", t))


@lru_cache(maxsize=TEXT_CACHE)
def is_ad_line(text: str) -> bool:
    return bool(_AD.search(text))


def is_brand_line(text: str) -> bool:
    """An advertiser's logo line: a Chinese name followed by its Latin name (兴业银行 INDUSTRIAL BANK)."""
    return bool(_BRAND.match(text.strip()))


def is_contact_line(text: str) -> bool:
    return bool(re.search(r"电话|热线|地址|网址|网点|www\.|客服|\b\d{3,4}-\d{7,8}\b", text))


def has_caption_mark(text: str) -> bool:
    """The line opens as photo captions do: 图为…, 图①：…, 上图：…, ▲…."""
    return bool(_CAPTION_MARK.match(text.strip()))


@lru_cache(maxsize=TEXT_CACHE)
def is_caption_sentence(text: str) -> bool:
    """A short, single-clause sentence standing alone: how photo captions read."""
    t = text.strip()
    if has_credit(t):
        return True
    if _CAPTION_MARK.match(t) and width(t) <= 80:
        return True
    if not t.endswith("。") or t.count("。") > 1 or lead_byline(t) or is_closing_formula(t):
        return False
    commas = t.count("，") + t.count(",")
    w = width(t)
    return (commas == 0 and w <= 40) or (commas == 1 and w <= 16)


# the mark that opens an item of a numbered list: 一、 （二） 3. 第四， ⑤ ［7］
_LIST_ITEM = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．]|"
                        r"第[一二三四五六七八九十]{1,3}[，、 ]|[①-⑳]|[［\[【]\d{1,3}[］\]】])")


def is_list_item(text: str) -> bool:
    """Does the line open an item of a numbered list (一、…, （二）…, 3.…, 第四，…, ⑤…) or a note (［7］…)?"""
    return bool(_LIST_ITEM.match(text.strip()))


@lru_cache(maxsize=TEXT_CACHE)
def starts_mid_sentence(text: str) -> bool:
    """The line begins with something no sentence begins with: it continues the line before."""
    t = text.lstrip()
    if not t:
        return False
    return t[0] in _NO_START_PUNCT or t[0] in _PARTICLES or bool(_FIRST_CLAUSE.match(t))


@lru_cache(maxsize=1)
def _jieba():
    from .tags import load_jieba

    return load_jieba()


def _words() -> dict[str, int]:
    return _jieba().dt.FREQ


def is_common_word(text: str, min_freq: int = 20) -> bool:
    """Is `text` a dictionary word (a place or thing) rather than, say, a personal name?"""
    return _words().get(text, 0) >= min_freq


@lru_cache(maxsize=TEXT_CACHE)
def joins_a_word(left: str, right: str, max_len: int = 4) -> bool:
    """Do the end of `left` and the start of `right` form one dictionary word (提 + 升 = 提升)?"""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right or not _HAN.match(left[-1]) or not _HAN.match(right[0]):
        return False
    words = _words()
    for k in range(1, min(3, len(left)) + 1):
        for m in range(1, min(max_len - k, len(right)) + 1):
            w = left[-k:] + right[:m]
            if len(w) >= 2 and words.get(w):
                return True
    return False


# words that never end a heading or a sentence: a preposition, a conjunction or a copula waits for what follows
# it (…从传统农业模式向 / 精准农业模式转型, …移民区通过 / “专业合作社…”模式, …的妈妈宋敏孝是 / 一名上班族)
OPEN_END_WORDS = frozenset(
    "向 从 对 在 为 以 将 把 被 给 跟 同 与 和 及 于 由 自 往 朝 按 据 经 是 并 而 但 通过 关于 对于 根据 按照 随着 围绕 "
    "针对 因为 由于 如果 虽然 但是 而且 并且 以及 或者 还是 就是 不仅 为了 除了 因此 所以".split())


@lru_cache(maxsize=TEXT_CACHE)
def ends_open(text: str) -> bool:
    """Does the line end on a word that waits for what follows it (`OPEN_END_WORDS`, as jieba cuts the
    line's end: …模式向 ends on 向, …方向 on 方向)? A heading or a sentence never ends so."""
    t = text.rstrip()
    if not t or not _HAN.match(t[-1]):
        return False
    tokens = _jieba().lcut(t[-CUT_CONTEXT:], HMM=False)
    return bool(tokens) and tokens[-1] in OPEN_END_WORDS


@lru_cache(maxsize=TEXT_CACHE)
def cuts_a_word(left: str, right: str) -> bool:
    """Does the line break between `left` and `right` fall inside a word, as jieba reads the two joined
    (经济社会发 / 展目标: 发展)? A kicker over its title ends on a whole word; a wrapped title need not;
    body text cut by a column break often cuts one."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right or not _HAN.match(left[-1]) or not _HAN.match(right[0]):
        return False
    a, b = left[-CUT_CONTEXT:], right[:CUT_CONTEXT]
    pos = 0
    for token in _jieba().lcut(a + b, HMM=False):
        if pos < len(a) < pos + len(token):
            return True
        pos += len(token)
    return False


def glued_caption_split(open_tail: str, line: str, min_caption: int = 6, max_caption: int = 40) -> int:
    """Where a caption glued to the start of a body line ends, given the open paragraph's tail; 0 if none.

    `工行工作人员在车间走访批的同时，…` after a paragraph ending `…环节审`: the caption is the part before
    `批`, because `审` + `批` forms a word and the caption part holds no punctuation.
    """
    words = _words()
    tail = open_tail.rstrip()
    if not tail or not _HAN.match(tail[-1]):
        return 0
    limit = min(max_caption, len(line) - 2)
    for k in range(min_caption, limit + 1):
        head = line[:k]
        if any(c in CLAUSE_PUNCT or c.isspace() for c in head):
            return 0
        a, b = tail[-1], line[k]
        if _HAN.match(b) and words.get(a + b, 0) >= 300 and line[k:k + 2] not in words:
            return k
    return 0
