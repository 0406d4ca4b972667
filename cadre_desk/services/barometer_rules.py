"""The local colour rule table of the 晴雨表 and the colour words: read, change, add, archive (audited).

The defaults ship with the barometer migration (versions/*_barometer.py), each with its source;
nothing of the kind is written in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import BarometerColour, BarometerRule
from cadre_desk.domain import barometer as bd
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import audit
from cadre_desk.services.context import ServiceContext

RULE_FIELDS = ("colour", "indicator", "values", "label", "source", "position")


@dataclass(frozen=True)
class ColourRuleView:
    id: int
    colour: str  # red / yellow
    indicator: str  # an indicator code (domain.barometer.INDICATORS)
    values: str  # 、-separated; blank = any value
    label: str
    source: str
    position: int
    archived: bool
    version: int

    @property
    def indicator_label(self) -> str:
        ind = bd.BY_CODE.get(self.indicator)
        return ind.label if ind else self.indicator


@dataclass(frozen=True)
class ColourWordView:
    id: int
    code: str
    word: str
    source: str
    version: int


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
    return bd.order_rules(
        [bd.ColourRule(r.id, r.colour, r.indicator, split_values(r.values), r.label) for r in rows]
    )


def words_in(session: Session) -> dict[str, str]:
    """The word of each colour code (the shipped default where a row is missing)."""
    words = dict(bd.DEFAULT_WORDS)
    words.update({c: w for c, w in session.execute(select(BarometerColour.code, BarometerColour.word))})
    return words


def colour_words(ctx: ServiceContext) -> dict[str, str]:
    with ctx.db.read() as session:
        return words_in(session)


def _rule_view(r: BarometerRule) -> ColourRuleView:
    return ColourRuleView(
        r.id,
        r.colour,
        r.indicator,
        r.values,
        r.label,
        r.source,
        r.position,
        r.archived_at is not None,
        r.version,
    )


def list_rules(ctx: ServiceContext, archived: bool = False) -> list[ColourRuleView]:
    stmt = select(BarometerRule).order_by(BarometerRule.position, BarometerRule.id)
    if not archived:
        stmt = stmt.where(BarometerRule.archived_at.is_(None))
    with ctx.db.read() as session:
        return [_rule_view(r) for r in session.scalars(stmt)]


def _checked(values: dict[str, object]) -> dict[str, object]:
    errors: dict[str, str] = {}
    out: dict[str, object] = {}
    colour = str(values.get("colour", "")).strip()
    words = {w: c for c, w in bd.DEFAULT_WORDS.items()}
    colour = words.get(colour, colour)
    if colour not in (bd.RED, bd.YELLOW):
        errors["colour"] = "规则的颜色应为红或黄（其余为绿）"
    indicator = str(values.get("indicator", "")).strip()
    by_label = {i.label: i.code for i in bd.INDICATORS}
    indicator = by_label.get(indicator, indicator)
    ind = bd.BY_CODE.get(indicator)
    if ind is None:
        errors["indicator"] = f"指标应为 {'、'.join(i.label for i in bd.INDICATORS)} 之一"
    listed = split_values(str(values.get("values", "")))
    if ind is not None and ind.kind == "choice":
        unknown = [v for v in listed if v not in ind.choices]
        if unknown:
            errors["values"] = f"{ind.label}的取值应为 {'、'.join(ind.choices)}（“{'、'.join(unknown)}”不是）"
    if ind is not None and ind.kind == "flag" and listed:
        errors["values"] = f"{ind.label}只有“是”，取值应留空"
    label = str(values.get("label", "")).strip()
    if not label:
        errors["label"] = "请写明规则的含义"
    elif len(label) > 60:
        errors["label"] = "规则说明最多 60 个字"
    if errors:
        raise ValidationError(errors)
    out.update(colour=colour, indicator=indicator, values="、".join(listed), label=label)
    out["source"] = str(values.get("source", "")).strip()
    try:
        out["position"] = int(str(values.get("position", 0) or 0))
    except ValueError:
        raise ValidationError({"position": "顺序应为整数"}) from None
    return out


def add_rule(ctx: ServiceContext, values: dict[str, object]) -> ColourRuleView:
    checked = _checked(values)
    if not checked["source"]:
        checked["source"] = "本部门新增"
    with ctx.db.uow() as session:
        rule = BarometerRule(**checked)
        session.add(rule)
        session.flush()
        audit.record(session, ctx, "create", "barometer_rule", rule.id, rule.uid, checked, rule.label)
        return _rule_view(rule)


def update_rule(
    ctx: ServiceContext, rule_id: int, values: dict[str, object], expected_version: int
) -> ColourRuleView:
    with ctx.db.uow() as session:
        rule = session.get(BarometerRule, rule_id)
        if rule is None:
            raise NotFoundError("晴雨表颜色规则", rule_id)
        if rule.version != expected_version:
            raise ConflictError("晴雨表颜色规则", rule.label, expected_version, rule.version)
        before = audit.snapshot(rule, RULE_FIELDS)
        checked = _checked({**before, **values})
        edited = any(before[k] != checked[k] for k in RULE_FIELDS[:4])
        if edited and checked["source"] == rule.source and not rule.source.startswith("本部门修改"):
            checked["source"] = "本部门修改；原：" + rule.source
        changes = audit.diff(before, checked)
        if changes:
            for key, value in checked.items():
                setattr(rule, key, value)
            audit.record(session, ctx, "update", "barometer_rule", rule.id, rule.uid, changes, rule.label)
            session.flush()
        return _rule_view(rule)


def archive_rule(ctx: ServiceContext, rule_id: int) -> ColourRuleView:
    """Take a rule out of force (kept, restorable); colours are computed again by `recompute`."""
    return _archive(ctx, rule_id, restore=False)


def restore_rule(ctx: ServiceContext, rule_id: int) -> ColourRuleView:
    return _archive(ctx, rule_id, restore=True)


def _archive(ctx: ServiceContext, rule_id: int, restore: bool) -> ColourRuleView:
    with ctx.db.uow() as session:
        rule = session.get(BarometerRule, rule_id)
        if rule is None:
            raise NotFoundError("晴雨表颜色规则", rule_id)
        if (rule.archived_at is None) == restore:
            return _rule_view(rule)
        rule.archived_at = None if restore else utcnow()
        audit.record(
            session,
            ctx,
            "restore" if restore else "archive",
            "barometer_rule",
            rule.id,
            rule.uid,
            {},
            rule.label,
        )
        session.flush()
        return _rule_view(rule)


def list_colours(ctx: ServiceContext) -> list[ColourWordView]:
    with ctx.db.read() as session:
        rows = {c.code: c for c in session.scalars(select(BarometerColour))}
        return [
            ColourWordView(rows[c].id, c, rows[c].word, rows[c].source, rows[c].version)
            for c in bd.COLOURS
            if c in rows
        ]


def rename_colour(
    ctx: ServiceContext, code: str, word: str, expected_version: int | None = None
) -> ColourWordView:
    """A county's own word for a colour (e.g. 橙 for yellow); every list, grid and print shows it."""
    word = word.strip()
    if not word or len(word) > 10:
        raise ValidationError({"word": "颜色名称应为 1–10 个字"})
    with ctx.db.uow() as session:
        row = session.scalars(select(BarometerColour).where(BarometerColour.code == code)).first()
        if row is None:
            raise NotFoundError("颜色", code)
        if expected_version is not None and row.version != expected_version:
            raise ConflictError("颜色", row.word, expected_version, row.version)
        others = {
            c.word for c in session.scalars(select(BarometerColour).where(BarometerColour.code != code))
        }
        if word in others:
            raise ValidationError({"word": f"“{word}”已是另一种颜色的名称"})
        if word != row.word:
            audit.record(
                session, ctx, "update", "barometer_colour", row.id, row.uid, {"word": [row.word, word]}, word
            )
            row.word = word
            session.flush()
        return ColourWordView(row.id, row.code, row.word, row.source, row.version)
