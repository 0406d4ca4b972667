"""Mentorship (一对一帮带) and the mentor's mentorship records."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cadre_desk.db.base import Archivable, Base, CommonColumns
from cadre_desk.db.models.cadre import Cadre


class Mentorship(CommonColumns, Archivable, Base):
    __tablename__ = "mentorship"
    __table_args__ = (CheckConstraint("mentor_id <> mentee_id", name="mentor_not_mentee"),)

    mentor_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)
    term_start: Mapped[dt.date] = mapped_column(Date)
    term_end: Mapped[dt.date] = mapped_column(Date)
    goals: Mapped[str] = mapped_column(Text, default="")
    plan: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="进行中")
    end_reason: Mapped[str] = mapped_column(Text, default="")
    ended_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    mentor_evaluation: Mapped[str] = mapped_column(Text, default="")
    mentee_summary: Mapped[str] = mapped_column(Text, default="")
    evaluation_result: Mapped[str] = mapped_column(Text, default="")
    evaluation_grade: Mapped[str] = mapped_column(String(10), default="")

    mentor: Mapped[Cadre] = relationship(foreign_keys=[mentor_id], lazy="joined")
    mentee: Mapped[Cadre] = relationship(foreign_keys=[mentee_id], lazy="joined")


class MentorshipRecord(CommonColumns, Archivable, Base):
    """A dated mentorship record by the mentor (谈心, 带教, 现场指导, 交办任务 …)."""

    __tablename__ = "mentorship_record"

    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorship.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    form: Mapped[str] = mapped_column(String(20))
    content: Mapped[str] = mapped_column(Text)
