"""The command line as a real process, for the end-to-end tests: `python main.py ARGS` with a data
folder of the test's own, its output as text, and never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_main(
    *args: str, data_dir: Path, stdin: str = "", env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `main.py ARGS` (300 s at most) with this process's environment, `CADRE_DESK_DATA_DIR` set to
    `data_dir` and `env` over it: a variable given None is not passed on (say, the sign-in the suite
    sets for demo databases, or a passphrase)."""
    environ = {**os.environ, "CADRE_DESK_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    for name, value in (env or {}).items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def ok(proc: subprocess.CompletedProcess[str]) -> str:
    """The output of a command that succeeded."""
    assert proc.returncode == 0, proc.stderr
    return proc.stdout
