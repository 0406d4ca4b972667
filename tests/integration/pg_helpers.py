"""Throw-away PostgreSQL databases for the second-engine tests.

Dropping uses a plain `DROP DATABASE` first: PostgreSQL itself cancels an autovacuum worker that has
just connected to the database after a test wrote to it, whereas `WITH (FORCE)` would have to
terminate that superuser process, which the unprivileged test role may not do.
"""

from __future__ import annotations

import time
import uuid

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError


def admin_engine(admin_url: str) -> Engine:
    return create_engine(admin_url, isolation_level="AUTOCOMMIT")


def create_database(admin: Engine, template: str = "template0") -> str:
    """A new UTF-8 database (optionally cloned from `template`); returns its name."""
    name = f"cadre_test_{uuid.uuid4().hex[:10]}"
    for attempt in range(10):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE "{template}"'))
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
