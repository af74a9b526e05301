"""UI fixtures: a real project file in tmp_path with sample pages, and the real main window on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from uihelp import close_window, make_project, open_window


@pytest.fixture(autouse=True)
def user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The window's remembered layout (QSettings) goes to a folder of the test's own, here and in the
    app processes a test starts: never the user's, never another test's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "config"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


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
