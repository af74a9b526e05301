"""The article view (the item as exported, large; a click finds its source lines), the editor's room at
1366x768 and 1920x1080, and the window's layout kept between runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QSplitter
from uihelp import SAMPLES, click_offset, close_window, make_project, open_window, press

from app.core.metadata import item_record
from app.core.page import Role
from app.ui.actions import Act
from app.ui.article_view import authors_line
from app.ui.item_panel import AUTHOR_ROWS


@pytest.fixture
def samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "samples.db"
    make_project(path, SAMPLES)
    monkeypatch.setenv("NEWSDESK_PROJECT", str(path))
    return path


def richest(window):  # noqa: ANN001, ANN201
    """(page id, item id) of the sample article with the most kinds of parts (subheads, captions, authors)."""
    best = None
    for row in window.store.list_pages():
        page = window.store.load_page(row.id)
        for item in page.articles:
            r = item_record(page, item, tags=False)
            score = sum(bool(x) for x in (r.title, r.subtitle or r.kicker, r.authors, r.subheads, r.captions))
            if best is None or score > best[0]:
                best = (score, row.id, item.id)
    return best[1], best[2]


def click_part(qtbot, window, index: int) -> None:  # noqa: ANN001
    """Click the middle of part `index` of the article view, as a user does."""
    view = window.article
    block = view.document().findBlockByNumber(index)
    view.setTextCursor(view.cursorForPosition(QPoint(0, 0)))
    cursor = view.textCursor()
    cursor.setPosition(block.position() + block.length() // 2)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_article_view_shows_the_item_as_it_is_exported(qtbot, samples) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    try:
        page_id, item_id = richest(window)
        window.open_page(page_id, item_id)
        page = window.doc.page
        record = item_record(page, page.item(item_id))
        assert record.title and record.authors and record.body
        parts = window.article.parts
        shown = window.article.toPlainText().split("\n")
        assert len(shown) == len(parts)
        # the headline block first, in print order, then the authors with their roles
        heads = [p.text for p in parts if p.role in (Role.SECTION, Role.KICKER, Role.TITLE, Role.SUBTITLE)]
        assert heads == [x for x in (record.section, record.kicker, record.title, record.subtitle) if x]
        assert shown[:len(heads)] == heads
        byline = next(p for p in parts if p.role is Role.BYLINE)
        assert byline.text == authors_line(record)
        assert all(f"{a.role} {a.name}" in byline.text for a in record.authors if a.role)
        # every paragraph of the export, in order; the subheads among them where their blocks stand
        assert [p.text for p in parts if p.role is Role.BODY] == list(record.body)
        assert [p.text for p in parts if p.role is Role.SUBHEAD] == list(record.subheads)
        assert [p.text for p in parts if p.role is Role.CAPTION] == list(record.captions)
        item = page.item(item_id)
        order = [b.role for b in item.blocks if b.role in (Role.BODY, Role.SUBHEAD)]
        assert [p.role for p in parts if p.role in (Role.BODY, Role.SUBHEAD)] == order
        # large: the body is set bigger than the interface's text, the title bigger still
        body_block = window.article.document().findBlockByNumber(
            next(i for i, p in enumerate(parts) if p.role is Role.BODY))
        title_block = window.article.document().findBlockByNumber(
            next(i for i, p in enumerate(parts) if p.role is Role.TITLE))
        body_size = body_block.charFormat().font().pointSizeF()
        assert body_size > window.font().pointSizeF()
        assert title_block.charFormat().font().pointSizeF() > body_size
        # an edit shows at once: a title typed in the form
        title = window.panel.edits["title"]
        title.setFocus()
        title.selectAll()
        qtbot.keyClicks(title, "New title")
        assert window.article.toPlainText().split("\n")[heads.index(record.title)] == "New title"
    finally:
        close_window(window)


def _blocks(view) -> list[tuple]:  # noqa: ANN001
    """Each paragraph of the article view as shown: its text, its font, its spacing, its part."""
    out = []
    block = view.document().begin()
    while block.isValid():
        font, fmt = block.charFormat().font(), block.blockFormat()
        out.append((block.text(), font.pointSizeF(), font.bold(), font.italic(), fmt.topMargin(),
                    fmt.textIndent(), fmt.leftMargin(), block.userState()))
        block = block.next()
    return out


def test_each_item_is_shown_afresh_in_the_views_one_document(qtbot, samples) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    try:
        page_id, item_id = richest(window)
        window.open_page(page_id, item_id)
        view = window.article
        first, document = _blocks(view), view.document()
        assert len(first) == len(view.parts) > 3
        for item in window.doc.page.items:  # every other item shown in between, each as it is
            window.select_item(item.id)
            assert [b[0] for b in _blocks(view)] == view.toPlainText().split("\n")
            assert len(_blocks(view)) == len(view.parts)
        window.select_item(item_id)
        assert _blocks(view) == first  # nothing left over from the items shown before
        assert view.document() is document
        assert len(view.findChildren(QTextDocument)) == 1  # no document left behind per item shown
    finally:
        close_window(window)


def test_clicking_a_paragraph_selects_its_source_lines(qtbot, samples) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    try:
        page_id, item_id = richest(window)
        window.open_page(page_id, item_id)
        page = window.doc.page
        parts = window.article.parts
        last_paragraph = max(i for i, p in enumerate(parts) if p.role is Role.BODY)
        window.source.verticalScrollBar().setValue(0)
        click_part(qtbot, window, last_paragraph)
        part = parts[last_paragraph]
        start, end = window.source.selection_span()
        assert start == part.spans[0][0] and end <= part.spans[-1][1]
        # the lines selected are the paragraph's: the same characters, spaces and line breaks aside
        selected = "".join(page.text[start:end].split())
        assert "".join(part.text.split()).startswith(selected) and selected
        assert window.source.textCursor().hasSelection()
        cursor_rect = window.source.cursorRect()
        assert window.source.viewport().rect().contains(cursor_rect.center())
        assert window.article.clicked_part == last_paragraph
        # a subhead finds its line too
        subhead = next((i for i, p in enumerate(parts) if p.role is Role.SUBHEAD), None)
        if subhead is not None:
            click_part(qtbot, window, subhead)
            assert window.source.selection_span() == parts[subhead].spans[0]
        # and a click in the source marks the paragraph it is in
        first = next(i for i, p in enumerate(parts) if p.role is Role.BODY)
        click_offset(qtbot, window, parts[first].spans[0][0] + 1)
        assert window.current_item == item_id
        assert window.article.clicked_part == first
    finally:
        close_window(window)


def test_a_position_in_a_paragraph_maps_to_its_source_offset(qtbot, samples) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    try:
        page_id, item_id = richest(window)
        window.open_page(page_id, item_id)
        page = window.doc.page
        view = window.article
        index = next(i for i, p in enumerate(view.parts) if p.role is Role.BODY)
        block = view.document().findBlockByNumber(index)
        text = block.text()
        for k in (0, len(text) // 2, len(text) - 1):
            if text[k].isspace():
                continue
            offset = view.source_offset(block.position() + k)
            assert page.text[offset] == text[k]
    finally:
        close_window(window)


def widgets_in_view(scroll) -> list[str]:  # noqa: ANN001
    """The names of the item editor's fields that lie outside the scroll area's visible part."""
    panel = scroll.widget()
    viewport = scroll.viewport().rect()
    cut = []
    for name, widget in [*panel.edits.items(), ("kind", panel.kind), ("authors", panel.authors),
                         ("tags", panel.tags), ("tag_input", panel.tag_input), ("add_author", panel.add_author)]:
        rect = widget.rect().translated(widget.mapTo(scroll.viewport(), widget.rect().topLeft()))
        if not viewport.contains(rect):
            cut.append(name)
    return cut


def test_nothing_the_editor_needs_is_cut_at_1366x768(qtbot, samples) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    try:
        page_id, item_id = richest(window)
        window.open_page(page_id, item_id)
        window.resize(1366, 768)
        qtbot.waitUntil(lambda: window.width() == 1366 and window.height() == 768, timeout=2000)
        qtbot.wait(50)
        scroll = window.findChild(type(window.centralWidget().widget(3)), "item_editor")
        assert widgets_in_view(scroll) == []
        authors = window.panel.authors
        assert authors.viewport().height() >= AUTHOR_ROWS * authors.rowHeight(0)
        lines = window.article.fontMetrics().lineSpacing()
        assert window.article.viewport().height() > 12 * lines
        # with the quality report open the article still shows a good part of the text, and the authors
        # table its rows; the form scrolls if it must, it is never squeezed
        press(window, Act.QUALITY_REPORT)
        qtbot.waitUntil(lambda: window.docks["report"].isVisible(), timeout=5000)
        qtbot.wait(50)
        assert window.article.viewport().height() > 6 * lines
        assert authors.viewport().height() >= AUTHOR_ROWS * authors.rowHeight(0)
        assert window.panel.kind.height() >= window.panel.kind.sizeHint().height()
    finally:
        close_window(window)


def test_a_wide_window_gives_its_room_to_the_source_and_the_article(qtbot, samples) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    try:
        window.resize(1400, 900)
        qtbot.waitUntil(lambda: window.width() == 1400, timeout=2000)
        narrow = (window.source_panel.width(), window.article.width(), window.pages.width())
        window.resize(1920, 1080)
        qtbot.waitUntil(lambda: window.width() == 1920, timeout=2000)
        wide = (window.source_panel.width(), window.article.width(), window.pages.width())
        assert wide[0] - narrow[0] > 150 and wide[1] - narrow[1] > 150
        assert wide[2] == narrow[2]  # the page list keeps its width
    finally:
        close_window(window)


def test_the_window_layout_is_kept_for_the_next_start(qtbot, samples) -> None:  # noqa: ANN001
    window = open_window(qtbot)
    screen = window.screen().availableGeometry()  # a window is put back inside the screen it is on
    width, height = min(1500, screen.width() - 60), min(820, screen.height() - 60)
    window.resize(width, height)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height), timeout=2000)
    main = window.findChild(QSplitter, "main_splitter")
    items = window.findChild(QSplitter, "items_splitter")
    main.setSizes([100, width - 500, 200, 200])
    items.setSizes([120, 300])
    sizes = (main.sizes(), items.sizes())
    window.docks["search"].raise_()
    window.docks["history"].hide()
    close_window(window)  # quitting keeps the layout
    again = open_window(qtbot)
    try:
        assert (again.width(), again.height()) == (width, height)
        assert (again.findChild(QSplitter, "main_splitter").sizes(),
                again.findChild(QSplitter, "items_splitter").sizes()) == sizes
        assert not again.docks["history"].isVisible() and again.docks["search"].isVisible()
        assert again.docks["changes"].visibleRegion().isEmpty()  # the search tab is the one in front
    finally:
        close_window(again)
