"""A reader that stops reading (`cadre-desk stats | head -2`, `| grep -q`) ends the command quietly:
no 错误：读写文件时出错：Broken pipe, the exit status a shell gives any tool stopped so (141)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.cli_process import ROOT, ok, run_main


def test_a_closed_stdout_ends_the_command_quietly(tmp_path: Path) -> None:
    db = tmp_path / "库.db"
    data = tmp_path / "data"
    ok(run_main("--db", str(db), "init", data_dir=data))
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written: every write fails
    try:
        proc = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(db), "stats"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "CADRE_DESK_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"},
            timeout=300,
            check=False,
        )
    finally:
        os.close(write_end)
    assert proc.stderr == ""
    assert proc.returncode == 141
