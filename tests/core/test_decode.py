"""The decoder's page-level headline direction: item starts follow the way the whole page prints headlines."""

from __future__ import annotations

import pytest

from app.core.decode import Direction, decode, directed, headline_groups, page_direction, texts_between
from app.core.features import page_pieces
from app.core.splitmodel import labels_of
from tools.typeset.families import FAMILIES

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


# --- the ceiling: the true labels decode to the true page --------------------------------------------------
ART_A2 = "农机手们说，今年的种子和化肥都已备齐，只等天气转暖就下地播种，大家对新一年的收成充满信心。"
ART_B2 = "市园林部门表示，今年还将新建口袋公园二十处，让更多市民出门五分钟就能走进绿地，享受城市生活。"


def test_two_articles_printed_side_by_side_go_back_to_their_own_items():
    # A's title and first chunk, B's title and first chunk, then A's rest (resumed), then B's rest
    page = "\n".join([TITLE_A, ART_A, "", TITLE_B, ART_B, "", ART_A2, "", ART_B2]) + "\n"
    lines, pieces = page_pieces(page)
    truth = decode("p.txt", page, [ln.blank_before for ln in lines], pieces,
                   ["B_TITLE", "BODY", "B_TITLE", "BODY", "R_BODY", "R_BODY"], direct=False)
    items = [[page[s:e] for b in it.blocks for s, e in b.spans] for it in truth.items]
    assert items == [[TITLE_A, ART_A, ART_A2], [TITLE_B, ART_B, ART_B2]]
    assert labels_of(truth, pieces) == ["B_TITLE", "BODY", "B_TITLE", "BODY", "R_BODY", "R_BODY"]
    # the page's headline direction does not undo what the labels say
    assert decode("p.txt", page, [ln.blank_before for ln in lines], pieces, labels_of(truth, pieces)) == truth


def test_a_caption_printed_above_its_headline_opens_its_item():
    caption = "图为农机手驾驶拖拉机在田间作业"
    page = "\n".join([TITLE_A, ART_A, "", caption, TITLE_B, ART_B]) + "\n"
    lines, pieces = page_pieces(page)
    labels = ["B_TITLE", "BODY", "B_CAPTION", "TITLE", "BODY"]
    decoded = decode("p.txt", page, [ln.blank_before for ln in lines], pieces, labels)
    assert [[page[s:e] for b in it.blocks for s, e in b.spans] for it in decoded.items] == [
        [TITLE_A, ART_A], [TITLE_B, ART_B, caption]]
    assert labels_of(decoded, pieces) == labels
    # a model that also opens an item at the headline puts the caption with it all the same
    again = decode("p.txt", page, [ln.blank_before for ln in lines], pieces,
                   ["B_TITLE", "BODY", "B_CAPTION", "B_TITLE", "BODY"])
    assert again == decoded


def _ceiling(family: str, pages: int, seed: int) -> float:
    from app.core.evaluation import score
    from app.core.metadata import page_records
    from app.core.splitmodel import view
    from tools.typeset.corpus import EXCERPT
    from tools.typeset.generate import generate
    from tools.typeset.gold import page_model

    gold, pred = {}, {}
    for ts in generate("2019-02", [family], pages, seed, str(EXCERPT)):
        v = view(ts.text)
        labels = labels_of(page_model(ts.text, ts.gold, ts.name), v.pieces)
        page = decode(ts.name, ts.text, [ln.blank_before for ln in v.lines], v.pieces, labels)
        gold[ts.name] = {"items": ts.gold["items"], "furniture": ts.gold.get("furniture", [])}
        pred[ts.name] = page_records(page, with_tags=False)
    return score(gold, pred)["article_f1"]


CEILING_FLOOR = 0.9  # article F1 of the true labels decoded, on every layout family (about 0.99 over all)


@pytest.mark.parametrize("family", FAMILIES)
def test_the_true_labels_decode_to_the_true_page_on_every_family(family):
    assert _ceiling(family, 3, 5 + list(FAMILIES).index(family)) >= CEILING_FLOOR
