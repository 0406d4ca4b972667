"""Young-cadre and reserve pools: the local table of pools (库别 and their age caps), read by everyone,
changed by an administrator, and registered in 设置 → 规则.

The other jobs of the pools have a module each:

- `pool_entries`: a cadre's entry in a pool and its state changes (在库 → 列为考察对象 → 已使用 | 退出,
  each dated and audited);
- `pool_measures`: development measures (培养措施) and yearly reviews (年度研判) of an entry;
- `pool_imports`: entries read from a 年轻干部台账, written inside the import's transaction;
- `pool_lists`: the register's lists and the review flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import PoolEntry, TalentPool
from cadre_desk.domain import pools as rule
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services import rule_tables as rt
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.field_errors import FieldErrors

MIN_AGE_CAP, MAX_AGE_CAP = 18, 65


@dataclass(frozen=True)
class PoolInput:
    name: str
    age_cap: int | str
    target_level: str = ""
    source: str = ""


@dataclass(frozen=True)
class PoolView:
    id: int
    version: int
    name: str
    target_level: str
    age_cap: int
    source: str
    archived: bool


def _pool_view(p: TalentPool) -> PoolView:
    return PoolView(p.id, p.version, p.name, p.target_level, p.age_cap, p.source, p.archived_at is not None)


def list_pools(ctx: ServiceContext, include_archived: bool = False) -> list[PoolView]:
    access.require(ctx, Permission.SIGNED_IN)
    stmt = select(TalentPool).order_by(TalentPool.position, TalentPool.id)
    if not include_archived:
        stmt = stmt.where(TalentPool.archived_at.is_(None))
    with ctx.db.read() as session:
        return [_pool_view(p) for p in session.scalars(stmt)]


def find_pool(ctx: ServiceContext, ref: str) -> PoolView:
    """A pool by its name (or a unique start of it: `后备干部（正科）`, `好苗子`) or its number."""
    access.require(ctx, Permission.SIGNED_IN)
    pools = list_pools(ctx, include_archived=True)
    text = ref.strip()
    for p in pools:
        if p.name == text or (text.isdigit() and p.id == int(text)):
            return p
    starts = [p for p in pools if p.name.startswith(text) and not p.archived] if text else []
    if len(starts) == 1:
        return starts[0]
    names = "、".join(p.name for p in pools if not p.archived)
    raise NotFoundError("库别", f"{ref}（可选：{names}）")


def _pool_values(session: Session, data: PoolInput, current: TalentPool | None) -> dict[str, Any]:
    errs = FieldErrors()
    name = errs.text("name", data.name, "库别名称", required=True, column=TalentPool.name)
    level = errs.text("target_level", data.target_level, "目标职级", column=TalentPool.target_level)
    source = errs.text("source", data.source, "依据", max_len=1000)
    try:
        cap = int(str(data.age_cap).strip())
    except ValueError:
        errs.add("age_cap", f"年龄上限应为整数（现为 {data.age_cap}）")
        cap = 0
    else:
        if not MIN_AGE_CAP <= cap <= MAX_AGE_CAP:
            errs.add("age_cap", f"年龄上限应在 {MIN_AGE_CAP}–{MAX_AGE_CAP} 岁之间（现为 {cap}）")
    if name and "name" not in errs:
        clash = session.scalar(
            select(TalentPool.id).where(
                TalentPool.name == name, TalentPool.id != (current.id if current else -1)
            )
        )
        if clash is not None:
            errs.add("name", f"已有库别“{name}”")
    errs.raise_if_any()
    return {"name": name, "target_level": level, "age_cap": cap, "source": source}


def add_pool(ctx: ServiceContext, data: PoolInput) -> PoolView:
    access.require(ctx, Permission.SETTINGS)
    with ctx.db.uow() as session:
        values = _pool_values(session, data, None)
        last = session.scalar(select(TalentPool.position).order_by(TalentPool.position.desc()).limit(1))
        pool = TalentPool(**values, position=(last or 0) + 1)
        session.add(pool)
        session.flush()
        audit.record(
            session, ctx, "create", "talent_pool", pool.id, pool.uid, audit.diff({}, values), pool.name
        )
        return _pool_view(pool)


def _load_pool(session: Session, pool_id: int) -> TalentPool:
    pool = session.get(TalentPool, pool_id)
    if pool is None:
        raise NotFoundError("库别", pool_id)
    return pool


def update_pool(ctx: ServiceContext, pool_id: int, data: PoolInput, expected_version: int) -> PoolView:
    """Change a pool's name, level, age cap or source (a changed cap takes effect on the flags at once)."""
    access.require(ctx, Permission.SETTINGS)
    with ctx.db.uow() as session:
        pool = _load_pool(session, pool_id)
        if pool.version != expected_version:
            raise ConflictError("库别", pool.name, expected_version, pool.version)
        values = _pool_values(session, data, pool)
        audit.update_row(session, ctx, "talent_pool", pool, values, values["name"])
        return _pool_view(pool)


def archive_pool(ctx: ServiceContext, pool_id: int) -> PoolView:
    """A pool no longer used: refused while it has entries in 在库 or 列为考察对象."""
    access.require(ctx, Permission.SETTINGS)
    with ctx.db.uow() as session:
        pool = _load_pool(session, pool_id)
        active = session.scalar(
            select(PoolEntry.id).where(
                PoolEntry.pool_id == pool_id,
                PoolEntry.archived_at.is_(None),
                PoolEntry.state.in_(rule.ACTIVE_STATES),
            )
        )
        if active is not None:
            raise ValidationError({"pool": f"库别“{pool.name}”中还有在库或考察中的干部，不能停用"})
        audit.mark_archived(session, ctx, "talent_pool", pool, True, pool.name)
        return _pool_view(pool)


def restore_pool(ctx: ServiceContext, pool_id: int) -> PoolView:
    access.require(ctx, Permission.SETTINGS)
    with ctx.db.uow() as session:
        pool = _load_pool(session, pool_id)
        audit.mark_archived(session, ctx, "talent_pool", pool, False, pool.name)
        return _pool_view(pool)


def _check_pool_row(session: Session, row: TalentPool | None, values: dict[str, Any]) -> dict[str, str]:
    name = values.get("name", row.name if row is not None else "")
    clash = session.scalar(
        select(TalentPool.id).where(
            TalentPool.name == name, TalentPool.id != (row.id if row is not None else -1)
        )
    )
    return {"name": f"已有库别“{name}”"} if clash is not None else {}


rt.register(
    rt.RuleTable(
        key="talent_pool",
        title="优秀年轻干部和后备干部库别",
        model=TalentPool,
        columns=(
            rt.RuleColumn("name", "库别", max_length=40),
            rt.RuleColumn(
                "target_level", "目标职级", max_length=20, required=False, help="如 正科、副科；空：不限"
            ),
            rt.RuleColumn(
                "age_cap", "年龄上限（岁）", rt.INT, minimum=MIN_AGE_CAP, maximum=MAX_AGE_CAP,
                help="X岁以下：计算截止时间的周岁不超过 X；超过的在库人选列为需研判",
            ),
        ),
        description="库别及其年龄上限（地方做法）；停用的库别不再接受新入库，已在库的人选保留",
        can_add=True,
        check=_check_pool_row,
        order=60,
    )
)  # fmt: skip
