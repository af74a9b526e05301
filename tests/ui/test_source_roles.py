"""The roles in the source: a mark and a bar in the role's colour beside each line, over the item's tint,
a legend under the text, and the lines whose role the editor corrected marked (✎), through the real window."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from uihelp import click_offset, press

from app.core.page import Role
from app.ui import i18n
from app.ui.actions import Act
from app.ui.page_view import CORRECTED_MARK, ROLE_COLORS, UNASSIGNED_ROLE


def line_of(window, offset: int) -> int:  # noqa: ANN001
    view = window.source
    return view.document().findBlock(view.map.to_doc(offset)).blockNumber()


def mark_at(qtbot, window, offset: int):  # noqa: ANN001, ANN201
    """The gutter's mark beside the line holding page offset `offset` (scrolled into view first)."""
    click_offset(qtbot, window, offset)
    window.source.gutter.repaint()
    line = line_of(window, offset)
    return next(m for m in window.source.gutter.marks() if m.line == line)


def bar_color(window, offset: int) -> str:  # noqa: ANN001
    """The colour the gutter paints beside the line at `offset`, read from its pixels."""
    view, gutter = window.source, window.source.gutter
    block = view.document().findBlock(view.map.to_doc(offset))
    rect = view.blockBoundingGeometry(block).translated(view.contentOffset()).toRect()
    image = gutter.grab().toImage()
    return QColor(image.pixel(gutter.width() - gutter.PAD - 2, rect.center().y())).name()


def test_each_line_shows_its_role_beside_the_items_tint(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = next(it for it in page.articles if it.blocks_with(Role.TITLE) and it.blocks_with(Role.BODY))
    title, body = item.blocks_with(Role.TITLE)[0], item.blocks_with(Role.BODY)[0]
    mark = mark_at(qtbot, window, title.spans[0][0])
    assert mark.role is Role.TITLE and mark.starts and not mark.corrected
    assert bar_color(window, title.spans[0][0]) == ROLE_COLORS[Role.TITLE]
    mark = mark_at(qtbot, window, body.spans[0][0])
    assert mark.role is Role.BODY and mark.starts
    assert bar_color(window, body.spans[0][0]) == ROLE_COLORS[Role.BODY]
    # a paragraph's later lines carry its bar, without a mark of their own
    second = page.text.find("\n", body.spans[0][0]) + 1
    if second < body.spans[0][1] and page.text[second:body.spans[0][1]].strip():
        while page.text[second].isspace():
            second += 1
        later = mark_at(qtbot, window, second)
        assert later.role is Role.BODY and not later.starts


def test_a_role_the_editor_corrected_is_marked_and_undo_clears_it(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    body = next(b for it in page.articles for b in it.blocks if b.role is Role.BODY)
    assert not mark_at(qtbot, window, body.spans[0][0]).corrected
    press(window, Act.AS_CAPTION)  # the paragraph at the cursor becomes a caption
    mark = mark_at(qtbot, window, body.spans[0][0])
    assert mark.role is Role.CAPTION and mark.corrected
    assert bar_color(window, body.spans[0][0]) == ROLE_COLORS[Role.CAPTION]
    press(window, window.undo_action)
    mark = mark_at(qtbot, window, body.spans[0][0])
    assert mark.role is Role.BODY and not mark.corrected


def test_text_taken_out_of_every_item_is_marked_unassigned(qtbot, window) -> None:  # noqa: ANN001
    page = window.doc.page
    item = page.articles[0]
    click_offset(qtbot, window, item.blocks[0].spans[0][0])
    press(window, Act.DELETE_ITEM)
    mark = mark_at(qtbot, window, item.blocks[0].spans[0][0])
    assert mark.role == UNASSIGNED_ROLE


def test_the_legend_names_every_role_in_both_languages(qtbot, window) -> None:  # noqa: ANN001
    legend = window.source_panel.legend
    assert legend.isVisible()
    for name in ("Title", "Kicker", "Subtitle", "Byline", "Caption", "Subhead", "Body", "Furniture", "Unassigned",
                 "role corrected by the editor", CORRECTED_MARK):
        assert name in legend.text()
    width_en = window.source.gutter.width()
    window.switch_language("zh")
    try:
        for name in ("主题", "引题", "副题", "署名", "图片说明", "小标题", "正文", "版面元素", "未归属", "编辑改过的标注"):
            assert name in legend.text()
        assert window.source.gutter.width() != width_en  # room for the marks in Chinese (one character each)
    finally:
        window.switch_language("en")
        i18n.set_language("en")


def test_the_legend_wraps_between_entries_and_shows_them_all_on_small_screens(qtbot, window) -> None:  # noqa: ANN001
    legend = window.source_panel.legend
    try:
        for lang in ("zh", "en"):
            window.switch_language(lang)
            for size in ((1366, 768), (1400, 900), (1920, 1080)):
                window.resize(*size)
                qtbot.waitUntil(lambda s=size: window.size().width() == s[0])
                QApplication.processEvents()
                boxes = [label.geometry() for label in legend.entries]
                assert all(legend.rect().contains(box) for box in boxes), (lang, size)  # none cut off
                assert all(label.text().count("<b") <= 1 for label in legend.entries)  # a mark with its meaning
                lines = sorted({box.top() for box in boxes})
                for top in lines:  # the entries of a line, left to right, do not overlap
                    row = sorted((b for b in boxes if b.top() == top), key=lambda b: b.left())
                    assert all(a.right() < b.left() for a, b in zip(row, row[1:], strict=False))
    finally:
        window.switch_language("en")
        i18n.set_language("en")
