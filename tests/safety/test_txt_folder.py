"""Failure 11, the txt folder: a symlink already in the export folder is replaced, never followed (nothing
outside the folder is written), and file names carry no control or bidi characters (U+202E)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from app.core.export import safe_name, txt_name, write_records


def _records(title: str = "标题") -> list[dict]:
    return [{"page": "版面.txt", "index": i, "kind": "news", "section": "", "kicker": "", "title": f"{title}{i}",
             "subtitle": "", "authors": [], "subheads": [], "body": [f"正文{i}。"], "captions": [], "tags": [],
             "spans": [[0, 1]], "page_id": 1, "item_id": i, "version": 1, "status": "todo", "edited": None,
             "schema_version": 1} for i in range(3)]


def test_a_symlink_in_the_export_folder_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    folder = tmp_path / "export"
    folder.mkdir()
    recs = _records()
    trap = folder / txt_name(recs[0])
    trap.symlink_to(outside)
    dangling = folder / txt_name(recs[1])
    dangling.symlink_to(tmp_path / "would-be-created.txt")
    assert write_records(recs, "txt", folder) == 3
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "would-be-created.txt").exists()
    assert not trap.is_symlink() and "正文0。" in trap.read_text(encoding="utf-8")
    assert not dangling.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export", "outside.txt"]


def test_a_txt_export_keeps_the_other_files_of_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "notes.md").write_text("mine", encoding="utf-8")
    write_records(_records(), "txt", folder)
    assert (folder / "notes.md").read_text(encoding="utf-8") == "mine"
    assert len(list(folder.glob("*.txt"))) == 3


@pytest.mark.parametrize("trick", ["\u202e", "\u202d", "\u2066", "\u200f", "\u200b", "\ufeff", "\u2028",
                                   "\x1b[31m", "\x7f", "\ue000"])
def test_file_names_carry_no_control_or_bidi_characters(tmp_path: Path, trick: str) -> None:
    name = safe_name(f"报道{trick}txt.exe")
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Co") for c in name)
    recs = _records(title=f"evil{trick}gpj.exe")
    write_records(recs, "txt", tmp_path / "out")
    for p in (tmp_path / "out").iterdir():
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Co") for c in p.name), repr(p.name)
