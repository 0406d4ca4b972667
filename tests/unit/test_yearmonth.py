"""YearMonth and full dates: the forms staff type, the ones refused, ages at month granularity."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_desk.domain.yearmonth import (
    MAX_YEAR,
    MIN_YEAR,
    DateFormatError,
    YearMonth,
    age_at,
    format_date,
    parse_date,
    parse_date_or_month,
    year_term_end,
)

year_months = st.builds(
    YearMonth, st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR), st.integers(min_value=1, max_value=12)
)


@pytest.mark.parametrize(
    "text",
    ["1985.03", "1985.3", "1985-03", "1985-3", "198503", "1985年3月", "1985年03月", "1985/3", " 1985.03 "],
)
def test_accepted_forms_normalise(text: str) -> None:
    ym = YearMonth.parse(text)
    assert ym == YearMonth(1985, 3)
    assert str(ym) == "1985.03"
    assert ym.to_int() == 198503


@pytest.mark.parametrize(
    "text", ["1985.13", "八五年", "1985", "85.03", "1985.00", "", "   ", "1985.3.1", "abc"]
)
def test_rejected_forms(text: str) -> None:
    with pytest.raises(DateFormatError) as info:
        YearMonth.parse(text)
    message = str(info.value)
    assert message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), f"message should be Chinese: {message!r}"


def test_rejection_messages_name_the_problem() -> None:
    with pytest.raises(DateFormatError, match="月份 13 不存在"):
        YearMonth.parse("1985.13")
    with pytest.raises(DateFormatError, match="月份 0 不存在"):
        YearMonth.parse("1985.00")
    with pytest.raises(DateFormatError, match="不是有效的年月"):
        YearMonth.parse("八五年")


def test_year_out_of_range_is_rejected() -> None:
    with pytest.raises(DateFormatError, match="年份"):
        YearMonth.parse("1899.12")
    with pytest.raises(DateFormatError, match="年份"):
        YearMonth(2101, 1)


def test_parse_optional() -> None:
    assert YearMonth.parse_optional(None) is None
    assert YearMonth.parse_optional("  ") is None
    assert YearMonth.parse_optional("2001.9") == YearMonth(2001, 9)
    with pytest.raises(DateFormatError):
        YearMonth.parse_optional("2001.19")


def test_month_arithmetic() -> None:
    assert YearMonth(2008, 7).months_until(YearMonth(2011, 9)) == 38
    assert YearMonth(2011, 9).months_until(YearMonth(2008, 7)) == -38
    assert YearMonth(2023, 11).add_months(3) == YearMonth(2024, 2)
    assert YearMonth(2024, 2).add_months(-2) == YearMonth(2023, 12)
    assert YearMonth(1985, 3).first_day() == dt.date(1985, 3, 1)
    assert YearMonth.from_date(dt.date(2024, 5, 17)) == YearMonth(2024, 5)


@settings(database=None)
@given(year_months)
def test_text_and_int_round_trip(ym: YearMonth) -> None:
    assert YearMonth.parse(str(ym)) == ym
    assert YearMonth.from_int(ym.to_int()) == ym
    assert len(str(ym)) == 7


@settings(database=None)
@given(year_months, year_months)
def test_ordering_matches_year_then_month(a: YearMonth, b: YearMonth) -> None:
    key_a, key_b = (a.year, a.month), (b.year, b.month)
    assert (a < b) == (key_a < key_b)
    assert (a <= b) == (key_a <= key_b)
    assert (a > b) == (key_a > key_b)
    assert (a >= b) == (key_a >= key_b)
    assert (a == b) == (key_a == key_b)
    assert (a < b) == (a.to_int() < b.to_int())  # the stored integer sorts the same way
    assert (a.months_until(b) > 0) == (a < b)


@settings(database=None)
@given(year_months, st.integers(min_value=-600, max_value=600))
def test_add_months_is_inverse_of_months_until(ym: YearMonth, months: int) -> None:
    try:
        later = ym.add_months(months)
    except DateFormatError:
        return  # left the supported range
    assert ym.months_until(later) == months


def test_age_at_month_granularity() -> None:
    born = YearMonth.parse("1985.03")
    assert age_at(born, YearMonth(2026, 2)) == 40
    assert age_at(born, YearMonth(2026, 3)) == 41
    assert age_at(born, dt.date(2026, 2, 28)) == 40
    assert age_at(born, dt.date(2026, 3, 1)) == 41
    assert age_at(born, YearMonth(1985, 3)) == 0


@pytest.mark.parametrize(
    "text", ["2024.05.17", "2024-05-17", "2024-5-17", "2024/5/17", "20240517", "2024年5月17日", "2024年5月17"]
)
def test_parse_date_forms(text: str) -> None:
    assert parse_date(text) == dt.date(2024, 5, 17)


def test_parse_date_leap_days() -> None:
    assert parse_date("2024.02.29") == dt.date(2024, 2, 29)
    with pytest.raises(DateFormatError, match="不是存在的日期"):
        parse_date("2023.02.29")
    with pytest.raises(DateFormatError, match="不是存在的日期"):
        parse_date("2024.04.31")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2026, 6, 15), dt.date(2027, 6, 14)),
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        (dt.date(2026, 12, 31), dt.date(2027, 12, 30)),
        (dt.date(2027, 2, 28), dt.date(2028, 2, 27)),
        (dt.date(2027, 3, 1), dt.date(2028, 2, 29)),
        (dt.date(2028, 2, 28), dt.date(2029, 2, 27)),
        (dt.date(2028, 2, 29), dt.date(2029, 2, 28)),  # was a ValueError (date.replace(year=2029))
    ],
)
def test_a_one_year_term_ends_the_day_before_its_anniversary(start: dt.date, end: dt.date) -> None:
    assert year_term_end(start) == end


@given(st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(MAX_YEAR - 1, 12, 31)))
def test_a_one_year_term_lasts_a_year(start: dt.date) -> None:
    end = year_term_end(start)
    assert 364 <= (end - start).days <= 365 and end.month in (start.month, start.month - 1, 12)


@pytest.mark.parametrize("text", ["", "2024.05", "2024.13.01", "17.05.2024", "昨天", "1899.12.31"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_date(text)


def test_format_date() -> None:
    assert format_date(dt.date(2024, 5, 7)) == "2024.05.07"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024.01", dt.date(2024, 1, 1), dt.date(2024, 1, 31)),
        ("2024.02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2024年12月", dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
        ("2024.05.17", dt.date(2024, 5, 17), dt.date(2024, 5, 17)),  # a full date is itself either way
    ],
)
def test_a_range_bound_may_be_a_year_month(text: str, start: dt.date, end: dt.date) -> None:
    assert parse_date_or_month(text) == start
    assert parse_date_or_month(text, end=True) == end


def test_a_range_bound_that_is_neither_says_how_to_write_a_date() -> None:
    with pytest.raises(DateFormatError, match=r"2024\.05\.17"):
        parse_date_or_month("2024.13")
    with pytest.raises(DateFormatError):
        parse_date_or_month("yesterday")
