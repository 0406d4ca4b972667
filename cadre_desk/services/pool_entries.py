"""Pool entries: putting a cadre into a pool, correcting the entry, moving it along its states
(在库 → 列为考察对象 → 已使用 | 退出, each dated and audited), and deleting one made by mistake.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, Mentorship, PoolEntry, TalentPool
from cadre_desk.domain import pools as rule
from cadre_desk.domain.yearmonth import age_at
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.field_errors import FieldErrors


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


def active_entry_in(
    session: Session, cadre_id: int, pool_id: int, except_id: int | None = None
) -> PoolEntry | None:
    """The cadre's live entry in the pool that is 在库 or 列为考察对象 (there is one at most), other than
    `except_id`."""
    stmt = select(PoolEntry).where(
        PoolEntry.cadre_id == cadre_id,
        PoolEntry.pool_id == pool_id,
        PoolEntry.archived_at.is_(None),
        PoolEntry.state.in_(rule.ACTIVE_STATES),
    )
    if except_id is not None:
        stmt = stmt.where(PoolEntry.id != except_id)
    return session.scalars(stmt).first()


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
        clash = active_entry_in(session, cadre.id, pool.id, current.id if current is not None else None)
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
        if audit.update_row(session, ctx, "pool_entry", entry, values, entry.cadre.name):
            session.refresh(entry, ["cadre", "pool"])
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
        audit.mark_archived(session, ctx, "pool_entry", entry, True, entry.cadre.name)
        return entry_view(entry)


def restore_entry(ctx: ServiceContext, entry_id: int) -> EntryView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        entry = load_entry(session, entry_id)
        active = entry.archived_at is not None and entry.state in rule.ACTIVE_STATES
        if active and active_entry_in(session, entry.cadre_id, entry.pool_id) is not None:
            raise ValidationError({"pool_id": "该干部已有同一库别的在库记录，不能恢复此记录"})
        audit.mark_archived(session, ctx, "pool_entry", entry, False, entry.cadre.name)
        return entry_view(entry)


def get_entry(ctx: ServiceContext, entry_id: int) -> EntryView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return entry_view(load_entry(session, entry_id))
