"""LocalRule: the local practice the supervision and development features follow (退出领导岗位 ages, days ↔
学时, the training window, the original retirement age of women 县处级 …), shipped with defaults that say
where they came from and editable by the department. National rules live in `domain/` instead."""

from __future__ import annotations

from sqlalchemy import Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Base, CommonColumns


class LocalRule(CommonColumns, Base):
    __tablename__ = "local_rule"
    __table_args__ = (UniqueConstraint("category", "key"),)

    category: Mapped[str] = mapped_column(String(40))  # e.g. leadership_exit_age
    key: Mapped[str] = mapped_column(String(40))  # e.g. 正职
    value: Mapped[float] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(60), default="")  # what the value means, for the user
    source: Mapped[str] = mapped_column(Text, default="")  # where the default came from
    position: Mapped[int] = mapped_column(Integer, default=0)
