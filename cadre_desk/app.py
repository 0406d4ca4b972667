"""Start-up: parse the command line, set up logging, then run a CLI command or the GUI."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from cadre_desk import cli, log


def main(argv: Sequence[str] | None = None) -> int:
    # In a bundled program a batch-print worker process (spawn, as the GUI and Windows start them)
    # re-runs this executable: freeze_support runs the worker and exits before any argument parsing.
    multiprocessing.freeze_support()
    argv_given = argv
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, handlers = cli.build_parser()
    args = parser.parse_args(argv)
    log.setup(verbose=args.verbose)
    if args.command is not None and args.command != cli.OPEN_COMMAND:
        return cli.run(args, handlers)
    from cadre_desk.ui.shell.application import run_gui  # Qt is imported only for the GUI

    files = [Path(name).absolute() for name in getattr(args, "files", None) or ()]
    # None: saved choice or default; the user signs in (or sets the first administrator)
    code = run_gui(args.db, operator=args.operator, open_files=files, login=True)
    if argv_given is None:
        exit_now(code)
    return code


def exit_now(code: int) -> None:
    """End the window's process once everything is saved and closed (the database is disposed, the
    workers are done): the logs are flushed, and the interpreter's teardown of thousands of Qt
    wrappers (~1 s after the window closed) is skipped."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
