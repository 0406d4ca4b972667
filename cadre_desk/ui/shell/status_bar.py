"""The main window's status bar: the roster's count, the records counted in the background, the
operator and the database, and the passing messages of the window's commands."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget
from shiboken6 import isValid

from cadre_desk.services import maintenance
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs import workers

log = logging.getLogger("cadre_desk.ui")

NOTICE_MS = 15_000  # a result of a background job (a backup) stays this long


class MainStatusBar(QStatusBar):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._stopped = False
        database = ctx.db.display_name()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.records_label = QLabel(self)
        self.records_label.setObjectName("recordsLabel")
        self.operator_label = QLabel(self.tr("Operator: {name}").format(name=ctx.operator), self)
        self.db_label = QLabel(self.tr("Database: {path}").format(path=database), self)
        self.db_label.setToolTip(database)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addPermanentWidget(self.count_label)
        self.addPermanentWidget(self.records_label)
        self.addPermanentWidget(self.operator_label)
        self.addPermanentWidget(self.db_label)

    def notice(self, text: str) -> None:
        """A message that stays a while (the result of something that ran in the background)."""
        self.showMessage(text, NOTICE_MS)

    def show_counts(self, shown: int, total: int) -> None:
        """The roster's cadres: all of them, or how many of them its filters show."""
        if shown == total:
            self.count_label.setText(self.tr("%n cadre(s)", "", total))
        else:
            self.count_label.setText(self.tr("{shown} of %n cadre(s)", "", total).format(shown=shown))

    def refresh_record_counts(self) -> None:
        """Pairings, diary entries and talks (counted in the background)."""
        db = self._ctx.db
        workers.run_in_background(lambda _progress: maintenance.stats(db), self._counted, self._not_counted)

    def stop(self) -> None:
        """The window is closing: counts that arrive later are not shown."""
        self._stopped = True

    def _counted(self, counts: object) -> None:
        if self._stopped or not isValid(self) or not isinstance(counts, dict):
            return
        self.records_label.setText(
            " · ".join(
                (
                    self.tr("%n mentorship pairing(s)", "", int(counts.get("mentorship", 0))),
                    self.tr("%n diary entry(ies)", "", int(counts.get("diary_entry", 0))),
                    self.tr("%n talk record(s)", "", int(counts.get("talk", 0))),
                )
            )
        )

    def _not_counted(self, exc: Exception) -> None:
        log.warning("record counts failed: %s", exc)
