"""The 班子结构分析 tables as an Excel workbook: 汇总 (every figure with its share), 结构要求 (应配 / 实配 /
缺配 with the colour word), 班子 (one row per 班子, the targets as words) and 缺口."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

from cadre_desk.domain import structure as rules_of
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.structure import Figure, Figures, StructureReport
from cadre_desk.transfer.roster import format_sheet, save_book

FILLS = {
    rules_of.GREEN: PatternFill("solid", fgColor="C6EFCE"),
    rules_of.YELLOW: PatternFill("solid", fgColor="FFEB9C"),
    rules_of.RED: PatternFill("solid", fgColor="FFC7CE"),
}


def figure_rows(f: Figures) -> list[tuple[str, str, Figure]]:
    """(group, item, figure) of every figure, in the order the tables show them."""
    rows: list[tuple[str, str, Figure]] = [("人数", "合计", f.members)]
    rows += [("年龄", k, v) for k, v in f.age_bands.items()]
    rows += [("性别", k, v) for k, v in f.gender.items()]
    rows += [("民族", k, v) for k, v in f.ethnicity.items()]
    rows += [("民族", "少数民族", f.minority)]
    rows += [("政治面貌", k, v) for k, v in f.political.items()]
    rows += [("政治面貌", "党外（民主党派＋无党派）", f.party_outside)]
    rows += [("全日制学历", k, v) for k, v in f.education_full_time.items()]
    rows += [("最高学历", k, v) for k, v in f.education_highest.items()]
    rows += [("职务层次", "正职", f.chiefs), ("职务层次", "副职", f.deputies)]
    rows += [("到龄", "三年内到龄", f.retiring_within_3y)]
    rows += [("四类干部", k, v) for k, v in f.four_kinds.items()]
    return rows


def share(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}%" if whole else "—"


def export_structure(ctx: ServiceContext, dest: Path, report: StructureReport) -> None:
    """Write the tables of `report` to `dest` (.xlsx). Audited as an export."""
    access.require(ctx, Permission.OUTPUT)
    f = report.figures
    title = f"{report.scope.label}班子结构分析（计算截止 {report.reference_date:%Y.%m.%d}）"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "汇总"
    ws.append([title])
    headers = ["类别", "项目", "人数", "占比"]
    ws.append(headers)
    total = f.members.count
    for group, item, fig in figure_rows(f):
        ws.append([group, item, fig.count, share(fig.count, total) if group != "人数" else ""])
    ws.append(["年龄", "平均年龄", f.average_age if f.average_age is not None else "", ""])
    ws.append(["职数", "核定", report.slots, ""])
    ws.append(["职数", "实配", report.filled_posts, ""])
    ws.append(["职数", "缺配", report.vacant, ""])
    format_sheet(ws, title, headers, [14, 26, 10, 10])

    targets = book.create_sheet("结构要求")
    targets.append([title])
    headers = ["结构要求", "适用范围", "要求", "应配", "实配", "缺配", "情况", "依据"]
    targets.append(headers)
    for t in report.targets:
        targets.append([t.name, t.scope, t.requirement, t.required, t.actual, t.gap, t.word, t.source])
        targets.cell(targets.max_row, 7).fill = FILLS[t.colour]
    format_sheet(targets, title, headers, [30, 12, 10, 8, 8, 8, 8, 60])

    teams = book.create_sheet("班子")
    teams.append([title])
    names = [t.name for t in report.targets]
    headers = ["单位", "类别", "职数核定", "实配", "缺配", "成员", *names]
    teams.append(headers)
    for row in report.teams:
        cells = []
        for t in report.targets:
            cell = row.cells.get(t.target_id)
            cells.append(
                "" if cell is None else f"{rules_of.COLOUR_WORDS[cell.colour]} {cell.actual}/{cell.required}"
            )
        teams.append(
            [row.unit_name, row.unit_kind, row.slots, row.filled, row.vacant, len(row.members), *cells]
        )
        for i, t in enumerate(report.targets):
            cell = row.cells.get(t.target_id)
            if cell is not None:
                teams.cell(teams.max_row, 7 + i).fill = FILLS[cell.colour]
    format_sheet(teams, title, headers, [28, 8, 8, 8, 8, 8, *([14] * len(names))])

    gaps = book.create_sheet("缺口")
    gaps.append([title])
    headers = ["单位", "结构要求", "应配", "实配", "缺配"]
    gaps.append(headers)
    for g in report.gaps:
        gaps.append([g.unit_name, g.target_name, g.required, g.actual, g.gap])
    format_sheet(gaps, title, headers, [28, 30, 8, 8, 8])
    save_book(book, dest)
    with ctx.db.uow() as session:
        audit.record(
            session,
            ctx,
            "export",
            "structure",
            summary=f"导出班子结构分析（{report.scope.label}）到 {dest}"[:200],
        )
