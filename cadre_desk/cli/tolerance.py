"""容错纠错 from the command line: `tolerance list` (the register) and `tolerance summary` (the yearly
summary as PDF or Excel)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cadre_desk.cli.common import EXIT_OK, Handler, Subparsers, print_json
from cadre_desk.domain.tolerance import CaseState
from cadre_desk.services import tolerance_register, tolerance_summary
from cadre_desk.services.context import ServiceContext


def register(sub: Subparsers) -> dict[str, Handler]:
    tol = sub.add_parser("tolerance", help="容错纠错: fault-tolerance cases")
    actions = tol.add_subparsers(dest="tolerance_command", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="the case register, newest first")
    lst.add_argument("--state", choices=[s.value for s in CaseState], help="only cases in this state")
    lst.add_argument("--year", type=int, help="only cases registered in this year")
    lst.add_argument("--json", action="store_true")
    summary = actions.add_parser("summary", help="the yearly summary (by 情形, by ruling) as PDF or Excel")
    summary.add_argument("year", type=int, help="cases registered in this year")
    summary.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf|FILE.xlsx")
    summary.add_argument("--json", action="store_true", help="also print the counts as JSON")
    return {"tolerance": _cmd_tolerance}


def _cmd_tolerance(ctx: ServiceContext, args: argparse.Namespace) -> int:
    if args.tolerance_command == "summary":
        return _summary(ctx, args)
    rows = tolerance_register.list_cases(ctx, state=args.state, year=args.year)
    if args.json:
        print_json([r.to_json() for r in rows])
    else:
        for r in rows:
            who = r.cadre_name or r.unit_name
            ruling = f"  {r.ruling} {r.ruling_number}" if r.ruling else ""
            print(f"{r.id:>5}  {r.number}  {r.state:<6}\t{who}\t{r.matter}{ruling}")
        print(f"共 {len(rows)} 件")
    return EXIT_OK


def _summary(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from cadre_desk.reports import tolerance_summary as report

    out: Path = args.output
    result = report.write(ctx, args.year, out)
    if args.json:
        s = tolerance_summary.yearly_summary(ctx, args.year)
        print_json(
            {
                "year": s.year,
                "total": s.total,
                "by_ruling": dict(s.by_ruling),
                "by_rule": dict(s.by_rule),
                "by_state": dict(s.by_state),
                "output": str(out),
            }
        )
    else:
        what = f"共 {result} 页" if out.suffix.lower() == ".pdf" else f"{result} 件案件"
        print(f"已导出{args.year}年度{report.TITLE}：{out}（{what}）")
    return EXIT_OK
