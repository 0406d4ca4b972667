"""The pool register (后备干部库 page, `pool list`, the 年轻干部台账) and the review flags (`pool flags`,
工作台).

Flags are computed for the active entries (在库, 列为考察对象) at a reference date the caller passes:
- 超龄: the completed age at the reference date is past the pool's age cap (the local table);
- 考核低于称职: an annual assessment of 基本称职 or 不称职 from the year before entering onward;
- 处分: a 惩处 record dated from the year before entering onward (or undated);
- 晴雨表红色: a red reading (its effective colour, a 研判 override included) in a barometer period that
  started by the reference date and ended within the year before it, once past 采集中.
A fault-tolerance (容错) ruling never raises a flag; a 免责 ruling in force (services.tolerance_effects)
also silences the assessment and 处分 flags dated in its window: it is not counted negatively in 后备 status.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from cadre_desk.db.models import (
    Assessment,
    BarometerEntry,
    BarometerPeriod,
    Cadre,
    Mentorship,
    PoolEntry,
    PoolMeasure,
    PoolReview,
    RewardOrPunishment,
    TalentPool,
    Unit,
)
from cadre_desk.domain import barometer as bd
from cadre_desk.domain import pools as rule
from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import YearMonth, age_at
from cadre_desk.services import access, tolerance_effects
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class FlagHit:
    flag: str  # a domain.pools.Flag value
    detail: str  # e.g. `2025年度考核：基本称职`


@dataclass(frozen=True, slots=True)
class EntryRow:
    id: int
    version: int
    cadre_id: int
    name: str
    gender: str
    birth: YearMonth
    unit: str
    post: str
    pool_id: int
    pool: str
    age_cap: int
    entered_on: dt.date
    channel: str
    recommended_by: str
    document_no: str
    direction: str
    mentorship_id: int | None
    mentor: str
    state: str
    state_on: dt.date
    used_post: str
    exit_reason: str
    archived: bool
    age: int  # completed years at the reference date
    flags: tuple[FlagHit, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        """The CLI's fields (a public interface: extend, never rename)."""
        return {
            "id": self.id,
            "cadre_id": self.cadre_id,
            "name": self.name,
            "gender": self.gender,
            "birth": str(self.birth),
            "age": self.age,
            "unit": self.unit,
            "post": self.post,
            "pool": self.pool,
            "age_cap": self.age_cap,
            "entered_on": self.entered_on.isoformat(),
            "channel": self.channel,
            "recommended_by": self.recommended_by,
            "document_no": self.document_no,
            "direction": self.direction,
            "mentor": self.mentor,
            "state": self.state,
            "state_on": self.state_on.isoformat(),
            "used_post": self.used_post,
            "exit_reason": self.exit_reason,
            "flags": [f.flag for f in self.flags],
        }


@dataclass(frozen=True, slots=True)
class FlagRow:
    entry_id: int
    cadre_id: int
    name: str
    pool: str
    state: str
    flag: str
    detail: str

    def to_json(self) -> dict[str, object]:
        return {
            "entry_id": self.entry_id,
            "cadre_id": self.cadre_id,
            "name": self.name,
            "pool": self.pool,
            "state": self.state,
            "flag": self.flag,
            "detail": self.detail,
        }


def _reference(at: dt.date | None) -> dt.date:
    return at or dt.date.today()


def _rows_stmt() -> Select[*tuple[Any, ...]]:
    mentor = aliased(Cadre)
    return (
        select(
            PoolEntry.id,
            PoolEntry.version,
            PoolEntry.cadre_id,
            Cadre.name,
            Cadre.gender,
            Cadre.birth,
            Unit.name,
            Cadre.post,
            PoolEntry.pool_id,
            TalentPool.name,
            TalentPool.age_cap,
            PoolEntry.entered_on,
            PoolEntry.channel,
            PoolEntry.recommended_by,
            PoolEntry.document_no,
            PoolEntry.direction,
            PoolEntry.mentorship_id,
            mentor.name,
            PoolEntry.state,
            PoolEntry.candidate_on,
            PoolEntry.used_on,
            PoolEntry.exited_on,
            PoolEntry.used_post,
            PoolEntry.exit_reason,
            PoolEntry.archived_at,
        )
        .join(Cadre, Cadre.id == PoolEntry.cadre_id)
        .join(TalentPool, TalentPool.id == PoolEntry.pool_id)
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .outerjoin(Mentorship, Mentorship.id == PoolEntry.mentorship_id)
        .outerjoin(mentor, mentor.id == Mentorship.mentor_id)
    )


def entries_in(
    session: Session,
    at: dt.date,
    pool_id: int | None = None,
    state: str | None = None,
    include_archived: bool = False,
    cadre_id: int | None = None,
) -> list[EntryRow]:
    stmt = _rows_stmt().where(Cadre.archived_at.is_(None))
    if not include_archived:
        stmt = stmt.where(PoolEntry.archived_at.is_(None))
    if pool_id is not None:
        stmt = stmt.where(PoolEntry.pool_id == pool_id)
    if state is not None:
        stmt = stmt.where(PoolEntry.state == state)
    if cadre_id is not None:
        stmt = stmt.where(PoolEntry.cadre_id == cadre_id)
    stmt = stmt.order_by(TalentPool.position, PoolEntry.entered_on, PoolEntry.id)
    flags = flags_in(session, at)
    rows = []
    for r in session.execute(stmt):
        state_on = {
            rule.PoolState.CANDIDATE: r[19],
            rule.PoolState.USED: r[20],
            rule.PoolState.EXITED: r[21],
        }.get(rule.PoolState(r[18])) or r[11]
        rows.append(
            EntryRow(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6] or "",
                r[7],
                r[8],
                r[9],
                r[10],
                r[11],
                r[12],
                r[13],
                r[14],
                r[15],
                r[16],
                r[17] or "",
                r[18],
                state_on,
                r[22],
                r[23],
                r[24] is not None,
                age_at(r[5], at),
                tuple(flags.get(r[0], ())),
            )
        )
    return rows


def list_entries(
    ctx: ServiceContext,
    at: dt.date | None = None,
    pool_id: int | None = None,
    state: str | None = None,
    include_archived: bool = False,
    cadre_id: int | None = None,
) -> list[EntryRow]:
    """The register, in pool order then by entry date; each active row with its flags at `at`."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return entries_in(session, _reference(at), pool_id, state, include_archived, cadre_id)


def flags_in(session: Session, at: dt.date) -> dict[int, list[FlagHit]]:
    """entry id → its flags, for every active, unarchived entry of a cadre on the roster."""
    active = (
        select(PoolEntry.id, PoolEntry.cadre_id, PoolEntry.entered_on, Cadre.birth, TalentPool.age_cap)
        .join(Cadre, Cadre.id == PoolEntry.cadre_id)
        .join(TalentPool, TalentPool.id == PoolEntry.pool_id)
        .where(
            PoolEntry.archived_at.is_(None),
            Cadre.archived_at.is_(None),
            PoolEntry.state.in_(rule.ACTIVE_STATES),
        )
    )
    out: dict[int, list[FlagHit]] = defaultdict(list)
    ref = YearMonth.from_date(at)
    entries = session.execute(active).all()
    by_cadre: dict[int, list[tuple[int, int]]] = defaultdict(list)  # cadre → (entry id, first year)
    for entry_id, cadre_id, entered_on, birth, cap in entries:
        age = age_at(birth, ref)
        if age > cap:
            out[entry_id].append(FlagHit(rule.Flag.OVER_AGE, f"{age}岁，超过库别年龄上限{cap}岁"))
        by_cadre[cadre_id].append((entry_id, entered_on.year - 1))
    if not by_cadre:
        return {}
    live = active.with_only_columns(PoolEntry.cadre_id).scalar_subquery()
    grades = session.execute(
        select(Assessment.cadre_id, Assessment.year, Assessment.grade)
        .where(
            Assessment.archived_at.is_(None),
            Assessment.grade.in_(rule.GRADES_BELOW_COMPETENT),
            Assessment.year <= at.year,
            Assessment.cadre_id.in_(live),
        )
        .order_by(Assessment.year)
    ).all()
    tolerated: dict[int, list[tolerance_effects.ToleratedMatter]] = defaultdict(list)
    for matter in tolerance_effects.tolerated_matters(session, by_cadre):
        tolerated[matter.cadre_id].append(matter)

    def excused(cadre_id: int, start: dt.date, end: dt.date) -> bool:
        return any(m.overlaps(start, end) for m in tolerated.get(cadre_id, ()))

    for cadre_id, year, grade in grades:
        if excused(cadre_id, dt.date(year, 1, 1), dt.date(year, 12, 31)):
            continue
        for entry_id, first_year in by_cadre.get(cadre_id, ()):
            if year >= first_year:
                out[entry_id].append(FlagHit(rule.Flag.ASSESSMENT, f"{year}年度考核：{grade}"))
    punishments = session.execute(
        select(RewardOrPunishment.cadre_id, RewardOrPunishment.date, RewardOrPunishment.text)
        .where(
            RewardOrPunishment.archived_at.is_(None),
            RewardOrPunishment.kind == vocab.RewardKind.PUNISHMENT,
            or_(RewardOrPunishment.date.is_(None), RewardOrPunishment.date <= ref),
            RewardOrPunishment.cadre_id.in_(live),
        )
        .order_by(RewardOrPunishment.date)
    ).all()
    for cadre_id, date, text in punishments:
        if date is not None and excused(cadre_id, date.first_day(), date.last_day()):
            continue
        for entry_id, first_year in by_cadre.get(cadre_id, ()):
            if date is None or date.year >= first_year:
                when = f"{date}：" if date is not None else ""
                out[entry_id].append(FlagHit(rule.Flag.DISCIPLINE, f"{when}{text[:60]}"))
    red = session.execute(
        select(
            BarometerEntry.cadre_id, BarometerPeriod.code, BarometerEntry.colour,
            BarometerEntry.override_colour, BarometerEntry.rule_text, BarometerEntry.override_reason,
        )
        .join(BarometerPeriod, BarometerPeriod.id == BarometerEntry.period_id)
        .where(
            BarometerPeriod.state != bd.COLLECTING,
            BarometerPeriod.start <= at,
            BarometerPeriod.end >= at - dt.timedelta(days=365),
            or_(BarometerEntry.colour == bd.RED, BarometerEntry.override_colour == bd.RED),
            BarometerEntry.cadre_id.in_(live),
        )
        .order_by(BarometerPeriod.start)
    ).all()  # fmt: skip
    for cadre_id, code, colour, override, rule_text, reason in red:
        if bd.effective_colour(colour, override) != bd.RED:
            continue
        why = reason if override == bd.RED else rule_text
        for entry_id, _first_year in by_cadre.get(cadre_id, ()):
            out[entry_id].append(
                FlagHit(
                    rule.Flag.BAROMETER_RED, f"{bd.parse_period(code).label}" + (f"：{why}" if why else "")
                )
            )
    return dict(out)


def list_flags(ctx: ServiceContext, at: dt.date | None = None) -> list[FlagRow]:
    """Every flag of every active entry, by pool then name: what 工作台 and `pool flags` show."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        rows = entries_in(session, _reference(at))
    return [
        FlagRow(r.id, r.cadre_id, r.name, r.pool, r.state, f.flag, f.detail) for r in rows for f in r.flags
    ]


def count_flagged(ctx: ServiceContext, at: dt.date | None = None) -> int:
    """How many active entries carry a flag (工作台)."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return len(flags_in(session, _reference(at)))


@dataclass(frozen=True, slots=True)
class LedgerExtras:
    """What the 年轻干部台账 adds to an entry row: measures and the latest review, as text."""

    measures: str
    review: str


def ledger_extras(session: Session, entry_ids: list[int]) -> dict[int, LedgerExtras]:
    measures: dict[int, list[str]] = defaultdict(list)
    if not entry_ids:
        return {}
    ids = select(PoolEntry.id).where(PoolEntry.id.in_(entry_ids)).scalar_subquery()
    for entry_id, kind, start, end, content in session.execute(
        select(
            PoolMeasure.entry_id, PoolMeasure.kind, PoolMeasure.start, PoolMeasure.end, PoolMeasure.content
        )
        .where(PoolMeasure.archived_at.is_(None), PoolMeasure.entry_id.in_(ids))
        .order_by(PoolMeasure.start, PoolMeasure.id)
    ):
        span = f"{start:%Y.%m}--{end:%Y.%m}" if end is not None else f"{start:%Y.%m}--"
        measures[entry_id].append(f"{span} {kind}" + (f"：{content}" if content else ""))
    latest = (
        select(PoolReview.entry_id, func.max(PoolReview.year).label("year"))
        .where(PoolReview.entry_id.in_(ids))
        .group_by(PoolReview.entry_id)
        .subquery()
    )
    reviews = {
        e: f"{y}年：{o}"
        for e, y, o in session.execute(
            select(PoolReview.entry_id, PoolReview.year, PoolReview.opinion).join(
                latest, and_(latest.c.entry_id == PoolReview.entry_id, latest.c.year == PoolReview.year)
            )
        )
    }
    return {e: LedgerExtras("；".join(measures.get(e, ())), reviews.get(e, "")) for e in entry_ids}
