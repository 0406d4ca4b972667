"""The 干部任免审批表's layout: every field of the profile and the form's data fitted into its cell at the
official sizes (a short field on one or two lines, a post up to three lines, the 简历 with its hanging
indent, the family rows), decided before anything is drawn; `layout_form` raises `FormTooLong`
naming the fields that do not fit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cadre_desk.reports import fonts, form_text
from cadre_desk.reports.appointment_grid import (
    APPROVE_COLS,
    APPROVE_H,
    BACK_H,
    BACK_LABEL_W,
    BACK_LEFT,
    BACK_ROWS,
    BACK_TOP,
    BACK_W,
    EDU_ROW,
    FAMILY_COLS,
    FAMILY_HEAD_H,
    FAMILY_ROW_H,
    FAMILY_ROWS,
    FRONT_COLS,
    FRONT_H,
    FRONT_LEFT,
    FRONT_TOP,
    LABEL_SIZE,
    PAD,
    POST_CHARS_LINES,
    POST_ROW,
    REPORT_H,
    REPORT_NAME_H,
    RESUME_LABEL_W,
    SONG,
    TOP_ROWS,
    Box,
    FormLayout,
    Page,
    Placed,
)
from cadre_desk.reports.appointment_options import FormOffsets, FormOptions, FormTooLong
from cadre_desk.reports.form_fit import MM, STEPS, Fitted, Line, Para, fit
from cadre_desk.services.cadre_records import CadreProfile

DECEASED_WORDS = ("去世", "死亡", "逝世", "已逝", "已故")
RESUME_INDENT = "0000.00--0000.00  "


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
