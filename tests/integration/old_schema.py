"""Databases of an older schema, for the tests that each migration upgrades them without loss."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import Engine, create_engine

from cadre_desk.db import migrate


def database_at(path: Path, revision: str) -> Engine:
    """A new SQLite file at `path`, migrated only up to `revision` (its rows are the test's to add)."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), revision)
    return engine


def upgrade_to_head(engine: Engine) -> None:
    """Upgrade the database as opening it does, and check that it is at the newest revision."""
    with engine.begin() as conn:
        migrate.upgrade(conn)
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.REVISIONS[-1]
