"""容错纠错工作情况年度汇总: the yearly summary as a PDF (counts by 情形 and by ruling, then every case)
and as an Excel workbook with the same tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable

from cadre_desk import outfile
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.reports import cells, flow
from cadre_desk.reports.page import Bookmark, DocumentInfo
from cadre_desk.services import printing
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.printing import PrintSettings
from cadre_desk.services.tolerance_summary import ToleranceSummary, yearly_summary

TITLE = "容错纠错工作情况年度汇总"
ENTITY = "tolerance_summary"  # audited exports name the year as the record id


@dataclass(frozen=True)
class SummaryOptions:
    settings: PrintSettings
    printed_at: dt.datetime


def _counts(header: str, rows: tuple[tuple[str, int], ...], total: int) -> list[Flowable]:
    body = [(label, str(n), f"{100 * n / total:.0f}%" if total else "—") for label, n in rows]
    return [flow.list_table((header, "件数", "占比"), body, (0, 2.2, 2.2))]


def summary_story(s: ToleranceSummary) -> list[Flowable]:
    story: list[Flowable] = [
        Bookmark(f"{s.year}年度{TITLE}"),
        cells.Title(f"{s.year}年度{TITLE}", 18, space_after=8),
        flow.para(
            f"{s.year}年共登记容错纠错案件 {s.total} 件，其中认定免予问责或不予问责 {s.exempted} 件。"
            "（按登记日期统计；一件案件可依据多项容错情形。）"
        ),
        flow.Heading("一、按认定结果", 1),
        *_counts("认定结果", s.by_ruling, s.total),
        flow.Heading("二、按容错情形", 1),
        *_counts("容错情形", s.by_rule, s.total),
        flow.Heading("三、按办理状态", 1),
        *_counts("办理状态", s.by_state, s.total),
        flow.Heading("四、案件清单", 1),
    ]
    if s.cases:
        story.append(
            flow.list_table(
                ("编号", "干部", "事项", "登记日期", "状态", "认定结果", "认定文号"),
                [
                    (
                        c.number,
                        c.name,
                        c.matter,
                        format_date(c.received_on),
                        c.state,
                        c.ruling,
                        c.ruling_number,
                    )
                    for c in s.cases
                ],
                (3.0, 1.8, 0, 2.1, 1.8, 1.6, 3.2),
                size=8.5,
            )
        )
    else:
        story.append(flow.none_line("本年度无容错纠错案件。"))
    return story


def build_summary_pdf(s: ToleranceSummary, out: BinaryIO | Path | str, options: SummaryOptions) -> int:
    settings = options.settings
    info = DocumentInfo(
        title=f"{s.year}年度{TITLE}",
        subject=f"{s.year}年度容错纠错案件 {s.total} 件",
        author=settings.department or settings.operator,
        operator=settings.operator,
        confidentiality=settings.confidentiality,
        printed_at=options.printed_at,
        keywords=(TITLE, str(s.year)),
    )
    return flow.build_case_file(out, summary_story(s), info, with_toc=False)


def write_xlsx(s: ToleranceSummary, path: Path) -> int:
    """The summary's tables as sheets of one workbook; returns the number of cases listed."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "汇总"
    sheet.append([f"{s.year}年度{TITLE}"])
    sheet["A1"].font = Font(bold=True, size=14)
    for header, rows in (("认定结果", s.by_ruling), ("容错情形", s.by_rule), ("办理状态", s.by_state)):
        sheet.append([])
        sheet.append([header, "件数"])
        for label, n in rows:
            sheet.append([label, n])
    sheet.column_dimensions["A"].width = 60
    cases = book.create_sheet("案件清单")
    cases.append(
        [
            "编号",
            "干部（单位）",
            "所在单位",
            "事项",
            "启动方式",
            "登记日期",
            "状态",
            "容错情形",
            "认定结果",
            "认定日期",
            "认定文号",
        ]
    )
    for c in s.cases:
        cases.append(
            [
                c.number,
                c.name,
                c.unit,
                c.matter,
                c.origin,
                format_date(c.received_on),
                c.state,
                "；".join(c.rules),
                c.ruling,
                format_date(c.ruling_date),
                c.ruling_number,
            ]
        )
    for column, width in zip("ABCDEFGHIJK", (16, 10, 20, 36, 14, 12, 10, 50, 10, 12, 18), strict=True):
        cases.column_dimensions[column].width = width
    with outfile.atomic_path(path) as tmp:
        book.save(tmp)
    return len(s.cases)


def write(ctx: ServiceContext, year: int, path: Path) -> int:
    """Write the summary of `year` as PDF or Excel (by the suffix); recorded as an export. Returns the
    pages of a PDF or the cases of a workbook."""
    from cadre_desk.errors import ValidationError
    from cadre_desk.reports import documents

    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise ValidationError({"output": f"输出文件应为 .pdf 或 .xlsx（现为 {path.name}）"})
    if suffix == ".pdf":
        document = documents.prepare(
            ctx.db, "tolerance", year, documents.DocumentOptions(printing.print_settings(ctx))
        )
        result = document.write(path)
    else:
        result = write_xlsx(yearly_summary(ctx, year), path)
    printing.record_output(ctx, "export", f"{year}年度{TITLE}", ENTITY, [year], str(path))
    return result
