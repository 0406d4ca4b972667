"""One cadre's 晴雨表 over time: the readings of the latest periods (the profile's strip of quarters,
with 已容错 where a 免责 ruling covers a yellow or red), and the warning-ladder steps before an entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import BarometerEntry, BarometerPeriod
from cadre_desk.domain import barometer as bd
from cadre_desk.errors import NotFoundError
from cadre_desk.services import access, tolerance_effects
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext


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
