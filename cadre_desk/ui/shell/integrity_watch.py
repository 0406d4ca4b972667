"""SQLite's quick_check of the open file, run in the background once the window is up (`open_database`
skips it on large files); a warning over the window only when it finds a problem."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs import integrity_check, workers
from cadre_desk.ui.widgets.weak import BackRef

log = logging.getLogger("cadre_desk.ui")


class IntegrityWatch(QObject):
    window: BackRef[QWidget] = BackRef()  # held weakly: its Qt parent keeps this object

    def __init__(self, ctx: ServiceContext, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._ctx = ctx
        self._stopped = False
        self.problems: list[str] | None = None  # None: not checked (yet)
        self.quick_check: integrity_check.QuickCheck | None = None
        self.box: QMessageBox | None = None

    def start(self) -> None:
        """SQLite's quick_check on a read-only connection, in the background; warn only on a problem."""
        path = self._ctx.db.path
        if path is None or self._stopped:
            return
        self.quick_check = integrity_check.QuickCheck(path)
        workers.run_in_background(self.quick_check.run, self.report, self._failed)

    def stop(self) -> None:
        """The window is closing: quitting never waits for the check of a large file."""
        self._stopped = True
        if self.quick_check is not None:
            self.quick_check.stop()

    def report(self, problems: object) -> None:
        """The check's result: nothing to say when the file is sound, else a warning (not modal)."""
        if self._stopped or not isValid(self) or not isinstance(problems, list):
            return
        self.problems = [str(p) for p in problems]
        if not problems:
            log.info("quick_check: the database file is sound")
            return
        log.error("quick_check found problems: %s", problems[:5])
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("The database file is damaged"),
            self.tr(
                "The check of the data file found problems:\n{problems}\n\nBack up your recent work, then "
                "restore the file from a backup (File → Back up the database makes one)."
            ).format(problems="\n".join(self.problems[:5])),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("integrityWarning")
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.box = box

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, workers.Cancelled):
            log.warning("integrity check failed to run: %s", exc)
