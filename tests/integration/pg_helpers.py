"""Throw-away PostgreSQL databases for the second-engine tests.

A test module calls `require_server()` at its top (skipped without a server, failed under CI) and asks
for the fixtures of tests/integration/conftest.py: `pg_url`, `pg_db`, `pg_ctx`, each on a fresh database.

Dropping uses a plain `DROP DATABASE` first: PostgreSQL itself cancels an autovacuum worker that has
just connected to the database after a test wrote to it, whereas `WITH (FORCE)` would have to
terminate that superuser process, which the unprivileged test role may not do.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.services.context import ServiceContext

NO_SERVER = "no PostgreSQL server (CADRE_DESK_PG_URL unset; `make test` starts one)"


def require_server() -> str:
    """The server's admin URL (CADRE_DESK_PG_URL). Without one, the calling module is skipped, loudly
    (tests/conftest.py counts these skips); under CI the run fails instead: CI must test PostgreSQL."""
    __tracebackhide__ = True  # the skip or failure names the calling module's line, not this one
    url = os.environ.get("CADRE_DESK_PG_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: CADRE_DESK_PG_URL is not set", pytrace=False)
        pytest.skip(NO_SERVER, allow_module_level=True)
    return url


def admin_engine(admin_url: str) -> Engine:
    return create_engine(admin_url, isolation_level="AUTOCOMMIT")


def create_database(admin: Engine, template: str = "template0", options: str = "") -> str:
    """A new UTF-8 database (optionally cloned from `template`, with more `options` of CREATE DATABASE
    such as a locale); returns its name."""
    name = f"cadre_test_{uuid.uuid4().hex[:10]}"
    for attempt in range(10):
        try:
            with admin.connect() as conn:
                conn.execute(
                    text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE "{template}" {options}')
                )
            return name
        except DBAPIError:
            if attempt == 9:
                raise
            time.sleep(0.5)  # the template is briefly in use (autovacuum)
    raise AssertionError("unreachable")


def drop_database(admin: Engine, name: str) -> None:
    for attempt in range(10):
        for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'):
            try:
                with admin.connect() as conn:
                    conn.execute(text(sql))
                return
            except DBAPIError:
                pass
        if attempt < 9:
            time.sleep(0.5)
    raise AssertionError(f"test database {name} could not be dropped")


def database_url(admin_url: str, name: str) -> str:
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def fresh_database(admin_url: str, options: str = "") -> Iterator[str]:
    """A new, empty database on the server for the block (dropped after it); yields its URL."""
    admin = admin_engine(admin_url)
    try:
        name = create_database(admin, options=options)
        try:
            yield database_url(admin_url, name)
        finally:
            drop_database(admin, name)
    finally:
        admin.dispose()


@contextmanager
def opened(url: str) -> Iterator[Database]:
    """The database at `url`, opened (and so migrated to head) for the block."""
    db = open_database(url)
    try:
        yield db
    finally:
        db.dispose()


def run_scenario(scenario: Callable[..., None], ctx: ServiceContext, tmp_path: Path) -> None:
    """Run one of the SQLite tests' scenarios on `ctx`, with `tmp_path` if it takes one."""
    if "tmp_path" in scenario.__code__.co_varnames[: scenario.__code__.co_argcount]:
        scenario(ctx, tmp_path)
    else:
        scenario(ctx)
