"""Pre-split pages: the JSONL shards a split on many machines writes, and their import into a project.

`newsdesk split` is a pure function of one page, so an archive too large for one machine is split by an
engine made for the job (dask, Spark: see `examples/dask_split.py` and README), each worker calling
`split_line` on page files it can read, and writing the lines it returns to shard files. A shard line
is one page:

    {"newsdesk_split": 1, "path": "/archive/2024-01-01/01.txt", "relpath": "2024-01-01/01.txt",
     "name": "01.txt", "encoding": "utf-8", "sha256": "<of the decoded text>",
     "model": {<the page model, app.core.serialize, without the text>},
     "records": [{<the `newsdesk split` record of each item and furniture block>}, ...]}

or, for a page that could not be read or split, `{"newsdesk_split": 1, "path": ..., "error": "<one line>"}`.
The text is not in the shard: `import_shards` (`newsdesk import --from-split`) reads it from the file the
line names and checks it against the hash, so a page that changed since it was split is refused rather
than stored with a split of another text. The page is stored as split, without splitting or tagging again.

A shard is checked whole before anything of it is stored (JSON, fields, the page file and its hash, the
model against the text with the core's invariant check, the records): a shard with any fault is refused
in one line naming the shard, its line and the fault, and nothing of it is stored; a sound shard is stored
in one transaction. A line with an "error" is a page the split could not read: one line in the report,
and the rest of its shard is stored.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..core.errors import NewsdeskError
from ..core.loading import PageFile, SourcePage, load_page
from ..core.metadata import item_records
from ..core.page import check_invariant
from ..core.record import ItemRecord
from ..core.serialize import page_from_dict
from .db import Store, text_sha256

FORMAT_KEY, FORMAT = "newsdesk_split", 1
NOT_A_SHARD = "not a split shard (lines written by `app.store.shards.split_line`)"


def split_record(page: PageFile | str, model_file: str | None = None) -> dict[str, Any]:
    """Split one page file; the shard record of it (see the module), an "error" record if it cannot be
    read or split. The same function serves a dask bag, a Spark RDD or a plain loop."""
    from ..core.projectmodel import worker_model
    from ..core.serialize import page_to_dict
    from ..core.splitter import split_page

    file = page if isinstance(page, PageFile) else PageFile(str(page), os.path.basename(str(page)))
    path = os.path.abspath(file.path)
    try:
        source = load_page(file)
        split = split_page(source, model=worker_model(model_file))
        return {FORMAT_KEY: FORMAT, "path": path, "relpath": source.identity, "name": source.name,
                "encoding": source.encoding, "sha256": text_sha256(source.text),
                "model": page_to_dict(split, with_text=False),
                "records": [rec.to_dict() for _, rec in item_records(split)]}
    except NewsdeskError as e:
        return {FORMAT_KEY: FORMAT, "path": path, "error": str(e)}
    except Exception as e:  # a page the splitter cannot handle must not stop the run
        return {FORMAT_KEY: FORMAT, "path": path, "error": f"{path}: could not be split ({type(e).__name__}: {e})"}


def split_line(page: PageFile | str, model_file: str | None = None) -> str:
    """`split_record` as one JSONL line (no newline): what a worker writes to its shard."""
    return orjson.dumps(split_record(page, model_file)).decode("utf-8")


class BadShard(ValueError):
    """A shard that cannot be stored; the message says where and why."""


@dataclass(frozen=True)
class _Page:
    source: SourcePage
    model_json: str
    records: list[tuple[int | None, ItemRecord]]


def _field(rec: dict[str, Any], key: str) -> str:
    value = rec.get(key)
    if not isinstance(value, str) or not value:
        raise BadShard(f"no {key}")
    return value


def _checked(rec: Any) -> _Page | str:
    """The page a shard line stands for, ready to store; or the one-line error of a page the split could
    not read. Raises BadShard for anything else wrong with the line."""
    if not isinstance(rec, dict) or rec.get(FORMAT_KEY) != FORMAT:
        raise BadShard(NOT_A_SHARD)
    path = _field(rec, "path")
    if "error" in rec:
        return str(rec["error"]).splitlines()[0] if rec["error"] else f"{path}: could not be split"
    relpath, sha = _field(rec, "relpath"), _field(rec, "sha256")
    try:
        source = load_page(PageFile(path, relpath))
    except NewsdeskError as e:
        raise BadShard(f"the page file: {e}") from None
    if text_sha256(source.text) != sha:
        raise BadShard(f"{path}: the page file changed since it was split (its text does not match the hash)")
    model = rec.get("model")
    if not isinstance(model, dict):
        raise BadShard("no page model")
    try:
        page = page_from_dict({**model, "name": model.get("name", source.name)}, source.text)
    except NewsdeskError as e:
        raise BadShard(f"page model: {getattr(e, 'problem', e)}") from None
    problems = check_invariant(page)
    if problems:
        raise BadShard(f"the page model does not fit the page text: {problems[0]}")
    records = rec.get("records")
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise BadShard("no records")
    try:
        items = [ItemRecord.from_dict(r) for r in records]
    except (KeyError, TypeError, ValueError) as e:
        raise BadShard(f"a record is not a split record ({type(e).__name__}: {e})") from None
    expected = item_records(page, tags=False)  # the records' places, from the model (no tagging)
    if [(r.index, r.spans) for _, r in expected] != [(r.index, r.spans) for r in items]:
        raise BadShard("the records do not match the page model")
    model_json = orjson.dumps(model).decode("utf-8")
    return _Page(source, model_json, [(item_id, rec) for (item_id, _), rec in zip(expected, items, strict=True)])


def read_shard(path: str | os.PathLike[str]) -> tuple[list[_Page], list[str]]:
    """Every page of a shard checked (raises BadShard naming the shard and line), and the error lines of
    pages the split could not read."""
    shown = str(path)
    pages, errors = [], []
    try:
        f = open(path, "rb")
    except OSError as e:
        raise BadShard(f"{shown}: cannot be read ({e.strerror or e})") from None
    with f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                checked = _checked(orjson.loads(raw))
            except orjson.JSONDecodeError:
                raise BadShard(f"{shown}:{n}: not JSON ({NOT_A_SHARD}; cut off?); nothing of it imported") from None
            except BadShard as e:
                raise BadShard(f"{shown}:{n}: {e}; nothing of the shard imported") from None
            if isinstance(checked, str):
                errors.append(f"{shown}:{n}: {checked}")
            else:
                pages.append(checked)
    if not pages and not errors:
        raise BadShard(f"{shown}: empty ({NOT_A_SHARD})")
    return pages, errors


def import_shards(store: Store, paths: Iterable[str | os.PathLike[str]],
                  progress: Callable[[int], None] | None = None) -> Any:
    """Store the pages of split shards (see the module): each shard checked whole, then stored in one
    transaction; a bad shard is one entry of `report.bad` and nothing of it is stored."""
    from .importer import ImportReport

    report = ImportReport()
    for path in paths:
        try:
            pages, errors = read_shard(path)
        except BadShard as e:
            report.bad.append((str(path), str(e)))
            if progress:
                progress(1)
            continue
        with store.writing():
            results = [store.import_split(p.source, p.model_json, p.records) for p in pages]
        for page_id, outcome in results:
            report.page_ids.append(page_id)
            report.count(outcome)
        report.bad += [(str(path), line) for line in errors]
        if progress:
            progress(1)
    return report


def shard_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Shard files given by name or by folder (its *.jsonl and part-* files, as dask and Spark name them)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and (f.suffix == ".jsonl" or f.name.startswith("part-")))
        else:
            out.append(p)
    return out
