"""Accounts in the window: the first administrator, the sign-in, the idle lock, changing passwords,
account management, and what each role's window offers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cadre_desk.db.engine import Database
from cadre_desk.db.models import AuditEvent
from cadre_desk.errors import PermissionDenied
from cadre_desk.services import accounts, app_settings, cadres, mentorship, mentorship_changes, units
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.ui.accounts import sign_in as sign_in_module
from cadre_desk.ui.accounts.account_edit_dialog import AccountEditDialog
from cadre_desk.ui.accounts.accounts_dialog import AccountsDialog
from cadre_desk.ui.accounts.first_admin_dialog import FirstAdminDialog
from cadre_desk.ui.accounts.login_dialog import LoginDialog
from cadre_desk.ui.accounts.password_dialog import PasswordDialog
from cadre_desk.ui.accounts.sign_in import IdleLock
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell import application
from cadre_desk.ui.shell.limited_window import LimitedWindow
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets import drafts
from tests.conftest import make_cadre, ready_account

PW = "Guard-2026x"


def actions(db: Database) -> list[str]:
    with db.read() as s:
        return list(
            s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "account").order_by(AuditEvent.id))
        )


@pytest.fixture
def admin(db: Database) -> ServiceContext:
    ctx = accounts.set_first_admin(db, "admin", PW, "王管理")
    accounts.set_roles(ctx, "admin", ["admin", "clerk"])
    return accounts.authenticate(db, "admin", PW)


def test_the_first_administrator_sets_a_password(qtbot: QtBot, db: Database, _zh_cn: None) -> None:
    dialog = FirstAdminDialog(db, "root")
    qtbot.addWidget(dialog)
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    dialog.buttons.accepted.emit()
    assert dialog.error.isVisibleTo(dialog) and "8" in dialog.error.text()
    assert not accounts.needs_login(db)
    dialog.display_name.setText("王管理")
    dialog.password.setText(PW)
    dialog.repeat.setText(PW)
    dialog.buttons.accepted.emit()
    assert dialog.result() == FirstAdminDialog.DialogCode.Accepted
    assert (
        dialog.ctx is not None and dialog.ctx.roles == ("admin", "clerk") and dialog.ctx.operator == "王管理"
    )
    assert accounts.needs_login(db)


def test_sign_in_shows_the_error_and_keeps_the_dialog(
    qtbot: QtBot, db: Database, admin: ServiceContext
) -> None:
    dialog = LoginDialog(db, "admin")
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    dialog.buttons.accepted.emit()
    assert "用户名或密码错误" in dialog.error.text() and dialog.ctx is None
    assert dialog.password.text() == ""
    dialog.password.setText(PW)
    dialog.buttons.accepted.emit()
    assert dialog.ctx is not None and dialog.ctx.account_name == "admin"
    assert actions(db)[-2:] == ["login_failed", "login"]


def test_the_user_start_goes_through_the_first_administrator(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    monkeypatch.setattr(FirstAdminDialog, "ask", classmethod(lambda cls, parent, db, name: None))
    path = tmp_path / "new.db"
    assert application.run_gui(str(path), "测试员", login=True) == application.EXIT_CANNOT_OPEN

    shown: list[QMainWindow] = []

    def set_admin(cls: object, parent: object, db: Database, name: str) -> ServiceContext:
        return accounts.set_first_admin(db, name, PW)

    monkeypatch.setattr(FirstAdminDialog, "ask", classmethod(set_admin))

    def record_shown(window: QMainWindow) -> None:
        shown.append(window)

    monkeypatch.setattr(QMainWindow, "show", record_shown)
    assert application.run_gui(str(path), "测试员", login=True) == 0
    assert isinstance(shown[-1], LimitedWindow)  # an administrator alone reads no records

    # now the database has accounts: even a caller without `login` signs in (here from the environment)
    monkeypatch.setenv("CADRE_DESK_USER", "测试员")
    monkeypatch.setenv("CADRE_DESK_PASSWORD", PW)
    assert application.run_gui(str(path), None) == 0
    monkeypatch.setenv("CADRE_DESK_PASSWORD", "wrong")
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *a, **k: None))
    assert application.run_gui(str(path), None) == application.EXIT_CANNOT_OPEN


def test_a_reset_password_is_changed_before_the_window(
    qtbot: QtBot, db: Database, admin: ServiceContext
) -> None:
    ready_account(admin, "li", ["reader"], "Sesame#2026y")
    accounts.reset_password(admin, "li", "Temp-0001a")
    signed = accounts.authenticate(db, "li", "Temp-0001a")
    dialog = PasswordDialog(signed, forced=True)
    qtbot.addWidget(dialog)
    dialog.old.setText("Temp-0001a")
    dialog.new.setText("Mine-0002b")
    dialog.repeat.setText("Mine-0002c")
    dialog.buttons.accepted.emit()
    assert "differ" in dialog.error.text() or "不一致" in dialog.error.text() or dialog.error.text()
    dialog.repeat.setText("Mine-0002b")
    dialog.buttons.accepted.emit()
    assert dialog.result_ctx is not None and not dialog.result_ctx.must_change_password


def test_the_window_offers_what_the_role_may_do(
    qtbot: QtBot, db: Database, ctx: ServiceContext, admin: ServiceContext, settings: Settings, _zh_cn: None
) -> None:
    full = MainWindow(admin, settings, background_checks=False)
    qtbot.addWidget(full)
    assert full.session.accounts_action.isEnabled() and full.session.accounts_action.isVisible()
    assert full.menus.new_action.isVisible() and full.menus.rules_action.isVisible()
    assert full.status.operator_label.text().endswith("王管理")
    ready_account(admin, "leader", ["reader"], "Sesame#2026y", "赵部长")
    reader = accounts.authenticate(db, "leader", "Sesame#2026y")
    read_only = MainWindow(reader, settings, background_checks=False)
    qtbot.addWidget(read_only)
    assert not read_only.menus.new_action.isVisible() and not read_only.menus.save_action.isVisible()
    assert read_only.menus.print_action.isVisible()
    assert not read_only.menus.transfers.import_menu.menuAction().isVisible()
    assert not read_only.session.accounts_action.isVisible() and read_only.session.password_action.isVisible()


def test_a_database_without_accounts_offers_no_account_actions(
    qtbot: QtBot, ctx: ServiceContext, settings: Settings, _zh_cn: None
) -> None:
    window = MainWindow(ctx, settings, background_checks=False)
    qtbot.addWidget(window)
    assert ctx.permissions is None and window.menus.new_action.isVisible()
    assert not window.session.lock_action.isVisible() and not window.session.accounts_action.isVisible()
    assert not window.session.idle.timer.isActive()


def test_administrators_and_mentors_get_the_limited_window(
    qtbot: QtBot, db: Database, ctx: ServiceContext, settings: Settings, _zh_cn: None
) -> None:
    mentor = make_cadre(ctx, "周导师", birth="1972.06")
    mentee = make_cadre(ctx, "林小雨", gender="女", birth="1980.10")
    other = make_cadre(ctx, "陈远航", birth="1980.02")
    own = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.01.01", "2026.12.31")
    )
    other_mentee = make_cadre(ctx, "吴小川", birth="1981.02")
    mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(other.id, other_mentee.id, "2024.01.01", "2026.12.31")
    )
    admin = accounts.set_first_admin(db, "admin", PW)
    ready_account(admin, "zhou", ["mentor"], "Sesame#2026y", cadre_id=mentor.id)
    only_admin = LimitedWindow(admin, settings)
    qtbot.addWidget(only_admin)
    assert only_admin.settings_action.isVisible() and only_admin.session.accounts_action.isVisible()
    assert only_admin.tabs.count() == 1
    zhou = accounts.authenticate(db, "zhou", "Sesame#2026y")
    window = LimitedWindow(zhou, settings)
    qtbot.addWidget(window)
    # 设置 is offered for the window's language only (test_role_actions: the rest is read-only)
    assert window.tabs.count() == 2 and not window.session.accounts_action.isVisible()
    model = window.pairings.model
    assert [model.row_at(r).id for r in range(model.rowCount())] == [own.id]  # his own pairing only
    # his own name is plain text (nobody reads his own dossier); his mentee's a link while 进行中
    window.pairings.panel.show_pairing(own.id)
    heading = window.pairings.panel.heading.text()
    assert "周导师" in heading and f"cadre:{mentor.id}'" not in heading and f"cadre:{mentee.id}'" in heading
    ended = mentorship_changes.end_mentorship(
        ctx, own.id, mentorship.MentorshipEnd(False, "2026.06.01", reason="导师调离"), own.version
    )
    window.pairings.panel.show_pairing(ended.id)
    assert "cadre:" not in window.pairings.panel.heading.text()


def test_the_limited_window_backs_up_its_changes(
    qtbot: QtBot, db: Database, ctx: ServiceContext, settings: Settings
) -> None:
    """A 导师, a 容错案件 clerk or an administrator changes records, cases, accounts or settings in the
    limited window: it backs them up on closing and every 30 minutes like the full window (it had no
    automatic backup at all)."""
    from cadre_desk import paths

    admin = accounts.set_first_admin(db, "admin", PW)
    window = LimitedWindow(admin, settings)
    qtbot.addWidget(window)
    assert window.auto_backup.timer.isActive()
    app_settings.save_settings(admin, app_settings.DepartmentSettings(idle_lock_minutes=5))
    window.close()
    made = window.auto_backup.last
    assert made is not None and len(made.made) == 1 and made.made[0].parent == paths.backup_dir()
    assert "-auto-" in made.made[0].name


def test_idle_lock_hides_the_window_and_signs_in_again(
    qtbot: QtBot, db: Database, admin: ServiceContext, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(admin, settings, background_checks=False)
    qtbot.addWidget(window)
    window.show()
    session = window.session
    assert session.idle.minutes == 15 and session.idle.timer.isActive()
    hidden_during: list[bool] = []
    editor = QDialog(window)  # an editor left open with a record in it
    editor.show()

    def again(
        cls: object,
        parent: object,
        db_: Database,
        user: str = "",
        locked: bool = False,
        demo: bool = False,
        reason: str = "",
    ) -> ServiceContext:
        assert locked and user == "admin" and not reason
        hidden_during.append(not window.centralWidget().isVisible() and not editor.isVisible())
        return accounts.authenticate(db_, user, PW)

    monkeypatch.setattr(LoginDialog, "ask", classmethod(again))
    session.idle.last_input = time.monotonic() - 16 * 60
    session.idle.check()
    assert hidden_during == [True] and window.centralWidget().isVisible() and editor.isVisible()
    assert actions(db)[-2:] == ["idle_lock", "login"]
    assert session.idle.idle_seconds() < 60 and not session.idle.paused

    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *a, **k: None))
    session.lock(idle=False)
    assert not window.isVisible()  # gave up signing in: the window closes
    assert actions(db)[-1] == "lock_window"


def test_idle_minutes_come_from_the_settings(qtbot: QtBot, admin: ServiceContext) -> None:
    saved = app_settings.save_settings(admin, app_settings.DepartmentSettings(idle_lock_minutes=5))
    assert saved.idle_lock_minutes == 5
    with pytest.raises(Exception, match="空闲锁定时间"):
        app_settings.save_settings(admin, app_settings.DepartmentSettings(idle_lock_minutes=999))
    lock = IdleLock(0)
    assert not lock.timer.isActive()  # 0: never


def test_a_changed_idle_time_takes_effect_in_the_open_window(
    qtbot: QtBot, admin: ServiceContext, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """设置 → 空闲锁定 changed in the window applies to that window at once (it was read only when the
    window opened, so a shorter time set by the administrator did nothing until the next start)."""
    window = MainWindow(admin, settings, background_checks=False)
    qtbot.addWidget(window)
    assert window.session.idle.minutes == 15

    def change(cls: object, parent: object, ctx: ServiceContext, _settings: Settings) -> None:
        app_settings.save_settings(ctx, app_settings.DepartmentSettings(idle_lock_minutes=1))

    monkeypatch.setattr(SettingsDialog, "ask", classmethod(change))
    window.menus.open_settings()
    assert window.session.idle.minutes == 1 and window.session.idle.timer.isActive()

    def off(cls: object, parent: object, ctx: ServiceContext, _settings: Settings) -> None:
        app_settings.save_settings(ctx, app_settings.DepartmentSettings(idle_lock_minutes=0))

    monkeypatch.setattr(SettingsDialog, "ask", classmethod(off))
    window.menus.open_settings()
    assert window.session.idle.minutes == 0 and not window.session.idle.timer.isActive()


def test_account_management(
    qtbot: QtBot, db: Database, admin: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit = AccountEditDialog(admin, None)
    qtbot.addWidget(edit)
    edit.name.setText("wang")
    edit.roles[next(r for r in edit.roles if r.value == "admin")].setChecked(True)
    edit.roles[next(r for r in edit.roles if r.value == "auditor")].setChecked(True)
    edit.password.setText("Sesame#2026y")
    edit.repeat.setText("Sesame#2026y")
    edit.buttons.accepted.emit()
    assert "三员分立" in edit.error.text() and edit.saved is None
    edit.roles[next(r for r in edit.roles if r.value == "admin")].setChecked(False)
    edit.buttons.accepted.emit()
    assert edit.saved is not None and edit.saved.roles == ("auditor",) and edit.saved.must_change_password

    dialog = AccountsDialog(admin)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["admin", "wang"]
    # the administrator typed wang's password: wang chooses his own at the first sign-in
    assert dialog.table.item(1, 3).text() in ("须修改密码", "must change password")
    assert dialog.table.item(0, 3).text() == ""
    dialog.table.selectRow(1)
    dialog.lock_button.click()
    assert dialog.table.item(1, 3).text() in ("已停用", "disabled")
    assert dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    assert dialog.table.item(1, 3).text() in ("须修改密码", "must change password")
    dialog.table.selectRow(0)
    assert not dialog.lock_button.isEnabled()  # not oneself


def test_sign_in_from_the_environment(
    db: Database, admin: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CADRE_DESK_USER", "admin")
    monkeypatch.setenv("CADRE_DESK_PASSWORD", PW)
    signed = sign_in_module.sign_in(None, open_context(db, "x"))
    assert signed is not None and signed.account_name == "admin"


def test_the_auditor_sees_the_audit_trail_and_nothing_else(
    qtbot: QtBot, db: Database, admin: ServiceContext, settings: Settings, _zh_cn: None
) -> None:
    ready_account(admin, "shen", ["auditor"], "Sesame#2026y", "沈审计")
    auditor = accounts.authenticate(db, "shen", "Sesame#2026y")
    window = LimitedWindow(auditor, settings)
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["审计日志"]
    assert not window.session.accounts_action.isVisible()  # 设置: only the language (test_role_actions)
    clerk_window = MainWindow(admin, settings, background_checks=False)  # admin + clerk: no audit page
    qtbot.addWidget(clerk_window)
    assert "audit" not in clerk_window.page_keys()


def clerk_signed_in(db: Database, admin: ServiceContext, name: str = "zhang") -> ServiceContext:
    """A 干部科经办 account the administrator adds, signed in as its window would be."""
    accounts.add_account(admin, name, ["clerk"], "Sesame#2026y", "张经办")
    signed = accounts.authenticate(db, name, "Sesame#2026y")
    return accounts.change_own_password(signed, "Sesame#2026y", PW)  # his own password (PW)


def test_an_account_disabled_while_its_window_is_open_is_stopped_and_locked(
    qtbot: QtBot,
    db: Database,
    admin: ServiceContext,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    cadre = make_cadre(admin, "林超峰")
    clerk = clerk_signed_in(db, admin)
    drafts.configure(drafts.DraftStore(tmp_path / "drafts", None))
    window = MainWindow(clerk, settings, background_checks=False)
    qtbot.addWidget(window)
    window.show()
    window.roster.show_cadre(cadre.id)
    view = window.roster.profile
    accounts.lock_account(admin, "zhang")  # the administrator, elsewhere
    view.form.set_text("post", "停用后输入的职务")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(str(a[2])))
    seen: list[tuple[str, bool, str]] = []

    def again(cls: object, parent: object, db_: Database, user: str = "", **kw: object) -> ServiceContext:
        typed = view.form.text_of("post")
        seen.append((str(kw.get("reason", "")), window.centralWidget().isVisible(), typed))
        accounts.unlock_account(admin, "zhang")  # the administrator lets him go on
        return accounts.authenticate(db_, user, PW)

    monkeypatch.setattr(LoginDialog, "ask", classmethod(again))
    assert not view.save()
    assert warned and "您的账号已被管理员停用" in warned[0]
    qtbot.waitUntil(lambda: bool(seen))
    reason, shown, typed = seen[0]
    assert "您的账号已被管理员停用" in reason and not shown and typed == "停用后输入的职务"
    assert cadres.get_cadre(admin, cadre.id).post != "停用后输入的职务"  # nothing was written
    assert "denied" in actions(db)
    qtbot.waitUntil(lambda: window.centralWidget().isVisible())
    assert view.save()  # signed in again with the same roles: the same window saves what was typed
    assert cadres.get_cadre(admin, cadre.id).post == "停用后输入的职务"


def test_a_role_taken_away_closes_the_window_keeping_the_draft(
    qtbot: QtBot,
    db: Database,
    admin: ServiceContext,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    cadre = make_cadre(admin, "林超峰")
    clerk = clerk_signed_in(db, admin)
    store = drafts.DraftStore(tmp_path / "drafts", None)
    drafts.configure(store)
    window = MainWindow(clerk, settings, background_checks=False)
    qtbot.addWidget(window)
    window.show()
    window.roster.show_cadre(cadre.id)
    view = window.roster.profile
    accounts.set_roles(admin, "zhang", ["reader"])
    view.form.set_text("post", "降级后输入的职务")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(str(a[2])))
    monkeypatch.setattr(
        LoginDialog,
        "ask",
        classmethod(lambda cls, parent, db_, user="", **kw: accounts.authenticate(db_, user, PW)),
    )
    assert not view.save()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert told and "zhang" in told[0]
    assert [d.title for d in store.pending()]  # what was typed is kept for the next start
    assert cadres.get_cadre(admin, cadre.id).post != "降级后输入的职务"


def test_the_mentors_own_cadre_is_named_for_the_administrator(
    qtbot: QtBot, db: Database, _zh_cn: None
) -> None:
    """F13: the 系统管理员 (no records permission) sees whom the typed cadre number means, and the list
    shows each 导师's linked cadre."""
    typist = open_context(db, "录入员")  # before the first administrator: the open mode
    town = units.create_unit(typist, units.UnitInput(name="某某镇", short_name="某某镇", kind="乡镇"))
    mentor = make_cadre(typist, "周导师", birth="1972.06", unit_id=town.id)
    accounts.set_first_admin(db, "admin", PW, "王管理")
    admin = accounts.authenticate(db, "admin", PW)
    assert admin.roles == ("admin",)
    with pytest.raises(PermissionDenied):
        cadres.get_cadre(admin, mentor.id)  # he cannot look the number up among the records
    edit = AccountEditDialog(admin, None)
    qtbot.addWidget(edit)
    assert edit.cadre_name.text() == ""
    edit.cadre.setValue(mentor.id + 100)
    assert edit.cadre_name.text() == "没有这个编号的干部"
    edit.cadre.setValue(mentor.id)
    assert edit.cadre_name.text() == "周导师（某某镇）"
    edit.name.setText("ms1")
    edit.roles[next(r for r in edit.roles if r.value == "mentor")].setChecked(True)
    edit.password.setText("Sesame#2026y")
    edit.repeat.setText("Sesame#2026y")
    edit.buttons.accepted.emit()
    assert edit.saved is not None and edit.saved.cadre_id == mentor.id

    dialog = AccountsDialog(admin)
    qtbot.addWidget(dialog)
    cells = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())
    }
    assert cells == {"admin": "", "ms1": f"{mentor.id} 周导师（某某镇）"}
    roles = AccountEditDialog(admin, accounts.get_account(admin, "ms1"))
    qtbot.addWidget(roles)
    assert roles.cadre_name.text() == "周导师（某某镇）"
