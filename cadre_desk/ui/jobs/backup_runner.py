"""A verified copy of the database (`services.maintenance.backup`) in the background, with progress.

Used by File → Back up database… and by Settings → move the data file (which is a verified copy to
the new place; the old file is never deleted).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from cadre_desk import paths
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import maintenance
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Cancelled, Job, ProgressFn, run_in_background

log = logging.getLogger("cadre_desk.ui")


class BackupRunner(QObject):
    """`start(dest)` copies the database to `dest`; `finished(path or None)` when it is over."""

    finished = Signal(object)  # Path of the verified copy, or None (failed or cancelled)

    def __init__(self, ctx: ServiceContext, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._ctx = ctx
        self._parent = parent_widget
        self.job: Job | None = None
        self.dialog: QProgressDialog | None = None
        self.error: str = ""

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def start(self, dest: Path, title: str, quiet: bool = False) -> None:
        """Copy in the background; `quiet` leaves the error message to the caller (see `error`)."""
        if self.running:
            return
        self.error = ""
        dialog = QProgressDialog(self._parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(self.tr("Copying the database to\n{path}").format(path=dest))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)
        dialog.setRange(0, 0)
        self.dialog = dialog
        ctx = self._ctx

        def work(progress: ProgressFn) -> Path:
            return maintenance.backup(ctx, dest, lambda done, total: progress("", done, total))

        def on_progress(_label: str, done: int, total: int) -> None:
            if total > 0 and dialog.maximum() != total:
                dialog.setRange(0, total)
            dialog.setValue(done)

        def on_done(path: object) -> None:
            self._close_dialog()
            log.info("database copied to %s", path)
            self.finished.emit(path)

        def on_error(exc: Exception) -> None:
            self._close_dialog()
            if isinstance(exc, Cancelled):
                self.error = self.tr("The copy was cancelled; nothing was changed.")
            elif isinstance(exc, CadreDeskError):
                self.error = str(exc)
                if not quiet:
                    QMessageBox.warning(self._parent, title, str(exc))
            self.finished.emit(None)

        self.job = run_in_background(work, on_done, on_error, on_progress)
        dialog.canceled.connect(self.job.cancel)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


def default_backup_name(ctx: ServiceContext) -> Path:
    stem = ctx.db.path.stem if ctx.db.path is not None else "cadre-desk"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return paths.backup_dir() / f"{stem}-{stamp}.db"


def ask_backup_path(parent: QWidget, ctx: ServiceContext) -> Path | None:
    """The file to back up into (a new file), or None when the user cancels."""
    title = QCoreApplication.translate("BackupRunner", "Back up the database")
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(default_backup_name(ctx)), "SQLite (*.db)")
    return Path(name) if name else None
