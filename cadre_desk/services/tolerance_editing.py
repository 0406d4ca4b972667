"""容错纠错: registering and editing a case — its fields (validated for the user), its 情形, correction
measures and follow-up visits (each child row audited on its own), the next free case number, and
deleting a case recoverably (archive) and restoring it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import (
    Cadre,
    ToleranceCase,
    ToleranceCaseRule,
    ToleranceMeasure,
    ToleranceRule,
    ToleranceVisit,
    Unit,
)
from cadre_desk.domain.tolerance import ANALYSIS_POINTS, CaseState, Origin, Ruling
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.tolerance import CASE_FIELDS, ENTITY, CaseInput, CaseView, check_version, load, view
from cadre_desk.services.tolerance_procedure import check_ruling
from cadre_desk.services.tolerance_rules import require_tolerance
from cadre_desk.services.validation import FieldErrors

_Child = TypeVar("_Child", ToleranceMeasure, ToleranceVisit)


def next_number(session: Session, year: int) -> str:
    prefix = f"容错〔{year}〕"
    taken = set(session.scalars(select(ToleranceCase.number).where(ToleranceCase.number.like(prefix + "%"))))
    n = len(taken) + 1
    while f"{prefix}{n}号" in taken:
        n += 1
    return f"{prefix}{n}号"


def _validate(
    session: Session, data: CaseInput, case_id: int | None
) -> tuple[dict[str, Any], list[int], list[dict[str, Any]], list[dict[str, Any]]]:
    errs = FieldErrors()
    values: dict[str, Any] = {}
    values["matter"] = errs.text("matter", data.matter, "事项", required=True, column=ToleranceCase.matter)
    values["facts"] = errs.text("facts", data.facts, "基本事实", column=ToleranceCase.facts)
    values["matter_start"] = errs.date("matter_start", data.matter_start, "事项发生日期", required=True)
    values["matter_end"] = errs.date("matter_end", data.matter_end, "事项结束日期")
    if values["matter_start"] and values["matter_end"] and values["matter_end"] < values["matter_start"]:
        errs.add("matter_end", "事项结束日期不能早于发生日期")
    values["origin"] = errs.choice("origin", data.origin, "启动方式", tuple(Origin))
    values["received_by"] = errs.text(
        "received_by", data.received_by, "受理机关", column=ToleranceCase.received_by
    )
    values["received_on"] = errs.date("received_on", data.received_on, "登记日期", required=True)
    if data.cadre_id is None and data.unit_id is None:
        errs.add("cadre_id", "请选择干部或单位")
    if data.cadre_id is not None and session.get(Cadre, data.cadre_id) is None:
        errs.add("cadre_id", f"干部（编号 {data.cadre_id}）不存在")
    if data.unit_id is not None and session.get(Unit, data.unit_id) is None:
        errs.add("unit_id", f"单位（编号 {data.unit_id}）不存在")
    values["cadre_id"], values["unit_id"] = data.cadre_id, data.unit_id
    for name, label in ANALYSIS_POINTS:
        values[name] = errs.text(name, getattr(data, name), label, column=getattr(ToleranceCase, name))
    values["ruling"] = errs.choice("ruling", data.ruling, "认定结果", tuple(Ruling), required=False)
    values["ruling_body"] = errs.text(
        "ruling_body", data.ruling_body, "认定机关", column=ToleranceCase.ruling_body
    )
    values["ruling_date"] = errs.date("ruling_date", data.ruling_date, "认定日期")
    if values["ruling_date"] and values["received_on"] and values["ruling_date"] < values["received_on"]:
        errs.add("ruling_date", "认定日期不能早于登记日期")
    values["ruling_number"] = errs.text(
        "ruling_number", data.ruling_number, "认定文号", column=ToleranceCase.ruling_number
    )
    values["ruling_text"] = errs.text(
        "ruling_text", data.ruling_text, "认定意见", column=ToleranceCase.ruling_text
    )
    values["feedback"] = errs.text("feedback", data.feedback, "结果反馈", column=ToleranceCase.feedback)
    values["result_use"] = errs.text(
        "result_use", data.result_use, "结果运用", column=ToleranceCase.result_use
    )
    number = errs.text("number", data.number, "案件编号", column=ToleranceCase.number)
    if number:
        clash = session.scalar(
            select(ToleranceCase.id).where(
                ToleranceCase.number == number, ToleranceCase.id != (case_id or -1)
            )
        )
        if clash is not None:
            errs.add("number", f"案件编号“{number}”已被使用")
    elif values["received_on"] is not None:
        number = next_number(session, values["received_on"].year)
    values["number"] = number
    rule_ids = list(dict.fromkeys(data.rule_ids))
    if rule_ids:
        known = set(session.scalars(select(ToleranceRule.id).where(ToleranceRule.id.in_(rule_ids))))
        missing = [str(i) for i in rule_ids if i not in known]
        if missing:
            errs.add("rule_ids", f"容错情形（编号 {'、'.join(missing)}）不存在")
    measures = []
    for i, m in enumerate(data.measures):
        prefix = f"measures[{i}]"
        measures.append(
            {
                "id": m.id,
                "action": errs.text(
                    f"{prefix}.action", m.action, "整改措施", required=True, column=ToleranceMeasure.action
                ),
                "owner": errs.text(f"{prefix}.owner", m.owner, "责任人", column=ToleranceMeasure.owner),
                "due_date": errs.date(f"{prefix}.due_date", m.due_date, "整改时限", allow_future=True),
                "done_date": errs.date(f"{prefix}.done_date", m.done_date, "完成日期"),
                "position": i,
            }
        )
    visits = []
    for i, v in enumerate(data.visits):
        prefix = f"visits[{i}]"
        visits.append(
            {
                "id": v.id,
                "visit_date": errs.date(f"{prefix}.visit_date", v.visit_date, "回访日期", required=True),
                "visitor": errs.text(f"{prefix}.visitor", v.visitor, "回访人", column=ToleranceVisit.visitor),
                "notes": errs.text(f"{prefix}.notes", v.notes, "回访情况", column=ToleranceVisit.notes),
                "position": i,
            }
        )
    errs.raise_if_any()
    return values, rule_ids, measures, visits


def _write_rules(session: Session, ctx: ServiceContext, c: ToleranceCase, rule_ids: list[int]) -> None:
    current = list(
        session.scalars(
            select(ToleranceCaseRule.rule_id)
            .where(ToleranceCaseRule.case_id == c.id)
            .order_by(ToleranceCaseRule.id)
        )
    )
    if set(current) != set(rule_ids):
        session.execute(delete(ToleranceCaseRule).where(ToleranceCaseRule.case_id == c.id))
        for rule_id in rule_ids:
            session.add(ToleranceCaseRule(case_id=c.id, rule_id=rule_id))
        audit.record(session, ctx, "update", ENTITY, c.id, c.uid, {"rule_ids": [current, rule_ids]}, c.number)


def _write_children(
    session: Session,
    ctx: ServiceContext,
    c: ToleranceCase,
    model: type[_Child],
    rows: list[dict[str, Any]],
) -> None:
    entity = model.__tablename__
    existing = {
        r.id: r
        for r in session.scalars(select(model).where(model.case_id == c.id, model.archived_at.is_(None)))
    }
    kept = set()
    for values in rows:
        row_id = values.pop("id")
        if row_id is None or row_id not in existing:
            row = model(case_id=c.id, **values)
            session.add(row)
            session.flush()
            audit.record(session, ctx, "create", entity, row.id, row.uid, audit.diff({}, values), c.number)
        else:
            row = existing[row_id]
            kept.add(row_id)
            audit.update_row(session, ctx, entity, row, values, c.number)
    for row_id, row in existing.items():
        if row_id not in kept:
            row.archived_at = utcnow()
            audit.record(session, ctx, "archive", entity, row.id, row.uid, summary=c.number)
    session.flush()


def create_case(ctx: ServiceContext, data: CaseInput) -> CaseView:
    """Register a case (state 登记)."""
    require_tolerance(ctx)
    with ctx.db.uow() as session:
        values, rule_ids, measures, visits = _validate(session, data, None)
        c = ToleranceCase(state=CaseState.REGISTERED.value, **values)
        session.add(c)
        session.flush()
        audit.record(
            session, ctx, "create", ENTITY, c.id, c.uid, audit.diff({}, values | {"state": c.state}), c.number
        )
        _write_rules(session, ctx, c, rule_ids)
        _write_children(session, ctx, c, ToleranceMeasure, measures)
        _write_children(session, ctx, c, ToleranceVisit, visits)
        return view(session, c)


def update_case(ctx: ServiceContext, case_id: int, data: CaseInput, expected_version: int) -> CaseView:
    require_tolerance(ctx)
    with ctx.db.uow() as session:
        c = load(session, case_id)
        check_version(c, expected_version)
        values, rule_ids, measures, visits = _validate(session, data, case_id)
        if c.state in (CaseState.RULED, CaseState.CORRECTING, CaseState.ARCHIVED):
            check_ruling(values, rule_ids)  # a ruling that stands stays complete
        changes = audit.diff(audit.snapshot(c, CASE_FIELDS), values)
        for key, value in values.items():
            setattr(c, key, value)
        c.updated_at = utcnow()
        session.flush()
        if changes:
            audit.record(session, ctx, "update", ENTITY, c.id, c.uid, changes, c.number)
        _write_rules(session, ctx, c, rule_ids)
        _write_children(session, ctx, c, ToleranceMeasure, measures)
        _write_children(session, ctx, c, ToleranceVisit, visits)
        return view(session, c)


def _set_archived(ctx: ServiceContext, case_id: int, archived: bool) -> CaseView:
    require_tolerance(ctx)
    with ctx.db.uow() as session:
        c = load(session, case_id)
        audit.mark_archived(session, ctx, ENTITY, c, archived, c.number)
        return view(session, c)


def archive_case(ctx: ServiceContext, case_id: int) -> CaseView:
    """Delete a case recoverably (a register entry made by mistake); `restore_case` brings it back."""
    access.require(ctx, Permission.TOLERANCE)
    return _set_archived(ctx, case_id, True)


def restore_case(ctx: ServiceContext, case_id: int) -> CaseView:
    access.require(ctx, Permission.TOLERANCE)
    return _set_archived(ctx, case_id, False)
