"""Cadre (干部) with every field of the appointment form, and its child records.

`info["max_length"]` bounds a `Text` column: the services take no more characters than that (as a
`String(n)` column takes n), so every way data comes in is bounded the same (services.validation).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cadre_desk.db.base import Archivable, Base, CommonColumns, YearMonthType
from cadre_desk.db.models.unit import Unit
from cadre_desk.domain.yearmonth import YearMonth


class Cadre(CommonColumns, Archivable, Base):
    __tablename__ = "cadre"

    name: Mapped[str] = mapped_column(String(50), index=True)
    name_initials: Mapped[str] = mapped_column(String(50), default="", index=True)
    gender: Mapped[str] = mapped_column(String(2))
    birth: Mapped[YearMonth] = mapped_column(YearMonthType())
    ethnicity: Mapped[str] = mapped_column(String(20), default="汉族")
    native_place: Mapped[str] = mapped_column(String(50), default="")  # 籍贯
    birthplace: Mapped[str] = mapped_column(String(50), default="")
    political_status: Mapped[str] = mapped_column(String(20), default="")
    party_join: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)
    democratic_party: Mapped[str] = mapped_column(String(20), default="")
    work_start: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)
    health: Mapped[str] = mapped_column(String(20), default="健康")
    professional_title: Mapped[str] = mapped_column(String(50), default="")  # 专业技术职务
    speciality: Mapped[str] = mapped_column(Text, default="", info={"max_length": 2000})  # 熟悉专业有何专长
    fulltime_education: Mapped[str] = mapped_column(String(30), default="")
    fulltime_degree: Mapped[str] = mapped_column(String(30), default="")
    fulltime_school: Mapped[str] = mapped_column(String(100), default="")  # school and major of 学历
    fulltime_degree_school: Mapped[str] = mapped_column(String(100), default="")  # ... of 学位
    inservice_education: Mapped[str] = mapped_column(String(30), default="")
    inservice_degree: Mapped[str] = mapped_column(String(30), default="")
    inservice_school: Mapped[str] = mapped_column(String(100), default="")
    inservice_degree_school: Mapped[str] = mapped_column(String(100), default="")
    post: Mapped[str] = mapped_column(Text, default="", info={"max_length": 1000})  # 现任职务
    rank: Mapped[str] = mapped_column(String(20), default="")  # 职级
    post_since: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)
    rank_since: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)  # 任现职级时间
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True, default=None)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True, default=None)
    phone: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5000})
    # 到龄: a manual retirement month (弹性提前 / 延迟, special cases) with its reason wins over the formula.
    retirement_override: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)
    retirement_override_reason: Mapped[str] = mapped_column(Text, default="", info={"max_length": 200})
    # 改革前任职年龄界限 (.lrmx GaiGeQianRenZhiNianLingJieXian, e.g. `改革前任职年龄界限为60岁`; 63 / 65 / 66
    # for some posts): as written by hand or read from a file; blank: the original age is shown.
    post_age_limit: Mapped[str] = mapped_column(String(50), default="")

    unit: Mapped[Unit | None] = relationship(lazy="joined")
    photo: Mapped[CadrePhoto | None] = relationship(
        back_populates="cadre", uselist=False, cascade="all, delete-orphan", passive_deletes=True
    )


class CadrePhoto(CommonColumns, Base):
    """The photo, in its own table so that roster queries never drag image bytes along."""

    __tablename__ = "cadre_photo"

    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id", ondelete="CASCADE"), unique=True)
    mime: Mapped[str] = mapped_column(String(30), default="image/jpeg")
    data: Mapped[bytes] = mapped_column(LargeBinary)

    cadre: Mapped[Cadre] = relationship(back_populates="photo")


class CadreChild(CommonColumns, Archivable):
    """Columns shared by every child record of a cadre."""

    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ResumeEntry(CadreChild, Base):
    """One 简历 line; a concurrent `（其间：…）` item points at its main line through `parent_id`."""

    __tablename__ = "resume_entry"

    start: Mapped[YearMonth] = mapped_column(YearMonthType())
    end: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)
    text: Mapped[str] = mapped_column(Text, info={"max_length": 500})
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("resume_entry.id", ondelete="CASCADE"), index=True, default=None
    )


class FamilyMember(CadreChild, Base):
    __tablename__ = "family_member"

    relation: Mapped[str] = mapped_column(String(20))  # 称谓
    name: Mapped[str] = mapped_column(String(50))
    birth: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)
    political_status: Mapped[str] = mapped_column(String(20), default="")
    employer_post: Mapped[str] = mapped_column(Text, default="", info={"max_length": 200})  # 工作单位及职务
    deceased: Mapped[bool] = mapped_column(Boolean, default=False)


class RewardOrPunishment(CadreChild, Base):
    __tablename__ = "reward_or_punishment"

    kind: Mapped[str] = mapped_column(String(10))  # 奖励 / 惩处
    date: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)
    text: Mapped[str] = mapped_column(Text, info={"max_length": 1000})
    issuer: Mapped[str] = mapped_column(String(100), default="")  # 批准机关


class Assessment(CadreChild, Base):
    __tablename__ = "assessment"

    year: Mapped[int] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(10))
    notes: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})


class Training(CadreChild, Base):
    __tablename__ = "training"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="")
    organiser: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    end_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    days: Mapped[float] = mapped_column(Float, default=0.0)
    full_time: Mapped[bool] = mapped_column(Boolean, default=False)  # 脱产
    certificate: Mapped[str] = mapped_column(String(100), default="")  # 结业证书编号


class Secondment(CadreChild, Base):
    __tablename__ = "secondment"

    place: Mapped[str] = mapped_column(String(200))  # where
    post: Mapped[str] = mapped_column(String(200), default="")
    start: Mapped[YearMonth] = mapped_column(YearMonthType())
    end: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)
    kind: Mapped[str] = mapped_column(String(20), default="")


__all__ = [
    "Assessment",
    "Cadre",
    "CadreChild",
    "CadrePhoto",
    "FamilyMember",
    "ResumeEntry",
    "RewardOrPunishment",
    "Secondment",
    "Training",
]
