"""Growth diary (成长日记): the mentee's entries and the mentor's comments (导师点评) as views, and reading
them — one entry, the lists and their counts, the timeline of full entries.

Writing has a module per job: `diary_entries` (create, edit, submit, withdraw, archive an entry),
`diary_comments` (the mentor's comments), `diary_pairing_fit` (which pairing an entry's date falls in).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, DiaryEntry, MentorComment, Mentorship
from cadre_desk.errors import NotFoundError
from cadre_desk.services import access
from cadre_desk.services.context import ServiceContext


@dataclass(frozen=True)
class DiaryEntryInput:
    mentee_id: int
    date: dt.date | str
    title: str
    category: str
    content: str
    # A pairing of the mentee to attach the entry to although its date lies outside the pairing's
    # term (the user confirmed it); None: the pairing in force on the date, if any.
    attach_to: int | None = None


@dataclass(frozen=True)
class CommentInput:
    mentor_id: int
    text: str
    date: dt.date | str | None = None  # today when omitted


@dataclass(frozen=True)
class CommentView:
    id: int
    uid: str
    version: int
    entry_id: int
    mentor_id: int
    mentor: str
    date: dt.date
    text: str


@dataclass(frozen=True)
class DiaryEntryView:
    id: int
    uid: str
    version: int
    archived: bool
    mentee_id: int
    mentee: str
    mentorship_id: int | None
    date: dt.date
    title: str
    category: str
    content: str
    state: str
    submitted_at: dt.datetime | None
    comments: tuple[CommentView, ...]

    @property
    def word_count(self) -> int:
        return sum(1 for ch in self.content if not ch.isspace())


@dataclass(frozen=True)
class DiaryEntrySummary:
    id: int
    mentee_id: int
    mentee: str
    mentorship_id: int | None
    date: dt.date
    title: str
    category: str
    state: str
    length: int
    version: int


def comment_view(c: MentorComment, mentor: str) -> CommentView:
    return CommentView(c.id, c.uid, c.version, c.entry_id, c.mentor_id, mentor, c.date, c.text)


def comments_by_entry(session: Session, entry_ids: Sequence[int]) -> dict[int, list[CommentView]]:
    """The live comments of the entries, oldest first, in one query per 500 entries."""
    out: dict[int, list[CommentView]] = {}
    for start in range(0, len(entry_ids), 500):
        for c, name in session.execute(
            select(MentorComment, Cadre.name)
            .join(Cadre, Cadre.id == MentorComment.mentor_id)
            .where(MentorComment.entry_id.in_(entry_ids[start : start + 500]))
            .where(MentorComment.archived_at.is_(None))
            .order_by(MentorComment.date, MentorComment.id)
        ):
            out.setdefault(c.entry_id, []).append(comment_view(c, name))
    return out


def entry_view(e: DiaryEntry, mentee: str, comments: Iterable[CommentView]) -> DiaryEntryView:
    return DiaryEntryView(
        id=e.id,
        uid=e.uid,
        version=e.version,
        archived=e.archived_at is not None,
        mentee_id=e.mentee_id,
        mentee=mentee,
        mentorship_id=e.mentorship_id,
        date=e.date,
        title=e.title,
        category=e.category,
        content=e.content,
        state=e.state,
        submitted_at=e.submitted_at,
        comments=tuple(comments),
    )


def entry_view_in(session: Session, e: DiaryEntry) -> DiaryEntryView:
    mentee = session.get(Cadre, e.mentee_id)
    return entry_view(e, mentee.name if mentee else "", comments_by_entry(session, [e.id]).get(e.id, ()))


def load(session: Session, entry_id: int) -> DiaryEntry:
    e = session.get(DiaryEntry, entry_id)
    if e is None:
        raise NotFoundError("成长日记", entry_id)
    return e


def get_entry(ctx: ServiceContext, entry_id: int) -> DiaryEntryView:
    access.require_entry(ctx, entry_id)
    with ctx.db.read() as session:
        return entry_view_in(session, load(session, entry_id))


def _archived(archived: bool) -> Any:
    return DiaryEntry.archived_at.is_not(None) if archived else DiaryEntry.archived_at.is_(None)


def _entry_filter(
    stmt: Any,
    mentee_id: int | None,
    mentorship_id: int | None,
    mentor_id: int | None,
    state: str | None,
    category: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Any:
    """The filters of the entry lists (a mentor's: the entries of that mentor's pairings)."""
    if mentee_id is not None:
        stmt = stmt.where(DiaryEntry.mentee_id == mentee_id)
    if mentorship_id is not None:
        stmt = stmt.where(DiaryEntry.mentorship_id == mentorship_id)
    if mentor_id is not None:
        stmt = stmt.join(Mentorship, Mentorship.id == DiaryEntry.mentorship_id).where(
            Mentorship.mentor_id == mentor_id
        )
    if state is not None:
        stmt = stmt.where(DiaryEntry.state == state)
    if category is not None:
        stmt = stmt.where(DiaryEntry.category == category)
    if date_from is not None:
        stmt = stmt.where(DiaryEntry.date >= date_from)
    if date_to is not None:
        stmt = stmt.where(DiaryEntry.date <= date_to)
    return stmt


def list_entries(
    ctx: ServiceContext,
    mentee_id: int | None = None,
    mentorship_id: int | None = None,
    state: str | None = None,
    category: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    mentor_id: int | None = None,
    limit: int = 200,
    offset: int = 0,
    archived: bool = False,
) -> list[DiaryEntrySummary]:
    """Entries newest first; `mentor_id` keeps that mentor's pairings (待点评: with `state`)."""
    mentor_id = access.mentor_scope(ctx) or mentor_id  # a 导师: his own pairings only
    stmt = (
        select(
            DiaryEntry.id,
            DiaryEntry.mentee_id,
            Cadre.name,
            DiaryEntry.mentorship_id,
            DiaryEntry.date,
            DiaryEntry.title,
            DiaryEntry.category,
            DiaryEntry.state,
            func.length(DiaryEntry.content),
            DiaryEntry.version,
        )
        .join(Cadre, Cadre.id == DiaryEntry.mentee_id)
        .where(_archived(archived))
    )
    stmt = _entry_filter(stmt, mentee_id, mentorship_id, mentor_id, state, category, date_from, date_to)
    stmt = stmt.order_by(DiaryEntry.date.desc(), DiaryEntry.id.desc()).limit(limit).offset(offset)
    with ctx.db.read() as session:
        return [DiaryEntrySummary(*row) for row in session.execute(stmt)]


def load_comment(session: Session, comment_id: int) -> MentorComment:
    c = session.get(MentorComment, comment_id)
    if c is None:
        raise NotFoundError("导师点评", comment_id)
    return c


@dataclass(frozen=True)
class TimelineItem:
    """An entry with its comments and the mentor of its pairing (who may comment on it)."""

    entry: DiaryEntryView
    mentor_id: int | None
    mentor: str


def timeline(
    ctx: ServiceContext,
    mentee_id: int | None = None,
    mentorship_id: int | None = None,
    mentor_id: int | None = None,
    state: str | None = None,
    category: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
    archived: bool = False,
) -> list[TimelineItem]:
    """A page of full entries, newest first, in three queries whatever the page size.

    `archived`: the archived entries instead of the live ones."""
    mentor_id = access.mentor_scope(ctx) or mentor_id  # a 导师: his own pairings only
    stmt = select(DiaryEntry).where(_archived(archived))
    stmt = _entry_filter(stmt, mentee_id, mentorship_id, mentor_id, state, category, date_from, date_to)
    stmt = stmt.order_by(DiaryEntry.date.desc(), DiaryEntry.id.desc()).limit(limit).offset(offset)
    with ctx.db.read() as session:
        entries = list(session.scalars(stmt))
        ids = [e.id for e in entries]
        comments = comments_by_entry(session, ids)
        mentors: dict[int, tuple[int, str]] = {}
        pairing_ids = {e.mentorship_id for e in entries if e.mentorship_id is not None}
        for mid, cadre_id, name in session.execute(
            select(Mentorship.id, Mentorship.mentor_id, Cadre.name)
            .join(Cadre, Cadre.id == Mentorship.mentor_id)
            .where(Mentorship.id.in_(pairing_ids))
        ):
            mentors[mid] = (cadre_id, name)
        mentee_ids = {e.mentee_id for e in entries}
        people = {
            r[0]: r[1] for r in session.execute(select(Cadre.id, Cadre.name).where(Cadre.id.in_(mentee_ids)))
        }
        items = []
        for e in entries:
            view = entry_view(e, people.get(e.mentee_id, ""), comments.get(e.id, ()))
            mentor = mentors.get(e.mentorship_id) if e.mentorship_id is not None else None
            items.append(TimelineItem(view, mentor[0] if mentor else None, mentor[1] if mentor else ""))
        return items


def count_entries(
    ctx: ServiceContext,
    mentee_id: int | None = None,
    mentorship_id: int | None = None,
    mentor_id: int | None = None,
    state: str | None = None,
    archived: bool = False,
) -> int:
    mentor_id = access.mentor_scope(ctx) or mentor_id  # a 导师: his own pairings only
    stmt = _entry_filter(
        select(func.count(DiaryEntry.id)).where(_archived(archived)),
        mentee_id,
        mentorship_id,
        mentor_id,
        state,
    )
    with ctx.db.read() as session:
        return int(session.scalar(stmt) or 0)


def entry_of_comment(ctx: ServiceContext, comment_id: int) -> int:
    """The diary entry a mentor's comment belongs to (to open a comment found by search)."""
    access.require_comment(ctx, comment_id)
    with ctx.db.read() as session:
        return load_comment(session, comment_id).entry_id
