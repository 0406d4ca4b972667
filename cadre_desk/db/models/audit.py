"""AuditEvent: who did what to which record, with the changed fields, hash-chained (`db/audit_chain.py`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Base, CommonColumns, UTCDateTime, utcnow


class AuditEvent(CommonColumns, Base):
    """One record of the audit trail. Written only through `db.audit_chain.append`; never updated."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_entity", "entity", "entity_id"),
        Index("ix_audit_event_seq", "seq", unique=True),
    )

    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), default=None)
    action: Mapped[str] = mapped_column(String(20))  # create / update / archive / restore / print / export …
    entity: Mapped[str] = mapped_column(String(40))  # table name
    entity_id: Mapped[int | None] = mapped_column(Integer, default=None)
    entity_uid: Mapped[str | None] = mapped_column(String(36), default=None)
    summary: Mapped[str] = mapped_column(String(200), default="")
    # {field: [old, new]} with values in their JSON form (dates as strings)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The hash chain: position, the previous record's hash, this record's hash (SHA-256, hex)
    seq: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    """The end of the audit chain (one row, id 1): the last sequence number and hash, and the anchor the
    chain starts from (0 / GENESIS, or the last purged record). Writers lock it on PostgreSQL.

    A technical singleton, not a record: no uid, timestamps or version."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    anchor_seq: Mapped[int] = mapped_column(Integer)
    anchor_hash: Mapped[str] = mapped_column(String(64))
