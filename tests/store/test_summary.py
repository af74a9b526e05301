"""A page's stored summary (what opening it paints first) is written with its model and kept in step with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import edits
from app.core.loading import load_page
from app.core.page import Kind, Page
from app.core.splitter import split_page
from app.store.db import Store
from app.store.summary import UNASSIGNED

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))


def owned_spans(page: Page) -> list[tuple[int, int, int]]:
    """(start, end, index of the owning item or -1) of every span, items first, then unassigned text."""
    out = [(s, e, k) for k, it in enumerate(page.items) for b in it.blocks for s, e in b.spans]
    return out + [(s, e, UNASSIGNED) for b in page.unassigned for s, e in b.spans]


def assert_summarises(store: Store, page_id: int) -> None:
    summary = store.load_page_summary(page_id)
    assert summary is not None
    page = store.load_page(page_id)
    assert summary.text == page.text
    assert summary.items == tuple((it.id, it.kind) for it in page.items)
    assert summary.spans == owned_spans(page)
    assert summary.corrections == [(c.start, c.end) for c in page.corrections]
    assert store.page_of(summary) == page


@pytest.fixture
def store(tmp_path: Path):  # noqa: ANN201
    with Store(tmp_path / "p.db") as s:
        yield s


def _import(store: Store, path: Path) -> int:
    source = load_page(path)
    return store.import_source(source, split_page(source))[0]


def test_an_imported_page_has_its_summary(store: Store) -> None:
    for path in SAMPLES[:3]:
        page_id = _import(store, path)
        assert_summarises(store, page_id)
        summary = store.load_page_summary(page_id)
        first = next(it for it in store.load_page(page_id).items if it.kind is not Kind.FURNITURE)
        assert summary.item_spans(first.id) == [s for b in first.blocks for s in b.spans]


def test_the_summary_follows_every_save(store: Store) -> None:
    page_id = _import(store, SAMPLES[0])
    page = store.load_page(page_id)
    article = next(it for it in page.articles if len(it.blocks) >= 2)
    page = edits.split_item(page, article.id, article.blocks[1].id)
    store.save_page(page_id, page)
    assert_summarises(store, page_id)
    start, end = article.blocks[0].spans[0]
    page = edits.correct_text(page, start, start + 1, "X")
    page = edits.send_to_furniture(page, article.blocks[-1].spans[-1][0], article.blocks[-1].spans[-1][1])
    store.save_page(page_id, page)
    assert_summarises(store, page_id)
    assert store.load_page_summary(page_id).corrections == [(start, start + 1)]


def test_a_summary_out_of_step_with_the_model_is_not_used_and_is_written_again(store: Store) -> None:
    page_id = _import(store, SAMPLES[0])
    other = _import(store, SAMPLES[1])
    # a Newsdesk that knew no summaries saved the page: its model changed, the summary stayed
    model = store.db.execute("select model from pages where id = ?", [other]).fetchone()[0]
    store.db.execute("update pages set model = ? where id = ?", [model, page_id])
    store.db.conn.commit()
    assert store.load_page_summary(page_id) is None
    store.write_summary(page_id)
    assert_summarises(store, page_id)
    store.db.execute("update pages set summary = null where id = ?", [page_id])  # missing: the same
    store.db.conn.commit()
    assert store.load_page_summary(page_id) is None
    store.db.execute("update pages set summary = x'00' where id = ?", [page_id])  # unreadable: the same
    store.db.conn.commit()
    assert store.load_page_summary(page_id) is None
    store.write_summary(page_id)
    assert_summarises(store, page_id)
