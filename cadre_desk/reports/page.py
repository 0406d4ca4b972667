"""The page every printed document shares: A4, its running marks, metadata and bookmarks.

Every page carries the confidentiality mark and the document title at the top, and the print time,
`第 X 页 共 Y 页` and the operator at the bottom. The total is not known while pages are drawn, so each
page draws `第 X 页` itself and places a shared form XObject for `共 Y 页`, which the canvas defines
once when the document is saved (one pass, bookmarks keep pointing at the right pages).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from cadre_desk.reports import fonts

DEFAULT_MARK = "内部资料 注意保密"
CREATOR = "干部成长档案台 Cadre Desk"
PAGE_WIDTH, PAGE_HEIGHT = A4

_MARK_SIZE = 10.5
_RUNNING_SIZE = 9
_GREY = Color(0.3, 0.3, 0.3)
_TOTAL_FORM = "cadreDeskPageTotal"


@dataclass(frozen=True)
class Margins:
    """Page margins in points; the running marks sit inside the top and bottom margins."""

    left: float = 2.5 * cm
    right: float = 2.0 * cm
    top: float = 2.0 * cm
    bottom: float = 1.8 * cm


@dataclass(frozen=True)
class DocumentInfo:
    """What every page and the PDF metadata say about the document."""

    title: str
    subject: str = ""
    author: str = ""
    operator: str = ""
    confidentiality: str = DEFAULT_MARK
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    keywords: tuple[str, ...] = ()


def frame_size(margins: Margins = Margins(), pagesize: tuple[float, float] = A4) -> tuple[float, float]:
    """Width and height available to the story on every page (A4 portrait unless told)."""
    return pagesize[0] - margins.left - margins.right, pagesize[1] - margins.top - margins.bottom


def format_print_time(value: dt.datetime) -> str:
    return f"{value.year:04d}.{value.month:02d}.{value.day:02d} {value.hour:02d}:{value.minute:02d}"


class _PagedCanvas(Canvas):
    """A canvas that defines the shared `共 Y 页` form once the page count is known."""

    total_at: tuple[float, float] | None = None
    pages_shown = 0

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self.pages_shown += 1
        super().showPage()

    def save(self) -> None:
        if self.total_at is not None:
            pages = self.pages_shown
            x, y = self.total_at
            self.beginForm(_TOTAL_FORM)
            self.setFillColor(_GREY)
            fonts.draw_string(self, x, y, f"共 {pages} 页", _RUNNING_SIZE)
            self.endForm()
        super().save()


class ReportDocTemplate(BaseDocTemplate):
    """An A4 document with the running marks on every page; build it with `build_pdf`."""

    def __init__(
        self,
        out: BinaryIO | Path | str,
        info: DocumentInfo,
        margins: Margins = Margins(),
        pagesize: tuple[float, float] = A4,
    ) -> None:
        self.info = info
        self.margins = margins
        self.sheet = pagesize  # A4 portrait, or landscape(A4) for wide tables
        target = str(out) if isinstance(out, Path) else out
        width, height = frame_size(margins, pagesize)
        frame = Frame(
            margins.left,
            margins.bottom,
            width,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        super().__init__(
            target,
            pagesize=pagesize,
            pageTemplates=[PageTemplate(id="page", frames=[frame], onPage=self._decorate)],
            leftMargin=margins.left,
            rightMargin=margins.right,
            topMargin=margins.top,
            bottomMargin=margins.bottom,
            title=info.title,
            author=info.author or info.operator or CREATOR,
            subject=info.subject or info.title,
            creator=CREATOR,
            keywords=list(info.keywords),
            displayDocTitle=1,
            initialFontName=fonts.MAIN_FONT,
            lang="zh-CN",
        )

    def _decorate(self, canvas: Canvas, _doc: Any) -> None:
        info, m = self.info, self.margins
        page_width, page_height = self.sheet
        left, right = m.left, page_width - m.right
        top_y = page_height - m.top + 0.55 * cm
        bottom_y = m.bottom - 0.95 * cm
        canvas.saveState()
        canvas.setFillColor(black)
        third = (right - left) / 3
        if info.confidentiality:
            fonts.draw_string(
                canvas, left, top_y, fonts.clip(info.confidentiality, _MARK_SIZE, third), _MARK_SIZE
            )
        canvas.setFillColor(_GREY)
        title = fonts.clip(info.title, _RUNNING_SIZE, 2 * third - 12)
        fonts.draw_string(canvas, right, top_y, title, _RUNNING_SIZE, align="right")
        fonts.draw_string(
            canvas, left, bottom_y, f"打印时间：{format_print_time(info.printed_at)}", _RUNNING_SIZE
        )
        if info.operator:
            operator = fonts.clip(f"操作员：{info.operator}", _RUNNING_SIZE, third - 36)
            fonts.draw_string(canvas, right, bottom_y, operator, _RUNNING_SIZE, "right")
        centre = page_width / 2
        number = f"第 {canvas.getPageNumber()} 页"
        fonts.draw_string(canvas, centre - 3, bottom_y, number, _RUNNING_SIZE, "right")
        if isinstance(canvas, _PagedCanvas):
            canvas.total_at = (centre + 3, bottom_y)
            canvas.doForm(_TOTAL_FORM)
        canvas.restoreState()


_keys = itertools.count(1)


class Bookmark(Flowable):
    """An invisible flowable: an outline entry (bookmark) pointing at the page where it lands.

    Levels must not skip: a level-1 entry follows a level-0 one.
    """

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self.title = title
        self.level = level
        self.key = f"bm{next(_keys)}"
        self.width = self.height = 0
        self.keepWithNext = 1  # lands on the page of the section it names, not the one before

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkPage(self.key, fit="XYZ", top=self._frame_top())
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        canvas.showOutline()

    def _frame_top(self) -> float:
        # The absolute y of this flowable on the page, so the reader jumps to the section itself.
        return float(self.canv.absolutePosition(0, 0)[1]) + 12


def build_pdf(
    out: BinaryIO | Path | str,
    story: Sequence[Flowable],
    info: DocumentInfo,
    margins: Margins = Margins(),
    pagesize: tuple[float, float] = A4,
) -> int:
    """Lay out `story` on decorated A4 pages (`landscape(A4)` if told) into `out`; returns the pages."""
    fonts.register_fonts()
    doc = ReportDocTemplate(out, info, margins, pagesize)
    doc.build(list(story), canvasmaker=_PagedCanvas)
    return int(doc.page)
