"""Reading the audit trail: filtered lists, one record's history, the chain check, the records for the Excel
export (`transfer.audit_xlsx`).

Writing it is `services/audit.record` (one record per action, in the action's own transaction).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select

from cadre_desk.db import audit_chain
from cadre_desk.db.audit_chain import ChainBreak, ChainReport
from cadre_desk.db.models import Account, AuditEvent
from cadre_desk.errors import ValidationError
from cadre_desk.services import access, audit_anchor, audit_mask
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
    "filter_json",
    "history",
    "list_events",
    "stream_events",
    "verify",
]

MAX_EXPORT_ROWS = 1_000_000
_SHOWN = re.compile(r".*[（(]([^（()）]+)[)）]")


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
        names = {user.lower()}  # account names are unique whatever their case
        shown = _SHOWN.fullmatch(user)  # 显示名（账号）, as the views name an account
        if shown is not None:
            names.add(shown.group(1).strip().lower())
        query = query.where(or_(func.lower(Account.name).in_(names), Account.display_name == user))
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


def _viewer(ctx: ServiceContext) -> Callable[[Any], AuditEventView]:
    """How `ctx` sees a record: in full with the records' read permission, else with the values hidden
    (`audit_mask`: the 安全审计员 reads the trail, not the records through it)."""
    if access.can(ctx, Permission.RECORDS_READ):
        return _view
    return lambda row: audit_mask.masked(_view(row))


def _base() -> Select[Any]:
    query = select(AuditEvent, Account.name, Account.display_name).select_from(AuditEvent)
    return query.outerjoin(Account, Account.id == AuditEvent.account_id)  # type: ignore[return-value]


def list_events(
    ctx: ServiceContext, flt: AuditFilter | None = None, limit: int = 200, offset: int = 0
) -> list[AuditEventView]:
    """The records matching `flt`, newest first."""
    access.require(ctx, Permission.AUDIT)
    query = _filtered(_base(), flt or AuditFilter()).order_by(AuditEvent.seq.desc())
    view = _viewer(ctx)
    with ctx.db.read() as session:
        return [view(r) for r in session.execute(query.limit(limit).offset(offset))]


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
    view = _viewer(ctx)
    with ctx.db.read() as session:
        return [view(r) for r in session.execute(query)]


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


# --- for the Excel export (transfer.audit_xlsx) -------------------------------------------------


def stream_events(
    ctx: ServiceContext, flt: AuditFilter | None = None, limit: int = MAX_EXPORT_ROWS
) -> Iterator[AuditEventView]:
    """The records matching `flt`, oldest first, read as they are consumed (an export of a long trail
    never holds it all in memory). The permission is checked at the call, not at the first record."""
    access.require(ctx, Permission.AUDIT)
    query = _filtered(_base(), flt or AuditFilter()).order_by(AuditEvent.seq).limit(limit)
    return _stream(ctx, query, _viewer(ctx))


def _stream(
    ctx: ServiceContext, query: Select[Any], view: Callable[[Any], AuditEventView]
) -> Iterator[AuditEventView]:
    with ctx.db.read() as session:
        for row in session.execute(query.execution_options(yield_per=1000)):
            yield view(row)


def filter_json(flt: AuditFilter) -> dict[str, Any]:
    """The filter as the export's audit record keeps it (only the fields given)."""
    return _filter_json(flt)


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
