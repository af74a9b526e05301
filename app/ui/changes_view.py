"""The changes view: what the editor changed on this page against the automatic split, each revertible.

It draws `app.core.diff.diff_pages(auto, current)`, computed on a worker when the editor pauses, each change
and its details said in words, its item named by the number people know it by (`item_numbers`); choosing a
change shows its item. "Revert" asks the window (`revertRequested`) to push an undoable command built from
`revert_change`. "Show only changed" is the items list's filter.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.diff import ChangeKind
from ..core.diff import diff_pages as core_diff
from ..core.metadata import item_numbers, item_record
from ..core.page import Kind, Page, Role
from .dialogs import error_text
from .i18n import KIND_TEXT, ROLE_TEXT, say, tr
from .item_panel import FIELD_TEXT
from .models import ColumnsModel, plain_tooltip
from .session import Session
from .tasks import run_task

DELAY_MS = 250  # the diff walks every character: wait until the editor pauses


def diff_pages(auto: Page, current: Page) -> list[Any]:
    return list(core_diff(auto, current))


def describe(change: Any) -> str:
    """The change in the interface's language (the core's own sentence, translated)."""
    return say(change.said)


def _role(value: str) -> str:
    return tr(ROLE_TEXT[Role(value)]) if value in set(Role) else value


def _kind(value: str) -> str:
    return tr(KIND_TEXT[Kind(value)]) if value in set(Kind) else value


def _shown(value: Any) -> str:
    """A field's value as people read it: text as it is, authors as 名字（角色）, lists joined with 、."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return f"{value.get('name', '')}（{value['role']}）" if value.get("role") else str(value.get("name", ""))
    if isinstance(value, list | tuple):
        return "、".join(_shown(v) for v in value)
    return "" if value is None else str(value)


def detail_text(change: Any) -> str:
    """What a change did, in words and in the interface's language (never its internal fields)."""
    kind, d = change.kind, change.detail
    if kind is ChangeKind.RELABEL:
        return f"{_role(d['old'])} → {_role(d['new'])}"
    if kind is ChangeKind.KIND:
        return f"{_kind(d['old'])} → {_kind(d['new'])}"
    if kind is ChangeKind.CORRECTION:
        return f"“{d['old']}” → “{d['new']}”"
    if kind is ChangeKind.FIELD:
        field = tr(FIELD_TEXT.get(d["field"], d["field"]))
        if d.get("auto") in (None, "", [], ()):
            return tr("{field} set by hand").format(field=field)
        return tr("{field}: was “{auto}”").format(field=field, auto=_shown(d["auto"]))
    if kind in (ChangeKind.JOINED, ChangeKind.PARAGRAPH_SPLIT):
        return tr("{n} paragraphs → 1").format(n=d["paragraphs"]) if kind is ChangeKind.JOINED else (
            tr("1 paragraph → {n}").format(n=d["paragraphs"]))
    if kind is ChangeKind.ORDER:
        return tr("reading order")
    if "chars" in d:
        return tr("1 character") if d["chars"] == 1 else tr("{n} characters").format(n=d["chars"])
    return ""


class ChangesModel(ColumnsModel):
    """The page's changes as rows: what changed, in which item, the details."""

    COLUMNS = ("Change", "Item", "Detail")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changes: list[Any] = []
        self.labels: dict[int, str] = {}

    def set_changes(self, changes: list[Any], page: Page | None = None) -> None:
        """Show `changes`; with the page, items are named as the editor sees them (position and title)."""
        self.beginResetModel()
        self.changes = list(changes)
        self.labels = {}
        if page is not None:  # the number people know the item by (`item_numbers`), as in the item editor
            numbers = item_numbers(page)
            for it in page.items:
                title = item_record(page, it, tags=False).title
                n = numbers[it.id]
                self.labels[it.id] = f"{n} · {title}" if title else str(n)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.changes)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.changes):
            return None
        ch = self.changes[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                text = describe(ch)
            elif col == 1:
                text = "" if ch.item_id is None else self.labels.get(ch.item_id, str(ch.item_id))
            else:
                text = detail_text(ch)
            return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole and text else text
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and not ch.revertible:
            from PySide6.QtWidgets import QApplication

            return QApplication.palette().placeholderText()
        return None


class ChangesView(QWidget):
    """The changes tab. With a session it follows the page shown: the diff runs on a worker once the
    editor pauses (`DELAY_MS`), and a diff outdated by a newer edit is dropped."""

    revertRequested = Signal(object)  # a core Change
    onlyChangedToggled = Signal(bool)
    failed = Signal(str)  # the diff could not be computed (said in one line)

    def __init__(self, session: Session | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changes")
        self.session = session
        self.generation = 0
        self.timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        if session is not None:
            session.pageShown.connect(self.timer.start)
            session.pageEdited.connect(self.timer.start)
        self.model = ChangesModel(self)
        self.table = QTableView()
        self.table.setObjectName("changes_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
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
        layout.addWidget(self.table)
        self.retranslate()

    def retranslate(self) -> None:
        """Headers and rows in the current language; the first column sized to its new text."""
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(ChangesModel.COLUMNS) - 1)
        if self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1, len(ChangesModel.COLUMNS) - 1))
        self.table.resizeColumnToContents(0)
        self.only_changed.setText(tr("Show only changed items"))
        self.revert.setText(tr("Revert"))
        self._show_summary()

    def refresh(self) -> None:
        """Diff the page shown against its automatic split on a worker (pages are immutable)."""
        doc = self.session.doc if self.session is not None else None
        self.generation += 1
        if doc is None:
            self.show_diff([], None)
            return
        generation, auto, page = self.generation, doc.auto, doc.page

        def done(result: Any = None, error: BaseException | None = None) -> None:
            if generation != self.generation:
                return
            if error is not None:
                self.failed.emit(error_text(error))
                result = []
            self.show_diff(result, page)

        run_task(lambda: diff_pages(auto, page), done)

    def show_changes(self, auto: Page | None, current: Page | None) -> None:
        """Compute the diff here (tests, small pages); the window runs it on a worker instead."""
        self.show_diff(diff_pages(auto, current) if auto is not None and current is not None else [], current)

    @property
    def changes(self) -> list[Any]:
        return self.model.changes

    def show_diff(self, changes: list[Any], page: Page | None = None) -> None:
        """Draw a diff computed elsewhere (the window runs it on a worker) for `page`."""
        self.model.set_changes(changes, page)
        self.table.resizeColumnToContents(0)
        self.revert.setEnabled(False)
        self._show_summary()

    def _show_summary(self) -> None:
        n = len(self.changes)
        self.summary.setText(tr("No changes against the automatic split") if not n
                             else tr("{n} change(s) against the automatic split").format(n=n))

    def selected_change(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        index = rows[0].row() if rows else -1
        return self.changes[index] if 0 <= index < len(self.changes) else None

    def _selection_changed(self, *_: Any) -> None:
        """A change chosen: Revert is offered if it can be undone alone, and its item is shown (selected in
        the items, its text outlined in the source)."""
        change = self.selected_change()
        self.revert.setEnabled(change is not None and change.revertible)
        if change is not None and change.item_id is not None and self.session is not None and (
                self.session.current_item != change.item_id):
            self.session.select(change.item_id)

    def _revert(self) -> None:
        change = self.selected_change()
        if change is not None:
            self.revertRequested.emit(change)
