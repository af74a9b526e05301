"""The decoder's page-level headline direction: item starts follow the way the whole page prints headlines."""

from __future__ import annotations

from app.core.decode import Direction, decode, directed, headline_groups, page_direction, texts_between
from app.core.features import page_pieces

ART_A = "连日来，各地农民抢抓农时开展春耕备耕，农机手驾驶拖拉机在田间翻耕土地，春耕生产全面铺开。"
ART_B = "今年以来，全市新建城市公园十二座，公园绿地面积持续增加，市民在家门口就能享受绿色生活。"
TITLE_A = "各地农民抢抓农时春耕备耕"
TITLE_B = "全市新建城市公园绿地"


def _labels(page: str, labels: list[str]):
    lines, pieces = page_pieces(page)
    assert [p.text for p in pieces] == [x for x in page.split("\n") if x]
    return lines, pieces, labels


def test_headlines_after_their_bodies_take_the_text_above():
    page = "\n".join([ART_A, TITLE_A, "", ART_B, TITLE_B]) + "\n"
    # the model read the page as headlines above their bodies: each title opens an item
    lines, pieces, labels = _labels(page, ["B_BODY", "B_TITLE", "BODY", "B_TITLE"])
    cores = [lab.removeprefix("B_") for lab in labels]
    groups = headline_groups(cores)
    assert groups == [(1, 1), (3, 3)]
    assert directed(pieces, labels) == ["B_BODY", "TITLE", "B_BODY", "TITLE"]
    decoded = decode("p.txt", page, [ln.blank_before for ln in lines], pieces, labels)
    items = [[page[s:e] for b in it.blocks for s, e in b.spans] for it in decoded.items]
    assert items == [[TITLE_A, ART_A], [TITLE_B, ART_B]]  # the headline first in reading order


def test_headlines_above_their_bodies_open_their_items():
    page = "\n".join([TITLE_A, ART_A, "", TITLE_B, ART_B]) + "\n"
    lines, pieces, labels = _labels(page, ["B_TITLE", "BODY", "TITLE", "BODY"])  # the model missed one start
    assert directed(pieces, labels) == ["B_TITLE", "BODY", "B_TITLE", "BODY"]
    decoded = decode("p.txt", page, [ln.blank_before for ln in lines], pieces, labels)
    items = [[page[s:e] for b in it.blocks for s, e in b.spans] for it in decoded.items]
    assert items == [[TITLE_A, ART_A], [TITLE_B, ART_B]]


def test_a_byline_before_a_title_closes_the_item_above():
    page = "\n".join([TITLE_A, ART_A, "（记者 王明）", TITLE_B, ART_B]) + "\n"
    lines, pieces, labels = _labels(page, ["B_TITLE", "BODY", "B_BYLINE", "TITLE", "BODY"])
    assert headline_groups([lab.removeprefix("B_") for lab in labels]) == [(0, 0), (2, 3)]
    assert directed(pieces, labels) == ["B_TITLE", "BODY", "BYLINE", "B_TITLE", "BODY"]


def test_the_page_direction_weighs_topics_and_edges():
    after = "\n".join([ART_A, TITLE_A, "", ART_B, TITLE_B]) + "\n"
    _, pieces = page_pieces(after)
    cores = ["BODY", "TITLE", "BODY", "TITLE"]
    groups = headline_groups(cores)
    assert page_direction(pieces, cores, groups, texts_between(pieces, cores, groups)) is Direction.AFTER
    before = "\n".join([TITLE_A, ART_A, "", TITLE_B, ART_B]) + "\n"
    _, pieces = page_pieces(before)
    cores = ["TITLE", "BODY", "TITLE", "BODY"]
    groups = headline_groups(cores)
    assert page_direction(pieces, cores, groups, texts_between(pieces, cores, groups)) is Direction.BEFORE


def test_no_headline_group_leaves_the_labels_alone():
    page = ART_A + "\n" + ART_B + "\n"
    _, pieces = page_pieces(page)
    assert directed(pieces, ["B_BODY", "B_BODY"]) == ["B_BODY", "B_BODY"]
