"""Encryption at rest: SQLCipher behind the same engine, conversion, backups, search and migrations
on an encrypted file, and what is on the disk (no name, no ID number)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from cadre_desk.db import cipher, encryption, migrate, sqlite_tools
from cadre_desk.db.opening import open_database
from cadre_desk.errors import PassphraseNeeded, StorageError, WrongPassphrase
from cadre_desk.services import encryption as encryption_service
from cadre_desk.services import maintenance, search
from cadre_desk.services.context import open_context
from tests.conftest import make_cadre

HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM cadre").fetchall()
print("holding", flush=True)
sys.stdin.readline()
"""
PASS = "正确的口令 horse"
NAME = "欧阳雪梅"
ID_NUMBER = "110101198503071227"


def _plain_markers(path: Path) -> list[bytes]:
    """What a `strings`-style scan would find of the name or the ID number (UTF-8 and the digits)."""
    data = path.read_bytes()
    return [m for m in (NAME.encode(), ID_NUMBER.encode(), NAME[:2].encode()) if m in data]


def _forget_all(*paths: Path) -> None:
    for p in paths:
        cipher.forget(p)


def _new_encrypted(path: Path) -> None:
    db = open_database(str(path), encrypt=True, passphrase=PASS)
    try:
        ctx = open_context(db, "测试员")
        make_cadre(ctx, NAME, gender="女", id_number=ID_NUMBER)
        maintenance.check(ctx)
    finally:
        db.dispose()
    sqlite_tools.checkpoint(path)
    _forget_all(path)


def test_a_new_encrypted_database_does_not_open_without_its_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    _new_encrypted(path)
    assert not path.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)
    assert _plain_markers(path) == []
    with pytest.raises(sqlite3.DatabaseError):  # plain SQLite cannot read it
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    with pytest.raises(PassphraseNeeded, match="SQLite format 3"):
        open_database(str(path))
    with pytest.raises(WrongPassphrase, match="口令不正确"):
        open_database(str(path), passphrase="not the passphrase")
    assert cipher.key_for(path) is None
    db = open_database(str(path), passphrase=PASS)
    try:
        ctx = open_context(db, "测试员")
        assert db.encrypted
        assert maintenance.stats(db)["cadre"] == 1
        # FTS5 (trigram and the two-character index) on the encrypted file
        assert [h.title for h in search.search(ctx, NAME[:2]).hits][:1] == [NAME]
        assert search.search(ctx, NAME).total == 1
        assert maintenance.check(ctx).ok
    finally:
        db.dispose()


def test_the_file_opens_with_the_bare_passphrase_in_sqlcipher(tmp_path: Path) -> None:
    """Our raw key is SQLCipher 4's own derivation: any SQLCipher 4 tool opens the file with the
    passphrase (no lock-in, and a key mix-up would show here)."""
    path = tmp_path / "enc.db"
    _new_encrypted(path)
    conn = cipher.dbapi().connect(str(path))
    conn.execute("PRAGMA key = '" + PASS.replace("'", "''") + "'")
    assert conn.execute("SELECT name FROM cadre").fetchall() == [(NAME,)]
    conn.close()


def test_a_damaged_file_is_not_taken_for_a_database(tmp_path: Path) -> None:
    """Random pages may be an encrypted file: the passphrase is asked, the message says both; a file
    that cannot be one (text, a pattern) is refused as before."""
    path = tmp_path / "junk.db"
    junk = os.urandom(8192)
    path.write_bytes(junk)
    with pytest.raises(PassphraseNeeded, match="SQLite format 3"):
        open_database(str(path))
    with pytest.raises(WrongPassphrase, match="已损坏"):
        open_database(str(path), passphrase=PASS)
    assert path.read_bytes() == junk
    pattern = tmp_path / "pattern.db"
    pattern.write_bytes(b"\x13\x37" * 4096)
    with pytest.raises(StorageError, match="不是干部成长档案台的数据库") as caught:
        open_database(str(pattern), passphrase=PASS)
    assert not isinstance(caught.value, (PassphraseNeeded, WrongPassphrase))


def test_encrypt_an_existing_database_then_decrypt_it(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    db = open_database(str(path))
    ctx = open_context(db, "测试员")
    make_cadre(ctx, NAME, gender="女", id_number=ID_NUMBER)
    before = maintenance.stats(db)
    assert _plain_markers(path) or _plain_markers(Path(str(path) + "-wal"))

    assert encryption_service.encrypt_database(ctx, PASS) == len(
        sqlite_tools.take_snapshot(sqlite_tools.connect(path)).counts
    )
    assert db.encrypted and not path.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)
    assert not Path(str(path) + "-wal").exists() or _plain_markers(Path(str(path) + "-wal")) == []
    assert _plain_markers(path) == []
    after = maintenance.stats(db)
    assert after["cadre"] == before["cadre"] and after["audit_event"] == before["audit_event"] + 1
    make_cadre(ctx, "林小雨")  # the same Database goes on writing, now encrypted
    assert not list(tmp_path.glob("*.converting*"))
    db.dispose()

    _forget_all(path)
    with pytest.raises(PassphraseNeeded):
        open_database(str(path))
    db = open_database(str(path), passphrase=PASS)
    ctx = open_context(db, "测试员")
    assert maintenance.stats(db)["cadre"] == 2
    encryption_service.decrypt_database(ctx)
    assert path.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)
    assert maintenance.stats(db)["cadre"] == 2
    db.dispose()


def test_converting_a_file_in_use_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    db = open_database(str(path))
    make_cadre(open_context(db, "测试员"), NAME)
    db.dispose()
    original = path.read_bytes()
    # Another program has the file open (locks are per process, so it must be another process).
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(StorageError, match="原文件未改动"):
            encryption.encrypt(path, PASS)
    finally:
        holder.communicate("done\n", timeout=30)
    assert path.read_bytes() == original
    assert not list(tmp_path.glob("*.converting*"))
    assert cipher.key_for(path) is None


def test_a_backup_of_an_encrypted_database_is_encrypted_and_verified(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    _new_encrypted(path)
    db = open_database(str(path), passphrase=PASS)
    try:
        dest = maintenance.backup(open_context(db, "测试员"), tmp_path / "backup.db")
    finally:
        db.dispose()
    assert not dest.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)
    assert _plain_markers(dest) == []
    _forget_all(path, dest)
    with pytest.raises(PassphraseNeeded):
        open_database(str(dest))
    copy = open_database(str(dest), passphrase=PASS)
    try:
        assert maintenance.stats(copy)["cadre"] == 1
    finally:
        copy.dispose()


def test_a_backup_that_does_not_open_with_the_key_fails_verification(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    _new_encrypted(path)
    key = sqlite_tools.unlock(path, PASS)
    snapshot = sqlite_tools.take_snapshot(sqlite_tools.connect(path))
    with pytest.raises(cipher.DB_ERRORS):
        sqlite_tools.verify_copy(path, snapshot, cipher.derive("another passphrase", key.salt))


def test_an_old_encrypted_database_is_backed_up_and_migrated(tmp_path: Path, _data_dir: Path) -> None:
    path = tmp_path / "old.db"
    key = cipher.new_key(PASS)
    engine = create_engine(
        "sqlite://", module=cipher.dbapi(), creator=lambda: sqlite_tools.connect(path, key=key)
    )
    with engine.begin() as conn:
        migrate.upgrade(conn, "0005")
    engine.dispose()
    db = open_database(str(path), passphrase=PASS)  # verified, backed up (encrypted), upgraded
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        db.dispose()
    (backup,) = (_data_dir / "backups").glob("old-before-upgrade-*.db")
    assert not backup.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)
    assert sqlite_tools.unlock(backup, PASS) == key


def test_init_encrypt_refuses_an_existing_file_and_a_short_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    open_database(str(path)).dispose()
    with pytest.raises(StorageError, match="encrypt"):
        open_database(str(path), encrypt=True, passphrase=PASS)
    with pytest.raises(StorageError, match="至少"):
        open_database(str(tmp_path / "new.db"), encrypt=True, passphrase="short")
    assert not (tmp_path / "new.db").exists()


def test_a_damaged_encrypted_file_with_the_right_passphrase_offers_its_backup(tmp_path: Path) -> None:
    """Damage past the first page: SQLCipher cannot read the schema and says what it says for a wrong
    key, so the right passphrase was refused as wrong, again and again, and the good backup was
    never offered (a plain file's damage always offers it). The first page's HMAC tells them apart."""
    from cadre_desk.errors import DamagedDatabase
    from cadre_desk.services import backups

    path = tmp_path / "加密 #1%.db"
    _new_encrypted(path)
    db = open_database(str(path), passphrase=PASS)
    try:
        made = backups.auto_backup(open_context(db, "测试员"), force=True).made
    finally:
        db.dispose()
    _forget_all(path)
    size = path.stat().st_size
    with path.open("r+b") as handle:  # every page but the first
        handle.seek(cipher.PAGE_SIZE)
        handle.write(os.urandom(size - cipher.PAGE_SIZE))
    with pytest.raises(DamagedDatabase, match="口令正确，但数据库文件已损坏") as caught:
        open_database(str(path), passphrase=PASS)
    assert caught.value.backup == made[0]
    _forget_all(path)
    with pytest.raises(WrongPassphrase, match="口令不正确") as wrong:
        open_database(str(path), passphrase="not the passphrase")
    assert f"最近的备份文件：{made[0]}" in str(wrong.value)
    assert cipher.key_for(path) is None
