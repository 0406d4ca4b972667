"""The 干部任免审批表's template in numbers: page size, rule widths, type sizes, the columns and rows of
both pages in millimetres (`../shared/formats/appointment-form.md`), and the value types of a laid-out
page (a box, a fitted text in it, a page, the two-page layout).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cadre_desk.reports import fonts
from cadre_desk.reports.form_fit import Fitted

PAGE_W, PAGE_H = 210.0, 297.0  # mm
INNER_RULE, OUTER_RULE = 1.0, 1.5  # points
TITLE_SIZE, LABEL_SIZE = 24.0, 14.0
TITLE_PITCH = 12.45  # mm from one title character to the next
FAMILY_ROWS = 7
PAD = 1.0  # mm of padding inside a cell
SONG = fonts.SONG_FONT

# Page 1: the table's left and top edge (top: the Word estimate of the template), columns and rows.
FRONT_LEFT, FRONT_TOP = 22.0, 25.3
FRONT_COLS = (0.0, 18.0, 41.0, 59.8, 82.8, 106.0, 129.5, 165.7)
TOP_ROWS = (12.5, 12.2, 12.0, 12.5)
EDU_ROW = 12.2  # 全日制 and 在职, each two sub-rows of 6.1 (学历 over 学位) without a rule
POST_ROW = 12.5
RESUME_H = 125.8
RESUME_LABEL_W = 13.8
FRONT_H = sum(TOP_ROWS) + 2 * EDU_ROW + 3 * POST_ROW + RESUME_H  # 236.9
POST_CHARS_LINES = 3  # a post grows to three lines at 小四 before it shrinks

# Page 2.
BACK_LEFT, BACK_TOP = 21.0, 28.6
BACK_W = 166.2
BACK_LABEL_W = 13.1
BACK_ROWS = (25.0, 18.0, 24.0)  # 奖惩情况, 年度考核结果, 任免理由
FAMILY_HEAD_H, FAMILY_ROW_H = 11.4, 12.3
REPORT_H, REPORT_NAME_H = 36.5, 23.5  # 呈报单位: the unit in the upper 23.5, 填表时间 in the lower 13.0
APPROVE_H = 35.6
APPROVE_COLS = (0.0, 13.1, 84.5, 98.3, 166.2)  # 审批机关意见 label, body, 行政机关任免意见 label, body
FAMILY_COLS = (0.0, 13.1, 32.4, 54.9, 65.0, 82.8, 166.2)  # label, 称谓, 姓名, 年龄, 政治面貌, 工作单位及职务
BACK_H = sum(BACK_ROWS) + FAMILY_HEAD_H + FAMILY_ROWS * FAMILY_ROW_H + REPORT_H + APPROVE_H  # 236.6
SIGNER_GAP = 2.75  # mm from the table to 填表人


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres from the table's top left corner."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Placed:
    """Text fitted into a box: `align` left or centre, `valign` middle or top."""

    box: Box
    fitted: Fitted
    align: str = "centre"
    valign: str = "middle"
    pad: float = PAD


@dataclass
class Page:
    left: float  # mm from the page's left edge to the table
    top: float
    width: float
    height: float
    cells: list[Box] = field(default_factory=list)  # ruled rectangles
    texts: list[Placed] = field(default_factory=list)
    heavy: list[float] = field(default_factory=list)  # y of inner rules drawn at OUTER_RULE
    photo: Box | None = None


@dataclass
class FormLayout:
    pages: tuple[Page, Page]
    title_at: tuple[float, float]  # mm: centre x and baseline y of the title on page 1
    signer: str  # `填表人：…` under page 2's table
