"""Failures 2 and 3: `import --from-export` checks every page it is given and keeps the editor's work.

A page whose model breaks the no-loss invariant (spans beyond the text, negative, overlapping, text
covered by nobody), whose text was cut or altered, whose corrections do not fit, or whose schema is newer
than this Newsdesk is refused in one line naming the file, line and page; nothing of it is stored and the
other pages still are. An export carrying an editor's work on a page the project already holds (the same
text) merges: the newer edit by `edited` time becomes the page, the other is kept as an earlier version.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from safehelp import newsdesk_here, no_traceback, stderr_lines

from app.core import edits
from app.core.page import Kind, check_invariant
from app.store.db import Store


@pytest.fixture(scope="module")
def export_lines(sample_project: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("reimport") / "corpus.jsonl"
    assert newsdesk_here("export", "--db", sample_project, "--out", out).returncode == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _first_of_pages(records: list[dict]) -> list[int]:
    return [i for i, r in enumerate(records) if "page_source" in r]


def _write(path: Path, records: list[dict]) -> Path:
    records = [dict(r) for r in records]
    records[0]["export"] = {"records": len(records)}
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _body_block(model: dict) -> dict:
    return next(b for it in model["items"] for b in it["blocks"] if b["role"] == "body")


def _spans_beyond(src: dict) -> None:
    _body_block(src["model"])["spans"][0][1] = 10_000_000


def _negative(src: dict) -> None:
    _body_block(src["model"])["spans"][0][0] = -5


def _covered_twice(src: dict) -> None:
    a, b = [it for it in src["model"]["items"] if it["blocks"]][:2]
    b["blocks"][0]["spans"].append(list(a["blocks"][0]["spans"][0]))


def _covered_by_nobody(src: dict) -> None:
    items = src["model"]["items"]
    victim = next(it for it in items if len(it["blocks"]) > 1)
    victim["blocks"].pop()


def _truncated_text(src: dict) -> None:
    src["text"] = src["text"][: len(src["text"]) // 2]


def _altered_text(src: dict) -> None:  # same length, so every span still "fits": only the hash tells
    text = src["text"]
    i = next(k for k, c in enumerate(text) if "\u4e00" <= c <= "\u9fff")
    src["text"] = text[:i] + ("乙" if text[i] != "乙" else "甲") + text[i + 1:]


def _bad_correction(src: dict) -> None:
    s, e = _body_block(src["model"])["spans"][0]
    src["model"]["corrections"] = [{"start": s, "end": s + 2, "old": "不对", "new": "x"}]


def _correction_beyond(src: dict) -> None:
    n = len(src["text"])
    src["model"]["corrections"] = [{"start": n + 5, "end": n + 9, "old": "", "new": "x"}]


def _bad_auto_model(src: dict) -> None:
    _body_block(src["auto_model"])["spans"][0][1] = 10_000_000


def _huge_version(src: dict) -> None:
    src["version"] = 1e30


def _bad_status(src: dict) -> None:
    src["status"] = "published'; DROP TABLE pages;--"


def _not_a_model(src: dict) -> None:
    src["model"] = {"items": "nothing"}


BREAKS: dict[str, Callable[[dict], None]] = {
    "spans beyond the text": _spans_beyond, "a negative span": _negative, "text covered twice": _covered_twice,
    "text covered by nobody": _covered_by_nobody, "a truncated page text": _truncated_text,
    "an altered page text": _altered_text, "a correction that does not fit": _bad_correction,
    "a correction beyond the text": _correction_beyond, "a broken automatic split": _bad_auto_model,
    "version 1e30": _huge_version, "an unknown status": _bad_status, "not a page model": _not_a_model,
}


@pytest.mark.parametrize("name", [*BREAKS, "schema_version 99"])
def test_a_corrupted_page_is_refused_and_the_others_imported(tmp_path: Path, export_lines: list[dict],
                                                             name: str) -> None:
    records = [json.loads(json.dumps(r)) for r in export_lines]
    firsts = _first_of_pages(records)
    target = firsts[1]
    if name == "schema_version 99":
        for r in records:
            if r["page_id"] == records[target]["page_id"]:
                r["schema_version"] = 99
    else:
        BREAKS[name](records[target]["page_source"])
    bad = _write(tmp_path / "bad.jsonl", records)
    db = tmp_path / "copy.db"
    proc = newsdesk_here("import", "--from-export", bad, "--db", db)
    assert proc.returncode == 1 and no_traceback(proc)
    lines = [line for line in stderr_lines(proc) if line.startswith("newsdesk:")]
    page = records[target]["page"]
    assert len(lines) == 1 and f"{bad}:{target + 1}" in lines[0] and page in lines[0], proc.stderr
    with Store(db) as store:
        names = [r.name for r in store.list_pages()]
        assert page not in names and len(names) == len(firsts) - 1
        for row in store.list_pages():
            assert check_invariant(store.load_page(row.id)) == []
    assert newsdesk_here("report", "--db", db).returncode == 0
    out = tmp_path / "again.jsonl"
    assert newsdesk_here("export", "--db", db, "--out", out).returncode == 0
    length = 0
    for rec in map(json.loads, out.read_text(encoding="utf-8").splitlines()):
        length = len(rec["page_source"]["text"]) if "page_source" in rec else length
        assert all(0 <= s < e <= length for s, e in rec["spans"])


def test_a_file_that_is_not_an_export_is_one_line(tmp_path: Path, sample_project: Path) -> None:
    for bad in (sample_project, tmp_path / "items.jsonl"):
        if bad.suffix == ".jsonl":
            bad.write_text('{"page": "a.txt", "title": "x"}\nnot json\n', encoding="utf-8")
        proc = newsdesk_here("import", "--from-export", bad, "--db", tmp_path / "n.db")
        assert proc.returncode == 1 and no_traceback(proc)
        assert len(stderr_lines(proc)) == 1 and "not a `newsdesk export --format jsonl` file" in proc.stderr
        assert not (tmp_path / "n.db").exists()


# --- failure 3: the editor's work carried by an export is merged, never dropped ------------------------
def _edit_page(db: Path, page_id: int, title: str, status: str = "done") -> None:
    with Store(db) as store:
        page = store.load_page(page_id)
        first = next(it for it in page.items if it.kind is not Kind.FURNITURE)
        store.save_page(page_id, edits.set_field(page, first.id, "title", title), status=status, summary="title")


def _title(db: Path, page_id: int) -> tuple[str, str]:
    with Store(db) as store:
        rec = next(r for r in store.iter_records() if r["page_id"] == page_id and r["kind"] != "furniture")
        return rec["title"], rec["status"]


def test_an_exports_edits_merge_into_the_same_pages(tmp_path: Path, sample_project: Path) -> None:
    import shutil

    home, away = tmp_path / "home.db", tmp_path / "away.db"
    shutil.copy(sample_project, home)
    shutil.copy(sample_project, away)
    _edit_page(away, 1, "编辑在另一台电脑上改的标题")
    corpus = tmp_path / "away.jsonl"
    assert newsdesk_here("export", "--db", away, "--out", corpus).returncode == 0
    proc = newsdesk_here("import", "--from-export", corpus, "--db", home)
    assert proc.returncode == 0, proc.stderr
    assert "1 merged" in proc.stderr
    assert _title(home, 1) == ("编辑在另一台电脑上改的标题", "done")
    with Store(home) as store:
        assert len(store.list_pages()) == len(_first_of_pages(
            [json.loads(x) for x in corpus.read_text(encoding="utf-8").splitlines()]))
        earlier = store.model_versions(1)
        assert len(earlier) == 1 and earlier[0]["edited"] is None  # the automatic split it replaced
        assert any("merged" in h["summary"] for h in store.history(1))
    again = newsdesk_here("import", "--from-export", corpus, "--db", home)
    assert "0 merged" in again.stderr or "merged" not in again.stderr
    assert _title(home, 1) == ("编辑在另一台电脑上改的标题", "done")


def test_the_newer_edit_wins_and_the_older_is_kept(tmp_path: Path, sample_project: Path) -> None:
    import shutil

    home, away = tmp_path / "home.db", tmp_path / "away.db"
    shutil.copy(sample_project, home)
    shutil.copy(sample_project, away)
    _edit_page(away, 1, "较早的标题", status="in_progress")
    corpus = tmp_path / "away.jsonl"
    assert newsdesk_here("export", "--db", away, "--out", corpus).returncode == 0
    records = [json.loads(x) for x in corpus.read_text(encoding="utf-8").splitlines()]
    for r in records:  # the export's edit is older than the one made at home below
        if "page_source" in r and r["page_id"] == 1:
            r["page_source"]["edited"] = "2001-01-01T00:00:00+00:00"
    _write(corpus, records)
    _edit_page(home, 1, "较新的标题")
    proc = newsdesk_here("import", "--from-export", corpus, "--db", home)
    assert proc.returncode == 0, proc.stderr
    assert _title(home, 1) == ("较新的标题", "done")
    with Store(home) as store:
        kept = store.model_versions(1)
        assert [v["status"] for v in kept] == ["in_progress"]
        assert kept[0]["edited"] == "2001-01-01T00:00:00+00:00"
        assert "较早的标题" in json.dumps(kept[0]["model"], ensure_ascii=False)
