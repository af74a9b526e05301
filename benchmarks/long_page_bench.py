"""Benchmark: the split of one very long page grows in proportion to its size (linear time).

Generates page texts of 20,000, 60,000 and 200,000 lines mixing every shape a page has (headlines,
subheads, bylines, paragraphs hard-wrapped at the column width with blank lines at column breaks, one paragraph
half the page long, captions with photo credits, ad clusters with phone numbers, Latin text, runs of
short unpunctuated lines), splits each (`split_page`, then the records `newsdesk split` prints) and
reports the time per 1,000 lines. A linear split keeps that figure flat; a quadratic pass makes it grow
with the page (the 200,000-line page then never finishes). The floor is `jieba.cut` over the same text.
The last line printed is one JSON object of the figures.

usage: python benchmarks/long_page_bench.py [--lines 20000 60000 200000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMN = 32  # characters a line holds (wider than an ad's short lines: layout.AD_SHORT_WIDTH)
_CLAUSES = ("会议强调要进一步加强基层治理能力建设", "各地区各部门要结合实际抓好贯彻落实",
            "切实把各项工作做细做实", "推动经济社会高质量发展取得新成效", "群众反映的问题得到及时解决",
            "相关负责人介绍了今年的工作安排")
_PLACES = ("在城区", "在乡镇", "在社区", "在园区", "在学校", "在医院", "在车站")


def _wrapped(text: str, column: int = COLUMN) -> list[str]:
    return [text[i:i + column] for i in range(0, len(text), column)]


def _paragraph(k: int, sentences: int) -> str:
    return "　　" + "".join(f"{_CLAUSES[(k + j) % len(_CLAUSES)]}，第{k}期第{j}项。" for j in range(sentences))


def long_page(lines: int) -> str:
    """A generated page of `lines` lines (no text from any real paper): half of it every shape in turn,
    the other half one single paragraph, in the middle of the page."""
    mixed = _mixed(lines - lines // 2)
    clauses = (_CLAUSES[k % len(_CLAUSES)] + _PLACES[k % len(_PLACES)] for k in range(lines * COLUMN))
    giant: list[str] = []
    while len(giant) < lines // 2 - 1:  # one sentence, clause after clause, wrapped at the column
        giant += _wrapped("，".join(next(clauses) for _ in range(200)) + "，")
    giant = giant[:lines // 2 - 1]
    giant[-1] = giant[-1].rstrip("，") + "。"
    middle = len(mixed) // 2
    out = mixed[:middle] + [""] + giant + [""] + mixed[middle:]
    return "\n".join(out[:lines]) + "\n"


def _mixed(lines: int) -> list[str]:
    out: list[str] = []
    k = 0
    while len(out) < lines:
        shape = k % 8
        if shape == 0:  # an article: headline, byline, a few wrapped paragraphs, a column break inside
            out += [f"第{k}篇报道的主标题", "", f"□ 记者 王{k % 10}明 通讯员 李{k % 7}华", ""]
            for p in range(3):
                if p == 1:  # a subhead between two paragraphs: a heading between two texts, decided on each
                    out += ["", f"第{k}篇的小标题", ""]
                body = _wrapped(_paragraph(k + p, 4))
                out += body[:len(body) // 2] + [""] + body[len(body) // 2:]
        elif shape == 1:  # one paragraph thousands of lines long (every fiftieth block)
            sentences = 2000 if k % 50 == 1 else 20
            out += _wrapped(_paragraph(k, sentences)) + [""]
        elif shape == 2:  # a caption with a photo credit
            out += [f"图为第{k}次活动现场。 张{k % 9}强 摄", ""]
        elif shape == 3:  # an ad cluster
            out += [f"诚信商贸{k}号店", f"电话：0716-{8000000 + k}", f"地址：中山路{k}号",
                    f"WWW.SHOP{k}.COM", ""]
        elif shape == 4:  # Latin text hard-wrapped
            out += [f"COVID-19 IgM test {k} was", "run by the lab team and", "reported on time.", ""]
        elif shape == 5:  # a run of short unpunctuated lines
            out += [f"要闻{k}", "综合新闻", f"第{k}版", ""]
        elif shape == 6:  # a blank line after every line
            for line in _wrapped(_paragraph(k, 3)):
                out += [line, ""]
        else:  # page furniture
            out += [f"责任编辑：赵{k % 5}", ""]
        k += 1
    return out[:lines]


def split_seconds(text: str) -> float:
    from app.core.loading import SourcePage
    from app.core.metadata import page_records
    from app.core.splitter import split_page

    start = time.perf_counter()
    page_records(split_page(SourcePage("long.txt", text, "utf-8")))
    return time.perf_counter() - start


def jieba_seconds(text: str) -> float:
    import jieba

    start = time.perf_counter()
    sum(1 for _ in jieba.cut(text))
    return time.perf_counter() - start


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, nargs="+", default=[20_000, 60_000, 200_000])
    a = ap.parse_args()
    split_seconds(long_page(2_000))  # the split's own first-use costs (models, tables) stay out of the figures
    figures = {}
    for n in a.lines:
        text = long_page(n)
        split_s = split_seconds(text)
        floor_s = jieba_seconds(text)
        per_k = split_s / n * 1000
        figures[n] = {"split_s": round(split_s, 2), "ms_per_1000_lines": round(per_k * 1000, 1),
                      "jieba_s": round(floor_s, 2), "ratio_to_jieba": round(split_s / floor_s, 2)}
        print(f"{n:>8,} lines, {len(text) / 1e6:5.1f} M chars: split {split_s:7.2f} s "
              f"({per_k * 1000:6.1f} ms per 1,000 lines), jieba.cut {floor_s:6.2f} s, "
              f"{split_s / floor_s:4.1f} times jieba", flush=True)
    sizes = sorted(figures)
    growth = figures[sizes[-1]]["ms_per_1000_lines"] / figures[sizes[0]]["ms_per_1000_lines"]
    print(f"time per line, largest page against smallest: {growth:.2f} (1.0 is linear)")
    print(json.dumps({"lines": {str(k): v for k, v in figures.items()}, "per_line_growth": round(growth, 2)}))


if __name__ == "__main__":
    main()
