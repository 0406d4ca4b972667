"""The main window: menu, search box, left navigation, the page stack and the status bar.

Pages sit in a QStackedWidget and are listed in the navigation by key; the welcome page has no
navigation entry and is shown instead of the roster while the database holds no cadres. Later pages
(pairings, diaries, talks …) are added with `add_page`.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
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

from cadre_desk import __version__
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui import settings as keys
from cadre_desk.ui import workers
from cadre_desk.ui.demo_runner import DemoRunner
from cadre_desk.ui.roster_page import RosterPage
from cadre_desk.ui.settings import Settings
from cadre_desk.ui.welcome import WelcomePage

ROSTER = "roster"
WELCOME = "welcome"
SEARCH_DELAY_MS = 120  # typing pauses this long before the roster is filtered
MIN_WIDTH, MIN_HEIGHT = 960, 600


class MainWindow(QMainWindow):
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
        self.setObjectName("mainWindow")
        # An explicit minimum keeps the layout from resetting it on every change (and the offscreen
        # platform used by the tests from warning that it cannot pass size hints on).
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        database = ctx.db.display_name()
        path = ctx.db.path
        self.setWindowTitle(self.tr("Cadre Desk — {file}").format(file=path.name if path else database))

        self._pages: dict[str, QWidget] = {}
        self.stack = QStackedWidget(self)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(120)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 6px 10px; }")
        self.nav.currentItemChanged.connect(self._nav_changed)

        self.roster = RosterPage(ctx, today, self)
        self.welcome = WelcomePage(database, settings.get(keys.DEMO_CADRES), self)
        self.add_page(ROSTER, self.tr("Cadre roster"), self.roster)
        self.add_page(WELCOME, "", self.welcome, in_navigation=False)

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
        self.search.setPlaceholderText(self.tr("Filter by name, pinyin initials, unit or post (Ctrl+F)"))
        self.search.setMinimumWidth(360)
        self.search.setMaximumWidth(560)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_entered)

        self._build_menus()
        self._build_toolbar()
        self._build_status_bar(database)

        self.demo = DemoRunner(ctx, self)
        self.demo.finished.connect(self._demo_finished)
        self.welcome.demo_requested.connect(self._generate_demo)
        self.welcome.blank_requested.connect(lambda: self.show_page(ROSTER))
        self.roster.counts_changed.connect(self._show_counts)

        self.restore_state()
        total = self.roster.reload()
        self.show_page(ROSTER if total else WELCOME)

    # --- building --------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.quit_action = QAction(self.tr("E&xit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About Cadre Desk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

        self.find_action = QAction(self.tr("Find"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

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
        self.operator_label = QLabel(self.tr("Operator: {name}").format(name=self.ctx.operator), self)
        self.db_label = QLabel(self.tr("Database: {path}").format(path=database), self)
        self.db_label.setToolTip(database)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.operator_label)
        bar.addPermanentWidget(self.db_label)

    # --- pages -----------------------------------------------------------------------------------

    def add_page(self, key: str, title: str, page: QWidget, in_navigation: bool = True) -> None:
        self._pages[key] = page
        self.stack.addWidget(page)
        if in_navigation:
            item = QListWidgetItem(title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)

    def page(self, key: str) -> QWidget:
        return self._pages[key]

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return next((key for key, page in self._pages.items() if page is widget), "")

    def show_page(self, key: str) -> None:
        self.stack.setCurrentWidget(self._pages[key])
        # The welcome page stands in for the empty roster, so the roster's entry stays selected.
        nav_key = ROSTER if key == WELCOME else key
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == nav_key and self.nav.currentItem() is not item:
                blocked = self.nav.blockSignals(True)
                self.nav.setCurrentItem(item)
                self.nav.blockSignals(blocked)
        if key == ROSTER:
            self.roster.table.setFocus()
        elif key == WELCOME:
            self.welcome.demo_button.setFocus()

    def _nav_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        key = current.data(Qt.ItemDataRole.UserRole)
        if isinstance(key, str) and self.stack.currentWidget() is not self._pages[key]:
            self.show_page(key)

    # --- search ----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _apply_search(self) -> None:
        text = self.search.text()
        if text.strip() and self.current_page() == WELCOME:
            self.show_page(ROSTER)
            self.search.setFocus()
        self.roster.set_query(text)

    def _search_entered(self) -> None:
        self._search_timer.stop()
        self._apply_search()
        self.roster.table.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search.hasFocus():  # Esc in the search box clears it
            self.search.clear()
            return
        super().keyPressEvent(event)

    # --- status ----------------------------------------------------------------------------------

    def _show_counts(self, shown: int, total: int) -> None:
        if shown == total:
            self.count_label.setText(self.tr("{total} cadres").format(total=total))
        else:
            self.count_label.setText(self.tr("{shown} of {total} cadres").format(shown=shown, total=total))

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
        if total:
            self.show_page(ROSTER)
            report = self.demo.report
            if report is not None:
                self.statusBar().showMessage(
                    self.tr("Demo data generated: {units} units, {cadres} cadres, {talks} talks").format(
                        units=report.units, cadres=report.cadres, talks=report.talks
                    ),
                    10_000,
                )

    # --- about, state, closing -------------------------------------------------------------------

    def show_about(self) -> None:
        database = html.escape(self.ctx.db.display_name())
        QMessageBox.about(
            self,
            self.tr("About Cadre Desk"),
            self.tr(
                "<h3>Cadre Desk {version}</h3>"
                "<p>Records of cadre development for a county organization department: profiles, "
                "mentorship pairings, growth diaries and talk records. Works offline.</p>"
                "<p>Database: {database}</p>"
            ).format(version=__version__, database=database),
        )

    def restore_state(self) -> None:
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1400, 860)
        state = self.settings.get(keys.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        nav = self.settings.get(keys.NAV_SPLITTER)
        if not nav.isEmpty():
            self.splitter.restoreState(nav)
        self.roster.restore_state(self.settings)

    def save_state(self) -> None:
        self.settings.set(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.set(keys.NAV_SPLITTER, self.splitter.saveState())
        self.roster.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if workers.active_jobs():
            workers.cancel_all_and_wait()
        self.save_state()
        super().closeEvent(event)
