"""Writing pairings: create (one active pairing per mentee), edit, end (completed with the evaluation,
or aborted with a reason), archive and restore. Every write is audited and kept in the search index.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, Mentorship
from cadre_desk.domain import vocab
from cadre_desk.errors import ConflictError, ValidationError
from cadre_desk.services import access, audit, search
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.mentorship import MentorshipEnd, MentorshipInput, MentorshipView, load, to_view
from cadre_desk.services.validation import FieldErrors


def _live_cadre(
    session: Session, errs: FieldErrors, field: str, cadre_id: int, label: str, unchanged: bool
) -> None:
    """The cadre must exist; a newly chosen one must not be archived (a kept one may be: old pairings)."""
    cadre = session.get(Cadre, cadre_id)
    if cadre is None:
        errs.add(field, f"{label}（编号 {cadre_id}）不存在")
    elif cadre.archived_at is not None and not unchanged:
        errs.add(field, f"{label}“{cadre.name}”已归档")


def _other_active_pairing(session: Session, mentee_id: int, except_id: int | None) -> Mentorship | None:
    """The mentee's live 进行中 pairing other than `except_id` (a mentee has one at a time)."""
    stmt = select(Mentorship).where(
        Mentorship.mentee_id == mentee_id,
        Mentorship.status == vocab.MentorshipStatus.ACTIVE,
        Mentorship.archived_at.is_(None),
    )
    if except_id is not None:
        stmt = stmt.where(Mentorship.id != except_id)
    return session.scalars(stmt).first()


def _validate(
    session: Session, data: MentorshipInput, current: Mentorship | None = None, live_active: bool = True
) -> dict[str, Any]:
    """`live_active`: the pairing saved is (or will be) active and not archived, so it may not clash."""
    errs = FieldErrors()
    mentorship_id = current.id if current is not None else None
    _live_cadre(
        session,
        errs,
        "mentor_id",
        data.mentor_id,
        "导师",
        current is not None and current.mentor_id == data.mentor_id,
    )
    _live_cadre(
        session,
        errs,
        "mentee_id",
        data.mentee_id,
        "被帮带人",
        current is not None and current.mentee_id == data.mentee_id,
    )
    if data.mentor_id == data.mentee_id:
        errs.add("mentee_id", "导师和被帮带人不能是同一人")
    start = errs.date("term_start", data.term_start, "帮带期开始日期", required=True, allow_future=True)
    end = errs.date("term_end", data.term_end, "帮带期结束日期", required=True, allow_future=True)
    if start and end and end <= start:
        errs.add("term_end", "帮带期结束日期应晚于开始日期")
    goals = errs.text("goals", data.goals, "帮带目标", max_len=20000)
    plan = errs.text("plan", data.plan, "帮带计划", max_len=20000)
    if live_active and "mentee_id" not in errs:
        active = _other_active_pairing(session, data.mentee_id, mentorship_id)
        if active is not None:
            errs.add(
                "mentee_id",
                f"该干部已有进行中的结对（导师：{active.mentor.name}），一人同时只能有一个帮带关系",
            )
    errs.raise_if_any()
    return {
        "mentor_id": data.mentor_id,
        "mentee_id": data.mentee_id,
        "term_start": start,
        "term_end": end,
        "goals": goals,
        "plan": plan,
    }


def create_mentorship(ctx: ServiceContext, data: MentorshipInput) -> MentorshipView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        values = _validate(session, data)
        m = Mentorship(**values, status=vocab.MentorshipStatus.ACTIVE)
        session.add(m)
        session.flush()
        session.refresh(m, ["mentor", "mentee"])
        audit.record(
            session,
            ctx,
            "create",
            "mentorship",
            m.id,
            m.uid,
            audit.diff({}, values),
            f"{m.mentor.name} 帮带 {m.mentee.name}",
        )
        search.index_mentorship(session, m)
        return to_view(m)


def _check_version(m: Mentorship, expected_version: int) -> None:
    if m.version != expected_version:
        raise ConflictError("结对帮带", f"{m.mentor.name}—{m.mentee.name}", expected_version, m.version)


def update_mentorship(
    ctx: ServiceContext, mentorship_id: int, data: MentorshipInput, expected_version: int
) -> MentorshipView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = load(session, mentorship_id)
        _check_version(m, expected_version)
        live_active = m.status == vocab.MentorshipStatus.ACTIVE and m.archived_at is None
        values = _validate(session, data, m, live_active)
        if audit.update_row(session, ctx, "mentorship", m, values):
            session.refresh(m, ["mentor", "mentee"])
            search.index_mentorship(session, m)
        return to_view(m)


def end_mentorship(
    ctx: ServiceContext, mentorship_id: int, end: MentorshipEnd, expected_version: int
) -> MentorshipView:
    """Complete with the evaluation (已结业) or abort early with a reason (中止)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = load(session, mentorship_id)
        _check_version(m, expected_version)
        errs = FieldErrors()
        if m.status != vocab.MentorshipStatus.ACTIVE:
            errs.add("status", f"该结对已结束（{m.status}），不能再次结束")
        ended_on = errs.date("ended_on", end.ended_on, "结束日期", required=True)
        if ended_on and ended_on < m.term_start:
            errs.add("ended_on", "结束日期早于帮带期开始日期")
        values: dict[str, Any] = {"ended_on": ended_on}
        if end.completed:
            values |= {
                "status": vocab.MentorshipStatus.COMPLETED.value,
                "end_reason": "",
                "mentor_evaluation": errs.text(
                    "mentor_evaluation", end.mentor_evaluation, "导师评价", required=True
                ),
                "mentee_summary": errs.text("mentee_summary", end.mentee_summary, "个人总结"),
                "evaluation_result": errs.text("evaluation_result", end.evaluation_result, "考核结果"),
                "evaluation_grade": errs.choice(
                    "evaluation_grade", end.evaluation_grade, "评价等次", tuple(vocab.MentorshipGrade)
                ),
            }
        else:
            values |= {
                "status": vocab.MentorshipStatus.ABORTED.value,
                "end_reason": errs.text("end_reason", end.reason, "中止原因", required=True, max_len=2000),
            }
        errs.raise_if_any()
        changes = audit.diff(audit.snapshot(m, tuple(values)), values)
        for key, value in values.items():
            setattr(m, key, value)
        session.flush()
        audit.record(session, ctx, "update", "mentorship", m.id, m.uid, changes, f"帮带{values['status']}")
        search.index_mentorship(session, m)
        return to_view(m)


def archive_mentorship(ctx: ServiceContext, mentorship_id: int) -> MentorshipView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = load(session, mentorship_id)
        if audit.mark_archived(session, ctx, "mentorship", m, True):
            search.index_mentorship(session, m)
        return to_view(m)


def restore_mentorship(ctx: ServiceContext, mentorship_id: int) -> MentorshipView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        m = load(session, mentorship_id)
        active = m.archived_at is not None and m.status == vocab.MentorshipStatus.ACTIVE
        if active and _other_active_pairing(session, m.mentee_id, m.id) is not None:
            raise ValidationError({"mentee_id": "被帮带人已有另一个进行中的结对，不能恢复此结对"})
        if audit.mark_archived(session, ctx, "mentorship", m, False):
            search.index_mentorship(session, m)
        return to_view(m)
