"""The README's commands run as written right after its setup command: every `newsdesk` line of its shell
blocks that runs without a window, in order, in a folder holding the repository's sample pages and test
data, by bash, with `newsdesk` found the way the README's setup line finds it (it is not on PATH before).
What the README says comes from elsewhere is made first: the shards a split on many machines writes, and
the editor's work (the pages marked done, after the first import)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SETUP = "bash scripts/setup.sh"  # what the test environment has already done (CI runs it, then the tests)
WINDOW_WORDS = {"open"}  # `newsdesk open …` opens the window
COMMAND_TIMEOUT = 900  # seconds one command may take on a busy machine before the test gives up


def shell_blocks(text: str) -> list[list[str]]:
    """The lines of the README's ```sh blocks, block by block."""
    return [block.splitlines() for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S)]


def setup_line(blocks: list[list[str]]) -> str:
    """The README's setup command, up to what it does after the setup script (activating .venv)."""
    line = next(line for block in blocks for line in block if SETUP in line)
    return line.split("#")[0].strip()


def headless(line: str) -> bool:
    """A `newsdesk` command line that runs without a window (not the app, `open`, or pages given to it)."""
    words = line.split("#")[0].split()
    if not words or words[0] != "newsdesk" or len(words) == 1:
        return False
    if "--screenshot" in words:
        return True
    return not (words[1] in WINDOW_WORDS or words[1].startswith(("-", ".", "/")) or "/" in words[1]
                or words[1].endswith(".txt"))


def readme_commands() -> list[str]:
    return [line.strip() for block in shell_blocks(README.read_text(encoding="utf-8")) for line in block
            if headless(line.strip())]


def test_the_readme_shows_headless_commands_of_every_kind() -> None:
    words = {line.split()[1] for line in readme_commands()}
    assert {"split", "import", "export", "search", "report", "train", "resplit", "--screenshot"} <= words


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder with the repository's sample pages and test data, the environment set up as `.venv`, and the
    shards a split elsewhere wrote of the sample pages (as `examples/dask_split.py` does)."""
    from app.store.shards import split_line

    work = tmp_path / "newsdesk"
    work.mkdir()
    shutil.copytree(ROOT / "sample_data", work / "sample_data")
    shutil.copytree(ROOT / "tests" / "data", work / "tests" / "data")
    (work / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    if not (work / ".venv" / "bin" / "activate").exists():
        pytest.skip("the tests do not run in a virtual environment made by scripts/setup.sh")
    (work / "shards").mkdir()
    (work / "shards" / "part-00000").write_text(
        "".join(split_line(str(p)) + "\n" for p in sorted((work / "sample_data").glob("*.txt"))), encoding="utf-8")
    return work


def mark_done(project: Path) -> None:
    """What an editor does in the app before `train --db`: review the pages and mark them done."""
    from app.store.db import Store

    with Store(project) as store:
        store.set_statuses({row.id: "done" for row in store.list_pages()})


def environment(work: Path) -> dict[str, str]:
    """The user's environment: no `newsdesk` on PATH yet, no display, a project of their own."""
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and not (Path(p) / "newsdesk").exists()]
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "DISPLAY", "WAYLAND_DISPLAY",
                                                             "QT_QPA_PLATFORM", "PYTHONPATH")}
    return {**env, "PATH": os.pathsep.join(path), "NEWSDESK_PROJECT": str(work / "default.db"),
            "HOME": str(work)}


def test_every_headless_command_of_the_readme_runs_as_written_after_its_setup(workdir: Path) -> None:
    setup = setup_line(shell_blocks(README.read_text(encoding="utf-8"))).replace(SETUP, "true")
    env = environment(workdir)
    assert subprocess.run(["bash", "-c", "command -v newsdesk"], env=env, capture_output=True).returncode != 0
    reviewed = False
    for command in readme_commands():
        if not reviewed and command.startswith("newsdesk train --db"):
            mark_done(workdir / command.split()[3])
            reviewed = True
        done = subprocess.run(["bash", "-c", f"{setup} && {command}"], cwd=workdir, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=COMMAND_TIMEOUT)
        assert done.returncode == 0, (command, done.stderr[-2000:])
        assert "Traceback" not in done.stderr, (command, done.stderr[-2000:])
        if "--out" in command.split():
            out = command.split()[command.split().index("--out") + 1]
            assert (workdir / out).exists(), command
