"""干部任免审批表: the national appointment form, drawn to its real layout on A4.

Page one is the 7-column grid (personal data, photo, education, posts) with the 简历 filling the rest of
the page; its font steps down so long careers still fit, and what even the smallest size cannot hold
continues on a following page. Page two (built in `form_back`) carries 奖惩情况, 年度考核结果, 任免理由,
the family table and the approval blocks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak, Table

from cadre_desk.reports import cells, fonts, form_back, form_text, grid
from cadre_desk.reports.cells import FORM_SIZES, PAD_X, PAD_Y, Text
from cadre_desk.reports.page import DEFAULT_MARK, Bookmark, DocumentInfo, Margins, build_pdf, frame_size
from cadre_desk.services.cadre_records import CadreProfile

TITLE = "干部任免审批表"
APPENDIX = "附页：表内未能完整显示的内容"
MARGINS = Margins(left=2.5 * cm, right=2.0 * cm, top=2.0 * cm, bottom=1.8 * cm)
WIDTH, HEIGHT = frame_size(MARGINS)
# The seven columns of page one: label, value, label, value, label, value, photo.
_COL_CM = (2.1, 2.5, 2.0, 2.3, 2.3, 2.5)
COLS: tuple[float, ...] = (*(w * cm for w in _COL_CM), WIDTH - sum(_COL_CM) * cm)
ROW = 1.3 * cm  # the rows of the grid beside the photo and the education rows
POST_ROW = 1.1 * cm  # 现任职务, 拟任职务, 拟免职务
ROW_MAX = 2.5 * cm  # a row of the grid grows to this for long text; longer text goes to the 附页
MIN_RESUME = 4 * cm  # below this the 简历 starts on its own page
SPAN_GAP = 1.0  # ems between the 简历 dates and the text


@dataclass(frozen=True)
class FormOptions:
    """What one print of the form adds to the profile (the .lrmx fields that are per print)."""

    age_reference: dt.date = field(default_factory=dt.date.today)  # 计算年龄时间
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    operator: str = ""
    confidentiality: str = DEFAULT_MARK
    proposed_post: str = ""  # 拟任职务
    proposed_removal: str = ""  # 拟免职务
    reason: str = ""  # 任免理由
    reporting_unit: str = ""  # 呈报单位
    filled_by: str = ""  # 填表人
    filled_on: dt.date | None = None  # 填表时间
    current_post: str | None = None  # 现任职务 when it differs from the profile's post


@dataclass
class _Cell:
    row: int
    col: int
    last_col: int
    text: str
    align: str = "centre"
    is_label: bool = False
    last_row: int | None = None


def _lbl(row: int, col: int, text: str, last_col: int | None = None, last_row: int | None = None) -> _Cell:
    return _Cell(row, col, col if last_col is None else last_col, text, "centre", True, last_row)


def _front_cells(profile: CadreProfile, options: FormOptions) -> list[_Cell]:
    c = profile.cadre
    ref = options.age_reference
    post = c.post if options.current_post is None else options.current_post
    return [
        _lbl(0, 0, "姓　名"),
        _Cell(0, 1, 1, c.name),
        _lbl(0, 2, "性　别"),
        _Cell(0, 3, 3, c.gender),
        _lbl(0, 4, "出生年月\n（岁）"),
        _Cell(0, 5, 5, form_text.birth_cell(c.birth, ref)),
        _lbl(1, 0, "民　族"),
        _Cell(1, 1, 1, c.ethnicity),
        _lbl(1, 2, "籍　贯"),
        _Cell(1, 3, 3, c.native_place),
        _lbl(1, 4, "出 生 地"),
        _Cell(1, 5, 5, c.birthplace),
        _lbl(2, 0, "入　党\n时　间"),
        _Cell(2, 1, 1, form_text.party_text(c.party_join, c.democratic_party)),
        _lbl(2, 2, "参加工\n作时间"),
        _Cell(2, 3, 3, form_text.year_month(c.work_start)),
        _lbl(2, 4, "健康状况"),
        _Cell(2, 5, 5, c.health),
        _lbl(3, 0, "专业技\n术职务"),
        _Cell(3, 1, 2, c.professional_title),
        _lbl(3, 3, "熟悉专业\n有何专长"),
        _Cell(3, 4, 5, c.speciality),
        _lbl(4, 0, "学　历\n学　位", last_row=5),
        _lbl(4, 1, "全日制\n教　育"),
        _Cell(4, 2, 3, form_text.education_text(c.fulltime_education, c.fulltime_degree)),
        _lbl(4, 4, "毕业院校\n系及专业"),
        _Cell(4, 5, 6, form_text.school_text(c.fulltime_school, c.fulltime_degree_school), "left"),
        _lbl(5, 1, "在　职\n教　育"),
        _Cell(5, 2, 3, form_text.education_text(c.inservice_education, c.inservice_degree)),
        _lbl(5, 4, "毕业院校\n系及专业"),
        _Cell(5, 5, 6, form_text.school_text(c.inservice_school, c.inservice_degree_school), "left"),
        _lbl(6, 0, "现任职务"),
        _Cell(6, 1, 6, post, "left"),
        _lbl(7, 0, "拟任职务"),
        _Cell(7, 1, 6, options.proposed_post, "left"),
        _lbl(8, 0, "拟免职务"),
        _Cell(8, 1, 6, options.proposed_removal, "left"),
    ]


def _front_table(
    profile: CadreProfile, photo: bytes | None, options: FormOptions, overflow: list[tuple[str, str]]
) -> Table:
    specs = _front_cells(profile, options)
    mins = [ROW] * 6 + [POST_ROW] * 3
    heights = list(mins)
    data: list[list[Any]] = [[""] * 7 for _ in mins]
    label = ""
    for spec in specs:
        inner_w = sum(COLS[spec.col : spec.last_col + 1]) - 2 * PAD_X
        rows = range(spec.row, (spec.last_row if spec.last_row is not None else spec.row) + 1)
        inner_h = sum(mins[r] for r in rows) - 2 * PAD_Y
        keep_lines = spec.is_label or spec.align != "left"
        max_h = ROW_MAX * len(rows) - 2 * PAD_Y
        fitted = cells.fit(spec.text, inner_w, inner_h, spec.align, keep_lines=keep_lines, max_height=max_h)
        if spec.is_label:
            label = spec.text
        elif fitted.clipped:
            overflow.append((label, spec.text))
        data[spec.row][spec.col] = fitted.paragraph
        if spec.last_row is None:
            heights[spec.row] = max(heights[spec.row], fitted.height + 2 * PAD_Y + 0.5)
    photo_h = sum(heights[:4]) - 2 * PAD_Y
    data[0][6] = cells.Photo(photo, COLS[6] - 2 * PAD_X, photo_h)
    spans = [
        (s.col, s.row, s.last_col, s.last_row or s.row) for s in specs if s.last_col > s.col or s.last_row
    ]
    spans.append((6, 0, 6, 3))  # the photo
    style = grid.grid_style(spans, last=False)
    return Table(data, colWidths=list(COLS), rowHeights=heights, style=style)


def _resume_texts(profile: CadreProfile, size: float) -> list[Text]:
    """Main lines with their dates as a hanging bullet; 其间 lines under the text column."""
    indent = fonts.string_width("0000.00--0000.00", size) + SPAN_GAP * size
    return [
        Text(item.text, size, bullet=None if item.concurrent else item.span, indent=indent)
        for item in form_text.resume_items(profile.resume)
    ]


def _fit_resume(profile: CadreProfile, width: float, height: float) -> tuple[list[Text], list[Text]]:
    """The 简历 for page one at the largest size that fits, and what continues after it (usually none)."""
    texts: list[Text] = []
    for size in FORM_SIZES:
        texts = _resume_texts(profile, size)
        if not texts or (size != FORM_SIZES[-1] and cells.estimate_height(texts, width) > height):
            continue
        if sum(t.height(width) for t in texts) <= height:
            return texts, []
    # Even the smallest size is too long: fill page one, continue the rest on the next page.
    return grid.fill(texts, width, height)


def _front_story(
    profile: CadreProfile, photo: bytes | None, options: FormOptions, overflow: list[tuple[str, str]]
) -> list[Flowable]:
    title = cells.Title(TITLE, 22, space_after=2)
    ref_line = cells.Line(right=f"计算年龄时间：{form_text.reference_text(options.age_reference)}", size=10.5)
    top = _front_table(profile, photo, options, overflow)
    used = sum(f.wrap(WIDTH, HEIGHT)[1] for f in (title, ref_line, top))
    story: list[Flowable] = [Bookmark(f"{TITLE}（{profile.cadre.name}）"), Bookmark("基本情况", 1)]
    story += [title, ref_line, top]
    room = HEIGHT - used - 1.0
    content_w = WIDTH - COLS[0] - 2 * PAD_X
    label = cells.label("简\n\n\n\n\n历")
    if room < MIN_RESUME:
        room = HEIGHT - 1.0
        story.append(PageBreak())
    first, rest = _fit_resume(profile, content_w, room - 2 * PAD_Y)
    story.append(Bookmark("简历", 1))
    story.append(
        Table(
            [[label, [t.paragraph() for t in first]]],
            colWidths=[COLS[0], WIDTH - COLS[0]],
            rowHeights=[room],
            style=grid.grid_style([], top_aligned=[(1, 0)], first=False),
        )
    )
    if rest:
        story.extend(grid.continued_block("简\n历\n（续）", rest, content_w))
    return story


def form_story(profile: CadreProfile, photo: bytes | None, options: FormOptions) -> list[Flowable]:
    """The flowables of the whole form (two pages for a usual profile)."""
    fonts.register_fonts()
    overflow: list[tuple[str, str]] = []  # (label, whole text) of cells cut to fit the grid
    story = _front_story(profile, photo, options, overflow)
    story.append(PageBreak())
    story.extend(form_back.back_story(profile, options, WIDTH, HEIGHT, COLS[0], overflow))
    if overflow:
        story += [PageBreak(), Bookmark(APPENDIX, 1), cells.Title(APPENDIX, 16, space_after=8)]
        content_w = WIDTH - COLS[0] - 2 * PAD_X
        for label, text in overflow:
            body = [Text(line, 10.5) for line in text.split("\n")]
            story.extend(grid.continued_block(label, body, content_w, COLS[0]))
    return story


def document_info(profile: CadreProfile, options: FormOptions) -> DocumentInfo:
    name = profile.cadre.name
    return DocumentInfo(
        title=f"{TITLE}（{name}）",
        subject=f"{TITLE}：{name}" + (f"，{profile.cadre.unit}" if profile.cadre.unit else ""),
        author=options.reporting_unit or options.operator,
        operator=options.operator,
        confidentiality=options.confidentiality,
        printed_at=options.printed_at,
        keywords=(TITLE, name),
    )


def build_appointment_form(
    profile: CadreProfile, photo: bytes | None, out: BinaryIO | Path | str, options: FormOptions
) -> int:
    """Write the form of `profile` as a PDF to `out` (a path or a binary stream); returns the page count."""
    return build_pdf(out, form_story(profile, photo, options), document_info(profile, options), MARGINS)
