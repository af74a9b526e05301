"""Starting the desktop app: `run(args)` opens the project and the window as the command line asks (the
`newsdesk` command reads it with click, app/cli.py):

    newsdesk                          the default project (on first run it imports sample_data/)
    newsdesk open PROJECT.db          another project file
    newsdesk PAGE.txt|FOLDER ...      import into the current project and open the first page
    newsdesk --screenshot OUT.png [PAGE]   render the window (1400x900, page open, first item) and exit

NEWSDESK_PROJECT=path overrides the default project (tests point it into a temporary folder).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication

from .. import SAMPLE_DATA
from ..core.errors import NewsdeskError
from .i18n import set_language, system_language
from .session import first_article


@dataclass
class Args:
    """What the app is asked to do; `newsdesk` (app/cli.py) reads them from the command line."""

    project: str | None = None
    paths: list[str] = field(default_factory=list)
    screenshot: str | None = None


def parse_args(argv: list[str]) -> Args:
    """The app's arguments in `argv` as the `newsdesk` command reads them; raises ValueError with a
    one-line message."""
    from ..cli import app_args

    return app_args(argv)


def default_project() -> str:
    """NEWSDESK_PROJECT, or newsdesk.db in the user's data folder."""
    env = os.environ.get("NEWSDESK_PROJECT")
    if env:
        return env
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "newsdesk.db")


def application() -> QApplication:
    instance = QApplication.instance()
    if instance is None:
        QCoreApplication.setOrganizationName("Newsdesk")
        QCoreApplication.setApplicationName("Newsdesk")
        instance = QApplication(["newsdesk"])
    assert isinstance(instance, QApplication)
    return instance


def launch(argv: list[str] | Args, show: bool = True):  # -> MainWindow
    """Open the project and the window as `argv` (the app's command line, or its `Args`) asks (no event
    loop). Raises NewsdeskError/ValueError."""
    from ..store.db import Store
    from .main_window import MainWindow

    args = argv if isinstance(argv, Args) else parse_args(argv)
    application()
    path = args.project or default_project()
    first_run = not args.project and not Path(path).exists()
    store = Store(path, check=False)  # recognised now; its quick_check runs once the window is up
    set_language(store.get_state("language") or system_language())
    window = MainWindow(store)
    window.restore_journal()
    imports = list(args.paths)
    if first_run and SAMPLE_DATA.is_dir():
        imports.insert(0, str(SAMPLE_DATA))
    if args.screenshot:
        samples = [p for p in imports if p not in args.paths]
        _import_now(window, samples)
        chosen = _import_now(window, args.paths)
        if chosen:
            window.open_page(chosen[0])
        else:
            window.open_last()
    else:
        window.restore_layout()
        window.open_last(say_empty=not imports)  # no "no pages yet" while the first pages come in
        if imports:
            window.import_paths(imports, open_first=bool(args.paths) or window.doc is None)
        window.warm_up_tags()
        window.project.check_project()
    if show:
        window.show()
    return window


def _import_now(window, paths: list[str]) -> list[int]:  # noqa: ANN001
    """Import at once (for --screenshot, which must not wait for the event loop); returns page ids."""
    from ..store.importer import import_paths

    if not paths:
        return []
    report = import_paths(window.store, paths, jobs=1)
    if report.bad:
        raise NewsdeskError("; ".join(reason for _, reason in report.bad))
    window.pages.refresh()
    return report.page_ids


SCREENSHOT_SIZE = (1400, 900)


def screenshot(window, out: str, size: tuple[int, int] = SCREENSHOT_SIZE,  # noqa: ANN001
               item_id: int | None = None) -> None:
    """Render the window at `size` with `item_id` (default: the page's first article) selected, to a PNG."""
    from ..core.tags import warm_up

    warm_up()
    window.tags_ready = window.panel.tags_ready = True
    window.resize(*size)
    window.notice.hide()
    window.statusBar().clearMessage()
    if window.doc is not None:
        window.select_item(item_id if window.session.has(item_id) else first_article(window.doc.item_kinds()))
    app = application()
    for _ in range(5):
        app.processEvents()
    if not window.grab().save(out):
        raise NewsdeskError(f"{out}: cannot write the screenshot (PNG)")


def run(args: Args) -> int:
    """The app's entry point (`newsdesk`, after click read the command line); returns the exit code."""
    app = application()
    try:
        window = launch(args)
        if args.screenshot:
            screenshot(window, args.screenshot)
            window.store.close()
            return 0
    except NewsdeskError as e:
        print(f"newsdesk: {e}", file=sys.stderr)
        return 1
    code = app.exec()
    window.store.close()
    return int(code)
