"""scripts/setup.sh warns only about what is really missing at its end: run for real (`--check` on this
machine, which CI set up with it), and with the system's package tools replaced by stand-ins in PATH that
play a machine where apt fails although every package is installed, or where a package cannot install."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETUP = ROOT / "scripts" / "setup.sh"
PACKAGES_LINE = "PACKAGES=("


def packages() -> list[str]:
    text = SETUP.read_text(encoding="utf-8")
    start = text.index(PACKAGES_LINE) + len(PACKAGES_LINE)
    return text[start:text.index(")", start)].split()


def setup(*args: str, path: Path | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = f"{path}{os.pathsep}{env['PATH']}"
    return subprocess.run(["bash", str(cwd / "scripts" / "setup.sh"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_machine_set_up_by_it_has_nothing_missing() -> None:
    if shutil.which("dpkg-query") is None:
        pytest.skip("not a Debian/Ubuntu machine: the packages are not checked")
    installed = subprocess.run(["dpkg-query", "-W", "-f=${Status}\n", *packages()], capture_output=True, text=True)
    if installed.stdout.count("install ok installed") < len(packages()):
        pytest.skip("this machine was not set up by scripts/setup.sh as root")
    done = setup("--check")
    assert (done.returncode, done.stderr) == (0, "")


def stand_ins(tmp_path: Path, installed: set[str], apt_installs: bool, apt_status: int = 100) -> Path:
    """A folder of stand-ins for id (root), fc-list (a CJK font), dpkg-query and apt-get: dpkg-query knows the
    packages listed in a state file, apt-get adds what it was asked for to it when `apt_installs`, says that
    dpkg was locked and exits with `apt_status`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    state = tmp_path / "installed"
    state.write_text("".join(f"{p}\n" for p in sorted(installed)), encoding="utf-8")
    calls = tmp_path / "apt-calls"
    scripts = {
        "id": "#!/bin/sh\necho 0\n",
        "fc-list": "#!/bin/sh\necho 'WenQuanYi Micro Hei'\n",
        "dpkg-query": f"""#!/bin/sh
status=1
for p in "$@"; do
  case "$p" in -*) continue;; esac
  if grep -qx "$p" "{state}"; then echo "install ok installed"; status=0
  else echo "dpkg-query: no packages found matching $p" >&2; fi
done
exit $status
""",
        "apt-get": f"""#!/bin/sh
echo "$*" >> "{calls}"
[ "$1" = update ] && exit 0
{'for p in "$@"; do case "$p" in -*|install) ;; *) echo "$p" >> "' + str(state) + '";; esac; done' if apt_installs else ':'}
echo "E: Could not get lock /var/lib/dpkg/lock-frontend" >&2
exit {apt_status}
""",
    }
    for name, text in scripts.items():
        (bin_dir / name).write_text(text, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    return bin_dir


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The setup script in a folder of its own (its --system step touches no .venv)."""
    work = tmp_path / "repo"
    (work / "scripts").mkdir(parents=True)
    shutil.copy(SETUP, work / "scripts" / "setup.sh")
    return work


def test_apt_failing_while_every_package_installs_is_no_warning(tmp_path: Path, copy: Path) -> None:
    missing = packages()[:3]
    bin_dir = stand_ins(tmp_path, set(packages()) - set(missing), apt_installs=True)
    done = setup("--system", path=bin_dir, cwd=copy)
    assert done.returncode == 0
    assert "setup:" not in done.stderr
    asked = (tmp_path / "apt-calls").read_text(encoding="utf-8").splitlines()
    assert asked[-1].split()[-len(missing):] == missing  # only what was missing is installed


def test_everything_installed_asks_apt_for_nothing(tmp_path: Path, copy: Path) -> None:
    bin_dir = stand_ins(tmp_path, set(packages()), apt_installs=False)
    done = setup("--system", path=bin_dir, cwd=copy)
    assert (done.returncode, done.stderr) == (0, "")
    assert not (tmp_path / "apt-calls").exists()


def test_a_package_that_does_not_install_is_named(tmp_path: Path, copy: Path) -> None:
    bin_dir = stand_ins(tmp_path, set(packages()) - {"libxcb-cursor0"}, apt_installs=False)
    done = setup("--system", path=bin_dir, cwd=copy)
    lines = [line for line in done.stderr.splitlines() if line.startswith("setup: ")]
    assert lines[0] == "setup: these system packages could not be installed: libxcb-cursor0"
    assert any("Could not get lock" in line for line in lines[1:])
    assert done.returncode == 1


def test_a_library_the_window_needs_is_named(tmp_path: Path, copy: Path) -> None:
    import sys

    (copy / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    bin_dir = stand_ins(tmp_path, set(packages()), apt_installs=False)
    (bin_dir / "ldd").write_text("#!/bin/sh\necho '\tlibxcb-cursor.so.0 => not found'\n"
                                 "echo '\tlibc.so.6 => /lib/libc.so.6 (0x0001)'\n", encoding="utf-8")
    (bin_dir / "ldd").chmod(0o755)
    done = setup("--check", path=bin_dir, cwd=copy)
    assert done.returncode == 1
    assert done.stderr == ("setup: the app's window cannot open, these libraries are missing: libxcb-cursor.so.0 "
                           "(the headless commands and --screenshot work without them)\n")
