"""Saved selections of units (选定范围): a named set of units and so of their 班子, e.g. 2027换届乡镇, kept
in the database to be analysed as one scope of the 班子结构分析 (`selection_scope`), in the window and
with `cadre-desk structure --selection NAME`. Saved, renamed, changed and deleted (archived) with an
audit record; a unit absorbed by a merge is replaced by its survivor (`follow_merge_in`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import StructureSelection, StructureSelectionUnit, Unit
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.structure import Scope

ENTITY = "structure_selection"
NAME_MAX, NOTE_MAX = 100, 500


@dataclass(frozen=True)
class SelectionInput:
    name: str
    unit_ids: Sequence[int]
    note: str = ""


@dataclass(frozen=True)
class SelectionView:
    id: int
    uid: str
    version: int
    name: str
    note: str
    unit_ids: tuple[int, ...]  # the live units, in the order chosen
    unit_names: tuple[str, ...]
    archived_units: tuple[str, ...] = field(default=())  # units archived since (not analysed)


def _view(session: Session, row: StructureSelection) -> SelectionView:
    rows = session.execute(
        select(Unit.id, Unit.name, Unit.archived_at)
        .join(StructureSelectionUnit, StructureSelectionUnit.unit_id == Unit.id)
        .where(StructureSelectionUnit.selection_id == row.id)
        .order_by(StructureSelectionUnit.position, StructureSelectionUnit.id)
    ).all()
    live = [(i, n) for i, n, archived in rows if archived is None]
    return SelectionView(
        row.id,
        row.uid,
        row.version,
        row.name,
        row.note,
        tuple(i for i, _n in live),
        tuple(n for _i, n in live),
        tuple(n for _i, n, archived in rows if archived is not None),
    )


def _load(session: Session, selection_id: int) -> StructureSelection:
    row = session.get(StructureSelection, selection_id)
    if row is None or row.archived_at is not None:
        raise NotFoundError("选定范围", selection_id)
    return row


def _values(session: Session, data: SelectionInput, current: int | None) -> tuple[str, str, tuple[int, ...]]:
    errors: dict[str, str] = {}
    name = data.name.strip()
    note = data.note.strip()
    if not name:
        errors["name"] = "请填写范围名称（如“2027换届乡镇”）"
    elif len(name) > NAME_MAX:
        errors["name"] = f"范围名称不超过 {NAME_MAX} 个字（现为 {len(name)} 个）"
    else:
        clash = session.scalar(
            select(StructureSelection.id).where(
                StructureSelection.name == name,
                StructureSelection.archived_at.is_(None),
                StructureSelection.id != (current if current is not None else -1),
            )
        )
        if clash is not None:
            errors["name"] = f"已有名为“{name}”的选定范围"
    if len(note) > NOTE_MAX:
        errors["note"] = f"说明不超过 {NOTE_MAX} 个字"
    ids = tuple(dict.fromkeys(data.unit_ids))
    if not ids:
        errors["units"] = "请至少选择一个单位"
    else:
        live = set(session.scalars(select(Unit.id).where(Unit.id.in_(ids), Unit.archived_at.is_(None))))
        missing = [i for i in ids if i not in live]
        if missing:
            errors["units"] = f"单位（编号 {missing[0]}）不存在或已撤销"
    if errors:
        raise ValidationError(errors)
    return name, note, ids


def _set_units(session: Session, row: StructureSelection, ids: tuple[int, ...]) -> None:
    for old in session.scalars(
        select(StructureSelectionUnit).where(StructureSelectionUnit.selection_id == row.id)
    ):
        session.delete(old)
    session.flush()
    for position, unit_id in enumerate(ids):
        session.add(StructureSelectionUnit(selection_id=row.id, unit_id=unit_id, position=position))
    session.flush()


def list_selections(ctx: ServiceContext) -> list[SelectionView]:
    """The live selections, by name."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        rows = session.scalars(
            select(StructureSelection)
            .where(StructureSelection.archived_at.is_(None))
            .order_by(StructureSelection.name, StructureSelection.id)
        ).all()
        return [_view(session, r) for r in rows]


def get_selection(ctx: ServiceContext, selection_id: int) -> SelectionView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return _view(session, _load(session, selection_id))


def find_selection(ctx: ServiceContext, name: str) -> SelectionView:
    """A live selection by its name, or `#id` / a number (the CLI's `--selection`)."""
    access.require(ctx, Permission.RECORDS_READ)
    text = name.strip()
    with ctx.db.read() as session:
        row = session.scalars(
            select(StructureSelection).where(
                StructureSelection.name == text, StructureSelection.archived_at.is_(None)
            )
        ).first()
        if row is None and text.lstrip("#").isdigit():
            found = session.get(StructureSelection, int(text.lstrip("#")))
            row = found if found is not None and found.archived_at is None else None
        if row is None:
            raise NotFoundError("选定范围", name)
        return _view(session, row)


def save_selection(ctx: ServiceContext, data: SelectionInput) -> SelectionView:
    """A new named selection of units."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        name, note, ids = _values(session, data, None)
        row = StructureSelection(name=name, note=note)
        session.add(row)
        session.flush()
        _set_units(session, row, ids)
        audit.record(
            session,
            ctx,
            "create",
            ENTITY,
            row.id,
            row.uid,
            audit.diff({}, {"name": name, "note": note, "units": list(ids)}),
            f"选定范围：{name}",
        )
        return _view(session, row)


def update_selection(
    ctx: ServiceContext, selection_id: int, data: SelectionInput, expected_version: int
) -> SelectionView:
    """Rename a selection, change its note or its units (a stale edit is a `ConflictError`)."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        row = _load(session, selection_id)
        if row.version != expected_version:
            raise ConflictError("选定范围", row.name, expected_version, row.version)
        name, note, ids = _values(session, data, row.id)
        old_ids = session.scalars(
            select(StructureSelectionUnit.unit_id)
            .where(StructureSelectionUnit.selection_id == row.id)
            .order_by(StructureSelectionUnit.position, StructureSelectionUnit.id)
        ).all()
        before = {"name": row.name, "note": row.note, "units": list(old_ids)}
        changes = audit.diff(before, {"name": name, "note": note, "units": list(ids)})
        if changes:
            row.name, row.note = name, note
            if "units" in changes:
                _set_units(session, row, ids)
            row.updated_at = utcnow()  # a change of units alone bumps the version too
            session.flush()
            audit.record(session, ctx, "update", ENTITY, row.id, row.uid, changes, f"选定范围：{name}")
        return _view(session, row)


def delete_selection(ctx: ServiceContext, selection_id: int, expected_version: int) -> None:
    """Delete (archive) a selection; the units themselves are untouched."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        row = _load(session, selection_id)
        if row.version != expected_version:
            raise ConflictError("选定范围", row.name, expected_version, row.version)
        row.archived_at = utcnow()
        session.flush()
        audit.record(session, ctx, "archive", ENTITY, row.id, row.uid, summary=f"删除选定范围：{row.name}")


def selection_scope(ctx: ServiceContext, selection_id: int, team_only: bool = False) -> Scope:
    """The scope of a saved selection: its live units, labelled with the selection's name."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        view = _view(session, _load(session, selection_id))
    if not view.unit_ids:
        raise ValidationError({"selection": f"选定范围“{view.name}”中的单位均已撤销"})
    return Scope(view.unit_ids, view.name, team_only, view.unit_names)


def follow_merge_in(session: Session, absorbed_id: int, survivor_id: int) -> None:
    """A merge of units (services.units): every selection holding the absorbed unit holds the survivor."""
    for link in session.scalars(
        select(StructureSelectionUnit).where(StructureSelectionUnit.unit_id == absorbed_id)
    ).all():
        has_survivor = session.scalar(
            select(StructureSelectionUnit.id).where(
                StructureSelectionUnit.selection_id == link.selection_id,
                StructureSelectionUnit.unit_id == survivor_id,
            )
        )
        if has_survivor is not None:
            session.delete(link)
        else:
            link.unit_id = survivor_id
    session.flush()
