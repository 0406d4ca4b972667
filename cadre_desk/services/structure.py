"""班子结构分析: the structure of the cadres (or only the 班子 members) of a scope at a reference date.

A scope is one or more units, every unit of a kind (all 乡镇), or the whole county; with `team_only` it
holds only the members of the units' 班子. Every figure keeps the ids of the cadres behind it, so the
window can open them. Targets come from the local rule table `structure_target` and are always counted
over 班子 members (what they are about), whatever the scope's cadres.

The whole county is read in four column queries and computed in Python (10,000 cadres: tens of ms).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Integer, select, type_coerce
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, FourKind, StructureTarget, TeamMember, TeamPost, Unit
from cadre_desk.domain import structure as rules_of
from cadre_desk.domain import vocab
from cadre_desk.domain.structure import AGE_BANDS, EDUCATION_LEVELS, FOUR_KINDS, POLITICAL_GROUPS, Person
from cadre_desk.domain.yearmonth import YearMonth, parse_date
from cadre_desk.errors import ValidationError
from cadre_desk.services import access, retirement
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

GENDERS = (vocab.Gender.MALE.value, vocab.Gender.FEMALE.value)
DEFAULT_YOUNG_AGE = 35  # as shipped in the four_kind table


@dataclass(frozen=True)
class Scope:
    """What is analysed: `unit_ids` None = the whole county (every cadre, every 班子)."""

    unit_ids: tuple[int, ...] | None
    label: str
    team_only: bool = False
    units: tuple[str, ...] = ()  # the units' names, when the label does not say them (the report's cover)


@dataclass(frozen=True)
class Figure:
    """A number with the cadres behind it."""

    ids: tuple[int, ...] = ()

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class TargetRow:
    """One target over the scope: 应配 / 实配 / 缺配, its colour and word, the cadres behind it."""

    target_id: int
    name: str
    scope: str
    requirement: str  # ≥30% / ≥1名
    per_team: bool
    required: int
    actual: int
    base_ids: tuple[int, ...]
    ids: tuple[int, ...]
    source: str

    @property
    def gap(self) -> int:
        return max(0, self.required - self.actual)

    @property
    def colour(self) -> str:
        return rules_of.colour(self.required, self.actual)

    @property
    def word(self) -> str:
        return rules_of.COLOUR_WORDS[self.colour]


@dataclass(frozen=True)
class Cell:
    """A target in one 班子 (the heat table)."""

    required: int
    actual: int
    ids: tuple[int, ...]

    @property
    def gap(self) -> int:
        return max(0, self.required - self.actual)

    @property
    def colour(self) -> str:
        return rules_of.colour(self.required, self.actual)


@dataclass(frozen=True)
class TeamRow:
    unit_id: int
    unit_name: str
    unit_kind: str
    slots: int  # 职数 核定
    filled: int  # 实配 (current holders)
    vacant: int  # 缺配 (posts below their 职数)
    members: tuple[int, ...]
    cells: dict[int, Cell]  # target id -> cell, for the targets covering this unit's kind
    member_posts: tuple[str, ...] = ()  # the 班子 post each member holds (as `members`)


@dataclass(frozen=True)
class Gap:
    """A 缺口: a 班子 short of a per-team target (which 乡镇 lacks a member under 30 …)."""

    unit_id: int
    unit_name: str
    target_name: str
    required: int
    actual: int

    @property
    def gap(self) -> int:
        return max(0, self.required - self.actual)


@dataclass(frozen=True)
class Figures:
    """The figures of a set of cadres."""

    members: Figure
    age_bands: dict[str, Figure]
    age_pyramid: dict[str, dict[str, Figure]]  # band -> 男 / 女 -> cadres
    average_age: float | None
    gender: dict[str, Figure]
    ethnicity: dict[str, Figure]
    minority: Figure
    political: dict[str, Figure]  # 中共党员 / 民主党派 / 无党派 / 群众 / 未填
    party_outside: Figure
    education_full_time: dict[str, Figure]
    education_highest: dict[str, Figure]
    chiefs: Figure
    deputies: Figure
    retiring_within_3y: Figure
    four_kinds: dict[str, Figure]


@dataclass(frozen=True)
class StructureReport:
    reference_date: dt.date
    scope: Scope
    figures: Figures
    slots: int
    filled: Figure  # holders of the scope's 班子 posts (each cadre once)
    filled_posts: int  # 实配: post holdings (a cadre holding two posts counts twice, as 职数 does)
    vacant: int
    targets: tuple[TargetRow, ...]
    teams: tuple[TeamRow, ...]
    gaps: tuple[Gap, ...]
    team_figures: dict[int, Figures] = field(default_factory=dict)  # unit id -> its 班子's figures

    def to_json(self) -> dict[str, object]:
        """The CLI's object (a public interface: extend, never rename)."""
        f = self.figures

        def counts(d: dict[str, Figure]) -> dict[str, int]:
            return {k: v.count for k, v in d.items()}

        return {
            "reference_date": self.reference_date.isoformat(),
            "scope": self.scope.label,
            "team_only": self.scope.team_only,
            "members": f.members.count,
            "slots": {"approved": self.slots, "filled": self.filled_posts, "vacant": self.vacant},
            "age_bands": counts(f.age_bands),
            "average_age": f.average_age,
            "male": f.gender[vocab.Gender.MALE].count,
            "female": f.gender[vocab.Gender.FEMALE].count,
            "ethnicity": counts(f.ethnicity),
            "minority": f.minority.count,
            "political": counts(f.political),
            "party_outside": f.party_outside.count,
            "masses": f.political[rules_of.MASSES].count,
            "education_full_time": counts(f.education_full_time),
            "education_highest": counts(f.education_highest),
            "chiefs": f.chiefs.count,
            "deputies": f.deputies.count,
            "retiring_within_3y": f.retiring_within_3y.count,
            "four_kinds": counts(f.four_kinds),
            "targets": [
                {
                    "name": t.name,
                    "scope": t.scope,
                    "requirement": t.requirement,
                    "required": t.required,
                    "actual": t.actual,
                    "gap": t.gap,
                    "colour": t.colour,
                    "word": t.word,
                }
                for t in self.targets
            ],
            "gaps": [
                {"unit": g.unit_name, "target": g.target_name, "required": g.required, "actual": g.actual}
                for g in self.gaps
            ],
        }


# --- scope ---------------------------------------------------------------------------------------


def unit_scope(ctx: ServiceContext, unit_ids: Iterable[int], team_only: bool = False) -> Scope:
    access.require(ctx, Permission.RECORDS_READ)
    ids = tuple(dict.fromkeys(unit_ids))
    if not ids:
        raise ValidationError({"unit": "请至少选择一个单位"})
    with ctx.db.read() as session:
        names = dict(session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids))).all())
    missing = [i for i in ids if i not in names]
    if missing:
        raise ValidationError({"unit": f"单位（编号 {missing[0]}）不存在"})
    label = "、".join(names[i] for i in ids[:3]) + (f"等 {len(ids)} 个单位" if len(ids) > 3 else "")
    return Scope(ids, label, team_only, tuple(names[i] for i in ids) if len(ids) > 3 else ())


def kind_scope(ctx: ServiceContext, kind: str, team_only: bool = False) -> Scope:
    """Every live unit of a kind (`乡镇`, `部门` …) or 县直单位."""
    access.require(ctx, Permission.RECORDS_READ)
    kinds = rules_of.COUNTY_UNIT_KINDS if kind == rules_of.SCOPE_COUNTY_UNITS else (kind,)
    if kind != rules_of.SCOPE_COUNTY_UNITS and kind not in vocab.UNIT_KINDS:
        raise ValidationError(
            {"kind": f"单位类别应为 {'、'.join(vocab.UNIT_KINDS)} 或 县直单位（现为 {kind}）"}
        )
    with ctx.db.read() as session:
        ids = tuple(
            session.scalars(
                select(Unit.id)
                .where(Unit.kind.in_(kinds), Unit.archived_at.is_(None))
                .order_by(Unit.sort_order, Unit.id)
            )
        )
    labels: dict[str, str] = {vocab.UnitKind.TOWNSHIP: "全部乡镇", vocab.UnitKind.DEPARTMENT: "全部县直部门"}
    label = labels.get(kind, f"全部{kind}")
    return Scope(ids, label, team_only)


def county_scope(team_only: bool = False) -> Scope:
    return Scope(None, "全县", team_only)


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Holding:
    cadre_id: int
    unit_id: int
    post_id: int
    post_name: str
    level: str


def valid_from(text: str) -> dt.date | None:
    """The date a target is in force from (`2026.01.01`), None for always; ValueError if unreadable."""
    return parse_date(text) if text.strip() else None


def load_targets(session: Session, ref: dt.date) -> list[rules_of.Target]:
    """The targets in force at `ref` (not archived, `valid_from` on or before it)."""
    rows = session.scalars(
        select(StructureTarget)
        .where(StructureTarget.archived_at.is_(None))
        .order_by(StructureTarget.position, StructureTarget.id)
    ).all()
    out = []
    for r in rows:
        start = valid_from(r.valid_from)
        if start is not None and start > ref:
            continue
        out.append(
            rules_of.Target(
                r.id,
                r.name,
                r.scope,
                r.per_team,
                r.base_level,
                r.base_post,
                r.base_max_age,
                r.measure,
                r.measure_value,
                r.required_kind,
                r.required_value,
                r.source,
            )
        )
    return out


def _ratio(part: int, whole: int) -> float | None:
    if not whole:
        return None
    value = Decimal(part) / Decimal(whole)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def summarise(people: list[Person], four_kinds: tuple[str, ...], young_age: int) -> Figures:
    """The figures of `people` (pure)."""
    bands: dict[str, list[int]] = {b: [] for b in AGE_BANDS}
    pyramid: dict[str, dict[str, list[int]]] = {b: {g: [] for g in GENDERS} for b in AGE_BANDS}
    gender: dict[str, list[int]] = {g: [] for g in GENDERS}
    ethnicity: dict[str, list[int]] = defaultdict(list)
    political: dict[str, list[int]] = {g: [] for g in POLITICAL_GROUPS}
    full_time: dict[str, list[int]] = {e: [] for e in EDUCATION_LEVELS}
    highest_ids: dict[str, list[int]] = {e: [] for e in EDUCATION_LEVELS}
    kinds: dict[str, list[int]] = {k: [] for k in four_kinds}
    chiefs, deputies, retiring, minority, outside = [], [], [], [], []
    total_age = 0
    age_band, political_group = rules_of.age_band, rules_of.political_group
    education_level, highest = rules_of.education_level, rules_of.highest_education
    is_minority, chief, deputy = rules_of.is_minority, vocab.PostLevel.CHIEF, vocab.PostLevel.DEPUTY
    outside_groups = (rules_of.DEMOCRATIC, rules_of.NON_PARTY)
    for p in people:
        pid = p.id
        band = age_band(p.age)
        bands[band].append(pid)
        total_age += p.age
        if p.gender in gender:
            gender[p.gender].append(pid)
            pyramid[band][p.gender].append(pid)
        ethnicity[p.ethnicity.strip() or "未填"].append(pid)
        minor = is_minority(p.ethnicity)
        if minor:
            minority.append(pid)
        group = political_group(p.political_status)
        political[group].append(pid)
        if group in outside_groups:
            outside.append(pid)
        full_time[education_level(p.full_time_education)].append(pid)
        highest_ids[highest(p.full_time_education, p.in_service_education)].append(pid)
        if p.post_level == chief:
            chiefs.append(pid)
        elif p.post_level == deputy:
            deputies.append(pid)
        if p.retiring_within_3y:
            retiring.append(pid)
        for kind in four_kinds:
            if kind == rules_of.YOUNG:
                hit = p.age <= young_age
            elif kind == rules_of.WOMEN:
                hit = p.gender == vocab.Gender.FEMALE
            elif kind == rules_of.MINORITY:
                hit = minor
            else:
                hit = group in outside_groups
            if hit:
                kinds[kind].append(pid)

    def figs(d: dict[str, list[int]]) -> dict[str, Figure]:
        return {k: Figure(tuple(v)) for k, v in d.items()}

    return Figures(
        members=Figure(tuple(p.id for p in people)),
        age_bands=figs(bands),
        age_pyramid={b: figs(g) for b, g in pyramid.items()},
        average_age=_ratio(total_age, len(people)),
        gender=figs(gender),
        ethnicity=figs(dict(sorted(ethnicity.items(), key=lambda kv: (kv[0] != rules_of.HAN, -len(kv[1]))))),
        minority=Figure(tuple(minority)),
        political=figs(political),
        party_outside=Figure(tuple(outside)),
        education_full_time=figs(full_time),
        education_highest=figs(highest_ids),
        chiefs=Figure(tuple(chiefs)),
        deputies=Figure(tuple(deputies)),
        retiring_within_3y=Figure(tuple(retiring)),
        four_kinds=figs(kinds),
    )


def four_kinds_setting(session: Session) -> tuple[tuple[str, ...], int]:
    """The 四类干部 counted (the local `four_kind` table; all four if it is empty) and the age of 年轻干部."""
    rows = session.execute(select(FourKind.kind, FourKind.counted, FourKind.max_age)).all()
    if not rows:
        return FOUR_KINDS, DEFAULT_YOUNG_AGE
    counted = {kind for kind, on, _age in rows if on}
    young = next((age for kind, _on, age in rows if kind == rules_of.YOUNG and age), DEFAULT_YOUNG_AGE)
    return tuple(k for k in FOUR_KINDS if k in counted), young


def analyse(ctx: ServiceContext, scope: Scope, ref: dt.date, per_team: bool = False) -> StructureReport:
    """The structure of `scope` at `ref`; with `per_team` also the figures of every 班子 in it."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return analyse_in(session, scope, ref, per_team)


def analyse_in(session: Session, scope: Scope, ref: dt.date, per_team: bool = False) -> StructureReport:
    """`analyse` inside the caller's read transaction (the printed report's; the caller checks access)."""
    ref_ym = YearMonth.from_date(ref)
    conn = session.connection()  # Core rows: no ORM loading for 10,000 plain tuples
    unit_stmt = select(Unit.id, Unit.name, Unit.kind).where(Unit.archived_at.is_(None))
    if scope.unit_ids is not None:
        unit_stmt = unit_stmt.where(Unit.id.in_(scope.unit_ids))
    unit_rows = conn.execute(unit_stmt.order_by(Unit.sort_order, Unit.id)).all()
    unit_ids = [u[0] for u in unit_rows]
    post_rows = conn.execute(
        select(TeamPost.id, TeamPost.unit_id, TeamPost.name, TeamPost.level, TeamPost.slots).where(
            TeamPost.unit_id.in_(unit_ids), TeamPost.archived_at.is_(None)
        )
    ).all()
    holding_rows = conn.execute(
        select(TeamMember.cadre_id, TeamPost.unit_id, TeamPost.id, TeamPost.name, TeamPost.level)
        .join(TeamPost, TeamPost.id == TeamMember.post_id)
        .join(Cadre, Cadre.id == TeamMember.cadre_id)
        .where(
            TeamPost.unit_id.in_(unit_ids),
            TeamPost.archived_at.is_(None),
            TeamMember.archived_at.is_(None),
            TeamMember.until.is_(None),
            Cadre.archived_at.is_(None),
        )
        .order_by(TeamPost.unit_id, TeamPost.sort_order, TeamPost.id, TeamMember.since, TeamMember.id)
    ).all()
    holdings = [_Holding(*r) for r in holding_rows]
    cadre_stmt = select(
        Cadre.id,
        Cadre.unit_id,
        Cadre.gender,
        type_coerce(Cadre.birth, Integer),
        Cadre.ethnicity,
        Cadre.political_status,
        Cadre.fulltime_education,
        Cadre.inservice_education,
        Cadre.rank,
        type_coerce(Cadre.retirement_override, Integer),
    ).where(Cadre.archived_at.is_(None))
    if scope.unit_ids is not None:
        held_ids = {h.cadre_id for h in holdings}
        cadre_stmt = cadre_stmt.where(Cadre.unit_id.in_(unit_ids) | Cadre.id.in_(held_ids))
    cadre_rows = conn.execute(cadre_stmt.order_by(Cadre.id)).all()
    targets = load_targets(session, ref)
    four_kinds, young_age = four_kinds_setting(session)
    women_age = retirement.women_county_age(session)

    months: dict[int, YearMonth] = {}

    def month(value: int) -> YearMonth:
        found = months.get(value)
        if found is None:
            found = months[value] = YearMonth.from_int(value)
        return found

    best_post: dict[int, _Holding] = {}
    for h in holdings:  # a cadre holding several posts in scope counts at the highest (正职 first)
        held = best_post.get(h.cadre_id)
        if held is None or (h.level == vocab.PostLevel.CHIEF and held.level != vocab.PostLevel.CHIEF):
            best_post[h.cadre_id] = h
    ref_index = ref_ym.year * 12 + ref_ym.month - 1
    base: dict[int, tuple[Person, int | None]] = {}
    for cid, unit_id, gender, birth, ethnicity, political, ft, ins, rank, override in cadre_rows:
        by, bm = divmod(birth, 100)
        age = ref_ym.year - by - (1 if ref_ym.month < bm else 0)
        info = retirement.compute(
            month(birth), gender, rank, None if override is None else month(override), "", women_age
        )
        left = info.month.year * 12 + info.month.month - 1 - ref_index
        post = best_post.get(cid)
        person = Person(
            cid,
            age,
            gender,
            ethnicity,
            political,
            ft,
            ins,
            post.level if post else "",
            post.post_name if post else "",
            0 <= left <= 36,
        )
        base[cid] = (person, unit_id)

    in_units = set(unit_ids)
    if scope.team_only:
        chosen = [base[cid][0] for cid in sorted(best_post) if cid in base]
    elif scope.unit_ids is None:
        chosen = [p for p, _u in base.values()]
    else:
        chosen = [p for p, u in base.values() if u in in_units]
    figures = summarise(chosen, four_kinds, young_age)

    # 班子 of every unit in scope: posts, holders, and each holder's person with the post held there.
    slots_by_unit: dict[int, int] = defaultdict(int)
    for _pid, u, _name, _level, slots in post_rows:
        slots_by_unit[u] += slots
    held_by_post: dict[int, int] = defaultdict(int)
    team_people: dict[int, dict[int, Person]] = defaultdict(dict)
    for h in holdings:
        held_by_post[h.post_id] += 1
        entry = base.get(h.cadre_id)
        if entry is None:
            continue
        person = entry[0]
        existing = team_people[h.unit_id].get(h.cadre_id)
        if existing is None or (h.level == vocab.PostLevel.CHIEF and existing.post_level != h.level):
            team_people[h.unit_id][h.cadre_id] = replace(person, post_level=h.level, post_name=h.post_name)
    vacant_by_unit: dict[int, int] = defaultdict(int)
    for pid, u, _name, _level, slots in post_rows:
        vacant_by_unit[u] += max(0, slots - held_by_post.get(pid, 0))

    kinds = {u[0]: u[2] for u in unit_rows}
    teams: list[TeamRow] = []
    target_rows: list[TargetRow] = []
    gaps: list[Gap] = []
    team_cells: dict[int, dict[int, Cell]] = defaultdict(dict)
    for t in targets:
        covered = [u for u in unit_ids if rules_of.scope_covers(t.scope, kinds[u])]
        if not covered:
            continue
        counted = {u: rules_of.evaluate(t, list(team_people.get(u, {}).values())) for u in covered}
        for u, c in counted.items():
            team_cells[u][t.id] = Cell(c.required, c.actual, c.ids)
        if t.per_team:
            required = actual = 0
            base_ids: list[int] = []
            hit_ids: list[int] = []
            for u, c in counted.items():
                required += c.required
                actual += min(c.actual, c.required)
                base_ids.extend(c.base_ids)
                hit_ids.extend(c.ids)
                if c.gap:
                    gaps.append(Gap(u, _unit_name(unit_rows, u), t.name, c.required, c.actual))
            row = TargetRow(
                t.id, t.name, t.scope, t.requirement_text(), True, required, actual,
                tuple(dict.fromkeys(base_ids)), tuple(dict.fromkeys(hit_ids)), t.source,
            )  # fmt: skip
        else:
            pooled: dict[int, Person] = {}
            for u in covered:
                pooled.update(team_people.get(u, {}))
            c = rules_of.evaluate(t, list(pooled.values()))
            row = TargetRow(
                t.id, t.name, t.scope, t.requirement_text(), False, c.required, c.actual, c.base_ids, c.ids,
                t.source,
            )  # fmt: skip
        target_rows.append(row)

    filled_by_unit: dict[int, int] = defaultdict(int)
    for h in holdings:
        filled_by_unit[h.unit_id] += 1
    team_figures: dict[int, Figures] = {}
    for u, name, kind in unit_rows:
        if u not in slots_by_unit and u not in team_people:
            continue  # a unit without a 班子
        people = team_people.get(u, {})
        teams.append(
            TeamRow(u, name, kind, slots_by_unit[u], filled_by_unit[u], vacant_by_unit[u], tuple(people),
                    dict(team_cells[u]), tuple(p.post_name for p in people.values()))
        )  # fmt: skip
        if per_team:
            team_figures[u] = summarise(list(team_people.get(u, {}).values()), four_kinds, young_age)
    filled = tuple(dict.fromkeys(h.cadre_id for h in holdings))
    return StructureReport(
        reference_date=ref,
        scope=scope,
        figures=figures,
        slots=sum(slots_by_unit.values()),
        filled=Figure(filled),
        filled_posts=len(holdings),
        vacant=sum(vacant_by_unit.values()),
        targets=tuple(target_rows),
        teams=tuple(teams),
        gaps=tuple(gaps),
        team_figures=team_figures,
    )


def _unit_name(unit_rows: Iterable[tuple[int, str, str]], unit_id: int) -> str:
    return next(name for u, name, _k in unit_rows if u == unit_id)


@dataclass(frozen=True, slots=True)
class CadreLine:
    """One cadre behind a figure, as the list dialog shows it."""

    id: int
    name: str
    gender: str
    age: int
    ethnicity: str
    political_status: str
    education: str  # full-time 学历
    unit: str
    post: str


def cadres_behind(ctx: ServiceContext, ids: Iterable[int], ref: dt.date) -> list[CadreLine]:
    """The cadres of `ids` (those still on the roster), in the order given, with their age at `ref`."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return cadres_behind_in(session, ids, ref)


def cadres_behind_in(session: Session, ids: Iterable[int], ref: dt.date) -> list[CadreLine]:
    wanted = list(dict.fromkeys(ids))
    at = YearMonth.from_date(ref)
    found: dict[int, CadreLine] = {}
    for start in range(0, len(wanted), 900):  # bounded IN lists (SQLite's parameter limit)
        chunk = wanted[start : start + 900]
        rows = session.execute(
            select(
                Cadre.id,
                Cadre.name,
                Cadre.gender,
                type_coerce(Cadre.birth, Integer),
                Cadre.ethnicity,
                Cadre.political_status,
                Cadre.fulltime_education,
                Unit.name,
                Cadre.post,
            )
            .outerjoin(Unit, Unit.id == Cadre.unit_id)
            .where(Cadre.id.in_(chunk), Cadre.archived_at.is_(None))
        ).all()
        for cid, name, gender, birth, ethnicity, political, education, unit, post in rows:
            by, bm = divmod(birth, 100)
            age = at.year - by - (1 if at.month < bm else 0)
            found[cid] = CadreLine(cid, name, gender, age, ethnicity, political, education, unit or "", post)
    return [found[i] for i in wanted if i in found]
