"""The county's list of 容错情形 (ToleranceRule): read, add, reword, archive and restore, each audited.

The defaults ship with the migration that created the table (0010), each with its source; a 情形 a case
was assessed against is never deleted, only archived (it stays on that case, and off new choices).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.db.models import ToleranceRule
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services import rule_tables as rt
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import FieldErrors

ENTITY = "tolerance_rule"


def require_tolerance(ctx: ServiceContext) -> None:
    """The permission 容错案件 that every service of the fault-tolerance cases needs."""
    access.require(ctx, Permission.TOLERANCE)


@dataclass(frozen=True)
class ToleranceRuleView:
    id: int
    key: str
    text: str
    source: str
    position: int
    archived: bool
    version: int


def _view(r: ToleranceRule) -> ToleranceRuleView:
    return ToleranceRuleView(r.id, r.key, r.text, r.source, r.position, r.archived_at is not None, r.version)


def rules_in(session: Session, archived: bool = False) -> list[ToleranceRuleView]:
    stmt = select(ToleranceRule).order_by(ToleranceRule.position, ToleranceRule.id)
    if not archived:
        stmt = stmt.where(ToleranceRule.archived_at.is_(None))
    return [_view(r) for r in session.scalars(stmt)]


def list_rules(ctx: ServiceContext, archived: bool = False) -> list[ToleranceRuleView]:
    """The 情形 in force (with `archived`, the archived ones too), in the county's order."""
    require_tolerance(ctx)
    with ctx.db.read() as session:
        return rules_in(session, archived)


def _text(text: str) -> str:
    errs = FieldErrors()
    cleaned = errs.text("text", text, "容错情形", required=True, column=ToleranceRule.text)
    errs.raise_if_any()
    return cleaned


def add_rule(ctx: ServiceContext, text: str, source: str = "本部门增加") -> ToleranceRuleView:
    require_tolerance(ctx)
    cleaned = _text(text)
    errs = FieldErrors()
    source = errs.text("source", source, "来源", column=ToleranceRule.source)
    errs.raise_if_any()
    with ctx.db.uow() as session:
        if session.scalar(select(ToleranceRule.id).where(ToleranceRule.text == cleaned)) is not None:
            raise ValidationError({"text": f"容错情形“{cleaned[:30]}”已在清单中"})
        position = int(session.scalar(select(func.coalesce(func.max(ToleranceRule.position), -1))) or 0) + 1
        rule = ToleranceRule(text=cleaned, source=source, position=position)
        session.add(rule)
        session.flush()
        audit.record(
            session, ctx, "create", ENTITY, rule.id, rule.uid, {"text": [None, cleaned]}, cleaned[:60]
        )
        return _view(rule)


def _load(session: Session, rule_id: int, expected_version: int | None) -> ToleranceRule:
    rule = session.get(ToleranceRule, rule_id)
    if rule is None:
        raise NotFoundError("容错情形", rule_id)
    if expected_version is not None and rule.version != expected_version:
        raise ConflictError("容错情形", rule.text[:20], expected_version, rule.version)
    return rule


def update_rule(ctx: ServiceContext, rule_id: int, text: str, expected_version: int) -> ToleranceRuleView:
    """Reword a 情形 (its source then says the department changed it)."""
    require_tolerance(ctx)
    cleaned = _text(text)
    with ctx.db.uow() as session:
        rule = _load(session, rule_id, expected_version)
        if cleaned != rule.text:
            audit.record(
                session,
                ctx,
                "update",
                ENTITY,
                rule.id,
                rule.uid,
                {"text": [rule.text, cleaned]},
                cleaned[:60],
            )
            rule.text = cleaned
            if not rule.source.startswith("本部门修改"):
                rule.source = ("本部门修改；原：" + rule.source)[:500]
            session.flush()
        return _view(rule)


def _set_archived(ctx: ServiceContext, rule_id: int, archived: bool) -> ToleranceRuleView:
    """Take a 情形 off the list (cases assessed against it keep it) or put it back."""
    require_tolerance(ctx)
    with ctx.db.uow() as session:
        rule = _load(session, rule_id, None)
        audit.mark_archived(session, ctx, ENTITY, rule, archived, rule.text[:60])
        return _view(rule)


def archive_rule(ctx: ServiceContext, rule_id: int) -> ToleranceRuleView:
    """Take a 情形 off the list (cases assessed against it keep it); `restore_rule` puts it back."""
    return _set_archived(ctx, rule_id, True)


def restore_rule(ctx: ServiceContext, rule_id: int) -> ToleranceRuleView:
    return _set_archived(ctx, rule_id, False)


def _check_row(session: Session, row: ToleranceRule | None, values: dict[str, object]) -> dict[str, str]:
    """设置 → 规则: a 情形 is listed once."""
    text = str(values.get("text", "")).strip()
    clash = session.scalar(
        select(ToleranceRule.id).where(
            ToleranceRule.text == text, ToleranceRule.id != (row.id if row else -1)
        )
    )
    return {"text": f"容错情形“{text[:30]}”已在清单中"} if clash is not None else {}


rt.register(
    rt.RuleTable(
        key=ENTITY,
        title="容错情形",
        model=ToleranceRule,
        columns=(
            rt.RuleColumn("text", "容错情形", max_length=500),
            rt.RuleColumn("key", "代码", editable=False),
        ),
        description="认定容错时对照的本县容错情形清单（地方做法）；停用的情形不再供新案件选择，已认定的案件保留",
        can_add=True,
        check=_check_row,
        order=70,
    )
)
