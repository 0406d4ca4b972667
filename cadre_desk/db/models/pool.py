"""Young-cadre and reserve pools (GLOSSARY `TalentPool`): the local table of pools (库别) with their age
caps, the entries (a cadre in a pool), their dated development measures and yearly reviews (研判)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cadre_desk.db.base import Archivable, Base, CommonColumns
from cadre_desk.db.models.cadre import Cadre, Secondment
from cadre_desk.db.models.mentorship import Mentorship


class TalentPool(CommonColumns, Archivable, Base):
    """库别: a local rule row (shipped defaults with their `source`, editable by the department)."""

    __tablename__ = "talent_pool"

    name: Mapped[str] = mapped_column(String(40), unique=True)  # 好苗子, 后备干部（正科）…
    target_level: Mapped[str] = mapped_column(String(20), default="")  # 正科 / 副科 for a 后备 pool
    age_cap: Mapped[int] = mapped_column(Integer)  # "X岁以下": a completed age of at most X
    source: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class PoolEntry(CommonColumns, Archivable, Base):
    """A cadre in a pool: how and when they came in, the direction of development, and the state
    (在库 → 列为考察对象 → 已使用 | 退出), each step with its date."""

    __tablename__ = "pool_entry"

    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id", ondelete="CASCADE"), index=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("talent_pool.id"), index=True)
    entered_on: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(10))  # 推荐 / 测试 / 考察 / 组织掌握
    recommended_by: Mapped[str] = mapped_column(String(100), default="")  # the unit, for 推荐
    document_no: Mapped[str] = mapped_column(String(100), default="")  # 文号
    direction: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})  # 培养方向
    mentorship_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentorship.id", ondelete="SET NULL"), index=True, default=None
    )
    state: Mapped[str] = mapped_column(String(10), default="在库", index=True)
    candidate_on: Mapped[dt.date | None] = mapped_column(Date, default=None)  # 列为考察对象
    used_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    used_post: Mapped[str] = mapped_column(String(200), default="")
    exited_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    exit_reason: Mapped[str] = mapped_column(String(10), default="")  # 超龄 / 考核 / 处分 / 本人 / 调出
    exit_note: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})

    cadre: Mapped[Cadre] = relationship(lazy="joined")
    pool: Mapped[TalentPool] = relationship(lazy="joined")
    mentorship: Mapped[Mentorship | None] = relationship()


class PoolMeasure(CommonColumns, Archivable, Base):
    """A dated development measure (培养措施): 挂职 (linked to the secondment record), 轮岗, 重点工作抽调,
    培训, 帮带."""

    __tablename__ = "pool_measure"

    entry_id: Mapped[int] = mapped_column(ForeignKey("pool_entry.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date, default=None)
    content: Mapped[str] = mapped_column(Text, default="", info={"max_length": 1000})
    secondment_id: Mapped[int | None] = mapped_column(
        ForeignKey("secondment.id", ondelete="SET NULL"), index=True, default=None
    )

    secondment: Mapped[Secondment | None] = relationship()


class PoolReview(CommonColumns, Base):
    """The yearly review of an entry (年度研判意见): one per entry and year, rewritten in place (audited)."""

    __tablename__ = "pool_review"
    __table_args__ = (UniqueConstraint("entry_id", "year"),)

    entry_id: Mapped[int] = mapped_column(ForeignKey("pool_entry.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    opinion: Mapped[str] = mapped_column(Text, info={"max_length": 2000})
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
