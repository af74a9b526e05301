"""Failure 9: worker processes exit when their parent dies. A `newsdesk import` (and `split`) running a
process pool is killed with SIGKILL mid-batch; every worker it started is gone soon after (before, each
stayed behind, about 235 MB apiece, every time)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from safehelp import ROOT, SAMPLES

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
ORPHAN_GRACE_S = 30.0  # how long the test waits for the workers to notice (they check every half second)


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("command", ["import", "split"])
def test_workers_exit_when_the_import_is_killed(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for i in range(400):  # long enough to be killed mid-batch
        (folder / f"p{i:03d}.txt").write_text(texts[i % len(texts)] + f"\n第{i}期\n", encoding="utf-8")
    args = [sys.executable, "-m", "app.cli", command, str(folder), "--jobs", "2"]
    if command == "import":
        args += ["--db", str(tmp_path / "p.db")]
    proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
            workers = {pid for pid in _children(proc.pid) if _alive(pid)}
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool never started"
        time.sleep(1.0)  # the workers are splitting pages now
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + ORPHAN_GRACE_S
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # never leave them behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == []
