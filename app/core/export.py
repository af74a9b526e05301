"""Export records and the writers of the corpus: JSONL, CSV, a folder of txt files, Parquet.

A record is the `newsdesk split` record of one item (its `ItemRecord`: the text itself, role and kind
names, never ids) plus, from the project: page_id, item_id (stable), version, status, edited and
`schema_version`. The project hands them over as `ExportRecord`s, which keep each list the way the project
stored it (JSON text): JSONL writes that text as it is (orjson), every other reader gets the parsed value. JSONL export adds `page_source` to the first record of each page (the page
text and models) so that an export imports back into a project, and its very first record carries
`export: {"records": N}` so that a truncated file is recognised; the other formats leave both out.
Writers take any iterable of records and return how many they wrote. `write_records` writes every
format whole or not at all (`app.core.safefiles`) and never onto the project file.
"""

from __future__ import annotations

import csv
import json
import os
import re
import secrets
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import orjson

from .errors import NewsdeskError
from .page import Kind
from .record import COLUMNS, FIELD_VALUES, LIST_FIELDS, ItemRecord, Value
from .safefiles import PARTIAL_SUFFIX, atomic_file, os_reason, refuse_protected, replace_into

SCHEMA_VERSION = 1
FORMATS = ("jsonl", "csv", "txt", "parquet")
PROJECT_KEYS = ("page_id", "item_id", "version", "status", "edited", "schema_version")
EXPORT_KEY = "export"  # on a JSONL export's first record: {"records": how many records the file holds}
# on a JSONL record: the page sources of the pages of the export's selection that have no record of their own
PAGES_WITHOUT_RECORDS_KEY = "pages_without_records"
# what a corpus holds unless furniture is asked for (`--kind furniture`, `--all`): page banners, dates and
# editor credits are not articles
CORPUS_KINDS: tuple[Kind, ...] = tuple(k for k in Kind if k is not Kind.FURNITURE)
ALL_KINDS: tuple[Kind, ...] = tuple(Kind)
# authors and tags are written for a person in their own cells (`name（role）；…`), their JSON in these
CSV_JSON_COLUMNS = {"authors": "authors_json", "tags": "tags_json"}
CSV_COLUMNS = COLUMNS + PROJECT_KEYS + tuple(CSV_JSON_COLUMNS.values())
CSV_SEPARATOR = "；"  # between authors or tags in a cell: the full-width semicolon a Chinese list uses


Progress = Callable[[int], None] | None
Record = Mapping[str, Any]  # an ExportRecord, or any mapping with the same keys (a parsed JSONL line)


class ExportRecord(Mapping[str, Any]):
    """One exported item: its record's fields in column order (`app.core.record.COLUMNS`), the project's
    fields (PROJECT_KEYS) and, on the first record of a page in a JSONL export, `page_source`.

    `stored` gives fields as the JSON text the project keeps them in (the list fields; inside
    `page_source`, the page models): reading one parses it, and the JSON writer takes the text as it is
    (an `orjson.Fragment`), so an export does not parse and write again what the project stored."""

    __slots__ = ("_values", "_stored")

    def __init__(self, values: dict[str, Any], stored: dict[str, Any] | None = None) -> None:
        self._values = values
        self._stored = stored or {}
        for key, text in self._stored.items():
            if key == "page_source":
                values[key] = {**values[key], **{k: orjson.Fragment(t) for k, t in text.items()}}
            else:
                values[key] = orjson.Fragment(text)

    @classmethod
    def of(cls, record: ItemRecord, **project: Any) -> ExportRecord:
        """The export record of an `ItemRecord` and its project fields."""
        return cls({**record.to_dict(), **project})

    @property
    def record(self) -> ItemRecord:
        return ItemRecord.from_dict(self)

    def __getitem__(self, key: str) -> Any:
        stored = self._stored.get(key)
        if stored is None:
            return self._values[key]
        if key == "page_source":
            return {**self._values[key], **{k: orjson.loads(t) for k, t in stored.items()}}
        return orjson.loads(stored)

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def json_object(self) -> dict[str, Any]:
        """The record for a JSON writer (orjson), stored JSON as `orjson.Fragment`s. Not to be changed."""
        return self._values


def _counted(records: Iterable[Record], progress: Progress) -> Iterable[Record]:
    for rec in records:
        yield rec
        if progress:
            progress(1)


# --- JSONL -----------------------------------------------------------------------------------------
JSONL_BATCH = 512  # records encoded between two writes


def _byte_writer(out: IO[str]) -> Callable[[bytes], object]:
    """Write UTF-8 bytes to a text stream: straight to its byte buffer when it has one (a file, stdout)."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        return lambda data: out.write(data.decode("utf-8"))
    out.flush()
    return buffer.write


def write_jsonl(records: Iterable[Record], out: IO[str], progress: Progress = None,
                total: int | None = None) -> int:
    """One JSON object a line (orjson: compact, UTF-8 text kept as is).

    With `total` (the number of records that will follow), the first record also carries
    `"export": {"records": total}`, so that a reader can tell a truncated file from a whole one; a
    different number of records is an error."""
    n = 0
    dumps = orjson.dumps
    write = _byte_writer(out)
    buf: list[bytes] = []
    for rec in _counted(records, progress):
        obj = rec.json_object() if isinstance(rec, ExportRecord) else rec
        if n == 0 and total is not None:
            obj = {**obj, EXPORT_KEY: {"records": total}}
        buf.append(dumps(obj))
        n += 1
        if len(buf) >= JSONL_BATCH:
            buf.append(b"")
            write(b"\n".join(buf))
            buf.clear()
    if buf:
        buf.append(b"")
        write(b"\n".join(buf))
    if total is not None and n != total:
        raise NewsdeskError(f"{n} record(s) written, {total} announced: the project changed during the export")
    return n


# --- CSV -------------------------------------------------------------------------------------------
def authors_text(authors: Iterable[Mapping[str, str]]) -> str:
    """Authors for a person: `张三（记者）；李四（通讯员）`, a name without a role as it is."""
    return CSV_SEPARATOR.join(f"{a['name']}（{a['role']}）" if a.get("role") else str(a["name"]) for a in authors)


def csv_row(rec: Record) -> list[Any]:
    """A record as CSV cells: authors and tags readable (`authors_text`, tags joined by `；`) and as JSON in
    their own columns (CSV_JSON_COLUMNS); the other lists as JSON text (commas, quotes and newlines inside
    stay safe)."""
    json_of = {column: field for field, column in CSV_JSON_COLUMNS.items()}
    cells: list[Any] = []
    for k in CSV_COLUMNS:
        if k == "authors":
            cells.append(authors_text(rec.get("authors") or []))
        elif k == "tags":
            cells.append(CSV_SEPARATOR.join(rec.get("tags") or []))
        elif k in json_of:
            cells.append(json.dumps(rec.get(json_of[k]), ensure_ascii=False))
        elif k in LIST_FIELDS:
            cells.append(json.dumps(rec.get(k), ensure_ascii=False))
        else:
            cells.append(rec.get(k, ""))
    return cells


def write_csv(records: Iterable[Record], out: IO[str], progress: Progress = None) -> int:
    """A byte order mark (so that Excel reads the file as UTF-8), a header row, one row per item; open `out`
    with newline=""."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for rec in _counted(records, progress):
        writer.writerow(csv_row(rec))
        n += 1
    return n


# --- txt folder ------------------------------------------------------------------------------------
_RESERVED = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_WINDOWS_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                  *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 180


# control, format (U+202E RIGHT-TO-LEFT OVERRIDE and the other bidi controls, zero-width characters),
# line/paragraph separators, surrogates and private use: invisible or misleading in a file name
_UNSEEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"}


def safe_name(text: str, fallback: str = "item") -> str:
    """`text` made safe as one file name on any system: no path separators, reserved, control or bidi
    characters, no leading dots, no Windows device names, at most MAX_NAME_BYTES bytes of UTF-8."""
    name = unicodedata.normalize("NFC", text)
    name = "".join(c for c in _RESERVED.sub("_", name) if unicodedata.category(c) not in _UNSEEN_CATEGORIES)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name or name.upper().split(".")[0] in _WINDOWS_NAMES:
        name = f"{fallback}_{name}" if name else fallback
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:
        name = name[:-1]
    return name.rstrip(" .") or fallback


def txt_name(rec: Record) -> str:
    """A file name for a record: page name, version, the item's number on the page as people count it
    (`index` + 1, as in the window and `split --pretty`) and the start of its title."""
    stem = os.path.splitext(str(rec["page"]))[0]
    version = rec.get("version") or 1
    item = f"{int(rec['index']) + 1:03d}"
    parts = [stem[:80]] + ([f"v{version}"] if version != 1 else []) + [item]
    title = (rec.get("title") or "")[:20]
    if title:
        parts.append(title)
    return safe_name("_".join(parts)) + ".txt"


def txt_text(rec: Record) -> str:
    """The item as plain text: headings, authors, then paragraphs, subheads and captions."""
    lines = [rec[k] for k in ("section", "kicker", "title", "subtitle") if rec.get(k)]
    if rec.get("authors"):
        lines.append(" ".join(f"{a['role']} {a['name']}" for a in rec["authors"]))
    parts = ["\n".join(lines)] if lines else []
    parts += [p for p in rec.get("body", []) if p]
    parts += [f"【小标题】{s}" for s in rec.get("subheads", [])]
    parts += [f"【图片说明】{c}" for c in rec.get("captions", [])]
    return "\n\n".join(parts) + "\n"


def write_txt(records: Iterable[Record], folder: str | os.PathLike[str], progress: Progress = None,
              protected: Sequence[str | os.PathLike[str]] = ()) -> int:
    """One UTF-8 file per item in `folder` (created); names are safe, stable and unique.

    The files are written into a hidden folder beside `folder` first. Once all are written, a new
    `folder` is that folder renamed; an existing one gets each file moved in (a rename: every file is
    whole, old or new). A symlink in `folder` is replaced, never followed; nothing is written outside it,
    and no file in `protected` (the project) is replaced."""
    shown = str(folder)
    if not shown:
        raise NewsdeskError("an empty path is not a folder to write")
    root = Path(os.path.realpath(folder))
    if root.exists() and not root.is_dir():
        raise NewsdeskError.said("{out}: is a file, not a folder (a txt export writes a folder)", out=shown)
    above = next((p for p in root.parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise NewsdeskError.said("{out}: cannot create the export folder ({path} is a file)", out=shown,
                                 path=str(above))
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        staging = _staging_folder(root)
    except OSError as e:
        raise NewsdeskError.said("{out}: cannot create the export folder ({reason})", out=shown,
                                 reason=os_reason(e)) from None
    try:
        names = _write_txt_files(records, staging, root, progress, protected)
        if not root.exists():
            try:
                os.rename(staging, root)
                return len(names)
            except OSError:  # made meanwhile: move the files in one by one
                pass
        for name in names:
            replace_into(root, name, staging / name)
        os.rmdir(staging)
        return len(names)
    except OSError as e:
        raise NewsdeskError.said("{out}: cannot write the export ({reason})", out=shown,
                                 reason=os_reason(e)) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _staging_folder(root: Path) -> Path:
    while True:
        staging = root.parent / f".{root.name}.{os.getpid()}-{secrets.token_hex(4)}{PARTIAL_SUFFIX}"
        try:
            staging.mkdir(0o777)
            return staging
        except FileExistsError:
            continue


def _write_txt_files(records: Iterable[Record], staging: Path, root: Path, progress: Progress,
                     protected: Sequence[str | os.PathLike[str]]) -> list[str]:
    used: set[str] = set()
    names: list[str] = []
    for rec in _counted(records, progress):
        name = txt_name(rec)
        if name.lower() in used:
            stem, k = name[:-4], 2
            while f"{stem}~{k}.txt".lower() in used:
                k += 1
            name = f"{stem}~{k}.txt"
        used.add(name.lower())
        refuse_protected(root / name, protected)
        with open(staging / name, "x", encoding="utf-8") as f:
            f.write(txt_text(rec))
        names.append(name)
    return names


# --- Parquet ---------------------------------------------------------------------------------------
PARQUET_BATCH = 10_000


def write_parquet(records: Iterable[Record], path: str | os.PathLike[str],
                  progress: Progress = None) -> int:
    """A Parquet file through pyarrow (optional: `pip install 'newsdesk[parquet]'`)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise NewsdeskError("Parquet export needs pyarrow: pip install 'newsdesk[parquet]'") from None
    strs, ints = pa.string(), pa.int64()
    types = {Value.TEXT: strs, Value.INT: ints, Value.KIND: strs, Value.TEXTS: pa.list_(strs),
             Value.AUTHORS: pa.list_(pa.struct([("name", strs), ("role", strs)])),
             Value.SPANS: pa.list_(pa.list_(ints))}
    schema = pa.schema([(name, types[value]) for name, value in FIELD_VALUES.items()] + [
        ("page_id", ints), ("item_id", ints), ("version", ints), ("status", strs), ("edited", strs),
        ("schema_version", ints)])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for rec in _counted(records, progress):
            batch.append({k: rec.get(k) for k in schema.names})
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch.clear()
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def write_records(records: Iterable[Record], fmt: str, out: str | os.PathLike[str],
                  progress: Progress = None, *, protected: Sequence[str | os.PathLike[str]] = (),
                  total: int | None = None) -> int:
    """Write `records` to `out` in `fmt` (jsonl, csv: a file or "-" for stdout; txt: a folder; parquet).

    A file is written whole or not at all (a temporary file renamed into place), so a failed or killed
    export leaves the previous file as it was. `protected` files (the project, its -wal and -shm) are
    refused as the output however the path is spelled. `total`: see `write_jsonl`."""
    import sys

    if fmt not in FORMATS:
        raise NewsdeskError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if str(out) == "-" and fmt in ("jsonl", "csv"):
        return write_jsonl(records, sys.stdout, progress, total) if fmt == "jsonl" \
            else write_csv(records, sys.stdout, progress)
    refuse_protected(out, protected)
    if fmt == "txt":
        return write_txt(records, out, progress, protected)
    with atomic_file(out) as temp:
        if fmt == "parquet":
            return write_parquet(records, temp, progress)
        with open(temp, "w", encoding="utf-8", newline="") as f:
            if fmt == "jsonl":
                return write_jsonl(records, f, progress, total)
            return write_csv(records, f, progress)


def empty_selection(count: Callable[..., int], filters: Mapping[str, Any]) -> list[str] | None:
    """Why `filters` select no record, for the message of an empty export: the names of the filters that
    select nothing on their own (each given to `count`, a project's record count taking the filters as
    keywords), [] when only their combination does, None when the project holds no record at all."""
    if count() == 0:
        return None
    return [name for name, value in filters.items() if value and count(**{name: value}) == 0]
