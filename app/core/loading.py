"""Reading page files: decoding UTF-8 (with or without BOM) and GB18030/GBK, and finding pages in folders.

The decoded text is kept exactly as in the file (line endings included, the BOM dropped), because every
span of the page model points into it.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BadInput

PAGE_SUFFIXES = (".txt",)
MAX_PAGE_BYTES = 8 * 1024 * 1024  # a printed page is ~20 kB; anything this large is not a page
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
# a UTF-8 prefix holding this many characters of three bytes or more (CJK) before an invalid byte is a
# UTF-8 page with a damaged byte, not GBK text (GBK almost never forms that many valid UTF-8 sequences)
UTF8_EVIDENCE = 4


@dataclass(frozen=True)
class SourcePage:
    """One page file as loaded: its file name, its decoded text and the encoding that decoded it, where
    it was read, and its path relative to the folder it was imported from (its identity in a project)."""

    name: str
    text: str
    encoding: str
    path: str = ""
    relpath: str = ""

    @property
    def identity(self) -> str:
        """What tells this page from others in a project: its relative path (the file name if none)."""
        return self.relpath or self.name


@dataclass(frozen=True)
class PageFile:
    """A page file found among the paths given: where it is, and its path relative to the folder it was
    found in (a file given by itself: its name). `problem` says why a path yields no page at all (an
    unreadable folder, an empty folder, an empty path); loading it raises BadInput with that problem."""

    path: str
    relpath: str
    problem: str | None = None


def decode_page(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode a page file's bytes; returns (text, encoding). Raises BadInput naming `path`."""
    if not data:
        raise BadInput(path, "the file is empty")
    if data.startswith(_UTF32_BOMS):
        raise BadInput(path, "UTF-32 text; save the page as UTF-8 (or GB18030)")
    if data.startswith(_UTF16_BOMS):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise BadInput(path, f"starts with a UTF-16 byte order mark but byte {e.start + 2} is not "
                                 "UTF-16") from None
        if not _readable(text):
            raise BadInput(path, "starts with a UTF-16 byte order mark but is not UTF-16 text")
    elif b"\x00" in data[:8192]:
        if _looks_utf16(data[:8192]):
            raise BadInput(path, "UTF-16 text without a byte order mark; save the page as UTF-8 "
                                 "(or as UTF-16 with a BOM)")
        raise BadInput(path, "binary data, not a text page (NUL bytes)")
    elif data.startswith(_BOM):
        try:
            text, encoding = data[len(_BOM):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise BadInput(path, f"starts with a UTF-8 BOM but byte {e.start + 3} is not UTF-8") from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8:
            wide = sum(1 for c in data[:utf8.start].decode("utf-8") if ord(c) >= 0x800)
            if wide >= UTF8_EVIDENCE:
                raise BadInput(path, f"UTF-8 text with an invalid byte at offset {utf8.start} "
                                     f"(0x{data[utf8.start]:02x})") from None
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise BadInput(path, f"not UTF-8 (invalid byte at offset {utf8.start}) or GB18030 "
                                     "text") from None
    if not text.strip():
        raise BadInput(path, "the page holds no text (only whitespace)")
    if _control_ratio(text) > 0.01:
        raise BadInput(path, "binary data, not a text page (control characters)")
    return text, encoding


UTF16_MIN_NULS = 8  # ASCII characters (line breaks, digits) that give UTF-16 away: a page has dozens
UTF16_NUL_SKEW = 4  # UTF-16 puts an ASCII character's NUL on one side; a CJK character rarely has one
READABLE_SHARE = 0.95  # of a decoded sample: letters, digits, punctuation, symbols, spaces and line breaks


def _readable(text: str) -> bool:
    """Whether decoded text reads as text (UTF-16 decodes almost any even-length bytes into something)."""
    sample = text[:4000]
    ok = sum(1 for c in sample if c in "\r\n\t" or unicodedata.category(c)[0] in "LNPSZ")
    return ok >= READABLE_SHARE * len(sample)


def _looks_utf16(sample: bytes) -> bool:
    """NUL bytes all (or nearly all) at even or at odd offsets, and the bytes read as text in UTF-16:
    ASCII and CJK text saved as UTF-16 without a byte order mark."""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < UTF16_MIN_NULS or min(even, odd) * UTF16_NUL_SKEW > max(even, odd):
        return False
    codec = "utf-16-be" if even > odd else "utf-16-le"
    try:
        return _readable(sample[: len(sample) // 2 * 2].decode(codec))
    except UnicodeDecodeError:
        return False


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f\v")
    return bad / max(1, len(sample))


def _os_problem(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, NotADirectoryError):
        return "no such file (a part of the path is a file)"
    return f"cannot be read ({e.strerror or e})"


def load_page(path: str | os.PathLike[str] | PageFile, relpath: str | None = None,
              max_bytes: int = MAX_PAGE_BYTES) -> SourcePage:
    """Read and decode one page file. Raises BadInput with a one-line reason: missing, a folder, not a
    regular file (a FIFO or device is never opened, so never waited on), too large (at most `max_bytes`
    are ever read), unreadable, not text."""
    if isinstance(path, PageFile):
        if path.problem:
            raise BadInput(path.path or '""', path.problem)
        path, relpath = path.path, path.relpath
    shown = str(path)
    if not shown:
        raise BadInput('""', "an empty path is not a page file")
    try:
        st = os.stat(path)
    except OSError as e:
        raise BadInput(shown, _os_problem(e)) from None
    if stat.S_ISDIR(st.st_mode):
        raise BadInput(shown, "is a folder, not a page file")
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(shown, "not a regular file (a device, pipe or socket), not a page")
    too_large = f"too large for a page (more than {max_bytes / 1e6:.0f} MB)"
    if st.st_size > max_bytes:
        raise BadInput(shown, f"too large for a page ({st.st_size / 1e6:.1f} MB; the limit is "
                              f"{max_bytes / 1e6:.0f} MB)")
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)  # never more, whatever the file claims (it may grow meanwhile)
    except OSError as e:
        raise BadInput(shown, _os_problem(e)) from None
    if len(data) > max_bytes:
        raise BadInput(shown, too_large)
    text, encoding = decode_page(data, shown)
    name = Path(path).name
    return SourcePage(name=name, text=text, encoding=encoding, path=shown, relpath=relpath or name)


def find_pages(paths: Iterable[str | os.PathLike[str]]) -> list[PageFile]:
    """Expand files and folders into page files: a folder recursively (*.txt, sorted, symlinked folders
    not followed), each with its path relative to that folder. A path given by itself is a page file
    whatever it is, so that loading it says what is wrong with it. What yields no page says so: an empty
    path, a folder holding no page file, a folder (or subfolder) that cannot be read."""
    found: list[PageFile] = []
    for path in paths:
        shown = str(path)
        if not shown:
            found.append(PageFile("", "", 'an empty path ("") is not a page file or folder'))
        elif os.path.isdir(path):
            found += _folder_pages(shown)
        else:
            found.append(PageFile(shown, Path(shown).name))
    return found


def _folder_pages(root: str) -> list[PageFile]:
    pages: list[PageFile] = []
    problems: list[PageFile] = []

    def unreadable(e: OSError) -> None:
        where = str(e.filename or root)
        problems.append(PageFile(where, "", f"{_os_problem(e)}: this folder's pages are not imported"))

    for folder, subfolders, files in os.walk(root, onerror=unreadable):
        subfolders.sort()
        for name in files:
            if name.lower().endswith(PAGE_SUFFIXES):
                full = os.path.join(folder, name)
                pages.append(PageFile(full, Path(os.path.relpath(full, root)).as_posix()))
    pages.sort(key=lambda p: p.path)
    if not pages and not problems:
        problems.append(PageFile(root, "", "no page files (*.txt) in this folder"))
    return pages + problems


def iter_page_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """The paths of `find_pages` that are page files (a path given by itself included, even a missing
    one, so that loading it reports the problem with its name)."""
    for page in find_pages(paths):
        if page.problem is None:
            yield page.path
