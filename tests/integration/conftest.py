"""The PostgreSQL fixtures of the second-engine tests (each gives a fresh database on the server), and
`fresh_ctx`, a factory of fresh databases on both engines.

A module using them calls `pg_helpers.require_server()` at its top, so that it is skipped (failed under
CI) without a server; a module that needs one database for all its tests overrides them with
`scope="module"`.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager as ContextManager
from pathlib import Path

import pytest

from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.services.context import ServiceContext, open_context
from tests.integration.pg_helpers import (
    admin_engine,
    create_database,
    database_url,
    drop_database,
    fresh_database,
    opened,
    require_server,
)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a new, empty database (dropped after the test)."""
    with fresh_database(require_server()) as url:
        yield url


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    """That database, opened and so migrated from empty to head by `open_database`."""
    with opened(pg_url) as db:
        yield db


@pytest.fixture
def pg_ctx(pg_db: Database) -> ServiceContext:
    """A service context on it, in the open mode (no accounts yet)."""
    return open_context(pg_db, "测试员")


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_ctx(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[], ContextManager[ServiceContext]]]:
    """A factory of empty, migrated databases (cloned from one migrated template, so it is quick), on
    SQLite and on the PostgreSQL server (skipped without one, failed under CI)."""
    if request.param == "sqlite":
        template = tmp_path / "template.db"
        open_database(str(template)).dispose()

        @contextlib.contextmanager
        def sqlite_clone() -> Iterator[ServiceContext]:
            path = tmp_path / f"{uuid.uuid4().hex}.db"
            shutil.copy(template, path)
            db = open_database(str(path))
            try:
                yield open_context(db, "测试员")
            finally:
                db.dispose()
                path.unlink()

        yield sqlite_clone
        return
    admin_url = require_server()
    admin = admin_engine(admin_url)
    try:
        base = create_database(admin)
        try:
            open_database(database_url(admin_url, base)).dispose()

            @contextlib.contextmanager
            def pg_clone() -> Iterator[ServiceContext]:
                name = create_database(admin, template=base)
                db = open_database(database_url(admin_url, name))
                try:
                    yield open_context(db, "测试员")
                finally:
                    db.dispose()
                    drop_database(admin, name)

            yield pg_clone
        finally:
            drop_database(admin, base)
    finally:
        admin.dispose()
