"""One editing window per project: a QLockFile next to the project file (PROJECT.db.lock).

The window that takes the lock edits; a second app instance (or window) on the same project is told
who holds it and opens the project read-only (its Store refuses every write), or picks another project.
A lock left by a process that died (kill -9, a crash) is stale and is taken over.

The lock belongs to the file, not to the path typed: it sits beside the project's real path (symlinks
and `..` resolved), and a second lock named after the file's device and inode, in the user's runtime
folder, catches the same file reached through a hard link. A window holds both or neither.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths


@dataclass(frozen=True)
class Holder:
    """Who holds a project's lock, as the lock file says."""

    pid: int
    hostname: str
    appname: str


class ProjectLock:
    """The locks a window holds on one project file; `unlock()` lets all of them go."""

    def __init__(self, locks: list[QLockFile]) -> None:
        self.locks = locks

    def unlock(self) -> None:
        for lock in self.locks:
            lock.unlock()
        self.locks = []


def lock_path(project: str) -> str:
    """The lock beside the project file's real path."""
    return f"{os.path.realpath(project)}.lock"


def inode_lock_path(project: str) -> str | None:
    """The lock named after the project file's device and inode (None if the file cannot be stat'ed)."""
    try:
        st = os.stat(project)
    except OSError:
        return None
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation) \
        or tempfile.gettempdir()
    return str(Path(folder) / f"newsdesk-project-{st.st_dev}-{st.st_ino}.lock")


def _try(path: str) -> tuple[QLockFile | None, Holder | None]:
    """(the lock, None) if taken; (None, holder) if another holds it; (None, None) if no lock can be
    made there (a read-only folder)."""
    lock = QLockFile(path)
    lock.setStaleLockTime(0)  # never stale by age: only when the process that took it has gone
    if lock.tryLock(0):
        return lock, None
    if lock.error() != QLockFile.LockError.LockFailedError:
        return None, None
    pid, hostname, appname = lock.getLockInfo()  # (0, "", "") if the file cannot be read
    return None, Holder(int(pid or 0), str(hostname or ""), str(appname or ""))


def take_lock(project: str) -> tuple[ProjectLock | None, Holder | None]:
    """Lock `project` for this window: (the lock, None), or (None, its holder) if another process or
    window has it. A project in memory, or in a folder where no lock file can be written, is not locked
    (None, None): it cannot be shared anyway, or locking is impossible and SQLite still keeps it whole."""
    if project == ":memory:":
        return None, None
    taken: list[QLockFile] = []
    for path in (lock_path(project), inode_lock_path(project)):
        if path is None:
            continue
        lock, holder = _try(path)
        if holder is not None:
            for mine in taken:
                mine.unlock()
            return None, holder
        if lock is not None:
            taken.append(lock)
    return (ProjectLock(taken) if taken else None), None
