"""Development registers from the command line: `retirement` (到龄) and `training compliance`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre_desk.cli.common import EXIT_ERROR, EXIT_OK, Handler, Subparsers, print_json
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth, format_date, parse_date
from cadre_desk.errors import ValidationError
from cadre_desk.services import compliance, retirement, rules, units
from cadre_desk.services.context import ServiceContext


def register(sub: Subparsers) -> dict[str, Handler]:
    ret = sub.add_parser("retirement", help="到龄: cadres by retirement month (2025 reform, or manual)")
    ret.add_argument("--unit", help="unit name, short name or number")
    ret.add_argument(
        "--within",
        type=int,
        default=None,
        metavar="MONTHS",
        help="only those reaching it within MONTHS months",
    )
    ret.add_argument("--date", help="reference date YYYY.MM.DD (default: today)")
    ret.add_argument("--json", action="store_true")

    training = sub.add_parser("training", help="training hours (学时) against the requirement of each cadre")
    actions = training.add_subparsers(dest="training_command", metavar="ACTION", required=True)
    comp = actions.add_parser(
        "compliance", help="per cadre: required and done 学时 in the window, met or not"
    )
    comp.add_argument("--year", type=int, default=None, help="the year asked about (default: this year)")
    comp.add_argument("--unit", help="unit name, short name or number")
    comp.add_argument("--short", action="store_true", help="only those who have not met it (未达标)")
    comp.add_argument("--export", type=Path, metavar="FILE.xlsx", help="also write the list to an Excel file")
    comp.add_argument("--json", action="store_true")
    promoted = actions.add_parser(
        "promoted", help="newly promoted cadres who must complete the training of their level within a year"
    )
    promoted.add_argument("--date", help="reference date YYYY.MM.DD (default: today)")
    promoted.add_argument("--unit", help="unit name, short name or number")
    promoted.add_argument("--outstanding", action="store_true", help="only those not done yet")
    promoted.add_argument("--export", type=Path, metavar="FILE.xlsx", help="also write the list to Excel")
    promoted.add_argument("--json", action="store_true")
    youth = actions.add_parser("youth-class", help="青干班 participants (training records of kind 青干班)")
    youth.add_argument("--year", type=int, default=None, help="classes starting in this year (default: all)")
    youth.add_argument("--unit", help="unit name, short name or number")
    youth.add_argument("--export", type=Path, metavar="FILE.xlsx", help="also write the list to Excel")
    youth.add_argument("--json", action="store_true")
    imp = sub.add_parser(
        "import-training",
        help="import a class list (班次, 学员 by 身份证号 or name + birth month) from Excel",
    )
    imp.add_argument("file", type=Path, metavar="FILE.xlsx")
    imp.add_argument("--dry-run", action="store_true", help="show the preview, write nothing")
    imp.add_argument("--json", action="store_true")
    rule = sub.add_parser(
        "rule", help="local rules (退出领导岗位 ages, days↔学时, training window …) with sources"
    )
    rule_actions = rule.add_subparsers(dest="rule_command", metavar="ACTION", required=True)
    rule_list = rule_actions.add_parser("list", help="every rule with its value and source")
    rule_list.add_argument("--json", action="store_true")
    rule_set = rule_actions.add_parser("set", help="change one rule (audited)")
    rule_set.add_argument("category", help="e.g. leadership_exit_age")
    rule_set.add_argument("key", help="e.g. principal")
    rule_set.add_argument("value", type=float)
    rule_set.add_argument("--json", action="store_true")
    return {
        "retirement": _cmd_retirement,
        "training": _cmd_training,
        "import-training": _cmd_import_training,
        "rule": _cmd_rule,
    }


def reference_date(text: str | None) -> YearMonth | None:
    if not text:
        return None
    try:
        return YearMonth.from_date(parse_date(text))
    except DateFormatError as exc:
        raise ValidationError({"date": str(exc)}) from None


def _cmd_retirement(ctx: ServiceContext, args: argparse.Namespace) -> int:
    unit_id = units.find_unit(ctx, args.unit).id if args.unit else None
    rows = retirement.list_retirements(ctx, reference_date(args.date), unit_id=unit_id, within=args.within)
    if args.json:
        print_json([r.to_json() for r in rows])
    else:
        for r in rows:
            mark = "（手工）" if r.info.source == retirement.MANUAL else ""
            print(
                f"{r.info.month}  {r.info.age_label:<10}{r.id:>6}  {r.name:<6}\t{r.gender}  {r.birth}  "
                f"{r.unit}{mark}"
            )
    return EXIT_OK


def _cmd_training(ctx: ServiceContext, args: argparse.Namespace) -> int:
    if args.training_command in ("promoted", "youth-class"):
        return _training_lists(ctx, args)
    if args.year is not None and not 1950 <= args.year <= 2100:
        raise ValidationError({"year": f"年度应在 1950–2100 之间（现为 {args.year}）"})
    if args.export is not None and args.export.suffix.lower() != ".xlsx":
        raise ValidationError({"export": f"导出文件应为 .xlsx（现为 {args.export.name}）"})
    unit_id = units.find_unit(ctx, args.unit).id if args.unit else None
    rows = compliance.compliance(ctx, args.year, unit_id, only_short=args.short)
    if args.export is not None:
        from cadre_desk.transfer.training_xlsx import export_compliance

        export_compliance(ctx, args.export, rows)
    if args.json:
        print_json([r.to_json() for r in rows])
    else:
        for r in rows:
            c = r.result
            state = "达标" if c.met else f"差 {c.shortfall_hours:g} 学时（{c.shortfall_days:g} 天）"
            print(
                f"{r.id:>6}  {r.name:<6}\t{c.level}  {c.window.label()}  "
                f"{c.done_hours:g}/{c.required_hours:g}  {state}"
            )
        short = sum(1 for r in rows if not r.result.met)
        print(f"共 {len(rows)} 人，未达标 {short} 人")
    if args.export is not None:
        print(f"已导出：{args.export}", file=sys.stderr)
    return EXIT_OK


def _training_lists(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from cadre_desk.services import training_lists
    from cadre_desk.transfer import training_xlsx

    if args.export is not None and args.export.suffix.lower() != ".xlsx":
        raise ValidationError({"export": f"导出文件应为 .xlsx（现为 {args.export.name}）"})
    unit_id = units.find_unit(ctx, args.unit).id if args.unit else None
    if args.training_command == "promoted":
        day = parse_date(args.date) if args.date else None
        rows = training_lists.newly_promoted(ctx, day, unit_id, args.outstanding)
        if args.export is not None:
            training_xlsx.export_promoted(ctx, args.export, rows)
        lines = [
            f"{r.id:>6}  {r.name:<6}\t{r.level}  任现职 {r.promoted}  期限 {r.deadline:%Y.%m.%d}  "
            f"已完成 {r.done_hours:g}/{r.required_hours:g} 学时  {r.state}"
            for r in rows
        ]
        payload: list[dict[str, object]] = [r.to_json() for r in rows]
    else:
        youth = training_lists.youth_class(ctx, args.year, unit_id)
        if args.export is not None:
            training_xlsx.export_youth_class(ctx, args.export, youth)
        lines = [f"{r.cadre_id:>6}  {r.name:<6}\t{r.course}  {format_date(r.start)}  {r.unit}" for r in youth]
        payload = [r.to_json() for r in youth]
    if args.json:
        print_json(payload)
    else:
        print("\n".join([*lines, f"共 {len(payload)} 条"]))
    if args.export is not None:
        print(f"已导出：{args.export}", file=sys.stderr)
    return EXIT_OK


def _cmd_import_training(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from cadre_desk.transfer import training_import

    plan = training_import.plan_training_import(ctx, args.file)
    result = None
    if not plan.problems and not args.dry_run:
        result = training_import.apply_training_import(ctx, plan)
    if args.json:
        print_json(
            {
                "file": plan.source,
                "rows": len(plan.items),
                "new": plan.new,
                "duplicates": plan.duplicates,
                "problems": [{"where": w, "message": m} for w, m in plan.problems],
                "written": result is not None,
                "created": result.created if result is not None else 0,
                "backup": result.backup if result is not None else "",
                "items": [
                    {"row": i.row, "cadre_id": i.cadre_id, "name": i.cadre_name, "course": i.values["name"],
                     "hours": i.values["hours"], "duplicate": i.duplicate}
                    for i in plan.items
                ],
            }
        )  # fmt: skip
    else:
        print(f"{plan.source}：学员 {len(plan.items)} 人次，新增 {plan.new}，已有 {plan.duplicates}")
    if plan.problems:
        sys.stderr.write(f"错误：有 {len(plan.problems)} 处问题，未导入任何记录\n")
        for where, message in plan.problems:
            sys.stderr.write(f"  {where}：{message}\n")
        return EXIT_ERROR
    if result is not None and not args.json:
        extra = f"；导入前已备份到 {result.backup}" if result.backup else ""
        print(f"已导入 {result.created} 条培训记录（跳过已有 {result.skipped} 条）{extra}")
    elif args.dry_run and not args.json:
        print("预览完毕，未写入（--dry-run）")
    return EXIT_OK


def _cmd_rule(ctx: ServiceContext, args: argparse.Namespace) -> int:
    listed = rules.list_rules(ctx)
    if args.rule_command == "set":
        found = [r for r in listed if (r.category, r.key) == (args.category, args.key)]
        if not found:
            known = "、".join(f"{r.category} {r.key}" for r in listed)
            raise ValidationError({"rule": f"没有规则 {args.category} {args.key}（可选：{known}）"})
        changed = rules.set_rule(ctx, found[0].id, args.value, found[0].version)
        if args.json:
            print_json(changed)
        else:
            print(f"已修改：{changed.label} = {changed.value:g}")
        return EXIT_OK
    if args.json:
        print_json(listed)
    else:
        for r in listed:
            print(f"{r.category:20} {r.key:18} {r.value:>8g}  {r.label}\n{'':48}来源：{r.source}")
    return EXIT_OK
