"""Two training registers beside the compliance list: newly promoted cadres who must complete the
requirement of their level within a year of 提任 (with the deadline), and the 青干班 participants.

提任 is read as 任现职时间 (the month the present post began). A cadre promoted in the 24 months before the
reference date is listed when the 集中培训 of the year before 提任 fell short of the level's requirement
(乡科级 90 学时 or 12 days; 县处级 550 学时 or 90 days: 干部教育培训工作条例 2023); what counts after 提任 is
the training from 提任 to the deadline (提任 + 12 months). Online learning does not count. Days ↔ 学时 use
the local conversion (rule table)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from cadre_desk.db.models import Cadre, Training, Unit
from cadre_desk.domain import training_compliance as rule
from cadre_desk.domain.yearmonth import YearMonth, format_date
from cadre_desk.services import access, rules
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

YOUTH_CLASS = "青干班"
DONE, BEFORE, OPEN, OVERDUE = "已完成", "提任前已达标", "未完成", "逾期未完成"


@dataclass(frozen=True, slots=True)
class PromotedRow:
    id: int
    name: str
    unit: str
    post: str
    rank: str
    level: str
    promoted: YearMonth  # 任现职时间
    deadline: dt.date  # the last day of the twelfth month after 提任
    required_hours: float
    required_days: float
    done_hours: float  # since 提任, up to the deadline
    done_days: float
    state: str  # 已完成 / 提任前已达标 / 未完成 / 逾期未完成
    days_left: int  # to the deadline at the reference date (negative: overdue)

    @property
    def shortfall_hours(self) -> float:
        return max(0.0, round(self.required_hours - self.done_hours, 1))

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "unit": self.unit, "post": self.post, "rank": self.rank,
            "level": self.level, "promoted": str(self.promoted), "deadline": self.deadline.isoformat(),
            "required_hours": self.required_hours, "required_days": self.required_days,
            "done_hours": self.done_hours, "done_days": self.done_days,
            "shortfall_hours": self.shortfall_hours, "state": self.state, "days_left": self.days_left,
        }  # fmt: skip


def _requirement(level: str) -> tuple[float, float]:
    return (
        (rule.COUNTY_HOURS, rule.COUNTY_DAYS)
        if level == rule.COUNTY
        else (rule.TOWNSHIP_HOURS, rule.TOWNSHIP_DAYS)
    )


def newly_promoted(
    ctx: ServiceContext, at: dt.date | None = None, unit_id: int | None = None, outstanding: bool = False
) -> list[PromotedRow]:
    """Cadres promoted in the 24 months before `at` whose training before 提任 fell short, by deadline;
    `outstanding`: only those not (yet) done."""
    access.require(ctx, Permission.RECORDS_READ)
    at = at or dt.date.today()
    ref = YearMonth.from_date(at)
    first = ref.add_months(-24)
    with ctx.db.read() as session:
        day_hours = rules.values(session, rules.TRAINING)["day_hours"]
        people = (
            select(Cadre.id, Cadre.name, Unit.name, Cadre.post, Cadre.rank, Cadre.post_since)
            .outerjoin(Unit, Unit.id == Cadre.unit_id)
            .where(Cadre.archived_at.is_(None), Cadre.post_since.is_not(None), Cadre.post_since > first,
                   Cadre.post_since <= ref)
        )  # fmt: skip
        if unit_id is not None:
            people = people.where(Cadre.unit_id == unit_id)
        # Core rows (the connection, not the ORM session): thousands of plain tuples, no mapping
        conn = session.connection()
        rows = conn.execute(people).all()
        ids = [r[0] for r in rows]
        records: dict[int, list[tuple[dt.date, float, float]]] = defaultdict(list)
        if ids:
            day = func.coalesce(Training.start_date, Training.end_date)
            for owner, when, kind, hours, days in conn.execute(
                select(Training.cadre_id, day, Training.kind, Training.hours, Training.days).where(
                    Training.archived_at.is_(None),
                    Training.cadre_id.in_(select(Cadre.id).where(Cadre.id.in_(ids))),
                    day >= first.add_months(-11).first_day(),  # a year before the earliest 提任 listed
                    day <= at,
                )
            ):
                if kind in rule.ONLINE_KINDS:
                    continue
                h = hours if hours else days * day_hours
                d = days if days else (hours / day_hours if day_hours else 0.0)
                records[owner].append((when, h, d))
    out = []
    for cadre_id, name, unit, post, rank, since in rows:
        assert since is not None  # the query asked for it
        level = rule.level(rank or "")
        need_h, need_d = _requirement(level)
        start = since.first_day()
        deadline = since.add_months(11).last_day()
        before = [r for r in records[cadre_id] if since.add_months(-12).first_day() <= r[0] < start]
        after = [r for r in records[cadre_id] if start <= r[0] <= deadline]
        met_before = sum(r[1] for r in before) >= need_h or sum(r[2] for r in before) >= need_d
        done_h, done_d = round(sum(r[1] for r in after), 1), round(sum(r[2] for r in after), 1)
        if met_before:
            state = BEFORE
        elif done_h >= need_h or done_d >= need_d:
            state = DONE
        else:
            state = OVERDUE if at > deadline else OPEN
        if state == BEFORE or (outstanding and state == DONE):
            continue
        out.append(
            PromotedRow(cadre_id, name, unit or "", post, rank, level, since, deadline, need_h, need_d,
                        done_h, done_d, state, (deadline - at).days)
        )  # fmt: skip
    out.sort(key=lambda r: (r.deadline, r.id))
    return out


@dataclass(frozen=True, slots=True)
class YouthClassRow:
    cadre_id: int
    name: str
    unit: str
    post: str
    course: str
    organiser: str
    start: dt.date | None
    end: dt.date | None
    hours: float
    days: float

    def to_json(self) -> dict[str, object]:
        return {
            "cadre_id": self.cadre_id, "name": self.name, "unit": self.unit, "post": self.post,
            "course": self.course, "organiser": self.organiser, "start": format_date(self.start),
            "end": format_date(self.end), "hours": self.hours, "days": self.days,
        }  # fmt: skip


def youth_class(
    ctx: ServiceContext, year: int | None = None, unit_id: int | None = None
) -> list[YouthClassRow]:
    """Every 青干班 attendance (a training record of kind 青干班) starting in `year` (default: all years),
    newest class first."""
    access.require(ctx, Permission.RECORDS_READ)
    day = func.coalesce(Training.start_date, Training.end_date)
    stmt = (
        select(Cadre.id, Cadre.name, Unit.name, Cadre.post, Training.name, Training.organiser,
               Training.start_date, Training.end_date, Training.hours, Training.days)
        .join(Cadre, Cadre.id == Training.cadre_id)
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .where(Training.archived_at.is_(None), Cadre.archived_at.is_(None), Training.kind == YOUTH_CLASS)
        .order_by(day.desc(), Training.name, Cadre.id)
    )  # fmt: skip
    if year is not None:
        stmt = stmt.where(day >= dt.date(year, 1, 1), day <= dt.date(year, 12, 31))
    if unit_id is not None:
        stmt = stmt.where(Cadre.unit_id == unit_id)
    with ctx.db.read() as session:
        return [
            YouthClassRow(i, n, u or "", p, c, o, s, e, h, d)
            for i, n, u, p, c, o, s, e, h, d in session.connection().execute(stmt).all()
        ]
