"""应谈 from the command line: `talks owed` (the obligations list) and `talks lookback` (回溯)."""

from __future__ import annotations

import argparse
import datetime as dt

from cadre_desk.cli.common import EXIT_OK, Handler, Subparsers, print_json
from cadre_desk.domain.obligations import ObligationState
from cadre_desk.domain.yearmonth import format_date, parse_date_or_month
from cadre_desk.errors import ValidationError
from cadre_desk.services import obligation_lookback, obligations, units
from cadre_desk.services.context import ServiceContext


def register(sub: Subparsers) -> dict[str, Handler]:
    talks = sub.add_parser("talks", help="应谈 (三必谈): owed talks and 回溯")
    actions = talks.add_subparsers(dest="talks_command", metavar="ACTION", required=True)
    owed = actions.add_parser("owed", help="obligations, the most urgent first")
    owed.add_argument("--unit", help="unit name, short name or number")
    owed.add_argument("--overdue", action="store_true", help="only 逾期 (待谈 after the due date)")
    owed.add_argument("--state", choices=[s.value for s in ObligationState], help="only this state")
    owed.add_argument("--json", action="store_true")
    back = actions.add_parser("lookback", help="回溯: events of a past period without a talk")
    back.add_argument("start", help="first day or month, e.g. 2024.01 or 2024.01.15")
    back.add_argument("end", help="last day or month, e.g. 2024.12")
    back.add_argument("--raise", dest="raise_", action="store_true", help="register them as 应谈")
    back.add_argument("--json", action="store_true")
    return {"talks": _cmd_talks}


def _day(text: str, end: bool) -> dt.date:
    try:
        return parse_date_or_month(text, end=end)
    except ValueError:
        raise ValidationError({"date": f"日期“{text}”应写作 2024.01 或 2024.01.15"}) from None


def _cmd_talks(ctx: ServiceContext, args: argparse.Namespace) -> int:
    if args.talks_command == "lookback":
        return _lookback(ctx, args)
    unit_id = units.find_unit(ctx, args.unit).id if args.unit else None
    states = [args.state] if args.state else None
    rows = obligations.list_obligations(ctx, unit_id=unit_id, overdue_only=args.overdue, states=states)
    if args.json:
        print_json([r.as_json() for r in rows])
        return EXIT_OK
    for r in rows:
        late = "  逾期" if r.overdue else ""
        print(
            f"{r.id:>6}  {r.cadre_name}\t{r.rule}\t{r.state}{late}\t到期 {format_date(r.due_date)}\t{r.event}"
        )
    print(f"共 {len(rows)} 项，其中逾期 {sum(r.overdue for r in rows)} 项")
    return EXIT_OK


def _lookback(ctx: ServiceContext, args: argparse.Namespace) -> int:
    start, end = _day(args.start, False), _day(args.end, True)
    events = obligation_lookback.lookback(ctx, start, end)
    made = obligation_lookback.raise_past(ctx, events) if args.raise_ else None
    if args.json:
        print_json({"events": [e.as_json() for e in events], "raised": made})
        return EXIT_OK
    for e in events:
        print(f"{format_date(e.event_date)}  {e.cadre_name}\t{e.unit_name}\t{e.rule}\t{e.event}")
    print(f"共 {len(events)} 个事件没有谈话" + (f"，已登记为应谈 {made} 项" if made is not None else ""))
    return EXIT_OK
