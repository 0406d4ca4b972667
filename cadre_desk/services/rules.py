"""Local rules (LocalRule): read them with their source, change one (audited).

The defaults ship with the migration that created the table; `DEFAULTS` repeats their values so that a
rule a database lacks still has its shipped value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import LocalRule
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit, rule_tables
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

LEADERSHIP_EXIT = "leadership_exit_age"
RETIREMENT = "retirement"
TRAINING = "training"

DEFAULTS: dict[tuple[str, str], float] = {
    (LEADERSHIP_EXIT, "principal"): 58.0,
    (LEADERSHIP_EXIT, "deputy"): 57.0,
    (LEADERSHIP_EXIT, "warn_months"): 6.0,
    (RETIREMENT, "women_county_age"): 60.0,
    (TRAINING, "day_hours"): 6.0,
    (TRAINING, "plan_start"): 2023.0,
    (TRAINING, "rolling"): 0.0,
}
# Allowed values of each rule (inclusive bounds), so that a typo cannot make every cadre retire at 5.
_BOUNDS: dict[tuple[str, str], tuple[float, float]] = {
    (LEADERSHIP_EXIT, "principal"): (45, 65),
    (LEADERSHIP_EXIT, "deputy"): (45, 65),
    (LEADERSHIP_EXIT, "warn_months"): (0, 36),
    (RETIREMENT, "women_county_age"): (55, 60),
    (TRAINING, "day_hours"): (1, 12),
    (TRAINING, "plan_start"): (2000, 2100),
    (TRAINING, "rolling"): (0, 1),
}
_CHOICES: dict[tuple[str, str], tuple[float, ...]] = {
    (RETIREMENT, "women_county_age"): (55.0, 60.0),
    (TRAINING, "rolling"): (0.0, 1.0),
}


@dataclass(frozen=True)
class RuleView:
    id: int
    category: str
    key: str
    value: float
    label: str
    source: str
    version: int


def values(session: Session, category: str) -> dict[str, float]:
    """The rules of `category` by key, the shipped default where a row is missing."""
    out = {key: value for (cat, key), value in DEFAULTS.items() if cat == category}
    for key, value in session.execute(
        select(LocalRule.key, LocalRule.value).where(LocalRule.category == category)
    ):
        out[key] = value
    return out


def list_rules(ctx: ServiceContext, category: str | None = None) -> list[RuleView]:
    access.require(ctx, Permission.SIGNED_IN)
    stmt = select(LocalRule).order_by(LocalRule.position, LocalRule.id)
    if category is not None:
        stmt = stmt.where(LocalRule.category == category)
    with ctx.db.read() as session:
        return [
            RuleView(r.id, r.category, r.key, r.value, r.label, r.source, r.version)
            for r in session.scalars(stmt)
        ]


def set_rule(ctx: ServiceContext, rule_id: int, value: float, expected_version: int) -> RuleView:
    """Change one rule's value (its source then says the department changed it)."""
    access.require(ctx, Permission.SETTINGS)
    with ctx.db.uow() as session:
        rule = session.get(LocalRule, rule_id)
        if rule is None:
            raise NotFoundError("规则", rule_id)
        if rule.version != expected_version:
            raise ConflictError("规则", rule.label, expected_version, rule.version)
        lo, hi = _BOUNDS.get((rule.category, rule.key), (-math.inf, math.inf))
        choices = _CHOICES.get((rule.category, rule.key))
        if not lo <= value <= hi or (choices is not None and value not in choices):
            allowed = "、".join(f"{c:g}" for c in choices) if choices else f"{lo:g}–{hi:g}"
            raise ValidationError({"value": f"{rule.label}应为 {allowed}（现为 {value:g}）"})
        if value != rule.value:
            audit.record(
                session,
                ctx,
                "update",
                "local_rule",
                rule.id,
                rule.uid,
                {"value": [rule.value, value]},
                rule.label,
            )
            rule.value = value
            if not rule.source.startswith("本部门修改"):
                rule.source = (
                    f"本部门修改（原默认值 {DEFAULTS.get((rule.category, rule.key), value):g}）；"
                    + rule.source
                )
            session.flush()
        return RuleView(rule.id, rule.category, rule.key, rule.value, rule.label, rule.source, rule.version)


def _check(session: Session, row: LocalRule | None, values: dict[str, object]) -> dict[str, str]:
    if row is None or "value" not in values:
        return {}
    value = float(values["value"])  # type: ignore[arg-type]  # coerced by rule_tables (FLOAT)
    lo, hi = _BOUNDS.get((row.category, row.key), (-math.inf, math.inf))
    choices = _CHOICES.get((row.category, row.key))
    if not lo <= value <= hi or (choices is not None and value not in choices):
        allowed = "、".join(f"{c:g}" for c in choices) if choices else f"{lo:g}–{hi:g}"
        return {"value": f"{row.label}应为 {allowed}（现为 {value:g}）"}
    return {}


rule_tables.register(
    rule_tables.RuleTable(
        key="local_rule",
        title="到龄与培训",
        model=LocalRule,
        columns=(
            rule_tables.RuleColumn("label", "规则", editable=False),
            rule_tables.RuleColumn("value", "值", rule_tables.FLOAT),
        ),
        description="退出领导岗位年龄、提前预警月数、女性县处级干部原退休年龄、培训学时折算与五年周期",
        check=_check,
        order=10,
    )
)
