"""Databases of an older schema, for the tests that each migration upgrades them without loss: made with
alembic up to a revision, filled with plain SQL, then upgraded as opening them does."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, Engine, create_engine, text

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


def insert(conn: Connection, table: str, row: Mapping[str, object]) -> None:
    """Insert `row` (column -> value) into `table` with plain SQL: the models describe today's schema."""
    columns = ", ".join(row)
    values = ", ".join(f":{column}" for column in row)
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), dict(row))


# the cadre columns of the first schema that hold text ('' when not given)
_FIRST_CADRE_TEXTS = (
    "native_place",
    "birthplace",
    "political_status",
    "democratic_party",
    "professional_title",
    "speciality",
    "fulltime_education",
    "fulltime_degree",
    "fulltime_school",
    "fulltime_degree_school",
    "inservice_education",
    "inservice_degree",
    "inservice_school",
    "inservice_degree_school",
    "post",
    "rank",
    "phone",
    "notes",
)


def cadre_row(**values: object) -> dict[str, object]:
    """A cadre (张三, id 1) with every column of the first schema, '' in those not given; `values` may
    add the columns of later schemas."""
    row: dict[str, object] = dict.fromkeys(_FIRST_CADRE_TEXTS, "")
    row.update(
        id=1,
        uid="c1",
        created_at="2026-01-01",
        updated_at="2026-01-01",
        version=1,
        name="张三",
        name_initials="zs",
        gender="男",
        birth=198503,
        ethnicity="汉族",
        health="健康",
    )
    row.update(values)
    return row
