"""One mentorship record of a pairing (帮带记录): date, form (谈心, 带教 …) and what was done."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.services import mentorship_records
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


class MentorshipRecordDialog(GuardedDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        mentorship_id: int,
        current: mentorship_records.MentorshipRecordView | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._mentorship_id = mentorship_id
        self._current = current
        self.result_view: mentorship_records.MentorshipRecordView | None = None
        self.setWindowTitle(
            self.tr("Edit mentorship record") if current else self.tr("New mentorship record")
        )
        self.setMinimumWidth(520)
        day = current.date if current else (today or dt.date.today())
        self.date = QLineEdit(f"{day:%Y.%m.%d}", self)
        self.date.setMaximumWidth(140)
        self.form = QComboBox(self)
        add_codes(self.form, vocab.MENTORSHIP_RECORD_FORMS)
        self.content = QPlainTextEdit(self)
        self.content.setMinimumHeight(140)
        if current is not None:
            select_code(self.form, current.form)
            self.content.setPlainText(current.content)
        labels = {name: error_label(self) for name in ("date", "form", "content")}
        self.general = error_label(self)
        self.messages = FieldMessages(self.general, labels)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Date:"), with_error(self.date, labels["date"]))
        form.addRow(self.tr("Form:"), with_error(self.form, labels["form"]))
        form.addRow(self.tr("Content:"), with_error(self.content, labels["content"]))
        buttons = dialog_buttons(self, self.save)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        data = mentorship_records.MentorshipRecordInput(
            self.date.text(), current_code(self.form), self.content.toPlainText()
        )
        current = self._current
        self.result_view = save_or_explain(
            self,
            self.messages,
            lambda: (
                mentorship_records.add_mentorship_record(self._ctx, self._mentorship_id, data)
                if current is None
                else mentorship_records.update_mentorship_record(self._ctx, current.id, data, current.version)
            ),
            self.tr("Not saved"),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        mentorship_id: int,
        current: mentorship_records.MentorshipRecordView | None = None,
        today: dt.date | None = None,
    ) -> mentorship_records.MentorshipRecordView | None:
        dialog = cls(ctx, mentorship_id, current, today, parent)
        dialog.exec()
        return dialog.result_view

    @classmethod
    def view(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        mentorship_id: int,
        current: mentorship_records.MentorshipRecordView,
    ) -> MentorshipRecordDialog:
        """One record for reading: opened, not waited for."""
        dialog = cls(ctx, mentorship_id, current, None, parent)
        open_read_only(dialog, QCoreApplication.translate("MentorshipRecordDialog", "View mentorship record"))
        return dialog
