"""Who did it must be unambiguous in the audit trail: account names unique whatever their case, display
names unique among the accounts; a database that already holds such a pair keeps working and `check`
names it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cadre_desk.db.engine import Database
from cadre_desk.errors import ValidationError
from cadre_desk.services import accounts, audit_trail, maintenance
from cadre_desk.services.audit_trail import AuditFilter
from cadre_desk.services.context import ServiceContext
from tests.conftest import ready_account

PW = "Kq7#river-stone"


@pytest.fixture
def admin(db: Database) -> ServiceContext:
    admin = accounts.set_first_admin(db, "admin", PW)
    ready_account(admin, "demo", ["clerk"], PW, display_name="演示用户")
    return admin


def test_a_name_that_differs_only_in_case_is_refused(admin: ServiceContext) -> None:
    with pytest.raises(ValidationError, match="已有账号“demo”：账号名不区分大小写，不能再添加“Demo”"):
        ready_account(admin, "Demo", ["clerk"], PW)
    with pytest.raises(ValidationError, match="账号名不区分大小写"):
        ready_account(admin, "DEMO", ["reader"], PW, display_name="另一人")
    assert sorted(a.name for a in accounts.list_accounts(admin)) == ["admin", "demo"]


def test_a_display_name_of_another_account_is_refused(admin: ServiceContext) -> None:
    with pytest.raises(ValidationError, match="显示名“演示用户”已是账号“demo”的显示名"):
        ready_account(admin, "zhang", ["clerk"], PW, display_name="演示用户")
    ready_account(admin, "wang", ["reader"], PW, display_name="Wang Wu")
    with pytest.raises(ValidationError, match="显示名“wang wu”已是账号“wang”的显示名"):  # whatever the case
        ready_account(admin, "zhao", ["clerk"], PW, display_name="wang wu")
    ready_account(admin, "zhang", ["clerk"], PW, display_name="张三")
    with pytest.raises(ValidationError, match="已是账号“demo”的显示名"):
        accounts.set_roles(admin, "zhang", ["clerk"], display_name="演示用户")
    accounts.set_roles(admin, "demo", ["clerk"], display_name="演示用户")  # its own name: unchanged, fine
    assert {a.name: a.display_name for a in accounts.list_accounts(admin)}["zhang"] == "张三"


def test_an_older_database_with_such_pairs_keeps_working_and_check_names_them(
    admin: ServiceContext, db_path: Path
) -> None:
    ready_account(admin, "zhang", ["clerk"], PW, display_name="张三")
    ready_account(admin, "li", ["clerk"], PW, display_name="李四")
    conn = sqlite3.connect(db_path)  # as an earlier release let them be written
    conn.execute("UPDATE account SET name = 'Demo' WHERE name = 'li'")
    conn.execute("UPDATE account SET display_name = '演示用户' WHERE name = 'zhang'")
    conn.commit()
    conn.close()
    assert accounts.authenticate(admin.db, "Demo", PW).account_name == "Demo"
    zhang = accounts.authenticate(admin.db, "zhang", PW)
    item = {i.name: i for i in maintenance.check(admin).items}["accounts"]
    assert not item.ok
    assert "账号名只差大小写：Demo、demo" in item.detail
    assert "显示名“演示用户”有 2 个账号：demo、zhang" in item.detail
    # the views tell them apart by the account name
    auditor = ready_account(admin, "shenji", ["auditor"], PW)
    assert auditor.name == "shenji"
    shenji = accounts.authenticate(admin.db, "shenji", PW)
    [login] = audit_trail.list_events(shenji, AuditFilter(user="演示用户（zhang）", action="login"))
    assert login.user == "zhang" and zhang.account_name == "zhang"


def test_the_user_filter_takes_the_account_name_in_any_case(admin: ServiceContext) -> None:
    accounts.authenticate(admin.db, "demo", PW)
    shenji = ready_account(admin, "shenji", ["auditor"], PW)
    auditor = accounts.authenticate(admin.db, shenji.name, PW)
    for text in ("demo", "DEMO", "演示用户", "演示用户（demo）", "演示用户(demo)"):
        events = audit_trail.list_events(auditor, AuditFilter(user=text, action="login"))
        assert [e.user for e in events] == ["demo"], text


def test_a_clean_database_passes_the_accounts_check(admin: ServiceContext) -> None:
    item = {i.name: i for i in maintenance.check(admin).items}["accounts"]
    assert item.ok and "可区分" in item.detail
