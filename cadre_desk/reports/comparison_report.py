"""横向比较表: 2–6 cadres side by side on A4 landscape; the rows whose values differ are shaded (and
marked ◆ in the label column, so that a black-and-white print keeps them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from cadre_desk.reports import cells, fonts
from cadre_desk.reports.flow import LABEL_FILL, LINE, para
from cadre_desk.reports.page import DocumentInfo, Margins, build_pdf, frame_size
from cadre_desk.services.comparison import Comparison
from cadre_desk.services.printing import PrintSettings

TITLE = "干部横向比较表"
SHEET = landscape(A4)
MARGINS = Margins()
DIFFERS = HexColor("#fff2cc")


@dataclass(frozen=True)
class ComparisonOptions:
    settings: PrintSettings
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


def comparison_table(c: Comparison) -> Table:
    width = SHEET[0] - MARGINS.left - MARGINS.right
    group_w, label_w = 1.6 * cm, 3.4 * cm
    value_w = (width - group_w - label_w) / len(c.names)
    size = 9.0 if len(c.names) <= 4 else 8.0
    data: list[list[Any]] = [[para("类别", size, "centre"), para("项目", size, "centre")]]
    data[0] += [para(n, size + 1, "centre") for n in c.names]
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, size),
        ("GRID", (0, 0), (-1, -1), LINE, HexColor("#000000")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL),
        ("BACKGROUND", (0, 1), (1, -1), LABEL_FILL),
    ]
    start = 1
    previous = None
    for n, row in enumerate(c.rows, start=1):
        mark = "◆" if row.differs else ""
        data.append([para(row.group, size, "centre"), para(mark + row.label, size)])
        data[-1] += [para(v, size) for v in row.values]
        if row.differs:
            style.append(("BACKGROUND", (2, n), (-1, n), DIFFERS))
        if row.group != previous:
            if previous is not None and n - 1 > start:
                style.append(("SPAN", (0, start), (0, n - 1)))
            start, previous = n, row.group
    if len(c.rows) > start:
        style.append(("SPAN", (0, start), (0, len(c.rows))))
    return Table(data, colWidths=[group_w, label_w] + [value_w] * len(c.names), style=TableStyle(style),
                 repeatRows=1, splitByRow=1)  # fmt: skip


def story(c: Comparison, options: ComparisonOptions) -> list[Flowable]:
    return [
        cells.Title(TITLE, 18, space_after=4),
        para(
            f"{options.settings.department}　　计算截止时间：{c.reference_date:%Y.%m.%d}　　"
            "◆ 及底色：各人情况不同的项目",
            9.5,
            "centre",
        ),
        comparison_table(c),
        *([Spacer(0, 4)] if c.notes else []),
        *(para(f"注：{note}", 8.5) for note in c.notes),  # e.g. a 任现职级时间 found from the resume
    ]


def build_comparison(c: Comparison, out: BinaryIO | Path | str, options: ComparisonOptions) -> int:
    """Write the comparison as an A4 landscape PDF; returns the page count."""
    s = options.settings
    info = DocumentInfo(
        title=f"{TITLE}（{'、'.join(c.names)}）",
        subject=f"{TITLE}：{'、'.join(c.names)}",
        author=s.department or s.operator,
        operator=s.operator,
        confidentiality=s.confidentiality,
        printed_at=options.printed_at,
        keywords=(TITLE, *c.names),
    )
    return build_pdf(out, story(c, options), info, MARGINS, SHEET)


__all__ = ["TITLE", "ComparisonOptions", "build_comparison", "frame_size"]
