"""UI fixtures: a real project file in tmp_path with sample pages, and the real main window on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from uihelp import close_window, make_project, open_window


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "project.db"
    make_project(path)
    monkeypatch.setenv("NEWSDESK_PROJECT", str(path))
    return path


@pytest.fixture
def window(qtbot, project: Path):  # noqa: ANN001
    w = open_window(qtbot)
    yield w
    close_window(w)
