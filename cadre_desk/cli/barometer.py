"""`cadre-desk barometer …`: the 晴雨表 from the command line (periods, open, show, import, recompute,
state, export). PERIOD is written like `2026Q4`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre_desk.cli import common
from cadre_desk.cli.common import EXIT_ERROR, EXIT_OK, Handler, Subparsers, print_json
from cadre_desk.domain import barometer as bd
from cadre_desk.services import (
    barometer_changes,
    barometer_entries,
    barometer_periods,
    barometer_rules,
    units,
)
from cadre_desk.services.context import ServiceContext


def register(sub: Subparsers) -> dict[str, Handler]:
    p = sub.add_parser("barometer", help="晴雨表: the periodic supervision reading of every cadre")
    actions = p.add_subparsers(dest="barometer_command", metavar="ACTION", required=True)
    periods = actions.add_parser("periods", help="every period with its state and counts per colour")
    periods.add_argument("--json", action="store_true")
    opener = actions.add_parser("open", help="open a period (采集中) with every cadre on the roster")
    opener.add_argument("period", metavar="PERIOD", help="e.g. 2026Q4")
    opener.add_argument("--json", action="store_true")
    show = actions.add_parser("show", help="the readings of a period: colour, rule, 研判, 处置")
    show.add_argument("period", metavar="PERIOD")
    show.add_argument("--unit", help="unit name, short name or number")
    show.add_argument("--warnings", action="store_true", help="only yellow and red")
    show.add_argument("--json", action="store_true")
    imp = actions.add_parser(
        "import", help="a member unit's list (处分名单, 信访, 审计, 个人事项核查) matched on 身份证号"
    )
    imp.add_argument("period", metavar="PERIOD")
    imp.add_argument("file", type=Path, metavar="FILE.xlsx")
    imp.add_argument("--dry-run", action="store_true", help="show the preview, write nothing")
    imp.add_argument("--json", action="store_true")
    rec = actions.add_parser("recompute", help="colour every reading of a period again by the rule table")
    rec.add_argument("period", metavar="PERIOD")
    rec.add_argument("--json", action="store_true")
    state = actions.add_parser("state", help="move a period: 采集中 → 研判中 → 已发布")
    state.add_argument("period", metavar="PERIOD")
    state.add_argument("state", choices=bd.PERIOD_STATES)
    state.add_argument("--json", action="store_true")
    exp = actions.add_parser("export", help="the period's grid as an Excel sheet")
    exp.add_argument("period", metavar="PERIOD")
    exp.add_argument("-o", "--output", type=common.xlsx_path, required=True, metavar="FILE.xlsx")
    exp.add_argument("--unit", help="unit name, short name or number")
    return {"barometer": _cmd_barometer}


def _cmd_barometer(ctx: ServiceContext, args: argparse.Namespace) -> int:
    action = args.barometer_command
    words = barometer_rules.colour_words(ctx)
    if action == "periods":
        listed = barometer_periods.list_periods(ctx)
        if args.json:
            print_json([p.to_json(words) for p in listed])
        for p in [] if args.json else listed:
            shown = "  ".join(f"{words[c]} {p.counts.get(c, 0)}" for c in bd.COLOURS)
            print(f"{p.code}  {p.label}  {p.state}  共 {p.total} 人  {shown}")
        return EXIT_OK
    if action == "open":
        opened = barometer_periods.open_period(ctx, args.period)
        if args.json:
            print_json(opened.to_json(words))
        else:
            print(f"已建立 {opened.label}（{opened.code}），{opened.total} 人")
        return EXIT_OK
    if action == "import":
        return _import(ctx, args, words)
    period = barometer_periods.get_period(ctx, args.period)
    if action == "show":
        unit_id = units.find_unit(ctx, args.unit).id if args.unit else None
        rows = barometer_entries.list_entries(ctx, period.id, unit_id, warnings_only=args.warnings)
        if args.json:
            print_json([r.to_json(words) for r in rows])
        else:
            for r in rows:
                extra = (
                    f"  研判：{words[r.override_colour]}（{r.override_reason}）" if r.override_colour else ""
                )
                disposal = (
                    f"  处置：{r.disposal}{r.disposal_way and '（' + r.disposal_way + '）'}"
                    if r.disposal
                    else ""
                )
                print(
                    f"{r.cadre_id:>6}  {r.name:<6}\t{words[r.colour]}  {r.unit}  {r.rule_text}"
                    f"{extra}{disposal}"
                )
        return EXIT_OK
    if action == "recompute":
        result = barometer_changes.recompute(ctx, period.id)
        counts = {words[c]: result.counts.get(c, 0) for c in bd.COLOURS}
        if args.json:
            print_json({"period": period.code, "changed": result.changed, "counts": counts})
        else:
            print(
                f"{period.code}：{result.changed} 人颜色变化；"
                + "  ".join(f"{k} {v}" for k, v in counts.items())
            )
        return EXIT_OK
    if action == "state":
        moved = barometer_periods.set_state(ctx, period.id, args.state, period.version)
        if args.json:
            print_json(moved.to_json(words))
        else:
            print(f"{moved.code}：{period.state} → {moved.state}")
        return EXIT_OK
    from cadre_desk.transfer.barometer_xlsx import export_grid

    unit = units.find_unit(ctx, args.unit) if args.unit else None
    rows = barometer_entries.list_entries(ctx, period.id, unit.id if unit else None)
    n = export_grid(ctx, args.output, period, rows, words, unit.name if unit else "")
    print(f"已导出 {n} 人：{args.output}")
    return EXIT_OK


def _import(ctx: ServiceContext, args: argparse.Namespace, words: dict[str, str]) -> int:
    from cadre_desk.transfer import barometer_import

    plan = barometer_import.plan_barometer_import(ctx, args.period, args.file)
    result = None
    if not plan.problems and not args.dry_run:
        result = barometer_import.apply_barometer_import(ctx, plan)
    if args.json:
        print_json(
            {
                "file": plan.source,
                "period": plan.period,
                "columns": [bd.BY_CODE[c].label for c in plan.columns],
                "rows": plan.rows,
                "cadres": len(plan.items),
                "changed": plan.changed,
                "unchanged": plan.unchanged,
                "problems": [{"where": w, "message": m} for w, m in plan.problems],
                "written": result is not None,
                "counts": {words[c]: result.counts.get(c, 0) for c in bd.COLOURS} if result else None,
                "items": [
                    {"rows": list(i.rows), "cadre_id": i.cadre_id, "name": i.name,
                     "changes": {bd.BY_CODE[c].label: {"old": old, "new": new}
                                 for c, (old, new) in i.changes.items()}}
                    for i in plan.items
                ],
            }
        )  # fmt: skip
    else:
        columns = "、".join(bd.BY_CODE[c].label for c in plan.columns)
        print(f"{plan.source}（{columns}）：{plan.rows} 行，{len(plan.items)} 人，有变化 {plan.changed} 人")
    if plan.problems:
        sys.stderr.write(f"错误：有 {len(plan.problems)} 处问题，未导入任何记录\n")
        for where, message in plan.problems:
            sys.stderr.write(f"  {where}：{message}\n")
        return EXIT_ERROR
    if result is not None and not args.json:
        counts = "  ".join(f"{words[c]} {result.counts.get(c, 0)}" for c in bd.COLOURS)
        print(f"已导入：{result.changed} 人（新增 {result.added} 条）；{plan.period} 现为 {counts}")
    elif args.dry_run and not args.json:
        print("预览完毕，未写入（--dry-run）")
    return EXIT_OK
