"""Units (单位): create, rename, archive, restore, list."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, Unit
from cadre_desk.domain.vocab import UNIT_KINDS
from cadre_desk.errors import ConflictError, NotFoundError
from cadre_desk.services import audit, search
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import FieldErrors

_FIELDS = ("name", "short_name", "kind", "parent_id", "sort_order")


@dataclass(frozen=True)
class UnitInput:
    name: str
    short_name: str = ""
    kind: str = "党政机关"
    parent_id: int | None = None
    sort_order: int = 0


@dataclass(frozen=True)
class UnitView:
    id: int
    uid: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    sort_order: int
    version: int
    archived: bool


def to_view(unit: Unit) -> UnitView:
    return UnitView(
        id=unit.id,
        uid=unit.uid,
        name=unit.name,
        short_name=unit.short_name,
        kind=unit.kind,
        parent_id=unit.parent_id,
        sort_order=unit.sort_order,
        version=unit.version,
        archived=unit.archived_at is not None,
    )


def _validate(session: Session, data: UnitInput, unit_id: int | None = None) -> dict[str, object]:
    errs = FieldErrors()
    name = errs.text("name", data.name, "单位名称", required=True, max_len=100)
    kind = errs.choice("kind", data.kind, "单位类别", UNIT_KINDS, required=False)
    if data.parent_id is not None:
        if session.get(Unit, data.parent_id) is None:
            errs.add("parent_id", f"上级单位（编号 {data.parent_id}）不存在")
        elif data.parent_id == unit_id:
            errs.add("parent_id", "上级单位不能是本单位")
    if name:
        clash = session.scalars(
            select(Unit.id).where(Unit.name == name, Unit.archived_at.is_(None), Unit.id != (unit_id or -1))
        ).first()
        if clash is not None:
            errs.add("name", f"已有同名单位“{name}”")
    errs.raise_if_any()
    return {
        "name": name,
        "short_name": data.short_name.strip(),
        "kind": kind,
        "parent_id": data.parent_id,
        "sort_order": data.sort_order,
    }


def load(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFoundError("单位", unit_id)
    return unit


def create_unit(ctx: ServiceContext, data: UnitInput) -> UnitView:
    with ctx.db.uow() as session:
        values = _validate(session, data)
        unit = Unit(**values)
        session.add(unit)
        session.flush()
        audit.record(session, ctx, "create", "unit", unit.id, unit.uid, audit.diff({}, values), unit.name)
        return to_view(unit)


def update_unit(ctx: ServiceContext, unit_id: int, data: UnitInput, expected_version: int) -> UnitView:
    with ctx.db.uow() as session:
        unit = load(session, unit_id)
        if unit.version != expected_version:
            raise ConflictError("单位", unit.name, expected_version, unit.version)
        values = _validate(session, data, unit_id)
        changes = audit.diff(audit.snapshot(unit, _FIELDS), values)
        if not changes:
            return to_view(unit)
        for key, value in values.items():
            setattr(unit, key, value)
        session.flush()
        audit.record(session, ctx, "update", "unit", unit.id, unit.uid, changes, unit.name)
        if "name" in changes:  # the cadres' search documents carry the unit's name
            for cadre in session.scalars(
                select(Cadre).where(Cadre.unit_id == unit.id, Cadre.archived_at.is_(None))
            ):
                search.index_cadre(session, cadre)
        return to_view(unit)


def list_units(ctx: ServiceContext, include_archived: bool = False) -> list[UnitView]:
    with ctx.db.read() as session:
        stmt = select(Unit).order_by(Unit.sort_order, Unit.id)
        if not include_archived:
            stmt = stmt.where(Unit.archived_at.is_(None))
        return [to_view(u) for u in session.scalars(stmt)]


def find_unit(ctx: ServiceContext, name: str) -> UnitView:
    """A unit by its full or short name (CLI `--unit`)."""
    with ctx.db.read() as session:
        unit = session.scalars(
            select(Unit)
            .where((Unit.name == name) | (Unit.short_name == name))
            .order_by(Unit.archived_at.is_not(None))
        ).first()
        if unit is None:
            raise NotFoundError("单位", name)
        return to_view(unit)


def archive_unit(ctx: ServiceContext, unit_id: int) -> UnitView:
    with ctx.db.uow() as session:
        unit = load(session, unit_id)
        if unit.archived_at is None:
            unit.archived_at = utcnow()
            audit.record(session, ctx, "archive", "unit", unit.id, unit.uid, summary=unit.name)
        return to_view(unit)


def restore_unit(ctx: ServiceContext, unit_id: int) -> UnitView:
    with ctx.db.uow() as session:
        unit = load(session, unit_id)
        if unit.archived_at is not None:
            unit.archived_at = None
            audit.record(session, ctx, "restore", "unit", unit.id, unit.uid, summary=unit.name)
        return to_view(unit)
