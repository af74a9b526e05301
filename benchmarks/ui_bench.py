"""How fast the review app opens a long page and selects an item on it, against a bare Qt text widget.

Builds two pages of about 20,000 characters by concatenating the seed pages, stores them in a temporary
project, opens the real main window (offscreen unless a display is set) and times opening a page and
selecting an item on it. An open shows the page in two turns of the event loop, as the app runs for a user:

- `open`, the first paint: from the call until the window has painted the page's text (the page's text and
  its stored summary read, the source's text, the tints of the lines in view, the current item outlined:
  `app/store/summary.py`), measured as the event loop
  runs: until the event that fills the panes beside the source comes, which Qt delivers after it has
  painted what the open changed (both are posted at low priority, the paint first);
- `complete`: from the call until every pane is filled and painted (the page model built from the store,
  the source's role gutter, the items list, the article view, the item editor's form, the status bar and
  the window title) and the lines out of view are tinted and laid out too (a few at a time on idle turns);
- `whole`: the old way, for comparison: every pane filled at once, then the whole window painted
  (`repaint()`: every widget, changed or not).

Selecting an item (outline, scroll, items list, article view, editor) is timed until the window is
painted as Qt paints it (the window's update request sent at once, then one turn of the event loop),
and with the whole window repainted. The floor, measured in the same run: a bare QPlainTextEdit of the
source view's size given the same text and painted. Targets: opening within 2x the floor and under 50 ms,
selecting under 15 ms. Before the timed runs, one open is watched: the report names the panes its first
paint painted and those painted once it is complete.

Each figure is a median of several runs in wall-clock time, and also in CPU time (`time.process_time()` of
this process): on a machine other processes keep busy, the CPU time is the work the app did, the wall
time that plus the waiting for a core. Last line: one JSON object.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_bench.py
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import SAMPLE_DATA  # noqa: E402
from app.core.loading import SourcePage  # noqa: E402
from app.core.splitter import split_page  # noqa: E402
from app.store.db import Store  # noqa: E402

TARGET_CHARS = 20_000
ROUNDS = 15


def long_text(shift: int) -> str:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE_DATA.glob("*.txt"))]
    seeds = seeds[shift:] + seeds[:shift]
    text = ""
    while len(text) < TARGET_CHARS:
        for seed in seeds:
            text += seed if text.endswith("\n") or not text else "\n" + seed
            if len(text) >= TARGET_CHARS:
                break
    cut = text.find("\n", TARGET_CHARS)
    return text[:cut + 1] if cut > 0 else text


PANES = {"source": "the source", "role_gutter": "its role gutter's marks", "items": "the items list",
         "article": "the article view", "title": "the editor's form",
         "status_counts": "the status bar"}  # object names of the panes an open shows


class PaintWatch:
    """Notes the paint events of the panes an open changes (`PANES`, by object name, and their viewports),
    those before the panes beside the source are filled (the first paint) and those after."""

    def __init__(self, beside: int) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: ANN001, ANN202, N802
                if event.type() == beside:
                    watch.phase = watch.later
                elif event.type() == QEvent.Type.Paint:
                    name = obj.objectName()
                    if name == "qt_scrollarea_viewport":  # a view's text or rows: named by their view
                        name = obj.parent().objectName()
                    elif name == "role_gutter" and obj.waiting:
                        name = ""  # painted blank: its marks are still to come
                    if name in PANES:
                        watch.phase.add(name)
                return False

        watch = self
        self.first: set[str] = set()
        self.later: set[str] = set()
        self.phase = self.first
        self.filter = Filter()


class FirstPaint:
    """The wall and CPU time at which the event that fills the panes beside the source reaches the session:
    by then Qt has painted what the open changed (its paint request was posted first)."""

    def __init__(self, beside: int) -> None:
        from PySide6.QtCore import QObject

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: ANN001, ANN202, N802
                if event.type() == beside and mark.at is None:
                    mark.at = (time.perf_counter(), time.process_time())
                return False

        mark = self
        self.at: tuple[float, float] | None = None
        self.filter = Filter()


def main() -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from app.ui.app import application
    from app.ui.main_window import MainWindow

    folder = tempfile.mkdtemp(prefix="newsdesk-bench-")
    store = Store(Path(folder) / "bench.db")
    ids = []
    for shift in (0, 1):
        text = long_text(shift)
        source = SourcePage(f"long_{shift}.txt", text, "utf-8")
        ids.append(store.import_source(source, split_page(source))[0])
    app = application()
    window = MainWindow(store)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    window.open_page(ids[0])
    QApplication.processEvents()

    from PySide6.QtWidgets import QPlainTextEdit

    from app.ui import tasks
    from app.ui.changes_view import diff_pages
    from app.ui.session import BESIDE_EVENT

    bare = QPlainTextEdit()  # the floor: Qt's own widget, the same text, the same size, painted
    bare.setFont(window.source.font())
    bare.resize(window.source.size())
    bare.show()
    texts = [store.load_page(i).text.replace("\r\n", "\n") for i in ids]
    QApplication.processEvents()

    def settle() -> None:  # idle work is not part of a figure: the changes view's diff (debounced, on a
        # worker) and the tints and layout of the lines out of view (a few at a time while the app is idle)
        deadline = time.perf_counter() + 10
        while (window.changes.timer.isActive() or tasks.pending_tasks() or window.source.tinting) \
                and time.perf_counter() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        QApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))  # and what it changed painted
        QApplication.processEvents()

    def timed(step) -> tuple[float, float]:  # noqa: ANN001
        """(wall ms, CPU ms) of `step`."""
        t, c = time.perf_counter(), time.process_time()
        step()
        return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000

    def painted() -> None:
        """The window painted as Qt paints it on the next turn of the event loop: the update request of
        every widget marked changed, sent now, then that turn (layout requests and what they repaint)."""
        QApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))
        QApplication.processEvents()

    def repainted() -> None:
        """The whole window painted, every widget, changed or not."""
        window.repaint()
        QApplication.processEvents()

    def tinted() -> None:  # the idle turns that tint (and lay out) the lines out of view
        while window.source.tinting:
            QApplication.processEvents()

    def fresh(page_id: int) -> None:
        window.session.docs.pop(page_id, None)  # load from the store each time, as a fresh page
        settle()

    def shown(p: int) -> None:  # the old way: every pane filled at once
        window.open_page(p)
        window.session.show_beside()

    def complete() -> None:  # every pane filled and painted, every line tinted and laid out
        while window.session.beside_pending or window.source.tinting:
            QApplication.processEvents()
        painted()

    beside = int(BESIDE_EVENT)
    watch = PaintWatch(beside)  # one open watched: which panes it painted, first and once complete
    fresh(ids[1])
    app.installEventFilter(watch.filter)
    window.open_page(ids[1])
    complete()
    app.removeEventFilter(watch.filter)

    mark = FirstPaint(beside)
    window.session.installEventFilter(mark.filter)
    runs: dict[str, list[float]] = {k: [] for k in (
        "open", "open_cpu", "complete", "complete_cpu", "whole", "whole_cpu", "floor", "floor_cpu")}
    for i in range(ROUNDS):  # the pages take turns: the first is opened as a user sees it, the second whole
        page_id = ids[0]
        fresh(page_id)
        mark.at = None
        t, c = time.perf_counter(), time.process_time()
        window.open_page(page_id)
        complete()
        done = time.perf_counter(), time.process_time()
        assert mark.at is not None, "the panes beside the source were never filled"
        runs["open"].append((mark.at[0] - t) * 1000)
        runs["open_cpu"].append((mark.at[1] - c) * 1000)
        runs["complete"].append((done[0] - t) * 1000)
        runs["complete_cpu"].append((done[1] - c) * 1000)
        page_id = ids[1]
        fresh(page_id)
        wall, cpu = timed(lambda p=page_id: (shown(p), repainted()))
        runs["whole"].append(wall)
        runs["whole_cpu"].append(cpu)
        tinted()
        text = texts[(i + 1) % 2]
        wall, cpu = timed(lambda t=text: (bare.setPlainText(t), bare.repaint(), QApplication.processEvents()))
        runs["floor"].append(wall)
        runs["floor_cpu"].append(cpu)
    window.session.removeEventFilter(mark.filter)
    settle()
    page = window.doc.page
    t = time.perf_counter()
    diff_pages(window.doc.auto, page)
    diff_ms = (time.perf_counter() - t) * 1000
    items = [it.id for it in page.items]
    for key in ("select", "select_cpu", "select_whole", "select_whole_cpu"):
        runs[key] = []
    for i in range(ROUNDS * 2):
        item_id = items[(i * 7) % len(items)]
        wall, cpu = timed(lambda i=item_id: (window.select_item(i), painted()))
        runs["select"].append(wall)
        runs["select_cpu"].append(cpu)
        item_id = items[(i * 7 + 3) % len(items)]
        wall, cpu = timed(lambda i=item_id: (window.select_item(i), repainted()))
        runs["select_whole"].append(wall)
        runs["select_whole_cpu"].append(cpu)

    chars = len(page.text)
    m = {k: statistics.median(v) for k, v in runs.items()}
    figures = {
        "page_chars": chars,
        "open_page_ms": round(m["open"], 1),
        "floor_ms": round(m["floor"], 1),
        "open_vs_floor": round(m["open"] / m["floor"], 2),
        "select_item_ms": round(m["select"], 1),
        "open_complete_ms": round(m["complete"], 1),
        "open_complete_cpu_ms": round(m["complete_cpu"], 1),
        "open_whole_ms": round(m["whole"], 1),
        "open_whole_vs_floor": round(m["whole"] / m["floor"], 2),
        "select_whole_ms": round(m["select_whole"], 1),
        "open_page_cpu_ms": round(m["open_cpu"], 1),
        "floor_cpu_ms": round(m["floor_cpu"], 1),
        "open_vs_floor_cpu": round(m["open_cpu"] / m["floor_cpu"], 2),
        "select_item_cpu_ms": round(m["select_cpu"], 1),
        "open_whole_cpu_ms": round(m["whole_cpu"], 1),
    }
    f = figures
    first = ", ".join(PANES[k] for k in PANES if k in watch.first) or "none"
    later = ", ".join(PANES[k] for k in PANES if k in watch.later - watch.first) or "none"
    missing = ", ".join(PANES[k] for k in PANES if k not in watch.first | watch.later)
    print(f"Review app on a {chars:,}-character page ({len(page.items)} items), {Qt_platform()} platform; "
          f"medians, wall clock (CPU time of this process)")
    print(f"  open a page:     {f['open_page_ms']:6.1f} ms ({f['open_page_cpu_ms']:5.1f})  max {max(runs['open']):.1f} ms, "
          f"{ROUNDS} runs, until the first paint; target < 50 ms and within 2x the floor")
    print(f"                   first paint: {first}; then: {later}" + (f"; NOT painted: {missing}" if missing else ""))
    print(f"  floor:           {f['floor_ms']:6.1f} ms ({f['floor_cpu_ms']:5.1f})  a bare QPlainTextEdit given the same "
          f"text, painted; open = {f['open_vs_floor']:.2f}x the floor ({f['open_vs_floor_cpu']:.2f}x in CPU time)")
    print(f"  page complete:   {f['open_complete_ms']:6.1f} ms ({f['open_complete_cpu_ms']:5.1f})  from the start of opening "
          "until every pane is filled and painted and the lines out of view are tinted and laid out")
    print(f"  open, whole:     {f['open_whole_ms']:6.1f} ms ({f['open_whole_cpu_ms']:5.1f})  every pane filled at once, then "
          f"the whole window repainted (every widget, changed or not) = {f['open_whole_vs_floor']:.2f}x the floor")
    print(f"  select an item:  {f['select_item_ms']:6.1f} ms ({f['select_item_cpu_ms']:5.1f})  max {max(runs['select']):.1f} ms, "
          f"{len(runs['select'])} runs; target < 15 ms; with the whole window repainted {f['select_whole_ms']:.1f} ms")
    print(f"  changes diff:    {diff_ms:6.1f} ms          on a worker thread, {window.changes.timer.interval()} ms "
          "after the last change; not part of any figure")
    for doc in window.docs.values():
        doc.stack.setClean()
    bare.close()
    window.close()
    store.close()
    del app
    shutil.rmtree(folder, ignore_errors=True)  # the benchmark's project: nothing of it is kept
    print(json.dumps(figures))


def Qt_platform() -> str:  # noqa: N802
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName()


if __name__ == "__main__":
    main()
