"""三必谈: the states of an owed talk (应谈) and the pure rules around them.

The rules themselves (due days, the talk kind each needs, who talks, which training kinds count as 青干班)
are local and live in the `obligation_rule` table; this module only knows the fixed vocabulary.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class ObligationState(StrEnum):
    PENDING = "待谈"
    TALKED = "已谈"  # a talk is linked
    CLOSED = "已闭环"  # the talk's follow-ups are done
    WAIVED = "免谈"  # with a reason
    MERGED = "合并"  # settled by another obligation of the same cadre, with a reason


class ObligationRuleCode(StrEnum):
    APPOINTMENT = "任职"
    TRANSFER = "交流"
    YOUTH_CLASS = "青干班"
    WARNING_SIGN = "苗头"


OPEN_STATES = (ObligationState.PENDING,)
SETTLED_STATES = (ObligationState.TALKED, ObligationState.CLOSED)
# Allowed moves; 逾期 is not a state (it is computed: still 待谈 after the due date).
TRANSITIONS: dict[ObligationState, tuple[ObligationState, ...]] = {
    ObligationState.PENDING: (ObligationState.TALKED, ObligationState.WAIVED, ObligationState.MERGED),
    ObligationState.TALKED: (ObligationState.CLOSED, ObligationState.PENDING),
    ObligationState.CLOSED: (ObligationState.TALKED,),
    ObligationState.WAIVED: (ObligationState.PENDING,),
    ObligationState.MERGED: (ObligationState.PENDING,),
}

# The warning ladder of 苗头性倾向性问题 (党内监督条例 art. 21; 函询 / 诫勉 rules; 能上能下 rules), in order.
ESCALATION_LADDER = ("提醒", "函询", "诫勉", "调整")


def can_move(current: str, wanted: str) -> bool:
    try:
        return ObligationState(wanted) in TRANSITIONS[ObligationState(current)]
    except ValueError:
        return False


def due_date(event_date: dt.date, due_days: int) -> dt.date:
    return event_date + dt.timedelta(days=due_days)


def is_overdue(state: str, due: dt.date, today: dt.date) -> bool:
    """Still 待谈 after the due day (the due day itself is not late)."""
    return state == ObligationState.PENDING and due < today


def is_recent(event_date: dt.date, due_days: int, today: dt.date) -> bool:
    """Whether an event coming in now still raises an obligation: one older than its rule's due days
    would be overdue the moment it is created; such history is listed by 回溯 instead."""
    return today - dt.timedelta(days=due_days) <= event_date <= today + dt.timedelta(days=366)


def split_kinds(text: str) -> tuple[str, ...]:
    """Training kinds written `青干班、中青班` (or with commas) as a tuple."""
    for sep in (",", "，", ";", "；", " "):
        text = text.replace(sep, "、")
    return tuple(k for k in (part.strip() for part in text.split("、")) if k)
