"""时间轴: every dated record of one cadre in one chronological list.

Resume lines, rewards and punishments, assessments, trainings, secondments, pairings (start and end,
as mentor or mentee), growth-diary entries and talks. Year-month records sort on the first day of
their month, assessments on the last day of their year. The events carry codes and data, never UI
sentences: the UI words them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cadre_desk.db.models import (
    Assessment,
    Cadre,
    DiaryEntry,
    Mentorship,
    ResumeEntry,
    RewardOrPunishment,
    Secondment,
    Talk,
    TalkSubject,
    Training,
)
from cadre_desk.domain.yearmonth import YearMonth, format_date
from cadre_desk.services import access, cadres
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext


class EventKind(StrEnum):
    RESUME = "resume"
    CONCURRENT = "concurrent"  # a 其间 item of a resume line
    REWARD = "reward"
    ASSESSMENT = "assessment"
    TRAINING = "training"
    SECONDMENT = "secondment"
    MENTORSHIP_START = "mentorship_start"
    MENTORSHIP_END = "mentorship_end"
    DIARY = "diary"
    TALK = "talk"


class Role(StrEnum):
    """This cadre's part in a pairing event."""

    NONE = ""
    MENTOR = "mentor"
    MENTEE = "mentee"


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One dated record. `record_kind`/`record_id` name a record the UI can open (pairing, diary, talk)."""

    day: dt.date  # for ordering
    when: str  # as the users write it: `2008.07`, `2024.05.17`, `2023`, `2008.07--2011.09`
    kind: EventKind
    title: str  # the record's own text: resume line, course name, grade, counterpart's name …
    detail: str = ""  # a second piece of data: reward kind, training kind, talk kind, diary state …
    role: Role = Role.NONE
    record_kind: str = ""  # "mentorship" | "diary" | "talk" | ""
    record_id: int | None = None


def _span(start: YearMonth, end: YearMonth | None) -> str:
    return f"{start}--{end or ''}"


def _order(kind: EventKind) -> int:
    return list(EventKind).index(kind)


def timeline_in(session: Session, cadre_id: int) -> list[TimelineEvent]:
    cadres.load(session, cadre_id)  # NotFoundError for an unknown cadre
    events: list[TimelineEvent] = []
    live_resume = select(ResumeEntry).where(
        ResumeEntry.cadre_id == cadre_id, ResumeEntry.archived_at.is_(None)
    )
    for r in session.scalars(live_resume):
        kind = EventKind.RESUME if r.parent_id is None else EventKind.CONCURRENT
        events.append(TimelineEvent(r.start.first_day(), _span(r.start, r.end), kind, r.text))
    for w in session.scalars(
        select(RewardOrPunishment).where(
            RewardOrPunishment.cadre_id == cadre_id,
            RewardOrPunishment.archived_at.is_(None),
            RewardOrPunishment.date.is_not(None),
        )
    ):
        assert w.date is not None
        events.append(TimelineEvent(w.date.first_day(), str(w.date), EventKind.REWARD, w.text, w.kind))
    for a in session.scalars(
        select(Assessment).where(Assessment.cadre_id == cadre_id, Assessment.archived_at.is_(None))
    ):
        events.append(
            TimelineEvent(dt.date(a.year, 12, 31), str(a.year), EventKind.ASSESSMENT, a.grade, a.notes)
        )
    for t in session.scalars(
        select(Training).where(
            Training.cadre_id == cadre_id, Training.archived_at.is_(None), Training.start_date.is_not(None)
        )
    ):
        assert t.start_date is not None
        when = format_date(t.start_date)
        if t.end_date is not None and t.end_date != t.start_date:
            when = f"{when}--{format_date(t.end_date)}"
        events.append(TimelineEvent(t.start_date, when, EventKind.TRAINING, t.name, t.kind))
    for s in session.scalars(
        select(Secondment).where(Secondment.cadre_id == cadre_id, Secondment.archived_at.is_(None))
    ):
        title = " ".join(p for p in (s.place, s.post) if p)
        events.append(
            TimelineEvent(s.start.first_day(), _span(s.start, s.end), EventKind.SECONDMENT, title, s.kind)
        )
    mentor, mentee = aliased(Cadre), aliased(Cadre)
    pairings = (
        select(Mentorship, mentor.name, mentee.name)
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id)
        .where(
            (Mentorship.mentor_id == cadre_id) | (Mentorship.mentee_id == cadre_id),
            Mentorship.archived_at.is_(None),
        )
    )
    for m, mentor_name, mentee_name in session.execute(pairings):
        is_mentor = m.mentor_id == cadre_id
        role = Role.MENTOR if is_mentor else Role.MENTEE
        other = mentee_name if is_mentor else mentor_name
        events.append(
            TimelineEvent(
                m.term_start,
                format_date(m.term_start),
                EventKind.MENTORSHIP_START,
                other,
                m.status,
                role,
                "mentorship",
                m.id,
            )
        )
        end = m.ended_on or m.term_end
        events.append(
            TimelineEvent(
                end, format_date(end), EventKind.MENTORSHIP_END, other, m.status, role, "mentorship", m.id
            )
        )
    diary = select(DiaryEntry.id, DiaryEntry.date, DiaryEntry.title, DiaryEntry.state).where(
        DiaryEntry.mentee_id == cadre_id, DiaryEntry.archived_at.is_(None)
    )
    for entry_id, day, title, state in session.execute(diary):
        events.append(
            TimelineEvent(day, format_date(day), EventKind.DIARY, title, state, Role.NONE, "diary", entry_id)
        )
    talks = select(Talk.id, Talk.talk_at, Talk.kind, Talk.talkers).where(
        Talk.archived_at.is_(None),
        Talk.id.in_(select(TalkSubject.talk_id).where(TalkSubject.cadre_id == cadre_id)),
    )
    for talk_id, talk_at, talk_kind, talkers in session.execute(talks):
        day = talk_at.date()
        events.append(
            TimelineEvent(
                day, format_date(day), EventKind.TALK, talk_kind, talkers, Role.NONE, "talk", talk_id
            )
        )
    events.sort(key=lambda e: (e.day, _order(e.kind), e.record_id or 0))
    return events


def cadre_timeline(ctx: ServiceContext, cadre_id: int) -> list[TimelineEvent]:
    """The cadre's dated records, oldest first (a pairing's end after its start on the same day)."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return timeline_in(session, cadre_id)
