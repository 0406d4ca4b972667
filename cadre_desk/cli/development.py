"""Development registers from the command line: `retirement` (到龄) and `training compliance`."""

from __future__ import annotations

import argparse

from cadre_desk.cli.common import EXIT_OK, Handler, Subparsers, print_json
from cadre_desk.domain.yearmonth import DateFormatError, YearMonth, parse_date
from cadre_desk.errors import ValidationError
from cadre_desk.services import retirement, units
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
    return {"retirement": _cmd_retirement}


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
