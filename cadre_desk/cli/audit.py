"""`audit list`, `audit verify`, `audit export`: the audit trail from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from cadre_desk.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    Handler,
    Subparsers,
    count,
    offset,
    print_json,
    record_id,
    xlsx_path,
)
from cadre_desk.errors import ValidationError
from cadre_desk.services import audit_labels, audit_trail
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import audit_xlsx


def _day(text: str) -> dt.date:
    try:
        return audit_trail.parse_day(text, "date")
    except ValidationError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY.MM.DD：{text}") from None


def _action(text: str) -> str:
    if not text.strip():
        return ""
    code = audit_labels.action_code(text)
    if code is None:
        raise argparse.ArgumentTypeError(
            f"没有操作“{text}”（可选：{audit_labels.choices(audit_labels.ACTIONS)}）"
        )
    return code


def _entity(text: str) -> str:
    if not text.strip():
        return ""
    code = audit_labels.entity_code(text)
    if code is None:
        raise argparse.ArgumentTypeError(
            f"没有对象“{text}”（可选：{audit_labels.choices(audit_labels.ENTITIES)}）"
        )
    return code


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", type=_day, metavar="YYYY.MM.DD", help="from this day (local time)")
    parser.add_argument("--until", type=_day, metavar="YYYY.MM.DD", help="up to and including this day")
    # dest: not `user`, the global sign-in option's (a subcommand's default would replace it, and a
    # filter's value would sign in as that account)
    parser.add_argument(
        "--user",
        dest="filter_user",
        default="",
        metavar="USER",
        help="account name (any case), display name, or 显示名（账号）",
    )
    parser.add_argument(
        "--action",
        type=_action,
        default="",
        help="code or word: login or 登录, update or 修改, export, backup …",
    )
    parser.add_argument(
        "--entity", type=_entity, default="", help="kind of record, code or word: cadre or 干部, talk, unit …"
    )
    parser.add_argument("--entity-id", type=record_id, help="the record's number (with --entity)")


def register(sub: Subparsers) -> dict[str, Handler]:
    audit = sub.add_parser("audit", help="the audit trail: list, verify the hash chain, export")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="AUDIT_COMMAND", required=True)
    lst = audit_sub.add_parser("list", help="audit records, newest first")
    _add_filters(lst)
    lst.add_argument("--limit", type=count, default=100)
    lst.add_argument("--offset", type=offset, default=0)
    lst.add_argument("--json", action="store_true")
    ver = audit_sub.add_parser(
        "verify", help="check the hash chain; exit 1 naming the first edited, deleted or reordered record"
    )
    ver.add_argument("--json", action="store_true")
    exp = audit_sub.add_parser("export", help="audit records to an Excel workbook (the export is audited)")
    _add_filters(exp)
    exp.add_argument("-o", "--output", type=xlsx_path, required=True, metavar="FILE.xlsx")
    return {"audit": _cmd_audit}


def _filter(args: argparse.Namespace) -> audit_trail.AuditFilter:
    return audit_trail.AuditFilter(
        since=args.since,
        until=args.until,
        user=args.filter_user,
        action=args.action,
        entity=args.entity,
        entity_id=args.entity_id,
    )


def _event_json(event: audit_trail.AuditEventView) -> dict[str, Any]:
    return {
        "id": event.id,
        "seq": event.seq,
        "at": event.at.isoformat(timespec="seconds"),
        "user": event.user,
        "user_display": event.user_display,
        "action": event.action,
        "action_label": audit_labels.action_label(event.action),
        "entity": event.entity,
        "entity_label": audit_labels.entity_label(event.entity),
        "entity_id": event.entity_id,
        "entity_uid": event.entity_uid,
        "summary": event.summary,
        "changes": event.changes,
    }


def _cmd_audit(ctx: ServiceContext, args: argparse.Namespace) -> int:
    if args.audit_command == "list":
        events = audit_trail.list_events(ctx, _filter(args), limit=args.limit, offset=args.offset)
        if args.json:
            print_json([_event_json(e) for e in events])
        else:
            for e in events:
                at = e.at.astimezone().strftime("%Y.%m.%d %H:%M:%S")
                entity = audit_labels.entity_label(e.entity)
                record = f"{entity}#{e.entity_id}" if e.entity_id is not None else entity
                who = audit_labels.who(e.user, e.user_display)
                action = audit_labels.action_label(e.action)
                print(f"{e.seq:>7}  {at}  {who:16}  {action:8}  {record:16}  {e.summary}")
        return EXIT_OK
    if args.audit_command == "verify":
        report = audit_trail.verify(ctx)
        brk = report.first_break
        if args.json:
            print_json(
                {
                    "ok": report.ok,
                    "records": report.count,
                    "last_seq": report.last_seq,
                    "breaks": report.breaks,
                    "first_break": None
                    if brk is None
                    else {"kind": brk.kind, "seq": brk.seq, "event_id": brk.event_id, "detail": brk.detail},
                }
            )
        elif brk is None:
            print(f"审计记录 {report.count} 条，哈希链完整")
        else:
            print(f"审计记录哈希链断裂（{report.breaks} 处）。第一处：{brk.detail}")
        return EXIT_OK if report.ok else EXIT_ERROR
    written = audit_xlsx.export_audit(ctx, args.output, _filter(args))
    print(f"已导出审计记录 {written} 条：{args.output}")
    return EXIT_OK
