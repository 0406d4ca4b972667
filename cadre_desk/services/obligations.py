"""Owed talks (应谈): events raise obligations, talks settle them, staff waive, merge, link and close.

For other services (inside their own transaction, never committing):

- `raise_event(session, ctx, cadre_id, rule, event_text, event_date, origin=..., origin_id=...)`:
  an event owes a talk under `rule` (任职 / 交流 / 青干班 / 苗头). The barometer calls it with rule 苗头
  for a yellow or red entry. Returns the obligation id, or None when the rule is switched off
  (archived in 设置 → 规则) or the same event already raised one.
- `after_audit(...)`: called by `audit.record` for every audited write of a cadre, a 简历 line or a
  training record, so that the profile editor, .lrmx and roster imports and exchange packages all
  raise obligations in the one place they all pass through.
- `settle_by_talk(session, ctx, talk)`: a talk of the matching kind with the cadre, on or after the
  event, settles its 待谈 obligations (called by services.talks).

The rules (due days, talk kind, talker, training kinds) are rows of `obligation_rule`; 逾期 is computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, extract, func, or_, select
from sqlalchemy.orm import Session, aliased

from cadre_desk.db.models import (
    BarometerEntry,
    BarometerPeriod,
    Cadre,
    Obligation,
    ObligationRule,
    ResumeEntry,
    Talk,
    TalkFollowUp,
    TalkSubject,
    Training,
    Unit,
)
from cadre_desk.domain.obligations import (
    ObligationRuleCode as Code,
)
from cadre_desk.domain.obligations import (
    ObligationState as State,
)
from cadre_desk.domain.obligations import (
    can_move,
    due_date,
    is_overdue,
    is_recent,
    split_kinds,
)
from cadre_desk.domain.vocab import TRAINING_KINDS, TalkKind
from cadre_desk.domain.yearmonth import YearMonth, format_date
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit, rule_tables
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

ENTITY = "obligation"
_EVENT_MAX = 500
_REASON_MAX = 500


@dataclass(frozen=True)
class ObligationView:
    id: int
    version: int
    cadre_id: int
    cadre_name: str
    unit_id: int | None
    unit_name: str
    rule: str
    event: str
    event_date: dt.date
    created: dt.date
    due_date: dt.date
    state: str
    overdue: bool
    talk_id: int | None
    talk_kind: str
    talker: str
    reason: str
    origin: str
    merged_into_id: int | None

    def as_json(self) -> dict[str, Any]:
        """The CLI's fields (issue 12 §4)."""
        return {
            "id": self.id,
            "cadre_id": self.cadre_id,
            "cadre_name": self.cadre_name,
            "rule": self.rule,
            "event": self.event,
            "created": format_date(self.created),
            "due": format_date(self.due_date),
            "state": self.state,
            "overdue": self.overdue,
            "talk_id": self.talk_id,
        }


@dataclass(frozen=True)
class TalkDraft:
    """What the talk editor is pre-filled with for an obligation (the outline is the UI's)."""

    obligation_id: int
    kind: str
    subject_id: int
    subject_name: str
    talkers: str
    recorder: str
    event: str


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def active_rule(session: Session, code: str) -> ObligationRule | None:
    """The rule in force for `code` (None: missing or archived, i.e. switched off)."""
    return session.scalars(
        select(ObligationRule).where(ObligationRule.code == code, ObligationRule.archived_at.is_(None))
    ).first()


# --- raising -------------------------------------------------------------------------------------


def raise_event(
    session: Session,
    ctx: ServiceContext,
    cadre_id: int,
    rule: str,
    event_text: str,
    event_date: dt.date,
    origin: str = "barometer",
    origin_id: int | None = None,
    today: dt.date | None = None,
) -> int | None:
    """Raise the obligation an event owes (in the caller's transaction); see the module docstring."""
    found = active_rule(session, rule)
    if found is None:
        return None
    text = " ".join(event_text.split())[:_EVENT_MAX]
    same = select(Obligation.id).where(
        Obligation.cadre_id == cadre_id, Obligation.rule == rule, Obligation.event_date == event_date
    )
    if origin_id is not None:
        same = same.where(Obligation.origin == origin, Obligation.origin_id == origin_id)
    else:
        same = same.where(Obligation.event == text)
    if session.scalar(same.limit(1)) is not None:
        return None
    row = Obligation(
        cadre_id=cadre_id,
        rule=rule,
        event=text,
        event_date=event_date,
        due_date=due_date(event_date, found.due_days),
        origin=origin,
        origin_id=origin_id,
        talk_kind=found.talk_kind,
        talker=found.talker,
        state=State.PENDING,
        reason="",
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        ctx,
        "create",
        ENTITY,
        row.id,
        row.uid,
        {"cadre_id": [None, cadre_id], "rule": [None, rule], "event": [None, text]},
        f"应谈（{rule}）：{text}",
    )
    talk = _matching_talk(session, cadre_id, row.talk_kind, event_date)
    if talk is not None:
        _settle(session, ctx, row, talk, _today(today))
    return row.id


def _matching_talk(session: Session, cadre_id: int, kind: str, since: dt.date) -> int | None:
    return session.scalar(
        select(Talk.id)
        .join(TalkSubject, TalkSubject.talk_id == Talk.id)
        .where(
            TalkSubject.cadre_id == cadre_id,
            Talk.kind == kind,
            Talk.archived_at.is_(None),
            Talk.talk_at >= dt.datetime.combine(since, dt.time()),
        )
        .order_by(Talk.talk_at)
        .limit(1)
    )


def _settle(session: Session, ctx: ServiceContext, row: Obligation, talk_id: int, day: dt.date) -> None:
    before = (row.state, row.talk_id)
    row.state = State.TALKED
    row.talk_id = talk_id
    row.settled_on = day
    session.flush()
    audit.record(
        session,
        ctx,
        "update",
        ENTITY,
        row.id,
        row.uid,
        {"state": [before[0], row.state], "talk_id": [before[1], talk_id]},
        f"应谈已谈（{row.rule}）",
    )


def settle_by_talk(session: Session, ctx: ServiceContext, talk: Talk, today: dt.date | None = None) -> int:
    """Settle the 待谈 obligations this talk answers (same kind, a subject, event on or before the talk)."""
    if talk.archived_at is not None:
        return 0
    subjects = select(TalkSubject.cadre_id).where(TalkSubject.talk_id == talk.id)
    rows = session.scalars(
        select(Obligation).where(
            Obligation.cadre_id.in_(subjects),
            Obligation.state == State.PENDING,
            Obligation.talk_kind == talk.kind,
            Obligation.event_date <= talk.talk_at.date(),
        )
    ).all()
    for row in rows:
        _settle(session, ctx, row, talk.id, _today(today))
    return len(rows)


def unsettle_talk(session: Session, ctx: ServiceContext, talk_id: int) -> None:
    """An archived talk no longer settles anything: its 已谈 obligations are owed again."""
    for row in session.scalars(
        select(Obligation).where(Obligation.talk_id == talk_id, Obligation.state == State.TALKED)
    ):
        row.state, row.talk_id, row.settled_on = State.PENDING, None, None
        session.flush()
        audit.record(
            session,
            ctx,
            "update",
            ENTITY,
            row.id,
            row.uid,
            {"state": [State.TALKED, State.PENDING], "talk_id": [talk_id, None]},
            "谈话记录已删除，应谈重新待谈",
        )


def after_audit(
    session: Session,
    ctx: ServiceContext,
    action: str,
    entity: str,
    entity_id: int | None,
    changes: Mapping[str, Any],
) -> None:
    """Raise the obligations an audited write owes (see the module docstring)."""
    if entity_id is None:
        return
    if entity == "cadre" and action == "update":
        _cadre_changed(session, ctx, entity_id, changes)
    elif entity == "resume_entry" and action in ("create", "update"):
        line = session.get(ResumeEntry, entity_id)
        if line is not None:
            _resume_line(session, ctx, line)
    elif entity == "training" and action == "create":
        training = session.get(Training, entity_id)
        if training is not None:
            training_added(session, ctx, training)


def _unit_name(session: Session, value: object) -> str:
    if isinstance(value, int):
        return session.scalar(select(Unit.name).where(Unit.id == value)) or ""
    return str(value or "")


def _appointment_owed(session: Session, cadre_id: int, event_date: dt.date) -> bool:
    """Whether a 任职 / 交流 talk is already owed for an appointment near `event_date` (a new post
    typed in the profile and the 简历 line that goes with it are one appointment, one talk)."""
    rule = active_rule(session, Code.APPOINTMENT)
    window = dt.timedelta(days=rule.due_days if rule is not None else 30)
    return (
        session.scalar(
            select(Obligation.id)
            .where(
                Obligation.cadre_id == cadre_id,
                Obligation.rule.in_([Code.APPOINTMENT, Code.TRANSFER]),
                Obligation.state == State.PENDING,
                Obligation.event_date >= event_date - window,
                Obligation.event_date <= event_date + window,
            )
            .limit(1)
        )
        is not None
    )


def _cadre_changed(session: Session, ctx: ServiceContext, cadre_id: int, changes: Mapping[str, Any]) -> None:
    cadre = session.get(Cadre, cadre_id)
    if cadre is None or cadre.archived_at is not None:
        return
    today = dt.date.today()
    if ("unit_id" in changes or "post" in changes) and _appointment_owed(session, cadre_id, today):
        pass
    elif "unit_id" in changes:
        old, new = (_unit_name(session, v) for v in changes["unit_id"])
        if new:
            text = f"单位变动：{old or '（无）'} → {new}"
            if "post" in changes:
                text += f"；现任职务：{changes['post'][1] or '（空）'}"
            raise_event(session, ctx, cadre_id, Code.TRANSFER, text, today, origin="unit", origin_id=None)
    elif "post" in changes:
        old, new = changes["post"]
        if new:
            text = f"现任职务变动：{old or '（空）'} → {new}"
            raise_event(session, ctx, cadre_id, Code.APPOINTMENT, text, today, origin="post")
    if "resume" in changes:  # an imported form brought new 简历 lines
        for line in session.scalars(
            select(ResumeEntry).where(
                ResumeEntry.cadre_id == cadre_id,
                ResumeEntry.archived_at.is_(None),
                ResumeEntry.end.is_(None),
                ResumeEntry.parent_id.is_(None),
            )
        ):
            _resume_line(session, ctx, line)


def _resume_line(session: Session, ctx: ServiceContext, line: ResumeEntry) -> None:
    """A new open main career line (no end) that started lately owes a 任职 talk."""
    if line.end is not None or line.parent_id is not None or line.archived_at is not None:
        return
    rule = active_rule(session, Code.APPOINTMENT)
    start = line.start.first_day()
    if rule is None or not is_recent(start, rule.due_days, dt.date.today()):
        return
    if _appointment_owed(session, line.cadre_id, start):
        return
    text = f"新任职经历：{line.start}-- {line.text}"
    raise_event(session, ctx, line.cadre_id, Code.APPOINTMENT, text, start, origin="resume")


def training_added(session: Session, ctx: ServiceContext, training: Training) -> None:
    """A training record of a kind the 青干班 rule counts owes a 青干班 talk (from its start)."""
    rule = active_rule(session, Code.YOUTH_CLASS)
    if rule is None or training.archived_at is not None:
        return
    if training.kind not in split_kinds(rule.training_kinds):
        return
    start = training.start_date or dt.date.today()
    if not is_recent(start, rule.due_days, dt.date.today()):
        return
    text = f"参加{training.kind}：{training.name}"
    raise_event(session, ctx, training.cadre_id, Code.YOUTH_CLASS, text, start, "training", training.id)


# --- reading -------------------------------------------------------------------------------------


def _query() -> Any:
    return (
        select(Obligation, Cadre.name, Cadre.unit_id, Unit.name)
        .join(Cadre, Cadre.id == Obligation.cadre_id)
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
    )


def _view(found: Any, today: dt.date) -> ObligationView:
    """The view of one `_query()` row (obligation, cadre name, unit id, unit name)."""
    row: Obligation = found[0]
    name, unit_id, unit = found[1], found[2], found[3]
    created = row.created_at.astimezone().date() if row.created_at.tzinfo else row.created_at.date()
    return ObligationView(
        id=row.id,
        version=row.version,
        cadre_id=row.cadre_id,
        cadre_name=name,
        unit_id=unit_id,
        unit_name=unit or "",
        rule=row.rule,
        event=row.event,
        event_date=row.event_date,
        created=created,
        due_date=row.due_date,
        state=row.state,
        overdue=is_overdue(row.state, row.due_date, today),
        talk_id=row.talk_id,
        talk_kind=row.talk_kind,
        talker=row.talker,
        reason=row.reason,
        origin=row.origin,
        merged_into_id=row.merged_into_id,
    )


def list_obligations(
    ctx: ServiceContext,
    *,
    unit_id: int | None = None,
    cadre_id: int | None = None,
    states: Sequence[str] | None = None,
    overdue_only: bool = False,
    talker: str | None = None,
    today: dt.date | None = None,
    limit: int | None = None,
) -> list[ObligationView]:
    """Obligations, the most urgent first (by due date), filtered as asked."""
    access.require(ctx, Permission.RECORDS_READ)
    day = _today(today)
    stmt = _query().where(Cadre.archived_at.is_(None))
    if unit_id is not None:
        stmt = stmt.where(Cadre.unit_id == unit_id)
    if cadre_id is not None:
        stmt = stmt.where(Obligation.cadre_id == cadre_id)
    if overdue_only:
        stmt = stmt.where(Obligation.state == State.PENDING, Obligation.due_date < day)
    elif states:
        stmt = stmt.where(Obligation.state.in_(list(states)))
    if talker is not None:
        stmt = stmt.where(Obligation.talker == talker)
    stmt = stmt.order_by(Obligation.due_date, Obligation.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    with ctx.db.read() as session:
        return [_view(found, day) for found in session.execute(stmt)]


def open_counts(ctx: ServiceContext, today: dt.date | None = None) -> tuple[int, int]:
    """(待谈, of them 逾期) over cadres in service, for 工作台."""
    access.require(ctx, Permission.RECORDS_READ)
    day = _today(today)
    stmt = (
        select(
            func.count(Obligation.id),
            func.coalesce(func.sum(case((Obligation.due_date < day, 1), else_=0)), 0),
        )
        .join(Cadre, Cadre.id == Obligation.cadre_id)
        .where(Obligation.state == State.PENDING, Cadre.archived_at.is_(None))
    )
    with ctx.db.read() as session:
        total, late = session.execute(stmt).one()
    return int(total or 0), int(late or 0)


def get_obligation(ctx: ServiceContext, obligation_id: int, today: dt.date | None = None) -> ObligationView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        found = session.execute(_query().where(Obligation.id == obligation_id)).first()
        if found is None:
            raise NotFoundError("应谈事项", obligation_id)
        return _view(found, _today(today))


def talk_draft(ctx: ServiceContext, obligation_id: int) -> TalkDraft:
    """The talk editor's pre-filled values for an obligation (kind, subject, talker by rule, recorder)."""
    access.require(ctx, Permission.RECORDS_READ)
    view = get_obligation(ctx, obligation_id)
    return TalkDraft(
        view.id, view.talk_kind, view.cadre_id, view.cadre_name, view.talker, ctx.operator, view.event
    )


# --- changing --------------------------------------------------------------------------------------


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
    found = session.execute(_query().where(Obligation.id == row.id)).one()
    return _view(found, dt.date.today())


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
    if len(text) > _EVENT_MAX:
        raise ValidationError({"note": f"最多 {_EVENT_MAX} 字"})
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
        found = session.execute(_query().where(Obligation.id == new_id)).one()
        return _view(found, dt.date.today())


# --- the rule table in 设置 → 规则 ---------------------------------------------------------------


def _check_rule(session: Session, row: ObligationRule | None, values: dict[str, Any]) -> dict[str, str]:
    code = row.code if row is not None else values.get("code")
    kinds = values.get("training_kinds", row.training_kinds if row is not None else "")
    if code == Code.YOUTH_CLASS and not kinds:
        return {"training_kinds": "青干班规则至少要计入一种培训类别"}
    return {}


rule_tables.register(
    rule_tables.RuleTable(
        key="obligation_rule",
        title="三必谈（应谈规则）",
        model=ObligationRule,
        columns=(
            rule_tables.RuleColumn("code", "事由", editable=False),
            rule_tables.RuleColumn("talk_kind", "谈话类型", rule_tables.CHOICE, choices=tuple(TalkKind)),
            rule_tables.RuleColumn("due_days", "期限（天）", rule_tables.INT, minimum=1, maximum=365),
            rule_tables.RuleColumn("talker", "谈话人", max_length=100, help="按规则由谁谈，如“分管领导”"),
            rule_tables.RuleColumn(
                "training_kinds",
                "计入青干班的培训类别",
                rule_tables.MULTI,
                choices=TRAINING_KINDS,
                required=False,
                help="只对青干班规则有效",
            ),
        ),
        description="任职交流必谈、参加青干班学习必谈、出现苗头性倾向性问题必谈：事件发生后多少天内由谁谈；停用即不再生成应谈",
        check=_check_rule,
        order=20,
    )
)


# --- 回溯: events of a past period that no talk answered ------------------------------------------


@dataclass(frozen=True)
class PastEvent:
    cadre_id: int
    cadre_name: str
    unit_name: str
    rule: str
    event: str
    event_date: dt.date
    origin: str
    origin_id: int

    def as_json(self) -> dict[str, Any]:
        return {
            "cadre_id": self.cadre_id,
            "cadre_name": self.cadre_name,
            "unit": self.unit_name,
            "rule": self.rule,
            "event": self.event,
            "date": format_date(self.event_date),
        }


def _no_talk(kind: str, cadre_col: Any, after: Any) -> Any:
    """No talk of `kind` with the cadre meeting `after` (a condition on Talk.talk_at) (SQL)."""
    return ~(
        select(TalkSubject.id)
        .join(Talk, Talk.id == TalkSubject.talk_id)
        .where(TalkSubject.cadre_id == cadre_col, Talk.kind == kind, Talk.archived_at.is_(None), after)
        .exists()
    )


def _no_obligation(rule: str, cadre_col: Any) -> Any:
    return ~select(Obligation.id).where(Obligation.cadre_id == cadre_col, Obligation.rule == rule).exists()


def lookback(ctx: ServiceContext, start: dt.date, end: dt.date, limit: int = 5000) -> list[PastEvent]:
    """回溯: the 任职 (a new main 简历 line, neither a cadre's first nor the first job) and 青干班 events
    of [start, end] with no talk of the rule's kind since, and no obligation of that rule for the cadre
    (oldest first)."""
    access.require(ctx, Permission.RECORDS_READ)
    if end < start:
        raise ValidationError({"end": "结束日期早于开始日期"})
    out: list[PastEvent] = []
    with ctx.db.read() as session:
        appointment = active_rule(session, Code.APPOINTMENT)
        if appointment is not None:
            other = aliased(ResumeEntry)
            first = (
                select(func.min(other.start))
                .where(other.cadre_id == Cadre.id, other.archived_at.is_(None))
                .correlate(Cadre)
                .scalar_subquery()
            )
            talk_month = extract("year", Talk.talk_at) * 100 + extract("month", Talk.talk_at)
            rows = session.execute(
                select(ResumeEntry.id, ResumeEntry.start, ResumeEntry.text, Cadre.id, Cadre.name, Unit.name)
                .join(Cadre, Cadre.id == ResumeEntry.cadre_id)
                .outerjoin(Unit, Unit.id == Cadre.unit_id)
                .where(
                    Cadre.archived_at.is_(None),
                    ResumeEntry.archived_at.is_(None),
                    ResumeEntry.parent_id.is_(None),
                    ResumeEntry.start.between(YearMonth.from_date(start), YearMonth.from_date(end)),
                    ResumeEntry.start > first,
                    or_(
                        Cadre.work_start.is_(None), ResumeEntry.start != Cadre.work_start
                    ),  # not the first job
                    _no_obligation(Code.APPOINTMENT, Cadre.id),
                    _no_talk(appointment.talk_kind, Cadre.id, talk_month >= ResumeEntry.start),
                )
                .order_by(ResumeEntry.start, Cadre.id)
                .limit(limit)
            ).all()
            for rid, month, text, cid, name, unit in rows:
                out.append(
                    PastEvent(
                        cid,
                        name,
                        unit or "",
                        Code.APPOINTMENT,
                        f"任职：{month}-- {text}",
                        month.first_day(),
                        "resume",
                        rid,
                    )
                )
        youth = active_rule(session, Code.YOUTH_CLASS)
        if youth is not None:
            trainings = session.execute(
                select(
                    Training.id,
                    Training.start_date,
                    Training.kind,
                    Training.name,
                    Cadre.id,
                    Cadre.name,
                    Unit.name,
                )
                .join(Cadre, Cadre.id == Training.cadre_id)
                .outerjoin(Unit, Unit.id == Cadre.unit_id)
                .where(
                    Cadre.archived_at.is_(None),
                    Training.archived_at.is_(None),
                    Training.kind.in_(split_kinds(youth.training_kinds)),
                    Training.start_date.between(start, end),
                    _no_obligation(Code.YOUTH_CLASS, Cadre.id),
                    _no_talk(youth.talk_kind, Cadre.id, Talk.talk_at >= Training.start_date),
                )
                .order_by(Training.start_date, Cadre.id)
                .limit(limit)
            ).all()
            for tid, day, kind, title, cid, name, unit in trainings:
                event = f"参加{kind}：{title}"
                assert day is not None  # between() leaves NULL out
                out.append(PastEvent(cid, name, unit or "", Code.YOUTH_CLASS, event, day, "training", tid))
    out.sort(key=lambda e: (e.event_date, e.cadre_id))
    return out[:limit]


def raise_past(ctx: ServiceContext, events: Sequence[PastEvent]) -> int:
    """Register 回溯 events as obligations (due from their own date, so usually already 逾期)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    made = 0
    with ctx.db.uow() as session:
        for e in events:
            if raise_event(session, ctx, e.cadre_id, e.rule, e.event, e.event_date, e.origin, e.origin_id):
                made += 1
    return made


# --- the warning ladder of one cadre (提醒 → 函询 → 诫勉 → 调整) -------------------------------------


@dataclass(frozen=True)
class EscalationStep:
    day: dt.date
    step: str  # 苗头, or a rung of ESCALATION_LADDER (提醒 / 函询 / 诫勉 / 调整)
    text: str
    record_kind: str  # obligation, talk, barometer
    record_id: int


_TALK_RUNGS = {TalkKind.REMINDER.value: "提醒", TalkKind.ADMONITION.value: "诫勉"}
_DISPOSAL_RUNGS = {"提醒谈话": "提醒", "函询": "函询", "诫勉": "诫勉", "调整岗位": "调整"}


def escalation(ctx: ServiceContext, cadre_id: int) -> list[EscalationStep]:
    """What exists of the ladder for a cadre, oldest first: 苗头 obligations, 提醒 / 诫勉 talks, and the
    barometer's 处置 (提醒谈话 / 函询 / 诫勉 / 调整岗位) of each period."""
    access.require_cadre(ctx, cadre_id)  # the profile's 应谈 tab (a 导师: his mentees')
    steps: list[EscalationStep] = []
    with ctx.db.read() as session:
        for o in session.scalars(
            select(Obligation).where(Obligation.cadre_id == cadre_id, Obligation.rule == Code.WARNING_SIGN)
        ):
            steps.append(EscalationStep(o.event_date, "苗头", f"{o.event}（{o.state}）", "obligation", o.id))
        for t in session.scalars(
            select(Talk)
            .join(TalkSubject, TalkSubject.talk_id == Talk.id)
            .where(
                TalkSubject.cadre_id == cadre_id,
                Talk.kind.in_(list(_TALK_RUNGS)),
                Talk.archived_at.is_(None),
            )
        ):
            steps.append(
                EscalationStep(
                    t.talk_at.date(), _TALK_RUNGS[t.kind], f"{t.kind}（{t.talkers}）", "talk", t.id
                )
            )
        rows = session.execute(
            select(BarometerEntry.id, BarometerEntry.disposal, BarometerEntry.disposal_way,
                   BarometerEntry.follow_up, BarometerPeriod.code, BarometerPeriod.end)
            .join(BarometerPeriod, BarometerPeriod.id == BarometerEntry.period_id)
            .where(BarometerEntry.cadre_id == cadre_id, BarometerEntry.disposal.in_(list(_DISPOSAL_RUNGS)))
        ).all()  # fmt: skip
        for entry_id, disposal, way, follow_up, code, end in rows:
            text = (
                f"晴雨表 {code} 处置：{disposal}"
                + (f"（{way}）" if way else "")
                + (f"；{follow_up}" if follow_up else "")
            )
            steps.append(EscalationStep(end, _DISPOSAL_RUNGS[disposal], text, "barometer", entry_id))
    steps.sort(key=lambda s: (s.day, s.record_kind, s.record_id))
    return steps
