"""Changing the passphrase of an encrypted database (`change_passphrase`), what it means for the
backups made before and after, and restoring a sealed backup (wrong passphrase, damaged file)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cadre_desk import sealed
from cadre_desk.db import cipher, encryption, sqlite_tools
from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.errors import PassphraseNeeded, PermissionDenied, StorageError, WrongPassphrase
from cadre_desk.services import accounts, audit_trail, backups, cadres, maintenance, sealed_backup
from cadre_desk.services import encryption as encryption_service
from cadre_desk.services.context import ServiceContext, open_context
from tests.conftest import make_cadre, ready_account

OLD = "正确的口令 horse"
NEW = "新的口令 battery 2027"
SEAL = "封存口令 staple 88"
NAME = "欧阳雪梅"
ID_NUMBER = "110101198503071227"
# A folder name a file: URI or a shell would trip over.
ODD = "备份 #1?a=b%20 100%"


def _markers(path: Path) -> list[bytes]:
    """What `strings` would find of the name or the ID number (UTF-8, UTF-16 and the digits)."""
    data = path.read_bytes()
    found = [NAME.encode(), NAME[:2].encode(), ID_NUMBER.encode(), NAME.encode("utf-16-le")]
    return [m for m in found if m in data]


def _encrypted(path: Path, passphrase: str = OLD) -> None:
    db = open_database(str(path), encrypt=True, passphrase=passphrase)
    try:
        make_cadre(open_context(db, "测试员"), NAME, gender="女", birth="1985.03", id_number=ID_NUMBER)
    finally:
        db.dispose()
    sqlite_tools.checkpoint(path)
    cipher.forget(path)


def _counts(path: Path, passphrase: str) -> dict[str, int]:
    cipher.forget(path)
    sqlite_tools.unlock(path, passphrase)
    conn = sqlite_tools.connect(path, read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return sqlite_tools.take_snapshot(conn).counts
    finally:
        conn.close()
        cipher.forget(path)


def _opens(path: Path, passphrase: str) -> bool:
    cipher.forget(path)
    try:
        sqlite_tools.unlock(path, passphrase)
    except WrongPassphrase:
        return False
    finally:
        cipher.forget(path)
    return True


@pytest.fixture
def enc(tmp_path: Path) -> Path:
    path = tmp_path / "enc.db"
    _encrypted(path)
    return path


def _open(path: Path, passphrase: str) -> tuple[Database, ServiceContext]:
    db = open_database(str(path), passphrase=passphrase)
    return db, open_context(db, "测试员")


def test_change_passphrase_rewrites_the_file_under_the_new_key_only(enc: Path) -> None:
    before = _counts(enc, OLD)
    db, ctx = _open(enc, OLD)
    try:
        assert encryption_service.change_passphrase(ctx, OLD, NEW) == len(before)
        make_cadre(ctx, "林小雨")  # the open database goes on working, under the new key
        [event] = audit_trail.list_events(ctx, audit_trail.AuditFilter(action="rekey"))
        assert event.entity == "database" and "口令" in event.summary
    finally:
        db.dispose()
    assert not _opens(enc, OLD)
    after = _counts(enc, NEW)
    assert after["cadre"] == before["cadre"] + 1
    assert set(after) == set(before)
    assert not enc.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)
    assert _markers(enc) == []
    assert not list(enc.parent.glob("*.converting*"))
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(enc).execute("SELECT * FROM sqlite_master").fetchall()
    with pytest.raises(WrongPassphrase):
        open_database(str(enc), passphrase=OLD)


@pytest.mark.parametrize(
    ("old", "new", "error", "match"),
    [
        ("not the passphrase", NEW, WrongPassphrase, "当前口令不正确"),
        (OLD, "short", StorageError, "至少"),
        (OLD, OLD, StorageError, "相同"),
    ],
)
def test_a_refused_change_leaves_the_file_as_it_was(
    enc: Path, old: str, new: str, error: type[Exception], match: str
) -> None:
    original = enc.read_bytes()
    db, ctx = _open(enc, OLD)
    try:
        with pytest.raises(error, match=match):
            encryption_service.change_passphrase(ctx, old, new)
        assert maintenance.stats(db)["cadre"] == 1
    finally:
        db.dispose()
    cipher.forget(enc)
    assert _opens(enc, OLD)
    assert not _opens(enc, new) or new == OLD
    assert enc.read_bytes()[:16] == original[:16]  # the same salt: not re-written


def test_a_plain_database_has_no_passphrase_to_change(ctx: ServiceContext, db_path: Path) -> None:
    with pytest.raises(StorageError, match="没有加密"):
        encryption_service.change_passphrase(ctx, OLD, NEW)
    assert db_path.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)


def test_only_an_administrator_may_change_the_passphrase(enc: Path) -> None:
    db, _ctx = _open(enc, OLD)
    try:
        admin = accounts.set_first_admin(db, "root", "Admin-pass-2026")
        ready_account(admin, "lin", ["clerk"], "Clerk-pass-2026")
        clerk = accounts.authenticate(db, "lin", "Clerk-pass-2026")
        with pytest.raises(PermissionDenied):
            encryption_service.change_passphrase(clerk, OLD, NEW)
    finally:
        db.dispose()
    assert _opens(enc, OLD) and not _opens(enc, NEW)


def test_a_copy_that_fails_the_further_check_is_never_swapped_in(enc: Path) -> None:
    """The hook the rekey checks the copy with (it must not open with the old passphrase): a copy it
    refuses is deleted and the original stays under its old key."""
    before = _counts(enc, OLD)
    sqlite_tools.unlock(enc, OLD)
    checked: list[Path] = []

    def refuse(copy: Path) -> None:
        checked.append(copy)
        assert _opens(copy, NEW)  # the verified copy, under the new key
        raise StorageError("stop")

    with pytest.raises(StorageError, match="stop"):
        encryption.convert(enc, cipher.new_key(NEW), check=refuse)
    assert checked and not checked[0].exists()
    assert not list(enc.parent.glob("*.converting*"))
    assert _counts(enc, OLD) == before and not _opens(enc, NEW)


def test_backups_after_the_change_use_the_new_key_and_older_ones_need_the_old(
    enc: Path, _data_dir: Path
) -> None:
    db, ctx = _open(enc, OLD)
    try:
        old_backup = backups.auto_backup(ctx, force=True).made[0]
        encryption_service.change_passphrase(ctx, OLD, NEW)
        make_cadre(ctx, "林小雨")
        new_backup = maintenance.backup(ctx, _data_dir / "backups" / "enc-after.db")
    finally:
        db.dispose()
    assert _opens(new_backup, NEW) and not _opens(new_backup, OLD)
    assert _opens(old_backup, OLD) and not _opens(old_backup, NEW)
    for path in (old_backup, new_backup):
        assert _markers(path) == []

    # restoring the old backup: the current key does not open it, so the old passphrase is asked for
    cipher.forget(enc)
    db, ctx = _open(enc, NEW)
    original = enc.read_bytes()
    try:
        with pytest.raises(PassphraseNeeded, match="修改口令之前"):
            backups.restore(str(enc), old_backup, "测试员", NEW, ctx)
        with pytest.raises(PassphraseNeeded, match="修改口令之前"):
            backups.restore(str(enc), old_backup, "测试员", NEW, ctx, backup_passphrase="not it at all")
        assert enc.read_bytes() == original  # nothing changed
        result = backups.restore(str(enc), old_backup, "测试员", NEW, ctx, backup_passphrase=OLD)
        assert result.counts["cadre"] == 1
    finally:
        db.dispose()
    # the sound database kept its current (new) passphrase; the old backup's content is in it
    assert _opens(enc, NEW) and not _opens(enc, OLD)
    assert _counts(enc, NEW)["cadre"] == 1


def test_a_sealed_backup_is_restored_with_its_passphrase(
    tmp_path: Path, db: Database, ctx: ServiceContext
) -> None:
    make_cadre(ctx, NAME, gender="女", birth="1985.03", id_number=ID_NUMBER)
    dest = sealed_backup.sealed_backup(ctx, tmp_path / ODD / "副本 #2?.sealed", SEAL)
    assert dest.name == "副本 #2?.sealed" and sealed.is_sealed(dest)
    assert _markers(dest) == []
    make_cadre(ctx, "林小雨")  # after the backup: gone once it is restored
    path = db.path
    assert path is not None
    db.dispose()
    with pytest.raises(PassphraseNeeded, match="需要它的口令"):
        backups.restore(str(path), dest, "测试员")
    with pytest.raises(sealed.SealError, match="口令不正确"):
        backups.restore(str(path), dest, "测试员", backup_passphrase="wrong passphrase")
    damaged = tmp_path / ODD / "损坏.sealed"
    raw = bytearray(dest.read_bytes())
    raw[-20] ^= 0x01
    damaged.write_bytes(bytes(raw))
    with pytest.raises(sealed.SealError, match="损坏"):
        backups.restore(str(path), damaged, "测试员", backup_passphrase=SEAL)
    check = open_database(str(path))
    try:
        assert maintenance.stats(check)["cadre"] == 2  # nothing was changed by the refusals
    finally:
        check.dispose()
    result = backups.restore(str(path), dest, "测试员", backup_passphrase=SEAL)
    assert result.restored_from == dest and result.counts["cadre"] == 1
    assert not [p for p in (tmp_path / "data" / "backups").iterdir() if "unsealed" in p.name]
    check = open_database(str(path))
    try:
        assert maintenance.stats(check)["cadre"] == 1
        cctx = open_context(check, "测试员")
        [event] = audit_trail.list_events(cctx, audit_trail.AuditFilter(action="restore"))
        assert event.changes["from"] == str(dest) and event.changes["sealed"] is True
    finally:
        check.dispose()


def test_a_sealed_backup_of_an_encrypted_database_needs_both_locks(enc: Path, tmp_path: Path) -> None:
    db, ctx = _open(enc, OLD)
    try:
        dest = sealed_backup.sealed_backup(ctx, tmp_path / "out" / "enc.sealed", SEAL)
        # the artefact itself: decrypted, it is the encrypted database file, which opens with OLD only
        inner = sealed_backup.unseal(dest, tmp_path / "inner.db", SEAL)
        assert not inner.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)
        assert _counts(inner, OLD)["cadre"] == 1
        encryption_service.change_passphrase(ctx, OLD, NEW)
        make_cadre(ctx, "林小雨")
    finally:
        db.dispose()
    assert _markers(dest) == []
    cipher.forget(enc)
    # after the change of passphrase: the sealed backup's passphrase, then the old database passphrase
    with pytest.raises(PassphraseNeeded, match="修改口令之前"):
        backups.restore(str(enc), dest, "测试员", NEW, backup_passphrase=SEAL)
    cipher.forget(enc)
    assert _counts(enc, NEW)["cadre"] == 2  # nothing changed
    sqlite_tools.unlock(enc, NEW)
    result = backups.restore(str(enc), dest, "测试员", NEW, backup_passphrase=SEAL, old_passphrase=OLD)
    assert result.counts["cadre"] == 1
    assert _counts(enc, NEW)["cadre"] == 1 and not _opens(enc, OLD)


KILLED_WRITER = """
import sys, time
from pathlib import Path
from cadre_desk.db import cipher, sqlite_tools
path = Path(sys.argv[1])
conn = sqlite_tools.connect(path, key=cipher.derive(sys.argv[2], cipher.file_salt(path)))
conn.execute("PRAGMA journal_mode=DELETE")
conn.execute("PRAGMA cache_size=1")  # spill changed pages into the file before the commit
conn.execute("BEGIN")
conn.execute("UPDATE cadre SET name = 'half-written'")
conn.execute("CREATE TABLE filler(x)")
conn.execute(
    "INSERT INTO filler WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 64) "
    "SELECT zeroblob(4000) FROM n"
)
print("killed mid-write", flush=True)
time.sleep(600)
"""


def test_a_hot_journal_of_a_killed_writer_is_rolled_back_when_the_file_is_unlocked(enc: Path) -> None:
    """A program killed mid-write in rollback-journal mode (the first switch to WAL after a rekey, a
    restored backup) leaves a hot journal; unlocking must roll it back, not fail as "read-only"."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(enc), OLD], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "killed mid-write"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    journal = Path(str(enc) + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    assert not _opens(enc, "a wrong passphrase")  # refused; the raw rollback leaves the file whole
    db = open_database(str(enc), passphrase=OLD)
    try:
        ctx = open_context(db, "测试员")
        assert [c.name for c in cadres.list_cadres(ctx)] == [NAME]
        assert maintenance.check(ctx).ok
    finally:
        db.dispose()
    assert not journal.exists()


def test_an_import_restore_point_after_a_rekey_is_never_a_backup_under_the_old_passphrase(
    enc: Path, _data_dir: Path
) -> None:
    """A backup made just before the change holds the same records, but not the same key: the rekey's
    audit record makes the next restore point a new copy, under the new passphrase."""
    from cadre_desk.services import restore_point

    db, ctx = _open(enc, OLD)
    try:
        before = backups.auto_backup(ctx, force=True).made[0]
        assert restore_point.current_backup(ctx) is not None  # nothing written since: it would do
        encryption_service.change_passphrase(ctx, OLD, NEW)
        point = restore_point.ensure(ctx, "roster")
    finally:
        db.dispose()
    assert point != before and not os.path.samefile(point, before)
    assert _opens(point, NEW) and not _opens(point, OLD)


def test_a_backup_of_the_other_kind_never_leaves_a_plain_database(enc: Path, tmp_path: Path) -> None:
    """A plain backup (from before the database was encrypted) into the encrypted database is encrypted
    with the database's current key (SQLite's backup API cannot copy between the two libraries: a
    verified copy, converted with sqlcipher_export, verified again, renamed over it); an encrypted one
    into a plain database makes it the backup's own file, with the backup's key."""
    plain = tmp_path / "plain.db"
    pdb = open_database(str(plain))
    try:
        make_cadre(open_context(pdb, "测试员"), "林小雨")
        plain_backup = maintenance.backup(open_context(pdb, "测试员"), tmp_path / "plain-backup.db")
    finally:
        pdb.dispose()
    db, ctx = _open(enc, OLD)
    try:
        enc_backup = maintenance.backup(ctx, tmp_path / "enc-backup.db")
        result = backups.restore(str(enc), plain_backup, "测试员", OLD, ctx)
        assert result.counts["cadre"] == 1
    finally:
        db.dispose()
    assert sqlite_tools.sniff(enc) == "encrypted" and cipher.key_for(enc) is not None
    assert _opens(enc, OLD) and _markers(enc) == []
    check = open_database(str(enc), passphrase=OLD)
    try:
        assert [c.name for c in cadres.list_cadres(open_context(check, "测试员"))] == ["林小雨"]
    finally:
        check.dispose()
    cipher.forget(enc_backup)
    pdb = open_database(str(plain))
    try:
        backups.restore(str(plain), enc_backup, "测试员", ctx=open_context(pdb, "测试员"), old_passphrase=OLD)
    finally:
        pdb.dispose()
    assert _opens(plain, OLD) and _counts(plain, OLD)["cadre"] == 1
