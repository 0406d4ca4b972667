"""The 2025 retirement formula against an independent month-by-month walk and the note's examples."""

from __future__ import annotations

import pytest

from cadre_desk.domain.retirement import (
    age_label,
    exit_month,
    leadership_level,
    original_age,
    retirement,
)
from cadre_desk.domain.yearmonth import YearMonth

STEP_CAP = {60: (4, 36), 55: (4, 36), 50: (2, 60)}


def _next(ym: tuple[int, int]) -> tuple[int, int]:
    year, month = ym
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _walk(birth: tuple[int, int], age: int) -> tuple[tuple[int, int], int]:
    """The reform read literally: from 2025.01, every `step` months of original retirement months the
    delay grows by one month, up to the cap; then the delay is counted off a month at a time."""
    step, cap = STEP_CAP[age]
    original = (birth[0] + age, birth[1])
    delay = 0
    if original >= (2025, 1):
        month, seen = (2025, 1), 0
        while month <= original:
            if seen % step == 0:
                delay += 1
            seen += 1
            month = _next(month)
        delay = min(delay, cap)
    result = original
    for _ in range(delay):
        result = _next(result)
    return result, delay


@pytest.mark.parametrize("age", [60, 55, 50])
def test_every_birth_month_1955_to_1995_matches_the_month_by_month_walk(age: int) -> None:
    for year in range(1955, 1996):
        for month in range(1, 13):
            got = retirement(YearMonth(year, month), age)
            (want_year, want_month), want_delay = _walk((year, month), age)
            assert (got.month.year, got.month.month, got.delay_months) == (
                want_year,
                want_month,
                want_delay,
            ), (
                year,
                month,
                age,
            )
            assert got.original_age == age


@pytest.mark.parametrize(
    ("birth", "age", "month", "label"),
    [
        ("1965.01", 60, "2025.02", "60岁1个月"),
        ("1966.03", 60, "2026.07", "60岁4个月"),
        ("1976.09", 60, "2039.09", "63岁"),
        ("1970.01", 55, "2025.02", "55岁1个月"),
        ("1981.09", 55, "2039.09", "58岁"),
        ("1975.03", 50, "2025.05", "50岁2个月"),
        ("1984.11", 50, "2039.11", "55岁"),
        ("1964.12", 60, "2024.12", "60岁"),  # before the reform: no delay
    ],
)
def test_examples_of_the_shared_note(birth: str, age: int, month: str, label: str) -> None:
    result = retirement(YearMonth.parse(birth), age)
    assert str(result.month) == month
    assert result.age_label() == label


def test_caps_stop_the_delay() -> None:
    assert retirement(YearMonth(1995, 6), 60).delay_months == 36
    assert retirement(YearMonth(1995, 6), 50).delay_months == 60
    with pytest.raises(ValueError):
        retirement(YearMonth(1980, 1), 58)


def test_original_age_from_gender_and_level() -> None:
    assert original_age("男", "科员") == 60
    assert original_age("女", "正科级") == 55
    assert original_age("女", "副处级") == 60
    assert original_age("女", "四级调研员", women_county_age=55) == 55
    assert original_age("男", "正处级", women_county_age=55) == 60


def test_leadership_exit_and_labels() -> None:
    assert leadership_level("正科级") == "正职"
    assert leadership_level("副处级") == "副职"
    assert leadership_level("一级主任科员") is None
    assert str(exit_month(YearMonth(1968, 7), 58)) == "2026.07"
    assert age_label(12 * 63) == "63岁"
    assert age_label(12 * 60 + 11) == "60岁11个月"
