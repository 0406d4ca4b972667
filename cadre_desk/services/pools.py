"""Young-cadre and reserve pools: the local table of pools (库别, age caps), entries, state changes
(在库 → 列为考察对象 → 已使用 | 退出, each dated and audited), development measures and yearly reviews.

The lists and the review flags are in `services.pool_lists`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, Mentorship, PoolEntry, PoolMeasure, PoolReview, Secondment, TalentPool
from cadre_desk.domain import pools as rule
from cadre_desk.domain.yearmonth import age_at
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services import rule_tables as rt
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.field_errors import FieldErrors

_POOL_FIELDS = ("name", "target_level", "age_cap", "source")
_ENTRY_FIELDS = (
    "cadre_id",
    "pool_id",
    "entered_on",
    "channel",
    "recommended_by",
    "document_no",
    "direction",
    "mentorship_id",
)
_MEASURE_FIELDS = ("kind", "start", "end", "content", "secondment_id")
MIN_AGE_CAP, MAX_AGE_CAP = 18, 65


# ---- the table of pools (a local rule table) -------------------------------------------------------


@dataclass(frozen=True)
class PoolInput:
    name: str
    age_cap: int | str
    target_level: str = ""
    source: str = ""


@dataclass(frozen=True)
class PoolView:
    id: int
    version: int
    name: str
    target_level: str
    age_cap: int
    source: str
    archived: bool


def _pool_view(p: TalentPool) -> PoolView:
    return PoolView(p.id, p.version, p.name, p.target_level, p.age_cap, p.source, p.archived_at is not None)


def list_pools(ctx: ServiceContext, include_archived: bool = False) -> list[PoolView]:
    access.require(ctx, Permission.SIGNED_IN)
    stmt = select(TalentPool).order_by(TalentPool.position, TalentPool.id)
    if not include_archived:
        stmt = stmt.where(TalentPool.archived_at.is_(None))
    with ctx.db.read() as session:
        return [_pool_view(p) for p in session.scalars(stmt)]


def find_pool(ctx: ServiceContext, ref: str) -> PoolView:
    """A pool by its name (or a unique start of it: `后备干部（正科）`, `好苗子`) or its number."""
    access.require(ctx, Permission.SIGNED_IN)
    pools = list_pools(ctx, include_archived=True)
    text = ref.strip()
    for p in pools:
        if p.name == text or (text.isdigit() and p.id == int(text)):
            return p
    starts = [p for p in pools if p.name.startswith(text) and not p.archived] if text else []
    if len(starts) == 1:
        return starts[0]
    names = "、".join(p.name for p in pools if not p.archived)
    raise NotFoundError("库别", f"{ref}（可选：{names}）")


def _pool_values(session: Session, data: PoolInput, current: TalentPool | None) -> dict[str, Any]:
    errs = FieldErrors()
    name = errs.text("name", data.name, "库别名称", required=True, column=TalentPool.name)
    level = errs.text("target_level", data.target_level, "目标职级", column=TalentPool.target_level)
    source = errs.text("source", data.source, "依据", max_len=1000)
    try:
        cap = int(str(data.age_cap).strip())
    except ValueError:
        errs.add("age_cap", f"年龄上限应为整数（现为 {data.age_cap}）")
        cap = 0
    else:
        if not MIN_AGE_CAP <= cap <= MAX_AGE_CAP:
            errs.add("age_cap", f"年龄上限应在 {MIN_AGE_CAP}–{MAX_AGE_CAP} 岁之间（现为 {cap}）")
    if name and "name" not in errs:
        clash = session.scalar(
            select(TalentPool.id).where(
                TalentPool.name == name, TalentPool.id != (current.id if current else -1)
            )
        )
        if clash is not None:
            errs.add("name", f"已有库别“{name}”")
    errs.raise_if_any()
    return {"name": name, "target_level": level, "age_cap": cap, "source": source}


def add_pool(ctx: ServiceContext, data: PoolInput) -> PoolView:
    access.require(ctx, Permission.SETTINGS)
    with ctx.db.uow() as session:
        values = _pool_values(session, data, None)
        last = session.scalar(select(TalentPool.position).order_by(TalentPool.position.desc()).limit(1))
        pool = TalentPool(**values, position=(last or 0) + 1)
        session.add(pool)
        session.flush()
        audit.record(
            session, ctx, "create", "talent_pool", pool.id, pool.uid, audit.diff({}, values), pool.name
        )
        return _pool_view(pool)


def _load_pool(session: Session, pool_id: int) -> TalentPool:
    pool = session.get(TalentPool, pool_id)
    if pool is None:
        raise NotFoundError("库别", pool_id)
    return pool


def update_pool(ctx: ServiceContext, pool_id: int, data: PoolInput, expected_version: int) -> PoolView:
    """Change a pool's name, level, age cap or source (a changed cap takes effect on the flags at once)."""
    access.require(ctx, Permission.SETTINGS)
    with ctx.db.uow() as session:
        pool = _load_pool(session, pool_id)
        if pool.version != expected_version:
            raise ConflictError("库别", pool.name, expected_version, pool.version)
        values = _pool_values(session, data, pool)
        changes = audit.diff(audit.snapshot(pool, _POOL_FIELDS), values)
        if changes:
            for key, value in values.items():
                setattr(pool, key, value)
            session.flush()
            audit.record(session, ctx, "update", "talent_pool", pool.id, pool.uid, changes, pool.name)
        return _pool_view(pool)


def archive_pool(ctx: ServiceContext, pool_id: int) -> PoolView:
    """A pool no longer used: refused while it has entries in 在库 or 列为考察对象."""
    access.require(ctx, Permission.SETTINGS)
    with ctx.db.uow() as session:
        pool = _load_pool(session, pool_id)
        active = session.scalar(
            select(PoolEntry.id).where(
                PoolEntry.pool_id == pool_id,
                PoolEntry.archived_at.is_(None),
                PoolEntry.state.in_(rule.ACTIVE_STATES),
            )
        )
        if active is not None:
            raise ValidationError({"pool": f"库别“{pool.name}”中还有在库或考察中的干部，不能停用"})
        if pool.archived_at is None:
            pool.archived_at = utcnow()
            session.flush()
            audit.record(session, ctx, "archive", "talent_pool", pool.id, pool.uid, summary=pool.name)
        return _pool_view(pool)


def restore_pool(ctx: ServiceContext, pool_id: int) -> PoolView:
    access.require(ctx, Permission.SETTINGS)
    with ctx.db.uow() as session:
        pool = _load_pool(session, pool_id)
        if pool.archived_at is not None:
            pool.archived_at = None
            session.flush()
            audit.record(session, ctx, "restore", "talent_pool", pool.id, pool.uid, summary=pool.name)
        return _pool_view(pool)


# ---- entries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryInput:
    cadre_id: int
    pool_id: int
    entered_on: dt.date | str
    channel: str
    recommended_by: str = ""
    document_no: str = ""
    direction: str = ""
    mentorship_id: int | None = None


@dataclass(frozen=True)
class StateChange:
    """A move to `state` on `on`: 已使用 needs the post, 退出 the reason (超龄 / 考核 / 处分 / 本人 /
    调出)."""

    state: str
    on: dt.date | str
    post: str = ""
    reason: str = ""
    note: str = ""


@dataclass(frozen=True)
class EntryView:
    id: int
    version: int
    cadre_id: int
    name: str
    pool_id: int
    pool: str
    entered_on: dt.date
    channel: str
    recommended_by: str
    document_no: str
    direction: str
    mentorship_id: int | None
    state: str
    candidate_on: dt.date | None
    used_on: dt.date | None
    used_post: str
    exited_on: dt.date | None
    exit_reason: str
    exit_note: str
    archived: bool

    @property
    def state_on(self) -> dt.date:
        """The date of the last step (入库, 列为考察对象, 已使用 or 退出)."""
        return {
            rule.PoolState.CANDIDATE: self.candidate_on,
            rule.PoolState.USED: self.used_on,
            rule.PoolState.EXITED: self.exited_on,
        }.get(rule.PoolState(self.state)) or self.entered_on


def entry_view(e: PoolEntry) -> EntryView:
    return EntryView(
        e.id, e.version, e.cadre_id, e.cadre.name, e.pool_id, e.pool.name, e.entered_on, e.channel,
        e.recommended_by, e.document_no, e.direction, e.mentorship_id, e.state, e.candidate_on,
        e.used_on, e.used_post, e.exited_on, e.exit_reason, e.exit_note, e.archived_at is not None,
    )  # fmt: skip


def load_entry(session: Session, entry_id: int) -> PoolEntry:
    entry = session.get(PoolEntry, entry_id)
    if entry is None:
        raise NotFoundError("入库记录", entry_id)
    return entry


def _check_version(entry: PoolEntry, expected_version: int) -> None:
    if entry.version != expected_version:
        raise ConflictError(
            "入库记录", f"{entry.cadre.name}（{entry.pool.name}）", expected_version, entry.version
        )


def _entry_values(
    session: Session, data: EntryInput, current: PoolEntry | None, today: dt.date | None
) -> dict[str, Any]:
    errs = FieldErrors()
    cadre = session.get(Cadre, data.cadre_id)
    if cadre is None:
        errs.add("cadre_id", f"干部（编号 {data.cadre_id}）不存在")
    elif cadre.archived_at is not None and (current is None or current.cadre_id != cadre.id):
        errs.add("cadre_id", f"干部“{cadre.name}”已归档")
    pool = session.get(TalentPool, data.pool_id)
    if pool is None:
        errs.add("pool_id", f"库别（编号 {data.pool_id}）不存在")
    elif pool.archived_at is not None and (current is None or current.pool_id != pool.id):
        errs.add("pool_id", f"库别“{pool.name}”已停用")
    entered = errs.date("entered_on", data.entered_on, "入库时间", required=True, today=today)
    channel = errs.choice("channel", data.channel, "入库方式", tuple(rule.Channel))
    recommended_by = errs.text(
        "recommended_by", data.recommended_by, "推荐单位", column=PoolEntry.recommended_by
    )
    if channel == rule.Channel.RECOMMENDED and not recommended_by:
        errs.add("recommended_by", "推荐入库的，请填写推荐单位")
    document_no = errs.text("document_no", data.document_no, "文号", column=PoolEntry.document_no)
    direction = errs.text("direction", data.direction, "培养方向", column=PoolEntry.direction)
    if cadre is not None and pool is not None and entered is not None and "pool_id" not in errs:
        age = age_at(cadre.birth, entered)
        if age > pool.age_cap:
            errs.add(
                "entered_on", f"{cadre.name}入库时 {age} 岁，超过“{pool.name}”的年龄上限 {pool.age_cap} 岁"
            )
    if data.mentorship_id is not None:
        pairing = session.get(Mentorship, data.mentorship_id)
        if pairing is None or pairing.archived_at is not None:
            errs.add("mentorship_id", f"结对帮带（编号 {data.mentorship_id}）不存在")
        elif pairing.mentee_id != data.cadre_id:
            errs.add("mentorship_id", "所选结对的被帮带人不是该干部")
    if cadre is not None and pool is not None and "cadre_id" not in errs:
        clash = session.scalar(
            select(PoolEntry.id).where(
                PoolEntry.cadre_id == cadre.id,
                PoolEntry.pool_id == pool.id,
                PoolEntry.archived_at.is_(None),
                PoolEntry.state.in_(rule.ACTIVE_STATES),
                PoolEntry.id != (current.id if current is not None else -1),
            )
        )
        if clash is not None:
            errs.add("pool_id", f"{cadre.name}已在“{pool.name}”中（在库或考察中）")
    if current is not None and entered is not None:
        later = [d for d in (current.candidate_on, current.used_on, current.exited_on) if d is not None]
        if later and entered > min(later):
            errs.add("entered_on", "入库时间不能晚于其后的状态变更日期")
    errs.raise_if_any()
    return {
        "cadre_id": data.cadre_id,
        "pool_id": data.pool_id,
        "entered_on": entered,
        "channel": channel,
        "recommended_by": recommended_by if channel == rule.Channel.RECOMMENDED else "",
        "document_no": document_no,
        "direction": direction,
        "mentorship_id": data.mentorship_id,
    }


def add_entry(ctx: ServiceContext, data: EntryInput, today: dt.date | None = None) -> EntryView:
    """Put a cadre into a pool (在库 from the entry date)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        values = _entry_values(session, data, None, today)
        entry = PoolEntry(**values, state=rule.PoolState.IN_POOL.value)
        session.add(entry)
        session.flush()
        session.refresh(entry, ["cadre", "pool"])
        audit.record(
            session, ctx, "create", "pool_entry", entry.id, entry.uid, audit.diff({}, values),
            f"{entry.cadre.name} 入库（{entry.pool.name}）",
        )  # fmt: skip
        return entry_view(entry)


def update_entry(
    ctx: ServiceContext, entry_id: int, data: EntryInput, expected_version: int, today: dt.date | None = None
) -> EntryView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        entry = load_entry(session, entry_id)
        _check_version(entry, expected_version)
        if data.cadre_id != entry.cadre_id:
            raise ValidationError({"cadre_id": "入库记录的干部不能更改；请退出后为另一名干部新建"})
        values = _entry_values(session, data, entry, today)
        changes = audit.diff(audit.snapshot(entry, _ENTRY_FIELDS), values)
        if changes:
            for key, value in values.items():
                setattr(entry, key, value)
            session.flush()
            session.refresh(entry, ["cadre", "pool"])
            audit.record(session, ctx, "update", "pool_entry", entry.id, entry.uid, changes, entry.cadre.name)
        return entry_view(entry)


def move_entry(
    ctx: ServiceContext,
    entry_id: int,
    change: StateChange,
    expected_version: int,
    today: dt.date | None = None,
) -> EntryView:
    """在库 → 列为考察对象 → 已使用 | 退出 (and 考察对象 back to 在库); 已使用 and 退出 are final."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        entry = load_entry(session, entry_id)
        _check_version(entry, expected_version)
        errs = FieldErrors()
        if entry.archived_at is not None:
            errs.add("state", "该入库记录已归档，请先恢复")
        target = errs.choice("state", change.state, "状态", tuple(rule.PoolState))
        if target and "state" not in errs and not rule.can_move(entry.state, target):
            errs.add("state", f"不能从“{entry.state}”改为“{target}”")
        on = errs.date("on", change.on, "日期", required=True, today=today)
        previous = entry_view(entry).state_on
        if on is not None and on < previous:
            errs.add("on", f"日期不能早于上一步（{entry.state}，{previous:%Y.%m.%d}）")
        values: dict[str, Any] = {"state": target}
        if target == rule.PoolState.CANDIDATE:
            values["candidate_on"] = on
        elif target == rule.PoolState.IN_POOL:
            values["candidate_on"] = None  # the inspection did not lead to use: back in the pool
        elif target == rule.PoolState.USED:
            values |= {
                "used_on": on,
                "used_post": errs.text(
                    "post", change.post, "使用职务", required=True, column=PoolEntry.used_post
                ),
            }
        elif target == rule.PoolState.EXITED:
            values |= {
                "exited_on": on,
                "exit_reason": errs.choice("reason", change.reason, "退出原因", tuple(rule.ExitReason)),
                "exit_note": errs.text("note", change.note, "说明", column=PoolEntry.exit_note),
            }
        errs.raise_if_any()
        changes = audit.diff(audit.snapshot(entry, tuple(values)), values)
        for key, value in values.items():
            setattr(entry, key, value)
        session.flush()
        audit.record(
            session, ctx, "update", "pool_entry", entry.id, entry.uid, changes,
            f"{entry.cadre.name}（{entry.pool.name}）：{target}",
        )  # fmt: skip
        return entry_view(entry)


def archive_entry(ctx: ServiceContext, entry_id: int) -> EntryView:
    """An entry made by mistake (a real departure is 退出, with its reason)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        entry = load_entry(session, entry_id)
        if entry.archived_at is None:
            entry.archived_at = utcnow()
            session.flush()
            audit.record(session, ctx, "archive", "pool_entry", entry.id, entry.uid, summary=entry.cadre.name)
        return entry_view(entry)


def restore_entry(ctx: ServiceContext, entry_id: int) -> EntryView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        entry = load_entry(session, entry_id)
        if entry.archived_at is not None:
            if entry.state in rule.ACTIVE_STATES:
                clash = session.scalar(
                    select(PoolEntry.id).where(
                        PoolEntry.cadre_id == entry.cadre_id,
                        PoolEntry.pool_id == entry.pool_id,
                        PoolEntry.archived_at.is_(None),
                        PoolEntry.state.in_(rule.ACTIVE_STATES),
                    )
                )
                if clash is not None:
                    raise ValidationError({"pool_id": "该干部已有同一库别的在库记录，不能恢复此记录"})
            entry.archived_at = None
            session.flush()
            audit.record(session, ctx, "restore", "pool_entry", entry.id, entry.uid, summary=entry.cadre.name)
        return entry_view(entry)


def get_entry(ctx: ServiceContext, entry_id: int) -> EntryView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return entry_view(load_entry(session, entry_id))


# ---- measures and reviews ------------------------------------------------------------------------


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
        changes = audit.diff(audit.snapshot(m, _MEASURE_FIELDS), values)
        if changes:
            for key, value in values.items():
                setattr(m, key, value)
            session.flush()
            audit.record(session, ctx, "update", "pool_measure", m.id, m.uid, changes)
        return _measure_view(m)


def archive_measure(ctx: ServiceContext, measure_id: int) -> MeasureView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = _load_measure(session, measure_id)
        if m.archived_at is None:
            m.archived_at = utcnow()
            session.flush()
            audit.record(session, ctx, "archive", "pool_measure", m.id, m.uid)
        return _measure_view(m)


def restore_measure(ctx: ServiceContext, measure_id: int) -> MeasureView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = _load_measure(session, measure_id)
        if m.archived_at is not None:
            m.archived_at = None
            session.flush()
            audit.record(session, ctx, "restore", "pool_measure", m.id, m.uid)
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
            changes = audit.diff(audit.snapshot(review, tuple(values)), values)
            if changes:
                for key, value in values.items():
                    setattr(review, key, value)
                session.flush()
                audit.record(session, ctx, "update", "pool_review", review.id, review.uid, changes)
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


# ---- 设置 → 规则: the table of pools in the generic rule editor ------------------------------------


def _check_pool_row(session: Session, row: TalentPool | None, values: dict[str, Any]) -> dict[str, str]:
    name = values.get("name", row.name if row is not None else "")
    clash = session.scalar(
        select(TalentPool.id).where(
            TalentPool.name == name, TalentPool.id != (row.id if row is not None else -1)
        )
    )
    return {"name": f"已有库别“{name}”"} if clash is not None else {}


rt.register(
    rt.RuleTable(
        key="talent_pool",
        title="优秀年轻干部和后备干部库别",
        model=TalentPool,
        columns=(
            rt.RuleColumn("name", "库别", max_length=40),
            rt.RuleColumn(
                "target_level", "目标职级", max_length=20, required=False, help="如 正科、副科；空：不限"
            ),
            rt.RuleColumn(
                "age_cap", "年龄上限（岁）", rt.INT, minimum=MIN_AGE_CAP, maximum=MAX_AGE_CAP,
                help="X岁以下：计算截止时间的周岁不超过 X；超过的在库人选列为需研判",
            ),
        ),
        description="库别及其年龄上限（地方做法）；停用的库别不再接受新入库，已在库的人选保留",
        can_add=True,
        check=_check_pool_row,
        order=60,
    )
)  # fmt: skip


# ---- entries read from a 年轻干部台账 (transfer.pool_ledger), written inside the import's transaction ---


@dataclass(frozen=True)
class LedgerEntry:
    """One ledger row's pool part, already checked by the import's plan."""

    pool_id: int
    entered_on: dt.date
    channel: str
    direction: str
    state: str
    state_on: dt.date | None
    post: str
    reason: str
    measures: tuple[tuple[str, dt.date, dt.date | None, str], ...]  # kind, start, end, content
    reviews: tuple[tuple[int, str], ...]  # year, opinion


def existing_entry_in(session: Session, cadre_id: int, pool_id: int, entered_on: dt.date) -> int | None:
    """The unarchived entry of the cadre in the pool from that date (a ledger read twice adds nothing)."""
    return session.scalar(
        select(PoolEntry.id).where(
            PoolEntry.cadre_id == cadre_id,
            PoolEntry.pool_id == pool_id,
            PoolEntry.entered_on == entered_on,
            PoolEntry.archived_at.is_(None),
        )
    )


def active_entry_in(session: Session, cadre_id: int, pool_id: int) -> PoolEntry | None:
    return session.scalars(
        select(PoolEntry).where(
            PoolEntry.cadre_id == cadre_id,
            PoolEntry.pool_id == pool_id,
            PoolEntry.archived_at.is_(None),
            PoolEntry.state.in_(rule.ACTIVE_STATES),
        )
    ).first()


def import_entry_in(session: Session, ctx: ServiceContext, cadre_id: int, data: LedgerEntry) -> int:
    """Write one ledger entry with its measures and reviews (audited); returns the entry id."""
    on = data.state_on or data.entered_on
    entry = PoolEntry(
        cadre_id=cadre_id, pool_id=data.pool_id, entered_on=data.entered_on, channel=data.channel,
        direction=data.direction, state=data.state,
        candidate_on=on if data.state == rule.PoolState.CANDIDATE else None,
        used_on=on if data.state == rule.PoolState.USED else None, used_post=data.post,
        exited_on=on if data.state == rule.PoolState.EXITED else None, exit_reason=data.reason,
    )  # fmt: skip
    session.add(entry)
    session.flush()
    values = {
        "pool_id": data.pool_id,
        "entered_on": data.entered_on,
        "state": data.state,
        "used_post": data.post,
        "exit_reason": data.reason,
    }
    audit.record(
        session, ctx, "import", "pool_entry", entry.id, entry.uid, audit.diff({}, values), "年轻干部台账"
    )
    for kind, start, end, content in data.measures:
        session.add(PoolMeasure(entry_id=entry.id, kind=kind, start=start, end=end, content=content))
    for year, opinion in data.reviews:
        session.add(PoolReview(entry_id=entry.id, year=year, opinion=opinion))
    session.flush()
    return entry.id
