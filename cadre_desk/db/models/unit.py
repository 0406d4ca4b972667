"""Unit (单位) and the operator account (用户) that every audit record names."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cadre_desk.db.base import Archivable, Base, CommonColumns


class Unit(CommonColumns, Archivable, Base):
    __tablename__ = "unit"

    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[str] = mapped_column(String(20), default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True, default=None)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id")


class Account(CommonColumns, Base):
    """A person who uses the app. For now the operator created on first start; roles come later."""

    __tablename__ = "account"

    name: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50), default="")
    role: Mapped[str] = mapped_column(String(20), default="operator")
