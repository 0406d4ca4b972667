"""`audit list --user U` filters by account, while the global `--user NAME` signs in: the two options must
not share one value (the filter used to sign in as the filtered account, counting its failed sign-ins,
and `--user auditor audit list` lost the sign-in name to the filter's empty default)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cadre_desk.cli import main
from cadre_desk.db.opening import open_database
from cadre_desk.services import accounts, units
from tests.conftest import ready_account

AUDITOR_PW = "Zt4#quiet-lake"


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "审计 #库.db"
    db = open_database(str(path))
    admin = accounts.set_first_admin(db, "admin", "Kq7#river-stone")
    ready_account(admin, "shenji", ["auditor"], AUDITOR_PW)
    ready_account(admin, "li", ["clerk"], "Pq#clerk-2026")
    li = accounts.authenticate(db, "li", "Pq#clerk-2026")
    units.create_unit(li, units.UnitInput(name="县委组织部", kind="部门"))
    db.dispose()
    monkeypatch.delenv("CADRE_DESK_USER", raising=False)
    monkeypatch.setenv("CADRE_DESK_PASSWORD", AUDITOR_PW)
    return path


def test_the_sign_in_option_before_the_command_is_kept(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "--user", "shenji", "audit", "list", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert events[0]["user"] == "shenji" and events[0]["action"] == "login"


def test_the_filter_names_whose_records_are_listed(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", str(db_path), "--user", "shenji", "audit", "list", "--user", "li", "--json"]
    assert main(args) == 0
    events = json.loads(capsys.readouterr().out)
    assert {e["user"] for e in events} == {"li"} and "create" in {e["action"] for e in events}
    # nobody tried to sign in as li
    assert (
        main(
            ["--db", str(db_path), "--user", "shenji", "audit", "list", "--action", "login_failed", "--json"]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out) == []
    out = db_path.parent / "审计 li.xlsx"
    assert (
        main(["--db", str(db_path), "--user", "shenji", "audit", "export", "--user", "li", "-o", str(out)])
        == 0
    )
    assert out.exists()


def test_no_command_option_shares_a_global_options_name() -> None:
    """A subcommand's option with the dest of a global one (`user`, `db`, `operator`) replaces it."""
    import argparse

    from cadre_desk.cli import build_parser

    parser, _ = build_parser()
    global_dests = {a.dest for a in parser._actions} - {"help"}
    clashes = []

    def walk(sub: argparse.ArgumentParser, path: list[str]) -> None:
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(child, [*path, name])
            elif path and action.dest in global_dests:
                clashes.append((" ".join(path), action.dest))

    walk(parser, [])
    assert clashes == []


def test_a_new_password_without_a_terminal_points_at_password_stdin(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`account add` / `account passwd` with no terminal: the message named CADRE_DESK_PASSWORD, which
    is the signed-in administrator's own password, not the new account's."""
    import io

    monkeypatch.setenv("CADRE_DESK_PASSWORD", "Kq7#river-stone")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", str(db_path), "--user", "admin", "account", "add", "wang", "--role", "clerk"]) == 1
    err = capsys.readouterr().err
    assert "--password-stdin" in err and "CADRE_DESK_PASSWORD" not in err
    assert main(["--db", str(db_path), "--user", "admin", "account", "passwd", "li"]) == 1
    assert "--password-stdin" in capsys.readouterr().err


def test_the_environment_password_of_another_account_is_not_tried(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """CADRE_DESK_USER=li CADRE_DESK_PASSWORD=<li's> with `--user shenji`: li's password was tried on
    shenji, and five runs locked the auditor out."""
    monkeypatch.setenv("CADRE_DESK_USER", "li")
    monkeypatch.setenv("CADRE_DESK_PASSWORD", "Pq#clerk-2026")
    for _ in range(6):
        assert main(["--db", str(db_path), "--user", "shenji", "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "请为账号 shenji 输入密码：环境变量 CADRE_DESK_PASSWORD 是 CADRE_DESK_USER（li）的密码" in err
    monkeypatch.setenv("CADRE_DESK_USER", "shenji")
    monkeypatch.setenv("CADRE_DESK_PASSWORD", AUDITOR_PW)
    assert main(["--db", str(db_path), "audit", "list", "--action", "login_failed", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # no failed sign-in, no lock-out
    # the same account named twice: the environment's password is its own
    assert main(["--db", str(db_path), "--user", "shenji", "audit", "verify"]) == 0
