"""晴雨表 (the barometer): periods, the indicators offered, and how a colour rule table colours a reading.

Nothing here is a local rule: the rules themselves (which indicator values make 红 or 黄) and the colour
words live in database tables with shipped defaults (services.barometer). This module only knows the
indicator vocabulary of ../shared/domain/supervision.md and how to apply a list of rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

RED, YELLOW, GREEN = "red", "yellow", "green"
COLOURS = (RED, YELLOW, GREEN)  # most severe first
DEFAULT_WORDS = {RED: "红", YELLOW: "黄", GREEN: "绿"}

COLLECTING, REVIEWING, PUBLISHED = "采集中", "研判中", "已发布"
PERIOD_STATES = (COLLECTING, REVIEWING, PUBLISHED)

# 处置 per entry and the ways of 调整岗位 (能上能下 rules).
DISPOSALS = ("无", "提醒谈话", "函询", "诫勉", "调整岗位", "限制使用")
ADJUSTMENT = "调整岗位"
ADJUSTMENT_WAYS = ("调离岗位", "改任非领导职务", "免职", "降职")
LADDER = ("提醒谈话", "函询", "诫勉")  # the warning ladder that comes before 调整岗位

Kind = Literal["choice", "text", "flag"]
FLAG_ON = "是"
_TRUE = {"是", "有", "√", "✓", "1", "y", "yes", "true", "TRUE", "True", "Y"}
_FALSE = {"", "否", "无", "0", "n", "no", "false", "FALSE", "False", "N", "×"}


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str  # the column header and the grid's heading
    kind: Kind
    choices: tuple[str, ...] = ()  # for `choice`: mildest first (a merge keeps the most severe)
    aliases: tuple[str, ...] = ()  # other headers a member unit's list may use
    max_length: int = 20


INDICATORS: tuple[Indicator, ...] = (
    Indicator("duty", "履职尽责", "choice", ("好", "较好", "一般", "较差"), ("平时考核", "平时考核等次")),
    Indicator(
        "assessment",
        "年度考核",
        "choice",
        ("优秀", "称职", "不确定等次", "基本称职", "不称职"),
        ("实绩考核", "年度考核等次", "考核等次"),
    ),
    Indicator("discipline", "处分", "text", (), ("党纪政务处分", "处分情况", "处分种类", "违纪违法"), 200),
    Indicator("case_review", "立案审查", "flag", (), ("立案", "立案审查调查", "立案调查")),
    Indicator(
        "org_handling",
        "组织处理",
        "choice",
        ("通报", "诫勉", "停职检查", "调整职务", "责令辞职", "降职", "免职"),
        ("组织处理方式",),
    ),
    Indicator("accountability", "问责", "text", (), ("问责情况", "问责方式"), 200),
    Indicator(
        "petition", "信访举报", "choice", ("不实", "待核", "属实"), ("核查结果", "信访核查结果", "办理结果")
    ),
    Indicator(
        "personal_matters", "个人事项", "choice", ("如实", "漏报", "瞒报"), ("个人事项核查", "核查情况")
    ),
    Indicator("audit_finding", "审计发现", "text", (), ("审计发现问题", "审计问题"), 500),
    Indicator("public_opinion", "舆情", "text", (), ("舆情情况",), 500),
    Indicator("talk_measure", "谈话函询", "choice", ("提醒谈话", "函询", "诫勉"), ("谈话函询诫勉",)),
    Indicator("rank_last", "考核末位", "flag", (), ("末位",)),
    Indicator("unfit", "不适宜现职", "flag", (), ("不适宜担任现职",)),
)
BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}
# Readings that say nothing is wrong (left out where only what needs attention is listed).
UNREMARKABLE: dict[str, tuple[str, ...]] = {
    "duty": ("好", "较好"),
    "assessment": ("优秀", "称职"),
    "petition": ("不实",),
    "personal_matters": ("如实",),
}


def remarkable(code: str, value: str) -> bool:
    return bool(value) and value not in UNREMARKABLE.get(code, ())


BY_LABEL: dict[str, Indicator] = {i.label: i for i in INDICATORS}
# The colour of a rule row is written with the canonical words (the shown words may be renamed).
RULE_COLOURS = {"红": RED, "黄": YELLOW}
CODES = tuple(i.code for i in INDICATORS)


class IndicatorError(ValueError):
    """A value an indicator does not take (the message is for the user, in Chinese)."""


def clean_value(code: str, raw: object) -> str:
    """The stored form of `raw` for indicator `code` ("" = nothing recorded); raises IndicatorError."""
    ind = BY_CODE[code]
    text = "" if raw is None else str(raw).strip()
    if ind.kind == "flag":
        if text in _TRUE:
            return FLAG_ON
        if text in _FALSE:
            return ""
        raise IndicatorError(f"{ind.label}应填“是”或留空（现为“{text}”）")
    if ind.kind == "choice":
        if text in ("", "无"):
            return ""
        if text not in ind.choices:
            raise IndicatorError(f"{ind.label}应为 {'、'.join(ind.choices)} 之一（现为“{text}”）")
        return text
    if text in ("无", "—", "-"):
        return ""
    if len(text) > ind.max_length:
        raise IndicatorError(f"{ind.label}最多 {ind.max_length} 个字（现为 {len(text)} 个）")
    return text


def merge_value(code: str, old: str, new: str) -> str:
    """Two readings of one indicator (two rows of a list, or a list and the grid): the more severe choice,
    both texts, a flag if either has it."""
    if not old or old == new:
        return new
    if not new:
        return old
    ind = BY_CODE[code]
    if ind.kind == "choice":
        return max(old, new, key=ind.choices.index)
    if ind.kind == "flag":
        return FLAG_ON
    if new in old.split("；"):
        return old
    return f"{old}；{new}"[: ind.max_length]


# --- periods -----------------------------------------------------------------------------------------

_QUARTER = re.compile(r"^\s*(\d{4})\s*[-_ ]?\s*[Qq]\s*([1-4])\s*$")
_QUARTER_CN = re.compile(r"^\s*(\d{4})\s*年?\s*第?\s*([1-4一二三四])\s*季度?\s*$")
_HALF = re.compile(r"^\s*(\d{4})\s*[-_ ]?\s*[Hh]\s*([12])\s*$")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
_CN_QUARTERS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


@dataclass(frozen=True)
class Period:
    code: str  # `2026Q4` (quarters, the default), `2026H1` (half-years) or `2026` (a year)
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        """`2026年第四季度`."""
        if "Q" in self.code:
            return f"{self.code[:4]}年{_CN_QUARTERS[int(self.code[-1])]}"
        if "H" in self.code:
            return f"{self.code[:4]}年{'上' if self.code.endswith('1') else '下'}半年"
        return f"{self.code}年度"

    def previous(self) -> Period:
        return period_containing(self.start - dt.timedelta(days=1), _kind(self.code))


def _kind(code: str) -> str:
    return "Q" if "Q" in code else "H" if "H" in code else "Y"


def _end_of(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _make(year: int, kind: str, n: int) -> Period:
    if not 1990 <= year <= 2100:
        raise ValueError(f"年份应在 1990–2100 之间（现为 {year}）")
    if kind == "Q":
        first = 3 * (n - 1) + 1
        return Period(f"{year}Q{n}", dt.date(year, first, 1), _end_of(year, first + 2))
    if kind == "H":
        first = 6 * (n - 1) + 1
        return Period(f"{year}H{n}", dt.date(year, first, 1), _end_of(year, first + 5))
    return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))


def parse_period(text: str) -> Period:
    """`2026Q4` (also `2026q4`, `2026-Q4`, `2026年第四季度`), `2026H1` or `2026`; raises ValueError."""
    for pattern, kind in ((_QUARTER, "Q"), (_HALF, "H")):
        m = pattern.match(text)
        if m:
            return _make(int(m.group(1)), kind, int(m.group(2)))
    m = _QUARTER_CN.match(text)
    if m and ("季" in text or "第" in text):
        n = m.group(2)
        return _make(int(m.group(1)), "Q", _CN_DIGITS.get(n) or int(n))
    m = re.match(r"^\s*(\d{4})\s*年?度?\s*$", text)
    if m:
        return _make(int(m.group(1)), "Y", 1)
    raise ValueError(f"期次“{text}”无法识别（应写作 2026Q4，即 2026 年第四季度）")


def period_containing(day: dt.date, kind: str = "Q") -> Period:
    if kind == "Q":
        return _make(day.year, "Q", (day.month - 1) // 3 + 1)
    if kind == "H":
        return _make(day.year, "H", 1 if day.month <= 6 else 2)
    return _make(day.year, "Y", 1)


# --- colouring ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColourRule:
    """One row of the colour rule table: `indicator` having one of `values` (any value when empty)
    makes the reading `colour` (red or yellow)."""

    id: int
    colour: str
    indicator: str
    values: tuple[str, ...]
    label: str

    def fires(self, value: str) -> bool:
        return bool(value) and (not self.values or value in self.values)


@dataclass(frozen=True)
class Reading:
    colour: str
    rule: ColourRule | None
    value: str  # the indicator value that fired ("" for green)

    @property
    def rule_text(self) -> str:
        """What fired, as stored with the entry: `信访举报 待核（信访举报待核或属实）`; "" for green."""
        if self.rule is None:
            return ""
        label = BY_CODE[self.rule.indicator].label if self.rule.indicator in BY_CODE else self.rule.indicator
        shown = label if self.value == FLAG_ON else f"{label} {self.value}"
        return f"{shown}（{self.rule.label}）" if self.rule.label else shown


def order_rules(rules: Sequence[ColourRule]) -> list[ColourRule]:
    """Red rules before yellow ones, each in the table's order (`rules` comes in the table's order)."""
    return sorted(rules, key=lambda r: COLOURS.index(r.colour) if r.colour in COLOURS else 9)


def evaluate(indicators: Mapping[str, str], ordered: Sequence[ColourRule]) -> Reading:
    """The colour of one reading: the first rule that fires (`ordered` from `order_rules`), else green."""
    for rule in ordered:
        value = indicators.get(rule.indicator, "")
        if rule.fires(value):
            return Reading(rule.colour, rule, value)
    return Reading(GREEN, None, "")


def effective_colour(computed: str, override: str) -> str:
    """A 研判 override wins over the computed colour."""
    return override or computed
