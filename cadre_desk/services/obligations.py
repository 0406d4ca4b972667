"""Owed talks (应谈): reading them — the view, the lists, the 工作台 counts, the talk editor's draft.

The other jobs of the obligations have a module each:

- `obligation_rules`: the rule table (三必谈: due days, talk kind, talker, training kinds) in 设置 → 规则;
- `obligation_raising`: events raise obligations (`raise_event`, `after_audit`, `training_added`);
- `obligation_settling`: talks settle them (`settle_by_talk`, `unsettle_talk`);
- `obligation_changes`: what staff do to them (免谈, 合并, link a talk, 闭环, reopen, a 苗头 note);
- `obligation_lookback`: 回溯, the events of a past period that no talk answered;
- `obligation_escalation`: the warning ladder of one cadre (提醒 → 函询 → 诫勉 → 调整).

逾期 is computed, never stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, Obligation, Unit
from cadre_desk.domain.obligations import ObligationState as State
from cadre_desk.domain.obligations import is_overdue
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.errors import NotFoundError
from cadre_desk.services import access
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

ENTITY = "obligation"


@dataclass(frozen=True)
class ObligationView:
    id: int
    version: int
    cadre_id: int
    cadre_name: str
    unit_id: int | None
    unit_name: str
    rule: str
    event: str
    event_date: dt.date
    created: dt.date
    due_date: dt.date
    state: str
    overdue: bool
    talk_id: int | None
    talk_kind: str
    talker: str
    reason: str
    origin: str
    merged_into_id: int | None

    def as_json(self) -> dict[str, Any]:
        """The CLI's fields (issue 12 §4)."""
        return {
            "id": self.id,
            "cadre_id": self.cadre_id,
            "cadre_name": self.cadre_name,
            "rule": self.rule,
            "event": self.event,
            "created": format_date(self.created),
            "due": format_date(self.due_date),
            "state": self.state,
            "overdue": self.overdue,
            "talk_id": self.talk_id,
        }


@dataclass(frozen=True)
class TalkDraft:
    """What the talk editor is pre-filled with for an obligation (the outline is the UI's)."""

    obligation_id: int
    kind: str
    subject_id: int
    subject_name: str
    talkers: str
    recorder: str
    event: str


def _query() -> Any:
    return (
        select(Obligation, Cadre.name, Cadre.unit_id, Unit.name)
        .join(Cadre, Cadre.id == Obligation.cadre_id)
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
    )


def _view(found: Any, today: dt.date) -> ObligationView:
    """The view of one `_query()` row (obligation, cadre name, unit id, unit name)."""
    row: Obligation = found[0]
    name, unit_id, unit = found[1], found[2], found[3]
    created = row.created_at.astimezone().date() if row.created_at.tzinfo else row.created_at.date()
    return ObligationView(
        id=row.id,
        version=row.version,
        cadre_id=row.cadre_id,
        cadre_name=name,
        unit_id=unit_id,
        unit_name=unit or "",
        rule=row.rule,
        event=row.event,
        event_date=row.event_date,
        created=created,
        due_date=row.due_date,
        state=row.state,
        overdue=is_overdue(row.state, row.due_date, today),
        talk_id=row.talk_id,
        talk_kind=row.talk_kind,
        talker=row.talker,
        reason=row.reason,
        origin=row.origin,
        merged_into_id=row.merged_into_id,
    )


def view_in(session: Session, obligation_id: int, today: dt.date) -> ObligationView:
    """One obligation's view, read in the caller's session (NotFoundError for an unknown id)."""
    found = session.execute(_query().where(Obligation.id == obligation_id)).first()
    if found is None:
        raise NotFoundError("应谈事项", obligation_id)
    return _view(found, today)


def list_obligations(
    ctx: ServiceContext,
    *,
    unit_id: int | None = None,
    cadre_id: int | None = None,
    states: Sequence[str] | None = None,
    overdue_only: bool = False,
    talker: str | None = None,
    today: dt.date | None = None,
    limit: int | None = None,
) -> list[ObligationView]:
    """Obligations, the most urgent first (by due date), filtered as asked."""
    access.require(ctx, Permission.RECORDS_READ)
    day = today or dt.date.today()
    stmt = _query().where(Cadre.archived_at.is_(None))
    if unit_id is not None:
        stmt = stmt.where(Cadre.unit_id == unit_id)
    if cadre_id is not None:
        stmt = stmt.where(Obligation.cadre_id == cadre_id)
    if overdue_only:
        stmt = stmt.where(Obligation.state == State.PENDING, Obligation.due_date < day)
    elif states:
        stmt = stmt.where(Obligation.state.in_(list(states)))
    if talker is not None:
        stmt = stmt.where(Obligation.talker == talker)
    stmt = stmt.order_by(Obligation.due_date, Obligation.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    with ctx.db.read() as session:
        return [_view(found, day) for found in session.execute(stmt)]


def open_counts(ctx: ServiceContext, today: dt.date | None = None) -> tuple[int, int]:
    """(待谈, of them 逾期) over cadres in service, for 工作台."""
    access.require(ctx, Permission.RECORDS_READ)
    day = today or dt.date.today()
    stmt = (
        select(
            func.count(Obligation.id),
            func.coalesce(func.sum(case((Obligation.due_date < day, 1), else_=0)), 0),
        )
        .join(Cadre, Cadre.id == Obligation.cadre_id)
        .where(Obligation.state == State.PENDING, Cadre.archived_at.is_(None))
    )
    with ctx.db.read() as session:
        total, late = session.execute(stmt).one()
    return int(total or 0), int(late or 0)


def get_obligation(ctx: ServiceContext, obligation_id: int, today: dt.date | None = None) -> ObligationView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return view_in(session, obligation_id, today or dt.date.today())


def talk_draft(ctx: ServiceContext, obligation_id: int) -> TalkDraft:
    """The talk editor's pre-filled values for an obligation (kind, subject, talker by rule, recorder)."""
    access.require(ctx, Permission.RECORDS_READ)
    view = get_obligation(ctx, obligation_id)
    return TalkDraft(
        view.id, view.talk_kind, view.cadre_id, view.cadre_name, view.talker, ctx.operator, view.event
    )
