"""The profile's 应谈 tab: the cadre's owed talks (every state, overdue ones in red with the word 逾期)
with their actions, recording a 苗头性倾向性问题, and the warning ladder 提醒 → 函询 → 诫勉 → 调整 as far
as it exists (苗头 notes, 提醒 / 诫勉 talks, the barometer's 处置)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.obligations import ESCALATION_LADDER
from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.services import obligation_changes, obligation_escalation, obligations
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.talks import obligation_actions as act
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.weak import weak_slot


class ObligationsTab(QWidget):
    changed = Signal()  # an obligation or a talk changed here
    open_record = Signal(str, int)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obligationsTab")
        self._ctx = ctx
        self._cadre_id: int | None = None
        self._loaded_for: int | None = None
        self.rows: list[obligations.ObligationView] = []
        self.steps: list[obligation_escalation.EscalationStep] = []

        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("cadreObligations")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Rule"),
                self.tr("Event"),
                self.tr("Event date"),
                self.tr("Due"),
                self.tr("State"),
                self.tr("Talker"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(self._open_talk)

        self.note_button = QPushButton(self.tr("Record a warning sign (苗头)…"), self)
        self.note_button.setObjectName("recordWarningSign")
        self.note_button.setToolTip(
            self.tr("A 苗头性倾向性问题 noted on this cadre owes a talk (提醒谈话 by default)")
        )
        self.note_button.clicked.connect(self.record_warning_sign)
        self.buttons: dict[str, QPushButton] = {}
        actions: tuple[tuple[str, str, Callable[..., bool]], ...] = (
            ("talk", self.tr("Talk…"), act.record_talk),
            ("link", self.tr("Link a talk…"), act.link_talk),
            ("waive", self.tr("No talk needed…"), act.waive),
            ("merge", self.tr("Merge…"), act.merge),
            ("close", self.tr("Close the loop"), act.close),
            ("reopen", self.tr("Reopen"), act.reopen),
        )
        # Two short rows: the profile is often narrow (about 600 pixels in a 1280-pixel window).
        row = QVBoxLayout()
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.note_button)
        for n, (key, text, action) in enumerate(actions):
            button = QPushButton(text, self)
            button.setObjectName(f"cadreObligation_{key}")
            button.clicked.connect(weak_slot(self._run, action))
            (first if n < 2 else second).addWidget(button)
            self.buttons[key] = button
        first.addStretch(1)
        second.addStretch(1)
        guard(ctx, Act.WRITE, self.note_button, *self.buttons.values())
        row.addLayout(first)
        row.addLayout(second)

        self.ladder_title = QLabel(self)
        self.ladder_title.setStyleSheet("font-weight: bold;")
        self.ladder = QTableWidget(0, 3, self)
        self.ladder.setObjectName("escalationLadder")
        self.ladder.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Step"), self.tr("What")])
        self.ladder.verticalHeader().setVisible(False)
        self.ladder.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ladder.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ladder.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.ladder.cellDoubleClicked.connect(self._open_step)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.ladder_title)
        layout.addWidget(self.ladder, 2)
        self._update_buttons()

    # --- loading ----------------------------------------------------------------------------------

    def set_cadre(self, cadre_id: int | None) -> None:
        """Show this cadre's owed talks (loaded when the tab is visible, not before)."""
        self._cadre_id = cadre_id
        self._loaded_for = None
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()  # a few rows: always as stored now (a talk elsewhere may have settled one)

    def reload(self) -> None:
        if self._cadre_id is None:
            return
        self._loaded_for = self._cadre_id
        self.rows = obligations.list_obligations(self._ctx, cadre_id=self._cadre_id)
        self.table.setRowCount(len(self.rows))
        for r, o in enumerate(self.rows):
            cells = (
                o.rule,
                o.event,
                f"{o.event_date:%Y.%m.%d}",
                f"{o.due_date:%Y.%m.%d}",
                act.state_text(o),
                o.talker,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(o.event + (f"\n{o.reason}" if o.reason else ""))
                if o.overdue:
                    item.setForeground(act.OVERDUE)
                self.table.setItem(r, c, item)
        self.steps = obligation_escalation.escalation(self._ctx, self._cadre_id)
        reached = {s.step for s in self.steps}
        ladder = " → ".join(f"[{rung}]" if rung in reached else rung for rung in ESCALATION_LADDER)
        self.ladder_title.setText(self.tr("Warning ladder: {ladder}").format(ladder=ladder))
        self.ladder.setRowCount(len(self.steps))
        for r, s in enumerate(self.steps):
            for c, text in enumerate((f"{s.day:%Y.%m.%d}", s.step, s.text)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.ladder.setItem(r, c, item)
        self._update_buttons()

    def _current(self) -> obligations.ObligationView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _update_buttons(self) -> None:
        for key, on in act.enabled_actions(self._current()).items():
            self.buttons[key].setEnabled(on)

    # --- actions ----------------------------------------------------------------------------------

    def _run(self, action: Callable[..., bool]) -> None:
        view = self._current()
        if view is not None and action(self, self._ctx, view):
            self.reload()
            self.changed.emit()

    def _open_talk(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.rows) and self.rows[row].talk_id is not None:
            self.open_record.emit("talk", int(self.rows[row].talk_id or 0))

    def _open_step(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.steps) and self.steps[row].record_kind == "talk":
            self.open_record.emit("talk", self.steps[row].record_id)

    def record_warning_sign(self) -> None:
        if self._cadre_id is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Warning sign (苗头性倾向性问题)"), self.tr("What was found (dated today):")
        )
        if not ok:
            return
        try:
            made = obligation_changes.record_warning_sign(self._ctx, self._cadre_id, text, dt.date.today())
        except CadreDeskError as exc:
            message = "；".join(exc.fields.values()) if isinstance(exc, ValidationError) else str(exc)
            QMessageBox.warning(self, self.tr("Not saved"), message)
            return
        if made is None:
            QMessageBox.information(
                self,
                self.tr("Warning sign"),
                self.tr("The 苗头 rule is switched off in 设置 → 规则: no talk is owed."),
            )
        self.reload()
        self.changed.emit()
