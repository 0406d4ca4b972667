"""Training compliance per cadre (the national requirement by level, the local days ↔ 学时 conversion and
window from the rule table), for a year and a unit: the register behind the 未达标 list and its export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Subquery, and_, case, func, or_, select
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
        float(values["day_hours"]),
        int(values["plan_start"]),
        bool(values["rolling"]),
    )
    totals = _totals(session, year, day_hours, plan_start, rolling, unit_id, cadre_id)
    people = (
        select(
            Cadre.id,
            Cadre.name,
            Cadre.unit_id,
            Unit.name,
            Cadre.rank,
            *(func.coalesce(totals.c[n], 0.0) for n in rule.TOTALS),
        )
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .outerjoin(totals, totals.c.cadre_id == Cadre.id)
        .where(Cadre.archived_at.is_(None))
    )
    if unit_id is not None:
        people = people.where(Cadre.unit_id == unit_id)
    if cadre_id is not None:
        people = people.where(Cadre.id == cadre_id)
    people = people.order_by(Unit.sort_order.is_(None), Unit.sort_order, Cadre.id)
    assess = rule.assess_totals
    out = []
    # Core rows (the connection, not the ORM session): 10,000 of them, nothing to map to objects
    for row in session.connection().execute(people).all():
        person, name, unit, unit_name, rank = row[:5]
        result = assess(rank, row[5:], year, plan_start, rolling)
        if only_short and result.met:
            continue
        out.append(ComplianceRow(person, name, unit, unit_name or "", rank, result))
    return out


def _totals(
    session: Session,
    year: int,
    day_hours: float,
    plan_start: int,
    rolling: bool,
    unit_id: int | None,
    cadre_id: int | None,
) -> Subquery:
    """Each cadre's training summed in the database (`rule.TOTALS`: both the 县处级 window and the year;
    the level, read from the rank in Python, picks one), so that the 10,000-cadre list reads one row a
    cadre instead of every record of five years."""
    county = rule.window(rule.COUNTY, year, plan_start, rolling)
    first, last = min(county.first, year), max(county.last, year)
    start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    # the year of the start date, else of the end date, as ranges of days (no per-row date functions)
    day = func.coalesce(Training.start_date, Training.end_date)
    online = Training.kind.in_(sorted(rule.ONLINE_KINDS))
    hours = case((Training.hours > 0, Training.hours), else_=Training.days * day_hours)
    days = case((Training.days > 0, Training.days), else_=Training.hours / day_hours)
    in_county = day.between(dt.date(county.first, 1, 1), dt.date(county.last, 12, 31))
    in_year = day.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    in_last = day.between(dt.date(county.last, 1, 1), dt.date(county.last, 12, 31))

    def total(value: ColumnElement[float], *when: ColumnElement[bool]) -> ColumnElement[float]:
        return func.sum(case((and_(*when), value), else_=0.0))

    stmt = (
        select(
            Training.cadre_id.label("cadre_id"),
            total(hours, in_county, ~online).label("county_hours"),
            total(days, in_county, ~online, Training.full_time.is_(True)).label("county_days"),
            total(hours, in_last, online).label("county_online"),
            total(hours, in_year, ~online).label("year_hours"),
            total(days, in_year, ~online).label("year_days"),
            total(hours, in_year, online).label("year_online"),
        )
        .where(
            Training.archived_at.is_(None),
            or_(
                and_(Training.start_date >= start, Training.start_date <= end),
                and_(Training.start_date.is_(None), Training.end_date >= start, Training.end_date <= end),
            ),
        )
        .group_by(Training.cadre_id)
    )
    # archived cadres are left out by the list that joins these sums
    if unit_id is not None:
        stmt = stmt.where(Training.cadre_id.in_(select(Cadre.id).where(Cadre.unit_id == unit_id)))
    if cadre_id is not None:
        stmt = stmt.where(Training.cadre_id == cadre_id)
    return stmt.subquery("training_totals")
