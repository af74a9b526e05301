"""The corpus commands: newsdesk import, export, report, search (CliRunner, real project files)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.core import edits
from app.core.export import CORPUS_KINDS
from app.core.page import Kind
from app.store.db import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The sample pages imported through the CLI, one edited and done, one in progress."""
    db = tmp_path / "p.db"
    result = run("import", ROOT / "sample_data", "--db", db)
    assert result.exit_code == 0, result.output
    assert f"{len(SAMPLES)} new" in result.stderr
    with Store(db) as store:
        page = store.load_page(1)
        first = next(it for it in page.items if it.kind is not Kind.FURNITURE)
        page = edits.set_field(page, first.id, "title", "<b>编辑定的标题</b>'; DROP TABLE items;--")
        page = edits.set_field(page, first.id, "authors", [{"name": "张三", "role": "记者"}])
        block = first.blocks[0]
        s, _ = block.spans[0]
        page = edits.correct_text(page, s, s + 1, "〇")
        others = [it for it in page.items if it.kind is not Kind.FURNITURE and it.id != first.id]
        if len(others) >= 2:
            page = edits.merge_items(page, others[0].id, others[1].id)
        store.save_page(1, page, status="done", summary="fixes")
        store.set_status(2, "in_progress")
    return db


def test_import_reports_and_reimport_is_a_no_op(project: Path) -> None:
    result = run("import", ROOT / "sample_data", "--db", project)
    assert result.exit_code == 0
    assert f"0 new, 0 new version(s), {len(SAMPLES)} unchanged, 0 bad" in result.stderr


def test_import_lists_bad_files_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "中文 目录"
    folder.mkdir()
    shutil.copy(SAMPLES[0], folder / "第 1 版.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\xfa" * 30)
    result = run("import", folder, "--db", tmp_path / "p.db")
    assert result.exit_code == 1
    assert f"newsdesk: {folder / 'empty.txt'}: the file is empty" in result.stderr
    assert str(folder / "bad.txt") in result.stderr
    assert "1 new, 0 new version(s), 0 unchanged, 2 bad" in result.stderr
    assert "Traceback" not in result.output
    with Store(tmp_path / "p.db") as store:
        assert [r.name for r in store.list_pages()] == ["第 1 版.txt"]


def test_import_needs_pages_or_an_export(tmp_path: Path) -> None:
    result = run("import", "--db", tmp_path / "p.db")
    assert result.exit_code == 2 and "--from-export" in result.output


def test_a_bad_project_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_text("not a database " * 100)
    for args in (["import", SAMPLES[0], "--db", bad], ["export", "--db", bad, "--out", tmp_path / "o"],
                 ["search", "荆州", "--db", bad], ["report", "--db", bad]):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr.strip().count("\n") == 0 and "x.db" in result.stderr
    result = run("search", "荆州", "--db", tmp_path / "missing.db")
    assert result.exit_code == 1 and "no such project" in result.stderr


def test_export_jsonl_then_import_back_is_the_same_project(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    result = run("export", "--db", project, "--format", "jsonl", "--out", out)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(r["title"].startswith("<b>编辑定的标题</b>'; DROP") for r in records if r["page_id"] == 1)
    assert {r["status"] for r in records if r["page_id"] == 1} == {"done"}
    copy = tmp_path / "copy.db"
    result = run("import", "--from-export", out, "--db", copy)
    assert result.exit_code == 0, result.output
    with Store(project) as a, Store(copy) as b:
        rows_a, rows_b = a.list_pages(), b.list_pages()
        assert [(r.name, r.status, r.item_count, r.edited) for r in rows_a] == [
            (r.name, r.status, r.item_count, r.edited) for r in rows_b]
        for ra, rb in zip(rows_a, rows_b, strict=True):
            assert b.load_page(rb.id) == a.load_page(ra.id)
            assert b.load_auto_page(rb.id) == a.load_auto_page(ra.id)
        drop = {"page_id", "page_source", "export", "pages_without_records"}
        again = [{k: v for k, v in r.items() if k not in drop} for r in b.iter_records(kind=CORPUS_KINDS)]
        assert again == [{k: v for k, v in r.items() if k not in drop} for r in records]
        assert [tuple(c.values()) for c in b.db["corrections"].rows] == [
            tuple(c.values()) for c in a.db["corrections"].rows]


def test_import_from_a_file_that_is_not_an_export(tmp_path: Path) -> None:
    bad = tmp_path / "items.jsonl"
    bad.write_text('{"page": "a.txt", "title": "x"}\nnot json\n', encoding="utf-8")
    result = run("import", "--from-export", bad, "--db", tmp_path / "n.db")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"newsdesk: {bad}: not a `newsdesk export --format jsonl` file "
                                     "(its first record has no page_source)")
    assert not (tmp_path / "n.db").exists()


def test_export_filters_and_formats(project: Path, tmp_path: Path) -> None:
    result = run("export", "--db", project, "--format", "csv", "--status", "done", "--out", tmp_path / "d.csv")
    assert result.exit_code == 0, result.output
    with open(tmp_path / "d.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r["page_id"] for r in rows} == {"1"}
    edited = [r for r in rows if r["title"].startswith("<b>编辑定的标题</b>")]
    assert [json.loads(r["authors_json"]) for r in edited] == [[{"name": "张三", "role": "记者"}]]
    assert [r["authors"] for r in edited] == ["张三（记者）"]
    result = run("export", "--db", project, "--format", "txt", "--page", "00[34]*", "--out", tmp_path / "txt")
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "txt").iterdir())
    assert names and all(n[:3] in ("003", "004") for n in names)
    result = run("export", "--db", project, "--format", "jsonl", "--kind", "furniture", "--out", "-")
    kinds = {json.loads(line)["kind"] for line in result.stdout.splitlines()}
    assert result.exit_code == 0 and kinds <= {"furniture"}
    result = run("export", "--db", project, "--format", "parquet", "--out", tmp_path / "c.parquet")
    assert result.exit_code == 0 and (tmp_path / "c.parquet").stat().st_size > 0


def test_search_prints_hits_with_page_and_item(project: Path) -> None:
    result = run("search", "编辑定的标题", "--db", project)
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{SAMPLES[0].name} #") and "(page 1)" in first
    result = run("search", "没有这样的内容", "--db", project)
    assert result.exit_code == 0 and result.stdout == "" and "no item holds" in result.stderr


def test_report_scores_the_done_pages(project: Path) -> None:
    result = run("report", "--db", project, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pages"] == 1
    assert data["fixes"]["field: title"] == 1 and data["fixes"]["correction"] == 1 and data["fixes"]["merge"] == 1
    assert data["title_accuracy"] < 1.0
    text = run("report", "--db", project).stdout
    assert "1 page(s) marked done" in text and "Title set by hand" in text and "Character corrected" in text
    assert "field" not in text and "title_accuracy" not in text and "Titles right" in text
