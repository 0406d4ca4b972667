"""考察材料 as a Word document (.docx, python-docx), because these documents travel on in Word.

Set as a county's documents are: A4, margins 3.7 / 3.5 / 2.8 / 2.6 cm (GB/T 9704), title in 方正小标宋
(or 宋体 where that is not installed: Word substitutes), body in 仿宋_GB2312 三号 with a two-character
indent, headings and `**bold**` runs in 黑体. The fonts are named, not embedded: the reader's Word uses
its own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from cadre_desk import outfile
from cadre_desk.reports.inspection_report import runs
from cadre_desk.services.inspection import OPENING, Report
from cadre_desk.services.printing import PrintSettings

TITLE_FONT, BODY_FONT, HEAD_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体"
BODY = Pt(16)  # 三号
_CN = "一二三四五六七八九十"


def _font(run: Run, name: str, size: Pt) -> None:
    run.font.name = name
    run.font.size = size
    props = run._element.get_or_add_rPr()
    fonts = props.find(qn("w:rFonts"))
    if fonts is None:
        fonts = props.makeelement(qn("w:rFonts"), {})
        props.append(fonts)
    fonts.set(qn("w:eastAsia"), name)  # Word takes Chinese text's face from eastAsia, not from name


def _body(doc: object, text: str, heading: bool = False) -> Paragraph:
    p: Paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(32)  # two characters of 三号
    fmt.line_spacing = Pt(28)
    fmt.space_after = Pt(0)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for piece, bold in runs(text) if not heading else [(text, True)]:
        _font(p.add_run(piece), HEAD_FONT if bold else BODY_FONT, BODY)
    return p


def write_docx(report: Report, path: Path, settings: PrintSettings, printed_at: dt.datetime) -> None:
    """Write the report to `path` (complete or not at all)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(16)
    _font(title.add_run(report.title), TITLE_FONT, Pt(22))  # 二号
    number = 0
    for part in report.sections:
        lines = [line.strip() for line in part.text.split("\n") if line.strip()]
        if part.key != OPENING:
            number += 1
            _body(doc, f"{_CN[number - 1]}、{part.title}", heading=True)
        for line in lines:
            _body(doc, line)
        if not lines and part.key != OPENING:
            for _ in range(3):
                doc.add_paragraph()  # left blank for the team to write
    doc.add_paragraph()
    team = f"{settings.department}考察组" if settings.department else "考察组"
    day = printed_at.date()
    for text in (team, f"{day.year}年{day.month}月{day.day}日"):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(text), BODY_FONT, BODY)
    core = doc.core_properties
    core.title = report.title
    core.author = settings.department or settings.operator
    core.keywords = f"考察材料,{report.cadre_name}"
    core.comments = f"第 {report.revision} 稿" if report.revision else "草稿"
    with outfile.atomic_path(path, make_parent=False) as part_path:
        doc.save(str(part_path))
