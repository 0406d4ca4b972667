"""Bad databases get a clear message and are left byte-for-byte untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from cadre_desk.db.opening import open_database
from cadre_desk.errors import StorageError


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_created_and_migrated(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "sub" / "new.db"))
    try:
        assert db.path == tmp_path / "sub" / "new.db"
        assert db.path.exists()
    finally:
        db.dispose()


def test_missing_file_is_not_created_when_not_allowed(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="不存在"):
        open_database(str(tmp_path / "absent.db"), create=False)
    assert not (tmp_path / "absent.db").exists()


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库", encoding="utf-8")
    before = _digest(path)
    with pytest.raises(StorageError, match="不是"):
        open_database(str(path))
    assert _digest(path) == before


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(StorageError, match="不是干部成长档案台的数据库"):
        open_database(str(path))
    assert _digest(path) == before


def test_damaged_file_is_refused_untouched(tmp_path: Path, db_path: Path) -> None:
    db = open_database(str(db_path))
    db.dispose()
    data = bytearray(db_path.read_bytes())
    for offset in range(4096, min(len(data), 4096 * 6)):  # scribble over the pages after the header
        data[offset] = (data[offset] * 7 + 13) % 256
    db_path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    before = _digest(db_path)
    with pytest.raises(StorageError, match=r"损坏|不是"):
        open_database(str(db_path))
    assert _digest(db_path) == before


def test_newer_schema_is_refused_untouched(db_path: Path) -> None:
    db = open_database(str(db_path))
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    db.dispose()
    before = _digest(db_path)
    with pytest.raises(StorageError, match="更新版本"):
        open_database(str(db_path))
    assert _digest(db_path) == before


def test_read_only_file_is_refused(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(str(db_path)).dispose()
    before = _digest(db_path)
    # Root ignores permission bits, so report what os.access says to a normal user of a 0444 file.
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode: False if Path(p) == db_path and mode == os.W_OK else real_access(p, mode),
    )
    with pytest.raises(StorageError, match="只读"):
        open_database(str(db_path))
    assert _digest(db_path) == before


def test_read_only_directory_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root, permission bits do not stop writes, so simulate what os.access reports for a normal user.
    target = tmp_path / "ro"
    target.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == target else real_access(p, mode))
    with pytest.raises(StorageError, match="不可写"):
        open_database(str(target / "x.db"))
    assert list(target.iterdir()) == []


def test_bad_url_is_a_clear_error() -> None:
    with pytest.raises(StorageError):
        open_database("nosuchdriver://user@host/db")


def test_large_files_are_verified_only_on_request_or_before_an_upgrade(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cadre_desk.db import opening, sqlite_tools

    open_database(str(db_path)).dispose()
    calls: list[Path] = []
    real = sqlite_tools.quick_check
    monkeypatch.setattr(sqlite_tools, "quick_check", lambda p: calls.append(p) or real(p))
    monkeypatch.setattr(opening, "VERIFY_ON_OPEN_MAX_BYTES", 0)
    open_database(str(db_path)).dispose()
    assert calls == []
    open_database(str(db_path), verify=True).dispose()
    assert calls == [db_path]
    monkeypatch.setattr(opening, "VERIFY_ON_OPEN_MAX_BYTES", 1 << 40)
    open_database(str(db_path)).dispose()
    assert len(calls) == 2
