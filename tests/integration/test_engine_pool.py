"""The SQLite engine keeps its connections open between units of work (issue 11, speed): an encrypted
file pays SQLCipher's set-up and cold page cache once, not on every unit of work. What the pool must
not break: other threads, writes seen at once, busy handling, backups and restores, a file replaced
under the engine, conversion."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from cadre_desk.db import cipher, sqlite_tools
from cadre_desk.db.engine import Database
from cadre_desk.db.models import Unit
from cadre_desk.db.opening import open_database
from cadre_desk.errors import StorageError
from cadre_desk.services import backups, cadres, maintenance, units
from cadre_desk.services import encryption as encryption_service
from cadre_desk.services.context import ServiceContext, open_context
from tests.conftest import make_cadre

PASS = "county secret 2026"


@pytest.fixture(params=["encrypted", "plain"])
def pooled(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "档案 #库.db"
    if request.param == "encrypted":
        db = open_database(str(path), encrypt=True, passphrase=PASS)
        assert db.encrypted
    else:
        db = open_database(str(path))
    yield db
    db.dispose()
    cipher.forget(path)


def _connects(db: Database) -> list[Any]:
    """The DB-API connections the engine opens from now on."""
    opened: list[Any] = []
    event.listen(db.engine, "connect", lambda conn, _record: opened.append(conn))
    return opened


def _raw(session: Any) -> Any:
    return session.connection().connection.dbapi_connection


def _unit_names(ctx: ServiceContext) -> set[str]:
    with ctx.db.read() as session:
        return set(session.scalars(select(Unit.name)))


def _unit(ctx: ServiceContext, name: str) -> None:
    units.create_unit(ctx, units.UnitInput(name=name, short_name=name, kind="党委"))


def test_units_of_work_reuse_a_connection_on_any_thread(pooled: Database) -> None:
    ctx = open_context(pooled, "测试员")
    make_cadre(ctx, "欧阳雪梅")
    opened = _connects(pooled)
    with pooled.read() as session:
        first = _raw(session)
    for _ in range(5):
        assert [c.name for c in cadres.list_cadres(ctx)] == ["欧阳雪梅"]
    # a worker thread (the window's background jobs) gets a pooled connection too, and it still works
    # on the GUI thread afterwards
    seen: list[Any] = []
    worker = threading.Thread(target=lambda: seen.append(cadres.list_cadres(ctx)))
    worker.start()
    worker.join()
    assert [c.name for c in seen[0]] == ["欧阳雪梅"]
    with pooled.read() as session:
        assert _raw(session) is first
    assert opened == []  # not one new connection


def test_a_write_on_another_thread_is_seen_by_a_pooled_connection(pooled: Database) -> None:
    ctx = open_context(pooled, "测试员")
    assert cadres.list_cadres(ctx) == []  # a connection is in the pool, its cache warm
    opened = _connects(pooled)
    errors: list[BaseException] = []

    def write() -> None:
        try:
            make_cadre(ctx, "李四")
        except BaseException as exc:  # reported below
            errors.append(exc)

    worker = threading.Thread(target=write)
    worker.start()
    worker.join()
    assert errors == []
    assert [c.name for c in cadres.list_cadres(ctx)] == ["李四"]
    # and a write by another connection altogether (another process, another window)
    other = sqlite_tools.connect(pooled.path)  # type: ignore[arg-type]
    try:
        other.execute("UPDATE cadre SET post = '青山镇党委书记'")
        other.commit()
    finally:
        other.close()
    assert [c.post for c in cadres.list_cadres(ctx)] == ["青山镇党委书记"]
    assert len(opened) <= 1  # the worker's write and the reads shared the pooled connections


def test_a_busy_file_is_reported_and_the_pooled_connection_works_afterwards(
    pooled: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = open_context(pooled, "测试员")
    _unit(ctx, "组织部")
    monkeypatch.setenv("CADRE_DESK_BUSY_TIMEOUT_MS", "200")  # taken by the pooled connections too
    holder = sqlite_tools.connect(pooled.path)  # type: ignore[arg-type]
    holder.isolation_level = None
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError) as raised:
            _unit(ctx, "宣传部")
        assert raised.value.retryable
        assert _unit_names(ctx) == {"组织部"}  # reading goes on meanwhile
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _unit(ctx, "宣传部")  # 重试
    assert _unit_names(ctx) == {"组织部", "宣传部"}


def test_backup_and_restore_in_the_open_window(pooled: Database) -> None:
    ctx = open_context(pooled, "管理员")
    _unit(ctx, "备份前")
    [copy] = backups.auto_backup(ctx).made
    _unit(ctx, "备份后")
    assert _unit_names(ctx) == {"备份前", "备份后"}
    assert pooled.path is not None
    result = backups.restore(str(pooled.path), copy, "管理员", ctx=ctx)
    assert result.chain_ok
    # the window's engine (pooled connections) sees the restored state and keeps writing
    assert _unit_names(ctx) == {"备份前"}
    _unit(ctx, "恢复后")
    assert _unit_names(ctx) == {"备份前", "恢复后"}
    assert all(item.ok for item in maintenance.check(ctx).items)


def test_a_file_replaced_under_the_engine_is_opened_anew(pooled: Database, tmp_path: Path) -> None:
    """A pooled connection still holds the old file open; the pool must not hand it out once another
    file has been renamed over the path (as a restore over a damaged file, or a conversion, does)."""
    ctx = open_context(pooled, "管理员")
    _unit(ctx, "旧文件")
    path = pooled.path
    assert path is not None
    copy = tmp_path / "copy.db"
    sqlite_tools.online_backup(path, copy)
    key = cipher.key_for(path)
    if key is not None:
        cipher.remember(copy, key)
    edit = sqlite_tools.connect(copy)
    try:
        edit.execute("UPDATE unit SET name = '新文件'")
        edit.commit()
    finally:
        edit.close()
    assert _unit_names(ctx) == {"旧文件"}  # the pool holds a connection to the old file
    for companion in sqlite_tools.companions(path)[1:]:
        companion.unlink(missing_ok=True)
    os.replace(copy, path)
    assert _unit_names(ctx) == {"新文件"}
    _unit(ctx, "再写")
    assert _unit_names(ctx) == {"新文件", "再写"}


def test_encrypt_and_decrypt_the_open_database_with_pooled_connections(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    db = open_database(str(path))
    try:
        ctx = open_context(db, "管理员")
        make_cadre(ctx, "欧阳雪梅")
        assert len(cadres.list_cadres(ctx)) == 1  # a connection in the pool, on the plain file
        encryption_service.encrypt_database(ctx, PASS)
        assert db.encrypted and sqlite_tools.sniff(path) == "encrypted"
        assert [c.name for c in cadres.list_cadres(ctx)] == ["欧阳雪梅"]
        make_cadre(ctx, "李四")
        encryption_service.decrypt_database(ctx)
        assert not db.encrypted and sqlite_tools.sniff(path) == "sqlite"
        assert sorted(c.name for c in cadres.list_cadres(ctx)) == ["李四", "欧阳雪梅"]
    finally:
        db.dispose()
        cipher.forget(path)
    plain = sqlite3.connect(path)
    try:
        assert plain.execute("SELECT count(*) FROM cadre").fetchone() == (2,)
    finally:
        plain.close()


def test_dispose_closes_every_pooled_connection(pooled: Database, tmp_path: Path) -> None:
    """After `dispose` (the window's exit) nothing holds the file: it can be moved away and its WAL
    is gone (the last connection checkpointed it)."""
    ctx = open_context(pooled, "测试员")
    make_cadre(ctx, "欧阳雪梅")
    assert pooled.path is not None
    wal = Path(str(pooled.path) + "-wal")
    assert wal.exists()  # pooled connections are open
    pooled.dispose()
    assert not wal.exists()
    shutil.move(pooled.path, tmp_path / "moved.db")
