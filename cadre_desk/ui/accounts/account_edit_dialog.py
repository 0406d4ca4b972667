"""Adding an account or changing its roles (administrators): name, display name, roles, the 导师's
own cadre number, and for a new account its password."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import accounts
from cadre_desk.services.access import ROLE_LABELS, Role
from cadre_desk.services.accounts import AccountView
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.form_dialog import FormDialog
from cadre_desk.ui.widgets.messages import user_text


class AccountEditDialog(FormDialog):
    def __init__(
        self, ctx: ServiceContext, account: AccountView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("New account")
            if account is None
            else self.tr("Roles of {name}").format(name=account.name),
            self.tr("An account may not be both system administrator and security auditor."),
            parent,
        )
        self.ctx = ctx
        self.account = account
        self.saved: AccountView | None = None
        self.name = self.text_field("name", account.name if account else "")
        self.name.setReadOnly(account is not None)
        self.display_name = self.text_field("displayName", account.display_name if account else "")
        self.form.addRow(self.tr("User name:"), self.name)
        self.form.addRow(self.tr("Display name:"), self.display_name)
        roles_row = QHBoxLayout()
        self.roles: dict[Role, QCheckBox] = {}
        for role, label in ROLE_LABELS.items():
            box = QCheckBox(label, self)
            box.setObjectName(f"role_{role.value}")
            box.setChecked(account is not None and role.value in account.roles)
            roles_row.addWidget(box)
            self.roles[role] = box
        self.form.addRow(self.tr("Roles:"), roles_row)
        self.cadre = QSpinBox(self)
        self.cadre.setObjectName("cadre")
        self.cadre.setRange(0, 2_000_000_000)
        self.cadre.setSpecialValueText(self.tr("none"))
        self.cadre.setValue(account.cadre_id or 0 if account else 0)
        self.cadre.setToolTip(self.tr("A mentor's own cadre number (shown on his profile)"))
        # whom the number means (name and unit): the administrator has no records to look it up in
        self.cadre_name = QLabel(self)
        self.cadre_name.setObjectName("cadreName")
        cadre_row = QHBoxLayout()
        cadre_row.addWidget(self.cadre)
        cadre_row.addWidget(self.cadre_name, 1)
        self.form.addRow(self.tr("Mentor's cadre number:"), cadre_row)
        self.cadre.valueChanged.connect(self._show_cadre)
        self._show_cadre(self.cadre.value())
        self.password = self.password_field("password")
        self.repeat = self.password_field("repeat")
        if account is None:
            self.form.addRow(self.tr("Password:"), self.password)
            self.form.addRow(self.tr("Repeat:"), self.repeat)

    def _show_cadre(self, number: int) -> None:
        if not number:
            self.cadre_name.setText("")
            return
        try:
            found = accounts.linked_cadre(self.ctx, number)
        except CadreDeskError as exc:
            self.cadre_name.setText(user_text(str(exc)))
            return
        self.cadre_name.setText(found.label() if found else self.tr("No cadre has this number"))

    def chosen_roles(self) -> list[str]:
        return [role.value for role, box in self.roles.items() if box.isChecked()]

    def submit(self) -> None:
        cadre = self.cadre.value() or None
        if self.account is None:
            if self.password.text() != self.repeat.text():
                raise CadreDeskError(self.tr("The two passwords differ"))
            self.saved = accounts.add_account(
                self.ctx,
                self.name.text(),
                self.chosen_roles(),
                self.password.text(),
                self.display_name.text(),
                cadre,
            )
        else:
            self.saved = accounts.set_roles(
                self.ctx, self.account.name, self.chosen_roles(), cadre, self.display_name.text()
            )

    @classmethod
    def ask(
        cls, parent: QWidget | None, ctx: ServiceContext, account: AccountView | None
    ) -> AccountView | None:
        dialog = cls(ctx, account, parent)
        return dialog.saved if dialog.exec() == FormDialog.DialogCode.Accepted else None
