"""Changing one's own password (from the menu, or forced after an administrator's reset)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import accounts
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.form_dialog import FormDialog


class PasswordDialog(FormDialog):
    def __init__(self, ctx: ServiceContext, forced: bool = False, parent: QWidget | None = None) -> None:
        intro = (
            self.tr(
                "An administrator has set your password (a new account, or a reset): "
                "choose your own to go on."
            )
            if forced
            else self.tr("Change the password of {name}.").format(name=ctx.operator)
        )
        super().__init__(self.tr("Change password"), intro, parent)
        self.ctx = ctx
        self.result_ctx: ServiceContext | None = None
        self.old = self.password_field("oldPassword")
        self.new = self.password_field("newPassword")
        self.repeat = self.password_field("repeat")
        self.form.addRow(self.tr("Current password:"), self.old)
        self.form.addRow(self.tr("New password:"), self.new)
        self.form.addRow(self.tr("Repeat:"), self.repeat)
        self.new.setToolTip(
            self.tr(
                "At least 8 characters, three of: upper case, lower case, digits, symbols; not the user name."
            )
        )

    def submit(self) -> None:
        if self.new.text() != self.repeat.text():
            raise CadreDeskError(self.tr("The two passwords differ"))
        self.result_ctx = accounts.change_own_password(self.ctx, self.old.text(), self.new.text())

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: ServiceContext, forced: bool = False) -> ServiceContext | None:
        """The context after the change, or None when cancelled."""
        dialog = cls(ctx, forced, parent)
        return dialog.result_ctx if dialog.exec() == FormDialog.DialogCode.Accepted else None
