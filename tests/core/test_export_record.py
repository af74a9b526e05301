"""ExportRecord: a record as the project stores it (lists as JSON text), read as values, written as stored."""

from __future__ import annotations

import io
import json

from app.core.export import ExportRecord, write_csv, write_jsonl
from app.core.metadata import item_records

PROJECT = {"page_id": 7, "item_id": 0, "version": 1, "status": "done", "edited": None, "schema_version": 1}


def stored(page) -> ExportRecord:  # noqa: ANN001
    """The first record of `page` as the project hands it over: list fields as their stored JSON text."""
    _, rec = item_records(page, tags=False)[0]
    values = {**rec.to_dict(), **PROJECT, "page_source": {"text": page.text}}
    stored = {k: json.dumps(v, ensure_ascii=False) for k, v in rec.to_dict().items() if isinstance(v, list)}
    stored["page_source"] = {"model": '{"items": [], "name": "test.txt"}'}
    return ExportRecord(values, stored)


def test_reading_a_field_parses_what_was_stored(page) -> None:
    rec = stored(page)
    _, plain = item_records(page, tags=False)[0]
    assert rec["body"] == list(plain.body) and rec["authors"][0] == {"name": "张三", "role": "记者"}
    assert rec["page_source"]["model"] == {"items": [], "name": "test.txt"}
    assert rec.record == plain
    assert list(rec)[:13] == list(plain.to_dict()) and len(rec) == 13 + len(PROJECT) + 1


def test_jsonl_writes_the_stored_json_as_it_is(page) -> None:
    out = io.StringIO()
    assert write_jsonl([stored(page)], out, total=1) == 1
    line = out.getvalue()
    assert '"model":{"items": [], "name": "test.txt"}' in line  # the stored text, spaces and all
    data = json.loads(line)
    assert data["body"] == stored(page)["body"] and data["export"] == {"records": 1}


def test_csv_reads_an_export_record_like_a_dict(page) -> None:
    a, b = io.StringIO(), io.StringIO()
    write_csv([stored(page)], a)
    write_csv([dict(stored(page))], b)
    assert a.getvalue() == b.getvalue()
