"""成长画像 (纵向分析): the data of one cadre's development over time, for one figure.

Posts and ranks as steps (from the resume lines and the 现任职务), assessments per year, training hours
per year, diary entries and talks per month, pairings as spans. The figure itself is drawn by
`reports.portrait_figure`, once for the window and once, as vector graphics, for the dossier.

Supervision data (barometer colours per quarter) and pool membership join the portrait through
`extra_lanes`: the services that own them add their rows without this module importing them first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cadre_desk.db.models import (
    Assessment,
    Cadre,
    DiaryEntry,
    Mentorship,
    ResumeEntry,
    Talk,
    TalkSubject,
    Training,
)
from cadre_desk.domain.post_level import post_level, rank_level
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.services import cadres, rules
from cadre_desk.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class PostStep:
    """One main resume line: the months it covers, its text and the level it names (None: no post)."""

    start: YearMonth
    end: YearMonth | None  # None: still open
    text: str
    level: int | None


@dataclass(frozen=True, slots=True)
class Span:
    """A dated stretch drawn as a bar: a pairing, a pool membership."""

    start: dt.date
    end: dt.date | None  # None: still running
    label: str
    kind: str = ""  # pairings: "mentor" | "mentee"


@dataclass(frozen=True, slots=True)
class Mark:
    """A coloured cell of a lane: an assessment year, a barometer quarter.

    `tone` is one of "good", "normal", "warn", "bad", "none" (the figure maps tones to colours and
    always prints the word as well, so that a black-and-white print keeps the meaning).
    """

    start: dt.date
    end: dt.date
    word: str
    tone: str
    tip: str = ""


@dataclass(frozen=True, slots=True)
class Lane:
    """An extra row of coloured cells or spans, contributed by another service."""

    title: str
    marks: tuple[Mark, ...] = ()
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Portrait:
    cadre_id: int
    name: str
    birth: YearMonth
    first: YearMonth  # the first month shown
    last: YearMonth  # the last month shown (the reference month)
    steps: tuple[PostStep, ...]
    assessments: tuple[Mark, ...]
    training_hours: tuple[tuple[int, float], ...]  # (year, 学时), years with training only
    diary_months: tuple[tuple[YearMonth, int], ...]
    talk_months: tuple[tuple[YearMonth, int], ...]
    pairings: tuple[Span, ...]
    extra_lanes: tuple[Lane, ...] = field(default=())


# Grade → tone. 优秀 is the good tone; 不称职 / 不合格 the bad one.
_GRADE_TONES = {
    "优秀": "good",
    "称职": "normal",
    "合格": "normal",
    "基本称职": "warn",
    "基本合格": "warn",
    "不称职": "bad",
    "不合格": "bad",
}

LaneSource = Callable[[Session, int, YearMonth, YearMonth], Lane | None]
# Services that own other dated data (barometer, pools) register a source here at import time.
LANE_SOURCES: list[LaneSource] = []


def register_lane(source: LaneSource) -> LaneSource:
    LANE_SOURCES.append(source)
    return source


def growth_portrait(ctx: ServiceContext, cadre_id: int, today: dt.date | None = None) -> Portrait:
    with ctx.db.read() as session:
        return portrait_in(session, cadre_id, today or dt.date.today())


def portrait_in(session: Session, cadre_id: int, today: dt.date) -> Portrait:
    cadre: Cadre = cadres.load(session, cadre_id)  # NotFoundError for an unknown cadre
    last = YearMonth.from_date(today)
    steps = _steps(session, cadre)
    starts = [s.start for s in steps]
    if cadre.work_start is not None:
        starts.append(cadre.work_start)
    first = min(starts) if starts else last.add_months(-60)
    first = min(first, last.add_months(-24))  # at least two years, so that the axis reads
    lanes = tuple(
        lane for source in LANE_SOURCES if (lane := source(session, cadre_id, first, last)) is not None
    )
    return Portrait(
        cadre_id=cadre.id,
        name=cadre.name,
        birth=cadre.birth,
        first=first,
        last=last,
        steps=steps,
        assessments=_assessments(session, cadre_id),
        training_hours=_training_hours(session, cadre_id),
        diary_months=_per_month(
            session,
            select(DiaryEntry.date).where(DiaryEntry.mentee_id == cadre_id, DiaryEntry.archived_at.is_(None)),
        ),
        talk_months=_per_month(
            session,
            select(Talk.talk_at).where(
                Talk.archived_at.is_(None),
                Talk.id.in_(select(TalkSubject.talk_id).where(TalkSubject.cadre_id == cadre_id)),
            ),
        ),
        pairings=_pairings(session, cadre_id),
        extra_lanes=lanes,
    )


def _steps(session: Session, cadre: Cadre) -> tuple[PostStep, ...]:
    rows = session.scalars(
        select(ResumeEntry)
        .where(
            ResumeEntry.cadre_id == cadre.id,
            ResumeEntry.archived_at.is_(None),
            ResumeEntry.parent_id.is_(None),
        )
        .order_by(ResumeEntry.start, ResumeEntry.position)
    ).all()
    steps = [PostStep(r.start, r.end, r.text, post_level(r.text)) for r in rows]
    # The open line is the current post: the profile's 职级 raises it when the text reads lower (a 科长
    # holding 正科级) or names no post at all.
    current = rank_level(cadre.rank) or post_level(cadre.post)
    if steps and steps[-1].end is None and current is not None:
        last = steps[-1]
        steps[-1] = PostStep(last.start, last.end, last.text, max(last.level or 0, current))
    if not steps and cadre.post_since is not None:
        steps.append(PostStep(cadre.post_since, None, cadre.post, current))
    return tuple(steps)


def _assessments(session: Session, cadre_id: int) -> tuple[Mark, ...]:
    rows = session.execute(
        select(Assessment.year, Assessment.grade)
        .where(Assessment.cadre_id == cadre_id, Assessment.archived_at.is_(None))
        .order_by(Assessment.year)
    ).all()
    return tuple(
        Mark(
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
            grade,
            _GRADE_TONES.get(grade, "none"),
            f"{year}年度考核：{grade}",
        )
        for year, grade in rows
    )


def _training_hours(session: Session, cadre_id: int) -> tuple[tuple[int, float], ...]:
    day_hours = rules.values(session, rules.TRAINING)["day_hours"]
    hours: defaultdict[int, float] = defaultdict(float)
    for start, end, h, days in session.execute(
        select(Training.start_date, Training.end_date, Training.hours, Training.days).where(
            Training.cadre_id == cadre_id, Training.archived_at.is_(None)
        )
    ):
        day = start or end
        if day is None:
            continue
        hours[day.year] += h if h else days * day_hours
    return tuple(sorted((year, float(v)) for year, v in hours.items() if v > 0))


def _per_month(session: Session, stmt: object) -> tuple[tuple[YearMonth, int], ...]:
    counts: Counter[YearMonth] = Counter()
    for (value,) in session.execute(stmt):  # type: ignore[call-overload]
        counts[YearMonth(value.year, value.month)] += 1
    return tuple(sorted(counts.items(), key=lambda item: item[0].to_int()))


def _pairings(session: Session, cadre_id: int) -> tuple[Span, ...]:
    mentor, mentee = aliased(Cadre), aliased(Cadre)
    rows = session.execute(
        select(
            Mentorship.mentor_id,
            mentor.name,
            mentee.name,
            Mentorship.term_start,
            Mentorship.term_end,
            Mentorship.ended_on,
            Mentorship.status,
        )
        .join(mentor, mentor.id == Mentorship.mentor_id)
        .join(mentee, mentee.id == Mentorship.mentee_id)
        .where(
            (Mentorship.mentor_id == cadre_id) | (Mentorship.mentee_id == cadre_id),
            Mentorship.archived_at.is_(None),
        )
        .order_by(Mentorship.term_start)
    ).all()
    spans = []
    for mentor_id, mentor_name, mentee_name, start, term_end, ended_on, status in rows:
        as_mentor = mentor_id == cadre_id
        end = ended_on or (term_end if status != "进行中" else None)
        label = f"带{mentee_name}" if as_mentor else f"导师{mentor_name}"
        spans.append(Span(start, end, label, "mentor" if as_mentor else "mentee"))
    return tuple(spans)
