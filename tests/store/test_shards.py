"""Pre-split pages: shards written by `split_line` (a dask or Spark worker), stored by `import_shards`."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import edits
from app.core.loading import find_pages, load_page
from app.core.metadata import item_records
from app.core.page import Kind
from app.core.serialize import page_to_dict
from app.core.splitter import split_page
from app.store.db import Store
from app.store.shards import import_shards, shard_files, split_line

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "archive" / "2024-01-01"
    folder.mkdir(parents=True)
    for path in SAMPLES[:3]:
        shutil.copy(path, folder / path.name)
    return tmp_path / "archive"


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_a_shard_stores_the_pages_as_split(pages: Path, tmp_path: Path) -> None:
    files = find_pages([pages])
    shard = _write(tmp_path / "000.jsonl", [split_line(p) for p in files])
    with Store(tmp_path / "sharded.db") as sharded, Store(tmp_path / "direct.db") as direct:
        report = import_shards(sharded, [shard])
        assert (report.new, report.bad) == (3, [])
        for p in files:
            source = load_page(p)
            direct.import_source(source, split_page(source))
        for a, b in zip(sharded.list_pages(), direct.list_pages(), strict=True):
            assert (a.name, a.item_count) == (b.name, b.item_count)
            assert sharded.page_path(a.id) == direct.page_path(b.id) == f"2024-01-01/{a.name}"
            assert sharded.load_page(a.id) == direct.load_page(b.id)
            assert sharded.load_records(a.id) == direct.load_records(b.id)
        assert sharded.search("病理") and len(sharded.search("病理")) == len(direct.search("病理"))
        again = import_shards(sharded, [shard])
        assert (again.new, again.same) == (0, 3)


def test_the_split_in_the_shard_is_stored_not_a_new_one(pages: Path, tmp_path: Path) -> None:
    file = find_pages([pages])[0]
    record = json.loads(split_line(file))
    source = load_page(file)
    page = split_page(source)
    news = [it.id for it in page.items if it.kind != Kind.FURNITURE]
    merged = edits.merge_items(page, news[0], news[1])  # a split the splitter would not make
    record["model"] = page_to_dict(merged, with_text=False)
    record["records"] = [rec.to_dict() for _, rec in item_records(merged)]
    shard = _write(tmp_path / "000.jsonl", [json.dumps(record, ensure_ascii=False)])
    with Store(tmp_path / "p.db") as store:
        assert import_shards(store, [shard]).new == 1
        assert store.load_page(1) == merged and store.load_auto_page(1) == merged


def test_a_bad_shard_is_one_line_and_nothing_of_it_is_stored(pages: Path, tmp_path: Path) -> None:
    files = find_pages([pages])
    lines = [split_line(p) for p in files]
    good = _write(tmp_path / "good.jsonl", lines[:1])
    cut = _write(tmp_path / "cut.jsonl", [lines[1], lines[2][: len(lines[2]) // 2]])
    changed = _write(tmp_path / "changed.jsonl", lines[1:])
    Path(files[2].path).write_text(Path(files[2].path).read_text(encoding="utf-8") + "更正启事\n", encoding="utf-8")
    other = _write(tmp_path / "other.jsonl", ['{"page": "a.txt", "index": 0}'])
    with Store(tmp_path / "p.db") as store:
        report = import_shards(store, [good, cut, changed, other, tmp_path / "missing.jsonl"])
        assert report.new == 1 and [page.name for page in store.list_pages()] == [Path(files[0].path).name]
        said = [line for _, line in report.bad]
        assert len(said) == 4 and all("\n" not in line for line in said)
        assert said[0].startswith(f"{cut}:2: not JSON")
        assert said[1].startswith(f"{changed}:2: ") and "changed since it was split" in said[1]
        assert said[2].startswith(f"{other}:1: not a split shard")
        assert said[3].startswith(f"{tmp_path / 'missing.jsonl'}: cannot be read")


def test_a_page_the_split_could_not_read_is_said_and_the_rest_stored(pages: Path, tmp_path: Path) -> None:
    files = find_pages([pages])
    (pages / "empty.txt").write_bytes(b"")
    lines = [split_line(p) for p in files] + [split_line(str(pages / "empty.txt"))]
    _write(tmp_path / "000.jsonl", lines)
    with Store(tmp_path / "p.db") as store:
        report = import_shards(store, shard_files([tmp_path]))
        assert report.new == 3 and len(report.bad) == 1 and "empty" in report.bad[0][1]


def test_import_from_split_on_the_command_line(pages: Path, tmp_path: Path) -> None:
    files = find_pages([pages])
    shards = tmp_path / "shards"
    shards.mkdir()
    _write(shards / "000.jsonl", [split_line(p) for p in files[:2]])
    _write(shards / "001.jsonl", [split_line(files[2])[:50]])
    db = tmp_path / "p.db"
    proc = subprocess.run([sys.executable, "-m", "app.cli", "import", "--from-split", str(shards), "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert any(line.startswith(f"newsdesk: {shards / '001.jsonl'}:1: not JSON") for line in lines), lines
    assert lines[-1] == f"{db}: 2 new, 0 new version(s), 0 unchanged, 1 bad"
    with Store(db) as store:
        assert len(store.list_pages()) == 2


def test_the_dask_example_splits_a_folder_into_shards(pages: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    spec = importlib.util.spec_from_file_location("dask_split", ROOT / "examples" / "dask_split.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures = module.split_to_shards(pages, tmp_path / "shards", workers=2, pages_per_shard=2)
    assert (figures["pages"], figures["shards"], figures["workers"]) == (3, 2, 2)
    with Store(tmp_path / "p.db") as store:
        report = import_shards(store, shard_files([tmp_path / "shards"]))
        assert (report.new, report.bad) == (3, [])
        assert sorted(r.name for r in store.list_pages()) == sorted(p.name for p in SAMPLES[:3])
