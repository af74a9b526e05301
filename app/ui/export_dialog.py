"""File > Export…: the options of `newsdesk export` in a dialog, written on a worker with a progress bar.

The format (JSONL, CSV, a folder of txt files, Parquet), where to write (the file name's extension follows
the format), and the filters (status, kind, tag with completion from the project's tags, page name
pattern) with a live count of the matching items, which says which filter leaves everything out. As with
`newsdesk export`, the corpus holds articles, notices and ads unless furniture is asked for, and a JSONL
export of that corpus carries every page chosen whole (a page of furniture only too).
Writing runs `Store.export` (the very function the CLI uses: one snapshot of the project, written whole
or not at all, never onto the project's own files) as a background task (`app.ui.tasks`, which hands it
the project on a connection of its own); errors reach the user through `dialogs.show_error` as one line (Parquet without pyarrow says
how to install it), and the dialog is ready for another try.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import NewsdeskError
from ..core.export import CORPUS_KINDS, empty_selection
from ..core.page import Kind
from ..core.safefiles import refuse_protected
from . import dialogs
from .i18n import tr
from .models import STATUSES, kind_text, status_text
from .tasks import Task, TaskContext

FORMATS = (("jsonl", "JSONL (one record a line)"), ("csv", "CSV (one row per item)"),
           ("txt", "Text files (one per item, in a folder)"), ("parquet", "Parquet"))
SUFFIX = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}  # txt writes a folder: no suffix
PROGRESS_EVERY = 100  # records between two progress signals
COUNT_DELAY_MS = 250


class ExportDialog(QDialog):
    """The export options and a progress bar; `finishedExport(count)` once the export is written."""

    finishedExport = Signal(int)

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.store = store
        self.written: int | None = None
        self.task: Task | None = None
        self.items_written = 0  # so far (not `done`: that is QDialog.done, which closing calls)
        self.running = False
        self.format = QComboBox()
        self.format.setObjectName("export_format")
        for key, text in FORMATS:
            self.format.addItem(tr(text), key)
        self.format.currentIndexChanged.connect(self.follow_format)
        self.out = QLineEdit()
        self.out.setObjectName("export_out")
        self.browse = QPushButton(tr("Browse…"))
        self.browse.clicked.connect(self.choose_out)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(self.browse)
        self.status = QComboBox()
        self.status.setObjectName("export_status")
        self.status.addItem(tr("Any status"), None)
        for s in STATUSES:
            self.status.addItem(status_text(s), s)
        self.kind = QComboBox()
        self.kind.setObjectName("export_kind")
        self.kind.addItem(tr("Articles, notices and ads"), [str(k) for k in CORPUS_KINDS])
        self.kind.addItem(tr("Every kind, furniture too"), None)
        for k in Kind:
            self.kind.addItem(kind_text(k), str(k))
        self.tag = QLineEdit()
        self.tag.setObjectName("export_tag")
        self.tag.setPlaceholderText(tr("any tag"))
        completer = QCompleter(store.all_tags(), self.tag)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag.setCompleter(completer)
        self.pattern = QLineEdit()
        self.pattern.setObjectName("export_pattern")
        self.pattern.setPlaceholderText(tr("any page, or a pattern such as 2024*"))
        self.count = QLabel()
        self.count.setObjectName("export_count")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setObjectName("export_progress")
        self.progress.setValue(0)
        self.message = QLabel()
        self.message.setObjectName("export_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(tr("Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("export_button")
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(tr("Format:"), self.format)
        form.addRow(tr("Write to:"), out_row)
        form.addRow(tr("Status:"), self.status)
        form.addRow(tr("Kind:"), self.kind)
        form.addRow(tr("Tag:"), self.tag)
        form.addRow(tr("Page name:"), self.pattern)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setWindowTitle(tr("Export corpus"))
        self.resize(560, 0)

        for combo in (self.status, self.kind):
            combo.currentIndexChanged.connect(self.update_count)
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.update_count)
        for line in (self.tag, self.pattern):  # count once the typing pauses (a count reads the whole index)
            line.textChanged.connect(self._count_timer.start)
        self.update_count()

    # --- options ---------------------------------------------------------------------------------
    def fmt(self) -> str:
        return str(self.format.currentData())

    def filters(self) -> dict[str, str | None]:
        """The filters as `Store.iter_records` / `count_records` keywords."""
        return {"status": self.status.currentData(), "kind": self.kind.currentData(),
                "tag": self.tag.text().strip() or None, "name_like": self.pattern.text().strip() or None}

    def whole_pages(self) -> bool:
        """The default corpus (no kind or tag chosen): a JSONL export carries every page chosen whole."""
        return self.kind.currentIndex() == 0 and not self.tag.text().strip()

    def update_count(self, *_args: Any) -> int:
        filters = self.filters()
        n = self.store.count_records(**filters)
        text = tr("{n} item(s) match these filters.").format(n=n)
        if n == 0:  # said after a Chinese full stop without a space
            text += ("" if text.endswith("。") else " ") + self._why_empty(filters)
        self.count.setText(text)
        self.export_button.setEnabled(n > 0 and not self.running)
        return n

    def _why_empty(self, filters: dict[str, Any]) -> str:
        culprits = empty_selection(self.store.count_records, filters)
        if culprits is None:
            return tr("The project holds no pages.")
        labels = {"status": tr("Status:"), "kind": tr("Kind:"), "tag": tr("Tag:"), "name_like": tr("Page name:")}
        names = ", ".join(labels[k].rstrip(":：") for k in culprits or filters if filters[k])
        return (tr("No item matches: {filters}.") if culprits else
                tr("No item matches all of them together: {filters}.")).format(filters=names)

    def follow_format(self) -> None:
        """The file name's extension follows the format (a txt export is a folder: no extension)."""
        out = self.out.text().strip()
        if not out:
            return
        stem = next((out[: -len(suffix)] for suffix in SUFFIX.values() if out.endswith(suffix)), out)
        self.out.setText(stem + SUFFIX.get(self.fmt(), ""))

    def choose_out(self) -> None:
        fmt = self.fmt()
        if fmt == "txt":
            path = QFileDialog.getExistingDirectory(self, tr("Export to a folder"), self.out.text())
        else:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export to a file"), self.out.text(),
                                                  f"{fmt.upper()} (*{SUFFIX[fmt]})")
            if path and not path.endswith(SUFFIX[fmt]):
                path += SUFFIX[fmt]
        if path:
            self.out.setText(path)

    # --- writing ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Write the matching items on a worker; the progress bar counts them."""
        out, fmt, filters, whole_pages = self.out.text().strip(), self.fmt(), self.filters(), self.whole_pages()
        if not out:
            dialogs.show_error(self, NewsdeskError(tr("Choose where to write the export first.")))
            return
        try:  # the project itself (or its -wal, -shm) as the output: refused before anything runs
            refuse_protected(out, self.store.project_files())
        except NewsdeskError as e:
            self.message.setText(dialogs.error_text(e))
            dialogs.show_error(self, e)
            return
        total = self.update_count()
        self.running = True
        self.export_button.setEnabled(False)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.message.setText(tr("Writing {n} item(s)…").format(n=total))
        self.items_written = 0

        def work(context: TaskContext) -> int:
            done = 0

            def progress(n: int) -> None:
                nonlocal done
                done += n
                if done % PROGRESS_EVERY == 0:
                    context.step(PROGRESS_EVERY)

            return context.store.export(fmt, out, progress, whole_pages=whole_pages, **filters)

        self.task = Task(work, self.store, success=self._succeeded, failure=self._failed)
        self.task.progressed.connect(self._step)
        self.task.start()

    def _step(self, n: int) -> None:
        self.items_written += n
        self.progress.setValue(min(self.items_written, self.progress.maximum()))

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.update_count()
        self.progress.setValue(0)
        self.message.setText(dialogs.error_text(error))
        dialogs.show_error(self, error)

    def _succeeded(self, result: int) -> None:
        self.running = False
        self.update_count()
        self.written = int(result)
        self.progress.setValue(self.progress.maximum())
        self.message.setText(tr("Wrote {n} item(s) to {path}").format(n=self.written, path=self.out.text()))
        self.finishedExport.emit(self.written)
