"""Collecting field errors (Chinese messages) and parsing the values staff type."""

from __future__ import annotations

import datetime as dt

from cadre_desk.domain.yearmonth import DateFormatError, YearMonth, parse_date
from cadre_desk.errors import Message, ValidationError


class FieldErrors:
    """Collects one message per field; `raise_if_any` raises a single `ValidationError`."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def __contains__(self, field: str) -> bool:
        return field in self.errors

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def text(self, field: str, value: str, label: str, required: bool = False, max_len: int = 0) -> str:
        cleaned = value.strip()
        if required and not cleaned:
            self.add(field, Message("required", "请填写{label}", label=label))
        if max_len and len(cleaned) > max_len:
            self.add(
                field,
                Message(
                    "too_long",
                    "{label}不能超过{max_len}个字（现为{length}个）",
                    label=label,
                    max_len=max_len,
                    length=len(cleaned),
                ),
            )
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

    def year_month(
        self,
        field: str,
        value: YearMonth | str | None,
        label: str,
        required: bool = False,
        today: dt.date | None = None,
    ) -> YearMonth | None:
        if isinstance(value, str):
            try:
                value = YearMonth.parse_optional(value)
            except DateFormatError as exc:
                self.add(field, Message("bad_date", "{label}：{problem}", label=label, problem=str(exc)))
                return None
        if value is None:
            if required:
                self.add(field, Message("required", "请填写{label}", label=label))
            return None
        now = YearMonth.from_date(today or dt.date.today())
        if value > now:
            self.add(
                field,
                Message("future_month", "{label}（{value}）不能晚于当前年月", label=label, value=str(value)),
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
                    self.add(field, Message("bad_date", "{label}：{problem}", label=label, problem=str(exc)))
                    return None
        if value is None:
            if required:
                self.add(field, Message("required", "请填写{label}", label=label))
            return None
        if not allow_future and value > (today or dt.date.today()):
            self.add(
                field,
                Message(
                    "future_date", "{label}（{value}）不能晚于今天", label=label, value=f"{value:%Y.%m.%d}"
                ),
            )
        return value
