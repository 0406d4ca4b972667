"""The window of an account that may not read the cadre records: a 系统管理员 (accounts, settings,
rules, backups), a 安全审计员, a 容错案件-only account, and a 导师 (his own pairings and his mentees'
diaries, through the same pages as the full window, filtered by the services)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMenu, QTabWidget, QVBoxLayout, QWidget

from cadre_desk.services.access import ROLE_LABELS, Role
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.session import AccountSession
from cadre_desk.ui.audit.audit_page import AuditPage
from cadre_desk.ui.backups.auto_backup import AutoBackup
from cadre_desk.ui.backups.restore import RestoreDialog, RestoreRunner
from cadre_desk.ui.diary.diary_page import DiaryPage
from cadre_desk.ui.jobs import workers
from cadre_desk.ui.jobs.backup_runner import BackupRunner, ask_backup_target
from cadre_desk.ui.pairings.pairings_page import PairingsPage
from cadre_desk.ui.profile.profile_view import ProfileView
from cadre_desk.ui.settings.rules_page import RulesDialog
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.tolerance.tolerance_page import TolerancePage
from cadre_desk.ui.widgets.permits import Act, allows, guard, tag
from cadre_desk.ui.widgets.screen_fit import fitting_size

MIN_WIDTH, MIN_HEIGHT = 960, 560


class LimitedWindow(QMainWindow):
    def __init__(
        self,
        ctx: ServiceContext,
        settings: Settings,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.setObjectName("limitedWindow")
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        path = ctx.db.path
        self.setWindowTitle(
            self.tr("Cadre Desk — {file}").format(file=path.name if path else ctx.db.display_name())
        )
        self.tabs = QTabWidget(self)
        if allows(ctx, Act.MENTOR):  # a 导师: his own pairings and his mentees' diaries
            self.pairings = PairingsPage(ctx, today, self)
            self.diary = DiaryPage(ctx, today, self)
            self.tabs.addTab(self.pairings, self.tr("My pairings"))
            self.tabs.addTab(self.diary, self.tr("Growth diaries"))
            self.pairings.open_record.connect(self.open_record)
            self.diary.open_record.connect(self.open_record)
            self.pairings.refresh()
            self.diary.refresh()
        if allows(ctx, Act.TOLERANCE):  # 容错案件 without the records roles
            self.tolerance = TolerancePage(ctx, today, self)
            self.tabs.addTab(self.tolerance, self.tr("Fault tolerance"))
            self.tolerance.refresh()
        if allows(ctx, Act.AUDIT):
            self.audit = AuditPage(ctx, self)
            self.tabs.addTab(self.audit, self.tr("Audit trail"))
            self.audit.refresh()
        if not self.tabs.count():
            self.tabs.addTab(self._overview(), self.tr("Account"))
        self.setCentralWidget(self.tabs)

        menu = self.menuBar().addMenu(self.tr("&File"))
        self.backup_runner = BackupRunner(ctx, self)
        self.backup_action = self._add(menu, self.tr("&Back up the database…"), self.back_up, "backupAction")
        self.backup_action.setVisible(ctx.db.path is not None)
        guard(ctx, Act.BACKUP, self.backup_action)
        self.restore_runner = RestoreRunner(self)
        self.restore_action = self._add(
            menu, self.tr("&Restore from a backup…"), self.restore, "restoreAction"
        )
        self.restore_action.setVisible(ctx.db.path is not None)
        guard(ctx, Act.RESTORE, self.restore_action)  # the 系统管理员's
        self.settings_action = self._add(menu, self.tr("&Settings…"), self.open_settings, "settingsAction")
        tag(Act.VIEW, self.settings_action)  # this computer's language; the rest read-only unless 设置
        self.rules_action = self._add(menu, self.tr("Local &rules…"), self.open_rules, "rulesAction")
        guard(ctx, Act.SETTINGS, self.rules_action)
        menu.addSeparator()
        self.session = AccountSession(self, ctx)
        self.session.add_to(menu)
        menu.addSeparator()
        quit_action = self._add(menu, self.tr("E&xit"), self.close, "quitAction")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        tag(Act.VIEW, quit_action)
        self.operator_label = QLabel(self.tr("Operator: {name}").format(name=ctx.operator), self)
        self.statusBar().addPermanentWidget(self.operator_label)
        # a 导师's diaries and comments, a 容错案件 account's cases, accounts and settings are changes too
        self.auto_backup = AutoBackup(ctx, self)
        self.auto_backup.message.connect(self._backup_message)
        self.resize(1200, 760)

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object], name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _backup_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    def _overview(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        roles = "、".join(ROLE_LABELS[Role(r)] for r in self.ctx.roles if r in {x.value for x in Role})
        lines = [self.tr("Signed in as {name} ({roles}).").format(name=self.ctx.operator, roles=roles or "—")]
        if allows(self.ctx, Act.ACCOUNTS):
            lines.append(self.tr("File → Accounts: add accounts, set their roles, reset passwords, disable."))
        if allows(self.ctx, Act.SETTINGS):
            lines.append(self.tr("File → Settings and Local rules: the department's settings and rules."))
        lines.append(
            self.tr(
                "The cadre records are shown only to accounts with a records role (干部科经办, 领导查阅)."
            )
        )
        label = QLabel("\n\n".join(lines), page)
        label.setObjectName("overview")
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addStretch(1)
        return page

    def open_record(self, kind: str, record_id: int) -> None:
        """A name in a pairing: the 导师's mentee's (or his own) profile, read-only, in a dialog."""
        if kind != "cadre":
            return
        dialog = QDialog(self)
        dialog.setObjectName("menteeProfile")
        dialog.setWindowTitle(self.tr("Cadre profile"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view = ProfileView(self.ctx, dialog)
        view.setObjectName("menteeProfileView")
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        view.show_cadre(record_id)
        dialog.resize(fitting_size(dialog, QSize(1100, 720)))
        self.profile_dialog = dialog
        dialog.open()

    def back_up(self) -> None:
        if self.backup_runner.running:
            return
        target = ask_backup_target(self, self.ctx)
        if target is not None:
            self.backup_runner.start(
                target.path, self.tr("Back up the database"), passphrase=target.passphrase
            )

    def restore(self) -> None:
        """文件 → 从备份恢复… (the 系统管理员's window: the accounts are kept, the pages reload)."""
        if self.restore_runner.running:
            return
        request = RestoreDialog.ask(self, self.ctx)
        if request is not None:
            self.restore_runner.start(self.ctx, request, self._restored)

    def _restored(self, ok: bool) -> None:
        result = self.restore_runner.result
        if not ok or result is None:
            return
        for name in ("pairings", "diary", "tolerance", "audit"):
            page = getattr(self, name, None)
            if page is not None:
                page.refresh()
        self.statusBar().showMessage(
            self.tr("Restored from {backup}; the previous state was saved as {saved}").format(
                backup=result.restored_from, saved=result.saved_current
            ),
            30_000,
        )

    def open_settings(self) -> None:
        SettingsDialog.ask(self, self.ctx, self.settings)
        self.session.apply_settings()  # the idle time takes effect at once

    def open_rules(self) -> None:
        RulesDialog.show_rules(self, self.ctx)

    def closeEvent(self, event: QCloseEvent) -> None:
        if workers.active_jobs():
            workers.cancel_all_and_wait()
        self.auto_backup.run_on_exit(self)
        self.session.stop()
        super().closeEvent(event)
