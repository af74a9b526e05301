"""One editing window per project: a QLockFile next to the project file (PROJECT.db.lock).

The window that takes the lock edits; a second app instance (or window) on the same project is told
who holds it and opens the project read-only (its Store refuses every write), or picks another project.
A lock left by a process that died (kill -9, a crash) is stale and is taken over.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLockFile


@dataclass(frozen=True)
class Holder:
    """Who holds a project's lock, as the lock file says."""

    pid: int
    hostname: str
    appname: str


def lock_path(project: str) -> str:
    return f"{project}.lock"


def take_lock(project: str) -> tuple[QLockFile | None, Holder | None]:
    """Lock `project` for this window: (the lock, None), or (None, its holder) if another process or
    window has it. A project in memory, or in a folder where no lock file can be written, is not locked
    (None, None): it cannot be shared anyway, or locking is impossible and SQLite still keeps it whole."""
    if project == ":memory:":
        return None, None
    lock = QLockFile(lock_path(project))
    lock.setStaleLockTime(0)  # never stale by age: only when the process that took it has gone
    if lock.tryLock(0):
        return lock, None
    if lock.error() != QLockFile.LockError.LockFailedError:
        return None, None
    pid, hostname, appname = lock.getLockInfo()  # (0, "", "") if the file cannot be read
    return None, Holder(int(pid or 0), str(hostname or ""), str(appname or ""))
