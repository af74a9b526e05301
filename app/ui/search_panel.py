"""Search over the corpus (Ctrl+F): a query box and the matching items; activating one opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .i18n import tr
from .session import Session


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
        self.results = QListWidget()
        self.results.setObjectName("search_results")
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(tr("Search titles and text of every page…"))

    def run(self) -> None:
        text = self.query.text().strip()
        self.results.clear()
        if not text:
            self.count.clear()
            return
        hits = self.session.store.search(text)
        for hit in hits:
            title = hit.title or "(" + tr("no title") + ")"
            row = QListWidgetItem(f"{hit.page_name} · {title}\n{hit.snippet}")
            row.setData(Qt.ItemDataRole.UserRole, (hit.page_id, hit.item_id))
            self.results.addItem(row)
        self.count.setText(tr("{n} result(s)").format(n=len(hits)))

    def _activated(self, row: QListWidgetItem) -> None:
        page_id, item_id = row.data(Qt.ItemDataRole.UserRole)
        self.hitActivated.emit(page_id, item_id)
