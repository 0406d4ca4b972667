"""考察材料: the inspection report on a cadre, kept as numbered revisions (every save adds one)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Base, CommonColumns


class InspectionReport(CommonColumns, Base):
    """One saved revision. A revision is never changed: the document's history is its revisions."""

    __tablename__ = "inspection_report"
    __table_args__ = (UniqueConstraint("cadre_id", "revision"),)

    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    # [{"key": "de", "title": "…", "text": "…"}, …]; text paragraphs split by newlines, **bold** runs
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    # [{"section": "de", "text": "…", "source": "…"}, …]: the facts the draft was made from
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    saved_by: Mapped[str] = mapped_column(String(50), default="")
