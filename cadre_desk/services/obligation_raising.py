"""Events raise owed talks (应谈), inside the caller's transaction (never committing).

- `raise_event(session, ctx, cadre_id, rule, event_text, event_date, origin=..., origin_id=...)`:
  an event owes a talk under `rule` (任职 / 交流 / 青干班 / 苗头). The barometer calls it with rule 苗头
  for a yellow or red entry. Returns the obligation id, or None when the rule is switched off
  (archived in 设置 → 规则) or the same event already raised one. A talk already held settles it.
- `after_audit(...)`: called by `audit.record` for every audited write of a cadre, a 简历 line or a
  training record, so that the profile editor, .lrmx and roster imports and exchange packages all
  raise obligations in the one place they all pass through.
- `training_added(session, ctx, training)`: a 青干班 training owes a 青干班 talk (the training import).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, Obligation, ResumeEntry, Training, Unit
from cadre_desk.domain.obligations import ObligationRuleCode as Code
from cadre_desk.domain.obligations import ObligationState as State
from cadre_desk.domain.obligations import due_date, is_recent, split_kinds
from cadre_desk.services import audit
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.obligation_rules import active_rule
from cadre_desk.services.obligation_settling import matching_talks, settle
from cadre_desk.services.obligations import ENTITY

EVENT_MAX = 500


@dataclass(frozen=True)
class Event:
    """An event that may owe a talk: `raise_events` takes many (a barometer import, the 回溯)."""

    cadre_id: int
    rule: str
    text: str
    date: dt.date
    origin: str = "barometer"
    origin_id: int | None = None


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
    raised = raise_events(
        session, ctx, [Event(cadre_id, rule, event_text, event_date, origin, origin_id)], today
    )
    return raised[0] if raised else None


def _key(
    cadre_id: int, rule: str, day: dt.date, origin: str, origin_id: int | None, text: str
) -> tuple[object, ...]:
    """What makes two events the same: the source record when there is one, else the words."""
    if origin_id is not None:
        return (cadre_id, rule, day, origin, origin_id)
    return (cadre_id, rule, day, text)


def raise_events(
    session: Session, ctx: ServiceContext, events: Sequence[Event], today: dt.date | None = None
) -> list[int]:
    """`raise_event` for many events at once (the ids of the obligations raised, in order): one query
    for the rules, one for the obligations already raised, one insert and one audit append, one query
    for the talks already held. An event whose rule is off or that was raised before is skipped."""
    rules = {code: active_rule(session, code) for code in {e.rule for e in events}}
    wanted = [(e, " ".join(e.text.split())[:EVENT_MAX]) for e in events if rules[e.rule] is not None]
    if not wanted:
        return []
    cadre_ids = sorted({e.cadre_id for e, _text in wanted})
    seen: set[tuple[object, ...]] = set()
    for chunk in _chunks(cadre_ids):
        for o in session.execute(
            select(
                Obligation.cadre_id,
                Obligation.rule,
                Obligation.event_date,
                Obligation.origin,
                Obligation.origin_id,
                Obligation.event,
            ).where(Obligation.cadre_id.in_(chunk), Obligation.rule.in_(list(rules)))
        ):
            seen.add(_key(o.cadre_id, o.rule, o.event_date, o.origin, o.origin_id, o.event))
            seen.add(_key(o.cadre_id, o.rule, o.event_date, o.origin, None, o.event))
    rows: list[Obligation] = []
    for e, text in wanted:
        key = _key(e.cadre_id, e.rule, e.date, e.origin, e.origin_id, text)
        if key in seen:
            continue
        seen.update((key, _key(e.cadre_id, e.rule, e.date, e.origin, None, text)))
        rule = rules[e.rule]
        assert rule is not None
        rows.append(
            Obligation(
                cadre_id=e.cadre_id,
                rule=e.rule,
                event=text,
                event_date=e.date,
                due_date=due_date(e.date, rule.due_days),
                origin=e.origin,
                origin_id=e.origin_id,
                talk_kind=rule.talk_kind,
                talker=rule.talker,
                state=State.PENDING,
                reason="",
            )
        )
    if not rows:
        return []
    session.add_all(rows)
    session.flush()
    audit.record_many(
        session,
        ctx,
        [
            audit.Entry(
                "create",
                ENTITY,
                r.id,
                r.uid,
                {"cadre_id": [None, r.cadre_id], "rule": [None, r.rule], "event": [None, r.event]},
                f"应谈（{r.rule}）：{r.event}",
            )
            for r in rows
        ],
    )
    held = matching_talks(session, [(r.cadre_id, r.talk_kind, r.event_date) for r in rows])
    for r in rows:
        talk = held.get((r.cadre_id, r.talk_kind, r.event_date))
        if talk is not None:
            settle(session, ctx, r, talk, today or dt.date.today())
    return [r.id for r in rows]


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


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
