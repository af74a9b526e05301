"""Store fixtures: an in-memory project, a project file in tmp_path, and a project holding the sample pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.loading import load_page
from app.core.splitter import split_page
from app.store.db import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))


@pytest.fixture
def store() -> Iterator[Store]:
    """A fresh in-memory project."""
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "project.db"


@pytest.fixture
def sample_store(db_path: Path) -> Iterator[Store]:
    """A project file holding the sample pages, each split automatically (page ids in file order)."""
    with Store(db_path) as s:
        for path in SAMPLES:
            source = load_page(path)
            s.import_source(source, split_page(source))
        yield s
