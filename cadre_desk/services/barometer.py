"""晴雨表 (Barometer) use cases: open a period, set a cadre's indicators, recompute the colours of a period,
the 研判 override, 处置, and moving a period 采集中 → 研判中 → 已发布.

Every reading keeps the rule that fired; colours are computed by the local rule table
(services.barometer_rules) and shown with their configured word. `effective_colour` is the one place
that decides which colour an entry shows (a 研判 override wins over the computed one).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from cadre_desk.db.base import new_uid, utcnow
from cadre_desk.db.models import BarometerEntry, BarometerPeriod, Cadre, Unit
from cadre_desk.domain import barometer as bd
from cadre_desk.domain.obligations import ObligationRuleCode
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import (
    access,
    audit,
    barometer_rules,
    obligation_raising,
    tolerance_effects,
)
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

ENTRY: Table = BarometerEntry.__table__  # type: ignore[assignment]  # declarative: a Table


@dataclass(frozen=True)
class PeriodView:
    id: int
    code: str
    label: str
    start: dt.date
    end: dt.date
    state: str
    counts: dict[str, int]  # per colour code (effective colours)
    total: int
    published_at: dt.datetime | None
    published_by: str
    version: int

    def to_json(self, words: Mapping[str, str]) -> dict[str, Any]:
        return {
            "id": self.id,
            "period": self.code,
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "state": self.state,
            "total": self.total,
            "counts": {words[c]: self.counts.get(c, 0) for c in bd.COLOURS},
            "published_at": self.published_at.isoformat(timespec="seconds") if self.published_at else None,
            "published_by": self.published_by or None,
        }


@dataclass(frozen=True)
class EntryView:
    id: int
    period_id: int
    cadre_id: int
    name: str
    post: str
    unit_id: int | None
    unit: str
    indicators: dict[str, str] = field(hash=False)
    sources: str
    computed_colour: str
    rule_text: str
    override_colour: str
    override_reason: str
    override_by: str
    override_at: dt.datetime | None
    disposal: str
    disposal_way: str
    follow_up: str
    follow_up_done: bool
    disposed_by: str
    version: int
    # 已容错: a 免责 ruling whose window covers the period (services.tolerance_effects), as its label;
    # a yellow or red so covered counts as green (not negative) and shows 已容错.
    tolerated: str = ""

    @property
    def colour(self) -> str:
        """The colour shown: the 研判 override if any, else the computed one."""
        return effective_colour(self)

    @property
    def warning(self) -> bool:
        return self.colour in (bd.RED, bd.YELLOW)

    def to_json(self, words: Mapping[str, str]) -> dict[str, Any]:
        return {
            "id": self.id,
            "cadre_id": self.cadre_id,
            "name": self.name,
            "unit": self.unit,
            "colour": words[self.colour],
            "computed_colour": words[self.computed_colour],
            "rule": self.rule_text or None,
            "override": (
                {"colour": words[self.override_colour], "reason": self.override_reason,
                 "by": self.override_by,
                 "at": self.override_at.isoformat(timespec="seconds") if self.override_at else None}
                if self.override_colour else None
            ),
            "disposal": (
                {"kind": self.disposal, "way": self.disposal_way or None, "follow_up": self.follow_up,
                 "done": self.follow_up_done, "by": self.disposed_by}
                if self.disposal else None
            ),
            "indicators": {bd.BY_CODE[k].label: v for k, v in self.indicators.items() if v},
            "sources": self.sources,
            "tolerated": self.tolerated or None,
        }  # fmt: skip


def effective_colour(entry: EntryView | BarometerEntry) -> str:
    """The colour an entry shows and counts as (the hook for anything that changes what it counts as):
    the 研判 override wins over the computed colour, and a reading covered by a 免责 ruling (已容错)
    counts as green."""
    if isinstance(entry, EntryView) and entry.tolerated:
        return bd.GREEN
    return bd.effective_colour(entry.colour if isinstance(entry, BarometerEntry) else entry.computed_colour,
                               entry.override_colour)  # fmt: skip


def _tolerated_in(
    session: Session, period_ids: Iterable[int]
) -> dict[int, dict[int, tuple[int | None, str, str]]]:
    """Per period, the non-green readings covered by a 免责 ruling: entry id -> (unit id, shown colour,
    the ruling's label)."""
    out: dict[int, dict[int, tuple[int | None, str, str]]] = {}
    shown = func.coalesce(func.nullif(BarometerEntry.override_colour, ""), BarometerEntry.colour)
    for p in session.scalars(select(BarometerPeriod).where(BarometerPeriod.id.in_(list(period_ids)))):
        rows = session.execute(
            select(BarometerEntry.id, BarometerEntry.cadre_id, BarometerEntry.unit_id, shown).where(
                BarometerEntry.period_id == p.id, shown != bd.GREEN
            )
        ).all()
        matters = tolerance_effects.tolerated_matters(session, {r[1] for r in rows}, p.start, p.end)
        by_cadre: dict[int, str] = {}
        for m in matters:
            if m.overlaps(p.start, p.end):
                by_cadre.setdefault(m.cadre_id, m.label())
        out[p.id] = {r[0]: (r[2], r[3], by_cadre[r[1]]) for r in rows if r[1] in by_cadre}
    return out


def _with_tolerance(session: Session, views: list[EntryView]) -> list[EntryView]:
    found = _tolerated_in(session, {v.period_id for v in views if v.colour != bd.GREEN})
    return [
        replace(v, tolerated=found[v.period_id][v.id][2]) if v.id in found.get(v.period_id, {}) else v
        for v in views
    ]


# --- periods -----------------------------------------------------------------------------------------


def parse_period(text: str) -> bd.Period:
    try:
        return bd.parse_period(text)
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from None


def _counts(session: Session, period_ids: Iterable[int]) -> dict[int, Counter[str]]:
    ids = list(period_ids)
    out: dict[int, Counter[str]] = {i: Counter() for i in ids}
    if not ids:
        return out
    shown = func.coalesce(func.nullif(BarometerEntry.override_colour, ""), BarometerEntry.colour)
    for pid, colour, n in session.execute(
        select(BarometerEntry.period_id, shown, func.count())
        .where(BarometerEntry.period_id.in_(ids))
        .group_by(BarometerEntry.period_id, shown)
    ):
        out[pid][colour] = n
    for pid, covered in _tolerated_in(session, ids).items():  # 已容错 counts as green
        for _unit, colour, _label in covered.values():
            out[pid][colour] -= 1
            out[pid][bd.GREEN] += 1
    return out


def _period_view(p: BarometerPeriod, counts: Counter[str]) -> PeriodView:
    return PeriodView(
        p.id, p.code, bd.parse_period(p.code).label, p.start, p.end, p.state, dict(counts),
        sum(counts.values()), p.published_at, p.published_by, p.version,
    )  # fmt: skip


def period_counts_in(session: Session, period_id: int) -> dict[str, int]:
    return dict(_counts(session, [period_id])[period_id])


def list_periods(ctx: ServiceContext) -> list[PeriodView]:
    """Every period, newest first, with its counts per colour."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        periods = list(session.scalars(select(BarometerPeriod).order_by(BarometerPeriod.start.desc())))
        counts = _counts(session, (p.id for p in periods))
        return [_period_view(p, counts[p.id]) for p in periods]


def _period_in(session: Session, code_or_id: str | int) -> BarometerPeriod:
    if isinstance(code_or_id, int):
        found = session.get(BarometerPeriod, code_or_id)
    else:
        code = parse_period(code_or_id).code
        found = session.scalars(select(BarometerPeriod).where(BarometerPeriod.code == code)).first()
    if found is None:
        raise NotFoundError("晴雨表期次", code_or_id)
    return found


def get_period(ctx: ServiceContext, code_or_id: str | int) -> PeriodView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        p = _period_in(session, code_or_id)
        return _period_view(p, _counts(session, [p.id])[p.id])


def open_period(ctx: ServiceContext, code: str) -> PeriodView:
    """A new period (采集中) with a green entry for every cadre on the roster, in the cadre's unit."""
    access.require(ctx, Permission.RECORDS_WRITE)
    period = parse_period(code)
    with ctx.db.uow() as session:
        if session.scalar(select(BarometerPeriod.id).where(BarometerPeriod.code == period.code)):
            raise ValidationError({"period": f"{period.label}（{period.code}）已建立"})
        p = BarometerPeriod(code=period.code, start=period.start, end=period.end, state=bd.COLLECTING)
        session.add(p)
        session.flush()
        cadres = session.execute(select(Cadre.id, Cadre.unit_id).where(Cadre.archived_at.is_(None))).all()
        _insert_entries(session, p.id, cadres)
        audit.record(session, ctx, "create", "barometer_period", p.id, p.uid, {"code": [None, p.code]},
                     f"建立晴雨表期次 {period.label}，{len(cadres)} 人")  # fmt: skip
        return _period_view(p, Counter({bd.GREEN: len(cadres)}))


def _insert_entries(session: Session, period_id: int, cadres: Iterable[tuple[int, int | None]]) -> None:
    now = utcnow()
    blank = {code: "" for code in bd.CODES}
    rows = [
        {"period_id": period_id, "cadre_id": cid, "unit_id": uid, "uid": new_uid(), "created_at": now,
         "updated_at": now, "version": 1, **blank, "sources": "", "colour": bd.GREEN, "rule_id": None,
         "rule_text": "", "override_colour": "", "override_reason": "", "override_by": "",
         "override_at": None,
         "disposal": "", "disposal_way": "", "follow_up": "", "follow_up_done": False, "disposed_by": ""}
        for cid, uid in cadres
    ]  # fmt: skip
    for start in range(0, len(rows), 5000):
        session.execute(insert(ENTRY), rows[start : start + 5000])


def new_entry(period_id: int, cadre_id: int, unit_id: int | None) -> BarometerEntry:
    """A blank, green entry (every text field set, so it can be edited before it is flushed)."""
    return BarometerEntry(
        period_id=period_id, cadre_id=cadre_id, unit_id=unit_id, **dict.fromkeys(bd.CODES, ""), sources="",
        colour=bd.GREEN, rule_text="", override_colour="", override_reason="", override_by="", disposal="",
        disposal_way="", follow_up="", follow_up_done=False, disposed_by="",
    )  # fmt: skip


_NEXT_STATE = {bd.COLLECTING: bd.REVIEWING, bd.REVIEWING: bd.PUBLISHED}


def set_state(ctx: ServiceContext, period_id: int, state: str, expected_version: int) -> PeriodView:
    """采集中 → 研判中 → 已发布, or back from 研判中 to 采集中. A published period is final."""
    access.require(ctx, Permission.RECORDS_WRITE)
    if state not in bd.PERIOD_STATES:
        raise ValidationError({"state": f"状态应为 {'、'.join(bd.PERIOD_STATES)} 之一"})
    with ctx.db.uow() as session:
        p = _period_in(session, period_id)
        if p.version != expected_version:
            raise ConflictError("晴雨表期次", p.code, expected_version, p.version)
        allowed = _NEXT_STATE.get(p.state) == state or (p.state, state) == (bd.REVIEWING, bd.COLLECTING)
        if not allowed:
            raise ValidationError({"state": f"{p.code} 现为“{p.state}”，不能改为“{state}”"})
        if state == bd.PUBLISHED:
            undecided = session.scalar(
                select(func.count())
                .select_from(BarometerEntry)
                .where(
                    BarometerEntry.period_id == p.id,
                    func.coalesce(func.nullif(BarometerEntry.override_colour, ""), BarometerEntry.colour)
                    != bd.GREEN,
                    BarometerEntry.disposal == "",
                )
            )
            if undecided:
                raise ValidationError(
                    {"state": f"还有 {undecided} 名黄、红干部未确定处置（可选“无”），不能发布"}
                )
            p.published_at = utcnow()
            p.published_by = ctx.operator
        audit.record(
            session, ctx, "update", "barometer_period", p.id, p.uid, {"state": [p.state, state]}, p.code
        )
        p.state = state
        session.flush()
        return _period_view(p, _counts(session, [p.id])[p.id])


def _writable(p: BarometerPeriod) -> None:
    if p.state == bd.PUBLISHED:
        raise ValidationError({"period": f"{p.code} 已发布，不能再修改"})


# --- entries -----------------------------------------------------------------------------------------

_VIEW_COLUMNS = (
    BarometerEntry.id, BarometerEntry.period_id, BarometerEntry.cadre_id, Cadre.name, Cadre.post,
    BarometerEntry.unit_id, Unit.name, *[getattr(BarometerEntry, c) for c in bd.CODES],
    BarometerEntry.sources,
    BarometerEntry.colour, BarometerEntry.rule_text, BarometerEntry.override_colour,
    BarometerEntry.override_reason, BarometerEntry.override_by, BarometerEntry.override_at,
    BarometerEntry.disposal, BarometerEntry.disposal_way, BarometerEntry.follow_up,
    BarometerEntry.follow_up_done, BarometerEntry.disposed_by, BarometerEntry.version,
)  # fmt: skip
_N = len(bd.CODES)


def _view(row: Any) -> EntryView:
    indicators = dict(zip(bd.CODES, row[7 : 7 + _N], strict=True))
    rest = row[7 + _N :]
    return EntryView(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or "", indicators, *rest)


def _entries_stmt() -> Any:
    return (
        select(*_VIEW_COLUMNS)
        .join(Cadre, Cadre.id == BarometerEntry.cadre_id)
        .outerjoin(Unit, Unit.id == BarometerEntry.unit_id)
    )


def list_entries(
    ctx: ServiceContext,
    period_id: int,
    unit_id: int | None = None,
    warnings_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[EntryView]:
    """The entries of a period (of one unit), in the roster's order: unit, then name; a page of them
    with `limit` and `offset`."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return entries_in(session, period_id, unit_id, warnings_only, limit, offset)


def entries_in(
    session: Session,
    period_id: int,
    unit_id: int | None = None,
    warnings_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[EntryView]:
    stmt = _entries_stmt().where(BarometerEntry.period_id == period_id)
    if unit_id is not None:
        stmt = stmt.where(BarometerEntry.unit_id == unit_id)
    if warnings_only:
        stmt = stmt.where(
            func.coalesce(func.nullif(BarometerEntry.override_colour, ""), BarometerEntry.colour) != bd.GREEN
        )
    stmt = stmt.order_by(Unit.sort_order, Unit.id, Cadre.name, Cadre.id)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    views = _with_tolerance(session, [_view(r) for r in session.execute(stmt)])
    return [v for v in views if v.warning] if warnings_only else views


def get_entry(ctx: ServiceContext, entry_id: int) -> EntryView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return _entry_view_in(session, entry_id)


def _entry_view_in(session: Session, entry_id: int) -> EntryView:
    row = session.execute(_entries_stmt().where(BarometerEntry.id == entry_id)).first()
    if row is None:
        raise NotFoundError("晴雨表记录", entry_id)
    return _with_tolerance(session, [_view(row)])[0]


@dataclass(frozen=True)
class UnitCount:
    unit_id: int | None
    unit: str
    counts: dict[str, int]


def unit_counts(ctx: ServiceContext, period_id: int) -> list[UnitCount]:
    """Per unit (in the unit tree's order) the number of entries of each colour."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return unit_counts_in(session, period_id)


def unit_counts_in(session: Session, period_id: int) -> list[UnitCount]:
    shown = func.coalesce(func.nullif(BarometerEntry.override_colour, ""), BarometerEntry.colour)
    stmt = (
        select(BarometerEntry.unit_id, Unit.name, shown, func.count())
        .outerjoin(Unit, Unit.id == BarometerEntry.unit_id)
        .where(BarometerEntry.period_id == period_id)
        .group_by(BarometerEntry.unit_id, Unit.name, Unit.sort_order, shown)
        .order_by(Unit.sort_order, BarometerEntry.unit_id)
    )
    out: dict[int | None, UnitCount] = {}
    for unit_id, name, colour, n in session.execute(stmt):
        item = out.setdefault(unit_id, UnitCount(unit_id, name or "（无单位）", {}))
        item.counts[colour] = n
    for unit_id, colour, _label in _tolerated_in(session, [period_id]).get(period_id, {}).values():
        counts = out[unit_id].counts
        counts[colour] -= 1
        counts[bd.GREEN] = counts.get(bd.GREEN, 0) + 1
    return list(out.values())


@dataclass(frozen=True)
class JointReview:
    """What the 联席研判表 of a period shows: counts per unit, then every yellow and red reading."""

    period: PeriodView
    units: list[UnitCount]
    warnings: list[EntryView]
    words: dict[str, str]
    rules: list[bd.ColourRule]


def gather_joint_review_in(session: Session, period_id: int) -> JointReview:
    p = _period_in(session, period_id)
    period = _period_view(p, _counts(session, [p.id])[p.id])
    warnings = entries_in(session, p.id, warnings_only=True)
    warnings.sort(key=lambda e: bd.COLOURS.index(e.colour))  # red first, then yellow; unit order kept
    return JointReview(
        period, unit_counts_in(session, p.id), warnings, barometer_rules.words_in(session),
        barometer_rules.rules_in(session),
    )  # fmt: skip


def _locked_entry(
    session: Session, entry_id: int, expected_version: int
) -> tuple[BarometerEntry, BarometerPeriod]:
    entry = session.get(BarometerEntry, entry_id)
    if entry is None:
        raise NotFoundError("晴雨表记录", entry_id)
    period = session.get(BarometerPeriod, entry.period_id)
    assert period is not None
    _writable(period)
    if entry.version != expected_version:
        raise ConflictError("晴雨表记录", entry_id, expected_version, entry.version)
    return entry, period


def clean_indicators(values: Mapping[str, object]) -> dict[str, str]:
    """The stored form of each given indicator; every bad value is named (ValidationError)."""
    errors: dict[str, str] = {}
    out: dict[str, str] = {}
    for code, raw in values.items():
        if code not in bd.BY_CODE:
            errors[code] = f"没有指标“{code}”"
            continue
        try:
            out[code] = bd.clean_value(code, raw)
        except bd.IndicatorError as exc:
            errors[code] = str(exc)
    if errors:
        raise ValidationError(errors)
    return out


def _apply_reading(entry: BarometerEntry, reading: bd.Reading) -> None:
    entry.colour = reading.colour
    entry.rule_id = reading.rule.id if reading.rule else None
    entry.rule_text = reading.rule_text[:200]


def set_indicators(
    ctx: ServiceContext, entry_id: int, values: Mapping[str, object], expected_version: int
) -> EntryView:
    """Change some indicators of one entry; its colour is computed again at once."""
    access.require(ctx, Permission.RECORDS_WRITE)
    cleaned = clean_indicators(values)
    with ctx.db.uow() as session:
        entry, _period = _locked_entry(session, entry_id, expected_version)
        before = audit.snapshot(entry, tuple(cleaned))
        changes = audit.diff(before, cleaned)
        if not changes:
            return _entry_view_in(session, entry_id)
        was = effective_colour(entry)
        for code, value in cleaned.items():
            setattr(entry, code, value)
        current = {code: str(getattr(entry, code)) for code in bd.CODES}
        _apply_reading(entry, bd.evaluate(current, barometer_rules.rules_in(session)))
        audit.record(session, ctx, "update", "barometer_entry", entry.id, entry.uid, changes, "晴雨表指标")
        session.flush()
        raise_warning_signs(session, ctx, [(entry, was)])
        return _entry_view_in(session, entry_id)


@dataclass(frozen=True)
class RecomputeResult:
    changed: int
    counts: dict[str, int]


def recompute(ctx: ServiceContext, period_id: int) -> RecomputeResult:
    """Colour every entry of a period again by the rule table as it is now (after a rule changed)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        p = _period_in(session, period_id)
        _writable(p)
        changed, counts = recompute_in(session, ctx, p.id)
        audit.record(session, ctx, "update", "barometer_period", p.id, p.uid, {"recomputed": changed},
                     f"重新计算 {p.code} 的颜色：{changed} 人变化")  # fmt: skip
        return RecomputeResult(changed, dict(counts))


def recompute_in(
    session: Session, ctx: ServiceContext, period_id: int, entry_ids: Iterable[int] | None = None
) -> tuple[int, Counter[str]]:
    """Colour the entries of a period (or just `entry_ids`) in the caller's transaction: one read, then
    one executemany of the rows whose colour or rule changed (their version is bumped)."""
    rules = barometer_rules.rules_in(session)
    cols = [ENTRY.c.id, *[ENTRY.c[c] for c in bd.CODES], ENTRY.c.colour, ENTRY.c.rule_id, ENTRY.c.rule_text,
            ENTRY.c.override_colour]  # fmt: skip
    stmt = select(*cols).where(ENTRY.c.period_id == period_id)
    if entry_ids is not None:
        stmt = stmt.where(ENTRY.c.id.in_(list(entry_ids)))
    updates: list[dict[str, Any]] = []
    turned: list[int] = []
    counts: Counter[str] = Counter()
    for row in session.execute(stmt):
        reading = bd.evaluate(dict(zip(bd.CODES, row[1 : 1 + _N], strict=True)), rules)
        colour, rule_id, rule_text, override = row[1 + _N :]
        new_id = reading.rule.id if reading.rule else None
        text = reading.rule_text[:200]
        counts[override or reading.colour] += 1
        if (reading.colour, new_id, text) != (colour, rule_id, rule_text):
            updates.append(
                {"b_id": row[0], "b_colour": reading.colour, "b_rule_id": new_id, "b_rule_text": text}
            )
            if not override and colour == bd.GREEN and reading.colour != bd.GREEN:
                turned.append(row[0])
    if updates:
        now = utcnow()
        stmt_u = (
            update(ENTRY)
            .where(ENTRY.c.id == bindparam("b_id"))
            .values(colour=bindparam("b_colour"), rule_id=bindparam("b_rule_id"),
                    rule_text=bindparam("b_rule_text"), version=ENTRY.c.version + 1, updated_at=now)
        )  # fmt: skip
        session.execute(stmt_u, updates, execution_options={"synchronize_session": False})
    if turned:
        entries = session.scalars(
            select(BarometerEntry)
            .where(BarometerEntry.id.in_(turned))
            .execution_options(populate_existing=True)  # the rows were just updated behind the ORM
        ).all()
        raise_warning_signs(session, ctx, [(e, bd.GREEN) for e in entries])
    return len(updates), counts


def override(
    ctx: ServiceContext, entry_id: int, colour: str, reason: str, expected_version: int
) -> EntryView:
    """The 研判 decision: show `colour` instead of the computed one, with a reason (who and when are kept).
    A blank `colour` withdraws the override."""
    access.require(ctx, Permission.RECORDS_WRITE)
    colour = {w: c for c, w in bd.DEFAULT_WORDS.items()}.get(colour.strip(), colour.strip())
    reason = reason.strip()
    if colour and colour not in bd.COLOURS:
        raise ValidationError({"colour": "研判颜色应为红、黄或绿"})
    if colour and not reason:
        raise ValidationError({"reason": "请写明研判理由"})
    if len(reason) > 500:
        raise ValidationError({"reason": "研判理由最多 500 个字"})
    with ctx.db.uow() as session:
        entry, _period = _locked_entry(session, entry_id, expected_version)
        was = effective_colour(entry)
        before = audit.snapshot(entry, ("override_colour", "override_reason"))
        after = {"override_colour": colour, "override_reason": reason if colour else ""}
        changes = audit.diff(before, after)
        if changes:
            entry.override_colour = after["override_colour"]
            entry.override_reason = after["override_reason"]
            entry.override_by = ctx.operator if colour else ""
            entry.override_at = utcnow() if colour else None
            audit.record(
                session, ctx, "update", "barometer_entry", entry.id, entry.uid, changes, "晴雨表研判"
            )
            session.flush()
            raise_warning_signs(session, ctx, [(entry, was)])
        return _entry_view_in(session, entry_id)


def dispose(
    ctx: ServiceContext,
    entry_id: int,
    disposal: str,
    way: str,
    follow_up: str,
    done: bool,
    expected_version: int,
) -> EntryView:
    """处置 of an entry (提醒谈话 / 函询 / 诫勉 / 调整岗位 with its way / 限制使用 / 无) and its follow-up."""
    access.require(ctx, Permission.RECORDS_WRITE)
    disposal, way, follow_up = disposal.strip(), way.strip(), follow_up.strip()
    errors: dict[str, str] = {}
    if disposal and disposal not in bd.DISPOSALS:
        errors["disposal"] = f"处置应为 {'、'.join(bd.DISPOSALS)} 之一"
    if disposal == bd.ADJUSTMENT and way not in bd.ADJUSTMENT_WAYS:
        errors["way"] = f"调整岗位须选择方式：{'、'.join(bd.ADJUSTMENT_WAYS)}"
    if disposal != bd.ADJUSTMENT and way:
        errors["way"] = "只有调整岗位需要选择方式"
    if len(follow_up) > 1000:
        errors["follow_up"] = "后续跟进最多 1000 个字"
    if errors:
        raise ValidationError(errors)
    with ctx.db.uow() as session:
        entry, _period = _locked_entry(session, entry_id, expected_version)
        fields = ("disposal", "disposal_way", "follow_up", "follow_up_done")
        after: dict[str, object] = {"disposal": disposal, "disposal_way": way, "follow_up": follow_up,
                                    "follow_up_done": bool(done and disposal)}  # fmt: skip
        changes = audit.diff(audit.snapshot(entry, fields), after)
        if changes:
            for key, value in after.items():
                setattr(entry, key, value)
            entry.disposed_by = ctx.operator if disposal else ""
            audit.record(
                session, ctx, "update", "barometer_entry", entry.id, entry.uid, changes, "晴雨表处置"
            )
            session.flush()
        return _entry_view_in(session, entry_id)


def ladder_before(ctx: ServiceContext, entry_id: int) -> list[tuple[str, str]]:
    """The warning-ladder steps (提醒谈话, 函询, 诫勉) of this cadre's earlier periods, oldest first, as
    (period code, step): 调整岗位 is meant to come only after them."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        entry = session.get(BarometerEntry, entry_id)
        if entry is None:
            raise NotFoundError("晴雨表记录", entry_id)
        period = session.get(BarometerPeriod, entry.period_id)
        assert period is not None
        rows = session.execute(
            select(BarometerPeriod.code, BarometerEntry.disposal, BarometerEntry.talk_measure)
            .join(BarometerPeriod, BarometerPeriod.id == BarometerEntry.period_id)
            .where(BarometerEntry.cadre_id == entry.cadre_id, BarometerPeriod.start <= period.start)
            .order_by(BarometerPeriod.start)
        ).all()
    steps: list[tuple[str, str]] = []
    for code, disposal, measure in rows:
        for step in (measure, disposal):
            if step in bd.LADDER and (code, step) not in steps:
                steps.append((code, step))
    return steps


@dataclass(frozen=True)
class CadreReading:
    period: str  # 2026Q4
    label: str
    state: str
    colour: str
    rule_text: str
    override_reason: str
    disposal: str
    disposal_way: str
    tolerated: str = ""  # 已容错（…）: a 免责 ruling covers this yellow or red reading


def cadre_history(ctx: ServiceContext, cadre_id: int, limit: int = 8) -> list[CadreReading]:
    """The cadre's readings of the latest `limit` periods, oldest first (the profile's strip of quarters)."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return cadre_history_in(session, cadre_id, limit)


def cadre_history_in(session: Session, cadre_id: int, limit: int = 8) -> list[CadreReading]:
    rows = session.execute(
        select(BarometerPeriod.code, BarometerPeriod.state, BarometerEntry.colour,
               BarometerEntry.override_colour, BarometerEntry.rule_text, BarometerEntry.override_reason,
               BarometerEntry.disposal, BarometerEntry.disposal_way)
        .join(BarometerPeriod, BarometerPeriod.id == BarometerEntry.period_id)
        .where(BarometerEntry.cadre_id == cadre_id)
        .order_by(BarometerPeriod.start.desc())
        .limit(limit)
    ).all()  # fmt: skip
    matters = tolerance_effects.tolerated_matters(session, [cadre_id])
    out = []
    for code, state, colour, over, rule, reason, disposal, way in reversed(rows):
        period = bd.parse_period(code)
        shown = bd.effective_colour(colour, over)
        covering = next((m for m in matters if m.overlaps(period.start, period.end)), None)
        tolerated = covering.label() if covering is not None and shown != bd.GREEN else ""
        out.append(CadreReading(code, period.label, state, shown, rule, reason, disposal, way, tolerated))
    return out


def raise_warning_signs(
    session: Session, ctx: ServiceContext, entries: list[tuple[BarometerEntry, str]]
) -> list[int]:
    """A reading that turned yellow or red (from green) owes a 苗头 talk (三必谈): the obligation is raised
    in the caller's transaction (once per entry). `entries`: (entry, colour it showed before).
    Returns the ids of the obligations raised."""
    turned = entries_turned(entries)
    covered = _tolerated_in(session, {e.period_id for e in turned}) if turned else {}
    codes = {
        p.id: p.code
        for p in session.scalars(
            select(BarometerPeriod).where(BarometerPeriod.id.in_({e.period_id for e in turned}))
        )
    }
    today = dt.date.today()
    return obligation_raising.raise_events(
        session,
        ctx,
        [
            obligation_raising.Event(
                entry.cadre_id,
                ObligationRuleCode.WARNING_SIGN,
                f"晴雨表 {codes.get(entry.period_id, '')} 预警：{_warning_reason(entry)}",
                today,
                "barometer",
                entry.id,
            )
            for entry in turned
            # 已容错: a 免责 ruling covers the reading, which counts as green, not as a warning
            if entry.id not in covered.get(entry.period_id, {})
        ],
        today,
    )


def _warning_reason(entry: BarometerEntry) -> str:
    return entry.rule_text or entry.override_reason or "研判列为预警"


def entries_turned(entries: list[tuple[BarometerEntry, str]]) -> list[BarometerEntry]:
    return [e for e, was in entries if was == bd.GREEN and effective_colour(e) != bd.GREEN]
