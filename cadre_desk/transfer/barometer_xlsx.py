"""A 晴雨表 period's grid as an Excel sheet: every indicator, the colour with its word, the rule that
fired, the 研判 and the 处置 (what the 联席 meeting works from). The colour is a word in its own
column (a black-and-white print reads it) and the cell is filled with the colour as well."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

from cadre_desk.domain import barometer as bd
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.barometer import EntryView, PeriodView
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer.roster import format_sheet, save_book

FILLS = {bd.RED: "F4B6B6", bd.YELLOW: "FBE7A1", bd.GREEN: "C8E6C9"}


def headers() -> list[str]:
    return [
        "姓名",
        "单位",
        "职务",
        *(i.label for i in bd.INDICATORS),
        "颜色",
        "规则",
        "研判",
        "处置",
        "后续跟进",
    ]


def export_grid(
    ctx: ServiceContext,
    dest: Path,
    period: PeriodView,
    rows: Sequence[EntryView],
    words: Mapping[str, str],
    unit: str = "",
) -> int:
    """Write the entries to `dest` (.xlsx); returns the number of rows. Audited as an export."""
    access.require(ctx, Permission.OUTPUT)
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = period.code
    heads = headers()
    title = f"干部监管晴雨表 {period.label}{f'（{unit}）' if unit else ''}（共 {len(rows)} 人）"
    ws.append([title])
    ws.append(heads)
    colour_col = heads.index("颜色") + 1
    for e in rows:
        override = (
            f"{words[e.override_colour]}：{e.override_reason}（{e.override_by}）" if e.override_colour else ""
        )
        disposal = f"{e.disposal}（{e.disposal_way}）" if e.disposal_way else e.disposal
        follow = f"{e.follow_up}{'（已落实）' if e.follow_up_done else ''}" if e.follow_up else ""
        ws.append(
            [e.name, e.unit, e.post, *(e.indicators[c] for c in bd.CODES), words[e.colour], e.rule_text,
             override, disposal, follow]
        )  # fmt: skip
        ws.cell(ws.max_row, colour_col).fill = PatternFill("solid", fgColor=FILLS[e.colour])
    widths = [8, 20, 20, *(12 if i.kind != "text" else 18 for i in bd.INDICATORS), 6, 30, 24, 12, 24]
    format_sheet(ws, title, heads, widths)
    save_book(book, dest)
    with ctx.db.uow() as session:
        audit.record(
            session,
            ctx,
            "export",
            "barometer_entry",
            summary=f"导出晴雨表 {period.code} {len(rows)} 人到 {dest}"[:200],
        )
    return len(rows)
