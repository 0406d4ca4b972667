"""考察材料: the inspection report on a cadre, drafted from the records and kept as revisions.

The draft has the standard shape: an opening line from the profile, then 德、能、勤、绩、廉 with the facts
the records hold, then 主要缺点和不足, which is left for the inspection team. Every sentence of a draft is
a fact of a record (with its source listed beside it in the editor), or an excerpt the user picked from
a 考察谈话 or a diary entry; nothing is invented. Staff edit the text; every save adds a revision, and
the latest revision is what prints.

Text format: a section's text is paragraphs separated by newlines; `**…**` marks bold runs (the only
emphasis an inspection report uses), which the PDF and the .docx export render.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import (
    DiaryEntry,
    InspectionReport,
    Mentorship,
    Talk,
)
from cadre_desk.domain.post_level import DEPUTY_SECTION, SECTION, is_town_head
from cadre_desk.domain.vocab import TalkKind
from cadre_desk.domain.yearmonth import YearMonth, format_date
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import (
    access,
    activity_counts,
    audit,
    cadre_records,
    cadre_rows,
    compliance,
    mentorship,
    portrait,
    tolerance_effects,
)
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

OPENING, DE, NENG, QIN, JI, LIAN, SHORTCOMINGS = "opening", "de", "neng", "qin", "ji", "lian", "shortcomings"
SECTION_KEYS = (OPENING, DE, NENG, QIN, JI, LIAN, SHORTCOMINGS)
SECTION_TITLES = {
    OPENING: "基本情况",
    DE: "政治品质和道德品行（德）",
    NENG: "工作能力（能）",
    QIN: "工作作风和精神状态（勤）",
    JI: "工作实绩（绩）",
    LIAN: "廉洁自律（廉）",
    SHORTCOMINGS: "主要缺点和不足",
}
# Training kinds that are 政治锤炼 (counted under 德); the others count under 能.
_POLITICAL_TRAINING = frozenset({"党校主体班", "青干班", "调训"})
_EXCERPT_CHARS = 300
MAX_SECTION_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact of the records: the section it belongs to, its sentence, and where it comes from."""

    section: str
    text: str
    source: str

    def to_json(self) -> dict[str, str]:
        return {"section": self.section, "text": self.text, "source": self.source}


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class Report:
    """A 考察材料: a saved revision (revision ≥ 1) or a fresh draft (revision 0)."""

    cadre_id: int
    cadre_name: str
    revision: int
    title: str
    sections: tuple[Section, ...]
    sources: tuple[Fact, ...]
    saved_by: str = ""
    saved_at: dt.datetime | None = None

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A passage the user may quote: from a 考察谈话 (kind "talk") or a diary entry (kind "diary")."""

    kind: str
    record_id: int
    day: dt.date
    title: str
    text: str  # the passage, cut to a readable length

    @property
    def source(self) -> str:
        what = "考察谈话记录" if self.kind == "talk" else f"成长日记《{self.title}》"
        return f"摘自{format_date(self.day)}{what}"


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    revision: int
    saved_by: str
    saved_at: dt.datetime


# --- facts -------------------------------------------------------------------------------------------


def _ym(value: YearMonth | None) -> str:
    return f"{value.year}年{value.month}月" if value is not None else ""


def _opening(profile: cadre_records.CadreProfile) -> str:
    c = profile.cadre
    parts = [c.name, c.gender, c.ethnicity]
    if c.native_place:
        parts.append(f"{c.native_place}人")
    parts.append(f"{_ym(c.birth)}生")
    education = c.fulltime_education or c.inservice_education
    if education:
        degree = c.fulltime_degree or c.inservice_degree
        parts.append(f"{education}学历" + (f"，{degree}" if degree else ""))
    if c.party_join is not None and c.political_status == "中共党员":
        parts.append(f"{_ym(c.party_join)}加入中国共产党")
    elif c.political_status and c.political_status != "中共党员":
        parts.append(c.political_status)
    if c.work_start is not None:
        parts.append(f"{_ym(c.work_start)}参加工作")
    if c.post:
        parts.append(f"现任{c.post}")
    return "，".join(p for p in parts if p) + "。"


def facts_in(session: Session, cadre_id: int, today: dt.date) -> list[Fact]:
    """Every fact the records hold for the five sections, in the order a report tells them."""
    profile = cadre_records.profile_in(session, cadre_id)
    c = profile.cadre
    facts: list[Fact] = []
    add = facts.append

    # 德: party standing, 政治锤炼 training, honours of the Party.
    if c.party_join is not None and c.political_status == "中共党员":
        years = YearMonth.from_date(today).year - c.party_join.year
        add(Fact(DE, f"{_ym(c.party_join)}加入中国共产党，党龄{years}年。", "干部基本信息·入党时间"))
    for t in profile.trainings:
        if t.kind in _POLITICAL_TRAINING:
            add(Fact(DE, f"{_training_text(t)}。", f"教育培训·{t.kind}"))
    for r in profile.rewards:
        if r.kind == "奖励" and ("优秀共产党员" in r.text or "优秀党务" in r.text):
            add(Fact(DE, f"{_dated(r.date)}{r.text}{_by(r.issuer)}。", "奖惩情况"))

    # 能: education, key posts, 乡镇正职 experience, secondments, other training.
    data = portrait.portrait_in(session, cadre_id, today)
    key_posts = [s for s in data.steps if s.level is not None and s.level >= DEPUTY_SECTION]
    for s in key_posts:
        span = f"{_ym(s.start)}至{_ym(s.end) if s.end else '今'}"
        add(Fact(NENG, f"{span}任{s.text}。", "简历"))
    town_heads = [s for s in data.steps if s.level == SECTION and is_town_head(s.text)]
    if town_heads:
        months = sum(s.start.months_until(s.end or YearMonth.from_date(today)) for s in town_heads)
        years, rest = divmod(months, 12)
        length = (f"{years}年" if years else "") + (f"{rest}个月" if rest or not years else "")
        add(Fact(NENG, f"有乡镇正职工作经历，累计{length}。", "简历"))
    for sec in profile.secondments:
        span = f"{_ym(sec.start)}至{_ym(sec.end) if sec.end else '今'}"
        post = f"，任{sec.post}" if sec.post else ""
        add(Fact(NENG, f"{span}在{sec.place}{sec.kind or '挂职'}{post}。", "挂职锻炼"))
    for t in profile.trainings:
        if t.kind not in _POLITICAL_TRAINING and t.kind not in ("网络学习", "网络培训"):
            add(Fact(NENG, f"{_training_text(t)}。", f"教育培训·{t.kind or '培训'}"))

    # 勤: training compliance, pairings, the growth diary.
    rows = compliance.compliance_in(session, today.year, None, False, cadre_id)
    if rows:
        need = rows[0].result
        state = "已达标" if need.met else f"尚差{need.shortfall_hours:g}学时"
        window = need.window.label()
        text = f"{window}培训学时要求{need.required_hours:g}学时，已完成{need.done_hours:g}学时，{state}。"
        add(Fact(QIN, text, "培训学时达标"))
    pairings = session.scalars(
        select(Mentorship)
        .where(activity_counts.pairings_of(cadre_id))
        .order_by(Mentorship.term_start, Mentorship.id)
    ).unique()
    for m in map(mentorship.to_view, pairings):
        term = f"{_day(m.term_start)}至{_day(m.term_end)}"
        if m.mentor_id == cadre_id:
            add(Fact(QIN, f"{term}作为导师结对帮带{m.mentee}。", "结对帮带"))
        else:
            add(Fact(QIN, f"{term}由{m.mentor}结对帮带。", "结对帮带"))
    diary = activity_counts.diary_counts_in(session, cadre_id)
    if diary.entries:
        add(Fact(QIN, f"撰写成长日记{diary.entries}篇，导师点评{diary.commented}篇。", "成长日记"))

    # 绩: assessments (the last five years), rewards.
    recent = sorted(profile.assessments, key=lambda a: a.year)[-5:]
    if recent:
        grades = "，".join(f"{a.year}年度{a.grade}" for a in recent)
        excellent = sum(a.grade == "优秀" for a in recent)
        add(Fact(JI, f"近年年度考核结果：{grades}（其中优秀{excellent}次）。", "年度考核"))
    for r in profile.rewards:
        if r.kind == "奖励" and not ("优秀共产党员" in r.text or "优秀党务" in r.text):
            add(Fact(JI, f"{_dated(r.date)}{r.text}{_by(r.issuer)}。", "奖惩情况"))

    # 廉: punishments, the barometer, fault-tolerance rulings.
    punishments = [r for r in profile.rewards if r.kind != "奖励"]
    for r in punishments:
        add(Fact(LIAN, f"{_dated(r.date)}受到{r.text}{_by(r.issuer)}。", "奖惩情况"))
    if not punishments:
        add(Fact(LIAN, "干部档案中无惩处记录。", "奖惩情况"))
    barometer = next((lane for lane in data.extra_lanes if lane.title == "晴雨表"), None)
    if barometer is not None and barometer.marks:
        marks = barometer.marks[-8:]
        words = "，".join(m.tip.split("（")[0] for m in marks)
        add(Fact(LIAN, f"干部监管晴雨表近{len(marks)}期：{words}。", "晴雨表"))
    for matter in tolerance_effects.tolerated_matters(session, [cadre_id]):
        add(Fact(LIAN, f"“{matter.matter}”一事{matter.label()}。", "容错纠错"))
    return facts


def _day(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _training_text(t: cadre_records.TrainingView) -> str:
    when = _day(t.start_date) if t.start_date else ""
    if t.end_date and t.end_date != t.start_date:
        when += f"至{_day(t.end_date)}"
    amount = f"，{t.hours:g}学时" if t.hours else (f"，{t.days:g}天" if t.days else "")
    where = f"（{t.organiser}）" if t.organiser else ""
    return f"{when}参加{t.name}{where}{amount}"


def _dated(value: YearMonth | None) -> str:
    return f"{_ym(value)}，" if value is not None else ""


def _by(issuer: str) -> str:
    return f"（{issuer}）" if issuer else ""


# --- drafts, excerpts, revisions ---------------------------------------------------------------------


def title_for(name: str) -> str:
    return f"关于{name}同志的考察材料"


def draft_in(
    session: Session, cadre_id: int, today: dt.date, excerpts: Sequence[tuple[str, Excerpt]] = ()
) -> Report:
    """A fresh draft: the facts composed into the sections, the picked excerpts under their section."""
    profile = cadre_records.profile_in(session, cadre_id)
    facts = facts_in(session, cadre_id, today)
    texts: dict[str, list[str]] = {key: [] for key in SECTION_KEYS}
    texts[OPENING].append(_opening(profile))
    for fact in facts:
        texts[fact.section].append(fact.text)
    sources = list(facts)
    for section, excerpt in excerpts:
        if section not in texts or section == OPENING:
            raise ValidationError({"section": f"摘录只能放入德、能、勤、绩、廉或缺点不足部分（{section}）"})
        texts[section].append(f"“{excerpt.text}”（{excerpt.source}）")
        sources.append(Fact(section, excerpt.text, excerpt.source))
    sections = tuple(Section(key, SECTION_TITLES[key], _paragraphs(key, texts[key])) for key in SECTION_KEYS)
    name = profile.cadre.name
    return Report(cadre_id, name, 0, title_for(name), sections, tuple(sources))


def _paragraphs(key: str, sentences: list[str]) -> str:
    """The opening and each of 德能勤绩廉 as one paragraph of facts; excerpts on lines of their own."""
    facts = [s for s in sentences if not s.startswith("“")]
    quotes = [s for s in sentences if s.startswith("“")]
    lines = ["".join(facts)] if facts else []
    return "\n".join(lines + quotes)


def draft(
    ctx: ServiceContext,
    cadre_id: int,
    excerpts: Sequence[tuple[str, Excerpt]] = (),
    today: dt.date | None = None,
) -> Report:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return draft_in(session, cadre_id, today or dt.date.today(), excerpts)


def excerpt_choices(ctx: ServiceContext, cadre_id: int) -> list[Excerpt]:
    """The cadre's 考察谈话 and diary entries, newest first, as passages to quote."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        cadre_rows.load(session, cadre_id)
        talks = session.execute(
            select(Talk.id, Talk.talk_at, Talk.kind, Talk.content)
            .where(activity_counts.talks_of(cadre_id), Talk.kind == TalkKind.INSPECTION)
            .order_by(Talk.talk_at.desc())
        ).all()
        entries = session.execute(
            select(DiaryEntry.id, DiaryEntry.date, DiaryEntry.title, DiaryEntry.content)
            .where(activity_counts.diary_entries_of(cadre_id))
            .order_by(DiaryEntry.date.desc())
            .limit(200)
        ).all()
    found = [Excerpt("talk", i, at.date(), kind, _cut(text)) for i, at, kind, text in talks if text.strip()]
    found += [Excerpt("diary", i, day, title, _cut(text)) for i, day, title, text in entries if text.strip()]
    return found


def _cut(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT_CHARS else flat[: _EXCERPT_CHARS - 1] + "…"


def _report(row: InspectionReport, name: str) -> Report:
    return Report(
        row.cadre_id,
        name,
        row.revision,
        row.title,
        tuple(Section(s["key"], s["title"], s["text"]) for s in row.sections),
        tuple(Fact(f["section"], f["text"], f["source"]) for f in row.sources),
        row.saved_by,
        row.created_at,
    )


def current_in(session: Session, cadre_id: int) -> Report | None:
    cadre = cadre_rows.load(session, cadre_id)
    row = session.scalars(
        select(InspectionReport)
        .where(InspectionReport.cadre_id == cadre_id)
        .order_by(InspectionReport.revision.desc())
        .limit(1)
    ).first()
    return _report(row, cadre.name) if row is not None else None


def current(ctx: ServiceContext, cadre_id: int) -> Report | None:
    """The latest saved revision, None when the cadre has none."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return current_in(session, cadre_id)


def current_or_draft_in(session: Session, cadre_id: int, today: dt.date) -> Report:
    """What prints: the latest revision, or a fresh draft when nothing was saved."""
    return current_in(session, cadre_id) or draft_in(session, cadre_id, today)


def revision(ctx: ServiceContext, cadre_id: int, number: int) -> Report:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        cadre = cadre_rows.load(session, cadre_id)
        row = session.scalars(
            select(InspectionReport).where(
                InspectionReport.cadre_id == cadre_id, InspectionReport.revision == number
            )
        ).first()
        if row is None:
            raise NotFoundError(f"{cadre.name}的考察材料", f"第 {number} 稿")
        return _report(row, cadre.name)


def revisions(ctx: ServiceContext, cadre_id: int) -> list[RevisionInfo]:
    """Every saved revision, newest first."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        cadre_rows.load(session, cadre_id)
        rows = session.execute(
            select(InspectionReport.revision, InspectionReport.saved_by, InspectionReport.created_at)
            .where(InspectionReport.cadre_id == cadre_id)
            .order_by(InspectionReport.revision.desc())
        ).all()
    return [RevisionInfo(int(r), str(by), at) for r, by, at in rows]


def save(
    ctx: ServiceContext,
    cadre_id: int,
    title: str,
    sections: Sequence[Section],
    sources: Sequence[Fact],
    based_on: int,
) -> Report:
    """Save the edited report as the next revision. `based_on` is the revision the editor started from
    (0 for a fresh draft); if someone saved meanwhile, ConflictError keeps both texts apart."""
    access.require(ctx, Permission.RECORDS_WRITE)
    title = title.strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "请填写标题"
    elif len(title) > 200:
        errors["title"] = "标题不能超过 200 字"
    keys = [s.key for s in sections]
    if sorted(keys) != sorted(SECTION_KEYS):
        errors["sections"] = "考察材料应包含基本情况、德、能、勤、绩、廉和主要缺点不足各部分"
    for s in sections:
        if len(s.text) > MAX_SECTION_CHARS:
            errors[s.key] = f"“{SECTION_TITLES.get(s.key, s.key)}”不能超过 {MAX_SECTION_CHARS} 字"
    if errors:
        raise ValidationError(errors)
    with ctx.db.uow() as session:
        cadre = cadre_rows.load(session, cadre_id)
        latest = session.scalar(
            select(func.max(InspectionReport.revision)).where(InspectionReport.cadre_id == cadre_id)
        )
        latest = int(latest or 0)
        if latest != based_on:
            raise ConflictError(f"{cadre.name}的考察材料", "稿次", based_on, latest)
        row = InspectionReport(
            cadre_id=cadre_id,
            revision=latest + 1,
            title=title,
            sections=[{"key": s.key, "title": SECTION_TITLES[s.key], "text": s.text} for s in sections],
            sources=[f.to_json() for f in sources],
            saved_by=ctx.operator[:50],
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            ctx,
            "update" if latest else "create",
            "inspection_report",
            row.id,
            row.uid,
            {"revision": [latest or None, row.revision]},
            f"保存{cadre.name}的考察材料第 {row.revision} 稿",
        )
        return _report(row, cadre.name)
