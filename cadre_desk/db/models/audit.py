"""AuditEvent: who did what to which record, with the changed fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Base, CommonColumns, UTCDateTime, utcnow


class AuditEvent(CommonColumns, Base):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)

    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), default=None)
    action: Mapped[str] = mapped_column(String(20))  # create / update / archive / restore / print / export …
    entity: Mapped[str] = mapped_column(String(40))  # table name
    entity_id: Mapped[int | None] = mapped_column(Integer, default=None)
    entity_uid: Mapped[str | None] = mapped_column(String(36), default=None)
    summary: Mapped[str] = mapped_column(String(200), default="")
    # {field: [old, new]} with values in their JSON form (dates as strings)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
