"""The learning curve in the quality report: split quality on the pages marked done (cross-validated) against
the number of pages the project's model learnt from, as a small chart and a table.

`CurveChart` draws one line per measure over the points of `app.store.learning.learning_of` (`curve`), the
first point (0 pages) being Newsdesk's own split; `LearningCurve` holds the title, chart and table, and reads
the palette on the main thread like every widget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .i18n import tr

# the curve's measures: key, column title, line colour
LINES = (("article_f1", "Articles F1", "#1f6fb2"), ("headline_accuracy", "Headlines", "#c0392b"),
         ("author_f1", "Authors F1", "#27894a"), ("paragraph_f1", "Paragraphs F1", "#8e5ab5"))
MARGIN = 28  # room for the axes' labels, in pixels
GRID = (0.0, 0.5, 1.0)  # the measures' values marked on the vertical axis
CHART_MIN_HEIGHT = 120


class CurveChart(QWidget):
    """Lines of each measure (0 to 1) against pages learnt from (evenly spaced points, labelled)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learning_chart")
        self.points: list[Mapping[str, Any]] = []
        self.setMinimumHeight(CHART_MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_points(self, points: Sequence[Mapping[str, Any]]) -> None:
        self.points = list(points)
        self.update()

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(self.foregroundRole())
        area = QRectF(MARGIN, 6, max(1, self.width() - MARGIN - 10), max(1, self.height() - MARGIN - 6))
        painter.setPen(QPen(text, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        grid = QColor(text)
        grid.setAlpha(50)
        for value in GRID:
            y = area.bottom() - value * area.height()
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - 8, MARGIN - 4, 16), Qt.AlignmentFlag.AlignRight, f"{value:g}")
        if not self.points:
            return
        n = len(self.points)
        xs = [area.left() + (area.width() * k / (n - 1) if n > 1 else area.width() / 2) for k in range(n)]
        for k, point in enumerate(self.points):
            painter.setPen(text)
            painter.drawText(QRectF(xs[k] - 20, area.bottom() + 4, 40, 16), Qt.AlignmentFlag.AlignHCenter,
                             str(point["pages"]))
        for key, _title, colour in LINES:
            path = QPainterPath()
            for k, point in enumerate(self.points):
                where = QPointF(xs[k], area.bottom() - float(point.get(key, 0.0)) * area.height())
                path.lineTo(where) if k else path.moveTo(where)
            painter.setPen(QPen(QColor(colour), 2))
            painter.drawPath(path)
            painter.setBrush(QColor(colour))
            for k, point in enumerate(self.points):
                painter.drawEllipse(QPointF(xs[k], area.bottom() - float(point.get(key, 0.0)) * area.height()), 3, 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)


class LearningCurve(QWidget):
    """The report's learning-curve region: what was learnt when, the chart, and the table of points."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learning_curve")
        self.learning: Mapping[str, Any] | None = None
        self.title = QLabel()
        self.title.setObjectName("learning_title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = CurveChart()
        self.table = QTableWidget(0, 1 + len(LINES))
        self.table.setObjectName("learning_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.chart, 3)
        layout.addWidget(self.table, 2)

    def retranslate(self) -> None:
        headers = [tr("Pages learnt from")] + [tr(title) for _key, title, _colour in LINES]
        self.table.setHorizontalHeaderLabels(headers)
        for k, (_key, _title, colour) in enumerate(LINES, start=1):
            self.table.horizontalHeaderItem(k).setForeground(QColor(colour))
        self.show_learning(self.learning)

    def show_learning(self, learning: Mapping[str, Any] | None) -> None:
        self.learning = learning
        if not learning:
            self.title.setText(tr("Learning curve: the project has not learnt its paper yet (Page > Learn from "
                                  "the pages marked done)."))
            self.chart.set_points([])
            self.table.setRowCount(0)
            return
        used = tr("in use") if learning["used"] else tr("not used: no better than Newsdesk's own split")
        self.title.setText(tr("Learning curve of the project's model ({trained}, {n} page(s), {used}): split "
                              "quality on pages marked done that it did not learn from; 0 pages: Newsdesk's own split.").format(
            trained=learning["trained"].replace("T", " ")[:16], n=learning["pages"], used=used))
        points = learning["curve"]
        self.chart.set_points(points)
        self.table.setRowCount(len(points))
        for r, point in enumerate(points):
            cells = [str(point["pages"])]
            cells += [f"{float(point.get(key, 0.0)):.3f}" for key, _title, _colour in LINES]
            for c, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not point["pages"]:
                    cell.setToolTip(tr("0 pages: Newsdesk's own split"))
                self.table.setItem(r, c, cell)
