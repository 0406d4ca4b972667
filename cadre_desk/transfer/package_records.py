"""The records of an exchange package: the format's constants, one row as plain data (`Record`: fields,
references as uids, content hash) and the agreed hashes of the last exchange (`exchange_base`).
The format is documented in docs/exchange-package.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, Table, select
from sqlalchemy.orm import Session

from cadre_desk.db.base import UTCDateTime, YearMonthType
from cadre_desk.db.models import RECORD_MODELS, CadrePhoto, ExchangeBase
from cadre_desk.domain.yearmonth import YearMonth

FORMAT = "cadre-desk-exchange"
# 2: people referenced only by a talk, pairing or comment travel as a reference (`ref_only`, see
# `reference_of`); a version-1 reader would take such a reference for a full record and blank it.
FORMAT_VERSION = 2
Progress = Callable[[str, int, int], None]

# Dependency order: a record's references always point to entities earlier in this list.
MODELS: tuple[Any, ...] = RECORD_MODELS
BY_NAME = {m.__tablename__: m for m in MODELS}
SKIP = {"id", "uid", "created_at", "updated_at", "version"}
LABELS = {
    "unit": "单位",
    "cadre": "干部",
    "cadre_photo": "照片",
    "cadre_form_source": "任免表原件",
    "appointment_case": "任免表信息",
    "resume_entry": "简历",
    "family_member": "家庭成员",
    "reward_or_punishment": "奖惩",
    "assessment": "考核",
    "training": "培训",
    "secondment": "挂职",
    "mentorship": "帮带结对",
    "mentorship_record": "帮带记录",
    "diary_entry": "成长日记",
    "mentor_comment": "导师点评",
    "talk": "谈话记录",
    "talk_subject": "谈话对象",
    "talk_follow_up": "谈话后续措施",
}


# --- records as plain data -----------------------------------------------------------------------


def columns(model: Any) -> tuple[list[Any], dict[str, str]]:
    table: Table = model.__table__
    plain, refs = [], {}
    for col in table.columns:
        if col.name in SKIP:
            continue
        fks = list(col.foreign_keys)
        if fks:
            refs[col.name] = fks[0].column.table.name
        else:
            plain.append(col)
    return plain, refs


def dump(col: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(col.type, YearMonthType):
        return value.to_int()
    if isinstance(col.type, UTCDateTime | DateTime):
        return value.isoformat()
    if isinstance(col.type, Date):
        return value.isoformat()
    if isinstance(col.type, LargeBinary):
        return hashlib.sha256(value).hexdigest()  # the bytes travel as a file
    return value


def load(col: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(col.type, YearMonthType):
        return YearMonth.from_int(int(value))
    if isinstance(col.type, UTCDateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(col.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(col.type, Date):
        return dt.date.fromisoformat(value)
    return value


def content_hash(fields: Mapping[str, Any], refs: Mapping[str, str | None]) -> str:
    text = json.dumps({"f": fields, "r": refs}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Record:
    entity: str
    uid: str
    fields: dict[str, Any]
    refs: dict[str, str | None]
    hash: str = ""
    base: str | None = None
    blob: bytes | None = None
    # A related person (the other party of a talk or pairing, a commenting mentor) who travels only so
    # that the references resolve: name, gender, birth, 身份证号, unit and post; matched, never merged.
    ref_only: bool = False

    def label(self) -> str:
        f = self.fields
        kind = LABELS.get(self.entity, self.entity)
        detail = f.get("name") or f.get("title") or f.get("text") or f.get("talk_at") or f.get("date") or ""
        return f"{kind}：{str(detail)[:30]}" if detail else kind


def record_of(
    session: Session, model: Any, row: Any, uid_of: Callable[[str, int | None], str | None]
) -> Record:
    plain, refs = columns(model)
    fields = {c.name: dump(c, getattr(row, c.key)) for c in plain}
    ref_uids = {name: uid_of(target, getattr(row, name)) for name, target in refs.items()}
    rec = Record(model.__tablename__, row.uid, fields, ref_uids)
    rec.hash = content_hash(fields, ref_uids)
    if model is CadrePhoto:
        rec.blob = row.data
    return rec


# What a reference (`ref_only`) carries of a cadre: enough to match him to the importing side's own
# record (uid, 身份证号, name + birth month) and to show him (name, unit, post); the rest is blank.
REFERENCE_FIELDS = ("name", "name_initials", "gender", "birth", "id_number", "post", "archived_at")
REFERENCE_REFS = ("unit_id",)


def reference_of(
    session: Session, model: Any, row: Any, uid_of: Callable[[str, int | None], str | None]
) -> Record:
    """A related cadre as a reference: the fields of `REFERENCE_FIELDS`, every other column blank
    (null, or "" where the column needs a value), no family, 奖惩, 考核, 简历, 培训, photo or notes."""
    plain, refs = columns(model)
    fields = {
        c.name: dump(c, getattr(row, c.key)) if c.name in REFERENCE_FIELDS else (None if c.nullable else "")
        for c in plain
    }
    ref_uids = {
        name: uid_of(target, getattr(row, name)) if name in REFERENCE_REFS else None
        for name, target in refs.items()
    }
    return Record(
        model.__tablename__, row.uid, fields, ref_uids, content_hash(fields, ref_uids), ref_only=True
    )


class Uids:
    """id → uid per table, loaded lazily (one query per table)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.maps: dict[str, dict[int, str]] = {}

    def __call__(self, table: str, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        if table not in self.maps:
            model = BY_NAME[table]
            self.maps[table] = {r[0]: r[1] for r in self.session.execute(select(model.id, model.uid))}
        return self.maps[table].get(row_id)


def bases_of(session: Session, uids: Iterable[str]) -> dict[str, str]:
    wanted = list(uids)
    found: dict[str, str] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        stmt = select(ExchangeBase.record_uid, ExchangeBase.content_hash).where(
            ExchangeBase.record_uid.in_(chunk)
        )
        found.update({r[0]: r[1] for r in session.execute(stmt)})
    return found


def set_bases(session: Session, records: Iterable[Record], current: Mapping[str, str]) -> None:
    rows = {
        r.record_uid: r
        for r in session.scalars(
            select(ExchangeBase).where(
                ExchangeBase.record_uid.in_([rec.uid for rec in records if current.get(rec.uid) != rec.hash])
            )
        )
    }
    for rec in records:
        if current.get(rec.uid) == rec.hash:
            continue
        row = rows.get(rec.uid)
        if row is None:
            session.add(ExchangeBase(entity=rec.entity, record_uid=rec.uid, content_hash=rec.hash))
        else:
            row.content_hash = rec.hash
