"""容错纠错 cases: the register, the procedure's state changes, correction measures and follow-up visits.

Every write is audited in its own transaction. The state moves only along `domain.tolerance.TRANSITIONS`,
each move with its own conditions (不予受理 needs reasons, 已认定 a complete ruling, 纠错整改中 a measure,
已归档 every measure done). What other features need of a ruling — the 免责 rulings of a cadre, and a
warning when a negative record may concern a tolerated matter — is in `services.tolerance_effects`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import delete, extract, func, select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import (
    Cadre,
    ToleranceAttachment,
    ToleranceCase,
    ToleranceCaseRule,
    ToleranceMeasure,
    ToleranceRule,
    ToleranceVisit,
    Unit,
)
from cadre_desk.domain.tolerance import ANALYSIS_POINTS, CaseState, Origin, Ruling, can_move
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.tolerance_rules import require_tolerance
from cadre_desk.services.validation import FieldErrors

ENTITY = "tolerance_case"
_Child = TypeVar("_Child", ToleranceMeasure, ToleranceVisit)
_FIELDS = (
    "number",
    "cadre_id",
    "unit_id",
    "matter",
    "facts",
    "matter_start",
    "matter_end",
    "origin",
    "received_by",
    "received_on",
    *(name for name, _ in ANALYSIS_POINTS),
    "ruling",
    "ruling_body",
    "ruling_date",
    "ruling_number",
    "ruling_text",
    "feedback",
    "result_use",
)


@dataclass(frozen=True)
class MeasureInput:
    action: str
    owner: str = ""
    due_date: dt.date | str | None = None
    done_date: dt.date | str | None = None
    id: int | None = None


@dataclass(frozen=True)
class MeasureView:
    id: int
    case_id: int
    action: str
    owner: str
    due_date: dt.date | None
    done_date: dt.date | None


@dataclass(frozen=True)
class VisitInput:
    visit_date: dt.date | str | None
    visitor: str = ""
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True)
class VisitView:
    id: int
    case_id: int
    visit_date: dt.date
    visitor: str
    notes: str


@dataclass(frozen=True)
class AttachmentView:
    id: int
    case_id: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    added_at: dt.datetime


@dataclass(frozen=True)
class CaseInput:
    matter: str
    matter_start: dt.date | str | None
    origin: str
    received_on: dt.date | str | None
    cadre_id: int | None = None
    unit_id: int | None = None
    number: str = ""  # blank: the next free 容错〔YEAR〕N号
    facts: str = ""
    matter_end: dt.date | str | None = None
    received_by: str = ""
    rule_ids: tuple[int, ...] = ()
    motive: str = ""
    procedure: str = ""
    nature: str = ""
    consequence: str = ""
    recovery: str = ""
    ruling: str = ""
    ruling_body: str = ""
    ruling_date: dt.date | str | None = None
    ruling_number: str = ""
    ruling_text: str = ""
    feedback: str = ""
    result_use: str = ""
    measures: tuple[MeasureInput, ...] = ()
    visits: tuple[VisitInput, ...] = ()


@dataclass(frozen=True)
class CaseView:
    id: int
    uid: str
    version: int
    archived: bool
    number: str
    state: str
    cadre_id: int | None
    cadre_name: str
    unit_id: int | None
    unit_name: str
    matter: str
    facts: str
    matter_start: dt.date
    matter_end: dt.date | None
    origin: str
    received_by: str
    received_on: dt.date
    rejection_reason: str
    rule_ids: tuple[int, ...]
    rule_texts: tuple[str, ...]
    motive: str
    procedure: str
    nature: str
    consequence: str
    recovery: str
    ruling: str
    ruling_body: str
    ruling_date: dt.date | None
    ruling_number: str
    ruling_text: str
    feedback: str
    result_use: str
    measures: tuple[MeasureView, ...]
    visits: tuple[VisitView, ...]
    attachments: tuple[AttachmentView, ...]

    def as_input(self) -> CaseInput:
        """The case as an input, to change a few fields with `dataclasses.replace`."""
        return CaseInput(
            matter=self.matter,
            matter_start=self.matter_start,
            origin=self.origin,
            received_on=self.received_on,
            cadre_id=self.cadre_id,
            unit_id=self.unit_id,
            number=self.number,
            facts=self.facts,
            matter_end=self.matter_end,
            received_by=self.received_by,
            rule_ids=self.rule_ids,
            motive=self.motive,
            procedure=self.procedure,
            nature=self.nature,
            consequence=self.consequence,
            recovery=self.recovery,
            ruling=self.ruling,
            ruling_body=self.ruling_body,
            ruling_date=self.ruling_date,
            ruling_number=self.ruling_number,
            ruling_text=self.ruling_text,
            feedback=self.feedback,
            result_use=self.result_use,
            measures=tuple(
                MeasureInput(m.action, m.owner, m.due_date, m.done_date, m.id) for m in self.measures
            ),
            visits=tuple(VisitInput(v.visit_date, v.visitor, v.notes, v.id) for v in self.visits),
        )


@dataclass(frozen=True)
class CaseRow:
    """One line of the register."""

    id: int
    number: str
    state: str
    cadre_id: int | None
    cadre_name: str
    unit_name: str
    matter: str
    origin: str
    received_on: dt.date
    ruling: str
    ruling_date: dt.date | None
    ruling_number: str
    open_measures: int
    next_due: dt.date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "state": self.state,
            "cadre_id": self.cadre_id,
            "cadre_name": self.cadre_name,
            "unit": self.unit_name,
            "matter": self.matter,
            "origin": self.origin,
            "received_on": format_date(self.received_on),
            "ruling": self.ruling or None,
            "ruling_date": format_date(self.ruling_date) if self.ruling_date else None,
            "ruling_number": self.ruling_number or None,
            "open_measures": self.open_measures,
            "next_due": format_date(self.next_due) if self.next_due else None,
        }


# --- reading -------------------------------------------------------------------------------------


def load(session: Session, case_id: int) -> ToleranceCase:
    case = session.get(ToleranceCase, case_id)
    if case is None:
        raise NotFoundError("容错案件", case_id)
    return case


def _attachment_view(a: ToleranceAttachment) -> AttachmentView:
    return AttachmentView(a.id, a.case_id, a.file_name, a.media_type, a.size, a.sha256, a.created_at)


def _view(session: Session, c: ToleranceCase) -> CaseView:
    cadre_name = session.scalar(select(Cadre.name).where(Cadre.id == c.cadre_id)) if c.cadre_id else None
    unit_name = session.scalar(select(Unit.name).where(Unit.id == c.unit_id)) if c.unit_id else None
    rules = session.execute(
        select(ToleranceRule.id, ToleranceRule.text)
        .join(ToleranceCaseRule, ToleranceCaseRule.rule_id == ToleranceRule.id)
        .where(ToleranceCaseRule.case_id == c.id)
        .order_by(ToleranceRule.position, ToleranceRule.id)
    ).all()
    measures = session.scalars(
        select(ToleranceMeasure)
        .where(ToleranceMeasure.case_id == c.id, ToleranceMeasure.archived_at.is_(None))
        .order_by(ToleranceMeasure.position, ToleranceMeasure.id)
    )
    visits = session.scalars(
        select(ToleranceVisit)
        .where(ToleranceVisit.case_id == c.id, ToleranceVisit.archived_at.is_(None))
        .order_by(ToleranceVisit.position, ToleranceVisit.id)
    )
    attachments = session.scalars(
        select(ToleranceAttachment)
        .where(ToleranceAttachment.case_id == c.id, ToleranceAttachment.archived_at.is_(None))
        .order_by(ToleranceAttachment.id)
    )
    return CaseView(
        id=c.id,
        uid=c.uid,
        version=c.version,
        archived=c.archived_at is not None,
        number=c.number,
        state=c.state,
        cadre_id=c.cadre_id,
        cadre_name=cadre_name or "",
        unit_id=c.unit_id,
        unit_name=unit_name or "",
        matter=c.matter,
        facts=c.facts,
        matter_start=c.matter_start,
        matter_end=c.matter_end,
        origin=c.origin,
        received_by=c.received_by,
        received_on=c.received_on,
        rejection_reason=c.rejection_reason,
        rule_ids=tuple(r[0] for r in rules),
        rule_texts=tuple(r[1] for r in rules),
        motive=c.motive,
        procedure=c.procedure,
        nature=c.nature,
        consequence=c.consequence,
        recovery=c.recovery,
        ruling=c.ruling,
        ruling_body=c.ruling_body,
        ruling_date=c.ruling_date,
        ruling_number=c.ruling_number,
        ruling_text=c.ruling_text,
        feedback=c.feedback,
        result_use=c.result_use,
        measures=tuple(
            MeasureView(m.id, m.case_id, m.action, m.owner, m.due_date, m.done_date) for m in measures
        ),
        visits=tuple(VisitView(v.id, v.case_id, v.visit_date, v.visitor, v.notes) for v in visits),
        attachments=tuple(_attachment_view(a) for a in attachments),
    )


def get_case(ctx: ServiceContext, case_id: int) -> CaseView:
    require_tolerance(ctx)
    with ctx.db.read() as session:
        return _view(session, load(session, case_id))


def list_cases(
    ctx: ServiceContext,
    state: str | None = None,
    year: int | None = None,
    cadre_id: int | None = None,
    archived: bool = False,
    limit: int = 500,
    offset: int = 0,
) -> list[CaseRow]:
    """The register, newest first; `year` is the year the case was registered (received_on)."""
    require_tolerance(ctx)
    if state is not None and state not in tuple(CaseState):
        raise ValidationError({"state": f"状态“{state}”不在可选范围内（{'、'.join(CaseState)}）"})
    stmt = (
        select(ToleranceCase, Cadre.name, Unit.name)
        .outerjoin(Cadre, Cadre.id == ToleranceCase.cadre_id)
        .outerjoin(Unit, Unit.id == func.coalesce(ToleranceCase.unit_id, Cadre.unit_id))
        .where(ToleranceCase.archived_at.is_not(None) if archived else ToleranceCase.archived_at.is_(None))
    )
    if state is not None:
        stmt = stmt.where(ToleranceCase.state == state)
    if year is not None:
        stmt = stmt.where(extract("year", ToleranceCase.received_on) == year)
    if cadre_id is not None:
        stmt = stmt.where(ToleranceCase.cadre_id == cadre_id)
    stmt = (
        stmt.order_by(ToleranceCase.received_on.desc(), ToleranceCase.id.desc()).limit(limit).offset(offset)
    )
    with ctx.db.read() as session:
        found = session.execute(stmt).all()
        ids = [c.id for c, _, _ in found]
        open_counts: dict[int, tuple[int, dt.date | None]] = {}
        if ids:
            for case_id, count, due in session.execute(
                select(ToleranceMeasure.case_id, func.count(), func.min(ToleranceMeasure.due_date))
                .where(
                    ToleranceMeasure.case_id.in_(ids),
                    ToleranceMeasure.done_date.is_(None),
                    ToleranceMeasure.archived_at.is_(None),
                )
                .group_by(ToleranceMeasure.case_id)
            ):
                open_counts[case_id] = (int(count), due)
        return [
            CaseRow(
                id=c.id,
                number=c.number,
                state=c.state,
                cadre_id=c.cadre_id,
                cadre_name=cadre_name or "",
                unit_name=unit_name or "",
                matter=c.matter,
                origin=c.origin,
                received_on=c.received_on,
                ruling=c.ruling,
                ruling_date=c.ruling_date,
                ruling_number=c.ruling_number,
                open_measures=open_counts.get(c.id, (0, None))[0],
                next_due=open_counts.get(c.id, (0, None))[1],
            )
            for c, cadre_name, unit_name in found
        ]


def case_years(ctx: ServiceContext) -> list[int]:
    """The years that have cases (registered), newest first: the register's year filter."""
    require_tolerance(ctx)
    with ctx.db.read() as session:
        years = session.scalars(
            select(extract("year", ToleranceCase.received_on))
            .distinct()
            .where(ToleranceCase.archived_at.is_(None))
        )
        return sorted({int(y) for y in years if y is not None}, reverse=True)


# --- writing -------------------------------------------------------------------------------------


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
            changes = audit.diff(audit.snapshot(row, tuple(values)), values)
            if changes:
                for key, value in values.items():
                    setattr(row, key, value)
                audit.record(session, ctx, "update", entity, row.id, row.uid, changes, c.number)
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
        return _view(session, c)


def _check_version(c: ToleranceCase, expected_version: int) -> None:
    if c.version != expected_version:
        raise ConflictError("容错案件", c.number, expected_version, c.version)


def update_case(ctx: ServiceContext, case_id: int, data: CaseInput, expected_version: int) -> CaseView:
    require_tolerance(ctx)
    with ctx.db.uow() as session:
        c = load(session, case_id)
        _check_version(c, expected_version)
        values, rule_ids, measures, visits = _validate(session, data, case_id)
        if c.state in (CaseState.RULED, CaseState.CORRECTING, CaseState.ARCHIVED):
            _check_ruling(values, rule_ids)  # a ruling that stands stays complete
        changes = audit.diff(audit.snapshot(c, _FIELDS), values)
        for key, value in values.items():
            setattr(c, key, value)
        c.updated_at = utcnow()
        session.flush()
        if changes:
            audit.record(session, ctx, "update", ENTITY, c.id, c.uid, changes, c.number)
        _write_rules(session, ctx, c, rule_ids)
        _write_children(session, ctx, c, ToleranceMeasure, measures)
        _write_children(session, ctx, c, ToleranceVisit, visits)
        return _view(session, c)


def _check_ruling(values: dict[str, Any], rule_ids: Sequence[int]) -> None:
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
        _check_version(c, expected_version)
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
            _check_ruling(audit.snapshot(c, _FIELDS), list(rule_ids))
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
        return _view(session, c)


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
        if m.done_date != done_date:
            audit.record(
                session,
                ctx,
                "update",
                "tolerance_measure",
                m.id,
                m.uid,
                audit.diff({"done_date": m.done_date}, {"done_date": done_date}),
            )
            m.done_date = done_date
            session.flush()
        return MeasureView(m.id, m.case_id, m.action, m.owner, m.due_date, m.done_date)


def _set_archived(ctx: ServiceContext, case_id: int, archived: bool) -> CaseView:
    require_tolerance(ctx)
    with ctx.db.uow() as session:
        c = load(session, case_id)
        if (c.archived_at is not None) != archived:
            c.archived_at = utcnow() if archived else None
            session.flush()
            audit.record(
                session, ctx, "archive" if archived else "restore", ENTITY, c.id, c.uid, summary=c.number
            )
        return _view(session, c)


def archive_case(ctx: ServiceContext, case_id: int) -> CaseView:
    """Delete a case recoverably (a register entry made by mistake); `restore_case` brings it back."""
    access.require(ctx, Permission.TOLERANCE)
    return _set_archived(ctx, case_id, True)


def restore_case(ctx: ServiceContext, case_id: int) -> CaseView:
    access.require(ctx, Permission.TOLERANCE)
    return _set_archived(ctx, case_id, False)


# --- 工作台 ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureReminder:
    measure_id: int
    case_id: int
    number: str
    cadre_name: str
    action: str
    owner: str
    due_date: dt.date | None


def measures_due_in(
    session: Session, due_before: dt.date | None = None, limit: int | None = None
) -> tuple[list[MeasureReminder], int]:
    """Correction measures not done yet of cases in force, the most urgent first, and their count."""
    where = (
        ToleranceMeasure.done_date.is_(None),
        ToleranceMeasure.archived_at.is_(None),
        ToleranceCase.archived_at.is_(None),
        ToleranceCase.state != CaseState.ARCHIVED.value,
        *(() if due_before is None else (ToleranceMeasure.due_date <= due_before,)),
    )
    total = session.scalar(
        select(func.count(ToleranceMeasure.id))
        .join(ToleranceCase, ToleranceCase.id == ToleranceMeasure.case_id)
        .where(*where)
    )
    stmt = (
        select(ToleranceMeasure, ToleranceCase.number, Cadre.name, Unit.name)
        .join(ToleranceCase, ToleranceCase.id == ToleranceMeasure.case_id)
        .outerjoin(Cadre, Cadre.id == ToleranceCase.cadre_id)
        .outerjoin(Unit, Unit.id == ToleranceCase.unit_id)
        .where(*where)
        .order_by(ToleranceMeasure.due_date.is_(None), ToleranceMeasure.due_date, ToleranceMeasure.id)
        .limit(limit)
    )
    items = [
        MeasureReminder(m.id, m.case_id, number, cadre or unit or "", m.action, m.owner, m.due_date)
        for m, number, cadre, unit in session.execute(stmt)
    ]
    return items, int(total or 0)


def open_measures(ctx: ServiceContext, due_before: dt.date | None = None) -> list[MeasureReminder]:
    """Correction measures not done yet of cases in force, the most urgent first."""
    require_tolerance(ctx)
    with ctx.db.read() as session:
        return measures_due_in(session, due_before)[0]


def counts_by_state(ctx: ServiceContext) -> dict[str, int]:
    require_tolerance(ctx)
    with ctx.db.read() as session:
        found: dict[str, int] = defaultdict(int)
        for state, n in session.execute(
            select(ToleranceCase.state, func.count())
            .where(ToleranceCase.archived_at.is_(None))
            .group_by(ToleranceCase.state)
        ):
            found[state] = int(n)
        return {s.value: found[s.value] for s in CaseState}
