"""The item editor: kind, section, kicker, title, subtitle, authors and tags in a compact form, and the
article view (`article_view.py`): the item as the export writes it, which the window sets beside the form.

The panel shows the session's current item (on the turn after the source shows a new page) and reports
what the user changed (`fieldEdited`, `kindChosen`); the fixes turn each report into an undoable command.
Values are shown as plain text (QLineEdit and the article view never interpret markup). Programmatic
updates never emit the signals.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.metadata import item_numbers, item_record
from ..core.page import Item, Kind, Page
from ..core.record import TEXT_FIELDS, ItemRecord
from .article_view import ArticleView
from .i18n import tr
from .models import kind_text
from .session import Session

FIELD_TEXT = {"section": "Section", "kicker": "Kicker", "title": "Title", "subtitle": "Subtitle",
              "authors": "Authors", "tags": "Tags", "kind": "Kind"}
AUTHOR_ROWS = 4  # the authors table shows this many rows without scrolling (a byline of 记者, 通讯员, 摄影…)
TAG_ROWS = 2  # and the tags this many lines


class ItemPanel(QWidget):
    """The editor region: follows the session's current item; edits go out as signals (the fixes)."""

    fieldEdited = Signal(int, str, object)  # item id, field name, value
    kindChosen = Signal(int, object)  # item id, Kind

    def __init__(self, session: Session | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("item_panel")
        self.session = session
        if session is not None:
            session.itemSelected.connect(self._item_selected)
            session.pageShownBeside.connect(lambda: self._item_selected(session.current_item, True))
        self.page: Page | None = None
        self.item_id: int | None = None
        self.read_only = False
        self._read_only_set = False
        self.tags_ready = False
        self._tags: list[str] = []
        self._numbered: tuple[Page | None, dict[int, int]] = (None, {})

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("heading")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for k in Kind:
            self.kind.addItem(kind_text(k), k)
        self.kind.activated.connect(self._kind_activated)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {"kind": QLabel()}
        form.addRow(self.labels["kind"], self.kind)
        for name in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.textEdited.connect(lambda text, n=name: self._text_edited(n, text))
            edit.installEventFilter(self)
            self.edits[name] = edit
            self.labels[name] = QLabel()
            form.addRow(self.labels[name], edit)

        self.authors = QTableWidget(0, 2)
        self.authors.setObjectName("authors")
        self.authors.verticalHeader().hide()
        self.authors.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.authors.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        rows = self.authors.fontMetrics().height() + 10
        self.authors.verticalHeader().setDefaultSectionSize(rows)
        self.authors.setFixedHeight(self.authors.horizontalHeader().sizeHint().height() + AUTHOR_ROWS * rows
                                    + 2 * self.authors.frameWidth())
        self.authors.itemChanged.connect(self._authors_changed)
        self._author_triggers = self.authors.editTriggers()
        self.add_author = QPushButton()
        self.add_author.clicked.connect(self._add_author_row)
        self.remove_author = QPushButton()
        self.remove_author.clicked.connect(self._remove_author_rows)
        author_buttons = QHBoxLayout()
        author_buttons.addWidget(self.add_author)
        author_buttons.addWidget(self.remove_author)
        author_buttons.addStretch()
        authors_box = QVBoxLayout()
        authors_box.addWidget(self.authors)
        authors_box.addLayout(author_buttons)
        self.labels["authors"] = QLabel()
        form.addRow(self.labels["authors"], authors_box)

        self.tags = QListWidget()
        self.tags.setObjectName("tags")
        self.tags.setFlow(QListWidget.Flow.LeftToRight)
        self.tags.setWrapping(True)
        line = self.tags.fontMetrics().height() + 8
        self.tags.setFixedHeight(TAG_ROWS * line + 2 * self.tags.frameWidth() + 4)
        self.tags.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tag_input = QLineEdit()
        self.tag_input.setObjectName("tag_input")
        self.tag_input.returnPressed.connect(self._add_tag)
        self.tag_words = QStringListModel(self)
        completer = QCompleter(self.tag_words, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag_input.setCompleter(completer)
        self.remove_tag = QPushButton()
        self.remove_tag.clicked.connect(self._remove_tags)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tag_input)
        tag_row.addWidget(self.remove_tag)
        tags_box = QVBoxLayout()
        tags_box.addWidget(self.tags)
        tags_box.addLayout(tag_row)
        self.labels["tags"] = QLabel()
        form.addRow(self.labels["tags"], tags_box)

        # the item as exported, large: the window sets it beside the form (`body`: the fixes read the text
        # selected in it, e.g. a wrong character to correct)
        self.article = self.body = ArticleView()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addStretch(1)
        self.retranslate()
        self.setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Undo/Redo keys in a field go to the page's undo stack, not to the line edit's own history."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            return True  # left unaccepted: the window's Undo/Redo action takes the key
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        for name, lab in self.labels.items():
            lab.setText(tr(FIELD_TEXT[name]))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, kind_text(self.kind.itemData(i)))
        self.authors.setHorizontalHeaderLabels([tr("Name"), tr("Role")])
        self.add_author.setText(tr("Add author"))
        self.remove_author.setText(tr("Remove"))
        self.remove_tag.setText(tr("Remove tag"))
        self.tag_input.setPlaceholderText(tr("Add a tag and press Enter"))
        self._show_heading()
        if self._item() is None:
            self.article.show_article(None, None, None, tr("No item selected"))
        self.article.retranslate()

    def set_read_only(self, read_only: bool) -> None:
        """A read-only window shows the item (its text can be selected and copied) but takes no edit."""
        if read_only == self.read_only and self._read_only_set:
            return  # the window asks on every selection: nothing to restyle
        self._read_only_set = True
        self.read_only = read_only
        for edit in (*self.edits.values(), self.tag_input):
            edit.setReadOnly(read_only)
        for widget in (self.kind, self.add_author, self.remove_author, self.remove_tag):
            widget.setEnabled(not read_only)
        if read_only:
            self.authors.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        else:
            self.authors.setEditTriggers(self._author_triggers)

    def set_known_tags(self, tags: list[str]) -> None:
        self.tag_words.setStringList(tags)

    # --- showing an item -------------------------------------------------------------------------
    def _item_selected(self, item_id: int | None, _scroll: bool) -> None:
        assert self.session is not None
        if self.session.beside_pending:
            return  # the form shows an item of the page before: this page's comes with `pageShownBeside`
        self.show_item(self.session.doc.page if self.session.doc is not None else None, item_id)

    def show_item(self, page: Page | None, item_id: int | None) -> None:
        self.page, self.item_id = page, item_id
        item = self._item()
        self.setEnabled(item is not None)
        if item is None or page is None:
            for edit in self.edits.values():
                edit.clear()
            self.article.show_article(None, None, None, tr("No item selected"))
            self.tags.clear()
            with QSignalBlocker(self.authors):
                self.authors.setRowCount(0)
            self._show_heading()
            return
        # jieba's keywords only once jieba is loaded (a hand-set list needs no jieba)
        tagged = "tags" in item.fields or self.tags_ready or item.kind is Kind.FURNITURE
        record = item_record(page, item, tags=tagged)
        for name in TEXT_FIELDS:
            edit = self.edits[name]
            value = getattr(record, name)
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0)
            if edit.font().italic() != (name in item.fields):  # a hand-set value is in italics
                font = edit.font()
                font.setItalic(name in item.fields)
                edit.setFont(font)
        with QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(self.kind.findData(item.kind))
        self._show_authors(record)
        self._show_tags(record if tagged else None)
        self.article.show_article(page, item, record)
        self._show_heading()

    def _item(self) -> Item | None:
        if self.page is None or self.item_id is None:
            return None
        for it in self.page.items:
            if it.id == self.item_id:
                return it
        return None

    def _show_heading(self) -> None:
        item = self._item()
        if item is None:
            self.heading.setText(tr("No item selected"))
            return
        index = self._numbers().get(item.id, 0)  # as in the changes view
        edited = " · " + tr("edited") if item.edited else ""
        self.heading.setText(f"{tr('Item')} {index} · {kind_text(item.kind)}{edited}")

    def _numbers(self) -> dict[int, int]:
        """The items' numbers on the page shown, worked out once per page (pages are immutable)."""
        if self.page is None:
            return {}
        if self._numbered[0] is not self.page:
            self._numbered = (self.page, item_numbers(self.page))
        return self._numbered[1]

    def _show_authors(self, record: ItemRecord) -> None:
        if [(a.name, a.role) for a in record.authors] == self._authors_shown():
            return  # the table shows them already (the same item after an edit elsewhere, the same byline)
        with QSignalBlocker(self.authors):
            self.authors.setRowCount(len(record.authors))
            for row, a in enumerate(record.authors):
                self.authors.setItem(row, 0, QTableWidgetItem(a.name))
                self.authors.setItem(row, 1, QTableWidgetItem(a.role))
        self.authors.executeDelayedItemsLayout()  # laid out now, so painted once (not again a turn later)

    def _authors_shown(self) -> list[tuple[str, str]]:
        """Each row of the authors table: (name, role) as it reads."""
        table, rows = self.authors, []
        for row in range(table.rowCount()):
            name, role = table.item(row, 0), table.item(row, 1)
            rows.append((name.text() if name else "", role.text() if role else ""))
        return rows

    def _show_tags(self, record: ItemRecord | None) -> None:
        """The record's tags; None: jieba is still loading."""
        self._tags = list(record.tags) if record is not None else []
        shown = self._tags if record is not None else None
        listed = [self.tags.item(row).text() for row in range(self.tags.count())]
        if shown is not None and listed == shown and self.tags.isEnabledTo(self):
            self.tags.clearSelection()  # the list shows them already: no tag of another item stays chosen
            return
        self.tags.clear()
        if shown is None:
            self.tags.addItem(tr("(tags load in the background…)"))
            self.tags.setEnabled(False)
        else:
            self.tags.addItems(shown)
            self.tags.setEnabled(True)
        self.tags.executeDelayedItemsLayout()  # the tags wrapped now, so painted once (not again a turn later)

    # --- user edits ------------------------------------------------------------------------------
    def _editing(self) -> bool:
        """An item is shown, and of the page shown: a key typed in the turn before the panel follows a new
        page (`Session.pageShownBeside`) changes nothing."""
        return self.item_id is not None and not (self.session is not None and self.session.beside_pending)

    def _text_edited(self, name: str, text: str) -> None:
        if self._editing():
            self.fieldEdited.emit(self.item_id, name, text)

    def _kind_activated(self, index: int) -> None:
        if self._editing():
            self.kindChosen.emit(self.item_id, self.kind.itemData(index))

    def current_authors(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.authors.rowCount()):
            name = self.authors.item(row, 0)
            role = self.authors.item(row, 1)
            n = name.text().strip() if name else ""
            if n:
                out.append({"name": n, "role": role.text().strip() if role else ""})
        return out

    def _authors_changed(self, _cell: QTableWidgetItem) -> None:
        if self._editing():
            self.fieldEdited.emit(self.item_id, "authors", self.current_authors())

    def _add_author_row(self) -> None:
        with QSignalBlocker(self.authors):
            row = self.authors.rowCount()
            self.authors.insertRow(row)
            self.authors.setItem(row, 0, QTableWidgetItem(""))
            self.authors.setItem(row, 1, QTableWidgetItem("记者"))
        self.authors.setCurrentCell(row, 0)
        self.authors.editItem(self.authors.item(row, 0))

    def _remove_author_rows(self) -> None:
        rows = sorted({i.row() for i in self.authors.selectedIndexes()}, reverse=True)
        if not rows or not self._editing():
            return
        with QSignalBlocker(self.authors):
            for row in rows:
                self.authors.removeRow(row)
        self.fieldEdited.emit(self.item_id, "authors", self.current_authors())

    def _add_tag(self) -> None:
        tag = self.tag_input.text().strip()
        if not tag or not self._editing() or not self.tags.isEnabled():
            return
        self.tag_input.clear()
        if tag not in self._tags:
            self.fieldEdited.emit(self.item_id, "tags", self._tags + [tag])

    def _remove_tags(self) -> None:
        chosen = {i.text() for i in self.tags.selectedItems()}
        if chosen and self._editing() and self.tags.isEnabled():
            self.fieldEdited.emit(self.item_id, "tags", [t for t in self._tags if t not in chosen])
