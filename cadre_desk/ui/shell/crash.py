"""The crash handler: an uncaught exception is logged, then shown with copyable details and the log path.

Known errors (`CadreDeskError`) are shown where they happen; whatever reaches `sys.excepthook` is a bug,
except a `StorageError` (a locked or vanished database met where nobody expected it) or a
`PermissionDenied` (the window offered what the role may not do), which get a plain warning with
their message instead of the crash dialog.
With `CADRE_DESK_CRASH_LOG_ONLY=1` (tests, scripted runs) it only logs and never opens a dialog.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from cadre_desk.errors import PermissionDenied, StorageError

LOG_ONLY_ENV = "CADRE_DESK_CRASH_LOG_ONLY"

log = logging.getLogger("cadre_desk")


def log_only_from_env() -> bool:
    return os.environ.get(LOG_ONLY_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def log_file() -> Path | None:
    """The file the `cadre_desk` logger writes to, if any (set up by `cadre_desk.log.setup`)."""
    for handler in log.handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


class CrashHandler:
    """A `sys.excepthook`: log the traceback, then (unless log-only) show it in a dialog."""

    def __init__(self, log_only: bool | None = None) -> None:
        self.log_only = log_only_from_env() if log_only is None else log_only
        self._showing = False

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, StorageError):
            # Not a bug: the database was locked, full or gone while a page read or wrote it, in a
            # place that does not handle it itself. Say what happened, without the crash dialog.
            log.warning("storage error reached the event loop: %s", exc)
            self._warn(QCoreApplication.translate("crash", "The database is not available"), str(exc))
            return
        if isinstance(exc, PermissionDenied):
            # The services refused what the window offered (a gap in hiding what the role cannot
            # do): the user gets the refusal's words, the maintainers the place in the log.
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            log.warning("a refusal reached the event loop:\n%s", details.rstrip())
            self._warn(QCoreApplication.translate("crash", "Not permitted"), str(exc))
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.critical("uncaught exception:\n%s", details.rstrip())
        if self.log_only or self._showing or QApplication.instance() is None:
            return
        self._showing = True  # an error inside the dialog must not open another one
        try:
            self._show(details)
        finally:
            self._showing = False

    def _warn(self, title: str, text: str) -> None:
        if self.log_only or self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            QMessageBox.warning(QApplication.activeWindow(), title, text)
        finally:
            self._showing = False

    def _show(self, details: str) -> None:
        path = log_file()
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("crash", "Unexpected error"))
        box.setText(
            QCoreApplication.translate(
                "crash",
                "Cadre Desk ran into an unexpected error. The data saved so far is safe; "
                "the last action may not have been completed.",
            )
        )
        where = str(path) if path is not None else QCoreApplication.translate("crash", "(no log file)")
        box.setInformativeText(
            QCoreApplication.translate(
                "crash",
                "The details have been written to the log file:\n{path}\n"
                "Please send it to your support contact.",
            ).format(path=where)
        )
        box.setDetailedText(details)
        copy_button = box.addButton(
            QCoreApplication.translate("crash", "Copy details and continue"),
            QMessageBox.ButtonRole.ActionRole,
        )
        box.addButton(QCoreApplication.translate("crash", "Continue"), QMessageBox.ButtonRole.AcceptRole)
        quit_button = box.addButton(
            QCoreApplication.translate("crash", "Quit"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.exec()
        clicked = box.clickedButton()
        if clicked is copy_button:
            QGuiApplication.clipboard().setText(f"{details}\n{where}")
        elif clicked is quit_button:
            QApplication.exit(1)


@contextmanager
def installed(log_only: bool | None = None) -> Iterator[CrashHandler]:
    """Install the crash handler as `sys.excepthook` for the duration of the block."""
    handler = CrashHandler(log_only)
    previous = sys.excepthook
    sys.excepthook = handler
    try:
        yield handler
    finally:
        sys.excepthook = previous
