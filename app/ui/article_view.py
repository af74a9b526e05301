"""The article view: the current item as the export writes it, set large for reading.

The headline block (section, kicker, title, subtitle), the authors with their roles, the body paragraphs
with the subheads where they stand, then the captions. Each part knows the source text it comes from:
clicking a paragraph, subhead or caption asks for its lines in the source (`sourceRequested`), and
`body_cursor()`/`source_offset()` map the cursor in a paragraph back to it (a split at the cursor). A right
click offers the paragraph fixes (`context_entries`: join with the next, split at the clicked character),
the same actions and undoable commands as in the source.

`article_parts(page, item, record)` says what is shown, without Qt; `ArticleView` sets it with
`QTextCursor` inserts, so a page's text is never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QWidget

from ..core.edits import paragraph_blocks, paragraph_offset
from ..core.errors import EditError
from ..core.metadata import block_lines, block_paragraph
from ..core.page import Block, Item, Kind, Page, Role
from ..core.record import ItemRecord
from ..core.reflow import clean_heading
from .actions import put_first
from .i18n import tr

Span = tuple[int, int]

# how each part is set: (size against the body text's, bold, colour, space above in body lines)
LOOK: dict[Role, tuple[float, bool, str, float]] = {
    Role.SECTION: (0.85, False, "#7a6a55", 0.0),
    Role.KICKER: (1.0, False, "#3c3c3c", 0.2),
    Role.TITLE: (1.55, True, "#111111", 0.2),
    Role.SUBTITLE: (1.1, False, "#3c3c3c", 0.2),
    Role.BYLINE: (0.9, False, "#5a5a5a", 0.6),
    Role.SUBHEAD: (1.08, True, "#1c1c1c", 0.8),
    Role.BODY: (1.0, False, "#1c1c1c", 0.5),
    Role.CAPTION: (0.9, False, "#5a5a5a", 0.4),
}
BODY_SCALE = 1.2  # the body text against the interface's font: an article is read, not scanned
LINE_HEIGHT = 150  # percent: Chinese text set solid is hard to read in long paragraphs
INDENT_EM = 2  # a Chinese paragraph's first line is indented two characters
PARAGRAPH_TINT = "#fff1c4"  # the part last clicked, as the source marks it
MAX_TEXT_WIDTH_EM = 40  # a line of about this many characters at most: wider lines are hard to follow


@dataclass(frozen=True)
class Part:
    """One piece of the article as shown: what it is, its text and the page text it comes from."""

    role: Role
    text: str
    spans: tuple[Span, ...] = ()


def authors_line(record: ItemRecord) -> str:
    """The authors as a person reads them: "记者 张三　通讯员 李四"."""
    return "　".join(f"{a.role} {a.name}" if a.role else a.name for a in record.authors)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def article_parts(page: Page, item: Item, record: ItemRecord) -> list[Part]:
    """What the article view shows of `item`, in reading order, each part with its source spans."""
    parts: list[Part] = []
    for role in (Role.SECTION, Role.KICKER, Role.TITLE, Role.SUBTITLE):
        text = getattr(record, role.value)
        if text:
            parts.append(Part(role, text, _spans(item.blocks_with(role))))
    if record.authors:
        parts.append(Part(Role.BYLINE, authors_line(record), _spans(item.blocks_with(Role.BYLINE))))
    parts += _body_parts(page, item, record)
    parts += _caption_parts(page, item, record)
    return parts


def _spans(blocks: list[Block]) -> tuple[Span, ...]:
    return tuple(sorted(sp for b in blocks for sp in b.spans))


def _body_parts(page: Page, item: Item, record: ItemRecord) -> list[Part]:
    """The paragraphs with the subheads where they stand. A paragraph is matched to the blocks it is made
    of in reading order (one block each, or several a paragraph holds joined); one without a block match
    is shown all the same, without a way to its source."""
    body, subheads = list(record.body), list(record.subheads)
    para_spans: list[list[Span]] = [[] for _ in body]
    order: list[tuple[Role, int]] = []  # the body in reading order: (BODY, paragraph) or (SUBHEAD, index)
    k = j = 0
    body_roles = (Role.BODY, Role.AD) if item.kind is not Kind.FURNITURE else tuple(Role)
    for block in item.blocks:
        if block.role is Role.SUBHEAD and item.kind is not Kind.FURNITURE:
            if j < len(subheads):
                order.append((Role.SUBHEAD, j))
                j += 1
            continue
        if block.role not in body_roles or k >= len(body):
            continue
        text = (block_paragraph(page, block) if block.role is Role.BODY and item.kind is not Kind.FURNITURE
                else clean_heading(block_lines(page, block)))
        if not text:
            continue
        if not para_spans[k]:
            order.append((Role.BODY, k))
        para_spans[k] += block.spans
        if _squeezed(body[k]).endswith(_squeezed(text)):  # the paragraph is complete with this block
            k += 1
    shown = {(r, i) for r, i in order}
    order += [(Role.BODY, i) for i in range(len(body)) if (Role.BODY, i) not in shown]
    order += [(Role.SUBHEAD, i) for i in range(len(subheads)) if (Role.SUBHEAD, i) not in shown]
    return [Part(Role.BODY, body[i], tuple(sorted(para_spans[i]))) if role is Role.BODY
            else Part(Role.SUBHEAD, subheads[i], _spans([b for b in item.blocks_with(Role.SUBHEAD)][i:i + 1]))
            for role, i in order]


def _caption_parts(page: Page, item: Item, record: ItemRecord) -> list[Part]:
    """Each caption with the caption block that prints it (its credit is an author, not caption text)."""
    blocks = list(item.blocks_with(Role.CAPTION))
    parts = []
    for caption in record.captions:
        key = _squeezed(caption)[:12]
        found = next((b for b in blocks if key and key in _squeezed("".join(block_lines(page, b)))), None)
        if found is not None:
            blocks.remove(found)
        parts.append(Part(Role.CAPTION, caption, tuple(found.spans) if found is not None else ()))
    return parts


class ArticleView(QTextBrowser):
    """The current item, read as it will be exported. A click on a part sends its source spans."""

    sourceRequested = Signal(object)  # tuple of (start, end) page offsets

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("article")
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.page: Page | None = None
        self.parts: list[Part] = []
        self.item_id: int | None = None
        self.clicked_part: int | None = None
        self._empty_text = ""
        # the parts of the items shown on this page, by item id: (item, record, parts) (pages and items are
        # immutable: an item selected again is not worked out again)
        self._parts_page: Page | None = None
        self._parts_of: dict[int, tuple[Item, ItemRecord, list[Part]]] = {}
        # each role's characters and paragraphs (with the space above them), made once per font
        self._looks: tuple[QFont | None, dict[Any, Any]] = (None, {})
        self._pressed_at: int | None = None
        self.context_entries: list[QAction | None] = []  # the fixes offered on a right click

    # --- showing ---------------------------------------------------------------------------------
    def show_article(self, page: Page | None, item: Item | None, record: ItemRecord | None,
                     empty_text: str = "") -> None:
        """Show `item` (None: `empty_text`, greyed)."""
        parts = self._parts(page, item, record) if page is not None and item is not None and record else []
        same_item = item is not None and item.id == self.item_id
        self.page = page
        if parts and (parts is self.parts or parts == self.parts) and same_item:
            return  # nothing shown changed (an edit elsewhere on the page): keep the scroll and the mark
        scrolled = self.verticalScrollBar().value() if same_item else 0
        self.parts, self.item_id = parts, item.id if item is not None else None
        if not same_item:
            self.clicked_part = None
        self._empty_text = empty_text
        self._render()
        self.verticalScrollBar().setValue(scrolled)  # an edit of the item shown keeps the reader's place

    def _parts(self, page: Page, item: Item, record: ItemRecord) -> list[Part]:
        """`article_parts`, worked out once per item of the page (an item selected again reuses them)."""
        if page is not self._parts_page:
            self._parts_page, self._parts_of = page, {}
        hit = self._parts_of.get(item.id)
        if hit is None or hit[0] is not item or hit[1] != record:
            hit = self._parts_of[item.id] = (item, record, article_parts(page, item, record))
        return hit[2]

    def retranslate(self) -> None:
        """The words the view adds (the caption mark, the empty view's text) in the current language."""
        if self.parts:
            scrolled = self.verticalScrollBar().value()
            self._render()
            self.verticalScrollBar().setValue(scrolled)  # the reader keeps their place

    def _render(self) -> None:
        """Fill the view's one document again, in one edit (laid out once, no new document to set up)."""
        document = self.document()
        base = QFont(self.font())
        base.setPointSizeF(base.pointSizeF() * BODY_SCALE)
        if document.defaultFont() != base:
            document.setDefaultFont(base)
            document.setDocumentMargin(base.pointSizeF() * 1.2)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        cursor.setBlockFormat(QTextBlockFormat())
        cursor.setBlockCharFormat(QTextCharFormat())
        cursor.block().setUserState(-1)
        if not self.parts:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor("#888888"))
            cursor.insertText(self._empty_text, fmt)
        for n, part in enumerate(self.parts):
            above = LOOK[part.role][3]
            if n and self.parts[n - 1].role in (Role.SECTION, Role.KICKER, Role.TITLE, Role.SUBTITLE) \
                    and part.role is Role.BYLINE:
                above = 0.6
            if part.role is Role.CAPTION and (n == 0 or self.parts[n - 1].role is not Role.CAPTION):
                above = 1.2
            block = self._paragraph(base, part.role, above if n else 0.0)
            chars = self._look(base, part.role)
            if n:
                cursor.insertBlock(block, chars)
            else:
                cursor.setBlockFormat(block)
                cursor.setBlockCharFormat(chars)
            text = part.text
            if part.role is Role.CAPTION:
                text = f"〔{tr('Caption')}〕{text}"
            cursor.insertText(text, chars)
            cursor.block().setUserState(n)
        cursor.endEditBlock()
        self.setTextCursor(QTextCursor(document))  # at the start: the view never follows a cursor left at the end
        self._mark_clicked()

    def _looks_for(self, base: QFont) -> dict[Any, Any]:
        """The formats made for the body font `base` (none yet when the font changed)."""
        if self._looks[0] is None or self._looks[0] != base:
            self._looks = (QFont(base), {})
        return self._looks[1]

    def _look(self, base: QFont, role: Role) -> QTextCharFormat:
        """The characters' format of a part of `role` (`LOOK`) on the body font `base`, made once per font."""
        looks = self._looks_for(base)
        chars = looks.get(role)
        if chars is None:
            scale, bold, colour, _ = LOOK[role]
            face = QFont(base)
            face.setPointSizeF(base.pointSizeF() * scale)
            face.setBold(bold)
            face.setItalic(role is Role.CAPTION)
            chars = looks[role] = QTextCharFormat()
            chars.setFont(face)
            chars.setForeground(QColor(colour))
        return chars

    def _paragraph(self, base: QFont, role: Role, above: float) -> QTextBlockFormat:
        """The paragraph format of a part of `role` with `above` body lines of space over it, on the body
        font `base` (made once per font)."""
        looks = self._looks_for(base)
        block = looks.get((role, above))
        if block is None:
            size, scale = base.pointSizeF(), LOOK[role][0]
            block = looks[role, above] = QTextBlockFormat()
            block.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            if role is Role.BODY:
                block.setTextIndent(INDENT_EM * size * scale * 1.33)  # points to pixels, near enough
            block.setTopMargin(above * size * 1.33)
            if role in (Role.SECTION, Role.KICKER, Role.TITLE, Role.SUBTITLE):
                block.setAlignment(Qt.AlignmentFlag.AlignLeft)
            if role is Role.CAPTION:
                block.setLeftMargin(size)
        return block

    # --- reading and clicking --------------------------------------------------------------------
    def part_at(self, position: int) -> int | None:
        """The index of the part shown at a document position (None: no part)."""
        if not self.parts:
            return None
        state = self.document().findBlock(position).userState()
        return state if 0 <= state < len(self.parts) else None

    def part_rect_top(self, index: int) -> int:
        block = self.document().findBlockByNumber(index)
        return int(self.document().documentLayout().blockBoundingRect(block).top())

    def body_cursor(self, position: int | None = None) -> tuple[int, int] | None:
        """With `position` (default: the cursor) in a body paragraph: which paragraph of the record's body
        it is and how many characters the paragraph shows before it (spaces aside); None elsewhere."""
        position = self.textCursor().position() if position is None else position
        index = self.part_at(position)
        if index is None or self.parts[index].role is not Role.BODY:
            return None
        block = self.document().findBlock(position)
        shown = sum(1 for ch in block.text()[:position - block.position()] if not ch.isspace())
        return sum(1 for p in self.parts[:index] if p.role is Role.BODY), shown

    def source_offset(self, position: int | None = None) -> int | None:
        """The page offset of the character at `position` (default: the cursor) in a body paragraph (where a
        split at the cursor cuts); None outside the body."""
        at = self.body_cursor(position)
        if at is None or self.page is None or self.item_id is None:
            return None
        item = self.page.item(self.item_id)
        blocks = paragraph_blocks(self.page, item)
        if at[0] >= len(blocks):
            return None
        try:
            return paragraph_offset(self.page, blocks[at[0]], at[1])
        except EditError:
            return None

    def context_menu(self, pos: QPoint) -> QMenu:
        """The right-click menu at viewport position `pos`: the paragraph fixes (`context_entries`), then Qt's
        own (copy, select all). Without a selection the cursor first goes to the clicked character, and the
        view takes the focus, so that the fixes' "at the cursor" means there, in this view."""
        if not self.textCursor().hasSelection():
            self.setTextCursor(self.cursorForPosition(pos))
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        return put_first(self.createStandardContextMenu(pos), self.context_entries)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = self.cursorForPosition(event.position().toPoint()).position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return  # text was selected (to copy, or to correct a character): not a click on a part
        index = self.part_at(self.cursorForPosition(event.position().toPoint()).position())
        if index is None:
            return
        self.clicked_part = index
        self._mark_clicked()
        if self.parts[index].spans:
            self.sourceRequested.emit(self.parts[index].spans)

    def _mark_clicked(self) -> None:
        selections = []
        if self.clicked_part is not None and self.clicked_part < len(self.parts):
            mark = QTextEdit.ExtraSelection()
            mark.cursor = QTextCursor(self.document().findBlockByNumber(self.clicked_part))
            mark.format.setBackground(QColor(PARAGRAPH_TINT))
            mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selections.append(mark)
        self.setExtraSelections(selections)

    def show_offset(self, offset: int) -> None:
        """Mark and scroll to the part made of the page text at `offset` (a click in the source)."""
        for n, part in enumerate(self.parts):
            if any(s <= offset < e for s, e in part.spans):
                if n != self.clicked_part:
                    self.clicked_part = n
                    self._mark_clicked()
                    self.ensure_visible(n)
                return

    def ensure_visible(self, index: int) -> None:
        cursor = QTextCursor(self.document().findBlockByNumber(index))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
