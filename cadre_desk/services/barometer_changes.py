"""晴雨表 entries changed: a cadre's indicators (the colour computed again at once), a period's colours
recomputed after a rule changed, the 研判 override with its reason, and 处置 with its follow-up. A
reading that turns yellow or red owes a 苗头 talk (三必谈), raised in the same transaction. A published
period is read-only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import BarometerEntry, BarometerPeriod
from cadre_desk.domain import barometer as bd
from cadre_desk.domain.obligations import ObligationRuleCode
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit, barometer_rules, obligation_raising
from cadre_desk.services.access import Permission
from cadre_desk.services.barometer import ENTRY, N_INDICATORS, EntryView, effective_colour, tolerated_in
from cadre_desk.services.barometer_entries import entry_view_in
from cadre_desk.services.barometer_periods import period_in
from cadre_desk.services.context import ServiceContext


def _writable(p: BarometerPeriod) -> None:
    if p.state == bd.PUBLISHED:
        raise ValidationError({"period": f"{p.code} 已发布，不能再修改"})


def _locked_entry(
    session: Session, entry_id: int, expected_version: int
) -> tuple[BarometerEntry, BarometerPeriod]:
    entry = session.get(BarometerEntry, entry_id)
    if entry is None:
        raise NotFoundError("晴雨表记录", entry_id)
    period = session.get(BarometerPeriod, entry.period_id)
    assert period is not None
    _writable(period)
    if entry.version != expected_version:
        raise ConflictError("晴雨表记录", entry_id, expected_version, entry.version)
    return entry, period


def clean_indicators(values: Mapping[str, object]) -> dict[str, str]:
    """The stored form of each given indicator; every bad value is named (ValidationError)."""
    errors: dict[str, str] = {}
    out: dict[str, str] = {}
    for code, raw in values.items():
        if code not in bd.BY_CODE:
            errors[code] = f"没有指标“{code}”"
            continue
        try:
            out[code] = bd.clean_value(code, raw)
        except bd.IndicatorError as exc:
            errors[code] = str(exc)
    if errors:
        raise ValidationError(errors)
    return out


def _apply_reading(entry: BarometerEntry, reading: bd.Reading) -> None:
    entry.colour = reading.colour
    entry.rule_id = reading.rule.id if reading.rule else None
    entry.rule_text = reading.rule_text[:200]


def set_indicators(
    ctx: ServiceContext, entry_id: int, values: Mapping[str, object], expected_version: int
) -> EntryView:
    """Change some indicators of one entry; its colour is computed again at once."""
    access.require(ctx, Permission.RECORDS_WRITE)
    cleaned = clean_indicators(values)
    with ctx.db.uow() as session:
        entry, _period = _locked_entry(session, entry_id, expected_version)
        before = audit.snapshot(entry, tuple(cleaned))
        changes = audit.diff(before, cleaned)
        if not changes:
            return entry_view_in(session, entry_id)
        was = effective_colour(entry)
        for code, value in cleaned.items():
            setattr(entry, code, value)
        current = {code: str(getattr(entry, code)) for code in bd.CODES}
        _apply_reading(entry, bd.evaluate(current, barometer_rules.rules_in(session)))
        audit.record(session, ctx, "update", "barometer_entry", entry.id, entry.uid, changes, "晴雨表指标")
        session.flush()
        raise_warning_signs(session, ctx, [(entry, was)])
        return entry_view_in(session, entry_id)


@dataclass(frozen=True)
class RecomputeResult:
    changed: int
    counts: dict[str, int]


def recompute(ctx: ServiceContext, period_id: int) -> RecomputeResult:
    """Colour every entry of a period again by the rule table as it is now (after a rule changed)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        p = period_in(session, period_id)
        _writable(p)
        changed, counts = recompute_in(session, ctx, p.id)
        audit.record(session, ctx, "update", "barometer_period", p.id, p.uid, {"recomputed": changed},
                     f"重新计算 {p.code} 的颜色：{changed} 人变化")  # fmt: skip
        return RecomputeResult(changed, dict(counts))


def recompute_in(
    session: Session, ctx: ServiceContext, period_id: int, entry_ids: Iterable[int] | None = None
) -> tuple[int, Counter[str]]:
    """Colour the entries of a period (or just `entry_ids`) in the caller's transaction: one read, then
    one executemany of the rows whose colour or rule changed (their version is bumped)."""
    rules = barometer_rules.rules_in(session)
    cols = [ENTRY.c.id, *[ENTRY.c[c] for c in bd.CODES], ENTRY.c.colour, ENTRY.c.rule_id, ENTRY.c.rule_text,
            ENTRY.c.override_colour]  # fmt: skip
    stmt = select(*cols).where(ENTRY.c.period_id == period_id)
    if entry_ids is not None:
        stmt = stmt.where(ENTRY.c.id.in_(list(entry_ids)))
    updates: list[dict[str, Any]] = []
    turned: list[int] = []
    counts: Counter[str] = Counter()
    for row in session.execute(stmt):
        reading = bd.evaluate(dict(zip(bd.CODES, row[1 : 1 + N_INDICATORS], strict=True)), rules)
        colour, rule_id, rule_text, override = row[1 + N_INDICATORS :]
        new_id = reading.rule.id if reading.rule else None
        text = reading.rule_text[:200]
        counts[override or reading.colour] += 1
        if (reading.colour, new_id, text) != (colour, rule_id, rule_text):
            updates.append(
                {"b_id": row[0], "b_colour": reading.colour, "b_rule_id": new_id, "b_rule_text": text}
            )
            if not override and colour == bd.GREEN and reading.colour != bd.GREEN:
                turned.append(row[0])
    if updates:
        now = utcnow()
        stmt_u = (
            update(ENTRY)
            .where(ENTRY.c.id == bindparam("b_id"))
            .values(colour=bindparam("b_colour"), rule_id=bindparam("b_rule_id"),
                    rule_text=bindparam("b_rule_text"), version=ENTRY.c.version + 1, updated_at=now)
        )  # fmt: skip
        session.execute(stmt_u, updates, execution_options={"synchronize_session": False})
    if turned:
        entries = session.scalars(
            select(BarometerEntry)
            .where(BarometerEntry.id.in_(turned))
            .execution_options(populate_existing=True)  # the rows were just updated behind the ORM
        ).all()
        raise_warning_signs(session, ctx, [(e, bd.GREEN) for e in entries])
    return len(updates), counts


def override(
    ctx: ServiceContext, entry_id: int, colour: str, reason: str, expected_version: int
) -> EntryView:
    """The 研判 decision: show `colour` instead of the computed one, with a reason (who and when are kept).
    A blank `colour` withdraws the override."""
    access.require(ctx, Permission.RECORDS_WRITE)
    colour = {w: c for c, w in bd.DEFAULT_WORDS.items()}.get(colour.strip(), colour.strip())
    reason = reason.strip()
    if colour and colour not in bd.COLOURS:
        raise ValidationError({"colour": "研判颜色应为红、黄或绿"})
    if colour and not reason:
        raise ValidationError({"reason": "请写明研判理由"})
    if len(reason) > 500:
        raise ValidationError({"reason": "研判理由最多 500 个字"})
    with ctx.db.uow() as session:
        entry, _period = _locked_entry(session, entry_id, expected_version)
        was = effective_colour(entry)
        before = audit.snapshot(entry, ("override_colour", "override_reason"))
        after = {"override_colour": colour, "override_reason": reason if colour else ""}
        changes = audit.diff(before, after)
        if changes:
            entry.override_colour = after["override_colour"]
            entry.override_reason = after["override_reason"]
            entry.override_by = ctx.operator if colour else ""
            entry.override_at = utcnow() if colour else None
            audit.record(
                session, ctx, "update", "barometer_entry", entry.id, entry.uid, changes, "晴雨表研判"
            )
            session.flush()
            raise_warning_signs(session, ctx, [(entry, was)])
        return entry_view_in(session, entry_id)


def dispose(
    ctx: ServiceContext,
    entry_id: int,
    disposal: str,
    way: str,
    follow_up: str,
    done: bool,
    expected_version: int,
) -> EntryView:
    """处置 of an entry (提醒谈话 / 函询 / 诫勉 / 调整岗位 with its way / 限制使用 / 无) and its follow-up."""
    access.require(ctx, Permission.RECORDS_WRITE)
    disposal, way, follow_up = disposal.strip(), way.strip(), follow_up.strip()
    errors: dict[str, str] = {}
    if disposal and disposal not in bd.DISPOSALS:
        errors["disposal"] = f"处置应为 {'、'.join(bd.DISPOSALS)} 之一"
    if disposal == bd.ADJUSTMENT and way not in bd.ADJUSTMENT_WAYS:
        errors["way"] = f"调整岗位须选择方式：{'、'.join(bd.ADJUSTMENT_WAYS)}"
    if disposal != bd.ADJUSTMENT and way:
        errors["way"] = "只有调整岗位需要选择方式"
    if len(follow_up) > 1000:
        errors["follow_up"] = "后续跟进最多 1000 个字"
    if errors:
        raise ValidationError(errors)
    with ctx.db.uow() as session:
        entry, _period = _locked_entry(session, entry_id, expected_version)
        fields = ("disposal", "disposal_way", "follow_up", "follow_up_done")
        after: dict[str, object] = {"disposal": disposal, "disposal_way": way, "follow_up": follow_up,
                                    "follow_up_done": bool(done and disposal)}  # fmt: skip
        changes = audit.diff(audit.snapshot(entry, fields), after)
        if changes:
            for key, value in after.items():
                setattr(entry, key, value)
            entry.disposed_by = ctx.operator if disposal else ""
            audit.record(
                session, ctx, "update", "barometer_entry", entry.id, entry.uid, changes, "晴雨表处置"
            )
            session.flush()
        return entry_view_in(session, entry_id)


def raise_warning_signs(
    session: Session, ctx: ServiceContext, entries: list[tuple[BarometerEntry, str]]
) -> list[int]:
    """A reading that turned yellow or red (from green) owes a 苗头 talk (三必谈): the obligation is raised
    in the caller's transaction (once per entry). `entries`: (entry, colour it showed before).
    Returns the ids of the obligations raised."""
    turned = entries_turned(entries)
    covered = tolerated_in(session, {e.period_id for e in turned}) if turned else {}
    codes = {
        p.id: p.code
        for p in session.scalars(
            select(BarometerPeriod).where(BarometerPeriod.id.in_({e.period_id for e in turned}))
        )
    }
    today = dt.date.today()
    return obligation_raising.raise_events(
        session,
        ctx,
        [
            obligation_raising.Event(
                entry.cadre_id,
                ObligationRuleCode.WARNING_SIGN,
                f"晴雨表 {codes.get(entry.period_id, '')} 预警：{_warning_reason(entry)}",
                today,
                "barometer",
                entry.id,
            )
            for entry in turned
            # 已容错: a 免责 ruling covers the reading, which counts as green, not as a warning
            if entry.id not in covered.get(entry.period_id, {})
        ],
        today,
    )


def _warning_reason(entry: BarometerEntry) -> str:
    return entry.rule_text or entry.override_reason or "研判列为预警"


def entries_turned(entries: list[tuple[BarometerEntry, str]]) -> list[BarometerEntry]:
    return [e for e, was in entries if was == bd.GREEN and effective_colour(e) != bd.GREEN]
