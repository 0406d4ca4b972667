"""Ending a pairing: the end-of-term evaluation (结业评价) or ending early (中止) with a reason."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import mentorship, mentorship_changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.codes import add_codes, current_code, select_code
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog
from cadre_desk.ui.widgets.read_only import open_read_only


class EndPairingDialog(GuardedDialog):
    """`completed=True`: the evaluation form; False: the early end, which needs a reason."""

    def __init__(
        self,
        ctx: ServiceContext,
        current: mentorship.MentorshipView,
        completed: bool,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._current = current
        self._completed = completed
        self.result_view: mentorship.MentorshipView | None = None
        who = f"{current.mentor} → {current.mentee}"
        if completed:
            self.setWindowTitle(self.tr("End-of-term evaluation: {pairing}").format(pairing=who))
        else:
            self.setWindowTitle(self.tr("End pairing early: {pairing}").format(pairing=who))
        self.setMinimumWidth(560)
        day = today or dt.date.today()
        ended = min(day, current.term_end) if completed else day
        self.ended_on = QLineEdit(f"{ended:%Y.%m.%d}", self)
        self.ended_on.setMaximumWidth(140)
        self.reason = QPlainTextEdit(self)
        self.mentor_evaluation = QPlainTextEdit(self)
        self.mentee_summary = QPlainTextEdit(self)
        self.evaluation_result = QLineEdit(self)
        self.grade = QComboBox(self)
        add_codes(self.grade, vocab.MentorshipGrade)
        fields = (
            "ended_on",
            "end_reason",
            "mentor_evaluation",
            "mentee_summary",
            "evaluation_result",
            "evaluation_grade",
        )
        labels = {name: error_label(self) for name in fields}
        self.general = error_label(self)
        self.messages = FieldMessages(self.general, labels | {"status": self.general})
        form = QFormLayout()
        self.note: QLabel | None = None
        form.addRow(self.tr("Ended on:"), with_error(self.ended_on, labels["ended_on"]))
        if completed:
            form.addRow(
                self.tr("Mentor's evaluation:"),
                with_error(self.mentor_evaluation, labels["mentor_evaluation"]),
            )
            form.addRow(
                self.tr("Mentee's summary:"), with_error(self.mentee_summary, labels["mentee_summary"])
            )
            form.addRow(self.tr("Result:"), with_error(self.evaluation_result, labels["evaluation_result"]))
            form.addRow(self.tr("Grade:"), with_error(self.grade, labels["evaluation_grade"]))
            self.reason.hide()
        else:
            note = QLabel(
                self.tr("The pairing ends before its term ({end}). Please give the reason.").format(
                    end=f"{current.term_end:%Y.%m.%d}"
                ),
                self,
            )
            note.setWordWrap(True)
            self.note = note
            form.addRow(note)
            form.addRow(self.tr("Reason:"), with_error(self.reason, labels["end_reason"]))
            for widget in (self.mentor_evaluation, self.mentee_summary, self.evaluation_result, self.grade):
                widget.hide()
        buttons = dialog_buttons(self, self.save, QDialogButtonBox.StandardButton.Ok)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Complete the pairing") if completed else self.tr("End early"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        end = mentorship.MentorshipEnd(
            completed=self._completed,
            ended_on=self.ended_on.text(),
            reason=self.reason.toPlainText(),
            mentor_evaluation=self.mentor_evaluation.toPlainText(),
            mentee_summary=self.mentee_summary.toPlainText(),
            evaluation_result=self.evaluation_result.text(),
            evaluation_grade=current_code(self.grade) if self._completed else "",
        )
        current = self._current
        self.result_view = save_or_explain(
            self,
            self.messages,
            lambda: mentorship_changes.end_mentorship(self._ctx, current.id, end, current.version),
            self.tr("Not saved"),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        current: mentorship.MentorshipView,
        completed: bool,
        today: dt.date | None = None,
    ) -> mentorship.MentorshipView | None:
        dialog = cls(ctx, current, completed, today, parent)
        dialog.exec()
        return dialog.result_view

    @classmethod
    def view(
        cls, parent: QWidget, ctx: ServiceContext, current: mentorship.MentorshipView
    ) -> EndPairingDialog:
        """The evaluation (or the early end) of an ended pairing as it was recorded, for reading."""
        completed = current.status == vocab.MentorshipStatus.COMPLETED
        dialog = cls(ctx, current, completed, current.ended_on, parent)
        dialog.ended_on.setText(format_date(current.ended_on))
        dialog.reason.setPlainText(current.end_reason)
        dialog.mentor_evaluation.setPlainText(current.mentor_evaluation)
        dialog.mentee_summary.setPlainText(current.mentee_summary)
        dialog.evaluation_result.setText(current.evaluation_result)
        select_code(dialog.grade, current.evaluation_grade)
        if dialog.note is not None:
            dialog.note.setText(
                QCoreApplication.translate(
                    "EndPairingDialog", "The pairing ended before its term ({end})."
                ).format(end=f"{current.term_end:%Y.%m.%d}")
            )
        who = f"{current.mentor} → {current.mentee}"
        title = (
            QCoreApplication.translate("EndPairingDialog", "View end-of-term evaluation: {pairing}")
            if completed
            else QCoreApplication.translate("EndPairingDialog", "View early end: {pairing}")
        )
        open_read_only(dialog, title.format(pairing=who))
        return dialog
