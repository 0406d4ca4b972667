"""The resident ID number (GB 11643-1999): check digit, birth date and sex."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_desk.domain.idcard import IdNumberError, check_digit, make_id_number, parse_id_number


def _reference_check(first17: str) -> str:
    """GB 11643 written out independently: weight 2^(17-i) mod 11, then (12 - sum mod 11) mod 11."""
    total = sum(int(ch) * (2 ** (17 - i) % 11) for i, ch in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


@pytest.mark.parametrize(
    ("number", "birth", "male"),
    [
        ("11010519491231002X", dt.date(1949, 12, 31), False),  # the standard's own example
        ("440524188001010014", dt.date(1880, 1, 1), True),  # the other example of GB 11643
        ("110101199003070011", dt.date(1990, 3, 7), True),
    ],
)
def test_known_valid_numbers(number: str, birth: dt.date, male: bool) -> None:
    parsed = parse_id_number(number)
    assert parsed.value == number
    assert parsed.birth == birth
    assert parsed.male is male


def test_check_digit_of_known_numbers() -> None:
    assert check_digit("11010519491231002") == "X"
    assert check_digit("44052418800101001") == "4"
    assert check_digit("11010119900307001") == "1"


def test_lower_case_x_and_spaces_are_normalised() -> None:
    assert parse_id_number(" 110105 19491231 002x ").value == "11010519491231002X"
    assert parse_id_number("11010519491231002Ｘ").value == "11010519491231002X"


@pytest.mark.parametrize("last", [d for d in "0123456789X" if d != "X"])
def test_wrong_check_digit(last: str) -> None:
    with pytest.raises(IdNumberError, match=r"校验位错误（应为 X）"):
        parse_id_number("11010519491231002" + last)


@pytest.mark.parametrize("number", ["", "1101051949123100", "11010519491231002X1", "110105194912310"])
def test_wrong_length(number: str) -> None:
    with pytest.raises(IdNumberError, match=f"应为18位，现为{len(number)}位"):
        parse_id_number(number)


@pytest.mark.parametrize("number", ["1101051949123100AX", "A1010519491231002X", "11010519491231002Y"])
def test_letters(number: str) -> None:
    with pytest.raises(IdNumberError, match="前17位应为数字"):
        parse_id_number(number)


@pytest.mark.parametrize("birth", ["19490230", "19491301", "20230229", "19490000"])
def test_impossible_birth_date(birth: str) -> None:
    first17 = f"110105{birth}002"
    number = first17 + _reference_check(first17)  # a correct check digit: only the date is wrong
    with pytest.raises(IdNumberError, match="出生日期不存在"):
        parse_id_number(number)


def test_leap_day_birth_is_valid() -> None:
    number = make_id_number("110105", dt.date(2000, 2, 29), 3, male=False)
    assert parse_id_number(number).birth == dt.date(2000, 2, 29)


def test_make_id_number_sex_digit() -> None:
    assert int(make_id_number("320102", dt.date(1985, 3, 1), 12, male=True)[16]) % 2 == 1
    assert int(make_id_number("320102", dt.date(1985, 3, 1), 12, male=False)[16]) % 2 == 0


@settings(database=None)
@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_matches_the_standard(first17: str) -> None:
    assert check_digit(first17) == _reference_check(first17)


@settings(database=None)
@given(
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.integers(min_value=0, max_value=10_000),
    st.booleans(),
)
def test_made_numbers_parse_back(region: str, birth: dt.date, sequence: int, male: bool) -> None:
    number = make_id_number(region, birth, sequence, male)
    assert len(number) == 18
    parsed = parse_id_number(number)
    assert parsed.value == number
    assert parsed.birth == birth
    assert parsed.male is male
    assert parsed.value[:6] == region


@settings(database=None)
@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2010, 12, 31)),
    st.integers(min_value=0, max_value=16),
    st.integers(min_value=1, max_value=9),
)
def test_any_single_digit_change_is_caught(birth: dt.date, position: int, delta: int) -> None:
    number = make_id_number("110105", birth, 7, True)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    with pytest.raises(IdNumberError):
        parse_id_number(changed)
