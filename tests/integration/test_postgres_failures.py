"""PostgreSQL failures as the user meets them: a server that is not there, a connection lost in the
middle of a unit of work, a constraint violation: a Chinese StorageError, never a driver traceback,
and no SQL parameters in the message."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.errors import StorageError
from tests.integration.pg_helpers import fresh_database, opened, require_server

ADMIN_URL = require_server()  # skipped without a server, failed under CI


@pytest.fixture(scope="module")
def pg_db() -> Iterator[Database]:
    """One database for the module (the conftest's fixtures give each test its own)."""
    with fresh_database(ADMIN_URL) as url, opened(url) as db:
        yield db


def test_a_server_that_is_not_there() -> None:
    with pytest.raises(StorageError, match="连接已断开或无法建立") as info:
        open_database("postgresql+psycopg://cadre_test:secret@127.0.0.1:1/nowhere")
    assert info.value.retryable and "secret" not in str(info.value)


def test_a_constraint_violation(pg_db: Database) -> None:
    insert = text(
        "INSERT INTO unit (uid, created_at, updated_at, version, name, short_name, kind, sort_order) "
        "VALUES (:uid, now(), now(), 1, :name, '', '部门', 1)"
    )
    with pg_db.uow() as session:
        session.execute(insert, {"uid": "u-1", "name": "某单位"})
    with pytest.raises(StorageError, match="冲突") as info, pg_db.uow() as session:
        session.execute(insert, {"uid": "u-1", "name": "另一个保密单位"})
    assert "另一个保密单位" not in f"{info.value} {info.value.__cause__}"
    with pg_db.read() as session:
        assert session.execute(text("SELECT count(*) FROM unit WHERE uid = 'u-1'")).scalar_one() == 1


def test_a_connection_lost_in_the_middle(pg_db: Database) -> None:
    killer = pg_db.engine.connect()
    try:
        with pytest.raises(StorageError, match="连接已断开") as info, pg_db.uow() as session:
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            killer.commit()
            session.execute(text("SELECT 1"))
        assert info.value.retryable
    finally:
        killer.close()
    with pg_db.read() as session:  # the next unit of work gets a new connection
        assert session.execute(text("SELECT 1")).scalar_one() == 1
