"""Two processes writing one project at once: both succeed, nothing is lost, the file stays whole."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from app.core.loading import SourcePage
from app.core.page import Page
from app.store.db import Store

ROOT = Path(__file__).resolve().parents[2]
WRITER = """
import sys
from app.core import edits
from app.store.db import Store
who, path, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Store(path) as store:
    for i in range(rounds):
        page = store.load_page(1)
        store.journal_write(1, page)
        store.save_page(1, edits.set_field(page, page.items[0].id, "title", f"{who}-{i}"), summary=f"{who} {i}")
        store.set_status(1, "in_progress" if i % 2 else "done")
        store.set_state(f"last-{who}", i)
"""


def test_two_processes_write_the_same_project(db_path: Path, page: Page) -> None:
    with Store(db_path) as store:
        store.import_source(SourcePage(page.name, page.text, "utf-8"), page)
    rounds = 30
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, who, str(db_path), str(rounds)], cwd=ROOT,
                              stderr=subprocess.PIPE, text=True) for who in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store(db_path) as store:
        summaries = [h["summary"] for h in store.history(1)]
        assert sorted(s for s in summaries if not s.startswith("status")) == sorted(
            f"{w} {i}" for w in "ab" for i in range(rounds))
        assert store.get_state("last-a") == store.get_state("last-b") == rounds - 1
        assert store.load_page(1).items[0].fields["title"] in {f"{w}-{rounds - 1}" for w in "ab"}
        assert store.db["items"].count_where("page_id = 1") == len(store.load_page(1).items)


EDITOR = """
import sys
from app.core import edits
from app.store.db import Store
with Store(sys.argv[1]) as store:
    page = store.load_page(1)
    for i in range(100000):
        page = edits.set_field(page, page.items[0].id, "title", f"edit-{i}")
        store.journal_write(1, page)
        store.save_page(1, page, summary=f"edit {i}")
        print(i, flush=True)
"""


def test_kill_9_during_edits_keeps_every_saved_edit(db_path: Path, page: Page) -> None:
    import os
    import signal

    with Store(db_path) as store:
        store.import_source(SourcePage(page.name, page.text, "utf-8"), page)
    proc = subprocess.Popen([sys.executable, "-c", EDITOR, str(db_path)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    last = -1
    for line in proc.stdout:
        last = int(line)
        if last >= 40:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    with Store(db_path) as store:
        title = store.load_page(1).items[0].fields["title"]
        saved = int(title.split("-")[1])
        assert saved >= last  # every save reported done is in the file (one more may have landed)
        assert len(store.history(1)) == saved + 1
        assert store.history(1)[-1]["summary"] == f"edit {saved}"
        item_title = store.db.execute("select title from items where page_id = 1 and item_id = ?",
                                      [store.load_page(1).items[0].id]).fetchone()[0]
        assert item_title == title
