"""`YearMonth`: the year-and-month dates of the appointment form (`1985.03`), and full dates.

Staff write a month in many ways; `YearMonth.parse` accepts the usual ones and rejects the rest with a
Chinese message. Stored as the integer `YYYYMM`, shown as `YYYY.MM`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering

MIN_YEAR = 1900
MAX_YEAR = 2100

_YM_PATTERNS = (
    re.compile(r"^(\d{4})\s*[.\-/．。]\s*(\d{1,2})$"),  # 1985.03  1985.3  1985-03  1985/3
    re.compile(r"^(\d{4})(\d{2})$"),  # 198503
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月?$"),  # 1985年3月
)
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})\s*[.\-/．]\s*(\d{1,2})\s*[.\-/．]\s*(\d{1,2})$"),  # 2024.05.17  2024-5-17
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),  # 20240517
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),  # 2024年5月17日
)


class DateFormatError(ValueError):
    """Raised with a Chinese message the UI can show next to the field."""


@total_ordering
@dataclass(frozen=True, slots=True)
class YearMonth:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise DateFormatError(f"年份 {self.year} 不在 {MIN_YEAR}–{MAX_YEAR} 之间")
        if not 1 <= self.month <= 12:
            raise DateFormatError(f"月份 {self.month} 不存在（应为 1–12）")

    @classmethod
    def parse(cls, text: str) -> YearMonth:
        """Parse `1985.03`, `1985.3`, `1985-03`, `198503`, `1985年3月`; raise `DateFormatError`."""
        cleaned = text.strip()
        for pattern in _YM_PATTERNS:
            match = pattern.match(cleaned)
            if match:
                return cls(int(match.group(1)), int(match.group(2)))
        raise DateFormatError(f"“{text}”不是有效的年月，请写成 1985.03 这样的形式")

    @classmethod
    def parse_optional(cls, text: str | None) -> YearMonth | None:
        if text is None or not text.strip():
            return None
        return cls.parse(text)

    @classmethod
    def from_int(cls, value: int) -> YearMonth:
        return cls(value // 100, value % 100)

    @classmethod
    def from_date(cls, value: dt.date) -> YearMonth:
        return cls(value.year, value.month)

    def to_int(self) -> int:
        return self.year * 100 + self.month

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return self.add_months(1).first_day() - dt.timedelta(days=1)

    def months_until(self, other: YearMonth) -> int:
        """Whole months from self to other (negative if other is earlier)."""
        return (other.year - self.year) * 12 + (other.month - self.month)

    def add_months(self, months: int) -> YearMonth:
        index = self.year * 12 + (self.month - 1) + months
        return YearMonth(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}.{self.month:02d}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, YearMonth):
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)


def age_at(birth: YearMonth, ref: YearMonth | dt.date) -> int:
    """Full years at `ref`, at month granularity as the form computes it."""
    ref_ym = ref if isinstance(ref, YearMonth) else YearMonth.from_date(ref)
    return ref_ym.year - birth.year - (1 if ref_ym.month < birth.month else 0)


def year_term_end(start: dt.date) -> dt.date:
    """The last day of a one-year term from `start`, both days counted: 2026.06.15 → 2027.06.14. A term
    from 2.29 ends on 2.28 of the next year (its anniversary, 3.1, is the first day after it)."""
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:  # 2.29, and the next year is not a leap year
        anniversary = dt.date(start.year + 1, 3, 1)
    return anniversary - dt.timedelta(days=1)


def parse_date(text: str) -> dt.date:
    """Parse `2024.05.17`, `2024-05-17`, `20240517`, `2024年5月17日`; raise `DateFormatError`."""
    cleaned = text.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(cleaned)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                value = dt.date(year, month, day)
            except ValueError:
                raise DateFormatError(f"“{text}”不是存在的日期") from None
            if not MIN_YEAR <= value.year <= MAX_YEAR:
                raise DateFormatError(f"年份 {value.year} 不在 {MIN_YEAR}–{MAX_YEAR} 之间")
            return value
    raise DateFormatError(f"“{text}”不是有效的日期，请写成 2024.05.17 这样的形式")


# A year-month at the start of a text, as staff write it before an item (奖惩: `2019.12 被…`).
LEADING_YEAR_MONTH = re.compile(r"^\s*(\d{4})\s*(?:[.．\-/]\s*(\d{1,2})|年\s*(\d{1,2})\s*月)")


def starts_with_year_month(text: str) -> bool:
    """Whether `text` begins with a year-month (`2019.12`, `2019-12`, `2019年12月`)."""
    return LEADING_YEAR_MONTH.match(text) is not None


def parse_date_or_month(text: str, end: bool = False) -> dt.date:
    """A full date (`2024.05.17`), or a year-month (`2024.05`) meaning its first day, or its last day
    when `end` (the end of a range: `--to 2024.12` is 2024.12.31); raise `DateFormatError`."""
    try:
        return parse_date(text)
    except DateFormatError as not_a_date:
        try:
            month = YearMonth.parse(text)
        except DateFormatError:
            raise not_a_date from None
        return month.last_day() if end else month.first_day()


def format_date(value: dt.date | None) -> str:
    return "" if value is None else f"{value.year:04d}.{value.month:02d}.{value.day:02d}"
