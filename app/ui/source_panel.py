"""The source region: the notice bar, the page text as loaded (tinted, `SourceView`) and the correction row.

It follows the session: a page shown is set in the view, an edit recolours only what it changed, the
current item is outlined. Clicking text selects the item that owns it (through the session). The
correction row (Edit > Correct selected text, F2) sends `correctionEntered` with the text typed; the
fixes turn it into an undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..core.changes import ItemChanges
from .i18n import tr
from .page_view import SourceView
from .session import Session

NOTICE_STYLE = "background:#fff4c2;border:1px solid #e0c060;padding:4px;"


class SourcePanel(QWidget):
    correctionEntered = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        self.view = SourceView()
        self.view.itemClicked.connect(lambda item_id: session.select(item_id, scroll=False))
        self.correction = QLineEdit()
        self.correction.setObjectName("correction")
        self.correction.returnPressed.connect(self.correctionEntered)
        self.correction_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.correction_label)
        row.addWidget(self.correction, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        session.pageShown.connect(self._page_shown)
        session.pageEdited.connect(self._page_edited)
        session.itemSelected.connect(self.view.set_current_item)

    def retranslate(self) -> None:
        self.correction_label.setText(tr("Correct selected text:"))
        self.correction.setPlaceholderText(tr("select text in the source, type the right text, press Enter"))

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _page_shown(self) -> None:
        doc = self.session.doc
        self.view.set_page(doc.page if doc is not None else None)

    def _page_edited(self, changes: ItemChanges) -> None:
        self.view.apply(changes)
