"""The local colour rule table of the 晴雨表 and the colour words, registered with 设置 → 规则
(services.rule_tables edits, audits and archives them).

The defaults ship with the barometer migration (versions/*_barometer.py), each with its source;
nothing of the kind is written in Python. A rule row names its colour with the canonical word (红 / 黄)
and its indicator by label (信访举报); `values` is 、-joined (blank = any value recorded).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import BarometerColour, BarometerRule
from cadre_desk.domain import barometer as bd
from cadre_desk.services import access, rule_tables
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

RULE_TABLE = "barometer_rule"
COLOUR_TABLE = "barometer_colour"


@dataclass(frozen=True)
class ColourRuleView:
    id: int
    colour: str  # red / yellow
    indicator: str  # the indicator's label
    values: str  # 、-separated; blank = any value
    label: str
    source: str
    archived: bool


def split_values(text: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in text.replace("，", "、").replace(",", "、").split("、") if v.strip())


def rules_in(session: Session) -> list[bd.ColourRule]:
    """The rules in force, red before yellow, each in the table's order."""
    rows = session.execute(
        select(BarometerRule.id, BarometerRule.colour, BarometerRule.indicator, BarometerRule.values,
               BarometerRule.label)
        .where(BarometerRule.archived_at.is_(None))
        .order_by(BarometerRule.position, BarometerRule.id)
    ).all()  # fmt: skip
    rules = [
        bd.ColourRule(
            r.id, bd.RULE_COLOURS[r.colour], bd.BY_LABEL[r.indicator].code, split_values(r.values), r.label
        )
        for r in rows
        if r.colour in bd.RULE_COLOURS and r.indicator in bd.BY_LABEL
    ]
    return bd.order_rules(rules)


def words_in(session: Session) -> dict[str, str]:
    """The word of each colour code (the shipped default where a row is missing)."""
    words = dict(bd.DEFAULT_WORDS)
    words.update({c: w for c, w in session.execute(select(BarometerColour.code, BarometerColour.word))})
    return words


def colour_words(ctx: ServiceContext) -> dict[str, str]:
    access.require(ctx, Permission.SIGNED_IN)
    with ctx.db.read() as session:
        return words_in(session)


def list_rules(ctx: ServiceContext) -> list[ColourRuleView]:
    """The rules in force in the table's order (printed under the 联席研判表)."""
    access.require(ctx, Permission.SIGNED_IN)
    stmt = (
        select(BarometerRule)
        .where(BarometerRule.archived_at.is_(None))
        .order_by(BarometerRule.position, BarometerRule.id)
    )
    with ctx.db.read() as session:
        return [
            ColourRuleView(r.id, bd.RULE_COLOURS.get(r.colour, r.colour), r.indicator, r.values, r.label,
                           r.source, r.archived_at is not None)
            for r in session.scalars(stmt)
        ]  # fmt: skip


def _check_rule(session: Session, row: Any, typed: dict[str, Any]) -> dict[str, str]:
    indicator = bd.BY_LABEL.get(typed.get("indicator", getattr(row, "indicator", "")))
    values = split_values(typed.get("values", getattr(row, "values", "")))
    if indicator is None:
        return {}
    if indicator.kind == "choice":
        unknown = [v for v in values if v not in indicator.choices]
        if unknown:
            allowed = "、".join(indicator.choices)
            return {"values": f"{indicator.label}的取值应为 {allowed}（“{'、'.join(unknown)}”不是）"}
    elif values and indicator.kind == "flag":
        return {"values": f"{indicator.label}只有“是”，取值应留空"}
    return {}


def _check_word(session: Session, row: Any, typed: dict[str, Any]) -> dict[str, str]:
    word = typed.get("word")
    if word is None:
        return {}
    others = session.scalars(select(BarometerColour.word).where(BarometerColour.id != row.id)).all()
    return {"word": f"“{word}”已是另一种颜色的名称"} if word in others else {}


rule_tables.register(
    rule_tables.RuleTable(
        key=RULE_TABLE,
        title="晴雨表颜色规则",
        model=BarometerRule,
        columns=(
            rule_tables.RuleColumn("colour", "颜色", rule_tables.CHOICE, choices=tuple(bd.RULE_COLOURS)),
            rule_tables.RuleColumn(
                "indicator", "指标", rule_tables.CHOICE, choices=tuple(i.label for i in bd.INDICATORS)
            ),
            rule_tables.RuleColumn(
                "values", "取值", rule_tables.MULTI, required=False,
                help="用“、”分隔，如“待核、属实”；留空表示有任何记载即触发",
            ),
            rule_tables.RuleColumn("label", "含义", max_length=60),
        ),
        description="干部监管晴雨表：某项指标为所列取值时列红或黄（红优先于黄，同色按顺序），其余为绿；"
        "修改后在晴雨表中“重新计算”",
        can_add=True,
        check=_check_rule,
        order=30,
    )
)  # fmt: skip
rule_tables.register(
    rule_tables.RuleTable(
        key=COLOUR_TABLE,
        title="晴雨表颜色名称",
        model=BarometerColour,
        columns=(
            rule_tables.RuleColumn("meaning", "级别", editable=False),
            rule_tables.RuleColumn("word", "显示和打印的名称", max_length=10),
        ),
        description="各地对预警颜色的叫法不同，可以改名；屏幕和打印件都用这里的名称",
        order_by=("id",),
        check=_check_word,
        order=31,
    )
)
