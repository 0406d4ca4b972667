"""The declarative base, the common columns of every row, and the `YearMonth` column type."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import DateTime, Integer, MetaData, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from cadre_desk.domain.yearmonth import YearMonth

# Stable constraint names so that Alembic migrations work the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_uid() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on every engine (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class YearMonthType(TypeDecorator[YearMonth]):
    """A `YearMonth` stored as the integer YYYYMM (sortable, portable)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: YearMonth | None, dialect: Dialect) -> int | None:
        return None if value is None else value.to_int()

    def process_result_value(self, value: int | None, dialect: Dialect) -> YearMonth | None:
        return None if value is None else YearMonth.from_int(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CommonColumns:
    """`id`, `uid`, timestamps and `version` (optimistic locking) on every row."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 (declared_attr takes the class)
        # SQLAlchemy bumps `version` on every UPDATE and adds `WHERE version = ?`, so a write that
        # raced another process fails instead of overwriting it.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Archivable:
    """Deleting archives: the row stays, `archived_at` is set, and restore clears it."""

    archived_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
