"""Page > Learn from the pages marked done, and Page > Re-split the pages still to do.

`Learning` runs `app.store.learning.learn_project` and `resplit_todo` (what `newsdesk train --db` and
`newsdesk resplit` run) as background tasks on the project (`app.ui.tasks`), each behind a window-modal
progress dialog with Cancel. Open pages with unsaved edits are saved first, so the training reads the
editor's latest work and the re-split never meets an edit it cannot see. When learning ends, a message gives
the held-out scores before and after and offers the re-split; the quality report shows the learning curve.
After a re-split the open pages that changed are read again from the project.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..core.training import Cancelled, Learnt
from . import dialogs
from .i18n import tr
from .saving import Saving
from .session import Session
from .tasks import Task, TaskContext

PROGRESS_DELAY_MS = 300


class ProgressJob(QObject):
    """One background operation behind a window-modal progress dialog (steps done of total; Cancel)."""

    def __init__(self, parent: QWidget, title: str, label: str, op: Callable[[TaskContext], Any], store: Any,
                 success: Callable[[Any], None], failure: Callable[[BaseException], None]) -> None:
        super().__init__(parent)
        self.label = label  # "{done} of {total}"
        self.done = self.total = 0
        self.dialog = QProgressDialog(parent)
        self.dialog.setObjectName("learning_progress")
        self.dialog.setWindowTitle(title)
        self.dialog.setCancelButtonText(tr("Cancel"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setRange(0, 0)
        self.dialog.canceled.connect(self.cancel)
        self.task = Task(op, store, success=self._then(success), failure=self._then(failure))
        self.task.totalKnown.connect(self._set_total)
        self.task.progressed.connect(self._step)
        self._show()
        self.task.start()

    def cancel(self) -> None:
        self.task.cancel()
        self.dialog.setLabelText(tr("Cancelling…"))

    def _set_total(self, total: int) -> None:
        self.total = total
        self.dialog.setRange(0, max(total, 1))
        self._show()

    def _step(self, n: int) -> None:
        self.done += n
        if not self.task.cancelled:
            self.dialog.setValue(min(self.done, self.dialog.maximum()))
            self._show()

    def _show(self) -> None:
        if not self.task.cancelled:
            self.dialog.setLabelText(self.label.format(done=self.done, total=self.total))

    def _then(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def finish(value: Any) -> None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            callback(value)
        return finish


def scores_text(learnt: Learnt) -> str:
    """The held-out scores before and after (of the split the project now uses, or of its model where
    Newsdesk's own split stays), in the interface's language."""
    rows = [(tr("Articles recovered: F1"), "article_f1"), (tr("Headlines right"), "headline_accuracy"),
            (tr("Authors: F1"), "author_f1"), (tr("Paragraphs: F1"), "paragraph_f1")]
    after = learnt.chosen_scores
    return "\n".join(f"{name}   {learnt.before[key]:.3f} → {after[key]:.3f}" for name, key in rows)


class Learning(QObject):
    learnt = Signal(object)  # Learnt, once a training is stored
    resplit = Signal(object)  # ResplitReport, once a re-split is done

    def __init__(self, session: Session, saving: Saving, notify: Callable[[str], None], window: QWidget,
                 reopen: Callable[[list[int]], None]) -> None:
        super().__init__(window)
        self.session = session
        self.saving = saving
        self.notify = notify
        self.window = window
        self.reopen = reopen  # reads the open pages a re-split changed again
        self.job: ProgressJob | None = None
        self.box: QMessageBox | None = None

    def _ready(self) -> bool:
        if self.session.read_only:
            self.notify(tr("This project is open read-only: learning and re-splitting are off."))
            return False
        if self.job is not None:
            return False
        for doc in self.session.dirty_docs():  # the editor's latest work is what the project holds
            if not self.saving.save(doc=doc):
                return False
        return True

    # --- Page > Learn from the pages marked done -------------------------------------------------------
    def learn(self) -> None:
        from ..store.learning import learn_project

        if not self._ready():
            return

        def op(context: TaskContext) -> tuple[Learnt, int]:
            return learn_project(context.store, step=context.step, total=context.set_total,
                                 cancelled=lambda: context.cancelled)

        self.job = ProgressJob(self.window, tr("Learn from the pages marked done"),
                               tr("Learning the paper's split: step {done} of {total}"), op, self.session.store,
                               self._learnt, self._failed)

    def _learnt(self, result: tuple[Learnt, int]) -> None:
        self.job = None
        learnt, _model_id = result
        self.learnt.emit(learnt)
        head = tr("Learnt from {n} page(s) marked done. On pages it did not learn from "
                  "(cross-validated), the split scores before → after:").format(n=len(learnt.pages))
        if learnt.chosen == "project":
            tail = tr("The project now splits with its own model: imports use it, and so does the re-split "
                      "of the pages still to do.")
        elif learnt.chosen == "profile":
            tail = tr("Newsdesk's rules, with the values this paper's pages taught them, split these pages best: "
                      "the project now splits with them, for imports and the re-split of the pages still to do.")
        elif learnt.chosen == "roles":
            tail = tr("Newsdesk's rules, reading each line's role as the project's own model does, split these "
                      "pages best: the project now splits with them, for imports and the re-split of the pages "
                      "still to do.")
        elif learnt.chosen == "shipped":
            tail = tr("The shipped model splits these pages better than the project's own model and Newsdesk's "
                      "rules: the project now splits with it, for imports and the re-split of the pages still "
                      "to do.")
        else:
            tail = tr("The model does no better than Newsdesk's own split on these pages, so it is not used. "
                      "Mark more pages done and learn again.")
        self.notify(head + " " + scores_text(learnt).replace("\n", "; ") + ". " + tail)
        box = QMessageBox(QMessageBox.Icon.Information, tr("Learn from the pages marked done"), head,
                          parent=self.window)
        box.setObjectName("learnt_box")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(scores_text(learnt) + "\n\n" + tail)
        if learnt.better:
            now = box.addButton(tr("Re-split the pages still to do"), QMessageBox.ButtonRole.AcceptRole)
            now.setObjectName("resplit_now")
            now.clicked.connect(self.resplit_todo)
            box.addButton(tr("Later"), QMessageBox.ButtonRole.RejectRole)
        else:
            box.addButton(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(box.deleteLater)
        self.box = box
        box.open()

    def _failed(self, error: BaseException) -> None:
        self.job = None
        if isinstance(error, Cancelled):
            self.notify(tr("Cancelled: nothing was changed."))
        else:
            dialogs.show_error(self.window, error)

    # --- Page > Re-split the pages still to do -----------------------------------------------------------
    def resplit_todo(self) -> None:
        from ..store.learning import resplit_todo, usable_model

        if not self._ready():
            return
        said: list[str] = []

        def op(context: TaskContext) -> Any:
            store = context.store
            model = usable_model(None, store, said.append)
            todo = store.pages_to_resplit()
            context.set_total(len(todo))
            return resplit_todo(store, model, page_ids=todo, progress=context.step,
                                should_stop=lambda: context.cancelled)

        def done(report: Any) -> None:
            self.job = None
            self.reopen(report.page_ids)
            self.resplit.emit(report)
            text = tr("Split {changed} page(s) again, {unchanged} unchanged; {left} with edits not yet saved "
                      "left alone; {kept} item(s) made by hand kept.").format(
                changed=report.changed, unchanged=report.unchanged, left=report.left, kept=report.kept_items)
            if report.cancelled:
                text += " " + tr("Cancelled: the other pages were not split again.")
            self.notify(" ".join([*said, text]))

        self.job = ProgressJob(self.window, tr("Re-split the pages still to do"),
                               tr("Splitting pages again: {done} of {total}"), op, self.session.store, done,
                               self._failed)
