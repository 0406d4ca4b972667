"""The restore point of an import (`services.restore_point`), prepared in the background while the
user reads the import's preview.

    chosen = ask_with_restore_point(parent, ctx, "training", writes, lambda: Preview.ask(...))
    if chosen is not None:  # confirmed, and the copy is done (waited for at 导入 if need be)
        apply_training_import(ctx, plan)  # finds that copy: no second one

On a large database the verified copy takes tens of seconds; started with the preview, it is usually
done by the time the user confirms. The import itself still makes sure of its restore point (the same
service call), so a failed or outdated copy here only costs time, never safety.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from cadre_desk.services import restore_point
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job, ProgressFn, run_in_background

log = logging.getLogger("cadre_desk.ui")
Choice = TypeVar("Choice")


class RestorePointJob:
    def __init__(self, job: Job | None) -> None:
        self.job = job
        self.path: Path | None = None
        self.error: Exception | None = None
        self._progress: tuple[int, int] = (0, 0)
        self._dialog: QProgressDialog | None = None

    @classmethod
    def start(cls, ctx: ServiceContext, kind: str) -> RestorePointJob:
        """Start preparing the restore point of an import of `kind` (nothing on PostgreSQL)."""
        if ctx.db.path is None:
            return cls(None)
        prepared = cls(None)

        def work(progress: ProgressFn) -> Path:
            return restore_point.ensure(ctx, kind, lambda done, total: progress("", done, total))

        prepared.job = run_in_background(work, prepared._done, prepared._failed, prepared._on_progress)
        return prepared

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def _done(self, path: object) -> None:
        self.path = path if isinstance(path, Path) else None

    def _failed(self, exc: Exception) -> None:
        # Not shown here: the import makes sure of its restore point itself and reports a failure then.
        self.error = exc
        log.info("the restore point prepared with the preview failed: %s", exc)

    def _on_progress(self, _label: str, done: int, total: int) -> None:
        self._progress = (done, total)
        if self._dialog is not None and total > 0:
            self._dialog.setRange(0, total)
            self._dialog.setValue(min(done, total))

    def discard(self) -> None:
        """The preview was cancelled: stop a copy still running (its partial file is removed)."""
        if self.running:
            assert self.job is not None
            self.job.cancel()

    def wait(self, parent: QWidget | None) -> bool:
        """Before the import writes: wait for the copy if it is still running, with a progress dialog;
        False if the user cancelled (the copy is stopped, nothing is imported)."""
        if not self.running:
            return True
        assert self.job is not None
        dialog = QProgressDialog(parent)
        dialog.setWindowTitle(QCoreApplication.translate("RestorePointJob", "Import"))
        dialog.setLabelText(
            QCoreApplication.translate(
                "RestorePointJob", "Finishing the verified backup taken before the import…"
            )
        )
        dialog.setCancelButtonText(QCoreApplication.translate("RestorePointJob", "Cancel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        done, total = self._progress
        dialog.setRange(0, total)
        dialog.setValue(min(done, total))
        self._dialog = dialog
        dialog.show()
        loop = QEventLoop()
        self.job.finished.connect(loop.quit)
        dialog.canceled.connect(loop.quit)
        if self.running:  # it may have finished while the dialog was being made
            loop.exec()
        cancelled = self.running
        if cancelled:
            self.job.cancel()
        self._dialog = None
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
        return not cancelled


def ask_with_restore_point(
    parent: QWidget | None, ctx: ServiceContext, kind: str, writes: bool, ask: Callable[[], Choice | None]
) -> Choice | None:
    """Show an import's preview (`ask`: what the user chose, None if cancelled) while the restore point
    of an import of `kind` is prepared (only if the import `writes` anything). The choice once that
    copy is done; None if the user cancelled the preview (the copy is stopped) or the wait for it."""
    prepared = RestorePointJob.start(ctx, kind) if writes else RestorePointJob(None)
    chosen = ask()
    if chosen is None:
        prepared.discard()
        return None
    return chosen if prepared.wait(parent) else None
