"""What staff do to owed talks: 免谈 and 合并 with a reason, link a talk by hand, 闭环, reopen, and
record a 苗头性倾向性问题 note (which owes a 苗头 talk). One function = one audited transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, Obligation, Talk, TalkFollowUp, TalkSubject
from cadre_desk.domain.obligations import ObligationRuleCode as Code
from cadre_desk.domain.obligations import ObligationState as State
from cadre_desk.domain.obligations import can_move
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.obligation_raising import EVENT_MAX, raise_event
from cadre_desk.services.obligation_rules import active_rule
from cadre_desk.services.obligations import ENTITY, ObligationView, view_in

_REASON_MAX = 500


def _load(session: Session, obligation_id: int, expected_version: int) -> Obligation:
    row = session.get(Obligation, obligation_id)
    if row is None:
        raise NotFoundError("应谈事项", obligation_id)
    if row.version != expected_version:
        raise ConflictError("应谈事项", row.event[:20], expected_version, row.version)
    return row


def _move(row: Obligation, wanted: str) -> None:
    if not can_move(row.state, wanted):
        raise ValidationError({"state": f"“{row.state}”的应谈事项不能改为“{wanted}”"})


def _reason(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError({"reason": "请填写理由"})
    if len(cleaned) > _REASON_MAX:
        raise ValidationError({"reason": f"理由最多 {_REASON_MAX} 字"})
    return cleaned


def _write(
    session: Session, ctx: ServiceContext, row: Obligation, values: dict[str, Any], summary: str
) -> ObligationView:
    changes = audit.diff(audit.snapshot(row, tuple(values)), values)
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()
    audit.record(session, ctx, "update", ENTITY, row.id, row.uid, changes, summary)
    return view_in(session, row.id, dt.date.today())


def waive(ctx: ServiceContext, obligation_id: int, reason: str, expected_version: int) -> ObligationView:
    """免谈: no talk is owed after all (the reason is kept)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    text = _reason(reason)
    with ctx.db.uow() as session:
        row = _load(session, obligation_id, expected_version)
        _move(row, State.WAIVED)
        values = {"state": State.WAIVED, "reason": text, "settled_on": dt.date.today()}
        return _write(session, ctx, row, values, f"应谈免谈：{text}")


def merge(
    ctx: ServiceContext, obligation_id: int, into_id: int, reason: str, expected_version: int
) -> ObligationView:
    """合并: another obligation of the same cadre (one talk covers both)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    text = _reason(reason)
    with ctx.db.uow() as session:
        row = _load(session, obligation_id, expected_version)
        target = session.get(Obligation, into_id)
        if target is None or target.id == row.id or target.cadre_id != row.cadre_id:
            raise ValidationError({"merged_into_id": "只能合并到同一干部的另一条应谈事项"})
        if target.state == State.MERGED:
            raise ValidationError({"merged_into_id": "目标事项本身已被合并"})
        _move(row, State.MERGED)
        values = {
            "state": State.MERGED,
            "reason": text,
            "merged_into_id": target.id,
            "settled_on": dt.date.today(),
        }
        return _write(session, ctx, row, values, f"应谈合并：{text}")


def link_talk(ctx: ServiceContext, obligation_id: int, talk_id: int, expected_version: int) -> ObligationView:
    """Link a talk by hand (any kind; the cadre must be among its subjects)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        row = _load(session, obligation_id, expected_version)
        talk = session.get(Talk, talk_id)
        if talk is None or talk.archived_at is not None:
            raise NotFoundError("谈话记录", talk_id)
        subject = session.scalar(
            select(TalkSubject.id).where(TalkSubject.talk_id == talk_id, TalkSubject.cadre_id == row.cadre_id)
        )
        if subject is None:
            raise ValidationError({"talk_id": "该谈话记录的谈话对象中没有这名干部"})
        if row.state not in (State.PENDING, State.TALKED):
            raise ValidationError({"state": f"“{row.state}”的应谈事项不能关联谈话"})
        values = {"state": State.TALKED, "talk_id": talk_id, "settled_on": dt.date.today()}
        return _write(session, ctx, row, values, "应谈关联谈话")


def close(ctx: ServiceContext, obligation_id: int, expected_version: int) -> ObligationView:
    """已闭环: the linked talk's follow-ups are all done."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        row = _load(session, obligation_id, expected_version)
        _move(row, State.CLOSED)
        open_follow_ups = session.scalar(
            select(func.count(TalkFollowUp.id)).where(
                TalkFollowUp.talk_id == row.talk_id,
                TalkFollowUp.archived_at.is_(None),
                TalkFollowUp.done_date.is_(None),
            )
        )
        if open_follow_ups:
            raise ValidationError({"state": f"谈话的后续事项还有 {open_follow_ups} 项未完成，不能闭环"})
        values = {"state": State.CLOSED, "closed_on": dt.date.today()}
        return _write(session, ctx, row, values, "应谈已闭环")


def reopen(ctx: ServiceContext, obligation_id: int, expected_version: int) -> ObligationView:
    """Back to 待谈 (a 免谈 / 合并 / link made by mistake), or 已闭环 back to 已谈."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        row = _load(session, obligation_id, expected_version)
        if row.state == State.CLOSED:
            values: dict[str, Any] = {"state": State.TALKED, "closed_on": None}
        else:
            _move(row, State.PENDING)
            values = {
                "state": State.PENDING,
                "talk_id": None,
                "merged_into_id": None,
                "reason": "",
                "settled_on": None,
            }
        return _write(session, ctx, row, values, "应谈重新打开")


def record_warning_sign(
    ctx: ServiceContext, cadre_id: int, note: str, event_date: dt.date | None = None
) -> ObligationView | None:
    """Staff record a 苗头性倾向性问题 note on a cadre: it owes a 苗头 talk (提醒谈话 by default).

    Returns None when the 苗头 rule is switched off."""
    access.require(ctx, Permission.RECORDS_WRITE)
    text = " ".join(note.split())
    if not text:
        raise ValidationError({"note": "请填写苗头性倾向性问题的情况"})
    if len(text) > EVENT_MAX:
        raise ValidationError({"note": f"最多 {EVENT_MAX} 字"})
    day = event_date or dt.date.today()
    if day > dt.date.today():
        raise ValidationError({"date": "日期不能晚于今天"})
    with ctx.db.uow() as session:
        cadre = session.get(Cadre, cadre_id)
        if cadre is None or cadre.archived_at is not None:
            raise NotFoundError("干部", cadre_id)
        new_id = raise_event(session, ctx, cadre_id, Code.WARNING_SIGN, text, day, origin="note")
        if new_id is None:
            if active_rule(session, Code.WARNING_SIGN) is None:
                return None
            raise ValidationError({"note": "同一天已记录过相同的情况"})
        return view_in(session, new_id, dt.date.today())
