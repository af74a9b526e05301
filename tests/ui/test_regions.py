"""The window's regions follow the session: an edit updates the rows and lines it touched, nothing resets."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from uihelp import article_with_blocks, char_background, click_offset, press

from app.core.metadata import item_numbers, item_record
from app.ui import tasks
from app.ui.actions import Act, create_actions
from app.ui.models import ItemsModel, item_color, kind_text


def _changed(seen: dict[str, list], top, bottom) -> None:  # noqa: ANN001
    """A row's data changed (`changed`), or only its number for people (`renumbered`)."""
    numbered = top.column() == bottom.column() == ItemsModel.NUMBER and isinstance(top.model(), ItemsModel)
    seen["renumbered" if numbered else "changed"].append(top.row())


def signals(model) -> dict[str, list]:  # noqa: ANN001
    seen: dict[str, list] = {"reset": [], "inserted": [], "removed": [], "moved": [], "changed": [], "renumbered": []}
    model.modelReset.connect(lambda: seen["reset"].append(1))
    model.rowsInserted.connect(lambda _p, first, last: seen["inserted"].append((first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: seen["removed"].append((first, last)))
    model.rowsMoved.connect(lambda *args: seen["moved"].append(args[1:3]))
    model.dataChanged.connect(lambda top, bottom, _roles: _changed(seen, top, bottom))
    return seen


def test_a_split_inserts_one_row_and_undo_removes_it(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = article_with_blocks(page)
    click_offset(qtbot, window, item.blocks[1].spans[0][0] + 1)
    seen = signals(window.items_model)
    press(window, Act.SPLIT_HERE)
    row = page.item_index(item.id)
    assert seen["reset"] == [] and seen["inserted"] == [(row + 1, row + 1)] and seen["changed"] == [row]
    after = window.doc.page  # the items after the new one in page order are numbered one more: only that cell
    before, now = item_numbers(page), item_numbers(after)
    assert sorted(seen["renumbered"]) == sorted(after.item_index(i) for i in before
                                                if now[i] != before[i] and i != item.id)
    press(window, window.undo_action)
    assert seen["reset"] == [] and seen["removed"] == [(row + 1, row + 1)]
    assert window.items_model.rowCount() == len(page.items)


def test_another_page_takes_the_rows_in_place_with_its_current_item_selected(qtbot, window) -> None:  # noqa: ANN001
    pages = [row.id for row in window.store.list_pages()]
    view = window.items
    for page_id in pages[1:] + pages[:1]:
        view.scrollToBottom()
        seen = signals(window.items_model)
        window.open_page(page_id)
        page = window.doc.page
        rows = window.items_model
        # the source shows the page at once, the rows a turn later (once the window has painted the text)
        qtbot.waitUntil(lambda r=rows, p=page: [r.item_id(i) for i in range(r.rowCount())] == [it.id for it in p.items])
        assert seen["reset"] == []  # the rows there are show the new items; the rest are inserted or removed
        model = window.items_model
        assert [model.index(r, ItemsModel.KIND).data() for r in range(len(page.items))] == [
            kind_text(it.kind) for it in page.items]
        titled = [(r, item_record(page, it).headline) for r, it in enumerate(page.items)
                  if item_record(page, it).headline]
        assert titled and [model.index(r, ItemsModel.TITLE).data() for r, _ in titled] == [t for _, t in titled]
        row = page.item_index(window.current_item)
        assert view.currentIndex().row() == row
        assert {i.row() for i in view.selectionModel().selectedRows()} == {row}  # nothing of the last page's
        assert view.visualRect(window.items_model.index(row, 0)).intersects(view.viewport().rect())


def test_moving_an_item_moves_its_row(qtbot, window) -> None:  # noqa: ANN001
    seen = signals(window.items_model)
    moved = window.items_model.item_id(0)
    window.move_item(moved, 2)
    assert seen["reset"] == [] and seen["moved"] and window.items_model.item_id(2) == moved
    assert window.items.currentIndex().row() == 2  # the moved item stays selected


def test_a_field_edit_changes_one_row_and_no_tint(qtbot, window) -> None:  # noqa: ANN001
    seen = signals(window.items_model)
    retinted = []
    tints = window.source._tints
    original = tints.retint
    tints.retint = lambda spans: (retinted.append(spans), original(spans))
    try:
        title = window.panel.edits["title"]
        title.selectAll()
        qtbot.keyClicks(title, "x")
    finally:
        tints.retint = original
    assert seen["reset"] == [] and set(seen["changed"]) == {window.items.currentIndex().row()}
    assert retinted == []


def test_lines_out_of_view_are_tinted_once_the_app_is_idle(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    last = page.items[-1]
    offset = last.blocks[-1].spans[-1][0]
    qtbot.waitUntil(lambda: char_background(window, offset) == item_color(page, last).name(), timeout=5000)
    first = window.doc.page.items[0]
    assert char_background(window, first.blocks[0].spans[0][0]) == item_color(page, first).name()


def test_lines_tinted_while_idle_show_their_tint_once_scrolled_into_view(qtbot, window) -> None:  # noqa: ANN001
    from collections import Counter

    from PySide6.QtCore import QPoint

    view, page = window.source, window.doc.page
    qtbot.waitUntil(lambda: not view.tinting, timeout=5000)
    last = page.items[-1]
    offset = last.blocks[-1].spans[-1][0]
    view.set_cursor_offset(offset)
    view.ensureCursorVisible()
    qtbot.wait(50)
    cell = view.cursorRect()  # the character's place in the viewport: its height, a character wide
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    colours = Counter(image.pixelColor(QPoint(int((cell.left() + 2 + dx) * ratio), int((cell.top() + dy) * ratio))).name()
                      for dx in range(cell.height() // 2) for dy in range(cell.height()))
    assert colours.most_common(1)[0][0] == item_color(page, last).name()  # drawn, not only set


def test_every_action_needs_a_method() -> None:
    parent = QWidget()
    with pytest.raises(ValueError, match="actions without a method: .*SAVE"):
        create_actions(parent, {key: (lambda: None) for key in Act if key is not Act.SAVE})


def test_a_background_operation_gets_the_project_progress_and_cancel(qtbot, project) -> None:  # noqa: ANN001
    from app.store.db import Store

    with Store(project) as store:
        steps, results = [], []

        def op(context: tasks.TaskContext) -> int:
            assert context.store is not store and context.store.path == store.path  # a connection of its own
            context.set_total(2)
            context.step()
            context.step()
            return len(context.store.list_pages())

        task = tasks.Task(op, store, success=results.append)
        task.progressed.connect(steps.append)
        task.start()
        qtbot.waitUntil(lambda: bool(results), timeout=5000)
        assert results == [2] and steps == [1, 1]
        failed: list[BaseException] = []
        cancelled = tasks.Task(lambda context: context.cancelled or 1 / 0, store, failure=failed.append)
        cancelled.cancel()
        cancelled.start()
        qtbot.waitUntil(lambda: cancelled.finished, timeout=5000)
        assert failed == []  # it saw the cancel and returned before dividing by zero


def test_the_number_and_kind_columns_are_as_wide_as_their_widest_cell(qtbot, window) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QHeaderView

    from app.ui import i18n
    from app.ui.items_list import FITTED

    view = window.items
    header = view.header()

    def fitted_then_resized_to_contents() -> tuple[list[int], list[int]]:
        fitted = [header.sectionSize(c) for c in FITTED]
        for c in FITTED:
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        view.doItemsLayout()
        qtbot.wait(10)
        measured = [header.sectionSize(c) for c in FITTED]
        for c in FITTED:
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
        return fitted, measured

    fitted, measured = fitted_then_resized_to_contents()
    assert fitted == measured and all(w > 0 for w in fitted)
    try:
        window.switch_language("zh")  # other kind names
        fitted, measured = fitted_then_resized_to_contents()
        assert fitted == measured
    finally:
        window.switch_language("en")
        i18n.set_language("en")
