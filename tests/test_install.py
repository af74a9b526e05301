"""A normal (non-editable) install carries its data: the sample pages and the Chinese interface.

Newsdesk is installed with `pip install` into a fresh virtual environment from a copy of the source
(only what a release holds: the package, pyproject.toml, README.md). The dependencies come from the
environment running the tests, through a plain path line, so that nothing is downloaded but the build
backend and our own editable install stays out of sight.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: object) -> subprocess.CompletedProcess[str]:
    """A command run outside the source tree (a current folder holding `app/` would be imported instead)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env, timeout=600,
                          cwd=tempfile.gettempdir())


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with Newsdesk installed from a copy of the source; returns its bin folder."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"
    source.mkdir()
    shutil.copytree(ROOT / "app", source / "app", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    venv = tmp / "venv"
    made = run(sys.executable, "-m", "venv", venv)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (site / "newsdesk_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    done = run(python, "-m", "pip", "install", "-q", "--no-deps", source)
    if done.returncode != 0 and "No matching distribution" in done.stderr:
        pytest.skip("pip cannot reach a package index for the build backend")
    assert done.returncode == 0, done.stderr
    return bin_dir


def test_the_installed_package_is_not_the_source(installed: Path) -> None:
    where = run(installed / "python", "-c", "import app; print(app.__file__)").stdout.strip()
    assert Path(where).is_relative_to(installed.parent), where


def test_newsdesk_split_runs_on_the_packaged_sample_pages(installed: Path) -> None:
    samples = run(installed / "python", "-c", "import app; print(app.SAMPLE_DATA)").stdout.strip()
    pages = sorted(Path(samples).glob("*.txt"))
    assert len(pages) == len(list((ROOT / "sample_data").glob("*.txt"))) > 0
    out = run(installed / "newsdesk", "split", *pages)
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert {r["page"] for r in records} == {p.name for p in pages}
    assert any(r["kind"] == "news" and r["title"] for r in records)


def test_the_chinese_interface_loads_from_the_install(installed: Path) -> None:
    code = ("from app.ui import i18n; i18n.set_language('zh'); "
            "print(i18n._TABLE_PATH); print(i18n.tr('&File'))")
    out = run(installed / "python", "-c", code)
    assert out.returncode == 0, out.stderr
    table, file_menu = out.stdout.splitlines()
    assert Path(table).is_relative_to(installed.parent) and file_menu == "文件(&F)"
