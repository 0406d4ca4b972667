"""Recording AuditEvents in the caller's transaction, and turning values into their JSON form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from cadre_desk.db import audit_chain
from cadre_desk.db.base import new_uid, utcnow
from cadre_desk.domain.yearmonth import YearMonth, format_date
from cadre_desk.services.context import ServiceContext


def jsonable(value: object) -> Any:
    if isinstance(value, YearMonth):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def diff(before: Mapping[str, object], after: Mapping[str, object]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value changed.

    For a new record (`before` empty) the blank fields are left out: they say nothing.
    """
    creating = not before
    return {
        key: [jsonable(before.get(key)), jsonable(after[key])]
        for key in after
        if before.get(key) != after[key] and not (creating and after[key] in ("", None))
    }


def snapshot(row: object, fields: tuple[str, ...]) -> dict[str, object]:
    return {name: getattr(row, name) for name in fields}


def record(
    session: Session,
    ctx: ServiceContext,
    action: str,
    entity: str,
    entity_id: int | None = None,
    entity_uid: str | None = None,
    changes: Mapping[str, Any] | None = None,
    summary: str = "",
) -> None:
    """Append one record to the hash-chained audit trail, in the caller's unit of work (the change and
    its record commit or roll back together)."""
    now = utcnow()
    account_id = ctx.account_for_write(session)
    session.flush()  # the change itself first, then its record at the end of the chain
    audit_chain.append(
        session.connection(),
        {
            "uid": new_uid(),
            "at": now,
            "account_id": account_id,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "entity_uid": entity_uid,
            "summary": summary[:200],
            "changes": dict(changes or {}),
            "created_at": now,
            "updated_at": now,
            "version": 1,
        },
    )
    if entity in _RAISING:
        # Every way a cadre's post, unit, 简历 or training changes (profile, .lrmx, roster, exchange
        # package) is audited here: the one place where such an event can owe a talk (三必谈).
        from cadre_desk.services import obligation_raising  # imports this module: import late

        obligation_raising.after_audit(session, ctx, action, entity, entity_id, changes or {})


_RAISING = frozenset({"cadre", "resume_entry", "training"})
