"""The source region: the notice bar, the page text as loaded (tinted, `SourceView`), the legend of the
line roles under it (`RoleLegend`: its entries wrap whole, at any width and in either language), and the
correction row.

It follows the session: a page shown is set in the view (its lines' roles shown in the gutter with the
panes beside the source, a turn later), an edit recolours only what it changed, the current item is
outlined. Clicking text selects the item that owns it (through the session). The
correction row (Edit > Correct selected text, F2) sends `correctionEntered` with the text typed; the
fixes turn it into an undoable command.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..core.changes import ItemChanges
from ..core.page import Role
from .flow_layout import FlowLayout
from .i18n import ROLE_TEXT, tr
from .page_view import CORRECTED_MARK, ROLE_COLORS, ROLE_MARKS, UNASSIGNED_ROLE, SourceView
from .session import Session

NOTICE_STYLE = "background:#fff4c2;border:1px solid #e0c060;padding:4px;"
ENTRY_SPACING = 10  # pixels between two entries of the legend: about one character, so that entries read apart


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
        self.legend = RoleLegend()
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
        layout.addWidget(self.legend)
        layout.addLayout(row)
        session.pageShown.connect(self._page_shown)
        session.pageShownBeside.connect(self.view.show_marks)  # the roles beside the text, a turn after it
        session.pageEdited.connect(self._page_edited)
        session.itemSelected.connect(self.view.set_current_item)

    def retranslate(self) -> None:
        self.legend.retranslate()
        self.view.update_gutter_width()
        self.correction_label.setText(tr("Correct selected text:"))
        self.correction.setPlaceholderText(tr("select text in the source, type the right text, press Enter"))

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _page_shown(self) -> None:
        doc = self.session.doc
        if doc is None:
            self.view.set_page(None)
        elif doc.built or doc.summary is None:
            self.view.set_page(doc.page, lambda: doc.auto, marks_later=True)
        else:  # painted from its summary; the page model built when the view needs it (or the window does)
            self.view.set_page(lambda: doc.page, lambda: doc.auto, marks_later=True, summary=doc.summary)

    def _page_edited(self, changes: ItemChanges) -> None:
        self.view.apply(changes)


def legend_words() -> list[tuple[str, str, str]]:
    """The gutter's marks with what each means and its colour, in the interface's language."""
    out = []
    for role, mark in ROLE_MARKS.items():
        name = tr("Unassigned") if role == UNASSIGNED_ROLE else tr(ROLE_TEXT[Role(role)])
        out.append((tr(mark), name, ROLE_COLORS[role]))
    out.append((CORRECTED_MARK, tr("role corrected by the editor"), "#000000"))
    return out


def entry_html(mark: str, name: str, color: str) -> str:
    """One entry of the legend: the mark in its colour, then its meaning (both our own words)."""
    meaning = "" if mark == name else " " + html.escape(name)
    return f'<small><b style="color:{color}">{html.escape(mark)}</b>{meaning}</small>'


class RoleLegend(QWidget):
    """The legend under the source: "Line roles:", then one label per mark, laid out in a `FlowLayout`, so
    that a narrow pane wraps it between two entries, never inside one (a mark away from its meaning)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("role_legend")
        self.flow = FlowLayout(self, spacing=ENTRY_SPACING)
        self.flow.setContentsMargins(0, 0, 0, 0)
        self.entries: list[QLabel] = []
        self.words: list[tuple[str, str, str]] = []  # each entry's mark, meaning and colour

    def retranslate(self) -> None:
        words = self.words = [(tr("Line roles:"), tr("Line roles:"), "")] + legend_words()
        while len(self.entries) < len(words):
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.RichText)
            self.flow.addWidget(label)
            self.entries.append(label)
        for label, (mark, name, color) in zip(self.entries, words, strict=True):
            label.setText(f"<small>{html.escape(mark)}</small>" if not color else entry_html(mark, name, color))
        self.flow.invalidate()

    def text(self) -> str:
        """The legend as plain text, entry by entry."""
        return "  ".join(mark if mark == name else f"{mark} {name}" for mark, name, _ in self.words)
