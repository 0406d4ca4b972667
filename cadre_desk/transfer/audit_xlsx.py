"""The audit trail as an Excel workbook, for the 安全审计员 to hand over or print: the same words as the
window's 审计日志 (`services.audit_labels`), the codes in two columns at the end, formatted like the
roster (column widths, frozen header repeated on every page, A4 landscape) with a filter on the header.

Written row by row (openpyxl's write-only mode): a trail of a million records never sits in memory.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from cadre_desk import outfile
from cadre_desk.services import access, audit, audit_labels, audit_trail
from cadre_desk.services.access import Permission
from cadre_desk.services.audit_trail import AuditEventView, AuditFilter
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer.roster import frame_sheet, style_header

# header → width (in characters)
COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 8),
    ("时间", 20),
    ("账号", 12),
    ("姓名", 12),
    ("操作", 12),
    ("对象", 14),
    ("对象编号", 10),
    ("摘要", 48),
    ("变更内容", 60),
    ("操作代码", 14),
    ("对象代码", 18),
)
HEADERS = tuple(header for header, _width in COLUMNS)
SHEET = "审计记录"


def _local(at: dt.datetime) -> str:
    return at.astimezone().strftime("%Y.%m.%d %H:%M:%S")


def _cell(text: str) -> str:
    """A cell value that Excel shows as text, never runs as a formula."""
    text = "".join(ch for ch in text if ch >= " " or ch in "\t\n")[:32000]
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def row(view: AuditEventView) -> list[Any]:
    return [
        view.seq,
        _local(view.at),
        _cell(view.user),
        _cell(view.user_display),
        audit_labels.action_label(view.action),
        audit_labels.entity_label(view.entity),
        view.entity_id,
        _cell(view.summary),
        _cell(audit_labels.changes_text(view.changes)),
        view.action,
        view.entity,
    ]


def export_audit(ctx: ServiceContext, dest: Path, flt: AuditFilter | None = None) -> int:
    """Write the records matching `flt` (oldest first) to the workbook `dest`; the export itself is
    recorded in the trail (what, how many, where). Returns the number of records written."""
    access.require(ctx, Permission.AUDIT)
    flt = flt or AuditFilter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    frame_sheet(sheet, [width for _header, width in COLUMNS], header_row=1)
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        style_header(cell)
        header.append(cell)
    sheet.append(header)
    count = 0
    for view in audit_trail.stream_events(ctx, flt):
        sheet.append(row(view))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{count + 1}"
    dest = Path(os.path.abspath(Path(dest).expanduser()))
    with outfile.atomic_path(dest) as tmp:
        book.save(tmp)
    with ctx.db.uow() as session:
        audit.record(
            session,
            ctx,
            "export",
            "audit_event",
            changes={"count": count, "path": str(dest), "filter": audit_trail.filter_json(flt)},
            summary=f"导出审计记录 {count} 条到 {dest}",
        )
    return count
