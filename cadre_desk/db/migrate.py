"""Schema versions: Alembic upgrades on open, after a backup, and refusal of newer databases."""

from __future__ import annotations

import logging

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from cadre_desk import paths

log = logging.getLogger("cadre_desk.db")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(paths.MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in script_directory().walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def has_user_tables(connection: Connection) -> bool:
    return any(name != "alembic_version" for name in inspect(connection).get_table_names())


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run the migrations on `connection` (inside the caller's transaction where the engine allows)."""
    command.upgrade(alembic_config(connection), target)
