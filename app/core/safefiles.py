"""Writing files so that nothing is lost: whole or not at all, never onto a file that must not be touched.

- `atomic_file(path)` writes into a temporary file beside `path` and renames it into place only once it is
  complete and on disk: a failed or killed write leaves the previous file as it was (and a reader never
  sees half a file).
- `same_file(a, b)` and `refuse_protected(out, protected)` compare by real path (symlinks resolved) and by
  inode, so an export cannot be pointed at the project file, however the path is spelled.
- `replace_into(folder, name, temp)` moves a finished file into a folder without following a symlink that
  already sits there (the link itself is replaced, nothing outside the folder is written).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import NewsdeskError

PARTIAL_SUFFIX = ".partial"


def os_reason(e: OSError) -> str:
    """An OSError as a short phrase for a one-line message ("permission denied", "no space left on device")."""
    return e.strerror.lower() if e.strerror else str(e)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True if `a` and `b` name the same file: the same real path (symlinks and `..` resolved), or the same
    inode on the same device (a hard link). A path that does not exist yet matches only by real path."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def refuse_protected(out: str | os.PathLike[str], protected: Iterable[str | os.PathLike[str]]) -> None:
    """Raise NewsdeskError if `out` is one of the `protected` files (the project's: by real path or inode)."""
    for p in protected:
        if same_file(out, p):
            raise NewsdeskError.said("{out}: this is the project itself ({path}); choose another file",
                                     out=str(out), path=str(p))


def _temp_name(name: str) -> str:
    return f".{name}.{os.getpid()}-{secrets.token_hex(4)}{PARTIAL_SUFFIX}"


def create_temp(folder: Path, name: str) -> Path:
    """A new empty file in `folder` named after `name` (hidden, ends in .partial); created exclusively,
    never through a symlink; permissions as for any new file (the umask applies)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        temp = folder / _temp_name(name)
        try:
            os.close(os.open(temp, flags, 0o666))
            return temp
        except FileExistsError:
            continue


def output_file(path: str | os.PathLike[str]) -> Path:
    """Check a file export's target and return the path to replace (a symlink's real target: the user
    named the link, the file it points to is meant). Raises NewsdeskError with one line."""
    shown = str(path)
    if not shown:
        raise NewsdeskError("an empty path is not a file to write")
    real = Path(os.path.realpath(path))
    if real.is_dir():
        raise NewsdeskError.said("{out}: is a folder, not a file", out=shown)
    if real.exists() and not stat.S_ISREG(real.stat().st_mode):
        raise NewsdeskError.said("{out}: not a regular file (a device or pipe); use - for stdout", out=shown)
    if not real.parent.is_dir():
        raise NewsdeskError.said("{out}: cannot write the export (the folder {folder} does not exist)",
                                 out=shown, folder=str(Path(shown).parent))
    return real


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], shown: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `path` to write; on success it is synced and renamed to `path`
    (replacing the previous file in one step), on any error it is removed and the previous file stays.
    OSErrors become one NewsdeskError line naming `shown` (default: `path`)."""
    shown = shown or str(path)
    target = output_file(path)
    try:
        temp = create_temp(target.parent, target.name)
    except OSError as e:
        raise NewsdeskError.said("{out}: cannot write the export ({reason})", out=shown,
                                 reason=os_reason(e)) from None
    try:
        yield temp
        _sync(temp)
        os.replace(temp, target)
        _sync_folder(target.parent)
    except OSError as e:
        _remove(temp)
        raise NewsdeskError.said("{out}: cannot write the export ({reason}); the previous file is unchanged"
                                 if target.exists() else "{out}: cannot write the export ({reason})",
                                 out=shown, reason=os_reason(e)) from None
    except BaseException:
        _remove(temp)
        raise


def replace_into(folder: Path, name: str, temp: Path) -> None:
    """Move the finished file `temp` to `folder/name`, replacing what is there (a symlink is replaced
    itself, never followed; a folder of that name is an error)."""
    dest = folder / name
    if dest.is_dir() and not dest.is_symlink():
        raise IsADirectoryError(errno.EISDIR, "a folder has this file's name", str(dest))
    os.replace(temp, dest)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every system can open a folder for fsync; the rename stands
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
