"""A saved selection in the demo county (issue 14 §1): the first half of its 乡镇 as the next 换届's
townships, so that the 班子结构 page has a 选定范围 to choose from the start."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import StructureSelection, StructureSelectionUnit, Unit
from cadre_desk.domain import vocab


def write_selections(session: Session, today: dt.date) -> int:
    """Write the example selection (none in a county with fewer than two 乡镇); returns how many."""
    towns = session.scalars(
        select(Unit.id)
        .where(Unit.kind == vocab.UnitKind.TOWNSHIP, Unit.archived_at.is_(None))
        .order_by(Unit.sort_order, Unit.id)
    ).all()
    if len(towns) < 2:
        return 0
    selection = StructureSelection(
        name=f"{today.year + 1}换届乡镇（示例）", note="演示数据：换届前需要重点研判班子结构的乡镇"
    )
    session.add(selection)
    session.flush()
    for position, unit_id in enumerate(towns[: max(2, len(towns) // 2)]):
        session.add(StructureSelectionUnit(selection_id=selection.id, unit_id=unit_id, position=position))
    session.flush()
    return 1
