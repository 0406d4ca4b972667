"""Checking an exchange package's records before anything is written: their shape, the type and length
of every field (as the columns allow), and the rules the services apply to the same data typed in.

A forged record with a recomputed hash passes the package's own checksum, so a package is validated like
any other input; a record that breaks a rule refuses the whole package with a message naming it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import Session

from cadre_desk.db.base import UTCDateTime, YearMonthType
from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth
from cadre_desk.errors import ValidationError
from cadre_desk.services import cadres, validation

UID = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]{0,35}")
SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_INT = 2**63 - 1
# Columns whose values drive a workflow: only the codes the services know.
CODES: dict[tuple[str, str], tuple[str, ...]] = {
    ("talk", "kind"): tuple(vocab.TalkKind),
    ("mentorship", "status"): tuple(vocab.MentorshipStatus),
    ("diary_entry", "state"): tuple(vocab.DiaryState),
}


def shape_problem(item: object) -> str | None:
    """What is wrong with the shape of one record (`{"uid", "hash", "base", "fields", "refs"}`)."""
    if not isinstance(item, dict):
        return "记录不是对象"
    uid = item.get("uid")
    if not isinstance(uid, str) or not UID.fullmatch(uid):
        return f"记录编号（uid）无效：{str(uid)[:40]!r}"
    if not isinstance(item.get("hash"), str) or not SHA256.fullmatch(item["hash"]):
        return f"记录 {uid} 的校验值无效"
    base = item.get("base")
    if base is not None and (not isinstance(base, str) or not SHA256.fullmatch(base)):
        return f"记录 {uid} 的 base 无效"
    if not isinstance(item.get("fields"), dict):
        return f"记录 {uid} 的 fields 应为对象"
    refs = item.get("refs")
    if not isinstance(refs, dict) or not all(v is None or isinstance(v, str) for v in refs.values()):
        return f"记录 {uid} 的 refs 应为对象，值为记录编号"
    return None


def field_problem(col: Any, value: Any) -> str | None:
    """Whether `value` (as JSON gives it) fits the column: type, format, length, nullability."""
    if value is None:
        return None if col.nullable else "不能为空"
    kind = col.type
    if isinstance(kind, YearMonthType):
        if type(value) is not int:
            return f"应为年月（YYYYMM），不是 {value!r:.40}"
        try:
            YearMonth.from_int(value)
        except (DateFormatError, ValueError, OverflowError) as exc:
            return f"年月 {value} 无效（{exc}）"
        return None
    if isinstance(kind, UTCDateTime | DateTime | Date):
        parse = dt.date.fromisoformat if isinstance(kind, Date) else dt.datetime.fromisoformat
        try:
            if not isinstance(value, str):
                raise TypeError
            parse(value)
        except (TypeError, ValueError):
            return f"应为 ISO 格式的{'日期' if isinstance(kind, Date) else '时间'}，不是 {value!r:.40}"
        return None
    if isinstance(kind, LargeBinary):
        return None if isinstance(value, str) and SHA256.fullmatch(value) else "应为 SHA-256 校验值"
    if isinstance(kind, Boolean):
        return None if type(value) is bool else f"应为 true/false，不是 {value!r:.40}"
    if isinstance(kind, Integer):
        if type(value) is not int or abs(value) > MAX_INT:
            return f"应为整数，不是 {value!r:.40}"
        return None
    if isinstance(kind, String):
        if not isinstance(value, str):
            return f"应为文字，不是 {value!r:.40}"
        if kind.length and len(value) > kind.length:
            return f"超过 {kind.length} 个字（现为 {len(value)} 个）"
        if "\x00" in value:
            return "含有不允许的控制字符"
        return None
    if isinstance(kind, JSON):
        return None
    return None


def cadre_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The package's cadre fields as an import hands them to the services (year-months as values; the
    unit is resolved apart, from the package's references)."""
    values: dict[str, Any] = {}
    for name in cadres.EDITABLE:
        if name == "unit_id":
            continue
        value = fields.get(name)
        if name in ("birth", "party_join", "work_start", "post_since", "rank_since"):
            values[name] = None if value is None else YearMonth.from_int(value)
        else:
            values[name] = "" if value is None else value
    return values


@dataclass(frozen=True)
class Checked:
    errors: tuple[str, ...] = ()  # refuse the package
    doubts: tuple[validation.Problem, ...] = ()  # 待核实: taken in, listed on the cadre's profile


def check_record(
    session: Session,
    entity: str,
    fields: Mapping[str, Any],
    refs: Mapping[str, str | None],
    uid: str,
    local_id: int | None,
) -> Checked:
    """The services' rules for a record that may be written (its fields already have the right types):
    a cadre goes through `validation.check_import` like a cadre from any other import."""
    errors: list[str] = []
    doubts: tuple[validation.Problem, ...] = ()
    if entity == "cadre":
        try:
            doubts = validation.check_import(session, cadre_fields(fields), cadre_id=local_id).problems
        except ValidationError as exc:
            errors.extend(exc.fields.values())
    elif entity == "unit":
        if not str(fields.get("name") or "").strip():
            errors.append("单位名称为空")
        if refs.get("parent_id") == uid:
            errors.append("单位的上级是它自己")
    elif entity == "mentorship":
        if refs.get("mentor_id") == refs.get("mentee_id"):
            errors.append("导师与被帮带人是同一人")
        if str(fields.get("term_end")) < str(fields.get("term_start")):
            errors.append("帮带期限的结束日期早于开始日期")
    for (table, column), codes in CODES.items():
        if entity == table and fields.get(column) not in codes:
            errors.append(f"“{fields.get(column)}”不是可用的值（{'、'.join(codes)}）")
    return Checked(tuple(errors), doubts)
