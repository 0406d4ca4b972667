"""The audit trail as the 安全审计员 meets it on the command line, as real processes: `check` (the chain
check is his job), the text `audit list` and the Excel export in words, and who did what named
without ambiguity."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cadre_desk.db.opening import open_database
from cadre_desk.services import accounts, units
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
    accounts.add_account(admin, "shenji", ["auditor"], PW["shenji"], display_name="审计员")
    accounts.add_account(admin, "li", ["clerk"], PW["li"], display_name="李经办")
    accounts.add_account(admin, "lingdao", ["reader"], PW["lingdao"], display_name="李领导")
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
