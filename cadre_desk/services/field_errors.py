"""Collecting problems field by field: errors (the value is refused) and doubts (a problem a person
can correct later: the editor refuses it, an import keeps the value and records it as 待核实), and the
maximum length of a column. The rules themselves are in `cadre_rules`; `validation` is the entry point.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth, parse_date
from cadre_desk.errors import Message, ValidationError

# Characters no engine stores as text (NUL) or that no one types: C0 controls but tab and line ends,
# DEL, and lone surrogates (not encodable as UTF-8).
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def max_length(column: Any) -> int:
    """The most characters a mapped column takes (0: unbounded).

    `String(n)` → n; a `Text` column → its `info["max_length"]`.
    """
    col = column.property.columns[0] if hasattr(column, "property") else column
    length = getattr(col.type, "length", None)
    if length:
        return int(length)
    return int(col.info.get("max_length", 0))


@dataclass(frozen=True)
class Problem:
    """A correctable problem (待核实): `field` as the error keys name it (`id_number`, `family[2].birth`).

    `involves` are the other fields the problem depends on (birth month vs ID number). `as_read` marks a
    problem about text that could not be kept as written (an unreadable date, a cut value): it stays
    until the staff edit the field, while other problems are re-checked on every save.
    """

    field: str
    message: str
    involves: tuple[str, ...] = ()
    as_read: bool = False

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.field, *self.involves)


class FieldErrors:
    """Collects one message per field; `raise_if_any` raises a single `ValidationError`.

    With `lenient=True`, correctable problems (`doubt`) are collected in `doubts` instead of `errors`.
    """

    def __init__(self, lenient: bool = False, importing: bool = False) -> None:
        self.errors: dict[str, str] = {}
        self.doubts: dict[str, Problem] = {}
        self.lenient = lenient or importing
        # An import keeps what it can: text too long for its column is cut (a doubt, not an error).
        self.importing = importing

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def doubt(self, field: str, message: str, involves: Iterable[str] = (), as_read: bool = False) -> None:
        """A problem a person can correct later: an error in the editor, a 待核实 warning in imports."""
        if self.lenient:
            self.doubts.setdefault(field, Problem(field, message, tuple(involves), as_read))
        else:
            self.add(field, message)

    def __contains__(self, field: str) -> bool:
        return field in self.errors or field in self.doubts

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def text(
        self,
        field: str,
        value: str,
        label: str,
        required: bool = False,
        max_len: int = 0,
        column: Any = None,
    ) -> str:
        """Stripped text; `column` (a mapped attribute) gives the maximum length."""
        cleaned = value.strip() if isinstance(value, str) else ("" if value is None else str(value).strip())
        if column is not None:
            max_len = max_length(column)
        if CONTROL_CHARS.search(cleaned):
            if self.importing:
                self.doubt(field, f"{label}含有不可见的控制字符，已删除", as_read=True)
                cleaned = CONTROL_CHARS.sub("", cleaned).strip()
            else:
                self.add(field, f"{label}含有不可见的控制字符，请删除")
        if required and not cleaned:
            self.add(field, Message("required", "请填写{label}", label=label))
        if max_len and len(cleaned) > max_len:
            message = Message(
                "too_long",
                "{label}不能超过{max_len}个字（现为{length}个）",
                label=label,
                max_len=max_len,
                length=len(cleaned),
            )
            if self.importing:
                self.doubt(field, f"{label}过长（{len(cleaned)}个字），只保留了前{max_len}个字", as_read=True)
                return cleaned[:max_len]
            self.add(field, message)
        return cleaned

    def choice(
        self, field: str, value: str, label: str, choices: tuple[str, ...], required: bool = True
    ) -> str:
        cleaned = value.strip()
        if not cleaned:
            if required:
                self.add(field, Message("choose", "请选择{label}", label=label))
            return cleaned
        if cleaned not in choices:
            self.add(
                field,
                Message(
                    "not_a_choice",
                    "{label}“{value}”不在可选范围内（{choices}）",
                    label=label,
                    value=cleaned,
                    choices="、".join(choices),
                ),
            )
        return cleaned

    def code(
        self, field: str, value: str | None, label: str, list_name: str, column: Any, required: bool = False
    ) -> str:
        """A value of a code list in any spelling → its canonical value; an unknown one is a doubt."""
        # Control characters and the column's length first: no message may quote what cannot be stored.
        cleaned = self.text(field, vocab.normalise_code(list_name, value or ""), label, column=column)
        if not cleaned:
            if required:
                self.add(field, Message("choose", "请选择{label}", label=label))
            return cleaned
        choices = vocab.code_list(list_name)
        if cleaned not in choices:
            shown = "、".join(choices) if len(choices) <= 20 else "、".join(choices[:12]) + " 等"
            self.doubt(
                field,
                Message(
                    "not_a_choice",
                    "{label}“{value}”不在可选范围内（{choices}）",
                    label=label,
                    value=cleaned[:30],
                    choices=shown,
                ),
            )
        return cleaned

    def year_month(
        self,
        field: str,
        value: YearMonth | str | None,
        label: str,
        required: bool = False,
        today: dt.date | None = None,
        involves: Iterable[str] = (),
    ) -> YearMonth | None:
        if isinstance(value, str):
            try:
                value = YearMonth.parse_optional(value)
            except DateFormatError as exc:
                if required:
                    self.add(field, Message("bad_date", "{label}：{problem}", label=label, problem=str(exc)))
                else:
                    self.doubt(
                        field, f"{label}：{exc}" + ("（该项暂空）" if self.importing else ""), as_read=True
                    )
                return None
        if value is None:
            if required:
                self.add(field, Message("required", "请填写{label}", label=label))
            return None
        now = YearMonth.from_date(today or dt.date.today())
        if value > now:
            self.doubt(
                field,
                Message("future_month", "{label}（{value}）不能晚于当前年月", label=label, value=str(value)),
                involves,
            )
        return value

    def date(
        self,
        field: str,
        value: dt.date | str | None,
        label: str,
        required: bool = False,
        allow_future: bool = False,
        today: dt.date | None = None,
    ) -> dt.date | None:
        if isinstance(value, str):
            if not value.strip():
                value = None
            else:
                try:
                    value = parse_date(value)
                except DateFormatError as exc:
                    self.doubt(
                        field,
                        Message("bad_date", "{label}：{problem}", label=label, problem=str(exc)),
                        as_read=True,
                    )
                    return None
        if value is None:
            if required:
                self.add(field, Message("required", "请填写{label}", label=label))
            return None
        if not allow_future and value > (today or dt.date.today()):
            self.doubt(
                field,
                Message(
                    "future_date", "{label}（{value}）不能晚于今天", label=label, value=f"{value:%Y.%m.%d}"
                ),
            )
        return value

    def number(self, field: str, value: float | str | None, label: str) -> float:
        """A non-negative number (学时, 天数) as typed; blank is 0."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return 0.0
        try:
            number = float(value)
        except ValueError:
            self.add(field, f"{label}应为数字")
            return 0.0
        if number < 0 or not math.isfinite(number):
            self.add(field, f"{label}不能为负数" if number < 0 else f"{label}应为数字")
            return 0.0
        return number
