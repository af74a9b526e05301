"""Export records and writers: JSONL, CSV, a txt folder with safe names, Parquet."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from app.core import edits
from app.core.errors import NewsdeskError
from app.core.export import (
    CSV_COLUMNS,
    safe_name,
    txt_name,
    write_csv,
    write_jsonl,
    write_parquet,
    write_records,
    write_txt,
)
from app.core.loading import load_page
from app.core.metadata import page_item_records, page_records
from app.core.page import Page
from app.core.splitter import split_page


def records_of(page: Page) -> list[dict]:
    out = []
    for item_id, rec in page_item_records(page):
        out.append({**rec, "page_id": 7, "item_id": item_id, "version": 1, "status": "done",
                    "edited": None, "schema_version": 1})
    return out


def test_item_records_are_the_split_records_with_item_ids(sample_path) -> None:
    page = split_page(load_page(sample_path))
    pairs = page_item_records(page)
    assert [rec for _, rec in pairs] == page_records(page)
    assert sorted(i for i, _ in pairs) == sorted(it.id for it in page.items)


def test_text_no_item_holds_is_a_record_without_item_id(page: Page) -> None:
    page = edits.delete_item(page, page.items[1].id)
    pairs = page_item_records(page)
    assert [rec for _, rec in pairs] == page_records(page)
    assert [i for i, _ in pairs].count(None) == 1


def test_jsonl_lines_are_the_records(page: Page) -> None:
    out = io.StringIO()
    recs = records_of(page)
    assert write_jsonl(recs, out) == len(recs)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == recs
    assert "荆州" in out.getvalue()  # Chinese kept as is, not \u escapes


def test_csv_has_one_row_per_item_with_lists_as_json(page: Page) -> None:
    recs = records_of(page)
    recs[0]["body"] = ['第一段，有"引号"', "第二段\n换行, 逗号"]
    recs[0]["authors"].append({"name": "无名", "role": ""})
    out = io.StringIO(newline="")
    write_csv(recs, out)
    assert out.getvalue().startswith("\ufeffpage,")  # the byte order mark Excel needs to read UTF-8
    rows = list(csv.DictReader(io.StringIO(out.getvalue()[1:], newline="")))
    assert len(rows) == len(recs)
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert json.loads(rows[0]["body"]) == recs[0]["body"]
    assert rows[0]["authors"] == "张三（记者）；何勇（通讯员）；无名"  # for a person
    assert json.loads(rows[0]["authors_json"]) == recs[0]["authors"]  # for a program
    assert rows[0]["tags"] == "；".join(recs[0]["tags"]) and json.loads(rows[0]["tags_json"]) == recs[0]["tags"]
    assert rows[0]["title"] == recs[0]["title"]


@pytest.mark.parametrize("text", ["../../etc/passwd", "a/b\\c:d*e?f\"g<h>i|j", "CON", "nul.txt", "  ..hidden. ",
                                  "\x00\x1f控制", "长" * 200, ""])
def test_safe_names_cannot_escape_or_break_a_folder(text: str) -> None:
    name = safe_name(text)
    assert name and "/" not in name and "\\" not in name and ".." != name[:2]
    assert not any(c in name for c in '<>:"|?*\x00\x1f')
    assert name.split(".")[0].upper() not in {"CON", "NUL", "PRN", "AUX"}
    assert len(name.encode("utf-8")) <= 180


def test_txt_folder_one_file_per_item_names_stable_and_unique(tmp_path: Path, page: Page) -> None:
    recs = records_of(page)
    recs[1]["page"] = recs[0]["page"] = "../版面 一.txt"
    recs[1]["index"] = recs[0]["index"]  # a clash the writer must resolve
    recs[0]["title"] = recs[1]["title"] = "<script>alert(1)</script>"
    assert write_txt(recs, tmp_path / "a") == len(recs)
    write_txt(recs, tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(names) == len(recs)
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert all(p.parent == tmp_path / "a" for p in (tmp_path / "a").iterdir())
    first = (tmp_path / "a" / txt_name(recs[0])).read_text(encoding="utf-8")
    assert first.startswith("<script>alert(1)</script>")
    assert recs[0]["body"][0] in first


def test_parquet_reads_back(tmp_path: Path, page: Page) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    recs = records_of(page)
    write_parquet(recs, tmp_path / "c.parquet")
    table = pq.read_table(tmp_path / "c.parquet").to_pylist()
    assert [r["title"] for r in table] == [r["title"] for r in recs]
    assert table[0]["authors"] == recs[0]["authors"]
    assert table[0]["spans"] == recs[0]["spans"]


def test_parquet_without_pyarrow_is_one_clear_message(tmp_path: Path, page: Page, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(NewsdeskError, match="pyarrow"):
        write_records(records_of(page), "parquet", tmp_path / "c.parquet")


def test_unwritable_output_is_one_clear_message(tmp_path: Path, page: Page) -> None:
    with pytest.raises(NewsdeskError, match="cannot write"):
        write_records(records_of(page), "jsonl", tmp_path / "missing" / "x.jsonl")
