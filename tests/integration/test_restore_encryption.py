"""Encryption at rest across a restore, and backups of another database (inspection finding F4).

A plain backup (made before the database was encrypted: the settings dialog keeps them) restored into
the encrypted database is encrypted with the database's current key before it replaces the file; an
encrypted backup restored into a plain database leaves it encrypted with the backup's passphrase.
Neither ever happens silently: the plan is told before (`plan_restore`, the command line's stderr) and
recorded with the restore. The artefacts are opened and read: the file does not open without the key,
and no name or ID number is in its bytes."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from cadre_desk import paths
from cadre_desk.cli import main
from cadre_desk.db import backup_files, cipher, sqlite_tools
from cadre_desk.db.opening import open_database
from cadre_desk.errors import PassphraseNeeded
from cadre_desk.services import audit_trail, backups, maintenance, sealed_backup
from cadre_desk.services import encryption as encryption_service
from cadre_desk.services.context import ServiceContext, open_context
from tests.cipher_files import names as _names
from tests.cipher_files import opens as _opens
from tests.conftest import make_cadre

KEY = "县委组织部 2026 口令"
OTHER = "那时的口令 horse 88"
SEAL = "封存口令 staple 88"
NAME = "欧阳雪梅"
LATER = "司马长风"
ID_NUMBER = "110101198503071227"
ODD = "加密 #2%"  # the inspector's file name


def _markers(path: Path) -> list[bytes]:
    """What `strings` would find of the names or the ID number (UTF-8, UTF-16, the digits)."""
    data = path.read_bytes()
    found = [NAME.encode(), LATER.encode(), ID_NUMBER.encode(), NAME.encode("utf-16-le"), NAME[:2].encode()]
    return [m for m in found if m in data]


def _restore_event(path: Path, passphrase: str | None) -> audit_trail.AuditEventView:
    cipher.forget(path)
    db = open_database(str(path), passphrase=passphrase)
    try:
        events = audit_trail.list_events(
            open_context(db, "测试员"), audit_trail.AuditFilter(action="restore")
        )
        return events[0]  # newest first
    finally:
        db.dispose()
        cipher.forget(path)


def _not_plain(path: Path) -> None:
    """The file is encrypted: no SQLite header, plain SQLite cannot read it, no open without the key,
    and `strings` finds no name or ID number in it."""
    assert sqlite_tools.sniff(path) == "encrypted"
    assert not path.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    cipher.forget(path)
    with pytest.raises(PassphraseNeeded):
        open_database(str(path))
    assert _markers(path) == []


@pytest.fixture
def encrypted_since(tmp_path: Path) -> tuple[Path, Path]:
    """The inspector's situation: `加密 #2%.db` had an automatic backup while it was plain (NAME), was
    then encrypted with KEY, and LATER was added. Returns (database, the plain backup)."""
    path = tmp_path / ODD / f"{ODD}.db"
    path.parent.mkdir()
    db = open_database(str(path))
    try:
        ctx = open_context(db, "测试员")
        make_cadre(ctx, NAME, gender="女", birth="1985.03", id_number=ID_NUMBER)
        [plain] = backups.auto_backup(ctx, force=True).made
        encryption_service.encrypt_database(ctx, KEY)
        make_cadre(ctx, LATER)
    finally:
        db.dispose()
    assert sqlite_tools.sniff(plain) == "sqlite" and sqlite_tools.sniff(path) == "encrypted"
    cipher.forget(path)
    return path, plain


def test_a_plain_backup_restored_into_an_encrypted_database_is_encrypted_with_its_key(
    encrypted_since: tuple[Path, Path],
) -> None:
    path, plain = encrypted_since
    db = open_database(str(path), passphrase=KEY)
    told: list[backups.RestorePlan] = []
    try:
        ctx = open_context(db, "测试员")
        before = backups.plan_restore(path, plain)
        assert before.outcome == backups.ENCRYPTED_WITH_CURRENT_KEY and before.encrypted_after
        assert before.same_database is True and not before.other_database  # its own backup, from then
        result = backups.restore(str(path), plain, "测试员", ctx=ctx, on_plan=told.append)
        assert result.counts["cadre"] == 1 and result.encrypted
        make_cadre(ctx, "恢复后新加的人")  # the open database goes on working, under its key
    finally:
        db.dispose()
    assert [p.outcome for p in told] == [backups.ENCRYPTED_WITH_CURRENT_KEY]
    _not_plain(path)
    assert _opens(path, KEY)
    assert _names(path, KEY) == {NAME, "恢复后新加的人"}
    # the state it replaced is kept, encrypted too; nothing of the conversion is left beside it
    assert result.saved_current is not None and sqlite_tools.sniff(result.saved_current) == "encrypted"
    assert _names(result.saved_current, KEY) == {NAME, LATER}
    assert {p.name for p in path.parent.iterdir()} <= {c.name for c in sqlite_tools.companions(path)}
    event = _restore_event(path, KEY)
    assert event.changes["backup_encrypted"] is False
    assert event.changes["encrypted_before"] is True and event.changes["encrypted_after"] is True
    assert event.changes["encryption"] == "encrypted_with_current_key"
    assert "当前数据库的口令加密" in event.changes["encryption_note"]
    assert event.changes["other_database"] is False
    assert "明文备份已用当前口令加密" in event.summary
    assert isinstance(event.changes["carried_over"], int) and event.changes["carried_over"] > 0


def test_the_command_line_restores_a_plain_backup_encrypted_and_says_so(
    encrypted_since: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`CADRE_DESK_KEY=… cadre-desk --db e.db restore <a plain backup>`: the inspector's repro."""
    path, plain = encrypted_since
    monkeypatch.setenv(cipher.KEY_ENV, KEY)
    assert main(["--db", str(path), "restore", str(plain)]) == 0
    out, err = capsys.readouterr()
    assert "已从备份恢复并校验" in out
    assert "明文备份已用当前口令加密" in out and "口令不变" in out
    assert "明文" in err and "用当前数据库的口令加密" in err  # told before the file was replaced
    assert "另一个数据库" not in out + err
    _not_plain(path)
    assert _names(path, KEY) == {NAME}
    # the next start asks for the passphrase as before
    monkeypatch.delenv(cipher.KEY_ENV)
    assert main(["--db", str(path), "check"]) != 0
    capsys.readouterr()
    monkeypatch.setenv(cipher.KEY_ENV, KEY)
    assert main(["--db", str(path), "restore", str(plain), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["encryption"] == "encrypted_with_current_key"
    assert report["backup_encrypted"] is False and report["encrypted_after"] is True
    _not_plain(path)


def test_a_sealed_plain_backup_restored_into_an_encrypted_database_is_encrypted(
    tmp_path: Path, encrypted_since: tuple[Path, Path]
) -> None:
    path, plain = encrypted_since
    holder = open_database(str(plain))  # the plain backup, sealed: an exported backup from then
    try:
        dest = sealed_backup.sealed_backup(open_context(holder, "测试员"), tmp_path / "那时 #1.sealed", SEAL)
    finally:
        holder.dispose()
    db = open_database(str(path), passphrase=KEY)
    try:
        ahead = backups.plan_restore(path, dest, SEAL)  # looked into with the seal's passphrase
        assert ahead.sealed and ahead.backup_encrypted is False
        assert ahead.outcome == backups.ENCRYPTED_WITH_CURRENT_KEY
        backups.restore(str(path), dest, "测试员", ctx=open_context(db, "测试员"), backup_passphrase=SEAL)
    finally:
        db.dispose()
    _not_plain(path)
    assert _names(path, KEY) == {NAME}
    event = _restore_event(path, KEY)
    assert event.changes["sealed"] is True and event.changes["encryption"] == "encrypted_with_current_key"
    assert not [p for p in paths.backup_dir().iterdir() if "unsealed" in p.name]


def test_an_encrypted_backup_restored_into_a_plain_database_stays_encrypted_with_its_passphrase(
    tmp_path: Path, ctx: ServiceContext, db_path: Path
) -> None:
    """The reverse: a backup from when the database was encrypted (decrypted since). Protection is
    never removed by a restore: the database becomes the backup's file, under the backup's passphrase.
    The plain database it replaced is kept as a verified backup and its later audit records are
    carried over (it was once taken for a damaged file: a raw copy, the records lost)."""
    then = open_database(str(tmp_path / "那时.db"), encrypt=True, passphrase=OTHER)
    try:
        make_cadre(open_context(then, "测试员"), NAME, gender="女", birth="1985.03", id_number=ID_NUMBER)
        backup = maintenance.backup(open_context(then, "测试员"), tmp_path / "那时-backup.db")
    finally:
        then.dispose()
    cipher.forget(backup)
    make_cadre(ctx, LATER)
    db = ctx.db
    with pytest.raises(PassphraseNeeded):
        backups.restore(str(db_path), backup, "测试员", ctx=ctx)
    result = backups.restore(str(db_path), backup, "测试员", ctx=ctx, old_passphrase=OTHER)
    db.dispose()
    assert result.plan is not None and result.plan.outcome == backups.BACKUP_KEY
    assert result.plan.other_database and result.plan.backup_database == "那时"
    _not_plain(db_path)
    assert _opens(db_path, OTHER)
    assert _names(db_path, OTHER) == {NAME}
    assert result.saved_current is not None and backup_files.BEFORE_RESTORE in result.saved_current.name
    assert _names(result.saved_current, None) == {LATER}
    event = _restore_event(db_path, OTHER)
    assert event.changes["encryption"] == "backup_key" and event.changes["encrypted_after"] is True
    assert event.changes["backup_encrypted"] is True and event.changes["encrypted_before"] is False
    assert event.changes["other_database"] is True and event.changes["backup_database"] == "那时"
    assert event.changes["carried_over"] > 0
    assert "恢复后数据库已加密" in event.summary and "另一个数据库" in event.summary


def test_the_command_line_says_an_encrypted_backup_keeps_its_passphrase(
    tmp_path: Path,
    db_path: Path,
    ctx: ServiceContext,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    then = open_database(str(tmp_path / "那时.db"), encrypt=True, passphrase=OTHER)
    try:
        make_cadre(open_context(then, "测试员"), NAME)
        backup = maintenance.backup(open_context(then, "测试员"), tmp_path / "那时-backup.db")
    finally:
        then.dispose()
    cipher.forget(backup)
    ctx.db.dispose()
    monkeypatch.setenv("THEN_KEY", OTHER)
    assert main(["--db", str(db_path), "restore", str(backup), "--passphrase-env", "THEN_KEY"]) == 0
    out, err = capsys.readouterr()
    assert "制作该备份时的口令" in err and "仍是加密的" in err  # before
    assert "数据库现在是加密的" in out and "制作该备份时的口令" in out  # after
    assert "另一个数据库“那时”" in out
    _not_plain(db_path)
    assert _opens(db_path, OTHER)


def test_another_databases_backup_of_the_same_file_name_is_named_as_such(tmp_path: Path) -> None:
    """Two databases both called 档案.db (different folders, one data folder): the backups carry the same
    name; the audit trail's first record tells whose each is."""
    ours_path, theirs_path = tmp_path / "a" / "档案.db", tmp_path / "b" / "档案.db"
    made = {}
    for path, name in ((ours_path, "我们的人"), (theirs_path, "别人的人")):
        path.parent.mkdir()
        db = open_database(str(path))
        try:
            ctx = open_context(db, "测试员")
            make_cadre(ctx, name)
            made[path] = maintenance.backup(ctx, tmp_path / f"{path.parent.name}-档案-20261206-153000.db")
        finally:
            db.dispose()
    ours = backups.plan_restore(ours_path, made[ours_path])
    assert ours.same_database is True and not ours.other_database
    theirs = backups.plan_restore(ours_path, made[theirs_path])
    assert theirs.same_database is False and theirs.other_database
    assert any("另一个数据库" in line and "审计记录的起点不同" in line for line in theirs.facts())
    result = backups.restore(str(ours_path), made[theirs_path], "测试员")
    assert result.plan is not None and result.plan.other_database
    event = _restore_event(ours_path, None)
    assert event.changes["other_database"] is True and event.changes["same_database"] is False


@pytest.mark.parametrize(
    ("name", "database"),
    [
        ("演示-auto-20261206-153000.db", "演示"),
        ("窗口 加密#3%-before-restore-20261206-153000-123456.db", "窗口 加密#3%"),
        ("a-b-before-roster-import-20261206-153000-000001.db", "a-b"),
        ("演示-20261206-153000.sealed", "演示"),
        ("演示-damaged-20261206-153000-000001.db", "演示"),
        ("县里-backup.db", "县里"),
        ("备份 #1.db", ""),
    ],
)
def test_the_database_a_backup_file_name_names(name: str, database: str) -> None:
    assert backup_files.database_name(Path(name)) == database


def test_a_damaged_encrypted_database_restored_from_a_plain_backup_keeps_its_key(
    encrypted_since: tuple[Path, Path],
) -> None:
    """The window still holds the key of a file damaged under it: the backup's plain file is encrypted
    with that key as well (the damaged file kept as a raw copy)."""
    path, plain = encrypted_since
    sqlite_tools.unlock(path, KEY)
    size = path.stat().st_size
    with path.open("r+b") as handle:  # wreck a page in the middle (the first, the salt, stays)
        handle.seek(size // 2)
        handle.write(os.urandom(8192))
    result = backups.restore(str(path), plain, "测试员")
    assert result.plan is not None and result.plan.outcome == backups.ENCRYPTED_WITH_CURRENT_KEY
    assert result.saved_current is not None and "-damaged-" in result.saved_current.name
    _not_plain(path)
    assert _names(path, KEY) == {NAME}
