"""Schema versions: Alembic upgrades on open, after a backup, and refusal of newer databases.

Alembic (and the parsing of the migration scripts) costs ~100 ms of every start, so it is imported
only to upgrade. An up-to-date database is recognised from REVISIONS, which a test keeps equal to
Alembic's own history: adding a migration means adding its revision here.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from cadre_desk import paths

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger("cadre_desk.db")

# Every revision in the migrations folder, oldest first (linear history).
REVISIONS = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0012", "0013",
    "0014", "0015", "0016", "0017", "0018",
)  # fmt: skip
VERSION_TABLE = "alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    return set(REVISIONS)


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def has_user_tables(connection: Connection) -> bool:
    return any(name != "alembic_version" for name in inspect(connection).get_table_names())


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run the migrations on `connection` (inside the caller's transaction where the engine allows)."""
    from alembic import command

    command.upgrade(alembic_config(connection), target)
