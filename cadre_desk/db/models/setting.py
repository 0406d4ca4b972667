"""AppSetting: department-wide settings that travel with the data (department name, confidentiality
mark …), so the CLI, the client and every PC on a shared server print the same headers. Per-machine
preferences (window geometry, language) stay in the user's QSettings instead."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Base, CommonColumns


class AppSetting(CommonColumns, Base):
    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text, default="")
