"""Automatic backups of the open database: every 30 minutes while there are changes, and on exit.

The timer's backup runs on the thread pool (`services.backups.auto_backup` decides from the audit trail
whether anything changed); the one on exit runs before the window closes. Results go to `message`
(the status bar); a failed copy also goes to the log and to the audit trail.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import backups
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job, ProgressFn, run_in_background

log = logging.getLogger("cadre_desk.ui")


class AutoBackup(QObject):
    message = Signal(str)

    def __init__(self, ctx: ServiceContext, parent: QObject, interval_minutes: int | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.job: Job | None = None
        self.last: backups.AutoBackupResult | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("autoBackupTimer")
        minutes = backups.AUTO_INTERVAL_MINUTES if interval_minutes is None else interval_minutes
        self.timer.setInterval(minutes * 60_000)
        self.timer.timeout.connect(self.run_in_background)
        if ctx.db.path is not None:  # PostgreSQL: the server's backups
            self.timer.start()

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def run_in_background(self) -> None:
        if self.running or self._ctx.db.path is None:
            return
        ctx = self._ctx

        def work(_progress: ProgressFn) -> backups.AutoBackupResult:
            return backups.auto_backup(ctx)

        self.job = run_in_background(work, self._done, self._failed)

    def run_on_exit(self) -> backups.AutoBackupResult | None:
        """On closing the window: back up now if anything changed (never raises)."""
        self.timer.stop()
        if self._ctx.db.path is None or self.running:
            return None
        try:
            result = backups.auto_backup(self._ctx)
        except CadreDeskError as exc:
            log.warning("automatic backup on exit failed: %s", exc)
            return None
        self.last = result
        for problem in (*result.warnings, *result.errors):
            log.warning("automatic backup on exit: %s", problem)
        return result

    def _done(self, result: object) -> None:
        if not isinstance(result, backups.AutoBackupResult):
            return
        self.last = result
        if result.skipped:
            return
        problems = [*result.warnings, *result.errors]
        if problems:
            self.message.emit("；".join(problems))
        elif result.made:
            self.message.emit(
                self.tr("Automatic backup made and verified: {path}").format(path=result.made[0])
            )

    def _failed(self, exc: Exception) -> None:
        log.warning("automatic backup failed: %s", exc)
        if isinstance(exc, CadreDeskError):
            self.message.emit(self.tr("Automatic backup failed: {reason}").format(reason=exc))
