"""Signing in: user name and password, on every open of a database with accounts and after the idle
lock (then for the same account only)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cadre_desk.db.engine import Database
from cadre_desk.errors import StorageError
from cadre_desk.services import accounts
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.form_dialog import FormDialog


class LoginDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        user: str = "",
        locked: bool = False,
        demo: bool = False,
        parent: QWidget | None = None,
        reason: str = "",
    ) -> None:
        if reason:  # the account was changed by an administrator (services.context.check_account)
            intro = reason + "\n" + self.tr("Sign in again to go on; what is typed in open editors is kept.")
        elif locked:
            intro = self.tr("Locked after a time without use. Sign in again to go on; nothing typed is lost.")
        else:
            intro = self.tr("Sign in to {database}.").format(database=db.display_name())
        if demo:
            intro += "\n" + self.tr("Demo database: user demo, password demo.")
        super().__init__(self.tr("Sign in") if not locked else self.tr("Locked"), intro, parent)
        self.db = db
        self.ctx: ServiceContext | None = None
        self.user = self.text_field("user", user)
        self.user.setReadOnly(locked)
        self.password = self.password_field("password")
        self.form.addRow(self.tr("User name:"), self.user)
        self.form.addRow(self.tr("Password:"), self.password)
        if locked:
            self.buttons.button(self.buttons.StandardButton.Cancel).setText(self.tr("Quit"))
        (self.password if user else self.user).setFocus()

    def submit(self) -> None:
        try:
            try:
                self.ctx = accounts.authenticate(self.db, self.user.text(), self.password.text())
            except StorageError:  # opened read-only (a second window) or not writable now: check only
                self.ctx = accounts.authenticate(
                    self.db, self.user.text(), self.password.text(), record=False
                )
        finally:
            self.password.clear()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        db: Database,
        user: str = "",
        locked: bool = False,
        demo: bool = False,
        reason: str = "",
    ) -> ServiceContext | None:
        """The signed-in context, or None when the user gives up (`reason`: why the window locked)."""
        dialog = cls(db, user, locked, demo, parent, reason)
        return dialog.ctx if dialog.exec() == FormDialog.DialogCode.Accepted else None
