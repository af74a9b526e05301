"""Batch import into a project: page files (split in worker processes) and exported JSONL files.

`import_paths` loads and splits pages in a process pool for large batches (jieba loads once per worker)
and writes each page in its own transaction from the calling process, so a page is fully imported or
absent whatever happens. Bad files are collected with their reason; the rest are imported.
`import_export` reads a `newsdesk export --format jsonl` file back into a project.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.batch import map_pages
from ..core.errors import BadInput, NewsdeskError
from ..core.export import EXPORT_KEY
from ..core.loading import SourcePage, iter_page_paths, load_page
from .db import Store

MAX_PAGE_BYTES = 8 * 1024 * 1024  # a printed page is ~20 kB; anything this large is not a page
BATCH_PAGES, BATCH_SECONDS = 32, 1.0

Prepared = tuple[SourcePage, str, list[tuple[int | None, dict[str, Any]]]]


@dataclass
class ImportReport:
    """What an import did: counts by outcome, and every bad file with its reason."""

    new: int = 0
    version: int = 0
    same: int = 0
    bad: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    page_ids: list[int] = field(default_factory=list)  # every page file's project page, in import order

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def summary(self) -> str:
        return (f"{self.new} new, {self.version} new version(s), {self.same} unchanged, "
                f"{len(self.bad)} bad" + (" (cancelled)" if self.cancelled else ""))


def prepare_page(path: str) -> tuple[str, Prepared | None, str | None]:
    """Load and split one page file (in a worker): (path, (source, model JSON, records), error)."""
    from ..core.metadata import page_item_records
    from ..core.serialize import page_to_json
    from ..core.splitter import split_page

    try:
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        if size > MAX_PAGE_BYTES:
            raise BadInput(path, f"too large for a page ({size / 1e6:.1f} MB; the limit is "
                                 f"{MAX_PAGE_BYTES / 1e6:.0f} MB)")
        source = load_page(path)
        page = split_page(source)
        return path, (source, page_to_json(page, with_text=False), page_item_records(page)), None
    except NewsdeskError as e:
        return path, None, str(e)
    except Exception as e:  # a page the splitter cannot handle must not stop the batch
        return path, None, f"{path}: could not be split ({type(e).__name__}: {e})"


def import_paths(store: Store, paths: Iterable[str | os.PathLike[str]], jobs: int = 0,
                 progress: Callable[[int], None] | None = None,
                 page_paths: list[str] | None = None,
                 should_stop: Callable[[], bool] | None = None,
                 start_method: str | None = None) -> ImportReport:
    """Import page files and folders (recursively, *.txt) into `store`.

    `progress(1)` is called after each page; `should_stop()` is asked before each page (a Cancel button):
    pages split so far are still written, the rest are left out and `report.cancelled` is set.
    `page_paths` gives the page files already expanded (then `paths` is not read). `start_method`
    ("spawn") starts the worker processes without forking the caller (a GUI process must not fork)."""
    report = ImportReport()
    todo = page_paths if page_paths is not None else list(iter_page_paths(paths))
    batch: list[Prepared] = []
    started = time.monotonic()
    results = map_pages(prepare_page, todo, jobs, start_method)
    for path, prepared, error in results:
        if should_stop is not None and should_stop():
            report.cancelled = True
            results.close()
            break
        if error or prepared is None:
            report.bad.append((path, error or f"{path}: could not be read"))
        else:
            if not batch:
                started = time.monotonic()
            batch.append(prepared)
            if len(batch) >= BATCH_PAGES or time.monotonic() - started > BATCH_SECONDS:
                _write_batch(store, batch, report)
        if progress:
            progress(1)
    _write_batch(store, batch, report)
    return report


def _write_batch(store: Store, batch: list[Prepared], report: ImportReport) -> None:
    """Pages already split, written in one transaction (one commit per batch, not per page: far
    fewer syncs). Each page is still whole or absent; the batch holds the write lock only while writing."""
    if not batch:
        return
    with store.writing():
        results = [store.import_split(source, model_json, records) for source, model_json, records in batch]
    for page_id, outcome in results:
        report.page_ids.append(page_id)
        report.count(outcome)
    batch.clear()


def import_export(store: Store, path: str | os.PathLike[str],
                  progress: Callable[[int], None] | None = None) -> ImportReport:
    """Rebuild pages from a JSONL export: each page comes from the `page_source` of its first record."""
    report = ImportReport()
    seen: set[Any] = set()
    shown = str(path)
    _check_whole(path, shown)
    try:
        f = open(path, "rb")
    except OSError as e:
        raise BadInput(shown, f"cannot be read ({e.strerror or e})") from None
    with f:
        for n, raw in enumerate(f, 1):
            if progress:
                progress(len(raw))
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8"))
                if not isinstance(rec, dict):
                    raise ValueError("not a JSON object (not a `newsdesk export --format jsonl` file)")
                key = rec.get("page_id"), rec.get("page")
                if key in seen:
                    continue
                seen.add(key)
                src = rec.get("page_source")
                if not isinstance(src, dict):
                    raise ValueError("no page_source (not a `newsdesk export --format jsonl` file)")
                source = SourcePage(str(src["name"]), str(src["text"]), str(src.get("encoding") or "utf-8"),
                                    str(src.get("path") or ""))
                dumps = json.dumps
                auto = src.get("auto_model") or src["model"]
                _, outcome = store.restore_exported(
                    source, dumps(auto, ensure_ascii=False), dumps(src["model"], ensure_ascii=False),
                    status=str(src.get("status") or "todo"), imported=src.get("imported"),
                    edited=src.get("edited"), version=int(src.get("version") or 1))
                report.count(outcome)
            except NewsdeskError as e:
                report.bad.append((f"{shown}:{n}", f"{shown}:{n}: {e}"))
            except UnicodeDecodeError as e:
                report.bad.append((f"{shown}:{n}", f"{shown}:{n}: not UTF-8 text (byte {e.start} of the line)"))
            except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as e:
                report.bad.append((f"{shown}:{n}", f"{shown}:{n}: {e}"))
    return report


def _check_whole(path: str | os.PathLike[str], shown: str) -> None:
    """Refuse a JSONL export that holds fewer (or more) records than its first record announces
    (`export: {"records": N}`): a truncated file would otherwise import as a smaller corpus."""
    announced, found = None, 0
    try:
        with open(path, "rb") as f:
            for line in f:
                if not line.strip():
                    continue
                if found == 0:
                    try:
                        head = json.loads(line)
                        info = head.get(EXPORT_KEY) if isinstance(head, dict) else None
                        announced = info.get("records") if isinstance(info, dict) else None
                    except ValueError:
                        pass  # reported line by line by the import itself
                found += 1
    except OSError as e:
        raise BadInput(shown, f"cannot be read ({e.strerror or e})") from None
    if isinstance(announced, int) and announced != found:
        raise BadInput(shown, f"truncated or damaged export: its first record announces {announced} "
                              f"record(s), the file holds {found}; nothing imported")


def file_size(path: str | os.PathLike[str]) -> int:
    """The size of an export to read (raises BadInput naming it: missing, a folder, a device)."""
    import stat

    try:
        st = Path(path).stat()
    except OSError as e:
        raise BadInput(str(path), "no such file" if isinstance(e, FileNotFoundError)
                       else f"cannot be read ({e.strerror or e})") from None
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(str(path), "not a regular file (a folder, device or pipe)")
    return st.st_size
