"""容错纠错: reading the register — one case, the filtered list (newest first, with each case's open
correction measures), the years that have cases, and the counts by state.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import extract, func, select

from cadre_desk.db.models import Cadre, ToleranceCase, ToleranceMeasure, Unit
from cadre_desk.domain.tolerance import CaseState
from cadre_desk.errors import ValidationError
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.tolerance import CaseRow, CaseView, load, view
from cadre_desk.services.tolerance_rules import require_tolerance


def get_case(ctx: ServiceContext, case_id: int) -> CaseView:
    require_tolerance(ctx)
    with ctx.db.read() as session:
        return view(session, load(session, case_id))


def list_cases(
    ctx: ServiceContext,
    state: str | None = None,
    year: int | None = None,
    cadre_id: int | None = None,
    archived: bool = False,
    limit: int = 500,
    offset: int = 0,
) -> list[CaseRow]:
    """The register, newest first; `year` is the year the case was registered (received_on)."""
    require_tolerance(ctx)
    if state is not None and state not in tuple(CaseState):
        raise ValidationError({"state": f"状态“{state}”不在可选范围内（{'、'.join(CaseState)}）"})
    stmt = (
        select(ToleranceCase, Cadre.name, Unit.name)
        .outerjoin(Cadre, Cadre.id == ToleranceCase.cadre_id)
        .outerjoin(Unit, Unit.id == func.coalesce(ToleranceCase.unit_id, Cadre.unit_id))
        .where(ToleranceCase.archived_at.is_not(None) if archived else ToleranceCase.archived_at.is_(None))
    )
    if state is not None:
        stmt = stmt.where(ToleranceCase.state == state)
    if year is not None:
        stmt = stmt.where(extract("year", ToleranceCase.received_on) == year)
    if cadre_id is not None:
        stmt = stmt.where(ToleranceCase.cadre_id == cadre_id)
    stmt = (
        stmt.order_by(ToleranceCase.received_on.desc(), ToleranceCase.id.desc()).limit(limit).offset(offset)
    )
    with ctx.db.read() as session:
        found = session.execute(stmt).all()
        ids = [c.id for c, _, _ in found]
        open_counts: dict[int, tuple[int, dt.date | None]] = {}
        if ids:
            for case_id, count, due in session.execute(
                select(ToleranceMeasure.case_id, func.count(), func.min(ToleranceMeasure.due_date))
                .where(
                    ToleranceMeasure.case_id.in_(ids),
                    ToleranceMeasure.done_date.is_(None),
                    ToleranceMeasure.archived_at.is_(None),
                )
                .group_by(ToleranceMeasure.case_id)
            ):
                open_counts[case_id] = (int(count), due)
        return [
            CaseRow(
                id=c.id,
                number=c.number,
                state=c.state,
                cadre_id=c.cadre_id,
                cadre_name=cadre_name or "",
                unit_name=unit_name or "",
                matter=c.matter,
                origin=c.origin,
                received_on=c.received_on,
                ruling=c.ruling,
                ruling_date=c.ruling_date,
                ruling_number=c.ruling_number,
                open_measures=open_counts.get(c.id, (0, None))[0],
                next_due=open_counts.get(c.id, (0, None))[1],
            )
            for c, cadre_name, unit_name in found
        ]


def case_years(ctx: ServiceContext) -> list[int]:
    """The years that have cases (registered), newest first: the register's year filter."""
    require_tolerance(ctx)
    with ctx.db.read() as session:
        years = session.scalars(
            select(extract("year", ToleranceCase.received_on))
            .distinct()
            .where(ToleranceCase.archived_at.is_(None))
        )
        return sorted({int(y) for y in years if y is not None}, reverse=True)


def counts_by_state(ctx: ServiceContext) -> dict[str, int]:
    require_tolerance(ctx)
    with ctx.db.read() as session:
        found: dict[str, int] = defaultdict(int)
        for state, n in session.execute(
            select(ToleranceCase.state, func.count())
            .where(ToleranceCase.archived_at.is_(None))
            .group_by(ToleranceCase.state)
        ):
            found[state] = int(n)
        return {s.value: found[s.value] for s in CaseState}
