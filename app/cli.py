"""The `newsdesk` command (click): the desktop app, and the headless `split`, `import`, `export`, `search`,
`report`, `train` and `resplit`.

`newsdesk` alone, `newsdesk PAGE|FOLDER...` and `newsdesk open PROJECT.db` open the app (`--screenshot`
renders it to a PNG instead, on the offscreen platform when there is no display); a first word that is not
a command but names a file or folder is a page to import (`NewsdeskGroup.resolve_command`). Data goes to
stdout, messages to stderr; a user error is one line naming the file and the problem.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import click

from .core.errors import BadInput, NewsdeskError, StoreError
from .core.page import Kind
from .core.record import TEXT_FIELDS, ItemRecord
from .core.status import Status

if TYPE_CHECKING:
    from .core.loading import PageFile
    from .ui.app import Args


MAX_JOBS = 256  # worker processes: far more than any machine has cores
MAX_HITS = 100_000  # search results one command prints
JOBS = click.IntRange(0, MAX_JOBS)


def _fail_line(message: str) -> None:
    click.echo(f"newsdesk: {message}", err=True)


# --- the app: `newsdesk [PAGE|FOLDER...]`, `newsdesk open PROJECT.db`, --screenshot -------------------
screenshot_option = click.option(
    "--screenshot", metavar="OUT.png", type=click.Path(dir_okay=False),
    help="Render the window (1400x900, the page open, its first article selected) to a PNG and exit; "
         "needs no display.")
OPEN_PAGES = "open pages"  # the app command a first word that names a file or folder goes to


class NewsdeskGroup(click.Group):
    """The commands; a first word that is not one of them but names a file or folder opens the app on it."""

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        word = args[0]
        if word not in self.commands and not word.startswith("-") and _looks_like_a_path(word):
            return OPEN_PAGES, open_pages, args
        return super().resolve_command(ctx, args)


def _looks_like_a_path(word: str) -> bool:
    """A page or folder to import, not a mistyped command (`newsdesk splti` says there is no such command)."""
    return os.path.exists(word) or os.sep in word or "." in word


@click.group(cls=NewsdeskGroup, invoke_without_command=True,
             subcommand_metavar="[PAGE.txt|FOLDER]... | COMMAND [ARGS]...",
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsdesk")
@screenshot_option
@click.pass_context
def cli(ctx: click.Context, screenshot: str | None) -> None:
    """Newsdesk: split digitized Chinese newspaper pages into a reviewed article corpus.

    \b
    newsdesk                       open the app on the default project
    newsdesk PAGE.txt|FOLDER ...   import pages into it and open the first one
    newsdesk open PROJECT.db       open another project (newsdesk open --help)
    newsdesk --screenshot OUT.png [PAGE.txt]
                                   render the window to a PNG and exit

    Each command has its own --help; all but open run headless.
    """
    if screenshot and ctx.invoked_subcommand not in (None, "open", OPEN_PAGES):
        raise click.UsageError(f"--screenshot goes with the app, not with {ctx.invoked_subcommand}")
    ctx.meta["screenshot"] = screenshot
    if ctx.invoked_subcommand is None:
        _open_app(ctx, None, (), screenshot)


@click.command(name=OPEN_PAGES, hidden=True)
@click.argument("pages", nargs=-1, type=click.Path())
@screenshot_option
@click.pass_context
def open_pages(ctx: click.Context, pages: tuple[str, ...], screenshot: str | None) -> None:
    """Import PAGES (files or folders) into the default project and open the app on the first."""
    _open_app(ctx, None, pages, screenshot)


@cli.command(name="open")
@click.argument("project", metavar="PROJECT.db", type=click.Path(dir_okay=False))
@click.argument("pages", metavar="[PAGE.txt|FOLDER]...", nargs=-1, type=click.Path())
@screenshot_option
@click.pass_context
def open_(ctx: click.Context, project: str, pages: tuple[str, ...], screenshot: str | None) -> None:
    """Open the app on PROJECT.db (a new project if the file does not exist), importing any pages given
    and opening the first of them.

    Example: newsdesk open project.db

    Example: newsdesk open project.db scans/page7.txt --screenshot review.png
    """
    _open_app(ctx, project, pages, screenshot)


def _open_app(ctx: click.Context, project: str | None, pages: tuple[str, ...], screenshot: str | None) -> None:
    screenshot = screenshot or ctx.find_root().meta.get("screenshot")
    if screenshot and len(pages) > 1:
        raise click.UsageError("--screenshot takes one page")
    try:
        from .ui.app import Args
    except ImportError as e:  # the UI is not installed or Qt cannot load
        _fail_line(f"the app cannot start: {e}")
        sys.exit(1)
    args = Args(project=project, paths=list(pages), screenshot=screenshot)
    captured = ctx.find_root().obj
    if isinstance(captured, list):  # app_args: read the arguments, run nothing
        captured.append(args)
        return
    if not has_display(args):
        _fail_line("no display to open the window on (DISPLAY is not set); the headless commands "
                   "(newsdesk --help) and --screenshot work without one")
        sys.exit(1)
    from .ui.app import run

    sys.exit(run(args))


def has_display(args: Args) -> bool:
    """Whether Qt has a screen to draw on. Without one, a --screenshot is drawn on Qt's offscreen platform
    (QT_QPA_PLATFORM is set for this process) and a window cannot open."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return True
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return True
    return False


def app_args(argv: list[str]) -> Args:
    """The app's arguments in `argv`, read by the `newsdesk` command itself without running anything;
    raises ValueError with click's one-line message for arguments it refuses."""
    captured: list[Args] = []
    try:
        cli.main(args=list(argv), prog_name="newsdesk", standalone_mode=False, obj=captured)
    except click.ClickException as e:
        raise ValueError(e.format_message()) from None
    if not captured:
        raise ValueError(f"not the app's arguments: {' '.join(argv)}")
    return captured[0]


def _split_one(page: PageFile, model_file: str | None = None) -> tuple[str, list[ItemRecord] | None, str | None]:
    """Load and split one page (with the model in `model_file`, if given); returns (path, records, error)."""
    from .core.loading import load_page
    from .core.metadata import item_records
    from .core.projectmodel import worker_model
    from .core.splitter import split_page

    try:
        split = split_page(load_page(page), model=worker_model(model_file))
        return page.path, [rec for _, rec in item_records(split)], None
    except BadInput as e:
        return page.path, None, str(e)
    except Exception as e:  # a page the splitter cannot handle must not stop the others
        return page.path, None, f"{page.path}: could not be split ({type(e).__name__}: {e})"


def split_records(paths: Iterable[str], jobs: int = 0,
                  model_file: str | None = None) -> Iterator[tuple[str, list[ItemRecord] | None, str | None]]:
    """Split pages in order; large batches use a process pool (jieba and the model load once per process)."""
    from functools import partial

    from .core.batch import map_pages
    from .core.loading import find_pages

    func = partial(_split_one, model_file=model_file) if model_file else _split_one
    yield from map_pages(func, find_pages(paths), jobs)


model_option = click.option("--model", "model_path", type=click.Path(dir_okay=False),
                            help="A split model file (`newsdesk train --out`) to split with.")


@cli.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path())
@click.option("--pretty", is_flag=True, help="A readable view for a person instead of JSONL.")
@click.option("--jobs", type=JOBS, default=0, help="Worker processes (default: 2 for large batches).")
@model_option
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help="Split with this project's own model (`newsdesk train --db`), if it has one.")
def split(pages: tuple[str, ...], pretty: bool, jobs: int, model_path: str | None, db_path: str | None) -> None:
    """Split page texts into items and print one JSON record per item and furniture block.

    With --model (or --db, a project that learnt its own model) the split uses that model; a model that
    cannot be used is said in one line and the shipped model is used instead.

    Example: newsdesk split sample_data/*.txt > items.jsonl

    Example: newsdesk split --model paper.model scans/*.txt > items.jsonl
    """
    from .store.learning import model_file, usable_model

    if model_path and db_path:
        raise click.UsageError("give --model or --db, not both")
    with _user_errors(), contextlib.ExitStack() as stack:
        store = stack.enter_context(_open_store(db_path)) if db_path else None
        model = usable_model(model_path, store, _fail_line)
        path_of_model = stack.enter_context(model_file(model))
        _print_split(pages, pretty, jobs, path_of_model)


def _print_split(pages: tuple[str, ...], pretty: bool, jobs: int, path_of_model: str | None) -> None:
    failed = 0
    out = sys.stdout
    for _path, records, error in split_records(pages, jobs, path_of_model):
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
    lines = [f"── {rec.page} #{rec.index + 1} [{rec.kind}]"]  # people count from 1 (the JSONL index from 0)
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


def _import_split_shards(paths: tuple[str, ...], db_path: str) -> None:
    """`import --from-split`: store the pages of split shards (app/store/shards.py)."""
    from .store.shards import import_shards, shard_files

    shards = shard_files(paths)
    with _user_errors(), _open_store(db_path, must_exist=False) as store:
        with click.progressbar(length=len(shards), label="importing", file=sys.stderr) as bar:
            report = import_shards(store, shards, bar.update)
    for _, reason in report.bad:
        _fail_line(reason)
    click.echo(f"{db_path}: {report.summary}", err=True)
    if report.bad:
        sys.exit(1)


@cli.command(name="import")
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@click.option("--from-export", "from_export", type=click.Path(dir_okay=False),
              help="A JSONL file written by `newsdesk export` to rebuild a project from.")
@click.option("--from-split", "from_split", is_flag=True,
              help="PATHS are split shards (JSONL files or folders of them, from a split on many machines: "
                   "examples/dask_split.py); their pages are stored as split, not split again.")
@click.option("--jobs", type=JOBS, default=0, help="Worker processes (default: all cores for large batches).")
@model_option
def import_(paths: tuple[str, ...], db_path: str, from_export: str | None, jobs: int,
            model_path: str | None, from_split: bool = False) -> None:
    """Split page files and folders (recursively, *.txt) and store them in a project.

    Re-importing an unchanged page does nothing; a changed page becomes a new version beside the old one.
    Bad files are listed at the end; the exit status is 1 if there were any. Pages are split with --model
    if given, else with the project's own model (`newsdesk train --db`) if it has one.

    Example: newsdesk import sample_data/ --db project.db

    Example: newsdesk import --from-export corpus.jsonl --db copy.db

    Example: newsdesk import --from-split shards/ --db project.db
    """
    from .core.loading import find_pages
    from .store.importer import check_export_file, import_export, import_paths

    if bool(paths) == bool(from_export):
        raise click.UsageError("give page files/folders, or --from-export FILE (not both)")
    if from_split:
        _import_split_shards(paths, db_path)
        return
    with _user_errors():
        size = check_export_file(from_export) if from_export else 0  # said before a project is made
    with _user_errors(), _open_store(db_path, must_exist=False) as store:
        if from_export:
            with click.progressbar(length=size, label="importing", file=sys.stderr) as bar:
                report = import_export(store, from_export, bar.update)
        else:
            todo = find_pages(paths)
            with click.progressbar(length=len(todo), label="importing", file=sys.stderr) as bar:
                report = import_paths(store, paths, jobs, bar.update, page_paths=todo, model_path=model_path)
    for note in report.notes:
        _fail_line(note)
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
@click.option("--kind", "kinds", multiple=True, type=click.Choice([k.value for k in Kind]),
              help="Only items of this kind (repeat for several). Default: news, feature, notice and ad.")
@click.option("--all", "all_kinds", is_flag=True, help="Items of every kind, page furniture too.")
@click.option("--tag", help="Only items with this tag.")
@click.option("--page", "page_glob", help="Only pages whose file name matches this glob, e.g. '2024*'.")
def export(db_path: str, fmt: str, out: str, status: str | None, kinds: tuple[str, ...], all_kinds: bool,
           tag: str | None, page_glob: str | None) -> None:
    """Write the project's items as a corpus: one record per item.

    The corpus holds articles, notices and ads; page furniture (banners, dates, editor credits) only
    with --kind furniture or --all. JSONL records are those of `newsdesk split` plus page_id, item_id,
    version, status, edited and schema_version; the first record of each page also holds `page_source`
    (text and page models), so the file imports back with `newsdesk import --from-export`: without --kind
    or --tag every page --status and --page select travels whole, a page of furniture only too. CSV is
    UTF-8 with a byte order mark (Excel reads it), authors and tags readable (张三（记者）；…) and as
    JSON in authors_json and tags_json. An export that writes nothing says which filter left everything out.

    Example: newsdesk export --db project.db --format jsonl --status done --out corpus.jsonl

    Example: newsdesk export --db project.db --format csv --kind news --kind feature --out articles.csv
    """
    from .core.export import CORPUS_KINDS
    from .core.safefiles import refuse_protected
    from .store.db import project_files

    if all_kinds and kinds:
        raise click.UsageError("give --kind or --all, not both")
    chosen = list(kinds) if kinds else None if all_kinds else [str(k) for k in CORPUS_KINDS]
    filters = {"status": status, "kind": chosen, "tag": tag, "name_like": page_glob}
    whole_pages = not (kinds or tag)  # the whole corpus of the pages chosen: their pages travel whole
    with _user_errors():
        refuse_protected(out, project_files(db_path))  # before the project is even opened
        with _open_store(db_path) as store, contextlib.ExitStack() as stack:
            bars: list = []

            def started(total: int) -> None:
                bars.append(stack.enter_context(
                    click.progressbar(length=total, label="exporting", file=sys.stderr)))

            n = store.export(fmt, out, lambda k: bars[0].update(k), started, whole_pages=whole_pages, **filters)
            pages, with_items = store.count_pages(**filters)
            reason = "" if n else _why_empty(store, filters, bool(kinds))
    if not n:
        _fail_line(f"{out}: no item written: {reason}")
        return
    said = f"{out}: {n} item(s) written from {with_items} page(s)"
    others = pages - with_items
    if others and whole_pages and fmt == "jsonl":
        said += f"; {others} page(s) of furniture only travel whole in it (for import --from-export)"
    elif others and whole_pages:
        said += f"; {others} page(s) hold furniture only (--all exports it)"
    elif others:
        item_filters = {"kind": filters["kind"] if kinds else None, "tag": filters["tag"]}
        said += f"; {others} page(s) have no item matching {_shown_filters(item_filters, True, ' and ')}"
    click.echo(said, err=True)


def _shown_filters(filters: dict[str, Any], kinds_given: bool, joined: str = ", ") -> str:
    """The filters as the options that set them (the default kinds as what they leave out)."""
    shown = []
    for name, value in filters.items():
        if not value:
            continue
        if name == "kind":
            shown.append(" ".join(f"--kind {k}" for k in value) if kinds_given
                         else "the default kinds " + "|".join(value) + " (furniture needs --kind furniture or --all)")
        else:
            option = {"status": "--status", "tag": "--tag", "name_like": "--page"}[name]
            shown.append(f"{option} {value}")
    return joined.join(shown)


def _why_empty(store: Any, filters: dict[str, Any], kinds_given: bool) -> str:
    """Which of the export's filters left every item out, said with the options that set them."""
    from .core.export import empty_selection

    culprits = empty_selection(store.count_records, filters)
    if culprits is None:
        return "the project holds no pages"
    if culprits:
        return "no item matches " + _shown_filters({k: filters[k] for k in culprits}, kinds_given)
    return "no item matches " + _shown_filters(filters, kinds_given, " and ") + " together"


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of a readable report.")
def report(db_path: str, as_json: bool) -> None:
    """For the pages marked done: how far the automatic split was from the editor's result.

    Example: newsdesk report --db project.db
    """
    from .core.evaluation import format_report, quality_report
    from .store.learning import learning_of

    with _user_errors(), _open_store(db_path) as store:
        result = quality_report(store.done_pages())
        learning = learning_of(store)
        if learning is not None:
            result["learning"] = learning
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        click.echo(format_report(result))


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help="Learn from this project's pages marked done and store the model in it.")
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False), help="A folder of gold files (SPEC.md).")
@click.option("--pages", "pages_dir", type=click.Path(file_okay=False), help="The folder of their page texts.")
@click.option("--out", type=click.Path(dir_okay=False), help="Where to write the model (with --gold).")
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True,
              help="Cross-validation folds for the held-out scores.")
@click.option("--no-curve", is_flag=True, help="Skip the learning curve (fewer fits, a faster training).")
@click.option("--stop-using", is_flag=True, help="With --db: go back to Newsdesk's own split for the project.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def train(db_path: str | None, gold_dir: str | None, pages_dir: str | None, out: str | None, folds: int,
          no_curve: bool, stop_using: bool, as_json: bool) -> None:
    """Learn a paper's split from corrected pages, starting from the shipped model.

    With --db, the project's pages marked done are the truth (the editor's result); the model is stored in
    the project, and import, `split --db` and the app's re-split use it from then on if it splits pages it
    did not learn from better than Newsdesk's own split and the shipped model (if the shipped model does
    best, the project uses that). With --gold and --pages, gold files (../shared/gold/SPEC.md) are put onto
    their pages' lines and the better of the project's and the shipped model is written to --out. Either way
    the summary gives the split's quality before and after, cross-validated (never on pages a model was fit
    on), and the learning curve. The same pages give the same model, byte for byte.

    Example: newsdesk train --db project.db

    Example: newsdesk train --gold gold/ --pages pages/ --out paper.model
    """
    if bool(db_path) == bool(gold_dir):
        raise click.UsageError("give --db PROJECT.db, or --gold DIR --pages DIR --out MODEL")
    if gold_dir and not (pages_dir and out):
        raise click.UsageError("--gold needs --pages DIR and --out MODEL")
    if db_path and (pages_dir or out):
        raise click.UsageError("--pages and --out go with --gold, not --db")
    options = {"folds": folds, "curve": not no_curve}
    problems: list[str] = []
    with _user_errors(), contextlib.ExitStack() as stack:
        bars: list = []

        def total(n: int) -> None:
            bars.append(stack.enter_context(click.progressbar(length=n, label="learning", file=sys.stderr)))

        def step(n: int) -> None:
            bars[0].update(n)

        if db_path:
            store = stack.enter_context(_open_store(db_path))
            if stop_using:
                said = "splits with Newsdesk's own split again" if store.stop_using_split_model() \
                    else "no model was in use"
                click.echo(f"{db_path}: {said}", err=True)
                return
            from .store.learning import learn_project

            learnt, model_id = learn_project(store, step=step, total=total, **options)
            where = f"{db_path}: model {model_id} ({learnt.chosen}) " + ("in use" if learnt.better else "stored, not used")
        else:
            from .core.training import gold_examples, learn

            examples, problems = gold_examples(gold_dir or "", pages_dir or "")
            for line in problems:
                _fail_line(line)
            learnt = learn(examples, step=step, total=total, **options)
            (learnt.chosen_model or learnt.model).save(out or "")
            where = f"{out}: model written"
    _print_training(learnt, where, as_json)
    if problems:
        _fail_line(f"{len(problems)} gold file(s) could not be used")
        sys.exit(1)


def _print_training(learnt: Any, where: str, as_json: bool) -> None:
    from .core.training import format_summary

    if as_json:
        click.echo(json.dumps({"pages": learnt.pages, **learnt.scores()}, ensure_ascii=False))
    else:
        click.echo(format_summary(learnt))
    click.echo(where, err=True)


@cli.command()
@db_option
@model_option
def resplit(db_path: str, model_path: str | None) -> None:
    """Split the project's pages not marked done again, keeping the editor's work.

    The split uses --model if given, else the project's own model (`newsdesk train --db`), else Newsdesk's
    own split. A page's items made or changed by hand, text taken out of every item, and corrections stay
    as they are; pages marked done are never touched.

    Example: newsdesk resplit --db project.db
    """
    from .store.learning import resplit_todo, usable_model

    with _user_errors(), _open_store(db_path) as store:
        model = usable_model(model_path, store, _fail_line)
        todo = store.pages_to_resplit()
        with click.progressbar(length=len(todo), label="splitting", file=sys.stderr) as bar:
            report = resplit_todo(store, model, page_ids=todo, progress=bar.update)
    click.echo(f"{db_path}: {report.summary}", err=True)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query")
@db_option
@click.option("--limit", type=click.IntRange(1, MAX_HITS), default=50, show_default=True)
def search(query: str, db_path: str, limit: int) -> None:
    """Find items whose title or text holds QUERY (every space-separated word of it).

    A query may start with a dash: newsdesk search -5% --db project.db, or after --:
    newsdesk search --db project.db -- --note

    Example: newsdesk search 荆州中医 --db project.db
    """
    with _user_errors(), _open_store(db_path) as store:
        hits = store.search(query, limit)
    for h in hits:  # the item as people number it, as in the window and `split --pretty`
        click.echo(f"{h.page_name} #{h.index + 1} (page {h.page_id})  {h.title}\n    {h.snippet}")
    if not hits:
        click.echo(f"no item holds “{query}”", err=True)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        cli.main(args=argv, prog_name="newsdesk", standalone_mode=True)
    except NewsdeskError as e:
        _fail_line(str(e))
        sys.exit(1)


if __name__ == "__main__":
    main()
