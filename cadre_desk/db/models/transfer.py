"""What data exchange keeps: the original appointment-form file of a cadre, and exchange bases."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Base, CommonColumns


class CadreFormSource(CommonColumns, Base):
    """The .lrmx a cadre was last imported from, so that an export gives back what the app does not model.

    `xml` is the original `<Person>` element with the photo's Base64 removed (the photo bytes live in
    `cadre_photo`); `photo_shape` records how that Base64 was written (prefix, line length, line end)
    and the SHA-256 of the bytes, so an unchanged photo is written back character for character.
    """

    __tablename__ = "cadre_form_source"

    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id", ondelete="CASCADE"), unique=True)
    format: Mapped[str] = mapped_column(String(10), default="lrmx")
    file_version: Mapped[str] = mapped_column(String(30), default="")  # the <Version> as read
    file_name: Mapped[str] = mapped_column(String(260), default="")
    xml: Mapped[str] = mapped_column(Text)
    photo_shape: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ExchangeBase(CommonColumns, Base):
    """Per record (by uid): the content hash both machines agreed on at the last package exchange."""

    __tablename__ = "exchange_base"

    entity: Mapped[str] = mapped_column(String(40))
    record_uid: Mapped[str] = mapped_column(String(36), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64))
