"""Training compliance per cadre (the national requirement by level, the local days ↔ 学时 conversion and
window from the rule table), for a year and a unit: the register behind the 未达标 list and its export."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, extract, func, or_, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, Training, Unit
from cadre_desk.domain import training_compliance as rule
from cadre_desk.services import access, rules
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class ComplianceRow:
    id: int
    name: str
    unit_id: int | None
    unit: str
    rank: str
    result: rule.Compliance

    def to_json(self) -> dict[str, object]:
        """The CLI's fields (a public interface: extend, never rename)."""
        r = self.result
        return {
            "id": self.id,
            "name": self.name,
            "level": r.level,
            "window": r.window.label(),
            "required_hours": r.required_hours,
            "done_hours": r.done_hours,
            "shortfall_hours": r.shortfall_hours,
            "met": r.met,
            "required_days": r.required_days,
            "done_days": r.done_days,
            "shortfall_days": r.shortfall_days,
            "online_hours": r.online_hours,
            "online_met": r.online_met,
            "unit": self.unit,
            "rank": self.rank,
        }


@dataclass(frozen=True)
class ComplianceRules:
    day_hours: float
    plan_start: int
    rolling: bool

    def describe(self) -> str:
        window = "滚动五年" if self.rolling else f"规划期（自 {self.plan_start} 年起每五年）"
        return f"培训每天折算 {self.day_hours:g} 学时；县处级五年周期按{window}计算"


def compliance_rules(ctx: ServiceContext) -> ComplianceRules:
    access.require(ctx, Permission.SIGNED_IN)
    with ctx.db.read() as session:
        values = rules.values(session, rules.TRAINING)
    return ComplianceRules(values["day_hours"], int(values["plan_start"]), bool(values["rolling"]))


def compliance(
    ctx: ServiceContext,
    year: int | None = None,
    unit_id: int | None = None,
    only_short: bool = False,
    cadre_id: int | None = None,
) -> list[ComplianceRow]:
    """Every cadre on the roster (or of `unit_id`, or just `cadre_id`) against the requirement of the
    window of `year` (default: this year), in roster order; `only_short`: those who have not met it."""
    access.require(ctx, Permission.RECORDS_READ)
    year = year or dt.date.today().year
    with ctx.db.read() as session:
        return compliance_in(session, year, unit_id, only_short, cadre_id)


def compliance_in(
    session: Session, year: int, unit_id: int | None, only_short: bool, cadre_id: int | None = None
) -> list[ComplianceRow]:
    values = rules.values(session, rules.TRAINING)
    day_hours, plan_start, rolling = (
        values["day_hours"],
        int(values["plan_start"]),
        bool(values["rolling"]),
    )
    county = rule.window(rule.COUNTY, year, plan_start, rolling)
    first, last = min(county.first, year), max(county.last, year)
    people = select(Cadre.id, Cadre.name, Cadre.unit_id, Unit.name, Cadre.rank).outerjoin(
        Unit, Unit.id == Cadre.unit_id
    )
    people = people.where(Cadre.archived_at.is_(None))
    if unit_id is not None:
        people = people.where(Cadre.unit_id == unit_id)
    if cadre_id is not None:
        people = people.where(Cadre.id == cadre_id)
    people = people.order_by(Unit.sort_order.is_(None), Unit.sort_order, Cadre.id)
    cadre_rows = session.execute(people).all()
    start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    records = (
        select(
            Training.cadre_id,
            func.coalesce(extract("year", Training.start_date), extract("year", Training.end_date)),
            Training.kind,
            Training.hours,
            Training.days,
            Training.full_time,
        )
        .join(Cadre, Cadre.id == Training.cadre_id)
        .where(
            Training.archived_at.is_(None),
            Cadre.archived_at.is_(None),
            or_(
                and_(Training.start_date >= start, Training.start_date <= end),
                and_(Training.start_date.is_(None), Training.end_date >= start, Training.end_date <= end),
            ),
        )
    )
    if unit_id is not None:
        records = records.where(Cadre.unit_id == unit_id)
    if cadre_id is not None:
        records = records.where(Cadre.id == cadre_id)
    by_cadre: dict[int, list[rule.Record]] = defaultdict(list)
    for owner, year_of, kind, hours, days, full_time in session.execute(records):
        by_cadre[owner].append(
            rule.Record(None if year_of is None else int(year_of), kind, hours, days, bool(full_time))
        )
    out = []
    for person, name, unit, unit_name, rank in cadre_rows:
        result = rule.assess(rank, by_cadre.get(person, ()), year, day_hours, plan_start, rolling)
        if only_short and result.met:
            continue
        out.append(ComplianceRow(person, name, unit, unit_name or "", rank, result))
    return out
