"""The `newsdesk` command: the app with no arguments, and headless `split`, `import`, `export`, `report`.

Data goes to stdout, messages to stderr; a user error is one line naming the file and the problem.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator

import click

from .core.errors import BadInput, NewsdeskError


def _fail_line(message: str) -> None:
    click.echo(f"newsdesk: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsdesk")
def cli() -> None:
    """Newsdesk: split digitized Chinese newspaper pages into a reviewed article corpus.

    Run `newsdesk` with no arguments to open the app on the default project.
    """


def _split_one(path: str) -> tuple[str, list[dict] | None, str | None]:
    """Load and split one page; returns (path, records, error message)."""
    from .core.loading import load_page
    from .core.metadata import page_records
    from .core.splitter import split_page

    try:
        page = split_page(load_page(path))
        return path, page_records(page), None
    except BadInput as e:
        return path, None, str(e)


def split_records(paths: Iterable[str], jobs: int = 0) -> Iterator[tuple[str, list[dict] | None, str | None]]:
    """Split pages in order; large batches use a process pool (jieba loads once per process)."""
    from .core.loading import iter_page_paths

    paths = list(iter_page_paths(paths))
    workers = jobs or (min(2, os.cpu_count() or 1) if len(paths) >= 40 else 1)
    if workers <= 1:
        for p in paths:
            yield _split_one(p)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_split_one, paths, chunksize=8)


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
    for path, records, error in split_records(pages, jobs):
        if error:
            failed += 1
            _fail_line(error)
            continue
        for rec in records or []:
            if pretty:
                out.write(_pretty(rec))
            else:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out.flush()
    if failed:
        _fail_line(f"{failed} page(s) could not be split")
        sys.exit(1)


def _pretty(rec: dict) -> str:
    head = f"── {rec['page']} #{rec['index']} [{rec['kind']}]"
    lines = [head]
    for key in ("section", "kicker", "title", "subtitle"):
        if rec[key]:
            lines.append(f"  {key:9}{rec[key]}")
    if rec["authors"]:
        lines.append("  authors  " + "，".join(f"{a['role']} {a['name']}" for a in rec["authors"]))
    for s in rec["subheads"]:
        lines.append(f"  subhead  {s}")
    for p in rec["body"]:
        lines.append(f"    {p}")
    for c in rec["captions"]:
        lines.append(f"  caption  {c}")
    if rec["tags"]:
        lines.append("  tags     " + " ".join(rec["tags"]))
    return "\n".join(lines) + "\n\n"


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
