"""A state change of a pool entry: 列为考察对象, 已使用 (with the post), 退出 (with the reason), or back to
在库; dated, checked by the service (which moves are allowed, dates in order)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from cadre_desk.domain import pools as rule
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import pool_entries
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.codes import add_codes, code_text, current_code
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog


class StateDialog(GuardedDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        entry: pool_entries.EntryView,
        target: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._entry = entry
        self._target = target
        self.result_entry: pool_entries.EntryView | None = None
        self.setWindowTitle(self.tr("%1: %2").replace("%1", entry.name).replace("%2", code_text(target)))
        self.setMinimumWidth(440)
        self.current = QLabel(
            self.tr("Now: %1 since %2 (%3)")
            .replace("%1", code_text(entry.state))
            .replace("%2", format_date(entry.state_on))
            .replace("%3", entry.pool),
            self,
        )
        self.on = QLineEdit(format_date(today), self)
        self.on.setObjectName("stateDate")
        self.post = QLineEdit(self)
        self.post.setObjectName("statePost")
        self.reason = QComboBox(self)
        self.reason.setObjectName("stateReason")
        add_codes(self.reason, [r.value for r in rule.ExitReason])
        self.note = QLineEdit(self)
        self.note.setObjectName("stateNote")
        self.general = error_label(self)
        labels = {name: error_label(self) for name in ("state", "on", "post", "reason", "note")}
        self.messages = FieldMessages(self.general, labels)
        form = QFormLayout()
        form.addRow(self.current)
        form.addRow(self.tr("Date:"), with_error(self.on, labels["on"]))
        if target == rule.PoolState.USED:
            form.addRow(self.tr("Post taken up:"), with_error(self.post, labels["post"]))
        if target == rule.PoolState.EXITED:
            form.addRow(self.tr("Reason:"), with_error(self.reason, labels["reason"]))
            form.addRow(self.tr("Note:"), with_error(self.note, labels["note"]))
        self.buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addWidget(labels["state"])
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        exiting = self._target == rule.PoolState.EXITED
        change = pool_entries.StateChange(
            self._target,
            self.on.text(),
            post=self.post.text() if self._target == rule.PoolState.USED else "",
            reason=current_code(self.reason) if exiting else "",
            note=self.note.text() if exiting else "",
        )
        entry = self._entry
        self.result_entry = save_or_explain(
            self,
            self.messages,
            lambda: pool_entries.move_entry(self._ctx, entry.id, change, entry.version),
            self.tr("Not saved"),
        )

    @classmethod
    def ask(
        cls, parent: QWidget, ctx: ServiceContext, entry: pool_entries.EntryView, target: str, today: dt.date
    ) -> pool_entries.EntryView | None:
        dialog = cls(ctx, entry, target, today, parent)
        dialog.exec()
        return dialog.result_entry
