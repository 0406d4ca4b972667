"""The sign-in at start and the idle lock.

`sign_in` runs after the database is open, before the window: a database without accounts makes its
administrator set a password (first start), one with accounts asks for user name and password
(`CADRE_DESK_USER` and `CADRE_DESK_PASSWORD` sign in without asking, as on the command line), and a
reset password is changed before anything else. `IdleLock` watches the user's input and emits
`timed_out` after the idle minutes of the department's settings.
"""

from __future__ import annotations

import logging
import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from cadre_desk.errors import LoginFailed, StorageError
from cadre_desk.services import accounts, demo_account
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.first_admin_dialog import FirstAdminDialog
from cadre_desk.ui.accounts.login_dialog import LoginDialog
from cadre_desk.ui.accounts.password_dialog import PasswordDialog

log = logging.getLogger("cadre_desk.ui")

USER_ENV, PASSWORD_ENV = "CADRE_DESK_USER", "CADRE_DESK_PASSWORD"


def sign_in(parent: QWidget | None, opened: ServiceContext, read_only: bool = False) -> ServiceContext | None:
    """The signed-in context for the window, or None when the user gives up (the program ends).
    `read_only` (a second window on a database another one holds): nothing can be written, so a
    database without accounts stays open as it is and a sign-in is only checked."""
    db = opened.db
    if not accounts.needs_login(db):
        if read_only:
            return opened
        signed = FirstAdminDialog.ask(parent, db, opened.account_name)
    else:
        signed = _from_environment(opened) or LoginDialog.ask(
            parent, db, os.environ.get(USER_ENV, ""), demo=demo_account.has_demo_account(db)
        )
    if signed is not None and signed.must_change_password:
        signed = PasswordDialog.ask(parent, signed, forced=True)
    if signed is not None:
        log.info("signed in as %s (%s)", signed.account_name, ",".join(signed.roles))
    return signed


def _from_environment(opened: ServiceContext) -> ServiceContext | None:
    user, password = os.environ.get(USER_ENV, ""), os.environ.get(PASSWORD_ENV)
    if not user or password is None:
        return None
    try:
        try:
            return accounts.authenticate(opened.db, user, password)
        except StorageError:  # read-only: check only
            return accounts.authenticate(opened.db, user, password, record=False)
    except LoginFailed as exc:
        log.warning("signing in from the environment failed: %s", exc)
        return None


class IdleLock(QObject):
    """Emits `timed_out` once no key or mouse input reached the application for `minutes`."""

    timed_out = Signal()
    CHECK_MS = 15_000

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_input = time.monotonic()
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setInterval(self.CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.minutes = 0
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        """A new idle time (设置), counted from the last input; 0 stops the lock."""
        if minutes == self.minutes:
            return
        self.stop()
        self.minutes = minutes
        app = QApplication.instance()
        if minutes > 0 and app is not None:
            app.installEventFilter(self)
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self.last_input = time.monotonic()
        return False

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_input

    def check(self) -> None:
        if not self.paused and self.minutes > 0 and self.idle_seconds() >= self.minutes * 60:
            self.paused = True
            self.timed_out.emit()

    def resume(self) -> None:
        self.last_input = time.monotonic()
        self.paused = False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
