"""The `newsdesk` command line read by click alone: help for every command and option, `open`'s own help,
`--screenshot` without a display, mistakes said in one place, all run as real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from app.cli import app_args, cli
from app.ui.app import Args

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))
APP_TIMEOUT = 180  # seconds a process opening the app may take on a busy machine before the test gives up


def newsdesk(*args: object, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`newsdesk ARGS` as a process, in `cwd`, with no display unless `env` gives one."""
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    base["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "app.cli", *map(str, args)], cwd=cwd, env={**base, **(env or {})},
                          capture_output=True, text=True, encoding="utf-8", timeout=APP_TIMEOUT)


def test_help_lists_every_command_and_option(tmp_path: Path) -> None:
    done = newsdesk("--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    listed = done.stdout.split("Commands:")[1].split()
    visible = sorted(name for name, command in cli.commands.items() if not command.hidden)
    assert {"open", "split", "import", "export", "search", "report", "train", "resplit"} <= set(visible)
    assert all(name in listed for name in visible)
    for option in ("--screenshot", "--version", "--help"):
        assert option in done.stdout
    assert "newsdesk PAGE.txt|FOLDER" in done.stdout  # how pages open the app, said in the help
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["open", "split", "import", "export", "search", "report", "train", "resplit"])
def test_every_command_has_its_own_help_and_does_nothing_else(tmp_path: Path, command: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f" {command} [OPTIONS]" in result.stdout.splitlines()[0]
    for option in cli.commands[command].params:
        if isinstance(option, click.Option):
            assert option.opts[0] in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_open_help_shows_open_and_makes_no_project(tmp_path: Path) -> None:
    project = tmp_path / "default.db"
    done = newsdesk("open", "--help", cwd=tmp_path, env={"NEWSDESK_PROJECT": str(project)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: newsdesk open [OPTIONS] PROJECT.db")
    assert "--screenshot" in done.stdout
    assert list(tmp_path.iterdir()) == []  # no project named --help, no default project


def test_screenshot_without_a_display_is_drawn_offscreen(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    project = tmp_path / "shots.db"
    done = newsdesk("open", project, SAMPLES[0], "--screenshot", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "could not connect to display" not in done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    from app.store.db import Store

    with Store(project) as store:
        assert [p.name for p in store.list_pages()] == [SAMPLES[0].name]


def test_the_window_without_a_display_is_one_line_and_makes_no_project(tmp_path: Path) -> None:
    project = tmp_path / "new.db"
    done = newsdesk("open", project, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("newsdesk: no display to open the window on") and done.stderr.count("\n") == 1
    assert not project.exists()


@pytest.mark.parametrize(("args", "said"), [
    (["splti", "x"], "No such command 'splti'"),
    (["--screenshot", "out.png", "split", "a.txt"], "--screenshot goes with the app, not with split"),
    (["--screenshot", "out.png", "a.txt", "b.txt"], "--screenshot takes one page"),
    (["open"], "Missing argument 'PROJECT.db'"),
    (["--bogus"], "No such option '--bogus'"),
])
def test_mistakes_are_said_by_click_and_change_nothing(tmp_path: Path, args: list[str], said: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSDESK_PROJECT", str(tmp_path / "default.db"))
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_pages_and_projects_reach_the_app_as_given(tmp_path: Path) -> None:
    page = str(SAMPLES[0])
    assert app_args([]) == Args()
    assert app_args([page, str(ROOT / "sample_data")]) == Args(paths=[page, str(ROOT / "sample_data")])
    assert app_args(["--screenshot", "o.png", page]) == Args(paths=[page], screenshot="o.png")
    assert app_args([page, "--screenshot", "o.png"]) == Args(paths=[page], screenshot="o.png")
    assert app_args(["open", "p.db", page, "--screenshot", "o.png"]) == \
        Args(project="p.db", paths=[page], screenshot="o.png")
    assert app_args(["--screenshot", "o.png", "open", "p.db"]) == Args(project="p.db", screenshot="o.png")
