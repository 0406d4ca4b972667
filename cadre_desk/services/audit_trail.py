"""Reading the audit trail: filtered lists, one record's history, the chain check, the Excel export.

Writing it is `services/audit.record` (one record per action, in the action's own transaction).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, or_, select

from cadre_desk.db import audit_chain
from cadre_desk.db.audit_chain import ChainBreak, ChainReport
from cadre_desk.db.models import Account, AuditEvent
from cadre_desk.errors import ValidationError
from cadre_desk.services import access, audit, audit_anchor
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

__all__ = [
    "AuditEventView",
    "AuditFilter",
    "ChainBreak",
    "ChainReport",
    "actions",
    "count_events",
    "entities",
    "export_xlsx",
    "history",
    "list_events",
    "verify",
]

MAX_EXPORT_ROWS = 1_000_000


@dataclass(frozen=True)
class AuditEventView:
    id: int
    seq: int
    at: dt.datetime  # UTC
    user: str  # the account name ("" if none)
    user_display: str
    action: str
    entity: str
    entity_id: int | None
    entity_uid: str | None
    summary: str
    changes: dict[str, Any]


@dataclass(frozen=True)
class AuditFilter:
    """Every field optional. Dates are local calendar days, both ends included."""

    since: dt.date | None = None
    until: dt.date | None = None
    user: str = ""  # account name or display name, exact
    action: str = ""
    entity: str = ""
    entity_id: int | None = None
    text: str = ""  # a substring of the summary


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC)


def _filtered(query: Select[Any], flt: AuditFilter) -> Select[Any]:
    if flt.since is not None and flt.until is not None and flt.since > flt.until:
        raise ValidationError({"since": "开始日期晚于结束日期"})
    if flt.since is not None:
        query = query.where(AuditEvent.at >= _local_midnight_utc(flt.since))
    if flt.until is not None:
        query = query.where(AuditEvent.at < _local_midnight_utc(flt.until + dt.timedelta(days=1)))
    if flt.user.strip():
        user = flt.user.strip()
        query = query.where(or_(Account.name == user, Account.display_name == user))
    if flt.action.strip():
        query = query.where(AuditEvent.action == flt.action.strip())
    if flt.entity.strip():
        query = query.where(AuditEvent.entity == flt.entity.strip())
    if flt.entity_id is not None:
        query = query.where(AuditEvent.entity_id == flt.entity_id)
    if flt.text.strip():
        needle = flt.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(AuditEvent.summary.like(f"%{needle}%", escape="\\"))
    return query


def _view(row: Any) -> AuditEventView:
    event: AuditEvent = row[0]
    return AuditEventView(
        id=event.id,
        seq=event.seq,
        at=event.at,
        user=row[1] or "",
        user_display=row[2] or row[1] or "",
        action=event.action,
        entity=event.entity,
        entity_id=event.entity_id,
        entity_uid=event.entity_uid,
        summary=event.summary,
        changes=dict(event.changes or {}),
    )


def _base() -> Select[Any]:
    query = select(AuditEvent, Account.name, Account.display_name).select_from(AuditEvent)
    return query.outerjoin(Account, Account.id == AuditEvent.account_id)  # type: ignore[return-value]


def list_events(
    ctx: ServiceContext, flt: AuditFilter | None = None, limit: int = 200, offset: int = 0
) -> list[AuditEventView]:
    """The records matching `flt`, newest first."""
    access.require(ctx, Permission.AUDIT)
    query = _filtered(_base(), flt or AuditFilter()).order_by(AuditEvent.seq.desc())
    with ctx.db.read() as session:
        return [_view(r) for r in session.execute(query.limit(limit).offset(offset))]


def count_events(ctx: ServiceContext, flt: AuditFilter | None = None) -> int:
    access.require(ctx, Permission.AUDIT)
    query = _filtered(
        select(func.count(AuditEvent.id)).outerjoin(Account, Account.id == AuditEvent.account_id),
        flt or AuditFilter(),
    )
    with ctx.db.read() as session:
        return int(session.scalar(query) or 0)


def history(ctx: ServiceContext, entity: str, entity_id: int) -> list[AuditEventView]:
    """Every record of one entity (a cadre, a talk …), oldest first."""
    access.require(ctx, Permission.AUDIT)
    query = _filtered(_base(), AuditFilter(entity=entity, entity_id=entity_id)).order_by(AuditEvent.seq)
    with ctx.db.read() as session:
        return [_view(r) for r in session.execute(query)]


def actions(ctx: ServiceContext) -> list[str]:
    """The action codes that occur in the trail (for a filter's choices)."""
    access.require(ctx, Permission.AUDIT)
    with ctx.db.read() as session:
        return sorted(str(a) for a in session.scalars(select(AuditEvent.action).distinct()))


def entities(ctx: ServiceContext) -> list[str]:
    """The kinds of record (table names) that occur in the trail."""
    access.require(ctx, Permission.AUDIT)
    with ctx.db.read() as session:
        return sorted(str(e) for e in session.scalars(select(AuditEvent.entity).distinct()))


def verify(ctx: ServiceContext) -> ChainReport:
    """Check the whole hash chain: the first edited, deleted or reordered record, with its position."""
    access.require(ctx, Permission.AUDIT)
    with ctx.db.read() as session:
        connection = session.connection()
        return audit_anchor.with_backups(audit_chain.verify(connection), connection, ctx.db.path)


# --- Excel --------------------------------------------------------------------------------------

EXPORT_HEADERS = ("序号", "时间", "账号", "姓名", "操作", "对象", "对象编号", "摘要", "变更内容")


def _local(at: dt.datetime) -> str:
    return at.astimezone().strftime("%Y.%m.%d %H:%M:%S")


def _changes_text(changes: dict[str, Any]) -> str:
    parts = []
    for key, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{key}: {value[0]} → {value[1]}")
        else:
            parts.append(f"{key}: {value}")
    return "；".join(parts)


def _cell(text: str) -> str:
    """A cell value that Excel shows as text, never runs as a formula."""
    text = "".join(ch for ch in text if ch >= " " or ch in "\t\n")[:32000]
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def export_xlsx(ctx: ServiceContext, dest: Path, flt: AuditFilter | None = None) -> int:
    """Write the records matching `flt` (oldest first) to the workbook `dest`; the export itself is
    recorded in the trail (what, how many, where). Returns the number of records written."""
    access.require(ctx, Permission.AUDIT)
    from openpyxl import Workbook

    from cadre_desk import outfile

    flt = flt or AuditFilter()
    query = _filtered(_base(), flt).order_by(AuditEvent.seq).limit(MAX_EXPORT_ROWS)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("审计记录")
    sheet.append(list(EXPORT_HEADERS))
    count = 0
    with ctx.db.read() as session:
        for row in session.execute(query):
            view = _view(row)
            sheet.append(
                [
                    view.seq,
                    _local(view.at),
                    _cell(view.user),
                    _cell(view.user_display),
                    view.action,
                    view.entity,
                    view.entity_id,
                    _cell(view.summary),
                    _cell(_changes_text(view.changes)),
                ]
            )
            count += 1
    dest = Path(os.path.abspath(Path(dest).expanduser()))
    with outfile.atomic_path(dest) as tmp:
        book.save(tmp)
    with ctx.db.uow() as session:
        audit.record(
            session,
            ctx,
            "export",
            "audit_event",
            changes={"count": count, "path": str(dest), "filter": _filter_json(flt)},
            summary=f"导出审计记录 {count} 条到 {dest}",
        )
    return count


def _filter_json(flt: AuditFilter) -> dict[str, Any]:
    return {
        key: (value.isoformat() if isinstance(value, dt.date) else value)
        for key, value in vars(flt).items()
        if value not in (None, "")
    }


def parse_day(text: str, field: str) -> dt.date:
    """`2026.05.17` (or 2026-05-17) as a date, else a ValidationError on `field`."""
    from cadre_desk.domain.yearmonth import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise ValidationError({field: f"日期格式应为 YYYY.MM.DD：{text}（{exc}）"}) from None
