"""Talks settle owed talks: a talk of the matching kind with the cadre, on or after the event, settles
its 待谈 obligations; an archived talk makes them owed again.

Called by services.talks inside its transaction (never committing).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Obligation, Talk, TalkSubject
from cadre_desk.domain.obligations import ObligationState as State
from cadre_desk.services import audit
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.obligations import ENTITY


def matching_talk(session: Session, cadre_id: int, kind: str, since: dt.date) -> int | None:
    return session.scalar(
        select(Talk.id)
        .join(TalkSubject, TalkSubject.talk_id == Talk.id)
        .where(
            TalkSubject.cadre_id == cadre_id,
            Talk.kind == kind,
            Talk.archived_at.is_(None),
            Talk.talk_at >= dt.datetime.combine(since, dt.time()),
        )
        .order_by(Talk.talk_at)
        .limit(1)
    )


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
