"""晴雨表 (Barometer): periods, one entry per cadre per period with its indicators, colour, 研判 override and
处置, and the local colour rule table and colour words (shipped defaults with their sources)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Archivable, Base, CommonColumns, UTCDateTime


class BarometerPeriod(CommonColumns, Base):
    __tablename__ = "barometer_period"

    code: Mapped[str] = mapped_column(String(10), unique=True)  # 2026Q4
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10), default="采集中")  # 采集中 → 研判中 → 已发布
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    published_by: Mapped[str] = mapped_column(String(50), default="")


class BarometerEntry(CommonColumns, Base):
    """One cadre's reading in one period. Indicators are stored as text ("" = nothing recorded)."""

    __tablename__ = "barometer_entry"
    __table_args__ = (
        UniqueConstraint("period_id", "cadre_id"),
        Index("ix_barometer_entry_period_unit", "period_id", "unit_id"),
    )

    period_id: Mapped[int] = mapped_column(ForeignKey("barometer_period.id", ondelete="CASCADE"))
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), default=None)  # when opened
    duty: Mapped[str] = mapped_column(String(20), default="")
    assessment: Mapped[str] = mapped_column(String(20), default="")
    discipline: Mapped[str] = mapped_column(String(200), default="")
    case_review: Mapped[str] = mapped_column(String(20), default="")
    org_handling: Mapped[str] = mapped_column(String(20), default="")
    accountability: Mapped[str] = mapped_column(String(200), default="")
    petition: Mapped[str] = mapped_column(String(20), default="")
    personal_matters: Mapped[str] = mapped_column(String(20), default="")
    audit_finding: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})
    public_opinion: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})
    talk_measure: Mapped[str] = mapped_column(String(20), default="")
    rank_last: Mapped[str] = mapped_column(String(20), default="")
    unfit: Mapped[str] = mapped_column(String(20), default="")
    sources: Mapped[str] = mapped_column(String(200), default="")  # the member-unit lists that fed it
    colour: Mapped[str] = mapped_column(String(10), default="green")  # computed by the rule table
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("barometer_rule.id", ondelete="SET NULL"), default=None
    )
    rule_text: Mapped[str] = mapped_column(String(200), default="")  # the rule that fired, as it read
    override_colour: Mapped[str] = mapped_column(String(10), default="")  # 研判: "" = none
    override_reason: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})
    override_by: Mapped[str] = mapped_column(String(50), default="")
    override_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    disposal: Mapped[str] = mapped_column(String(10), default="")  # 处置: "" = not decided
    disposal_way: Mapped[str] = mapped_column(String(20), default="")  # 调整岗位: 调离岗位 …
    follow_up: Mapped[str] = mapped_column(Text, default="", info={"max_length": 1000})
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)
    disposed_by: Mapped[str] = mapped_column(String(50), default="")


class BarometerRule(CommonColumns, Archivable, Base):
    """The local colour rule table: `indicator` with one of `values` (、-separated; blank = any value)
    colours a reading `colour`. Red rules are tried before yellow ones, each by `position`."""

    __tablename__ = "barometer_rule"

    colour: Mapped[str] = mapped_column(
        String(10)
    )  # 红 / 黄 (the canonical words, whatever they are renamed to)
    indicator: Mapped[str] = mapped_column(String(30))  # the indicator's label: 信访举报
    values: Mapped[str] = mapped_column(String(200), default="")
    label: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class BarometerColour(CommonColumns, Base):
    """The word each colour is shown and printed with (红 / 黄 / 绿 by default; a county may rename them)."""

    __tablename__ = "barometer_colour"

    code: Mapped[str] = mapped_column(String(10), unique=True)  # red / yellow / green
    word: Mapped[str] = mapped_column(String(10))
    meaning: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(Text, default="")
