"""What the printed case files need, gathered in few queries into frozen views, and the audit of printing.

The reports package lays these views out; it never queries. `gather_cadre` loads a whole dossier with a
handful of bulk queries (no query per diary entry or talk), so a batch of thousands stays fast.
Printing to a printer and exporting a PDF are recorded in the audit trail (`record_output`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.engine import Database
from cadre_desk.db.models import (
    Cadre,
    DiaryEntry,
    Mentorship,
    MentorshipRecord,
    Talk,
    TalkSubject,
    Unit,
)
from cadre_desk.errors import StorageError
from cadre_desk.services import (
    access,
    app_settings,
    audit,
    barometer_history,
    cadre_records,
    cadre_rows,
    compliance,
    diary,
    mentorship,
    retirement,
    talks,
)
from cadre_desk.services.access import Permission
from cadre_desk.services.cadre_records import CadreProfile
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.diary import DiaryEntryView
from cadre_desk.services.mentorship import MentorshipView
from cadre_desk.services.mentorship_records import MentorshipRecordView
from cadre_desk.services.portrait import Portrait, portrait_in
from cadre_desk.services.talks import TalkView

# The sections of a cadre dossier, in print order, with their printed titles.
SECTIONS: tuple[str, ...] = (
    "portrait",
    "basic",
    "resume",
    "family",
    "assessments",
    "rewards",
    "training",
    "secondments",
    "pairings",
    "diary",
    "talks",
    "supervision",
)
SECTION_TITLES: dict[str, str] = {
    "portrait": "成长画像",
    "basic": "基本情况",
    "resume": "简历",
    "family": "家庭主要成员及重要社会关系",
    "assessments": "年度考核",
    "rewards": "奖惩情况",
    "training": "教育培训",
    "secondments": "挂职锻炼",
    "pairings": "结对帮带",
    "diary": "成长日记",
    "talks": "谈心谈话记录",
    "supervision": "监督管理（晴雨表）",
}

OutputAction = Literal["print", "export"]


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of dates; an open end is None. Applies to dated records only."""

    start: dt.date | None = None
    end: dt.date | None = None

    def contains(self, day: dt.date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def contains_year(self, year: int) -> bool:
        return (self.start is None or year >= self.start.year) and (self.end is None or year <= self.end.year)

    @property
    def is_open(self) -> bool:
        return self.start is None and self.end is None

    def label(self) -> str:
        if self.is_open:
            return "全部"
        start = self.start.strftime("%Y.%m.%d") if self.start else "……"
        end = self.end.strftime("%Y.%m.%d") if self.end else "至今"
        return f"{start}--{end}"


@dataclass(frozen=True)
class PrintSettings:
    """The department settings the documents print, with the operator filled in."""

    department: str
    confidentiality: str
    preparer: str
    reviewer: str
    operator: str
    form_offsets: tuple[float, float, float] = (0.0, 0.0, 0.0)  # mm: 上边距, 正面页左边距, 背面页左边距


@dataclass(frozen=True)
class PersonLine:
    """A cadre as a signature block or a form names them: name, unit, post."""

    id: int
    name: str
    unit: str
    post: str
    rank: str = ""


@dataclass(frozen=True)
class PairingFile:
    """One pairing with everything its dossier prints."""

    mentorship: MentorshipView
    mentor: PersonLine
    mentee: PersonLine
    records: tuple[MentorshipRecordView, ...]
    diary: tuple[DiaryEntryView, ...]


@dataclass(frozen=True)
class CadreFile:
    """One cadre's dossier: the profile, and the dated records within the chosen range."""

    profile: CadreProfile
    pairings: tuple[PairingFile, ...]  # as mentee or as mentor (records only; diary under `diary`)
    diary: tuple[DiaryEntryView, ...]  # the cadre's own growth diary, oldest first
    talks: tuple[TalkView, ...]  # oldest first
    date_range: DateRange = field(default_factory=DateRange)
    retirement: str = ""  # 到龄: `2039.09（63岁）`, with the reason when set by hand
    compliance: str = ""  # this year's training compliance, one line
    portrait: Portrait | None = None  # the growth portrait that opens the dossier (whole career)
    supervision: tuple[SupervisionLine, ...] = ()  # 晴雨表 readings within the range, oldest first


@dataclass(frozen=True)
class SupervisionLine:
    """One 晴雨表 reading as the dossier prints it (the colour in the county's word)."""

    period: str  # 2026年第四季度
    colour: str  # the word: 红 / 黄 / 绿 (or as renamed)
    rule: str
    review: str  # 研判: `绿：reason`, or ""
    disposal: str


@dataclass(frozen=True)
class TalkFile:
    talk: TalkView
    subjects: tuple[PersonLine, ...]


def print_settings(ctx: ServiceContext) -> PrintSettings:
    access.require(ctx, Permission.SIGNED_IN)
    s = app_settings.get_settings(ctx)
    return PrintSettings(
        department=s.department_name,
        confidentiality=s.confidentiality_mark,
        preparer=s.print_preparer or ctx.operator,
        reviewer=s.print_reviewer,
        operator=ctx.operator,
        form_offsets=(s.form_offset_top, s.form_offset_front_left, s.form_offset_back_left),
    )


# --- gathering -----------------------------------------------------------------------------------


def _people(session: Session, ids: Iterable[int]) -> dict[int, PersonLine]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(Cadre.id, Cadre.name, Unit.name, Cadre.post, Cadre.rank)
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .where(Cadre.id.in_(wanted))
    )
    return {r[0]: PersonLine(r[0], r[1], r[2] or "", r[3], r[4]) for r in rows}


def _diary(session: Session, where: object, names: dict[int, str], rng: DateRange) -> list[DiaryEntryView]:
    stmt = select(DiaryEntry).where(where, DiaryEntry.archived_at.is_(None))  # type: ignore[arg-type]
    if rng.start is not None:
        stmt = stmt.where(DiaryEntry.date >= rng.start)
    if rng.end is not None:
        stmt = stmt.where(DiaryEntry.date <= rng.end)
    entries = list(session.scalars(stmt.order_by(DiaryEntry.date, DiaryEntry.id)))
    comments = diary.comments_by_entry(session, [e.id for e in entries])
    missing = {e.mentee_id for e in entries} - set(names)
    if missing:
        names.update({p.id: p.name for p in _people(session, missing).values()})
    return [diary.entry_view(e, names.get(e.mentee_id, ""), comments.get(e.id, ())) for e in entries]


def _records(
    session: Session, mentorship_ids: Sequence[int], rng: DateRange
) -> dict[int, list[MentorshipRecordView]]:
    out: dict[int, list[MentorshipRecordView]] = defaultdict(list)
    if not mentorship_ids:
        return out
    rows = session.scalars(
        select(MentorshipRecord)
        .where(MentorshipRecord.mentorship_id.in_(mentorship_ids), MentorshipRecord.archived_at.is_(None))
        .order_by(MentorshipRecord.date, MentorshipRecord.id)
    )
    for r in rows:
        if rng.contains(r.date):
            out[r.mentorship_id].append(
                MentorshipRecordView(r.id, r.uid, r.version, r.mentorship_id, r.date, r.form, r.content)
            )
    return out


def _filter_profile(profile: CadreProfile, rng: DateRange) -> CadreProfile:
    if rng.is_open:
        return profile
    from dataclasses import replace

    def in_range(ym: object) -> bool:
        if ym is None:
            return True
        year, month = getattr(ym, "year"), getattr(ym, "month")  # noqa: B009
        return rng.contains(dt.date(year, month, 1)) or rng.contains(dt.date(year, month, 28))

    return replace(
        profile,
        assessments=tuple(a for a in profile.assessments if rng.contains_year(a.year)),
        rewards=tuple(r for r in profile.rewards if in_range(r.date)),
        trainings=tuple(t for t in profile.trainings if rng.contains(t.start_date or t.end_date)),
    )


def gather_cadre_in(session: Session, cadre_id: int, rng: DateRange = DateRange()) -> CadreFile:
    full = cadre_records.profile_in(session, cadre_id)
    profile = _filter_profile(full, rng)
    names = {cadre_id: full.cadre.name}
    pair_rows = list(
        session.scalars(
            select(Mentorship)
            .where(
                (Mentorship.mentor_id == cadre_id) | (Mentorship.mentee_id == cadre_id),
                Mentorship.archived_at.is_(None),
            )
            .order_by(Mentorship.term_start, Mentorship.id)
        ).unique()
    )
    views = [mentorship.to_view(m) for m in pair_rows]
    people = _people(session, [v.mentor_id for v in views] + [v.mentee_id for v in views])
    records = _records(session, [v.id for v in views], rng)
    pairings = tuple(
        PairingFile(v, people[v.mentor_id], people[v.mentee_id], tuple(records.get(v.id, ())), ())
        for v in views
    )
    entries = _diary(session, DiaryEntry.mentee_id == cadre_id, names, rng)
    talk_stmt = (
        select(Talk)
        .where(
            Talk.archived_at.is_(None),
            Talk.id.in_(select(TalkSubject.talk_id).where(TalkSubject.cadre_id == cadre_id)),
        )
        .order_by(Talk.talk_at, Talk.id)
    )
    if rng.start is not None:
        talk_stmt = talk_stmt.where(Talk.talk_at >= dt.datetime.combine(rng.start, dt.time()))
    if rng.end is not None:
        talk_stmt = talk_stmt.where(
            Talk.talk_at < dt.datetime.combine(rng.end + dt.timedelta(days=1), dt.time())
        )
    talk_views = talks.talk_views(session, list(session.scalars(talk_stmt)))
    return CadreFile(
        profile=profile,
        pairings=pairings,
        diary=tuple(entries),
        talks=tuple(talk_views),
        date_range=rng,
        retirement=_retirement_line(session, cadre_id),
        compliance=_compliance_line(session, cadre_id),
        portrait=portrait_in(session, cadre_id, dt.date.today()),
        supervision=supervision_in(session, cadre_id, rng),
    )


def supervision_in(
    session: Session, cadre_id: int, rng: DateRange = DateRange()
) -> tuple[SupervisionLine, ...]:
    """The cadre's 晴雨表 readings of the periods that overlap `rng`, oldest first."""
    from cadre_desk.domain.barometer import parse_period
    from cadre_desk.services import barometer_rules

    words = barometer_rules.words_in(session)
    out = []
    for r in barometer_history.cadre_history_in(session, cadre_id, limit=400):
        period = parse_period(r.period)
        if (rng.start is not None and period.end < rng.start) or (
            rng.end is not None and period.start > rng.end
        ):
            continue
        disposal = f"{r.disposal}（{r.disposal_way}）" if r.disposal_way else r.disposal
        review = f"{words[r.colour]}：{r.override_reason}" if r.override_reason else ""
        shown = f"{words[r.colour]}（{r.tolerated}）" if r.tolerated else words[r.colour]
        out.append(SupervisionLine(r.label, shown, r.rule_text, review, disposal))
    return tuple(out)


def _compliance_line(session: Session, cadre_id: int, year: int | None = None) -> str:
    rows = compliance.compliance_in(session, year or dt.date.today().year, None, False, cadre_id)
    if not rows:
        return ""
    r = rows[0].result
    head = (
        f"{r.level}，{r.window.label()} 应完成 {r.required_hours:g} 学时或 {r.required_days:g} 天，"
        f"已完成 {r.done_hours:g} 学时、{r.done_days:g} 天"
    )
    state = "，达标" if r.met else f"，未达标（差 {r.shortfall_hours:g} 学时或 {r.shortfall_days:g} 天）"
    return f"{head}{state}；网络学习 {r.online_hours:g} 学时（应 {r.required_online:g}）。"


def _retirement_line(session: Session, cadre_id: int) -> str:
    info = retirement.retirement_of(session, cadre_rows.load(session, cadre_id))
    if info.source == retirement.MANUAL:
        return f"{info.text()}，手工设定：{info.reason}"
    return f"{info.text()}，按2025年渐进式延迟退休规定计算"


def gather_cadre(ctx: ServiceContext, cadre_id: int, rng: DateRange = DateRange()) -> CadreFile:
    access.require(ctx, Permission.OUTPUT)
    with ctx.db.read() as session:
        return gather_cadre_in(session, cadre_id, rng)


def gather_pairing_in(session: Session, mentorship_id: int) -> PairingFile:
    view = mentorship.to_view(mentorship.load(session, mentorship_id))
    people = _people(session, (view.mentor_id, view.mentee_id))
    records = _records(session, [view.id], DateRange())
    names = {p.id: p.name for p in people.values()}
    entries = _diary(session, DiaryEntry.mentorship_id == view.id, names, DateRange())
    return PairingFile(
        view, people[view.mentor_id], people[view.mentee_id], tuple(records.get(view.id, ())), tuple(entries)
    )


def gather_pairing(ctx: ServiceContext, mentorship_id: int) -> PairingFile:
    access.require(ctx, Permission.OUTPUT)
    with ctx.db.read() as session:
        return gather_pairing_in(session, mentorship_id)


def gather_talk_in(session: Session, talk_id: int) -> TalkFile:
    view = talks.talk_views(session, [talks.load(session, talk_id)])[0]
    people = _people(session, view.subject_ids)
    return TalkFile(view, tuple(people[i] for i in view.subject_ids if i in people))


def gather_talk(ctx: ServiceContext, talk_id: int) -> TalkFile:
    access.require(ctx, Permission.OUTPUT)
    with ctx.db.read() as session:
        return gather_talk_in(session, talk_id)


def get_photo_in(session: Session, cadre_id: int) -> bytes | None:
    from cadre_desk.db.models import CadrePhoto

    row = session.scalars(select(CadrePhoto.data).where(CadrePhoto.cadre_id == cadre_id)).first()
    return bytes(row) if row else None


def cadre_ids(ctx: ServiceContext, unit_id: int | None = None) -> list[int]:
    """The live cadres to print in a batch: one unit's (and not its sub-units'), or all, in roster order."""
    access.require(ctx, Permission.OUTPUT)
    stmt = select(Cadre.id).outerjoin(Unit, Unit.id == Cadre.unit_id).where(Cadre.archived_at.is_(None))
    if unit_id is not None:
        stmt = stmt.where(Cadre.unit_id == unit_id)
    stmt = stmt.order_by(Unit.sort_order.is_(None), Unit.sort_order, Cadre.id)
    with ctx.db.read() as session:
        return list(session.scalars(stmt))


# --- audit ---------------------------------------------------------------------------------------


def record_output(
    ctx: ServiceContext,
    action: OutputAction,
    document: str,
    entity: str,
    entity_ids: Sequence[int],
    target: str = "",
) -> None:
    """Record that documents were printed or exported: one audit event per printed record, one transaction."""
    access.require(ctx, Permission.OUTPUT)
    with ctx.db.uow() as session:
        for entity_id in entity_ids:
            audit.record(
                session,
                ctx,
                action,
                entity,
                entity_id,
                # what, how many (this output's records), where
                changes={"document": document, "count": len(entity_ids), "target": target}
                if target
                else {"document": document, "count": len(entity_ids)},
                summary=f"{'打印' if action == 'print' else '导出'}{document}",
            )


# --- batch workers -------------------------------------------------------------------------------


def open_read_only(path: Path) -> Database:
    """A read-only connection to a SQLite file, for worker processes that only gather print data."""
    if not path.exists():
        raise StorageError(f"数据库文件不存在：{path}")
    return Database.read_only(path)
