"""StructureTarget: a local structure requirement of leadership teams (班子结构要求), e.g. 乡镇班子 35岁以下
≈ 30%, with its scope and where it came from. Shipped defaults come with the migration; the department
edits them in 设置 → 规则. `domain.structure.Target` is the rule it is read into."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Archivable, Base, CommonColumns


class StructureTarget(CommonColumns, Archivable, Base):
    __tablename__ = "structure_target"

    name: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(String(20))  # a unit kind, 县直单位 or 全县
    per_team: Mapped[bool] = mapped_column(Boolean, default=False)  # each 班子, or all of the scope
    base_level: Mapped[str] = mapped_column(String(4), default="不限")  # 不限 / 正职 / 副职
    base_post: Mapped[str] = mapped_column(String(100), default="")  # post texts, | between; "" any
    base_max_age: Mapped[int] = mapped_column(Integer, default=0)  # only members of at most this age; 0 any
    measure: Mapped[str] = mapped_column(String(20))  # domain.structure.MEASURES
    measure_value: Mapped[str] = mapped_column(String(100), default="")  # the age, or the post texts
    required_kind: Mapped[str] = mapped_column(String(4))  # 比例 (percent of the base) / 人数
    required_value: Mapped[float] = mapped_column(Float)  # 30 (%) or 1 (名)
    valid_from: Mapped[str] = mapped_column(String(10), default="")  # YYYY.MM.DD in force from; "" always
    source: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class FourKind(CommonColumns, Base):
    """One of the 四类干部 (年轻干部, 女干部, 少数民族干部, 党外干部): whether the structure analysis counts
    it (the set is local practice), and for 年轻干部 the age limit."""

    __tablename__ = "four_kind"

    kind: Mapped[str] = mapped_column(String(20), unique=True)  # domain.structure.FOUR_KINDS
    counted: Mapped[bool] = mapped_column(Boolean, default=True)
    max_age: Mapped[int] = mapped_column(Integer, default=0)  # 年轻干部: completed age ≤ this; else 0
    source: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class StructureSelection(CommonColumns, Archivable, Base):
    """A saved selection of units (and so of their 班子), named by the department (e.g. 2027换届乡镇), to
    analyse as one scope; deleting archives it. Its units are `StructureSelectionUnit` rows."""

    __tablename__ = "structure_selection"

    name: Mapped[str] = mapped_column(String(100))  # unique among the live selections (the service checks)
    note: Mapped[str] = mapped_column(Text, default="", info={"max_length": 500})


class StructureSelectionUnit(CommonColumns, Base):
    """A unit in a saved selection, in the order chosen."""

    __tablename__ = "structure_selection_unit"

    selection_id: Mapped[int] = mapped_column(
        ForeignKey("structure_selection.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
