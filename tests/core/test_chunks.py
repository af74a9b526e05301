"""Two articles printed side by side, extracted chunk by chunk: `chunks.reading_order` and its parts, on small
pages made up here (two articles of made-up text drawn from two sets of characters, each wrapped at its own
column measure and interleaved a few lines at a time)."""

from __future__ import annotations

import random

from app.core import chunks
from app.core.chunks import (
    alternating_measures,
    column_measure,
    headlines_inside,
    instance_order,
    join_evidence,
    reading_order,
    shared_measure_threads,
    text_runs,
    thread_labels,
    two_topics,
    unmarked_switches,
)
from app.core.layout import read_lines
from app.core.metadata import page_records
from app.core.page import check_invariant
from app.core.splitter import split_page
from tests.madeup import switches

POOL_A = "春耕农机合作社麦苗土壤墒情播种插秧植保无人机拖拉机维修保养订单种粮大户田间管理灌溉施肥"
POOL_B = "博物馆展览文物考古遗址陶瓷书画修复馆藏讲解观众参观数字化藏品研究学者展厅策展青铜器"


def _text(pool: str, sentences: int, seed: int) -> str:
    """Made-up sentences of characters from one pool (no two articles share a character)."""
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        clauses = ["".join(rng.choice(pool) for _ in range(rng.randint(6, 12))) for _ in range(rng.randint(2, 4))]
        out.append("，".join(clauses) + "。")
    return "".join(out)


def _wrap(text: str, width: int) -> list[str]:
    return [text[k:k + width] for k in range(0, len(text), width)]


def _interleaved(chunk: int = 6, widths: tuple[int, int] = (18, 12)) -> tuple[str, list[str], list[str]]:
    a = ["春耕农机大显身手", "", *_wrap(_text(POOL_A, 40, 1), widths[0])]
    b = ["博物馆里过大年", "", *_wrap(_text(POOL_B, 50, 2), widths[1])]
    lines: list[str] = []
    pa = pb = 0
    while pa < len(a) or pb < len(b):
        lines += a[pa:pa + chunk]
        pa += chunk
        lines += b[pb:pb + chunk]
        pb += chunk
    return "\n".join(lines) + "\n", [x for x in a if x], [x for x in b if x]


def test_join_evidence_reads_words_and_clauses_across_the_join():
    assert join_evidence("各地积极推进春耕生产，努力提", "升农业机械化水平") > 0  # 提 + 升
    assert join_evidence("各地积极推进春耕生产，农业机", "，确保不误农时") > 0  # a line opening mid-clause
    assert join_evidence("确保不误农时。", "，保障夏粮丰收") < 0  # nothing opens a sentence with a comma
    assert join_evidence("确保不误农时。", "博物馆里过大年") == 0


def test_two_column_measures_taking_turns_are_found():
    text, _, _ = _interleaved()
    assert alternating_measures(read_lines(text)) == (18.0, 12.0)


def test_one_measure_or_measures_that_never_come_back_are_not_interleaving():
    a = _wrap(_text(POOL_A, 40, 1), 18)
    b = _wrap(_text(POOL_B, 50, 2), 12)
    one_after_the_other = "\n".join(["春耕农机大显身手", "", *a, "", "博物馆里过大年", "", *b]) + "\n"
    assert alternating_measures(read_lines(one_after_the_other)) is None
    same_measure, _, _ = _interleaved(widths=(16, 16))
    assert alternating_measures(read_lines(same_measure)) is None


def test_two_topics_needs_two_long_texts_that_share_few_pairs():
    a, b = _text(POOL_A, 20, 1), _text(POOL_B, 50, 2)
    assert two_topics([a], [b])
    assert not two_topics([a[:len(a) // 2]], [a[len(a) // 2:]])  # two halves of one article
    assert not two_topics([a[:40]], [b])  # too short to tell


def test_thread_labels_give_the_chunks_of_text_to_their_columns():
    text, a_lines, b_lines = _interleaved()
    lines = read_lines(text)
    labels = thread_labels(lines, (18.0, 12.0))
    a_labels = [labels[k] for k, ln in enumerate(lines) if ln.text in a_lines[1:]]
    b_labels = [labels[k] for k, ln in enumerate(lines) if ln.text in b_lines[1:]]
    assert a_labels.count(0) >= 0.9 * len(a_labels)  # (made-up text: a random word across a join or two)
    assert b_labels.count(1) >= 0.9 * len(b_labels)


def test_reading_order_puts_each_article_together_and_keeps_the_spans():
    text, a_lines, b_lines = _interleaved()
    lines = read_lines(text)
    ordered = reading_order(lines)
    assert ordered is not lines
    assert sorted((ln.start, ln.end) for ln in ordered) == [(ln.start, ln.end) for ln in lines]  # order alone
    before = switches([ln.text for ln in lines], a_lines)
    after = switches([ln.text for ln in ordered], a_lines)
    assert before > 20 and after < 0.6 * before  # (made-up text: random words across a few joins)
    texts = [ln.text for ln in ordered]
    second = texts.index(b_lines[0])
    assert texts[second + 1] == b_lines[1]  # the second article's headline goes with its text
    assert ordered[second].blank_before >= 1  # ... after a column break


def test_a_page_that_is_not_interleaved_keeps_its_lines_as_they_were():
    a = _wrap(_text(POOL_A, 40, 1), 18)
    lines = read_lines("\n".join(["春耕农机大显身手", "", *a]) + "\n")
    assert reading_order(lines) is lines
    same_measure, _, _ = _interleaved(widths=(16, 16))
    lines = read_lines(same_measure)
    assert reading_order(lines) is lines


def test_several_articles_of_two_widths_one_after_another_are_not_interleaving():
    pools = ["".join(chr(0x4E00 + 300 * k + j) for j in range(40)) for k in range(8)]  # (none shares a character)
    page = [x for k, pool in enumerate(pools) for x in ("", *_wrap(_text(pool, 10, k), (18, 12)[k % 2]))]
    lines = read_lines("\n".join(page) + "\n")
    assert alternating_measures(lines) == (18.0, 12.0)  # (the widths take turns: article after article)
    assert reading_order(lines) is lines


def _mixing(page, text: str) -> list[float]:
    """For each item, the share of its characters from the less common of the two articles' pools."""
    out = []
    for item in page.items:
        chars = [c for b in item.blocks for s, e in b.spans for c in text[s:e] if c in POOL_A + POOL_B]
        a = sum(1 for c in chars if c in POOL_A)
        out.append(min(a, len(chars) - a) / max(1, len(chars)))
    return out


def _reads_each_whole(monkeypatch, text: str) -> None:
    """The rule split of an interleaved page keeps each article whole, with a paragraph across its chunks;
    without the pass that puts the page in reading order the same page mixes the two articles."""
    page = split_page(("p.txt", text), method="rules")
    assert check_invariant(page) == []
    assert max(_mixing(page, text)) < 0.1
    assert any(len(b.spans) > 3 for it in page.items for b in it.blocks)  # a paragraph across the chunks
    monkeypatch.setattr("app.core.splitter.reading_order", lambda lines: lines)
    assert max(_mixing(split_page(("p.txt", text), method="rules"), text)) > 0.3


def test_the_rule_split_reads_interleaved_articles_each_whole(monkeypatch):
    _reads_each_whole(monkeypatch, _interleaved()[0])


def test_text_runs_are_the_lines_between_blank_lines():
    lines = read_lines("甲乙丙\n丁戊己\n\n庚辛壬\n\n\n癸子丑\n寅卯辰\n")
    assert text_runs(lines) == [(0, 1), (2, 2), (3, 4)]
    assert text_runs(lines, frozenset({1, 4})) == [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]


def test_column_measure_is_the_width_most_wrapped_lines_share():
    text, _, _ = _interleaved_one_measure()
    assert column_measure(read_lines(text)) == 16.0
    one_paragraph_a_line = "\n\n".join(_text(POOL_A, 3, k) for k in range(12)) + "\n"
    assert column_measure(read_lines(one_paragraph_a_line)) is None  # (lines of every width: no column)


def test_instance_order_puts_each_instance_together_in_the_order_they_start():
    lines = read_lines("甲一\n乙一\n甲二\n乙二\n丙一\n")
    ordered = instance_order(lines, [0, 1, 0, 1, 1])
    assert [ln.text for ln in ordered] == ["甲一", "甲二", "乙一", "乙二", "丙一"]
    assert [ln.blank_before for ln in ordered][1:] == [1, 1, 1, 0]  # (a line moved opens a column break)
    assert sorted(ln.start for ln in ordered) == [ln.start for ln in lines]
    assert instance_order(lines, [0, 0, 0, 0, 0]) is lines


def _clause_lines(pool: str, count: int, seed: int) -> list[str]:
    """Lines of one measure (16), each a made-up clause ending on a comma, a sentence ending every fifth:
    a join between two of them tells nothing (no word runs across a comma), only their topics do."""
    rng = random.Random(seed)
    return ["".join(rng.choice(pool) for _ in range(15)) + ("。" if k % 5 == 4 else "，") for k in range(count)]


def _interleaved_one_measure(chunk: int = 6) -> tuple[str, list[str], list[str]]:
    """Two made-up articles of one measure interleaved `chunk` lines at a time, a blank line between chunks."""
    a = ["春耕农机大显身手", *_clause_lines(POOL_A[:14], 50, 1)]
    b = ["博物馆里过大年", *_clause_lines(POOL_B[:14], 56, 2)]
    lines: list[str] = []
    pa = pb = 0
    while pa < len(a) or pb < len(b):
        lines += [*a[pa:pa + chunk], "", *b[pb:pb + chunk], ""]
        pa += chunk
        pb += chunk
    return "\n".join(lines) + "\n", a, b


def _articles(lines, instances, a_lines, b_lines) -> tuple[set[int], set[int]]:
    """The thread instances the lines of each article went to."""
    a = {instances[k] for k, ln in enumerate(lines) if ln.text in a_lines[1:]}
    b = {instances[k] for k, ln in enumerate(lines) if ln.text in b_lines[1:]}
    return a, b


def test_two_articles_of_one_measure_parted_at_blank_lines_are_read_apart():
    text, a_lines, b_lines = _interleaved_one_measure()
    lines = read_lines(text)
    assert alternating_measures(lines) is None  # (one measure: widths tell the columns nowhere)
    instances = shared_measure_threads(lines)
    assert instances is not None
    a, b = _articles(lines, instances, a_lines, b_lines)
    assert len(a) == len(b) == 1 and a != b
    ordered = reading_order(lines)
    assert sorted((ln.start, ln.end) for ln in ordered) == [(ln.start, ln.end) for ln in lines]  # order alone
    assert switches([ln.text for ln in ordered], a_lines) == 1


def test_one_article_of_one_measure_with_column_breaks_is_read_as_printed():
    body = _clause_lines(POOL_A[:14] + POOL_B[:4], 100, 3)  # (one article: one topic, a few words of another's)
    text = "\n".join(["春耕农机大显身手", *[x for k in range(0, 100, 6) for x in (*body[k:k + 6], "")]]) + "\n"
    lines = read_lines(text)  # (a blank line at every column's foot, mid-sentence)
    assert column_measure(lines) == 16.0
    assert shared_measure_threads(lines) is None
    assert reading_order(lines) is lines


def test_the_rule_split_reads_interleaved_articles_of_one_measure_each_whole(monkeypatch):
    _reads_each_whole(monkeypatch, _interleaved_one_measure()[0])


def _chunks_with_no_blank_line() -> tuple[list[str], list[str], list[str]]:
    """Two made-up articles of one measure (15), printed four lines at a time with no blank line between
    chunks; each chunk's last line ends on a word's first character and its article's next chunk opens with
    the rest (农 / 机, 博 / 物): (page lines, the first article's lines, the other's)."""
    ra, rb = random.Random(1), random.Random(2)
    a = ["".join(ra.choice(POOL_A[:14]) for _ in range(15)) for _ in range(12)]
    b = ["".join(rb.choice(POOL_B[:14]) for _ in range(15)) for _ in range(12)]
    for lines, words in ((a, ("农机", "播种")), (b, ("博物", "展览"))):
        for k, word in zip((3, 7), words, strict=True):
            lines[k] = lines[k][:14] + word[0]
            lines[k + 1] = word[1] + lines[k + 1][1:]
    return [*a[0:4], *b[0:4], *a[4:8], *b[4:8], *a[8:12], *b[8:12]], a, b


def test_chunk_switches_with_no_blank_line_are_found_where_a_word_runs_across_to_the_resumed_chunk():
    page, a, _ = _chunks_with_no_blank_line()
    lines = read_lines("\n".join(page) + "\n")
    assert column_measure(lines) == 15.0
    assert unmarked_switches(lines, 15.0) == {4, 8, 12, 16, 20}
    alone = read_lines("\n".join(a) + "\n")  # (one article's lines: its topic runs on across every break)
    assert unmarked_switches(alone, 15.0) == frozenset()


def test_two_articles_of_one_measure_with_no_blank_line_between_chunks_are_read_apart():
    page, a, b = _chunks_with_no_blank_line()
    lines = read_lines("\n".join(page) + "\n")
    instances = shared_measure_threads(lines)
    assert instances is not None
    assert {instances[k] for k, ln in enumerate(lines) if ln.text in a} != \
        {instances[k] for k, ln in enumerate(lines) if ln.text in b}
    assert len({instances[k] for k, ln in enumerate(lines) if ln.text in a}) == 1


def _headline_inside(byline: str = "本报记者 王宁") -> tuple[list[str], list[str], list[str]]:
    """Article A (one measure, 16) with article B's headline printed between the two halves of one of its
    sentences, then A's text read on to its end, then B's byline (if any) and text: (page lines, A's text
    lines, B's)."""
    a = _wrap(_text(POOL_A, 12, 1), 16)
    b = _wrap(_text(POOL_B, 8, 2), 16)
    k = next(k for k in range(2, len(a)) if not a[k].endswith("。") and not a[k + 1].startswith("，"))
    page = ["春耕农机大显身手", "", *a[:k + 1], "", "文物迎春——", "博物馆里过大年", "", *a[k + 1:], "",
            *([byline] if byline else []), *b]
    return page, a, b


def test_a_headline_printed_inside_the_article_before_it_is_set_over_its_own_text():
    page, a, b = _headline_inside()
    lines = read_lines("\n".join(page) + "\n")
    ordered = headlines_inside(lines)
    assert [ln.text for ln in ordered] == ["春耕农机大显身手", *a, "文物迎春——", "博物馆里过大年", "本报记者 王宁", *b]
    assert sorted((ln.start, ln.end) for ln in ordered) == [(ln.start, ln.end) for ln in lines]  # order alone
    split = split_page(("p.txt", "\n".join(page) + "\n"), method="rules")
    assert check_invariant(split) == []
    records = {r["title"]: r for r in page_records(split, with_tags=False) if r["kind"] != "furniture"}
    assert set(records) == {"春耕农机大显身手", "博物馆里过大年"}
    assert "".join(records["春耕农机大显身手"]["body"]) == "".join(a)  # (its sentence whole across the headline)
    assert "".join(records["博物馆里过大年"]["body"]) == "".join(b)
    assert records["博物馆里过大年"]["authors"] == [{"name": "王宁", "role": "记者"}]
    assert records["博物馆里过大年"]["kicker"] == "文物迎春——"  # (a kicker ending on a dash is a heading's line)


def test_a_headline_inside_an_article_stays_where_no_byline_or_opening_shows_its_text():
    page, _, _ = _headline_inside(byline="")  # (the text under the headline could be the article's own)
    lines = read_lines("\n".join(page) + "\n")
    assert headlines_inside(lines) is lines
    after_a_sentence = list(page)
    k = after_a_sentence.index("文物迎春——")
    after_a_sentence[k - 2] = after_a_sentence[k - 2][:-1] + "。"  # (the text above it ended: a headline)
    lines = read_lines("\n".join(after_a_sentence) + "\n")
    assert headlines_inside(lines) is lines


def _chunks_opening_on_a_short_paragraph() -> tuple[str, list[str], list[str], list[str]]:
    """Two made-up articles of one measure (16) printed six lines high a chunk, a blank line between chunks;
    each of the second article's chunks after its first opens on a paragraph's last line of words from neither
    article (a join and the topics tell nothing there), then a paragraph's blank line: (page text, the first
    article's lines, the second's, the short lines)."""
    a = ["春耕农机大显身手", *_clause_lines(POOL_A[:14], 50, 1)]
    b = ["博物馆里过大年", *_clause_lines(POOL_B[:14], 40, 2)]
    rng = random.Random(3)
    short = ["".join(rng.choice("江河湖海山川云雨风雪") for _ in range(6)) + "。" for _ in range(8)]
    lines: list[str] = []
    pa = pb = 0
    for k in range(7):
        lines += [*a[pa:pa + 6], ""]
        pa += 6
        if k == 0:
            lines += [*b[pb:pb + 6], ""]
            pb += 6
        else:  # (six lines high: the short line, the paragraph's blank line, four lines of text)
            lines += [short[k], "", *b[pb:pb + 4], ""]
            pb += 4
    lines += a[pa:pa + 6]
    return "\n".join(lines) + "\n", a, b, short[1:]


def test_a_chunk_as_tall_as_the_other_articles_last_goes_back_to_it(monkeypatch):
    text, a_lines, b_lines, short = _chunks_opening_on_a_short_paragraph()
    lines = read_lines(text)
    instances = shared_measure_threads(lines)
    assert instances is not None
    a, b = _articles(lines, instances, a_lines, b_lines)
    assert len(a) == len(b) == 1 and a != b
    # each short line goes with the chunk it opens (the second article's), not with the chunk above it
    assert {instances[k] for k, ln in enumerate(lines) if ln.text in short} == b
    monkeypatch.setattr(chunks, "CHUNK_EVEN", 0.0)  # (without the chunks' heights the short lines stay above)
    instances = shared_measure_threads(lines)
    assert instances is None or {instances[k] for k, ln in enumerate(lines) if ln.text in short} != b
