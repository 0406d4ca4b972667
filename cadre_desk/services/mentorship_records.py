"""The mentor's mentorship records (谈心, 带教, 现场指导, 交办任务 …) of a pairing: added, edited, archived
and restored (audited), and listed by date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from cadre_desk.db.models import Mentorship, MentorshipRecord
from cadre_desk.domain import vocab
from cadre_desk.errors import ConflictError, NotFoundError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.mentorship import load
from cadre_desk.services.validation import FieldErrors


@dataclass(frozen=True)
class MentorshipRecordInput:
    date: dt.date | str
    form: str
    content: str


@dataclass(frozen=True)
class MentorshipRecordView:
    id: int
    uid: str
    version: int
    mentorship_id: int
    date: dt.date
    form: str
    content: str


def _record_view(r: MentorshipRecord) -> MentorshipRecordView:
    return MentorshipRecordView(r.id, r.uid, r.version, r.mentorship_id, r.date, r.form, r.content)


def _record_values(data: MentorshipRecordInput, m: Mentorship) -> dict[str, Any]:
    errs = FieldErrors()
    date = errs.date("date", data.date, "指导日期", required=True)
    if date and date < m.term_start:
        errs.add("date", "指导日期早于帮带期开始日期")
    form = errs.choice("form", data.form, "指导形式", vocab.MENTORSHIP_RECORD_FORMS)
    content = errs.text("content", data.content, "指导内容", required=True, max_len=50000)
    errs.raise_if_any()
    return {"date": date, "form": form, "content": content}


def add_mentorship_record(
    ctx: ServiceContext, mentorship_id: int, data: MentorshipRecordInput
) -> MentorshipRecordView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = load(session, mentorship_id)
        values = _record_values(data, m)
        r = MentorshipRecord(mentorship_id=m.id, **values)
        session.add(r)
        session.flush()
        audit.record(session, ctx, "create", "mentorship_record", r.id, r.uid, audit.diff({}, values))
        return _record_view(r)


def update_mentorship_record(
    ctx: ServiceContext, record_id: int, data: MentorshipRecordInput, expected_version: int
) -> MentorshipRecordView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        r = session.get(MentorshipRecord, record_id)
        if r is None:
            raise NotFoundError("帮带记录", record_id)
        if r.version != expected_version:
            raise ConflictError("帮带记录", record_id, expected_version, r.version)
        values = _record_values(data, load(session, r.mentorship_id))
        audit.update_row(session, ctx, "mentorship_record", r, values)
        return _record_view(r)


def _set_mentorship_record_archived(
    ctx: ServiceContext, record_id: int, archived: bool
) -> MentorshipRecordView:
    with ctx.db.uow() as session:
        r = session.get(MentorshipRecord, record_id)
        if r is None:
            raise NotFoundError("帮带记录", record_id)
        audit.mark_archived(session, ctx, "mentorship_record", r, archived)
        return _record_view(r)


def archive_mentorship_record(ctx: ServiceContext, record_id: int) -> MentorshipRecordView:
    """Recoverable with `restore_mentorship_record`; an archived one stays as it is."""
    access.require(ctx, Permission.RECORDS_WRITE)
    return _set_mentorship_record_archived(ctx, record_id, True)


def restore_mentorship_record(ctx: ServiceContext, record_id: int) -> MentorshipRecordView:
    access.require(ctx, Permission.RECORDS_WRITE)
    return _set_mentorship_record_archived(ctx, record_id, False)


def list_mentorship_records(ctx: ServiceContext, mentorship_id: int) -> list[MentorshipRecordView]:
    access.require_mentorship(ctx, mentorship_id)
    with ctx.db.read() as session:
        rows = session.scalars(
            select(MentorshipRecord)
            .where(
                MentorshipRecord.mentorship_id == mentorship_id,
                MentorshipRecord.archived_at.is_(None),
            )
            .order_by(MentorshipRecord.date, MentorshipRecord.id)
        )
        return [_record_view(r) for r in rows]
