"""How fast the review app opens a long page and selects an item on it, against a bare Qt text widget.

Builds two pages of about 20,000 characters by concatenating the seed pages, stores them in a temporary
project, opens the real main window (offscreen unless a display is set) and times, with the whole window
painted after each step (`repaint()`, every widget, changed or not): opening a page (store load, source
text, the tints of the lines in view, items list, article view, editor) and selecting an item (outline,
scroll, article view, editor). The lines out of view are tinted a few at a time while the app is idle, after
the first paint: `complete` is the time from the start of opening until every line is tinted too. The
floor, measured in the same run: a bare QPlainTextEdit of the source view's size given the same text and
painted. Targets: opening within 2x the floor and under 50 ms, selecting under 15 ms.

Each figure is a median of several runs in wall-clock time, and also in CPU time (`time.process_time()` of
this process): on a machine other processes keep busy, the CPU time is the work the app did, the wall
time that plus the waiting for a core. Last line: one JSON object.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_bench.py
"""

from __future__ import annotations

import json
import os
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


def main() -> None:
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

    bare = QPlainTextEdit()  # the floor: Qt's own widget, the same text, the same size, painted
    bare.setFont(window.source.font())
    bare.resize(window.source.size())
    bare.show()
    texts = [store.load_page(i).text.replace("\r\n", "\n") for i in ids]
    QApplication.processEvents()

    def settle() -> None:  # idle work is not part of a figure: the changes view's diff (debounced, on a
        # worker) and the tints of the lines out of view (a few at a time while the app is idle)
        deadline = time.perf_counter() + 10
        while (window.changes.timer.isActive() or tasks.pending_tasks() or window.source.tinting) \
                and time.perf_counter() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)

    def timed(step) -> tuple[float, float]:  # noqa: ANN001
        """(wall ms, CPU ms) of `step`."""
        t, c = time.perf_counter(), time.process_time()
        step()
        return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000

    def tinted() -> None:  # the idle turns that tint the lines out of view
        while window.source.tinting:
            QApplication.processEvents()

    open_ms, open_cpu, complete_ms, floor_ms, floor_cpu = [], [], [], [], []
    for i in range(ROUNDS):
        page_id = ids[(i + 1) % 2]
        window.session.docs.pop(page_id, None)  # load from the store each time, as a fresh page
        settle()
        t = time.perf_counter()
        wall, cpu = timed(lambda p=page_id: (window.open_page(p), window.repaint(), QApplication.processEvents()))
        open_ms.append(wall)
        open_cpu.append(cpu)
        tinted()
        complete_ms.append((time.perf_counter() - t) * 1000)
        text = texts[(i + 1) % 2]
        wall, cpu = timed(lambda t=text: (bare.setPlainText(t), bare.repaint(), QApplication.processEvents()))
        floor_ms.append(wall)
        floor_cpu.append(cpu)
    settle()
    page = window.doc.page
    t = time.perf_counter()
    diff_pages(window.doc.auto, page)
    diff_ms = (time.perf_counter() - t) * 1000
    items = [it.id for it in page.items]
    select_ms, select_cpu = [], []
    for i in range(ROUNDS * 2):
        item_id = items[(i * 7) % len(items)]
        wall, cpu = timed(lambda i=item_id: (window.select_item(i), window.repaint(), QApplication.processEvents()))
        select_ms.append(wall)
        select_cpu.append(cpu)

    chars = len(page.text)
    med = statistics.median
    figures = {
        "page_chars": chars,
        "open_page_ms": round(med(open_ms), 1),
        "floor_ms": round(med(floor_ms), 1),
        "open_vs_floor": round(med(open_ms) / med(floor_ms), 2),
        "select_item_ms": round(med(select_ms), 1),
        "open_complete_ms": round(med(complete_ms), 1),
        "open_page_cpu_ms": round(med(open_cpu), 1),
        "floor_cpu_ms": round(med(floor_cpu), 1),
        "open_vs_floor_cpu": round(med(open_cpu) / med(floor_cpu), 2),
        "select_item_cpu_ms": round(med(select_cpu), 1),
    }
    f = figures
    print(f"Review app on a {chars:,}-character page ({len(page.items)} items), {Qt_platform()} platform; "
          f"medians, wall clock (CPU time of this process)")
    print(f"  open a page:     {f['open_page_ms']:6.1f} ms ({f['open_page_cpu_ms']:5.1f})  max {max(open_ms):.1f} ms, "
          f"{ROUNDS} runs; target < 50 ms and within 2x the floor")
    print(f"  floor:           {f['floor_ms']:6.1f} ms ({f['floor_cpu_ms']:5.1f})  a bare QPlainTextEdit given the same "
          f"text, painted; open = {f['open_vs_floor']:.2f}x the floor ({f['open_vs_floor_cpu']:.2f}x in CPU time)")
    print(f"  page complete:   {f['open_complete_ms']:6.1f} ms          from the start of opening until the lines out "
          "of view are tinted too (idle turns after the first paint)")
    print(f"  select an item:  {f['select_item_ms']:6.1f} ms ({f['select_item_cpu_ms']:5.1f})  max {max(select_ms):.1f} ms, "
          f"{len(select_ms)} runs; target < 15 ms")
    print(f"  changes diff:    {diff_ms:6.1f} ms          on a worker thread, {window.changes.timer.interval()} ms "
          "after the last change; not part of any figure")
    for doc in window.docs.values():
        doc.stack.setClean()
    bare.close()
    window.close()
    store.close()
    del app
    print(json.dumps(figures))


def Qt_platform() -> str:  # noqa: N802
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName()


if __name__ == "__main__":
    main()
