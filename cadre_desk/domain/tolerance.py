"""容错纠错: the national frame of a fault-tolerance case (no I/O).

National: the 三个区分开来 (2018 激励干部担当作为的意见) and 中国共产党问责条例 (2019) art. 17 (不予问责 /
免予问责) and art. 18 (从轻 / 减轻). Local: the list of 容错情形 (a rule table in the database).
The procedure: 申请 → 受理 (or 不予受理 with reasons) → 核实 → 认定 → 纠错整改 → 归档.
"""

from __future__ import annotations

from enum import StrEnum


class CaseState(StrEnum):
    REGISTERED = "登记"
    ACCEPTED = "受理"
    REJECTED = "不予受理"
    VERIFYING = "核实中"
    RULED = "已认定"
    CORRECTING = "纠错整改中"
    ARCHIVED = "已归档"


class Ruling(StrEnum):
    EXEMPT = "免予问责"  # 问责条例 art. 17
    NOT_ACCOUNTABLE = "不予问责"  # art. 17
    LIGHTER = "从轻"  # art. 18
    REDUCED = "减轻"  # art. 18
    NOT_TOLERATED = "不予容错"


class Origin(StrEnum):
    SELF = "本人申请"
    UNIT = "单位申请"
    WITH_ACCOUNTABILITY = "问责机关一并核查"


# A 免责 ruling: not counted negatively in 考核, 评优, 选任, 职级晋升 or 后备 status.
EXEMPTING: frozenset[Ruling] = frozenset({Ruling.EXEMPT, Ruling.NOT_ACCOUNTABLE})

# The allowed moves of the procedure; everything else is refused by the service.
TRANSITIONS: dict[CaseState, tuple[CaseState, ...]] = {
    CaseState.REGISTERED: (CaseState.ACCEPTED, CaseState.REJECTED),
    CaseState.ACCEPTED: (CaseState.VERIFYING,),
    CaseState.REJECTED: (CaseState.ARCHIVED,),
    CaseState.VERIFYING: (CaseState.RULED,),
    CaseState.RULED: (CaseState.CORRECTING, CaseState.ARCHIVED),
    CaseState.CORRECTING: (CaseState.ARCHIVED,),
    CaseState.ARCHIVED: (),
}

# The 三个区分开来, as the analysis of a case weighs them (the three pairs of the national text).
THREE_DISTINCTIONS: tuple[tuple[str, str], ...] = (
    ("改革创新中因缺乏经验、先行先试出现的失误", "明知故犯的违纪违法行为"),
    ("上级尚无明确限制的探索性试验中的失误", "上级明令禁止后依然我行我素的违纪违法行为"),
    ("为推动发展的无意过失", "为谋取私利的违纪违法行为"),
)

# The five points of the analysis (field name, label): what the 认定 weighs.
ANALYSIS_POINTS: tuple[tuple[str, str], ...] = (
    ("motive", "动机态度"),
    ("procedure", "决策程序"),
    ("nature", "性质"),
    ("consequence", "后果影响"),
    ("recovery", "挽回损失"),
)


def can_move(state: CaseState, target: CaseState) -> bool:
    return target in TRANSITIONS[state]


def is_exempting(ruling: str | None) -> bool:
    return ruling in EXEMPTING


def is_ruled(state: str) -> bool:
    """A case whose ruling stands (认定 done): 已认定, 纠错整改中, or archived after a ruling."""
    return state in (CaseState.RULED, CaseState.CORRECTING, CaseState.ARCHIVED)
