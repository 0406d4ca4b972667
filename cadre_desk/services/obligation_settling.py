"""Talks settle owed talks: a talk of the matching kind with the cadre, on or after the event, settles
its 待谈 obligations; an archived talk makes them owed again.

Called by services.talks inside its transaction (never committing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Obligation, Talk, TalkSubject
from cadre_desk.domain.obligations import ObligationState as State
from cadre_desk.services import audit
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.obligations import ENTITY


def matching_talks(
    session: Session, wanted: Sequence[tuple[int, str, dt.date]]
) -> dict[tuple[int, str, dt.date], int]:
    """For each (cadre, kind, since): the first talk of that kind with the cadre on or after `since`
    (it settles an obligation), in one query per 500 cadres."""
    found: dict[tuple[int, str, dt.date], int] = {}
    if not wanted:
        return found
    kinds = sorted({kind for _c, kind, _d in wanted})
    since = dt.datetime.combine(min(day for _c, _k, day in wanted), dt.time())
    cadre_ids = sorted({c for c, _k, _d in wanted})
    talks: dict[tuple[int, str], list[tuple[dt.datetime, int]]] = {}
    for start in range(0, len(cadre_ids), 500):
        rows = session.execute(
            select(TalkSubject.cadre_id, Talk.kind, Talk.talk_at, Talk.id)
            .join(Talk, TalkSubject.talk_id == Talk.id)
            .where(
                TalkSubject.cadre_id.in_(cadre_ids[start : start + 500]),
                Talk.kind.in_(kinds),
                Talk.archived_at.is_(None),
                Talk.talk_at >= since,
            )
            .order_by(Talk.talk_at, Talk.id)
        )
        for cadre_id, kind, at, talk_id in rows:
            talks.setdefault((cadre_id, kind), []).append((at, talk_id))
    for key in wanted:
        cadre_id, kind, day = key
        start_of_day = dt.datetime.combine(day, dt.time())
        first = next((t for at, t in talks.get((cadre_id, kind), ()) if at >= start_of_day), None)
        if first is not None:
            found[key] = first
    return found


def settle(session: Session, ctx: ServiceContext, row: Obligation, talk_id: int, day: dt.date) -> None:
    before = (row.state, row.talk_id)
    row.state = State.TALKED
    row.talk_id = talk_id
    row.settled_on = day
    session.flush()
    audit.record(
        session,
        ctx,
        "update",
        ENTITY,
        row.id,
        row.uid,
        {"state": [before[0], row.state], "talk_id": [before[1], talk_id]},
        f"应谈已谈（{row.rule}）",
    )


def settle_by_talk(session: Session, ctx: ServiceContext, talk: Talk, today: dt.date | None = None) -> int:
    """Settle the 待谈 obligations this talk answers (same kind, a subject, event on or before the talk)."""
    if talk.archived_at is not None:
        return 0
    subjects = select(TalkSubject.cadre_id).where(TalkSubject.talk_id == talk.id)
    rows = session.scalars(
        select(Obligation).where(
            Obligation.cadre_id.in_(subjects),
            Obligation.state == State.PENDING,
            Obligation.talk_kind == talk.kind,
            Obligation.event_date <= talk.talk_at.date(),
        )
    ).all()
    for row in rows:
        settle(session, ctx, row, talk.id, today or dt.date.today())
    return len(rows)


def unsettle_talk(session: Session, ctx: ServiceContext, talk_id: int) -> None:
    """An archived talk no longer settles anything: its 已谈 obligations are owed again."""
    for row in session.scalars(
        select(Obligation).where(Obligation.talk_id == talk_id, Obligation.state == State.TALKED)
    ):
        row.state, row.talk_id, row.settled_on = State.PENDING, None, None
        session.flush()
        audit.record(
            session,
            ctx,
            "update",
            ENTITY,
            row.id,
            row.uid,
            {"state": [State.TALKED, State.PENDING], "talk_id": [talk_id, None]},
            "谈话记录已删除，应谈重新待谈",
        )
