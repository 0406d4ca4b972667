"""横向比较表 as an Excel sheet: one column per cadre, the rows whose values differ filled."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, PatternFill

from cadre_desk.services import access, printing
from cadre_desk.services.access import Permission
from cadre_desk.services.comparison import Comparison
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer.roster import format_sheet, save_book

DIFFERS = PatternFill("solid", fgColor="FFF2CC")


def export_comparison(ctx: ServiceContext, dest: Path, c: Comparison) -> None:
    access.require(ctx, Permission.OUTPUT)
    title = f"干部横向比较表（计算截止 {c.reference_date:%Y.%m.%d}；底色：各人不同的项目）"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "横向比较"
    ws.append([title])
    headers = ["类别", "项目", *c.names]
    ws.append(headers)
    for row in c.rows:
        ws.append([row.group, row.label, *row.values])
        for col in range(3, 3 + len(c.names)):
            cell = ws.cell(ws.max_row, col)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if row.differs:
                cell.fill = DIFFERS
    format_sheet(ws, title, headers, [10, 20, *([30] * len(c.names))])
    for note in c.notes:  # footnotes under the table (a 任现职级时间 found from the resume …)
        ws.append([f"注：{note}"])
    save_book(book, dest)
    # One export record per cadre compared, as for the printed table.
    printing.record_output(ctx, "export", "干部横向比较表（Excel）", "cadre", list(c.cadre_ids), str(dest))
