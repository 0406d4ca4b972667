"""联席研判表: the joint review sheet of one 晴雨表 period, A4 landscape.

First the counts per colour per unit (with the total), then every yellow and red reading, red first:
unit, name, post, the colour with its word (a black-and-white print reads the word; the cell is
shaded as well), the indicators recorded, the rule that fired, the 研判 and the 处置 with its follow-up.
The rule table in force is printed last, each rule with its colour, so the sheet explains itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from cadre_desk.domain import barometer as bd
from cadre_desk.reports import fonts
from cadre_desk.reports.flow import LABEL_FILL, LINE, para
from cadre_desk.reports.page import Bookmark, DocumentInfo, Margins, build_pdf, frame_size
from cadre_desk.services.barometer import EntryView
from cadre_desk.services.barometer_entries import JointReview
from cadre_desk.services.printing import PrintSettings

TITLE = "干部监管晴雨表联席研判表"
SHEET = landscape(A4)
MARGINS = Margins(left=2.0 * cm, right=2.0 * cm, top=2.0 * cm, bottom=1.8 * cm)
WIDTH, _HEIGHT = frame_size(MARGINS, SHEET)
SIZE = 9.5
CHUNK = 40  # rows per table: many small tables rather than one huge one
FILLS = {bd.RED: Color(0.96, 0.71, 0.71), bd.YELLOW: Color(0.98, 0.9, 0.63), bd.GREEN: Color(0.78, 0.9, 0.79)}


@dataclass(frozen=True)
class ReviewOptions:
    settings: PrintSettings
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


def _style(*extra: tuple[Any, ...]) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, SIZE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), LINE, black),
            ("BOX", (0, 0), (-1, -1), 1.0, black),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL),
            *extra,
        ]
    )


def _table(
    header: list[str], rows: list[list[str]], widths: list[float], fills: list[tuple[int, int, Color]]
) -> Table:
    data: list[list[Any]] = [[para(h, SIZE, "centre") for h in header]]
    data += [[para(v, SIZE, "centre" if len(v) <= 4 else "left") for v in row] for row in rows]
    shading = [("BACKGROUND", (c, r), (c, r), colour) for r, c, colour in fills]
    return Table(data, colWidths=widths, style=_style(*shading), repeatRows=1, splitByRow=1, splitInRow=0,
                 hAlign="LEFT")  # fmt: skip


def _counts(review: JointReview) -> Table:
    words = review.words
    header = ["单位", *(words[c] for c in bd.COLOURS), "合计", "黄、红占比"]
    rows: list[list[str]] = []
    totals = dict.fromkeys(bd.COLOURS, 0)
    for u in review.units:
        n = sum(u.counts.values())
        warn = u.counts.get(bd.RED, 0) + u.counts.get(bd.YELLOW, 0)
        rows.append(
            [u.unit, *(str(u.counts.get(c, 0)) for c in bd.COLOURS), str(n), f"{warn / n:.0%}" if n else ""]
        )
        for c in bd.COLOURS:
            totals[c] += u.counts.get(c, 0)
    total = sum(totals.values())
    warn = totals[bd.RED] + totals[bd.YELLOW]
    rows.append(
        ["合计", *(str(totals[c]) for c in bd.COLOURS), str(total), f"{warn / total:.0%}" if total else ""]
    )
    fills = [(0, 1 + i, FILLS[c]) for i, c in enumerate(bd.COLOURS)]
    widths = [9 * cm, 2.5 * cm, 2.5 * cm, 2.5 * cm, 2.5 * cm, 3 * cm]
    table = _table(header, rows, widths, fills)
    table.setStyle(TableStyle([("FONT", (0, len(rows)), (-1, len(rows)), fonts.MAIN_FONT, SIZE)]))
    return table


def indicator_text(e: EntryView) -> str:
    """The indicators that need attention (好 / 称职 / 不实 / 如实 readings are left out)."""
    return "；".join(
        (ind.label if e.indicators[ind.code] == bd.FLAG_ON else f"{ind.label}：{e.indicators[ind.code]}")
        for ind in bd.INDICATORS
        if bd.remarkable(ind.code, e.indicators[ind.code])
    )


def disposal_text(e: EntryView) -> str:
    if not e.disposal:
        return "未确定"
    text = f"{e.disposal}（{e.disposal_way}）" if e.disposal_way else e.disposal
    if e.follow_up:
        text += f"；{e.follow_up}"
    return text + ("（已落实）" if e.follow_up_done else "")


def _warnings(review: JointReview) -> list[Flowable]:
    words = review.words
    header = ["序号", "单位", "姓名", "职务", "颜色", "监管指标", "触发规则", "研判", "处置及跟进"]
    widths = [1.1, 3.4, 1.6, 3.2, 1.2, 4.6, 4.0, 3.0]
    widths_pt = [w * cm for w in widths]
    widths_pt.append(WIDTH - sum(widths_pt))
    out: list[Flowable] = []
    for start in range(0, len(review.warnings), CHUNK):
        chunk = review.warnings[start : start + CHUNK]
        rows = []
        for n, e in enumerate(chunk, start + 1):
            override = (
                f"{words[e.override_colour]}（原{words[e.computed_colour]}）：{e.override_reason}（{e.override_by}）"
                if e.override_colour else ""
            )  # fmt: skip
            rows.append([str(n), e.unit, e.name, e.post, words[e.colour], indicator_text(e),
                         e.rule_text or "—", override, disposal_text(e)])  # fmt: skip
        fills = [(1 + i, 4, FILLS[e.colour]) for i, e in enumerate(chunk)]
        out += [_table(header, rows, widths_pt, fills), Spacer(1, 4)]
    return out


def _rules(review: JointReview) -> Table:
    words = review.words
    rows = [
        [words[r.colour], bd.BY_CODE[r.indicator].label, "、".join(r.values) or "有记载", r.label]
        for r in review.rules
    ]
    fills = [(1 + i, 0, FILLS[r.colour]) for i, r in enumerate(review.rules)]
    return _table(
        ["颜色", "指标", "取值", "含义"], rows, [2 * cm, 3.5 * cm, 5 * cm, WIDTH - 10.5 * cm], fills
    )


def build_joint_review(review: JointReview, out: BinaryIO | Path, options: ReviewOptions) -> int:
    """Write the 联席研判表 to `out`; returns the number of pages."""
    p = review.period
    s = options.settings
    words = review.words
    counts = "，".join(f"{words[c]} {p.counts.get(c, 0)} 人" for c in bd.COLOURS)
    warn = f"{words[bd.YELLOW]}、{words[bd.RED]}"
    story: list[Flowable] = [
        para(TITLE, 18, "centre"),
        Spacer(1, 4),
        para(f"{s.department}　{p.label}（{p.code}）　状态：{p.state}", 11, "centre"),
        Spacer(1, 8),
        Bookmark("一、各单位颜色分布"),
        para(f"一、各单位颜色分布（共 {p.total} 人：{counts}）", 12),
        Spacer(1, 4),
        _counts(review),
        Spacer(1, 10),
        Bookmark("二、黄、红干部明细"),
        para(f"二、{warn}干部明细（共 {len(review.warnings)} 人，{words[bd.RED]}在前）", 12),
        Spacer(1, 4),
    ]
    story += _warnings(review) if review.warnings else [para(f"本期无{warn}干部。", SIZE)]
    story += [
        Spacer(1, 10),
        Bookmark("三、颜色规则"),
        para("三、颜色规则（本地规则表，红优先于黄，未触发任何规则为绿）", 12),
        Spacer(1, 4),
        _rules(review),
        Spacer(1, 18),
        para("研判意见：" + "＿" * 40, 11),
        Spacer(1, 18),
        para("参加单位（签字）：" + "＿" * 30 + "　　　　年　　月　　日", 11),
    ]
    info = DocumentInfo(
        title=f"{TITLE}（{p.code}）",
        subject=f"{p.label}晴雨表联席研判",
        author=s.department,
        operator=s.operator,
        confidentiality=s.confidentiality,
        printed_at=options.printed_at,
        keywords=("晴雨表", p.code),
    )
    return build_pdf(out, story, info, MARGINS, SHEET)
