"""`newsdesk export` as a corpus: furniture only when asked for, every page back through `import
--from-export`, an empty export said with its cause, CSV for Excel, and items numbered as people count them
in txt file names, `split --pretty` and `search`."""

from __future__ import annotations

import csv
import json
import re
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
FORMATS = {"jsonl": "c.jsonl", "csv": "c.csv", "txt": "txt", "parquet": "c.parquet"}


def run(*args: object):  # noqa: ANN201
    return CliRunner().invoke(cli, [str(a) for a in args])


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def counted(path: Path, fmt: str) -> list[str]:
    """The kinds of the records an export wrote, in order (txt: read back from the records' own export)."""
    if fmt == "jsonl":
        return [r["kind"] for r in jsonl(path)]
    if fmt == "csv":
        with open(path, encoding="utf-8-sig", newline="") as f:
            return [r["kind"] for r in csv.DictReader(f)]
    if fmt == "parquet":
        pq = pytest.importorskip("pyarrow.parquet")
        return pq.read_table(path).column("kind").to_pylist()
    return ["?" for _ in path.iterdir()]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The sample pages, and one more page an editor made furniture only (a page of banners and dates)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for p in SAMPLES:
        shutil.copy(p, pages / p.name)
    shutil.copy(SAMPLES[2], pages / "zz_banners.txt")
    (pages / "zz_banners.txt").write_text(SAMPLES[2].read_text(encoding="utf-8") + "\n本版编辑 王五\n",
                                          encoding="utf-8")
    db = tmp_path / "p.db"
    assert run("import", pages, "--db", db).exit_code == 0
    with Store(db) as store:
        row = next(r for r in store.list_pages() if r.name == "zz_banners.txt")
        page = store.load_page(row.id)
        for item in page.items:
            page = edits.set_kind(page, item.id, Kind.FURNITURE)
        store.save_page(row.id, page, status="done")
    return db


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_corpus_holds_articles_notices_and_ads_unless_furniture_is_asked_for(project: Path, tmp_path: Path,
                                                                                  fmt: str) -> None:
    with Store(project) as store:
        corpus, every = store.count_records(kind=CORPUS_KINDS), store.count_records()
        furniture = store.count_records(kind="furniture")
    assert 0 < furniture and corpus + furniture == every
    for args, expected in [((), corpus), (("--kind", "furniture"), furniture), (("--all",), every)]:
        out = tmp_path / fmt / "-".join(args or ("default",)) / FORMATS[fmt]
        out.parent.mkdir(parents=True, exist_ok=True)
        result = run("export", "--db", project, "--format", fmt, "--out", out, *args)
        assert result.exit_code == 0, result.output
        kinds = counted(out, fmt)
        assert len(kinds) == expected
        if fmt != "txt":
            assert ("furniture" in kinds) == (args != ())
            assert (set(kinds) == {"furniture"}) == (args == ("--kind", "furniture"))
    result = run("export", "--db", project, "--out", tmp_path / "x.jsonl", "--kind", "news", "--kind", "ad")
    assert {r["kind"] for r in jsonl(tmp_path / "x.jsonl")} == {"news", "ad"}
    result = run("export", "--db", project, "--out", tmp_path / "y.jsonl", "--kind", "news", "--all")
    assert result.exit_code == 2 and "give --kind or --all, not both" in result.stderr
    assert not (tmp_path / "y.jsonl").exists()


def test_the_default_export_rebuilds_every_page_a_page_of_furniture_only_too(project: Path,
                                                                             tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    result = run("export", "--db", project, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == (
        f"{out}: 17 item(s) written from 4 page(s); 1 page(s) of furniture only travel whole in it "
        "(for import --from-export)")
    records = jsonl(out)
    assert "zz_banners.txt" not in {r["page"] for r in records}
    carried = [c for r in records for c in r.get("pages_without_records", [])]
    assert [c["page_source"]["name"] for c in carried] == ["zz_banners.txt"]
    assert records[-1]["pages_without_records"] == carried  # rides on the record before it (the last one)
    copy = tmp_path / "copy.db"
    result = run("import", "--from-export", out, "--db", copy)
    assert result.exit_code == 0, result.output
    with Store(project) as a, Store(copy) as b:
        rows_a, rows_b = a.list_pages(), b.list_pages()
        assert [(r.name, r.status, r.item_count) for r in rows_a] == [(r.name, r.status, r.item_count)
                                                                      for r in rows_b]
        assert len(rows_b) == len(SAMPLES) + 1
        for ra, rb in zip(rows_a, rows_b, strict=True):
            assert b.load_page(rb.id) == a.load_page(ra.id)
            assert b.load_auto_page(rb.id) == a.load_auto_page(ra.id)


def test_pages_before_the_first_record_ride_on_it(project: Path, tmp_path: Path) -> None:
    with Store(project) as store:
        row = store.list_pages()[0]
        page = store.load_page(row.id)
        for item in page.items:
            page = edits.set_kind(page, item.id, Kind.FURNITURE)
        store.save_page(row.id, page)
    out = tmp_path / "corpus.jsonl"
    assert run("export", "--db", project, "--out", out).exit_code == 0
    records = jsonl(out)
    assert [c["page_source"]["name"] for c in records[0]["pages_without_records"]] == [row.name]
    assert "page_source" in records[0] and records[0]["page"] != row.name
    copy = tmp_path / "copy.db"
    assert run("import", "--from-export", out, "--db", copy).exit_code == 0
    with Store(project) as a, Store(copy) as b:
        assert [(r.name, r.item_count) for r in a.list_pages()] == [(r.name, r.item_count) for r in b.list_pages()]


def test_a_kind_or_tag_export_says_which_pages_it_leaves_out(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "ads.jsonl"
    result = run("export", "--db", project, "--out", out, "--kind", "ad")
    assert result.exit_code == 0, result.output
    records = jsonl(out)
    with_ads = {r["page"] for r in records}
    assert records and {r["kind"] for r in records} == {"ad"}
    others = len(SAMPLES) + 1 - len(with_ads)
    assert result.stderr.splitlines()[-1] == (f"{out}: {len(records)} item(s) written from {len(with_ads)} "
                                              f"page(s); {others} page(s) have no item matching --kind ad")
    assert all("pages_without_records" not in r for r in records)
    copy = tmp_path / "copy.db"
    assert run("import", "--from-export", out, "--db", copy).exit_code == 0
    with Store(copy) as b:
        assert {r.name for r in b.list_pages()} == with_ads
    tag = records[0]["tags"][0]
    result = run("export", "--db", project, "--out", tmp_path / "tag.csv", "--format", "csv", "--tag", tag)
    with open(tmp_path / "tag.csv", encoding="utf-8-sig", newline="") as f:
        tagged = {r["page"] for r in csv.DictReader(f)}
    assert tagged and result.stderr.splitlines()[-1].endswith(
        f"page(s); {len(SAMPLES) + 1 - len(tagged)} page(s) have no item matching --tag {tag}")


@pytest.mark.parametrize(("args", "said"), [
    (["--status", "in_progress"], "no item matches --status in_progress"),
    (["--tag", "没有这个标签"], "no item matches --tag 没有这个标签"),
    (["--page", "zz_*", "--kind", "news"], "no item matches --kind news and --page zz_* together"),
    (["--page", "zz_*"], "no item matches the default kinds news|feature|notice|ad (furniture needs "
                         "--kind furniture or --all) and --page zz_* together"),
    (["--status", "done", "--page", "nothing*"], "no item matches --page nothing*"),
])
def test_an_export_that_writes_nothing_says_which_filter_left_everything_out(
        project: Path, tmp_path: Path, args: list[str], said: str) -> None:
    out = tmp_path / "none.jsonl"
    result = run("export", "--db", project, "--out", out, *args)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == f"newsdesk: {out}: no item written: {said}"
    assert out.read_bytes() == b""


def test_an_empty_project_says_so(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    result = run("export", "--db", db, "--format", "csv", "--out", tmp_path / "e.csv")
    assert result.stderr.splitlines()[-1] == f"newsdesk: {tmp_path / 'e.csv'}: no item written: the project holds no pages"


def test_csv_is_utf8_with_a_bom_and_authors_and_tags_readable(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    assert run("export", "--db", project, "--format", "csv", "--out", out).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfpage,index,kind,")
    assert run("export", "--db", project, "--out", tmp_path / "c.jsonl").exit_code == 0
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    records = jsonl(tmp_path / "c.jsonl")
    assert len(rows) == len(records)
    with_authors = 0
    for row, rec in zip(rows, records, strict=True):
        assert json.loads(row["authors_json"]) == rec["authors"] and json.loads(row["tags_json"]) == rec["tags"]
        assert row["tags"] == "；".join(rec["tags"])
        assert row["authors"] == "；".join(f"{a['name']}（{a['role']}）" if a["role"] else a["name"]
                                          for a in rec["authors"])
        with_authors += bool(rec["authors"])
        assert "{" not in row["authors"] and "[" not in row["tags"]
    assert with_authors >= 3


def test_items_are_numbered_from_one_for_people(project: Path, tmp_path: Path) -> None:
    assert run("export", "--db", project, "--out", tmp_path / "c.jsonl", "--all").exit_code == 0
    records = jsonl(tmp_path / "c.jsonl")
    assert run("export", "--db", project, "--format", "txt", "--out", tmp_path / "txt", "--all").exit_code == 0
    expected = sorted(f"{Path(r['page']).stem}_{r['index'] + 1:03d}" for r in records)
    names = sorted((tmp_path / "txt").iterdir())
    assert sorted(next(e for e in expected if p.name.startswith(e + "_") or p.name == e + ".txt")
                  for p in names) == expected
    assert any(e.endswith("_001") for e in expected)
    first = SAMPLES[0]
    pretty = run("split", "--pretty", first).stdout
    heads = re.findall(rf"── {re.escape(first.name)} #(\d+) \[", pretty)
    split = [json.loads(line) for line in run("split", first).stdout.splitlines()]
    assert [int(n) for n in heads] == [r["index"] + 1 for r in split] == list(range(1, len(split) + 1))
    news = next(r for r in records if r["kind"] == "news" and r["index"] > 0 and r["title"])
    found = run("search", news["title"], "--db", project).stdout
    assert f"{news['page']} #{news['index'] + 1} (page " in found
