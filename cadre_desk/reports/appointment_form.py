"""干部任免审批表: the national appointment form, drawn to the official editor's A4 template.

One sheet printed front and back: page 1 (personal data, photo, education, posts, 简历) and page 2
(奖惩情况, 年度考核结果, 任免理由, the family, 呈报单位 and the approvals), never more. The grid is the
template's, in millimetres (`../shared/formats/appointment-form.md`): it is drawn straight on the
canvas, and every text steps down through the official sizes until it fits its cell. When even
5.5 pt is not enough, the layout raises `FormTooLong` naming the cadre and the fields, before
anything is written. No header, footer or marking: only an optional 草稿 watermark.

This module builds the PDF (`build_appointment_form`) and checks a form (`check_form`); the jobs
behind them have a module each: `appointment_options` (what a print is asked for, `FormTooLong`),
`appointment_grid` (the template's measures and the laid-out page's types), `appointment_layout`
(what goes where), `appointment_drawing` (a laid-out page on the canvas).
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from cadre_desk.reports import fonts
from cadre_desk.reports.appointment_drawing import draw_page, px, py
from cadre_desk.reports.appointment_grid import LABEL_SIZE, SIGNER_GAP, SONG, TITLE_PITCH, TITLE_SIZE
from cadre_desk.reports.appointment_layout import layout_form
from cadre_desk.reports.appointment_options import FormOptions
from cadre_desk.reports.page import CREATOR
from cadre_desk.services.cadre_records import CadreProfile

TITLE = "干部任免审批表"


def check_form(profile: CadreProfile, options: FormOptions) -> None:
    """Raise `FormTooLong` if the form of `profile` cannot be printed on its two pages."""
    layout_form(profile, options)


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
        fonts.draw_string(c, px(first + i * TITLE_PITCH), py(baseline), char, TITLE_SIZE, "centre", SONG)
    draw_page(c, front, photo, options.draft)
    c.showPage()
    c.bookmarkPage("back")
    c.addOutlineEntry("奖惩情况、家庭成员、审批意见", "back", level=1)
    draw_page(c, back, None, options.draft)
    signer_top = back.top + back.height + SIGNER_GAP
    baseline_y = py(signer_top) - LABEL_SIZE * 0.86
    fonts.draw_string(c, px(back.left), baseline_y, layout.signer, LABEL_SIZE, "left", SONG)
    c.showPage()
    c.showOutline()
    c.save()
    return 2
