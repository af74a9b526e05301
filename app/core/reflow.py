"""Reflow: turn hard-wrapped lines into clean paragraphs.

Lines of one paragraph are joined with no space (a space only between two Latin letters or digits),
and spaces that merely split Chinese characters or numbers (`全 面 规 范`, `2 台`) are removed, while
spaces inside and between Latin words stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .bylines import ROLE_ALT, ROLE_RE, is_author_note

# CJK ideographs, CJK punctuation and full-width forms (the same classes the gold scorer uses)
CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_RE = re.compile(f"[{CJK}]")
_CJK_QUOTES = "“”‘’《》—…·"
_TIGHT = f"{CJK}{_CJK_QUOTES}"
# a whitespace run with a CJK character (or CJK quote) on the left and CJK or a digit on the right,
# or a digit on the left and CJK on the right
# the space characters other than " " and a tab that extracted text carries: a no-break space (an HTML page's
# &nbsp;), the typographic spaces U+2000-U+200A, U+202F, U+205F, and the full-width space U+3000
OTHER_SPACES = "\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
SPACE = f"[ \\t{OTHER_SPACES}]"  # a space in extracted text, any of them
_STRAY = re.compile(f"(?<=[{_TIGHT}]){SPACE}+(?=[{_TIGHT}0-9])|(?<=[0-9]){SPACE}+(?=[{_TIGHT}])")
_MULTI_SPACE = re.compile(f"{SPACE}+")  # what is left of a run of spaces, any of them, is one plain space


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one paragraph: no space, except between two Latin letters/digits.

    Linear in the paragraph's length: each line is checked against the last character joined so far
    (never a search of the growing text), and the parts are joined once."""
    parts: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if parts and _is_latin(parts[-1][-1]) and _is_latin(line[0]) and _latin_word_break(parts[-1], line):
            parts.append(" ")
        parts.append(line)
    return "".join(parts)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _latin_word_break(left: str, right: str) -> bool:
    # "COVID-19" + "IgM" was printed with a space at the wrap; digits split across a wrap ("2" + "024") were not
    return not (left[-1].isdigit() and right[0].isdigit())


_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")


def remove_stray_spaces(text: str) -> str:
    """Drop spaces that split Chinese words or numbers; keep Latin spacing (runs collapse to one)."""
    return _MULTI_SPACE.sub(" ", _STRAY.sub("", _INVISIBLE.sub("", text))).strip()


# 本报讯（记者肖晗 汪漾 通讯员周晓胜）: the space between two names is printed on purpose
_LEAD = re.compile(r"^(\s*[^（(]{0,14}[（(])([^（）()]{1,80})([）)])")
_ROLE_SPACE = re.compile(rf"({ROLE_ALT}){SPACE}+")


def clean_paragraph(lines: Iterable[str]) -> str:
    text = join_lines(lines)
    m = _LEAD.match(text)
    # (a note on the author, （作者为…）, names no one: its spaces are stray)
    if m and ROLE_RE.search(m.group(2)) and not is_author_note(f"（{m.group(2)}）"):
        inner = _ROLE_SPACE.sub(r"\1", m.group(2))
        inner = re.sub(f"(?<=[\u4e00-\u9fff]){SPACE}+(?=[\u4e00-\u9fff])", _name_gap(inner), inner)
        return m.group(1) + _MULTI_SPACE.sub(" ", inner).strip() + m.group(3) + remove_stray_spaces(text[m.end():])
    return remove_stray_spaces(text)


def _name_gap(inner: str):
    """Keep one space between two names; drop a space that splits one name (何 勇)."""
    def gap(m: re.Match[str]) -> str:
        left = re.search(r"[\u4e00-\u9fff]+$", inner[:m.start()])
        right = re.match(r"[\u4e00-\u9fff]+", inner[m.end():])
        if left and right and (len(left.group()) == 1 or len(right.group()) == 1):
            return ""
        return " "
    return gap


def clean_heading(lines: Iterable[str]) -> str:
    """A heading keeps its printed spaces (a designed gap between two phrases), runs collapsed."""
    return _MULTI_SPACE.sub(" ", _INVISIBLE.sub("", join_lines(lines))).strip()
