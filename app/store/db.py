"""The project store: one SQLite file per project, wrapping `sqlite_utils.Database`.

`Store` speaks the domain (import a page, load and save the editor's page model, statuses, the journal of
unsaved edits, search, export records); every SQL statement lives in `app/store`. The file is in WAL mode
with foreign keys on and a busy timeout, so two app instances on one project both work safely: each write
is one short `BEGIN IMMEDIATE` transaction (a page is fully written or absent, a kill -9 loses nothing
that was committed).

Tables (readable in Datasette): `pages` (source text, compressed and checked against its sha256; name, path,
encoding, imported, status, version, edited, the editor's model, compressed: `app/store/compact.py`, and its
summary, what opening the page paints first: `app/store/summary.py`), `page_auto` (the automatic split as
imported; null while it is the editor's model), `items` (one row per exported record: metadata columns, lists
as JSON; an item keeps its row id across saves), `authors`, `tags`, `corrections`, `edits` (history), `state`
(key -> JSON), `journal` (unsaved edits), `items_fts` (the search index over `items`: `app/store/tokens.py`,
`search.py`), `split_models` (the project's own split models, `app/store/splitmodels.py`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import json
import os
import sqlite3
import stat
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..core.errors import StoreError
from ..core.loading import SourcePage
from ..core.metadata import item_records
from ..core.page import Page
from ..core.record import ItemRecord
from ..core.serialize import page_from_data, page_from_json, page_to_json
from ..core.status import Status
from . import records as _records
from . import search as _search
from . import splitmodels as _models
from .compact import pack_model, pack_text, unpack_model, unpack_model_data, unpack_raw_text, unpack_text
from .migrations import APPLICATION_ID, COMPACT_STEP, MIGRATION_SET, STEPS, migrate, reindex
from .summary import PageSummary, pack_model_and_summary, pack_summary, summarise, unpack_summary
from .tokens import DICTIONARY_KEY, dictionary_id

STATUSES = tuple(Status)
BUSY_TIMEOUT_S = 30.0
# SQLite's page: 2 KB instead of the default 4 KB, because items of 1-4 KB of text leave much of a 4 KB page
# empty (project_size.py: about 0.1 times the pages' text less)
PAGE_SIZE = 2048


@dataclass(frozen=True)
class PageRow:
    """One page as listed in the project: no text, no model, so that 100k pages list fast."""

    id: int
    name: str
    status: Status
    item_count: int
    imported: str
    edited: str | None
    version: int = 1

    @classmethod
    def of(cls, row: Sequence[Any]) -> PageRow:
        """A page from its (id, name, status, item_count, imported, edited, version) columns."""
        page_id, name, status, *rest = row
        return cls(page_id, name, Status(status), *rest)


SearchHit = _search.SearchHit


def now() -> str:
    """The current UTC time as ISO 8601 text (seconds), the format of every time column."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _edit_time(value: str | None) -> datetime:
    """An `edited` time for comparison (never edited: the earliest time there is)."""
    if not value:
        return datetime.min.replace(tzinfo=UTC)
    t = datetime.fromisoformat(value)
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def text_sha256(text: str | bytes) -> str:
    """The SHA-256 of a page's text (or of its UTF-8 bytes, the same)."""
    return hashlib.sha256(text if isinstance(text, bytes) else text.encode("utf-8")).hexdigest()


PROJECT_SIDE_FILES = ("-wal", "-shm", "-journal", ".lock")


def _stored_page(model: bytes | str, text: str) -> Page:
    """The page model a row stores (`pack_model`'s, or plain JSON text in a project made before that)."""
    if isinstance(model, str):
        return page_from_json(model, text)
    return page_from_data(unpack_model_data(model, as_model=True), text)


def project_files(path: str | Path) -> list[str]:
    """The project file and the files SQLite and the app keep beside it (by the path given and by its
    real path): no export may write any of them."""
    if str(path) == ":memory:":
        return []
    bases = dict.fromkeys([str(path), os.path.realpath(path)])
    return [base + side for base in bases for side in ("", *PROJECT_SIDE_FILES)]


SQLITE_MAGIC = b"SQLite format 3\x00"


def _one_line(e: BaseException, limit: int = 120) -> str:
    """An SQLite message on one short line (a decoding error quotes the damaged bytes at length)."""
    text = " ".join(str(e).split(" with text '")[0].split())
    text = "".join(c if c.isprintable() and c != "\ufffd" else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def recognise(path: str, check: bool = True) -> str:
    """What `path` holds, found out without writing to it: "new" (no file, an empty file, or an SQLite
    file with no tables at all) or "project" (a Newsdesk project: our application_id, or the migration
    record of a project made before the mark). Raises StoreError, leaving the file untouched, for a
    folder, a device, another program's file, a newer project, or a file `PRAGMA quick_check` (with
    `check`) finds damaged."""
    p = Path(path)
    if p.is_dir():
        raise StoreError.said("{path}: is a folder, not a project file", path=path)
    if not p.parent.is_dir():
        raise StoreError.said("{path}: the folder {folder} does not exist", path=path, folder=str(p.parent))
    try:
        st = p.stat()
    except FileNotFoundError:
        return "new"
    except OSError as e:
        raise StoreError.said("{path}: cannot be read ({problem})", path=path, problem=e.strerror or str(e)) from None
    if not stat.S_ISREG(st.st_mode):
        raise StoreError.said("{path}: not a regular file (a device or pipe), not a project", path=path)
    if st.st_size == 0:
        return "new"
    try:
        with open(p, "rb") as f:
            header = f.read(100)
    except OSError as e:
        raise StoreError.said("{path}: cannot be read ({problem})", path=path, problem=e.strerror or str(e)) from None
    if not header.startswith(SQLITE_MAGIC):
        raise StoreError.said("{path}: not a Newsdesk project (not an SQLite database); left untouched", path=path)
    uri = f"{Path(os.path.abspath(path)).as_uri()}?mode=ro"  # read-only: never a write to the file
    if not any(Path(path + side).exists() for side in ("-wal", "-journal")):
        uri += "&immutable=1"  # nothing in flight: read the file alone, without making -wal/-shm beside it
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as e:
        raise StoreError.said("{path}: cannot be opened ({problem})", path=path, problem=_one_line(e)) from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        ours = app_id == APPLICATION_ID or (app_id == 0 and _made_by_newsdesk(conn, tables))
        if not ours:
            if app_id == 0 and not tables:
                return "new"  # an SQLite file with nothing in it (or a project being created right now)
            raise StoreError.said("{path}: not a Newsdesk project (another program's SQLite database); "
                                  "left untouched", path=path)
        if version > STEPS:
            raise StoreError.said("{path}: made by a newer Newsdesk (schema {version}, this one knows {steps})"
                                  "; left untouched", path=path, version=version, steps=STEPS)
        if check:
            problems = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                raise StoreError.said("{path}: the project file is damaged ({problem}); left untouched, restore "
                                      "it from a backup", path=path, problem=_one_line("; ".join(problems)))
        return "project"
    except sqlite3.DatabaseError as e:
        raise StoreError.said("{path}: the project file is damaged or not a project ({problem}); left untouched",
                              path=path, problem=_one_line(e)) from None
    finally:
        conn.close()


def _made_by_newsdesk(conn: sqlite3.Connection, tables: set[str]) -> bool:
    if "_sqlite_migrations" not in tables or "pages" not in tables:
        return False
    rows = conn.execute("select count(*) from _sqlite_migrations where migration_set = ?",
                        [MIGRATION_SET]).fetchone()[0]
    return rows > 0


def _translated(path: str, e: Exception) -> StoreError:
    """An SQLite or JSON error met while reading the project, as one line naming the project."""
    damaged = (type(e) is sqlite3.DatabaseError or isinstance(e, (json.JSONDecodeError, UnicodeDecodeError, zlib.error))
               or any(w in str(e).lower() for w in ("decode", "malformed", "corrupt")))
    if damaged:
        return StoreError.said("{path}: the project file is damaged ({problem}); restore it from a backup",
                               path=path, problem=_one_line(e))
    return StoreError.said("{path}: {problem}", path=path, problem=_one_line(e))


_NOT_TRANSLATED = {"__init__", "__enter__", "__exit__", "close", "reading", "writing", "on_close"}


def _speaks_store_errors(cls: type) -> type:
    """Every public method of `cls` (and the generator it returns) raises StoreError, one line naming
    the project, instead of a raw SQLite, JSON or decoding error: a damaged value (a flipped byte in a
    stored text) is a message, never a traceback, wherever it is met."""

    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                result = func(self, *args, **kwargs)
            except (sqlite3.Error, json.JSONDecodeError, UnicodeDecodeError, zlib.error) as e:
                raise _translated(self.path, e) from None
            if inspect.isgenerator(result):
                return _translating(self.path, result)
            return result
        return method

    for name, value in list(vars(cls).items()):
        if inspect.isfunction(value) and name not in _NOT_TRANSLATED and (not name.startswith("_")):
            setattr(cls, name, wrap(value))
    return cls


def _translating(path: str, gen: Iterator[Any]) -> Iterator[Any]:
    try:
        yield from gen
    except (sqlite3.Error, json.JSONDecodeError, UnicodeDecodeError, zlib.error) as e:
        raise _translated(path, e) from None


@_speaks_store_errors
class Store:
    """A Newsdesk project file. Creates and migrates the schema on open; use as a context manager."""

    def __init__(self, path: str | Path, check: bool = True) -> None:
        """Open (or create) the project at `path`. Nothing is written to a file before it is recognised
        as a Newsdesk project (`recognise`): another program's SQLite file, a newer project or a damaged
        file raises StoreError and stays byte-identical. `check` runs PRAGMA quick_check first (a pass
        over the whole file; a second connection to a project already checked skips it)."""
        self.path = str(path)
        self.read_only = False
        self._close_hooks: list[Callable[[], None]] = []
        self._lock = threading.RLock()
        memory = self.path == ":memory:"
        new = memory or recognise(self.path, check) == "new"
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            self.db = Database(conn)
            self.db.execute("PRAGMA foreign_keys = ON")
            if new:
                self.db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            if not memory:
                with self.db.ensure_autocommit_on():
                    self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > STEPS:
                raise StoreError.said("{path}: made by a newer Newsdesk (schema {version}, this one knows {steps})"
                                      "; left untouched", path=self.path, version=version, steps=STEPS)
            if version < STEPS:
                with self.writing():  # two instances opening a new file: one migrates, one waits
                    migrate(self.db)
                if not memory and 0 < version < COMPACT_STEP:
                    self._vacuum()
            if self.get_state(DICTIONARY_KEY) != dictionary_id():
                with self.writing():  # another jieba dictionary cuts words differently: index again
                    reindex(self.db)
        except sqlite3.DatabaseError as e:
            raise StoreError.said("{path}: not a Newsdesk project ({problem})", path=self.path,
                                  problem=_one_line(e)) from None

    def _vacuum(self) -> None:
        """Rewrite the file once after it was made compact: give back the space the older, larger project
        took, in pages of PAGE_SIZE. Skipped (the file stays correct, only larger) while another
        connection has the project open."""
        try:
            with self.db.ensure_autocommit_on():
                self.db.execute("PRAGMA journal_mode = DELETE")  # the page size cannot change in WAL mode
                self.db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                self.db.execute("VACUUM")
                self.db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            with self.db.ensure_autocommit_on():
                self.db.execute("PRAGMA journal_mode = WAL")

    # --- life cycle ------------------------------------------------------------------------------
    def check(self) -> list[str]:
        """PRAGMA quick_check on this connection: [] when the file is sound, else its first problems."""
        if self.path == ":memory:":
            return []
        problems = [r[0] for r in self.db.execute("PRAGMA quick_check(3)")]
        return [] if problems == ["ok"] else problems

    def set_read_only(self) -> None:
        """From now on refuse every write (another window edits this project): `writing()` raises
        StoreError, and SQLite itself rejects a write (PRAGMA query_only)."""
        self.read_only = True
        self.db.execute("PRAGMA query_only = ON")

    def on_close(self, hook: Callable[[], None]) -> None:
        """Call `hook()` once the project is closed (the app releases its lock on the file then)."""
        self._close_hooks.append(hook)

    def close(self) -> None:
        self.db.close()
        hooks, self._close_hooks = self._close_hooks, []
        for hook in hooks:
            hook()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def project_files(self) -> list[str]:
        """See `project_files`."""
        return project_files(self.path)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Database]:
        """One read transaction: every query inside sees the same snapshot of the project (an export's
        count and its records agree even while another window saves)."""
        conn = self.db.conn
        if conn.in_transaction or self.path == ":memory:":
            yield self.db
            return
        conn.execute("BEGIN")
        try:
            yield self.db
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def export(self, fmt: str, out: str | os.PathLike[str], progress: Callable[[int], None] | None = None,
               started: Callable[[int], None] | None = None, whole_pages: bool = False, **filters: Any) -> int:
        """Write the records matching `filters` (see `iter_records`) to `out` in `fmt`, from one snapshot:
        `started(total)` is called with the count first, a JSONL file announces it in its first record and,
        with `whole_pages`, carries the pages none of whose records match. Never writes onto this project's
        files (see `app.core.export.write_records`)."""
        from ..core.export import write_records

        with self.reading():
            total = self.count_records(**filters)
            if started:
                started(total)
            records = self.iter_records(with_source=fmt == "jsonl", whole_pages=whole_pages, **filters)
            return write_records(records, fmt, out, progress, protected=self.project_files(), total=total)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Database]:
        """One write transaction: BEGIN IMMEDIATE (takes the write lock up front, so a second instance
        waits instead of failing half-way), COMMIT, or ROLLBACK on any error. Nested use joins the
        outer transaction (a batch of pages is committed, or rolled back, as a whole)."""
        if self.read_only:
            raise StoreError(f"{self.path}: open read-only here (another Newsdesk window is editing it)")
        conn = self.db.conn
        with self._lock:  # one connection may serve a worker thread too: one transaction at a time
            if conn.in_transaction:  # nested: part of the outer transaction, which commits or rolls back
                yield self.db  # as a whole (no savepoint: FTS5 would flush its index at each one)
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                raise StoreError(f"{self.path}: the project is busy in another window ({e})") from None
            try:
                yield self.db
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _page_row(self, page_id: int, columns: str = "*") -> dict[str, Any]:
        rows = list(self.db.query(f"select {columns} from pages where id = ?", [page_id]))
        if not rows:
            raise StoreError(f"{self.path}: no page {page_id}")
        return rows[0]

    # --- import ----------------------------------------------------------------------------------
    def import_source(self, source: SourcePage, page: Page) -> tuple[int, str]:
        """Store a page file and its automatic split; returns (page_id, "new" | "same" | "version").

        A page is known by its path relative to the folder it was imported from (`source.identity`) and
        its text, never by its bare file name: `2024-01-01/01.txt` and `2024-01-02/01.txt` are two pages,
        and so is the same text found in another folder. That path with that text is a no-op ("same"; a
        folder imported again from its parent or one of its subfolders is the same page too). That path
        with a changed text is a new version row; the older version, and any editor's work on it, stays.
        """
        return self.import_split(source, page_to_json(page, with_text=False), item_records(page))

    def import_split(self, source: SourcePage, model_json: str, records: Sequence[tuple[int | None, ItemRecord]],
                     words: Sequence[tuple[str, str]] | None = None) -> tuple[int, str]:
        """`import_source` with the model already serialized and its records (and perhaps their index words,
        `app.store.records.record_words`) computed (import workers)."""
        sha = text_sha256(source.text)
        with self.writing():
            row = self._same_page(source.identity, sha)
            if row is not None:
                return row["id"], "same"
            last = self._last_version(source.identity)
            page_id = self._insert_page(source, sha, model_json, (last or 0) + 1)
            self.db.execute("insert into page_auto (page_id, model) values (?, null)", [page_id])  # as pages.model
            _records.replace_item_rows(self.db, page_id, records, words=words)
        return page_id, "version" if last else "new"

    def _same_page(self, relpath: str, sha: str) -> dict[str, Any] | None:
        """The page with this text at this path, the path counted from any folder above or below the one
        imported (`01.txt` found again as `2024-01-01/01.txt`): the latest version, the exact path first."""
        rows = list(self.db.query(
            "select id, relpath, model, status, edited from pages where sha256 = :sha and (relpath = :rel "
            "or substr(relpath, -length(:rel) - 1) = '/' || :rel or substr(:rel, -length(relpath) - 1) = "
            "'/' || relpath) order by relpath = :rel desc, version desc, id limit 1", {"sha": sha, "rel": relpath}))
        return {**rows[0], "model": unpack_model(rows[0]["model"])} if rows else None

    def _last_version(self, relpath: str) -> int | None:
        return self.db.execute("select max(version) from pages where relpath = ?", [relpath]).fetchone()[0]

    def page_path(self, page_id: int) -> str:
        """The page's path relative to the folder it was imported from (its identity with its text)."""
        return str(self._page_row(page_id, "relpath")["relpath"])

    def _insert_page(self, source: SourcePage, sha: str, model_json: str, version: int, *,
                     status: str = Status.TODO, imported: str | None = None, edited: str | None = None) -> int:
        cur = self.db.execute(
            "insert into pages (name, relpath, path, sha256, text, encoding, imported, status, version, edited,"
            " model, summary, item_count) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            [source.name, source.identity, source.path, sha, pack_text(source.text), source.encoding,
             imported or now(), status, version, edited, *pack_model_and_summary(model_json)])
        return int(cur.lastrowid or 0)

    def _write_items(self, page_id: int, records: Sequence[tuple[int | None, ItemRecord]],
                     page: Page | None = None) -> None:
        origins = {it.id: (str(it.origin), str(it.kind_origin)) for it in page.items} if page else None
        _records.replace_item_rows(self.db, page_id, records, origins)

    def restore_exported(self, source: SourcePage, auto_json: str, model_json: str, status: str,
                         imported: str | None, edited: str | None, version: int = 1, *,
                         origin: str = "an export") -> tuple[int, str]:
        """Recreate a page from an export (`newsdesk import --from-export`): text, both models, status.
        Returns (page_id, "new" | "version" | "same" | "merged").

        A page the project already holds with the same text gets the export's work merged, never dropped:
        the newer edit (by `edited` time) becomes the page, the other is kept as an earlier version
        (`model_versions`), and the page's history says so. `origin` names the export in that history."""
        self._check_status(status)
        editor = page_from_json(model_json, source.text)
        sha = text_sha256(source.text)
        with self.writing():
            row = self._same_page(source.identity, sha)
            if row is not None:
                outcome = self._merge(row, editor, model_json, status, edited, origin)
                page_id = row["id"]
            else:
                last = self._last_version(source.identity)
                page_id = self._insert_page(source, sha, model_json, max(version, (last or 0) + 1),
                                            status=status, imported=imported, edited=edited)
                self.db.execute("insert into page_auto (page_id, model) values (?, ?)",
                                [page_id, None if auto_json == model_json else pack_model(auto_json)])
                self._write_items(page_id, item_records(editor), editor)
                self._write_corrections(page_id, editor)
                outcome = "version" if last else "new"
        return page_id, outcome

    def _merge(self, row: dict[str, Any], editor: Page, model_json: str, status: str, edited: str | None,
               origin: str) -> str:
        """Merge an editor's model of a text the project holds (see `restore_exported`)."""
        ours = (json.loads(row["model"]), row["status"])
        if ours == (json.loads(model_json), status):
            return "same"
        page_id = row["id"]
        if _edit_time(edited) > _edit_time(row["edited"]):  # the export's edit is newer: it becomes the page
            self._keep_version(page_id, row["model"], row["status"], row["edited"], f"replaced by {origin}")
            self._keep_auto(page_id)
            self.db.execute("update pages set model = ?, summary = ?, status = ?, edited = ? where id = ?",
                            [*pack_model_and_summary(model_json), status, edited, page_id])
            self._write_items(page_id, item_records(editor), editor)
            self._write_corrections(page_id, editor)
            summary = f"merged: the newer edit from {origin}; the page's earlier edit kept as a version"
        else:
            known = self.db.execute(
                "select 1 from model_versions where page_id = ? and model = ? and status = ? and edited is ?",
                [page_id, model_json, status, edited]).fetchone()
            if known:
                return "same"
            self._keep_version(page_id, model_json, status, edited, f"an older edit from {origin}")
            summary = f"merged: an older edit from {origin} kept as a version"
        self.db["edits"].insert({"page_id": page_id, "time": now(), "summary": summary, "status": status})
        return "merged"

    def _keep_auto(self, page_id: int) -> None:
        """Before the editor's model changes: an automatic split stored as "the same as the editor's model"
        (null, the page as imported) is written out."""
        self.db.execute("update page_auto set model = (select model from pages where id = ?) "
                        "where page_id = ? and model is null", [page_id, page_id])

    def _keep_version(self, page_id: int, model_json: str, status: str, edited: str | None, note: str) -> None:
        self.db.execute("insert into model_versions (page_id, model, status, edited, recorded, note) "
                        "values (?, ?, ?, ?, ?, ?)", [page_id, model_json, status, edited, now(), note])

    def model_versions(self, page_id: int) -> list[dict[str, Any]]:
        """The editor's models set aside for this page (a merge kept the newer one), oldest first:
        [{model, status, edited, recorded, note}]."""
        return [{**r, "model": json.loads(r["model"])} for r in self.db.query(
            "select model, status, edited, recorded, note from model_versions where page_id = ? order by id",
            [page_id])]

    # --- the editor's page -------------------------------------------------------------------------
    def load_page(self, page_id: int) -> Page:
        """The editor's current page model (exactly as last saved). The text is checked against the hash
        stored with it: a changed byte in the file is reported, never shown as the page."""
        row = self.db.execute("select text, model, sha256 from pages where id = ?", [page_id]).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no page {page_id}")
        stored, model, sha = row
        return _stored_page(model, self._checked_text(page_id, stored, sha))

    def _checked_text(self, page_id: int, stored: bytes | str, sha: str) -> str:
        """A page's stored text, checked against the hash stored with it."""
        raw = unpack_raw_text(stored)
        if text_sha256(raw) != sha:
            raise StoreError.said("{path}: the project file is damaged (the text of page {page} does not "
                                  "match its hash); restore it from a backup", path=self.path, page=page_id)
        return raw.decode("utf-8") if isinstance(raw, bytes) else raw

    def load_page_summary(self, page_id: int) -> PageSummary | None:
        """What opening the page paints first (`app.store.summary`): its text (checked as `load_page` checks
        it) and the summary stored with its model; `page_of` builds the page model from it. None when the
        page has no summary in step with its model (a page saved before summaries: `load_page` it, and
        `write_summary`)."""
        row = self.db.execute("select text, model, sha256, summary from pages where id = ?", [page_id]).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no page {page_id}")
        stored, model, sha, summary = row
        return unpack_summary(summary, self._checked_text(page_id, stored, sha), model)

    def page_of(self, summary: PageSummary) -> Page:
        """The page model a summary was read with (`load_page_summary`), exactly as `load_page` gives it."""
        return _stored_page(summary.model, summary.text)

    def write_summary(self, page_id: int) -> None:
        """Store the summary of a page's model where it has none in step with it (read `load_page_summary`)."""
        with self.writing():
            model = self._page_row(page_id, "model")["model"]
            summary = pack_summary(summarise(unpack_model_data(model)), model)
            self.db.execute("update pages set summary = ? where id = ? and model = ?", [summary, page_id, model])

    def load_records(self, page_id: int) -> dict[int, ItemRecord]:
        """The records of the page's items as last saved (the export's records), by item id."""
        return _records.page_records(self.db, page_id)

    def load_auto_page(self, page_id: int) -> Page:
        """The automatic split as imported."""
        text = unpack_text(self._page_row(page_id, "text")["text"])
        rows = list(self.db.query("select coalesce(a.model, p.model) as model from page_auto a "
                                  "join pages p on p.id = a.page_id where a.page_id = ?", [page_id]))
        if not rows:
            raise StoreError(f"{self.path}: page {page_id} has no automatic split")
        return _stored_page(rows[0]["model"], text)

    def save_page(self, page_id: int, page: Page, status: str | None = None, summary: str = "") -> None:
        """Save the editor's page model in one transaction; records the edit and clears the journal."""
        if status is not None:
            self._check_status(status)
        records = item_records(page)
        model_json = page_to_json(page, with_text=False)
        with self.writing():
            row = self._page_row(page_id, "text, status")
            if unpack_text(row["text"]) != page.text:
                raise StoreError(f"{self.path}: page {page_id} holds a different text than the one saved")
            t = now()
            self._keep_auto(page_id)
            self.db.execute("update pages set model = ?, summary = ?, edited = ?, status = ? where id = ?",
                            [*pack_model_and_summary(model_json), t, status or row["status"], page_id])
            self._write_items(page_id, records, page)
            self._write_corrections(page_id, page)
            self.db["edits"].insert({"page_id": page_id, "time": t, "summary": summary,
                                     "status": status or row["status"]})
            self.db.execute("delete from journal where page_id = ?", [page_id])

    def _write_corrections(self, page_id: int, page: Page) -> None:
        self.db.execute("delete from corrections where page_id = ?", [page_id])
        self.db["corrections"].insert_all(
            {"page_id": page_id, "ord": i, "start": c.start, "end": c.end, "old": c.old, "new": c.new}
            for i, c in enumerate(page.corrections))

    def history(self, page_id: int) -> list[dict[str, Any]]:
        """The page's saved edits, oldest first: [{time, summary, status}]."""
        return list(self.db.query(
            "select time, summary, status from edits where page_id = ? order by id", [page_id]))

    # --- status ----------------------------------------------------------------------------------
    def _check_status(self, status: str) -> None:
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r} (expected one of {', '.join(STATUSES)})")

    def set_status(self, page_id: int, status: str) -> None:
        self._check_status(status)
        with self.writing():
            self._page_row(page_id, "id")
            self.db.execute("update pages set status = ? where id = ?", [status, page_id])
            self.db["edits"].insert({"page_id": page_id, "time": now(), "summary": f"status: {status}",
                                     "status": status})

    def set_statuses(self, statuses: dict[int, str]) -> None:
        """Set the status of several pages in one transaction (all of them, or none)."""
        for status in statuses.values():
            self._check_status(status)
        with self.writing():
            for page_id, status in statuses.items():
                self.set_status(page_id, status)

    def page_status(self, page_id: int) -> Status:
        return Status(self._page_row(page_id, "status")["status"])

    def list_pages(self, status: str | None = None) -> list[PageRow]:
        """Every page (each version is its own row), by name then version."""
        where, params = ("where status = ?", [status]) if status else ("", [])
        cur = self.db.conn.execute(
            "select id, name, status, item_count, imported, edited, version from pages "
            f"{where} order by name, version, id", params)
        return [PageRow.of(r) for r in cur]

    def list_page_ids(self, status: str | None = None) -> list[int]:
        """The ids of `list_pages`, in the same order: all a lazy page list needs up front."""
        where, params = ("where status = ?", [status]) if status else ("", [])
        cur = self.db.conn.execute(f"select id from pages {where} order by name, version, id", params)
        return [r[0] for r in cur]

    def page_rows(self, page_ids: Sequence[int]) -> list[PageRow]:
        """The `PageRow`s of these pages, in the order given (ids not in the project are left out)."""
        found: dict[int, PageRow] = {}
        for first in range(0, len(page_ids), 500):  # under SQLite's limit of bound parameters
            chunk = list(page_ids[first:first + 500])
            marks = ", ".join("?" * len(chunk))
            cur = self.db.conn.execute(
                "select id, name, status, item_count, imported, edited, version from pages "
                f"where id in ({marks})", chunk)
            found.update((r[0], PageRow.of(r)) for r in cur)
        return [found[i] for i in page_ids if i in found]

    def next_page_to_review(self, after_page_id: int | None = None) -> int | None:
        """The next page not marked done, in list order after `after_page_id` (wrapping round)."""
        if after_page_id is not None:
            key = self._page_row(after_page_id, "name, version, id")
            rows = list(self.db.query(
                "select id from pages where status != ? and (name, version, id) > (?, ?, ?) "
                "order by name, version, id limit 1", [Status.DONE, key["name"], key["version"], key["id"]]))
            if rows:
                return int(rows[0]["id"])
        rows = list(self.db.query(
            "select id from pages where status != ? and id != ? order by name, version, id limit 1",
            [Status.DONE, after_page_id if after_page_id is not None else -1]))
        return int(rows[0]["id"]) if rows else None

    # --- journal of unsaved edits -------------------------------------------------------------------
    def journal_write(self, page_id: int, page: Page) -> None:
        """Keep the unsaved page model so that it survives a crash (one small atomic write)."""
        model_json = page_to_json(page, with_text=False)
        with self.writing():
            self.db.execute("insert or replace into journal (page_id, time, model) values (?, ?, ?)",
                            [page_id, now(), model_json])

    def journal_pending(self) -> list[tuple[int, Page]]:
        return [(r["page_id"], page_from_json(r["model"], unpack_text(r["text"]))) for r in self.db.query(
            "select journal.page_id, journal.model, pages.text from journal "
            "join pages on pages.id = journal.page_id order by journal.time, journal.page_id")]

    def journal_clear(self, page_id: int) -> None:
        with self.writing():
            self.db.execute("delete from journal where page_id = ?", [page_id])

    # --- state -----------------------------------------------------------------------------------
    def get_state(self, key: str, default: Any = None) -> Any:
        rows = list(self.db.query("select value from state where key = ?", [key]))
        return json.loads(rows[0]["value"]) if rows else default

    def set_state(self, key: str, value: Any) -> None:
        with self.writing():
            self.db.execute("insert or replace into state (key, value) values (?, ?)",
                            [key, json.dumps(value, ensure_ascii=False)])

    # --- search, tags, export --------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Items whose title or text holds `query` (every space-separated word of it), best first."""
        return _search.search(self.db, query, limit)

    def all_tags(self) -> list[str]:
        """Every tag in the project, most used first."""
        return [r["tag"] for r in self.db.query(
            "select tag, count(*) as n from tags group by tag order by n desc, tag")]

    def iter_records(self, status: str | None = None, kind: _records.Kinds = None, tag: str | None = None,
                     name_like: str | None = None, with_source: bool = False,
                     whole_pages: bool = False) -> Iterator[dict[str, Any]]:
        """Export records (see app/store/records.py), filtered; `kind` one kind or several (None: every
        kind); `name_like` is a glob on the page name."""
        if status is not None:
            self._check_status(status)
        return _records.iter_records(self.db, status=status, kind=kind, tag=tag, name_glob=name_like,
                                     with_source=with_source, whole_pages=whole_pages)

    def count_records(self, status: str | None = None, kind: _records.Kinds = None, tag: str | None = None,
                      name_like: str | None = None) -> int:
        return _records.count_records(self.db, status=status, kind=kind, tag=tag, name_glob=name_like)

    def count_pages(self, status: str | None = None, kind: _records.Kinds = None, tag: str | None = None,
                    name_like: str | None = None) -> tuple[int, int]:
        """(pages selected by `status` and `name_like`, those of them holding a record all filters select)."""
        return _records.count_pages(self.db, status=status, kind=kind, tag=tag, name_glob=name_like)

    def done_pages(self) -> Iterator[tuple[int, Page, Page]]:
        """(page_id, automatic split, editor's page) for every page marked done (the quality report)."""
        for r in self.db.query("select id from pages where status = ? order by name, version, id", [Status.DONE]):
            yield r["id"], self.load_auto_page(r["id"]), self.load_page(r["id"])

    # --- the project's own split model (app/store/splitmodels.py) ----------------------------------
    def add_split_model(self, model: bytes, pages: list[dict[str, Any]], scores: dict[str, Any],
                        used: bool) -> int:
        """Store a training: the model file's bytes, the pages it learnt from, its held-out scores, and
        whether splits use it from now on (then it is the project's model)."""
        with self.writing():
            return _models.add(self.db, model, now(), pages, scores, used)

    def split_models(self) -> list[_models.ModelRow]:
        """Every training of the project, newest first (no model bytes)."""
        return _models.rows(self.db)

    def split_model(self) -> tuple[_models.ModelRow, bytes] | None:
        """The project's model in use and its bytes; None: splits use Newsdesk's own."""
        return _models.in_use(self.db)

    def stop_using_split_model(self) -> int:
        """Go back to Newsdesk's own split for this project (the trainings stay on record)."""
        with self.writing():
            return _models.stop_using(self.db)

    def training_pages(self) -> Iterator[tuple[dict[str, Any], Page]]:
        """The pages marked done, as ({"id", "name", "version"}, the editor's page), in list order."""
        for r in list(self.db.query(
                "select id, name, version from pages where status = 'done' order by name, version, id")):
            yield {"id": r["id"], "name": r["name"], "version": r["version"]}, self.load_page(r["id"])

    # --- re-split (app/store/resplit.py) -----------------------------------------------------------------
    def pages_to_resplit(self) -> list[int]:
        """The pages not marked done, in list order."""
        return [r[0] for r in self.db.conn.execute(
            "select id from pages where status != 'done' order by name, version, id")]

    def load_for_resplit(self, page_id: int) -> tuple[Page, Page, str]:
        """(automatic split, editor's page, a stamp of the editor's page as stored) for `replace_split`."""
        row = self._page_row(page_id, "model")
        return self.load_auto_page(page_id), self.load_page(page_id), unpack_model(row["model"])

    def replace_split(self, page_id: int, auto: Page, page: Page, stamp: str, summary: str) -> bool:
        """Store a new automatic split of a page and the editor's page made from it, in one transaction,
        unless the page was saved since `stamp` was read, is marked done, or has unsaved edits in the
        journal (then nothing is written and False is returned). The status stays as it is."""
        auto_json = page_to_json(auto, with_text=False)
        model_json = page_to_json(page, with_text=False)
        records = item_records(page)
        with self.writing():
            row = self._page_row(page_id, "text, model, status")
            journal = self.db.execute("select count(*) from journal where page_id = ?", [page_id]).fetchone()[0]
            if (unpack_model(row["model"]) != stamp or row["status"] == "done" or unpack_text(row["text"]) != page.text
                    or journal):
                return False
            self.db.execute("update pages set model = ?, summary = ? where id = ?",
                            [*pack_model_and_summary(model_json), page_id])
            self.db.execute("update page_auto set model = ? where page_id = ?",
                            [None if auto_json == model_json else pack_model(auto_json), page_id])
            self._write_items(page_id, records, page)
            self.db["edits"].insert({"page_id": page_id, "time": now(), "summary": summary,
                                     "status": row["status"]})
        return True
