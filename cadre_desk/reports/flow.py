"""Flowing case files (dossiers, the talk record): styles, headings with bookmarks and a table of contents,
text of any length, bordered tables that split by row, and signature lines.

Every piece of user text goes through `fonts.markup` (escaped, rare characters in the fallback font).
Long text is a `FlowText`, cut at printed line ends to fill each page, so a 30,000-character diary
entry flows over as many pages as it needs (reportlab's own Paragraph.split mislays lines of mixed-font
CJK text, see `cells.Text`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import Color, black
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from cadre_desk.reports import cells, fonts
from cadre_desk.reports.cells import Text
from cadre_desk.reports.page import DocumentInfo, Margins, ReportDocTemplate, _PagedCanvas, frame_size

MARGINS = Margins()
WIDTH, HEIGHT = frame_size(MARGINS)
BODY = 11.0  # body text size
SMALL = 9.5
LABEL_FILL = Color(0.93, 0.93, 0.93)
LINE = 0.5


def style(
    size: float = BODY, align: str = "justify", indent: float = 0.0, leading: float = 1.5
) -> ParagraphStyle:
    return cells.style(size, align, leading, indent)


def para(text: str, size: float = BODY, align: str = "left") -> Paragraph:
    """A short paragraph of user text (a table cell, a line of a form)."""
    return Paragraph(fonts.markup(text), style(size, align))


class FlowText(Flowable):
    """A paragraph of any length that splits at printed line ends, each part fitting the room it gets."""

    def __init__(
        self, text: str, size: float = BODY, first_indent: bool = False, page_height: float = HEIGHT
    ) -> None:
        super().__init__()
        body = ("\u3000\u3000" + text) if first_indent and text else text
        self.text = Text(body, size, "justify")
        self.page_height = page_height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self.text.height(availWidth)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if availHeight < self.text.size * cells.LEADING:
            return []
        parts = self.text.pieces(availWidth, availHeight, self.page_height - 1)
        if not parts or not parts[0].text:
            return []
        out: list[Flowable] = []
        for part in parts:
            f = FlowText.__new__(FlowText)
            Flowable.__init__(f)
            f.text, f.page_height = part, self.page_height
            out.append(f)
        return out

    def draw(self) -> None:
        p = self.text.paragraph()
        if self.text._wrapped[0] != self.width:  # else the paragraph is laid out at this width already
            p.wrap(self.width, 1e6)
        p.drawOn(self.canv, 0, 0)


def text_block(text: str, size: float = BODY, indent: bool = True) -> list[Flowable]:
    """User text as flowing paragraphs, one per line of the text; blank lines dropped."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return [FlowText(line, size, first_indent=indent) for line in lines if line]


_keys = itertools.count(1)


class Heading(Paragraph):
    """A section heading: an outline entry (bookmark) and a table-of-contents line where it lands."""

    def __init__(self, text: str, level: int = 0, size: float | None = None, toc: bool = True) -> None:
        size = size or (16 if level == 0 else 13)
        st = ParagraphStyle(
            f"heading-{level}-{size}",
            parent=style(size, "left", leading=1.4),
            spaceBefore=10 if level == 0 else 6,
            spaceAfter=6 if level == 0 else 3,
            keepWithNext=1,
        )
        super().__init__(fonts.markup(text), st)
        self.outline_text = text
        self.level = level
        self.in_toc = toc
        self.key = f"h{next(_keys)}"


class CaseFileDoc(ReportDocTemplate):
    """A report page template whose headings become bookmarks and table-of-contents entries."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        if not isinstance(flowable, Heading):
            return
        c = self.canv
        top = float(getattr(self.frame, "_y", 0)) + float(getattr(flowable, "height", 0)) + 8
        c.bookmarkPage(flowable.key, fit="XYZ", top=top)
        c.addOutlineEntry(
            flowable.outline_text, flowable.key, level=flowable.level, closed=flowable.level > 0
        )
        c.showOutline()
        if flowable.in_toc and isinstance(c, _CaseFileCanvas):
            c.toc_pages.setdefault(flowable.key, self.page)


def _toc_styles() -> tuple[list[ParagraphStyle], TableStyle]:
    levels = [
        ParagraphStyle("toc0", parent=style(12, "left", leading=1.6), leftIndent=0, firstLineIndent=0),
        ParagraphStyle(
            "toc1", parent=style(10.5, "left", leading=1.5), leftIndent=2 * 10.5, firstLineIndent=0
        ),
    ]
    table = TableStyle([("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, 12), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return levels, table


class Contents(Flowable):
    """The table of contents: section titles with dot leaders and page numbers, in one layout pass.

    Its entries (the story's headings with `toc=True`) are known before layout, and page numbers do not
    change a line's height, so it takes its final size at once; each page of it places a form XObject
    that the canvas defines when the document is saved and every heading's page is known (as for
    `共 Y 页`). reportlab's multiBuild would lay the whole story out twice for the same result.
    """

    def __init__(self, entries: Sequence[tuple[int, str, str]] = ()) -> None:
        super().__init__()
        self.entries = list(entries)  # (level, markup, heading key)
        self.form = f"cadreDeskToc{next(_keys)}"
        self.row_heights: list[float] = []

    def toc(self, pages: dict[str, int] | None = None) -> TableOfContents:
        """reportlab's table of contents of these entries (page 0 until the pages are known)."""
        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles, toc.tableStyle = _toc_styles()
        # What it draws; without keys it adds no links (`draw` links each whole line instead).
        entries = [(level, text, (pages or {}).get(key, 0), None) for level, text, key in self.entries]
        setattr(toc, "_lastEntries", entries)  # noqa: B010 (reportlab's attribute, untyped)
        return toc

    def _measure(self, width: float) -> None:
        toc = self.toc()
        toc.wrapOn(self.canv, width, 1e9)
        table: Table = getattr(toc, "_table")  # noqa: B009 (reportlab's attribute, untyped)
        self.row_heights = [float(h) for h in getattr(table, "_rowHeights")]  # noqa: B009

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = 0.0
        if self.entries:
            self._measure(availWidth)
            self.height = sum(self.row_heights)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._measure(availWidth)
        used, rows = 0.0, 0
        for h in self.row_heights:
            if used + h > availHeight + 1e-6:
                break
            used, rows = used + h, rows + 1
        if rows == 0:
            return []
        if rows == len(self.entries):
            return [self]
        return [Contents(self.entries[:rows]), Contents(self.entries[rows:])]

    def draw(self) -> None:
        if not self.entries:
            return
        canvas = self.canv
        canvas.doForm(self.form)
        if isinstance(canvas, _CaseFileCanvas):
            canvas.toc_parts.append(self)
        top = self.height
        for (_level, _text, key), h in zip(self.entries, self.row_heights, strict=True):
            canvas.linkRect("", key, (0, top - h, self.width, top), relative=1)
            top -= h

    def define_form(self, canvas: Canvas, pages: dict[str, int]) -> None:
        """Define this part's form, with the page numbers (when the document is saved)."""
        canvas.beginForm(self.form)
        toc = self.toc(pages)
        toc.wrapOn(canvas, self.width, 1e9)
        toc.drawOn(canvas, 0, 0)
        canvas.endForm()


def contents() -> Contents:
    """The table of contents; `build_case_file` fills in the story's headings."""
    return Contents()


class _CaseFileCanvas(_PagedCanvas):
    """Collects the page of each heading and defines the table of contents' forms when saving."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.toc_pages: dict[str, int] = {}
        self.toc_parts: list[Contents] = []

    def save(self) -> None:
        for part in self.toc_parts:
            part.define_form(self, self.toc_pages)
        super().save()


def build_case_file(
    out: BinaryIO | Path | str, story: Sequence[Flowable], info: DocumentInfo, with_toc: bool
) -> int:
    """Lay out a case file in one pass (the table of contents is drawn at save). Returns pages."""
    fonts.register_fonts()
    story = list(story)
    entries = [
        (f.level, fonts.markup(f.outline_text), f.key) for f in story if isinstance(f, Heading) and f.in_toc
    ]
    for f in story:
        if isinstance(f, Contents):
            f.entries = entries if with_toc else []
    doc = CaseFileDoc(out, info, MARGINS)
    doc.build(story, canvasmaker=_CaseFileCanvas)
    return int(doc.page)


# --- tables --------------------------------------------------------------------------------------


def _table_style(*extra: tuple[Any, ...]) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, BODY),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), LINE, black),
            ("BOX", (0, 0), (-1, -1), 1.0, black),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]
    )


def fields_table(
    pairs: Sequence[tuple[str, str]], columns: int = 2, label_w: float = 2.6 * cm, size: float = 10.5
) -> Table:
    """Label/value pairs, `columns` pairs a row, labels shaded; long values wrap in their cell."""
    value_w = (WIDTH - columns * label_w) / columns
    rows: list[list[Any]] = []
    for start in range(0, len(pairs), columns):
        row: list[Any] = []
        for label, value in pairs[start : start + columns]:
            row += [para(label, size, "centre"), para(value, size)]
        row += [""] * (2 * columns - len(row))
        rows.append(row)
    shade = [("BACKGROUND", (2 * i, 0), (2 * i, -1), LABEL_FILL) for i in range(columns)]
    # splitInRow: a value taller than a page (a 600-character post) continues on the next page
    return Table(
        rows,
        colWidths=[label_w, value_w] * columns,
        style=_table_style(*shade),
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
    )


def list_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths_cm: Sequence[float], size: float = 10
) -> Table:
    """A bordered list with a shaded header repeated on every page; splits between rows, and inside a
    row taller than a page."""
    fixed = sum(w for w in widths_cm if w > 0) * cm
    free = [i for i, w in enumerate(widths_cm) if w <= 0]
    widths = [w * cm if w > 0 else (WIDTH - fixed) / max(len(free), 1) for w in widths_cm]
    data: list[list[Any]] = [[para(h, size, "centre") for h in header]]
    data += [[para(v, size, "left" if len(v) > 8 else "centre") for v in row] for row in rows]
    return Table(
        data,
        colWidths=widths,
        style=_table_style(("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL)),
        repeatRows=1,
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
    )


def none_line(text: str = "无记录。") -> Paragraph:
    return para(text, BODY)


def signature_lines(labels: Sequence[str], size: float = BODY, with_date: bool = True) -> Table:
    """Signature lines: `谈话人（签字）：______  年  月  日` for each label, two a row."""
    rows: list[list[Any]] = []
    cells_: list[Any] = []
    blank = "&nbsp;" * 4
    date = f"{blank}年{blank}月{blank}日"
    for label in labels:
        sign = Paragraph(f"{fonts.markup(label)}（签字）：<u>{'&nbsp;' * 26}</u>", style(size, "left"))
        cells_.append([sign, Paragraph(date, style(size, "left"))] if with_date else sign)
        if len(cells_) == 2:
            rows.append(cells_)
            cells_ = []
    if cells_:
        rows.append([*cells_, ""])
    return Table(
        rows,
        colWidths=[WIDTH / 2, WIDTH / 2],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, size),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 14),
            ]
        ),
        hAlign="LEFT",
    )


def gap(height: float = 6) -> Spacer:
    return Spacer(1, height)
