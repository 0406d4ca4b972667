"""Excel rosters (干部名册): reading one with its header recognised from the usual Chinese column names,
and writing a formatted roster staff can print.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from cadre_desk import outfile
from cadre_desk.db.models import Cadre, Unit
from cadre_desk.domain.idcard import normalise
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.errors import StorageError
from cadre_desk.services import access, audit, restore_point, retirement
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import archive, formtext, importing
from cadre_desk.transfer.model import CadreData, FormatProblem

Progress = Callable[[str, int, int], None]
log = logging.getLogger("cadre_desk.transfer")

# field → (label in exported headers, accepted header spellings)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("姓名", ("姓名", "干部姓名")),
    "gender": ("性别", ("性别",)),
    "birth": ("出生年月", ("出生年月", "出生日期", "出生年月日", "出生时间")),
    "ethnicity": ("民族", ("民族",)),
    "native_place": ("籍贯", ("籍贯",)),
    "birthplace": ("出生地", ("出生地",)),
    "political_status": ("政治面貌", ("政治面貌",)),
    "party_join": ("入党时间", ("入党时间", "入党年月", "入党日期")),
    "work_start": ("参加工作时间", ("参加工作时间", "参加工作年月", "工作时间")),
    "health": ("健康状况", ("健康状况",)),
    "professional_title": ("专业技术职务", ("专业技术职务", "职称")),
    "fulltime_education": ("学历", ("学历", "全日制学历", "全日制教育学历", "最高学历")),
    "fulltime_degree": ("学位", ("学位", "全日制学位", "全日制教育学位")),
    "fulltime_school": ("毕业院校", ("毕业院校", "毕业院校及专业", "毕业院校系及专业", "全日制毕业院校")),
    "inservice_education": ("在职学历", ("在职学历", "在职教育学历")),
    "inservice_degree": ("在职学位", ("在职学位", "在职教育学位")),
    "inservice_school": ("在职毕业院校", ("在职毕业院校", "在职毕业院校系及专业")),
    "unit": ("单位", ("单位", "工作单位", "所在单位", "单位名称")),
    "post": ("现任职务", ("现任职务", "职务", "现职务")),
    "rank": ("职级", ("职级", "现职级")),
    "post_since": ("任现职时间", ("任现职时间", "任现职务时间", "任职时间")),
    "rank_since": ("任现职级时间", ("任现职级时间", "任同职级时间", "现职级时间")),
    "id_number": ("身份证号", ("身份证号", "身份证号码", "公民身份号码", "身份证")),
    "phone": ("联系电话", ("联系电话", "电话", "手机", "手机号码")),
    "notes": ("备注", ("备注",)),
}
# Computed columns an export can carry; an import ignores them (到龄 follows from the stored fields).
EXPORT_ONLY: dict[str, tuple[str, tuple[str, ...]]] = {"retirement": ("到龄年月", ("到龄年月", "到龄时间"))}
_RETIREMENT_INPUTS = (
    Cadre.birth,
    Cadre.gender,
    Cadre.rank,
    Cadre.retirement_override,
    Cadre.retirement_override_reason,
)
IGNORED_HEADERS = ("序号", "编号", "年龄", *EXPORT_ONLY["retirement"][1])
YM_FIELDS = ("birth", "party_join", "work_start", "post_since", "rank_since")
HEADER_SCAN_ROWS = 20
DEFAULT_COLUMNS = (
    "name",
    "gender",
    "birth",
    "ethnicity",
    "native_place",
    "political_status",
    "party_join",
    "work_start",
    "fulltime_education",
    "fulltime_degree",
    "unit",
    "post",
    "rank",
    "post_since",
)
_ALIASES = {_alias: name for name, (_l, aliases) in FIELDS.items() for _alias in aliases}


def _clean_header(value: object) -> str:
    return re.sub(r"\s+", "", str(value or "")).replace("（", "(").split("(")[0]


def recognise(header: str) -> str | None:
    return _ALIASES.get(_clean_header(header))


class RowProblems(ValueError):
    """Problems of one row, cell by cell: (column label, message)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("；".join(f"{c}：{m}" for c, m in problems))


@dataclass(frozen=True)
class RosterSheet:
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    columns: dict[int, str]  # 0-based column → field
    unmapped: tuple[str, ...]  # header texts that are neither recognised nor ignored
    rows: tuple[tuple[int, tuple[Any, ...], tuple[str, ...]], ...] = field(
        repr=False
    )  # (row no., values, formats)


def open_roster(
    path: Path, sheet: str | None = None, mapping: Mapping[str, str] | None = None
) -> RosterSheet:
    """Find the header row (merged titles above are skipped) and map the columns to fields.

    `mapping` overrides recognition: header text → field name (or "" to ignore the column).
    """
    title, rows = _read_rows(path, sheet)
    mapping = dict(mapping or {})
    best, best_score = None, 0
    for n, values, _f in rows[:HEADER_SCAN_ROWS]:
        texts = [_clean_header(v) for v in values]
        score = sum(1 for t in texts if t in _ALIASES or t in mapping)
        if "姓名" in texts or any(mapping.get(t) == "name" for t in texts):
            score += 5
        if score > best_score:
            best, best_score = n, score
    if best is None or best_score < 6:
        raise StorageError("没有找到表头行（前 20 行中应有“姓名”等列名）")
    headers = tuple(str(v or "").strip() for v in rows[best - 1][1])
    columns: dict[int, str] = {}
    unmapped: list[str] = []
    for i, header in enumerate(headers):
        if not header:
            continue
        key = _clean_header(header)
        target = mapping.get(header, mapping.get(key))
        if target is None:
            target = recognise(header)
        if target:
            if target not in FIELDS:
                raise StorageError(f"列“{header}”映射到了未知字段 {target}")
            if target not in columns.values():
                columns[i] = target
        elif target is None and key not in IGNORED_HEADERS:
            unmapped.append(header)
    if "name" not in columns.values():
        raise StorageError("表头中没有“姓名”列")
    return RosterSheet(title, best, headers, columns, tuple(unmapped), tuple(rows[best:]))


MAX_ROWS = 100_000
MAX_COLUMNS = 500


def _read_rows(
    path: Path, sheet: str | None
) -> tuple[str, list[tuple[int, tuple[Any, ...], tuple[str, ...]]]]:
    """The sheet's title and its rows (number, values, number formats), after checking what the file
    is and what it would inflate to; every way a file can be wrong is a `StorageError`."""
    with archive.open_zip(path, archive.XLSX) as zf:
        archive.refuse_xml_declarations(zf, path.name)
    try:
        with open(path, "rb") as f:
            book = openpyxl.load_workbook(f, data_only=True)
    except OSError as exc:
        raise StorageError(f"无法读取 {path}：{exc.strerror or exc}") from None
    except Exception as exc:  # openpyxl fails on damaged content in many ways; it is the file's fault
        log.info("unreadable workbook %s", path, exc_info=True)
        raise StorageError(f"无法读取 Excel 文件 {path.name}（文件已损坏或不是 .xlsx）：{exc}") from None
    try:
        if sheet is not None:
            if sheet not in book.sheetnames:
                raise StorageError(f"工作表“{sheet}”不存在（有：{'、'.join(book.sheetnames)}）")
            ws = book[sheet]
            if not isinstance(ws, Worksheet):
                raise StorageError(f"工作表“{sheet}”是图表，没有数据")
        elif book.worksheets:
            ws = book.worksheets[0]
        else:
            raise StorageError(f"{path.name} 中没有数据工作表（只有图表）")
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            raise StorageError(
                f"工作表“{ws.title}”过大（{ws.max_row} 行 × {ws.max_column} 列）；"
                f"名册最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列，请删去多余的行列后再导入"
            )
        rows = [
            (n, tuple(c.value for c in row), tuple(c.number_format for c in row))
            for n, row in enumerate(ws.iter_rows(), start=1)
        ]
        return ws.title, rows
    finally:
        book.close()


def _ym_cell(value: Any, fmt: str, label: str) -> tuple[YearMonth | None, str]:
    """A year-month from any cell: real dates, numbers (198503, 1985.03) and text in every form."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, dt.datetime | dt.date):
        return YearMonth(value.year, value.month), ""
    if isinstance(value, bool):
        raise FormatProblem(f"“{value}”不是年月")
    if isinstance(value, float) and value.is_integer() and "." not in fmt:
        value = int(value)  # 198503 stored as `198503.0` (Apache POI and other writers)
    if isinstance(value, int):
        return formtext.read_year_month(str(value), label), ""
    if isinstance(value, float):
        decimals = fmt.split(".")[1].count("0") if "." in fmt else 0
        text = f"{value:.{max(decimals, 2)}f}" if decimals >= 2 else repr(value)
        if decimals < 2 and re.fullmatch(r"\d{4}\.\d", text) and text.endswith("1"):
            note = f"数字 {text} 按 {text[:4]}.01 读取；若是 10 月，请把单元格设为文本并写 {text[:4]}.10"
            return formtext.read_year_month(text, label), note
        return formtext.read_year_month(text, label), ""
    return formtext.read_year_month(str(value), label), ""


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return f"{value:%Y.%m.%d}"
    return str(value).strip()


def row_data(sheet: RosterSheet, values: Sequence[Any], formats: Sequence[str]) -> CadreData | None:
    """One row as `CadreData` (None for a blank row); raise `RowProblems` with every bad cell."""
    cells = {
        f: (values[i] if i < len(values) else None, formats[i] if i < len(formats) else "General")
        for i, f in sheet.columns.items()
    }
    if all(_text_cell(v) == "" for v, _ in cells.values()):
        return None
    out: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    warnings: list[str] = []
    unit_name: str | None = None
    for name, (value, fmt) in cells.items():
        label = FIELDS[name][0]
        if name in YM_FIELDS:
            try:
                out[name], note = _ym_cell(value, fmt, label)
            except FormatProblem:
                # As written: the shared validation (services.validation.check_import) takes a date in
                # an odd form in as 待核实, or refuses the row when it is the birth month it needs.
                out[name] = _text_cell(value)
                continue
            if note:
                warnings.append(f"{label}：{note}")
        elif name == "unit":
            unit_name = _text_cell(value)
        elif name == "id_number":
            out[name] = normalise(_text_cell(value))
        elif name == "gender":
            out[name] = formtext.gender(_text_cell(value))
        elif name == "ethnicity":
            out[name] = formtext.ethnicity(_text_cell(value))
        elif name == "political_status":
            out[name] = formtext.political_status(_text_cell(value))
        else:
            out[name] = _text_cell(value)
    if problems:
        raise RowProblems(problems)
    return CadreData(values=out, unit_name=unit_name, warnings=warnings)


def plan_roster(
    ctx: ServiceContext,
    path: Path,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    exclude_rows: Sequence[int] = (),
    progress: Progress | None = None,
) -> tuple[RosterSheet, importing.ImportPlan]:
    access.require(ctx, Permission.IMPORT)
    roster = open_roster(path, sheet, mapping)
    entries: list[tuple[str, CadreData | Exception]] = []
    excluded = set(exclude_rows)
    for n, values, formats in roster.rows:
        if n in excluded:
            continue
        try:
            data = row_data(roster, values, formats)
        except RowProblems as exc:
            entries.append((row_label(n), exc))
            continue
        if data is not None:
            entries.append((row_label(n), data))
    if not entries:
        raise StorageError("表中没有可导入的数据行")
    plan = importing.plan_import(ctx, entries, "名册", progress)
    return roster, dataclasses.replace(plan, origin=str(path))


def row_label(n: int) -> str:
    return f"第{n}行"


def row_number(label: str) -> int:
    return int(label.removeprefix("第").removesuffix("行"))


def apply_roster(
    ctx: ServiceContext, plan: importing.ImportPlan, progress: Progress | None = None
) -> importing.ImportResult:
    """A verified backup first (SQLite), then the whole plan in one transaction."""
    access.require(ctx, Permission.IMPORT)
    importing.check_plan(plan)
    backup = ""
    if ctx.db.path is not None:
        backup = str(backup_before_import(ctx, ctx.db.path, progress))
    result = importing.apply_plan(ctx, plan, progress)
    return importing.ImportResult(result.created, result.updated, result.unchanged, result.cadre_ids, backup)


def backup_before_import(
    ctx: ServiceContext, db_path: Path, progress: Progress | None, kind: str = "roster"
) -> Path:
    """The restore point every Excel import (roster, class list, pool ledger) makes sure of before it
    writes: a verified backup of the current state in `backups/` (`NAME-before-KIND-import-TIME.db`),
    an existing one reused when nothing was written since it was taken (`services.restore_point`)."""
    access.require(ctx, Permission.IMPORT)
    del db_path  # the context's database (kept for the callers' signature)
    return restore_point.ensure(ctx, kind, None if progress is None else lambda d, t: progress("备份", d, t))


# --- export --------------------------------------------------------------------------------------

WIDTHS = {
    "name": 10,
    "gender": 6,
    "birth": 10,
    "ethnicity": 8,
    "native_place": 12,
    "birthplace": 12,
    "political_status": 12,
    "party_join": 10,
    "work_start": 12,
    "health": 8,
    "professional_title": 14,
    "fulltime_education": 10,
    "fulltime_degree": 12,
    "fulltime_school": 28,
    "inservice_education": 10,
    "inservice_degree": 12,
    "inservice_school": 28,
    "unit": 24,
    "post": 30,
    "rank": 12,
    "post_since": 12,
    "rank_since": 12,
    "id_number": 21,
    "phone": 14,
    "notes": 20,
    "retirement": 10,
}
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _cell_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, YearMonth):
        return str(value)
    return value


def style_header(cell: Any) -> None:
    """A header cell as every export has it: bold, centred, wrapped, framed (also a write-only cell)."""
    cell.font = Font(bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = _BORDER


def frame_sheet(ws: Any, widths: Sequence[int], header_row: int) -> None:
    """Column widths, the rows down to the header frozen and repeated on every printed page, A4
    landscape fitted to the width, page numbers. Works on a write-only sheet too (before its rows)."""
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def format_sheet(ws: Worksheet, title: str, headers: Sequence[str], widths: Sequence[int]) -> None:
    """Title row merged over the columns, bold framed header, frozen header, A4 landscape, repeated header."""
    count = len(headers)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(count, 1))
    ws.cell(1, 1).font = Font(bold=True, size=16)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    for i in range(1, len(widths) + 1):
        style_header(ws.cell(2, i))
    frame_sheet(ws, widths, 2)


def export_roster(
    ctx: ServiceContext,
    dest: Path,
    cadre_ids: Sequence[int] | None = None,
    unit_id: int | None = None,
    columns: Sequence[str] | None = None,
    title: str = "干部名册",
    progress: Progress | None = None,
) -> int:
    """Write the roster (or the given cadres, in that order) with the chosen columns; returns the rows."""
    access.require(ctx, Permission.OUTPUT)
    columns = tuple(columns or DEFAULT_COLUMNS)
    known = {**FIELDS, **EXPORT_ONLY}
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise StorageError(f"未知的列：{'、'.join(unknown)}（可选：{'、'.join(known)}）")
    stored = [c for c in columns if c in FIELDS]
    model_cols = [getattr(Cadre, c) if c != "unit" else Unit.name for c in stored]
    stmt = (
        select(Cadre.id, *model_cols, *_RETIREMENT_INPUTS)
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .where(Cadre.archived_at.is_(None))
    )
    if unit_id is not None:
        stmt = stmt.where(Cadre.unit_id == unit_id)
    if cadre_ids is not None:
        stmt = stmt.where(Cadre.id.in_(cadre_ids))
    stmt = stmt.order_by(Unit.sort_order.is_(None), Unit.sort_order, Cadre.id)
    with ctx.db.read() as session:
        rows = list(session.execute(stmt).all())
        women_age = retirement.women_county_age(session)
    if cadre_ids is not None:
        order = {cid: i for i, cid in enumerate(cadre_ids)}
        rows.sort(key=lambda r: order.get(r[0], 0))
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title[:31]
    headers = [known[c][0] for c in columns]
    ws.append([f"{title}（{dt.date.today():%Y.%m.%d}，共 {len(rows)} 人）"])
    ws.append(headers)
    total = len(rows)
    for n, row in enumerate(rows):
        values = dict(zip(stored, row[1 : 1 + len(stored)], strict=True))
        if "retirement" in columns:
            birth, gender, rank, override, reason = row[1 + len(stored) :]
            values["retirement"] = retirement.compute(birth, gender, rank, override, reason, women_age).month
        ws.append([_cell_text(values[c]) for c in columns])
        if progress is not None and (n % 500 == 0 or n == total - 1):
            progress("导出名册", n + 1, total)
    format_sheet(ws, title, headers, [WIDTHS.get(c, 12) for c in columns])
    save_book(book, dest)
    with ctx.db.uow() as session:
        audit.record(session, ctx, "export", "cadre", summary=f"导出名册 {total} 人到 {dest}"[:200])
    return total


FORMULA_STARTS = ("=", "+", "-", "@")


def as_text(book: openpyxl.Workbook) -> None:
    """Make every cell that would be a formula plain text (a stored `=HYPERLINK(…)` or `=cmd|…` must
    not run in Excel, and must read back as written): string type and Excel's quote prefix."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
                ):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def save_book(book: openpyxl.Workbook, dest: Path) -> None:
    """Save with every value as data (no formulas), the file appearing only when complete."""
    as_text(book)
    with outfile.atomic_path(dest) as tmp:
        book.save(tmp)
