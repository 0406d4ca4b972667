"""The audit trail as the 安全审计员 meets it on the command line, as real processes: `check` (the chain
check is his job), the text `audit list` and the Excel export in words, and who did what named
without ambiguity."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from cadre_desk.db.opening import open_database
from cadre_desk.services import accounts, units
from tests.conftest import ready_account
from tests.e2e.cli_process import run_main

PW = {
    "admin": "Kq7#river-stone",
    "shenji": "Zt4#quiet-lake",
    "li": "Pq#clerk-2026",
    "lingdao": "Rd#reader-2026",
}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "审计 #库.db"
    db = open_database(str(path))
    admin = accounts.set_first_admin(db, "admin", PW["admin"])
    ready_account(admin, "shenji", ["auditor"], PW["shenji"], display_name="审计员")
    ready_account(admin, "li", ["clerk"], PW["li"], display_name="李经办")
    ready_account(admin, "lingdao", ["reader"], PW["lingdao"], display_name="李领导")
    li = accounts.authenticate(db, "li", PW["li"])
    units.create_unit(li, units.UnitInput(name="县委组织部", kind="部门"))
    db.dispose()
    return path


def as_user(db: Path, user: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"CADRE_DESK_USER": user, "CADRE_DESK_PASSWORD": PW[user]}
    return run_main("--db", str(db), *args, data_dir=db.parent / "data", env=env)


def test_the_auditor_runs_the_check_but_not_its_repair(db_path: Path) -> None:
    checked = as_user(db_path, "shenji", "check")
    assert checked.returncode == 0, checked.stderr
    assert "audit_chain" in checked.stdout or "审计" in checked.stdout
    repair = as_user(db_path, "shenji", "check", "--repair")
    assert repair.returncode == 1 and "无权修复数据库" in repair.stderr
    reader = as_user(db_path, "lingdao", "check")
    assert reader.returncode == 1 and "无权执行数据库检查" in reader.stderr
    assert "备份" not in reader.stderr  # worded by what was refused


def test_audit_list_and_export_in_words_json_in_codes(db_path: Path) -> None:
    text = as_user(db_path, "shenji", "audit", "list", "--user", "li")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    create = next(line for line in lines if "县委组织部" in line)
    assert "李经办（li）" in create and "新建" in create and "单位#" in create
    assert " create " not in create and " unit#" not in create
    assert any("登录" in line and "账号" in line for line in lines)
    listed = json.loads(as_user(db_path, "shenji", "audit", "list", "--user", "li", "--json").stdout)
    made = next(e for e in listed if e["summary"] == "县委组织部")
    # the codes stay codes (scripts read them); the words come as extra fields
    assert (made["user"], made["user_display"], made["action"], made["entity"]) == (
        "li",
        "李经办",
        "create",
        "unit",
    )
    assert (made["action_label"], made["entity_label"]) == ("新建", "单位")

    out = db_path.parent / "审计 li #1%.xlsx"
    exported = as_user(db_path, "shenji", "audit", "export", "--user", "li", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None and sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][4:6] == ("操作", "对象") and rows[0][-2:] == ("操作代码", "对象代码")
    assert {(r[4], r[5], r[9], r[10]) for r in rows[1:]} >= {
        ("登录", "账号", "login", "account"),
        ("新建", "单位", "create", "unit"),
    }


def test_accounts_the_trail_could_not_tell_apart_are_refused(db_path: Path) -> None:
    pw = "Nw#account-2026\n"
    env = {"CADRE_DESK_USER": "admin", "CADRE_DESK_PASSWORD": PW["admin"]}
    data = db_path.parent / "data"

    def admin(*args: str) -> subprocess.CompletedProcess[str]:
        return run_main("--db", str(db_path), "account", *args, data_dir=data, env=env, stdin=pw)

    case = admin("add", "LI", "--role", "reader", "--password-stdin")
    assert case.returncode == 1 and "已有账号“li”：账号名不区分大小写，不能再添加“LI”" in case.stderr
    shown = admin("add", "zhang", "--role", "clerk", "--display-name", "李经办", "--password-stdin")
    assert shown.returncode == 1 and "显示名“李经办”已是账号“li”的显示名" in shown.stderr
    renamed = admin("roles", "lingdao", "--role", "reader", "--display-name", "李经办")
    assert renamed.returncode == 1 and "已是账号“li”的显示名" in renamed.stderr
    assert admin("roles", "lingdao", "--role", "reader", "--display-name", "李副书记").returncode == 0
    checked = as_user(db_path, "shenji", "check")
    assert checked.returncode == 0 and "可区分" in checked.stdout
