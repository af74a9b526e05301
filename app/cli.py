"""The `newsdesk` command: the app with no arguments, and headless `split`, `import`, `export`, `report`.

Data goes to stdout, messages to stderr; a user error is one line naming the file and the problem.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import click

from .core.errors import BadInput, NewsdeskError, StoreError
from .core.record import TEXT_FIELDS, ItemRecord
from .core.status import Status

if TYPE_CHECKING:
    from .core.loading import PageFile


def _fail_line(message: str) -> None:
    click.echo(f"newsdesk: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsdesk")
def cli() -> None:
    """Newsdesk: split digitized Chinese newspaper pages into a reviewed article corpus.

    Run `newsdesk` with no arguments to open the app on the default project.
    """


def _split_one(page: PageFile) -> tuple[str, list[ItemRecord] | None, str | None]:
    """Load and split one page; returns (path, records, error message)."""
    from .core.loading import load_page
    from .core.metadata import item_records
    from .core.splitter import split_page

    try:
        return page.path, [rec for _, rec in item_records(split_page(load_page(page)))], None
    except BadInput as e:
        return page.path, None, str(e)
    except Exception as e:  # a page the splitter cannot handle must not stop the others
        return page.path, None, f"{page.path}: could not be split ({type(e).__name__}: {e})"


def split_records(paths: Iterable[str], jobs: int = 0) -> Iterator[tuple[str, list[ItemRecord] | None, str | None]]:
    """Split pages in order; large batches use a process pool (jieba loads once per process)."""
    from .core.batch import map_pages
    from .core.loading import find_pages

    yield from map_pages(_split_one, find_pages(paths), jobs)


@cli.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path())
@click.option("--pretty", is_flag=True, help="A readable view for a person instead of JSONL.")
@click.option("--jobs", type=int, default=0, help="Worker processes (default: 2 for large batches).")
def split(pages: tuple[str, ...], pretty: bool, jobs: int) -> None:
    """Split page texts into items and print one JSON record per item and furniture block.

    Example: newsdesk split sample_data/*.txt > items.jsonl
    """
    failed = 0
    out = sys.stdout
    for _path, records, error in split_records(pages, jobs):
        if error:
            failed += 1
            _fail_line(error)
            continue
        for rec in records or []:
            if pretty:
                out.write(_pretty(rec))
            else:
                out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
    out.flush()
    if failed:
        _fail_line(f"{failed} page(s) could not be split")
        sys.exit(1)


def _pretty(rec: ItemRecord) -> str:
    lines = [f"── {rec.page} #{rec.index} [{rec.kind}]"]
    for key in TEXT_FIELDS:
        if getattr(rec, key):
            lines.append(f"  {key:9}{getattr(rec, key)}")
    if rec.authors:
        lines.append("  authors  " + "，".join(f"{a.role} {a.name}" for a in rec.authors))
    lines += [f"  subhead  {s}" for s in rec.subheads]
    lines += [f"    {p}" for p in rec.body]
    lines += [f"  caption  {c}" for c in rec.captions]
    if rec.tags:
        lines.append("  tags     " + " ".join(rec.tags))
    return "\n".join(lines) + "\n\n"


# --- the corpus: import, export, report, search (app/store) ----------------------------------------
@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Library errors become one line on stderr (`newsdesk: FILE: problem`) and exit status 1, never a
    traceback."""
    try:
        yield
    except NewsdeskError as e:
        _fail_line(str(e))
        sys.exit(1)


def _open_store(db_path: str, must_exist: bool = True):
    from .store.db import Store

    if must_exist and not os.path.exists(db_path):
        raise StoreError(f"{db_path}: no such project file")
    return Store(db_path)


db_option = click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False),
                         help="The project file (SQLite).")


@cli.command(name="import")
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@click.option("--from-export", "from_export", type=click.Path(dir_okay=False),
              help="A JSONL file written by `newsdesk export` to rebuild a project from.")
@click.option("--jobs", type=int, default=0, help="Worker processes (default: all cores for large batches).")
def import_(paths: tuple[str, ...], db_path: str, from_export: str | None, jobs: int) -> None:
    """Split page files and folders (recursively, *.txt) and store them in a project.

    Re-importing an unchanged page does nothing; a changed page becomes a new version beside the old one.
    Bad files are listed at the end; the exit status is 1 if there were any.

    Example: newsdesk import sample_data/ --db project.db

    Example: newsdesk import --from-export corpus.jsonl --db copy.db
    """
    from .core.loading import find_pages
    from .store.importer import check_export_file, import_export, import_paths

    if bool(paths) == bool(from_export):
        raise click.UsageError("give page files/folders, or --from-export FILE (not both)")
    with _user_errors():
        size = check_export_file(from_export) if from_export else 0  # said before a project is made
    with _user_errors(), _open_store(db_path, must_exist=False) as store:
        if from_export:
            with click.progressbar(length=size, label="importing", file=sys.stderr) as bar:
                report = import_export(store, from_export, bar.update)
        else:
            todo = find_pages(paths)
            with click.progressbar(length=len(todo), label="importing", file=sys.stderr) as bar:
                report = import_paths(store, paths, jobs, bar.update, page_paths=todo)
    for _, reason in report.bad:
        _fail_line(reason)
    click.echo(f"{db_path}: {report.summary}", err=True)
    if report.bad:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "txt", "parquet"]), default="jsonl",
              show_default=True, help="jsonl/csv: a file or - for stdout; txt: a folder; parquet: a file.")
@click.option("--out", required=True, type=click.Path(), help="Where to write (see --format).")
@click.option("--status", type=click.Choice([s.value for s in Status]), help="Only pages with this status.")
@click.option("--kind", help="Only items of this kind (news, feature, notice, ad, furniture).")
@click.option("--tag", help="Only items with this tag.")
@click.option("--page", "page_glob", help="Only pages whose file name matches this glob, e.g. '2024*'.")
def export(db_path: str, fmt: str, out: str, status: str | None, kind: str | None, tag: str | None,
           page_glob: str | None) -> None:
    """Write the project's items as a corpus: one record per item.

    JSONL records are those of `newsdesk split` plus page_id, item_id, version, status, edited and
    schema_version; the first record of each page also holds `page_source` (text and page models), so
    the file imports back with `newsdesk import --from-export`.

    Example: newsdesk export --db project.db --format jsonl --status done --out corpus.jsonl
    """
    from .core.safefiles import refuse_protected
    from .store.db import project_files

    filters = {"status": status, "kind": kind, "tag": tag, "name_like": page_glob}
    with _user_errors():
        refuse_protected(out, project_files(db_path))  # before the project is even opened
        with _open_store(db_path) as store, contextlib.ExitStack() as stack:
            bars: list = []

            def started(total: int) -> None:
                bars.append(stack.enter_context(
                    click.progressbar(length=total, label="exporting", file=sys.stderr)))

            n = store.export(fmt, out, lambda k: bars[0].update(k), started, **filters)
    click.echo(f"{out}: {n} item(s) written", err=True)


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of a readable report.")
def report(db_path: str, as_json: bool) -> None:
    """For the pages marked done: how far the automatic split was from the editor's result.

    Example: newsdesk report --db project.db
    """
    from .core.evaluation import format_report, quality_report

    with _user_errors(), _open_store(db_path) as store:
        result = quality_report(store.done_pages())
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        click.echo(format_report(result))


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", type=int, default=50, show_default=True)
def search(query: str, db_path: str, limit: int) -> None:
    """Find items whose title or text holds QUERY (every space-separated word of it).

    Example: newsdesk search 荆州中医 --db project.db
    """
    with _user_errors(), _open_store(db_path) as store:
        hits = store.search(query, limit)
    for h in hits:
        item = "-" if h.item_id is None else h.item_id
        click.echo(f"{h.page_name} #{item} (page {h.page_id})  {h.title}\n    {h.snippet}")
    if not hits:
        click.echo(f"no item holds {query!r}", err=True)


def _run_app(argv: list[str]) -> int:
    """Open the desktop app: `newsdesk`, `newsdesk open P.db`, `newsdesk PAGE|FOLDER ...`, `--screenshot`."""
    try:
        from .ui.app import run
    except ImportError as e:  # the UI is not installed or Qt cannot load
        _fail_line(f"the app cannot start: {e}")
        return 1
    return run(argv)


COMMANDS_WITHOUT_APP = {"split", "import", "export", "report", "search", "--help", "-h", "--version"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS_WITHOUT_APP and argv[0] not in cli.commands):
        sys.exit(_run_app(argv))
    try:
        cli.main(args=argv, prog_name="newsdesk", standalone_mode=True)
    except NewsdeskError as e:
        _fail_line(str(e))
        sys.exit(1)


if __name__ == "__main__":
    main()
