"""到龄: the retirement month under the 2025 reform (national), and the leadership exit month (local ages).

The reform (全国人大常委会 2024-09-13 决定, 国务院 实施办法, in force 2025-01-01): with B the birth month as
an index (year × 12 + month − 1), A the original age, O = B + 12·A the original retirement month and
R the index of 2025-01, a cadre whose O is before R retires at O; otherwise n = O − R + 1 and the delay is
min(cap, ⌈n / step⌉) months: step 4 and cap 36 for original ages 60 and 55, step 2 and cap 60 for 50.

Original ages: men 60; women cadres 55; women 县处级 60 (the 2015 rule; how the reform treats them is not
settled, so the caller passes the age as a department setting); women workers 50. 任职年龄界限 of
63 / 65 / 66 and agreed early or late retirement are manual overrides, never computed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from cadre_desk.domain.training import COUNTY_LEVEL, rank_level
from cadre_desk.domain.yearmonth import YearMonth

REFORM_START = YearMonth(2025, 1)
ORIGINAL_AGES = (60, 55, 50)
MALE, FEMALE = "男", "女"
# (step in months of original retirement per month of delay, cap in months), by original age.
_RULES: dict[int, tuple[int, int]] = {60: (4, 36), 55: (4, 36), 50: (2, 60)}
DEFAULT_WOMEN_COUNTY_AGE = 60  # women 县处级 (and 高级职称): the 2015 rule, then the 4-month step
WOMEN_COUNTY_AGES = (60, 55)


def _index(month: YearMonth) -> int:
    return month.year * 12 + month.month - 1


def _month(index: int) -> YearMonth:
    return YearMonth(index // 12, index % 12 + 1)


@dataclass(frozen=True, slots=True)
class Retirement:
    """When a cadre reaches retirement: the month, the original age and the delay the reform adds."""

    month: YearMonth
    original_age: int
    delay_months: int

    @property
    def age_months(self) -> int:
        return self.original_age * 12 + self.delay_months

    def age_label(self) -> str:
        """`63岁`, `60岁1个月`."""
        return age_label(self.age_months)


def age_label(months: int) -> str:
    """An age in months as the department writes it: `63岁`, `60岁1个月`."""
    years, rest = divmod(months, 12)
    return f"{years}岁" if rest == 0 else f"{years}岁{rest}个月"


def delay_months(birth: YearMonth, original_age: int) -> int:
    """The months the reform adds for someone born in `birth` with `original_age` (60, 55 or 50)."""
    if original_age not in _RULES:
        raise ValueError(f"original age {original_age} is not one of {ORIGINAL_AGES}")
    step, cap = _RULES[original_age]
    original = _index(birth) + 12 * original_age
    start = _index(REFORM_START)
    if original < start:
        return 0
    n = original - start + 1
    return min(cap, -(-n // step))


def retirement(birth: YearMonth, original_age: int) -> Retirement:
    """The retirement month of someone born in `birth` whose original retirement age is `original_age`."""
    delay = delay_months(birth, original_age)
    month = _month(_index(birth) + 12 * original_age + delay)
    return Retirement(month=month, original_age=original_age, delay_months=delay)


def original_age(gender: str, rank: str, women_county_age: int = DEFAULT_WOMEN_COUNTY_AGE) -> int:
    """The original retirement age of a cadre: men 60; women 县处级 `women_county_age`; other women 55."""
    if gender.strip() != FEMALE:
        return 60
    if rank_level(rank) == COUNTY_LEVEL:
        return women_county_age
    return 55


def months_between(start: YearMonth, end: YearMonth) -> int:
    """Whole months from `start` to `end` (negative when `end` is earlier)."""
    return _index(end) - _index(start)


# 退出领导岗位: the local exit ages apply to posts at these levels (正职 / 副职 of a leadership team).
LEAD_PRINCIPAL, LEAD_DEPUTY = "正职", "副职"
_PRINCIPAL_RANKS = frozenset({"正科级", "正处级", "正厅级"})
_DEPUTY_RANKS = frozenset({"副科级", "副处级", "副厅级"})


def leadership_level(rank: str) -> str | None:
    """`正职`, `副职` or None (not a leadership rank) for a rank as the profile stores it."""
    value = rank.strip()
    if value in _PRINCIPAL_RANKS:
        return LEAD_PRINCIPAL
    if value in _DEPUTY_RANKS:
        return LEAD_DEPUTY
    return None


def exit_month(birth: YearMonth, exit_age: int) -> YearMonth:
    """The month a cadre reaches a leadership exit age (the month of the birthday)."""
    return _month(_index(birth) + 12 * exit_age)
