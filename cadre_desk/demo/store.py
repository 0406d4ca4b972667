"""Writing generated rows fast: explicit ids, seeded uids, Core executemany in large batches.

Rows are buffered per table and written in dependency order (parents before children), so foreign keys
hold at every statement. Ids are assigned here, starting after the largest id already in each table, so
generated rows can refer to each other before anything is written.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from cadre_desk.db import audit_chain
from cadre_desk.db.models import (
    RECORD_MODELS,
    Base,
    Cadre,
    CadreFormSource,
    CadrePhoto,
    TeamMember,
    TeamPost,
    Unit,
)
from cadre_desk.errors import CadreDeskError

# Dependency order (a table comes after every table it refers to); demo cadres have no photos or forms.
# The 班子 tables come last: they refer to units and cadres only.
_RECORDS = tuple(m for m in RECORD_MODELS if m not in (CadrePhoto, CadreFormSource))
MODELS: tuple[type[Base], ...] = (*_RECORDS, TeamPost, TeamMember)
TABLES: dict[str, Table] = {m.__tablename__: m.__table__ for m in MODELS}  # type: ignore[misc]
FLUSH_ROWS = 20_000


class NotEmptyError(CadreDeskError):
    """Demo data goes only into a database without cadres and units of its own."""


def refuse_if_not_empty(session: Session) -> None:
    cadres = int(session.scalar(select(func.count(Cadre.id))) or 0)
    units = int(session.scalar(select(func.count(Unit.id))) or 0)
    if cadres or units:
        raise NotEmptyError(
            f"数据库中已有 {cadres} 名干部、{units} 个单位，不能再生成演示数据"
            "（演示数据只能写入空白数据库，以免与真实数据混在一起）。请新建一个数据库后再生成。"
        )


def tune_sqlite(session: Session) -> None:
    """A bigger page cache for this connection: the bulk load touches indexes all over."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA cache_size=-262144"))  # 256 MB


class Writer:
    """Buffers rows per table; `add` fills the common columns and returns the new row's id."""

    def __init__(self, session: Session, seed: int, stamp: dt.datetime) -> None:
        self.session = session
        self.rng = random.Random(f"{seed}:uid")
        self.stamp = stamp
        self.buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.next_id: dict[str, int] = {}
        for name, table in TABLES.items():
            top = session.scalar(select(func.max(table.c.id)))
            self.next_id[name] = int(top or 0) + 1
        self.pending = 0

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, table: str, row: dict[str, Any], at: dt.datetime | None = None) -> int:
        row_id = self.next_id[table]
        self.next_id[table] = row_id + 1
        moment = at or self.stamp
        row["id"] = row_id
        row["uid"] = self.uid()
        row["created_at"] = moment
        row["updated_at"] = moment
        row["version"] = 1
        self.buffers[table].append(row)
        self.counts[table] += 1
        self.pending += 1
        if self.pending >= FLUSH_ROWS:
            self.flush()
        return row_id

    def peek_id(self, table: str) -> int:
        """The id the next row of `table` will get."""
        return self.next_id[table]

    def flush(self) -> None:
        connection = self.session.connection()
        for name, table in TABLES.items():
            rows = self.buffers[name]
            if rows:
                connection.execute(insert(table), rows)
                rows.clear()
        self.pending = 0

    def audit(self, account_id: int | None, summary: str, changes: dict[str, Any]) -> None:
        self.flush()
        audit_chain.append(
            self.session.connection(),
            {
                "uid": self.uid(),
                "created_at": dt.datetime.now(dt.UTC),
                "updated_at": dt.datetime.now(dt.UTC),
                "version": 1,
                "at": dt.datetime.now(dt.UTC),
                "account_id": account_id,
                "action": "demo",
                "entity": "database",
                "summary": summary[:200],
                "changes": changes,
            },
        )
