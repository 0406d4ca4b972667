"""The local rule tables behind 设置 → 规则: one registry, one generic editor, every change audited.

Local practice (supervision.md) lives in database tables with shipped defaults, each row carrying the
`source` of its value; 设置 → 规则 (`ui/settings/rules_page.py`) shows every table registered here and
edits it through the four service functions below. Nothing in the UI knows any particular table.

Registering a table (do it at the bottom of your own service module, once, at import time)::

    from cadre_desk.services import rule_tables as rt

    rt.register(rt.RuleTable(
        key="barometer_rule",                     # unique; also the audit trail's entity name
        title="晴雨表颜色规则",
        model=BarometerRule,                      # CommonColumns model with a `source` Text column
        columns=(
            rt.RuleColumn("colour", "颜色", rt.CHOICE, choices=("红", "黄", "绿")),
            rt.RuleColumn("indicator", "指标", rt.TEXT, max_length=40),
            rt.RuleColumn("days", "天数", rt.INT, minimum=1, maximum=365),
            rt.RuleColumn("kinds", "计入类别", rt.MULTI, choices=TRAINING_KINDS),  # 、-joined text
            rt.RuleColumn("code", "代码", rt.TEXT, editable=False),                # shown, never edited
        ),
        description="…",                          # one line under the title
        can_add=True,                             # 新增 (then every editable column is asked for)
        # Optional: row filter, order, an extra check (session, row or None, new values) -> {column: msg}
    ))

and add the module to `cadre_desk/services/rule_tables_all.py` (one line) so that the editor sees
it. Archiving (停用) needs an `archived_at` column (the `Archivable` mixin); an archived row is kept,
shown greyed, and can be restored. A rule that is switched off no longer applies (your service decides
what that means: e.g. an archived 三必谈 rule raises no obligations).

Services (each one transaction, audited with entity = the table's key; reading needs a signed-in
account, changing the 修改设置 permission (`access.can(ctx, Permission.SETTINGS)` tells the editor):

- `tables()` → the registered `RuleTable`s, by `order` (到龄与培训 10, 三必谈 20; pick your own)
- `list_rows(ctx, key, include_archived=True)` → `RuleRow`s (id, version, values, source, archived)
- `update_row(ctx, key, row_id, values, expected_version)` → `RuleRow`; `values` maps column keys to
  typed values or to text as typed (coerced and checked against the column's type, choices and bounds);
  a changed row's source is prefixed `本部门修改（日期）；` the first time
- `add_row(ctx, key, values)` → `RuleRow` (source `本部门新增（日期）`)
- `archive_row(ctx, key, row_id, expected_version)` / `restore_row(…)` → `RuleRow`

Errors: `ValidationError` {column key: Chinese message}, `ConflictError` for a stale version,
`NotFoundError` for an unknown table or row.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

TEXT = "text"
INT = "int"
FLOAT = "float"
BOOL = "bool"
CHOICE = "choice"  # one of `choices`
MULTI = "multi"  # several of `choices`, stored as text joined by 、
KINDS = (TEXT, INT, FLOAT, BOOL, CHOICE, MULTI)
SEPARATOR = "、"

Check = Callable[[Session, Any, dict[str, Any]], dict[str, str]]


@dataclass(frozen=True)
class RuleColumn:
    key: str  # the model's attribute
    label: str  # Chinese column header
    kind: str = TEXT
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = 200
    editable: bool = True
    required: bool = True  # text: may not be blank
    help: str = ""  # tooltip


@dataclass(frozen=True)
class RuleTable:
    key: str
    title: str
    model: type[Any]
    columns: tuple[RuleColumn, ...]
    description: str = ""
    can_add: bool = False
    where: Callable[[], Sequence[ColumnElement[bool]]] = lambda: ()
    order_by: tuple[str, ...] = ("position", "id")
    check: Check | None = None
    defaults: Mapping[str, Any] = field(default_factory=dict)  # fixed values of added rows
    order: int = 100  # place in 设置 → 规则 (smaller first)

    @property
    def archivable(self) -> bool:
        return hasattr(self.model, "archived_at")

    def column(self, key: str) -> RuleColumn:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


@dataclass(frozen=True)
class RuleRow:
    id: int
    version: int
    values: Mapping[str, Any]
    source: str
    archived: bool


_REGISTRY: dict[str, RuleTable] = {}


def register(table: RuleTable) -> RuleTable:
    """Add (or replace, on a reload) a table; returns it."""
    for c in table.columns:
        if c.kind not in KINDS:
            raise ValueError(f"{table.key}.{c.key}: unknown column kind {c.kind!r}")
    _REGISTRY[table.key] = table
    return table


def tables() -> list[RuleTable]:
    from cadre_desk.services import rule_tables_all  # noqa: F401 (registers the tables)

    return sorted(_REGISTRY.values(), key=lambda t: t.order)


def table(key: str) -> RuleTable:
    tables()
    found = _REGISTRY.get(key)
    if found is None:
        raise NotFoundError("规则表", key)
    return found


def _require_admin(ctx: ServiceContext) -> None:
    """Only an administrator (the 修改设置 permission) may change local rules."""
    access.require(ctx, Permission.SETTINGS)


def _row_view(t: RuleTable, row: Any) -> RuleRow:
    return RuleRow(
        id=row.id,
        version=row.version,
        values={c.key: getattr(row, c.key) for c in t.columns},
        source=row.source,
        archived=getattr(row, "archived_at", None) is not None,
    )


def list_rows(ctx: ServiceContext, key: str, include_archived: bool = True) -> list[RuleRow]:
    access.require(ctx, Permission.SIGNED_IN)
    t = table(key)
    stmt = select(t.model).where(*t.where())
    if not include_archived and t.archivable:
        stmt = stmt.where(t.model.archived_at.is_(None))
    stmt = stmt.order_by(*(getattr(t.model, name) for name in t.order_by))
    with ctx.db.read() as session:
        return [_row_view(t, row) for row in session.scalars(stmt)]


def _number(text: object) -> float:
    if isinstance(text, bool):
        raise ValueError
    if isinstance(text, int | float):
        return float(text)
    return float(str(text).strip().replace("，", "").replace(",", ""))


def coerce(column: RuleColumn, value: object) -> Any:
    """The typed value of `value` (as typed or typed already) for `column`; ValueError with a Chinese
    message when it does not fit."""
    label = column.label
    if column.kind in (INT, FLOAT):
        try:
            number = _number(value)
        except ValueError:
            raise ValueError(f"{label}应为数字") from None
        if math.isnan(number) or math.isinf(number):
            raise ValueError(f"{label}应为数字")
        if column.kind == INT:
            if number != int(number):
                raise ValueError(f"{label}应为整数")
            number = int(number)
        lo = -math.inf if column.minimum is None else column.minimum
        hi = math.inf if column.maximum is None else column.maximum
        if not lo <= number <= hi:
            raise ValueError(f"{label}应在 {lo:g}–{hi:g} 之间（现为 {number:g}）")
        return number
    if column.kind == BOOL:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "是", "true", "yes", "y"):
            return True
        if text in ("0", "否", "false", "no", "n", ""):
            return False
        raise ValueError(f"{label}应为“是”或“否”")
    text = " ".join(str(value if value is not None else "").split())
    if column.kind == CHOICE:
        if text not in column.choices:
            raise ValueError(f"{label}应为 {'、'.join(column.choices)} 之一")
        return text
    if column.kind == MULTI:
        parts: list[str] = []
        for sep in (",", "，", ";", "；", " "):
            text = text.replace(sep, SEPARATOR)
        for part in (p.strip() for p in text.split(SEPARATOR)):
            if part and part not in parts:
                if column.choices and part not in column.choices:
                    raise ValueError(f"{label}中的“{part}”不在可选项（{'、'.join(column.choices)}）中")
                parts.append(part)
        if column.required and not parts:
            raise ValueError(f"请填写{label}")
        text = SEPARATOR.join(parts)
    if column.required and not text:
        raise ValueError(f"请填写{label}")
    if len(text) > column.max_length:
        raise ValueError(f"{label}最多 {column.max_length} 字")
    return text


def _checked(session: Session, t: RuleTable, row: Any, values: Mapping[str, object]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    typed: dict[str, Any] = {}
    for name, value in values.items():
        try:
            column = t.column(name)
        except KeyError:
            errors[name] = f"没有“{name}”这一列"
            continue
        if not column.editable:
            if row is None or getattr(row, name) != value:
                errors[name] = f"{column.label}不能修改"
            continue
        try:
            typed[name] = coerce(column, value)
        except ValueError as exc:
            errors[name] = str(exc)
    if not errors and t.check is not None:
        errors.update(t.check(session, row, typed))
    if errors:
        raise ValidationError(errors)
    return typed


def _load(session: Session, t: RuleTable, row_id: int, expected_version: int) -> Any:
    row = session.scalars(select(t.model).where(t.model.id == row_id, *t.where())).first()
    if row is None:
        raise NotFoundError(t.title, row_id)
    if row.version != expected_version:
        raise ConflictError(t.title, str(row_id), expected_version, row.version)
    return row


def _label(t: RuleTable, row: Any) -> str:
    first = t.columns[0]
    return f"{t.title}：{getattr(row, first.key)}"


def update_row(
    ctx: ServiceContext, key: str, row_id: int, values: Mapping[str, object], expected_version: int
) -> RuleRow:
    access.require(ctx, Permission.SETTINGS)
    t = table(key)
    _require_admin(ctx)
    with ctx.db.uow() as session:
        row = _load(session, t, row_id, expected_version)
        typed = _checked(session, t, row, values)
        changes = audit.diff(audit.snapshot(row, tuple(typed)), typed)
        if changes:
            for name, value in typed.items():
                setattr(row, name, value)
            if not row.source.startswith("本部门"):
                row.source = f"本部门修改（{dt.date.today():%Y.%m.%d}）；原默认值来源：{row.source}"
            session.flush()
            audit.record(session, ctx, "update", t.key, row.id, row.uid, changes, _label(t, row))
        return _row_view(t, row)


def add_row(ctx: ServiceContext, key: str, values: Mapping[str, object]) -> RuleRow:
    access.require(ctx, Permission.SETTINGS)
    t = table(key)
    if not t.can_add:
        raise ValidationError({"table": f"{t.title}不能新增行"})
    _require_admin(ctx)
    with ctx.db.uow() as session:
        missing = {c.key for c in t.columns if c.editable} - set(values)
        if missing:
            raise ValidationError({name: f"请填写{t.column(name).label}" for name in sorted(missing)})
        typed = _checked(session, t, None, values)
        row = t.model(**t.defaults, **typed)
        row.source = f"本部门新增（{dt.date.today():%Y.%m.%d}）"
        if hasattr(t.model, "position"):
            last = session.scalar(select(t.model.position).order_by(t.model.position.desc()).limit(1))
            row.position = (last or 0) + 1
        session.add(row)
        session.flush()
        audit.record(session, ctx, "create", t.key, row.id, row.uid, audit.diff({}, typed), _label(t, row))
        return _row_view(t, row)


def archive_row(ctx: ServiceContext, key: str, row_id: int, expected_version: int) -> RuleRow:
    """停用 a row: a switched-off rule no longer applies."""
    return _set_archived(ctx, key, row_id, expected_version, True)


def restore_row(ctx: ServiceContext, key: str, row_id: int, expected_version: int) -> RuleRow:
    """恢复 a switched-off row."""
    return _set_archived(ctx, key, row_id, expected_version, False)


def _set_archived(
    ctx: ServiceContext, key: str, row_id: int, expected_version: int, archived: bool
) -> RuleRow:
    access.require(ctx, Permission.SETTINGS)
    t = table(key)
    if not t.archivable:
        raise ValidationError({"table": f"{t.title}的行不能停用"})
    _require_admin(ctx)
    with ctx.db.uow() as session:
        row = _load(session, t, row_id, expected_version)
        if (row.archived_at is not None) != archived:
            row.archived_at = dt.datetime.now(dt.UTC) if archived else None
            session.flush()
            audit.record(session, ctx, "archive" if archived else "restore", t.key, row.id, row.uid,
                         summary=_label(t, row))  # fmt: skip
        return _row_view(t, row)
