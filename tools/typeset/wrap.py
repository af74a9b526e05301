"""Hard-wrapping a paragraph into column lines, and the small ways PDF/OCR text differs from the print.

`wrap` breaks a paragraph into lines of a column's width the way Chinese papers set them: a Latin or
half-width character takes half a cell, closing punctuation never starts a line (it hangs in the margin or
pulls the last character down), an opening bracket never ends one, and a Latin word is not cut. Every
break is checked against the app's own reflow (`app.core.reflow`), so joining the printed lines gives the
paragraph back exactly: the typesetter never makes a page whose gold the reflow cannot reach.
"""

from __future__ import annotations

import random
import re

from app.core.reflow import clean_paragraph, join_lines, remove_stray_spaces

# punctuation that must not start a line, and brackets that must not end one (禁则)
CLOSERS = frozenset("，。、；：？！）》」』”’…—·,.;:?!)%］】〕")
OPENERS = frozenset("（《「『“‘([［【〔")
HALF_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"})
_HAN = re.compile(r"[\u4e00-\u9fff]")


def cell(ch: str) -> float:
    """The width of one character in a column: half a cell for ASCII, a whole one otherwise."""
    return 0.5 if ord(ch) < 128 else 1.0


def width_of(text: str) -> float:
    return sum(cell(c) for c in text)


def _lead_end(text: str) -> int:
    """Where a leading `本报讯（…）` byline ends: the spaces between its names are printed on purpose, and a
    line break there would join two names into one."""
    m = re.match(r"^[^（(]{0,20}[（(][^（）()]{1,60}[）)]", text)
    return m.end() if m else 0


def _safe_break(text: str, j: int, protect: int = 0) -> bool:
    """Whether the paragraph can break before text[j] and still re-join to itself (a space at the break is
    dropped, as extraction drops it; a Latin word is never cut)."""
    left, right = text[:j].rstrip(" "), text[j:].lstrip(" ")
    if not left or not right:
        return False
    if j <= protect and (text[j] == " " or text[j - 1] == " "):
        return False
    window = text[max(0, j - 6): j + 6]
    lw, rw = text[max(0, j - 6): j].rstrip(" "), text[j: j + 6].lstrip(" ")
    return remove_stray_spaces(join_lines([lw, rw])) == remove_stray_spaces(window)


def wrap(text: str, width: float, first_indent: float = 0.0, hang: bool = True) -> list[str]:
    """The paragraph as column lines of `width` cells, the first line `first_indent` cells shorter."""
    lines: list[str] = []
    i, n = 0, len(text)
    protect = _lead_end(text)
    while i < n:
        cap = width - (first_indent if not lines else 0.0)
        w, j = 0.0, i
        while j < n and w + cell(text[j]) <= cap:
            w += cell(text[j])
            j += 1
        if j >= n:
            lines.append(text[i:].strip(" "))
            break
        j = max(j, i + 1)
        if hang:  # closing punctuation hangs in the margin rather than start the next line
            hung = 0
            while j < n and text[j] in CLOSERS and hung < 2:
                j += 1
                hung += 1
            if j >= n:
                lines.append(text[i:].strip(" "))
                break
        while j - 1 > i + 1 and text[j] in CLOSERS:  # or pulls the last character down with it
            j -= 1
        while j - 1 > i + 1 and text[j - 1] in OPENERS:
            j -= 1
        k = j
        while k > i + 1 and not _safe_break(text, k, protect):
            k -= 1
        if k <= i + 1:  # no safe break backwards: look forwards (a long Latin word overflows the column)
            k = j
            while k < n and not _safe_break(text, k, protect):
                k += 1
        if k >= n:
            lines.append(text[i:].strip(" "))
            break
        lines.append(text[i:k].rstrip(" "))
        i = k
        while i < n and text[i] == " ":
            i += 1
    return [ln for ln in lines if ln]


def stray_spaces(lines: list[str], rate: float, rng: random.Random, heading: bool = False) -> list[str]:
    """Lines with stray spaces put inside words (`全 面`, `为 32户`), as PDF extraction leaves them; only
    spaces that the SPEC (and the app's reflow) count as stray, checked on the whole paragraph."""
    if rate <= 0:
        return lines
    want = clean_paragraph(lines)
    out = list(lines)
    for k, line in enumerate(out):
        if rng.random() >= rate or len(line) < 4:
            continue
        for _ in range(4):
            p = rng.randrange(1, len(line))
            a, b = line[p - 1], line[p]
            if not ((_HAN.match(a) or a.isdigit()) and (_HAN.match(b) or b.isdigit())) or (a.isdigit() and b.isdigit()):
                continue
            trial = out[:k] + [line[:p] + " " + line[p:]] + out[k + 1:]
            if clean_paragraph(trial) == want:
                out = trial
                break
    return out


def letter_spaced(title: str) -> str:
    """A short title set with a space between its characters: `征 信 宣 传`."""
    return " ".join(title)
