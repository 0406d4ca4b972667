"""Import a class list (培训班学员名单) from Excel into the training records: `plan_training_import` reads
and checks every row and matches each 学员 to a cadre (by 身份证号, else by name and birth month); nothing
is written while any row has a problem (all-or-nothing, as the roster import); `apply_training_import`
writes the planned records in one transaction after checking that nothing changed meanwhile.

Columns (by header, in any order; the first row whose cells include 姓名 is the header): 班次 (or
培训名称), 类别, 主办单位, 开始日期, 结束日期, 学时, 天数, 是否脱产, 结业证书, 姓名, 身份证号,
出生年月. A blank class cell repeats the row above (lists often merge the class cells of a 班次).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import func, select

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import Cadre, Training
from cadre_desk.domain.idcard import normalise
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth
from cadre_desk.errors import ConflictError, ImportRejected, StorageError
from cadre_desk.services import access, audit, obligation_raising
from cadre_desk.services.access import Permission
from cadre_desk.services.cadre_rules import training_values
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.field_errors import FieldErrors
from cadre_desk.transfer.roster import backup_before_import

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("班次", "培训名称", "班次名称", "培训班名称"),
    "kind": ("类别", "培训类别", "班次类别"),
    "organiser": ("主办单位", "举办单位", "承办单位"),
    "start_date": ("开始日期", "开班日期", "开始时间"),
    "end_date": ("结束日期", "结业日期", "结束时间"),
    "hours": ("学时",),
    "days": ("天数", "培训天数"),
    "full_time": ("是否脱产", "脱产"),
    "certificate": ("结业证书", "证书编号", "结业证书编号"),
    "person": ("姓名", "学员姓名"),
    "id_number": ("身份证号", "公民身份号码", "身份证号码"),
    "birth": ("出生年月",),
}
CLASS_FIELDS = ("name", "kind", "organiser", "start_date", "end_date", "hours", "days", "full_time")
MAX_ROWS = 20_000


@dataclass(frozen=True)
class PlannedTraining:
    row: int  # the sheet's row number
    cadre_id: int
    cadre_name: str
    cadre_version: int
    values: dict[str, Any]
    duplicate: bool  # the cadre already has this class (same name and start date): skipped


@dataclass
class TrainingImportPlan:
    source: str
    items: list[PlannedTraining] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (`第 N 行`, message)

    @property
    def new(self) -> int:
        return sum(1 for i in self.items if not i.duplicate)

    @property
    def duplicates(self) -> int:
        return sum(1 for i in self.items if i.duplicate)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y.%m.%d}"
    if isinstance(value, dt.date):
        return f"{value:%Y.%m.%d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read(path: Path) -> tuple[dict[str, int], list[tuple[int, list[Any]]]]:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise StorageError(f"无法读取 {path.name}：{exc}") from None
    try:
        ws = book.worksheets[0]
        rows = list(ws.iter_rows(values_only=True, max_row=MAX_ROWS + 20))
    finally:
        book.close()
    aliases = {alias: key for key, names in COLUMNS.items() for alias in names}
    for n, row in enumerate(rows[:20]):
        cells = [_text(c) for c in row]
        if any(aliases.get(c) == "person" for c in cells):
            header = {aliases[c]: i for i, c in enumerate(cells) if c in aliases}
            return header, [(n + 2 + k, list(r)) for k, r in enumerate(rows[n + 1 :])]
    raise ImportRejected([(path.name, "找不到表头（应有“姓名”“班次”等列）")])


def plan_training_import(ctx: ServiceContext, path: Path) -> TrainingImportPlan:
    access.require(ctx, Permission.IMPORT)
    header, rows = _read(path)
    plan = TrainingImportPlan(source=path.name)
    missing = [COLUMNS[k][0] for k in ("name", "person") if k not in header]
    if missing:
        plan.problems.append(("表头", f"缺少列：{'、'.join(missing)}"))
        return plan
    with ctx.db.read() as session:
        people = session.execute(
            select(Cadre.id, Cadre.name, Cadre.birth, Cadre.id_number, Cadre.version).where(
                Cadre.archived_at.is_(None)
            )
        ).all()
        existing = {
            (cadre_id, name, start)
            for cadre_id, name, start in session.execute(
                select(Training.cadre_id, Training.name, Training.start_date).where(
                    Training.archived_at.is_(None)
                )
            )
        }
    by_id = {p.id_number: p for p in people if p.id_number}
    by_name: dict[tuple[str, YearMonth], list[Any]] = defaultdict(list)
    for p in people:
        by_name[(p.name, p.birth)].append(p)
    carried: dict[str, str] = {}
    seen: set[tuple[int, str, dt.date | None]] = set()
    for number, row in rows:
        cell = {key: _text(row[i]) if i < len(row) else "" for key, i in header.items()}
        if not any(cell.values()):
            continue
        for key in CLASS_FIELDS:
            if cell.get(key):
                carried[key] = cell[key]
            elif key in header:
                cell[key] = carried.get(key, "")
        errs = FieldErrors()
        item = {**cell, "full_time": cell.get("full_time", "") in ("是", "脱产", "1", "true", "True", "√")}
        values = training_values(errs, "row", item)
        problems = list(errs.errors.values())
        who = cell.get("person", "")
        person = None
        id_number = normalise(cell.get("id_number", ""))
        if id_number:
            person = by_id.get(id_number)
            if person is None:
                problems.append(f"身份证号 {id_number} 在干部名册中找不到")
            elif who and person.name != who:
                problems.append(f"身份证号 {id_number} 是{person.name}的，不是{who}")
        elif not who:
            problems.append("缺少学员姓名")
        else:
            try:
                birth = YearMonth.parse(cell.get("birth", ""))
            except DateFormatError:
                problems.append(f"{who}：没有身份证号时须有出生年月（如 1985.03）")
            else:
                found = by_name.get((who, birth), [])
                if not found:
                    problems.append(f"{who}（{birth}）在干部名册中找不到")
                elif len(found) > 1:
                    problems.append(f"{who}（{birth}）在名册中有 {len(found)} 人，请填写身份证号")
                else:
                    person = found[0]
        if problems or person is None:
            plan.problems.extend((f"第 {number} 行", p) for p in problems)
            continue
        planned = (person.id, str(values["name"]), values["start_date"])
        if planned in seen:
            plan.problems.append((f"第 {number} 行", f"{person.name}在本表中重复出现（{values['name']}）"))
            continue
        seen.add(planned)
        duplicate = planned in existing
        plan.items.append(PlannedTraining(number, person.id, person.name, person.version, values, duplicate))
    if not plan.items and not plan.problems:
        plan.problems.append((plan.source, "表中没有学员"))
    return plan


@dataclass(frozen=True)
class TrainingImportResult:
    created: int
    skipped: int
    cadre_ids: tuple[int, ...]
    backup: str = ""  # the verified copy taken before writing (SQLite; blank when nothing was written)


def apply_training_import(ctx: ServiceContext, plan: TrainingImportPlan) -> TrainingImportResult:
    """A verified backup first (SQLite, as the roster import does), then the plan's new records
    (duplicates skipped) in one transaction; refuse a plan with problems or one whose cadres changed
    since it was made."""
    access.require(ctx, Permission.IMPORT)
    if plan.problems:
        raise ImportRejected(list(plan.problems))
    backup = ""
    if ctx.db.path is not None and any(not item.duplicate for item in plan.items):
        backup = str(backup_before_import(ctx, ctx.db.path, None, kind="training"))
    created = 0
    touched: list[int] = []
    added: list[Training] = []
    with ctx.db.uow() as session:
        positions = dict(
            session.execute(
                select(Training.cadre_id, func.max(Training.position)).group_by(Training.cadre_id)
            ).all()
        )
        for item in plan.items:
            if item.duplicate:
                continue
            cadre = session.get(Cadre, item.cadre_id)
            if cadre is None or cadre.archived_at is not None:
                raise ConflictError("干部", item.cadre_name, item.cadre_version, 0)
            if item.cadre_id not in touched:
                if cadre.version != item.cadre_version:
                    raise ConflictError("干部", cadre.name, item.cadre_version, cadre.version)
                cadre.updated_at = utcnow()  # the profile changed: a stale editor must not overwrite it
                touched.append(item.cadre_id)
            position = positions.get(item.cadre_id)
            positions[item.cadre_id] = 0 if position is None else position + 1
            row = Training(cadre_id=item.cadre_id, position=positions[item.cadre_id], **item.values)
            session.add(row)
            added.append(row)
            created += 1
        session.flush()
        for row in added:  # a 青干班 class owes each of its cadres a talk (三必谈)
            obligation_raising.training_added(session, ctx, row)
        audit.record(
            session,
            ctx,
            "import",
            "training",
            summary=f"导入培训名单（{plan.source}）：新增 {created}，已有跳过 {plan.duplicates}"[:200],
        )
    return TrainingImportResult(created, plan.duplicates, tuple(touched), backup)
