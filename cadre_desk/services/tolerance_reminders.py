"""容错纠错 on 工作台: the correction measures not done yet of the cases in force, the most urgent first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, ToleranceCase, ToleranceMeasure, Unit
from cadre_desk.domain.tolerance import CaseState
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.tolerance_rules import require_tolerance


@dataclass(frozen=True)
class MeasureReminder:
    measure_id: int
    case_id: int
    number: str
    cadre_name: str
    action: str
    owner: str
    due_date: dt.date | None


def measures_due_in(
    session: Session, due_before: dt.date | None = None, limit: int | None = None
) -> tuple[list[MeasureReminder], int]:
    """Correction measures not done yet of cases in force, the most urgent first, and their count."""
    where = (
        ToleranceMeasure.done_date.is_(None),
        ToleranceMeasure.archived_at.is_(None),
        ToleranceCase.archived_at.is_(None),
        ToleranceCase.state != CaseState.ARCHIVED.value,
        *(() if due_before is None else (ToleranceMeasure.due_date <= due_before,)),
    )
    total = session.scalar(
        select(func.count(ToleranceMeasure.id))
        .join(ToleranceCase, ToleranceCase.id == ToleranceMeasure.case_id)
        .where(*where)
    )
    stmt = (
        select(ToleranceMeasure, ToleranceCase.number, Cadre.name, Unit.name)
        .join(ToleranceCase, ToleranceCase.id == ToleranceMeasure.case_id)
        .outerjoin(Cadre, Cadre.id == ToleranceCase.cadre_id)
        .outerjoin(Unit, Unit.id == ToleranceCase.unit_id)
        .where(*where)
        .order_by(ToleranceMeasure.due_date.is_(None), ToleranceMeasure.due_date, ToleranceMeasure.id)
        .limit(limit)
    )
    items = [
        MeasureReminder(m.id, m.case_id, number, cadre or unit or "", m.action, m.owner, m.due_date)
        for m, number, cadre, unit in session.execute(stmt)
    ]
    return items, int(total or 0)


def open_measures(ctx: ServiceContext, due_before: dt.date | None = None) -> list[MeasureReminder]:
    """Correction measures not done yet of cases in force, the most urgent first."""
    require_tolerance(ctx)
    with ctx.db.read() as session:
        return measures_due_in(session, due_before)[0]
