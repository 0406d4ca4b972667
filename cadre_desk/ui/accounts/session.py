"""The signed-in account in a window: 账号管理, 修改密码 and 锁定 in the menu, and the idle lock that
shows the sign-in again without closing anything (open editors keep what was typed).

The same lock follows a refusal because an administrator changed the account while the window was
open (disabled, a role taken away, the password reset: `ServiceContext.check_account`): the user is
told why, the refusal is audited, and the window goes on only after the account signs in again with
the rights the window was opened with (else it closes; open editors keep their drafts)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import accounts, app_settings
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.accounts_dialog import AccountsDialog
from cadre_desk.ui.accounts.login_dialog import LoginDialog
from cadre_desk.ui.accounts.password_dialog import PasswordDialog
from cadre_desk.ui.accounts.sign_in import IdleLock
from cadre_desk.ui.widgets import drafts
from cadre_desk.ui.widgets.permits import Act, guard, tag
from cadre_desk.ui.widgets.weak import BackRef, weak_slot

log = logging.getLogger("cadre_desk.ui")


class AccountSession(QObject):
    """Nothing to show for a database without accounts (the open mode): the actions stay hidden."""

    window: BackRef[QMainWindow] = BackRef()  # held weakly: its Qt parent keeps this object

    def __init__(self, window: QMainWindow, ctx: ServiceContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.locked = False
        signed = ctx.signed_in
        self.accounts_action = QAction(self.tr("&Accounts…"), window)
        self.accounts_action.setObjectName("accountsAction")
        self.accounts_action.setVisible(signed)
        guard(ctx, Act.ACCOUNTS, self.accounts_action)
        self.accounts_action.triggered.connect(self.manage_accounts)
        self.password_action = QAction(self.tr("Change &password…"), window)
        self.password_action.setObjectName("passwordAction")
        self.password_action.setVisible(signed)
        tag(Act.VIEW, self.password_action)
        self.password_action.triggered.connect(self.change_password)
        self.lock_action = QAction(self.tr("&Lock"), window)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setVisible(signed)
        tag(Act.VIEW, self.lock_action)
        self.lock_action.triggered.connect(weak_slot(self.lock, False))  # lock(idle=False)
        minutes = app_settings.get_settings(ctx).idle_lock_minutes if signed else 0
        self.idle = IdleLock(minutes, self)
        self.idle.timed_out.connect(weak_slot(self.lock, True))  # lock(idle=True)
        self.refusal = ""  # the account-changed refusal waiting to be handled
        if signed:
            ctx.on_account_changed(self._account_changed)  # held weakly

    def apply_settings(self) -> None:
        """The idle time of 设置, as it is now in the database (it may just have been changed)."""
        if not self.ctx.signed_in:
            return
        try:
            self.idle.set_minutes(app_settings.get_settings(self.ctx).idle_lock_minutes)
        except CadreDeskError as exc:
            log.warning("could not read the idle time: %s", exc)

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.accounts_action)
        menu.addAction(self.password_action)
        menu.addAction(self.lock_action)

    def manage_accounts(self) -> None:
        AccountsDialog.show_accounts(self.window, self.ctx)

    def change_password(self) -> None:
        changed = PasswordDialog.ask(self.window, self.ctx)
        if changed is not None:
            self.window.statusBar().showMessage(self.tr("Password changed"), 5000)

    def _account_changed(self, message: str) -> None:
        """Heard inside the refused service call (its unit of work still open): react once it is over."""
        if not self.refusal:
            self.refusal = str(message)
            try:
                QTimer.singleShot(0, self._after_refusal)
            except RuntimeError:  # the window is gone
                self.refusal = ""

    def _after_refusal(self) -> None:
        if not self.refusal or self.window is None:
            return
        if isinstance(QApplication.activeModalWidget(), QMessageBox) or self.locked:
            QTimer.singleShot(200, self._after_refusal)  # the refused call's own message is read first
            return
        try:
            accounts.record_denial(self.ctx, "窗口中的操作", self.refusal)
        except CadreDeskError as exc:
            log.warning("could not record the refusal: %s", exc)
        reason, self.refusal = self.refusal, ""
        self.lock(idle=False, reason=reason)

    def lock(self, idle: bool, reason: str = "") -> None:
        """Hide the window's contents and every other open window (editors, previews), and sign in again
        as the same account (or quit). `reason`: the account was changed by an administrator (the
        sign-in dialog says so; the lock itself is audited as the refusal)."""
        if self.locked or not self.ctx.signed_in:
            return
        self.locked = True
        self.idle.paused = True
        if not reason:
            try:
                accounts.record_idle_lock(self.ctx, idle)
            except CadreDeskError as exc:  # a locked or vanished file: lock anyway
                log.warning("could not record the lock: %s", exc)
        central = self.window.centralWidget()
        if central is not None:
            central.hide()
        # Open editors and other windows show records too: hidden while locked, back as they were.
        covered = [w for w in QApplication.topLevelWidgets() if w is not self.window and w.isVisible()]
        for w in covered:
            w.hide()
        signed = None
        try:
            signed = LoginDialog.ask(
                self.window, self.ctx.db, self.ctx.account_name, locked=True, reason=reason
            )
            if signed is not None and signed.must_change_password:  # reset meanwhile: changed first
                signed = PasswordDialog.ask(self.window, signed, forced=True)
        finally:
            if central is not None:
                central.show()
            if signed is not None:
                for w in covered:
                    w.show()
            self.locked = False
        if signed is None:
            self.window.close()
            return
        if not self.ctx.refresh_from(signed):
            kept = drafts.keep_open_drafts(self.window)
            log.info("roles changed: the window closes keeping %d drafts", kept)
            QMessageBox.information(
                self.window,
                self.tr("Roles changed"),
                self.tr(
                    "An administrator has changed the roles of {name}. This window closes; start Cadre "
                    "Desk again to work with the new roles. What was typed in open editors is kept as a "
                    "draft and offered back when the same editor opens."
                ).format(name=self.ctx.account_name),
            )
            setattr(self.window, "_closed", True)  # noqa: B010 (MainWindow: no "save changes?" now)
            self.window.close()
            return
        self.idle.resume()

    def stop(self) -> None:
        self.idle.stop()
        self.ctx.forget_listener(self._account_changed)
