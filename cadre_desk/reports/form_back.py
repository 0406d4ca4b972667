"""Page two of the appointment form: 奖惩情况, 年度考核结果, 任免理由, the family table, the approvals.

The blocks keep the form's proportions and stretch to fill the page. When the content is longer than
one page, rows grow and split between pages instead of running off the grid, and family members
beyond what page two holds continue in a table after the approval blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table

from cadre_desk.reports import cells, form_text
from cadre_desk.reports.cells import PAD_X, PAD_Y, Text
from cadre_desk.reports.grid import MAX_ROW, continued_block, grid_style
from cadre_desk.reports.page import Bookmark

if TYPE_CHECKING:
    from cadre_desk.reports.appointment_form import FormOptions
    from cadre_desk.services.cadre_records import CadreProfile

BLOCK_SIZES = (12, 10.5, 9, 8)
GROWN_SIZE = 10.5  # text that fits no fixed cell is set at this size in a taller row
# Minimum heights of page two's rows, and how the spare height of the page is shared among them.
REWARDS_H, ASSESS_H, REASON_H = 3.6 * cm, 1.5 * cm, 2.2 * cm
FAMILY_HEAD_H, FAMILY_ROW_H, FAMILY_ROWS = 1.0 * cm, 0.9 * cm, 7
REPORT_H, APPROVE_H, SIGN_H = 3.0 * cm, 3.6 * cm, 0.8 * cm
FAMILY_CHUNK = 12  # family rows per table at most
FAMILY_TABLE_MAX = 18 * cm  # and at most this tall, so a table always fits a page
FAMILY_MAX = 3 * cm  # a family row grows to this for long text; longer text goes to the 附页
FAMILY_LABEL = "家庭\n主要\n成员\n及重\n要社\n会关\n系"
# Family columns after the label: 称谓, 姓名, 年龄, 政治面貌, and 工作单位及职务 takes the rest.
FAMILY_COLS_CM = (1.6, 2.2, 1.5, 2.2)


def _text_block(lines: Sequence[str], width: float, height: float) -> tuple[list[Text], float]:
    """Texts for a block of lines at the largest size fitting `height`, and the height they take."""
    for size in BLOCK_SIZES:
        texts = [Text(line, size) for line in lines]
        if cells.estimate_height(texts, width) > height:
            continue
        total = sum(t.height(width) for t in texts)
        if total <= height:
            return texts, total
    texts = [Text(line, GROWN_SIZE) for line in lines]
    return texts, sum(t.height(width) for t in texts)


def _family_rows(
    members: Sequence[Any],
    options: FormOptions,
    widths: Sequence[float],
    min_h: float,
    overflow: list[tuple[str, str]],
) -> tuple[list[list[Any]], list[float]]:
    rows: list[list[Any]] = []
    heights: list[float] = []
    for m in members:
        texts = [
            (m.relation, "centre"),
            (m.name, "centre"),
            (form_text.family_age(m, options.age_reference), "centre"),
            (m.political_status, "centre"),
            (form_text.family_employer(m), "left"),
        ]
        row: list[Any] = [""]
        need = min_h
        for (text, align), w in zip(texts, widths, strict=True):
            inner_h, max_h = min_h - 2 * PAD_Y, FAMILY_MAX - 2 * PAD_Y
            keep = align != "left"
            fitted = cells.fit(
                text, w - 2 * PAD_X, inner_h, align, BLOCK_SIZES, keep_lines=keep, max_height=max_h
            )
            if fitted.clipped:
                overflow.append(("家庭成员", f"{m.relation} {m.name}：{text}"))
            row.append(fitted.paragraph)
            need = max(need, fitted.height + 2 * PAD_Y + 0.5)
        rows.append(row)
        heights.append(need)
    return rows, heights


def _family_table(
    rows: list[list[Any]],
    heights: list[float],
    label: str,
    col_widths: list[float],
    first: bool = False,
    last: bool = False,
) -> Table:
    """The family grid: the label down the left across every row, a header, one row per member."""
    titles = ("称　谓", "姓　名", "年龄", "政治面貌", "工作单位及职务")
    head: list[Any] = [""]
    for title, w in zip(titles, col_widths[1:], strict=True):
        head.append(cells.fit(title, w - 2 * PAD_X, FAMILY_HEAD_H - 2 * PAD_Y).paragraph)
    data = [head, *rows]
    all_heights = [FAMILY_HEAD_H, *heights]
    fitted = cells.fit(label, col_widths[0] - 2 * PAD_X, sum(all_heights) - 2 * PAD_Y)
    all_heights[-1] += max(0.0, fitted.height + 2 * PAD_Y - sum(all_heights))
    data[0][0] = fitted.paragraph
    style = grid_style([(0, 0, 0, len(data) - 1)], first=first, last=last)
    return Table(data, colWidths=col_widths, rowHeights=all_heights, style=style)


def _approval_table(
    options: FormOptions, width: float, label_w: float, overflow: list[tuple[str, str]]
) -> Table:
    report_h, approve_h = REPORT_H, APPROVE_H
    half = (width - 2 * label_w) / 2
    inner = half - 2 * PAD_X
    blank = form_text.form_date(None)
    report = cells.SealBlock(
        width - label_w - 2 * PAD_X,
        report_h - 2 * PAD_Y,
        options.reporting_unit.strip(),
        form_text.form_date(options.filled_on),
    )
    if report.fitted is not None and report.fitted.clipped:
        overflow.append(("呈报单位", options.reporting_unit.strip()))
    data: list[list[Any]] = [
        [cells.label("呈报\n单位"), report, "", ""],
        [
            cells.label("审批\n机关\n意见"),
            cells.SealBlock(inner, approve_h - 2 * PAD_Y, "", blank),
            cells.label("行政\n机关\n任免\n意见"),
            cells.SealBlock(inner, approve_h - 2 * PAD_Y, "", blank),
        ],
    ]
    return Table(
        data,
        colWidths=[label_w, half, label_w, half],
        rowHeights=[report_h, approve_h],
        style=grid_style([(1, 0, 3, 0)], first=False),
    )


def _split_family(heights: list[float], slack: float) -> int:
    """How many family members page two holds: all, or (if only they overflow it) fewer, at least
    the form's seven rows; the rest continue after the approval blocks."""
    here = len(heights)
    while slack < 0 and here > FAMILY_ROWS:
        here -= 1
        slack += heights[here]
    return here if slack >= 0 else len(heights)


def back_story(
    profile: CadreProfile,
    options: FormOptions,
    width: float,
    height: float,
    label_w: float,
    overflow: list[tuple[str, str]],
) -> list[Flowable]:
    """Page two (and, for long content, the pages after it)."""
    content_w = width - label_w - 2 * PAD_X
    blocks = [
        ("奖\n惩\n情\n况", form_text.reward_lines(profile.rewards), REWARDS_H),
        ("年度考\n核结果", [form_text.assessment_summary(profile.assessments)], ASSESS_H),
        ("任免\n理由", [options.reason.strip()], REASON_H),
    ]
    texts = []
    for label, lines, min_h in blocks:
        paragraphs, need = _text_block(lines, content_w, min_h - 2 * PAD_Y)
        texts.append((label, paragraphs, max(min_h, need + 2 * PAD_Y + 0.5)))

    fam_widths = [label_w, *(w * cm for w in FAMILY_COLS_CM)]
    fam_widths.append(width - sum(fam_widths))
    fam_rows, fam_heights = _family_rows(profile.family, options, fam_widths[1:], FAMILY_ROW_H, overflow)
    blank = max(0, FAMILY_ROWS - len(fam_rows))
    fam_rows += [[""] * 6 for _ in range(blank)]
    fam_heights += [FAMILY_ROW_H] * blank
    fixed = sum(h for _l, _p, h in texts) + FAMILY_HEAD_H + REPORT_H + APPROVE_H + SIGN_H + 1.0
    slack = height - fixed - sum(fam_heights)
    here = _split_family(fam_heights, slack)
    slack += sum(fam_heights[here:])
    later_rows, later_heights = fam_rows[here:], fam_heights[here:]
    fam_rows, fam_heights = fam_rows[:here], fam_heights[:here]
    if slack > 0:  # stretch the blocks so the grid fills the page like the printed form
        per_row = min(slack * 0.3 / len(fam_rows), 0.4 * cm)
        fam_heights = [h + per_row for h in fam_heights]
        slack -= per_row * len(fam_rows)
        shares = (0.6, 0.1, 0.3)
        texts = [(lb, ps, h + slack * share) for (lb, ps, h), share in zip(texts, shares, strict=True)]

    story: list[Flowable] = [Bookmark("奖惩情况、年度考核结果、任免理由", 1)]
    for i, (label, paragraphs, h) in enumerate(texts):
        if h <= MAX_ROW:
            style = grid_style(top_aligned=[(1, 0)], first=i == 0, last=False)
            body = [t.paragraph() for t in paragraphs]
            story.append(Table([[cells.label(label), body]], [label_w, width - label_w], [h], style))
        else:
            story.extend(continued_block(label, paragraphs, content_w, label_w))
    story.append(Bookmark("家庭主要成员及重要社会关系", 1))
    for i, (start, end) in enumerate(_family_chunks(fam_heights)):
        label = FAMILY_LABEL if i == 0 else f"{FAMILY_LABEL}\n（续）"
        story.append(
            _family_table(fam_rows[start:end], fam_heights[start:end], label, fam_widths, first=i > 0)
        )
    story.append(Bookmark("审批意见", 1))
    sign = cells.Line(
        left=f"填表人：{options.filled_by}",
        right=f"填表时间：{form_text.form_date(options.filled_on)}" if options.filled_on else "填表时间：",
        size=12,
        height=SIGN_H,
    )
    story.append(KeepTogether([_approval_table(options, width, label_w, overflow), sign]))
    for start, end in _family_chunks(later_heights):
        story.append(CondPageBreak(4 * cm))
        label = f"{FAMILY_LABEL}\n（续）"
        rows, heights = later_rows[start:end], later_heights[start:end]
        story.append(_family_table(rows, heights, label, fam_widths, first=True, last=True))
    return story


def _family_chunks(heights: Sequence[float]) -> list[tuple[int, int]]:
    """(start, end) of runs of family rows that make tables well within one page."""
    chunks: list[tuple[int, int]] = []
    start, used = 0, 0.0
    for i, h in enumerate(heights):
        if i > start and (i - start >= FAMILY_CHUNK or used + h > FAMILY_TABLE_MAX):
            chunks.append((start, i))
            start, used = i, 0.0
        used += h
    if start < len(heights):
        chunks.append((start, len(heights)))
    return chunks
