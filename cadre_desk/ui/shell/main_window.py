"""The main window: it makes the pages and the helpers around them and routes between them.

Pages sit in the page stack of `navigation.Navigation`, listed in the navigation by key: 工作台 (home)
first, 干部名册, then the work pages of `work_pages.build_work_pages`. The welcome page has no
navigation entry and stands in for the roster while the database holds no cadres. Every page is a
`shell.page.Page`; `open_record(kind, id)` routes a record (from the search, the home page or another
page) to the page whose `record_kinds` hold its kind, and `apply_changes` hands what a page or an
import changed to the other views of it.

Around the pages: the menus (`menus.MainMenus`), the status bar (`status_bar.MainStatusBar`), the
backup commands (`backup_commands.BackupCommands`), the account session with its idle lock
(`accounts.session.AccountSession`), the automatic backups (also on exit), and the background
integrity check (`integrity_watch.IntegrityWatch`). Each holds the window weakly.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QMessageBox, QToolBar, QWidget

from cadre_desk.services import demo_account, units
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.accounts.session import AccountSession
from cadre_desk.ui.audit.audit_page import AuditPage
from cadre_desk.ui.backups.auto_backup import AutoBackup
from cadre_desk.ui.barometer.barometer_page import BarometerPage
from cadre_desk.ui.development.retirement_page import RetirementPage
from cadre_desk.ui.development.training_page import TrainingPage
from cadre_desk.ui.home.home_page import HomePage
from cadre_desk.ui.jobs import workers
from cadre_desk.ui.jobs.demo_runner import DemoRunner
from cadre_desk.ui.pools.pools_page import PoolsPage
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.search.global_search import GlobalSearch
from cadre_desk.ui.shell import memory
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.backup_commands import BackupCommands
from cadre_desk.ui.shell.integrity_watch import IntegrityWatch
from cadre_desk.ui.shell.menus import MainMenus
from cadre_desk.ui.shell.navigation import Navigation
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.shell.status_bar import MainStatusBar
from cadre_desk.ui.shell.welcome import WelcomePage
from cadre_desk.ui.shell.work_pages import build_work_pages
from cadre_desk.ui.structure.structure_page import StructurePage
from cadre_desk.ui.tolerance.tolerance_page import TolerancePage
from cadre_desk.ui.units.units_page import UnitsPage
from cadre_desk.ui.widgets.permits import Act, allows, guard, tag
from cadre_desk.ui.widgets.record_kinds import kind_label

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
        # An explicit minimum keeps the layout from resetting it on every change (and the offscreen
        # platform used by the tests from warning that it cannot pass size hints on).
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        database = ctx.db.display_name()
        path = ctx.db.path
        self.setWindowTitle(self.tr("Cadre Desk — {file}").format(file=path.name if path else database))

        self.navigation = Navigation(self)
        self.navigation.chosen.connect(self._nav_chosen)
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
        for page in self.navigation.pages():
            page.open_record.connect(self.open_record)
            page.records_changed.connect(self.apply_changes)
        self.setCentralWidget(self.navigation)

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

        self.status = MainStatusBar(ctx, self)
        self.setStatusBar(self.status)
        self.demo = DemoRunner(ctx, self)
        self.demo.finished.connect(self._demo_finished)
        self.backups = BackupCommands(ctx, self)
        self.auto_backup = AutoBackup(ctx, self)
        self.auto_backup.message.connect(self.status.notice)
        self.session = AccountSession(self, ctx)
        self.integrity = IntegrityWatch(ctx, self)
        self.menus = MainMenus(ctx, self)
        self._build_toolbar()

        self.welcome.demo_requested.connect(self._generate_demo)
        self.welcome.blank_requested.connect(self._start_blank)
        self.roster.counts_changed.connect(self.status.show_counts)

        self.restore_state()
        total = self.roster.reload()
        wanted = settings.get(keys.CURRENT_PAGE)
        if not total:
            self.show_page(WELCOME)
        else:
            self.show_page(wanted if wanted in self.page_keys() else HOME)
        memory.drop_source_lines()  # start-up imports are done
        if background_checks:
            QTimer.singleShot(0, self.status.refresh_record_counts)
            QTimer.singleShot(INTEGRITY_CHECK_DELAY_MS, self.integrity.start)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Search"), self)
        toolbar.setObjectName("searchToolBar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(self.tr("Search:"), self))
        toolbar.addWidget(self.search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    # --- pages -----------------------------------------------------------------------------------

    def add_page(self, key: str, title: str, page: Page, in_navigation: bool = True) -> None:
        self.navigation.add(key, title, page, in_navigation)

    def page(self, key: str) -> Page:
        return self.navigation.page(key)

    def page_keys(self) -> list[str]:
        """The navigation's pages, in order."""
        return self.navigation.keys()

    def current_page(self) -> str:
        return self.navigation.current()

    def show_page(self, key: str, allow_welcome: bool = True) -> None:
        if key == ROSTER and allow_welcome and self.roster.total() == 0:
            key = WELCOME
        page = self.page(key)
        page.refresh()
        memory.drop_source_lines()  # of anything the page imported on its first visit
        # The welcome page stands in for the empty roster, so the roster's entry stays selected.
        self.navigation.show_page(key, ROSTER if key == WELCOME else key)
        if key == ROSTER:
            self.roster.table.setFocus()
        elif key == WELCOME:
            self.welcome.blank_button.setFocus()  # Enter never generates demo data by accident
        elif key == HOME:
            self.home.focus_first_list()

    def _nav_chosen(self, key: str) -> None:
        if not self.can_leave_current():
            # Stay on the page with unsaved edits; re-select its entry once this change is done.
            QTimer.singleShot(0, self._select_current_nav_item)
            return
        self.show_page(key)

    def _select_current_nav_item(self) -> None:
        key = self.current_page()
        self.navigation.select(ROSTER if key == WELCOME else key)

    def _start_blank(self) -> None:
        """The welcome page's 从空白开始: the empty roster itself."""
        self.show_page(ROSTER, allow_welcome=False)

    def can_leave_current(self) -> bool:
        """Ask the current page (if it edits something) whether its unsaved changes may be left."""
        key = self.current_page()
        return not key or self.page(key).can_leave()

    def refresh(self) -> None:
        """F5: fetch the roster, the open profile and the current page again."""
        self.roster.reload()
        self.roster.profile.refresh_from_store()
        key = self.current_page()
        if key == WELCOME and self.roster.total():
            key = ROSTER
        self.show_page(key)
        self.status.refresh_record_counts()

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
        elif key not in (ROSTER, WELCOME) and self.sender() is not self.page(key):  # it knows
            self.page(key).refresh()
        self.status.refresh_record_counts()

    # --- opening records -------------------------------------------------------------------------

    def open_record(self, kind: str, record_id: int) -> None:
        """Show a record on the page that shows its kind; a status message if it no longer exists."""
        if not self.can_leave_current():
            return
        key = self.navigation.page_for(kind)
        if key is None:
            self.statusBar().showMessage(
                self.tr("No page can show this {kind} yet").format(kind=kind_label(kind)), 8000
            )
            return
        previous = self.current_page()
        self.show_page(key, allow_welcome=False)
        if self.page(key).show_record(kind, record_id):
            return
        if previous:
            self.show_page(previous)
        self.statusBar().showMessage(
            self.tr("This {kind} no longer exists").format(kind=kind_label(kind)), 8000
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

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
        self.status.refresh_record_counts()
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
            self.navigation.restoreState(nav)
        for page in self.navigation.pages():
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
        self.settings.set(keys.NAV_SPLITTER, self.navigation.saveState())
        current = self.current_page()
        self.settings.set(keys.CURRENT_PAGE, ROSTER if current == WELCOME else current)
        for page in self.navigation.pages():
            page.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed and not self.can_leave_current():
            event.ignore()
            return
        self.integrity.stop()  # quitting never waits for the check of a large file
        if workers.active_jobs():
            workers.cancel_all_and_wait()
        self._closed = True
        self.status.stop()
        self.backups.stop()
        self.auto_backup.run_on_exit(self)
        self.session.stop()
        self.save_state()
        super().closeEvent(event)
