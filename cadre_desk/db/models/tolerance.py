"""容错纠错 (FaultTolerance): the county's list of 情形 (a local rule table) and the case register with its
assessment, ruling, correction measures, follow-up visits and attachments (files kept in the database)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from cadre_desk.db.base import Archivable, Base, CommonColumns


def _new_rule_key() -> str:
    """The code of a 情形 the department adds (the shipped ones have names: reform, pilot …)."""
    return f"local-{uuid.uuid4().hex[:8]}"


class ToleranceRule(CommonColumns, Archivable, Base):
    """One 容错情形 of the county's list, with where it came from (shipped defaults or the department)."""

    __tablename__ = "tolerance_rule"

    key: Mapped[str] = mapped_column(String(40), unique=True, default=_new_rule_key)
    text: Mapped[str] = mapped_column(Text, info={"max_length": 500})
    source: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})
    position: Mapped[int] = mapped_column(Integer, default=0)


class ToleranceCase(CommonColumns, Archivable, Base):
    __tablename__ = "tolerance_case"

    number: Mapped[str] = mapped_column(String(40), unique=True)  # 案件编号, e.g. 容错〔2026〕3号
    cadre_id: Mapped[int | None] = mapped_column(ForeignKey("cadre.id"), index=True, default=None)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True, default=None)
    matter: Mapped[str] = mapped_column(String(200))  # 事项 (short title)
    facts: Mapped[str] = mapped_column(Text, default="", info={"max_length": 20_000})  # 基本事实
    matter_start: Mapped[dt.date] = mapped_column(Date)  # when the matter happened
    matter_end: Mapped[dt.date | None] = mapped_column(Date, default=None)
    origin: Mapped[str] = mapped_column(String(20))  # 本人申请 / 单位申请 / 问责机关一并核查
    received_by: Mapped[str] = mapped_column(String(100), default="")  # 受理机关
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)  # 登记 (application) date
    state: Mapped[str] = mapped_column(String(10), index=True)
    rejection_reason: Mapped[str] = mapped_column(Text, default="", info={"max_length": 2000})
    # the 三个区分开来 analysis
    motive: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5000})
    procedure: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5000})
    nature: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5000})
    consequence: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5000})
    recovery: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5000})
    # the ruling (认定)
    ruling: Mapped[str] = mapped_column(String(10), default="")
    ruling_body: Mapped[str] = mapped_column(String(100), default="")
    ruling_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    ruling_number: Mapped[str] = mapped_column(String(60), default="")  # 文号
    ruling_text: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5000})
    # after the ruling
    feedback: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5000})  # 结果反馈
    result_use: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5000})  # 结果运用


class ToleranceCaseRule(CommonColumns, Base):
    """A 情形 the case was assessed against."""

    __tablename__ = "tolerance_case_rule"
    __table_args__ = (UniqueConstraint("case_id", "rule_id"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("tolerance_case.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("tolerance_rule.id"), index=True)


class ToleranceMeasure(CommonColumns, Archivable, Base):
    """A correction measure (纠错整改措施) with its deadline."""

    __tablename__ = "tolerance_measure"

    case_id: Mapped[int] = mapped_column(ForeignKey("tolerance_case.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(Text, info={"max_length": 2000})
    owner: Mapped[str] = mapped_column(String(50), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True)
    done_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ToleranceVisit(CommonColumns, Archivable, Base):
    """A follow-up visit (回访) after the ruling."""

    __tablename__ = "tolerance_visit"

    case_id: Mapped[int] = mapped_column(ForeignKey("tolerance_case.id", ondelete="CASCADE"), index=True)
    visit_date: Mapped[dt.date] = mapped_column(Date)
    visitor: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5000})
    position: Mapped[int] = mapped_column(Integer, default=0)


class ToleranceAttachment(CommonColumns, Archivable, Base):
    """A scan or PDF of the case, its bytes in the database (loaded only when opened)."""

    __tablename__ = "tolerance_attachment"

    case_id: Mapped[int] = mapped_column(ForeignKey("tolerance_case.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(40))  # from the content: application/pdf, image/png …
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
