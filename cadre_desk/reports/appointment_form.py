"""干部任免审批表: the national appointment form, drawn to the official editor's A4 template.

One sheet printed front and back: page 1 (personal data, photo, education, posts, 简历) and page 2
(奖惩情况, 年度考核结果, 任免理由, the family, 呈报单位 and the approvals), never more. The grid is the
template's, in millimetres (`../shared/formats/appointment-form.md`): it is drawn straight on the
canvas, and every text steps down through the official sizes until it fits its cell. When even
5.5 pt is not enough, `layout_form` raises `FormTooLong` naming the cadre and the fields, before
anything is written. No header, footer or marking: only an optional 草稿 watermark.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from cadre_desk.errors import Message, ValidationError
from cadre_desk.reports import fonts, form_text
from cadre_desk.reports.form_fit import MM, STEPS, Fitted, Line, Para, fit
from cadre_desk.reports.page import CREATOR
from cadre_desk.services.appointment import CaseView
from cadre_desk.services.cadre_records import CadreProfile
from cadre_desk.services.printing import PrintSettings

TITLE = "干部任免审批表"
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

DECEASED_WORDS = ("去世", "死亡", "逝世", "已逝", "已故")
RESUME_INDENT = "0000.00--0000.00  "


@dataclass(frozen=True)
class FormOffsets:
    """Print offsets in millimetres (print settings): shift the grid for a printer or duplexing."""

    top: float = 0.0  # 上边距, both pages
    front_left: float = 0.0  # 正面页左边距
    back_left: float = 0.0  # 背面页左边距


@dataclass(frozen=True)
class FormOptions:
    """The form's own data (stored with the cadre's 任免 case) and how this print is made."""

    age_reference: dt.date = field(default_factory=dt.date.today)  # 计算年龄时间
    proposed_post: str = ""  # 拟任职务
    proposed_removal: str = ""  # 拟免职务
    reason: str = ""  # 任免理由
    reporting_unit: str = ""  # 呈报单位
    filled_by: str = ""  # 填表人
    filled_on: dt.date | None = None  # 填表时间
    current_post: str | None = None  # 现任职务 when it differs from the profile's post
    operator: str = ""  # the PDF's author when there is no 呈报单位 (never printed)
    draft: bool = False  # a 草稿 watermark
    offsets: FormOffsets = field(default_factory=FormOffsets)


def options_for(
    case: CaseView, settings: PrintSettings, draft: bool = False, age_reference: dt.date | None = None
) -> FormOptions:
    """The options of a print: the form's data of the cadre's case, the print offsets of the settings."""
    top, front_left, back_left = settings.form_offsets
    return FormOptions(
        age_reference=age_reference or case.age_reference,
        proposed_post=case.proposed_post,
        proposed_removal=case.proposed_removal,
        reason=case.reason,
        reporting_unit=case.reporting_unit,
        filled_by=case.filled_by,
        filled_on=case.filled_on,
        operator=settings.operator,
        draft=draft,
        offsets=FormOffsets(top, front_left, back_left),
    )


class FormTooLong(ValidationError):
    """Fields whose text does not fit the two pages even at 5.5 pt; nothing was printed."""

    def __init__(self, cadre: str, labels: Sequence[str]) -> None:
        self.cadre = cadre
        self.labels = tuple(labels)
        names = "、".join(f"“{label}”" for label in labels)
        message = Message(
            "form_too_long",
            "{cadre}的干部任免审批表未打印：{fields}内容过长，缩小到最小字号（5.5 磅）仍超出表格。"
            "任免表只有正反两页，请精简后再打印。",
            cadre=cadre,
            fields=names,
        )
        super().__init__({"form": message})


# --- layout: what goes where, decided before anything is drawn -----------------------------------


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


class _Builder:
    """Fits each field into its cell, collecting the labels of fields that do not fit."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.too_long: list[str] = []

    def cell(self, box: Box) -> Box:
        self.page.cells.append(box)
        return box

    def label(self, box: Box, lines: Sequence[str], size: float = LABEL_SIZE, spread: bool = False) -> None:
        """A label as the template breaks it (one string per printed line), centred in its cell."""
        self.cell(box)
        w = (box.x1 - box.x0 - 2 * PAD) * MM
        h = (box.y1 - box.y0 - 2 * PAD) * MM
        while size > STEPS[-1] and max(fonts_width(line, size) for line in lines) > w + 0.01:
            size -= 0.5
        leading = size * (1.5 if spread else 1.2)
        leading = min(leading, h / len(lines))
        size = min(size, leading)
        placed = Fitted(size, leading, tuple(Line(t) for t in lines))
        self.page.texts.append(Placed(box, placed))

    def text(
        self,
        box: Box,
        label: str,
        paras: Sequence[Para] | str,
        align: str = "centre",
        valign: str = "middle",
        tight: bool = False,
        max_lines: int | None = None,
        steps: Sequence[float] = STEPS,
        pad: float = PAD,
    ) -> Fitted | None:
        """Fit a value into `box` (not ruled here); record `label` as too long when it does not fit.

        A centred value first shrinks to keep each of its lines on one printed line (`（41岁）`,
        `中共党员`), and only then wraps.
        """
        if not paras:
            return None
        w = (box.x1 - box.x0 - 2 * pad) * MM
        h = (box.y1 - box.y0 - 2 * pad) * MM
        fitted = None
        if align == "centre" and isinstance(paras, str) and max_lines is None:
            fitted = fit(paras, w, h, steps, tight, paras.count("\n") + 1)
        if fitted is None:
            fitted = fit(paras, w, h, steps, tight, max_lines)
        if fitted is None:
            self.too_long.append(label)
            return None
        self.page.texts.append(Placed(box, fitted, align, valign, pad))
        return fitted


def fonts_width(text: str, size: float) -> float:
    return fonts.string_width(text, size, SONG)


def _short_field(b: _Builder, box: Box, label: str, text: str) -> None:
    """姓名, 籍贯, 出生地, 民族, 健康状况: one line up to 4 characters; two lines of 4 at 小四,
    left-aligned, up to 8 (a `·` never starts a line); past 8 the text shrinks."""
    text = text.strip()
    if len(text) <= 4:
        b.text(box, label, text)
        return
    if len(text) <= 8:
        cut = 5 if text[4] in "·・•" else 4  # the dot stays at the end of the first line
        b.text(box, label, f"{text[:cut]}\n{text[cut:]}", align="left")
        return
    b.text(box, label, text, align="left")


def _front(profile: CadreProfile, options: FormOptions, offsets: FormOffsets) -> tuple[Page, list[str]]:
    c = profile.cadre
    page = Page(FRONT_LEFT + offsets.front_left, FRONT_TOP + offsets.top, FRONT_COLS[-1], FRONT_H)
    b = _Builder(page)
    x = FRONT_COLS
    ys = [0.0]
    for h in TOP_ROWS:
        ys.append(ys[-1] + h)

    def at(c0: int, c1: int, r: int) -> Box:
        return Box(x[c0], ys[r], x[c1], ys[r + 1])

    ref = options.age_reference
    b.label(at(0, 1, 0), ["姓  名"])
    _short_field(b, b.cell(at(1, 2, 0)), "姓名", c.name)
    b.label(at(2, 3, 0), ["性  别"])
    b.text(b.cell(at(3, 4, 0)), "性别", c.gender)
    b.label(at(4, 5, 0), ["出生年月", "（岁）"])
    b.text(b.cell(at(5, 6, 0)), "出生年月", form_text.birth_cell(c.birth, ref))
    b.label(at(0, 1, 1), ["民  族"])
    _short_field(b, b.cell(at(1, 2, 1)), "民族", c.ethnicity)
    b.label(at(2, 3, 1), ["籍  贯"])
    _short_field(b, b.cell(at(3, 4, 1)), "籍贯", c.native_place)
    b.label(at(4, 5, 1), ["出 生 地"])
    _short_field(b, b.cell(at(5, 6, 1)), "出生地", c.birthplace)
    b.label(at(0, 1, 2), ["入  党", "时  间"])
    b.text(b.cell(at(1, 2, 2)), "入党时间", form_text.party_text(c.party_join, c.democratic_party))
    b.label(at(2, 3, 2), ["参加工", "作时间"])
    b.text(b.cell(at(3, 4, 2)), "参加工作时间", form_text.year_month(c.work_start))
    b.label(at(4, 5, 2), ["健康状况"])
    _short_field(b, b.cell(at(5, 6, 2)), "健康状况", c.health)
    b.label(at(0, 1, 3), ["专业技", "术职务"])
    b.text(b.cell(at(1, 3, 3)), "专业技术职务", c.professional_title.strip())
    b.label(at(3, 4, 3), ["熟悉专业", "有何专长"])
    b.text(b.cell(at(4, 6, 3)), "熟悉专业有何专长", c.speciality.strip(), tight=True, pad=0.5)
    page.photo = b.cell(Box(x[6], 0.0, x[7], ys[4]))

    # 学历学位: two rows, each 学历 over 学位 in sub-rows without a rule between them.
    y = ys[4]
    b.label(Box(x[0], y, x[1], y + 2 * EDU_ROW), ["学 历", "学 位"])
    educations = (
        (
            "全日制",
            ["全日制", "教  育"],
            c.fulltime_education,
            c.fulltime_degree,
            c.fulltime_school,
            c.fulltime_degree_school,
        ),
        (
            "在职",
            ["在  职", "教  育"],
            c.inservice_education,
            c.inservice_degree,
            c.inservice_school,
            c.inservice_degree_school,
        ),
    )
    for kind, label, education, degree, school_text, degree_school_text in educations:
        b.label(Box(x[1], y, x[2], y + EDU_ROW), label)
        value = b.cell(Box(x[2], y, x[4], y + EDU_ROW))
        b.label(Box(x[4], y, x[5], y + EDU_ROW), ["毕业院校", "系及专业"])
        schools = b.cell(Box(x[5], y, x[7], y + EDU_ROW))
        half = EDU_ROW / 2
        upper = Box(value.x0, y, value.x1, y + half)
        lower = Box(value.x0, y + half, value.x1, y + EDU_ROW)
        b.text(upper, f"{kind}教育学历", education.strip(), pad=0.2)
        b.text(lower, f"{kind}教育学位", degree.strip(), pad=0.2)
        school, degree_school = school_text.strip(), degree_school_text.strip()
        if not degree_school or degree_school == school or not school:
            b.text(schools, f"{kind}教育毕业院校系及专业", school or degree_school)
        else:
            b.text(Box(schools.x0, y, schools.x1, y + half), f"{kind}教育毕业院校系及专业", school)
            b.text(
                Box(schools.x0, y + half, schools.x1, y + EDU_ROW), f"{kind}教育学位授予院校", degree_school
            )
        y += EDU_ROW

    # 现任职务, 拟任职务, 拟免职务: 小四 up to three lines (the row grows), then smaller; 简历 gives way.
    post = c.post if options.current_post is None else options.current_post
    posts = (
        ("现任职务", "现  任  职  务", post),
        ("拟任职务", "拟  任  职  务", options.proposed_post),
        ("拟免职务", "拟  免  职  务", options.proposed_removal),
    )
    value_w = (x[7] - x[2] - 2 * PAD) * MM
    min_resume = 20.0  # mm the 简历 keeps at least while the posts grow
    for name, post_label, post_text in posts:
        text = post_text.strip()
        height = POST_ROW
        fitted = None
        if text:
            room = FRONT_H - y - min_resume - 2 * POST_ROW
            fitted = (
                fit(text, value_w, (height - 2 * PAD) * MM, (12,), max_lines=2)
                or fit(text, value_w, max(room - 2 * PAD, 0) * MM, (12, 10.5, 9), max_lines=POST_CHARS_LINES)
                or fit(text, value_w, max(room - 2 * PAD, 0) * MM, (9, 7.5, 6.5, 5.5))
            )
            if fitted is None:
                b.too_long.append(name)
            else:
                height = max(POST_ROW, fitted.height / MM + 2 * PAD)
        b.label(Box(x[0], y, x[2], y + height), [post_label])
        box = b.cell(Box(x[2], y, x[7], y + height))
        if fitted is not None:
            page.texts.append(Placed(box, fitted, "left"))
        y += height

    # 简历: the rest of the table.
    b.label(Box(0.0, y, RESUME_LABEL_W, FRONT_H), ["简", "", "", "", "", "历"], spread=True)
    box = b.cell(Box(RESUME_LABEL_W, y, x[7], FRONT_H))
    paras = [
        Para(item.text, "" if item.concurrent else item.span, RESUME_INDENT)
        for item in form_text.resume_items(profile.resume)
    ]
    if paras:
        area = Box(box.x0 + 0.5, box.y0 + 1.0, box.x1, box.y1 - 0.5)
        b.text(area, "简历", paras, align="left", valign="top", tight=True)
    return page, b.too_long


def _back(profile: CadreProfile, options: FormOptions, offsets: FormOffsets) -> tuple[Page, list[str]]:
    page = Page(BACK_LEFT + offsets.back_left, BACK_TOP + offsets.top, BACK_W, BACK_H)
    b = _Builder(page)
    lw = BACK_LABEL_W
    y = 0.0
    blocks = (
        ("奖惩情况", ["奖", "惩", "情", "况"], form_text.reward_lines(profile.rewards), BACK_ROWS[0]),
        (
            "年度考核结果",
            ["年核", "度结", "考果"],
            [form_text.assessment_summary(profile.assessments)],
            BACK_ROWS[1],
        ),
        (
            "任免理由",
            ["任", "免", "理", "由"],
            [options.reason.strip()] if options.reason.strip() else [],
            BACK_ROWS[2],
        ),
    )
    for name, label, lines, h in blocks:
        b.label(Box(0.0, y, lw, y + h), label)
        box = b.cell(Box(lw, y, BACK_W, y + h))
        if lines:
            b.text(box, name, [Para(t) for t in lines], align="left", tight=True, pad=0.5)
        y += h

    family_h = FAMILY_HEAD_H + FAMILY_ROWS * FAMILY_ROW_H
    b.label(Box(0.0, y, lw, y + family_h), list("家庭主要成员及重要社会关系"), size=LABEL_SIZE)
    fx = FAMILY_COLS
    heads = (["称  谓"], ["姓  名"], ["年", "龄"], ["政 治", "面 貌"], ["工 作 单 位 及 职 务"])
    for i, head in enumerate(heads, start=1):
        b.label(Box(fx[i], y, fx[i + 1], y + FAMILY_HEAD_H), head)
    y += FAMILY_HEAD_H
    members = list(profile.family)
    if len(members) > FAMILY_ROWS:
        b.too_long.append(f"家庭主要成员及重要社会关系（{len(members)} 人，表内只有 {FAMILY_ROWS} 行）")
        members = members[:FAMILY_ROWS]
    for row in range(FAMILY_ROWS):
        boxes = [b.cell(Box(fx[i], y, fx[i + 1], y + FAMILY_ROW_H)) for i in range(1, 6)]
        if row < len(members):
            m = members[row]
            who = f"家庭成员（{m.relation}{m.name}）"
            b.text(boxes[0], who + "称谓", m.relation.strip())
            b.text(boxes[1], who + "姓名", m.name.strip())
            b.text(boxes[2], who + "年龄", family_age(m, options.age_reference))
            b.text(boxes[3], who + "政治面貌", m.political_status.strip())
            b.text(boxes[4], who + "工作单位及职务", form_text.family_employer(m), align="left")
        y += FAMILY_ROW_H

    b.label(Box(0.0, y, lw, y + REPORT_H), ["呈", "报", "单", "位"])
    b.cell(Box(lw, y, BACK_W, y + REPORT_H))
    unit = options.reporting_unit.strip()
    if unit:
        b.text(Box(lw + 2, y, BACK_W - 2, y + REPORT_NAME_H), "呈报单位", unit)
    filled = form_text.form_date(options.filled_on) if options.filled_on else ""
    if filled:
        b.text(Box(BACK_W - 70, y + REPORT_NAME_H, BACK_W - 8, y + REPORT_H), "填表时间", filled)
    y += REPORT_H
    page.heavy.append(y)
    ax = APPROVE_COLS
    b.label(Box(ax[0], y, ax[1], y + APPROVE_H), ["审意", "批　", "机　", "关见"])
    b.label(Box(ax[2], y, ax[3], y + APPROVE_H), ["行任", "政免", "机意", "关见"])
    for body in (Box(ax[1], y, ax[2], y + APPROVE_H), Box(ax[3], y, ax[4], y + APPROVE_H)):
        b.cell(body)
        bottom = body.y1 - 2.0
        seal = Box(body.x0, bottom - 16, body.x1 - 8, bottom - 8)
        b.text(seal, "（盖章）", "（盖章）", align="right", steps=(LABEL_SIZE,))
        b.text(
            Box(body.x0, bottom - 8, body.x1 - 4, bottom),
            "年月日",
            "年    月    日",
            align="right",
            steps=(LABEL_SIZE,),
        )
    return page, b.too_long


def family_age(member: object, ref: dt.date) -> str:
    """A family member's age at 计算年龄时间; blank when deceased (also when the post says so)."""
    employer = str(getattr(member, "employer_post", ""))
    if any(word in employer for word in DECEASED_WORDS):
        return ""
    return form_text.family_age(member, ref)  # type: ignore[arg-type]


def layout_form(profile: CadreProfile, options: FormOptions) -> FormLayout:
    """Where everything goes on the two pages; raises `FormTooLong` when a field cannot fit."""
    fonts.register_fonts()
    front, too_long = _front(profile, options, options.offsets)
    back, too_long_back = _back(profile, options, options.offsets)
    too_long += too_long_back
    if too_long:
        raise FormTooLong(profile.cadre.name, list(dict.fromkeys(too_long)))
    title_x = front.left + FRONT_COLS[-1] / 2
    title_baseline = front.top - 3.6
    signer = f"填表人：{options.filled_by.strip()}"
    return FormLayout((front, back), (title_x, title_baseline), signer)


def check_form(profile: CadreProfile, options: FormOptions) -> None:
    """Raise `FormTooLong` if the form of `profile` cannot be printed on its two pages."""
    layout_form(profile, options)


# --- drawing --------------------------------------------------------------------------------------


def _px(x_mm: float) -> float:
    return x_mm * MM


def _py(y_mm: float) -> float:
    return (PAGE_H - y_mm) * MM


def _segments(page: Page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The inner rules as merged horizontal (y, x0, x1) and vertical (x, y0, y1) segments, in mm."""
    horizontal: dict[float, list[tuple[float, float]]] = {}
    vertical: dict[float, list[tuple[float, float]]] = {}
    for box in page.cells:
        for yy in (box.y0, box.y1):
            if 0.01 < yy < page.height - 0.01:
                horizontal.setdefault(round(yy, 3), []).append((box.x0, box.x1))
        for xx in (box.x0, box.x1):
            if 0.01 < xx < page.width - 0.01:
                vertical.setdefault(round(xx, 3), []).append((box.y0, box.y1))

    def merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for a, z in sorted(spans):
            if out and a <= out[-1][1] + 0.01:
                out[-1] = (out[-1][0], max(out[-1][1], z))
            else:
                out.append((a, z))
        return out

    h = [(yy, a, z) for yy, spans in horizontal.items() for a, z in merge(spans)]
    v = [(xx, a, z) for xx, spans in vertical.items() for a, z in merge(spans)]
    return h, v


def _draw_grid(c: Canvas, page: Page) -> None:
    left, top = page.left, page.top
    horizontal, vertical = _segments(page)
    c.setStrokeColor(black)
    for yy, a, z in horizontal:
        c.setLineWidth(OUTER_RULE if any(abs(yy - hy) < 0.01 for hy in page.heavy) else INNER_RULE)
        c.line(_px(left + a), _py(top + yy), _px(left + z), _py(top + yy))
    c.setLineWidth(INNER_RULE)
    for xx, a, z in vertical:
        c.line(_px(left + xx), _py(top + a), _px(left + xx), _py(top + z))
    c.setLineWidth(OUTER_RULE)
    c.rect(_px(left), _py(top + page.height), page.width * MM, page.height * MM, stroke=1, fill=0)


def _draw_text(c: Canvas, page: Page, placed: Placed) -> None:
    box, f = placed.box, placed.fitted
    pad = placed.pad
    x0 = _px(page.left + box.x0 + pad)
    x1 = _px(page.left + box.x1 - pad)
    top = _py(page.top + box.y0 + pad)
    bottom = _py(page.top + box.y1 - pad)
    if placed.valign == "middle":
        top -= ((top - bottom) - f.height) / 2
    for i, line in enumerate(f.lines):
        baseline = top - i * f.leading - (f.leading - f.size) / 2 - f.size * 0.86
        if line.lead:
            fonts.draw_string(c, x0, baseline, line.lead, f.size, "left", SONG)
        if placed.align == "centre":
            fonts.draw_string(c, (x0 + x1) / 2, baseline, line.text, f.size, "centre", SONG)
        elif placed.align == "right":
            fonts.draw_string(c, x1, baseline, line.text, f.size, "right", SONG)
        else:
            fonts.draw_string(c, x0 + line.indent, baseline, line.text, f.size, "left", SONG)


def _draw_photo(c: Canvas, page: Page, photo: bytes | None) -> None:
    if page.photo is None or not photo:
        return
    try:
        image = ImageReader(io.BytesIO(photo))
        iw, ih = image.getSize()
    except Exception:  # an unreadable photo prints as an empty photo cell, never fails the form
        return
    box = page.photo
    w, h = (box.x1 - box.x0) * MM - 2 * INNER_RULE, (box.y1 - box.y0) * MM - 2 * INNER_RULE
    scale = min(w / iw, h / ih)
    dw, dh = iw * scale, ih * scale
    x = _px(page.left + box.x0) + INNER_RULE + (w - dw) / 2
    y = _py(page.top + box.y1) + INNER_RULE + (h - dh) / 2
    c.drawImage(image, x, y, dw, dh)


def _draw_watermark(c: Canvas) -> None:
    c.saveState()
    c.setFillColor(Color(0.82, 0.82, 0.82))
    c.translate(PAGE_W * MM / 2, PAGE_H * MM / 2)
    c.rotate(35)
    fonts.draw_string(c, 0, -60, "草稿", 200, "centre", SONG)
    c.restoreState()


def _draw_page(c: Canvas, page: Page, photo: bytes | None, draft: bool) -> None:
    if draft:
        _draw_watermark(c)
    c.setFillColor(black)
    _draw_photo(c, page, photo)
    for placed in page.texts:
        _draw_text(c, page, placed)
    _draw_grid(c, page)


def build_appointment_form(
    profile: CadreProfile, photo: bytes | None, out: BinaryIO | Path | str, options: FormOptions
) -> int:
    """Write the form of `profile` as a two-page PDF to `out` (a path or a binary stream); returns 2.

    Raises `FormTooLong` before writing anything when the content does not fit.
    """
    layout = layout_form(profile, options)
    name = profile.cadre.name
    target = str(out) if isinstance(out, Path) else out
    c = Canvas(target, pagesize=A4, lang="zh-CN")
    c.setTitle(f"{TITLE}（{name}）")
    c.setSubject(f"{TITLE}：{name}" + (f"，{profile.cadre.unit}" if profile.cadre.unit else ""))
    c.setAuthor(options.reporting_unit or options.operator or CREATOR)
    c.setCreator(CREATOR)
    c.setKeywords(f"{TITLE}, {name}")
    c.setViewerPreference("DisplayDocTitle", "true")
    front, back = layout.pages
    c.bookmarkPage("form")
    c.addOutlineEntry(f"{TITLE}（{name}）", "form", level=0, closed=False)
    c.bookmarkPage("front")
    c.addOutlineEntry("基本情况、简历", "front", level=1)
    x, baseline = layout.title_at
    first = x - TITLE_PITCH * (len(TITLE) - 1) / 2
    for i, char in enumerate(TITLE):
        fonts.draw_string(c, _px(first + i * TITLE_PITCH), _py(baseline), char, TITLE_SIZE, "centre", SONG)
    _draw_page(c, front, photo, options.draft)
    c.showPage()
    c.bookmarkPage("back")
    c.addOutlineEntry("奖惩情况、家庭成员、审批意见", "back", level=1)
    _draw_page(c, back, None, options.draft)
    signer_top = back.top + back.height + SIGNER_GAP
    baseline_y = _py(signer_top) - LABEL_SIZE * 0.86
    fonts.draw_string(c, _px(back.left), baseline_y, layout.signer, LABEL_SIZE, "left", SONG)
    c.showPage()
    c.showOutline()
    c.save()
    return 2
