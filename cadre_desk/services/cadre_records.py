"""The child records of a cadre's profile (简历, 家庭成员, 奖惩, 考核, 培训, 挂职) and the whole profile.

Each list is saved as a whole, as the profile tab edits it: items with an `id` update that row, items
without one are added, rows no longer listed are archived (recoverable). The cadre's version guards
the whole profile, so a save bumps it and a stale save is a `ConflictError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import (
    Assessment,
    CadreChild,
    FamilyMember,
    ResumeEntry,
    RewardOrPunishment,
    Secondment,
    Training,
)
from cadre_desk.domain.resume import ResumeWarning, Span, check_lines
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.services import access, activity_counts, audit, cadres, validation, verification
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import FieldErrors

# --- DTOs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResumeEntryView:
    id: int
    start: YearMonth
    end: YearMonth | None
    text: str
    concurrent: tuple[ResumeEntryView, ...] = ()


@dataclass(frozen=True)
class ResumeEntryInput:
    start: YearMonth | str
    end: YearMonth | str | None
    text: str
    id: int | None = None
    concurrent: tuple[ResumeEntryInput, ...] = ()


@dataclass(frozen=True)
class FamilyMemberView:
    id: int
    relation: str
    name: str
    birth: YearMonth | None
    political_status: str
    employer_post: str
    deceased: bool


@dataclass(frozen=True)
class FamilyMemberInput:
    relation: str
    name: str
    birth: YearMonth | str | None = None
    political_status: str = ""
    employer_post: str = ""
    deceased: bool = False
    id: int | None = None


@dataclass(frozen=True)
class RewardView:
    id: int
    kind: str
    date: YearMonth | None
    text: str
    issuer: str


@dataclass(frozen=True)
class RewardInput:
    kind: str
    text: str
    date: YearMonth | str | None = None
    issuer: str = ""
    id: int | None = None


@dataclass(frozen=True)
class AssessmentView:
    id: int
    year: int
    grade: str
    notes: str


@dataclass(frozen=True)
class AssessmentInput:
    year: int | str
    grade: str
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True)
class TrainingView:
    id: int
    name: str
    kind: str
    organiser: str
    start_date: dt.date | None
    end_date: dt.date | None
    hours: float
    days: float
    full_time: bool = False  # 脱产
    certificate: str = ""  # 结业证书编号


@dataclass(frozen=True)
class TrainingInput:
    name: str
    kind: str = ""
    organiser: str = ""
    start_date: dt.date | str | None = None
    end_date: dt.date | str | None = None
    hours: float | str = 0.0
    days: float | str = 0.0
    id: int | None = None
    full_time: bool | str = False  # 脱产 (the editor's check box sends "1" / "")
    certificate: str = ""


@dataclass(frozen=True)
class SecondmentView:
    id: int
    place: str
    post: str
    start: YearMonth
    end: YearMonth | None
    kind: str


@dataclass(frozen=True)
class SecondmentInput:
    place: str
    start: YearMonth | str
    end: YearMonth | str | None = None
    post: str = ""
    kind: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CadreProfile:
    """The whole profile of one cadre, as the profile view and `cadre show --json` present it."""

    cadre: cadres.CadreView
    resume: tuple[ResumeEntryView, ...]
    family: tuple[FamilyMemberView, ...]
    rewards: tuple[RewardView, ...]
    assessments: tuple[AssessmentView, ...]
    trainings: tuple[TrainingView, ...]
    secondments: tuple[SecondmentView, ...]
    resume_warnings: tuple[ResumeWarning, ...]
    to_verify: tuple[verification.ProblemView, ...] = ()  # 待核实


@dataclass(frozen=True)
class ResumeSaved:
    profile: CadreProfile
    warnings: tuple[ResumeWarning, ...]


# --- reading -------------------------------------------------------------------------------------


def _live(session: Session, model: type[CadreChild], cadre_id: int, *order: Any) -> Sequence[Any]:
    return session.scalars(
        select(model)
        .where(model.cadre_id == cadre_id, model.archived_at.is_(None))
        .order_by(*order, model.id)
    ).all()


def _resume_views(rows: Sequence[ResumeEntry]) -> tuple[ResumeEntryView, ...]:
    children: dict[int, list[ResumeEntryView]] = {}
    for row in rows:
        if row.parent_id is not None:
            children.setdefault(row.parent_id, []).append(
                ResumeEntryView(row.id, row.start, row.end, row.text)
            )
    return tuple(
        ResumeEntryView(row.id, row.start, row.end, row.text, tuple(children.get(row.id, ())))
        for row in rows
        if row.parent_id is None
    )


def profile_in(session: Session, cadre_id: int) -> CadreProfile:
    cadre = cadres.load(session, cadre_id)
    resume = _resume_views(_live(session, ResumeEntry, cadre_id, ResumeEntry.position, ResumeEntry.start))
    return CadreProfile(
        cadre=cadres.to_view(cadre, cadres._has_photo(session, cadre_id)),
        resume=resume,
        family=tuple(
            FamilyMemberView(
                r.id, r.relation, r.name, r.birth, r.political_status, r.employer_post, r.deceased
            )
            for r in _live(session, FamilyMember, cadre_id, FamilyMember.position)
        ),
        rewards=tuple(
            RewardView(r.id, r.kind, r.date, r.text, r.issuer)
            for r in _live(session, RewardOrPunishment, cadre_id, RewardOrPunishment.position)
        ),
        assessments=tuple(
            AssessmentView(r.id, r.year, r.grade, r.notes)
            for r in _live(session, Assessment, cadre_id, Assessment.year)
        ),
        trainings=tuple(
            TrainingView(
                r.id,
                r.name,
                r.kind,
                r.organiser,
                r.start_date,
                r.end_date,
                r.hours,
                r.days,
                r.full_time,
                r.certificate,
            )
            for r in _live(session, Training, cadre_id, Training.start_date)
        ),
        secondments=tuple(
            SecondmentView(r.id, r.place, r.post, r.start, r.end, r.kind)
            for r in _live(session, Secondment, cadre_id, Secondment.start)
        ),
        resume_warnings=tuple(check_lines([Span(e.start, e.end) for e in resume])),
        to_verify=verification.problems_in(session, cadre_id),
    )


def get_profile(ctx: ServiceContext, cadre_id: int) -> CadreProfile:
    access.require_cadre(ctx, cadre_id)
    with ctx.db.read() as session:
        return profile_in(session, cadre_id)


# --- validating one item of each kind (the rules live in services.validation) ----------------------

_resume_values = validation.resume_values
_family_values = validation.family_values
_reward_values = validation.reward_values
_assessment_values = validation.assessment_values
_training_values = validation.training_values
_secondment_values = validation.secondment_values


def cell_message(list_name: str, field: str, text: str) -> str | None:
    """The message the list editor shows for one cell as typed (the service's own rule)."""
    return validation.cell_message(list_name, field, text)


# --- saving a list -------------------------------------------------------------------------------


def _save_list(
    session: Session,
    ctx: ServiceContext,
    model: type[CadreChild],
    cadre_id: int,
    items: Sequence[Any],
    values_of: Callable[[FieldErrors, str, Any], dict[str, Any]],
    errs: FieldErrors,
    label: str,
    keys: Sequence[str] | None = None,
) -> list[tuple[Any, CadreChild]]:
    """Validate then write one list; returns (input item, row) pairs in input order.

    Field errors are keyed `label[i].field`, or by `keys[i]` when the caller numbers items itself.
    """
    existing = {row.id: row for row in _live(session, model, cadre_id)}
    planned = []
    edited: set[str] = set()
    for i, item in enumerate(items):
        key = keys[i] if keys is not None else f"{label}[{i}]"
        values = values_of(errs, key, item) | {"position": i}
        if item.id is not None and item.id not in existing:
            errs.add(key, f"第{i + 1}条记录已不存在（可能已被他人删除），请刷新")
        row = existing.get(item.id) if item.id is not None else None
        for name, value in values.items():
            if name != "position" and (row is None or getattr(row, name) != value):
                edited.add(f"{key}.{name}")
        planned.append((item, values))
    # A doubt on a value nobody touched (an imported value still 待核实) does not block the save.
    for field_key, message in validation.blocking(errs.doubts.values(), edited).items():
        errs.add(field_key, message)
    errs.raise_if_any()
    cadre = cadres.load(session, cadre_id)
    doubts = [p for p in errs.doubts.values() if p.field not in errs.errors]
    verification.replace_problems(session, ctx, cadre, doubts, scope=label, edited=edited)
    table = model.__tablename__  # type: ignore[attr-defined]
    kept: set[int] = set()
    written: list[tuple[Any, CadreChild]] = []
    for item, values in planned:
        if item.id is None:
            row = model(cadre_id=cadre_id, **values)  # type: ignore[call-arg]  # a mapped subclass
            session.add(row)
            session.flush()
            audit.record(session, ctx, "create", table, row.id, row.uid, audit.diff({}, values))
        else:
            row = existing[item.id]
            kept.add(row.id)
            changes = audit.diff(audit.snapshot(row, tuple(values)), values)
            if changes:
                for key, value in values.items():
                    setattr(row, key, value)
                session.flush()
                audit.record(session, ctx, "update", table, row.id, row.uid, changes)
        written.append((item, row))
    for row_id, row in existing.items():
        if row_id not in kept:
            row.archived_at = utcnow()
            audit.record(session, ctx, "archive", table, row.id, row.uid)
    return written


def _touch(session: Session, ctx: ServiceContext, cadre_id: int, expected_version: int) -> None:
    cadre = cadres.load(session, cadre_id)
    cadres.check_version(cadre, expected_version)
    cadre.updated_at = utcnow()  # bumps the version: the profile as a whole changed


def _save_simple(
    ctx: ServiceContext,
    cadre_id: int,
    expected_version: int,
    model: type[CadreChild],
    items: Sequence[Any],
    values_of: Callable[[FieldErrors, str, Any], dict[str, Any]],
    label: str,
) -> CadreProfile:
    with ctx.db.uow() as session:
        _touch(session, ctx, cadre_id, expected_version)
        _save_list(session, ctx, model, cadre_id, items, values_of, FieldErrors(lenient=True), label)
        session.flush()
        return profile_in(session, cadre_id)


def resume_warnings(items: Sequence[ResumeEntryInput]) -> list[ResumeWarning]:
    """Gap and overlap warnings for lines as typed (unparseable lines are skipped)."""
    spans = []
    for item in items:
        errs = FieldErrors()
        start = errs.year_month("s", item.start, "")
        end = errs.year_month("e", item.end, "")
        if start is not None and not errs.errors:
            spans.append(Span(start, end))
    return check_lines(spans)


def save_resume(
    ctx: ServiceContext, cadre_id: int, entries: Sequence[ResumeEntryInput], expected_version: int
) -> ResumeSaved:
    """Save the 简历 lines with their 其间 items; gaps and overlaps come back as warnings."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        _touch(session, ctx, cadre_id, expected_version)
        errs = FieldErrors(lenient=True)
        flat: list[ResumeEntryInput] = []
        parents: list[int | None] = []  # index in `flat` of each item's main line
        keys: list[str] = []  # `resume[2]`, `resume[2].concurrent[0]`: as the editor shows them
        for n, entry in enumerate(entries):
            main_index = len(flat)
            flat.append(entry)
            parents.append(None)
            keys.append(f"resume[{n}]")
            for m, sub in enumerate(entry.concurrent):
                flat.append(sub)
                parents.append(main_index)
                keys.append(f"resume[{n}].concurrent[{m}]")
        written = _save_list(session, ctx, ResumeEntry, cadre_id, flat, _resume_values, errs, "resume", keys)
        for (_item, row), parent in zip(written, parents, strict=True):
            parent_id = written[parent][1].id if parent is not None else None
            if row.parent_id != parent_id:  # type: ignore[attr-defined]
                row.parent_id = parent_id  # type: ignore[attr-defined]
        session.flush()
        profile = profile_in(session, cadre_id)
        return ResumeSaved(profile, profile.resume_warnings)


def save_family(
    ctx: ServiceContext, cadre_id: int, items: Sequence[FamilyMemberInput], expected_version: int
) -> CadreProfile:
    access.require(ctx, Permission.RECORDS_WRITE)
    return _save_simple(ctx, cadre_id, expected_version, FamilyMember, items, _family_values, "family")


def save_rewards(
    ctx: ServiceContext, cadre_id: int, items: Sequence[RewardInput], expected_version: int
) -> CadreProfile:
    access.require(ctx, Permission.RECORDS_WRITE)
    return _save_simple(ctx, cadre_id, expected_version, RewardOrPunishment, items, _reward_values, "rewards")


def save_assessments(
    ctx: ServiceContext, cadre_id: int, items: Sequence[AssessmentInput], expected_version: int
) -> CadreProfile:
    access.require(ctx, Permission.RECORDS_WRITE)
    years = [str(item.year).strip() for item in items]
    duplicates = sorted({y for y in years if years.count(y) > 1})
    if duplicates:
        errs = FieldErrors()
        errs.add("assessments", f"{'、'.join(duplicates)}年度的考核结果重复")
        errs.raise_if_any()
    return _save_simple(ctx, cadre_id, expected_version, Assessment, items, _assessment_values, "assessments")


def save_trainings(
    ctx: ServiceContext, cadre_id: int, items: Sequence[TrainingInput], expected_version: int
) -> CadreProfile:
    access.require(ctx, Permission.RECORDS_WRITE)
    return _save_simple(ctx, cadre_id, expected_version, Training, items, _training_values, "trainings")


def save_secondments(
    ctx: ServiceContext, cadre_id: int, items: Sequence[SecondmentInput], expected_version: int
) -> CadreProfile:
    access.require(ctx, Permission.RECORDS_WRITE)
    return _save_simple(ctx, cadre_id, expected_version, Secondment, items, _secondment_values, "secondments")


def related_counts(ctx: ServiceContext, cadre_id: int) -> dict[str, int]:
    """How many live pairings (as mentor or mentee), own diary entries and talks a cadre has: the
    profile's tab titles show them before the tabs are opened."""
    access.require_cadre(ctx, cadre_id)
    with ctx.db.read() as session:
        pairings = activity_counts.pairing_counts_in(session, cadre_id).total
        entries = activity_counts.diary_counts_in(session, cadre_id).entries
        talks = activity_counts.talk_count_in(session, cadre_id)
    return {"mentorship": pairings, "diary": entries, "talks": talks}
