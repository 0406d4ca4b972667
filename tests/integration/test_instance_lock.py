"""One window per database file: the lock file names its holder; a dead holder's lock is taken over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from cadre_desk.db.instance_lock import InstanceLock, InstanceLocked, lock_path, read_holder
from cadre_desk.db.opening import open_database
from cadre_desk.errors import PermissionDenied, StorageError
from cadre_desk.services import maintenance
from cadre_desk.services.context import open_context
from tests.conftest import make_cadre

ROOT = Path(__file__).resolve().parents[2]
HOLD = """
import sys, time
from pathlib import Path
from cadre_desk.db.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("holding", flush=True)
sys.stdin.readline()
lock.release()
"""


def hold(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


@pytest.fixture
def holder(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    open_database(str(db_path)).dispose()
    proc = hold(db_path)
    yield proc
    if proc.poll() is None:
        proc.communicate("\n", timeout=30)
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            pipe.close()


def test_the_lock_names_its_holder_and_is_removed_on_release(db_path: Path) -> None:
    lock = InstanceLock(db_path)
    lock.acquire()
    data = json.loads(lock_path(db_path).read_text(encoding="utf-8"))
    assert data["pid"] == os.getpid() and data["host"] and data["user"] and data["started"]
    lock.release()
    assert not lock_path(db_path).exists()


def test_the_lock_names_the_signed_in_account(db_path: Path) -> None:
    lock = InstanceLock(db_path)
    lock.acquire()
    lock.name_account("li（李经办）")
    with pytest.raises(InstanceLocked) as caught:  # another process's view: the same file
        other = InstanceLock(db_path)
        other.me = replace(other.me, pid=other.me.pid + 1)
        other.acquire()
    assert caught.value.holder.account == "li（李经办）"
    assert "账号 li（李经办）" in str(caught.value) and "计算机" in str(caught.value)
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []
    lock.release()
    assert not lock_path(db_path).exists()


def test_a_second_start_is_told_who_holds_the_database(db_path: Path, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(InstanceLocked) as caught:
        InstanceLock(db_path).acquire()
    assert caught.value.holder.pid == holder.pid
    assert f"进程 {holder.pid}" in str(caught.value) and "只读" in str(caught.value)
    # read-only opening works meanwhile, and never writes
    db = open_database(str(db_path), read_only=True)
    try:
        assert maintenance.stats(db)["cadre"] == 0
        # the services refuse writes with the reason (not "the file is write-protected") …
        with pytest.raises(PermissionDenied, match=r"只读方式打开.*不能修改干部档案"):
            make_cadre(open_context(db, "测试员"), "张三")
        # … and a write that bypassed them is refused by the file, with the same reason
        with pytest.raises(StorageError, match="只读方式打开"), db.uow() as session:
            session.execute(text("UPDATE app_setting SET value = value"))
    finally:
        db.dispose()
    assert read_holder(db_path) is not None and read_holder(db_path).pid == holder.pid  # type: ignore[union-attr]


def test_the_lock_of_a_killed_window_is_taken_over(db_path: Path, holder: subprocess.Popen[str]) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    assert lock_path(db_path).exists()  # left behind by the killed process
    lock = InstanceLock(db_path)
    lock.acquire()
    assert read_holder(db_path).pid == os.getpid()  # type: ignore[union-attr]
    lock.release()


def test_a_lock_from_another_pc_or_a_garbled_one(db_path: Path) -> None:
    lock_path(db_path).write_text(
        json.dumps({"user": "王五", "host": "OTHER-PC", "pid": 1, "started": "2026-12-06T09:00:00"}),
        encoding="utf-8",
    )
    with pytest.raises(InstanceLocked, match="OTHER-PC"):
        InstanceLock(db_path).acquire()
    lock_path(db_path).write_text("{not json", encoding="utf-8")
    lock = InstanceLock(db_path)
    lock.acquire()  # unreadable: stale
    assert read_holder(db_path).pid == os.getpid()  # type: ignore[union-attr]
    lock.release()
