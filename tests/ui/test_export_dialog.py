"""File > Export…: the file name follows the format, the corpus leaves furniture out by default (a JSONL
export still carries every page), and a selection of nothing says which filter emptied it."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from app.ui.actions import Act


def open_export(qtbot, window):  # noqa: ANN001, ANN201
    window.actions[Act.EXPORT].trigger()
    dialog = window.export_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def choose_format(dialog, fmt: str) -> None:  # noqa: ANN001
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))


def test_the_file_name_follows_the_format(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    dialog = open_export(qtbot, window)
    assert dialog.fmt() == "jsonl"
    qtbot.keyClicks(dialog.out, str(tmp_path / "corpus.jsonl"))
    choose_format(dialog, "csv")
    assert dialog.out.text() == str(tmp_path / "corpus.csv")
    choose_format(dialog, "parquet")
    assert dialog.out.text() == str(tmp_path / "corpus.parquet")
    choose_format(dialog, "txt")  # a folder: no extension
    assert dialog.out.text() == str(tmp_path / "corpus")
    choose_format(dialog, "jsonl")
    assert dialog.out.text() == str(tmp_path / "corpus.jsonl")
    dialog.out.setText(str(tmp_path / "notes.2024"))  # an extension of no format is the name's own
    choose_format(dialog, "csv")
    assert dialog.out.text() == str(tmp_path / "notes.2024.csv")
    dialog.out.clear()
    choose_format(dialog, "parquet")
    assert dialog.out.text() == ""


def test_the_default_corpus_leaves_furniture_out_and_carries_every_page(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    from app.core import edits
    from app.core.page import Kind

    store = window.store
    rows = store.list_pages()
    last = rows[-1]
    page = store.load_page(last.id)
    for item in page.items:
        page = edits.set_kind(page, item.id, Kind.FURNITURE)
    store.save_page(last.id, page)
    dialog = open_export(qtbot, window)
    out = tmp_path / "corpus.jsonl"
    qtbot.keyClicks(dialog.out, str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and "furniture" not in {r["kind"] for r in records}
    assert dialog.written == len(records)
    assert last.name not in {r["page"] for r in records}
    carried = [c["page_source"]["name"] for r in records for c in r.get("pages_without_records", [])]
    assert carried == [last.name]


def test_an_empty_selection_says_which_filter_emptied_it(qtbot, window) -> None:  # noqa: ANN001
    dialog = open_export(qtbot, window)
    assert dialog.export_button.isEnabled()
    dialog.status.setCurrentIndex(dialog.status.findData("done"))  # no page is done yet
    assert dialog.count.text() == "0 item(s) match these filters. No item matches: Status."
    assert not dialog.export_button.isEnabled()
    dialog.status.setCurrentIndex(0)
    kinds = {(r["kind"], r["page"]) for r in window.store.iter_records()}
    kind, page = next((k, p.name) for k, _ in kinds for p in window.store.list_pages() if (k, p.name) not in kinds)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.pattern.setText(page)  # a page without an item of that kind
    qtbot.waitUntil(lambda: dialog.count.text().startswith("0 "), timeout=2000)
    assert dialog.count.text() == "0 item(s) match these filters. No item matches all of them together: Kind, Page name."


def test_escape_and_close_close_the_dialog_and_the_window_goes_on(qtbot, window, tmp_path) -> None:  # noqa: ANN001
    dialog = open_export(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # it crashed the app: an attribute `done` hid QDialog.done
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    dialog = open_export(qtbot, window)
    dialog.out.setText(str(tmp_path / "corpus.jsonl"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    assert dialog.progress.value() == dialog.progress.maximum()
    close = dialog.buttons.button(dialog.buttons.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert window.isVisible() and (tmp_path / "corpus.jsonl").stat().st_size > 0
