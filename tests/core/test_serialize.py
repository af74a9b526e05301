"""Page <-> dict: an exact round trip of the page model, through JSON text too."""

from __future__ import annotations

import json

import pytest

from app.core import edits
from app.core.errors import BadInput
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
