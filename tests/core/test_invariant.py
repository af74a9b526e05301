"""The no-loss invariant: every visible character is owned exactly once, whatever the text and the edits.

Property tests over generated page-like text (CJK, stray spaces, blank lines, CR/CRLF, headings, bylines),
the sample pages in three encodings, and random sequences of editing operations.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import edits
from app.core.diff import diff_pages, revert_change
from app.core.errors import EditError
from app.core.loading import load_page
from app.core.metadata import page_records
from app.core.page import Kind, Page, Role, check_invariant
from app.core.record import EDITABLE_FIELDS as FIELDS
from app.core.splitter import split_page

# --- generated page text --------------------------------------------------------------------------
_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_punct = st.sampled_from("，。、：；！？“”（）《》—…·")
_latin = st.sampled_from("ABCabcxyz0123456789-%.")
_space = st.sampled_from([" ", "  ", "\u3000", "\t", "\xa0"])
_odd = st.sampled_from("\x0b\x0c\x85\u2028\ufeff\u200b\xad")  # Python splits lines at some of these
_run = st.text(st.one_of(_cjk, _cjk, _cjk, _cjk, _cjk, _punct, _latin, _odd), min_size=1, max_size=12)
_body_line = st.lists(st.one_of(_run, _space), min_size=1, max_size=6).map("".join)
_heading = st.text(_cjk, min_size=3, max_size=14)
_byline = st.sampled_from([
    "□ 记者 张三", "□ 记者 齐倩琼 通讯员 何 勇", "■ 本报记者 王五 实习生 赵六", "郁馨怡 谢震宇", "诸胜涛 摄",
    "（朱柯 摄）", "——副题：在行动", "责任编辑：成青 刘超 美编：熊剑刚",
])
_lead = st.sampled_from(["本报讯（记者李四）", "（特约记者杜川 通讯员郑丹）", "本报荆州电（记者 宗璇 通讯员彭娟）"])
_line = st.one_of(
    _body_line, _body_line, _body_line, _heading, _byline,
    st.tuples(_lead, _body_line).map("".join),
    st.just(""), st.just("   "), st.just("\u3000\u3000"),
)


@st.composite
def page_texts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(_line, min_size=1, max_size=40))
    ends = draw(st.lists(st.sampled_from(["\n", "\n", "\r\n", "\r"]), min_size=len(lines), max_size=len(lines)))
    text = "".join(line + end for line, end in zip(lines, ends, strict=True))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # no line ending after the last line
    return text


def assert_records_cover_once(page: Page, records: list[dict]) -> None:
    """The records' spans cover every non-whitespace character of the page text exactly once."""
    count = [0] * len(page.text)
    for rec in records:
        for s, e in rec["spans"]:
            for i in range(s, e):
                count[i] += 1
    wrong = [(i, c, count[i]) for i, c in enumerate(page.text) if not c.isspace() and count[i] != 1]
    assert wrong == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_texts())
def test_split_page_keeps_every_character_once(text):
    page = split_page(("generated.txt", text))
    assert page.text == text
    assert check_invariant(page) == []
    assert_records_cover_once(page, page_records(page, with_tags=False))


# --- the sample pages in three encodings --------------------------------------------------------
def _visible(text: str, spans: list[list[int]]) -> str:
    return "".join(c for s, e in spans for c in text[s:e] if not c.isspace())


def _comparable(records: list[dict]) -> list[tuple]:
    return [(r["kind"], r["title"], r["body"], r["authors"], r["captions"]) for r in records]


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("gb18030", False, "\n"),
    ("utf-8", True, "\r\n"),
    ("gb18030", False, "\r\n"),
])
def test_sample_pages_split_the_same_in_every_encoding(tmp_path, sample_path, encoding, bom, newline):
    plain = load_page(sample_path)
    reference = split_page(plain)
    assert check_invariant(reference) == []
    ref_records = page_records(reference, with_tags=False)
    assert_records_cover_once(reference, ref_records)

    text = plain.text.replace("\n", newline)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    path = tmp_path / sample_path.name
    path.write_bytes(data)
    loaded = load_page(path)
    assert loaded.text == text  # CRLFs kept: spans index the decoded text
    page = split_page(loaded)
    assert check_invariant(page) == []
    records = page_records(page, with_tags=False)
    assert_records_cover_once(page, records)
    assert _comparable(records) == _comparable(ref_records)
    assert [_visible(text, r["spans"]) for r in records] == [_visible(plain.text, r["spans"]) for r in ref_records]


def test_sample_page_records_with_tags(sample_path: Path):
    page = split_page(load_page(sample_path))
    records = page_records(page)
    assert_records_cover_once(page, records)
    assert all(isinstance(t, str) for r in records for t in r["tags"])


# --- random edit sequences ------------------------------------------------------------------------
_SMALL_TEXT = (
    "守护人民健康 荆州卫健在行动\n——群腐整治系列报道④\n\n荆州中医外科首次亮相\n□ 记者 齐倩琼 通讯员 何 勇\r\n"
    "本报讯（记者宗璇 通讯员彭娟）日前，在2024年湖北省\n医学会上全 面 规 范。\n\n图为活动现场。诸胜涛 摄\n"
    "春天的故事\n郁馨怡 谢震宇\n正文一行，\r正文二行 COVID-19 IgM。\n责任编辑：成青 刘超\n"
)


def _one_edit(data: st.DataObject, page: Page) -> Page:
    """Draw one editing operation with arguments taken from the page as it is, and apply it."""
    n = len(page.text)
    items = [it.id for it in page.items] or [0]
    blocks = [b.id for b in page.all_blocks()]
    item_id = data.draw(st.sampled_from(items + [999]))
    offset = data.draw(st.integers(0, max(0, n - 1)))
    length = data.draw(st.integers(1, 60))
    start, end = offset, min(n, offset + length)
    op = data.draw(st.sampled_from([
        "split", "merge", "move_blocks", "move_text", "furniture", "relabel", "relabel_text", "move_block",
        "move_item", "set_field", "clear_field", "set_kind", "delete", "correct", "uncorrect", "resplit",
    ]))
    if op == "split":
        item = page.item(item_id)
        return edits.split_item(page, item_id, data.draw(st.sampled_from([b.id for b in item.blocks] or [0])))
    if op == "merge":
        return edits.merge_items(page, item_id, data.draw(st.sampled_from(items)))
    if op == "move_blocks":
        chosen = data.draw(st.lists(st.sampled_from(blocks), min_size=1, max_size=3, unique=True))
        return edits.move_blocks(page, chosen, data.draw(st.sampled_from(items + [None])))
    if op == "move_text":
        return edits.move_text(page, start, end, data.draw(st.sampled_from(items + [None])))
    if op == "furniture":
        return edits.send_to_furniture(page, start, end)
    if op == "relabel":
        return edits.relabel(page, data.draw(st.sampled_from(blocks)), data.draw(st.sampled_from(list(Role))))
    if op == "relabel_text":
        return edits.relabel_text(page, start, end, data.draw(st.sampled_from(list(Role))))
    if op == "move_block":
        item = page.item(item_id)
        block = data.draw(st.sampled_from([b.id for b in item.blocks] or [0]))
        return edits.move_block(page, item_id, block, data.draw(st.integers(0, len(item.blocks))))
    if op == "move_item":
        return edits.move_item(page, item_id, data.draw(st.integers(0, len(page.items))))
    if op == "set_field":
        name = data.draw(st.sampled_from(FIELDS))
        value = "手改" if name in ("section", "kicker", "title", "subtitle") else (
            [{"name": "张三", "role": "记者"}] if name == "authors" else ["手改"])
        return edits.set_field(page, item_id, name, value)
    if op == "clear_field":
        return edits.clear_field(page, item_id, data.draw(st.sampled_from(FIELDS)))
    if op == "set_kind":
        return edits.set_kind(page, item_id, data.draw(st.sampled_from(list(Kind))))
    if op == "delete":
        return edits.delete_item(page, item_id)
    if op == "correct":
        return edits.correct_text(page, start, min(end, start + 2), "改")
    if op == "uncorrect":
        fix = data.draw(st.sampled_from(page.corrections)) if page.corrections else None
        return edits.remove_correction(page, fix.start, fix.end) if fix else page
    new, notes = edits.resplit(page, split_page((page.name, page.text)))
    assert all(isinstance(n, str) and n for n in notes)
    return new


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edit_sequences_keep_the_invariant(data):
    auto = split_page(("edits.txt", _SMALL_TEXT))
    page = auto
    for _ in range(data.draw(st.integers(1, 15))):
        before = page
        try:
            page = _one_edit(data, page)
        except EditError as e:
            assert str(e) and "\n" not in str(e)
            continue
        assert check_invariant(page) == [], check_invariant(page)
        assert check_invariant(before) == []  # the old page is a value: undo can go back to it
        assert page.text == auto.text
    assert_records_cover_once(page, page_records(page, with_tags=False))
    for change in diff_pages(auto, page):
        try:
            reverted = revert_change(auto, page, change)
        except EditError:
            continue
        assert check_invariant(reverted) == []


_SAMPLE_TEXT = (Path(__file__).resolve().parents[2] / "sample_data" / "000_1b097f750ffa2bda.txt").read_text("utf-8")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edit_sequences_on_a_sample_page(data):
    page = split_page(("000.txt", _SAMPLE_TEXT))
    for _ in range(data.draw(st.integers(1, 8))):
        try:
            page = _one_edit(data, page)
        except EditError:
            continue
        assert check_invariant(page) == []
