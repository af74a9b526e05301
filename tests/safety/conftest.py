"""Fixtures for the attack cases: a project holding the sample pages, folders an unprivileged user reaches."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from safehelp import SAMPLES, newsdesk

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))  # uihelp: the window helpers


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder under the system temp folder that any user may enter and write (pytest's tmp_path is
    private to its owner, so a process run as another user could not even reach it)."""
    path = Path(tempfile.mkdtemp(prefix="newsdesk-safety-"))
    path.chmod(0o777)
    yield path
    for sub, dirs, _ in os.walk(path):  # give back what a test made read-only, so it can be removed
        for d in dirs:
            p = Path(sub) / d
            if not p.is_symlink():
                p.chmod(p.stat().st_mode | stat.S_IRWXU)
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample pages imported by `newsdesk import` (one copy per test module: copy it before changing it)."""
    db = tmp_path_factory.mktemp("project") / "p.db"
    proc = newsdesk("import", *SAMPLES, "--db", db)
    assert proc.returncode == 0, proc.stderr
    return db


LONG_LINES = 4000  # one article long enough that its txt file alone is larger than a full disk allows


def long_page_text(lines: int = LONG_LINES) -> str:
    """A page with one headline and one very long hard-wrapped paragraph (generated, no seed text)."""
    clauses = ["会议强调要进一步加强基层治理能力建设", "各地区各部门要结合实际抓好贯彻落实",
               "切实把各项工作做细做实", "推动经济社会高质量发展取得新成效"]
    body = []
    for i in range(lines):
        c = clauses[i % len(clauses)]
        body.append(f"{c}第{i}项，" if i % 7 else f"{c}。")
    return "长篇报道标题\n\n" + "\n".join(body) + "\n"


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample pages twelve times over (under other names) and one very long page: exports of a few
    hundred kB in every format, and one txt file of over 200 kB."""
    from app.core.loading import SourcePage, load_page
    from app.core.metadata import page_item_records
    from app.core.serialize import page_to_json
    from app.core.splitter import split_page
    from app.store.db import Store

    db = tmp_path_factory.mktemp("big") / "big.db"
    with Store(db) as store:
        long = SourcePage("long.txt", long_page_text(), "utf-8", "long.txt")
        pages = [(load_page(p), None) for p in SAMPLES] + [(long, None)]
        for source, _ in pages:
            page = split_page(source)
            model, records = page_to_json(page, with_text=False), page_item_records(page)
            copies = 12 if source.name != "long.txt" else 1
            for k in range(copies):
                name = source.name if k == 0 else f"copy{k:02d}_{source.name}"
                store.import_split(SourcePage(name, source.text, source.encoding, name), model, records)
    return db


def _private_copy(db: Path, folder: Path) -> Path:
    out = folder / "p.db"
    shutil.copy(db, out)
    out.chmod(0o666)
    return out


@pytest.fixture
def project(sample_project: Path, open_dir: Path) -> Path:
    """A private copy of the sample project, in a folder any user can reach."""
    return _private_copy(sample_project, open_dir)


@pytest.fixture
def big(big_project: Path, open_dir: Path) -> Path:
    """A private copy of `big_project`, in a folder any user can reach."""
    return _private_copy(big_project, open_dir)
