"""The items region: the page's items in reading order, each with the number people know it by
(`ItemsModel` in a tree view), the current one selected, several selectable for bulk fixes, dragged to
reorder, optionally only the edited ones shown.

It follows the session: a page shown takes the list's rows (on the turn after the source shows it), an
edit updates only the rows it touched, the current item is selected and scrolled to. Choosing a row
selects that item (through the session); a drop asks for a move (`moveRequested`), which the fixes turn
into an undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QVBoxLayout, QWidget

from ..core.changes import ItemChanges
from .models import ItemsModel, Roles
from .session import Session

TITLE_WIDTH = 240
FITTED = (ItemsModel.NUMBER, ItemsModel.KIND)  # columns as wide as their widest cell


class ItemsList(QWidget):
    moveRequested = Signal(int, int)  # item id, new index

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.only_changed = False
        self._hiding = False  # some rows may be hidden (only the changed ones were shown)
        self._selecting = False
        self.model = ItemsModel(self)
        self.model.moveRequested.connect(self.moveRequested)
        view = self.view = QTreeView()
        view.setObjectName("items")
        view.setModel(self.model)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDropIndicatorShown(True)
        for column in FITTED:  # as wide as their contents (`_fit_columns`), not resized by the user
            view.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        view.setColumnWidth(ItemsModel.TITLE, TITLE_WIDTH)
        # the header shows no selection (its sections are not highlighted), yet sharing the rows' selection
        # it would repaint every section each time the selection changes: it is given one of its own
        view.header().setSelectionModel(QItemSelectionModel(self.model, view.header()))
        view.selectionModel().currentRowChanged.connect(self._row_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        session.pageShownBeside.connect(self._page_shown)
        session.pageEdited.connect(self._page_edited)
        session.itemSelected.connect(self._item_selected)

    def retranslate(self) -> None:
        self.model.retranslate()
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The number and kind columns as wide as their header and their widest cell, as ResizeToContents
        makes them, measured on one row each: the row whose text is widest (the other roles of a cell are
        the same on every row). ResizeToContents asks every row for every role on each layout pass."""
        view, model = self.view, self.model
        header, metrics = view.header(), view.fontMetrics()
        rows = [r for r in range(model.rowCount()) if not (self._hiding and view.isRowHidden(r, QModelIndex()))]
        for column in FITTED:
            width = header.sectionSizeHint(column)
            if rows:
                texts = model.column_texts(column)
                advance = {text: metrics.horizontalAdvance(text) for text in {texts[r] for r in rows}}
                widest = max(rows, key=lambda r, t=texts: advance[t[r]])
                width = max(width, view.sizeHintForIndex(model.index(widest, column)).width())
            width = min(max(width, header.minimumSectionSize()), header.maximumSectionSize())
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def selected_ids(self) -> list[int]:
        """The items selected in the list (the current item if none is)."""
        self.session.show_beside()  # the list shows the page shown
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        ids = [self.model.item_id(r) for r in rows]
        current = self.session.current_item
        return ids or ([current] if current is not None else [])

    def set_only_changed(self, only: bool) -> None:
        """Show only the items an editor changed (the changes tab's check box)."""
        self.only_changed = only
        self._filter()
        self._fit_columns()

    def _filter(self) -> None:
        page = self.model.page
        if page is None or not (self.only_changed or self._hiding):
            return  # every row shown, and none was hidden
        for row, item in enumerate(page.items):
            self.view.setRowHidden(row, QModelIndex(), self.only_changed and not item.edited)
        self._hiding = self.only_changed

    def _page_shown(self) -> None:
        doc = self.session.doc
        self._selecting = True  # the rows take the new page's items: nothing is chosen by that
        try:
            self.view.selectionModel().clear()  # no row selected nor current until the session says which
            self.model.set_page(doc.page if doc is not None else None)
        finally:
            self._selecting = False
        self._filter()
        self._fit_columns()
        self.view.scrollToTop()  # a page opens at its first row, then the current item is scrolled to
        self._item_selected(self.session.current_item, True)

    def _page_edited(self, changes: ItemChanges) -> None:
        self._selecting = True  # rows moving about move the current row: the session says which is current
        try:
            self.model.apply(changes)
        finally:
            self._selecting = False
        self._filter()
        self._fit_columns()  # a number with one more digit, another kind

    def _item_selected(self, item_id: int | None, _scroll: bool) -> None:
        if self.session.beside_pending:
            return  # the rows show another page: the current item is selected when they take this one
        row = self.model.row_of(item_id) if item_id is not None else -1
        if row < 0:
            return
        self._selecting = True
        index = self.model.index(row, 0)
        sm = self.view.selectionModel()
        if sm.currentIndex().row() != row or not sm.isRowSelected(row, QModelIndex()):
            sm.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                               | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        self._selecting = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.session.select(current.data(Roles.ID))
