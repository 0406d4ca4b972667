"""The appointment form's own data, kept with the cadre's current 任免 case.

拟任职务, 拟免职务, 任免理由, 呈报单位, 填表人, 填表时间 and 计算年龄时间 belong to one appointment, not
to the cadre: they are stored in `appointment_case` (one row per cadre), edited on the profile's 任免 tab,
printed on the form and written to / read from .lrmx. A cadre without a saved case gets a new form's
values: today as 计算年龄时间 and 填表时间, the rest blank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import AppointmentCase
from cadre_desk.services import access, app_settings, audit, cadres
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import FieldErrors

TEXT_LIMITS = {
    "proposed_post": ("拟任职务", 500),
    "proposed_removal": ("拟免职务", 500),
    "reason": ("任免理由", 2000),
    "reporting_unit": ("呈报单位", 200),
    "filled_by": ("填表人", 50),
}
FIELDS = (*TEXT_LIMITS, "filled_on", "age_reference")


@dataclass(frozen=True)
class CaseInput:
    """The form's data as typed (dates as text `2024.05.17` or as dates; blank 填表时间 allowed)."""

    proposed_post: str = ""
    proposed_removal: str = ""
    reason: str = ""
    reporting_unit: str = ""
    filled_by: str = ""
    filled_on: dt.date | str | None = None
    age_reference: dt.date | str | None = None


@dataclass(frozen=True)
class CaseView:
    cadre_id: int
    proposed_post: str
    proposed_removal: str
    reason: str
    reporting_unit: str
    filled_by: str
    filled_on: dt.date | None
    age_reference: dt.date
    saved: bool  # False: a new form's values (nothing stored yet)
    cadre_version: int  # the profile's version, for the optimistic check of `save_case`


def _row(session: Session, cadre_id: int) -> AppointmentCase | None:
    return session.scalars(select(AppointmentCase).where(AppointmentCase.cadre_id == cadre_id)).first()


def case_in(
    session: Session, cadre_id: int, today: dt.date | None = None, default_unit: str = ""
) -> CaseView:
    """The case of `cadre_id`; an unsaved one has today's dates and `default_unit` as 呈报单位."""
    cadre = cadres.load(session, cadre_id)
    row = _row(session, cadre_id)
    today = today or dt.date.today()
    if row is None:
        return CaseView(cadre_id, "", "", "", default_unit, "", today, today, False, cadre.version)
    return CaseView(
        cadre_id,
        row.proposed_post,
        row.proposed_removal,
        row.reason,
        row.reporting_unit,
        row.filled_by,
        row.filled_on,
        row.age_reference or today,
        True,
        cadre.version,
    )


def get_case(ctx: ServiceContext, cadre_id: int, today: dt.date | None = None) -> CaseView:
    """The form's data of the cadre's current case (a new form's values when none is saved)."""
    access.require(ctx, Permission.RECORDS_READ)
    unit = app_settings.get_settings(ctx).department_name
    with ctx.db.read() as session:
        return case_in(session, cadre_id, today, unit)


def validate(data: CaseInput, errs: FieldErrors) -> dict[str, object]:
    values: dict[str, object] = {
        name: errs.text(name, str(getattr(data, name) or ""), label, max_len=limit)
        for name, (label, limit) in TEXT_LIMITS.items()
    }
    values["filled_on"] = errs.date("filled_on", data.filled_on, "填表时间")
    values["age_reference"] = errs.date("age_reference", data.age_reference, "计算年龄时间", required=True)
    return values


def store_case(session: Session, ctx: ServiceContext, cadre_id: int, values: dict[str, object]) -> None:
    """Write validated values into the cadre's case (created if need be), audited."""
    row = _row(session, cadre_id)
    if row is None:
        row = AppointmentCase(cadre_id=cadre_id, **values)
        session.add(row)
        session.flush()
        audit.record(session, ctx, "create", "appointment_case", row.id, row.uid, audit.diff({}, values))
        return
    before = audit.snapshot(row, FIELDS)
    changes = audit.diff(before, values)
    if not changes:
        return
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    audit.record(session, ctx, "update", "appointment_case", row.id, row.uid, changes)


def save_case(ctx: ServiceContext, cadre_id: int, data: CaseInput, expected_version: int) -> CaseView:
    """Validate and save the form's data; a stale `expected_version` (the profile's) is a conflict."""
    access.require(ctx, Permission.RECORDS_WRITE)
    errs = FieldErrors()
    values = validate(data, errs)
    errs.raise_if_any()
    with ctx.db.uow() as session:
        cadre = cadres.load(session, cadre_id)
        cadres.check_version(cadre, expected_version)
        before = _row(session, cadre_id)
        unchanged = before is not None and not audit.diff(audit.snapshot(before, FIELDS), values)
        if not unchanged:
            store_case(session, ctx, cadre_id, values)
            cadre.updated_at = utcnow()  # bumps the profile's version like every profile edit
        session.flush()
        return case_in(session, cadre_id, default_unit=str(values["reporting_unit"]))


def case_values(view: CaseView) -> dict[str, object]:
    """The stored fields of a view, by name."""
    return {f.name: getattr(view, f.name) for f in fields(CaseView) if f.name in FIELDS}
