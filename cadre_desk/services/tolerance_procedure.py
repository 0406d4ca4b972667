"""容错纠错: the procedure — moving a case one state along `domain.tolerance.TRANSITIONS` with each
move's conditions (不予受理 needs reasons, 已认定 a complete ruling, 纠错整改中 a measure, 已归档 every
measure done), and ticking off correction measures. Every move is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import ToleranceCaseRule, ToleranceMeasure
from cadre_desk.domain.tolerance import CaseState, Ruling, can_move
from cadre_desk.errors import NotFoundError, ValidationError
from cadre_desk.services import audit
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.tolerance import (
    CASE_FIELDS,
    ENTITY,
    CaseView,
    MeasureView,
    check_version,
    load,
    view,
)
from cadre_desk.services.tolerance_rules import require_tolerance
from cadre_desk.services.validation import FieldErrors


def check_ruling(values: dict[str, Any], rule_ids: Sequence[int]) -> None:
    errs = FieldErrors()
    if not values["ruling"]:
        errs.add("ruling", "请选择认定结果")
    if not values["ruling_body"]:
        errs.add("ruling_body", "请填写认定机关")
    if values["ruling_date"] is None:
        errs.add("ruling_date", "请填写认定日期")
    if not values["ruling_number"]:
        errs.add("ruling_number", "请填写认定文号")
    if values["ruling"] and values["ruling"] != Ruling.NOT_TOLERATED and not rule_ids:
        errs.add("rule_ids", "请选择所依据的容错情形（不予容错除外）")
    errs.raise_if_any()


def move_case(
    ctx: ServiceContext, case_id: int, target: str, expected_version: int, reason: str = ""
) -> CaseView:
    """Move the case one step: 登记 → 受理 (不予受理) → 核实中 → 已认定 → 纠错整改中 → 已归档."""
    require_tolerance(ctx)
    with ctx.db.uow() as session:
        c = load(session, case_id)
        check_version(c, expected_version)
        state = CaseState(c.state)
        if target not in tuple(CaseState) or not can_move(state, CaseState(target)):
            raise ValidationError({"state": f"容错案件不能从“{state}”改为“{target}”"})
        goal = CaseState(target)
        changes: dict[str, list[Any]] = {"state": [c.state, goal.value]}
        if goal is CaseState.REJECTED:
            cleaned = reason.strip()
            if not cleaned:
                raise ValidationError({"rejection_reason": "请填写不予受理的理由"})
            changes["rejection_reason"] = [c.rejection_reason, cleaned]
            c.rejection_reason = cleaned
        if goal is CaseState.RULED:
            rule_ids = session.scalars(
                select(ToleranceCaseRule.rule_id).where(ToleranceCaseRule.case_id == c.id)
            )
            check_ruling(audit.snapshot(c, CASE_FIELDS), list(rule_ids))
        open_measures = session.scalar(
            select(func.count()).where(
                ToleranceMeasure.case_id == c.id,
                ToleranceMeasure.archived_at.is_(None),
                ToleranceMeasure.done_date.is_(None),
            )
        )
        if goal is CaseState.CORRECTING and not open_measures:
            raise ValidationError({"measures": "请先填写纠错整改措施（含整改时限）"})
        if goal is CaseState.ARCHIVED and open_measures:
            raise ValidationError({"measures": f"还有 {open_measures} 项整改措施未完成，不能归档"})
        c.state = goal.value
        c.updated_at = utcnow()
        session.flush()
        audit.record(session, ctx, "update", ENTITY, c.id, c.uid, changes, f"{c.number} → {goal.value}")
        return view(session, c)


def mark_measure_done(ctx: ServiceContext, measure_id: int, done: dt.date | str | None) -> MeasureView:
    """Tick off (or with `None` reopen) one correction measure."""
    require_tolerance(ctx)
    with ctx.db.uow() as session:
        m = session.get(ToleranceMeasure, measure_id)
        if m is None or m.archived_at is not None:
            raise NotFoundError("整改措施", measure_id)
        errs = FieldErrors()
        done_date = errs.date("done_date", done, "完成日期")
        errs.raise_if_any()
        audit.update_row(session, ctx, "tolerance_measure", m, {"done_date": done_date})
        return MeasureView(m.id, m.case_id, m.action, m.owner, m.due_date, m.done_date)
