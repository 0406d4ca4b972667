"""容错纠错 cases: the case and its parts as every other module sees them — the inputs, the views, loading
one case and building its view.

The jobs on cases have a module each (every write audited in its own transaction):

- `tolerance_register`: reading the register (one case, the filtered list, years, counts by state);
- `tolerance_editing`: registering and editing a case with its 情形, measures and visits; deleting it
  recoverably and restoring it;
- `tolerance_procedure`: the state moves along `domain.tolerance.TRANSITIONS`, each with its own
  conditions (不予受理 needs reasons, 已认定 a complete ruling, 纠错整改中 a measure, 已归档 every measure
  done), and ticking off correction measures;
- `tolerance_reminders`: the correction measures still open, for 工作台.

What other features need of a ruling — the 免责 rulings of a cadre, and a warning when a negative
record may concern a tolerated matter — is in `services.tolerance_effects`; attachments are in
`services.tolerance_files`, the rule table of 情形 in `services.tolerance_rules`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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
from cadre_desk.domain.tolerance import ANALYSIS_POINTS
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.errors import ConflictError, NotFoundError

ENTITY = "tolerance_case"
CASE_FIELDS = (
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


def load(session: Session, case_id: int) -> ToleranceCase:
    case = session.get(ToleranceCase, case_id)
    if case is None:
        raise NotFoundError("容错案件", case_id)
    return case


def _attachment_view(a: ToleranceAttachment) -> AttachmentView:
    return AttachmentView(a.id, a.case_id, a.file_name, a.media_type, a.size, a.sha256, a.created_at)


def view(session: Session, c: ToleranceCase) -> CaseView:
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


def check_version(c: ToleranceCase, expected_version: int) -> None:
    if c.version != expected_version:
        raise ConflictError("容错案件", c.number, expected_version, c.version)
