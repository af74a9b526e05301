"""Background work: one helper for every job that must not hold up the window (import, export, the
quality report, the changes diff, loading jieba).

Modelled on Anki's `CollectionOp`/`QueryOp` and Picard's `run_task`: `run_op(op, store=..., success=...)`
runs `op(context)` on the thread pool. The operation holds no widgets; its `TaskContext` hands it the
project (a connection of its own, so the window keeps working meanwhile), a way to report progress
(`set_total`, `step`) and whether the user cancelled. The `Task` it returns says the total and the
progress as signals on the main thread, and calls `success(result)` or `failure(error)` there once done.
`run_task(func, next_func)` is the plain form: `func()` with no context, `next_func(result=, error=)`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)

_pending: set[Task] = set()


class TaskContext:
    """What an operation gets on its worker thread. Never touch a widget from here."""

    def __init__(self, task: Task, store: Any = None) -> None:
        self._task = task
        self.store = store

    def set_total(self, total: int) -> None:
        """How many steps the work has (a progress bar's maximum)."""
        self._task.totalKnown.emit(total)

    def step(self, n: int = 1) -> None:
        """`n` more steps are done."""
        self._task.progressed.emit(n)

    @property
    def cancelled(self) -> bool:
        """The user asked to stop: finish the step at hand, keep what is whole, return."""
        return self._task.cancelled


class Task(QObject):
    """One background job. Lives on the main thread; the worker emits its signals, queued to here."""

    totalKnown = Signal(int)
    progressed = Signal(int)  # steps done since the last signal
    _done = Signal(object, object)  # result, error (from the worker)

    def __init__(self, op: Callable[[TaskContext], Any], store: Any = None,
                 success: Callable[[Any], None] | None = None,
                 failure: Callable[[BaseException], None] | None = None) -> None:
        super().__init__()
        self.op = op
        self.store = store
        self.success = success
        self.failure = failure
        self.cancelled = False
        self.finished = False
        self._done.connect(self._finish)

    def cancel(self) -> None:
        self.cancelled = True

    def start(self, pool: QThreadPool | None = None) -> Task:
        _pending.add(self)
        (pool or QThreadPool.globalInstance()).start(_Runner(self))
        return self

    # --- worker thread ---------------------------------------------------------------------------
    def _work(self) -> None:
        try:
            with _worker_store(self.store) as store:
                result, error = self.op(TaskContext(self, store)), None
        except Exception as e:  # handed to the main thread, which decides how to report it
            log.debug("task failed", exc_info=True)
            result, error = None, e
        try:
            self._done.emit(result, error)
        except RuntimeError:  # the app is quitting and the task is gone: nobody is left to call back
            log.debug("task finished after the app closed", exc_info=True)

    # --- main thread -----------------------------------------------------------------------------
    def _finish(self, result: Any, error: BaseException | None) -> None:
        self.finished = True
        try:
            if error is None:
                if self.success is not None:
                    self.success(result)
            elif self.failure is not None:
                self.failure(error)
            else:
                log.error("background task failed", exc_info=error)
        except Exception:
            log.exception("task callback failed")
        finally:
            # let go of the task once this signal delivery is over, not inside it
            QTimer.singleShot(0, lambda: _pending.discard(self))


class _Runner(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task._work()


@contextlib.contextmanager
def _worker_store(store: Any) -> Iterator[Any]:
    """The project for a worker: a connection of its own (the same store when it is in memory)."""
    if store is None or store.path == ":memory:":
        yield store
        return
    from ..store.db import Store

    own = Store(store.path, check=False)  # recognised and checked when the window opened it
    try:
        if store.read_only:
            own.set_read_only()
        yield own
    finally:
        own.close()


def run_op(op: Callable[[TaskContext], Any], *, store: Any = None,
           success: Callable[[Any], None] | None = None,
           failure: Callable[[BaseException], None] | None = None) -> Task:
    """Run `op(context)` on a worker; `context.store` is the project `store` on a connection of its own.
    Then `success(result)` or `failure(error)` runs on the main thread. Returns the started `Task`."""
    return Task(op, store, success, failure).start()


def run_task(func: Callable[[], Any], next_func: Callable[..., None],
             pool: QThreadPool | None = None) -> Task:
    """Run `func()` on a worker thread; then call `next_func(result=..., error=...)` on the main thread."""
    task = Task(lambda _context: func(), None, lambda result: next_func(result=result, error=None),
                lambda error: next_func(result=None, error=error))
    return task.start(pool)


def pending_tasks() -> int:
    """How many tasks have not called back yet (tests wait for 0)."""
    return sum(1 for task in _pending if not task.finished)
