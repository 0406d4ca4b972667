"""Recording AuditEvents in the caller's transaction, and turning values into their JSON form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from cadre_desk.db import audit_chain
from cadre_desk.db.base import new_uid, utcnow
from cadre_desk.domain.yearmonth import YearMonth, format_date
from cadre_desk.services.context import ServiceContext

# Audit actions that change no record outside the audit trail (an account's sign-in counters aside):
# a backup taken before them still holds every record as it is, so they are no reason for a new one.
BOOKKEEPING = frozenset(
    {"login", "login_failed", "denied", "print", "export", "backup", "idle_lock", "lock_window"}
)


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


@dataclass(frozen=True)
class Entry:
    """One audit record of `record_many` (the arguments of `record`)."""

    action: str
    entity: str
    entity_id: int | None = None
    entity_uid: str | None = None
    changes: Mapping[str, Any] | None = None
    summary: str = ""


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
    record_many(session, ctx, [Entry(action, entity, entity_id, entity_uid, changes, summary)])


def update_row(
    session: Session,
    ctx: ServiceContext,
    entity: str,
    row: Any,
    values: Mapping[str, object],
    summary: str = "",
) -> dict[str, list[Any]]:
    """Set `values` on `row` (a model with `id` and `uid`) and record an "update" of what changed;
    nothing at all when nothing changed. Returns the changes ({field: [old, new]})."""
    changes = diff(snapshot(row, tuple(values)), values)
    if changes:
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        record(session, ctx, "update", entity, row.id, row.uid, changes, summary)
    return changes


def mark_archived(
    session: Session, ctx: ServiceContext, entity: str, row: Any, archived: bool, summary: str = ""
) -> bool:
    """Archive `row` (recoverably) or restore it, recorded as "archive" / "restore"; False (and nothing
    recorded) when it already was."""
    if (row.archived_at is not None) == archived:
        return False
    row.archived_at = utcnow() if archived else None
    session.flush()
    record(session, ctx, "archive" if archived else "restore", entity, row.id, row.uid, summary=summary)
    return True


def record_many(session: Session, ctx: ServiceContext, entries: Sequence[Entry]) -> None:
    """`record` for the rows of one bulk change, in order, at the end of the chain in one append."""
    if not entries:
        return
    now = utcnow()
    account_id = ctx.account_for_write(session)
    session.flush()  # the changes themselves first, then their records at the end of the chain
    audit_chain.append_many(
        session.connection(),
        [
            {
                "uid": new_uid(),
                "at": now,
                "account_id": account_id,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "entity_uid": e.entity_uid,
                "summary": e.summary[:200],
                "changes": dict(e.changes or {}),
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for e in entries
        ],
    )
    raising = [e for e in entries if e.entity in _RAISING]
    if raising:
        # Every way a cadre's post, unit, 简历 or training changes (profile, .lrmx, roster, exchange
        # package) is audited here: the one place where such an event can owe a talk (三必谈).
        from cadre_desk.services import obligation_raising  # imports this module: import late

        for e in raising:
            obligation_raising.after_audit(session, ctx, e.action, e.entity, e.entity_id, e.changes or {})


_RAISING = frozenset({"cadre", "resume_entry", "training"})
