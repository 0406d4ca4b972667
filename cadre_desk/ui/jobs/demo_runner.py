"""Generating demo data off the GUI thread, with a progress dialog that names the stage and can cancel.

The generator writes everything in one transaction, so a cancelled run leaves the database as it was
(unless it was cancelled after the commit, while the file is being tidied up: then the data is there).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from cadre_desk import demo
from cadre_desk.errors import CadreDeskError
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Cancelled, Job, ProgressFn, run_in_background
from cadre_desk.ui.widgets.weak import BackRef

log = logging.getLogger("cadre_desk.ui")


class DemoRunner(QObject):
    """`start(count)` runs `demo.generate`; `finished(ok)` tells whether data may have been added."""

    finished = Signal(bool)

    _parent: BackRef[QWidget] = BackRef()  # held weakly: its Qt parent keeps this object

    def __init__(self, ctx: ServiceContext, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._ctx = ctx
        self._parent = parent_widget
        self.job: Job | None = None
        self.dialog: QProgressDialog | None = None
        self.report: demo.DemoReport | None = None

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def start(self, count: int) -> None:
        if self.running:
            return
        dialog = QProgressDialog(self._parent)
        dialog.setWindowTitle(self.tr("Generating demo data"))
        dialog.setLabelText(self.tr("Preparing…"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.setRange(0, 0)
        dialog.canceled.connect(self._cancel)
        dialog.show()
        self.dialog = dialog
        ctx = self._ctx

        def generate(progress: ProgressFn) -> demo.DemoReport:
            return demo.generate(ctx.db, cadres=count, progress=progress, operator=ctx, demo_account=True)

        self.job = run_in_background(generate, self._done, self._failed, self._progress)

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.dialog is None or (self.job is not None and self.job.cancelled):
            return
        self.dialog.setLabelText(stage)
        self.dialog.setRange(0, max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, report: object) -> None:
        self._close_dialog()
        self.report = report if isinstance(report, demo.DemoReport) else None
        log.info("demo data generated: %s", self.report)
        self.finished.emit(True)

    def _failed(self, exc: Exception) -> None:
        self._close_dialog()
        if isinstance(exc, Cancelled):
            log.info("demo data generation cancelled")
            self.finished.emit(True)  # cancelled after the commit would have left data behind
            return
        if isinstance(exc, CadreDeskError):
            QMessageBox.warning(self._parent, self.tr("Demo data"), str(exc))
        self.finished.emit(False)
