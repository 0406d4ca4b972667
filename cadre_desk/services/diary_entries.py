"""Writing diary entries: create (as a draft or submitted at once), edit, submit to the mentor, withdraw
to draft before a comment, archive and restore. Every write is audited and kept in the search index.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, DiaryEntry, Mentorship
from cadre_desk.domain import vocab
from cadre_desk.errors import ConflictError, Message, ValidationError
from cadre_desk.services import access, audit, search
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.diary import DiaryEntryInput, DiaryEntryView, entry_view_in, load
from cadre_desk.services.diary_pairing_fit import outside_message
from cadre_desk.services.mentorship import active_mentorship_of
from cadre_desk.services.validation import FieldErrors, max_length


def _validate(session: Session, data: DiaryEntryInput) -> dict[str, Any]:
    errs = FieldErrors()
    mentee = session.get(Cadre, data.mentee_id)
    if mentee is None:
        errs.add("mentee_id", f"干部（编号 {data.mentee_id}）不存在")
    date = errs.date("date", data.date, "日记日期", required=True)
    title = errs.text("title", data.title, "标题", required=True, max_len=max_length(DiaryEntry.title))
    category = errs.choice("category", data.category, "类别", vocab.DIARY_CATEGORIES)
    content = errs.text(
        "content", data.content, "正文", required=True, max_len=max_length(DiaryEntry.content)
    )
    attached: Mentorship | None = None
    if data.attach_to is not None:
        attached = session.get(Mentorship, data.attach_to)
        if attached is None or attached.mentee_id != data.mentee_id or attached.archived_at is not None:
            errs.add("date", "要归入的结对不存在、已归档或不属于该干部")
    errs.raise_if_any()
    assert date is not None
    pairing = active_mentorship_of(session, data.mentee_id, date) or attached
    return {
        "mentee_id": data.mentee_id,
        "date": date,
        "title": title,
        "category": category,
        "content": content,
        "mentorship_id": pairing.id if pairing else None,
    }


def create_entry(ctx: ServiceContext, data: DiaryEntryInput, submit: bool = False) -> DiaryEntryView:
    """A new entry, saved as a draft (草稿) or submitted to the mentor at once."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        values = _validate(session, data)
        if submit and values["mentorship_id"] is None:
            raise outside_message(session, values["date"], data.mentee_id)
        e = DiaryEntry(**values, state=vocab.DiaryState.DRAFT.value)
        if submit:
            e.state, e.submitted_at = vocab.DiaryState.SUBMITTED.value, utcnow()
        session.add(e)
        session.flush()
        audit.record(session, ctx, "create", "diary_entry", e.id, e.uid, audit.diff({}, values), e.title)
        search.index_diary(session, e)
        return entry_view_in(session, e)


def _check_version(e: DiaryEntry, expected_version: int) -> None:
    if e.version != expected_version:
        raise ConflictError("成长日记", e.title, expected_version, e.version)


def update_entry(
    ctx: ServiceContext, entry_id: int, data: DiaryEntryInput, expected_version: int
) -> DiaryEntryView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        e = load(session, entry_id)
        _check_version(e, expected_version)
        if e.state == vocab.DiaryState.COMMENTED:
            raise ValidationError({"state": "导师已点评的日记不能再修改"})
        values = _validate(session, data)
        if values["mentorship_id"] is None and values["date"] == e.date and e.mentorship_id is not None:
            values["mentorship_id"] = e.mentorship_id  # attached once by choice: stays while the date does
        if e.state != vocab.DiaryState.DRAFT and values["mentorship_id"] is None:
            raise outside_message(session, values["date"], data.mentee_id)
        if audit.update_row(session, ctx, "diary_entry", e, values, values["title"]):
            search.index_diary(session, e)
        return entry_view_in(session, e)


def _move(
    session: Session,
    ctx: ServiceContext,
    e: DiaryEntry,
    state: vocab.DiaryState,
    submitted_at: dt.datetime | None,
) -> None:
    """Submit or withdraw: the new state and its time, audited as a change of state."""
    before = e.state
    e.state, e.submitted_at = state.value, submitted_at
    session.flush()
    audit.record(session, ctx, "update", "diary_entry", e.id, e.uid, {"state": [before, e.state]}, e.title)


def submit_entry(ctx: ServiceContext, entry_id: int, expected_version: int) -> DiaryEntryView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        e = load(session, entry_id)
        _check_version(e, expected_version)
        if e.state != vocab.DiaryState.DRAFT:
            raise ValidationError({"state": f"日记已是“{e.state}”状态"})
        if e.archived_at is not None:
            raise ValidationError({"state": "该日记已归档"})
        if e.mentorship_id is None:
            raise outside_message(session, e.date, e.mentee_id)
        _move(session, ctx, e, vocab.DiaryState.SUBMITTED, utcnow())
        return entry_view_in(session, e)


def withdraw_entry(ctx: ServiceContext, entry_id: int, expected_version: int) -> DiaryEntryView:
    """Take a submitted entry back to draft (草稿), as long as the mentor has not commented on it."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        e = load(session, entry_id)
        _check_version(e, expected_version)
        if e.state == vocab.DiaryState.COMMENTED:
            raise ValidationError(
                {"state": Message("diary_commented_no_withdraw", "导师已点评的日记不能撤回")}
            )
        if e.state != vocab.DiaryState.SUBMITTED:
            raise ValidationError({"state": f"日记是“{e.state}”，不需要撤回"})
        if e.archived_at is not None:
            raise ValidationError({"state": "该日记已归档"})
        _move(session, ctx, e, vocab.DiaryState.DRAFT, None)
        search.index_diary(session, e)
        return entry_view_in(session, e)


def _set_entry_archived(ctx: ServiceContext, entry_id: int, archived: bool) -> DiaryEntryView:
    with ctx.db.uow() as session:
        e = load(session, entry_id)
        if audit.mark_archived(session, ctx, "diary_entry", e, archived, e.title):
            search.index_diary(session, e)
            search.index_entry_comments(session, e)
        return entry_view_in(session, e)


def archive_entry(ctx: ServiceContext, entry_id: int) -> DiaryEntryView:
    """Recoverable with `restore_entry`; an archived one stays as it is."""
    access.require(ctx, Permission.RECORDS_WRITE)
    return _set_entry_archived(ctx, entry_id, True)


def restore_entry(ctx: ServiceContext, entry_id: int) -> DiaryEntryView:
    access.require(ctx, Permission.RECORDS_WRITE)
    return _set_entry_archived(ctx, entry_id, False)
