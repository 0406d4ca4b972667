"""A restore keeps the audit trail it replaces: the records the restored backup does not hold.

A backup holds the trail as it was when it was taken; restoring it would drop every record written
since (the changes the restore undoes, the sign-ins, prints and exports), keeping them only in the
before-restore copy. The audit trail must be kept for at least six months whatever happens to the
records, so the restore appends them to the restored trail, in their order, before its own record:
each marked 〔恢复前〕 in its summary, with its time, account (by name: an account added after the
backup is named in the summary), action and record as they were, re-chained (their hashes are new:
the chain is the restored file's). A record is "not held" when its hash is not in the restored trail,
which also covers a backup of another lineage (every record of the replaced trail is kept).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from cadre_desk.db import audit_chain, sqlite_tools
from cadre_desk.db.base import new_uid
from cadre_desk.db.cipher import CipherKey
from cadre_desk.db.models import Account, AuditEvent

log = logging.getLogger("cadre_desk.services")

MARK = "〔恢复前〕"
_FIELDS = ("uid", "at", "account_id", "action", "entity", "entity_id", "entity_uid", "summary", "changes")


def replaced_records(saved: Path, key: CipherKey | None) -> list[dict[str, Any]]:
    """The audit records of the before-restore copy `saved` (opened read-only with `key` when it is
    encrypted), in chain order, each with its account's name (`account_name`)."""
    # A plain read-only connection: the copy is not the open database (no pragmas, no journal change).
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite_tools.connect(saved, read_only=True, key=key), poolclass=NullPool
    )
    try:
        with Session(engine) as session:
            names = dict(session.execute(select(Account.id, Account.name)).all())
            rows = session.execute(
                select(AuditEvent.hash, *(getattr(AuditEvent, f) for f in _FIELDS)).order_by(AuditEvent.seq)
            ).all()
    finally:
        engine.dispose()
    return [dict(r._mapping) | {"account_name": names.get(r.account_id)} for r in rows]


def carry_over(session: Session, replaced: list[dict[str, Any]]) -> int:
    """Append the `replaced` records that the restored trail (this session's database) does not hold;
    returns how many. Runs in the restore's unit of work, before its own record."""
    held = set(session.scalars(select(AuditEvent.hash)).all())
    missing = [r for r in replaced if r["hash"] not in held]
    if not missing:
        return 0
    accounts = dict(session.execute(select(Account.name, Account.id)).all())
    # a uid already in the restored trail: a record carried over by an earlier restore of this backup
    taken = set(session.scalars(select(AuditEvent.uid)).all())
    values = []
    for row in missing:
        account_id = accounts.get(row["account_name"]) if row["account_name"] else None
        who = "" if account_id is not None or not row["account_name"] else f"（账号 {row['account_name']}）"
        values.append(
            {
                **{f: row[f] for f in _FIELDS if f not in ("uid", "account_id", "summary")},
                "uid": row["uid"] if row["uid"] not in taken else new_uid(),
                "account_id": account_id,
                "summary": f"{MARK}{who}{row['summary']}"[:200],
                "created_at": row["at"],
                "updated_at": row["at"],
                "version": 1,
            }
        )
    audit_chain.append_many(session.connection(), values)
    log.info("restore: %d audit records of the replaced trail carried over", len(values))
    return len(values)
