"""`newsdesk split`: the JSONL contract, every encoding, bad input as one line, and a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.core.loading import load_page

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))
KEYS = ["page", "index", "kind", "section", "kicker", "title", "subtitle", "authors", "subheads", "body",
        "captions", "tags", "spans"]


def split(*args: str):  # noqa: ANN201
    return CliRunner().invoke(cli, ["split", *args])


def encodings(tmp_path: Path, source: Path) -> list[Path]:
    """The same page as UTF-8, UTF-8 with a BOM and CRLF, and GB18030 with CR line ends."""
    text = source.read_text(encoding="utf-8")
    out = []
    for name, data in [
        ("utf8", text.encode("utf-8")),
        ("bom_crlf", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")),
        ("gb18030_cr", text.replace("\n", "\r").encode("gb18030")),
    ]:
        path = tmp_path / name / source.name
        path.parent.mkdir()
        path.write_bytes(data)
        out.append(path)
    return out


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.stem[:3])
def test_every_visible_character_is_in_exactly_one_record_in_every_encoding(tmp_path: Path, source: Path) -> None:
    seen = []
    for path in encodings(tmp_path, source):
        result = split(str(path))
        assert result.exit_code == 0, result.output
        records = [json.loads(line) for line in result.stdout.splitlines()]
        text = load_page(path).text
        covered = [0] * len(text)
        for rec in records:
            assert list(rec) == KEYS and rec["page"] == source.name
            for s, e in rec["spans"]:
                for i in range(s, e):
                    covered[i] += 1
        assert [i for i, c in enumerate(text) if not c.isspace() and covered[i] != 1] == []
        assert [r["index"] for r in records] == list(range(len(records)))
        seen.append([(r["kind"], r["title"], r["authors"], r["body"], r["captions"]) for r in records])
    assert seen[0] == seen[1] == seen[2]  # the encoding and the line ends change nothing


def test_bad_files_are_one_line_each_and_the_rest_is_split(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not a page")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfd\x81\x30")
    good = SAMPLES[0]
    result = split(str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), str(tmp_path / "bad.txt"),
                   str(tmp_path / "missing.txt"), str(good))
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 5  # one line a bad file, and the count
    assert "empty.txt: the file is empty" in errors[0]
    assert "binary.txt" in errors[1] and "binary" in errors[1]
    assert "bad.txt" in errors[2]
    assert "missing.txt: no such file" in errors[3]
    assert "Traceback" not in result.output
    assert {json.loads(line)["page"] for line in result.stdout.splitlines()} == {good.name}


def test_pretty_is_for_a_person() -> None:
    result = split("--pretty", str(SAMPLES[0]))
    assert result.exit_code == 0
    assert result.stdout.startswith("── ") and "title" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_a_folder_is_split_page_by_page_in_order() -> None:
    result = split(str(ROOT / "sample_data"))
    pages = []
    for line in result.stdout.splitlines():
        page = json.loads(line)["page"]
        if not pages or pages[-1] != page:
            pages.append(page)
    assert pages == [p.name for p in SAMPLES]


def test_the_installed_command_runs_as_a_process_with_a_pool(tmp_path: Path) -> None:
    # 40 pages or more use two worker processes; the output stays in page order
    for i in range(40):
        (tmp_path / f"{i:03d}.txt").write_bytes(SAMPLES[i % len(SAMPLES)].read_bytes())
    proc = subprocess.run([sys.executable, "-m", "app.cli", "split", str(tmp_path)], capture_output=True,
                          text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr
    pages = [json.loads(line)["page"] for line in proc.stdout.splitlines()]
    assert sorted(set(pages)) == [f"{i:03d}.txt" for i in range(40)]
    assert pages == sorted(pages)
    assert proc.stderr == ""  # jieba loads quietly
