"""考察材料 as a PDF: the title, the opening paragraph, the numbered sections, the team's signature.

Body in the Song face with a two-character first-line indent (as official documents are set), section
headings and `**bold**` runs in the sans face (the Chinese habit of emphasising with 黑体), an empty
section printed as a blank for the team to fill by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import BinaryIO, Literal
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from cadre_desk.reports import flow, fonts
from cadre_desk.reports.page import DocumentInfo
from cadre_desk.services.inspection import OPENING, Report
from cadre_desk.services.printing import PrintSettings

TITLE = "考察材料"
BODY = 14.0
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_CN = "一二三四五六七八九十"


def runs(text: str) -> list[tuple[str, bool]]:
    """`text` as (piece, bold) runs; `**…**` marks a bold run, an unmatched `**` stays as typed."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _markup(text: str) -> str:
    parts = []
    for piece, bold in runs(text):
        main = fonts.MAIN_FONT if bold else fonts.SONG_FONT
        for font, chunk in fonts.font_runs(piece, main=main):
            parts.append(f'<font name="{font}">{escape(chunk)}</font>')
    return "".join(parts)


def _style(
    name: str, size: float, align: Literal[0, 1, 2, 4], indent: float = 0.0, font: str = fonts.SONG_FONT
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=size * 1.65,
        alignment=align,
        wordWrap="CJK",
        firstLineIndent=indent,
        spaceAfter=size * 0.2,
        allowWidows=1,
        allowOrphans=1,
    )


def story(report: Report, settings: PrintSettings, printed_at: dt.datetime) -> list[Flowable]:
    body = _style("insp-body", BODY, TA_JUSTIFY, indent=BODY * 2)
    heading = _style("insp-head", BODY, TA_JUSTIFY, indent=BODY * 2, font=fonts.MAIN_FONT)
    out: list[Flowable] = [
        Paragraph(_markup(report.title), _style("insp-title", 20, TA_CENTER)),
        Spacer(1, BODY),
    ]
    number = 0
    for section in report.sections:
        lines = [line.strip() for line in section.text.split("\n") if line.strip()]
        if section.key != OPENING:
            number += 1
            out.append(Paragraph(escape(f"{_CN[number - 1]}、{section.title}"), heading))
        out += [Paragraph(_markup(line), body) for line in lines]
        if not lines and section.key != OPENING:
            out.append(Spacer(1, BODY * 4))  # left blank for the team to write by hand
    sign = _style("insp-sign", BODY, TA_RIGHT)
    team = f"{settings.department}考察组" if settings.department else "考察组"
    day = printed_at.date()
    out += [
        Spacer(1, BODY * 2),
        Paragraph(_markup(team), sign),
        Paragraph(escape(f"{day.year}年{day.month}月{day.day}日"), sign),
    ]
    return out


def document_info(report: Report, settings: PrintSettings, printed_at: dt.datetime) -> DocumentInfo:
    revision = f"第 {report.revision} 稿" if report.revision else "草稿"
    return DocumentInfo(
        title=f"{TITLE}（{report.cadre_name}）",
        subject=f"{report.title}（{revision}）",
        author=settings.department or settings.operator,
        operator=settings.operator,
        confidentiality=settings.confidentiality,
        printed_at=printed_at,
        keywords=(TITLE, report.cadre_name),
    )


def build(
    report: Report, out: BinaryIO | Path | str, settings: PrintSettings, printed_at: dt.datetime
) -> int:
    """Write the report as a PDF to `out`; returns the page count."""
    fonts.register_fonts()
    return flow.build_case_file(
        out, story(report, settings, printed_at), document_info(report, settings, printed_at), with_toc=False
    )
