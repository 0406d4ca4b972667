"""Units (单位): create, edit, rename, move in the tree, merge, archive, restore, list.

Names are unique among live units (the command line, imports and rosters find a unit by its name);
the parent chain never forms a cycle and never passes through an archived unit. Siblings are ordered
by `sort_order`, renumbered 10, 20, 30 … whenever a unit moves.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, TeamMember, TeamPost, Unit
from cadre_desk.domain.vocab import UNIT_KINDS
from cadre_desk.errors import ConflictError, Message, NotFoundError, ValidationError
from cadre_desk.services import access, audit, search, structure_selections
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.validation import FieldErrors, max_length

_FIELDS = ("name", "short_name", "kind", "parent_id", "sort_order")
SORT_STEP = 10


@dataclass(frozen=True)
class UnitInput:
    name: str
    short_name: str = ""
    kind: str = ""
    parent_id: int | None = None
    sort_order: int | None = None  # None: after the last sibling


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


@dataclass(frozen=True)
class UnitCounts:
    """What hangs on a unit: live cadres, live sub-units, live 班子 posts."""

    cadres: int
    children: int
    posts: int


@dataclass(frozen=True)
class MergeResult:
    survivor: UnitView
    absorbed: UnitView
    cadres: int  # moved to the survivor
    posts: int  # 班子 posts moved (or folded into a survivor post of the same name)
    members: int  # post holders moved
    children: int  # sub-units re-parented
    warnings: tuple[str, ...]  # posts now over their 职数


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


def load(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFoundError("单位", unit_id)
    return unit


def _archived(unit: Unit) -> Message:
    return Message("unit_archived", "单位“{name}”已归档，请先恢复", name=unit.name)


def check_version(unit: Unit, expected_version: int | None) -> None:
    if expected_version is not None and unit.version != expected_version:
        raise ConflictError("单位", unit.name, expected_version, unit.version)


def _check_name(session: Session, errs: FieldErrors, name: str, unit_id: int | None) -> None:
    if not name:
        return
    clash = session.scalars(
        select(Unit.id).where(Unit.name == name, Unit.archived_at.is_(None), Unit.id != (unit_id or -1))
    ).first()
    if clash is not None:
        errs.add("name", Message("unit_name_taken", "已有同名单位“{name}”", name=name))


def _check_parent(session: Session, errs: FieldErrors, parent_id: int | None, unit_id: int | None) -> None:
    """The parent exists, is live, and is neither the unit itself nor one of its sub-units."""
    if parent_id is None:
        return
    parent = session.get(Unit, parent_id)
    if parent is None:
        errs.add("parent_id", Message("unit_parent_missing", "上级单位（编号 {id}）不存在", id=parent_id))
        return
    if parent.archived_at is not None:
        errs.add("parent_id", Message("unit_parent_archived", "上级单位“{name}”已归档", name=parent.name))
        return
    if unit_id is None:
        return
    seen: set[int] = set()
    node: Unit | None = parent
    while node is not None and node.id not in seen:
        if node.id == unit_id:
            if parent_id == unit_id:
                errs.add("parent_id", Message("unit_parent_self", "上级单位不能是本单位"))
            else:
                errs.add(
                    "parent_id",
                    Message(
                        "unit_parent_cycle", "不能把单位移到它自己的下级单位“{name}”之下", name=parent.name
                    ),
                )
            return
        seen.add(node.id)
        node = session.get(Unit, node.parent_id) if node.parent_id is not None else None


def _under(parent_id: int | None) -> ColumnElement[bool]:
    return Unit.parent_id.is_(None) if parent_id is None else Unit.parent_id == parent_id


def _next_sort_order(session: Session, parent_id: int | None) -> int:
    top = session.scalar(select(func.max(Unit.sort_order)).where(_under(parent_id)))
    return int(top or 0) + SORT_STEP


def _validate(session: Session, data: UnitInput, unit_id: int | None = None) -> dict[str, object]:
    errs = FieldErrors()
    name = errs.text("name", data.name, "单位名称", required=True, max_len=max_length(Unit.name))
    short_name = errs.text("short_name", data.short_name, "单位简称", max_len=max_length(Unit.short_name))
    kind = errs.choice("kind", data.kind, "单位类别", UNIT_KINDS, required=False)
    _check_parent(session, errs, data.parent_id, unit_id)
    _check_name(session, errs, name, unit_id)
    errs.raise_if_any()
    sort_order = data.sort_order
    if sort_order is None:
        current = session.get(Unit, unit_id) if unit_id is not None else None
        same_parent = current is not None and current.parent_id == data.parent_id
        if current is not None and same_parent:
            sort_order = current.sort_order
        else:
            sort_order = _next_sort_order(session, data.parent_id)
    return {
        "name": name,
        "short_name": short_name,
        "kind": kind,
        "parent_id": data.parent_id,
        "sort_order": sort_order,
    }


def _reindex_cadres(session: Session, unit_id: int) -> None:
    """The cadres' search documents carry their unit's name."""
    for cadre in session.scalars(select(Cadre).where(Cadre.unit_id == unit_id, Cadre.archived_at.is_(None))):
        search.index_cadre(session, cadre)


def create_unit(ctx: ServiceContext, data: UnitInput) -> UnitView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        values = _validate(session, data)
        unit = Unit(**values)
        session.add(unit)
        session.flush()
        audit.record(session, ctx, "create", "unit", unit.id, unit.uid, audit.diff({}, values), unit.name)
        return to_view(unit)


def _apply(ctx: ServiceContext, session: Session, unit: Unit, values: dict[str, object]) -> None:
    changes = audit.diff(audit.snapshot(unit, _FIELDS), values)
    if not changes:
        return
    for key, value in values.items():
        setattr(unit, key, value)
    session.flush()
    audit.record(session, ctx, "update", "unit", unit.id, unit.uid, changes, unit.name)
    if "name" in changes:
        session.expire_all()  # the cadres' joined `unit` must show the new name
        _reindex_cadres(session, unit.id)


def update_unit(ctx: ServiceContext, unit_id: int, data: UnitInput, expected_version: int | None) -> UnitView:
    """Edit every field at once (the unit page's form); `None` for the version skips the check."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        unit = load(session, unit_id)
        check_version(unit, expected_version)
        _apply(ctx, session, unit, _validate(session, data, unit_id))
        return to_view(load(session, unit_id))


def rename_unit(
    ctx: ServiceContext,
    unit_id: int,
    name: str,
    expected_version: int | None,
    short_name: str | None = None,
) -> UnitView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        unit = load(session, unit_id)
        check_version(unit, expected_version)
        data = UnitInput(
            name=name,
            short_name=unit.short_name if short_name is None else short_name,
            kind=unit.kind,
            parent_id=unit.parent_id,
            sort_order=unit.sort_order,
        )
        _apply(ctx, session, unit, _validate(session, data, unit_id))
        return to_view(load(session, unit_id))


def move_unit(
    ctx: ServiceContext,
    unit_id: int,
    parent_id: int | None,
    position: int,
    expected_version: int | None,
) -> UnitView:
    """Put a unit under `parent_id` (None: top level) at `position` among its live siblings.

    The siblings are renumbered 10, 20, 30 …; drag and drop and the up/down buttons both come here.
    """
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        unit = load(session, unit_id)
        check_version(unit, expected_version)
        if unit.archived_at is not None:
            raise ValidationError({"parent_id": _archived(unit)})
        errs = FieldErrors()
        _check_parent(session, errs, parent_id, unit_id)
        errs.raise_if_any()
        siblings = [
            u
            for u in session.scalars(
                select(Unit)
                .where(_under(parent_id), Unit.archived_at.is_(None), Unit.id != unit_id)
                .order_by(Unit.sort_order, Unit.id)
            )
        ]
        siblings.insert(max(0, min(position, len(siblings))), unit)
        old_parent = unit.parent_id
        for index, sibling in enumerate(siblings, start=1):
            if sibling.sort_order != index * SORT_STEP or sibling is unit:
                sibling.sort_order = index * SORT_STEP
        unit.parent_id = parent_id
        session.flush()
        changes: dict[str, list[object]] = {"sort_order": [None, unit.sort_order]}
        if old_parent != parent_id:
            changes["parent_id"] = [old_parent, parent_id]
        audit.record(session, ctx, "move", "unit", unit.id, unit.uid, changes, unit.name)
        return to_view(unit)


def list_units(ctx: ServiceContext, include_archived: bool = False) -> list[UnitView]:
    """Units in tree order's raw material: by sort order, then id (parents are not guaranteed first).
    The 容错案件 clerk reads them too: a case names the unit concerned."""
    access.require_any(ctx, Permission.RECORDS_READ, Permission.TOLERANCE)
    with ctx.db.read() as session:
        stmt = select(Unit).order_by(Unit.sort_order, Unit.id)
        if not include_archived:
            stmt = stmt.where(Unit.archived_at.is_(None))
        return [to_view(u) for u in session.scalars(stmt)]


def unit_counts(ctx: ServiceContext) -> dict[int, UnitCounts]:
    """Live cadres, sub-units and 班子 posts of every unit (three grouped queries)."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        cadres = dict(
            session.execute(
                select(Cadre.unit_id, func.count(Cadre.id))
                .where(Cadre.archived_at.is_(None), Cadre.unit_id.is_not(None))
                .group_by(Cadre.unit_id)
            ).all()
        )
        children = dict(
            session.execute(
                select(Unit.parent_id, func.count(Unit.id))
                .where(Unit.archived_at.is_(None), Unit.parent_id.is_not(None))
                .group_by(Unit.parent_id)
            ).all()
        )
        posts = dict(
            session.execute(
                select(TeamPost.unit_id, func.count(TeamPost.id))
                .where(TeamPost.archived_at.is_(None))
                .group_by(TeamPost.unit_id)
            ).all()
        )
        ids = {int(i) for i in (*cadres, *children, *posts) if i is not None}
        return {i: UnitCounts(cadres.get(i, 0), children.get(i, 0), posts.get(i, 0)) for i in ids}


def get_unit(ctx: ServiceContext, unit_id: int) -> UnitView:
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        return to_view(load(session, unit_id))


def find_unit(ctx: ServiceContext, name: str) -> UnitView:
    """A unit by its full or short name, or `#id` / a number (CLI `--unit`); live units first."""
    access.require(ctx, Permission.RECORDS_READ)
    with ctx.db.read() as session:
        text = name.strip()
        if text.lstrip("#").isdigit():
            unit = session.get(Unit, int(text.lstrip("#")))
            if unit is not None:
                return to_view(unit)
        unit = session.scalars(
            select(Unit)
            .where((Unit.name == text) | (Unit.short_name == text))
            .order_by(Unit.archived_at.is_not(None), Unit.name != text, Unit.id)
        ).first()
        if unit is None:
            raise NotFoundError("单位", name)
        return to_view(unit)


def archive_unit(ctx: ServiceContext, unit_id: int, expected_version: int | None = None) -> UnitView:
    """Archive an empty unit; one that still has live cadres or sub-units is refused with the reason."""
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        unit = load(session, unit_id)
        check_version(unit, expected_version)
        if unit.archived_at is not None:
            return to_view(unit)
        cadres = session.scalar(
            select(func.count(Cadre.id)).where(Cadre.unit_id == unit_id, Cadre.archived_at.is_(None))
        )
        children = session.scalar(
            select(func.count(Unit.id)).where(Unit.parent_id == unit_id, Unit.archived_at.is_(None))
        )
        if children:
            raise ValidationError(
                {
                    "unit": Message(
                        "unit_has_children",
                        "“{name}”还有 {count} 个下级单位，请先移走或归档下级单位",
                        name=unit.name,
                        count=children,
                    )
                }
            )
        if cadres:
            raise ValidationError(
                {
                    "unit": Message(
                        "unit_has_cadres",
                        "“{name}”还有 {count} 名在册干部，请先调整他们的单位，或把本单位合并到其他单位",
                        name=unit.name,
                        count=cadres,
                    )
                }
            )
        unit.archived_at = utcnow()
        session.flush()
        audit.record(session, ctx, "archive", "unit", unit.id, unit.uid, summary=unit.name)
        return to_view(unit)


def restore_unit(ctx: ServiceContext, unit_id: int, expected_version: int | None = None) -> UnitView:
    access.require(ctx, Permission.RECORDS_WRITE)
    with ctx.db.uow() as session:
        unit = load(session, unit_id)
        check_version(unit, expected_version)
        if unit.archived_at is None:
            return to_view(unit)
        errs = FieldErrors()
        _check_name(session, errs, unit.name, unit.id)
        if unit.parent_id is not None:
            parent = load(session, unit.parent_id)
            if parent.archived_at is not None:
                errs.add(
                    "parent_id",
                    Message(
                        "unit_parent_archived", "上级单位“{name}”已归档，请先恢复上级单位", name=parent.name
                    ),
                )
        errs.raise_if_any()
        unit.archived_at = None
        session.flush()
        audit.record(session, ctx, "restore", "unit", unit.id, unit.uid, summary=unit.name)
        return to_view(unit)


def merge_units(
    ctx: ServiceContext,
    absorbed_id: int,
    survivor_id: int,
    absorbed_version: int | None = None,
    survivor_version: int | None = None,
) -> MergeResult:
    """Merge `absorbed` into `survivor`: its cadres, 班子 posts (with their holders) and sub-units move to
    the survivor, then it is archived. A post named like one of the survivor's is folded into it.
    """
    access.require(ctx, Permission.RECORDS_WRITE)
    from cadre_desk.services import teams  # teams imports this module

    with ctx.db.uow() as session:
        absorbed = load(session, absorbed_id)
        survivor = load(session, survivor_id)
        check_version(absorbed, absorbed_version)
        check_version(survivor, survivor_version)
        if absorbed_id == survivor_id:
            raise ValidationError({"survivor": Message("unit_merge_self", "不能把单位合并到它自己")})
        for unit in (absorbed, survivor):
            if unit.archived_at is not None:
                raise ValidationError({"survivor": _archived(unit)})
        # A survivor under the absorbed unit takes its place in the tree.
        ancestor, seen = survivor.parent_id, set()
        while ancestor is not None and ancestor not in seen and ancestor != absorbed_id:
            seen.add(ancestor)
            ancestor = load(session, ancestor).parent_id
        if ancestor == absorbed_id:
            survivor.parent_id = absorbed.parent_id
        cadre_rows = list(
            session.scalars(select(Cadre).where(Cadre.unit_id == absorbed_id, Cadre.archived_at.is_(None)))
        )
        for cadre in cadre_rows:
            cadre.unit_id = survivor_id
        children = list(
            session.scalars(
                select(Unit)
                .where(Unit.parent_id == absorbed_id, Unit.archived_at.is_(None), Unit.id != survivor_id)
                .order_by(Unit.sort_order, Unit.id)
            )
        )
        base = _next_sort_order(session, survivor_id)
        for index, child in enumerate(children):
            child.parent_id = survivor_id
            child.sort_order = base + index * SORT_STEP
        live = TeamPost.archived_at.is_(None)
        theirs = session.scalars(
            select(TeamPost).where(TeamPost.unit_id == absorbed_id, live).order_by(TeamPost.sort_order)
        ).all()
        ours = {
            p.name: p for p in session.scalars(select(TeamPost).where(TeamPost.unit_id == survivor_id, live))
        }
        next_post = int(
            session.scalar(select(func.max(TeamPost.sort_order)).where(TeamPost.unit_id == survivor_id)) or 0
        )
        members = 0
        touched: list[TeamPost] = []
        for post in theirs:
            target = ours.get(post.name)
            holders = session.scalars(
                select(TeamMember).where(TeamMember.post_id == post.id, TeamMember.archived_at.is_(None))
            ).all()
            members += sum(1 for h in holders if h.until is None)
            if target is None:
                next_post += SORT_STEP
                post.unit_id = survivor_id
                post.sort_order = next_post
                touched.append(post)
            else:
                for holder in holders:
                    holder.post_id = target.id
                post.archived_at = utcnow()
                touched.append(target)
        structure_selections.follow_merge_in(session, absorbed_id, survivor_id)
        absorbed.archived_at = utcnow()
        session.flush()
        warnings = tuple(w for p in touched if (w := teams.over_slots_warning(session, p, survivor.name)))
        audit.record(
            session,
            ctx,
            "merge",
            "unit",
            absorbed.id,
            absorbed.uid,
            {
                "merged_into": [None, survivor.name],
                "cadres": [None, len(cadre_rows)],
                "posts": [None, len(theirs)],
                "members": [None, members],
                "children": [None, len(children)],
            },
            f"{absorbed.name} 并入 {survivor.name}",
        )
        audit.record(
            session,
            ctx,
            "absorb",
            "unit",
            survivor.id,
            survivor.uid,
            {"absorbed": [None, absorbed.name]},
            f"{absorbed.name} 并入 {survivor.name}",
        )
        session.expire_all()
        for cadre in session.scalars(select(Cadre).where(Cadre.id.in_([c.id for c in cadre_rows]))):
            search.index_cadre(session, cadre)
        return MergeResult(
            survivor=to_view(load(session, survivor_id)),
            absorbed=to_view(load(session, absorbed_id)),
            cadres=len(cadre_rows),
            posts=len(theirs),
            members=members,
            children=len(children),
            warnings=warnings,
        )
