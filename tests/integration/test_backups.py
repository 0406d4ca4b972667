"""Automatic backups (changes, generations, a second folder, failures) and restoring a backup (verified,
audited, the current state kept first; a damaged database offers its newest good backup)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from cadre_desk import paths
from cadre_desk.cli import main
from cadre_desk.db import backup_files, failures, migrate, sqlite_tools
from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.errors import DamagedDatabase, LoginFailed, StorageError
from cadre_desk.services import accounts, audit_trail, backups, maintenance, printing, units
from cadre_desk.services.context import ServiceContext, open_context
from tests.conftest import ready_account

ODD = "备份 #1?%&"  # every character that ever cut a file: URI short


def _unit(ctx: ServiceContext, name: str) -> None:
    units.create_unit(ctx, units.UnitInput(name=name, kind="部门"))


def _unit_names(db_path: Path) -> set[str]:
    conn = sqlite_tools.connect(db_path, read_only=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM unit")}
    finally:
        conn.close()


def test_automatic_backups_follow_the_changes(ctx: ServiceContext, db_path: Path) -> None:
    assert backups.auto_backup(ctx).skipped  # nothing written yet
    _unit(ctx, "第一个单位")
    result = backups.auto_backup(ctx)
    assert result.ok and len(result.made) == 1 and not result.skipped
    copy = result.made[0]
    assert copy.parent == paths.backup_dir() and "-auto-" in copy.name
    assert _unit_names(copy) == {"第一个单位"}
    assert not list(copy.parent.glob("*.part"))
    assert backups.auto_backup(ctx).skipped == "自上次备份以来没有改动"
    _unit(ctx, "第二个单位")
    assert backups.has_changes(ctx)
    later = backups.auto_backup(ctx, now=dt.datetime.now() + dt.timedelta(minutes=31))
    assert len(later.made) == 1 and _unit_names(later.made[0]) == {"第一个单位", "第二个单位"}
    events = audit_trail.list_events(ctx, audit_trail.AuditFilter(action="backup"))
    assert len(events) == 2 and events[0].changes["kind"] == "auto"
    assert audit_trail.verify(ctx).ok
    # a manual backup counts as a backup too
    _unit(ctx, "第三个单位")
    maintenance.backup(ctx, db_path.parent / "manual.db")
    assert not backups.has_changes(ctx)


def test_sign_ins_prints_and_exports_are_no_reason_for_a_new_backup(db: Database, db_path: Path) -> None:
    """A window opened to read and print, or a script that only signs in, wrote no record: closing it
    (or the next `auto-backup`) must not copy the whole database again. Each sign-in used to count."""
    admin = accounts.set_first_admin(db, "admin", "Secure#2026")
    ready_account(admin, "li", ["clerk"], "Clerk#2026")
    clerk = accounts.authenticate(db, "li", "Clerk#2026")
    _unit(clerk, "第一个单位")
    assert len(backups.auto_backup(clerk).made) == 1
    again = accounts.authenticate(db, "li", "Clerk#2026")  # a second window or command signs in
    with pytest.raises(LoginFailed):
        accounts.authenticate(db, "li", "wrong")
    printing.record_output(again, "print", "干部任免审批表", "cadre", [1], "打印机")
    printing.record_output(again, "export", "干部名册", "cadre", [1], str(db_path.parent / "名册.xlsx"))
    accounts.record_idle_lock(again)
    assert not backups.has_changes(again)
    assert backups.auto_backup(again).skipped == "自上次备份以来没有改动"
    _unit(again, "第二个单位")  # a real change still counts
    assert backups.has_changes(again)


def test_generations_are_thinned(ctx: ServiceContext) -> None:
    backups.save_policy(ctx, backups.BackupPolicy(daily=3, weekly=2, monthly=1))
    start = dt.datetime(2026, 3, 2, 18, 0)  # a Monday
    for day in range(20):
        _unit(ctx, f"单位{day}")
        backups.auto_backup(ctx, now=start + dt.timedelta(days=day))
    kept = sorted(p.name for p in paths.backup_dir().glob("*-auto-*.db"))
    # the last 3 days, the newest of the last 2 weeks (one of them already a daily), the newest of March
    assert kept == [
        "cadre-desk-auto-20260315-180000.db",
        "cadre-desk-auto-20260319-180000.db",
        "cadre-desk-auto-20260320-180000.db",
        "cadre-desk-auto-20260321-180000.db",
    ]


def test_a_second_folder_with_odd_characters_and_a_missing_stick(ctx: ServiceContext, tmp_path: Path) -> None:
    stick = tmp_path / f"U盘 {ODD}"
    stick.mkdir()
    backups.save_policy(ctx, backups.BackupPolicy(second_folder=str(stick)))
    _unit(ctx, "甲")
    result = backups.auto_backup(ctx)
    assert result.ok and [p.parent for p in result.made] == [paths.backup_dir(), stick]
    assert _unit_names(result.made[1]) == {"甲"}
    # the stick pulled out: a warning, the copy in the data folder is still made
    backups.save_policy(ctx, backups.BackupPolicy(second_folder=str(tmp_path / "不在了")))
    _unit(ctx, "乙")
    result = backups.auto_backup(ctx, now=dt.datetime.now() + dt.timedelta(hours=1))
    assert result.ok and len(result.made) == 1
    assert result.warnings and "U 盘" in result.warnings[0]


def test_a_failing_copy_is_reported_and_not_kept(ctx: ServiceContext, db_path: Path, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    backups.save_policy(ctx, backups.BackupPolicy(second_folder=str(stick)))
    _unit(ctx, "甲")
    now = dt.datetime(2026, 6, 1, 12, 0)
    blocker = stick / f"{db_path.stem}-auto-20260601-120000.db"
    blocker.write_bytes(b"not ours")
    result = backups.auto_backup(ctx, now=now)
    assert not result.ok and "第二位置失败" in result.errors[0]
    assert blocker.read_bytes() == b"not ours"  # untouched
    assert not list(stick.glob("*.part"))
    assert main(["--db", str(db_path), "auto-backup", "--force"]) == 0


def test_the_policy_is_validated_and_audited(ctx: ServiceContext) -> None:
    from cadre_desk.errors import ValidationError

    with pytest.raises(ValidationError):
        backups.save_policy(ctx, backups.BackupPolicy(daily=-1))
    with pytest.raises(ValidationError):
        backups.save_policy(ctx, backups.BackupPolicy(second_folder="relative/path"))
    saved = backups.save_policy(ctx, backups.BackupPolicy(daily=10))
    assert saved.daily == 10 and backups.get_policy(ctx).daily == 10
    [event] = audit_trail.list_events(ctx, audit_trail.AuditFilter(entity="app_setting"))
    assert event.changes == {"backup_daily": [7, 10]}


def test_restore_keeps_the_current_state_verifies_and_audits(tmp_path: Path) -> None:
    folder = tmp_path / ODD
    folder.mkdir()
    db_path = folder / "档案 #库.db"
    db = open_database(str(db_path))
    ctx = open_context(db, "管理员")
    _unit(ctx, "备份前")
    backup = maintenance.backup(ctx, folder / f"备份 {ODD}.db")
    _unit(ctx, "备份后")
    db.dispose()

    result = backups.restore(str(db_path), backup, "管理员")
    assert _unit_names(db_path) == {"备份前"}
    assert result.saved_current is not None and _unit_names(result.saved_current) == {"备份前", "备份后"}
    assert result.rows > 0 and result.chain_ok
    db = open_database(str(db_path))
    try:
        ctx = open_context(db, "管理员")
        [event] = audit_trail.list_events(ctx, audit_trail.AuditFilter(action="restore"))
        assert event.changes["from"] == str(backup) and event.changes["saved_current"] == str(
            result.saved_current
        )
        assert audit_trail.verify(ctx).ok
        # the trail keeps what the restore undid: the records written after the backup come first,
        # marked, in their order and with their account, then the restore's own record
        events = audit_trail.list_events(ctx, audit_trail.AuditFilter())
        carried = [e for e in events if e.summary.startswith("〔恢复前〕")]
        assert carried and any("备份后" in e.summary and e.action == "create" for e in carried)
        assert all(e.user_display == "管理员" for e in carried)
        assert event.changes["carried_over"] == len(carried)
        assert max(e.seq for e in carried) < event.seq
        assert {i.name: i.ok for i in maintenance.check(ctx).items} == {
            name: True for name in {i.name for i in maintenance.check(ctx).items}
        }
    finally:
        db.dispose()


def test_restore_refuses_what_is_not_a_good_backup(
    ctx: ServiceContext, db_path: Path, tmp_path: Path
) -> None:
    _unit(ctx, "原样")
    before = db_path.read_bytes()
    text = tmp_path / "note.db"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(StorageError, match="不是干部成长档案台的备份"):
        backups.restore(str(db_path), text)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="缺少结构版本"):
        backups.restore(str(db_path), foreign)
    with pytest.raises(StorageError, match="不存在"):
        backups.restore(str(db_path), tmp_path / "missing.db")
    with pytest.raises(StorageError):
        backups.restore(str(db_path), db_path)  # the database itself
    assert db_path.read_bytes() == before
    assert _unit_names(db_path) == {"原样"}


def _damage(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(4096 * 2)
        handle.write(b"\xff" * 8192)


def test_a_damaged_database_names_its_newest_good_backup_and_is_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "cadre-desk.db"
    db = open_database(str(db_path))
    ctx = open_context(db, "管理员")
    for i in range(30):
        _unit(ctx, f"单位{i}")
    backups.auto_backup(ctx)
    sqlite_tools.checkpoint(db_path)
    db.dispose()
    _damage(db_path)
    with pytest.raises(DamagedDatabase) as caught:
        open_database(str(db_path))
    assert caught.value.backup is not None and caught.value.backup.parent == paths.backup_dir()
    assert str(caught.value.backup) in str(caught.value) and "restore" in str(caught.value)
    assert main(["--db", str(db_path), "stats"]) == 1
    assert "最近的完好备份" in capsys.readouterr().err
    assert main(["--db", str(db_path), "restore", str(caught.value.backup), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["saved_current"] and "-damaged-" in out["saved_current"]
    assert Path(out["saved_current"]).exists()
    assert len(_unit_names(db_path)) == 30
    assert main(["--db", str(db_path), "check"]) == 0


def test_a_damaged_database_after_a_restore_offers_what_was_restored_not_what_it_replaced(
    tmp_path: Path,
) -> None:
    """After a restore, the newest file in backups/ is the copy of the state the restore replaced
    (`-before-restore-`). Offering it for a database damaged next would silently undo the restore: the
    backup the database was restored from is offered instead."""
    db_path = tmp_path / "档案 #库.db"
    db = open_database(str(db_path))
    ctx = open_context(db, "管理员")
    _unit(ctx, "要保留的")
    [good] = backups.auto_backup(ctx).made
    _unit(ctx, "错录的")
    db.dispose()
    result = backups.restore(str(db_path), good, "管理员")
    assert result.saved_current is not None and result.saved_current.stat().st_mtime >= good.stat().st_mtime
    assert _unit_names(db_path) == {"要保留的"}
    sqlite_tools.checkpoint(db_path)
    _damage(db_path)
    with pytest.raises(DamagedDatabase) as caught:
        open_database(str(db_path))
    assert caught.value.backup == good
    # with nothing else there, the replaced state is still offered (better than none)
    good.unlink()
    assert backup_files.latest_good_backup(db_path) == result.saved_current


def test_a_damaged_encrypted_database_names_its_newest_good_backup_and_is_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for an encrypted database: its automatic backups are encrypted with its key, which the
    passphrase just typed unlocks, so they count as good backups (they were skipped as unreadable)."""
    from cadre_desk.db import cipher

    passphrase = "县委组织部 2026 口令"
    db_path = tmp_path / "加密 库#1.db"
    db = open_database(str(db_path), encrypt=True, passphrase=passphrase)
    ctx = open_context(db, "管理员")
    for i in range(30):
        _unit(ctx, f"单位{i}")
    backups.auto_backup(ctx)
    db.dispose()
    sqlite_tools.checkpoint(db_path)
    cipher.forget(db_path)
    _damage(db_path)
    with pytest.raises(DamagedDatabase) as caught:
        open_database(str(db_path), passphrase=passphrase)
    backup = caught.value.backup
    assert backup is not None and backup.parent == paths.backup_dir()
    assert (
        sqlite_tools.sniff(backup) == "encrypted"
    )  # the artefact: still encrypted, and it is the one offered
    monkeypatch.setenv(cipher.KEY_ENV, passphrase)
    cipher.forget(db_path)
    assert main(["--db", str(db_path), "restore", str(backup), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["saved_current"]
    cipher.forget(db_path)
    assert main(["--db", str(db_path), "check"]) == 0
    assert sqlite_tools.sniff(db_path) == "encrypted"
    cipher.forget(db_path)
    db = open_database(str(db_path), passphrase=passphrase)
    try:
        assert len(units.list_units(open_context(db, "管理员"))) == 30
    finally:
        db.dispose()
        cipher.forget(db_path)


def test_restoring_an_older_backup_upgrades_it(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as conn:
        migrate.upgrade(conn, migrate.REVISIONS[-2])
    engine.dispose()
    db_path = tmp_path / "cadre-desk.db"
    open_database(str(db_path)).dispose()
    result = backups.restore(str(db_path), old)
    assert result.revision == migrate.REVISIONS[-2]
    assert sqlite_tools.read_revision(db_path)[1] == migrate.head_revision()


def test_an_encrypted_database_is_backed_up_and_restored_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cadre_desk.db import cipher

    secret = "county secret 2026"
    db_path = tmp_path / "加密 #库.db"
    db = open_database(str(db_path), encrypt=True, passphrase=secret)
    ctx = open_context(db, "管理员")
    _unit(ctx, "备份前")
    [copy] = backups.auto_backup(ctx).made
    assert sqlite_tools.sniff(copy) == "encrypted"
    _unit(ctx, "备份后")
    # in the window: the open database's key opens its backups
    result = backups.restore(str(db_path), copy, "管理员")
    assert _unit_names(db_path) == {"备份前"}
    assert result.saved_current is not None and sqlite_tools.sniff(result.saved_current) == "encrypted"
    db.dispose()
    # from the command line, in a new process: the passphrase from CADRE_DESK_KEY
    for path in (db_path, copy, result.saved_current):
        cipher.forget(path)
    monkeypatch.setenv(cipher.KEY_ENV, secret)
    assert main(["--db", str(db_path), "restore", str(result.saved_current)]) == 0
    assert "已从备份恢复" in capsys.readouterr().out
    assert _unit_names(db_path) == {"备份前", "备份后"}
    assert sqlite_tools.sniff(db_path) == "encrypted"
    # restoring the state before the first restore: that restore's record is kept, carried over
    db = open_database(str(db_path), passphrase=secret)
    try:
        ctx = open_context(db, "管理员")
        assert audit_trail.verify(ctx).ok
        actions = [(e.action, e.summary[:6]) for e in audit_trail.list_events(ctx, audit_trail.AuditFilter())]
        assert ("restore", "〔恢复前〕从") in actions and actions.count(("restore", "从备份恢复：")) == 1
    finally:
        db.dispose()


def test_restore_needs_the_backup_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cadre_desk.errors import PermissionDenied
    from cadre_desk.services import accounts

    db_path = tmp_path / "cadre-desk.db"
    db = open_database(str(db_path))
    admin = accounts.set_first_admin(db, "admin", "Kq7#river-stone")
    ready_account(admin, "shenji", ["auditor"], "Zt4#quiet-lake")
    backup = maintenance.backup(admin, tmp_path / "b.db")
    auditor = accounts.authenticate(db, "shenji", "Zt4#quiet-lake")
    with pytest.raises(PermissionDenied):
        backups.restore(str(db_path), backup, ctx=auditor)
    db.dispose()
    monkeypatch.setenv("CADRE_DESK_USER", "shenji")
    monkeypatch.setenv("CADRE_DESK_PASSWORD", "Zt4#quiet-lake")
    assert main(["--db", str(db_path), "restore", str(backup)]) == 1
    assert "备份" in capsys.readouterr().err
    monkeypatch.setenv("CADRE_DESK_USER", "admin")
    monkeypatch.setenv("CADRE_DESK_PASSWORD", "Kq7#river-stone")
    assert main(["--db", str(db_path), "restore", str(backup)]) == 0
    db = open_database(str(db_path))
    try:
        auditor = accounts.authenticate(db, "shenji", "Zt4#quiet-lake")
        [event] = audit_trail.list_events(auditor, audit_trail.AuditFilter(action="restore"))
        assert event.user == "admin"
    finally:
        db.dispose()


def test_the_administrator_runs_check_without_the_cadres_to_verify(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` needs the backup permission, which the 系统管理员 holds; its 待核实 part names cadres and is
    only for accounts that read records. The administrator's check used to stop with 无权查阅干部档案
    after the check itself had run, printing no result."""
    from cadre_desk.services import accounts

    db_path = tmp_path / "cadre-desk.db"
    db = open_database(str(db_path))
    admin = accounts.set_first_admin(db, "admin", "Kq7#river-stone")
    ready_account(admin, "li", ["clerk"], "Zt4#quiet-lake")
    db.dispose()
    monkeypatch.setenv("CADRE_DESK_USER", "admin")
    monkeypatch.setenv("CADRE_DESK_PASSWORD", "Kq7#river-stone")
    assert main(["--db", str(db_path), "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["to_verify"] == {"total": 0, "cadres": []}
    assert main(["--db", str(db_path), "check"]) == 0
    assert "audit_chain" in capsys.readouterr().out
    monkeypatch.setenv("CADRE_DESK_USER", "li")
    monkeypatch.setenv("CADRE_DESK_PASSWORD", "Zt4#quiet-lake")
    assert main(["--db", str(db_path), "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"]


def test_a_second_folder_that_cannot_be_written_is_reported_and_the_first_copy_kept(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    """A write-protected U 盘: even removing a missing leftover fails there (EROFS), and that cleanup
    error escaped raw: no audit record, a crash on exit. Here the leftover `.part` name is taken by a
    folder, which fails the same way for root too."""
    stick = tmp_path / ODD
    stick.mkdir()
    backups.save_policy(ctx, backups.BackupPolicy(second_folder=str(stick)))
    _unit(ctx, "甲")
    now = dt.datetime(2026, 3, 2, 9, 30)
    blocked = stick / (backups._stamp_name(ctx.db.path, now) + sqlite_tools.PART_SUFFIX)  # type: ignore[arg-type]
    blocked.mkdir()
    result = backups.auto_backup(ctx, now=now)
    assert len(result.made) == 1 and result.made[0].parent == paths.backup_dir()
    (error,) = result.errors
    assert error.startswith("自动备份到第二位置失败（未保留）") and f"无法写入目标位置（{stick}）" in error
    (event,) = audit_trail.list_events(ctx, audit_trail.AuditFilter(action="backup"))
    assert event.changes["problems"] == [error]


def test_a_backup_onto_a_full_medium_names_the_target_and_loses_nothing(tmp_path: Path) -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    source, dest = tmp_path / "数据.db", tmp_path / "U盘 #1" / "数据-备份.db"
    source.touch()
    text = failures.describe_copy_error(full, source, dest)
    assert text == f"目标位置（{dest.parent}）磁盘已满，备份未写入。请腾出空间或换一个位置后重试。"
    assert "未保存" not in text  # the database itself is untouched
