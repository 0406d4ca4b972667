"""The yearly summary of 容错纠错 work: the cases registered in a year, counted by 情形 and by ruling."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, ToleranceCase, ToleranceCaseRule, ToleranceRule, Unit
from cadre_desk.domain.tolerance import CaseState, Ruling, is_ruled
from cadre_desk.errors import ValidationError
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.tolerance_rules import require_tolerance

NOT_RULED = "未认定"


@dataclass(frozen=True)
class SummaryCase:
    number: str
    name: str  # the cadre, or the unit
    unit: str
    matter: str
    origin: str
    received_on: dt.date
    state: str
    rules: tuple[str, ...]
    ruling: str
    ruling_date: dt.date | None
    ruling_number: str


@dataclass(frozen=True)
class ToleranceSummary:
    year: int
    cases: tuple[SummaryCase, ...]
    by_state: tuple[tuple[str, int], ...]
    by_rule: tuple[tuple[str, int], ...]  # every 情形 of the list in force, and archived ones used
    by_ruling: tuple[tuple[str, int], ...]  # every ruling, then 未认定 (cases with no ruling in force)

    @property
    def total(self) -> int:
        return len(self.cases)

    @property
    def exempted(self) -> int:
        return sum(n for r, n in self.by_ruling if r in (Ruling.EXEMPT, Ruling.NOT_ACCOUNTABLE))


def summary_in(session: Session, year: int) -> ToleranceSummary:
    if not 1950 <= year <= 2100:
        raise ValidationError({"year": f"年度应在 1950–2100 之间（现为 {year}）"})
    rows = session.execute(
        select(ToleranceCase, Cadre.name, Unit.name)
        .outerjoin(Cadre, Cadre.id == ToleranceCase.cadre_id)
        .outerjoin(Unit, Unit.id == func.coalesce(ToleranceCase.unit_id, Cadre.unit_id))
        .where(ToleranceCase.archived_at.is_(None), extract("year", ToleranceCase.received_on) == year)
        .order_by(ToleranceCase.received_on, ToleranceCase.id)
    ).all()
    ids = [c.id for c, _, _ in rows]
    rules: dict[int, list[str]] = {}
    used: Counter[int] = Counter()
    if ids:
        for case_id, rule_id, text in session.execute(
            select(ToleranceCaseRule.case_id, ToleranceRule.id, ToleranceRule.text)
            .join(ToleranceRule, ToleranceRule.id == ToleranceCaseRule.rule_id)
            .where(ToleranceCaseRule.case_id.in_(ids))
            .order_by(ToleranceRule.position, ToleranceRule.id)
        ):
            rules.setdefault(case_id, []).append(text)
            used[rule_id] += 1
    listed = session.execute(
        select(ToleranceRule.id, ToleranceRule.text, ToleranceRule.archived_at).order_by(
            ToleranceRule.position, ToleranceRule.id
        )
    ).all()
    by_rule = tuple(
        (text, used[rule_id]) for rule_id, text, archived in listed if archived is None or used[rule_id]
    )
    cases = tuple(
        SummaryCase(
            c.number,
            cadre or unit or "",
            unit or "",
            c.matter,
            c.origin,
            c.received_on,
            c.state,
            tuple(rules.get(c.id, ())),
            c.ruling if is_ruled(c.state) else "",
            c.ruling_date if is_ruled(c.state) else None,
            c.ruling_number if is_ruled(c.state) else "",
        )
        for c, cadre, unit in rows
    )
    states = Counter(c.state for c in cases)
    rulings = Counter(c.ruling or NOT_RULED for c in cases)
    return ToleranceSummary(
        year,
        cases,
        tuple((s.value, states[s.value]) for s in CaseState),
        by_rule,
        (*((r.value, rulings[r.value]) for r in Ruling), (NOT_RULED, rulings[NOT_RULED])),
    )


def yearly_summary(ctx: ServiceContext, year: int) -> ToleranceSummary:
    require_tolerance(ctx)
    with ctx.db.read() as session:
        return summary_in(session, year)
