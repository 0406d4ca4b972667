"""The command line: a stable, scriptable interface (`cadre-desk --db P COMMAND …`).

Command names, options and `--json` field names are a public interface: extend, never rename.
Bad input prints a Chinese message to stderr and exits 1 (2 for usage errors); never a traceback.
Each module in COMMAND_MODULES adds its commands with `register(subparsers) -> {name: handler}`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from cadre_desk import __version__, paths
from cadre_desk import log as cadre_log
from cadre_desk.cli import (
    accounts,
    audit,
    backups,
    barometer,
    core,
    development,
    dossier,
    pools,
    security,
    structure,
    talks,
    tolerance,
    transfer,
    units,
)
from cadre_desk.cli.common import EXIT_ERROR, Handler, report_error
from cadre_desk.db.failures import storage_error
from cadre_desk.errors import CadreDeskError, PermissionDenied
from cadre_desk.services import accounts as account_service
from cadre_desk.services.context import ServiceContext

log = logging.getLogger("cadre_desk.cli")

COMMAND_MODULES = (
    core,
    dossier,
    transfer,
    units,
    development,
    tolerance,
    pools,
    talks,
    barometer,
    structure,
    security,
    audit,
    backups,
    accounts,
)
CREATES_DATABASE = ("init", "demo")
OPEN_COMMAND = "open"  # not a CLI command: app.py starts the window with these files


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    parser = argparse.ArgumentParser(
        prog="cadre-desk",
        description="干部成长档案台 (Cadre Desk). Without a command, starts the desktop window.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file or SQLAlchemy URL (default: $CADRE_DESK_DB, else cadre-desk.db in "
        + str(paths.data_dir()).replace("%", "%%")
        + ")",
    )
    parser.add_argument(
        "--user",
        help="sign in as this account (default: $CADRE_DESK_USER); the password comes from "
        "$CADRE_DESK_PASSWORD or a prompt",
    )
    parser.add_argument(
        "--operator", help="operator name recorded in the audit trail (databases without accounts)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    parser.add_argument("--version", action="version", version=f"cadre-desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    opener = sub.add_parser(
        OPEN_COMMAND,
        help="start the window and import these files (appointment forms, exchange packages); "
        "the desktop's file types call this",
    )
    opener.add_argument("files", nargs="+", metavar="FILE")
    handlers: dict[str, Handler] = {}
    for module in COMMAND_MODULES:
        handlers.update(module.register(sub))
    return parser, handlers


def run(args: argparse.Namespace, handlers: dict[str, Handler] | None = None) -> int:
    """Run one command; known errors become a message and exit code 1. A reader that stops reading
    (`cadre-desk stats | head -2`) ends it quietly with 141, as it does other tools."""
    try:
        code = _run(args, handlers)
        sys.stdout.flush()  # here, not at exit: a closed pipe is then still ours to handle
        return code
    except BrokenPipeError:
        _stdout_to_devnull()
        return EXIT_BROKEN_PIPE


def _run(args: argparse.Namespace, handlers: dict[str, Handler] | None = None) -> int:
    if handlers is None:
        handlers = build_parser()[1]
    try:
        if args.command in backups.RAW_COMMANDS:
            return backups.run_raw(args)
        db = security.open_for_command(args, create=args.command in CREATES_DATABASE)
        try:
            ctx = accounts.sign_in(db, args)
            try:
                return handlers[args.command](ctx, args)
            except PermissionDenied as exc:
                _record_denial(ctx, args.command, exc)
                raise
        finally:
            db.dispose()
    except CadreDeskError as exc:
        report_error(exc)
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("已中断\n")
        return 130
    except BrokenPipeError:  # stdout closed by the reader (`| head`): end quietly, like other tools
        _stdout_to_devnull()
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # the one place that turns a bug into a short message
        known = storage_error(exc)
        if known is not None:  # a storage failure outside a unit of work (writing an output file …)
            report_error(known)
            return EXIT_ERROR
        log.exception("unexpected error in the command %r", args.command)
        sys.stderr.write(
            f"内部错误（程序缺陷）：{type(exc).__name__}: {str(exc)[:200]}\n"
            f"详细信息已写入日志：{cadre_log.log_file()}（请把该日志发给维护人员）\n"
        )
        return EXIT_ERROR


EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a tool that `head` stopped reading


def _stdout_to_devnull() -> None:
    """Point stdout at the null device, so that the interpreter's last flush at exit does not fail
    again on the closed pipe (Python's documented way to handle SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test's captured stdout)
        pass


def _record_denial(ctx: ServiceContext, command: str, exc: PermissionDenied) -> None:
    """The refusal goes to the audit trail; failing to record it never hides the refusal itself."""
    try:
        account_service.record_denial(ctx, f"cadre-desk {command}", str(exc))
    except Exception:  # e.g. the file busy: the user still gets the refusal's message
        log.warning("could not record a refused command in the audit trail", exc_info=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    if args.command is None or args.command == OPEN_COMMAND:
        parser.error("no command")
    return run(args, handlers)
