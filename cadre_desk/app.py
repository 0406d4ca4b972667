"""Start-up: parse the command line, set up logging, then run a CLI command or the GUI."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from cadre_desk import cli, log


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, handlers = cli.build_parser()
    args = parser.parse_args(argv)
    log.setup(verbose=args.verbose)
    if args.command is not None:
        return cli.run(args, handlers)
    from cadre_desk.ui.shell.application import run_gui  # Qt is imported only for the GUI

    return run_gui(args.db, operator=args.operator)  # None: the saved choice or the default
