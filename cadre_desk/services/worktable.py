"""工作台 (the home page): what needs attention today, each item pointing at the record to open.

One call, `load(ctx, today)`, reads the four lists in one read transaction. Every list is limited and
its total counted separately, on indexed columns (diary state, follow-up due date, audit time), so the
page stays fast on a 300,000-entry database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from cadre_desk.db.models import (
    Account,
    AuditEvent,
    Cadre,
    DiaryEntry,
    MentorComment,
    Mentorship,
    MentorshipRecord,
    Talk,
    TalkFollowUp,
    TalkSubject,
)
from cadre_desk.domain import vocab
from cadre_desk.services import access, pool_lists, tolerance_reminders, verification
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

ENDING_WITHIN_DAYS = 30  # pairings whose term ends this soon
FOLLOW_UP_WITHIN_DAYS = 7  # follow-ups due this soon (or overdue)
MEASURES_WITHIN_DAYS = 30  # 容错 correction measures due this soon (or overdue)
RECENT_CHANGES = 20
LIST_LIMIT = 50  # items fetched per list; the totals count them all, up to TOTAL_CAP
TOTAL_CAP = 1000  # a total of TOTAL_CAP means "at least": counting further would scan old rows

# audit_event.entity → the kind the main window opens (as in services.search.KINDS)
ENTITY_KINDS = {
    "cadre": "cadre",
    "diary_entry": "diary",
    "mentor_comment": "comment",
    "talk": "talk",
    "talk_follow_up": "talk",
    "mentorship": "mentorship",
    "mentorship_record": "mentorship",
}


@dataclass(frozen=True)
class PendingComment:
    """A submitted diary entry that has no mentor comment yet (待点评)."""

    entry_id: int
    mentee_id: int
    mentee: str
    mentor: str  # "" when the entry belongs to no pairing
    date: dt.date
    title: str
    waiting_days: int  # since it was written


@dataclass(frozen=True)
class EndingPairing:
    """A running pairing whose term ends within ENDING_WITHIN_DAYS (or has ended without evaluation)."""

    mentorship_id: int
    mentor: str
    mentee: str
    term_end: dt.date
    days_left: int  # negative: the term is over but the pairing is still open


@dataclass(frozen=True)
class DueFollowUp:
    """An open talk follow-up due within FOLLOW_UP_WITHIN_DAYS, or overdue."""

    follow_up_id: int
    talk_id: int
    action: str
    owner: str
    due_date: dt.date
    days_left: int  # negative: overdue
    talk_kind: str
    subjects: str  # the talk's subject names joined by 、


@dataclass(frozen=True)
class RecentChange:
    """One audit event on a record that can be opened."""

    event_id: int
    at: dt.datetime  # UTC
    operator: str
    action: str  # create / update / archive / restore …
    entity: str
    kind: str  # the kind to open (ENTITY_KINDS)
    record_id: int  # the id to open: a follow-up opens its talk, a mentorship record its pairing
    summary: str


@dataclass(frozen=True)
class Worktable:
    today: dt.date
    pending_comments: tuple[PendingComment, ...]
    pending_comments_total: int
    ending_pairings: tuple[EndingPairing, ...]
    ending_pairings_total: int
    follow_ups: tuple[DueFollowUp, ...]
    follow_ups_total: int
    recent: tuple[RecentChange, ...]
    # 待核实: cadres imported with correctable problems, most problems first
    to_verify: tuple[verification.CadreToVerify, ...] = ()
    to_verify_total: int = 0
    # 后备干部库: active pool entries with review flags (超龄, 考核低于称职, 处分), at `today`
    pool_flags: tuple[pool_lists.EntryRow, ...] = ()
    pool_flags_total: int = 0
    # 容错纠错: correction measures due within MEASURES_WITHIN_DAYS or overdue
    measures: tuple[tolerance_reminders.MeasureReminder, ...] = ()
    measures_total: int = 0


def _count(session: Session, stmt: Select[Any]) -> int:
    """How many rows `stmt` yields, counted up to TOTAL_CAP."""
    capped = stmt.limit(TOTAL_CAP).subquery()
    return int(session.scalar(select(func.count()).select_from(capped)) or 0)


def _pending_comments(session: Session, today: dt.date, limit: int) -> tuple[list[PendingComment], int]:
    live_comment = exists().where(
        MentorComment.entry_id == DiaryEntry.id, MentorComment.archived_at.is_(None)
    )
    where = and_(
        DiaryEntry.state == vocab.DiaryState.SUBMITTED.value,
        DiaryEntry.archived_at.is_(None),
        ~live_comment,
    )
    total = _count(session, select(DiaryEntry.id).where(where))
    mentee, mentor = aliased(Cadre), aliased(Cadre)
    rows = session.execute(
        select(
            DiaryEntry.id, DiaryEntry.mentee_id, mentee.name, mentor.name, DiaryEntry.date, DiaryEntry.title
        )
        .join(mentee, mentee.id == DiaryEntry.mentee_id)
        .outerjoin(Mentorship, Mentorship.id == DiaryEntry.mentorship_id)
        .outerjoin(mentor, mentor.id == Mentorship.mentor_id)
        .where(where)
        .order_by(DiaryEntry.date, DiaryEntry.id)  # the longest waiting first
        .limit(limit)
    ).all()
    items = [PendingComment(r[0], r[1], r[2], r[3] or "", r[4], r[5], (today - r[4]).days) for r in rows]
    return items, total


def _ending_pairings(session: Session, today: dt.date, limit: int) -> tuple[list[EndingPairing], int]:
    where = and_(
        Mentorship.status == vocab.MentorshipStatus.ACTIVE.value,
        Mentorship.archived_at.is_(None),
        Mentorship.term_end <= today + dt.timedelta(days=ENDING_WITHIN_DAYS),
    )
    total = _count(session, select(Mentorship.id).where(where))
    mentor, mentee = aliased(Cadre), aliased(Cadre)
    rows = session.execute(
        select(Mentorship.id, mentor.name, mentee.name, Mentorship.term_end)
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id)
        .where(where)
        .order_by(Mentorship.term_end, Mentorship.id)
        .limit(limit)
    ).all()
    return [EndingPairing(r[0], r[1], r[2], r[3], (r[3] - today).days) for r in rows], total


def _subjects(session: Session, talk_ids: list[int]) -> dict[int, str]:
    names: dict[int, list[str]] = {}
    if talk_ids:
        for talk_id, name in session.execute(
            select(TalkSubject.talk_id, Cadre.name)
            .join(Cadre, Cadre.id == TalkSubject.cadre_id)
            .where(TalkSubject.talk_id.in_(talk_ids))
            .order_by(TalkSubject.talk_id, TalkSubject.position, TalkSubject.id)
        ):
            names.setdefault(talk_id, []).append(name)
    return {talk_id: "、".join(found) for talk_id, found in names.items()}


def _follow_ups(session: Session, today: dt.date, limit: int) -> tuple[list[DueFollowUp], int]:
    where = and_(
        TalkFollowUp.done_date.is_(None),
        TalkFollowUp.archived_at.is_(None),
        TalkFollowUp.due_date.is_not(None),
        TalkFollowUp.due_date <= today + dt.timedelta(days=FOLLOW_UP_WITHIN_DAYS),
        Talk.archived_at.is_(None),
    )
    base = select(TalkFollowUp.id).join(Talk, Talk.id == TalkFollowUp.talk_id).where(where)
    total = _count(session, base)
    rows = session.execute(
        select(
            TalkFollowUp.id,
            TalkFollowUp.talk_id,
            TalkFollowUp.action,
            TalkFollowUp.owner,
            TalkFollowUp.due_date,
            Talk.kind,
        )
        .join(Talk, Talk.id == TalkFollowUp.talk_id)
        .where(where)
        .order_by(TalkFollowUp.due_date, TalkFollowUp.id)
        .limit(limit)
    ).all()
    subjects = _subjects(session, sorted({r[1] for r in rows}))
    items = []
    for r in rows:
        due = r[4]
        assert due is not None  # filtered in the query
        items.append(
            DueFollowUp(r[0], r[1], r[2], r[3], due, (due - today).days, r[5], subjects.get(r[1], ""))
        )
    return items, total


def _recent(session: Session, limit: int) -> list[RecentChange]:
    rows = session.execute(
        select(
            AuditEvent.id,
            AuditEvent.at,
            Account.display_name,
            Account.name,
            AuditEvent.action,
            AuditEvent.entity,
            AuditEvent.entity_id,
            AuditEvent.summary,
        )
        .outerjoin(Account, Account.id == AuditEvent.account_id)
        .where(AuditEvent.entity.in_(ENTITY_KINDS), AuditEvent.entity_id.is_not(None))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    ).all()
    follow_up_ids = [r[6] for r in rows if r[5] == "talk_follow_up"]
    record_ids = [r[6] for r in rows if r[5] == "mentorship_record"]
    talk_of: dict[int, int] = {}
    if follow_up_ids:
        talk_of = {
            r[0]: r[1]
            for r in session.execute(
                select(TalkFollowUp.id, TalkFollowUp.talk_id).where(TalkFollowUp.id.in_(follow_up_ids))
            )
        }
    pairing_of: dict[int, int] = {}
    if record_ids:
        pairing_of = {
            r[0]: r[1]
            for r in session.execute(
                select(MentorshipRecord.id, MentorshipRecord.mentorship_id).where(
                    MentorshipRecord.id.in_(record_ids)
                )
            )
        }
    items = []
    for r in rows:
        entity: str = r[5]
        entity_id = r[6]
        assert entity_id is not None  # filtered in the query
        if entity == "talk_follow_up":
            target = talk_of.get(entity_id)
        elif entity == "mentorship_record":
            target = pairing_of.get(entity_id)
        else:
            target = entity_id
        if target is None:  # the child row is gone (purged): nothing to open
            continue
        operator = r[2] or r[3] or ""
        items.append(RecentChange(r[0], r[1], operator, r[4], entity, ENTITY_KINDS[entity], target, r[7]))
    return items


def load(ctx: ServiceContext, today: dt.date | None = None, limit: int = LIST_LIMIT) -> Worktable:
    """Everything the home page shows, as of `today` (default: the local date)."""
    access.require(ctx, Permission.RECORDS_READ)
    day = today or dt.date.today()
    with ctx.db.read() as session:
        pending, pending_total = _pending_comments(session, day, limit)
        ending, ending_total = _ending_pairings(session, day, limit)
        follow_ups, follow_ups_total = _follow_ups(session, day, limit)
        recent = _recent(session, RECENT_CHANGES)
        to_verify, to_verify_total = verification.cadres_to_verify_in(session, limit)
        flagged = [r for r in pool_lists.entries_in(session, day) if r.flags]
        measures, measures_total = (
            tolerance_reminders.measures_due_in(session, day + dt.timedelta(days=MEASURES_WITHIN_DAYS), limit)
            if access.can(ctx, Permission.TOLERANCE)  # 容错案件: only for accounts that may see them
            else ([], 0)
        )
    return Worktable(
        today=day,
        pending_comments=tuple(pending),
        pending_comments_total=pending_total,
        ending_pairings=tuple(ending),
        ending_pairings_total=ending_total,
        follow_ups=tuple(follow_ups),
        follow_ups_total=follow_ups_total,
        recent=tuple(recent),
        to_verify=tuple(to_verify),
        to_verify_total=to_verify_total,
        pool_flags=tuple(flagged[:limit]),
        pool_flags_total=len(flagged),
        measures=tuple(measures),
        measures_total=measures_total,
    )
