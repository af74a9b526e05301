"""Reading page files: decoding UTF-8 (with or without BOM) and GB18030/GBK, and finding pages in folders.

The decoded text is kept exactly as in the file (line endings included, the BOM dropped), because every
span of the page model points into it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BadInput

PAGE_SUFFIXES = (".txt",)
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SourcePage:
    """One page file as loaded: its file name, its decoded text and the encoding that decoded it."""

    name: str
    text: str
    encoding: str
    path: str = ""


def decode_page(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode a page file's bytes; returns (text, encoding). Raises BadInput naming `path`."""
    if not data:
        raise BadInput(path, "the file is empty")
    if b"\x00" in data[:8192]:
        raise BadInput(path, "binary data, not a text page (NUL bytes)")
    if data.startswith(_BOM):
        try:
            text, encoding = data[len(_BOM):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise BadInput(path, f"starts with a UTF-8 BOM but byte {e.start + 3} is not UTF-8") from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as e:
                raise BadInput(path, f"not UTF-8 or GB18030 text (undecodable byte at offset {e.start})") from None
    if not text.strip():
        raise BadInput(path, "the page holds no text (only whitespace)")
    if _control_ratio(text) > 0.01:
        raise BadInput(path, "binary data, not a text page (control characters)")
    return text, encoding


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f\v")
    return bad / max(1, len(sample))


def load_page(path: str | os.PathLike[str]) -> SourcePage:
    """Read and decode one page file. Raises BadInput with a one-line reason."""
    p = Path(path)
    shown = str(path)
    if not p.exists():
        raise BadInput(shown, "no such file")
    if p.is_dir():
        raise BadInput(shown, "is a folder, not a page file")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise BadInput(shown, "permission denied") from None
    except OSError as e:
        raise BadInput(shown, f"cannot be read ({e.strerror or e})") from None
    text, encoding = decode_page(data, shown)
    return SourcePage(name=p.name, text=text, encoding=encoding, path=shown)


def iter_page_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Expand files and folders (recursively, *.txt, sorted) into page paths.

    A path that is neither an existing file nor a folder is yielded as it is, so that loading it
    reports the problem with its name.
    """
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in PAGE_SUFFIXES
            )
            yield from found
        else:
            yield str(path)
