"""Talk (谈话记录): subjects, follow-ups."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Archivable, Base, CommonColumns


class Talk(CommonColumns, Archivable, Base):
    __tablename__ = "talk"

    # Local wall-clock time of the talk as written on the record (not an instant): naive on purpose.
    talk_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    place: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(10))
    talkers: Mapped[str] = mapped_column(String(200))  # 谈话人, names joined by 、
    recorder: Mapped[str] = mapped_column(String(50), default="")  # 记录人
    outline: Mapped[str] = mapped_column(Text, default="", info={"max_length": 20_000})  # 谈话提纲
    content: Mapped[str] = mapped_column(Text, default="", info={"max_length": 100_000})
    statement: Mapped[str] = mapped_column(Text, default="", info={"max_length": 20_000})  # 本人表态


class TalkSubject(CommonColumns, Base):
    """A cadre talked with (谈话对象); a talk may have several."""

    __tablename__ = "talk_subject"

    talk_id: Mapped[int] = mapped_column(ForeignKey("talk.id", ondelete="CASCADE"), index=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class TalkFollowUp(CommonColumns, Archivable, Base):
    __tablename__ = "talk_follow_up"

    talk_id: Mapped[int] = mapped_column(ForeignKey("talk.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(Text, info={"max_length": 2000})
    owner: Mapped[str] = mapped_column(String(50), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True)
    done_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)
