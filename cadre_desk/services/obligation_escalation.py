"""The warning ladder of one cadre (提醒 → 函询 → 诫勉 → 调整), read from the 苗头 obligations, the
提醒 / 诫勉 talks and the barometer's 处置, for the profile's 应谈 tab.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from cadre_desk.db.models import BarometerEntry, BarometerPeriod, Obligation, Talk, TalkSubject
from cadre_desk.domain.obligations import ObligationRuleCode as Code
from cadre_desk.domain.vocab import TalkKind
from cadre_desk.services import access
from cadre_desk.services.context import ServiceContext


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
