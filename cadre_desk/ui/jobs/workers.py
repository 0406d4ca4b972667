"""Background work: run a function on the thread pool, get its result back on the GUI thread.

    job = run_in_background(
        lambda progress: demo.generate(db, 300, progress=progress),
        on_done=show_roster, on_error=show_error, on_progress=dialog.update,
    )
    job.cancel()  # the next progress call raises `Cancelled` in the worker

The worker never touches a widget: the function gets a `progress(label, done, total)` callable, and
results, errors and progress travel to the GUI thread as queued signals. Progress is throttled so a
chatty function cannot flood the event loop. Known errors (`CadreDeskError`) and `Cancelled` go to
`on_error`; anything else is a bug: `on_error` sees it too (to close its dialog), then it goes to
`sys.excepthook`, the crash handler.

A callback that is a method of a Qt object (`self._loaded` of a page) is held weakly: the job keeps
neither the page alive nor a reference cycle with it (`self.job = run_in_background(..., self._loaded,
...)`), and a page deleted meanwhile (its window closed) is not called. Other callbacks (closures) are
dropped once the result is delivered: a closure over the page is a cycle only while the job runs
(`_active` holds it then). Kept afterwards, a cycle would leave the page to Python's cyclic garbage
collector, which may run on a pool worker and destroy the page's Qt objects there.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import Shiboken

from cadre_desk.errors import CadreDeskError
from cadre_desk.ui.widgets.weak import weak_method

log = logging.getLogger("cadre_desk.ui")

ProgressFn = Callable[[str, int, int], None]
PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress updates a second reach the GUI


class Cancelled(Exception):
    """Raised inside the worker by `progress()` once the job was cancelled."""


class _Signals(QObject):
    progress = Signal(str, int, int)
    done = Signal(object)
    failed = Signal(object)


def _released(_progress: ProgressFn) -> None:
    raise RuntimeError("a job's function ran after its result was delivered")


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[ProgressFn], Any], signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Job keeps the reference until the result is delivered
        self._fn = fn
        self._signals = signals
        self._cancel = cancel
        self._last_emit = 0.0
        self._last_label = ""

    def _progress(self, label: str, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        now = time.monotonic()
        if label != self._last_label or done >= total or now - self._last_emit >= PROGRESS_INTERVAL_S:
            self._last_emit, self._last_label = now, label
            self._signals.progress.emit(label, done, total)

    def release(self) -> None:
        """Let go of the function (on the GUI thread, once its result arrived: the worker holds no
        reference to it any more). The pool owns the C++ runnable (not auto-deleted: deleted by the
        pool on the worker thread, it would free the function's closure there, pages and all) and so
        keeps its Python side for good; what stays is a small runnable and its signals, no longer
        every job's function and everything it refers to."""
        self._fn = _released

    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except Exception as exc:  # handed to the GUI thread, which reports bugs to the crash handler
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


class Job(QObject):
    """The GUI-thread handle of one background call. Lives until its result has been delivered."""

    finished = Signal()

    def __init__(
        self,
        fn: Callable[[ProgressFn], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_progress: ProgressFn | None = None,
    ) -> None:
        super().__init__()
        self._on_done = _held(on_done)
        self._on_error = _held(on_error)
        self._on_progress = _held(on_progress) if on_progress is not None else None
        self._cancel = threading.Event()
        self._signals = _Signals()  # created here, so it lives in the GUI thread
        # Bound slots of a GUI-thread QObject: emits from the worker arrive queued, on this thread.
        self._signals.progress.connect(self._deliver_progress)
        self._signals.done.connect(self._deliver_done)
        self._signals.failed.connect(self._deliver_failed)
        self._runnable: _Runnable | None = _Runnable(fn, self._signals, self._cancel)
        self.running = False

    def start(self, pool: QThreadPool | None = None) -> None:
        assert self._runnable is not None, "a Job runs once"
        self.running = True
        _active.add(self)
        (pool or QThreadPool.globalInstance()).start(self._runnable)

    def cancel(self) -> None:
        """Ask the worker to stop at its next progress report (it then fails with `Cancelled`)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot(str, int, int)
    def _deliver_progress(self, label: str, done: int, total: int) -> None:
        if self.running and self._on_progress is not None:
            self._on_progress(label, done, total)

    def _finish(self) -> tuple[Callable[[Any], None], Callable[[Exception], None]]:
        """Done: the job forgets its callbacks (see the module's note) and returns them to call."""
        callbacks = self._on_done, self._on_error
        self._on_done, self._on_error, self._on_progress = _ignore, _ignore, None
        self.running = False
        if self._runnable is not None:
            self._runnable.release()
            self._runnable = None
        _active.discard(self)
        self.finished.emit()
        return callbacks

    @Slot(object)
    def _deliver_done(self, result: object) -> None:
        on_done, _on_error = self._finish()
        on_done(result)

    @Slot(object)
    def _deliver_failed(self, exc: Exception) -> None:
        _on_done, on_error = self._finish()
        on_error(exc)
        if not isinstance(exc, CadreDeskError | Cancelled):
            sys.excepthook(type(exc), exc, exc.__traceback__)


def _held(callback: Callable[..., Any]) -> Callable[..., Any]:
    """How a job holds a callback: a method of a Qt object weakly (not called once the object is
    gone or deleted), anything else as it is (see the module's note)."""
    return (
        weak_method(callback)
        if isinstance(getattr(callback, "__self__", None), Shiboken.Object)
        else callback
    )


def _ignore(_value: object) -> None:
    """The callback of a job whose result was delivered."""


_active: set[Job] = set()


def run_in_background(
    fn: Callable[[ProgressFn], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    on_progress: ProgressFn | None = None,
    pool: QThreadPool | None = None,
) -> Job:
    """Start `fn(progress)` on the thread pool; the callbacks run later on the GUI thread."""
    job = Job(fn, on_done, on_error, on_progress)
    job.start(pool)
    return job


def active_jobs() -> list[Job]:
    return list(_active)


def cancel_all_and_wait(timeout_ms: int = 30_000) -> bool:
    """On quit: cancel every running job and wait for the workers; False if one did not stop in time."""
    for job in list(_active):
        job.cancel()
    stopped = QThreadPool.globalInstance().waitForDone(timeout_ms)
    if not stopped:
        log.warning("background work did not stop within %d ms", timeout_ms)
    return bool(stopped)
