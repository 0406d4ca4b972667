"""The pool part of a 年轻干部台账 row (transfer.pool_ledger): finding the entry a row may repeat, and
writing a new entry with its measures and reviews inside the import's transaction (audited).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import PoolEntry, PoolMeasure, PoolReview
from cadre_desk.domain import pools as rule
from cadre_desk.services import audit
from cadre_desk.services.context import ServiceContext


@dataclass(frozen=True)
class LedgerEntry:
    """One ledger row's pool part, already checked by the import's plan."""

    pool_id: int
    entered_on: dt.date
    channel: str
    direction: str
    state: str
    state_on: dt.date | None
    post: str
    reason: str
    measures: tuple[tuple[str, dt.date, dt.date | None, str], ...]  # kind, start, end, content
    reviews: tuple[tuple[int, str], ...]  # year, opinion


def existing_entry_in(session: Session, cadre_id: int, pool_id: int, entered_on: dt.date) -> int | None:
    """The unarchived entry of the cadre in the pool from that date (a ledger read twice adds nothing)."""
    return session.scalar(
        select(PoolEntry.id).where(
            PoolEntry.cadre_id == cadre_id,
            PoolEntry.pool_id == pool_id,
            PoolEntry.entered_on == entered_on,
            PoolEntry.archived_at.is_(None),
        )
    )


def import_entry_in(session: Session, ctx: ServiceContext, cadre_id: int, data: LedgerEntry) -> int:
    """Write one ledger entry with its measures and reviews (audited); returns the entry id."""
    on = data.state_on or data.entered_on
    entry = PoolEntry(
        cadre_id=cadre_id, pool_id=data.pool_id, entered_on=data.entered_on, channel=data.channel,
        direction=data.direction, state=data.state,
        candidate_on=on if data.state == rule.PoolState.CANDIDATE else None,
        used_on=on if data.state == rule.PoolState.USED else None, used_post=data.post,
        exited_on=on if data.state == rule.PoolState.EXITED else None, exit_reason=data.reason,
    )  # fmt: skip
    session.add(entry)
    session.flush()
    values = {
        "pool_id": data.pool_id,
        "entered_on": data.entered_on,
        "state": data.state,
        "used_post": data.post,
        "exit_reason": data.reason,
    }
    audit.record(
        session, ctx, "import", "pool_entry", entry.id, entry.uid, audit.diff({}, values), "年轻干部台账"
    )
    for kind, start, end, content in data.measures:
        session.add(PoolMeasure(entry_id=entry.id, kind=kind, start=start, end=end, content=content))
    for year, opinion in data.reviews:
        session.add(PoolReview(entry_id=entry.id, year=year, opinion=opinion))
    session.flush()
    return entry.id
