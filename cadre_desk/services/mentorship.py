"""Mentorship (一对一帮带): pairings, their end-of-term evaluation, and mentorship records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, DiaryEntry, Mentorship, MentorshipRecord
from cadre_desk.domain import vocab
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit, search
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import FieldErrors

_FIELDS = ("mentor_id", "mentee_id", "term_start", "term_end", "goals", "plan")
_END_FIELDS = (
    "status",
    "end_reason",
    "ended_on",
    "mentor_evaluation",
    "mentee_summary",
    "evaluation_result",
    "evaluation_grade",
)


@dataclass(frozen=True)
class MentorshipInput:
    mentor_id: int
    mentee_id: int
    term_start: dt.date | str
    term_end: dt.date | str
    goals: str = ""
    plan: str = ""


@dataclass(frozen=True)
class MentorshipEnd:
    """Ending a pairing: `completed` with the evaluation, or aborted (中止) with a reason."""

    completed: bool
    ended_on: dt.date | str
    reason: str = ""
    mentor_evaluation: str = ""
    mentee_summary: str = ""
    evaluation_result: str = ""
    evaluation_grade: str = ""


@dataclass(frozen=True)
class MentorshipView:
    id: int
    uid: str
    version: int
    archived: bool
    mentor_id: int
    mentor: str
    mentee_id: int
    mentee: str
    term_start: dt.date
    term_end: dt.date
    goals: str
    plan: str
    status: str
    end_reason: str
    ended_on: dt.date | None
    mentor_evaluation: str
    mentee_summary: str
    evaluation_result: str
    evaluation_grade: str


@dataclass(frozen=True)
class MentorshipRecordInput:
    date: dt.date | str
    form: str
    content: str


@dataclass(frozen=True)
class MentorshipRecordView:
    id: int
    uid: str
    version: int
    mentorship_id: int
    date: dt.date
    form: str
    content: str


def to_view(m: Mentorship) -> MentorshipView:
    return MentorshipView(
        id=m.id,
        uid=m.uid,
        version=m.version,
        archived=m.archived_at is not None,
        mentor_id=m.mentor_id,
        mentor=m.mentor.name,
        mentee_id=m.mentee_id,
        mentee=m.mentee.name,
        term_start=m.term_start,
        term_end=m.term_end,
        goals=m.goals,
        plan=m.plan,
        status=m.status,
        end_reason=m.end_reason,
        ended_on=m.ended_on,
        mentor_evaluation=m.mentor_evaluation,
        mentee_summary=m.mentee_summary,
        evaluation_result=m.evaluation_result,
        evaluation_grade=m.evaluation_grade,
    )


def load(session: Session, mentorship_id: int) -> Mentorship:
    m = session.get(Mentorship, mentorship_id)
    if m is None:
        raise NotFoundError("结对帮带", mentorship_id)
    return m


def _live_cadre(
    session: Session, errs: FieldErrors, field: str, cadre_id: int, label: str, unchanged: bool
) -> None:
    """The cadre must exist; a newly chosen one must not be archived (a kept one may be: old pairings)."""
    cadre = session.get(Cadre, cadre_id)
    if cadre is None:
        errs.add(field, f"{label}（编号 {cadre_id}）不存在")
    elif cadre.archived_at is not None and not unchanged:
        errs.add(field, f"{label}“{cadre.name}”已归档")


def _validate(
    session: Session, data: MentorshipInput, current: Mentorship | None = None, live_active: bool = True
) -> dict[str, Any]:
    """`live_active`: the pairing saved is (or will be) active and not archived, so it may not clash."""
    errs = FieldErrors()
    mentorship_id = current.id if current is not None else None
    _live_cadre(
        session,
        errs,
        "mentor_id",
        data.mentor_id,
        "导师",
        current is not None and current.mentor_id == data.mentor_id,
    )
    _live_cadre(
        session,
        errs,
        "mentee_id",
        data.mentee_id,
        "被帮带人",
        current is not None and current.mentee_id == data.mentee_id,
    )
    if data.mentor_id == data.mentee_id:
        errs.add("mentee_id", "导师和被帮带人不能是同一人")
    start = errs.date("term_start", data.term_start, "帮带期开始日期", required=True, allow_future=True)
    end = errs.date("term_end", data.term_end, "帮带期结束日期", required=True, allow_future=True)
    if start and end and end <= start:
        errs.add("term_end", "帮带期结束日期应晚于开始日期")
    goals = errs.text("goals", data.goals, "帮带目标", max_len=20000)
    plan = errs.text("plan", data.plan, "帮带计划", max_len=20000)
    if live_active and "mentee_id" not in errs:
        active = session.execute(
            select(Mentorship.id, Cadre.name)
            .join(Cadre, Cadre.id == Mentorship.mentor_id)
            .where(
                Mentorship.mentee_id == data.mentee_id,
                Mentorship.status == vocab.MentorshipStatus.ACTIVE,
                Mentorship.archived_at.is_(None),
                Mentorship.id != (mentorship_id or -1),
            )
        ).first()
        if active is not None:
            errs.add(
                "mentee_id", f"该干部已有进行中的结对（导师：{active.name}），一人同时只能有一个帮带关系"
            )
    errs.raise_if_any()
    return {
        "mentor_id": data.mentor_id,
        "mentee_id": data.mentee_id,
        "term_start": start,
        "term_end": end,
        "goals": goals,
        "plan": plan,
    }


def create_mentorship(ctx: ServiceContext, data: MentorshipInput) -> MentorshipView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        values = _validate(session, data)
        m = Mentorship(**values, status=vocab.MentorshipStatus.ACTIVE)
        session.add(m)
        session.flush()
        session.refresh(m, ["mentor", "mentee"])
        audit.record(
            session,
            ctx,
            "create",
            "mentorship",
            m.id,
            m.uid,
            audit.diff({}, values),
            f"{m.mentor.name} 帮带 {m.mentee.name}",
        )
        search.index_mentorship(session, m)
        return to_view(m)


def _check_version(m: Mentorship, expected_version: int) -> None:
    if m.version != expected_version:
        raise ConflictError("结对帮带", f"{m.mentor.name}—{m.mentee.name}", expected_version, m.version)


def update_mentorship(
    ctx: ServiceContext, mentorship_id: int, data: MentorshipInput, expected_version: int
) -> MentorshipView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = load(session, mentorship_id)
        _check_version(m, expected_version)
        live_active = m.status == vocab.MentorshipStatus.ACTIVE and m.archived_at is None
        values = _validate(session, data, m, live_active)
        changes = audit.diff(audit.snapshot(m, _FIELDS), values)
        if changes:
            for key, value in values.items():
                setattr(m, key, value)
            session.flush()
            session.refresh(m, ["mentor", "mentee"])
            audit.record(session, ctx, "update", "mentorship", m.id, m.uid, changes)
            search.index_mentorship(session, m)
        return to_view(m)


def end_mentorship(
    ctx: ServiceContext, mentorship_id: int, end: MentorshipEnd, expected_version: int
) -> MentorshipView:
    """Complete with the evaluation (已结业) or abort early with a reason (中止)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = load(session, mentorship_id)
        _check_version(m, expected_version)
        errs = FieldErrors()
        if m.status != vocab.MentorshipStatus.ACTIVE:
            errs.add("status", f"该结对已结束（{m.status}），不能再次结束")
        ended_on = errs.date("ended_on", end.ended_on, "结束日期", required=True)
        if ended_on and ended_on < m.term_start:
            errs.add("ended_on", "结束日期早于帮带期开始日期")
        values: dict[str, Any] = {"ended_on": ended_on}
        if end.completed:
            values |= {
                "status": vocab.MentorshipStatus.COMPLETED.value,
                "end_reason": "",
                "mentor_evaluation": errs.text(
                    "mentor_evaluation", end.mentor_evaluation, "导师评价", required=True
                ),
                "mentee_summary": errs.text("mentee_summary", end.mentee_summary, "个人总结"),
                "evaluation_result": errs.text("evaluation_result", end.evaluation_result, "考核结果"),
                "evaluation_grade": errs.choice(
                    "evaluation_grade", end.evaluation_grade, "评价等次", tuple(vocab.MentorshipGrade)
                ),
            }
        else:
            values |= {
                "status": vocab.MentorshipStatus.ABORTED.value,
                "end_reason": errs.text("end_reason", end.reason, "中止原因", required=True, max_len=2000),
            }
        errs.raise_if_any()
        changes = audit.diff(audit.snapshot(m, tuple(values)), values)
        for key, value in values.items():
            setattr(m, key, value)
        session.flush()
        audit.record(session, ctx, "update", "mentorship", m.id, m.uid, changes, f"帮带{values['status']}")
        search.index_mentorship(session, m)
        return to_view(m)


def archive_mentorship(ctx: ServiceContext, mentorship_id: int) -> MentorshipView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = load(session, mentorship_id)
        if m.archived_at is None:
            m.archived_at = utcnow()
            session.flush()
            audit.record(session, ctx, "archive", "mentorship", m.id, m.uid)
            search.index_mentorship(session, m)
        return to_view(m)


def restore_mentorship(ctx: ServiceContext, mentorship_id: int) -> MentorshipView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = load(session, mentorship_id)
        if m.archived_at is not None:
            if m.status == vocab.MentorshipStatus.ACTIVE:
                clash = session.scalar(
                    select(Mentorship.id).where(
                        Mentorship.mentee_id == m.mentee_id,
                        Mentorship.status == vocab.MentorshipStatus.ACTIVE,
                        Mentorship.archived_at.is_(None),
                        Mentorship.id != m.id,
                    )
                )
                if clash is not None:
                    raise ValidationError({"mentee_id": "被帮带人已有另一个进行中的结对，不能恢复此结对"})
            m.archived_at = None
            session.flush()
            audit.record(session, ctx, "restore", "mentorship", m.id, m.uid)
            search.index_mentorship(session, m)
        return to_view(m)


def get_mentorship(ctx: ServiceContext, mentorship_id: int) -> MentorshipView:
    access.require_mentorship(ctx, mentorship_id)
    with ctx.db.read() as session:
        return to_view(load(session, mentorship_id))


def list_mentorships(
    ctx: ServiceContext,
    cadre_id: int | None = None,
    status: str | None = None,
    include_archived: bool = False,
) -> list[MentorshipView]:
    own = access.mentor_scope(ctx)  # a 导师: his own pairings only
    stmt = select(Mentorship).order_by(Mentorship.term_start.desc(), Mentorship.id.desc())
    if cadre_id is not None:
        stmt = stmt.where((Mentorship.mentor_id == cadre_id) | (Mentorship.mentee_id == cadre_id))
    if own is not None:
        stmt = stmt.where(Mentorship.mentor_id == own)
    if status is not None:
        stmt = stmt.where(Mentorship.status == status)
    if not include_archived:
        stmt = stmt.where(Mentorship.archived_at.is_(None))
    with ctx.db.read() as session:
        return [to_view(m) for m in session.scalars(stmt).unique()]


def active_mentorship_of(session: Session, mentee_id: int, on: dt.date) -> Mentorship | None:
    """The mentee's pairing in force on a date (for linking diary entries)."""
    return session.scalars(
        select(Mentorship)
        .where(
            Mentorship.mentee_id == mentee_id,
            Mentorship.archived_at.is_(None),
            Mentorship.term_start <= on,
            func.coalesce(Mentorship.ended_on, Mentorship.term_end) >= on,
        )
        .order_by(Mentorship.term_start.desc())
    ).first()


def diary_count(ctx: ServiceContext, mentorship_id: int) -> int:
    access.require_mentorship(ctx, mentorship_id)
    with ctx.db.read() as session:
        return int(
            session.scalar(
                select(func.count(DiaryEntry.id)).where(
                    DiaryEntry.mentorship_id == mentorship_id, DiaryEntry.archived_at.is_(None)
                )
            )
            or 0
        )


# --- mentorship records ----------------------------------------------------------------------------


def _record_view(r: MentorshipRecord) -> MentorshipRecordView:
    return MentorshipRecordView(r.id, r.uid, r.version, r.mentorship_id, r.date, r.form, r.content)


def _record_values(data: MentorshipRecordInput, m: Mentorship) -> dict[str, Any]:
    errs = FieldErrors()
    date = errs.date("date", data.date, "指导日期", required=True)
    if date and date < m.term_start:
        errs.add("date", "指导日期早于帮带期开始日期")
    form = errs.choice("form", data.form, "指导形式", vocab.MENTORSHIP_RECORD_FORMS)
    content = errs.text("content", data.content, "指导内容", required=True, max_len=50000)
    errs.raise_if_any()
    return {"date": date, "form": form, "content": content}


def add_mentorship_record(
    ctx: ServiceContext, mentorship_id: int, data: MentorshipRecordInput
) -> MentorshipRecordView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = load(session, mentorship_id)
        values = _record_values(data, m)
        r = MentorshipRecord(mentorship_id=m.id, **values)
        session.add(r)
        session.flush()
        audit.record(session, ctx, "create", "mentorship_record", r.id, r.uid, audit.diff({}, values))
        return _record_view(r)


def update_mentorship_record(
    ctx: ServiceContext, record_id: int, data: MentorshipRecordInput, expected_version: int
) -> MentorshipRecordView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        r = session.get(MentorshipRecord, record_id)
        if r is None:
            raise NotFoundError("帮带记录", record_id)
        if r.version != expected_version:
            raise ConflictError("帮带记录", record_id, expected_version, r.version)
        values = _record_values(data, load(session, r.mentorship_id))
        changes = audit.diff(audit.snapshot(r, tuple(values)), values)
        if changes:
            for key, value in values.items():
                setattr(r, key, value)
            session.flush()
            audit.record(session, ctx, "update", "mentorship_record", r.id, r.uid, changes)
        return _record_view(r)


def _set_mentorship_record_archived(
    ctx: ServiceContext, record_id: int, archived: bool
) -> MentorshipRecordView:
    with ctx.db.uow() as session:
        r = session.get(MentorshipRecord, record_id)
        if r is None:
            raise NotFoundError("帮带记录", record_id)
        if (r.archived_at is not None) != archived:
            r.archived_at = utcnow() if archived else None
            session.flush()
            audit.record(session, ctx, "archive" if archived else "restore", "mentorship_record", r.id, r.uid)
        return _record_view(r)


def archive_mentorship_record(ctx: ServiceContext, record_id: int) -> MentorshipRecordView:
    """Recoverable with `restore_mentorship_record`; an archived one stays as it is."""
    access.require(ctx, Permission.RECORDS_WRITE)
    return _set_mentorship_record_archived(ctx, record_id, True)


def restore_mentorship_record(ctx: ServiceContext, record_id: int) -> MentorshipRecordView:
    access.require(ctx, Permission.RECORDS_WRITE)
    return _set_mentorship_record_archived(ctx, record_id, False)


def list_mentorship_records(ctx: ServiceContext, mentorship_id: int) -> list[MentorshipRecordView]:
    access.require_mentorship(ctx, mentorship_id)
    with ctx.db.read() as session:
        rows = session.scalars(
            select(MentorshipRecord)
            .where(
                MentorshipRecord.mentorship_id == mentorship_id,
                MentorshipRecord.archived_at.is_(None),
            )
            .order_by(MentorshipRecord.date, MentorshipRecord.id)
        )
        return [_record_view(r) for r in rows]


# --- lists for the desk --------------------------------------------------------------------------


@dataclass(frozen=True)
class MentorshipRow:
    """One line of the pairings list, with the diary figures of the pairing."""

    id: int
    version: int
    mentor_id: int
    mentor: str
    mentee_id: int
    mentee: str
    term_start: dt.date
    term_end: dt.date
    status: str
    ended_on: dt.date | None
    entries_this_month: int
    last_entry: dt.date | None
    uncommented: int  # submitted (已提交) entries still waiting for the mentor's comment


def _mentorship_filter(
    stmt: Any,
    mentor: Any,
    mentee: Any,
    status: str | None,
    text: str,
    archived: bool = False,
    own: int | None = None,
) -> Any:
    """`archived`: the archived pairings (to restore them) instead of the live ones; `own`: only
    this mentor's pairings."""
    stmt = stmt.where(Mentorship.archived_at.is_not(None) if archived else Mentorship.archived_at.is_(None))
    if own is not None:
        stmt = stmt.where(Mentorship.mentor_id == own)
    if status:
        stmt = stmt.where(Mentorship.status == status)
    for term in text.lower().split():
        stmt = stmt.where(
            mentor.name.contains(term, autoescape=True)
            | mentee.name.contains(term, autoescape=True)
            | func.lower(mentor.name_initials).contains(term, autoescape=True)
            | func.lower(mentee.name_initials).contains(term, autoescape=True)
        )
    return stmt


def list_mentorship_rows(
    ctx: ServiceContext,
    status: str | None = None,
    text: str = "",
    today: dt.date | None = None,
    limit: int = 200,
    offset: int = 0,
    archived: bool = False,
) -> list[MentorshipRow]:
    """A page of pairings (active first, then newest), each with its diary figures.

    One statement: the page of pairings is chosen first (LIMIT), and only its diary entries are
    aggregated, so the cost follows the page size, not the 300,000 entries of a large county.
    `text` matches the mentor's or mentee's name or pinyin initials (every word must match).
    """
    own = access.mentor_scope(ctx)  # a 导师: his own pairings only
    day = today or dt.date.today()
    month_start = day.replace(day=1)
    mentor, mentee = aliased(Cadre), aliased(Cadre)
    page = _mentorship_filter(
        select(Mentorship.id.label("id"))
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id),
        mentor,
        mentee,
        status,
        text,
        archived,
        own,
    )
    active_first = case((Mentorship.status == vocab.MentorshipStatus.ACTIVE.value, 0), else_=1)
    page_ids = page.order_by(active_first, Mentorship.term_start.desc(), Mentorship.id.desc())
    page_ids = page_ids.limit(limit).offset(offset).subquery()
    live = DiaryEntry.archived_at.is_(None)
    figures = (
        select(
            DiaryEntry.mentorship_id.label("mid"),
            func.sum(case((and_(live, DiaryEntry.date >= month_start), 1), else_=0)).label("month"),
            func.max(case((live, DiaryEntry.date), else_=None)).label("last"),
            func.sum(
                case((and_(live, DiaryEntry.state == vocab.DiaryState.SUBMITTED.value), 1), else_=0)
            ).label("waiting"),
        )
        .where(DiaryEntry.mentorship_id.in_(select(page_ids.c.id)))
        .group_by(DiaryEntry.mentorship_id)
        .subquery()
    )
    stmt = (
        select(
            Mentorship.id,
            Mentorship.version,
            Mentorship.mentor_id,
            mentor.name,
            Mentorship.mentee_id,
            mentee.name,
            Mentorship.term_start,
            Mentorship.term_end,
            Mentorship.status,
            Mentorship.ended_on,
            func.coalesce(figures.c.month, 0),
            figures.c.last,
            func.coalesce(figures.c.waiting, 0),
        )
        .join(page_ids, page_ids.c.id == Mentorship.id)
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id)
        .outerjoin(figures, figures.c.mid == Mentorship.id)
        .order_by(active_first, Mentorship.term_start.desc(), Mentorship.id.desc())
    )
    with ctx.db.read() as session:
        rows = []
        for r in session.execute(stmt):
            last = r[11]
            if isinstance(last, str):  # SQLite hands MAX() over a CASE back as text
                last = dt.date.fromisoformat(last)
            rows.append(
                MentorshipRow(
                    id=r[0],
                    version=r[1],
                    mentor_id=r[2],
                    mentor=r[3],
                    mentee_id=r[4],
                    mentee=r[5],
                    term_start=r[6],
                    term_end=r[7],
                    status=r[8],
                    ended_on=r[9],
                    entries_this_month=int(r[10]),
                    last_entry=last,
                    uncommented=int(r[12]),
                )
            )
        return rows


def count_mentorships(
    ctx: ServiceContext, status: str | None = None, text: str = "", archived: bool = False
) -> int:
    own = access.mentor_scope(ctx)  # a 导师: his own pairings only
    mentor, mentee = aliased(Cadre), aliased(Cadre)
    stmt = _mentorship_filter(
        select(func.count(Mentorship.id))
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id),
        mentor,
        mentee,
        status,
        text,
        archived,
        own,
    )
    with ctx.db.read() as session:
        return int(session.scalar(stmt) or 0)
