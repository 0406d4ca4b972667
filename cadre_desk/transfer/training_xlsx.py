"""The training-compliance list (未达标 or all) as an Excel sheet, with the columns staff use."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl

from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.compliance import ComplianceRow
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.training_lists import PromotedRow, YouthClassRow
from cadre_desk.transfer.roster import format_sheet, save_book

HEADERS = (
    "姓名", "单位", "职级", "层级", "周期", "应完成学时", "已完成学时", "差额学时", "应完成天数",
    "已完成天数", "差额天数", "网络学时", "是否达标",
)  # fmt: skip
WIDTHS = (10, 28, 12, 8, 11, 10, 10, 10, 10, 10, 10, 10, 8)


def export_compliance(
    ctx: ServiceContext, dest: Path, rows: Sequence[ComplianceRow], title: str = "干部教育培训学时达标情况"
) -> int:
    """Write `rows` to `dest` (.xlsx); returns the number of rows. Audited as an export."""
    access.require(ctx, Permission.OUTPUT)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "培训学时"
    ws.append([f"{title}（共 {len(rows)} 人）"])
    ws.append(list(HEADERS))
    for row in rows:
        r = row.result
        ws.append(
            [
                row.name, row.unit, row.rank, r.level, r.window.label(), r.required_hours, r.done_hours,
                r.shortfall_hours, r.required_days, r.done_days, r.shortfall_days, r.online_hours,
                "是" if r.met else "否",
            ]
        )  # fmt: skip
    format_sheet(ws, title, list(HEADERS), list(WIDTHS))
    save_book(book, dest)
    with ctx.db.uow() as session:
        audit.record(
            session, ctx, "export", "training", summary=f"导出培训学时 {len(rows)} 人到 {dest}"[:200]
        )
    return len(rows)


PROMOTED_HEADERS = (
    "姓名", "单位", "现任职务", "职级", "层级", "任现职时间", "完成期限", "应完成学时", "应完成天数",
    "提任后已完成学时", "提任后已完成天数", "差额学时", "状态",
)  # fmt: skip
YOUTH_HEADERS = ("姓名", "单位", "现任职务", "班次", "主办单位", "开始日期", "结束日期", "学时", "天数")


def export_promoted(ctx: ServiceContext, dest: Path, rows: Sequence[PromotedRow]) -> int:
    """新提任干部一年内须完成培训的名单, with the deadline; returns the rows written (audited)."""
    access.require(ctx, Permission.OUTPUT)
    title = "新提任干部任职培训完成情况"
    body = [
        [r.name, r.unit, r.post, r.rank, r.level, str(r.promoted), format_date(r.deadline), r.required_hours,
         r.required_days, r.done_hours, r.done_days, r.shortfall_hours, r.state]
        for r in rows
    ]  # fmt: skip
    return _write(ctx, dest, title, PROMOTED_HEADERS, (8, 24, 20, 10, 8, 10, 11, 10, 10, 12, 12, 9, 10), body)


def export_youth_class(ctx: ServiceContext, dest: Path, rows: Sequence[YouthClassRow]) -> int:
    """青干班学员名单; returns the rows written (audited)."""
    access.require(ctx, Permission.OUTPUT)
    body = [
        [
            r.name,
            r.unit,
            r.post,
            r.course,
            r.organiser,
            format_date(r.start),
            format_date(r.end),
            r.hours,
            r.days,
        ]
        for r in rows
    ]
    return _write(ctx, dest, "青干班学员名单", YOUTH_HEADERS, (8, 24, 20, 26, 16, 11, 11, 7, 7), body)


def _write(
    ctx: ServiceContext,
    dest: Path,
    title: str,
    headers: Sequence[str],
    widths: Sequence[int],
    body: Sequence[Sequence[object]],
) -> int:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title[:31]
    ws.append([f"{title}（共 {len(body)} 人次）"])
    ws.append(list(headers))
    for row in body:
        ws.append(list(row))
    format_sheet(ws, title, list(headers), list(widths))
    save_book(book, dest)
    with ctx.db.uow() as session:
        audit.record(
            session, ctx, "export", "training", summary=f"导出{title} {len(body)} 人次到 {dest}"[:200]
        )
    return len(body)
