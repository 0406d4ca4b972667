"""回溯: the 任职 and 青干班 events of a chosen past period that no talk answered, for a department that
starts using the 三必谈 rules with years of data already in; they can be registered as owed talks."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import obligation_lookback
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.date_range import DateRange


class LookbackDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookbackDialog")
        self.setWindowTitle(self.tr("Look back (回溯)"))
        self._ctx = ctx
        self.events: list[obligation_lookback.PastEvent] = []
        self.raised = 0
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        self.dates = DateRange(self.problem, self)
        year = dt.date.today().year - 1
        self.dates.date_from.setText(f"{year}.01.01")
        self.dates.date_to.setText(f"{year}.12.31")
        self.find_button = QPushButton(self.tr("&Find"), self)
        self.find_button.setObjectName("lookbackFind")
        self.find_button.clicked.connect(self.search)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("lookbackTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Cadre"), self.tr("Unit"), self.tr("Rule"), self.tr("Event")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.raise_button = QPushButton(self.tr("&Register as owed talks"), self)
        self.raise_button.setObjectName("lookbackRaise")
        self.raise_button.setToolTip(
            self.tr("Each event becomes an owed talk, due from its own date (so usually overdue)")
        )
        self.raise_button.setEnabled(False)
        self.raise_button.clicked.connect(self.register)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:"), self))
        top.addWidget(self.dates, 1)
        top.addWidget(self.find_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.raise_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(buttons)
        self.setMinimumSize(QSize(820, 460))

    def search(self) -> None:
        dates = self.dates.dates()
        if dates is None:
            return
        start, end = dates
        if start is None or end is None:
            self.problem.setText(self.tr("Enter the first and the last day of the period."))
            self.problem.show()
            return
        try:
            self.events = obligation_lookback.lookback(self._ctx, start, end)
        except CadreDeskError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.table.setRowCount(len(self.events))
        for r, e in enumerate(self.events):
            for c, text in enumerate(
                (f"{e.event_date:%Y.%m.%d}", e.cadre_name, e.unit_name, e.rule, e.event)
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.summary.setText(self.tr("%n event(s) without a talk", "", len(self.events)))
        self.raise_button.setEnabled(bool(self.events))

    def register(self) -> None:
        if not self.events:
            return
        try:
            self.raised += obligation_lookback.raise_past(self._ctx, self.events)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.summary.setText(self.tr("%n owed talk(s) registered", "", self.raised))
        self.raise_button.setEnabled(False)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: ServiceContext) -> bool:
        """True when owed talks were registered."""
        dialog = cls(ctx, parent)
        try:
            dialog.exec()
            return dialog.raised > 0
        finally:
            dialog.deleteLater()
