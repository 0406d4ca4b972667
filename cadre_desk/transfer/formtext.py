"""The text rules of the appointment form: 简历 lines with 其间 items, 奖惩 lines, 年度考核 sentences,
入党时间 with a 民主党派, and the lenient normalisation of values as staff and other tools write them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import LEADING_YEAR_MONTH, DateFormatError, YearMonth
from cadre_desk.transfer.model import AssessmentItem, FormatProblem, ResumeItem, RewardItem

# --- year-months ---------------------------------------------------------------------------------

_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DOTTED_DATE = re.compile(r"^(\d{4})[.\-/．](\d{1,2})[.\-/．](\d{1,2})$")


def read_year_month(text: str, label: str) -> YearMonth | None:
    """`198503`, `1985.03`, `1985.3`, `1985-03`, `1985年3月`, and full dates (`19850312`) cut to the month."""
    cleaned = text.strip()
    if not cleaned:
        return None
    for pattern in (_COMPACT_DATE, _DOTTED_DATE):
        match = pattern.match(cleaned)
        if match:
            cleaned = f"{match.group(1)}.{match.group(2)}"
            break
    try:
        return YearMonth.parse(cleaned)
    except DateFormatError as exc:
        raise FormatProblem(f"{label}：{exc}") from None


def compact(value: YearMonth | None) -> str:
    return "" if value is None else f"{value.year:04d}{value.month:02d}"


# --- values written differently by other tools ---------------------------------------------------


def ethnicity(text: str) -> str:
    return vocab.normalise_code("ethnicity", text)


def political_status(text: str) -> str:
    return vocab.normalise_code("political_status", text)


def gender(text: str) -> str:
    return vocab.normalise_code("gender", text)


def democratic_party(text: str) -> str:
    return vocab.normalise_code("democratic_party", text)


def party_status_of(party: str) -> str:
    """The member status of a 民主党派 (`民盟` → `民盟盟员`); "" for anything else."""
    name = vocab.normalise_code("democratic_party", party)
    return vocab.normalise_code("political_status", name) if name in vocab.DEMOCRATIC_PARTIES else ""


# --- 入党时间 ------------------------------------------------------------------------------------

_SPLIT = re.compile(r"[；;，,、\s]+")


def read_party_join(text: str) -> tuple[YearMonth | None, str]:
    """`198507`, `1985.07`, `民盟`, `198507；民盟` → (date, democratic party)."""
    date: YearMonth | None = None
    party = ""
    for part in _SPLIT.split(text.strip()):
        if not part:
            continue
        if part[0].isdigit():
            date = read_year_month(part, "入党时间")
        else:
            party = democratic_party(part)
    return date, party


def write_party_join(date: YearMonth | None, party: str) -> str:
    return "；".join(p for p in (compact(date), party) if p)


# --- 简历 ----------------------------------------------------------------------------------------

_YM = r"(\d{4}\s*[.．。\-/]\s*\d{1,2}|\d{6})"
_LINE = re.compile(rf"^\s*{_YM}\s*(?:--|—+|－+|-|~|～|至)\s*{_YM}?\s*(.*)$")
_CONCURRENT = re.compile(r"[（(]\s*[其期]间\s*[：:]\s*(.*?)\s*[）)]\s*$")
_CONCURRENT_SPLIT = re.compile(r"[；;]\s*(?=\d{4})")


def _ym(text: str) -> YearMonth:
    value = read_year_month(text.replace(" ", ""), "简历年月")
    assert value is not None
    return value


def _parse_span(text: str) -> ResumeItem | None:
    match = _LINE.match(text)
    if not match:
        return None
    start, end, rest = match.groups()
    return ResumeItem(_ym(start), _ym(end) if end else None, rest.strip())


def read_resume(text: str) -> tuple[ResumeItem, ...]:
    """Lines `1985.09--1989.07  XX大学学习`; a line without a leading span continues the one before it;
    `（其间：…）` at the end of a line or on a line of its own holds concurrent items."""
    items: list[ResumeItem] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        concurrent: list[ResumeItem] = []
        match = _CONCURRENT.search(line)
        if match:
            parts = [p for p in _CONCURRENT_SPLIT.split(match.group(1)) if p.strip()]
            spans = [_parse_span(p) for p in parts]
            if spans and all(s is not None for s in spans):
                concurrent = [s for s in spans if s is not None]
                line = line[: match.start()].strip()
        main = _parse_span(line) if line else None
        if main is not None:
            items.append(ResumeItem(main.start, main.end, main.text, tuple(concurrent)))
        elif items:
            last = items[-1]
            text_ = last.text + line
            items[-1] = ResumeItem(last.start, last.end, text_, last.concurrent + tuple(concurrent))
        elif line or concurrent:
            raise FormatProblem(f"简历第一行“{raw.strip()[:30]}”没有起止年月")
    return tuple(items)


def _span(item: ResumeItem) -> str:
    return f"{item.start}--{item.end or ''}"


def write_resume(items: Sequence[ResumeItem]) -> str:
    lines = []
    for item in items:
        line = f"{_span(item)}  {item.text}"
        if item.concurrent:
            inner = "；".join(f"{_span(c)} {c.text}" for c in item.concurrent)
            line += f"（其间：{inner}）"
        lines.append(line)
    return "\n".join(lines)


# --- 奖惩情况 ------------------------------------------------------------------------------------

_PUNISHMENT_WORDS = (
    "警告",
    "记过",
    "记大过",
    "降级",
    "撤职",
    "开除",
    "处分",
    "诫勉",
    "通报批评",
    "免职",
    "留党察看",
)
_REWARD_DATE = LEADING_YEAR_MONTH
NONE_TEXT = ("无", "无。", "")


def read_rewards(text: str) -> tuple[RewardItem, ...]:
    items = []
    for raw in text.replace("\r", "\n").split("\n"):
        line = raw.strip()
        if line in NONE_TEXT:
            continue
        kind = "惩处" if any(word in line for word in _PUNISHMENT_WORDS) else "奖励"
        match = _REWARD_DATE.match(line)
        date = None
        if match:
            month = int(match.group(2) or match.group(3))
            try:
                date = YearMonth(int(match.group(1)), month)
            except DateFormatError:
                # As written (1800.01): validation takes it in as 待核实; the text keeps it anyway.
                date = f"{match.group(1)}.{month:02d}"  # type: ignore[assignment]
        items.append(RewardItem(kind, date, line))
    return tuple(items)


def write_rewards(items: Sequence[RewardItem]) -> str:
    if not items:
        return "无"
    lines = []
    for item in items:
        text = item.text.strip()
        if item.date is not None and not _REWARD_DATE.match(text):
            text = f"{item.date} {text}"
        lines.append(text)
    return "\n".join(lines)


# --- 年度考核结果 ---------------------------------------------------------------------------------

_GRADES = "|".join(sorted((g.value for g in vocab.AssessmentGrade), key=len, reverse=True))
_ASSESSMENT = re.compile(
    rf"((?:\d{{4}}\s*(?:年度?)?\s*[、，,和及]?\s*)+)\s*(?:年度)?\s*(?:考核)?(?:结果)?(?:为|是|：|:)?\s*({_GRADES})"
)


def read_assessments(text: str) -> tuple[AssessmentItem, ...]:
    found: dict[int, str] = {}
    for match in _ASSESSMENT.finditer(text):
        for year in re.findall(r"\d{4}", match.group(1)):
            found[int(year)] = match.group(2)
    return tuple(AssessmentItem(y, found[y]) for y in sorted(found))


def last_three(items: Sequence[AssessmentItem]) -> tuple[AssessmentItem, ...]:
    return tuple(sorted(items, key=lambda a: a.year)[-3:])


def write_assessments(items: Sequence[AssessmentItem]) -> str:
    """The last three years ascending, equal adjacent grades merged: `2022、2023年度考核为称职，…`."""
    recent = last_three(items)
    if not recent:
        return "无"
    groups: list[tuple[list[int], str]] = []
    for item in recent:
        if groups and groups[-1][1] == item.grade:
            groups[-1][0].append(item.year)
        else:
            groups.append(([item.year], item.grade))
    return "，".join(f"{'、'.join(map(str, years))}年度考核为{grade}" for years, grade in groups)
