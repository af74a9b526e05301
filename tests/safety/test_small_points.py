"""Failure 13, the smaller points: short searches never match the JSON syntax of stored lists; a query may
start with a dash; UTF-16 is read (with a BOM) or named (without one), never called "NUL bytes"; invalid
UTF-8 is reported at its own byte offset. (page_source.path: tests/safety/test_page_identity.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from safehelp import SAMPLES, newsdesk_here, no_traceback, stderr_lines

from app.core.errors import BadInput
from app.core.loading import decode_page, load_page
from app.store.db import Store

JSON_SYNTAX = ["na", "me", "ro", "le", '"', "[", "]", "{", "}", ":", ",", '",', "e\"", "name", "role"]


@pytest.mark.parametrize("query", JSON_SYNTAX)
def test_short_searches_do_not_match_json_syntax(sample_project: Path, query: str) -> None:
    with Store(sample_project) as store:
        for hit in store.search(query, limit=500):
            rec = next(r for r in store.iter_records() if r["page_id"] == hit.page_id
                       and r["item_id"] == hit.item_id)
            text = " ".join([rec["section"], rec["kicker"], rec["title"], rec["subtitle"], *rec["subheads"],
                             *rec["body"], *rec["captions"], *(a["name"] for a in rec["authors"])])
            assert query.lower() in text.lower(), (query, hit)


def test_short_searches_still_find_text_in_every_list(sample_project: Path) -> None:
    with Store(sample_project) as store:
        records = [r for r in store.iter_records() if r["authors"] and r["body"]]
        rec = records[0]
        name = rec["authors"][0]["name"][:2]
        word = rec["body"][-1][:2]
        for query in (name, word, f"{name} {word}"):
            assert any((h.page_id, h.item_id) == (rec["page_id"], rec["item_id"])
                       for h in store.search(query, limit=500)), query


@pytest.mark.parametrize("args", [["-x"], ["--", "-x"], ["-5%"], ["--", "--limit"]])
def test_a_query_may_start_with_a_dash(sample_project: Path, args: list[str]) -> None:
    if args[0] == "--":
        proc = newsdesk_here("search", "--db", sample_project, *args)
    else:
        proc = newsdesk_here("search", *args, "--db", sample_project)
    assert proc.returncode == 0 and no_traceback(proc), proc.stderr
    assert stderr_lines(proc) == [f"no item holds “{args[-1]}”"]


def test_utf16_with_a_bom_is_read(tmp_path: Path) -> None:
    text = SAMPLES[0].read_text(encoding="utf-8")
    for codec in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(codec)
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(bom + text.encode(codec))
        page = load_page(path)
        assert page.text == text and page.encoding == "utf-16"
    proc = newsdesk_here("split", tmp_path / "utf-16-le.txt")
    assert proc.returncode == 0 and proc.stdout


def test_utf16_without_a_bom_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes(SAMPLES[0].read_text(encoding="utf-8").encode("utf-16-le"))
    with pytest.raises(BadInput, match="UTF-16") as e:
        load_page(path)
    assert "NUL" not in str(e.value)


def test_invalid_utf8_reports_its_own_byte_offset() -> None:
    good = "荆州日报讯，记者报道。".encode() * 20
    at = len(good) - 9  # a character's first byte (each of these characters is three bytes)
    damaged = good[:at] + b"\xff" + good[at + 1:]
    with pytest.raises(BadInput, match=f"offset {at}\\b"):
        decode_page(damaged, "p.txt")
    with pytest.raises(BadInput, match="byte 9 is not UTF-8"):
        decode_page(b"\xef\xbb\xbf" + "荆州".encode() + b"\xff", "p.txt")
    assert decode_page("荆州日报".encode("gbk") * 10, "p.txt")[1] == "gb18030"  # GBK is still GBK
