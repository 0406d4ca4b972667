"""The pairings page's list: a page of pairings (active first, then newest), filtered by status and by
the mentor's or mentee's name or initials, each with its diary figures, and their count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from cadre_desk.db.models import Cadre, DiaryEntry, Mentorship
from cadre_desk.domain import vocab
from cadre_desk.services import access
from cadre_desk.services.context import ServiceContext


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


def _matching(column: Any, status: str | None, text: str, archived: bool, own: int | None) -> Any:
    """SELECT `column` over the pairings that match the list's filters. `archived`: the archived
    pairings (to restore them) instead of the live ones; `own`: only this mentor's pairings."""
    mentor, mentee = aliased(Cadre), aliased(Cadre)
    stmt = (
        select(column)
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id)
    )
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
    page = _matching(Mentorship.id.label("id"), status, text, archived, own)
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
    stmt = _matching(func.count(Mentorship.id), status, text, archived, own)
    with ctx.db.read() as session:
        return int(session.scalar(stmt) or 0)
