"""Reading one cadre as the file writers need it, and writing what an import brings into the tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import (
    AppointmentCase,
    Assessment,
    Cadre,
    CadreFormSource,
    CadrePhoto,
    FamilyMember,
    ResumeEntry,
    RewardOrPunishment,
)
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.services import retirement
from cadre_desk.services.cadres import EDITABLE
from cadre_desk.transfer.lrmx import CASE_FIELDS, ModelView
from cadre_desk.transfer.model import AssessmentItem, FamilyItem, FormSource, ResumeItem, RewardItem


def _live(session: Session, model: Any, cadre_id: int, *order: Any) -> Sequence[Any]:
    return session.scalars(
        select(model)
        .where(model.cadre_id == cadre_id, model.archived_at.is_(None))
        .order_by(*order, model.id)
    ).all()


def resume_of(session: Session, cadre_id: int) -> tuple[ResumeItem, ...]:
    rows = _live(session, ResumeEntry, cadre_id, ResumeEntry.position, ResumeEntry.start)
    children: dict[int, list[ResumeItem]] = {}
    for r in rows:
        if r.parent_id is not None:
            children.setdefault(r.parent_id, []).append(ResumeItem(r.start, r.end, r.text))
    return tuple(
        ResumeItem(r.start, r.end, r.text, tuple(children.get(r.id, ()))) for r in rows if r.parent_id is None
    )


def family_of(session: Session, cadre_id: int) -> tuple[FamilyItem, ...]:
    return tuple(
        FamilyItem(r.relation, r.name, r.birth, r.political_status, r.employer_post)
        for r in _live(session, FamilyMember, cadre_id, FamilyMember.position)
    )


def rewards_of(session: Session, cadre_id: int) -> tuple[RewardItem, ...]:
    return tuple(
        RewardItem(r.kind, r.date, r.text)
        for r in _live(session, RewardOrPunishment, cadre_id, RewardOrPunishment.position)
    )


def assessments_of(session: Session, cadre_id: int) -> tuple[AssessmentItem, ...]:
    return tuple(
        AssessmentItem(r.year, r.grade) for r in _live(session, Assessment, cadre_id, Assessment.year)
    )


def photo_of(session: Session, cadre_id: int) -> bytes | None:
    return session.scalar(select(CadrePhoto.data).where(CadrePhoto.cadre_id == cadre_id))


def source_of(session: Session, cadre_id: int) -> FormSource | None:
    row = session.scalars(select(CadreFormSource).where(CadreFormSource.cadre_id == cadre_id)).first()
    if row is None:
        return None
    return FormSource(row.format, row.xml, row.file_version, row.file_name, dict(row.photo_shape or {}))


def case_of(session: Session, cadre_id: int) -> dict[str, Any] | None:
    row = session.scalars(select(AppointmentCase).where(AppointmentCase.cadre_id == cadre_id)).first()
    if row is None:
        return None
    return {name: getattr(row, name) for name in CASE_FIELDS.values()}


def model_view(session: Session, cadre: Cadre) -> ModelView:
    info = retirement.retirement_of(session, cadre)
    return ModelView(
        values={name: getattr(cadre, name) for name in EDITABLE},
        resume=resume_of(session, cadre.id),
        family=family_of(session, cadre.id),
        rewards=rewards_of(session, cadre.id),
        assessments=assessments_of(session, cadre.id),
        photo=photo_of(session, cadre.id),
        source=source_of(session, cadre.id),
        case=case_of(session, cadre.id),
        retirement=info.month,
        post_age_limit=retirement.post_age_limit_text(cadre.post_age_limit, info.original_age),
    )


# --- writing -------------------------------------------------------------------------------------


def _archive_live(session: Session, model: Any, cadre_id: int) -> None:
    session.execute(
        update(model)
        .where(model.cadre_id == cadre_id, model.archived_at.is_(None))
        .values(archived_at=utcnow(), version=model.version + 1)
        .execution_options(synchronize_session=False)
    )


def replace_resume(session: Session, cadre_id: int, items: Sequence[ResumeItem], fresh: bool) -> None:
    if not fresh:
        _archive_live(session, ResumeEntry, cadre_id)
    position = 0
    for item in items:
        main = ResumeEntry(
            cadre_id=cadre_id, start=item.start, end=item.end, text=item.text, position=position
        )
        position += 1
        session.add(main)
        if item.concurrent:
            session.flush()
            for sub in item.concurrent:
                session.add(
                    ResumeEntry(
                        cadre_id=cadre_id,
                        start=sub.start,
                        end=sub.end,
                        text=sub.text,
                        position=position,
                        parent_id=main.id,
                    )
                )
                position += 1


def replace_family(session: Session, cadre_id: int, items: Sequence[FamilyItem], fresh: bool) -> None:
    if not fresh:
        _archive_live(session, FamilyMember, cadre_id)
    session.add_all(
        FamilyMember(
            cadre_id=cadre_id,
            position=i,
            relation=f.relation,
            name=f.name,
            birth=f.birth,
            political_status=f.political_status,
            employer_post=f.employer_post,
            deceased="已故" in f.employer_post or "去世" in f.employer_post,
        )
        for i, f in enumerate(items)
    )


def replace_rewards(session: Session, cadre_id: int, items: Sequence[RewardItem], fresh: bool) -> None:
    if not fresh:
        _archive_live(session, RewardOrPunishment, cadre_id)
    session.add_all(
        RewardOrPunishment(cadre_id=cadre_id, position=i, kind=r.kind, date=r.date, text=r.text)
        for i, r in enumerate(items)
    )


def replace_assessments(
    session: Session, cadre_id: int, items: Sequence[AssessmentItem], fresh: bool
) -> None:
    if not fresh:
        _archive_live(session, Assessment, cadre_id)
    session.add_all(
        Assessment(cadre_id=cadre_id, position=i, year=a.year, grade=a.grade) for i, a in enumerate(items)
    )


def set_photo(session: Session, cadre_id: int, data: bytes) -> None:
    row = session.scalars(select(CadrePhoto).where(CadrePhoto.cadre_id == cadre_id)).first()
    mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    if row is None:
        session.add(CadrePhoto(cadre_id=cadre_id, data=data, mime=mime))
    elif row.data != data:
        row.data, row.mime = data, mime


FILE_REASON = "任免审批表文件所载到龄年月（与按规定计算的 {computed} 不同）"


def set_retirement(
    session: Session, cadre: Cadre, month: YearMonth | None, post_age_limit: str | None
) -> dict[str, list[object]]:
    """What a file says of 到龄: a month other than the computed one becomes the manual month (with a
    reason saying so); the 改革前任职年龄界限 is kept unless it only repeats the original age. Returns
    the audited changes."""
    changes: dict[str, list[object]] = {}
    computed = retirement.compute(
        cadre.birth, cadre.gender, cadre.rank, women_county_age=retirement.women_county_age(session)
    )
    if month is not None:
        from_file = cadre.retirement_override_reason.startswith(FILE_REASON[:6])
        if month not in (computed.month, cadre.retirement_override):
            changes["retirement_override"] = [str(cadre.retirement_override or ""), str(month)]
            cadre.retirement_override = month
            cadre.retirement_override_reason = FILE_REASON.format(computed=computed.month)
        elif month == computed.month and cadre.retirement_override is not None and from_file:
            changes["retirement_override"] = [str(cadre.retirement_override), ""]
            cadre.retirement_override, cadre.retirement_override_reason = None, ""
    if post_age_limit is not None:
        repeats = post_age_limit == retirement.post_age_limit_text("", computed.original_age)
        text = "" if repeats else post_age_limit
        if text != cadre.post_age_limit:
            changes["post_age_limit"] = [cadre.post_age_limit, text]
            cadre.post_age_limit = text
    return changes


def set_source(session: Session, cadre_id: int, source: FormSource) -> None:
    row = session.scalars(select(CadreFormSource).where(CadreFormSource.cadre_id == cadre_id)).first()
    if row is None:
        row = CadreFormSource(cadre_id=cadre_id, xml=source.xml)
        session.add(row)
    row.format = source.format
    row.xml = source.xml
    row.file_version = source.file_version[:30]
    row.file_name = source.file_name[-260:]
    row.photo_shape = dict(source.photo_shape)
