"""Development registers from the command line: `retirement` (到龄) and `training compliance`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre_desk.cli.common import EXIT_OK, Handler, Subparsers, print_json
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth, parse_date
from cadre_desk.errors import ValidationError
from cadre_desk.services import compliance, retirement, units
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
    return {"retirement": _cmd_retirement, "training": _cmd_training}


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
