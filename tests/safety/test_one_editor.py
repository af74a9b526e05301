"""Failure 6: one editing window per project file, however the path is spelled. The project reached
through a symlink, a hard link or a path with `..` opens read-only while another window edits it (before,
each got an editable window and the later save overwrote the earlier one's edits)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from uihelp import close_window, make_project, open_window


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "real" / "project.db"
    path.parent.mkdir()
    make_project(path)
    monkeypatch.setenv("NEWSDESK_PROJECT", str(path))
    return path


def _other_spelling(project: Path, how: str) -> Path:
    if how == "symlink":
        link = project.parent.parent / "shortcut.db"
        link.symlink_to(project)
        return link
    if how == "symlinked folder":
        folder = project.parent.parent / "linked-folder"
        folder.symlink_to(project.parent, target_is_directory=True)
        return folder / project.name
    if how == "hard link":
        other = project.parent.parent / "hardlink.db"
        os.link(project, other)
        return other
    return project.parent / ".." / project.parent.name / project.name  # "dot-dot"


@pytest.mark.parametrize("how", ["symlink", "symlinked folder", "hard link", "dot-dot"])
def test_the_same_file_by_another_path_opens_read_only(qtbot, project: Path, monkeypatch, how: str) -> None:  # noqa: ANN001
    other = _other_spelling(project, how)
    first = open_window(qtbot)
    try:
        assert not first.read_only
        monkeypatch.setenv("NEWSDESK_PROJECT", str(other))
        second = open_window(qtbot)
        try:
            assert second.read_only and second.store.read_only
            assert f"process {os.getpid()}" in second.notice.text()
        finally:
            close_window(second)
    finally:
        close_window(first)
    again = open_window(qtbot)  # both locks were let go with the first window
    try:
        assert not again.read_only
    finally:
        close_window(again)


def test_a_process_holding_the_project_through_a_symlink(qtbot, project: Path, monkeypatch) -> None:  # noqa: ANN001
    link = _other_spelling(project, "symlink")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom app.ui.project_lock import take_lock\n"
         f"lock, holder = take_lock({str(link)!r})\nprint(lock is not None, flush=True)\nsys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        assert holder.stdout.readline().strip() == "True"
        window = open_window(qtbot)
        try:
            assert window.read_only and f"process {holder.pid}" in window.notice.text()
        finally:
            close_window(window)
    finally:
        holder.kill()
        holder.wait()
