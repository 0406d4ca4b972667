"""Logging set-up: a rotating file in the data directory plus stderr for warnings."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path

from cadre_desk import paths

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_current: dict[str, Path] = {}


class _ShortFormatter(logging.Formatter):
    """stderr gets one line per record: tracebacks go to the log file only."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text or record.stack_info:
            record = logging.makeLogRecord(
                {**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None}
            )
        return super().format(record)


def log_file() -> Path:
    """The log file in use (set by `setup`), else where it would be."""
    return _current.get("file", paths.log_dir() / "cadre-desk.log")


def setup(verbose: bool = False, to_file: bool = True) -> Path | None:
    """Configure the root `cadre_desk` logger; returns the log file path if one is used."""
    logger = logging.getLogger("cadre_desk")
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.handlers.clear()
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stderr.setFormatter(_ShortFormatter("%(levelname)s: %(message)s"))
    logger.addHandler(stderr)
    log_file: Path | None = None
    if to_file:
        try:
            paths.log_dir().mkdir(parents=True, exist_ok=True)
            log_file = paths.log_dir() / "cadre-desk.log"
            handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
            handler.setFormatter(logging.Formatter(_FORMAT))
            logger.addHandler(handler)
            _current["file"] = log_file
        except OSError:
            log_file = None  # a read-only home must not stop the app; stderr still works
    if sys.stderr is not None and not faulthandler.is_enabled():
        faulthandler.enable()
    return log_file
