"""What every command module shares: exit codes, JSON output, the progress bar, error messages."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO, TypeAlias

from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.serialize import to_jsonable

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

Handler = Callable[[ServiceContext, argparse.Namespace], int]
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")


def report_error(exc: CadreDeskError) -> None:
    if isinstance(exc, ValidationError):
        sys.stderr.write("错误：输入有误\n")
        for field, message in exc.fields.items():
            sys.stderr.write(f"  {field}: {message}\n")
    else:
        sys.stderr.write(f"错误：{exc}\n")


class ProgressBar:
    """A one-line progress bar on stderr (silent when stderr is not a terminal, except at the end)."""

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = self.stream.isatty()
        self.label = ""
        self.last = 0.0

    def update(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if label != self.label:
            if self.label:
                self.stream.write("\n" if self.tty else "")
            self.label = label
            if not self.tty:
                self.stream.write(f"{label}…\n")
        if not self.tty or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        frac = min(1.0, done / total) if total else 1.0
        filled = int(frac * self.width)
        self.stream.write(f"\r{label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.label:
            self.stream.write("\n")
        self.stream.flush()
