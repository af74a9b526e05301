"""Failure 5: a project is recognised before anything is written to it.

Another program's SQLite file (rollback journal or WAL), a project made by a newer Newsdesk, a damaged
file (a damaged page, bytes flipped inside the stored text, a cut-off file, plain text) is refused with
one line by every command and by the app, and left byte-identical (hash before and after). A project made
before Newsdesk marked its files is recognised and marked (PRAGMA application_id).
"""

from __future__ import annotations

import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest
from safehelp import SAMPLES, newsdesk, newsdesk_here, no_traceback, sha, stderr_lines

from app.store.db import APPLICATION_ID, Store
from app.store.migrations import STEPS

COMMANDS = [
    ("import", "{sample}", "--db", "{db}"),
    ("export", "--db", "{db}", "--out", "{out}"),
    ("report", "--db", "{db}"),
    ("search", "光大", "--db", "{db}"),
    ("import", "--from-export", "{export}", "--db", "{db}"),
]


def _run_all(db: Path, tmp: Path, export: Path) -> list[tuple[str, int, list[str], bool]]:
    out = []
    for cmd in COMMANDS:
        args = [a.format(sample=SAMPLES[0], db=db, out=tmp / "x.jsonl", export=export) for a in cmd]
        proc = newsdesk_here(*args)
        out.append((cmd[0], proc.returncode, stderr_lines(proc), no_traceback(proc)))
    return out


@pytest.fixture(scope="module")
def an_export(tmp_path_factory: pytest.TempPathFactory, sample_project: Path) -> Path:
    out = tmp_path_factory.mktemp("export") / "corpus.jsonl"
    assert newsdesk("export", "--db", sample_project, "--out", out).returncode == 0
    return out


def _foreign(path: Path, wal: bool) -> Path:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("pragma journal_mode = wal")
    conn.execute("create table notes (id integer primary key, body text)")
    conn.executemany("insert into notes (body) values (?)", [(f"note {i}",) for i in range(100)])
    conn.commit()
    conn.close()
    return path


def _assert_refused(db: Path, tmp: Path, export: Path, words: str) -> None:
    before = sha(db)
    siblings = sorted(p.name for p in db.parent.iterdir())
    for command, code, lines, clean in _run_all(db, tmp, export):
        assert code != 0, command
        assert clean, command
        assert len(lines) == 1 and str(db) in lines[0] and words in lines[0], (command, lines)
        assert sha(db) == before, command
    assert sorted(p.name for p in db.parent.iterdir() if p.name != "x.jsonl") == siblings


@pytest.mark.parametrize("wal", [False, True], ids=["rollback journal", "WAL"])
def test_another_programs_sqlite_file_is_left_alone(tmp_path: Path, an_export: Path, wal: bool) -> None:
    db = _foreign(tmp_path / "notes.db", wal)
    _assert_refused(db, tmp_path, an_export, "not a Newsdesk project")
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == ("wal" if wal else "delete")
        assert [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")] == ["notes"]


def test_a_newer_project_is_refused_before_its_header_changes(tmp_path: Path, sample_project: Path,
                                                              an_export: Path) -> None:
    db = tmp_path / "newer.db"
    shutil.copy(sample_project, db)
    with sqlite3.connect(db) as conn:
        conn.execute(f"pragma user_version = {STEPS + 3}")
    _assert_refused(db, tmp_path, an_export, "newer Newsdesk")


@pytest.mark.parametrize("damage", ["text file", "cut off", "header", "damaged page"])
def test_a_damaged_file_is_refused_untouched(tmp_path: Path, sample_project: Path, an_export: Path,
                                             damage: str) -> None:
    db = tmp_path / "damaged.db"
    data = bytearray(sample_project.read_bytes())
    if damage == "text file":
        data = bytearray("版面文字，不是数据库。\n".encode() * 100)
    elif damage == "cut off":
        data = data[: len(data) // 3]
    elif damage == "header":
        data[16:24] = b"\xff" * 8  # page size and format bytes
    else:  # a b-tree page of the items table overwritten with noise
        page_size = int.from_bytes(data[16:18], "big")
        with sqlite3.connect(sample_project) as conn:
            root = conn.execute("select rootpage from sqlite_master where name = 'items'").fetchone()[0]
        start = (root - 1) * page_size
        data[start:start + page_size] = bytes((i * 37) % 251 for i in range(page_size))
    db.write_bytes(bytes(data))
    _assert_refused(db, tmp_path, an_export, "damaged" if damage in ("cut off", "damaged page") else "")


def test_flipped_bytes_in_stored_text_never_give_a_traceback(tmp_path: Path, sample_project: Path,
                                                            an_export: Path) -> None:
    """A flipped byte inside a stored text leaves the file structure sound (quick_check is ok), so the
    project opens; every command that meets the damaged value says so in one line."""
    data = sample_project.read_bytes()
    needles = [w.encode() for w in ("光大银行", "荆州")]
    spots = sorted(i for n in needles for i in range(len(data)) if data.startswith(n, i))
    assert len(spots) > 8
    for k, spot in enumerate(spots[:: len(spots) // 6]):  # spread over the file: texts, items, models
        db = tmp_path / f"flipped{k}.db"
        damaged = bytearray(data)
        damaged[spot + 1] ^= 0x40  # a UTF-8 continuation byte no longer
        db.write_bytes(bytes(damaged))
        for command, code, lines, clean in _run_all(db, tmp_path, an_export):
            assert clean, (command, spot)
            if code:
                assert len(lines) >= 1 and all(str(db) in line or "newsdesk:" in line for line in lines), lines


def test_a_project_from_before_the_mark_is_recognised_and_marked(tmp_path: Path, sample_project: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copy(sample_project, db)
    with sqlite3.connect(db) as conn:
        conn.execute("pragma application_id = 0")
        conn.execute("delete from _sqlite_migrations where name = '006_application_id'")
        conn.execute(f"pragma user_version = {STEPS - 1}")
    proc = newsdesk("report", "--db", db)
    assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("pragma user_version").fetchone()[0] == STEPS


def test_a_new_project_carries_the_mark(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db"):
        pass
    header = (tmp_path / "new.db").read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID
    assert int.from_bytes(header[60:64], "big") == STEPS
    (tmp_path / "empty.db").touch()  # an empty file is a new project, not a foreign one
    with Store(tmp_path / "empty.db") as store:
        assert store.list_pages() == []


# --- the app ----------------------------------------------------------------------------------------
def _damage_value(db: Path, sql_select: str, sql_update: str, flip_at: int = 4, valid: bool = False) -> None:
    """Flip one byte of a stored value in place (the file's structure stays sound: quick_check is ok)."""
    with sqlite3.connect(db) as conn:
        stored = conn.execute(sql_select).fetchone()[0]
        packed = isinstance(stored, bytes)  # page texts and models are stored compressed (app/store/compact.py)
        if packed and flip_at < 0:  # the compressed bytes themselves
            conn.execute(sql_update, [stored[:40] + bytes([stored[40] ^ 0x10]) + stored[41:]])
            return
        value = bytearray(zlib.decompress(stored) if packed else stored.encode("utf-8"))
        if valid:  # another CJK character: still UTF-8, a different text than its hash says
            value[flip_at + 2] ^= 0x01
            conn.execute(sql_update, [zlib.compress(bytes(value)) if packed else value.decode("utf-8")])
        else:  # a continuation byte no longer: not UTF-8 any more
            value[flip_at + 1] ^= 0x40
            if packed:
                conn.execute(sql_update, [zlib.compress(bytes(value))])
            else:
                conn.execute(sql_update.replace("= ?", "= cast(? as text)"), [bytes(value)])


DAMAGES = {
    "page text": ("select text from pages where id = 1", "update pages set text = ? where id = 1", False),
    "page text, still UTF-8": ("select text from pages where id = 1", "update pages set text = ? where id = 1", True),
    "page text, compressed bytes": ("select text from pages where id = 1", "update pages set text = ? where id = 1",
                                    False),
    "page model": ("select model from pages where id = 1", "update pages set model = ? where id = 1", False),
    "item body": ("select body from items where page_id = 1 order by ord limit 1",
                  "update items set body = ? where id = (select min(id) from items where page_id = 1)", False),
    "page name": ("select name from pages where id = 1", "update pages set name = ? where id = 1", False),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_the_app_on_flipped_bytes_says_so_in_one_line(tmp_path: Path, sample_project: Path, an_export: Path,
                                                       damage: str) -> None:
    db = tmp_path / "flipped.db"
    shutil.copy(sample_project, db)
    select, update, valid = DAMAGES[damage]
    flip_at = {"page name": 0, "page text, compressed bytes": -1}.get(damage, 4)
    _damage_value(db, select, update, flip_at=flip_at, valid=valid)
    shot = tmp_path / "shot.png"
    proc = newsdesk("open", db, "--screenshot", shot)
    assert no_traceback(proc), proc.stderr
    for command, code, lines, clean in _run_all(db, tmp_path, an_export):
        assert clean, command
        assert code == 0 or (lines and all(line.startswith("newsdesk: ") for line in lines)), (command, lines)


def test_the_app_refuses_a_foreign_file_untouched(tmp_path: Path) -> None:
    db = _foreign(tmp_path / "notes.db", wal=True)
    before = sha(db)
    proc = newsdesk("open", db, "--screenshot", tmp_path / "shot.png")
    assert proc.returncode == 1 and no_traceback(proc)
    assert stderr_lines(proc) == [f"newsdesk: {db}: not a Newsdesk project (another program's SQLite database); "
                                  "left untouched"]
    assert sha(db) == before and sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_the_app_checks_the_project_and_turns_read_only_when_damaged(qtbot, tmp_path: Path, sample_project: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox
    from uihelp import close_window, open_window

    from app.ui import tasks

    db = tmp_path / "damaged.db"
    data = bytearray(sample_project.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    with sqlite3.connect(sample_project) as conn:
        # a table the window does not read when it opens (the check in the background finds it)
        root = conn.execute("select rootpage from sqlite_master where name = 'authors'").fetchone()[0]
    data[(root - 1) * page_size:root * page_size] = bytes((i * 37) % 251 for i in range(page_size))
    db.write_bytes(bytes(data))
    monkeypatch.setenv("NEWSDESK_PROJECT", str(db))
    window = open_window(qtbot)
    try:
        qtbot.waitUntil(lambda: tasks.pending_tasks() == 0 and window.project.damage is not None, timeout=20000)
        assert "damaged" in window.project.damage and str(db) in window.project.damage
        assert window.session.read_only and window.store.read_only
        box = window.findChild(QMessageBox, "error_box")
        assert box is not None and "damaged" in box.text()
    finally:
        close_window(window)
