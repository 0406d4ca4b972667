"""晴雨表 periods: parsing a period code, opening a period (a green entry for every cadre on the roster),
the counts per colour, and moving a period 采集中 → 研判中 → 已发布 (back from 研判中; 已发布 is final).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from cadre_desk.db.base import new_uid, utcnow
from cadre_desk.db.models import BarometerEntry, BarometerPeriod, Cadre
from cadre_desk.domain import barometer as bd
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.barometer import ENTRY, PeriodView, shown_colour, tolerated_in
from cadre_desk.services.context import ServiceContext


def parse_period(text: str) -> bd.Period:
    try:
        return bd.parse_period(text)
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from None


def colour_counts_in(session: Session, period_ids: Iterable[int]) -> dict[int, Counter[str]]:
    ids = list(period_ids)
    out: dict[int, Counter[str]] = {i: Counter() for i in ids}
    if not ids:
        return out
    shown = shown_colour()
    for pid, colour, n in session.execute(
        select(BarometerEntry.period_id, shown, func.count())
        .where(BarometerEntry.period_id.in_(ids))
        .group_by(BarometerEntry.period_id, shown)
    ):
        out[pid][colour] = n
    for pid, covered in tolerated_in(session, ids).items():  # 已容错 counts as green
        for _unit, colour, _label in covered.values():
            out[pid][colour] -= 1
            out[pid][bd.GREEN] += 1
    return out


def period_view(p: BarometerPeriod, counts: Counter[str]) -> PeriodView:
    return PeriodView(
        p.id, p.code, bd.parse_period(p.code).label, p.start, p.end, p.state, dict(counts),
        sum(counts.values()), p.published_at, p.published_by, p.version,
    )  # fmt: skip


def period_counts_in(session: Session, period_id: int) -> dict[str, int]:
    return dict(colour_counts_in(session, [period_id])[period_id])


def list_periods(ctx: ServiceContext) -> list[PeriodView]:
    """Every period, newest first, with its counts per colour."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        periods = list(session.scalars(select(BarometerPeriod).order_by(BarometerPeriod.start.desc())))
        counts = colour_counts_in(session, (p.id for p in periods))
        return [period_view(p, counts[p.id]) for p in periods]


def period_in(session: Session, code_or_id: str | int) -> BarometerPeriod:
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
        p = period_in(session, code_or_id)
        return period_view(p, colour_counts_in(session, [p.id])[p.id])


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
        return period_view(p, Counter({bd.GREEN: len(cadres)}))


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
        p = period_in(session, period_id)
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
                    shown_colour() != bd.GREEN,
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
        return period_view(p, colour_counts_in(session, [p.id])[p.id])
