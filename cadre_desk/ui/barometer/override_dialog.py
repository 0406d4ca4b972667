"""研判 of one 晴雨表 entry: the colour the joint review decided instead of the computed one, with the
reason (who and when are kept by the service). 按规则 withdraws an override."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from cadre_desk.domain import barometer as bd
from cadre_desk.services import barometer_changes
from cadre_desk.services.barometer import EntryView
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


class OverrideDialog(GuardedDialog):
    def __init__(
        self, ctx: ServiceContext, entry: EntryView, words: Mapping[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._entry = entry
        self.result_view: EntryView | None = None
        self.setWindowTitle(self.tr("Review (研判): %1").replace("%1", entry.name))
        self.setMinimumWidth(480)
        computed = words[entry.computed_colour]
        rule = entry.rule_text or self.tr("no rule fired")
        self.computed = QLabel(f"{computed}（{rule}）", self)
        self.computed.setWordWrap(True)
        self.colour = QComboBox(self)
        self.colour.setObjectName("overrideColour")
        self.colour.addItem(self.tr("As computed (no override)"), "")
        for code in bd.COLOURS:
            self.colour.addItem(words[code], code)
        self.colour.setCurrentIndex(max(0, self.colour.findData(entry.override_colour)))
        self.reason = QPlainTextEdit(entry.override_reason, self)
        self.reason.setObjectName("overrideReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.general = error_label(self)
        labels = {name: error_label(self) for name in ("colour", "reason")}
        self.messages = FieldMessages(self.general, labels)
        form = QFormLayout()
        form.addRow(self.tr("Computed:"), self.computed)
        form.addRow(self.tr("Colour decided:"), with_error(self.colour, labels["colour"]))
        form.addRow(self.tr("Reason:"), with_error(self.reason, labels["reason"]))
        if entry.override_by:
            form.addRow(self.tr("Last decided by:"), QLabel(entry.override_by, self))
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, self.save))

    def save(self) -> None:
        self.result_view = save_or_explain(
            self,
            self.messages,
            lambda: barometer_changes.override(
                self._ctx, self._entry.id, str(self.colour.currentData()), self.reason.toPlainText(),
                self._entry.version,
            ),
            self.tr("Not saved"),
        )  # fmt: skip

    @classmethod
    def ask(
        cls, parent: QWidget, ctx: ServiceContext, entry: EntryView, words: Mapping[str, str]
    ) -> EntryView | None:
        dialog = cls(ctx, entry, words, parent)
        dialog.exec()
        return dialog.result_view

    @classmethod
    def view(
        cls, parent: QWidget, ctx: ServiceContext, entry: EntryView, words: Mapping[str, str]
    ) -> OverrideDialog:
        """The 研判 of one reading, for reading: opened, not waited for."""
        dialog = cls(ctx, entry, words, parent)
        title = QCoreApplication.translate("OverrideDialog", "View review (研判): %1")
        open_read_only(dialog, title.replace("%1", entry.name))
        return dialog
