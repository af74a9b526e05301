"""Failures 1, 4 and the export half of 10: an export never harms the project or the previous export.

Real processes: the project file given as the output (directly, through a symlink, a hard link, its -wal
and -shm), a write that fails half-way (a file-size limit, as a full disk), an export killed with SIGKILL,
a folder the exporting user may not write, a missing folder, a folder where a file belongs.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from safehelp import ROOT, newsdesk, no_traceback, permissions_apply, sha, stderr_lines

from app.store.db import Store

FORMATS = ("jsonl", "csv", "parquet")
FULL_DISK = 60_000  # bytes any one file may grow to (SQLite's shared-memory file needs 32 kB of it)
needs_permissions = pytest.mark.skipif(not permissions_apply(), reason="file permissions cannot be enforced here")


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("pragma integrity_check").fetchone()[0]


# --- failure 1: the project as the output ---------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("how", ["same path", "symlink", "hard link", "-wal", "-shm", "relative"])
def test_export_onto_the_project_is_refused(project: Path, fmt: str, how: str) -> None:
    before = sha(project)
    out: Path | str = project
    cwd = None
    if how == "symlink":
        out = project.parent / "corpus.out"
        out.symlink_to(project)
    elif how == "hard link":
        out = project.parent / "linked.db"
        os.link(project, out)
    elif how in ("-wal", "-shm"):
        out = Path(f"{project}{how}")
    elif how == "relative":
        out, cwd = f"../{project.parent.name}/./{project.name}", project.parent
    proc = newsdesk("export", "--db", project, "--format", fmt, "--out", out, cwd=cwd)
    assert proc.returncode != 0
    lines = stderr_lines(proc)
    assert len(lines) == 1 and "the project itself" in lines[0], proc.stderr
    assert no_traceback(proc)
    assert sha(project) == before
    assert not Path(f"{project}-wal").exists()
    assert _integrity(project) == "ok"


def test_txt_export_never_replaces_the_project(project: Path) -> None:
    """A txt export into the project's own folder writes its files there and leaves the project alone."""
    before = sha(project)
    proc = newsdesk("export", "--db", project, "--format", "txt", "--out", project.parent)
    assert proc.returncode == 0, proc.stderr
    assert sha(project) == before
    assert len(list(project.parent.glob("*.txt"))) > 10


def test_txt_export_onto_the_project_file_is_refused(project: Path) -> None:
    before = sha(project)
    proc = newsdesk("export", "--db", project, "--format", "txt", "--out", project)
    assert proc.returncode != 0 and len(stderr_lines(proc)) == 1 and no_traceback(proc)
    assert sha(project) == before


# --- failure 4: written in place ----------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_export_leaves_the_previous_file_whole(big: Path, fmt: str) -> None:
    project = big
    out = project.parent / f"corpus.{fmt}"
    first = newsdesk("export", "--db", project, "--format", fmt, "--out", out)
    assert first.returncode == 0, first.stderr
    before = sha(out)
    assert out.stat().st_size > FULL_DISK
    # no file may grow past a part of the export: the write fails half-way, as on a full disk
    proc = newsdesk("export", "--db", project, "--format", fmt, "--out", out, max_file_bytes=FULL_DISK)
    assert proc.returncode != 0
    lines = stderr_lines(proc)
    assert len(lines) == 1 and str(out) in lines[0] and "cannot write" in lines[0], proc.stderr
    assert no_traceback(proc)
    assert sha(out) == before
    assert sorted(p.name for p in out.parent.iterdir() if "corpus" in p.name) == [out.name]  # no leftovers


def test_a_failed_txt_export_leaves_the_previous_folder_whole(big: Path) -> None:
    project = big
    out = project.parent / "txt"
    assert newsdesk("export", "--db", project, "--format", "txt", "--out", out).returncode == 0
    before = {p.name: sha(p) for p in out.iterdir()}
    assert max(p.stat().st_size for p in out.iterdir()) > FULL_DISK
    proc = newsdesk("export", "--db", project, "--format", "txt", "--out", out, max_file_bytes=FULL_DISK)
    assert proc.returncode != 0 and len(stderr_lines(proc)) == 1 and no_traceback(proc), proc.stderr
    assert {p.name: sha(p) for p in out.iterdir()} == before
    assert [p.name for p in project.parent.iterdir() if p.name.startswith(".")] == []


def _export_and_kill(project: Path, out: Path, fmt: str, after_bytes: int) -> bool:
    """Start an export, SIGKILL it once its temporary file holds `after_bytes`; was it killed while writing?
    (On a busy machine the export may finish between two looks at its file, or move its file into place between
    the last look and the kill: then it was not, and no temporary file is left.)"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "export", "--db", str(project), "--format", fmt,
                             "--out", str(out)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            partial = [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")]
            if any(p.is_file() and p.stat().st_size >= after_bytes for p in partial):
                break
            time.sleep(0.002)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    left = [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")]
    return proc.returncode == -signal.SIGKILL and bool(left)


def _kill_an_export(project: Path, out: Path, fmt: str, after_bytes: int, tries: int = 5) -> None:
    """Kill an export while it writes and check what it leaves at `out`: the previous export, whole, or no file
    if there was none. An export that finished first is tried again, killed earlier."""
    for _ in range(tries):
        before = sha(out) if out.exists() else None
        if _export_and_kill(project, out, fmt, after_bytes):
            assert (sha(out) if out.exists() else None) == before  # a new export appears only once complete
            return
        if before is None:
            out.unlink()
        after_bytes = max(1, after_bytes // 4)
    pytest.skip(f"the export finished before it could be killed, {tries} times")


def test_a_killed_export_leaves_the_previous_file_and_no_truncated_one(big: Path) -> None:
    project = big
    out = project.parent / "corpus.jsonl"
    assert newsdesk("export", "--db", project, "--out", out).returncode == 0
    _kill_an_export(project, out, "jsonl", after_bytes=out.stat().st_size // 4)  # the old export stays whole
    fresh = project.parent / "fresh.jsonl"
    _kill_an_export(project, fresh, "jsonl", after_bytes=out.stat().st_size // 4)
    assert not fresh.exists()


def test_a_truncated_jsonl_export_is_refused_on_import(project: Path) -> None:
    out = project.parent / "corpus.jsonl"
    assert newsdesk("export", "--db", project, "--out", out).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(lines[0])["export"]["records"] == len(lines)
    cut = project.parent / "cut.jsonl"
    cut.write_text("".join(lines[: len(lines) * 2 // 3]), encoding="utf-8")  # ends on a whole record
    copy = project.parent / "copy.db"
    proc = newsdesk("import", "--from-export", cut, "--db", copy)
    assert proc.returncode != 0
    problem = [line for line in stderr_lines(proc) if "truncated" in line]
    assert len(problem) == 1 and str(cut) in problem[0], proc.stderr
    with Store(copy) as store:
        assert store.list_pages() == []  # nothing imported from a truncated file
    whole = newsdesk("import", "--from-export", out, "--db", copy)
    assert whole.returncode == 0, whole.stderr


def test_jsonl_to_stdout_carries_its_count(project: Path) -> None:
    proc = newsdesk("export", "--db", project, "--out", "-")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    first = json.loads(lines[0])
    assert first["export"] == {"records": len(lines)}
    assert "export" not in json.loads(lines[1])


# --- failure 10, exports: one line, never a traceback -------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS + ("txt",))
def test_export_into_a_missing_folder_or_onto_a_folder(project: Path, fmt: str) -> None:
    missing = project.parent / "missing" / "deeper" / f"x.{fmt}"
    if fmt == "txt":  # a txt export makes its folder, but not in place of a file
        (project.parent / "file").write_text("x", encoding="utf-8")
        missing = project.parent / "file" / "sub"
    proc = newsdesk("export", "--db", project, "--format", fmt, "--out", missing)
    assert proc.returncode != 0 and no_traceback(proc)
    assert len(stderr_lines(proc)) == 1 and str(missing) in proc.stderr, proc.stderr
    if fmt != "txt":
        folder = project.parent / "a folder"
        folder.mkdir()
        proc = newsdesk("export", "--db", project, "--format", fmt, "--out", folder)
        assert proc.returncode != 0 and no_traceback(proc)
        assert stderr_lines(proc) == [f"newsdesk: {folder}: is a folder, not a file"]


@needs_permissions
@pytest.mark.parametrize("fmt", FORMATS + ("txt",))
def test_export_into_a_read_only_folder(project: Path, fmt: str) -> None:
    folder = project.parent / "read-only"
    folder.mkdir()
    out = folder / (f"x.{fmt}" if fmt != "txt" else "txt")
    folder.chmod(0o555)
    proc = newsdesk("export", "--db", project, "--format", fmt, "--out", out, unprivileged=True)
    assert proc.returncode != 0 and no_traceback(proc)
    lines = stderr_lines(proc)
    assert len(lines) == 1 and "permission denied" in lines[0].lower(), proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("fmt", FORMATS + ("txt",))
def test_export_onto_a_full_disk(big: Path, fmt: str) -> None:
    project = big
    out = project.parent / (f"x.{fmt}" if fmt != "txt" else "txt")
    proc = newsdesk("export", "--db", project, "--format", fmt, "--out", out, max_file_bytes=FULL_DISK)
    assert proc.returncode != 0 and no_traceback(proc)
    assert len(stderr_lines(proc)) == 1 and str(out) in proc.stderr, proc.stderr
    assert not out.exists()
    assert [p.name for p in project.parent.iterdir() if p.name.startswith(".")] == []
