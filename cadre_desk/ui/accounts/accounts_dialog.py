"""Account management for administrators (文件 → 账号管理): the accounts with their roles and state;
add, roles, reset password, disable and enable."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import accounts
from cadre_desk.services.accounts import AccountView
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.account_edit_dialog import AccountEditDialog
from cadre_desk.ui.accounts.reset_password_dialog import ResetPasswordDialog
from cadre_desk.ui.widgets.messages import user_text


class AccountsDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Accounts"))
        self.resize(760, 420)
        self.rows: list[AccountView] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("accounts")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("User name"),
                self.tr("Display name"),
                self.tr("Roles"),
                self.tr("State"),
                self.tr("Mentor's own cadre"),
            ]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in (0, 1, 2, 3):  # the roles read in full; the linked cadre takes what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        buttons = QHBoxLayout()
        self.add_button = self._button("add", self.tr("Add…"), self.add)
        self.roles_button = self._button("roles", self.tr("Roles…"), self.edit_roles)
        self.reset_button = self._button("reset", self.tr("Reset password…"), self.reset)
        self.lock_button = self._button("lock", self.tr("Disable"), self.lock)
        self.unlock_button = self._button("unlock", self.tr("Enable"), self.unlock)
        for button in (
            self.add_button,
            self.roles_button,
            self.reset_button,
            self.lock_button,
            self.unlock_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def reload(self, select: str | None = None) -> None:
        self.rows = accounts.list_accounts(self.ctx)
        self.table.setRowCount(len(self.rows))
        for row, account in enumerate(self.rows):
            state = (
                self.tr("disabled")
                if account.disabled
                else self.tr("locked")
                if account.locked()
                else self.tr("must change password")
                if account.must_change_password
                else ""
            )
            cadre = f"{account.cadre_id} {account.cadre_label}" if account.cadre_id else ""
            values = (account.name, account.display_name, "、".join(account.role_labels), state, cadre)
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if account.name == select:
                self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> AccountView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        for button in (self.roles_button, self.reset_button):
            button.setEnabled(chosen is not None)
        self.lock_button.setEnabled(
            chosen is not None and not chosen.disabled and chosen.name != self.ctx.account_name
        )
        self.unlock_button.setEnabled(chosen is not None and chosen.locked())

    def _run(self, action: Callable[[ServiceContext, str], object], name: str) -> None:
        try:
            action(self.ctx, name)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Accounts"), user_text(str(exc)))
        self.reload(name)

    def add(self) -> None:
        saved = AccountEditDialog.ask(self, self.ctx, None)
        if saved is not None:
            self.reload(saved.name)

    def edit_roles(self) -> None:
        chosen = self.selected()
        if chosen is not None and AccountEditDialog.ask(self, self.ctx, chosen) is not None:
            self.reload(chosen.name)

    def reset(self) -> None:
        chosen = self.selected()
        if chosen is not None and ResetPasswordDialog.ask(self, self.ctx, chosen.name):
            self.reload(chosen.name)

    def lock(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._run(accounts.lock_account, chosen.name)

    def unlock(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._run(accounts.unlock_account, chosen.name)

    @classmethod
    def show_accounts(cls, parent: QWidget | None, ctx: ServiceContext) -> None:
        cls(ctx, parent).exec()
