"""Background work: run a plain callable on the thread pool, call back on the main thread.

Modelled on Picard's `run_task`: the callable holds no widgets; `next_func(result=..., error=...)` runs on
the GUI thread once it is done, with the result, or with the exception it raised.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)

_pending: set[_Task] = set()


class _Relay(QObject):
    """Lives on the main thread; its queued signal carries the outcome back from the worker."""

    done = Signal(object, object)


class _Task(QRunnable):
    def __init__(self, func: Callable[[], Any], next_func: Callable[..., None]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.func = func
        self.relay = _Relay()
        self.relay.done.connect(self._finish)
        self.next_func = next_func
        self.finished = False

    def run(self) -> None:  # worker thread: never touch a widget here
        try:
            result, error = self.func(), None
        except Exception as e:  # handed to the main thread, which decides how to report it
            log.debug("task failed", exc_info=True)
            result, error = None, e
        try:
            self.relay.done.emit(result, error)
        except RuntimeError:  # the app is quitting and the relay is gone: nobody is left to call back
            log.debug("task finished after the app closed", exc_info=True)

    def _finish(self, result: Any, error: BaseException | None) -> None:
        self.finished = True
        try:
            self.next_func(result=result, error=error)
        except Exception:
            log.exception("task callback failed")
        finally:
            # let go of the task (and its relay) once this signal delivery is over, not inside it
            QTimer.singleShot(0, lambda: _pending.discard(self))


def run_task(func: Callable[[], Any], next_func: Callable[..., None],
             pool: QThreadPool | None = None) -> None:
    """Run `func()` on a worker thread; then call `next_func(result=..., error=...)` on the main thread."""
    task = _Task(func, next_func)
    _pending.add(task)
    (pool or QThreadPool.globalInstance()).start(task)


def pending_tasks() -> int:
    """How many tasks have not called back yet (tests wait for 0)."""
    return sum(1 for task in _pending if not task.finished)
