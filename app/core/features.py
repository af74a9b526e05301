"""What the learned split sees of each piece of a page: typesetting and language evidence, as CRF features.

A page's visible lines are its pieces; a line whose start is a caption glued to a body line (after a column
break, the line goes on with the word the paragraph above left open) is cut in two. Each piece gets features
from how it is set (its width against the page's and the local column's width, indent, blank lines around
it, whole line or part of one), how it reads (end and start punctuation, a word or sentence running on across
the break or across pieces set inside it, commas, quotes, digits and Latin, enumeration marks), what it says
about its role (byline and role words, dispatch openings, photo credits and caption marks, dates, page codes,
editor credits, jump lines, notice and ad cues), where it sits on the page, and, for a short run of lines
that could be a headline group or a subhead, what the run says as a whole: its size, a byline or an
article's opening going with it, how much text lies around it, and whether the text below carries on the
topic of the text above (a subhead) or starts another (a new article's headline: shared character bigrams).
Its neighbours' main features (two either side) are copied in with their offset.

Nothing here keys on a paper's words: every cue is a form Chinese papers share.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from . import roles
from .bylines import (
    BULLET_BYLINE_RE,
    LEAD_START,
    ROLE_WORDS,
    has_credit,
    is_author_line,
    is_byline,
    lead_byline,
    trailing_byline,
)
from .layout import Ln, read_lines, reading_text
from .page import Page, Role, Span

FEATURES_VERSION = 2  # bump when a feature changes meaning: models trained on another version are refused

NEIGHBOURS = (-2, -1, 1, 2)  # offsets whose main features are copied in
TOPIC_WINDOW_HEAD = 400  # characters of text above and below a possible heading compared for their topic
HEADING_MAX_SHARE = 0.8  # a possible heading is at most this share of the column wide ...
HEADING_MIN_WIDTH = 26  # ... or this many cells (for narrow columns)
HEADING_MAX_RUN = 6  # pieces a headline group holds at most (section, kicker, 3 title lines, subtitle)
TOPIC_MARGIN = 0.1  # how much more a heading must share with one side to lean that way
GLUED_MIN_BLANKS = 2  # a glued caption is set after a column break (blank lines before its line)
BRIDGE_REACH = 10  # pieces a sentence may skip (a caption, a headline set inside it) and carry on below
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"[0-9０-９]")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
_PAGE_CODE = re.compile(r"^(?:第\s*[0-9一二三四五六七八九十]{1,3}\s*版|[A-Z]\s?\d{1,2}|\d{1,2}\s*版)")
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|\d{1,2}月\d{1,2}日")
_JUMP = re.compile(r"[上下]接第|转第|接第|[上下]转[0-9一二三四五六七八九十]")
_EDITOR = re.compile(r"(?:责任|本版|美术|值班)?编辑|校对|美编|版式|制图|审核|监制")
_NAMED_BYLINE = re.compile(r"^\s*(?:文\s*[/／]|图\s*[/／]|作者\s*[：:]|撰文\s*[：:]|[◆◇●■□▲★☆]\s*[\u4e00-\u9fff])")
_CAPTION_MARK = re.compile(r"^(?:图为|图[①-⑩\d]|[上下左右中]图[：:为]|▲|△|◀|▶)|图为")
_QUOTE = re.compile(r"[“”\"《》「」]")
_STOP_CHARS = set("的了在是和与及等也都就而为以对从把被这那其之有我你他她们个中上下")
_ROLE_WORD_RE = re.compile("|".join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True)))


@dataclass(frozen=True, slots=True)
class Piece:
    """One labelled unit of the page: a whole line, or the part of a line between two block boundaries."""

    line: int  # index into the page's visible lines
    start: int
    end: int
    text: str
    first_of_line: bool
    last_of_line: bool

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def pieces_of(text: str, lines: Sequence[Ln], cuts: Sequence[int] = ()) -> list[Piece]:
    """The page's pieces in printed order: each line, cut where `cuts` (source offsets) fall inside it."""
    cut_set = sorted(set(cuts))
    out: list[Piece] = []
    k = 0
    for i, ln in enumerate(lines):
        while k < len(cut_set) and cut_set[k] <= ln.start:
            k += 1
        inner = []
        j = k
        while j < len(cut_set) and cut_set[j] < ln.end:
            inner.append(cut_set[j])
            j += 1
        bounds = [ln.start, *inner, ln.end]
        parts = []
        for s, e in zip(bounds, bounds[1:], strict=False):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                parts.append((s, e))
        for n, (s, e) in enumerate(parts):
            out.append(Piece(i, s, e, reading_text(text[s:e]), n == 0, n == len(parts) - 1))
    return out


def glued_cuts(lines: Sequence[Ln]) -> list[int]:
    """Where a caption glued to the start of a body line ends (after a column break, the line goes on with
    the word the paragraph above left open): the cuts of a line into two pieces."""
    out = []
    for i in range(1, len(lines)):
        prev, ln = lines[i - 1], lines[i]
        if ln.blank_before < GLUED_MIN_BLANKS or roles.ends_sentence(prev.text) or roles.starts_mid_sentence(ln.text):
            continue
        cut = roles.glued_caption_split(prev.text, ln.text)
        if cut:
            out.append(ln.start + cut)
    return out


def _bucket(x: float, edges: Sequence[float]) -> int:
    """The index of the first edge above x (len(edges) if none): `edges` are sorted."""
    return bisect_right(edges, x)


@lru_cache(maxsize=1 << 16)
def _joins(left_tail: str, right_head: str) -> bool:
    return roles.joins_a_word(left_tail, right_head)


def joins(left: str, right: str) -> bool:
    """`roles.joins_a_word` of two pieces, read off the last and first three characters (all it looks at),
    cached on them: a sentence's run-on is looked for across up to BRIDGE_REACH pieces."""
    return _joins(left.rstrip()[-3:], right.lstrip()[:3])


def _end_class(t: str) -> str:
    c = t.rstrip()[-1:] or " "
    if c in "。！？!?":
        return "stop"
    if c in "，,、":
        return "comma"
    if c in "；;":
        return "semi"
    if c in "：:":
        return "colon"
    if c in "）)】":
        return "paren"
    if c in "”’\"」』》":
        return "quote"
    if c in "…—":
        return "dash"
    if _HAN.match(c):
        return "han"
    if _DIGIT.match(c):
        return "digit"
    if _LATIN.match(c):
        return "latin"
    return "other"


def _start_class(t: str) -> str:
    c = t.lstrip()[:1] or " "
    if c in "，,、。.；;：:！!？?）)”’」』】》%":
        return "closer"
    if c in "（(":
        return "paren"
    if c in "“\"「『《":
        return "quote"
    if c in "—-─":
        return "dash"
    if c in "□■◆◇●○▲△☆★◎·•":
        return "bullet"
    if _HAN.match(c):
        return "han"
    if _DIGIT.match(c):
        return "digit"
    if _LATIN.match(c):
        return "latin"
    return "other"


def bigrams(t: str) -> set[str]:
    """The text's pairs of neighbouring Chinese characters, function words left out (its topic, roughly)."""
    han = [c for c in t if "\u4e00" <= c <= "\u9fff" and c not in _STOP_CHARS]
    return {a + b for a, b in zip(han, han[1:], strict=False)}


def overlap(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def page_column(lines: Sequence[Ln]) -> float:
    """The page's main column width: the most common width of lines that run on (wrapped lines), or, on a
    page printed one paragraph a line (where the lines that run on are mostly headings and the odd column
    break), the typical line's width."""
    ws = sorted(ln.width for ln in lines if not roles.ends_sentence(ln.text) and ln.width >= 6)
    if len(ws) < 3:
        ws = sorted(ln.width for ln in lines)
    if not ws:
        return 0.0
    wrapped = ws[(len(ws) * 3) // 4] if len(ws) >= 4 else ws[-1]
    every = sorted(ln.width for ln in lines if ln.width >= 6)
    return max(wrapped, every[(len(every) * 3) // 4]) if every else wrapped


def _local_column(widths: list[float], ends: list[bool], i: int, window: int = 8) -> float:
    ws = sorted(widths[k] for k in range(max(0, i - window), min(len(widths), i + window + 1))
                if k != i and not ends[k] and widths[k] >= 6)
    if len(ws) < 3:
        return 0.0
    return ws[len(ws) // 2]


def piece_features(text: str, lines: Sequence[Ln], pieces: Sequence[Piece]) -> list[list[str]]:
    """The features of each piece (binary, by name), neighbours' main features included."""
    n = len(pieces)
    col = page_column(lines) or 1.0
    widths = [roles.width(p.text) for p in pieces]
    ends = [roles.ends_sentence(p.text) for p in pieces]
    line_w = [ln.width for ln in lines]
    line_end = [roles.ends_sentence(ln.text) for ln in lines]
    grams = [bigrams(p.text) for p in pieces]
    chars = [len(p.text) for p in pieces]
    cum = list(accumulate(chars, initial=0))
    bridged = _bridged(pieces, ends)
    runs = _heading_runs(pieces, widths, ends, col)
    feats_of_run: dict[tuple[int, int], list[str]] = {}
    locals_: dict[int, float] = {}  # the local column's width by line
    base: list[list[str]] = []
    main: list[list[str]] = []
    for i, p in enumerate(pieces):
        t = p.text
        ln = lines[p.line]
        w = widths[i]
        local = locals_.get(p.line)
        if local is None:
            local = locals_[p.line] = _local_column(line_w, line_end, p.line)
        blank_before = ln.blank_before if p.first_of_line else 0
        nxt_line = lines[p.line + 1] if p.line + 1 < len(lines) else None
        blank_after = (nxt_line.blank_before if nxt_line is not None else 99) if p.last_of_line else 0
        raw_line = text[text.rfind("\n", 0, ln.start) + 1:ln.start] if p.first_of_line else ""
        indent = roles.width(raw_line) if not raw_line.strip() else 0.0
        prev_t = pieces[i - 1].text if i else ""
        next_t = pieces[i + 1].text if i + 1 < n else ""
        commas = t.count("，") + t.count(",")
        han = len(_HAN.findall(t))
        f: list[str] = [
            "bias",
            f"w={_bucket(w, (2, 4, 6, 8, 11, 14, 18, 22, 27, 33, 40, 60))}",
            f"wcol={_bucket(w / col, (0.3, 0.5, 0.7, 0.85, 0.95, 1.06, 1.3, 2.0))}",
            f"bb={min(blank_before, 3)}",
            f"ba={min(blank_after, 3)}",
            f"end={_end_class(t)}",
            f"start={_start_class(t)}",
            f"commas={min(commas, 3)}",
            f"ind={_bucket(indent, (0.5, 1.5, 2.5))}",
            f"whole_line={int(p.first_of_line and p.last_of_line)}",
        ]
        if bridged[i]:
            f.append(f"bridged={bridged[i]}")
        if local:
            f.append(f"wloc={_bucket(w - local, (-8, -4, -2, -1, 0.5, 1.5, 4))}")
        else:
            f.append("wloc=none")
        if ends[i]:
            f.append("ends_sentence")
        if roles.starts_mid_sentence(t):
            f.append("starts_mid")
        if i and joins(prev_t, t):
            f.append("joins_prev")
        if i + 1 < n and joins(t, next_t):
            f.append("joins_next")
        if "。" in t[:-1]:
            f.append("inner_stop")
        if "：" in t or ":" in t:
            f.append("colon")
        if _QUOTE.search(t):
            f.append("quote")
        if " " in t.strip() or "\u3000" in t.strip():
            f.append("inner_space")
        if roles.is_headingish(t):
            f.append("headingish")
        if roles.is_subtitle(t):
            f.append("subtitle_dash")
        if roles.is_kicker(t):
            f.append("kicker_colon")
        if roles.is_parenthetical(t):
            f.append("parenthetical")
        if is_byline(t):
            f.append("byline")
        if BULLET_BYLINE_RE.match(t):
            f.append("bullet_byline")
        if _NAMED_BYLINE.match(t):
            f.append("named_byline")
        if is_author_line(t):
            f.append("author_line")
        if _ROLE_WORD_RE.search(t):
            f.append("role_word")
        if lead_byline(t):
            f.append("lead_byline")
        elif LEAD_START.match(t):
            f.append("lead_start")
        if trailing_byline(t):
            f.append("trailing_byline")
        if has_credit(t):
            f.append("credit")
        if t.rstrip("）) ").endswith("摄"):
            f.append("ends_she")
        if _CAPTION_MARK.search(t):
            f.append("caption_mark")
        if roles.is_caption_sentence(t):
            f.append("caption_sentence")
        if roles.is_end_marker(t):
            f.append("end_marker")
        if roles.is_furniture(t):
            f.append("furniture")
        if _EDITOR.search(t):
            f.append("editor_word")
        if _PAGE_CODE.match(t):
            f.append("page_code")
        if _DATE.search(t):
            f.append("date")
        if _WEEKDAY.search(t):
            f.append("weekday")
        if roles.is_date_line(t):
            f.append("date_line")
        if _JUMP.search(t) and w <= 16:
            f.append("jump")
        if roles.is_ad_line(t):
            f.append("ad_line")
        if roles.is_contact_line(t):
            f.append("contact")
        if roles.is_brand_line(t):
            f.append("brand")
        if roles.is_series_banner(t):
            f.append("series")
        if roles.is_notice_title(t):
            f.append("notice_title")
        if roles.is_closing_formula(t):
            f.append("closing")
        if roles.is_label(t):
            f.append("label")
        if chars[i]:
            digits = len(_DIGIT.findall(t)) / chars[i]
            latin = len(_LATIN.findall(t)) / chars[i]
            f.append(f"digits={_bucket(digits, (0.01, 0.2, 0.5))}")
            f.append(f"latin={_bucket(latin, (0.01, 0.3))}")
            f.append(f"han={_bucket(han / chars[i], (0.5, 0.8))}")
        rel = i / max(1, n - 1)
        f.append(f"pos={_bucket(rel, (0.05, 0.2, 0.8, 0.95))}")
        if i < 2:
            f.append(f"first{i}")
        if i >= n - 2:
            f.append(f"last{n - 1 - i}")
        if roles.is_list_item(t):
            f.append("enum")
        if runs[i] is not None:
            f += _run_features(runs[i], i, pieces, grams, cum, feats_of_run)
        base.append(f)
        main.append([k for k in f if _is_main(k)])
    out = []
    for i, f in enumerate(base):
        g = list(f)
        for d in NEIGHBOURS:
            j = i + d
            if 0 <= j < n:
                g += [f"{d}:{k}" for k in main[j]]
            else:
                g.append(f"{d}:edge")
        # pairs that tell a heading from a wrapped line, and a paragraph's start from its continuation
        g.append(f"end*bb:{_end_class(pieces[i - 1].text) if i else 'edge'}|{min(lines[pieces[i].line].blank_before, 2)}")
        out.append(g)
    return out


_MAIN = {"bridged", "enum", "run", "run_byline", "run_lead_below", "w", "wcol", "wloc", "bb", "ba", "end", "start", "ends_sentence", "starts_mid", "headingish",
         "byline", "bullet_byline", "named_byline", "lead_byline", "lead_start", "credit", "caption_sentence",
         "furniture", "author_line", "subtitle_dash", "kicker_colon", "ad_line", "date",
         "page_code", "caption_mark", "series", "notice_title", "jump"}


def _heading_runs(pieces: Sequence[Piece], widths: list[float], ends: list[bool],
                  col: float) -> list[tuple[int, int] | None]:
    """Runs of consecutive pieces that could be a headline group or a subhead (short, not running on):
    for each piece, (first, last) of its run, or None."""
    cand = [widths[i] <= max(HEADING_MAX_SHARE * col, HEADING_MIN_WIDTH) and not roles.starts_mid_sentence(p.text)
            and p.text.rstrip()[-1:] not in "，,、" for i, p in enumerate(pieces)]
    out: list[tuple[int, int] | None] = [None] * len(pieces)
    i = 0
    while i < len(pieces):
        if not cand[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(pieces) and cand[j + 1] and j + 1 - i < HEADING_MAX_RUN:
            j += 1
        for k in range(i, j + 1):
            out[k] = (i, j)
        i = j + 1
    return out


def _run_features(run: tuple[int, int], i: int, pieces: Sequence[Piece], grams: list[set[str]],
                  cum: list[int], cache: dict[tuple[int, int], list[str]]) -> list[str]:
    """What a possible headline group or subhead says as a whole: its size, whether a byline or an article's
    opening goes with it, how long the text around it runs, and whether the text below carries on the topic
    of the text above (a subhead) or starts another (a new article's headline)."""
    a, b = run
    pos = "only" if a == b else "first" if i == a else "last" if i == b else "mid"
    if run not in cache:
        texts = [pieces[k].text for k in range(a, b + 1)]
        nxt = pieces[b + 1].text if b + 1 < len(pieces) else ""
        out = [f"run={min(b - a + 1, 4)}"]
        if any(is_byline(t) or _NAMED_BYLINE.match(t) or is_author_line(t) for t in texts):
            out.append("run_byline")
        if lead_byline(nxt) or LEAD_START.match(nxt):
            out.append("run_lead_below")
        if any(roles.is_subtitle(t) for t in texts):
            out.append("run_subtitle")
        above, n_above = _window(grams, cum, a, -1, TOPIC_WINDOW_HEAD)
        below, n_below = _window(grams, cum, b, 1, TOPIC_WINDOW_HEAD)
        out.append(f"run_above={_bucket(n_above, (1, 60, 200, 400))}")
        out.append(f"run_below={_bucket(n_below, (1, 60, 200, 400))}")
        out.append(f"cont={_bucket(overlap(above, below), (0.03, 0.08, 0.15, 0.25))}")
        head = set().union(*(grams[k] for k in range(a, b + 1)))
        if head:
            up, down = overlap(head, above), overlap(head, below)
            out.append("top_dir=" + ("up" if up > down + TOPIC_MARGIN else "down" if down > up + TOPIC_MARGIN
                                     else "even"))
        cache[run] = out
    sig = "|".join(x for x in cache[run] if x.startswith(("run=", "run_byline", "run_lead", "run_subtitle")))
    return [f"runpos={pos}", f"runpos={pos}|{sig}", *cache[run]]


def _bridged(pieces: Sequence[Piece], ends: list[bool]) -> list[str]:
    """Pieces set inside an unfinished sentence: the sentence stops before them and carries on after them
    ('in' for the pieces skipped, 'out' for the piece it carries on in)."""
    out = [""] * len(pieces)
    mid = [roles.starts_mid_sentence(p.text) for p in pieces]
    for i in range(1, len(pieces)):
        prev = pieces[i - 1].text
        if ends[i - 1] or mid[i] or joins(prev, pieces[i].text):
            continue
        for j in range(i + 1, min(len(pieces), i + 1 + BRIDGE_REACH)):
            t = pieces[j].text
            if mid[j] or joins(prev, t):
                for k in range(i, j):
                    out[k] = out[k] or "in"
                out[j] = out[j] or "out"
                break
    return out


@lru_cache(maxsize=4096)
def _is_main(feature: str) -> bool:
    """Is this one of the features copied into the neighbours' (by its name before `=`)?"""
    return feature.split("=")[0] in _MAIN


def _window(grams: list[set[str]], cum: list[int], i: int, step: int, reach: int) -> tuple[set[str], int]:
    """The bigrams of about `reach` characters of text from piece i on (not included), whole pieces until
    `reach` is met, and the characters read. `cum` holds the pieces' running character counts (cum[k]: the
    characters of pieces before k)."""
    if step > 0:
        start = i + 1
        end = min(bisect_left(cum, cum[start] + reach, start + 1), len(grams)) if start < len(grams) else start
    else:
        end = i
        start = max(bisect_right(cum, cum[i] - reach, 0, i) - 1, 0) if i > 0 else 0
    return set().union(*grams[start:end]), cum[end] - cum[start]


def page_pieces(text: str) -> tuple[tuple[Ln, ...], list[Piece]]:
    """The page's lines and its pieces (lines, cut after a caption glued to the start of a body line)."""
    lines = read_lines(text)
    return lines, pieces_of(text, lines, glued_cuts(lines))


def piece_roles(page: Page, pieces: Sequence[Piece]) -> list[tuple[int, Role, int]]:
    """For training: each piece's (item index, role, block id) in a true page model, by most characters."""
    owner: dict[int, tuple[int, Role, int]] = {}
    for k, it in enumerate(page.items):
        for b in it.blocks:
            role = Role.FURNITURE if it.kind.value == "furniture" else b.role
            for s, e in b.spans:
                for x in range(s, e):
                    owner[x] = (k, role, b.id)
    out = []
    for p in pieces:
        counts: dict[tuple[int, Role, int], int] = {}
        for x in range(p.start, p.end):
            o = owner.get(x)
            if o is not None and not page.text[x].isspace():
                counts[o] = counts.get(o, 0) + 1
        out.append(max(counts, key=lambda o: counts[o]) if counts else (-1, Role.FURNITURE, -1))
    return out
