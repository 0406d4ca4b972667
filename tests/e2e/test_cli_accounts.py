"""Accounts on the command line as real processes: the first administrator, signing in with --user
and CADRE_DESK_PASSWORD, roles enforced, lock-out, resets, and the demo account."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.e2e.cli_process import ok, run_main

ADMIN_PW = "Guard-2026x"
CLERK_PW = "Sesame#2026y"  # what the administrator types for a new account
OWN_PW = "Own-choice-2026"  # what its person chooses at the first sign-in


def cli(
    *args: str, data_dir: Path, user: str | None = None, password: str | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Signed in as `user` with `password` only when given (not the suite's demo account)."""
    env = {"CADRE_DESK_USER": user, "CADRE_DESK_PASSWORD": password}
    return run_main(*args, data_dir=data_dir, stdin=stdin, env=env)


def test_accounts_from_the_first_administrator_to_lock_out(tmp_path: Path) -> None:
    db = str(tmp_path / "county.db")
    ok(cli("--db", db, "init", data_dir=tmp_path))
    ok(cli("--db", db, "unit", "add", "县委组织部", data_dir=tmp_path))  # no accounts yet: open as before
    refused = cli(
        "--db",
        db,
        "account",
        "add",
        "li",
        "--role",
        "clerk",
        "--password-stdin",
        stdin=CLERK_PW + "\n",
        data_dir=tmp_path,
    )
    assert refused.returncode == 1 and "第一个账号须为系统管理员" in refused.stderr
    out = ok(
        cli(
            "--db",
            db,
            "account",
            "add",
            "admin",
            "--role",
            "系统管理员",
            "--password-stdin",
            stdin=ADMIN_PW + "\n",
            data_dir=tmp_path,
        )
    )
    assert "已添加账号 admin（系统管理员）" in out

    anonymous = cli("--db", db, "unit", "list", "--json", data_dir=tmp_path)
    assert anonymous.returncode == 1 and "请用 --user 用户名" in anonymous.stderr
    no_password = cli("--db", db, "--user", "admin", "unit", "list", data_dir=tmp_path)
    assert no_password.returncode == 1 and "CADRE_DESK_PASSWORD" in no_password.stderr

    def as_admin(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return cli("--db", db, "--user", "admin", *args, password=ADMIN_PW, stdin=stdin, data_dir=tmp_path)

    denied = as_admin("unit", "list", "--json")  # an administrator reads no records
    assert denied.returncode == 1 and "无权查阅干部档案" in denied.stderr
    both = as_admin(
        "account", "add", "wang", "--role", "admin", "--role", "auditor", "--password-stdin", stdin=CLERK_PW
    )
    assert both.returncode == 1 and "三员分立" in both.stderr
    weak = as_admin("account", "add", "li", "--role", "clerk", "--password-stdin", stdin="password\n")
    assert weak.returncode == 1 and "至少三类" in weak.stderr
    ok(
        as_admin(
            "account",
            "add",
            "li",
            "--role",
            "clerk",
            "--display-name",
            "李经办",
            "--password-stdin",
            stdin=CLERK_PW,
        )
    )
    listed = json.loads(ok(as_admin("account", "list", "--json")))
    assert [(a["name"], a["roles"], a["has_password"], a["must_change_password"]) for a in listed] == [
        ("admin", ["admin"], True, False),
        ("li", ["clerk"], True, True),  # the administrator typed it: li chooses his own first
    ]
    assert "须修改密码" in ok(as_admin("account", "list"))
    first = cli("--db", db, "unit", "list", user="li", password=CLERK_PW, data_dir=tmp_path)
    assert first.returncode == 1 and "新账号或重置密码" in first.stderr
    assert "account passwd li" in first.stderr
    own = ("account", "passwd", "li", "--password-stdin")
    ok(cli("--db", db, *own, user="li", password=CLERK_PW, stdin=OWN_PW + "\n", data_dir=tmp_path))
    assert "须修改密码" not in ok(as_admin("account", "list"))
    # the name that added the unit before accounts existed: history only, shown on request
    everyone = json.loads(ok(as_admin("account", "list", "--all", "--json")))
    assert [a["name"] for a in everyone if not a["has_password"] and not a["roles"]] != []
    assert "不能登录" in ok(as_admin("account", "list", "--all"))

    units = json.loads(
        ok(cli("--db", db, "unit", "list", "--json", user="li", password=OWN_PW, data_dir=tmp_path))
    )
    assert [u["name"] for u in units] == ["县委组织部"]
    clerk_denied = cli("--db", db, "account", "list", user="li", password=OWN_PW, data_dir=tmp_path)
    assert clerk_denied.returncode == 1 and "无权管理账号" in clerk_denied.stderr

    for _ in range(4):
        wrong = cli("--db", db, "unit", "list", user="li", password="nope", data_dir=tmp_path)
        assert wrong.returncode == 1 and "用户名或密码错误" in wrong.stderr
    locked = cli("--db", db, "unit", "list", user="li", password="nope", data_dir=tmp_path)
    assert "已锁定" in locked.stderr
    still = cli("--db", db, "unit", "list", user="li", password=OWN_PW, data_dir=tmp_path)
    assert still.returncode == 1 and "已锁定" in still.stderr
    ok(as_admin("account", "unlock", "li"))
    ok(cli("--db", db, "unit", "list", user="li", password=OWN_PW, data_dir=tmp_path))

    ok(as_admin("account", "passwd", "li", "--password-stdin", stdin="Temp-0001a\n"))
    forced = cli("--db", db, "unit", "list", user="li", password="Temp-0001a", data_dir=tmp_path)
    assert forced.returncode == 1 and "account passwd li" in forced.stderr
    ok(
        cli(
            "--db",
            db,
            "account",
            "passwd",
            "li",
            "--password-stdin",
            user="li",
            password="Temp-0001a",
            stdin="Mine-0002b\n",
            data_dir=tmp_path,
        )
    )
    ok(cli("--db", db, "unit", "list", user="li", password="Mine-0002b", data_dir=tmp_path))

    ok(as_admin("account", "roles", "li", "--role", "reader"))
    read_only = cli(
        "--db", db, "unit", "add", "县委办公室", user="li", password="Mine-0002b", data_dir=tmp_path
    )
    assert read_only.returncode == 1 and "无权修改干部档案" in read_only.stderr
    ok(as_admin("account", "lock", "li"))
    disabled = cli("--db", db, "unit", "list", user="li", password="Mine-0002b", data_dir=tmp_path)
    assert disabled.returncode == 1 and "停用" in disabled.stderr

    # refusals are security events: the auditor finds each, naming the account and the command
    added = ok(as_admin("account", "add", "sun", "--role", "auditor", "--password-stdin", stdin=CLERK_PW))
    assert "首次登录时须修改密码" in added  # scripted creation too: the person chooses his own
    passwd = ("account", "passwd", "sun", "--password-stdin")
    ok(cli("--db", db, *passwd, user="sun", password=CLERK_PW, stdin=OWN_PW + "\n", data_dir=tmp_path))
    trail = json.loads(
        ok(cli("--db", db, "audit", "list", "--json", user="sun", password=OWN_PW, data_dir=tmp_path))
    )
    refusals = [(e["summary"]) for e in trail if e["action"] == "denied"]
    assert any("cadre-desk unit" in r and "无权查阅干部档案" in r for r in refusals), refusals
    assert any("cadre-desk unit" in r and "无权修改干部档案" in r for r in refusals), refusals
    assert any("cadre-desk account" in r and "无权管理账号" in r for r in refusals), refusals
    assert ok(cli("--db", db, "audit", "verify", user="sun", password=OWN_PW, data_dir=tmp_path))


def test_a_demo_database_signs_in_as_demo(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    first = cli("--db", db, "demo", "--cadres", "5", "--seed", "3", data_dir=tmp_path)
    assert (
        first.returncode == 0 and "已添加演示账号" not in first.stderr
    )  # a new database: nothing to warn of
    assert cli("--db", db, "stats", data_dir=tmp_path).returncode == 1
    stats = json.loads(
        ok(cli("--db", db, "stats", "--json", user="demo", password="demo", data_dir=tmp_path))
    )
    assert stats["cadre"] == 5
    accounts = json.loads(
        ok(cli("--db", db, "account", "list", "--json", user="demo", password="demo", data_dir=tmp_path))
    )
    # the demo county's 容错 cases are part of what the demo shows
    assert [a["roles"] for a in accounts if a["name"] == "demo"] == [["admin", "clerk", "tolerance"]]


def test_restore_asks_for_an_account_that_may_restore(tmp_path: Path) -> None:
    db = str(tmp_path / "county.db")
    ok(cli("--db", db, "init", data_dir=tmp_path))
    ok(
        cli(
            "--db",
            db,
            "account",
            "add",
            "admin",
            "--role",
            "admin",
            "--password-stdin",
            stdin=ADMIN_PW,
            data_dir=tmp_path,
        )
    )

    def as_admin(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return cli("--db", db, "--user", "admin", *args, password=ADMIN_PW, stdin=stdin, data_dir=tmp_path)

    ok(as_admin("account", "add", "leader", "--role", "reader", "--password-stdin", stdin=CLERK_PW))
    passwd = ("account", "passwd", "leader", "--password-stdin")
    ok(cli("--db", db, *passwd, user="leader", password=CLERK_PW, stdin=OWN_PW + "\n", data_dir=tmp_path))
    backup = str(tmp_path / "copy.db")
    ok(as_admin("backup", backup))
    anonymous = cli("--db", db, "restore", backup, data_dir=tmp_path)
    assert anonymous.returncode == 1 and "请用 --user" in anonymous.stderr
    reader = cli("--db", db, "restore", backup, user="leader", password=OWN_PW, data_dir=tmp_path)
    assert reader.returncode == 1 and "无权从备份恢复数据库" in reader.stderr
    assert "已从备份恢复" in ok(as_admin("restore", backup))


def test_demo_data_in_a_database_with_accounts_names_the_demo_account_it_adds(tmp_path: Path) -> None:
    db = str(tmp_path / "county.db")
    ok(cli("--db", db, "init", data_dir=tmp_path))
    add = ("account", "add", "boss", "--role", "admin", "--role", "clerk", "--password-stdin")
    ok(cli("--db", db, *add, stdin=ADMIN_PW, data_dir=tmp_path))
    demo = cli("--db", db, "demo", "--cadres", "3", user="boss", password=ADMIN_PW, data_dir=tmp_path)
    assert (
        demo.returncode == 0 and "已添加演示账号 demo" in demo.stderr and "account lock demo" in demo.stderr
    )
    assert json.loads(demo.stdout)["cadres"] == 3


def test_a_mentor_cannot_read_his_own_dossier(tmp_path: Path) -> None:
    db = str(tmp_path / "county.db")
    ok(cli("--db", db, "init", data_dir=tmp_path))
    add = ("cadre", "add", "--name", "谢林", "--gender", "男", "--birth", "1975.03", "--json")
    own = json.loads(ok(cli("--db", db, *add, data_dir=tmp_path)))["id"]
    admin = ("account", "add", "admin", "--role", "admin", "--role", "clerk", "--password-stdin")
    ok(cli("--db", db, *admin, stdin=ADMIN_PW, data_dir=tmp_path))
    mentor = ("account", "add", "daoshi", "--role", "mentor", "--cadre", str(own), "--password-stdin")
    ok(cli("--db", db, *mentor, user="admin", password=ADMIN_PW, stdin=CLERK_PW, data_dir=tmp_path))
    passwd = ("account", "passwd", "daoshi", "--password-stdin")
    ok(cli("--db", db, *passwd, user="daoshi", password=CLERK_PW, stdin=OWN_PW + "\n", data_dir=tmp_path))
    refused = cli(
        "--db", db, "cadre", "show", str(own), "--json", user="daoshi", password=OWN_PW, data_dir=tmp_path
    )
    assert (
        refused.returncode == 1
        and "不能查阅本人的干部档案" in refused.stderr
        and "谢林" not in refused.stdout
    )
    assert ok(cli("--db", db, "cadre", "show", str(own), user="admin", password=ADMIN_PW, data_dir=tmp_path))
