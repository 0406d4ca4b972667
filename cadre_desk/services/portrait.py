"""成长画像 (纵向分析): the data of one cadre's development over time, for one figure.

Posts and ranks as steps (from the resume lines and the 现任职务), assessments per year, training hours
per year, diary entries and talks per month, pairings as spans. The figure itself is drawn by
`reports.portrait_figure`, once for the window and once, as vector graphics, for the dossier.

Barometer colours per quarter and pool membership come from the services that own them, as extra
lanes (a lane with no data is left out, so a county that keeps no barometer sees no empty row).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cadre_desk.db.models import (
    Assessment,
    BarometerEntry,
    BarometerPeriod,
    Cadre,
    Mentorship,
    PoolEntry,
    ResumeEntry,
    Training,
)
from cadre_desk.domain import barometer as bd
from cadre_desk.domain.post_level import post_level, rank_level
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.services import access, activity_counts, barometer_rules, cadres, rules, tolerance_effects
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
    diary_months: activity_counts.MonthCounts
    talk_months: activity_counts.MonthCounts
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

# 晴雨表 colours → tones of the figure.
_COLOUR_TONES = {bd.GREEN: "good", bd.YELLOW: "warn", bd.RED: "bad"}


def growth_portrait(ctx: ServiceContext, cadre_id: int, today: dt.date | None = None) -> Portrait:
    access.require_cadre(ctx, cadre_id)  # a 导师: his own mentees' portraits
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
    lanes = tuple(lane for lane in (_barometer(session, cadre_id), _pools(session, cadre_id)) if lane)
    return Portrait(
        cadre_id=cadre.id,
        name=cadre.name,
        birth=cadre.birth,
        first=first,
        last=last,
        steps=steps,
        assessments=_assessments(session, cadre_id),
        training_hours=_training_hours(session, cadre_id),
        diary_months=activity_counts.diary_months_in(session, cadre_id),
        talk_months=activity_counts.talk_months_in(session, cadre_id),
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
        .where(activity_counts.pairings_of(cadre_id))
        .order_by(Mentorship.term_start)
    ).all()
    spans = []
    for mentor_id, mentor_name, mentee_name, start, term_end, ended_on, status in rows:
        as_mentor = mentor_id == cadre_id
        end = ended_on or (term_end if status != "进行中" else None)
        label = f"带{mentee_name}" if as_mentor else f"导师{mentor_name}"
        spans.append(Span(start, end, label, "mentor" if as_mentor else "mentee"))
    return tuple(spans)


def _barometer(session: Session, cadre_id: int) -> Lane | None:
    """晴雨表: one cell per period with its colour word; a period still 采集中 is not shown."""
    rows = session.execute(
        select(BarometerPeriod.code, BarometerPeriod.start, BarometerPeriod.end, BarometerEntry.colour,
               BarometerEntry.override_colour, BarometerEntry.rule_text)
        .join(BarometerPeriod, BarometerPeriod.id == BarometerEntry.period_id)
        .where(BarometerEntry.cadre_id == cadre_id, BarometerPeriod.state != bd.COLLECTING)
        .order_by(BarometerPeriod.start)
    ).all()  # fmt: skip
    if not rows:
        return None
    words = barometer_rules.words_in(session)
    # A 免责 ruling: a yellow or red of its window shows 已容错 and is not drawn as a warning.
    tolerated = tolerance_effects.tolerated_matters(session, [cadre_id])
    marks = []
    for code, start, end, colour, override, rule in rows:
        shown = bd.effective_colour(colour, override)
        if not shown:
            continue
        word = words.get(shown, shown)
        tip = f"{bd.parse_period(code).label}：{word}" + (f"（{rule}）" if rule else "")
        tone = _COLOUR_TONES.get(shown, "none")
        matter = next((m for m in tolerated if m.overlaps(start, end)), None)
        if matter is not None and shown != bd.GREEN:
            word, tone, tip = "已容错", "normal", f"{tip}，{matter.label()}"
        marks.append(Mark(start, end, word, tone, tip))
    return Lane("晴雨表", marks=tuple(marks)) if marks else None


def _pools(session: Session, cadre_id: int) -> Lane | None:
    """人才库: a span per pool entry, from 入库 to 已使用 or 退出 (still open while 在库)."""
    rows = session.scalars(
        select(PoolEntry)
        .where(PoolEntry.cadre_id == cadre_id, PoolEntry.archived_at.is_(None))
        .order_by(PoolEntry.entered_on)
    ).all()
    if not rows:
        return None
    spans = tuple(Span(e.entered_on, e.used_on or e.exited_on, f"{e.pool.name}（{e.state}）") for e in rows)
    return Lane("人才库", spans=spans)
