"""What each role's window offers: signed in as every role on a small demo database, every menu,
every page (and every tab in it, and the roster's context menu) and the dialogs of 文件 → 设置… and
规则… are opened, and no visible, enabled button or menu action needs a permission that the role's
`access.ROLE_PERMISSIONS` lack. Every button and menu action says what it needs (`permits.guard`);
the clerk sees every action the open mode (no accounts) shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from cadre_desk import demo
from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.errors import PermissionDenied
from cadre_desk.services import accounts, app_settings, cadres, encryption, maintenance, mentorship
from cadre_desk.services.access import ROLE_PERMISSIONS, WRITES, Permission, Role
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.profile.profile_view import ProfileView
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.settings.rules_page import RulesDialog
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell import i18n
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.application import window_for
from cadre_desk.ui.shell.limited_window import LimitedWindow
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets.guarded_dialog import DiscardQuestion
from cadre_desk.ui.widgets.permits import needs_of
from tests.conftest import ready_account

TODAY = dt.date(2026, 6, 1)
PW = "Guard-2026x"
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, for dialogs


@dataclass(frozen=True)
class Offer:
    where: str  # page key and the button's or action's name
    needs: tuple[Permission, ...] | None  # None: not tagged by permits.guard
    enabled: bool
    is_button: bool


def _name(item: QWidget | QAction) -> str:
    text = item.text() if isinstance(item, QAbstractButton | QAction) else ""
    name = item.objectName() or text.replace("&", "") or item.toolTip()
    if name:
        return name
    parent = item.parent()  # a button with an icon only: its class and where it sits
    return f"{item.metaObject().className()} in {parent.objectName() or type(parent).__name__}"


def _qt_internal(button: QAbstractButton) -> bool:
    """Buttons Qt makes by itself: a line edit's clear icon, a tab bar's scroll arrows, a calendar's."""
    cls = button.metaObject().className()
    return (
        cls not in ("QPushButton", "QToolButton")
        or isinstance(button.parent(), QTabBar)
        or button.objectName().startswith("qt_")
    )


def _menu_offers(where: str, menu: QMenu) -> Iterator[Offer]:
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):  # a submenu: what it holds is offered, not the submenu itself
            yield from _menu_offers(where, sub)
            continue
        yield Offer(f"{where}:{_name(action)}", needs_of(action), action.isEnabled(), False)


def offers(where: str, root: QWidget) -> Iterator[Offer]:
    """The buttons and actions on screen under `root` now (visible: shown with all its parents)."""
    for button in root.findChildren(QAbstractButton):
        if _qt_internal(button) or not button.isVisible():
            continue
        yield Offer(f"{where}:{_name(button)}", needs_of(button), button.isEnabled(), True)
        menu = button.menu() if hasattr(button, "menu") else None
        if isinstance(menu, QMenu):
            yield from _menu_offers(where, menu)
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QMenu | QLineEdit | QComboBox) or not widget.isVisible():
            continue
        for action in widget.actions():
            if action.isVisible() and not action.isSeparator() and action.menu() is None:
                yield Offer(f"{where}:{_name(action)}", needs_of(action), action.isEnabled(), False)


def _select_first_rows(root: QWidget) -> None:
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisible() and model is not None and model.rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))


def visit(where: str, page: QWidget) -> set[Offer]:
    """Everything `page` offers, in each tab of each of its tab widgets, with a row chosen."""
    QApplication.processEvents()
    _select_first_rows(page)
    QApplication.processEvents()
    found = set(offers(where, page))
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            _select_first_rows(tabs.widget(index))
            QApplication.processEvents()
            found |= set(offers(where, page))
    if isinstance(page, RosterPage):
        found |= set(_menu_offers(f"{where}:rowMenu", page.row_menu()))
    return found


def _offered_by_file_dialogs(window: MainWindow | LimitedWindow) -> set[Offer]:
    """What 文件 → 设置… and 规则… offer (each opened as the menu or 设置's 规则… button opens it, when
    offered), with every rule table shown."""
    found: set[Offer] = set()
    menus = window.menus if isinstance(window, MainWindow) else window
    rules_offered = menus.rules_action.isVisible() and menus.rules_action.isEnabled()
    if menus.settings_action.isVisible() and menus.settings_action.isEnabled():
        settings_dialog = SettingsDialog(window.ctx, window.settings, window)
        settings_dialog.show()
        found |= visit("settings", settings_dialog)
        rules_offered |= settings_dialog.rules_button.isVisible() and settings_dialog.rules_button.isEnabled()
        settings_dialog.done(0)
        settings_dialog.deleteLater()
    if rules_offered:
        rules = RulesDialog(window.ctx, window)
        rules.show()
        for index in range(rules.page.table_list.count()):
            rules.page.table_list.setCurrentRow(index)
            found |= visit(f"rules{index}", rules)
        rules.done(0)
        rules.deleteLater()
    return found


def everything_offered(window: QMainWindow) -> set[Offer]:
    found = set(_menu_offers("menu", window.menuBar()))  # type: ignore[arg-type]  # a QMenuBar has actions
    assert isinstance(window, MainWindow | LimitedWindow)
    found |= _offered_by_file_dialogs(window)
    if isinstance(window, MainWindow):
        for key in list(window.page_keys()):
            window.show_page(key)
            found |= visit(key, window.page(key))
    else:
        assert isinstance(window, LimitedWindow)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            found |= visit(f"tab{index}", window.tabs.widget(index))
        pairing = window.pairings.panel.view if hasattr(window, "pairings") else None
        if pairing is not None:  # a 导师 opens his mentee's profile from the pairing
            window.open_record("cadre", pairing.mentee_id)
            found |= visit("menteeProfile", window.profile_dialog)
    return found


@pytest.fixture
def accounts_db(db: Database, ctx: ServiceContext) -> dict[Role, ServiceContext]:
    """A small demo county with one account per role (the 导师 is a mentor of a demo pairing)."""
    demo.generate(db, 30, seed=5, today=TODAY)
    mentor_id = mentorship.list_mentorships(ctx)[0].mentor_id
    admin = accounts.set_first_admin(db, "admin", PW)
    for role in Role:
        if role is not Role.ADMIN:
            cadre = mentor_id if role is Role.MENTOR else None
            ready_account(admin, role.value, [role.value], PW, cadre_id=cadre)
    return {role: accounts.authenticate(db, role.value, PW) for role in Role}


def _open(qtbot: QtBot, ctx: ServiceContext, settings: Settings) -> QMainWindow:
    window = window_for(ctx, settings, background_checks=False)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_no_role_is_offered_what_it_may_not_do(
    qtbot: QtBot,
    accounts_db: dict[Role, ServiceContext],
    settings: Settings,
    role: Role,
    _zh_cn: None,
) -> None:
    ctx = accounts_db[role]
    granted = ROLE_PERMISSIONS[role]
    found = everything_offered(_open(qtbot, ctx, settings))
    assert found, "the window offers nothing at all"
    untagged = sorted(o.where for o in found if o.needs is None)
    assert not untagged, f"buttons and actions that do not say what they need: {untagged}"
    refused = sorted(
        f"{o.where} needs {'/'.join(o.needs)}"
        for o in found
        if o.enabled and o.needs is not None and not set(o.needs) & granted
    )
    assert not refused, f"{role.value} is offered what the services refuse: {refused}"


def test_the_clerk_sees_every_action_of_the_open_mode(
    qtbot: QtBot,
    ctx: ServiceContext,
    accounts_db: dict[Role, ServiceContext],
    settings: Settings,
    _zh_cn: None,
) -> None:
    open_mode = ServiceContext(ctx.db, "", "测试员")  # permissions None: a database of the first releases
    everything = everything_offered(_open(qtbot, open_mode, settings))
    clerk = ROLE_PERMISSIONS[Role.CLERK]
    wanted = {o.where for o in everything if o.needs is not None and set(o.needs) & clerk}
    seen = {o.where for o in everything_offered(_open(qtbot, accounts_db[Role.CLERK], settings))}
    assert len(wanted) > 60  # every page's buttons, the roster's menu, the import and export menus
    assert not wanted - seen, f"hidden from the clerk: {sorted(wanted - seen)}"


def test_a_mentor_reads_his_mentees_profile_and_nothing_else(
    qtbot: QtBot, accounts_db: dict[Role, ServiceContext], settings: Settings, _zh_cn: None
) -> None:
    window = _open(qtbot, accounts_db[Role.MENTOR], settings)
    assert isinstance(window, LimitedWindow)
    window.pairings.table.selectRow(0)
    pairing = window.pairings.panel.view
    assert pairing is not None and pairing.mentor_id == accounts_db[Role.MENTOR].cadre_id
    window.pairings.panel.heading.linkActivated.emit(f"cadre:{pairing.mentee_id}")
    view = window.profile_dialog.findChild(ProfileView)
    assert view is not None and view.cadre_id == pairing.mentee_id
    assert view.form.editor("name").text() == pairing.mentee  # type: ignore[attr-defined]
    assert (
        view.form.unit_box.currentText() == cadres.get_cadre(accounts_db[Role.CLERK], pairing.mentee_id).unit
    )
    assert all(t.isReadOnly() for t in view.form.findChildren(QLineEdit))
    assert not view.save_button.isVisibleTo(view) and not view.print_button.isVisibleTo(view)
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert view.tabs.indexOf(view.talks) == -1 and view.tabs.indexOf(view.obligations_tab) == -1, titles
    view.load_all_tabs()
    assert not view.status.isVisibleTo(view), view.status.text()  # nothing refused
    window.profile_dialog.close()


@pytest.mark.parametrize("role", [Role.READER, Role.CLERK], ids=["reader", "clerk"])
def test_the_profile_is_read_only_for_a_reader(
    qtbot: QtBot,
    accounts_db: dict[Role, ServiceContext],
    settings: Settings,
    role: Role,
    _zh_cn: None,
) -> None:
    window = _open(qtbot, accounts_db[role], settings)
    assert isinstance(window, MainWindow)
    window.show_page("roster")
    window.roster.table.selectRow(0)
    profile = window.roster.profile
    qtbot.waitUntil(lambda: profile.cadre_id is not None)
    writable = role is Role.CLERK
    texts = profile.form.findChildren(QLineEdit) + profile.case_form.findChildren(QLineEdit)
    assert texts and all(t.isReadOnly() is not writable for t in texts)
    assert all(c.isEnabled() is writable for c in profile.form.findChildren(QComboBox))
    no_edit = QAbstractItemView.EditTrigger.NoEditTriggers
    assert all((e.table.editTriggers() == no_edit) is not writable for e in profile.editors.values())
    profile.tabs.setCurrentWidget(profile.resume)
    assert all(b.isVisible() is writable for b in profile.resume.buttons())
    profile.form.editor("name").setFocus()
    qtbot.keyClicks(profile.form.editor("name"), "x")
    assert profile.is_dirty() is writable and profile.save_button.isVisible() is writable
    profile.revert()


def test_a_read_only_window_offers_nothing_that_writes(
    qtbot: QtBot,
    db: Database,
    accounts_db: dict[Role, ServiceContext],
    settings: Settings,
    _zh_cn: None,
) -> None:
    """A second window on a database another one holds (以只读方式打开): the clerk reads and searches,
    but every write, print, export, import and backup is hidden, and the profile is read-only."""
    assert db.path is not None
    read_only = open_database(str(db.path), read_only=True)
    try:
        clerk = accounts.authenticate(read_only, "clerk", PW, record=False)
        allowed = ROLE_PERMISSIONS[Role.CLERK] - WRITES
        window = _open(qtbot, clerk, settings)
        found = everything_offered(window)
        assert window.roster.total() == 30  # reading, searching, filtering go on
        writes = sorted(
            f"{o.where} needs {'/'.join(o.needs)}"
            for o in found
            if o.enabled and o.needs is not None and not set(o.needs) & allowed
        )
        assert not writes, f"a read-only window offers: {writes}"
        assert isinstance(window, MainWindow)
        window.show_page("roster")
        window.roster.table.selectRow(0)
        profile = window.roster.profile
        qtbot.waitUntil(lambda: profile.cadre_id is not None)
        assert all(t.isReadOnly() for t in profile.form.findChildren(QLineEdit))
        assert not profile.save_button.isVisible()
        window.close()
    finally:
        read_only.dispose()


@pytest.mark.parametrize("role", [Role.READER, Role.CLERK, Role.AUDITOR], ids=["reader", "clerk", "auditor"])
def test_without_the_settings_permission_only_the_language_is_offered(
    qtbot: QtBot,
    accounts_db: dict[Role, ServiceContext],
    settings: Settings,
    role: Role,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    """文件 → 设置… for a 领导查阅 (or a 干部科经办 or 安全审计员 without 系统管理员): the department's
    settings shown but not editable, no 移动到 / 加密 / 修改口令 (a reader was offered both; 加密 asked
    the passphrase twice before the refusal, 移动到 was refused as "无权备份"), and Cancel closes without
    asking about unsaved input. The language of this computer is his to choose."""
    ctx = accounts_db[role]
    dialog = SettingsDialog(ctx, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    data_file = [dialog.move_button, dialog.encryption.button, dialog.encryption.rekey_button]
    assert not any(b.isVisible() for b in data_file), [b.objectName() for b in data_file if b.isVisible()]
    assert not dialog.move_note.isVisible() and dialog.read_only_note.isVisible()
    department = [*dialog.edits.values(), *dialog.offsets.values(), dialog.idle_minutes]
    assert not any(w.isEnabled() for w in department)
    assert not any(e.placeholderText() for e in dialog.edits.values())  # no hint taken for a value
    assert dialog.operator.isReadOnly() and dialog.language.isEnabled()
    asked: list[object] = []
    monkeypatch.setattr(DiscardQuestion, "ask", classmethod(lambda cls, *a: asked.append(a) or True))
    dialog.reject()
    assert asked == [] and not dialog.isVisible()

    dialog = SettingsDialog(ctx, settings)  # the language is saved; the department untouched
    qtbot.addWidget(dialog)
    dialog.show()
    before = app_settings.get_settings(accounts_db[Role.ADMIN])
    dialog.language.setCurrentIndex(dialog.language.findData(i18n.ENGLISH))
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: QMessageBox.StandardButton.Ok)
    dialog.accept()
    assert dialog.result_value is not None and dialog.result_value.restart_needed
    assert settings.get(keys.LANGUAGE) == i18n.ENGLISH
    assert app_settings.get_settings(accounts_db[Role.ADMIN]) == before

    # The services refuse what is not offered, naming what was refused.
    with pytest.raises(PermissionDenied, match="无权移动数据文件"):
        maintenance.move_data_file(ctx, tmp_path / "moved.db")
    with pytest.raises(PermissionDenied, match="无权修改设置"):
        encryption.encrypt_database(ctx, "Secret#2026x")
    assert not (tmp_path / "moved.db").exists()
