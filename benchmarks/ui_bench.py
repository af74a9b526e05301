"""How fast the review app opens a long page and selects an item on it, against a bare Qt text widget.

Builds two pages of about 20,000 characters by concatenating the seed pages, stores them in a temporary
project, opens the real main window (offscreen unless a display is set) and times, with the window
painted after each step: opening a page (store load, source text, tints, items list, editor) and
selecting an item (outline, scroll, editor). The floor, measured in the same run: a bare QPlainTextEdit
of the source view's size given the same text and painted. Targets: opening within 2x the floor and
under 50 ms, selecting under 15 ms. Last line: one JSON object.

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

    open_ms, floor_ms = [], []
    for i in range(ROUNDS):
        page_id = ids[(i + 1) % 2]
        window.session.docs.pop(page_id, None)  # load from the store each time, as a fresh page
        settle()
        t = time.perf_counter()
        window.open_page(page_id)
        window.repaint()
        QApplication.processEvents()
        open_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        bare.setPlainText(texts[(i + 1) % 2])
        bare.repaint()
        QApplication.processEvents()
        floor_ms.append((time.perf_counter() - t) * 1000)
    settle()
    page = window.doc.page
    t = time.perf_counter()
    diff_pages(window.doc.auto, page)
    diff_ms = (time.perf_counter() - t) * 1000
    items = [it.id for it in page.items]
    select_ms = []
    for i in range(ROUNDS * 2):
        item_id = items[(i * 7) % len(items)]
        t = time.perf_counter()
        window.select_item(item_id)
        window.repaint()
        QApplication.processEvents()
        select_ms.append((time.perf_counter() - t) * 1000)

    chars = len(page.text)
    figures = {
        "page_chars": chars,
        "open_page_ms": round(statistics.median(open_ms), 1),
        "floor_ms": round(statistics.median(floor_ms), 1),
        "open_vs_floor": round(statistics.median(open_ms) / statistics.median(floor_ms), 2),
        "select_item_ms": round(statistics.median(select_ms), 1),
    }
    print(f"Review app on a {chars:,}-character page ({len(page.items)} items), {Qt_platform()} platform")
    print(f"  open a page:     median {figures['open_page_ms']:6.1f} ms  (max {max(open_ms):.1f} ms, "
          f"{ROUNDS} runs; target < 50 ms and within 2x the floor)")
    print(f"  floor:           median {figures['floor_ms']:6.1f} ms  (a bare QPlainTextEdit given the same text, "
          f"painted); open = {figures['open_vs_floor']:.2f}x the floor")
    print(f"  select an item:  median {figures['select_item_ms']:6.1f} ms  (max {max(select_ms):.1f} ms, "
          f"{len(select_ms)} runs; target < 15 ms)")
    print(f"  changes diff:    {diff_ms:6.1f} ms  (on a worker thread, {window.changes.timer.interval()} ms "
          "after the last change; not part of either figure)")
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
