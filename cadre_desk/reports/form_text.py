"""The text rules of the appointment form (干部任免审批表), as pure functions.

No reportlab here: each function turns profile values into the exact strings the form prints, so the
rules are tested on their own (see docs of the .lrmx format for where they come from).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cadre_desk.domain.resume import Span, format_span
from cadre_desk.domain.yearmonth import YearMonth, age_at, starts_with_year_month
from cadre_desk.services.cadre_records import (
    AssessmentView,
    FamilyMemberView,
    ResumeEntryView,
    RewardView,
)

NONE_TEXT = "无"
ASSESSMENT_YEARS = 3


@dataclass(frozen=True)
class ResumeItem:
    """One printed 简历 paragraph: a main line (`span` + `text`) or a 其间 line (`span` empty)."""

    span: str
    text: str
    concurrent: bool = False


def year_month(value: YearMonth | None) -> str:
    return "" if value is None else str(value)


def age_text(birth: YearMonth, ref: YearMonth | dt.date) -> str:
    """`（41岁）`: full years at the reference date, at month granularity."""
    return f"（{age_at(birth, ref)}岁）"


def birth_cell(birth: YearMonth, ref: YearMonth | dt.date) -> str:
    """`1985.03` over `（41岁）`."""
    return f"{birth}\n{age_text(birth, ref)}"


def reference_text(ref: dt.date) -> str:
    """The printed 计算年龄时间: `2026年11月` (ages are computed to the month)."""
    return f"{ref.year}年{ref.month:02d}月"


def form_date(value: dt.date | None) -> str:
    """A date in a signature block: `2026年11月24日`, or blanks for a hand-written one."""
    if value is None:
        return "年　　月　　日"
    return f"{value.year}年{value.month:02d}月{value.day:02d}日"


def party_text(party_join: YearMonth | None, democratic_party: str) -> str:
    """入党时间: the join month; for a 民主党派 member the party with the month, `民盟（2002.03）`;
    for two parties both in brackets after the month, `2002.03（民盟、民革）` (the editor's help)."""
    month = year_month(party_join)
    parties = [p for p in re.split(r"[、，,；;\s]+", democratic_party.strip()) if p]
    if not parties:
        return month
    if len(parties) == 1:
        return f"{parties[0]}（{month}）" if month else parties[0]
    return f"{month}（{'、'.join(parties)}）"


def education_text(education: str, degree: str) -> str:
    """学历 over 学位 (either may be empty)."""
    return "\n".join(p for p in (education.strip(), degree.strip()) if p)


def school_text(school: str, degree_school: str) -> str:
    """毕业院校系及专业: the school of the 学历, and that of the 学位 when it differs."""
    school, degree_school = school.strip(), degree_school.strip()
    if not degree_school or degree_school == school:
        return school
    if not school:
        return degree_school
    return f"{school}\n{degree_school}"


def resume_items(resume: Iterable[ResumeEntryView]) -> list[ResumeItem]:
    """Main lines `2008.07--2011.09` + text, each followed by its `（其间：…）` lines."""
    items: list[ResumeItem] = []
    for entry in resume:
        items.append(ResumeItem(format_span(Span(entry.start, entry.end)), entry.text.strip()))
        for sub in entry.concurrent:
            span = format_span(Span(sub.start, sub.end))
            items.append(ResumeItem("", f"（其间：{span} {sub.text.strip()}）", concurrent=True))
    return items


def reward_lines(rewards: Sequence[RewardView]) -> list[str]:
    """奖惩情况: one line per item, newest first (undated items last, in their order); `无` if none."""
    if not rewards:
        return [NONE_TEXT]

    def newest_first(i: int) -> tuple[bool, int, int]:
        date = rewards[i].date
        return (date is None, -date.to_int() if date is not None else 0, i)

    order = sorted(range(len(rewards)), key=newest_first)
    lines = []
    for i in order:
        item = rewards[i]
        text = item.text.strip()
        issuer = item.issuer.strip()
        if issuer and issuer not in text:
            text = f"{text}（{issuer}）"
        # A line read from a form carries its date in the text already: print it as written.
        lines.append(f"{item.date} {text}" if item.date and not starts_with_year_month(text) else text)
    return lines


def assessment_summary(assessments: Iterable[AssessmentView | tuple[int, str]]) -> str:
    """年度考核结果: the last three years ascending, equal adjacent grades merged; `无` if none.

    >>> assessment_summary([(2022, "称职"), (2023, "称职"), (2024, "优秀")])
    '2022、2023年度考核为称职，2024年度考核为优秀'
    """
    by_year: dict[int, str] = {}
    for item in assessments:
        year, grade = (item.year, item.grade) if isinstance(item, AssessmentView) else item
        by_year[year] = grade.strip()
    years = sorted(by_year)[-ASSESSMENT_YEARS:]
    if not years:
        return NONE_TEXT
    groups: list[tuple[list[int], str]] = []
    for year in years:
        grade = by_year[year]
        if groups and groups[-1][1] == grade:
            groups[-1][0].append(year)
        else:
            groups.append(([year], grade))
    return "，".join(f"{'、'.join(map(str, ys))}年度考核为{grade}" for ys, grade in groups)


def family_age(member: FamilyMemberView, ref: YearMonth | dt.date) -> str:
    """Full years at the reference date; blank for the deceased or an unknown birth."""
    if member.deceased or member.birth is None:
        return ""
    return str(age_at(member.birth, ref))


def family_employer(member: FamilyMemberView) -> str:
    """工作单位及职务; `已去世` for a deceased member with nothing recorded."""
    text = member.employer_post.strip()
    if member.deceased and not text:
        return "已去世"
    return text
