"""Qt models over the project's pages and over one page's items; they hold ids and build rows lazily.

`PageListModel` lists the project's pages (name, status, item count): ids up front, rows on demand. `ItemsModel` lists a page's
items in reading order (number, kind, title, preview) and turns a drag-and-drop into a `moveRequested` signal;
the window pushes the undoable command, the model never edits the page itself.
"""

from __future__ import annotations

import html
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ..core.changes import ItemChanges
from ..core.metadata import item_numbers, item_record
from ..core.page import Item, Kind, Page
from ..core.status import Status
from .i18n import KIND_TEXT, STATUS_TEXT, tr

Index = QModelIndex | QPersistentModelIndex
ITEM_MIME = "application/x-newsdesk-item"

STATUSES = tuple(Status)

# pastel tints, one per item in turn; furniture is grey and unassigned text red
ITEM_COLORS = ("#ffe2a8", "#c9e7ff", "#d4f2c4", "#f3d1f4", "#ffd3c2", "#d9d6ff", "#c8f0ea", "#f6f0b0",
               "#e6d7c3", "#ffc9de", "#d0e4c0", "#c5d6f2")
FURNITURE_COLOR = "#d4d4d4"
UNASSIGNED_COLOR = "#ff9c9c"


def status_text(status: str) -> str:
    return tr(STATUS_TEXT.get(status, status))


def kind_text(kind: Kind) -> str:
    return tr(KIND_TEXT[kind])


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def item_color(page: Page, item: Item) -> QColor:
    """The item's tint: by its place among the page's articles, grey for furniture."""
    return tint_color(item.id, item.kind)


def tint_color(item_id: int, kind: Kind) -> QColor:
    """`item_color` of the item `item_id` of this kind."""
    if kind is Kind.FURNITURE:
        return QColor(FURNITURE_COLOR)
    return QColor(ITEM_COLORS[item_id % len(ITEM_COLORS)])


def plain_tooltip(text: str) -> str:
    """User text (a file name, a title) as a tooltip that shows exactly that text. Qt reads a tooltip that
    looks like HTML as rich text (`<img src=/a/local/file>` would load that file); escaped inside a
    paragraph of its own, every character is shown as it is, line breaks kept."""
    return f'<p style="white-space:pre-wrap">{html.escape(text)}</p>'


class Roles(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    STATUS = Qt.ItemDataRole.UserRole + 2


# the roles ItemsModel answers, as the plain ints a view asks with
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_DECORATION, _FONT, _ID = int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.FontRole), int(Roles.ID)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
# a row's flags (those QAbstractTableModel gives, and dragged to reorder) and the list's (dropped on), as
# constants: asked for every cell painted, and flag arithmetic on Python enums costs more than the lookup
_ROW_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
              | Qt.ItemFlag.ItemIsDragEnabled)
_LIST_FLAGS = Qt.ItemFlag.ItemIsDropEnabled
_CELL_ROLES = frozenset([_DISPLAY, _TOOLTIP, _DECORATION, _FONT, _ID, _ALIGNMENT])  # the roles `ItemsModel._cells` sets


class ColumnsModel(QAbstractTableModel):
    """A flat table with translated column headers; subclasses give COLUMNS and `row_count()`."""

    COLUMNS: tuple[str, ...] = ()

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section]) if 0 <= section < len(self.COLUMNS) else None
        return None


class PageListModel(ColumnsModel):
    """The project's pages, optionally filtered by status. Like Anki's `DataModel` it holds only the
    page ids (one indexed query); a row's `PageRow` is read when the view first asks for it, a block
    of rows at a time, and kept in a cache that `refresh` marks stale."""

    COLUMNS = ("Page", "Status", "Items")
    BLOCK = 200  # rows read together: about a screenful and a half

    def __init__(self, store: Any = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.status_filter: str | None = None
        self._ids: list[int] = []
        self._rows: dict[int, Any] = {}  # row -> PageRow, filled on demand
        self._row_of: dict[int, int] | None = None  # page id -> row, built on first lookup
        self.loaded = False  # the ids were read (`refresh`)

    def row_count(self) -> int:
        return len(self._ids)

    def set_store(self, store: Any) -> None:
        self.store = store
        self.refresh()

    def set_status_filter(self, status: str | None) -> None:
        self.status_filter = status
        self.refresh()

    def retranslate(self) -> None:
        """Headers and statuses in the current language, the rows kept (nothing is read again)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))

    def refresh(self) -> None:
        """Re-read the ids; the same ids keep the rows (their cache marked stale), others reset."""
        self.loaded = True
        ids = self.store.list_page_ids(status=self.status_filter) if self.store is not None else []
        if ids == self._ids:
            self._rows.clear()
            if ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self._ids = ids
        self._rows.clear()
        self._row_of = None
        self.endResetModel()

    def row_of(self, page_id: int) -> int:
        if self._row_of is None:
            self._row_of = {page_id: row for row, page_id in enumerate(self._ids)}
        return self._row_of.get(page_id, -1)

    def page_id(self, row: int) -> int:
        return self._ids[row]

    def page_ids(self) -> list[int]:
        """Every listed page id, in list order."""
        return list(self._ids)

    def page_row(self, row: int) -> Any:
        """The `PageRow` at `row`, read from the store (with its neighbours) if not cached."""
        hit = self._rows.get(row)
        if hit is None:
            first = row - row % self.BLOCK
            ids = self._ids[first:first + self.BLOCK]
            found = {r.id: r for r in self.store.page_rows(ids)}
            for i, page_id in enumerate(ids, first):
                if page_id in found:
                    self._rows[i] = found[page_id]
            hit = self._rows.get(row)
        return hit

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == Roles.ID:
            return self._ids[index.row()]
        r = self.page_row(index.row())
        col = index.column()
        if r is None:  # deleted since the ids were read (another window): says so until the next refresh
            return tr("(page removed)") if role == Qt.ItemDataRole.DisplayRole and col == 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.name, status_text(r.status), r.item_count)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{r.name} · {status_text(r.status)}")
        if role == Roles.STATUS:
            return r.status
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and r.status == Status.DONE:
            return QBrush(QColor("#2e7d32"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ItemsModel(ColumnsModel):
    """A page's items in reading order: the number people know each by (`item_numbers`, as in the item
    editor and the changes view), kind, title, preview. Drag a row to reorder.

    `set_page` shows another page in the rows there are (`dataChanged`), rows beyond them removed or
    inserted, not by a reset (after which the view lays itself out again and paints the list twice, its
    scroll bars hidden and shown again); `apply` follows an edit of the page shown row by row: removed
    rows, moved rows, inserted rows and `dataChanged` for the items that changed, so the view keeps its
    selection and scroll position and lays out nothing else."""

    COLUMNS = ("No.", "Kind", "Title", "Preview")
    NUMBER, KIND, TITLE, PREVIEW = range(4)
    moveRequested = Signal(int, int)  # item id, new index

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.page: Page | None = None
        self._ids: list[int] = []
        self._items: dict[int, Item] = {}
        self._cache: dict[int, tuple[Item, dict[tuple[int, int], Any]]] = {}
        self._numbers: dict[int, int] = {}

    def row_count(self) -> int:
        return len(self._ids)

    def set_page(self, page: Page | None) -> None:
        """Show `page`'s items (None: none) in place of the rows shown."""
        root = QModelIndex()
        ids = [it.id for it in page.items] if page else []
        if len(ids) < len(self._ids):
            self.beginRemoveRows(root, len(ids), len(self._ids) - 1)
            del self._ids[len(ids):]
            self.endRemoveRows()
        kept = len(self._ids)
        self.page = page
        self._items = {it.id: it for it in page.items} if page else {}
        self._numbers = item_numbers(page) if page else {}
        self._cache.clear()
        self._ids[:] = ids[:kept]  # the rows there are show the new page's first items
        if len(ids) > kept:
            self.beginInsertRows(root, kept, len(ids) - 1)
            self._ids[kept:] = ids[kept:]
            self.endInsertRows()
        if kept:
            self.dataChanged.emit(self.index(0, 0), self.index(kept - 1, len(self.COLUMNS) - 1))

    def apply(self, changes: ItemChanges) -> None:
        """Follow one edit of the page shown: only the rows it touched change."""
        page = changes.page
        self._items = {**self._items, **{it.id: it for it in page.items}}  # rows mid-way read either page
        root = QModelIndex()
        gone = set(changes.removed)
        rows = [row for row, item_id in enumerate(self._ids) if item_id in gone]
        for first, last in reversed(_runs(rows)):
            self.beginRemoveRows(root, first, last)
            del self._ids[first:last + 1]
            self.endRemoveRows()
        added = set(changes.added)
        for pos, item_id in enumerate(i for i in (it.id for it in page.items) if i not in added):
            row = self._ids.index(item_id)
            if row != pos:  # rows before `pos` are in place already, so the row moves up
                self.beginMoveRows(root, row, row, root, pos)
                self._ids.insert(pos, self._ids.pop(row))
                self.endMoveRows()
        for pos, item in enumerate(page.items):
            if item.id in added:
                self.beginInsertRows(root, pos, pos)
                self._ids.insert(pos, item.id)
                self.endInsertRows()
        self.page = page
        self._items = {it.id: it for it in page.items}
        last_column = len(self.COLUMNS) - 1
        for item_id in changes.changed:
            self._cache.pop(item_id, None)
            row = self.row_of(item_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
        numbers, self._numbers = self._numbers, item_numbers(page)
        for row, item_id in enumerate(self._ids):  # an item split or merged renumbers the items after it
            if item_id in numbers and numbers[item_id] != self._numbers.get(item_id) and item_id not in changes.changed:
                self.dataChanged.emit(self.index(row, self.NUMBER), self.index(row, self.NUMBER))

    def retranslate(self) -> None:
        """Headers and kind names in the current language, every row kept."""
        self._cache.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))

    def item_id(self, row: int) -> int:
        return self._ids[row]

    def column_texts(self, column: int) -> list[str]:
        """Each row's text in `column`; the number and the kind without working out the rest of the row
        (what fitting those columns to their contents measures)."""
        if column == self.NUMBER:
            return [str(self._numbers.get(item_id, "")) for item_id in self._ids]
        if column == self.KIND:
            return [kind_text(self._items[item_id].kind) for item_id in self._ids]
        return [self.data(self.index(row, column)) or "" for row in range(len(self._ids))]

    def row_of(self, item_id: int) -> int:
        try:
            return self._ids.index(item_id)
        except ValueError:
            return -1

    def _cells(self, row: int) -> dict[tuple[int, int], Any]:
        """What the view shows of a row, by (role, column): worked out once per item (items are immutable),
        so that painting the list asks only dict lookups."""
        assert self.page is not None
        item = self._items[self._ids[row]]
        hit = self._cache.get(item.id)
        if hit is not None and hit[0] is item:
            return hit[1]
        record = item_record(self.page, item, tags=False)
        title = record.headline
        preview = record.first_text[:60]
        if not title:
            title = "(" + tr("no title") + ")" if item.kind is not Kind.FURNITURE else preview[:24]
        cells: dict[tuple[int, int], Any] = {(_ID, column): item.id for column in range(len(self.COLUMNS))}
        cells.update({(_TOOLTIP, column): plain_tooltip(title) for column in range(len(self.COLUMNS))})
        cells[_DISPLAY, self.KIND], cells[_DISPLAY, self.TITLE] = kind_text(item.kind), title
        cells[_DISPLAY, self.PREVIEW] = preview
        cells[_DECORATION, self.NUMBER] = item_color(self.page, item)
        cells[_ALIGNMENT, self.NUMBER] = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if item.edited:
            font = QFont()
            font.setItalic(True)
            cells[_FONT, self.TITLE] = font
        self._cache[item.id] = (item, cells)
        return cells

    # --- model API -------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _CELL_ROLES:  # asked for each cell painted (background, check state…): none set here
            return None
        row = index.row()  # -1 for an invalid index
        if self.page is None or not (0 <= row < len(self._ids)):
            return None
        column = index.column()
        if column == self.NUMBER and role == _DISPLAY:  # numbers change with other items (a split before)
            return str(self._numbers.get(self._ids[row], ""))
        return self._cells(row).get((role, column))

    def multiData(self, index: Index, span: Any) -> None:  # noqa: N802
        """Every role a delegate asks of one cell in one call (Qt's item delegate asks seven for each
        cell it paints): a call from Qt into Python each, as `data`, cost more than the painting."""
        row = index.row()
        if self.page is None or not (0 <= row < len(self._ids)):
            for k in range(len(span)):
                span[k].clearData()
            return
        cells = self._cells(row)
        column = index.column()
        for k in range(len(span)):
            slot = span[k]
            role = slot.role()
            if column == self.NUMBER and role == _DISPLAY:
                value = str(self._numbers.get(self._ids[row], ""))
            else:
                value = cells.get((role, column))
            if value is None:
                slot.clearData()
            else:
                slot.setData(value)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _LIST_FLAGS

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(ITEM_MIME, QByteArray(str(self._ids[rows[0]]).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return data.hasFormat(ITEM_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        """Ask for a move; returns False so that the view does not remove the dragged row itself."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item_id = int(bytes(data.data(ITEM_MIME).data()).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._ids)
        old = self.row_of(item_id)
        new_index = row - 1 if old < row else row
        new_index = max(0, min(new_index, len(self._ids) - 1))
        if new_index != old:
            self.moveRequested.emit(item_id, new_index)
        return False
