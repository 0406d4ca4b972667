"""An administrator sets a new password for an account; it must be changed at the next sign-in."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import accounts
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.form_dialog import FormDialog


class ResetPasswordDialog(FormDialog):
    def __init__(self, ctx: ServiceContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Reset password"),
            self.tr("Set a new password for {name}; it must be changed at the next sign-in.").format(
                name=name
            ),
            parent,
        )
        self.ctx = ctx
        self.name = name
        self.was_reset = False
        self.password = self.password_field("password")
        self.repeat = self.password_field("repeat")
        self.form.addRow(self.tr("New password:"), self.password)
        self.form.addRow(self.tr("Repeat:"), self.repeat)

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            raise CadreDeskError(self.tr("The two passwords differ"))
        accounts.reset_password(self.ctx, self.name, self.password.text())
        self.was_reset = True

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: ServiceContext, name: str) -> bool:
        dialog = cls(ctx, name, parent)
        return dialog.exec() == FormDialog.DialogCode.Accepted and dialog.was_reset
