"""The compact project: page texts and models stored compressed, the words index, item row ids that last."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.core import edits
from app.core.loading import SourcePage
from app.core.page import Kind, Role
from app.core.serialize import page_to_json
from app.store.compact import pack_model, pack_text, unpack_model, unpack_model_data, unpack_text
from app.store.db import Store
from app.store.tokens import index_text, query_words


def test_text_and_models_come_back_exactly(sample_store: Store) -> None:
    for row in sample_store.list_pages():
        page = sample_store.load_page(row.id)
        assert unpack_text(pack_text(page.text)) == page.text
        model = page_to_json(page, with_text=False)
        assert unpack_model(pack_model(model)) == model
        assert unpack_model_data(pack_model(model)) == json.loads(model)  # read without the text between
        assert unpack_model_data(model) == json.loads(model)  # a row from before the project was compact
        assert len(pack_model(model)) < len(model.encode("utf-8")) / 4
    stored = sample_store.db.execute("select text, model from pages").fetchall()
    assert all(isinstance(text, bytes) and isinstance(model, bytes) for text, model in stored)


def test_a_model_comes_back_exactly_whatever_its_spans_and_fields_hold() -> None:
    fields = {"title": '"spans~":[1,2] 与 "spans":[[1,2]]', "subheads": ["\\", "\x01\n\t", "\u2028😀"]}
    data = {"model_version": 1, "name": "a.txt", "items": [
        {"id": 1, "kind": "news", "fields": fields, "blocks": [
            {"id": 1, "role": "title", "spans": [[40, 52], [3, 9], [9, 9]]},  # out of order, empty
            {"id": 2, "role": "body", "spans": []}]}],
        "unassigned": [{"id": 3, "role": "body", "spans": [[0, 3]]}], "corrections": []}
    model = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert b'"spans~"' in zlib.decompress(pack_model(model))  # stored as differences
    assert unpack_model(pack_model(model)) == model
    assert unpack_model_data(pack_model(model)) == data


def test_the_automatic_split_is_kept_once_until_the_editor_changes_the_page(sample_store: Store) -> None:
    auto_rows = lambda: dict(sample_store.db.execute("select page_id, model from page_auto").fetchall())  # noqa: E731
    assert set(auto_rows().values()) == {None}  # as imported: the same as the editor's model
    page_id = sample_store.list_pages()[0].id
    auto = sample_store.load_auto_page(page_id)
    page = sample_store.load_page(page_id)
    item = next(it for it in page.items if it.kind != Kind.FURNITURE)
    sample_store.save_page(page_id, edits.set_field(page, item.id, "title", "改过的标题"))
    assert auto_rows()[page_id] is not None
    assert sample_store.load_auto_page(page_id) == auto
    assert sample_store.load_page(page_id).item(item.id).fields["title"] == "改过的标题"


def test_index_words_are_characters_and_dictionary_words() -> None:
    words = index_text("人民代表大会在北京召开").split()
    assert {"人", "大", "会", "大会", "代表", "人民代表大会", "北京", "召开"} <= set(words)
    assert "会在" not in words  # not a word
    assert "会在" in index_text("人民代表大会在北京召开", all_pairs=True).split()  # headlines: every two characters
    assert index_text("INDUSTRIAL BANK 2019年") == "INDUSTRIAL BANK 2019 年"
    assert query_words("《》") == [] and query_words("Bank_x") == ["Bank", "x"]


def _items_matching(db: Database, query: str) -> list[tuple[str, str]]:
    """What Datasette's search box shows for `query` on the items table (its SQL, its escaping)."""
    escaped = " ".join(f'"{bit}"' for bit in query.split())
    return db.execute("select title, body from items where rowid in "
                      "(select rowid from items_fts where items_fts match ?) order by rowid", [escaped]).fetchall()


@pytest.fixture
def corpus(store: Store, make_page) -> Store:  # noqa: ANN001
    page = make_page([(Kind.NEWS, [(Role.TITLE, "江陵县数智病理中心投入运行"),
                                   (Role.BODY, "病理切片上传至省平台，患者少跑路。人民代表大会在北京召开。")]),
                      (Kind.NEWS, [(Role.TITLE, "鲸鱼搁浅海滩"),
                                   (Role.BYLINE, "记者 王小芳"),
                                   (Role.BODY, "志愿者连夜救援。")])], name="a.txt")
    store.import_source(SourcePage(page.name, page.text, "utf-8"), page)
    return store


def test_datasette_finds_the_items_table_search_and_real_text(corpus: Store) -> None:
    assert corpus.db["items"].detect_fts() == "items_fts"  # the rule Datasette and sqlite-utils share
    sql = corpus.db.execute("select sql from sqlite_master where name = 'items_fts'").fetchone()[0]
    assert 'content="items"' in sql
    assert [t for t, _ in _items_matching(corpus.db, "病")] == ["江陵县数智病理中心投入运行"]
    title, body = _items_matching(corpus.db, "大会")[0]
    assert title == "江陵县数智病理中心投入运行" and "人民代表大会" in json.loads(body)[0]
    assert [t for t, _ in _items_matching(corpus.db, "鲸鱼")] == ["鲸鱼搁浅海滩"]
    assert [t for t, _ in _items_matching(corpus.db, "小芳")] == ["鲸鱼搁浅海滩"]  # names: every two characters
    assert _items_matching(corpus.db, "救援 病理") == []


def test_datasette_itself_searches_the_items(corpus: Store, tmp_path: Path) -> None:
    utils = pytest.importorskip("datasette.utils")
    assert utils.detect_fts(corpus.db.conn, "items") == "items_fts"
    found = corpus.db.execute("select title from items where rowid in (select rowid from items_fts where items_fts "
                              "match ?)", [utils.escape_fts("搁浅")]).fetchall()
    assert found == [("鲸鱼搁浅海滩",)]


def test_an_item_keeps_its_row_id_across_saves_and_ids_are_never_reused(corpus: Store) -> None:
    rows = lambda: dict(corpus.db.execute("select item_id, id from items where item_id is not null").fetchall())  # noqa: E731
    before = rows()
    page = corpus.load_page(1)
    first, second = page.items[0].id, page.items[1].id
    corpus.save_page(1, edits.set_field(page, first, "title", "病理中心运行一年"))
    assert rows() == before
    page = corpus.load_page(1)
    corpus.save_page(1, edits.merge_items(page, first, second))
    after = rows()
    assert after[first] == before[first] and second not in after
    corpus.save_page(1, page)  # the merge undone: the second item is back, with a row id never used before
    again = rows()
    assert again[first] == before[first] and again[second] > max(before.values())


def test_the_index_follows_saves(corpus: Store) -> None:
    page = corpus.load_page(1)
    corpus.save_page(1, edits.set_field(page, page.items[1].id, "title", "海豚回到大海"))
    assert _items_matching(corpus.db, "鲸鱼") == []
    assert [t for t, _ in _items_matching(corpus.db, "海豚")] == ["海豚回到大海"]
    assert [h.title for h in corpus.search("海豚")] == ["海豚回到大海"]
    assert [h.title for h in corpus.search("搁浅")] == []


def test_search_finds_words_the_dictionary_does_not_know(corpus: Store) -> None:
    assert [h.title for h in corpus.search("患者少跑")] == ["江陵县数智病理中心投入运行"]
    assert [h.title for h in corpus.search("者少")] == ["江陵县数智病理中心投入运行"]
    assert [h.title for h in corpus.search("愿")] == ["鲸鱼搁浅海滩"]


def test_a_project_made_by_another_dictionary_is_indexed_again(tmp_path: Path, make_page) -> None:  # noqa: ANN001
    path = tmp_path / "p.db"
    page = make_page([(Kind.NEWS, [(Role.TITLE, "鲸鱼搁浅海滩"), (Role.BODY, "志愿者连夜救援。")])], name="a.txt")
    with Store(path) as store:
        store.import_source(SourcePage(page.name, page.text, "utf-8"), page)
    with sqlite3.connect(path) as conn:  # an index cut by some other dictionary: words that are not there
        conn.execute("insert into items_fts (items_fts) values ('delete-all')")
        conn.execute("insert into items_fts (rowid, title, body) values (1, '别的', '词')")
        conn.execute("update state set value = '\"jieba 0.0 other\"' where key = 'search_dictionary'")
    with Store(path) as store:
        assert [t for t, _ in _items_matching(store.db, "救援")] == ["鲸鱼搁浅海滩"]
        assert _items_matching(store.db, "别的") == []
