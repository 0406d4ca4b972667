"""年轻干部台账: the pool register as the Excel sheet staff keep (姓名, 性别, 出生年月, 民族, 籍贯, 学历,
入党时间, 参加工作时间, 现任职务, 任现职时间, 库别, 入库时间, 培养方向, 培养措施, 年度研判, 状态), written and
read back.

Reading reuses the roster import: the cadre columns are planned by `roster.plan_roster` (new cadres,
changed fields, 待核实 warnings, refusals), the pool columns are checked here row by row; any problem
refuses the file (or, as in the roster preview, the rows with problems are left out on request). The
write takes a verified backup first, then cadres and entries in one transaction.

Cells written here read back: 入库时间 `2024.03.01` (or `2024.03`, the first of the month);
培养措施 `2024.05--2025.05 挂职：县发改委挂职副主任；2025.09-- 重点工作抽调：…` (a kind word per
item: 挂职, 轮岗, 抽调, 培训, 帮带); 年度研判 `2025年：意见；2024年：意见`; 状态 `在库`,
`列为考察对象（2025.06.01）`,
`已使用（2025.07.01，副镇长）`, `退出（2026.01.26，调出）`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.models import Cadre, PoolEntry
from cadre_desk.domain import pools as rule
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth, age_at, format_date, parse_date
from cadre_desk.errors import ImportRejected, StorageError
from cadre_desk.services import access, audit, pool_entries, pool_imports, pool_lists, pools
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import importing, roster

COLUMNS = (
    "姓名", "性别", "出生年月", "民族", "籍贯", "学历", "入党时间", "参加工作时间", "现任职务", "任现职时间",
    "库别", "入库时间", "培养方向", "培养措施", "年度研判", "状态",
)  # fmt: skip
POOL_COLUMNS = ("库别", "入库时间", "入库方式", "培养方向", "培养措施", "年度研判", "状态")
WIDTHS = (8, 5, 9, 6, 10, 8, 9, 10, 22, 10, 14, 11, 18, 36, 30, 18)
_KIND_WORDS = (
    ("重点工作抽调", rule.MeasureKind.KEY_TASK), ("抽调", rule.MeasureKind.KEY_TASK),
    ("挂职", rule.MeasureKind.SECONDMENT), ("轮岗", rule.MeasureKind.ROTATION),
    ("培训", rule.MeasureKind.TRAINING), ("帮带", rule.MeasureKind.MENTORING),
)  # fmt: skip
_SPAN = re.compile(
    r"^\s*(\d{4}[.\-/年]\d{1,2}(?:[.\-/月]\d{1,2})?)日?\s*(?:--|—|－|~|至)\s*(\d{4}[.\-/年]\d{1,2}(?:[.\-/月]\d{1,2})?)?日?"
)
_STATE = re.compile(r"^(在库|列为考察对象|已使用|退出)\s*(?:[（(]([^）)]*)[）)])?$")
_REVIEW = re.compile(r"^\s*(\d{4})\s*年(?:度)?\s*[：:]\s*(.+)$", re.S)


# --- writing ---------------------------------------------------------------------------------------


def state_text(row: pool_lists.EntryRow) -> str:
    if row.state == rule.PoolState.IN_POOL:
        return row.state
    if row.state == rule.PoolState.USED:
        return f"{row.state}（{format_date(row.state_on)}，{row.used_post}）"
    if row.state == rule.PoolState.EXITED:
        return f"{row.state}（{format_date(row.state_on)}，{row.exit_reason}）"
    return f"{row.state}（{format_date(row.state_on)}）"


def _all_reviews(session: Session, entry_ids: Sequence[int]) -> dict[int, str]:
    from cadre_desk.db.models import PoolReview

    out: dict[int, list[str]] = {}
    for entry_id, year, opinion in session.execute(
        select(PoolReview.entry_id, PoolReview.year, PoolReview.opinion)
        .where(PoolReview.entry_id.in_(select(PoolEntry.id).where(PoolEntry.id.in_(entry_ids))))
        .order_by(PoolReview.year.desc())
    ):
        out.setdefault(entry_id, []).append(f"{year}年：{opinion}")
    return {k: "；".join(v) for k, v in out.items()}


def export_ledger(ctx: ServiceContext, dest: Path, rows: Sequence[pool_lists.EntryRow]) -> int:
    """Write the given register rows as the 年轻干部台账; returns the rows written."""
    access.require(ctx, Permission.OUTPUT)
    ids = [r.id for r in rows]
    book = openpyxl.Workbook()
    ws = book.active
    title = "年轻干部台账"
    ws.title = title
    ws.append([f"{title}（{dt.date.today():%Y.%m.%d}，共 {len(rows)} 人次）"])
    ws.append(list(COLUMNS))
    with ctx.db.read() as session:
        people = {
            c.id: (
                c.name, c.gender, str(c.birth), c.ethnicity, c.native_place,
                c.fulltime_education or c.inservice_education, str(c.party_join or ""),
                str(c.work_start or ""), c.post, str(c.post_since or ""),
            )
            for c in session.scalars(select(Cadre).where(Cadre.id.in_({r.cadre_id for r in rows})))
        }  # fmt: skip
        extras = pool_lists.ledger_extras(session, ids)
        reviews = _all_reviews(session, ids)
    for r in rows:
        ws.append(
            [
                *people[r.cadre_id], r.pool, format_date(r.entered_on), r.direction, extras[r.id].measures,
                reviews.get(r.id, ""), state_text(r),
            ]
        )  # fmt: skip
    roster.format_sheet(ws, title, list(COLUMNS), list(WIDTHS))
    roster.save_book(book, dest)
    with ctx.db.uow() as session:
        audit.record(
            session, ctx, "export", "pool_entry", summary=f"导出年轻干部台账 {len(rows)} 条到 {dest}"[:200]
        )
    return len(rows)


# --- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerItem:
    source: str  # 第N行, as the roster plan names it
    name: str
    pool: str
    entry: pool_imports.LedgerEntry
    duplicate: bool  # the cadre is in that pool from that date already: nothing to write


@dataclass(frozen=True)
class LedgerPlan:
    source: str
    cadres: importing.ImportPlan  # the roster import's plan for the cadre columns
    items: tuple[LedgerItem, ...]

    @property
    def new_entries(self) -> int:
        return sum(1 for i in self.items if not i.duplicate)

    def without_rejected(self) -> LedgerPlan:
        refused = {r.source for r in self.cadres.rejected}
        return dataclasses.replace(
            self,
            cadres=self.cadres.without_rejected(),
            items=tuple(i for i in self.items if i.source not in refused),
        )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%Y.%m.%d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _day(text: str, label: str) -> dt.date:
    """`2024.03.01`, `2024-03-01`, `2024年3月1日` or a month (`2024.03`: its first day)."""
    cleaned = (
        text.strip().rstrip("日").replace("年", ".").replace("月", ".").replace("-", ".").replace("/", ".")
    )
    cleaned = cleaned.strip(".")
    try:
        if cleaned.count(".") == 1:
            return YearMonth.parse(cleaned).first_day()
        return parse_date(cleaned)
    except (DateFormatError, ValueError) as exc:
        raise ValueError(f"{label}“{text}”不是日期（如 2024.03.01）：{exc}") from None


def _measures(text: str, entered: dt.date) -> list[tuple[str, dt.date, dt.date | None, str]]:
    out: list[tuple[str, dt.date, dt.date | None, str]] = []
    for part in re.split(r"[；;\n]+", text):
        item = part.strip()
        if not item:
            continue
        start, end = entered, None
        span = _SPAN.match(item)
        if span:
            start = _day(span.group(1), "培养措施的开始时间")
            end = _day(span.group(2), "培养措施的结束时间") if span.group(2) else None
            item = item[span.end() :].strip()
        kind = next((k for word, k in _KIND_WORDS if word in item), None)
        if kind is None:
            raise ValueError(f"培养措施“{part.strip()[:30]}”中没有措施类别（挂职、轮岗、抽调、培训、帮带）")
        content = re.sub(rf"^{kind.value}\s*[：:]?\s*", "", item).strip()
        out.append((kind.value, start, end, content[:1000]))
    return out


def _reviews(text: str, entered: dt.date, today: dt.date) -> list[tuple[int, str]]:
    out: dict[int, str] = {}
    for part in re.split(r"[；;\n]+(?=\s*\d{4}\s*年)", text):
        if not part.strip():
            continue
        m = _REVIEW.match(part)
        year, opinion = (int(m.group(1)), m.group(2).strip()) if m else (today.year, part.strip())
        if not entered.year <= year <= today.year:
            raise ValueError(f"年度研判的年度 {year} 应在入库当年（{entered.year}）到今年之间")
        out[year] = opinion[:2000]
    return sorted(out.items(), reverse=True)


def _state(text: str, entered: dt.date) -> tuple[str, dt.date | None, str, str]:
    """(state, date, post, exit reason) from `已使用（2025.07.01，副镇长）` and the like; blank: 在库."""
    if not text.strip():
        return rule.PoolState.IN_POOL.value, None, "", ""
    m = _STATE.match(text.strip())
    if not m:
        raise ValueError(
            f"状态“{text}”应为 在库、列为考察对象（日期）、已使用（日期，职务）或 退出（日期，原因）"
        )
    state, inside = m.group(1), [p.strip() for p in re.split(r"[，,]", m.group(2) or "") if p.strip()]
    on = _day(inside[0], "状态日期") if inside else None
    if on is not None and on < entered:
        raise ValueError("状态日期早于入库时间")
    extra = inside[1] if len(inside) > 1 else ""
    if state == rule.PoolState.USED and not extra:
        raise ValueError("已使用的，请写明使用职务：已使用（2025.07.01，副镇长）")
    if state == rule.PoolState.EXITED and extra not in tuple(rule.ExitReason):
        raise ValueError(f"退出的，请写明原因（{'、'.join(rule.ExitReason)}）：退出（2026.01.26，调出）")
    if state != rule.PoolState.IN_POOL and on is None:
        raise ValueError(f"{state}的，请写明日期：{state}（2025.06.01）")
    return (
        state,
        on,
        extra if state == rule.PoolState.USED else "",
        extra if state == rule.PoolState.EXITED else "",
    )


def plan_ledger(ctx: ServiceContext, path: Path, today: dt.date | None = None) -> LedgerPlan:
    """Read the ledger: the cadre columns as a roster import, the pool columns checked row by row. Pool
    problems are added to the plan's refusals (as a conflict to decide), each with its row."""
    access.require(ctx, Permission.IMPORT)
    today = today or dt.date.today()
    sheet, cadre_plan = roster.plan_roster(ctx, path)
    where = {roster._clean_header(h): i for i, h in enumerate(sheet.headers) if h}
    if "库别" not in where:
        raise StorageError("表头中没有“库别”列（年轻干部台账应有 库别、入库时间、状态 等列）")
    if "入库时间" not in where:
        raise StorageError("表头中没有“入库时间”列")
    by_source = {i.source: i for i in cadre_plan.items}
    pool_list = pools.list_pools(ctx)
    items: list[LedgerItem] = []
    problems: list[importing.Rejected] = []
    seen: set[tuple[str, int, dt.date]] = set()
    with ctx.db.read() as session:
        for n, values, _formats in sheet.rows:
            label = roster.row_label(n)
            planned = by_source.get(label)
            if planned is None:
                continue  # a blank row, or one the roster plan refused already (its reason is shown)
            cells = {
                k: _cell(values[i]) if i < len(values) else "" for k, i in where.items() if k in POOL_COLUMNS
            }
            try:
                item = _plan_row(session, planned, cells, pool_list, today)
            except ValueError as exc:
                problems.append(importing.Rejected(label, (("", str(exc)),), importing.CONFLICT))
                continue
            key = (planned.name, item.entry.pool_id, item.entry.entered_on)
            if key in seen:
                problems.append(
                    importing.Rejected(
                        label, (("", "与上面的行重复（同一人、同一库别、同一入库时间）"),), importing.CONFLICT
                    )
                )
                continue
            seen.add(key)
            items.append(item)
    plan = dataclasses.replace(cadre_plan, kind="年轻干部台账", rejected=(*cadre_plan.rejected, *problems))
    return LedgerPlan(path.name, plan, tuple(items))


def _plan_row(
    session: Session,
    planned: importing.PlannedCadre,
    cells: dict[str, str],
    pool_list: Sequence[pools.PoolView],
    today: dt.date,
) -> LedgerItem:
    name = cells.get("库别", "")
    if not name:
        raise ValueError("请填写库别")
    found = [p for p in pool_list if p.name == name] or [p for p in pool_list if p.name.startswith(name)]
    if len(found) != 1:
        raise ValueError(f"库别“{name}”不在库别表中（{'、'.join(p.name for p in pool_list)}）")
    pool = found[0]
    if not cells.get("入库时间"):
        raise ValueError("请填写入库时间")
    entered = _day(cells["入库时间"], "入库时间")
    if entered > today:
        raise ValueError(f"入库时间（{entered:%Y.%m.%d}）不能晚于今天")
    birth = planned.data.values.get("birth")
    if isinstance(birth, YearMonth) and age_at(birth, entered) > pool.age_cap:
        raise ValueError(f"入库时 {age_at(birth, entered)} 岁，超过“{pool.name}”的年龄上限 {pool.age_cap} 岁")
    channel = cells.get("入库方式", "")  # not a column of the usual ledger: 组织掌握 unless given
    if channel not in tuple(rule.Channel):
        channel = rule.Channel.KNOWN.value
    state, on, post, reason = _state(cells.get("状态", ""), entered)
    entry = pool_imports.LedgerEntry(
        pool_id=pool.id, entered_on=entered, channel=channel, direction=cells.get("培养方向", "")[:500],
        state=state, state_on=on, post=post[:200], reason=reason,
        measures=tuple(_measures(cells.get("培养措施", ""), entered)),
        reviews=tuple(_reviews(cells.get("年度研判", ""), entered, today)),
    )  # fmt: skip
    duplicate = False
    if planned.cadre_id is not None:
        duplicate = pool_imports.existing_entry_in(session, planned.cadre_id, pool.id, entered) is not None
        active = pool_entries.active_entry_in(session, planned.cadre_id, pool.id)
        if not duplicate and active is not None and state in rule.ACTIVE_STATES:
            raise ValueError(
                f"{planned.name}已在“{pool.name}”中（{active.entered_on:%Y.%m.%d} 入库），请核对入库时间"
            )
    return LedgerItem(planned.source, planned.name, pool.name, entry, duplicate)


@dataclass(frozen=True)
class LedgerResult:
    cadres: importing.ImportResult
    entries: int
    backup: str


def apply_ledger(ctx: ServiceContext, plan: LedgerPlan) -> LedgerResult:
    """A verified backup first, then cadres and pool entries in one transaction (all or nothing)."""
    access.require(ctx, Permission.IMPORT)
    if plan.cadres.rejected:
        raise ImportRejected([(r.source, r.reason) for r in plan.cadres.rejected])
    if plan.new_entries == 0 and all(i.action == "unchanged" for i in plan.cadres.items):
        ids = tuple(i.cadre_id for i in plan.cadres.items if i.cadre_id is not None)
        return LedgerResult(importing.ImportResult(0, 0, len(ids), ids), 0, "")  # nothing to write
    backup = ""
    if ctx.db.path is not None:
        backup = str(roster.backup_before_import(ctx, ctx.db.path, None, kind="pool-ledger"))
    written: list[int] = []

    def entries(session: Session, ids: dict[str, int]) -> None:
        for item in plan.items:
            if item.duplicate:
                continue
            cadre_id = ids[item.source]
            if pool_entries.active_entry_in(session, cadre_id, item.entry.pool_id) is not None and (
                item.entry.state in rule.ACTIVE_STATES
            ):
                raise ImportRejected(
                    [(item.source, f"{item.name}已在“{item.pool}”中（预览之后有人录入），请重新导入")]
                )
            written.append(pool_imports.import_entry_in(session, ctx, cadre_id, item.entry))

    result = importing.apply_plan(ctx, plan.cadres, None, also=entries)
    return LedgerResult(result, len(written), backup)
