"""结构分析报告: the printed leadership-team structure analysis (A4).

A cover, the scope's figures with the charts (age pyramid by gender, education and party bars, drawn
as vector graphics with reportlab.graphics), the targets as 应配 / 实配 / 缺配 with a colour and its
word, one page per 班子 in the scope, and the 缺口 list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Table, TableStyle

from cadre_desk.domain import structure as rules_of
from cadre_desk.domain.structure import AGE_BANDS, EDUCATION_LEVELS, POLITICAL_GROUPS
from cadre_desk.reports import cells, flow, fonts
from cadre_desk.reports.flow import BODY, WIDTH, Heading, fields_table, list_table, none_line, para
from cadre_desk.reports.page import DocumentInfo
from cadre_desk.services.printing import PrintSettings
from cadre_desk.services.structure import CadreLine, Figure, Figures, StructureReport, TeamRow

TITLE = "结构分析报告"
FILLS = {
    rules_of.GREEN: HexColor("#c6efce"),
    rules_of.YELLOW: HexColor("#ffeb9c"),
    rules_of.RED: HexColor("#ffc7ce"),
}
MALE, FEMALE = HexColor("#4472c4"), HexColor("#e26b8a")
SERIES = (HexColor("#4472c4"), HexColor("#ed7d31"))
GRID = Color(0.8, 0.8, 0.8)


@dataclass(frozen=True)
class StructureOptions:
    settings: PrintSettings
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    people: dict[int, CadreLine] = field(default_factory=dict)  # the 班子 members, for their lists


def _share(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}%" if whole else "—"


Anchor = Literal["start", "middle", "end"]


def _text(x: float, y: float, text: str, size: float = 8, anchor: Anchor = "middle") -> String:
    return String(x, y, text, fontName=fonts.MAIN_FONT, fontSize=size, textAnchor=anchor, fillColor=black)


def _box(x: float, y: float, w: float, h: float, colour: Color) -> Rect:
    box = Rect(x, y, w, h)
    box.fillColor = colour
    box.strokeColor = None
    return box


# --- charts (vector) -----------------------------------------------------------------------------


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose initial font is our embedded one (reportlab's default, Helvetica, would enter
    the file unembedded)."""
    d = Drawing(width, height)
    setattr(d, "initialFontName", fonts.MAIN_FONT)  # noqa: B010 (an attribute the stubs do not declare)
    return d


def age_pyramid(pyramid: dict[str, dict[str, Figure]], width: float, height: float) -> Drawing:
    """Men to the left of the band labels, women to the right; each bar with its count."""
    d = _drawing(width, height)
    d.add(_text(width / 2, height - 12, "年龄结构（按性别）", 10))
    top = max((f.count for band in pyramid.values() for f in band.values()), default=0) or 1
    label_w, legend_h, title_h = 44.0, 16.0, 20.0
    half = (width - label_w) / 2 - 24
    centre = width / 2
    row_h = (height - title_h - legend_h) / len(AGE_BANDS)
    for i, band in enumerate(AGE_BANDS):
        y = legend_h + i * row_h + row_h * 0.15
        h = row_h * 0.7
        d.add(_text(centre, y + h / 2 - 3, band, 8))
        for gender, colour, sign in (("男", MALE, -1), ("女", FEMALE, 1)):
            n = pyramid[band][gender].count
            w = half * n / top
            x0 = centre - label_w / 2 - w if sign < 0 else centre + label_w / 2
            if n:
                d.add(_box(x0, y, w, h, colour))
            tx = x0 - 3 if sign < 0 else x0 + w + 3
            d.add(_text(tx, y + h / 2 - 3, str(n), 8, "end" if sign < 0 else "start"))
    d.add(_box(centre - 60, 3, 8, 8, MALE))
    d.add(_text(centre - 48, 4, "男", 8, "start"))
    d.add(_box(centre + 30, 3, 8, 8, FEMALE))
    d.add(_text(centre + 42, 4, "女", 8, "start"))
    return d


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, dict[str, Figure]]],
    width: float,
    height: float,
) -> Drawing:
    """Vertical bars, one colour per series (with a legend when there are several), counts on top."""
    d = _drawing(width, height)
    d.add(_text(width / 2, height - 12, title, 10))
    bottom, left, top_pad = 28.0, 6.0, 24.0
    plot_h = height - bottom - top_pad
    top = max((s[c].count for _l, s in series for c in categories), default=0) or 1
    group_w = (width - 2 * left) / len(categories)
    bar_w = group_w * 0.7 / len(series)
    d.add(Line(left, bottom, width - left, bottom, strokeColor=black, strokeWidth=0.5))
    for i, category in enumerate(categories):
        x = left + i * group_w + group_w * 0.15
        d.add(_text(left + (i + 0.5) * group_w, bottom - 11, category, 8))
        for k, (_label, figures) in enumerate(series):
            n = figures[category].count
            h = plot_h * n / top
            if n:
                d.add(_box(x + k * bar_w, bottom, bar_w, h, SERIES[k % len(SERIES)]))
            d.add(_text(x + (k + 0.5) * bar_w, bottom + h + 2, str(n), 7))
    if len(series) > 1:
        x = width / 2 - 45 * len(series) / 2
        for k, (label, _f) in enumerate(series):
            d.add(_box(x + k * 60, 2, 8, 8, SERIES[k % len(SERIES)]))
            d.add(_text(x + k * 60 + 11, 3, label, 8, "start"))
    return d


def charts(f: Figures) -> Table:
    """The three charts: the pyramid over the whole width, the two bar charts side by side below."""
    half = WIDTH / 2 - 4
    education = bar_chart(
        "学历结构",
        EDUCATION_LEVELS,
        [("全日制", f.education_full_time), ("最高学历", f.education_highest)],
        half,
        150,
    )
    party = bar_chart("政治面貌", POLITICAL_GROUPS, [("人数", f.political)], half, 150)
    return Table(
        [[age_pyramid(f.age_pyramid, WIDTH, 170), ""], [education, party]],
        colWidths=[WIDTH / 2, WIDTH / 2],
        style=TableStyle(
            [
                ("SPAN", (0, 0), (1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT),
            ]
        ),
    )


# --- tables --------------------------------------------------------------------------------------


def figures_table(f: Figures, slots: tuple[int, int, int] | None) -> Table:
    total = f.members.count

    def counts(d: dict[str, Figure]) -> str:
        return "，".join(
            f"{k} {v.count}（{_share(v.count, total)}）" for k, v in d.items() if v.count or len(d) <= 6
        )

    pairs = [("人数", str(total)), ("平均年龄", "—" if f.average_age is None else f"{f.average_age:.1f} 岁")]
    if slots is not None:
        pairs.append(("职数", f"核定 {slots[0]}，实配 {slots[1]}，缺配 {slots[2]}"))
    pairs += [
        ("年龄", counts(f.age_bands)),
        ("性别", counts(f.gender)),
        ("民族", counts(f.ethnicity) + f"；少数民族 {f.minority.count}"),
        ("政治面貌", counts(f.political) + f"；党外 {f.party_outside.count}"),
        ("全日制学历", counts(f.education_full_time)),
        ("最高学历", counts(f.education_highest)),
        ("职务层次", f"正职 {f.chiefs.count}，副职 {f.deputies.count}"),
        ("三年内到龄", str(f.retiring_within_3y.count)),
        ("四类干部", "，".join(f"{k} {v.count}" for k, v in f.four_kinds.items()) or "（未设定）"),
    ]
    return fields_table(pairs, columns=1, label_w=2.6 * cm, size=10)


def _coloured(
    header: Sequence[str], rows: list[list[str]], colours: Sequence[str | None], widths: Sequence[float]
) -> Table:
    """A list table whose last column is a colour word on its colour."""
    table = list_table(header, rows, widths, size=9.5)
    extra: list[tuple[Any, ...]] = []
    for r, colour in enumerate(colours, start=1):
        if colour is not None:
            extra.append(("BACKGROUND", (len(header) - 1, r), (len(header) - 1, r), FILLS[colour]))
    if extra:
        table.setStyle(TableStyle(extra))
    return table


def targets_table(report: StructureReport) -> Flowable:
    if not report.targets:
        return none_line("本范围不适用任何结构要求。")
    rows = [
        [t.name, t.scope, t.requirement, str(t.required), str(t.actual), str(t.gap), t.word]
        for t in report.targets
    ]
    return _coloured(
        ["结构要求", "适用范围", "要求", "应配", "实配", "缺配", "情况"],
        rows,
        [t.colour for t in report.targets],
        (0, 2.0, 1.8, 1.2, 1.2, 1.2, 1.4),
    )


def members_table(team: TeamRow, people: dict[int, CadreLine]) -> Flowable:
    rows = []
    for cadre_id, post in zip(team.members, team.member_posts or ("",) * len(team.members), strict=True):
        c = people.get(cadre_id)
        if c is not None:
            rows.append([post, c.name, c.gender, str(c.age), c.ethnicity, c.political_status, c.education])
    if not rows:
        return none_line("班子无现任成员。")
    return list_table(["职务", "姓名", "性别", "年龄", "民族", "政治面貌", "全日制学历"], rows,
                      (0, 2.2, 1.2, 1.2, 1.6, 2.4, 2.2), size=9.5)  # fmt: skip


def team_page(report: StructureReport, team: TeamRow, people: dict[int, CadreLine]) -> list[Flowable]:
    names = {t.target_id: t for t in report.targets}
    story: list[Flowable] = [Heading(team.unit_name, 1, 14), members_table(team, people), flow.gap(6)]
    f = report.team_figures.get(team.unit_id)
    if f is not None:
        story.append(figures_table(f, (team.slots, team.filled, team.vacant)))
    cells_rows, colours = [], []
    for target_id, cell in team.cells.items():
        t = names.get(target_id)
        if t is None:
            continue
        cells_rows.append([t.name, t.requirement, str(cell.required), str(cell.actual), str(cell.gap),
                           rules_of.COLOUR_WORDS[cell.colour]])  # fmt: skip
        colours.append(cell.colour)
    story.append(flow.gap(6))
    if cells_rows:
        story.append(
            _coloured(
                ["结构要求", "要求", "应配", "实配", "缺配", "情况"],
                cells_rows,
                colours,
                (0, 1.8, 1.2, 1.2, 1.2, 1.4),
            )
        )
    else:
        story.append(none_line("本班子不适用任何结构要求。"))
    return story


def report_story(report: StructureReport, options: StructureOptions) -> list[Flowable]:
    s = options.settings
    f = report.figures
    who = "班子成员" if report.scope.team_only else "全体干部"
    story: list[Flowable] = [
        flow.gap(120),
        cells.Title(TITLE, 26, space_after=18),
        para(report.scope.label, 16, "centre"),
        flow.gap(8),
        para(f"统计对象：{who}　　计算截止时间：{report.reference_date:%Y.%m.%d}", 12, "centre"),
        *(
            [
                flow.gap(8),
                para(
                    f"包括：{'、'.join(report.scope.units)}（共 {len(report.scope.units)} 个单位）",
                    11,
                    "centre",
                ),
            ]
            if report.scope.units
            else []
        ),
        flow.gap(60),
        para(s.department, 13, "centre"),
        para(f"{options.printed_at:%Y年%m月%d日}", 12, "centre"),
        PageBreak(),
        Heading(f"一、{report.scope.label}总体结构", 0),
        figures_table(f, (report.slots, report.filled_posts, report.vacant)),
        flow.gap(6),
        KeepTogether([charts(f)]),
        Heading("二、结构要求对照（应配 / 实配 / 缺配）", 0),
        targets_table(report),
        para(
            "说明：结构要求为本地规则（设置 → 规则），比例按计算对象人数向上取整；"
            "颜色均附文字：达标、接近（缺配不超过应配的三分之一）、缺配。",
            9,
        ),
    ]
    if report.teams:
        story += [PageBreak(), Heading("三、各班子结构", 0)]
        for n, team in enumerate(report.teams):
            if n:
                story.append(PageBreak())
            story += team_page(report, team, options.people)
    story += [PageBreak(), Heading("四、缺口清单", 0)]
    if report.gaps:
        story.append(
            list_table(
                ["单位", "结构要求", "应配", "实配", "缺配"],
                [
                    [g.unit_name, g.target_name, str(g.required), str(g.actual), str(g.gap)]
                    for g in report.gaps
                ],
                (0, 6.0, 1.2, 1.2, 1.2),
                size=9.5,
            )
        )
    else:
        story.append(none_line("无缺口。"))
    return story


def document_info(report: StructureReport, options: StructureOptions) -> DocumentInfo:
    s = options.settings
    return DocumentInfo(
        title=f"{TITLE}（{report.scope.label}）",
        subject=f"{TITLE}：{report.scope.label}，计算截止 {report.reference_date:%Y.%m.%d}",
        author=s.department or s.operator,
        operator=s.operator,
        confidentiality=s.confidentiality,
        printed_at=options.printed_at,
        keywords=(TITLE, report.scope.label),
    )


def build_structure_report(
    report: StructureReport, out: BinaryIO | Path | str, options: StructureOptions
) -> int:
    """Write the report as a PDF to `out`; returns the page count."""
    return flow.build_case_file(
        out, report_story(report, options), document_info(report, options), with_toc=False
    )


__all__ = ["BODY", "TITLE", "StructureOptions", "build_structure_report"]
