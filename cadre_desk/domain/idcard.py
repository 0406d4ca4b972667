"""The resident ID card number (GB 11643-1999): check digit, embedded birth date and sex."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


class IdNumberError(ValueError):
    """Raised with a Chinese message for the field."""


@dataclass(frozen=True, slots=True)
class IdNumber:
    value: str
    birth: dt.date
    male: bool


def check_digit(first17: str) -> str:
    total = sum(int(ch) * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalise(text: str) -> str:
    return text.strip().replace(" ", "").upper().replace("Ｘ", "X")


def parse_id_number(text: str) -> IdNumber:
    """Validate an 18-character number; raise `IdNumberError` naming what is wrong."""
    value = normalise(text)
    if len(value) != 18:
        raise IdNumberError(f"身份证号应为18位，现为{len(value)}位")
    if not _SHAPE.match(value):
        raise IdNumberError("身份证号前17位应为数字，末位为数字或X")
    expected = check_digit(value[:17])
    if value[17] != expected:
        raise IdNumberError(f"身份证号校验位错误（应为 {expected}）")
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise IdNumberError("身份证号中的出生日期不存在") from None
    return IdNumber(value=value, birth=birth, male=int(value[16]) % 2 == 1)


def make_id_number(region: str, birth: dt.date, sequence: int, male: bool) -> str:
    """Build a valid number (demo data, tests): region 6 digits, sequence 0–99 plus a sex digit."""
    sex_digit = (sequence % 5) * 2 + (1 if male else 0)
    first17 = f"{region}{birth:%Y%m%d}{sequence % 100:02d}{sex_digit}"
    return first17 + check_digit(first17)
