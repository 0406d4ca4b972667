"""How a pool entry is developed: dated development measures (挂职 linked to the secondment record,
轮岗, 重点工作抽调, 培训, 帮带) and the yearly reviews (年度研判意见), each audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import PoolEntry, PoolMeasure, PoolReview, Secondment
from cadre_desk.domain import pools as rule
from cadre_desk.errors import ConflictError, NotFoundError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.field_errors import FieldErrors
from cadre_desk.services.pool_entries import load_entry


@dataclass(frozen=True)
class MeasureInput:
    kind: str
    start: dt.date | str
    end: dt.date | str | None = None
    content: str = ""
    secondment_id: int | None = None  # 挂职: the cadre's secondment record


@dataclass(frozen=True)
class MeasureView:
    id: int
    version: int
    entry_id: int
    kind: str
    start: dt.date
    end: dt.date | None
    content: str
    secondment_id: int | None
    secondment: str  # the linked record as text: `2023.03--2024.03 县发改委 挂职副主任`


def _secondment_text(s: Secondment | None) -> str:
    if s is None:
        return ""
    span = f"{s.start}--{s.end}" if s.end is not None else f"{s.start}--"
    return " ".join(part for part in (span, s.place, s.post) if part)


def _measure_view(m: PoolMeasure) -> MeasureView:
    return MeasureView(
        m.id, m.version, m.entry_id, m.kind, m.start, m.end, m.content, m.secondment_id,
        _secondment_text(m.secondment),
    )  # fmt: skip


def _measure_values(session: Session, entry: PoolEntry, data: MeasureInput) -> dict[str, Any]:
    errs = FieldErrors()
    kind = errs.choice("kind", data.kind, "培养措施", tuple(rule.MeasureKind))
    start = errs.date("start", data.start, "开始日期", required=True, allow_future=True)
    end = errs.date("end", data.end or "", "结束日期", allow_future=True)
    if start and end and end < start:
        errs.add("end", "结束日期不能早于开始日期")
    content = errs.text("content", data.content, "内容", column=PoolMeasure.content)
    if data.secondment_id is not None:
        s = session.get(Secondment, data.secondment_id)
        if kind != rule.MeasureKind.SECONDMENT:
            errs.add("secondment_id", "只有“挂职”措施可以关联挂职记录")
        elif s is None or s.archived_at is not None or s.cadre_id != entry.cadre_id:
            errs.add("secondment_id", "所选挂职记录不是该干部的")
    if kind == rule.MeasureKind.SECONDMENT and data.secondment_id is None and not content:
        errs.add("content", "挂职措施请关联挂职记录或写明挂职单位和职务")
    errs.raise_if_any()
    return {"kind": kind, "start": start, "end": end, "content": content, "secondment_id": data.secondment_id}


def add_measure(ctx: ServiceContext, entry_id: int, data: MeasureInput) -> MeasureView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        entry = load_entry(session, entry_id)
        values = _measure_values(session, entry, data)
        m = PoolMeasure(entry_id=entry.id, **values)
        session.add(m)
        session.flush()
        audit.record(
            session, ctx, "create", "pool_measure", m.id, m.uid, audit.diff({}, values),
            f"{entry.cadre.name}：{m.kind}",
        )  # fmt: skip
        return _measure_view(m)


def _load_measure(session: Session, measure_id: int) -> PoolMeasure:
    m = session.get(PoolMeasure, measure_id)
    if m is None:
        raise NotFoundError("培养措施", measure_id)
    return m


def update_measure(
    ctx: ServiceContext, measure_id: int, data: MeasureInput, expected_version: int
) -> MeasureView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = _load_measure(session, measure_id)
        if m.version != expected_version:
            raise ConflictError("培养措施", m.kind, expected_version, m.version)
        values = _measure_values(session, load_entry(session, m.entry_id), data)
        audit.update_row(session, ctx, "pool_measure", m, values)
        return _measure_view(m)


def archive_measure(ctx: ServiceContext, measure_id: int) -> MeasureView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = _load_measure(session, measure_id)
        audit.mark_archived(session, ctx, "pool_measure", m, True)
        return _measure_view(m)


def restore_measure(ctx: ServiceContext, measure_id: int) -> MeasureView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = _load_measure(session, measure_id)
        audit.mark_archived(session, ctx, "pool_measure", m, False)
        return _measure_view(m)


def measures_in(session: Session, entry_id: int) -> list[MeasureView]:
    stmt = (
        select(PoolMeasure)
        .where(PoolMeasure.entry_id == entry_id, PoolMeasure.archived_at.is_(None))
        .order_by(PoolMeasure.start, PoolMeasure.id)
    )
    return [_measure_view(m) for m in session.scalars(stmt)]


def list_measures(ctx: ServiceContext, entry_id: int) -> list[MeasureView]:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return measures_in(session, entry_id)


@dataclass(frozen=True)
class ReviewView:
    id: int
    version: int
    entry_id: int
    year: int
    opinion: str
    reviewed_on: dt.date | None


def set_review(
    ctx: ServiceContext,
    entry_id: int,
    year: int,
    opinion: str,
    reviewed_on: dt.date | str | None = None,
    today: dt.date | None = None,
) -> ReviewView:
    """Write (or rewrite) the 年度研判意见 of one year."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        entry = load_entry(session, entry_id)
        errs = FieldErrors()
        now = today or dt.date.today()
        if not entry.entered_on.year <= year <= now.year:
            errs.add("year", f"研判年度应在 {entry.entered_on.year}–{now.year} 之间（现为 {year}）")
        text = errs.text("opinion", opinion, "研判意见", required=True, column=PoolReview.opinion)
        on = errs.date("reviewed_on", reviewed_on or "", "研判日期", today=today)
        errs.raise_if_any()
        review = session.scalars(
            select(PoolReview).where(PoolReview.entry_id == entry_id, PoolReview.year == year)
        ).first()
        values = {"opinion": text, "reviewed_on": on}
        if review is None:
            review = PoolReview(entry_id=entry_id, year=year, **values)
            session.add(review)
            session.flush()
            audit.record(
                session, ctx, "create", "pool_review", review.id, review.uid, audit.diff({}, values),
                f"{entry.cadre.name} {year} 年度研判",
            )  # fmt: skip
        else:
            audit.update_row(session, ctx, "pool_review", review, values)
        return ReviewView(review.id, review.version, entry_id, year, review.opinion, review.reviewed_on)


def reviews_in(session: Session, entry_id: int) -> list[ReviewView]:
    stmt = select(PoolReview).where(PoolReview.entry_id == entry_id).order_by(PoolReview.year.desc())
    return [
        ReviewView(r.id, r.version, r.entry_id, r.year, r.opinion, r.reviewed_on)
        for r in session.scalars(stmt)
    ]


def list_reviews(ctx: ServiceContext, entry_id: int) -> list[ReviewView]:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return reviews_in(session, entry_id)
