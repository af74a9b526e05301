"""Failure 7 (and 13's page_source.path): a page is known by its path relative to the imported folder
and by its text, not by its bare file name. `2024-01-01/01.txt` and `2024-01-02/01.txt` are two pages, and
the same text in a third folder is recorded as a page of its own; an export carries the relative path,
never the archivist's absolute local path."""

from __future__ import annotations

import json
from pathlib import Path

from safehelp import SAMPLES, newsdesk, newsdesk_here

from app.store.db import Store


def _archive(root: Path) -> Path:
    a, b = SAMPLES[0].read_text(encoding="utf-8"), SAMPLES[1].read_text(encoding="utf-8")
    for day, text in (("2024-01-01", a), ("2024-01-02", b), ("2024-01-03", a)):
        (root / "archive" / day).mkdir(parents=True)
        (root / "archive" / day / "01.txt").write_text(text, encoding="utf-8")
    return root / "archive"


def test_same_file_name_in_two_folders_is_two_pages(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    db = tmp_path / "p.db"
    proc = newsdesk("import", archive, "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "3 new, 0 new version(s), 0 unchanged" in proc.stderr
    with Store(db) as store:
        rows = store.list_pages()
        assert [(r.name, r.version) for r in rows] == [("01.txt", 1)] * 3
        assert sorted(store.page_path(r.id) for r in rows) == [
            "2024-01-01/01.txt", "2024-01-02/01.txt", "2024-01-03/01.txt"]
    again = newsdesk("import", archive, "--db", db)
    assert "0 new, 0 new version(s), 3 unchanged" in again.stderr, again.stderr
    one_day = newsdesk("import", archive / "2024-01-02", "--db", db)  # the same folder, reached from below
    assert "0 new, 0 new version(s), 1 unchanged" in one_day.stderr, one_day.stderr


def test_a_changed_page_in_its_own_folder_is_a_new_version(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    db = tmp_path / "p.db"
    assert newsdesk_here("import", archive, "--db", db).returncode == 0
    changed = archive / "2024-01-02" / "01.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n更正启事\n", encoding="utf-8")
    proc = newsdesk_here("import", archive, "--db", db)
    assert "0 new, 1 new version(s), 2 unchanged" in proc.stderr, proc.stderr
    with Store(db) as store:
        versions = [(store.page_path(r.id), r.version) for r in store.list_pages()]
        assert sorted(versions) == [("2024-01-01/01.txt", 1), ("2024-01-02/01.txt", 1), ("2024-01-02/01.txt", 2),
                                    ("2024-01-03/01.txt", 1)]


def test_an_export_carries_the_relative_path_only(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    db = tmp_path / "p.db"
    assert newsdesk_here("import", archive, "--db", db).returncode == 0
    out = tmp_path / "corpus.jsonl"
    assert newsdesk_here("export", "--db", db, "--out", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert str(tmp_path) not in text
    sources = [json.loads(line)["page_source"] for line in text.splitlines() if "page_source" in line]
    days = ["2024-01-01/01.txt", "2024-01-02/01.txt", "2024-01-03/01.txt"]
    assert sorted(s["path"] for s in sources) == days
    copy = tmp_path / "copy.db"
    assert newsdesk_here("import", "--from-export", out, "--db", copy).returncode == 0
    with Store(copy) as store:
        assert sorted(store.page_path(r.id) for r in store.list_pages()) == days
