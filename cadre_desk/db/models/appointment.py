"""The cadre's current 任免 case: the appointment form's own data (not the cadre's, not per print)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Base, CommonColumns


class AppointmentCase(CommonColumns, Base):
    """拟任职务, 拟免职务, 任免理由, 呈报单位, 填表人, 填表时间 and 计算年龄时间 of the cadre's current form.

    One row per cadre (the current case); it is created when the form's data is first saved or a .lrmx
    is imported, and each .lrmx export writes it back (`NiRenZhiWu` … `TianBiaoRen`).
    """

    __tablename__ = "appointment_case"

    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id", ondelete="CASCADE"), unique=True)
    proposed_post: Mapped[str] = mapped_column(Text, default="")  # 拟任职务
    proposed_removal: Mapped[str] = mapped_column(Text, default="")  # 拟免职务
    reason: Mapped[str] = mapped_column(Text, default="")  # 任免理由
    reporting_unit: Mapped[str] = mapped_column(String(200), default="")  # 呈报单位
    filled_by: Mapped[str] = mapped_column(String(50), default="")  # 填表人
    filled_on: Mapped[dt.date | None] = mapped_column(Date, default=None)  # 填表时间
    age_reference: Mapped[dt.date | None] = mapped_column(Date, default=None)  # 计算年龄时间
