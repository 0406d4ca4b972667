"""Owed talks (应谈, the county's 三必谈): the local rules that turn events into obligations, and the
obligations themselves.

`ObligationRule` is a local rule table (shipped defaults with their source, edited in 设置 → 规则);
`Obligation` is one talk owed to one cadre because of one event. Its state is stored (待谈 → 已谈 →
已闭环, or 免谈 / 合并 with a reason); 逾期 is computed from `due_date`, never stored.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Archivable, Base, CommonColumns


class ObligationRule(CommonColumns, Archivable, Base):
    __tablename__ = "obligation_rule"

    code: Mapped[str] = mapped_column(String(10), unique=True)  # 任职 / 交流 / 青干班 / 苗头
    due_days: Mapped[int] = mapped_column(Integer, default=30)
    talk_kind: Mapped[str] = mapped_column(String(10))  # the TalkKind that settles it
    talker: Mapped[str] = mapped_column(String(100), default="")  # 谈话人 by rule (a role or names)
    training_kinds: Mapped[str] = mapped_column(String(200), default="")  # 、-joined; 青干班 rule only
    source: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Obligation(CommonColumns, Base):
    __tablename__ = "obligation"
    __table_args__ = (Index("ix_obligation_state_due", "state", "due_date"),)

    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(10))  # ObligationRule.code at the time of the event
    event: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})  # what happened
    event_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    # Where the event came from: post, unit, resume, training, note (苗头 note), barometer, history (回溯)
    origin: Mapped[str] = mapped_column(String(20), default="")
    origin_id: Mapped[int | None] = mapped_column(Integer, default=None)
    talk_kind: Mapped[str] = mapped_column(String(10))  # copied from the rule when raised
    talker: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(10), default="待谈")
    reason: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})  # 免谈 / 合并
    talk_id: Mapped[int | None] = mapped_column(
        ForeignKey("talk.id", ondelete="SET NULL"), index=True, default=None
    )
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("obligation.id", ondelete="SET NULL"), default=None
    )
    settled_on: Mapped[dt.date | None] = mapped_column(Date, default=None)  # 已谈 / 免谈 / 合并
    closed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)  # 已闭环
