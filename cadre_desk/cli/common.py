"""What every command module shares: exit codes, JSON output, the progress bar, error messages."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeAlias

from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.serialize import to_jsonable

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
MAX_ID = 2**63 - 1  # the largest integer SQLite and PostgreSQL store
MAX_COUNT = 1_000_000_000


def _integer(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what}必须是整数：{text}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what}超出范围（{low}–{high}）：{text}")
    return value


def record_id(text: str) -> int:
    """argparse type of a record ID: 1 … 2^63-1, else a usage error (not an overflow traceback)."""
    return _integer(text, 1, MAX_ID, "编号")


def count(text: str) -> int:
    """argparse type of --limit / --cadres and the like: 0 … 10^9."""
    return _integer(text, 0, MAX_COUNT, "数量")


def offset(text: str) -> int:
    return _integer(text, 0, MAX_ID, "偏移量")


def position(text: str) -> int:
    return _integer(text, 0, MAX_COUNT, "位置")


def workers(text: str) -> int:
    return _integer(text, 1, 256, "进程数")


def xlsx_path(text: str) -> Path:
    """argparse type of an Excel output file: the name must end in .xlsx (an .xlsx under a .csv
    name would be unreadable as CSV)."""
    path = Path(text)
    if path.suffix.lower() != ".xlsx":
        raise argparse.ArgumentTypeError(
            f"导出的是 Excel 工作簿（.xlsx），文件名必须以 .xlsx 结尾：{text}（不支持 CSV 等其他格式）"
        )
    return path


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
