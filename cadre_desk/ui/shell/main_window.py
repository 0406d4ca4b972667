"""The main window: menus, the global search box, the left navigation, the page stack, the status bar.

Pages sit in a QStackedWidget, listed in the navigation by key: 工作台 (home) first, 干部名册, then the
work pages of `work_pages.build_work_pages`. The welcome page has no navigation entry and stands in
for the roster while the database holds no cadres. Every page is a `shell.page.Page`;
`open_record(kind, id)` routes a record (from the search, the home page or another page) to the page
whose `record_kinds` hold its kind.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)
from shiboken6 import isValid

from cadre_desk import paths, sealed
from cadre_desk.services import demo_account, maintenance, units
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.session import AccountSession
from cadre_desk.ui.audit.audit_page import AuditPage
from cadre_desk.ui.backups.auto_backup import AutoBackup
from cadre_desk.ui.backups.policy_dialog import BackupPolicyDialog
from cadre_desk.ui.backups.restore import RestoreDialog, RestoreRunner
from cadre_desk.ui.barometer.barometer_page import BarometerPage
from cadre_desk.ui.development.retirement_page import RetirementPage
from cadre_desk.ui.development.training_page import TrainingPage
from cadre_desk.ui.home.home_page import HomePage
from cadre_desk.ui.jobs import integrity_check, workers
from cadre_desk.ui.jobs.backup_runner import BackupRunner, ask_backup_target
from cadre_desk.ui.jobs.demo_runner import DemoRunner
from cadre_desk.ui.pools.pools_page import PoolsPage
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.search.global_search import GlobalSearch
from cadre_desk.ui.settings.rules_page import RulesDialog
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell import memory
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.about import AboutDialog
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.shell.welcome import WelcomePage
from cadre_desk.ui.shell.work_pages import build_work_pages
from cadre_desk.ui.structure.structure_page import StructurePage
from cadre_desk.ui.tolerance.tolerance_page import TolerancePage
from cadre_desk.ui.transfer.transfer_menus import TransferMenus
from cadre_desk.ui.units.units_page import UnitsPage
from cadre_desk.ui.widgets.permits import Act, allows, guard, tag
from cadre_desk.ui.widgets.record_kinds import kind_label

log = logging.getLogger("cadre_desk.ui")

HOME = "home"
ROSTER = "roster"
UNITS = "units"
RETIREMENT = "retirement"
STRUCTURE = "structure"
TRAINING = "training"
BAROMETER = "barometer"
AUDIT = "audit"
POOLS = "pools"
TOLERANCE = "tolerance"
WELCOME = "welcome"
MIN_WIDTH, MIN_HEIGHT = 960, 560  # 560: a 1366x768 laptop at 125 % scaling, taskbar included
DEFAULT_SIZE = QSize(1400, 860)
SCREEN_SHARE = 0.92  # a first window leaves a margin of the screen free
INTEGRITY_CHECK_DELAY_MS = 1500  # after the window is up and painted


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: ServiceContext,
        settings: Settings,
        today: dt.date | None = None,
        parent: QWidget | None = None,
        background_checks: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.setObjectName("mainWindow")
        self._closed = False
        self.integrity_problems: list[str] | None = None  # None: not checked (yet)
        self.quick_check: integrity_check.QuickCheck | None = None
        # An explicit minimum keeps the layout from resetting it on every change (and the offscreen
        # platform used by the tests from warning that it cannot pass size hints on).
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        database = ctx.db.display_name()
        path = ctx.db.path
        self.setWindowTitle(self.tr("Cadre Desk — {file}").format(file=path.name if path else database))

        self._pages: dict[str, Page] = {}
        self._nav_keys: list[str] = []
        self.stack = QStackedWidget(self)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(120)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 6px 10px; }")
        self.nav.currentItemChanged.connect(self._nav_changed)

        self.home = HomePage(ctx, today, self)
        self.roster = RosterPage(ctx, today, self)
        self.welcome = WelcomePage(database, settings.get(keys.DEMO_CADRES), self)
        guard(ctx, Act.WRITE, self.welcome.demo_button)  # a 领导查阅 on an empty database
        tag(Act.VIEW, self.welcome.blank_button)
        self.add_page(HOME, self.tr("Worktable"), self.home)
        self.add_page(ROSTER, self.tr("Cadre roster"), self.roster)
        self.units_page = UnitsPage(ctx, today, self)
        self.add_page(UNITS, self.tr("Units"), self.units_page)
        self.add_page(WELCOME, "", self.welcome, in_navigation=False)
        for key, title, page in build_work_pages(ctx, settings, today, self):
            self.add_page(key, title, page)
        self.add_page(RETIREMENT, self.tr("Retirement"), RetirementPage(ctx, today, self))
        self.add_page(TRAINING, self.tr("Training"), TrainingPage(ctx, today, self))
        self.add_page(BAROMETER, self.tr("Barometer"), BarometerPage(ctx, today, self))
        self.add_page(STRUCTURE, self.tr("Team structure"), StructurePage(ctx, today, self))
        self.add_page(POOLS, self.tr("Reserve pools"), PoolsPage(ctx, today, self))
        if allows(ctx, Act.AUDIT):  # the 安全审计员's page (open databases: everyone's)
            self.add_page(AUDIT, self.tr("Audit trail"), AuditPage(ctx, self))
        if allows(ctx, Act.TOLERANCE):  # 容错案件 (open databases: everyone's)
            self.add_page(TOLERANCE, self.tr("Fault tolerance"), TolerancePage(ctx, today, self))
        for page in self._pages.values():
            page.open_record.connect(self.open_record)
            page.records_changed.connect(self.apply_changes)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("navSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([150, 1200])
        self.setCentralWidget(self.splitter)

        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search everything: cadres, diaries, comments, talks, pairings (Ctrl+F)")
        )
        self.search.setMinimumWidth(420)
        self.search.setMaximumWidth(640)
        self.global_search = GlobalSearch(ctx, self.search, self)
        self.global_search.open_record.connect(self.open_record)

        self.demo = DemoRunner(ctx, self)
        self.demo.finished.connect(self._demo_finished)
        self.backup_runner = BackupRunner(ctx, self)
        self.backup_runner.finished.connect(self._backup_finished)
        self.auto_backup = AutoBackup(ctx, self)
        self.auto_backup.message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.restore_runner = RestoreRunner(self)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar(database)

        self.welcome.demo_requested.connect(self._generate_demo)
        self.welcome.blank_requested.connect(lambda: self.show_page(ROSTER, allow_welcome=False))
        self.roster.counts_changed.connect(self._show_counts)

        self.restore_state()
        total = self.roster.reload()
        wanted = settings.get(keys.CURRENT_PAGE)
        if not total:
            self.show_page(WELCOME)
        else:
            self.show_page(wanted if wanted in self._nav_keys else HOME)
        memory.drop_source_lines()  # start-up imports are done
        if background_checks:
            QTimer.singleShot(0, self.refresh_record_counts)
            QTimer.singleShot(INTEGRITY_CHECK_DELAY_MS, self.check_integrity)

    # --- building --------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.transfers = TransferMenus(self, self.ctx, self.roster)
        self.transfers.changed.connect(lambda: self.apply_changes(Changes.everything()))
        self.transfer_actions = self.transfers.actions
        file_menu.addMenu(self.transfers.import_menu)
        file_menu.addMenu(self.transfers.export_menu)
        file_menu.addSeparator()
        self.backup_action = self._action(
            self.tr("&Back up the database…"), self.back_up, name="backupAction"
        )
        self.backup_action.setEnabled(self.ctx.db.path is not None)
        guard(self.ctx, Act.BACKUP, self.backup_action)
        file_menu.addAction(self.backup_action)
        self.restore_action = self._action(
            self.tr("&Restore from a backup…"), self.restore_backup, name="restoreAction"
        )
        self.restore_action.setEnabled(self.ctx.db.path is not None)
        guard(self.ctx, Act.BACKUP, self.restore_action)
        file_menu.addAction(self.restore_action)
        self.backup_policy_action = self._action(
            self.tr("Automatic &backups…"),
            lambda: BackupPolicyDialog.ask(self, self.ctx),
            name="backupPolicyAction",
        )
        self.backup_policy_action.setEnabled(self.ctx.db.path is not None)
        guard(self.ctx, Act.SETTINGS, self.backup_policy_action)
        file_menu.addAction(self.backup_policy_action)
        self.settings_action = self._action(
            self.tr("&Settings…"), self.open_settings, QKeySequence.StandardKey.Preferences
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addAction(self.settings_action)
        self.rules_action = self._action(self.tr("Local &rules…"), self.open_rules, name="rulesAction")
        tag(Act.VIEW, self.settings_action, self.rules_action)  # read-only unless the account may change them
        file_menu.addAction(self.rules_action)
        file_menu.addSeparator()
        self.session = AccountSession(self, self.ctx)
        self.session.add_to(file_menu)
        file_menu.addSeparator()
        self.quit_action = self._action(self.tr("E&xit"), self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.new_action = self._action(
            self.tr("&New record on this page…"),
            lambda: self.page_command(lambda page: page.new_record()),
            "Ctrl+N",
            "newAction",
        )
        self.save_action = self._action(
            self.tr("&Save"),
            lambda: self.page_command(lambda page: page.save_record()),
            "Ctrl+S",
            "saveAction",
        )
        self.print_action = self._action(
            self.tr("&Print the current record…"),
            lambda: self.page_command(lambda page: page.print_record()),
            "Ctrl+P",
            "printAction",
        )
        for action in (self.new_action, self.save_action, self.print_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            edit_menu.addAction(action)
        # What the account's roles cannot do is not offered (the services refuse it anyway).
        guard(self.ctx, Act.WRITE, self.new_action, self.save_action)
        guard(self.ctx, Act.OUTPUT, self.print_action)
        edit_menu.addSeparator()
        self.find_action = self._action(self.tr("&Find…"), self.focus_search, QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        edit_menu.addAction(self.find_action)

        view_menu = bar.addMenu(self.tr("&View"))
        self.page_actions: list[QAction] = []
        for number, key in enumerate(self._nav_keys, start=1):
            item = self._nav_item(key)
            title = item.text() if item is not None else key
            shortcut = f"Ctrl+{number}" if number <= 9 else None
            action = self._action(title, self._page_opener(key), shortcut, name=f"page_{key}")
            view_menu.addAction(action)
            self.page_actions.append(action)
        view_menu.addSeparator()
        self.refresh_action = self._action(
            self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh
        )
        if self.refresh_action.shortcut().isEmpty():
            self.refresh_action.setShortcut(QKeySequence("F5"))
        view_menu.addAction(self.refresh_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        self.data_location_action = self._action(self.tr("&Data file location…"), self.show_data_location)
        help_menu.addAction(self.data_location_action)
        self.about_action = self._action(self.tr("&About Cadre Desk"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def _page_opener(self, key: str) -> Callable[[], None]:
        return lambda: self.show_page(key)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Search"), self)
        toolbar.setObjectName("searchToolBar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(self.tr("Search:"), self))
        toolbar.addWidget(self.search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _build_status_bar(self, database: str) -> None:
        bar = self.statusBar()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.records_label = QLabel(self)
        self.records_label.setObjectName("recordsLabel")
        self.operator_label = QLabel(self.tr("Operator: {name}").format(name=self.ctx.operator), self)
        self.db_label = QLabel(self.tr("Database: {path}").format(path=database), self)
        self.db_label.setToolTip(database)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.records_label)
        bar.addPermanentWidget(self.operator_label)
        bar.addPermanentWidget(self.db_label)

    # --- pages -----------------------------------------------------------------------------------

    def add_page(self, key: str, title: str, page: Page, in_navigation: bool = True) -> None:
        self._pages[key] = page
        self.stack.addWidget(page)
        if in_navigation:
            item = QListWidgetItem(title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self._nav_keys.append(key)

    def page(self, key: str) -> Page:
        return self._pages[key]

    def page_keys(self) -> list[str]:
        """The navigation's pages, in order."""
        return list(self._nav_keys)

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return next((key for key, page in self._pages.items() if page is widget), "")

    def _nav_item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                return item
        return None

    def show_page(self, key: str, allow_welcome: bool = True) -> None:
        if key == ROSTER and allow_welcome and self.roster.total() == 0:
            key = WELCOME
        page = self._pages[key]
        page.refresh()
        memory.drop_source_lines()  # of anything the page imported on its first visit
        self.stack.setCurrentWidget(page)
        # The welcome page stands in for the empty roster, so the roster's entry stays selected.
        item = self._nav_item(ROSTER if key == WELCOME else key)
        if item is not None and self.nav.currentItem() is not item:
            blocked = self.nav.blockSignals(True)
            self.nav.setCurrentItem(item)
            self.nav.blockSignals(blocked)
        if key == ROSTER:
            self.roster.table.setFocus()
        elif key == WELCOME:
            self.welcome.blank_button.setFocus()  # Enter never generates demo data by accident
        elif key == HOME:
            self.home.focus_first_list()

    def _nav_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        key = current.data(Qt.ItemDataRole.UserRole)
        if isinstance(key, str) and self.stack.currentWidget() is not self._pages[key]:
            if not self.can_leave_current():
                # Stay on the page with unsaved edits; re-select its entry once this change is done.
                QTimer.singleShot(0, self._select_current_nav_item)
                return
            self.show_page(key)

    def _select_current_nav_item(self) -> None:
        key = self.current_page()
        item = self._nav_item(ROSTER if key == WELCOME else key)
        if item is not None:
            blocked = self.nav.blockSignals(True)
            self.nav.setCurrentItem(item)
            self.nav.blockSignals(blocked)

    def can_leave_current(self) -> bool:
        """Ask the current page (if it edits something) whether its unsaved changes may be left."""
        current = self._pages.get(self.current_page())
        return current is None or current.can_leave()

    def refresh(self) -> None:
        """F5: fetch the roster, the open profile and the current page again."""
        self.roster.reload()
        self.roster.profile.refresh_from_store()
        key = self.current_page()
        if key == WELCOME and self.roster.total():
            key = ROSTER
        self.show_page(key)
        self.refresh_record_counts()

    def apply_changes(self, changes: Changes) -> None:
        """A change made in this window (an import, a page's edit): every view of it is refreshed.

        The roster and the open profile reload (unsaved edits in the profile are merged with the
        stored record, see ProfileView.refresh_from_store); the page on screen refreshes; the
        status bar counts again."""
        if changes.cadres or changes.units:
            self.roster.reload()
        if changes.units:  # the open profile's unit box offers a new or renamed unit at once
            self.roster.profile.form.set_units(units.list_units(self.ctx, include_archived=True))
            if changes.touches_cadre(self.roster.profile.cadre_id):
                self.roster.profile.refresh_from_store()
        key = self.current_page()
        if key == WELCOME and self.roster.total():
            self.show_page(ROSTER)
        elif key not in (ROSTER, WELCOME) and self.sender() is not self._pages[key]:  # it knows
            self._pages[key].refresh()
        self.refresh_record_counts()

    def page_command(self, command: Callable[[Page], bool]) -> None:
        """Ctrl+N / Ctrl+S / Ctrl+P: `command` is `new_record`, `save_record` or `print_record` of a Page."""
        page = self._pages.get(self.current_page())
        if page is None or not command(page):
            self.statusBar().showMessage(self.tr("Nothing to do for this on this page"), 4000)

    # --- opening records -------------------------------------------------------------------------

    def page_for(self, kind: str) -> str | None:
        """The key of the page that shows records of `kind` (a cadre: the roster, with the profile)."""
        return next((key for key in self._nav_keys if kind in self._pages[key].record_kinds), None)

    def open_record(self, kind: str, record_id: int) -> None:
        """Show a record on the page that shows its kind; a status message if it no longer exists."""
        if not self.can_leave_current():
            return
        key = self.page_for(kind)
        if key is None:
            self.statusBar().showMessage(
                self.tr("No page can show this {kind} yet").format(kind=kind_label(kind)), 8000
            )
            return
        previous = self.current_page()
        self.show_page(key, allow_welcome=False)
        if self._pages[key].show_record(kind, record_id):
            return
        if previous:
            self.show_page(previous)
        self.statusBar().showMessage(
            self.tr("This {kind} no longer exists").format(kind=kind_label(kind)), 8000
        )

    # --- search ----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- status ----------------------------------------------------------------------------------

    def _show_counts(self, shown: int, total: int) -> None:
        if shown == total:
            self.count_label.setText(self.tr("%n cadre(s)", "", total))
        else:
            self.count_label.setText(self.tr("{shown} of %n cadre(s)", "", total).format(shown=shown))

    def refresh_record_counts(self) -> None:
        """Pairings, diary entries and talks in the status bar (counted in the background)."""
        db = self.ctx.db

        def done(counts: object) -> None:
            if self._closed or not isValid(self) or not isinstance(counts, dict):
                return
            self.records_label.setText(
                " · ".join(
                    (
                        self.tr("%n mentorship pairing(s)", "", int(counts.get("mentorship", 0))),
                        self.tr("%n diary entry(ies)", "", int(counts.get("diary_entry", 0))),
                        self.tr("%n talk record(s)", "", int(counts.get("talk", 0))),
                    )
                )
            )

        def failed(exc: Exception) -> None:
            log.warning("record counts failed: %s", exc)

        workers.run_in_background(lambda _progress: maintenance.stats(db), done, failed)

    def check_integrity(self) -> None:
        """SQLite's quick_check on a read-only connection, in the background; warn only on a problem."""
        path = self.ctx.db.path
        if path is None or self._closed:
            return

        def failed(exc: Exception) -> None:
            if not isinstance(exc, workers.Cancelled):
                log.warning("integrity check failed to run: %s", exc)

        self.quick_check = integrity_check.QuickCheck(path)
        workers.run_in_background(self.quick_check.run, self._integrity_checked, failed)

    def _integrity_checked(self, problems: object) -> None:
        if self._closed or not isValid(self) or not isinstance(problems, list):
            return
        self.integrity_problems = [str(p) for p in problems]
        if not problems:
            log.info("quick_check: the database file is sound")
            return
        log.error("quick_check found problems: %s", problems[:5])
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("The database file is damaged"),
            self.tr(
                "The check of the data file found problems:\n{problems}\n\nBack up your recent work, then "
                "restore the file from a backup (File → Back up the database makes one)."
            ).format(problems="\n".join(self.integrity_problems[:5])),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("integrityWarning")
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.integrity_box = box

    # --- file menu -------------------------------------------------------------------------------

    def back_up(self) -> None:
        if self.backup_runner.running:
            return
        target = ask_backup_target(self, self.ctx)
        if target is not None:
            self.backup_runner.start(
                target.path, self.tr("Back up the database"), passphrase=target.passphrase
            )

    def _backup_finished(self, path: object) -> None:
        if self._closed or not isValid(self):
            return
        if isinstance(path, Path):
            text = (
                self.tr("Backed up, sealed with the passphrase and verified: {path}")
                if sealed.is_sealed(path)
                else self.tr("Backed up and verified: {path}")
            )
            self.statusBar().showMessage(text.format(path=path), 15_000)
        elif self.backup_runner.error:
            self.statusBar().showMessage(self.backup_runner.error, 15_000)

    def restore_backup(self) -> None:
        """文件 → 从备份恢复…: the current state is saved first; every page reloads afterwards."""
        if self.restore_runner.running or not self.can_leave_current():
            return
        request = RestoreDialog.ask(self, self.ctx)
        if request is not None:
            self.restore_runner.start(self.ctx, request, self._restored)

    def _restored(self, ok: bool) -> None:
        if self._closed or not isValid(self) or not ok or self.restore_runner.result is None:
            return
        result = self.restore_runner.result
        self.apply_changes(Changes.everything())
        self.roster.reload()
        self.refresh_record_counts()
        self.statusBar().showMessage(
            self.tr("Restored from {backup}; the previous state was saved as {saved}").format(
                backup=result.restored_from, saved=result.saved_current
            ),
            30_000,
        )

    def open_settings(self) -> None:
        result = SettingsDialog.ask(self, self.ctx, self.settings)
        self.session.apply_settings()  # the idle time takes effect at once
        if result is not None and result.quit_now:
            QTimer.singleShot(0, self.close)
        elif result is not None and result.rules_opened:
            self.apply_changes(Changes.everything())

    def open_rules(self) -> None:
        """设置 → 规则 (local rule tables); the pages then show what the rules now say."""
        RulesDialog.show_rules(self, self.ctx)
        self.apply_changes(Changes.everything())

    # --- demo data -------------------------------------------------------------------------------

    def _generate_demo(self, count: int) -> None:
        self.settings.set(keys.DEMO_CADRES, count)
        self.welcome.set_busy(True)
        self.demo.start(count)

    def _demo_finished(self, changed: bool) -> None:
        self.welcome.set_busy(False)
        if not changed:
            return
        total = self.roster.reload()
        self.refresh_record_counts()
        if total:
            self.show_page(HOME)
            report = self.demo.report
            if report is not None:
                self.statusBar().showMessage(
                    self.tr("Demo data generated: {units} units, {cadres} cadres, {talks} talks").format(
                        units=report.units, cadres=report.cadres, talks=report.talks
                    ),
                    10_000,
                )
        if demo_account.demo_account_added_to(self.ctx):
            QMessageBox.information(
                self,
                self.tr("Demo account"),
                self.tr(
                    "The demo account {name} (password {password}; administrator, records clerk, "
                    "fault tolerance) was added. If this database is to hold real records, disable it "
                    "in File → Accounts."
                ).format(name=demo_account.DEMO_NAME, password=demo_account.DEMO_PASSWORD),
            )

    # --- help ------------------------------------------------------------------------------------

    def show_about(self) -> None:
        """帮助 → 关于 (window-modal, so the window stays responsive to tests and the event loop)."""
        dialog = AboutDialog(self.ctx.db.display_name(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_dialog = dialog
        dialog.open()

    def show_data_location(self) -> None:
        path = self.ctx.db.path
        box = QMessageBox(self)
        box.setObjectName("dataLocation")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Data file location"))
        box.setText(
            self.tr("Data file: {database}\nBackups: {backups}\nLogs: {logs}").format(
                database=self.ctx.db.display_name(), backups=paths.backup_dir(), logs=paths.log_dir()
            )
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_button = None
        if path is not None:
            open_button = box.addButton(self.tr("Open the folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if path is not None and box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    # --- state, closing --------------------------------------------------------------------------

    def restore_state(self) -> None:
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(self.default_size())
        state = self.settings.get(keys.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        nav = self.settings.get(keys.NAV_SPLITTER)
        if not nav.isEmpty():
            self.splitter.restoreState(nav)
        for page in self._pages.values():
            page.restore_state(self.settings)

    def default_size(self) -> QSize:
        """1400 x 860, or less on a small or high-DPI screen (whose logical size is smaller)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return DEFAULT_SIZE
        room = screen.availableGeometry().size()
        fits = QSize(int(room.width() * SCREEN_SHARE), int(room.height() * SCREEN_SHARE))
        return DEFAULT_SIZE.boundedTo(fits).expandedTo(self.minimumSize())

    def save_state(self) -> None:
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.set(keys.NAV_SPLITTER, self.splitter.saveState())
        current = self.current_page()
        self.settings.set(keys.CURRENT_PAGE, ROSTER if current == WELCOME else current)
        for page in self._pages.values():
            page.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed and not self.can_leave_current():
            event.ignore()
            return
        if self.quick_check is not None:
            self.quick_check.stop()  # quitting never waits for the check of a large file
        if workers.active_jobs():
            workers.cancel_all_and_wait()
        self._closed = True
        self.auto_backup.run_on_exit(self)
        self.session.stop()
        self.save_state()
        super().closeEvent(event)
