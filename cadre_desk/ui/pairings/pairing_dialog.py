"""New or edited pairing (结对帮带): mentor and mentee by search, the term, goals and plan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.yearmonth import year_term_end
from cadre_desk.services import mentorship, mentorship_changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.cadre_picker import CadrePicker
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog
from cadre_desk.ui.widgets.read_only import open_read_only


class PairingDialog(GuardedDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        current: mentorship.MentorshipView | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._current = current
        self.result_view: mentorship.MentorshipView | None = None
        self.setWindowTitle(self.tr("Edit pairing") if current else self.tr("New pairing"))
        self.setMinimumWidth(560)
        self.mentor = CadrePicker(ctx, self)
        self.mentee = CadrePicker(ctx, self)
        self.term_start = QLineEdit(self)
        self.term_end = QLineEdit(self)
        for edit in (self.term_start, self.term_end):
            edit.setPlaceholderText(self.tr("e.g. 2024.05.17"))
            edit.setMaximumWidth(140)
        self.goals = QPlainTextEdit(self)
        self.plan = QPlainTextEdit(self)
        for text in (self.goals, self.plan):
            text.setMinimumHeight(90)
        self.general = error_label(self)
        labels = {
            name: error_label(self)
            for name in ("mentor_id", "mentee_id", "term_start", "term_end", "goals", "plan")
        }
        self.messages = FieldMessages(self.general, labels)

        form = QFormLayout()
        form.addRow(self.tr("Mentor:"), with_error(self.mentor, labels["mentor_id"]))
        form.addRow(self.tr("Mentee:"), with_error(self.mentee, labels["mentee_id"]))
        term = QWidget(self)
        row = QHBoxLayout(term)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.term_start)
        row.addWidget(QLabel(self.tr("to"), self))
        row.addWidget(self.term_end)
        row.addStretch(1)
        term_box = QWidget(self)
        col = QVBoxLayout(term_box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(term)
        col.addWidget(labels["term_start"])
        col.addWidget(labels["term_end"])
        form.addRow(self.tr("Term:"), term_box)
        form.addRow(self.tr("Goals:"), with_error(self.goals, labels["goals"]))
        form.addRow(self.tr("Plan:"), with_error(self.plan, labels["plan"]))

        self.buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        day = today or dt.date.today()
        if current is not None:
            self.mentor.set_cadre(current.mentor_id, current.mentor)
            self.mentee.set_cadre(current.mentee_id, current.mentee)
            self.term_start.setText(f"{current.term_start:%Y.%m.%d}")
            self.term_end.setText(f"{current.term_end:%Y.%m.%d}")
            self.goals.setPlainText(current.goals)
            self.plan.setPlainText(current.plan)
        else:
            self.term_start.setText(f"{day:%Y.%m.%d}")
            self.term_end.setText(f"{year_term_end(day):%Y.%m.%d}")
        self.mentor.setFocus()

    def save(self) -> None:
        mentor_id, mentee_id = self.mentor.cadre_id(), self.mentee.cadre_id()
        missing = {}
        if mentor_id is None:
            missing["mentor_id"] = self.tr("Choose the mentor from the list")
        if mentee_id is None:
            missing["mentee_id"] = self.tr("Choose the mentee from the list")
        if missing:
            self.messages.show(missing)
            return
        assert mentor_id is not None and mentee_id is not None
        data = mentorship.MentorshipInput(
            mentor_id=mentor_id,
            mentee_id=mentee_id,
            term_start=self.term_start.text(),
            term_end=self.term_end.text(),
            goals=self.goals.toPlainText(),
            plan=self.plan.toPlainText(),
        )
        current = self._current
        self.result_view = save_or_explain(
            self,
            self.messages,
            lambda: (
                mentorship_changes.create_mentorship(self._ctx, data)
                if current is None
                else mentorship_changes.update_mentorship(self._ctx, current.id, data, current.version)
            ),
            self.tr("Not saved"),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        current: mentorship.MentorshipView | None = None,
        today: dt.date | None = None,
    ) -> mentorship.MentorshipView | None:
        dialog = cls(ctx, current, today, parent)
        dialog.exec()
        return dialog.result_view

    @classmethod
    def view(cls, parent: QWidget, ctx: ServiceContext, current: mentorship.MentorshipView) -> PairingDialog:
        """The pairing's form for reading (goals and plan in full): opened, not waited for."""
        dialog = cls(ctx, current, None, parent)
        title = QCoreApplication.translate("PairingDialog", "View pairing: {mentor} → {mentee}")
        open_read_only(dialog, title.format(mentor=current.mentor, mentee=current.mentee))
        return dialog
