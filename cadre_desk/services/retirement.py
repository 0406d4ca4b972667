"""到龄: every cadre's retirement month (the national formula, or a manual override with its reason), the
到龄 lists by unit, and the 退出领导岗位 warnings from the local exit ages.

Everything is computed at a reference month the caller passes (never silently today). One column query
per list: the 10,000-cadre roster is computed in a few tens of milliseconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Integer, select, type_coerce
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, TeamMember, TeamPost, Unit
from cadre_desk.domain import retirement as formula
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth
from cadre_desk.errors import ValidationError
from cadre_desk.services import access, audit, rules
from cadre_desk.services.access import Permission
from cadre_desk.services.cadre_rows import check_version, load
from cadre_desk.services.context import ServiceContext

COMPUTED, MANUAL = "计算", "手工"
MAX_OVERRIDE_YEARS = 10  # a manual month within 10 years of the computed one (弹性 is up to 3)

# The 到龄 lists of the page and the 工作台, by code.
THIS_MONTH, NEXT_MONTH, THIS_YEAR, HALF_YEAR, THREE_YEARS, OVERDUE = (
    "this_month",
    "next_month",
    "this_year",
    "half_year",
    "three_years",
    "overdue",
)
BUCKETS = (THIS_MONTH, NEXT_MONTH, THIS_YEAR, HALF_YEAR, THREE_YEARS, OVERDUE)
BUCKET_LABELS = {
    THIS_MONTH: "本月到龄",
    NEXT_MONTH: "下月到龄",
    THIS_YEAR: "本年度到龄",
    HALF_YEAR: "半年内到龄",
    THREE_YEARS: "三年内到龄",
    OVERDUE: "已到龄仍在册",
}


@dataclass(frozen=True, slots=True)
class RetirementInfo:
    month: YearMonth
    original_age: int
    age_months: int  # the age in months at `month`
    source: str  # 计算 / 手工
    reason: str  # the override's reason

    @property
    def age_label(self) -> str:
        return formula.age_label(self.age_months)

    def text(self) -> str:
        """`2039.09（63岁）` as the profile shows it."""
        return f"{self.month}（{self.age_label}）"


@lru_cache(maxsize=65536)
def compute(
    birth: YearMonth,
    gender: str,
    rank: str,
    override: YearMonth | None = None,
    reason: str = "",
    women_county_age: int = formula.DEFAULT_WOMEN_COUNTY_AGE,
) -> RetirementInfo:
    """The retirement of one cadre: the override when there is one, else the formula."""
    original = formula.original_age(gender, rank, women_county_age)
    if override is not None:
        return RetirementInfo(override, original, formula.months_between(birth, override), MANUAL, reason)
    result = formula.retirement(birth, original)
    return RetirementInfo(result.month, original, result.age_months, COMPUTED, "")


def women_county_age(session: Session) -> int:
    return int(rules.values(session, rules.RETIREMENT)["women_county_age"])


def retirement_of(session: Session, cadre: Cadre) -> RetirementInfo:
    return compute(
        cadre.birth,
        cadre.gender,
        cadre.rank,
        cadre.retirement_override,
        cadre.retirement_override_reason,
        women_county_age(session),
    )


def get_retirement(ctx: ServiceContext, cadre_id: int) -> RetirementInfo:
    access.require_cadre(ctx, cadre_id)  # a 导师: his mentee's profile
    with ctx.db.read() as session:
        return retirement_of(session, load(session, cadre_id))


def get_computed(ctx: ServiceContext, cadre_id: int) -> RetirementInfo:
    """The month by the formula alone (what an override replaces)."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        cadre = load(session, cadre_id)
        return compute(cadre.birth, cadre.gender, cadre.rank, women_county_age=women_county_age(session))


def post_age_limit_text(post_age_limit: str, original_age: int) -> str:
    """The 改革前任职年龄界限 as the form writes it: the stored text, else the original age."""
    return post_age_limit or f"改革前任职年龄界限为{original_age}岁"


def get_post_age_limit(ctx: ServiceContext, cadre_id: int) -> str:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return load(session, cadre_id).post_age_limit


@dataclass(frozen=True, slots=True)
class RetirementRow:
    id: int
    name: str
    gender: str
    birth: YearMonth
    unit_id: int | None
    unit: str
    post: str
    rank: str
    info: RetirementInfo
    months_left: int  # from the reference month (negative: already reached)

    def to_json(self) -> dict[str, object]:
        """The CLI's fields (a public interface: extend, never rename)."""
        return {
            "id": self.id,
            "name": self.name,
            "gender": self.gender,
            "birth": str(self.birth),
            "original_age": self.info.original_age,
            "retirement_month": str(self.info.month),
            "retirement_age": self.info.age_label,
            "source": self.info.source,
            "reason": self.info.reason,
            "unit": self.unit,
            "post": self.post,
            "months_left": self.months_left,
        }


def reference_month(ref: YearMonth | dt.date | None) -> YearMonth:
    if ref is None:
        return YearMonth.from_date(dt.date.today())
    return ref if isinstance(ref, YearMonth) else YearMonth.from_date(ref)


def all_rows(
    ctx: ServiceContext, ref: YearMonth | dt.date | None = None, unit_id: int | None = None
) -> list[RetirementRow]:
    """Every cadre on the roster with the retirement month, ordered by month, then unit order.

    Year-months come as the stored integers and are made into `YearMonth` once per distinct value, and
    the formula is cached per (birth, gender, rank, override): 10,000 cadres share a few thousand."""
    access.require(ctx, Permission.RECORDS_READ)
    at = reference_month(ref)
    stmt = (
        select(
            Cadre.id,
            Cadre.name,
            Cadre.gender,
            type_coerce(Cadre.birth, Integer),
            Cadre.unit_id,
            Unit.name,
            Cadre.post,
            Cadre.rank,
            type_coerce(Cadre.retirement_override, Integer),
            Cadre.retirement_override_reason,
            Unit.sort_order,
        )
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .where(Cadre.archived_at.is_(None))
    )
    if unit_id is not None:
        stmt = stmt.where(Cadre.unit_id == unit_id)
    with ctx.db.read() as session:
        women_age = women_county_age(session)
        # Core rows (the connection, not the ORM session): 10,000 plain tuples, no ORM row processing
        raw = session.connection().execute(stmt).all()
    months: dict[int, YearMonth] = {}

    def month(value: int) -> YearMonth:
        found = months.get(value)
        if found is None:
            found = months[value] = YearMonth.from_int(value)
        return found

    at_index = at.year * 12 + at.month - 1
    keyed = []
    for r in raw:
        birth = month(r[3])
        override = None if r[8] is None else month(r[8])
        info = compute(birth, r[2], r[7], override, r[9], women_age)
        left = info.month.year * 12 + info.month.month - 1 - at_index
        row = RetirementRow(r[0], r[1], r[2], birth, r[4], r[5] or "", r[6], r[7], info, left)
        keyed.append((left, r[10] if r[10] is not None else 1 << 30, r[0], row))
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed]


def in_bucket(row: RetirementRow, bucket: str, at: YearMonth) -> bool:
    left = row.months_left
    if bucket == THIS_MONTH:
        return left == 0
    if bucket == NEXT_MONTH:
        return left == 1
    if bucket == THIS_YEAR:
        return row.info.month.year == at.year
    if bucket == HALF_YEAR:
        return 0 <= left <= 6
    if bucket == THREE_YEARS:
        return 0 <= left <= 36
    if bucket == OVERDUE:
        return left < 0
    raise ValueError(bucket)


def list_retirements(
    ctx: ServiceContext,
    ref: YearMonth | dt.date | None = None,
    unit_id: int | None = None,
    within: int | None = None,
    bucket: str | None = None,
) -> list[RetirementRow]:
    """The cadres reaching retirement: within `within` months of `ref` (0 = its month; both ends
    included), or in one of BUCKETS; neither: everyone, ordered by month."""
    access.require(ctx, Permission.RECORDS_READ)
    at = reference_month(ref)
    rows = all_rows(ctx, at, unit_id)
    if within is not None:
        if within < 0:
            raise ValidationError({"within": f"月数应不小于 0（现为 {within}）"})
        rows = [r for r in rows if 0 <= r.months_left <= within]
    if bucket is not None:
        rows = [r for r in rows if in_bucket(r, bucket, at)]
    return rows


def bucket_counts(rows: Iterable[RetirementRow], at: YearMonth) -> dict[str, int]:
    listed = list(rows)
    return {b: sum(1 for r in listed if in_bucket(r, b, at)) for b in BUCKETS}


@dataclass(frozen=True, slots=True)
class ExitWarning:
    """A cadre in a leadership post (班子 正职 / 副职) reaching the local exit age."""

    id: int
    name: str
    unit: str
    post: str  # the team post held
    level: str  # 正职 / 副职
    exit_age: int
    exit_month: YearMonth
    months_left: int


def exit_warnings(
    ctx: ServiceContext, ref: YearMonth | dt.date | None = None, unit_id: int | None = None
) -> list[ExitWarning]:
    """退出领导岗位: holders of a 班子 post reaching the local exit age within the warning months of the
    rule table (and those already past it), ordered by month."""
    access.require(ctx, Permission.RECORDS_READ)
    at = reference_month(ref)
    stmt = (
        select(Cadre.id, Cadre.name, Cadre.birth, Unit.name, TeamPost.name, TeamPost.level)
        .join(TeamMember, TeamMember.cadre_id == Cadre.id)
        .join(TeamPost, TeamPost.id == TeamMember.post_id)
        .join(Unit, Unit.id == TeamPost.unit_id)
        .where(
            Cadre.archived_at.is_(None),
            TeamMember.archived_at.is_(None),
            TeamMember.until.is_(None),
            TeamPost.archived_at.is_(None),
        )
    )
    if unit_id is not None:
        stmt = stmt.where(TeamPost.unit_id == unit_id)
    with ctx.db.read() as session:
        ages = rules.values(session, rules.LEADERSHIP_EXIT)
        raw = session.execute(stmt).all()
    by_level = {formula.LEAD_PRINCIPAL: int(ages["principal"]), formula.LEAD_DEPUTY: int(ages["deputy"])}
    warn = int(ages["warn_months"])
    best: dict[int, ExitWarning] = {}
    for cadre_id, name, birth, unit, post, level in raw:
        if level not in by_level:
            continue
        month = formula.exit_month(birth, by_level[level])
        left = formula.months_between(at, month)
        if left > warn:
            continue
        warning = ExitWarning(cadre_id, name, unit, post, level, by_level[level], month, left)
        held = best.get(cadre_id)
        if held is None or warning.exit_month < held.exit_month:
            best[cadre_id] = warning
    return sorted(best.values(), key=lambda w: (w.exit_month, w.id))


def set_override(
    ctx: ServiceContext,
    cadre_id: int,
    month: YearMonth | str | None,
    reason: str,
    expected_version: int,
    post_age_limit: str = "",
) -> RetirementInfo:
    """Set (or clear, with None / "") the manual retirement month, its reason and the 任职年龄界限."""
    access.require(ctx, Permission.RECORDS_WRITE)
    if isinstance(month, str):
        try:
            month = YearMonth.parse_optional(month)
        except DateFormatError as exc:
            raise ValidationError({"retirement_override": str(exc)}) from None
    reason = reason.strip()
    errors: dict[str, str] = {}
    if month is not None and not reason:
        errors["retirement_override_reason"] = "手工设定到龄年月须写明原因（如弹性提前退休、延迟退休协议）"
    if len(reason) > 200:
        errors["retirement_override_reason"] = f"原因不超过 200 字（现为 {len(reason)} 字）"
    post_age_limit = post_age_limit.strip()
    if len(post_age_limit) > 50:
        errors["post_age_limit"] = f"任职年龄界限不超过 50 字（现为 {len(post_age_limit)} 字）"
    with ctx.db.uow() as session:
        cadre = load(session, cadre_id)
        check_version(cadre, expected_version)
        if month is not None:
            computed = formula.retirement(
                cadre.birth, formula.original_age(cadre.gender, cadre.rank, women_county_age(session))
            ).month
            if abs(formula.months_between(computed, month)) > 12 * MAX_OVERRIDE_YEARS:
                errors["retirement_override"] = (
                    f"手工到龄年月 {month} 与按规定计算的 {computed} 相差超过 {MAX_OVERRIDE_YEARS} 年"
                )
        if errors:
            raise ValidationError(errors)
        fields = ("retirement_override", "retirement_override_reason", "post_age_limit")
        before = audit.snapshot(cadre, fields)
        after = {
            "retirement_override": month,
            "retirement_override_reason": reason if month is not None else "",
            "post_age_limit": post_age_limit,
        }
        changes = audit.diff(before, after)
        if changes:
            for key, value in after.items():
                setattr(cadre, key, value)
            session.flush()
            audit.record(session, ctx, "update", "cadre", cadre.id, cadre.uid, changes, cadre.name)
        return retirement_of(session, cadre)
