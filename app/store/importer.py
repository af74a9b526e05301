"""Batch import into a project: page files (split in worker processes) and exported JSONL files.

`import_paths` loads and splits pages in a process pool for large batches (jieba loads once per worker)
and writes each page in its own transaction from the calling process, so a page is fully imported or
absent whatever happens. Bad files are collected with their reason; the rest are imported. A page is known
by its path relative to the folder given (`app.core.loading.find_pages`) and by its text.

`import_export` reads a `newsdesk export --format jsonl` file back into a project. Nothing in such a file
is trusted: a file whose first record announces another number of records than it holds (truncated) is
refused whole; every page is checked against its text with the core's own invariant check (spans in
range, every visible character owned once, corrections that fit), its hash, and the schema version, and a
page that fails is refused in one line (nothing of it stored) while the others are imported.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from ..core.batch import map_pages
from ..core.errors import BadInput, NewsdeskError
from ..core.export import EXPORT_KEY, PAGES_WITHOUT_RECORDS_KEY, SCHEMA_VERSION
from ..core.loading import MAX_PAGE_BYTES, PageFile, SourcePage, find_pages, load_page
from ..core.page import check_invariant
from ..core.record import ItemRecord
from ..core.serialize import MODEL_VERSION, page_from_dict
from ..core.status import Status
from .db import STATUSES, Store, text_sha256
from .records import record_words

__all__ = ["MAX_PAGE_BYTES", "ImportReport", "check_export_file", "file_size", "import_export", "import_paths", "prepare_page"]

BATCH_PAGES, BATCH_SECONDS = 32, 1.0
MAX_VERSION = 2**31 - 1  # a page version is a count of changed texts, never near this

Prepared = tuple[SourcePage, str, list[tuple[int | None, ItemRecord]], list[tuple[str, str]]]


@dataclass
class ImportReport:
    """What an import did: counts by outcome, and every bad file (or exported page) with its reason."""

    new: int = 0
    version: int = 0
    same: int = 0
    merged: int = 0  # an exported page whose edit was merged into the same page here
    bad: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    page_ids: list[int] = field(default_factory=list)  # every page file's project page, in import order
    notes: list[str] = field(default_factory=list)  # e.g. a model that could not be used

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def summary(self) -> str:
        extra = f", {self.merged} merged" if self.merged else ""
        return (f"{self.new} new, {self.version} new version(s), {self.same} unchanged{extra}, "
                f"{len(self.bad)} bad" + (" (cancelled)" if self.cancelled else ""))


def prepare_page(page: PageFile | str, model_file: str | None = None) -> tuple[str, Prepared | None, str | None]:
    """Load and split one page file (in a worker): (path, (source, model JSON, records, their index words),
    error). The split uses the model in `model_file` if given (read once per process)."""
    from ..core.metadata import item_records
    from ..core.projectmodel import worker_model
    from ..core.serialize import page_to_json
    from ..core.splitter import split_page

    path = page.path if isinstance(page, PageFile) else page
    try:
        source = load_page(page)
        split = split_page(source, model=worker_model(model_file))
        records = item_records(split)
        return path, (source, page_to_json(split, with_text=False), records, record_words(records)), None
    except NewsdeskError as e:
        return path, None, str(e)
    except Exception as e:  # a page the splitter cannot handle must not stop the batch
        return path, None, f"{path}: could not be split ({type(e).__name__}: {e})"


def import_paths(store: Store, paths: Iterable[str | os.PathLike[str]], jobs: int = 0,
                 progress: Callable[[int], None] | None = None,
                 page_paths: list[PageFile] | None = None,
                 should_stop: Callable[[], bool] | None = None,
                 start_method: str | None = None, model_path: str | None = None) -> ImportReport:
    """Import page files and folders (recursively, *.txt) into `store`.

    Pages are split with the model file `model_path` if given, else with the project's own model if it has
    one in use (`app.store.learning`), else with Newsdesk's own split; a model that cannot be used is
    noted in `report.notes` and the shipped model is used.

    `progress(1)` is called after each page; `should_stop()` is asked before each page (a Cancel button):
    pages split so far are still written, the rest are left out and `report.cancelled` is set.
    `page_paths` gives the pages already found (`find_pages`; then `paths` is not read). `start_method`
    ("spawn") starts the worker processes without forking the caller (a GUI process must not fork)."""
    from .learning import model_file, usable_model

    report = ImportReport()
    todo = page_paths if page_paths is not None else find_pages(paths)
    model = usable_model(model_path, store, report.notes.append)
    with model_file(model) as path_of_model:
        _import_pages(store, todo, report, jobs, progress, should_stop, start_method, path_of_model)
    return report


def _import_pages(store: Store, todo: list[PageFile], report: ImportReport, jobs: int,
                  progress: Callable[[int], None] | None, should_stop: Callable[[], bool] | None,
                  start_method: str | None, path_of_model: str | None) -> None:
    batch: list[Prepared] = []
    started = time.monotonic()
    func = partial(prepare_page, model_file=path_of_model) if path_of_model else prepare_page
    results = map_pages(func, todo, jobs, start_method)
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


def _write_batch(store: Store, batch: list[Prepared], report: ImportReport) -> None:
    """Pages already split, written in one transaction (one commit per batch, not per page: far
    fewer syncs). Each page is still whole or absent; the batch holds the write lock only while writing."""
    if not batch:
        return
    with store.writing():
        results = [store.import_split(*prepared) for prepared in batch]
    for page_id, outcome in results:
        report.page_ids.append(page_id)
        report.count(outcome)
    batch.clear()


# --- exports read back -------------------------------------------------------------------------------
NOT_AN_EXPORT = "not a `newsdesk export --format jsonl` file"


class BadPage(ValueError):
    """An exported page that cannot be trusted; the message says what is wrong with it."""


def import_export(store: Store, path: str | os.PathLike[str],
                  progress: Callable[[int], None] | None = None) -> ImportReport:
    """Rebuild pages from a JSONL export: each page comes from the `page_source` of its first record,
    checked (`checked_page`) before anything of it is stored. Raises BadInput for a file that is not an
    export or is truncated; each bad page is one entry of `report.bad`."""
    report = ImportReport()
    seen: set[Any] = set()
    shown = str(path)
    _check_whole(path, shown)
    origin = f"the export {Path(shown).name}"
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
            where = f"{shown}:{n}"
            rec: Any = None
            try:
                rec = json.loads(raw.decode("utf-8"))
                if not isinstance(rec, dict):
                    raise BadPage(f"not a JSON object ({NOT_AN_EXPORT})")
            except UnicodeDecodeError as e:
                report.bad.append((where, f"{where}: not UTF-8 text (byte {e.start} of the line)"))
                continue
            except BadPage as e:
                report.bad.append((where, f"{where}: page {_name(rec)}: {e}"))
                continue
            except ValueError as e:
                report.bad.append((where, f"{where}: not JSON ({e})"))
                continue
            carried = rec.get(PAGES_WITHOUT_RECORDS_KEY) or []
            if not isinstance(carried, list):
                carried = [None]
            schema = {"schema_version": rec["schema_version"]} if "schema_version" in rec else {}
            for page in [rec, *({**schema, **c} if isinstance(c, dict) else c for c in carried)]:
                try:
                    if not isinstance(page, dict):
                        raise BadPage(f"{PAGES_WITHOUT_RECORDS_KEY} holds something that is not a page")
                    key = page.get("page_id"), page.get("page") or _source_name(page)
                    if key in seen:  # the page's other records: what they say is rebuilt from its model
                        continue
                    seen.add(key)
                    checked = checked_page(page)
                    page_id, outcome = store.restore_exported(
                        checked.source, checked.auto_json, checked.model_json, status=checked.status,
                        imported=checked.imported, edited=checked.edited, version=checked.version, origin=origin)
                    report.page_ids.append(page_id)
                    report.count(outcome)
                except (BadPage, NewsdeskError) as e:
                    shown_page = _name(page) if page is rec else _source_name(page)
                    report.bad.append((where, f"{where}: page {shown_page}: {e}"))
    return report


def _name(rec: Any) -> str:
    return str(rec.get("page") or "?") if isinstance(rec, dict) else "?"


def _source_name(rec: Any) -> str:
    """The name in a carried page's `page_source` (a page without records has no `page` of its own)."""
    src = rec.get("page_source") if isinstance(rec, dict) else None
    return str(src.get("name") or "?") if isinstance(src, dict) else "?"


@dataclass(frozen=True)
class CheckedPage:
    """An exported page that passed every check, ready to store."""

    source: SourcePage
    model_json: str
    auto_json: str
    status: str
    imported: str | None
    edited: str | None
    version: int


def _check_schema(rec: dict[str, Any]) -> None:
    schema = rec.get("schema_version", SCHEMA_VERSION)
    if not isinstance(schema, int) or isinstance(schema, bool) or not 1 <= schema <= SCHEMA_VERSION:
        raise BadPage(f"schema_version {schema!r}: made by a newer Newsdesk or not an export "
                      f"(this one reads {SCHEMA_VERSION})")


def _text_field(src: dict[str, Any], key: str, required: bool = True) -> str | None:
    value = src.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise BadPage(f"page_source.{key} is not text")
    return value


def _time_field(src: dict[str, Any], key: str) -> str | None:
    value = _text_field(src, key, required=False)
    if value is not None:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise BadPage(f"page_source.{key} {value!r} is not a time (ISO 8601)") from None
    return value


def _model(src: dict[str, Any], key: str, text: str, name: str) -> str:
    """A page model of the export, checked against the page text; returns it as JSON text."""
    data = src.get(key)
    if not isinstance(data, dict):
        raise BadPage(f"page_source.{key} is not a page model")
    version = data.get("model_version", MODEL_VERSION)
    if not isinstance(version, int) or not 1 <= version <= MODEL_VERSION:
        raise BadPage(f"page_source.{key} has model_version {version!r} (this Newsdesk reads {MODEL_VERSION})")
    try:
        page = page_from_dict({**data, "name": data.get("name", name)}, text)
    except NewsdeskError as e:
        raise BadPage(f"page_source.{key}: {getattr(e, 'problem', e)}") from None
    problems = check_invariant(page)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise BadPage(f"page_source.{key} does not fit the page text: {problems[0]}{more}")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def checked_page(rec: dict[str, Any]) -> CheckedPage:
    """The page carried by an export's first record of a page, after every check (raises BadPage)."""
    _check_schema(rec)
    src = rec.get("page_source")
    if not isinstance(src, dict):
        raise BadPage(f"no page_source ({NOT_AN_EXPORT})")
    name = _text_field(src, "name") or ""
    text = _text_field(src, "text") or ""
    if not name or not text.strip():
        raise BadPage("page_source has no name or no text")
    sha = src.get("sha256")
    if sha is not None and sha != text_sha256(text):
        raise BadPage("the page text does not match its sha256 (cut off or altered)")
    encoding = _text_field(src, "encoding", required=False) or "utf-8"
    relpath = _text_field(src, "path", required=False) or ""
    if not relpath or os.path.isabs(relpath) or ".." in Path(relpath).parts or ":" in relpath:
        relpath = name  # an export from before relative paths carried a local absolute path: not kept
    status = src.get("status") or Status.TODO
    if status not in STATUSES:
        raise BadPage(f"unknown status {str(status)[:40]!r} (expected one of {', '.join(STATUSES)})")
    version = src.get("version") or 1
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= MAX_VERSION:
        raise BadPage(f"page_source.version {str(version)[:40]} is not a version number")
    model_json = _model(src, "model", text, name)
    auto_json = _model(src, "auto_model", text, name) if src.get("auto_model") is not None else model_json
    return CheckedPage(SourcePage(name, text, encoding, "", relpath), model_json, auto_json, status,
                       _time_field(src, "imported"), _time_field(src, "edited"), version)


def _check_whole(path: str | os.PathLike[str], shown: str) -> None:
    """Refuse, before anything is stored, a file that is not a JSONL export (its first record is not one)
    or that holds another number of records than its first record announces (`export: {"records": N}`):
    a truncated file would otherwise import as a smaller corpus."""
    announced, found = None, 0
    try:
        with open(path, "rb") as f:
            for line in f:
                if not line.strip():
                    continue
                if found == 0:
                    try:
                        head = json.loads(line.decode("utf-8"))
                    except ValueError:
                        raise BadInput(shown, f"{NOT_AN_EXPORT} (its first line is not JSON)") from None
                    if not isinstance(head, dict) or not isinstance(head.get("page_source"), dict):
                        raise BadInput(shown, f"{NOT_AN_EXPORT} (its first record has no page_source)")
                    info = head.get(EXPORT_KEY)
                    announced = info.get("records") if isinstance(info, dict) else None
                found += 1
    except OSError as e:
        raise BadInput(shown, f"cannot be read ({e.strerror or e})") from None
    if isinstance(announced, int) and announced != found:
        raise BadInput(shown, f"truncated or damaged export: its first record announces {announced} "
                              f"record(s), the file holds {found}; nothing imported")


def check_export_file(path: str | os.PathLike[str]) -> int:
    """Everything about an export file that can be said before a project is opened (missing, not a
    regular file, not an export, truncated): raises BadInput; returns its size in bytes."""
    size = file_size(path)
    _check_whole(path, str(path))
    return size


def file_size(path: str | os.PathLike[str]) -> int:
    """The size of an export to read (raises BadInput naming it: missing, a folder, a device)."""
    try:
        st = Path(path).stat()
    except OSError as e:
        raise BadInput(str(path), "no such file" if isinstance(e, FileNotFoundError)
                       else f"cannot be read ({e.strerror or e})") from None
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(str(path), "not a regular file (a folder, device or pipe)")
    return st.st_size
