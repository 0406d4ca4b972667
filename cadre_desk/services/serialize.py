"""DTOs to JSON-ready values: the stable field names of `--json` output and exchange files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from cadre_desk.domain.yearmonth import YearMonth


def to_jsonable(value: Any) -> Any:
    """Dataclasses become dicts (field names kept), YearMonth `YYYY.MM`, dates ISO, tuples lists."""
    if isinstance(value, YearMonth):  # before the dataclass case: YearMonth is one
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value
