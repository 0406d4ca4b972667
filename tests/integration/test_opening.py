"""Bad databases get a clear message and are left byte-for-byte untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
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


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user can reach (pytest's tmp_path sits under a 0700 folder)."""
    path = Path(tempfile.mkdtemp(prefix="cadre-desk-ro-"))
    path.chmod(0o755)
    yield path
    for sub in path.rglob("*"):
        sub.chmod(0o755 if sub.is_dir() else 0o644)
    shutil.rmtree(path)


def open_as_a_normal_user(target: Path, data_dir: Path) -> str:
    """Open `target` in a process of an ordinary user (root ignores permission bits); its error text."""
    command = [sys.executable, "-c", OPEN_SCRIPT, str(ROOT), str(target)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv (util-linux): cannot drop to an ordinary user")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    env = {**os.environ, "CADRE_DESK_DATA_DIR": str(data_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


OPEN_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from cadre_desk.db.opening import open_database
from cadre_desk.errors import StorageError
try:
    open_database(sys.argv[2]).dispose()
    print("opened")
except StorageError as exc:
    print(exc)
"""


def test_read_only_file_is_refused(shared_dir: Path) -> None:
    path = shared_dir / "cadre-desk.db"
    open_database(str(path)).dispose()
    path.chmod(0o444)
    before = _digest(path)
    logs = shared_dir / "data"
    logs.mkdir(mode=0o777)
    logs.chmod(0o777)
    assert "只读" in open_as_a_normal_user(path, logs)
    assert _digest(path) == before


def test_read_only_directory_is_refused(shared_dir: Path) -> None:
    target = shared_dir / "ro"
    target.mkdir()
    target.chmod(0o555)
    logs = shared_dir / "data"
    logs.mkdir()
    logs.chmod(0o777)
    assert "不可写" in open_as_a_normal_user(target / "x.db", logs)
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
