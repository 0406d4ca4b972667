"""The first start of a database without accounts: its administrator sets a password."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from cadre_desk.db.engine import Database
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import accounts
from cadre_desk.services.access import Role
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.form_dialog import FormDialog


class FirstAdminDialog(FormDialog):
    def __init__(self, db: Database, name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Set the administrator"),
            self.tr(
                "This database has no accounts yet. Set the system administrator's password: from now on "
                "everyone signs in, and the administrator adds the other accounts (File → Accounts)."
            ),
            parent,
        )
        self.db = db
        self.ctx: ServiceContext | None = None
        self.name = self.text_field("name", name)
        self.display_name = self.text_field("displayName")
        self.password = self.password_field("password")
        self.repeat = self.password_field("repeat")
        self.records = QCheckBox(self.tr("Also records clerk (may read and change the cadre records)"), self)
        self.records.setObjectName("records")
        self.records.setChecked(True)
        self.form.addRow(self.tr("User name:"), self.name)
        self.form.addRow(self.tr("Display name:"), self.display_name)
        hint = self.tr(
            "At least 8 characters, three of: upper case, lower case, digits, symbols; not the user name."
        )
        self.password.setToolTip(hint)
        rule = QLabel(hint, self)  # in full under the field: a placeholder would be cut off
        rule.setObjectName("passwordRule")
        rule.setWordWrap(True)
        rule.setStyleSheet("color: palette(mid);")
        self.form.addRow(self.tr("Password:"), self.password)
        self.form.addRow("", rule)
        self.form.addRow(self.tr("Repeat:"), self.repeat)
        self.form.addRow("", self.records)

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            raise CadreDeskError(self.tr("The two passwords differ"))
        ctx = accounts.set_first_admin(
            self.db, self.name.text(), self.password.text(), self.display_name.text()
        )
        if self.records.isChecked():
            accounts.set_roles(ctx, ctx.account_name, [Role.ADMIN.value, Role.CLERK.value])
            ctx = accounts.authenticate(self.db, ctx.account_name, self.password.text())
        self.ctx = ctx

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, name: str) -> ServiceContext | None:
        dialog = cls(db, name, parent)
        return dialog.ctx if dialog.exec() == FormDialog.DialogCode.Accepted else None
