"""The yearly review of a pool entry (年度研判意见): one per year, written again to change it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import pool_entries, pool_measures
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog
from cadre_desk.ui.widgets.read_only import open_read_only


class ReviewDialog(GuardedDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        entry: pool_entries.EntryView,
        review: pool_measures.ReviewView | None,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._entry = entry
        self._today = today
        self.result_review: pool_measures.ReviewView | None = None
        self.setWindowTitle(self.tr("Yearly review: %1").replace("%1", entry.name))
        self.setMinimumWidth(500)
        self.year = QSpinBox(self)
        self.year.setObjectName("reviewYear")
        self.year.setRange(entry.entered_on.year, max(entry.entered_on.year, today.year))
        self.year.setValue(review.year if review is not None else today.year)
        self.opinion = QPlainTextEdit(self)
        self.opinion.setObjectName("reviewOpinion")
        self.on = QLineEdit(self)
        self.on.setObjectName("reviewDate")
        self.on.setPlaceholderText(self.tr("e.g. 2025.12.20"))
        if review is not None:
            self.year.setEnabled(False)
            self.opinion.setPlainText(review.opinion)
            self.on.setText(format_date(review.reviewed_on))
        self.general = error_label(self)
        labels = {name: error_label(self) for name in ("year", "opinion", "reviewed_on")}
        self.messages = FieldMessages(self.general, labels)
        form = QFormLayout()
        form.addRow(self.tr("Year:"), with_error(self.year, labels["year"]))
        form.addRow(self.tr("Opinion:"), with_error(self.opinion, labels["opinion"]))
        form.addRow(self.tr("Reviewed on:"), with_error(self.on, labels["reviewed_on"]))
        self.buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        year, text, on = self.year.value(), self.opinion.toPlainText(), self.on.text()
        self.result_review = save_or_explain(
            self,
            self.messages,
            lambda: pool_measures.set_review(self._ctx, self._entry.id, year, text, on, self._today),
            self.tr("Not saved"),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        entry: pool_entries.EntryView,
        review: pool_measures.ReviewView | None,
        today: dt.date,
    ) -> pool_measures.ReviewView | None:
        dialog = cls(ctx, entry, review, today, parent)
        dialog.exec()
        return dialog.result_review

    @classmethod
    def view(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        entry: pool_entries.EntryView,
        review: pool_measures.ReviewView,
        today: dt.date,
    ) -> ReviewDialog:
        """One yearly review for reading: opened, not waited for."""
        dialog = cls(ctx, entry, review, today, parent)
        title = QCoreApplication.translate("ReviewDialog", "View yearly review: %1")
        open_read_only(dialog, title.replace("%1", entry.name))
        return dialog
