"""到龄 of one cadre: the computed month, and a manual month with its reason (弹性提前 / 延迟, special
cases), plus the 任职年龄界限 (63 / 65 / 66) that stays manual."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from cadre_desk.services import retirement
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


class RetirementDialog(GuardedDialog):
    def __init__(
        self, ctx: ServiceContext, cadre_id: int, version: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._cadre_id = cadre_id
        self._version = version
        self.result_info: retirement.RetirementInfo | None = None
        self.setWindowTitle(self.tr("Retirement month"))
        self.setMinimumWidth(460)
        current = retirement.get_retirement(ctx, cadre_id)
        computed = retirement.get_computed(ctx, cadre_id)
        self.computed = QLabel(computed.text(), self)
        self.computed.setObjectName("computedRetirement")
        self.month = QLineEdit(self)
        self.month.setPlaceholderText(self.tr("blank: as computed; e.g. 2030.06"))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("required with a manual month"))
        self.limit = QLineEdit(self)
        self.limit.setPlaceholderText(self.tr("blank: the original age; e.g. 改革前任职年龄界限为63岁"))
        if current.source == retirement.MANUAL:
            self.month.setText(str(current.month))
            self.reason.setText(current.reason)
        self.limit.setText(retirement.get_post_age_limit(ctx, cadre_id))
        self.general = error_label(self)
        names = ("retirement_override", "retirement_override_reason", "post_age_limit")
        labels = {name: error_label(self) for name in names}
        self.messages = FieldMessages(self.general, labels)
        form = QFormLayout()
        form.addRow(self.tr("Computed (2025 reform):"), self.computed)
        form.addRow(self.tr("Manual month:"), with_error(self.month, labels["retirement_override"]))
        form.addRow(self.tr("Reason:"), with_error(self.reason, labels["retirement_override_reason"]))
        form.addRow(self.tr("Post age limit:"), with_error(self.limit, labels["post_age_limit"]))
        self.buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        limit = self.limit.text()
        self.result_info = save_or_explain(
            self,
            self.messages,
            lambda: retirement.set_override(
                self._ctx, self._cadre_id, self.month.text(), self.reason.text(), self._version, limit
            ),
            self.tr("Not saved"),
        )

    @classmethod
    def ask(
        cls, parent: QWidget, ctx: ServiceContext, cadre_id: int, version: int
    ) -> retirement.RetirementInfo | None:
        dialog = cls(ctx, cadre_id, version, parent)
        dialog.exec()
        return dialog.result_info

    @classmethod
    def view(cls, parent: QWidget, ctx: ServiceContext, cadre_id: int) -> RetirementDialog:
        """The month as computed and as set by hand, with its reason, for reading: opened, not waited for."""
        dialog = cls(ctx, cadre_id, 0, parent)
        for edit in (dialog.month, dialog.reason, dialog.limit):
            edit.setPlaceholderText("")  # the hints are for typing; empty means none set
        open_read_only(dialog, QCoreApplication.translate("RetirementDialog", "View retirement month"))
        return dialog
