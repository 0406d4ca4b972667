"""The leadership team (领导班子, `LeadershipTeam`) of a unit: its posts (职位) and the cadres holding them.

A unit has exactly one 班子, so the team is not a row of its own: its posts hang on the unit directly
(`TeamPost.unit_id`), and "the 班子 of unit U" is U's live posts with their current members.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Archivable, Base, CommonColumns, YearMonthType
from cadre_desk.domain.yearmonth import YearMonth


class TeamPost(CommonColumns, Archivable, Base):
    """A post in a unit's 班子, e.g. 党委书记 (正职, 职数 1) or 副镇长 (副职, 职数 3)."""

    __tablename__ = "team_post"

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(4))  # vocab.PostLevel: 正职 / 副职
    slots: Mapped[int] = mapped_column(Integer, default=1)  # 职数 (approved number of posts)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class TeamMember(CommonColumns, Archivable, Base):
    """A cadre holding a team post since a month; `until` ends the tenure (kept as history)."""

    __tablename__ = "team_member"

    post_id: Mapped[int] = mapped_column(ForeignKey("team_post.id"), index=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)
    since: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)
    until: Mapped[YearMonth | None] = mapped_column(YearMonthType(), default=None)
