"""Search over the corpus (Ctrl+F): a query box and the matching items; activating one opens it.

The hits are a Qt model (`SearchResultsModel`, a list model over the store's `SearchHit`s) in a `QListView`:
each row names the page, the item by the number people know it by (as in the item editor and `newsdesk
search`) and its title, over a line of context around the first match.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from ..store.search import SearchHit
from .i18n import tr
from .models import plain_tooltip
from .session import Session

Index = QModelIndex | QPersistentModelIndex
HIT = Qt.ItemDataRole.UserRole  # a row's (page id, item id)


def hit_text(hit: SearchHit) -> str:
    """A hit as its row shows it: "page · Item 3 · title", then the context of the match."""
    title = hit.title or "(" + tr("no title") + ")"
    return f"{hit.page_name} · {tr('Item')} {hit.index + 1} · {title}\n{hit.snippet}"


class SearchResultsModel(QAbstractListModel):
    """The hits of the last search, in the store's order; `HIT` gives a row's (page id, item id)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def retranslate(self) -> None:
        """The words the rows add ("Item", "no title") in the current language."""
        if self.hits:
            self.dataChanged.emit(self.index(0), self.index(len(self.hits) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit_text(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(hit_text(hit))
        if role == HIT:
            return hit.page_id, hit.item_id
        return None


class SearchPanel(QWidget):
    hitActivated = Signal(int, object)  # page id, item id (or None)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search")
        self.session = session
        self.query = QLineEdit()
        self.query.setObjectName("search_query")
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.run)
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("search_results")
        self.results.setModel(self.model)
        self.results.setWordWrap(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.activated.connect(self._activated)
        self.results.clicked.connect(self._activated)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self._searched = False  # the count is said once a search ran
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(tr("Search titles and text of every page…"))
        self.model.retranslate()
        self._show_count()

    def run(self) -> None:
        text = self.query.text().strip()
        self.model.set_hits(self.session.store.search(text) if text else [])
        self._searched = bool(text)
        self._show_count()

    def _show_count(self) -> None:
        if self._searched:
            self.count.setText(tr("{n} result(s)").format(n=self.model.rowCount()))
        else:
            self.count.clear()

    def _activated(self, index: QModelIndex) -> None:
        page_id, item_id = index.data(HIT)
        self.hitActivated.emit(page_id, item_id)
