"""Failure 10: every bad input is one line on stderr naming the file and the problem, the rest is processed,
and the exit status is non-zero at the end. Real files and processes: a FIFO (no writer: opening it would
wait forever), /dev/zero (reading it would never end), an unreadable file, a file in an unreadable folder,
an unreadable subfolder, "" as a path, an empty folder, a missing export, absurd numbers."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from safehelp import SAMPLES, newsdesk, newsdesk_here, no_traceback, permissions_apply, stderr_lines

needs_permissions = pytest.mark.skipif(not permissions_apply(), reason="file permissions cannot be enforced here")


@pytest.fixture
def pages(open_dir: Path) -> Path:
    """A folder of two good pages, in a folder any user can reach."""
    folder = open_dir / "pages"
    folder.mkdir()
    for p in SAMPLES[:2]:
        shutil.copy(p, folder / p.name)
    return folder


def _check(proc, bad: list[tuple[str, str]], good: int, command: str) -> None:  # noqa: ANN001
    """One line per bad input (naming it, saying the problem), the good pages processed, exit 1."""
    assert proc.returncode == 1 and no_traceback(proc), proc.stderr
    lines = [line for line in stderr_lines(proc) if line.startswith("newsdesk: ") and "page(s) could not" not in line]
    assert len(lines) == len(bad), lines
    for (path, problem), line in zip(sorted(bad), sorted(lines), strict=True):
        assert line.startswith(f"newsdesk: {path}: ") and problem in line, (line, path, problem)
    if command == "split":
        assert len({json.loads(x)["page"] for x in proc.stdout.splitlines()}) == good
    else:
        assert f"{good} new" in proc.stderr


@pytest.mark.parametrize("command", ["split", "import"])
def test_a_fifo_and_a_device_are_refused_without_waiting(pages: Path, open_dir: Path, command: str) -> None:
    fifo = open_dir / "pipe.txt"
    os.mkfifo(fifo)
    args = [fifo, "/dev/zero", *sorted(pages.iterdir())]
    proc = newsdesk(command, *args, *(["--db", open_dir / "p.db"] if command == "import" else []), timeout=120)
    _check(proc, [(str(fifo), "not a regular file"), ("/dev/zero", "not a regular file")], 2, command)


@pytest.mark.parametrize("command", ["split", "import"])
def test_empty_path_and_empty_folder(pages: Path, open_dir: Path, command: str) -> None:
    empty = open_dir / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("no pages here", encoding="utf-8")
    args = ["", empty, pages]
    proc = newsdesk(command, *args, *(["--db", open_dir / "p.db"] if command == "import" else []))
    _check(proc, [('""', "empty path"), (str(empty), "no page files")], 2, command)


@needs_permissions
@pytest.mark.parametrize("command", ["split", "import"])
def test_unreadable_files_and_folders_are_listed_and_the_rest_processed(pages: Path, open_dir: Path,
                                                                         command: str) -> None:
    locked = pages / "locked.txt"
    shutil.copy(SAMPLES[2], locked)
    locked.chmod(0)
    closed = pages / "closed"
    closed.mkdir()
    shutil.copy(SAMPLES[3], closed / "inside.txt")
    closed.chmod(0)
    shut = open_dir / "shut"
    shut.mkdir()
    shutil.copy(SAMPLES[3], shut / "inside.txt")
    shut.chmod(0)
    args = [pages, shut / "inside.txt", SAMPLES[3]]
    db = ["--db", open_dir / "p.db"] if command == "import" else []
    proc = newsdesk(command, *args, *db, unprivileged=True)
    _check(proc, [(str(locked), "permission denied"), (str(closed), "permission denied"),
                  (str(shut / "inside.txt"), "permission denied")], 3, command)


def test_an_unreadable_file_in_a_large_batch_does_not_stop_the_pool(pages: Path, open_dir: Path) -> None:
    text = SAMPLES[0].read_text(encoding="utf-8")
    for i in range(45):  # enough pages for the process pool
        (pages / f"p{i:02d}.txt").write_text(text + f"\n第{i}期\n", encoding="utf-8")
    os.mkfifo(pages / "zz_pipe.txt")
    proc = newsdesk("import", pages, "--db", open_dir / "p.db", "--jobs", "2", timeout=300)
    _check(proc, [(str(pages / "zz_pipe.txt"), "not a regular file")], 47, "import")


def test_missing_export_and_absurd_numbers(tmp_path: Path, sample_project: Path) -> None:
    missing = tmp_path / "missing.jsonl"
    proc = newsdesk_here("import", "--from-export", missing, "--db", tmp_path / "n.db")
    assert proc.returncode == 1 and no_traceback(proc)
    assert stderr_lines(proc) == [f"newsdesk: {missing}: no such file"]
    assert not (tmp_path / "n.db").exists()
    for limit in ("1e20", "100000000000000000000", "-5"):
        proc = newsdesk_here("search", "荆州", "--db", sample_project, "--limit", limit)
        assert proc.returncode == 2 and no_traceback(proc), limit
        assert len([line for line in proc.stderr.splitlines() if line.startswith("Error")]) == 1
    proc = newsdesk_here("split", "--jobs", "100000000000000000000", SAMPLES[0])
    assert proc.returncode == 2 and no_traceback(proc)
