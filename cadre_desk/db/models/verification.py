"""待核实: problems an import found in a cadre's data that staff can correct later."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Base, CommonColumns


class VerificationProblem(CommonColumns, Base):
    """One problem of one cadre's field (`id_number`, `family[2].birth`), with the field's label and a
    Chinese message. A problem goes away when the field is corrected (the services re-check on save)."""

    __tablename__ = "verification_problem"

    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(100))
    label: Mapped[str] = mapped_column(String(50), default="")
    message: Mapped[str] = mapped_column(Text, info={"max_length": 1000})
    involves: Mapped[str] = mapped_column(String(200), default="")  # other fields, comma-separated
    as_read: Mapped[bool] = mapped_column(Boolean, default=False)  # about text that could not be kept
    source: Mapped[str] = mapped_column(String(260), default="")  # the file it came from
