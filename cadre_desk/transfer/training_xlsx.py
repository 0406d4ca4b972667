"""The training-compliance list (未达标 or all) as an Excel sheet, with the columns staff use."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl

from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.compliance import ComplianceRow
from cadre_desk.services.context import ServiceContext
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
