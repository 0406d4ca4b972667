"""A cadre's pairing, diary and talk activity, counted one way for every reader.

The 考察材料, the 横向比较, the 成长画像 and the profile's tab titles all say how many pairings, diary
entries, commented entries and talks a cadre has. They count through this module so that they cannot
disagree about what counts:

- a pairing: a live (unarchived) `Mentorship` with the cadre as mentor or as mentee;
- a diary entry: a live entry the cadre wrote as mentee, drafts included;
- a commented entry: such an entry with at least one live mentor comment (however many it has);
- a talk: a live talk with the cadre among its subjects, counted once.

Query helpers: they take the caller's session and never commit; access checks are the caller's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import DiaryEntry, MentorComment, Mentorship, Talk, TalkSubject
from cadre_desk.domain.yearmonth import YearMonth

MonthCounts = tuple[tuple[YearMonth, int], ...]  # (month, count), months with activity only, in order


def pairings_of(cadre_id: int) -> ColumnElement[bool]:
    """The live pairings in which the cadre is mentor or mentee."""
    return and_(
        or_(Mentorship.mentor_id == cadre_id, Mentorship.mentee_id == cadre_id),
        Mentorship.archived_at.is_(None),
    )


def diary_entries_of(cadre_id: int) -> ColumnElement[bool]:
    """The live diary entries the cadre wrote (drafts included)."""
    return and_(DiaryEntry.mentee_id == cadre_id, DiaryEntry.archived_at.is_(None))


def talks_of(cadre_id: int) -> ColumnElement[bool]:
    """The live talks with the cadre among their subjects."""
    return and_(
        Talk.archived_at.is_(None),
        Talk.id.in_(select(TalkSubject.talk_id).where(TalkSubject.cadre_id == cadre_id)),
    )


@dataclass(frozen=True, slots=True)
class PairingCounts:
    as_mentor: int
    as_mentee: int

    @property
    def total(self) -> int:
        return self.as_mentor + self.as_mentee


@dataclass(frozen=True, slots=True)
class DiaryCounts:
    entries: int
    commented: int  # entries with at least one live mentor comment


def pairing_counts_in(session: Session, cadre_id: int) -> PairingCounts:
    as_mentor, as_mentee = session.execute(
        select(
            func.coalesce(func.sum(case((Mentorship.mentor_id == cadre_id, 1), else_=0)), 0),
            func.coalesce(func.sum(case((Mentorship.mentee_id == cadre_id, 1), else_=0)), 0),
        ).where(pairings_of(cadre_id))
    ).one()
    return PairingCounts(int(as_mentor), int(as_mentee))


def diary_counts_in(session: Session, cadre_id: int, since: dt.date | None = None) -> DiaryCounts:
    """The cadre's diary entries and commented entries; with `since`, only entries dated on or after it."""
    live = [diary_entries_of(cadre_id)]
    if since is not None:
        live.append(DiaryEntry.date >= since)
    entries = session.scalar(select(func.count(DiaryEntry.id)).where(*live)) or 0
    commented = (
        session.scalar(
            select(func.count(func.distinct(MentorComment.entry_id)))
            .join(DiaryEntry, DiaryEntry.id == MentorComment.entry_id)
            .where(*live, MentorComment.archived_at.is_(None))
        )
        or 0
    )
    return DiaryCounts(int(entries), int(commented))


def talk_count_in(session: Session, cadre_id: int, since: dt.date | None = None) -> int:
    """The cadre's talks; with `since`, only talks held on or after that day."""
    where = [talks_of(cadre_id)]
    if since is not None:
        where.append(Talk.talk_at >= dt.datetime.combine(since, dt.time()))
    return int(session.scalar(select(func.count(Talk.id)).where(*where)) or 0)


def diary_months_in(session: Session, cadre_id: int) -> MonthCounts:
    """The cadre's diary entries per month."""
    return _per_month(session.scalars(select(DiaryEntry.date).where(diary_entries_of(cadre_id))))


def talk_months_in(session: Session, cadre_id: int) -> MonthCounts:
    """The cadre's talks per month."""
    return _per_month(session.scalars(select(Talk.talk_at).where(talks_of(cadre_id))))


def _per_month(days: Iterable[dt.date]) -> MonthCounts:  # dates or datetimes
    counts: Counter[YearMonth] = Counter()
    for value in days:
        counts[YearMonth(value.year, value.month)] += 1
    return tuple(sorted(counts.items(), key=lambda item: item[0].to_int()))
