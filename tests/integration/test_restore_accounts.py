"""Restore is the administrator's, and a restore keeps the current accounts (inspection F21).

A 干部科经办 may make a copy (备份) but not put one back: a restore replaces every record, and it
rolled the accounts back to the backup's (the administrator's old password worked again, a disabled
account, removed roles, a lifted reset came back). Now only 系统管理员 may restore, and whatever the
backup holds, the accounts after a restore are the ones the replaced database had.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cadre_desk.cli import main
from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.errors import PermissionDenied
from cadre_desk.services import accounts, audit_trail, backups, maintenance
from cadre_desk.services.context import ServiceContext

ADMIN_PW = "Kq7#river-stone"
CLERK_PW = "Cl3#quiet-field"
OWN_PW = "Own5#clear-brook"  # a new account's own password (when it must set one first)


def sign_in(db: Database, name: str, password: str) -> tuple[ServiceContext, str]:
    """The account's context and its password (a new account that must set its own first has)."""
    ctx = accounts.authenticate(db, name, password)
    if ctx.must_change_password:
        ctx = accounts.change_own_password(ctx, password, OWN_PW)
        password = OWN_PW
    return ctx, password


def _world(tmp_path: Path) -> tuple[Path, Path, str]:
    """A database with an administrator and a clerk, a backup of it, and the clerk's password."""
    db_path = tmp_path / "cadre-desk.db"
    db = open_database(str(db_path))
    try:
        admin = accounts.set_first_admin(db, "admin", ADMIN_PW)
        accounts.add_account(admin, "jingban", ["clerk"], CLERK_PW)
        _clerk, clerk_pw = sign_in(db, "jingban", CLERK_PW)
        backup = maintenance.backup(admin, tmp_path / "b.db")
    finally:
        db.dispose()
    return db_path, backup, clerk_pw


def _restore_events(db_path: Path) -> list[audit_trail.AuditEventView]:
    db = open_database(str(db_path))
    try:
        admin = accounts.authenticate(db, "admin", ADMIN_PW, record=False)
        accounts.add_account(admin, "shenji", ["auditor"], "Zt4#quiet-lake")
        auditor, _pw = sign_in(db, "shenji", "Zt4#quiet-lake")
        return audit_trail.list_events(auditor, audit_trail.AuditFilter())
    finally:
        db.dispose()


def test_a_clerk_may_back_up_but_not_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path, backup, clerk_pw = _world(tmp_path)
    db = open_database(str(db_path))
    try:
        clerk = accounts.authenticate(db, "jingban", clerk_pw)
        maintenance.backup(clerk, tmp_path / "clerk-copy.db")  # a copy: still his
        with pytest.raises(PermissionDenied, match="无权从备份恢复"):
            backups.restore(str(db_path), backup, ctx=clerk)
    finally:
        db.dispose()
    monkeypatch.setenv("CADRE_DESK_USER", "jingban")
    monkeypatch.setenv("CADRE_DESK_PASSWORD", clerk_pw)
    capsys.readouterr()
    assert main(["--db", str(db_path), "restore", str(backup)]) == 1
    err = capsys.readouterr().err
    assert "无权从备份恢复" in err and err.count("无权") == 1
    assert not list((tmp_path / "data").glob("**/*before-restore*"))  # nothing was copied or replaced
    events = _restore_events(db_path)
    assert not [e for e in events if e.action == "restore"]
    assert [e for e in events if e.action == "denied" and "restore" in e.summary]
    monkeypatch.setenv("CADRE_DESK_USER", "admin")
    monkeypatch.setenv("CADRE_DESK_PASSWORD", ADMIN_PW)
    assert main(["--db", str(db_path), "restore", str(backup)]) == 0
    assert "账号保持现状，未随备份恢复" in capsys.readouterr().out
    assert main(["--db", str(db_path), "restore", str(backup), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["accounts_kept"] is True and answer["accounts_differed"] == 1  # shenji, added since


def _can_sign_in(db_path: Path, name: str, password: str) -> bool:
    from cadre_desk.errors import LoginFailed

    db = open_database(str(db_path))
    try:
        accounts.authenticate(db, name, password, record=False)
        return True
    except LoginFailed:
        return False
    finally:
        db.dispose()


def _auditor(db: Database) -> ServiceContext:
    """shenji's context (his own password once he had to set it)."""
    from cadre_desk.errors import LoginFailed

    try:
        return sign_in(db, "shenji", "Zt4#quiet-lake")[0]
    except LoginFailed:
        return accounts.authenticate(db, "shenji", OWN_PW, record=False)


def test_a_restore_keeps_the_accounts_as_they_are_now(tmp_path: Path) -> None:
    """The administrator changed his password, disabled the clerk, cut a reader's roles and added an
    auditor after the backup: restoring it brings none of that back."""
    db_path, backup, clerk_pw = _world(tmp_path)
    db = open_database(str(db_path))
    try:
        admin = accounts.authenticate(db, "admin", ADMIN_PW)
        accounts.add_account(admin, "lingdao", ["reader", "clerk"], "Rd8#still-water")
        backup2 = maintenance.backup(admin, tmp_path / "b2.db")  # holds lingdao with two roles
        admin = accounts.change_own_password(admin, ADMIN_PW, "New9#harbor-2027")
        accounts.lock_account(admin, "jingban")
        accounts.set_roles(admin, "lingdao", ["reader"])
        accounts.add_account(admin, "shenji", ["auditor"], "Zt4#quiet-lake")
        before = {a.name: a for a in accounts.list_accounts(admin)}
        ids = {a.name: a.id for a in before.values()}
    finally:
        db.dispose()
    for chosen in (backup, backup2):
        result = backups.restore(str(db_path), chosen, "admin")
        assert result.accounts_differed is not None and result.accounts_differed >= 2
        assert not _can_sign_in(db_path, "admin", ADMIN_PW)  # the old password stays refused
        assert _can_sign_in(db_path, "admin", "New9#harbor-2027")
        assert not _can_sign_in(db_path, "jingban", clerk_pw)  # still disabled
        db = open_database(str(db_path))
        try:
            admin = accounts.authenticate(db, "admin", "New9#harbor-2027", record=False)
            after = {a.name: a for a in accounts.list_accounts(admin)}
            assert {n: a.id for n, a in after.items()} == ids  # the ids the audit records name
            assert after["lingdao"].roles == before["lingdao"].roles == ("reader",)
            assert after["jingban"].disabled and after["shenji"].roles == ("auditor",)
            [event] = [
                e
                for e in audit_trail.list_events(_auditor(db), audit_trail.AuditFilter(action="restore"))
                if e.changes["from"] == str(chosen)
            ]
            assert event.changes["accounts_kept"] == 4
            assert event.changes["accounts_differed"] == result.accounts_differed
            assert "账号保持现状" in event.summary
        finally:
            db.dispose()
