"""The GUI's start-up: QApplication, crash handler, font, translation, database, main window, event loop."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from cadre_desk import __version__, paths
from cadre_desk.db.instance_lock import InstanceLock
from cadre_desk.errors import (
    CadreDeskError,
    DamagedDatabase,
    PassphraseNeeded,
    StorageError,
    WrongPassphrase,
)
from cadre_desk.services import access
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.sign_in import sign_in
from cadre_desk.ui.backups.restore import DamagedOffer, restore_damaged
from cadre_desk.ui.shell import crash, i18n, instance, refusals
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.fonts import install_fonts
from cadre_desk.ui.shell.icon import app_icon
from cadre_desk.ui.shell.limited_window import LimitedWindow
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.opening import OpenFailed, open_with_splash
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets import drafts
from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog
from cadre_desk.ui.widgets.retry_box import RetryBox

log = logging.getLogger("cadre_desk.ui")

EXIT_OK = 0
EXIT_CANNOT_OPEN = 1


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created with High-DPI defaults if there is none yet, as in tests)."""
    QCoreApplication.setOrganizationName(paths.APP_NAME)
    QCoreApplication.setApplicationName(keys.APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Qt 6 always scales for high DPI; pass fractional factors (125 %, 150 %) through unrounded.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    # The .desktop entry's name: Wayland and X11 docks match the window to its menu entry and icon.
    QGuiApplication.setDesktopFileName("cadre-desk")
    app.setWindowIcon(app_icon())
    return app


def chosen_database(given: str | None, settings: Settings) -> str:
    """`--db` wins, then `CADRE_DESK_DB`, then the file moved to in Settings, then the data directory."""
    if given:
        return given
    if os.environ.get("CADRE_DESK_DB"):
        return paths.default_database()
    return settings.get(keys.DATABASE_PATH) or paths.default_database()


def chosen_operator(given: str | None, settings: Settings) -> str | None:
    """`--operator` wins, then the name saved in Settings; None: the login name (`open_context`)."""
    return given or settings.get(keys.OPERATOR) or None


def run_gui(
    db_path_or_url: str | None = None,
    operator: str | None = None,
    open_files: Sequence[Path] = (),
    login: bool = False,
) -> int:
    """Open the database and run the main window; 1 if the database cannot be opened (left untouched).

    `login` (the program started by its user, `app.main`): the window opens only after signing in, and
    a database without accounts first gets its administrator (`ui.accounts.sign_in`); without it
    (tests building the window themselves) a database without accounts opens in the open mode.

    Without `db_path_or_url` / `operator` the ones saved in Settings (or the defaults) are used.
    `open_files` (appointment forms, exchange packages: what the desktop's file types hand over) are
    offered for import as soon as the window shows."""
    app = application()
    settings = Settings()
    with crash.installed():
        install_fonts(app)
        translators = i18n.install_translators(app, i18n.chosen_language(settings.get(keys.LANGUAGE)))
        try:
            database = chosen_database(db_path_or_url, settings)
            return _run(app, settings, database, chosen_operator(operator, settings), open_files, login)
        finally:
            i18n.remove_translators(app, translators)


def _run(
    app: QApplication,
    settings: Settings,
    db_path_or_url: str,
    operator: str | None,
    open_files: Sequence[Path] = (),
    login: bool = False,
) -> int:
    start = instance.take(db_path_or_url)  # one window per database file
    if start.cancelled:
        return EXIT_CANNOT_OPEN
    try:
        return _open_and_run(
            app, settings, db_path_or_url, operator, open_files, start.read_only, login, start.lock
        )
    finally:
        start.release()


def _open_and_run(
    app: QApplication,
    settings: Settings,
    db_path_or_url: str,
    operator: str | None,
    open_files: Sequence[Path],
    read_only: bool,
    login: bool = False,
    lock: InstanceLock | None = None,
) -> int:
    passphrase: str | None = None
    while True:
        try:
            ctx = open_with_splash(db_path_or_url, operator, passphrase, read_only)
            break
        except (PassphraseNeeded, WrongPassphrase) as exc:
            # An encrypted file (or a damaged one: the message says both): ask, and ask again.
            log.info("the database %s asks for its passphrase", db_path_or_url)
            title = QCoreApplication.translate("application", "Encrypted database")
            passphrase = PassphraseDialog.ask(None, title, str(exc))
            if passphrase is None:
                return EXIT_CANNOT_OPEN
        except DamagedDatabase as exc:
            # A damaged file (or no longer a database): offer its newest good backup, then open again.
            log.error("the database %s is damaged: %s", db_path_or_url, exc)
            if not DamagedOffer.ask(None, exc):
                if exc.backup is None:
                    QMessageBox.critical(
                        None, QCoreApplication.translate("application", "Cannot open the database"), str(exc)
                    )
                return EXIT_CANNOT_OPEN
            problem = restore_damaged(exc, operator)
            if problem:
                QMessageBox.critical(
                    None, QCoreApplication.translate("application", "Cannot open the database"), problem
                )
                return EXIT_CANNOT_OPEN
        except StorageError as exc:
            if not exc.retryable:
                log.error("cannot open the database %s: %s", db_path_or_url, exc)
                QMessageBox.critical(
                    None, QCoreApplication.translate("application", "Cannot open the database"), str(exc)
                )
                return EXIT_CANNOT_OPEN
            # Locked by another program, a USB stick not yet plugged in …: the user may fix it and retry.
            log.error("cannot open the database %s: %s", db_path_or_url, exc)
            title = QCoreApplication.translate("application", "Cannot open the database")
            if not RetryBox.ask(None, title, str(exc), keeps_input=False):
                return EXIT_CANNOT_OPEN
        except CadreDeskError as exc:
            log.error("cannot open the database %s: %s", db_path_or_url, exc)
            QMessageBox.critical(
                None, QCoreApplication.translate("application", "Cannot open the database"), str(exc)
            )
            return EXIT_CANNOT_OPEN
        except OpenFailed:  # a bug, already shown by the crash handler
            return EXIT_CANNOT_OPEN
    try:
        if login or ctx.permissions is not None:
            signed = sign_in(None, ctx, read_only)
            if signed is None:
                log.info("no sign-in: the window is not opened")
                return EXIT_CANNOT_OPEN
            ctx = signed
        if lock is not None and ctx.signed_in:  # a second window names the account, not the PC's login
            lock.name_account(f"{ctx.account_name}（{ctx.operator}）")
        window = window_for(ctx, settings)
        if read_only:
            window.setWindowTitle(
                window.windowTitle() + QCoreApplication.translate("application", " (read-only)")
            )
        drafts.configure(None if read_only else drafts.DraftStore.for_context(ctx))
        window.show()
        log.info("main window open on %s as %s", ctx.db.display_name(), ctx.operator)
        QTimer.singleShot(0, lambda: recovered_drafts(window))
        if open_files and isinstance(window, MainWindow):
            main_window = window
            QTimer.singleShot(0, lambda: main_window.menus.transfers.open_files(open_files))
        return int(app.exec())
    finally:
        ctx.db.dispose()


def window_for(ctx: ServiceContext, settings: Settings, background_checks: bool = True) -> QMainWindow:
    """The full window for an account that reads the records; else the limited one (a 系统管理员, a
    安全审计员, a 导师, a 容错案件-only account)."""
    window: QMainWindow
    if access.can(ctx, Permission.RECORDS_READ):
        window = MainWindow(ctx, settings, background_checks=background_checks)
    else:
        window = LimitedWindow(ctx, settings)
    refusals.watch(window, ctx.db)  # its refusals go to the audit trail (越权被拒), as the CLI's do
    return window


def recovered_drafts(parent: QWidget) -> None:
    """After a crash: say which editors had unsaved input, kept as drafts (offered back when the same
    editor opens again)."""
    store = drafts.current()
    found = store.pending() if store is not None else []
    if not found:
        return
    log.info("%d drafts left from an earlier run", len(found))
    titles = "\n".join(
        f"• {d.title.split(chr(0))[0]}（{d.saved_at.replace('T', ' ')[:16]}）" for d in found[:10]
    )
    QMessageBox.information(
        parent,
        QCoreApplication.translate("application", "Unsaved input kept"),
        QCoreApplication.translate(
            "application",
            "Cadre Desk ended without saving what was typed in these editors:\n{titles}\n\n"
            "Open the same record's editor again to put the input back.",
        ).format(titles=titles),
    )
