"""Training compliance (national: 干部教育培训工作条例, 2023; 全国干部教育培训规划 2023—2027).

| group | requirement | window |
| 县处级 leaders, 四级调研员 and above | ≥ 550 学时, or ≥ 3 months (90 days) 脱产 | every 5 years |
| 乡科级 leaders, 一级主任科员 and below | ≥ 90 学时, or ≥ 12 days of 集中培训 | every year |
Either measure satisfies the rule; online learning (≥ 50 学时 a year) is counted apart and does not count
towards 集中培训. Days ↔ 学时 conversion is local (the caller passes `day_hours`): a record with only days
counts days × day_hours 学时, one with only 学时 counts 学时 / day_hours days.

The 5-year window is the plan period (2023–2027, then 2028–2032 …) by default, or the 5 years ending
with the year asked for (rolling).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from cadre_desk.domain.training import COUNTY_LEVEL, rank_level

COUNTY, TOWNSHIP = "县处级", "乡科级"
COUNTY_HOURS, COUNTY_DAYS, COUNTY_YEARS = 550.0, 90.0, 5
TOWNSHIP_HOURS, TOWNSHIP_DAYS = 90.0, 12.0
ONLINE_HOURS = 50.0  # a year
ONLINE_KINDS = frozenset({"网络学习", "网络培训"})
DEFAULT_PLAN_START = 2023


@lru_cache(maxsize=256)
def level(rank: str) -> str:
    """`县处级` or `乡科级` (乡科级 and below) for a rank as the profile stores it."""
    return COUNTY if rank_level(rank) == COUNTY_LEVEL else TOWNSHIP


@dataclass(frozen=True, slots=True)
class Window:
    first: int  # first year (inclusive)
    last: int  # last year (inclusive)

    def label(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"

    def contains(self, year: int) -> bool:
        return self.first <= year <= self.last

    @property
    def years(self) -> int:
        return self.last - self.first + 1


@lru_cache(maxsize=256)
def window(level_: str, year: int, plan_start: int = DEFAULT_PLAN_START, rolling: bool = False) -> Window:
    """The years whose training counts for a cadre of `level_` asked about in `year`."""
    if level_ != COUNTY:
        return Window(year, year)
    if rolling:
        return Window(year - COUNTY_YEARS + 1, year)
    first = plan_start + ((year - plan_start) // COUNTY_YEARS) * COUNTY_YEARS
    return Window(first, first + COUNTY_YEARS - 1)


@dataclass(frozen=True, slots=True)
class Record:
    """One training record as compliance reads it."""

    year: int | None  # the year of the start (else the end) date; None: undated, not counted
    kind: str
    hours: float
    days: float
    full_time: bool  # 脱产


@dataclass(frozen=True, slots=True)
class Compliance:
    level: str
    window: Window
    required_hours: float
    required_days: float
    done_hours: float
    done_days: float
    online_hours: float  # in the last year of the window
    required_online: float

    @property
    def met(self) -> bool:
        return self.done_hours >= self.required_hours or self.done_days >= self.required_days

    @property
    def shortfall_hours(self) -> float:
        return 0.0 if self.met else round(self.required_hours - self.done_hours, 1)

    @property
    def shortfall_days(self) -> float:
        return 0.0 if self.met else round(self.required_days - self.done_days, 1)

    @property
    def online_met(self) -> bool:
        return self.online_hours >= self.required_online


def _hours(r: Record, day_hours: float) -> float:
    return r.hours if r.hours > 0 else r.days * day_hours


def _days(r: Record, day_hours: float) -> float:
    return r.days if r.days > 0 else r.hours / day_hours


def assess(
    rank: str,
    records: Iterable[Record],
    year: int,
    day_hours: float = 6.0,
    plan_start: int = DEFAULT_PLAN_START,
    rolling: bool = False,
) -> Compliance:
    """How a cadre of `rank` with `records` stands in the window of `year`."""
    lvl = level(rank)
    win = window(lvl, year, plan_start, rolling)
    hours = days = online = 0.0
    for r in records:
        if r.year is None or not win.contains(r.year):
            continue
        if r.kind in ONLINE_KINDS:
            if r.year == win.last:
                online += _hours(r, day_hours)
            continue
        hours += _hours(r, day_hours)
        if lvl != COUNTY or r.full_time:  # the 3 months of 县处级 are 脱产
            days += _days(r, day_hours)
    return from_totals(lvl, win, hours, days, online)


# One cadre's training summed both ways a window can be read (the database sums them, see
# `services.compliance`), in this order: over the 5-year window of 县处级 and over the year asked for
# (乡科级). Each record counts its 学时 (else days × day_hours) and its days (else 学时 / day_hours), as
# in `assess`; online kinds apart, in the window's last year only.
TOTALS = (
    "county_hours",  # not online, in the 5-year window
    "county_days",  # not online, 脱产, in the 5-year window
    "county_online",  # online, in the last year of the 5-year window
    "year_hours",  # not online, in the year
    "year_days",  # not online, in the year
    "year_online",  # online, in the year
)


def assess_totals(
    rank: str,
    totals: Sequence[float],
    year: int,
    plan_start: int = DEFAULT_PLAN_START,
    rolling: bool = False,
) -> Compliance:
    """`assess` for a cadre whose records were summed into `totals` (see TOTALS): the same result."""
    lvl = level(rank)
    win = window(lvl, year, plan_start, rolling)
    if lvl == COUNTY:
        return from_totals(lvl, win, totals[0], totals[1], totals[2])
    return from_totals(lvl, win, totals[3], totals[4], totals[5])


@lru_cache(maxsize=4096)  # results are values: cadres with the same sums share one
def from_totals(lvl: str, win: Window, hours: float, days: float, online: float) -> Compliance:
    """The result of a cadre of level `lvl` with these sums over `win`."""
    if lvl == COUNTY:
        need_hours, need_days = COUNTY_HOURS, COUNTY_DAYS
    else:
        need_hours, need_days = TOWNSHIP_HOURS, TOWNSHIP_DAYS
    return Compliance(
        lvl, win, need_hours, need_days, round(hours, 1), round(days, 1), round(online, 1), ONLINE_HOURS
    )
