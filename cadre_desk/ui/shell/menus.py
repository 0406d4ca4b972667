"""The main window's menu bar: 文件, 编辑, 查看, 帮助, their actions and shortcuts, and what the
signed-in account's roles cannot do left out (`widgets.permits.guard`: the services refuse it anyway).

Each action calls the window, the page shown, or one of the window's helpers (the account session,
the backup commands, the import and export menus); the menus' own entries are the page commands
(Ctrl+N, Ctrl+S, Ctrl+P), 设置, 规则 and the two entries of 帮助.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import methodcaller
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from cadre_desk import paths
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.settings.rules_page import RulesDialog
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell.about import AboutDialog
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.transfer.transfer_menus import TransferMenus
from cadre_desk.ui.widgets.permits import Act, guard, tag
from cadre_desk.ui.widgets.weak import BackRef, weak_slot

if TYPE_CHECKING:
    from cadre_desk.ui.shell.main_window import MainWindow

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
PAGE_NEEDS = {"audit": Act.AUDIT, "tolerance": Act.TOLERANCE}  # pages only those roles' windows have


class MainMenus(QObject):
    window: BackRef[MainWindow] = BackRef()  # held weakly: its Qt parent keeps this object

    def __init__(self, ctx: ServiceContext, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.about_dialog: AboutDialog | None = None
        bar = window.menuBar()
        self._build_file_menu(bar.addMenu(self.tr("&File")))
        self._build_edit_menu(bar.addMenu(self.tr("&Edit")))
        self._build_view_menu(bar.addMenu(self.tr("&View")))
        self._build_help_menu(bar.addMenu(self.tr("&Help")))

    def _action(
        self, text: str, slot: Callable[..., Any], *args: object, shortcut: Shortcut = None, name: str = ""
    ) -> QAction:
        """An action of the window calling `slot(*args)` (a method, held weakly; never given the
        `checked` flag of `triggered`)."""
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(weak_slot(slot, *args))
        return action

    def _build_file_menu(self, menu: QMenu) -> None:
        window, ctx = self.window, self.ctx
        self.transfers = TransferMenus(window, ctx, window.roster)
        self.transfers.changed.connect(self._imported)
        menu.addMenu(self.transfers.import_menu)
        menu.addMenu(self.transfers.export_menu)
        menu.addSeparator()
        self.backup_action = self._action(
            self.tr("&Back up the database…"), window.backups.back_up, name="backupAction"
        )
        self.restore_action = self._action(
            self.tr("&Restore from a backup…"), window.backups.restore, name="restoreAction"
        )
        self.backup_policy_action = self._action(
            self.tr("Automatic &backups…"), window.backups.edit_policy, name="backupPolicyAction"
        )
        for action, act in (
            (self.backup_action, Act.BACKUP),
            (self.restore_action, Act.RESTORE),
            (self.backup_policy_action, Act.SETTINGS),
        ):
            action.setEnabled(ctx.db.path is not None)
            guard(ctx, act, action)
            menu.addAction(action)
        self.settings_action = self._action(
            self.tr("&Settings…"), self.open_settings, shortcut=QKeySequence.StandardKey.Preferences
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        menu.addAction(self.settings_action)
        self.rules_action = self._action(self.tr("Local &rules…"), self.open_rules, name="rulesAction")
        tag(Act.VIEW, self.settings_action, self.rules_action)  # read-only unless the account may change them
        menu.addAction(self.rules_action)
        menu.addSeparator()
        window.session.add_to(menu)
        menu.addSeparator()
        self.quit_action = QAction(self.tr("E&xit"), window)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(window.close)  # a Qt slot: the connection does not hold it
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        tag(Act.VIEW, self.quit_action)
        menu.addAction(self.quit_action)

    def _build_edit_menu(self, menu: QMenu) -> None:
        self.new_action = self._action(
            self.tr("&New record on this page…"),
            self.page_command,
            methodcaller("new_record"),
            shortcut="Ctrl+N",
            name="newAction",
        )
        self.save_action = self._action(
            self.tr("&Save"),
            self.page_command,
            methodcaller("save_record"),
            shortcut="Ctrl+S",
            name="saveAction",
        )
        self.print_action = self._action(
            self.tr("&Print the current record…"),
            self.page_command,
            methodcaller("print_record"),
            shortcut="Ctrl+P",
            name="printAction",
        )
        for action in (self.new_action, self.save_action, self.print_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            menu.addAction(action)
        # What the account's roles cannot do is not offered (the services refuse it anyway).
        guard(self.ctx, Act.WRITE, self.new_action, self.save_action)
        guard(self.ctx, Act.OUTPUT, self.print_action)
        menu.addSeparator()
        self.find_action = self._action(
            self.tr("&Find…"), self.window.focus_search, shortcut=QKeySequence.StandardKey.Find
        )
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        tag(Act.VIEW, self.find_action)
        menu.addAction(self.find_action)

    def _build_view_menu(self, menu: QMenu) -> None:
        window = self.window
        self.page_actions: list[QAction] = []
        for number, key in enumerate(window.page_keys(), start=1):
            shortcut = f"Ctrl+{number}" if number <= 9 else None
            action = self._action(
                window.navigation.title(key), window.show_page, key, shortcut=shortcut, name=f"page_{key}"
            )
            menu.addAction(action)
            self.page_actions.append(action)
            tag(PAGE_NEEDS.get(key, Act.VIEW), action)
        menu.addSeparator()
        self.refresh_action = self._action(
            self.tr("&Refresh"), window.refresh, shortcut=QKeySequence.StandardKey.Refresh
        )
        if self.refresh_action.shortcut().isEmpty():
            self.refresh_action.setShortcut(QKeySequence("F5"))
        menu.addAction(self.refresh_action)
        tag(Act.VIEW, self.refresh_action)

    def _build_help_menu(self, menu: QMenu) -> None:
        self.data_location_action = self._action(self.tr("&Data file location…"), self.show_data_location)
        menu.addAction(self.data_location_action)
        self.about_action = self._action(self.tr("&About Cadre Desk"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        menu.addAction(self.about_action)
        tag(Act.VIEW, self.data_location_action, self.about_action)

    # --- the menus' own entries ------------------------------------------------------------------

    def page_command(self, command: Callable[[Page], bool]) -> None:
        """Ctrl+N / Ctrl+S / Ctrl+P: `command` calls `new_record`, `save_record` or `print_record` of
        the page shown."""
        window = self.window
        key = window.current_page()
        if not key or not command(window.page(key)):
            window.statusBar().showMessage(self.tr("Nothing to do for this on this page"), 4000)

    def _imported(self) -> None:
        self.window.apply_changes(Changes.everything())

    def open_settings(self) -> None:
        window = self.window
        result = SettingsDialog.ask(window, self.ctx, window.settings)
        window.session.apply_settings()  # the idle time takes effect at once
        if result is not None and result.quit_now:
            QTimer.singleShot(0, window.close)
        elif result is not None and result.rules_opened:
            window.apply_changes(Changes.everything())

    def open_rules(self) -> None:
        """设置 → 规则 (local rule tables); the pages then show what the rules now say."""
        RulesDialog.show_rules(self.window, self.ctx)
        self.window.apply_changes(Changes.everything())

    def show_about(self) -> None:
        """帮助 → 关于 (window-modal, so the window stays responsive to tests and the event loop)."""
        dialog = AboutDialog(self.ctx.db.display_name(), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_dialog = dialog
        dialog.open()

    def show_data_location(self) -> None:
        path = self.ctx.db.path
        box = QMessageBox(self.window)
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
