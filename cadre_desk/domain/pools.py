"""Young-cadre and reserve pools (好苗子, 优秀年轻干部, 后备干部): the states of an entry and which moves
between them are allowed, the entry channels, the development measures and the review flags.

The pools themselves and their age caps are local (the `talent_pool` table, shipped defaults with
their source); what is here is the vocabulary every county uses (../shared/domain/supervision.md).
"""

from __future__ import annotations

from enum import StrEnum

from cadre_desk.domain.yearmonth import YearMonth, age_at


class PoolState(StrEnum):
    IN_POOL = "在库"
    CANDIDATE = "列为考察对象"
    USED = "已使用"
    EXITED = "退出"


class ExitReason(StrEnum):
    OVER_AGE = "超龄"
    ASSESSMENT = "考核"
    DISCIPLINE = "处分"
    OWN_REQUEST = "本人"
    TRANSFERRED = "调出"


class Channel(StrEnum):
    RECOMMENDED = "推荐"
    TESTED = "测试"
    INSPECTED = "考察"
    KNOWN = "组织掌握"


class MeasureKind(StrEnum):
    SECONDMENT = "挂职"
    ROTATION = "轮岗"
    KEY_TASK = "重点工作抽调"
    TRAINING = "培训"
    MENTORING = "帮带"


class Flag(StrEnum):
    """Why an active entry should be reviewed. A fault-tolerance (容错) ruling is never one of them."""

    OVER_AGE = "超龄"
    ASSESSMENT = "考核低于称职"
    DISCIPLINE = "处分"
    BAROMETER_RED = "晴雨表红色"


ACTIVE_STATES = (PoolState.IN_POOL, PoolState.CANDIDATE)
CLOSED_STATES = (PoolState.USED, PoolState.EXITED)

# state → the states it may move to (在库 → 列为考察对象 → 已使用 | 退出; 考察对象 may go back to 在库
# when the inspection does not lead to use). 已使用 and 退出 are final: a cadre who comes back is a new entry.
TRANSITIONS: dict[PoolState, tuple[PoolState, ...]] = {
    PoolState.IN_POOL: (PoolState.CANDIDATE, PoolState.USED, PoolState.EXITED),
    PoolState.CANDIDATE: (PoolState.IN_POOL, PoolState.USED, PoolState.EXITED),
    PoolState.USED: (),
    PoolState.EXITED: (),
}

# Assessment grades below 称职 (不确定等次 is not a grade and raises no flag).
GRADES_BELOW_COMPETENT = ("基本称职", "不称职")


def can_move(current: str, target: str) -> bool:
    try:
        return PoolState(target) in TRANSITIONS[PoolState(current)]
    except ValueError:
        return False


def over_age(birth: YearMonth, cap: int, at: YearMonth) -> bool:
    """Past the cap at the reference month: "X岁以下" means a completed age of at most X."""
    return age_at(birth, at) > cap
