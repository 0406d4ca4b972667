"""The 三必谈 rule table (`obligation_rule`): the rule in force for an event, and its entry in 设置 → 规则.

An archived rule is switched off: it raises no obligations.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import ObligationRule
from cadre_desk.domain.obligations import ObligationRuleCode as Code
from cadre_desk.domain.vocab import TRAINING_KINDS, TalkKind
from cadre_desk.services import rule_tables


def active_rule(session: Session, code: str) -> ObligationRule | None:
    """The rule in force for `code` (None: missing or archived, i.e. switched off)."""
    return session.scalars(
        select(ObligationRule).where(ObligationRule.code == code, ObligationRule.archived_at.is_(None))
    ).first()


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
