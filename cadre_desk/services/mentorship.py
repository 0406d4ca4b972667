"""Mentorship (一对一帮带): the pairing as a view, and reading pairings — one, a cadre's, the pairing in
force for a mentee on a date, the number of diary entries of a pairing.

The other jobs have a module each: `mentorship_changes` (create, edit, end with the evaluation,
archive, restore), `mentorship_records` (the mentor's dated records), `mentorship_lists` (the
pairings page's rows with their diary figures, and their count).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import DiaryEntry, Mentorship
from cadre_desk.errors import NotFoundError
from cadre_desk.services import access
from cadre_desk.services.context import ServiceContext


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
