"""横向比较: 2–6 cadres side by side, as a 部务会 compares them — age, years in post and at the level,
education, the key posts and 乡镇正职 experience, the last five assessments, rewards and punishments,
training hours, 晴雨表 history, pairing and diary activity, talks. A row whose values differ is marked.

Built on the growth portrait's reading of the records (services.portrait), one read transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import RewardOrPunishment
from cadre_desk.domain import vocab
from cadre_desk.domain.post_level import is_town_head
from cadre_desk.domain.yearmonth import YearMonth, age_at
from cadre_desk.errors import ValidationError
from cadre_desk.services import access, activity_counts, cadres, portrait
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

MIN_CADRES, MAX_CADRES = 2, 6
KEY_POSTS = 4  # the latest main resume lines shown
RANK_SINCE = "任现职级时间（年限）"
FROM_RESUME = "据简历推算"
RANK_NOTE = (
    f"{FROM_RESUME}：档案未填任现职级时间的，按简历中最近连续同一职级（据职务和职级判断）的起始年月推算，"
    "仅供参考。"
)
# 乡镇正职: a township's 党委书记 or head (not a deputy): the resume line names one of these.


@dataclass(frozen=True)
class ComparisonRow:
    group: str  # 基本情况, 经历, 考核奖惩, 培养管理
    label: str
    values: tuple[str, ...]  # one per cadre, in the order asked

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


@dataclass(frozen=True)
class Comparison:
    reference_date: dt.date
    cadre_ids: tuple[int, ...]
    names: tuple[str, ...]
    rows: tuple[ComparisonRow, ...]
    notes: tuple[str, ...] = ()  # footnotes: how a value marked in the table was found

    def to_json(self) -> dict[str, object]:
        return {
            "reference_date": self.reference_date.isoformat(),
            "cadres": [{"id": i, "name": n} for i, n in zip(self.cadre_ids, self.names, strict=True)],
            "rows": [
                {"group": r.group, "label": r.label, "values": list(r.values), "differs": r.differs}
                for r in self.rows
            ],
            "notes": list(self.notes),
        }


def _months(start: YearMonth, end: YearMonth) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _years(months: int) -> str:
    """`3年`, `1年8个月`, `5个月`; a post taken this month `不足1个月` (not `0年`)."""
    years, rest = divmod(max(0, months), 12)
    if not years:
        return f"{rest}个月" if rest else "不足1个月"
    return f"{years}年{rest}个月" if rest else f"{years}年"


def _education(education: str, degree: str) -> str:
    return "、".join(x for x in (education, degree) if x) or "—"


def checked_ids(cadre_ids: Sequence[int]) -> tuple[int, ...]:
    """The distinct ids, in the order given; a `ValidationError` unless there are 2–6."""
    ids = tuple(dict.fromkeys(cadre_ids))
    if not MIN_CADRES <= len(ids) <= MAX_CADRES:
        raise ValidationError(
            {"cadres": f"横向比较须选择 {MIN_CADRES}–{MAX_CADRES} 名不同的干部（现为 {len(ids)} 名）"}
        )
    return ids


def compare(ctx: ServiceContext, cadre_ids: Sequence[int], ref: dt.date) -> Comparison:
    """The comparison of 2–6 distinct cadres at `ref` (NotFoundError for an unknown id)."""
    access.require(ctx, Permission.RECORDS_READ)
    ids = checked_ids(cadre_ids)
    with ctx.db.read() as session:
        return compare_in(session, ids, ref)


def compare_in(session: Session, cadre_ids: Sequence[int], ref: dt.date) -> Comparison:
    """`compare` inside the caller's read transaction (the printed 横向比较表's; the caller checks access)."""
    ids = checked_ids(cadre_ids)
    at = YearMonth.from_date(ref)
    columns: list[dict[str, str]] = []
    names: list[str] = []
    derived = False  # a 任现职级时间 read from the resume (a footnote says so)
    for cadre_id in ids:
        c = cadres.load(session, cadre_id)
        p = portrait.portrait_in(session, cadre_id, ref)
        rewards = session.execute(
            select(RewardOrPunishment.kind, RewardOrPunishment.date, RewardOrPunishment.text)
            .where(RewardOrPunishment.cadre_id == cadre_id, RewardOrPunishment.archived_at.is_(None))
            .order_by(RewardOrPunishment.date.is_(None), RewardOrPunishment.date.desc())
        ).all()
        names.append(c.name)
        col: dict[str, str] = {
            "性别": c.gender,
            "出生年月（年龄）": f"{c.birth}（{age_at(c.birth, at)}岁）",
            "民族": c.ethnicity or "—",
            "政治面貌": c.political_status or "—",
            "入党时间": str(c.party_join) if c.party_join else "—",
            "参加工作时间": str(c.work_start) if c.work_start else "—",
            "全日制教育": _education(c.fulltime_education, c.fulltime_degree),
            "在职教育": _education(c.inservice_education, c.inservice_degree),
            "现任职务": c.post or "—",
            "职级": c.rank or "—",
            "任现职时间（年限）": f"{c.post_since}（{_years(_months(c.post_since, at))}）"
            if c.post_since
            else "—",
        }
        steps = p.steps
        if c.rank_since is not None:  # the profile's 任现职级时间 first
            col[RANK_SINCE] = f"{c.rank_since}（{_years(_months(c.rank_since, at))}）"
        elif steps and steps[-1].level is not None:  # else the start of the last run of one level
            level = steps[-1].level
            since = steps[-1].start
            for step in reversed(steps):
                if step.level != level:
                    break
                since = step.start
            col[RANK_SINCE] = f"{since}（{_years(_months(since, at))}，{FROM_RESUME}）"
            derived = True
        else:
            col[RANK_SINCE] = "—"
        key = [f"{s.start}—{s.end or ''} {s.text}" for s in steps[-KEY_POSTS:]]
        col["主要经历（近几段）"] = "\n".join(reversed(key)) or "—"
        town = [s for s in steps if is_town_head(s.text)]
        town_months = sum(_months(s.start, s.end or at) for s in town)
        col["乡镇正职经历"] = f"有（{_years(town_months)}）" if town else "无"
        recent = [m for m in p.assessments if m.start.year >= ref.year - 5][-5:]
        col["近五年年度考核"] = "，".join(f"{m.start.year} {m.word}" for m in reversed(recent)) or "无记录"
        for kind in (vocab.RewardKind.REWARD, vocab.RewardKind.PUNISHMENT):
            mine = [r for r in rewards if r.kind == kind]
            latest = f"；最近：{mine[0].date or ''} {mine[0].text}".rstrip() if mine else ""
            col[f"{kind}情况"] = f"{len(mine)} 项{latest}" if mine else "无"
        five = [(y, h) for y, h in p.training_hours if y > ref.year - 5]
        this_year = next((h for y, h in p.training_hours if y == ref.year), 0.0)
        col["培训学时（近五年）"] = f"共 {sum(h for _y, h in five):g} 学时（{ref.year}年 {this_year:g}）"
        barometer = next((lane for lane in p.extra_lanes if lane.title == "晴雨表"), None)
        marks = barometer.marks[-4:] if barometer else ()
        col["晴雨表（近四期）"] = (
            "，".join(m.tip.split("：")[0] + " " + m.word for m in reversed(marks)) or "无记录"
        )
        pairs = activity_counts.pairing_counts_in(session, cadre_id)
        col["结对帮带"] = f"被帮带 {pairs.as_mentee} 次，帮带他人 {pairs.as_mentor} 次"
        year_ago = at.add_months(-11).first_day()
        diary = activity_counts.diary_counts_in(session, cadre_id, since=year_ago).entries
        col["成长日记（近12个月）"] = f"{diary} 篇"
        talks = activity_counts.talk_count_in(session, cadre_id, since=year_ago)
        total = activity_counts.talk_count_in(session, cadre_id)
        col["谈话（近12个月 / 累计）"] = f"{talks} 次 / {total} 次"
        columns.append(col)
    groups = {
        "基本情况": ("性别", "出生年月（年龄）", "民族", "政治面貌", "入党时间", "参加工作时间", "全日制教育",
                     "在职教育"),
        "任职经历": ("现任职务", "职级", "任现职时间（年限）", RANK_SINCE, "主要经历（近几段）",
                     "乡镇正职经历"),
        "考核奖惩": ("近五年年度考核", "奖励情况", "惩处情况"),
        "培养管理": ("培训学时（近五年）", "晴雨表（近四期）", "结对帮带", "成长日记（近12个月）",
                     "谈话（近12个月 / 累计）"),
    }  # fmt: skip
    rows = tuple(
        ComparisonRow(group, label, tuple(col[label] for col in columns))
        for group, labels in groups.items()
        for label in labels
    )
    return Comparison(ref, ids, tuple(names), rows, (RANK_NOTE,) if derived else ())
