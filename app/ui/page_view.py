"""The source view: the page text exactly as loaded, read-only, each item's text tinted in its colour.

Tints are formats set on the lines in view as they come into view (furniture grey, unassigned text red);
the current item is outlined in `paintEvent`, drawn only over the visible lines, so that selecting an item
costs little however long the page. Each line's role (title, byline, caption, body…, unassigned) is shown
over the tint by `RoleGutter`, a strip beside the text painted for the lines in view: a bar in the role's
colour, the role's mark where a paragraph starts, ✎ where the editor corrected the role (for a page just
set, a turn after its text when the window asks so: `set_page(marks_later=True)`). Right-clicking
offers the fixes at the clicked place (`context_entries`). Page offsets (code points, CR/LF kept) and
document positions (UTF-16 units, one separator per line) are converted by `OffsetMap`.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFontDatabase,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
)
from PySide6.QtWidgets import QMenu, QPlainTextDocumentLayout, QPlainTextEdit, QWidget

from ..core.changes import ItemChanges
from ..core.page import Origin, Page, Role
from ..store.summary import UNASSIGNED, PageSummary
from .actions import put_first
from .i18n import tr
from .models import UNASSIGNED_COLOR, item_color, tint_color

OUTLINE_PAD = 4  # pixels around an outline's lines repainted with it (its pen and rounded corners)
_SHIFTING = re.compile("\r\n|[\U00010000-\U0010ffff]")


class OffsetMap:
    """Page offset <-> QTextDocument position. CRLF counts one position; astral characters count two."""

    def __init__(self, text: str) -> None:
        # events: (page offset, delta added to every position from offset+1 on)
        self._page_at: list[int] = []
        self._shift: list[int] = []
        shift = 0
        if "\r" not in text and len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
            self.display = text  # LF line endings, no astral character (two UTF-16 units): the same numbers
            self._doc_at = []
            return
        for m in _SHIFTING.finditer(text):  # only CRLF and astral characters move positions
            shift += -1 if m.group() == "\r\n" else 1
            self._page_at.append(m.start() + 1)
            self._shift.append(shift)
        self._doc_at = [p + s for p, s in zip(self._page_at, self._shift, strict=True)]
        self.display = text.replace("\r\n", "\n").replace("\r", "\n")

    @property
    def same(self) -> bool:
        """Page offsets and document positions are the same numbers (LF endings, no astral character)."""
        return not self._page_at

    def to_doc(self, offset: int) -> int:
        if not self._page_at:  # LF line endings, no astral character: the same numbers
            return offset
        k = bisect_right(self._page_at, offset)
        return offset + (self._shift[k - 1] if k else 0)

    def to_page(self, position: int) -> int:
        if not self._doc_at:
            return position
        k = bisect_right(self._doc_at, position)
        return position - (self._shift[k - 1] if k else 0)


class _Tints:
    """Backgrounds per span, set on the text blocks (lines) of the view's document as they come into view.

    Each block's formats are looked up by bisection and set on its layout (`QTextLayout.setFormats`, as
    a QSyntaxHighlighter does); only that block is laid out again. Blocks in view (and a screenful around
    them) are tinted at once, the rest a few at a time while the app is idle, so a long page shows in
    about the time Qt needs for its plain text; those idle turns (a few milliseconds each) also lay out the
    lines out of view, so that an item scrolled to later is painted without laying out its lines first.
    A block's user state holds the generation it was tinted in; a new page starts a new generation. Where
    spans overlap, a later span replaces an earlier one.
    """

    IDLE_SECONDS = 0.004  # work per idle turn of the event loop: a key or a click waits no longer than this
    # (each turn also repaints the scroll bar, whose range the lines laid out change: few long turns cost less)
    IDLE_BLOCKS = 20  # blocks tinted (and laid out) between two looks at the clock: about a millisecond
    MARGIN = 1.0  # tint this many screenfuls above and below the view at once
    RANGES_KEPT = 10_000  # format ranges kept from page to page, at most (a few hundred a page; letting go of
    # ten thousand costs about 2 ms, once in many pages)

    def __init__(self, view: QPlainTextEdit) -> None:
        self.view = view
        self.starts: list[int] = []
        self.spans: list[tuple[int, int, QTextCharFormat]] = []
        # (start, end, id of the format) -> its FormatRange, made once: the tints' formats are made once each
        # (`_tint_format`), so a range of one recurs on many lines and pages (a column's full lines)
        self._ranges: dict[tuple[int, int, int], QTextLayout.FormatRange] = {}
        self.generation = 0
        self._idle = QTimer(view, singleShot=True, interval=0)
        self._idle.timeout.connect(self._tint_some)
        self._next_idle = 0  # block number the idle tinting goes on from

    def set_spans(self, spans: list[tuple[int, int, QTextCharFormat]], new_page: bool = False) -> None:
        self.spans = sorted(spans, key=itemgetter(0))
        if len(self._ranges) > self.RANGES_KEPT:
            self._ranges = {}
        self.starts = list(map(itemgetter(0), self.spans))
        if new_page:
            self.generation = self.generation % 1_000_000 + 1
            self._next_idle = 0

    def formats(self, block: QTextBlock) -> list[QTextLayout.FormatRange]:
        pos = block.position()
        return self._formats(pos, pos + max(0, block.length() - 1))

    def _formats(self, pos: int, end: int) -> list[QTextLayout.FormatRange]:
        """The format ranges of the block holding document positions [pos, end)."""
        pieces: list[tuple[int, int, QTextCharFormat]] = []  # (start, end, format) within the block
        for a, b, fmt in self._within(pos, end):
            if pieces and a < pieces[-1][1]:  # spans overlap here: work it out per character
                return self._overlapping(pos, end)
            if pieces and a == pieces[-1][1] and fmt is pieces[-1][2]:
                pieces[-1] = (pieces[-1][0], b, fmt)  # one range where one format goes on
            elif b > a:
                pieces.append((a, b, fmt))
        ranges = self._ranges
        out = []
        for a, b, fmt in pieces:  # the same range of a format recurs on many lines (a column's full lines)
            key = (a, b, id(fmt))
            r = ranges.get(key)
            if r is None:
                r = ranges[key] = _range(a, b, fmt)
            out.append(r)
        return out

    def _within(self, pos: int, end: int) -> Iterator[tuple[int, int, QTextCharFormat]]:
        """The spans reaching into the text from `pos` to `end`, in order, cut to it, relative to `pos`."""
        k = max(0, bisect_right(self.starts, pos) - 1)
        while k < len(self.spans):
            s, e, fmt = self.spans[k]
            if s >= end:
                break
            if e > pos:
                yield max(s, pos) - pos, min(e, end) - pos, fmt
            k += 1

    def _overlapping(self, pos: int, end: int) -> list[QTextLayout.FormatRange]:
        """`formats` where spans overlap: a later span replaces an earlier one, character by character."""
        fmt_at: list[QTextCharFormat | None] = [None] * (end - pos)
        for a, b, fmt in self._within(pos, end):
            fmt_at[a:b] = [fmt] * (b - a)
        ranges: list[QTextLayout.FormatRange] = []
        i = 0
        while i < len(fmt_at):
            fmt = fmt_at[i]
            j = i + 1
            while j < len(fmt_at) and fmt_at[j] is fmt:
                j += 1
            if fmt is not None:
                ranges.append(_range(i, j, fmt))
            i = j
        return ranges

    def tint(self, first: QTextBlock, last: QTextBlock, force: bool = False, repaint: bool = True) -> None:
        """Tint the blocks from `first` to `last` that are not tinted in this generation (all, `force`).
        They are laid out and painted again, unless `repaint` is False: blocks out of view, laid out with
        their new formats when they come into view (`setFormats` drops a block's lines, and the view lays
        out a block without lines before it paints it)."""
        document = self.view.document()
        generation, stop = self.generation, last.position()
        run_start = run_end = -1
        block = first
        while block.isValid():
            pos = block.position()
            if force or block.userState() != generation:
                length = block.length()
                ranges = self._formats(pos, pos + max(0, length - 1))
                if ranges or force:  # (a block not tinted in this generation is of this text: it has none)
                    block.layout().setFormats(ranges)
                block.setUserState(generation)
                if run_start < 0:
                    run_start = pos
                run_end = pos + length
            elif run_start >= 0:
                if repaint:
                    document.markContentsDirty(run_start, run_end - run_start)
                run_start = -1
            if pos >= stop:
                break
            block = block.next()
        if run_start >= 0 and repaint:
            document.markContentsDirty(run_start, run_end - run_start)

    def tint_in_view(self, margin: float = MARGIN, repaint: bool = True) -> None:
        """Tint the blocks in view and `margin` screenfuls around them now; the rest when the app is idle. A
        block is at least one line high, so a screenful holds at most as many blocks as it holds lines.
        `repaint=False`: the blocks were never laid out (a new text), so none is laid out again."""
        view = self.view
        lines = self._lines_in_view()
        margin = int(lines * margin)
        first = view.firstVisibleBlock()
        number = first.blockNumber()
        document = view.document()
        start = document.findBlockByNumber(max(0, number - margin))
        end = document.findBlockByNumber(min(document.blockCount() - 1, number + lines + margin))
        self.tint(start, end, repaint=repaint)
        if not self._idle.isActive() and self._next_idle < document.blockCount():
            self._idle.start()

    def _lines_in_view(self) -> int:
        view = self.view
        return max(1, view.viewport().height() // max(1, view.fontMetrics().lineSpacing()))

    @property
    def pending(self) -> bool:
        """Lines out of view are still to be tinted (on the next idle turns)."""
        return self._idle.isActive()

    def retint(self, spans: list[tuple[int, int]]) -> None:
        """Tint again, at once, the blocks that hold any of these document spans."""
        document = self.view.document()
        for start, end in spans:
            self.tint(document.findBlock(start), document.findBlock(max(start, end - 1)), force=True)

    def _tint_some(self) -> None:
        """One idle turn's tinting: `IDLE_BLOCKS` blocks at a time for up to `IDLE_SECONDS`."""
        deadline = time.perf_counter() + self.IDLE_SECONDS
        document = self.view.document()
        count = document.blockCount()
        while self._next_idle < count:
            self._tint_blocks(document, self._next_idle, min(self._next_idle + self.IDLE_BLOCKS, count) - 1)
            if time.perf_counter() >= deadline:
                break
        if self._next_idle < count:
            self._idle.start()

    def _tint_blocks(self, document: QTextDocument, first: int, last: int) -> None:
        """Tint the blocks numbered `first` to `last` (and lay out those out of view)."""
        block, end = document.findBlockByNumber(first), document.findBlockByNumber(last)
        first_seen, lines = self.view.firstVisibleBlock().blockNumber(), self._lines_in_view()
        seen = first <= first_seen + lines and last >= first_seen
        self.tint(block, end, repaint=seen)  # lines out of view: no relayout, no repaint now
        if not seen:  # and laid out now, with their tints, so that scrolling to them (selecting an item
            # there) finds them laid out and the scroll bar's range already right
            layout, stop = document.documentLayout(), end.next()
            while block != stop:
                layout.blockBoundingRect(block)
                block = block.next()
        self._next_idle = last + 1


_TINT_FORMATS: dict[tuple[int, ...], QTextCharFormat] = {}


def _tint_format(background: QColor | None = None, foreground: QColor | None = None,
                 underline: QColor | None = None) -> QTextCharFormat:
    """The format of a tint (a background, perhaps a text colour) or of a correction (a wavy underline in
    a colour), one per look, made once."""
    key = tuple(c.rgba() if c is not None else -1 for c in (background, foreground, underline))
    fmt = _TINT_FORMATS.get(key)
    if fmt is None:
        fmt = _TINT_FORMATS[key] = QTextCharFormat()
        if background is not None:
            fmt.setBackground(background)
        if foreground is not None:
            fmt.setForeground(foreground)
        if underline is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(underline)
    return fmt


def _range(start: int, end: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    r = QTextLayout.FormatRange()
    r.start, r.length, r.format = start, end - start, fmt
    return r


# --- roles: a marker per line in a gutter beside the text -------------------------------------------
UNASSIGNED_ROLE = "unassigned"  # the marker of text that no item holds
# the short mark of each role (English; tr() gives the language) and its colour
ROLE_MARKS: dict[Role | str, str] = {
    Role.SECTION: "Sec", Role.KICKER: "Kick", Role.TITLE: "Title", Role.SUBTITLE: "Sub", Role.BYLINE: "By",
    Role.SUBHEAD: "Head", Role.BODY: "¶", Role.CAPTION: "Cap", Role.AD: "Ad", Role.FURNITURE: "Furn",
    UNASSIGNED_ROLE: "None",
}
ROLE_COLORS: dict[Role | str, str] = {
    Role.SECTION: "#6a1b9a", Role.KICKER: "#e65100", Role.TITLE: "#c62828", Role.SUBTITLE: "#e65100",
    Role.BYLINE: "#2e7d32", Role.SUBHEAD: "#1565c0", Role.BODY: "#9e9e9e", Role.CAPTION: "#ad1457",
    Role.AD: "#795548", Role.FURNITURE: "#616161", UNASSIGNED_ROLE: "#b71c1c",
}
CORRECTED_MARK = "✎"  # before the mark of a line whose role the editor corrected


@dataclass(frozen=True)
class LineMark:
    """What the gutter shows beside one line: its role, whether a paragraph (block) starts on it, whether
    the editor gave it another role than the automatic split did."""

    line: int  # the text block (line) number in the view's document
    role: Role | str
    starts: bool
    corrected: bool


class _Roles:
    """The role of each block's spans as document positions, sorted, built when first needed after the page
    or an edit changed; and the blocks whose role differs from the automatic split's (read only when some
    item was edited by hand, so an untouched page never loads its automatic split)."""

    def __init__(self, page: Page, to_doc: Callable[[int], int], auto: Callable[[], Page | None] | None) -> None:
        entries: list[tuple[int, int, Role | str, int, bool]] = []
        for owner, blocks in [*((it, it.blocks) for it in page.items), (None, page.unassigned)]:
            for b in blocks:
                role = b.role if owner is not None else UNASSIGNED_ROLE
                for k, (s, e) in enumerate(b.spans):
                    entries.append((to_doc(s), to_doc(e), role, b.id, k == 0))
        entries.sort(key=lambda x: x[0])
        self.entries = entries
        self.starts = [x[0] for x in entries]
        self.corrected = _corrected(page, auto) if auto is not None else set()
        self._marks: dict[int, LineMark | None] = {}  # by block number, worked out when first painted

    def mark(self, block: QTextBlock) -> LineMark | None:
        """What the gutter shows beside `block` (None: nothing, a blank line or text no block holds)."""
        number = block.blockNumber()
        if number in self._marks:
            return self._marks[number]
        pos = block.position()
        role, starts, ids = self.line(pos, pos + max(1, block.length() - 1))
        mark = (LineMark(number, role, starts, bool(ids & self.corrected))
                if role is not None and block.text().strip() else None)
        self._marks[number] = mark
        return mark

    def line(self, pos: int, end: int) -> tuple[Role | str | None, bool, set[int]]:
        """The role of the first text held in [pos, end), whether a block starts there, the blocks there."""
        k = max(0, bisect_right(self.starts, pos) - 1)
        role, starts, ids = None, False, set()
        while k < len(self.entries) and self.entries[k][0] < end:
            s, e, r, block_id, first = self.entries[k]
            if e > pos:
                role = r if role is None else role
                starts = starts or (first and s >= pos)
                ids.add(block_id)
            k += 1
        return role, starts, ids


def _corrected(page: Page, auto: Callable[[], Page | None]) -> set[int]:
    """Ids of the blocks of items edited by hand whose role is not the automatic split's there."""
    edited = [b for it in page.items if it.origin is Origin.EDITOR for b in it.blocks]
    if not edited:
        return set()
    before = auto()
    if before is None or before.text != page.text:
        return set()
    spans = sorted((s, e, b.role) for b in before.all_blocks() for s, e in b.spans)
    starts = [s for s, _, _ in spans]
    out = set()
    for b in edited:
        first = b.spans[0][0]
        k = bisect_right(starts, first) - 1
        if k >= 0 and spans[k][1] > first and spans[k][2] is not b.role:
            out.add(b.id)
    return out


class RoleGutter(QWidget):
    """The strip left of the source text: a bar in the role's colour beside every line an item holds (a gap
    where a paragraph starts), the role's mark where a block starts, ✎ before it where the editor changed
    the role. Painted for the lines in view only (like Qt's code editor example's line number area)."""

    PAD = 4  # pixels between the marks and the gutter's edges
    BAR = 3  # the role bar's width in pixels: seen at a glance, narrow beside the text
    GAP = 3  # pixels left out of the bar above a line where a paragraph starts, so paragraphs show apart

    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self.setObjectName("role_gutter")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # it fills itself: nothing behind is painted
        self.view = view
        self.waiting = False  # a page was set whose marks come a turn later (`SourceView.show_marks`)

    def width_needed(self) -> int:
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(CORRECTED_MARK + tr(m)) for m in ROLE_MARKS.values())
        return widest + 3 * self.PAD + self.BAR

    def marks(self) -> list[LineMark]:
        """The marks of the lines in view, as painted."""
        return [mark for mark, _ in self._marks_in_view()]

    def _marks_in_view(self) -> Iterator[tuple[LineMark, QRect]]:
        """Each line in view that shows a mark, with the line's rectangle in the view."""
        view = self.view
        roles = view.roles() if not self.waiting else None
        if roles is None:
            return
        for block, rect in lines_down(view, view.firstVisibleBlock()):
            mark = roles.mark(block)
            if mark is not None:
                yield mark, rect.toRect()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        bar_x = self.width() - self.PAD - self.BAR
        line_height = self.view.fontMetrics().lineSpacing()
        font = painter.font()
        for mark, rect in self._marks_in_view():
            color = _qcolor(ROLE_COLORS[mark.role])
            gap = self.GAP if mark.starts else 0
            painter.fillRect(QRect(bar_x, rect.top() + gap, self.BAR, rect.height() - gap), color)
            if mark.starts:
                text = (CORRECTED_MARK if mark.corrected else "") + tr(ROLE_MARKS[mark.role])
                if font.bold() != mark.corrected:
                    font.setBold(mark.corrected)
                    painter.setFont(font)
                painter.setPen(color)
                line = QRect(0, rect.top(), bar_x - self.PAD, line_height)
                painter.drawText(line, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
        painter.end()


def lines_down(view: QPlainTextEdit, block: QTextBlock) -> Iterator[tuple[QTextBlock, QRectF]]:
    """`block` and the blocks after it down to the bottom of the view, each with its rectangle in the view.
    The first one's is asked of the view, each next one's top is where the one before ends, as in Qt's code
    editor example: `blockBoundingGeometry` walks down from the view's top block on every call, so asking it
    of each line in view costs as much as all the lines above it."""
    if not block.isValid():
        return
    first = view.blockBoundingGeometry(block).translated(view.contentOffset())
    left, top, bottom = first.left(), first.top(), view.viewport().height()
    while block.isValid() and top <= bottom:
        size = view.blockBoundingRect(block)
        yield block, QRectF(left, top, size.width(), size.height())
        top += size.height()
        block = block.next()


_QCOLORS: dict[str, QColor] = {}


def _qcolor(name: str) -> QColor:
    """One QColor per colour name, made once (the gutter paints dozens of bars on each repaint)."""
    color = _QCOLORS.get(name)
    if color is None:
        color = _QCOLORS[name] = QColor(name)
    return color


class SourceView(QPlainTextEdit):
    """Read-only page text. Clicking selects the item that owns the text (`itemClicked`)."""

    itemClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("source")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.setFont(font)
        self._page: Page | Callable[[], Page] | None = None  # (a callable: the page built when first asked for)
        self.summary: PageSummary | None = None  # what the page was first painted from, until it is built
        self.map = OffsetMap("")
        self.current_item: int | None = None
        self._outline: list[tuple[int, int]] = []  # doc spans of the current item
        self._outline_color = QColor("#444")
        self._text_lines: bool | None = None  # the page text's lines are the document's blocks (`_lines_from`)
        self._tints = _Tints(self)
        self._setting_text = False  # a new text is being set: its scroll to the top tints nothing yet
        self._unpainted = False  # a new text was set that the view has not painted yet
        self._spare: QTextDocument | None = None  # an empty document for the next page's text
        self._spare_timer = QTimer(self, singleShot=True, interval=0)  # it is made on an idle turn
        self._spare_timer.timeout.connect(self._make_spare)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.auto: Callable[[], Page | None] | None = None  # the page's automatic split, read when needed
        self._roles: _Roles | None = None
        self.gutter = RoleGutter(self)
        self.context_entries: list[QAction | QMenu | None] = []  # the fixes offered on a right click
        self.updateRequest.connect(self._update_gutter)
        self.update_gutter_width()

    # --- content ---------------------------------------------------------------------------------
    @property
    def page(self) -> Page | None:
        """The page shown (built now, if it was given as a callable and not asked for yet)."""
        if callable(self._page):
            self._page = self._page()
            self.summary = None
        return self._page

    def set_page(self, page: Page | Callable[[], Page] | None, auto: Callable[[], Page | None] | None = None,
                 marks_later: bool = False, summary: PageSummary | None = None) -> None:
        """Show a page: its text, tinted, its lines' roles in the gutter (with `auto`, the automatic split,
        the roles an editor changed are marked). `marks_later`: the gutter stays blank until `show_marks`
        (the window shows them with the panes beside the source, a turn after the text). `page` may be
        given as a callable that builds it, with its `summary`: the text and its tints are painted from
        the summary, and the page is built when first needed (a click, the gutter's marks, an edit)."""
        self._page = page
        self.summary = summary if callable(page) else None
        self.auto = auto
        self._roles = None
        self._text_lines = None
        self.gutter.waiting = marks_later and page is not None
        self.current_item = None
        if page is None:
            self._tints.set_spans([], new_page=True)
            self.setPlainText("")
            self._update_outline()
            return
        shown = self.summary or self.page
        self.map = OffsetMap(shown.text)
        self._tints.set_spans(self._spans(shown), new_page=True)
        self._setting_text = self._unpainted = True
        try:
            self._new_document()
            self.setPlainText(self.map.display)
        finally:
            self._setting_text = False
        self._tints.tint_in_view(margin=0, repaint=False)  # the lines in view, before they are first laid out:
        # the rest on idle turns
        self._update_outline()

    def _new_document(self) -> None:
        """An empty document for a new page's text: the one made ready on an idle turn after the page before
        was shown (`_make_spare`), or a new one. The page before's (its lines tinted and laid out) is let
        go on a later turn, once the new text is painted: emptying it in place first cost as much as
        setting a text."""
        old = self.document()
        ours = old.parent() is self
        document, self._spare = self._spare, None
        if document is not None and document.defaultFont() != old.defaultFont():  # the view's font changed since
            document.deleteLater()
            document = None
        if document is None:
            document = self._empty_document()
        self.setDocument(document)  # (the text control's first document, empty, it deletes itself)
        if ours:
            QTimer.singleShot(0, old.deleteLater)
        self._spare_timer.start()  # the next page's document made on an idle turn, after this one is painted

    def _empty_document(self) -> QTextDocument:
        """An empty document like the view's, for a page's text."""
        old = self.document()
        document = QTextDocument(self)  # the view's own (Qt deletes only documents its text control owns)
        document.setDocumentLayout(QPlainTextDocumentLayout(document))
        document.setDefaultFont(old.defaultFont())
        document.setDocumentMargin(old.documentMargin())
        document.setUndoRedoEnabled(old.isUndoRedoEnabled())
        return document

    def _make_spare(self) -> None:
        if self._spare is None:
            self._spare = self._empty_document()

    def apply(self, changes: ItemChanges) -> None:
        """Follow an edit of the page shown: recolour only the lines whose tint may have changed."""
        self._page, self.summary = changes.page, None
        if changes.structure:
            self._roles = None
            self.gutter.update()
        spans = changes.changed_spans()
        if spans:
            self._tints.set_spans(self._spans(changes.page))
            bar = self.verticalScrollBar().value()
            to_doc = self.map.to_doc
            self._tints.retint([(to_doc(s), to_doc(e)) for s, e in spans])
            self.verticalScrollBar().setValue(bar)
        if self.current_item is not None and not any(it.id == self.current_item for it in changes.page.items):
            self.current_item = None
        self._update_outline()

    def _scrolled(self, _value: int) -> None:
        if not self._setting_text:  # (set_page tints the lines in view of a new text itself)
            self._tints.tint_in_view()

    def _spans(self, page: Page | PageSummary) -> list[tuple[int, int, QTextCharFormat]]:
        """The tints of a page's spans (document positions), from the page model or from its summary: each
        item's text in its colour, unassigned text red, the corrections underlined, in that order."""
        if isinstance(page, PageSummary):
            kinds, fixes = page.items, page.corrections
            starts, ends, owners = page.starts, page.ends, page.owners
        else:
            kinds = [(it.id, it.kind) for it in page.items]
            owned = [(s, e, k) for k, it in enumerate(page.items) for b in it.blocks for s, e in b.spans]
            owned += [(s, e, UNASSIGNED) for b in page.unassigned for s, e in b.spans]
            starts, ends, owners = zip(*owned, strict=True) if owned else ((), (), ())
            fixes = [(c.start, c.end) for c in page.corrections]
        formats = [_tint_format(tint_color(i, kind)) for i, kind in kinds]
        formats.append(_tint_format(QColor(UNASSIGNED_COLOR), QColor("#8b0000")))  # formats[UNASSIGNED]
        fixed = _tint_format(underline=QColor("#1565c0"))
        if not self.map.same:  # page offsets are not document positions: converted
            to_doc = self.map.to_doc
            starts, ends, fixes = map(to_doc, starts), map(to_doc, ends), [(to_doc(s), to_doc(e)) for s, e in fixes]
        out = list(zip(starts, ends, map(formats.__getitem__, owners), strict=True))
        return out + [(s, e, fixed) for s, e in fixes]

    # --- the roles' gutter ------------------------------------------------------------------------
    def roles(self) -> _Roles | None:
        """The blocks' roles by document position, built on the first paint after a change."""
        if self._roles is None and self.page is not None:
            self._roles = _Roles(self.page, self.map.to_doc, self.auto)
        return self._roles

    def show_marks(self) -> None:
        """The gutter shows the roles of the page set with `marks_later`."""
        if self.gutter.waiting:
            self.gutter.waiting = False
            self.gutter.update()

    def update_gutter_width(self) -> None:
        """Room for the widest role mark in the interface's language."""
        self.setViewportMargins(self.gutter.width_needed(), 0, 0, 0)
        self.gutter.update()

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    @property
    def tinting(self) -> bool:
        """Lines out of view are still being tinted while the app is idle."""
        return self._tints.pending

    # --- the current item ------------------------------------------------------------------------
    def set_current_item(self, item_id: int | None, scroll: bool = True) -> None:
        """Outline the item; with `scroll`, an item out of view is scrolled to: its first line in the middle
        of the view, the cursor there. Only the old and the new outline are painted again, unless the
        text scrolled."""
        old = self._outline_rect() if not self._unpainted else None
        self.current_item = item_id
        self._update_outline()
        bar = self.verticalScrollBar().value()
        if scroll and self._outline and not self._outline_visible():
            self._centre(self._outline[0][0])
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._outline[0][0])
            self.setTextCursor(cursor)  # in view now: Qt scrolls no more
        if self._unpainted or self.verticalScrollBar().value() != bar:
            self.viewport().update()  # a new text, or scrolled: the whole view is painted anyway
            return
        for rect in (old, self._outline_rect()):
            if rect is not None:
                self.viewport().update(rect)

    def _centre(self, position: int) -> None:
        """Scroll once so that the line holding document `position` is in the middle of the view, as
        `centerCursor()` places the cursor's line (Qt's own steps), without moving the cursor first (which
        scrolls it into view a first time)."""
        block = self.document().findBlock(position)
        self.blockBoundingRect(block)  # laid out
        line = block.layout().lineForTextPosition(position - block.position())
        half = self.viewport().height() / 2
        height = line.naturalTextRect().center().y()  # from the top block's top to the line's middle
        below = block
        while height < half and block.previous().isValid():  # the blocks above that fill the top half
            below, block = block, block.previous()
            height += self.blockBoundingRect(block).height()
        margin = self.document().documentMargin() if block.blockNumber() == 0 else 0.0
        layout, top = block.layout(), 0
        while top < layout.lineCount() and height + margin - layout.lineAt(top).naturalTextRect().top() > half:
            top += 1  # the top block's first line in view
        if top >= layout.lineCount():
            block, top = below, 0
        self.verticalScrollBar().setValue(block.firstLineNumber() + top)

    def _update_outline(self) -> None:
        self._outline = []
        if self._page is None or self.current_item is None:
            return
        summary, to_doc = self.summary, self.map.to_doc
        if summary is not None:  # the page is not built yet: its summary holds the item's spans
            kind = next((k for i, k in summary.items if i == self.current_item), None)
            if kind is not None:
                self._outline_color = tint_color(self.current_item, kind).darker(190)
                self._outline = sorted((to_doc(s), to_doc(e)) for s, e in summary.item_spans(self.current_item))
            return
        for it in self.page.items:
            if it.id == self.current_item:
                self._outline_color = item_color(self.page, it).darker(190)
                self._outline = sorted((to_doc(s), to_doc(e)) for b in it.blocks for s, e in b.spans)
                break

    def _outline_rect(self) -> QRect | None:
        """The band of the view the current item's outline is drawn in (from its first line in view to its
        last, the view's width), or None when none of it is in view."""
        if not self._outline:
            return None
        viewport = self.viewport()
        top = self.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        first, last = max(self._outline[0][0], top), min(self._outline[-1][1] - 1, bottom)
        if first > last:
            return None
        document = self.document()
        cursor = QTextCursor(document)
        cursor.setPosition(document.findBlock(first).position())  # the outline goes round whole lines
        upper = self.cursorRect(cursor).top()
        block = document.findBlock(last)
        cursor.setPosition(block.position() + max(0, block.length() - 1))
        lower = self.cursorRect(cursor).bottom()
        band = QRect(0, upper - OUTLINE_PAD, viewport.width(), lower - upper + 2 * OUTLINE_PAD)
        return band.intersected(viewport.rect())

    def _outline_visible(self) -> bool:
        top = self.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.cursorForPosition(QPoint(self.viewport().width(), self.viewport().height())).position()
        return any(s < bottom and e > top for s, e in self._outline)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._unpainted = False
        if not self._outline:
            return
        painter = QPainter(self.viewport())
        painter.setPen(QPen(self._outline_color, 2))
        offset, document = self.contentOffset(), self.document()
        for first, last in self._outline_runs():
            top = self.blockBoundingGeometry(document.findBlockByNumber(first)).translated(offset)
            run = top.united(self.blockBoundingGeometry(document.findBlockByNumber(last)).translated(offset))
            painter.drawRoundedRect(run.toRect().adjusted(1, 0, -2, -1), 4, 4)
        painter.end()

    def _outline_runs(self) -> list[tuple[int, int]]:
        """The current item's lines in view as runs (first and last line number) to outline each: a line of
        another item ends a run, a blank line neither ends one nor starts one. Worked out from the lines'
        texts, so that only each run's two ends are asked of the view."""
        outline = self._outline
        block = self.firstVisibleBlock()
        if block.position() < outline[0][0]:  # the lines in view above the item: none is outlined
            block = self.document().findBlock(outline[0][0])
        bottom = self.cursorForPosition(QPoint(0, self.viewport().height())).blockNumber()
        stop = outline[-1][1]  # nor any after its last span
        spans = [s for s, _ in outline]
        runs: list[tuple[int, int]] = []
        run: list[int] = []  # the first and last line of the run going on
        for line, pos, text in self._lines_from(block, bottom):
            if pos >= stop:
                break
            if not text.strip():
                continue
            # spans are disjoint and sorted, so the last one starting before the line's end reaches furthest
            k = bisect_left(spans, pos + max(1, len(text))) - 1
            if k >= 0 and outline[k][1] > pos:
                run = [run[0] if run else line, line]
            elif run:
                runs.append((run[0], run[1]))
                run = []
        if run:
            runs.append((run[0], run[1]))
        return runs

    def _lines_from(self, block: QTextBlock, last: int) -> Iterator[tuple[int, int, str]]:
        """(number, document position, text) of each line (text block) from `block` to the line numbered
        `last`: read from the page text where its lines are the document's blocks (positions are the text's
        offsets, no Unicode paragraph separator), else asked of the blocks."""
        if self._text_lines is None:
            display = self.map.display
            self._text_lines = self.map.same and display.count("\n") + 1 == self.document().blockCount()
        line, pos = block.blockNumber(), block.position()
        if self._text_lines:
            text = self.map.display
            while line <= last:
                end = text.find("\n", pos)
                end = len(text) if end < 0 else end
                yield line, pos, text[pos:end]
                line, pos = line + 1, end + 1
            return
        while block.isValid() and block.blockNumber() <= last:
            yield block.blockNumber(), block.position(), block.text()
            block = block.next()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self.gutter.setGeometry(QRect(area.left(), area.top(), self.gutter.width_needed(), area.height()))
        self._tints.tint_in_view()  # other lines may come into view (or wrap into it)

    # --- mouse and selection ---------------------------------------------------------------------
    def context_menu(self, pos: QPoint) -> QMenu:
        """The right-click menu at viewport position `pos`: the fixes (`context_entries`), then Qt's own
        (copy, select all). Without a selection the cursor first goes where the click was, so that "at
        cursor" means there."""
        if not self.textCursor().hasSelection():
            self.setTextCursor(self.cursorForPosition(pos))
        return put_first(self.createStandardContextMenu(pos), self.context_entries)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.page is None:
            return
        if self.textCursor().hasSelection():
            return
        item_id = self.item_at(self.map.to_page(self.textCursor().position()))
        if item_id is not None:
            self.itemClicked.emit(item_id)

    def item_at(self, offset: int) -> int | None:
        """The item owning `offset`, or the first owned character on its line."""
        if self.page is None:
            return None
        item, _ = self.page.owner_of(offset)
        if item is None:
            text = self.page.text
            line_start = text.rfind("\n", 0, offset) + 1
            line_end = text.find("\n", offset)
            line_end = len(text) if line_end < 0 else line_end
            for i in range(line_start, line_end):
                if not text[i].isspace():
                    item, _ = self.page.owner_of(i)
                    break
        return item.id if item is not None else None

    def selection_span(self) -> tuple[int, int] | None:
        """The selected text as page offsets [start, end), or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.map.to_page(cursor.selectionStart()), self.map.to_page(cursor.selectionEnd())

    def cursor_offset(self) -> int:
        return self.map.to_page(self.textCursor().position())

    def select_span(self, start: int, end: int) -> None:
        """Select page text [start, end) (used by tests and by search results)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.map.to_doc(start))
        cursor.setPosition(self.map.to_doc(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def set_cursor_offset(self, offset: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.map.to_doc(offset))
        self.setTextCursor(cursor)
