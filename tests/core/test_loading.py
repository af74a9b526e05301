"""Loading page files (app.core.loading): encodings, line endings, and one-line errors naming the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.errors import BadInput
from app.core.loading import decode_page, iter_page_paths, load_page

TEXT = "荆州中医外科首次亮相\n本报讯（记者宗璇）日前，全 面 规 范。\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),  # GBK is a subset of GB18030
])
def test_encodings_decode_to_the_same_text(tmp_path, data, encoding):
    page = load_page(write(tmp_path, "p.txt", data))
    assert page.text == TEXT  # the BOM is dropped
    assert page.encoding == encoding
    assert page.name == "p.txt" and page.path.endswith("p.txt")


def test_gb18030_only_characters(tmp_path):
    text = "㐀䶵 扩展区汉字\n"  # CJK Extension A: in GB18030, not in GBK
    assert load_page(write(tmp_path, "ext.txt", text.encode("gb18030"))).text == text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_are_kept(tmp_path, newline):
    text = TEXT.replace("\n", newline)
    assert load_page(write(tmp_path, "p.txt", text.encode("utf-8"))).text == text


@pytest.mark.parametrize(("data", "problem"), [
    (b"", "the file is empty"),
    (b" \r\n\t\n   ", "only whitespace"),
    ("  \n".encode("gb18030") + "\u3000\n".encode("utf-8"), "only whitespace"),
    (b"abc\x00\x01\x02def", "binary data"),
    (bytes(range(1, 32)) * 20, "binary data"),
    (b"\xff\xfe\xfa\x80\x81" * 3, "starts with a UTF-16 byte order mark but byte 16 is not UTF-16"),
    (b"\xfa\x80\x81\xff\xfe" * 3, "not UTF-8 (invalid byte at offset 0) or GB18030"),
    (b"\xef\xbb\xbf\xff\xfe", "UTF-8 BOM"),
])
def test_bad_files_give_one_line_naming_the_file(tmp_path, data, problem):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(BadInput) as err:
        load_page(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and problem in message
    assert "\n" not in message
    assert err.value.path == str(path)


def test_decode_page_names_the_path_given():
    with pytest.raises(BadInput, match=r"^page 3: the file is empty$"):
        decode_page(b"", "page 3")
    assert decode_page("正文".encode("gb18030")) == ("正文", "gb18030")


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(BadInput, match=r"nope\.txt: no such file$"):
        load_page(path)


def test_a_folder_given_as_a_file(tmp_path):
    with pytest.raises(BadInput, match="is a folder, not a page file"):
        load_page(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "locked.txt", TEXT.encode())
    path.chmod(0)
    with pytest.raises(BadInput, match="locked.txt: permission denied"):
        load_page(path)


def test_iter_page_paths_expands_nested_folders_sorted(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    for rel in ["b/deep/2.txt", "b/1.TXT", "a/3.txt", "a/notes.md", "top.txt"]:
        write(tmp_path, rel, TEXT.encode())
    lone = tmp_path / "top.txt"
    found = list(iter_page_paths([tmp_path, lone, tmp_path / "missing.txt"]))
    rel = [os.path.relpath(p, tmp_path) for p in found]
    assert rel == ["a/3.txt", "b/1.TXT", "b/deep/2.txt", "top.txt", "top.txt", "missing.txt"]
    with pytest.raises(BadInput, match="missing.txt: no such file"):
        load_page(found[-1])


def test_iter_page_paths_of_an_empty_folder(tmp_path):
    assert list(iter_page_paths([tmp_path])) == []


def test_sample_pages_load(sample_path):
    page = load_page(sample_path)
    assert page.encoding in ("utf-8", "utf-8-sig", "gb18030")
    assert page.text.strip()
