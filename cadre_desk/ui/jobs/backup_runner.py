"""A verified copy of the database (`services.maintenance.backup`) in the background, with progress.

Used by File → Back up database… and by Settings → move the data file (which is a verified copy to
the new place; the old file is never deleted). File → Back up database… can seal the copy with a
passphrase (`services.sealed_backup`: AES-256-GCM, scrypt), for a copy that leaves the computer.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from cadre_desk import paths
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import maintenance, sealed_backup
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Cancelled, Job, ProgressFn, run_in_background
from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog
from cadre_desk.ui.widgets.weak import BackRef

log = logging.getLogger("cadre_desk.ui")


class BackupRunner(QObject):
    """`start(dest)` copies the database to `dest`; `finished(path or None)` when it is over."""

    finished = Signal(object)  # Path of the verified copy, or None (failed or cancelled)

    _parent: BackRef[QWidget] = BackRef()  # held weakly: its Qt parent keeps this object

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

    def start(
        self, dest: Path, title: str, quiet: bool = False, passphrase: str | None = None, move: bool = False
    ) -> None:
        """Copy in the background; `quiet` leaves the error message to the caller (see `error`); with
        `passphrase` the verified copy is sealed into `dest` and read back; `move`: the copy is the
        data file's new place (`maintenance.move_data_file`, an administrator's)."""
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
            if passphrase is not None:
                return sealed_backup.sealed_backup(
                    ctx, dest, passphrase, lambda done, total: progress("", done, total)
                )
            if move:
                return maintenance.move_data_file(ctx, dest, lambda done, total: progress("", done, total))
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


def default_backup_name(ctx: ServiceContext, suffix: str = ".db") -> Path:
    stem = ctx.db.path.stem if ctx.db.path is not None else "cadre-desk"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return paths.backup_dir() / f"{stem}-{stamp}{suffix}"


def ask_backup_path(parent: QWidget, ctx: ServiceContext, sealed: bool = False) -> Path | None:
    """The file to back up into (a new file), or None when the user cancels."""
    title = QCoreApplication.translate("BackupRunner", "Back up the database")
    if sealed:
        name, _filter = QFileDialog.getSaveFileName(
            parent,
            title,
            str(default_backup_name(ctx, SEALED_SUFFIX)),
            QCoreApplication.translate("BackupRunner", "Backups sealed with a passphrase (*.sealed)"),
        )
    else:
        name, _filter = QFileDialog.getSaveFileName(
            parent, title, str(default_backup_name(ctx)), "SQLite (*.db)"
        )
    return Path(name) if name else None


SEALED_SUFFIX = ".sealed"


@dataclass(frozen=True)
class BackupTarget:
    path: Path
    passphrase: str | None = None  # seal the copy with it


def ask_backup_target(parent: QWidget, ctx: ServiceContext) -> BackupTarget | None:
    """文件 → 备份数据库…: whether to protect the copy with a passphrase (typed twice, the rule of the
    command line's `backup --ask-passphrase`), then the new file; None when the user cancels."""
    title = QCoreApplication.translate("BackupRunner", "Back up the database")
    answer = QMessageBox.question(
        parent,
        title,
        QCoreApplication.translate(
            "BackupRunner",
            "Protect the backup with a passphrase? Choose this for a copy that leaves this computer "
            "(a USB stick, another office): it is then encrypted (AES-256) and can only be restored with "
            "the passphrase. Keep the passphrase apart from the file; without it the backup is lost.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.No,
    )
    if answer not in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No):
        return None
    passphrase = None
    if answer == QMessageBox.StandardButton.Yes:
        passphrase = PassphraseDialog.ask(
            parent,
            title,
            QCoreApplication.translate("BackupRunner", "Choose the passphrase of the backup."),
            new=True,
        )
        if passphrase is None:
            return None
    path = ask_backup_path(parent, ctx, sealed=passphrase is not None)
    return BackupTarget(path, passphrase) if path is not None else None
