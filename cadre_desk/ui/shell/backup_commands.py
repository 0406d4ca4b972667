"""文件 → 备份数据库…, 从备份恢复… and 自动备份设置… in the main window: the runners that copy and
restore in the background, and what the window shows of their results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from shiboken6 import isValid

from cadre_desk import sealed
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.backups.policy_dialog import BackupPolicyDialog
from cadre_desk.ui.backups.restore import RestoreDialog, RestoreRunner
from cadre_desk.ui.jobs.backup_runner import BackupRunner, ask_backup_target
from cadre_desk.ui.widgets.weak import BackRef

if TYPE_CHECKING:
    from cadre_desk.ui.shell.main_window import MainWindow


class BackupCommands(QObject):
    window: BackRef[MainWindow] = BackRef()  # held weakly: its Qt parent keeps this object

    def __init__(self, ctx: ServiceContext, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._ctx = ctx
        self._stopped = False
        self.backup_runner = BackupRunner(ctx, window)
        self.backup_runner.finished.connect(self._backed_up)
        self.restore_runner = RestoreRunner(window)

    def stop(self) -> None:
        """The window is closing: results that arrive later are not shown."""
        self._stopped = True

    def back_up(self) -> None:
        if self.backup_runner.running:
            return
        target = ask_backup_target(self.window, self._ctx)
        if target is not None:
            self.backup_runner.start(
                target.path, self.tr("Back up the database"), passphrase=target.passphrase
            )

    def _backed_up(self, path: object) -> None:
        if self._stopped or not isValid(self):
            return
        if isinstance(path, Path):
            text = (
                self.tr("Backed up, sealed with the passphrase and verified: {path}")
                if sealed.is_sealed(path)
                else self.tr("Backed up and verified: {path}")
            )
            self.window.status.notice(text.format(path=path))
        elif self.backup_runner.error:
            self.window.status.notice(self.backup_runner.error)

    def restore(self) -> None:
        """文件 → 从备份恢复…: the current state is saved first; every page reloads afterwards."""
        if self.restore_runner.running or not self.window.can_leave_current():
            return
        request = RestoreDialog.ask(self.window, self._ctx)
        if request is not None:
            self.restore_runner.start(self._ctx, request, self._restored)

    def _restored(self, ok: bool) -> None:
        if self._stopped or not isValid(self) or not ok or self.restore_runner.result is None:
            return
        result = self.restore_runner.result
        window = self.window
        window.apply_changes(Changes.everything())
        window.roster.reload()
        window.status.refresh_record_counts()
        window.status.showMessage(
            self.tr("Restored from {backup}; the previous state was saved as {saved}").format(
                backup=result.restored_from, saved=result.saved_current
            ),
            30_000,
        )

    def edit_policy(self) -> None:
        """文件 → 自动备份设置…"""
        BackupPolicyDialog.ask(self.window, self._ctx)
