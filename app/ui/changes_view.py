"""The changes view: what the editor changed on this page against the automatic split, each revertible.

It draws `app.core.diff.diff_pages(auto, current)`; "Revert" asks the window (`revertRequested`) to push
an undoable command built from `revert_change`. "Show only changed" is the items list's filter.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.page import Page
from .i18n import tr

REVERTIBLE = {"field", "correction", "kind", "relabel"}


def diff_pages(auto: Page, current: Page) -> list[Any] | None:
    """The core's diff, or None while `app.core.diff` is not available."""
    try:
        from ..core.diff import diff_pages as core_diff
    except ImportError:
        return None
    return list(core_diff(auto, current))


def detail_text(detail: Any) -> str:
    if isinstance(detail, dict):
        return ", ".join(f"{k}: {v}" for k, v in detail.items())
    return str(detail or "")


class ChangesView(QWidget):
    revertRequested = Signal(object)  # a core Change
    onlyChangedToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changes")
        self.changes: list[Any] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("changes_tree")
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.only_changed = QCheckBox()
        self.only_changed.setObjectName("only_changed")
        self.only_changed.toggled.connect(self.onlyChangedToggled)
        self.revert = QPushButton()
        self.revert.setObjectName("revert")
        self.revert.setEnabled(False)
        self.revert.clicked.connect(self._revert)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.only_changed)
        bar.addWidget(self.revert)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([tr("Change"), tr("Item"), tr("Detail")])
        self.only_changed.setText(tr("Show only changed items"))
        self.revert.setText(tr("Revert"))
        self._show_summary()

    def show_changes(self, auto: Page | None, current: Page | None) -> None:
        """Compute the diff here (tests, small pages); the window runs it on a worker instead."""
        self.show_diff(diff_pages(auto, current) if auto is not None and current is not None else [])

    def show_diff(self, changes: list[Any] | None) -> None:
        """Draw a diff computed elsewhere (None: the core's diff is not available)."""
        self.tree.clear()
        if changes is None:
            self.changes = []
            self.summary.setText(tr("The list of changes is not available yet."))
            return
        self.changes = changes
        for ch in changes:
            detail = detail_text(ch.detail)
            row = QTreeWidgetItem([str(ch.description), "" if ch.item_id is None else str(ch.item_id), detail])
            row.setToolTip(0, str(ch.description))
            row.setToolTip(2, detail)
            if ch.kind not in REVERTIBLE:
                row.setForeground(0, self.palette().placeholderText())
            self.tree.addTopLevelItem(row)
        self.tree.resizeColumnToContents(0)
        self._show_summary()

    def _show_summary(self) -> None:
        n = len(self.changes)
        self.summary.setText(tr("No changes against the automatic split") if not n
                             else tr("{n} change(s) against the automatic split").format(n=n))

    def selected_change(self) -> Any:
        rows = self.tree.selectedItems()
        index = self.tree.indexOfTopLevelItem(rows[0]) if rows else -1
        return self.changes[index] if 0 <= index < len(self.changes) else None

    def _selection_changed(self) -> None:
        change = self.selected_change()
        self.revert.setEnabled(change is not None and change.kind in REVERTIBLE)

    def _revert(self) -> None:
        change = self.selected_change()
        if change is not None:
            self.revertRequested.emit(change)
