"""The quality report (a dock tab beside Changes): `newsdesk report`'s figures in two readable tables.

For the pages marked done, how far the automatic split was from the editor's result: the measures of
`app.core.evaluation.quality_report` (articles recovered, headlines, authors, captions, stray breaks)
and the most frequent kinds of fix; beside them, the learning curve of the project's own model
(`learning_curve.py`). Computed as a background task on the session's project; Refresh recomputes (the
window also refreshes it when a page is saved while the tab is shown).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.evaluation import MEASURE_WORDS, fix_said, quality_report, value_text
from .dialogs import error_text
from .i18n import say, tr
from .learning_curve import LearningCurve
from .session import Session
from .tasks import run_op


def fix_text(name: str) -> str:
    """A kind of fix in words, in the interface's language ("field: tags" is "Tags set by hand"), the words
    `newsdesk report` prints."""
    return say(fix_said(name))


def _table(headers: tuple[str, str], name: str) -> QTableWidget:
    table = QTableWidget(0, 2)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    table.setProperty("headers", headers)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, str]]) -> None:
    table.setRowCount(len(rows))
    for r, (label, value) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(label))
        cell = QTableWidgetItem(value)
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(r, 1, cell)


class ReportView(QWidget):
    """The quality report of the project's done pages; `refresh()` recomputes it on a worker."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report")
        self.session = session
        self.result: dict[str, Any] | None = None
        self.generation = 0
        self.summary = QLabel()
        self.summary.setObjectName("report_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("report_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.measures = _table(("Measure", "Value"), "report_measures")
        self.fixes = _table(("Kind of fix", "Count"), "report_fixes")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        self.curve = LearningCurve()
        tables = QHBoxLayout()
        tables.addWidget(self.measures, 3)
        tables.addWidget(self.fixes, 2)
        tables.addWidget(self.curve, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(tables, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.refresh_button.setText(tr("Refresh"))
        for table in (self.measures, self.fixes):
            table.setHorizontalHeaderLabels([tr(h) for h in table.property("headers")])
        self.curve.retranslate()
        self.show_result(self.result)

    def refresh(self) -> None:
        """Recompute as a background task (the done pages are read on a connection of its own); a result
        outdated by a newer refresh is dropped."""
        self.generation += 1
        generation = self.generation
        self.summary.setText(tr("Computing the quality report…"))

        def failed(error: BaseException) -> None:
            if generation == self.generation:
                self.summary.setText(error_text(error))

        def succeeded(result: dict[str, Any]) -> None:
            if generation == self.generation:
                self.show_result(result)

        run_op(_report, store=self.session.store, success=succeeded, failure=failed)

    def show_result(self, result: Mapping[str, Any] | None) -> None:
        self.result = dict(result) if result is not None else None
        self.curve.show_learning(result.get("learning") if result is not None else None)
        if result is None:
            self.summary.setText(tr("Press Refresh to compare the automatic split with the pages marked done."))
            _fill(self.measures, [])
            _fill(self.fixes, [])
            return
        if not result["pages"]:  # no figure to show: zeros would read as a split that found nothing
            self.summary.setText(tr("No page is marked done yet: nothing to compare."))
            _fill(self.measures, [])
            _fill(self.fixes, [])
            return
        self.summary.setText(tr("{n} page(s) marked done: the automatic split against the editor's result.")
                             .format(n=result["pages"]))
        _fill(self.measures, [(tr(words), value_text(result[key])) for key, words in MEASURE_WORDS.items()
                              if key in result])
        fixes = result.get("fixes") or {}
        _fill(self.fixes, [(fix_text(name), str(n)) for name, n in fixes.items()])


def _report(context: Any) -> dict[str, Any]:
    """The quality report of the done pages, with the project's learning curve (worker side)."""
    from ..store.learning import learning_of

    result = quality_report(context.store.done_pages())
    result["learning"] = learning_of(context.store)
    return result

