"""Page <-> dict: an exact round trip of the page model, through JSON text too."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import edits
from app.core.errors import BadInput, EditError
from app.core.loading import load_page
from app.core.page import Kind, Origin, Page, Role
from app.core.serialize import page_from_dict, page_from_json, page_to_dict, page_to_json
from app.core.splitter import split_page


def edited(page: Page) -> Page:
    """The standard page after an editor's typical work: split, relabel, fields, kind, a correction."""
    news = page.items[0]
    page = edits.split_item(page, news.id, news.blocks[3].id)
    page = edits.relabel(page, news.blocks[1].id, Role.BODY)
    page = edits.set_field(page, news.id, "title", "改过的标题")
    page = edits.set_field(page, news.id, "authors", [{"name": "张三", "role": "记者"}])
    page = edits.set_kind(page, page.items[1].id, Kind.NOTICE)
    start = page.text.index("全 面")
    page = edits.correct_text(page, start, start + 3, "全面")
    return edits.delete_item(page, page.items[-1].id)


def test_round_trip_of_hand_built_page(page: Page) -> None:
    assert page_from_dict(page_to_dict(page)) == page


def test_round_trip_of_edited_page_keeps_every_part(page: Page) -> None:
    changed = edited(page)
    assert changed.unassigned and changed.corrections
    back = page_from_json(page_to_json(changed))
    assert back == changed
    assert back.items[0].origin is Origin.EDITOR
    assert back.items[0].fields["authors"] == [{"name": "张三", "role": "记者"}]
    assert back.corrections[0].new == "全面"


def test_round_trip_of_sample_pages(sample_path) -> None:
    page = split_page(load_page(sample_path))
    assert page_from_dict(json.loads(json.dumps(page_to_dict(page)))) == page


def test_without_text_the_text_is_supplied_on_load(page: Page) -> None:
    d = page_to_dict(page, with_text=False)
    assert "text" not in d
    assert page_from_dict(d, text=page.text) == page


def test_roles_and_kinds_are_written_as_names(page: Page) -> None:
    d = page_to_dict(page)
    assert d["items"][0]["kind"] == "news"
    assert d["items"][0]["blocks"][0]["role"] == "title"


@pytest.mark.parametrize("broken", [{}, {"name": "x.txt", "text": "a", "items": [{"id": 0}]},
                                    {"name": "x.txt", "text": "a", "items": [
                                        {"id": 0, "kind": "poem", "blocks": []}]}])
def test_a_broken_model_is_bad_input(broken: dict) -> None:
    with pytest.raises(BadInput):
        page_from_dict(broken)


# --- any sequence of edits survives the round trip ----------------------------------------------

_OPS = st.lists(st.tuples(st.sampled_from(["split", "merge", "field", "kind", "relabel", "correct", "delete"]),
                          st.integers(0, 50), st.integers(0, 50), st.text(min_size=0, max_size=5)),
                max_size=8)


def _apply(page: Page, op: str, a: int, b: int, text: str) -> Page:
    items = page.items
    if not items:
        return page
    it = items[a % len(items)]
    if op == "split" and len(it.blocks) > 1:
        return edits.split_item(page, it.id, it.blocks[1 + b % (len(it.blocks) - 1)].id)
    if op == "merge" and len(items) > 1:
        other = items[b % len(items)]
        return edits.merge_items(page, it.id, other.id) if other.id != it.id else page
    if op == "field":
        return edits.set_field(page, it.id, ["title", "kicker", "subheads"][b % 3],
                               text if b % 3 < 2 else [text])
    if op == "kind":
        return edits.set_kind(page, it.id, list(Kind)[b % len(Kind)])
    if op == "relabel":
        return edits.relabel(page, it.blocks[b % len(it.blocks)].id, list(Role)[a % len(Role)])
    if op == "correct":
        s, e = it.blocks[b % len(it.blocks)].spans[0]
        return edits.correct_text(page, s, min(e, s + 1 + a % 3), text or "字")
    if op == "delete":
        return edits.delete_item(page, it.id)
    return page


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS)
def test_any_edited_page_round_trips_exactly(page: Page, ops) -> None:
    for op in ops:
        try:
            page = _apply(page, *op)
        except EditError:
            continue
    assert page_from_json(page_to_json(page)) == page
    assert page_from_dict(page_to_dict(page, with_text=False), page.text) == page
