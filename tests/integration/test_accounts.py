"""Accounts on a real database: the first administrator, signing in with lock-out, the password
policy, resets, roles and three-person separation, and the open mode of databases without passwords."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from cadre_desk.db.engine import Database
from cadre_desk.db.models import Account, AuditEvent, Unit
from cadre_desk.errors import LoginFailed, NotFoundError, PermissionDenied, ValidationError
from cadre_desk.services import access, accounts, audit, audit_trail, units
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext, open_context
from tests.conftest import make_cadre
from tests.integration.old_schema import database_at, upgrade_to_head

ADMIN_PW = "Guard-2026x"
CLERK_PW = "Sesame#2026y"
OWN_PW = "Own-choice-2026"  # what a new account's person chooses at his first sign-in


def audit_rows(db: Database) -> list[tuple[str, str]]:
    with db.read() as s:
        return [
            (a, summary)
            for a, summary in s.execute(
                select(AuditEvent.action, AuditEvent.summary)
                .where(AuditEvent.entity == "account")
                .order_by(AuditEvent.id)
            )
        ]


@pytest.fixture
def admin(db: Database) -> ServiceContext:
    return accounts.set_first_admin(db, "admin", ADMIN_PW, "王管理")


def test_a_database_without_passwords_stays_open(db: Database, ctx: ServiceContext) -> None:
    assert not accounts.needs_login(db)
    assert ctx.permissions is None
    units.create_unit(ctx, units.UnitInput(name="县委组织部"))  # as before accounts existed
    with pytest.raises(LoginFailed):
        accounts.authenticate(db, "测试员", "whatever")


def test_after_the_first_administrator_every_context_signs_in(db: Database, ctx: ServiceContext) -> None:
    units.create_unit(ctx, units.UnitInput(name="县委组织部"))
    accounts.set_first_admin(db, "admin", ADMIN_PW)
    assert accounts.needs_login(db)
    unsigned = open_context(db, "测试员")
    with pytest.raises(PermissionDenied, match="请先登录"):
        units.list_units(unsigned)
    with pytest.raises(PermissionDenied, match="已设置管理员"):
        accounts.set_first_admin(db, "other", ADMIN_PW)


def test_sign_in_and_lock_out_after_five_failures(db: Database, admin: ServiceContext) -> None:
    accounts.add_account(admin, "clerk", ["clerk"], CLERK_PW, "李经办")
    now = dt.datetime(2026, 12, 6, 8, 0, tzinfo=dt.UTC)
    for _ in range(4):
        with pytest.raises(LoginFailed, match="用户名或密码错误"):
            accounts.authenticate(db, "clerk", "wrong", now)
    ok = accounts.authenticate(db, "clerk", CLERK_PW, now)  # a success resets the count
    assert ok.signed_in and ok.operator == "李经办" and ok.roles == ("clerk",)
    for _ in range(4):
        with pytest.raises(LoginFailed, match="用户名或密码错误"):
            accounts.authenticate(db, "clerk", "wrong", now)
    with pytest.raises(LoginFailed, match="锁定"):
        accounts.authenticate(db, "clerk", "wrong", now)
    with pytest.raises(LoginFailed, match="锁定"):  # even the right password, for 15 minutes
        accounts.authenticate(db, "clerk", CLERK_PW, now + dt.timedelta(minutes=14))
    assert accounts.authenticate(db, "clerk", CLERK_PW, now + dt.timedelta(minutes=16)).signed_in
    with pytest.raises(LoginFailed, match="用户名或密码错误"):
        accounts.authenticate(db, "nobody", "x", now)
    actions = [a for a, _ in audit_rows(db)]
    assert actions.count("login") == 2 and actions.count("lock") == 1
    assert actions.count("login_failed") == 4 + 4 + 1 + 1  # the locked attempt and the unknown name too
    assert any("没有账号“nobody”" in s for _, s in audit_rows(db))
    with db.read() as s:
        assert s.scalar(select(Account.id).where(Account.name == "nobody")) is None


def test_login_events_name_the_account(db: Database, admin: ServiceContext) -> None:
    accounts.authenticate(db, "admin", ADMIN_PW)
    with db.read() as s:
        who = s.execute(
            select(Account.display_name)
            .join(AuditEvent, AuditEvent.account_id == Account.id)
            .where(AuditEvent.action == "login")
        ).scalar_one()
    assert who == "王管理"


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Ab1!", "至少需要 8 个字符"),
        ("abcdefgh", "至少三类"),
        ("abcdefg12", "至少三类"),
        ("Clerk2026", "用户名"),
        ("clerk", "至少需要"),
    ],
)
def test_the_password_policy(admin: ServiceContext, password: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        accounts.add_account(admin, "clerk", ["clerk"], password)


def test_policy_accepts_three_classes() -> None:
    assert accounts.password_problem("li", "abcDEF12") is None
    assert accounts.password_problem("li", "abc-def-12") is None
    assert accounts.password_problem("li", "密码abcd1234") is None  # Chinese counts as a symbol


def test_three_person_separation_and_roles(db: Database, admin: ServiceContext) -> None:
    with pytest.raises(ValidationError, match="三员分立"):
        accounts.add_account(admin, "both", ["admin", "安全审计员"], CLERK_PW)
    accounts.add_account(admin, "audit", ["auditor"], CLERK_PW)
    with pytest.raises(ValidationError, match="三员分立"):
        accounts.set_roles(admin, "audit", ["auditor", "系统管理员"])
    with pytest.raises(PermissionDenied, match="没有角色"):
        accounts.add_account(admin, "x", ["boss"], CLERK_PW)
    with pytest.raises(ValidationError, match="关联导师本人"):
        accounts.add_account(admin, "mentor", ["mentor"], CLERK_PW)
    with pytest.raises(ValidationError, match="至少需要保留一个"):
        accounts.set_roles(admin, "admin", ["clerk"])
    with pytest.raises(ValidationError, match="已有账号"):
        accounts.add_account(admin, "audit", ["reader"], CLERK_PW)
    view = accounts.set_roles(admin, "admin", ["admin", "clerk"])
    assert view.role_labels == ("系统管理员", "干部科经办")
    assert [a.name for a in accounts.list_accounts(admin)] == ["admin", "audit"]


def test_only_administrators_manage_accounts(db: Database, admin: ServiceContext) -> None:
    clerk = new_account(db, admin, "clerk", ["clerk"])
    for call in (
        lambda: accounts.list_accounts(clerk),
        lambda: accounts.add_account(clerk, "x", ["clerk"], CLERK_PW),
        lambda: accounts.reset_password(clerk, "admin", CLERK_PW),
        lambda: accounts.lock_account(clerk, "admin"),
    ):
        with pytest.raises(PermissionDenied, match="无权管理账号"):
            call()


def test_reset_forces_a_change_at_the_next_sign_in(db: Database, admin: ServiceContext) -> None:
    accounts.add_account(admin, "clerk", ["clerk"], CLERK_PW)
    accounts.reset_password(admin, "clerk", "Temp-0001a")
    clerk = accounts.authenticate(db, "clerk", "Temp-0001a")
    assert clerk.must_change_password
    with pytest.raises(PermissionDenied, match="请先修改密码"):
        units.list_units(clerk)
    with pytest.raises(ValidationError, match="原密码不正确"):
        accounts.change_own_password(clerk, "bad", "New-pass-99")
    with pytest.raises(ValidationError, match="至少三类"):
        accounts.change_own_password(clerk, "Temp-0001a", "newpassword")
    changed = accounts.change_own_password(clerk, "Temp-0001a", "New-pass-99")
    assert not changed.must_change_password
    units.list_units(changed)
    assert accounts.authenticate(db, "clerk", "New-pass-99").signed_in
    with pytest.raises(LoginFailed):
        accounts.authenticate(db, "clerk", CLERK_PW)


def test_lock_and_unlock(db: Database, admin: ServiceContext) -> None:
    accounts.add_account(admin, "clerk", ["clerk"], CLERK_PW)
    accounts.lock_account(admin, "clerk")
    with pytest.raises(LoginFailed, match="停用"):
        accounts.authenticate(db, "clerk", CLERK_PW)
    with pytest.raises(ValidationError, match="不能停用自己"):
        accounts.lock_account(admin, "admin")
    accounts.unlock_account(admin, "clerk")
    assert accounts.authenticate(db, "clerk", CLERK_PW).signed_in
    with pytest.raises(NotFoundError):
        accounts.unlock_account(admin, "ghost")


def new_account(
    db: Database, admin: ServiceContext, name: str, roles: list[str], cadre_id: int | None = None
) -> ServiceContext:
    """An account the administrator adds, signed in after its person chose his own password (OWN_PW)
    at the first sign-in (the context its window would hold)."""
    accounts.add_account(admin, name, roles, CLERK_PW, cadre_id=cadre_id)
    return accounts.change_own_password(accounts.authenticate(db, name, CLERK_PW), CLERK_PW, OWN_PW)


def test_a_new_account_chooses_its_own_password_at_the_first_sign_in(
    db: Database, admin: ServiceContext
) -> None:
    assert not accounts.get_account(admin, "admin").must_change_password  # the first one chose his own
    view = accounts.add_account(admin, "shenji", ["auditor"], CLERK_PW, "沈审计")
    assert view.must_change_password
    assert [a.must_change_password for a in accounts.list_accounts(admin)] == [False, True]
    first = accounts.authenticate(db, "shenji", CLERK_PW)
    assert first.must_change_password
    with pytest.raises(PermissionDenied, match="密码由管理员设置（新账号或重置密码），请先修改密码"):
        audit_trail.list_events(first)
    changed = accounts.change_own_password(first, CLERK_PW, OWN_PW)
    assert not changed.must_change_password
    audit_trail.list_events(changed)
    assert not accounts.get_account(admin, "shenji").must_change_password
    with pytest.raises(LoginFailed):  # the administrator's password no longer opens the auditor's account
        accounts.authenticate(db, "shenji", CLERK_PW)


def unit_names(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(Unit.name).order_by(Unit.id)))


def test_a_disabled_account_stops_at_once_in_its_open_window(db: Database, admin: ServiceContext) -> None:
    clerk = new_account(db, admin, "clerk", ["clerk"])
    heard: list[str] = []

    class Window:  # what the window's session does: hear the refusal (held weakly by the context)
        def hear(self, message: str) -> None:
            heard.append(message)

    window = Window()
    clerk.on_account_changed(window.hear)
    units.create_unit(clerk, units.UnitInput(name="县委组织部"))
    accounts.lock_account(admin, "clerk")
    with pytest.raises(PermissionDenied, match="您的账号已被管理员停用"):
        units.create_unit(clerk, units.UnitInput(name="停用后"))
    # A write whose unit of work began before the check (the entry checks raced the lock): its own
    # audit record checks the account inside the transaction, and nothing is written.
    with pytest.raises(PermissionDenied, match="停用"), db.uow() as session:
        session.add(Unit(name="绕过检查"))
        session.flush()
        audit.record(session, clerk, "create", "unit", summary="绕过检查")
    assert unit_names(db) == ["县委组织部"]
    assert heard and all("停用" in m for m in heard)
    accounts.record_denial(clerk, "保存单位", heard[0])  # the window records the refusal
    assert audit_rows(db)[-1][0] == "denied" and "您的账号已被管理员停用" in audit_rows(db)[-1][1]
    accounts.unlock_account(admin, "clerk")
    units.create_unit(clerk, units.UnitInput(name="启用后"))  # nothing else changed: goes on
    assert unit_names(db) == ["县委组织部", "启用后"]


def test_a_role_taken_away_or_a_password_reset_stops_the_open_window(
    db: Database, admin: ServiceContext
) -> None:
    clerk = new_account(db, admin, "clerk", ["clerk"])
    accounts.set_roles(admin, "clerk", ["reader"])
    with pytest.raises(PermissionDenied, match="您的角色已被管理员更改"):
        units.create_unit(clerk, units.UnitInput(name="降级后"))
    reader = accounts.authenticate(db, "clerk", OWN_PW)
    assert not clerk.refresh_from(reader)  # a right taken away: the window opens anew
    assert units.list_units(reader) == []
    accounts.set_roles(admin, "clerk", ["clerk", "reader"])
    units.create_unit(clerk, units.UnitInput(name="加角色"))  # a role added takes nothing away
    accounts.reset_password(admin, "clerk", "Temp-0001a")
    with pytest.raises(PermissionDenied, match="您的密码已被管理员重置"):
        units.create_unit(clerk, units.UnitInput(name="重置后"))
    assert unit_names(db) == ["加角色"]
    # Signing in again (and changing the reset password) lets the same window go on.
    again = accounts.authenticate(db, "clerk", "Temp-0001a")
    again = accounts.change_own_password(again, "Temp-0001a", "Fresh-pass-77")
    assert clerk.refresh_from(again)
    units.create_unit(clerk, units.UnitInput(name="重新登录后"))
    # The administrator's own password change and reset keep his window going.
    admin = accounts.change_own_password(admin, ADMIN_PW, "Guard-2027y")
    accounts.reset_password(admin, "admin", "Guard-2028z")
    accounts.set_roles(admin, "clerk", ["clerk"])
    assert unit_names(db) == ["加角色", "重新登录后"]


def test_mentor_accounts_link_a_cadre(db: Database, ctx: ServiceContext) -> None:
    mentor = make_cadre(ctx, "周导师")
    admin = accounts.set_first_admin(db, "admin", ADMIN_PW)
    signed = new_account(db, admin, "zhou", ["导师"], cadre_id=mentor.id)
    assert accounts.get_account(admin, "zhou").cadre_id == mentor.id
    assert signed.cadre_id == mentor.id
    assert access.mentor_scope(signed) == mentor.id
    assert not access.can(signed, Permission.RECORDS_READ)


def test_the_open_mode_operator_becomes_the_administrator(db: Database, ctx: ServiceContext) -> None:
    units.create_unit(ctx, units.UnitInput(name="县委组织部"))  # the open-mode account row 测试员
    admin = accounts.set_first_admin(db, "测试员", ADMIN_PW)
    with db.read() as s:
        assert s.scalar(select(text("count(*)")).select_from(Account)) == 1
    assert admin.account_id == ctx.account_id


def test_sign_in_takes_well_under_300_ms(db: Database, admin: ServiceContext) -> None:
    """Not a timing assertion: shows the argon2id cost parameters in use (measured in the report)."""
    row_hash = accounts.hash_password("x")
    assert row_hash.startswith("$argon2id$v=19$m=65536,t=2,p=2$")
    started = time.perf_counter()
    accounts.authenticate(db, "admin", ADMIN_PW)
    print(f"sign-in: {(time.perf_counter() - started) * 1000:.0f} ms")


def test_migration_0017_upgrades_a_0016_database_without_loss(tmp_path: Path) -> None:
    engine = database_at(tmp_path / "old.db", "0016")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO account (id, uid, created_at, updated_at, version, name, display_name, role) "
                "VALUES (1, 'a1', '2026-01-01', '2026-01-01', 3, '张三', '张三', 'operator')"
            )
        )
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert conn.execute(
            text(
                "SELECT name, version, password_hash, roles, cadre_id, failed_logins, locked_until, "
                "must_change_password, disabled FROM account"
            )
        ).one() == ("张三", 3, None, "", None, 0, None, 0, 0)
    engine.dispose()


def test_a_read_only_window_only_checks_the_password(db: Database, admin: ServiceContext) -> None:
    before = audit_rows(db)
    assert accounts.authenticate(db, "admin", ADMIN_PW, record=False).signed_in
    with pytest.raises(LoginFailed, match="用户名或密码错误"):
        accounts.authenticate(db, "admin", "wrong", record=False)
    assert audit_rows(db) == before  # nothing written


def test_a_read_only_window_counts_failures_and_audits_its_sign_in(
    db: Database, admin: ServiceContext
) -> None:
    """A second window (opened read-only: another holds the file) is no way around the lock-out."""
    from cadre_desk.db.opening import open_database

    assert db.path is not None
    accounts.add_account(admin, "clerk", ["clerk"], CLERK_PW, "李经办")
    read_only = open_database(str(db.path), read_only=True)
    try:
        assert not read_only.writable
        now = dt.datetime(2026, 12, 6, 8, 0, tzinfo=dt.UTC)
        for _ in range(4):
            with pytest.raises(LoginFailed, match="用户名或密码错误"):
                accounts.authenticate(read_only, "clerk", "wrong", now)
        with pytest.raises(LoginFailed, match="锁定"):
            accounts.authenticate(read_only, "clerk", "wrong", now)
        with pytest.raises(LoginFailed, match="锁定"):  # in the holding window too
            accounts.authenticate(db, "clerk", CLERK_PW, now + dt.timedelta(minutes=1))
        signed = accounts.authenticate(read_only, "clerk", CLERK_PW, now + dt.timedelta(minutes=16))
        assert signed.signed_in and signed.db is read_only and signed.account_id is not None
        with pytest.raises(PermissionDenied, match="只读方式打开"):  # still read-only after signing in
            units.create_unit(signed, units.UnitInput(name="县委办公室"))
    finally:
        read_only.dispose()
    actions = [a for a, _ in audit_rows(db)]
    assert actions.count("lock") == 1 and actions.count("login") == 1
    assert actions.count("login_failed") == 4 + 1  # the fifth one is the lock; then the holder's try
