"""Young-cadre and reserve pools from the command line: `pool list`, `pool add`, `pool move`, `pool flags`,
`pool pools` (the local table of pools with their age caps and sources)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cadre_desk.cli.common import EXIT_ERROR, EXIT_OK, Handler, Subparsers, print_json, record_id, xlsx_path
from cadre_desk.domain import pools as rule
from cadre_desk.domain.yearmonth import DateFormatError, format_date, parse_date
from cadre_desk.errors import ValidationError
from cadre_desk.services import pool_entries, pool_lists, pools
from cadre_desk.services.context import ServiceContext


def register(sub: Subparsers) -> dict[str, Handler]:
    pool = sub.add_parser("pool", help="young-cadre and reserve pools (好苗子, 优秀年轻干部, 后备干部)")
    actions = pool.add_subparsers(dest="pool_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the entries, with state and review flags")
    listing.add_argument("--pool", help="库别 by name (or a unique start of it) or number")
    listing.add_argument("--state", choices=[s.value for s in rule.PoolState], help="在库, 列为考察对象 …")
    listing.add_argument("--date", help="reference date YYYY.MM.DD for ages and flags (default: today)")
    listing.add_argument("--archived", action="store_true", help="include archived entries")
    listing.add_argument("--json", action="store_true")
    add = actions.add_parser("add", help="put cadre ID into a pool (在库)")
    add.add_argument("cadre_id", type=record_id, metavar="ID")
    add.add_argument("--pool", required=True, help="库别 by name or number")
    add.add_argument("--date", required=True, help="入库时间 YYYY.MM.DD")
    add.add_argument("--channel", required=True, choices=[c.value for c in rule.Channel], help="入库方式")
    add.add_argument("--recommended-by", default="", help="the recommending unit (推荐)")
    add.add_argument("--document-no", default="", help="文号")
    add.add_argument("--direction", default="", help="培养方向")
    add.add_argument("--json", action="store_true")
    move = actions.add_parser("move", help="change an entry's state (列为考察对象, 已使用, 退出, 在库)")
    move.add_argument("entry_id", type=record_id, metavar="ENTRY")
    move.add_argument("--state", required=True, choices=[s.value for s in rule.PoolState])
    move.add_argument("--date", required=True, help="YYYY.MM.DD")
    move.add_argument("--post", default="", help="已使用: the post taken up")
    move.add_argument(
        "--reason", default="", choices=["", *(r.value for r in rule.ExitReason)], help="退出原因"
    )
    move.add_argument("--note", default="")
    move.add_argument("--json", action="store_true")
    flags = actions.add_parser("flags", help="active entries to review: 超龄, 考核低于称职, 处分 …")
    flags.add_argument("--date", help="reference date YYYY.MM.DD (default: today)")
    flags.add_argument("--json", action="store_true")
    table = actions.add_parser("pools", help="the local table of pools: age caps and their sources")
    table.add_argument("--json", action="store_true")
    export = sub.add_parser("export-pool-ledger", help="the 年轻干部台账 (pool register) as an Excel sheet")
    export.add_argument("-o", "--output", required=True, type=xlsx_path, metavar="FILE.xlsx")
    export.add_argument("--pool", help="库别 by name or number")
    export.add_argument("--state", choices=[s.value for s in rule.PoolState])
    imp = sub.add_parser(
        "import-pool-ledger",
        help="import a 年轻干部台账 (cadres as a roster import, then their pool entries)",
    )
    imp.add_argument("file", type=Path, metavar="FILE.xlsx")
    imp.add_argument("--dry-run", action="store_true", help="show the preview, write nothing")
    imp.add_argument("--json", action="store_true")
    return {"pool": _cmd_pool, "export-pool-ledger": _cmd_export, "import-pool-ledger": _cmd_import}


def _cmd_export(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from cadre_desk.transfer import pool_ledger

    pool_id = pools.find_pool(ctx, args.pool).id if args.pool else None
    rows = pool_lists.list_entries(ctx, None, pool_id, args.state)
    count = pool_ledger.export_ledger(ctx, args.output, rows)
    print(f"已导出 {count} 条到 {args.output}")
    return EXIT_OK


def _cmd_import(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from cadre_desk.transfer import pool_ledger

    plan = pool_ledger.plan_ledger(ctx, args.file)
    cadres = plan.cadres.summary()
    result = None
    if not plan.cadres.rejected and not args.dry_run:
        result = pool_ledger.apply_ledger(ctx, plan)
    problems = [{"where": r.source, "message": r.reason} for r in plan.cadres.rejected]
    if args.json:
        print_json(
            {
                "file": plan.source,
                "cadres": cadres,
                "entries": len(plan.items),
                "new_entries": plan.new_entries,
                "problems": problems,
                "written": result is not None,
                "backup": result.backup if result is not None else "",
            }
        )
    else:
        print(
            f"{plan.source}：干部 新增 {cadres['create']}、更新 {cadres['update']}、"
            f"未变 {cadres['unchanged']}；"
            f"入库记录 {len(plan.items)} 条，其中新增 {plan.new_entries} 条"
        )
    if problems:
        sys.stderr.write(f"错误：有 {len(problems)} 行有问题，未导入任何记录\n")
        for p in problems:
            sys.stderr.write(f"  {p['where']}：{p['message']}\n")
        return EXIT_ERROR
    if result is not None and not args.json:
        extra = f"；导入前已备份到 {result.backup}" if result.backup else ""
        print(f"已导入：入库记录 {result.entries} 条{extra}")
    elif args.dry_run and not args.json:
        print("预览完毕，未写入（--dry-run）")
    return EXIT_OK


def _date(text: str | None, field: str) -> dt.date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except DateFormatError as exc:
        raise ValidationError({field: str(exc)}) from None


def _cmd_pool(ctx: ServiceContext, args: argparse.Namespace) -> int:
    command = args.pool_command
    if command == "list":
        pool_id = pools.find_pool(ctx, args.pool).id if args.pool else None
        rows = pool_lists.list_entries(ctx, _date(args.date, "date"), pool_id, args.state, args.archived)
        if args.json:
            print_json([r.to_json() for r in rows])
        else:
            for r in rows:
                flags = "、".join(f.flag for f in r.flags)
                print(
                    f"{r.id:>6}  {r.name:<6}\t{r.age}岁  {r.pool}  {format_date(r.entered_on)}  {r.channel}  "
                    f"{r.state} {format_date(r.state_on)}" + (f"  ⚑ {flags}" if flags else "")
                )
            print(f"共 {len(rows)} 条")
    elif command == "add":
        pool = pools.find_pool(ctx, args.pool)
        entry = pool_entries.add_entry(
            ctx,
            pool_entries.EntryInput(
                cadre_id=args.cadre_id,
                pool_id=pool.id,
                entered_on=args.date,
                channel=args.channel,
                recommended_by=args.recommended_by,
                document_no=args.document_no,
                direction=args.direction,
            ),
        )
        if args.json:
            print_json(entry)
        else:
            print(f"已入库：{entry.name}（{entry.pool}，{format_date(entry.entered_on)}，编号 {entry.id}）")
    elif command == "move":
        current = pool_entries.get_entry(ctx, args.entry_id)
        change = pool_entries.StateChange(args.state, args.date, args.post, args.reason, args.note)
        entry = pool_entries.move_entry(ctx, args.entry_id, change, current.version)
        if args.json:
            print_json(entry)
        else:
            print(f"{entry.name}（{entry.pool}）：{entry.state} {format_date(entry.state_on)}")
    elif command == "flags":
        found = pool_lists.list_flags(ctx, _date(args.date, "date"))
        if args.json:
            print_json([f.to_json() for f in found])
        else:
            for f in found:
                print(f"{f.entry_id:>6}  {f.name:<6}\t{f.pool}  {f.flag}：{f.detail}")
            print(f"共 {len(found)} 项")
    else:
        table = pools.list_pools(ctx, include_archived=True)
        if args.json:
            print_json(table)
        else:
            for p in table:
                mark = "（已停用）" if p.archived else ""
                print(f"{p.id:>3}  {p.name}{mark}  {p.age_cap}岁以下\n     来源：{p.source}")
    return EXIT_OK
