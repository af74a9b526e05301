"""Failure 1 in the app: the Export dialog given the project file (or its -wal) refuses with one line, the
project stays whole, and the dialog is ready again (never stuck on "Writing…")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from uihelp import close_window, make_project, open_window

from app.ui import tasks
from app.ui.actions import Act


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001
    path = tmp_path / "project.db"
    make_project(path)
    monkeypatch.setenv("NEWSDESK_PROJECT", str(path))
    w = open_window(qtbot)
    yield w
    close_window(w)


def _pages(path: Path) -> tuple[str, int]:
    with sqlite3.connect(path) as conn:
        return conn.execute("pragma integrity_check").fetchone()[0], conn.execute(
            "select count(*) from pages").fetchone()[0]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_the_export_dialog_refuses_the_project_file(qtbot, window, fmt: str, suffix: str) -> None:  # noqa: ANN001
    project = Path(window.store.path)
    before = _pages(project)
    window.actions[Act.EXPORT].trigger()
    dialog = window.export_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    link = project.parent / "looks-like-an-export.out"
    link.symlink_to(project.name)  # the project reached through a symlink: the same file
    out = str(link) if not suffix else f"{project}{suffix}"
    qtbot.keyClicks(dialog.out, out)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running and tasks.pending_tasks() == 0, timeout=20000)
    box = dialog.findChild(QMessageBox, "error_box")
    assert box is not None and "the project itself" in box.text()
    assert "the project itself" in dialog.message.text()
    assert "Writing" not in dialog.message.text()
    assert dialog.export_button.isEnabled()  # ready for another try
    box.close()
    assert _pages(project) == before
    assert link.is_symlink()
    # the same dialog then writes a real export
    dialog.out.clear()
    good = project.parent / f"corpus.{fmt}"
    qtbot.keyClicks(dialog.out, str(good))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running and tasks.pending_tasks() == 0, timeout=20000)
    assert dialog.written and good.stat().st_size > 0
