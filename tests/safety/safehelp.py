"""Helpers for the attack cases: `newsdesk` in a real process (optionally as an unprivileged user, or with
a file-size limit that makes writes fail as on a full disk), folders such a user can reach, file hashes."""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# Linux capabilities that let root ignore file permissions; dropped from the bounding set before exec,
# a process of root's then meets permissions like anyone else (prctl PR_CAPBSET_DROP)
_PR_CAPBSET_DROP, _CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 24, 1, 2
PROGRESS_LABELS = {"importing", "exporting"}


def _drop_permission_override() -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def permissions_apply() -> bool:
    """Whether a process started by `newsdesk(..., unprivileged=True)` meets file permissions."""
    if not IS_ROOT:
        return True
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o555)
        try:
            probe = subprocess.run([sys.executable, "-c", f"import os; print(os.access({tmp!r}, os.W_OK))"],
                                   capture_output=True, text=True, preexec_fn=_drop_permission_override,
                                   check=False)
        finally:
            os.chmod(tmp, 0o755)
    return probe.stdout.strip() == "False"


def sha(path: str | os.PathLike[str]) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def newsdesk(*args: object, unprivileged: bool = False, max_file_bytes: int | None = None,
             timeout: float = 300, stdin: bytes | None = None, cwd: str | os.PathLike[str] | None = None,
             ) -> subprocess.CompletedProcess[str]:
    """Run `newsdesk ARGS` in a new process; returns it finished (text stdout/stderr).

    `unprivileged`: without root's power to ignore file permissions, when the tests run as root.
    `max_file_bytes`: no file the process writes may grow past this size (EFBIG, as a full disk would)."""

    def limits() -> None:
        if max_file_bytes is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))
        if unprivileged and IS_ROOT:
            _drop_permission_override()

    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": tempfile.gettempdir()}
    return subprocess.run([sys.executable, "-m", "app.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limits, env=env, cwd=cwd or ROOT,
                          input=stdin.decode() if stdin is not None else None)


@dataclass
class Ran:
    """`newsdesk ARGS` run in this process (click's runner): exit status, stdout, stderr, and whether an
    exception escaped (a traceback)."""

    returncode: int
    stdout: str
    stderr: str
    escaped: BaseException | None


def newsdesk_here(*args: object) -> Ran:
    """`newsdesk ARGS` in this process: what `newsdesk` prints, without a process start per command."""
    from click.testing import CliRunner

    from app.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    return Ran(result.exit_code, result.stdout, result.stderr, escaped)


def stderr_lines(proc: subprocess.CompletedProcess[str] | Ran) -> list[str]:
    """The lines a person reads on stderr (the progress bar's carriage-return updates left out)."""
    lines = [line.split("\r")[-1].strip() for line in proc.stderr.splitlines()]
    return [line for line in lines if line and line not in PROGRESS_LABELS]


def no_traceback(proc: subprocess.CompletedProcess[str] | Ran) -> bool:
    return "Traceback" not in proc.stderr and getattr(proc, "escaped", None) is None
