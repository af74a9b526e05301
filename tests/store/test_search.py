"""Full-text search for Chinese: trigram matches, the LIKE fallback for short words, odd input."""

from __future__ import annotations

import pytest

from app.core.loading import SourcePage
from app.core.page import Kind, Role
from app.store.db import SearchHit, Store


@pytest.fixture
def news_store(store: Store, make_page) -> Store:
    pages = [
        make_page([(Kind.NEWS, [(Role.TITLE, "荆州中医外科首次亮相全省年会"),
                                 (Role.BODY, "本报讯 市中医医院胃肠肛肠外科主任受邀参会。")]),
                    (Kind.NEWS, [(Role.TITLE, "江陵县数智病理中心投入运行"),
                                 (Role.BODY, "病理切片上传至省平台，患者少跑路。")])], name="a.txt"),
        make_page([(Kind.NOTICE, [(Role.TITLE, "<script>alert('x')</script>"),
                                   (Role.BODY, "'; DROP TABLE pages; -- 更名公告 100% 完成_")])], name="b.txt"),
    ]
    for p in pages:
        store.import_source(SourcePage(p.name, p.text, "utf-8"), p)
    return store


def test_finds_a_chinese_substring_in_a_title(news_store: Store) -> None:
    hits = news_store.search("中医外科")
    assert [(h.page_name, h.item_id, h.title) for h in hits] == [("a.txt", 0, "荆州中医外科首次亮相全省年会")]
    assert isinstance(hits[0], SearchHit) and "中医外科" in hits[0].snippet


def test_finds_text_inside_the_body_with_a_snippet(news_store: Store) -> None:
    hits = news_store.search("病理切片")
    assert [(h.page_name, h.item_id) for h in hits] == [("a.txt", 1)]
    assert "病理切片" in hits[0].snippet


def test_short_words_fall_back_to_like(news_store: Store) -> None:
    assert [h.item_id for h in news_store.search("江陵")] == [1]
    assert {(h.page_name, h.item_id) for h in news_store.search("医")} == {("a.txt", 0)}
    assert len(news_store.search("中", limit=1)) == 1


def test_every_word_must_occur(news_store: Store) -> None:
    assert [h.item_id for h in news_store.search("江陵县 省平台")] == [1]
    assert news_store.search("江陵县 中医外科") == []


@pytest.mark.parametrize("query", ["'; DROP TABLE pages; --", "<script>", '"引号', "100%", "完成_", "OR", "*", "NEAR("])
def test_odd_queries_are_plain_text(news_store: Store, query: str) -> None:
    hits = news_store.search(query)
    assert all(query.lower() in (h.title + h.snippet).lower() for h in hits)
    assert news_store.db["pages"].count == 2


def test_html_and_sql_titles_are_stored_and_found_verbatim(news_store: Store) -> None:
    hits = news_store.search("DROP TABLE")
    assert [h.page_name for h in hits] == ["b.txt"]
    assert news_store.search("alert")[0].title == "<script>alert('x')</script>"


def test_empty_query_finds_nothing(news_store: Store) -> None:
    assert news_store.search("") == [] and news_store.search("   ") == []


def test_search_follows_saved_edits(news_store: Store) -> None:
    from app.core import edits

    page = news_store.load_page(1)
    news_store.save_page(1, edits.set_field(page, 0, "title", "改名后的标题"))
    assert news_store.search("中医外科首次") == []
    assert news_store.search("改名后")[0].title == "改名后的标题"
