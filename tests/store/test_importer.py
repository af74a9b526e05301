"""Batch import: bad files listed with reasons while the rest import; kill -9 mid-import loses nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.metadata import page_records
from app.store.db import Store
from app.store.importer import MAX_PAGE_BYTES, import_paths

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))
GOOD = "荆州中医外科首次亮相全省普通外科年会\n本报讯（记者宗璇 通讯员彭娟）日前，在湖北省医学会普通外科分会年会上，\n主任作专题报告。\n"


def write_pages(folder: Path, count: int) -> list[Path]:
    """`count` distinct pages: the sample pages with a numbered line added."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    paths = []
    for i in range(count):
        p = folder / f"page_{i:04d}.txt"
        p.write_text(texts[i % len(texts)] + f"\n第{i}期\n", encoding="utf-8")
        paths.append(p)
    return paths


def test_bad_files_are_listed_and_the_rest_imported(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "子目录").mkdir(parents=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (folder / "undecodable.txt").write_bytes("荆州".encode() + b"\xff\xfe\xff\xff" * 10)
    with open(folder / "huge.txt", "wb") as f:
        f.write(("很长的一行文字。" * 100 + "\n").encode() * (20 * 1024 * 1024 // 2401 + 1))
    assert (folder / "huge.txt").stat().st_size > MAX_PAGE_BYTES
    (folder / "子目录" / "版面 一 (2).txt").write_text(GOOD, encoding="utf-8")
    (folder / "html.txt").write_text("<b>标题</b><script>alert(1)</script>\n'); DROP TABLE pages;--\n" + GOOD,
                                     encoding="utf-8")
    with Store(db_path) as store:
        report = import_paths(store, [folder, tmp_path / "missing.txt"])
        assert report.new == 2
        reasons = dict(report.bad)
        assert set(reasons) == {str(folder / n) for n in ("empty.txt", "binary.txt", "undecodable.txt", "huge.txt")} | {
            str(tmp_path / "missing.txt")}
        for path, reason in reasons.items():
            assert reason.startswith(path) and "\n" not in reason
        assert "empty" in reasons[str(folder / "empty.txt")]
        assert "binary" in reasons[str(folder / "binary.txt")]
        assert "UTF-8" in reasons[str(folder / "undecodable.txt")]
        assert "too large" in reasons[str(folder / "huge.txt")]
        names = {r.name for r in store.list_pages()}
        assert names == {"版面 一 (2).txt", "html.txt"}
        html = next(r for r in store.list_pages() if r.name == "html.txt")
        assert store.load_page(html.id).text.startswith("<b>标题</b><script>")
        assert store.db["pages"].count == 2  # the SQL-looking line is only text
        again = import_paths(store, [folder / "子目录"])
        assert (again.new, again.same) == (0, 1)
        assert again.page_ids == [next(r.id for r in store.list_pages() if r.name == "版面 一 (2).txt")]


def test_a_batch_through_the_process_pool_imports_every_page(tmp_path: Path, db_path: Path) -> None:
    paths = write_pages(tmp_path / "in", 12)
    with Store(db_path) as store:
        ticks = []
        report = import_paths(store, [tmp_path / "in"], jobs=2, progress=ticks.append)
        assert (report.new, report.bad) == (12, [])
        assert len(ticks) == 12
        assert sorted(report.page_ids) == sorted(r.id for r in store.list_pages())
        assert sorted(r.name for r in store.list_pages()) == [p.name for p in paths]


def _consistent(db_path: Path) -> int:
    """Every page in the file is complete: model, automatic split, item and search rows. Returns the count."""
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store(db_path) as store:
        rows = store.list_pages()
        for row in rows:
            page = store.load_page(row.id)
            assert store.load_auto_page(row.id) == page
            n_items = store.db["items"].count_where("page_id = ?", [row.id])
            assert n_items == len(page_records(page, with_tags=False)) and row.item_count == len(page.items)
            n_fts = store.db.execute(
                "select count(*) from items_fts where rowid in (select id from items where page_id = ?)",
                [row.id]).fetchone()[0]
            assert n_fts == n_items
        return len(rows)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_kill_9_mid_import_leaves_every_page_whole_or_absent(tmp_path: Path, db_path: Path) -> None:
    total = 150
    write_pages(tmp_path / "in", total)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "import", str(tmp_path / "in"), "--db", str(db_path), "--jobs", "1"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if db_path.exists():
                try:
                    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
                    n = conn.execute("select count(*) from pages").fetchone()[0]
                    conn.close()
                except sqlite3.OperationalError:
                    n = 0
                if n >= 10:
                    break
            assert proc.poll() is None, "the import ended before it could be killed"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    imported = _consistent(db_path)
    assert 10 <= imported < total
    # importing again completes the batch without duplicating a page
    with Store(db_path) as store:
        report = import_paths(store, [tmp_path / "in"], jobs=2)
        assert (report.same, report.new) == (imported, total - imported)
    assert _consistent(db_path) == total


def test_a_cancelled_import_keeps_what_it_split_and_stops(tmp_path: Path, db_path: Path) -> None:
    write_pages(tmp_path / "in", 60)
    done = []
    with Store(db_path) as store:
        report = import_paths(store, [tmp_path / "in"], jobs=2, progress=done.append,
                              should_stop=lambda: len(done) >= 5)
        assert report.cancelled and "(cancelled)" in report.summary
        assert report.new == len(done) == 5
        assert len(store.list_pages()) == 5
        again = import_paths(store, [tmp_path / "in"], jobs=2)
        assert (again.same, again.new, again.cancelled) == (5, 55, False)


def test_worker_processes_can_be_spawned_instead_of_forked(tmp_path: Path, db_path: Path) -> None:
    write_pages(tmp_path / "in", 6)
    with Store(db_path) as store:
        report = import_paths(store, [tmp_path / "in"], jobs=2, start_method="spawn")
        assert (report.new, report.bad) == (6, [])
        assert sorted(report.page_ids) == sorted(r.id for r in store.list_pages())
