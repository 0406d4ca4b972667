"""文件 → 从备份恢复…, and the offer of the newest good backup when the database is damaged on open.

`RestoreDialog.ask` chooses and confirms a backup (tests patch it); `restore_into_window` runs the
restore (`services.backups.restore`: the current state saved first, verified, audited) behind a busy
progress dialog; the window then reloads every page.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from cadre_desk import paths
from cadre_desk.db import backup_files
from cadre_desk.errors import CadreDeskError, DamagedDatabase
from cadre_desk.services import backups
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job, ProgressFn, run_in_background

log = logging.getLogger("cadre_desk.ui")


def _when(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y.%m.%d %H:%M")


class RestoreDialog:
    """`ask(parent, ctx) -> Path | None`: a backup file chosen and confirmed (tests patch `ask`)."""

    @classmethod
    def ask(cls, parent: QWidget, ctx: ServiceContext) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("RestoreDialog", "Restore from a backup"),
            str(paths.backup_dir()),
            QCoreApplication.translate("RestoreDialog", "Backups (*.db);;All files (*)"),
        )
        if not name:
            return None
        path = Path(name)
        try:
            info = backup_files.inspect_backup(path)
        except CadreDeskError as exc:
            QMessageBox.warning(
                parent, QCoreApplication.translate("RestoreDialog", "Restore from a backup"), str(exc)
            )
            return None
        text = QCoreApplication.translate(
            "RestoreDialog",
            "Replace the current database with this backup?\n\n{path}\nmade {when}, {rows} rows\n\nThe current state is first saved as a backup in {folder}.",  # noqa: E501
        ).format(path=path, when=_when(path), rows=info.rows, folder=paths.backup_dir())
        answer = QMessageBox.question(
            parent, QCoreApplication.translate("RestoreDialog", "Restore from a backup"), text
        )
        return path if answer == QMessageBox.StandardButton.Yes else None


class RestoreRunner(QObject):
    """Runs one restore into the open database in the background, with a busy dialog."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.job: Job | None = None
        self.result: backups.RestoreResult | None = None
        self.error = ""

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def start(self, ctx: ServiceContext, backup: Path, on_finished: Callable[[bool], None]) -> None:
        if self.running or ctx.db.path is None:
            return
        dialog = QProgressDialog(self._parent)
        dialog.setWindowTitle(QCoreApplication.translate("RestoreDialog", "Restore from a backup"))
        dialog.setLabelText(
            QCoreApplication.translate("RestoreDialog", "Restoring from\n{path}").format(path=backup)
        )
        dialog.setCancelButton(None)  # a restore runs to its end
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setRange(0, 0)
        dialog.setMinimumDuration(300)
        target = str(ctx.db.path)
        operator = ctx.account_name
        self.result, self.error = None, ""

        def work(_progress: ProgressFn) -> backups.RestoreResult:
            return backups.restore(target, backup, operator, ctx=ctx)

        def done(result: object) -> None:
            dialog.reset()
            dialog.deleteLater()
            if isinstance(result, backups.RestoreResult):
                self.result = result
            on_finished(self.result is not None)

        def failed(exc: Exception) -> None:
            dialog.reset()
            dialog.deleteLater()
            self.error = str(exc)
            if isinstance(exc, CadreDeskError):
                QMessageBox.warning(
                    self._parent,
                    QCoreApplication.translate("RestoreDialog", "Restore from a backup"),
                    str(exc),
                )
            on_finished(False)

        self.job = run_in_background(work, done, failed)


class DamagedOffer:
    """`ask(parent, error) -> bool`: restore the newest good backup of a damaged database? (tests patch)"""

    @classmethod
    def ask(cls, parent: QWidget | None, error: DamagedDatabase) -> bool:
        if error.backup is None:
            return False
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("RestoreDialog", "The database is damaged"),
            QCoreApplication.translate(
                "RestoreDialog",
                "{problem}\n\nRestore the newest good backup?\n{backup} ({when})\n\n"
                "The damaged file is kept beside the backups.",
            ).format(problem=str(error).split("。")[0], backup=error.backup, when=_when(error.backup)),
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setObjectName("damagedOffer")
        restore = box.addButton(
            QCoreApplication.translate("RestoreDialog", "Restore this backup"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QCoreApplication.translate("RestoreDialog", "Close"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore


def restore_damaged(error: DamagedDatabase, operator: str | None) -> str:
    """Restore the offered backup over the damaged file (blocking, with a wait cursor); "" or the error."""
    assert error.backup is not None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        backups.restore(str(error.database), error.backup, operator)
    except CadreDeskError as exc:
        log.error("restoring %s over the damaged %s failed: %s", error.backup, error.database, exc)
        return str(exc)
    finally:
        QApplication.restoreOverrideCursor()
    log.info("restored %s over the damaged %s", error.backup, error.database)
    return ""
