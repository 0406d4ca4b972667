"""年轻干部成长档案: what the per-person growth record prints, read in one session: the profile, the pool
entries with their measures and yearly reviews, the pairings, the diary entries the user chose (with the
mentor's comments), the assessments and the training hours with the compliance line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import DiaryEntry, MentorComment
from cadre_desk.services import access, pool_lists, pool_measures, printing
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.diary import DiaryEntryView
from cadre_desk.services.printing import CadreFile, DateRange


@dataclass(frozen=True)
class EntryRecord:
    entry: pool_lists.EntryRow
    measures: tuple[pool_measures.MeasureView, ...]
    reviews: tuple[pool_measures.ReviewView, ...]


@dataclass(frozen=True)
class GrowthRecord:
    file: CadreFile  # profile, pairings, the whole diary, compliance line
    at: dt.date
    entries: tuple[EntryRecord, ...]
    excerpts: tuple[DiaryEntryView, ...]  # the diary entries chosen for the record, oldest first


def gather_in(session: Session, cadre_id: int, excerpt_ids: Sequence[int], at: dt.date) -> GrowthRecord:
    file = printing.gather_cadre_in(session, cadre_id, DateRange())
    rows = pool_lists.entries_in(session, at, cadre_id=cadre_id)
    entries = tuple(
        EntryRecord(
            r, tuple(pool_measures.measures_in(session, r.id)), tuple(pool_measures.reviews_in(session, r.id))
        )
        for r in sorted(rows, key=lambda r: r.entered_on)
    )
    chosen = set(excerpt_ids)
    excerpts = tuple(d for d in file.diary if d.id in chosen)
    return GrowthRecord(file, at, entries, excerpts)


@dataclass(frozen=True)
class DiaryChoice:
    id: int
    date: dt.date
    title: str
    comments: int


def diary_choices(ctx: ServiceContext, cadre_id: int) -> list[DiaryChoice]:
    """The cadre's unarchived diary entries to choose excerpts from, newest first."""
    access.require(ctx, Permission.RECORDS_READ)
    comments = (
        select(func.count(MentorComment.id))
        .where(MentorComment.entry_id == DiaryEntry.id, MentorComment.archived_at.is_(None))
        .scalar_subquery()
    )
    stmt = (
        select(DiaryEntry.id, DiaryEntry.date, DiaryEntry.title, comments)
        .where(DiaryEntry.mentee_id == cadre_id, DiaryEntry.archived_at.is_(None))
        .order_by(DiaryEntry.date.desc(), DiaryEntry.id.desc())
    )
    with ctx.db.read() as session:
        return [DiaryChoice(i, d, t, int(n or 0)) for i, d, t, n in session.execute(stmt)]
