"""The page list: the project's pages with status and item count, a status filter, "next to review"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .i18n import tr
from .models import STATUSES, PageListModel, Roles, status_text


class PagesPanel(QWidget):
    pageActivated = Signal(int)  # page id
    nextRequested = Signal()

    def __init__(self, store: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pages")
        self.model = PageListModel(store, self)
        self.filter = QComboBox()
        self.filter.setObjectName("status_filter")
        self.filter.addItem("", None)
        for s in STATUSES:
            self.filter.addItem("", s)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        # a table, not a tree: a tree view lays out every row up front, a table only the rows in sight
        # (a 100k-page project opens at once, as in Anki's browser)
        self.view = QTableView()
        self.view.setObjectName("page_list")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 4)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # fixed widths, not ResizeToContents: sizing to contents reads thousands of rows of a 100k-page list
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.view.activated.connect(lambda index: self.pageActivated.emit(index.data(Roles.ID)))
        self.view.clicked.connect(lambda index: self.pageActivated.emit(index.data(Roles.ID)))
        self.next_button = QPushButton()
        self.next_button.setObjectName("next_page")
        self.next_button.clicked.connect(self.nextRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.next_button)
        self.retranslate()
        self.model.refresh()

    def retranslate(self) -> None:
        self.filter.setItemText(0, tr("All pages"))
        for i, s in enumerate(STATUSES, start=1):
            self.filter.setItemText(i, status_text(s))
        self.next_button.setText(tr("Next page to review"))
        metrics = self.view.fontMetrics()
        pad = 4 * metrics.horizontalAdvance(" ")
        header = self.view.horizontalHeader()
        texts = [status_text(s) for s in STATUSES] + [tr(self.model.COLUMNS[1])]
        header.resizeSection(1, max(metrics.horizontalAdvance(t) for t in texts) + pad)
        header.resizeSection(2, max(metrics.horizontalAdvance(t) for t in ("00000", tr(self.model.COLUMNS[2])))
                             + pad)
        self.model.retranslate()

    def _filter_changed(self, index: int) -> None:
        self.model.set_status_filter(self.filter.itemData(index))

    def refresh(self, current_page: int | None = None) -> None:
        self.model.refresh()
        if current_page is not None:
            self.show_current(current_page)

    def show_current(self, page_id: int) -> None:
        row = self.model.row_of(page_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)

    def selected_page_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.page_id(r) for r in rows]
