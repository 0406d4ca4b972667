"""Automatic backups of the open database: every 30 minutes while there are changes, and on exit.

The timer's backup runs on the thread pool (`services.backups.auto_backup` decides from the audit trail
whether anything changed); the one on exit runs before the window closes. Results go to `message`
(the status bar); a failed copy also goes to the log and to the audit trail.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

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

    def run_on_exit(self, window: QWidget | None = None) -> backups.AutoBackupResult | None:
        """On closing the window: back up now if anything changed (never raises). A copy that is made
        shows its progress over `window` (a large database takes a while: the window must not look
        hung, or it gets killed in the middle of the copy)."""
        self.timer.stop()
        if self._ctx.db.path is None or self.running:
            return None
        shown = ExitProgress(window)
        try:
            result = backups.auto_backup(self._ctx, progress=shown.update)
        except (CadreDeskError, OSError) as exc:  # a medium's failure must not keep the window open
            log.warning("automatic backup on exit failed: %s", exc)
            return None
        finally:
            shown.close()
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


class ExitProgress:
    """The closing window's backup in a progress dialog, shown when the copy starts (nothing for a
    database without changes); the copy runs on the GUI thread, so the dialog is painted as it goes."""

    def __init__(self, window: QWidget | None) -> None:
        self.window = window
        self.dialog: QProgressDialog | None = None

    def update(self, done: int, total: int) -> None:
        if self.dialog is None:
            self.dialog = QProgressDialog(
                QCoreApplication.translate("AutoBackup", "Backing up the changes before closing…"),
                "",
                0,
                max(total, 1),
                self.window,
            )
            self.dialog.setObjectName("exitBackupProgress")
            self.dialog.setWindowTitle(QCoreApplication.translate("AutoBackup", "Automatic backup"))
            self.dialog.setCancelButton(None)  # stopping half-way would leave no backup of the changes
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(0)
            self.dialog.setAutoClose(False)  # at 100 % the copy is still being verified
            self.dialog.setAutoReset(False)
            self.dialog.show()
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
