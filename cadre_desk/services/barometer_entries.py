"""晴雨表 entries read: a period's entries (of a unit, the warnings only, a page of them), one entry, the
counts per unit per colour, and what the 联席研判表 of a period shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import BarometerEntry, Cadre, Unit
from cadre_desk.domain import barometer as bd
from cadre_desk.errors import NotFoundError
from cadre_desk.services import access, barometer_rules
from cadre_desk.services.access import Permission
from cadre_desk.services.barometer import (
    N_INDICATORS,
    EntryView,
    PeriodView,
    shown_colour,
    tolerated_in,
    with_tolerance,
)
from cadre_desk.services.barometer_periods import colour_counts_in, period_in, period_view
from cadre_desk.services.context import ServiceContext

_VIEW_COLUMNS = (
    BarometerEntry.id, BarometerEntry.period_id, BarometerEntry.cadre_id, Cadre.name, Cadre.post,
    BarometerEntry.unit_id, Unit.name, *[getattr(BarometerEntry, c) for c in bd.CODES],
    BarometerEntry.sources,
    BarometerEntry.colour, BarometerEntry.rule_text, BarometerEntry.override_colour,
    BarometerEntry.override_reason, BarometerEntry.override_by, BarometerEntry.override_at,
    BarometerEntry.disposal, BarometerEntry.disposal_way, BarometerEntry.follow_up,
    BarometerEntry.follow_up_done, BarometerEntry.disposed_by, BarometerEntry.version,
)  # fmt: skip


def _view(row: Any) -> EntryView:
    indicators = dict(zip(bd.CODES, row[7 : 7 + N_INDICATORS], strict=True))
    rest = row[7 + N_INDICATORS :]
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
        stmt = stmt.where(shown_colour() != bd.GREEN)
    stmt = stmt.order_by(Unit.sort_order, Unit.id, Cadre.name, Cadre.id)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    views = with_tolerance(session, [_view(r) for r in session.execute(stmt)])
    return [v for v in views if v.warning] if warnings_only else views


def get_entry(ctx: ServiceContext, entry_id: int) -> EntryView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return entry_view_in(session, entry_id)


def entry_view_in(session: Session, entry_id: int) -> EntryView:
    row = session.execute(_entries_stmt().where(BarometerEntry.id == entry_id)).first()
    if row is None:
        raise NotFoundError("晴雨表记录", entry_id)
    return with_tolerance(session, [_view(row)])[0]


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
    shown = shown_colour()
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
    for unit_id, colour, _label in tolerated_in(session, [period_id]).get(period_id, {}).values():
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
    p = period_in(session, period_id)
    period = period_view(p, colour_counts_in(session, [p.id])[p.id])
    warnings = entries_in(session, p.id, warnings_only=True)
    warnings.sort(key=lambda e: bd.COLOURS.index(e.colour))  # red first, then yellow; unit order kept
    return JointReview(
        period, unit_counts_in(session, p.id), warnings, barometer_rules.words_in(session),
        barometer_rules.rules_in(session),
    )  # fmt: skip
