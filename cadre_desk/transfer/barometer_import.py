"""Import the lists the member units send for a 晴雨表 period (纪委监委 处分名单, 信访, 审计, 个人事项核查 …).

`plan_barometer_import` reads the first sheet: the header row is the first one with a 身份证号 column;
every other column whose header names an indicator (its label or a usual alias: 处分, 立案审查, 组织处理,
问责, 信访举报 / 核查结果, 个人事项核查, 审计发现, 舆情, 年度考核 …) is read. Each row is matched to a cadre
on 身份证号 (a 姓名 column, if present, must agree). Nothing is written while any row has a problem
(all-or-nothing, as the roster import). Two rows of one cadre in a list are merged (the more severe
reading, both texts); for the columns it has, the list's reading replaces the period's.
`apply_barometer_import` writes the plan in one transaction after checking nothing changed meanwhile,
and colours the entries again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import select

from cadre_desk.db.base import utcnow
from cadre_desk.db.models import BarometerEntry, BarometerPeriod, Cadre
from cadre_desk.domain import barometer as bd
from cadre_desk.domain.idcard import normalise
from cadre_desk.errors import ConflictError, ImportRejected, NotFoundError, StorageError, ValidationError
from cadre_desk.services import access, audit, barometer_changes, barometer_periods
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

ID_HEADERS = ("身份证号", "公民身份号码", "身份证号码")
NAME_HEADERS = ("姓名",)
MAX_ROWS = 20_000


@dataclass(frozen=True)
class PlannedReading:
    rows: tuple[int, ...]  # the sheet's row numbers
    cadre_id: int
    name: str
    entry_id: int | None  # None: the cadre joined after the period was opened (an entry is added)
    entry_version: int
    changes: dict[str, tuple[str, str]]  # indicator code -> (old, new)


@dataclass
class BarometerImportPlan:
    source: str
    period: str
    columns: tuple[str, ...] = ()  # the indicator codes the list has
    items: list[PlannedReading] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (`第 N 行`, message)
    rows: int = 0

    @property
    def changed(self) -> int:
        return sum(1 for i in self.items if i.changes)

    @property
    def unchanged(self) -> int:
        return sum(1 for i in self.items if not i.changes)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%Y.%m.%d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_map() -> dict[str, str]:
    out = {h: "id_number" for h in ID_HEADERS}
    out.update({h: "name" for h in NAME_HEADERS})
    for ind in bd.INDICATORS:
        for alias in (ind.label, *ind.aliases):
            out[alias] = ind.code
    return out


def _read(path: Path) -> tuple[dict[str, int], list[tuple[int, tuple[Any, ...]]]]:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise StorageError(f"无法读取 {path.name}：{exc}") from None
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 20))
    finally:
        book.close()
    aliases = _header_map()
    for n, row in enumerate(rows[:20]):
        cells = [_text(c).replace(" ", "").replace("\n", "") for c in row]
        if any(aliases.get(c) == "id_number" for c in cells):
            header: dict[str, int] = {}
            for i, c in enumerate(cells):
                if c in aliases and aliases[c] not in header:
                    header[aliases[c]] = i
            return header, [(n + 2 + k, r) for k, r in enumerate(rows[n + 1 :])]
    raise ImportRejected([(path.name, "找不到表头（应有“身份证号”列）")])


def plan_barometer_import(ctx: ServiceContext, period_code: str, path: Path) -> BarometerImportPlan:
    access.require(ctx, Permission.IMPORT)
    period_code = barometer_periods.parse_period(period_code).code
    header, rows = _read(path)
    columns = tuple(c for c in bd.CODES if c in header)
    plan = BarometerImportPlan(source=path.name, period=period_code, columns=columns)
    if not columns:
        known = "、".join(i.label for i in bd.INDICATORS)
        plan.problems.append(("表头", f"没有可导入的指标列（可用：{known}）"))
        return plan
    with ctx.db.read() as session:
        period = session.scalars(select(BarometerPeriod).where(BarometerPeriod.code == period_code)).first()
        if period is None:
            raise NotFoundError("晴雨表期次", period_code)
        if period.state == bd.PUBLISHED:
            raise ValidationError({"period": f"{period_code} 已发布，不能再导入"})
        people = {
            p.id_number: p
            for p in session.execute(
                select(Cadre.id, Cadre.name, Cadre.id_number).where(
                    Cadre.archived_at.is_(None), Cadre.id_number.is_not(None)
                )
            )
        }
        entry_cols = [getattr(BarometerEntry, c) for c in columns]
        entries = {
            r[0]: r
            for r in session.execute(
                select(BarometerEntry.cadre_id, BarometerEntry.id, BarometerEntry.version, *entry_cols).where(
                    BarometerEntry.period_id == period.id
                )
            )
        }
    found: dict[int, tuple[list[int], str, dict[str, str]]] = {}
    for number, row in rows:
        cell = {key: _text(row[i]) if i < len(row) else "" for key, i in header.items()}
        if not any(cell.values()):
            continue
        plan.rows += 1
        where = f"第 {number} 行"
        problems: list[str] = []
        values: dict[str, str] = {}
        for code in columns:
            try:
                values[code] = bd.clean_value(code, cell.get(code, ""))
            except bd.IndicatorError as exc:
                problems.append(str(exc))
        raw_id = cell.get("id_number", "")
        id_number = normalise(raw_id)
        who = cell.get("name", "")
        person = people.get(id_number) if id_number else None
        if not raw_id:
            problems.append(f"{who or '本行'}缺少身份证号")
        elif person is None:
            problems.append(f"身份证号 {id_number} 在干部名册中找不到{f'（{who}）' if who else ''}")
        elif who and person.name != who:
            problems.append(f"身份证号 {id_number} 是{person.name}的，不是{who}")
        if problems or person is None:
            plan.problems.extend((where, p) for p in problems)
            continue
        numbers, _name, merged = found.setdefault(person.id, ([], person.name, {}))
        numbers.append(number)
        for code, value in values.items():
            merged[code] = bd.merge_value(code, merged.get(code, ""), value) if code in merged else value
    for cadre_id, (numbers, name, values) in found.items():
        entry = entries.get(cadre_id)
        old = dict(zip(columns, entry[3:], strict=True)) if entry is not None else dict.fromkeys(columns, "")
        changes = {c: (old[c], v) for c, v in values.items() if old[c] != v}
        plan.items.append(
            PlannedReading(
                tuple(numbers),
                cadre_id,
                name,
                entry[1] if entry is not None else None,
                entry[2] if entry is not None else 0,
                changes,
            )
        )
    if not plan.items and not plan.problems:
        plan.problems.append((plan.source, "表中没有干部"))
    return plan


@dataclass(frozen=True)
class BarometerImportResult:
    changed: int
    added: int  # entries added for cadres that joined after the period was opened
    counts: dict[str, int]  # the period's colours afterwards
    entry_ids: tuple[int, ...]


def apply_barometer_import(ctx: ServiceContext, plan: BarometerImportPlan) -> BarometerImportResult:
    """Write the plan in one transaction; refuse a plan with problems or one whose entries changed."""
    access.require(ctx, Permission.IMPORT)
    if plan.problems:
        raise ImportRejected(list(plan.problems))
    source = Path(plan.source).stem[:40]
    touched: list[int] = []
    added = 0
    with ctx.db.uow() as session:
        period = session.scalars(select(BarometerPeriod).where(BarometerPeriod.code == plan.period)).first()
        if period is None:
            raise NotFoundError("晴雨表期次", plan.period)
        if period.state == bd.PUBLISHED:
            raise ValidationError({"period": f"{plan.period} 已发布，不能再导入"})
        items = [i for i in plan.items if i.changes]
        existing = {
            e.id: e
            for e in session.scalars(
                select(BarometerEntry).where(
                    BarometerEntry.id.in_([i.entry_id for i in items if i.entry_id is not None])
                )
            )
        }
        for item in items:
            if item.entry_id is None:
                cadre = session.get(Cadre, item.cadre_id)
                if cadre is None or session.scalar(
                    select(BarometerEntry.id).where(
                        BarometerEntry.period_id == period.id, BarometerEntry.cadre_id == item.cadre_id
                    )
                ):
                    raise ConflictError("晴雨表记录", item.name, 0, 1)
                entry = barometer_periods.new_entry(period.id, cadre.id, cadre.unit_id)
                session.add(entry)
                added += 1
            else:
                found = existing.get(item.entry_id)
                if found is None or found.version != item.entry_version:
                    raise ConflictError(
                        "晴雨表记录", item.name, item.entry_version, found.version if found else 0
                    )
                entry = found
            for code, (_old, new) in item.changes.items():
                setattr(entry, code, new)
            if source not in entry.sources.split("、"):
                entry.sources = "、".join(filter(None, [entry.sources, source]))[:200]
            entry.updated_at = utcnow()
        session.flush()
        touched = [e.id for e in session.scalars(
            select(BarometerEntry).where(BarometerEntry.period_id == period.id,
                                         BarometerEntry.cadre_id.in_([i.cadre_id for i in items]))
        )]  # fmt: skip
        barometer_changes.recompute_in(session, ctx, period.id, touched)
        audit.record(
            session,
            ctx,
            "import",
            "barometer_entry",
            summary=f"导入晴雨表 {plan.period}（{plan.source}）：{len(items)} 人有变化，新增 {added} 条"[
                :200
            ],
        )
        session.flush()
        counts = barometer_periods.period_counts_in(session, period.id)
    return BarometerImportResult(len(items), added, counts, tuple(touched))
