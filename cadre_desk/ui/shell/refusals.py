"""The window's refusals in the audit trail: a `PermissionDenied` raised for the window (a button the
role should not have had, a window left open after an administrator cut its roles, a 导师 following a
link) is recorded as 越权被拒, as the command line records the refusals at its boundary.

The services tell the window as they refuse (`Database.on_refusal`, set by `watch`), from whichever
thread; the record is written once per refusal, after the code that met it has had its say (a refusal
it expected, such as the profile's 容错 banner for a 导师, is `expected` and not recorded), in the
background: a small write that a busy or locked database must not turn into a frozen window or a
traceback — best effort, logged when it fails.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, Signal

from cadre_desk.db.engine import Database
from cadre_desk.errors import PermissionDenied
from cadre_desk.services import accounts
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job, ProgressFn, run_in_background

log = logging.getLogger("cadre_desk.ui")

WHAT = "窗口"  # the record's summary: 拒绝：窗口 encryption.encrypt_database：账号“…”（…）无权修改设置


def _record(ctx: ServiceContext, what: str, reason: str) -> None:
    try:
        accounts.record_denial(ctx, what, reason)
    except Exception:  # locked, busy, full: the user has the refusal already
        log.warning("could not record a refusal of the window in the audit trail", exc_info=True)


class RefusalRecorder(QObject):
    _arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: list[tuple[ServiceContext, PermissionDenied, str]] = []
        self._expected: set[int] = set()
        self.jobs: list[Job] = []
        # queued even from the GUI thread: the code that met the refusal runs to its end first
        self._arrived.connect(self._flush, Qt.ConnectionType.QueuedConnection)

    def __call__(self, ctx: ServiceContext, error: PermissionDenied, function: str) -> None:
        """From the services, on any thread."""
        with self._lock:
            self._pending.append((ctx, error, function))
        try:
            self._arrived.emit()
        except RuntimeError:  # the window is gone (a service called after it closed)
            log.info("a refusal after its window closed was not recorded")

    def expect(self, error: PermissionDenied) -> None:
        with self._lock:
            self._expected.add(id(error))

    def _flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, []
            expected, self._expected = self._expected, set()
        self.jobs = [job for job in self.jobs if job.running]
        for ctx, error, function in pending:
            if id(error) in expected:
                continue
            what = f"{WHAT} {function}".strip()

            def work(
                _progress: ProgressFn, ctx: ServiceContext = ctx, what: str = what, reason: str = str(error)
            ) -> None:
                _record(ctx, what, reason)

            self.jobs.append(run_in_background(work, _ignore, _logged))


def _ignore(_result: object) -> None:
    return None


def _logged(exc: Exception) -> None:
    log.warning("recording a refusal failed: %s", exc)


def watch(owner: QObject, db: Database) -> RefusalRecorder:
    """Record the refusals of the window `owner` on `db` from now on."""
    recorder = RefusalRecorder(owner)
    db.on_refusal = recorder
    return recorder


def expected(ctx: ServiceContext, error: PermissionDenied) -> None:
    """A refusal the window asked for and handles itself (it shows nothing): not a security event."""
    recorder = ctx.db.on_refusal
    if isinstance(recorder, RefusalRecorder):
        recorder.expect(error)
