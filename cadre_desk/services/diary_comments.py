"""The mentor's comments (导师点评) on diary entries: only the mentee's mentor of that time comments, only on
a submitted entry; edited, archived and restored, the entry's state following (已点评 ↔ 已提交).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, DiaryEntry, MentorComment, Mentorship
from cadre_desk.domain import vocab
from cadre_desk.errors import ConflictError, Message
from cadre_desk.services import access, audit, search
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.diary import CommentInput, CommentView, comment_view, load, load_comment
from cadre_desk.services.mentorship import active_mentorship_of
from cadre_desk.services.validation import FieldErrors, max_length


def _mentor_of_entry(session: Session, e: DiaryEntry) -> Mentorship | None:
    if e.mentorship_id is not None:
        return session.get(Mentorship, e.mentorship_id)
    return active_mentorship_of(session, e.mentee_id, e.date)


def add_comment(ctx: ServiceContext, entry_id: int, data: CommentInput) -> CommentView:
    """Only the mentee's mentor of that time comments, and only on a submitted entry."""
    access.require_entry(ctx, entry_id, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        e = load(session, entry_id)
        errs = FieldErrors()
        pairing = _mentor_of_entry(session, e)
        if pairing is None:
            errs.add(
                "mentor_id", Message("comment_no_pairing", "该日记写于没有结对帮带的时期，没有导师可以点评")
            )
        elif pairing.mentor_id != data.mentor_id:
            errs.add(
                "mentor_id",
                Message(
                    "comment_only_mentor",
                    "只有该日记所属结对的导师（{mentor}）可以点评",
                    mentor=pairing.mentor.name,
                ),
            )
        if e.state == vocab.DiaryState.DRAFT:
            errs.add("entry", Message("comment_on_draft", "草稿尚未提交，导师不能点评"))
        if e.archived_at is not None:
            errs.add("entry", "该日记已归档")
        date = errs.date(
            "date", data.date if data.date is not None else dt.date.today(), "点评日期", required=True
        )
        if date and date < e.date:
            errs.add("date", "点评日期早于日记日期")
        text = errs.text("text", data.text, "点评内容", required=True, max_len=max_length(MentorComment.text))
        errs.raise_if_any()
        assert date is not None and pairing is not None
        c = MentorComment(entry_id=e.id, mentor_id=data.mentor_id, date=date, text=text)
        session.add(c)
        if e.state != vocab.DiaryState.COMMENTED:
            old_state = e.state
            e.state = vocab.DiaryState.COMMENTED.value
            audit.record(session, ctx, "update", "diary_entry", e.id, e.uid, {"state": [old_state, e.state]})
        session.flush()
        audit.record(
            session,
            ctx,
            "create",
            "mentor_comment",
            c.id,
            c.uid,
            audit.diff({}, {"entry_id": e.id, "date": date, "text": text}),
            e.title,
        )
        search.index_comment(session, c, e)
        return comment_view(c, pairing.mentor.name)


def update_comment(ctx: ServiceContext, comment_id: int, text: str, expected_version: int) -> CommentView:
    access.require_comment(ctx, comment_id, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        c = load_comment(session, comment_id)
        if c.version != expected_version:
            raise ConflictError("导师点评", comment_id, expected_version, c.version)
        errs = FieldErrors()
        cleaned = errs.text("text", text, "点评内容", required=True, max_len=max_length(MentorComment.text))
        errs.raise_if_any()
        if cleaned != c.text:
            audit.record(
                session,
                ctx,
                "update",
                "mentor_comment",
                c.id,
                c.uid,
                audit.diff({"text": c.text}, {"text": cleaned}),
            )
            c.text = cleaned
            session.flush()
            search.index_comment(session, c, load(session, c.entry_id))
        mentor = session.get(Cadre, c.mentor_id)
        return comment_view(c, mentor.name if mentor else "")


def _set_comment_archived(ctx: ServiceContext, comment_id: int, archived: bool) -> CommentView:
    """Archiving the last comment puts the entry back to 已提交 (waiting for a comment)."""
    access.require_comment(ctx, comment_id, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        c = load_comment(session, comment_id)
        e = load(session, c.entry_id)
        if audit.mark_archived(session, ctx, "mentor_comment", c, archived):
            live = session.scalar(
                select(func.count(MentorComment.id)).where(
                    MentorComment.entry_id == e.id, MentorComment.archived_at.is_(None)
                )
            )
            new_state = vocab.DiaryState.COMMENTED.value if live else vocab.DiaryState.SUBMITTED.value
            if e.state != new_state:
                audit.record(
                    session, ctx, "update", "diary_entry", e.id, e.uid, {"state": [e.state, new_state]}
                )
                e.state = new_state
            search.index_comment(session, c, e)
        mentor = session.get(Cadre, c.mentor_id)
        return comment_view(c, mentor.name if mentor else "")


def archive_comment(ctx: ServiceContext, comment_id: int) -> CommentView:
    """Recoverable with `restore_comment`; an archived one stays as it is."""
    return _set_comment_archived(ctx, comment_id, True)


def restore_comment(ctx: ServiceContext, comment_id: int) -> CommentView:
    return _set_comment_archived(ctx, comment_id, False)
