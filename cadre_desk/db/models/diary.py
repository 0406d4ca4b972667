"""DiaryEntry (成长日记) and MentorComment (导师点评)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Archivable, Base, CommonColumns, UTCDateTime


class DiaryEntry(CommonColumns, Archivable, Base):
    __tablename__ = "diary_entry"
    __table_args__ = (Index("ix_diary_entry_mentee_date", "mentee_id", "date"),)

    mentee_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"))
    mentorship_id: Mapped[int | None] = mapped_column(ForeignKey("mentorship.id"), index=True, default=None)
    date: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(10), default="工作")
    content: Mapped[str] = mapped_column(Text, default="", info={"max_length": 100_000})
    state: Mapped[str] = mapped_column(String(10), default="草稿", index=True)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)


class MentorComment(CommonColumns, Archivable, Base):
    __tablename__ = "mentor_comment"

    entry_id: Mapped[int] = mapped_column(ForeignKey("diary_entry.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, info={"max_length": 20_000})
