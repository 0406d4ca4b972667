"""回溯: the 任职 and 青干班 events of a past period that no talk answered, for a department that starts
using the rules with years of data already in, and registering them as obligations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import aliased

from cadre_desk.db.models import Cadre, Obligation, ResumeEntry, Talk, TalkSubject, Training, Unit
from cadre_desk.domain.obligations import ObligationRuleCode as Code
from cadre_desk.domain.obligations import split_kinds
from cadre_desk.domain.yearmonth import YearMonth, format_date
from cadre_desk.errors import ValidationError
from cadre_desk.services import access
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.obligation_raising import Event, raise_events
from cadre_desk.services.obligation_rules import active_rule


@dataclass(frozen=True)
class PastEvent:
    cadre_id: int
    cadre_name: str
    unit_name: str
    rule: str
    event: str
    event_date: dt.date
    origin: str
    origin_id: int

    def as_json(self) -> dict[str, Any]:
        return {
            "cadre_id": self.cadre_id,
            "cadre_name": self.cadre_name,
            "unit": self.unit_name,
            "rule": self.rule,
            "event": self.event,
            "date": format_date(self.event_date),
        }


def _no_talk(kind: str, cadre_col: Any, after: Any) -> Any:
    """No talk of `kind` with the cadre meeting `after` (a condition on Talk.talk_at) (SQL)."""
    return ~(
        select(TalkSubject.id)
        .join(Talk, Talk.id == TalkSubject.talk_id)
        .where(TalkSubject.cadre_id == cadre_col, Talk.kind == kind, Talk.archived_at.is_(None), after)
        .exists()
    )


def _no_obligation(rule: str, cadre_col: Any) -> Any:
    return ~select(Obligation.id).where(Obligation.cadre_id == cadre_col, Obligation.rule == rule).exists()


def lookback(ctx: ServiceContext, start: dt.date, end: dt.date, limit: int = 5000) -> list[PastEvent]:
    """回溯: the 任职 (a new main 简历 line, neither a cadre's first nor the first job) and 青干班 events
    of [start, end] with no talk of the rule's kind since, and no obligation of that rule for the cadre
    (oldest first)."""
    access.require(ctx, Permission.RECORDS_READ)
    if end < start:
        raise ValidationError({"end": "结束日期早于开始日期"})
    out: list[PastEvent] = []
    with ctx.db.read() as session:
        appointment = active_rule(session, Code.APPOINTMENT)
        if appointment is not None:
            other = aliased(ResumeEntry)
            first = (
                select(func.min(other.start))
                .where(other.cadre_id == Cadre.id, other.archived_at.is_(None))
                .correlate(Cadre)
                .scalar_subquery()
            )
            talk_month = extract("year", Talk.talk_at) * 100 + extract("month", Talk.talk_at)
            rows = session.execute(
                select(ResumeEntry.id, ResumeEntry.start, ResumeEntry.text, Cadre.id, Cadre.name, Unit.name)
                .join(Cadre, Cadre.id == ResumeEntry.cadre_id)
                .outerjoin(Unit, Unit.id == Cadre.unit_id)
                .where(
                    Cadre.archived_at.is_(None),
                    ResumeEntry.archived_at.is_(None),
                    ResumeEntry.parent_id.is_(None),
                    ResumeEntry.start.between(YearMonth.from_date(start), YearMonth.from_date(end)),
                    ResumeEntry.start > first,
                    or_(
                        Cadre.work_start.is_(None), ResumeEntry.start != Cadre.work_start
                    ),  # not the first job
                    _no_obligation(Code.APPOINTMENT, Cadre.id),
                    _no_talk(appointment.talk_kind, Cadre.id, talk_month >= ResumeEntry.start),
                )
                .order_by(ResumeEntry.start, Cadre.id)
                .limit(limit)
            ).all()
            for rid, month, text, cid, name, unit in rows:
                out.append(
                    PastEvent(
                        cid,
                        name,
                        unit or "",
                        Code.APPOINTMENT,
                        f"任职：{month}-- {text}",
                        month.first_day(),
                        "resume",
                        rid,
                    )
                )
        youth = active_rule(session, Code.YOUTH_CLASS)
        if youth is not None:
            trainings = session.execute(
                select(
                    Training.id,
                    Training.start_date,
                    Training.kind,
                    Training.name,
                    Cadre.id,
                    Cadre.name,
                    Unit.name,
                )
                .join(Cadre, Cadre.id == Training.cadre_id)
                .outerjoin(Unit, Unit.id == Cadre.unit_id)
                .where(
                    Cadre.archived_at.is_(None),
                    Training.archived_at.is_(None),
                    Training.kind.in_(split_kinds(youth.training_kinds)),
                    Training.start_date.between(start, end),
                    _no_obligation(Code.YOUTH_CLASS, Cadre.id),
                    _no_talk(youth.talk_kind, Cadre.id, Talk.talk_at >= Training.start_date),
                )
                .order_by(Training.start_date, Cadre.id)
                .limit(limit)
            ).all()
            for tid, day, kind, title, cid, name, unit in trainings:
                event = f"参加{kind}：{title}"
                assert day is not None  # between() leaves NULL out
                out.append(PastEvent(cid, name, unit or "", Code.YOUTH_CLASS, event, day, "training", tid))
    out.sort(key=lambda e: (e.event_date, e.cadre_id))
    return out[:limit]


def raise_past(ctx: ServiceContext, events: Sequence[PastEvent]) -> int:
    """Register 回溯 events as obligations (due from their own date, so usually already 逾期)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        return len(
            raise_events(
                session,
                ctx,
                [Event(e.cadre_id, e.rule, e.event, e.event_date, e.origin, e.origin_id) for e in events],
            )
        )
