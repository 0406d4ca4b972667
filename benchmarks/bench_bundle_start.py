#!/usr/bin/env python3
"""Start-up of the bundled program (PyInstaller) against the virtual environment's, on one database.

    .venv/bin/python benchmarks/bench_bundle_start.py --db /tmp/cadre-bench-10k.db [--runs 3] [--cold]

Each run launches a fresh process (`cadre-desk --db DB`, offscreen) and measures the time until the
log says the main window is open (the database opened, the window built and shown), then stops it.
`--cold` drops the page cache before each run (root only: `echo 3 > /proc/sys/vm/drop_caches`), so
the files are read from disk as on the first start after booting. Figures only.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "build" / "pyinstaller" / "dist" / "cadre-desk" / "cadre-desk"
MARK = "main window open on"


def drop_caches() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def start_once(command: list[str], db: Path, cold: bool) -> float:
    with tempfile.TemporaryDirectory() as data:
        env = {
            **os.environ,
            "CADRE_DESK_DATA_DIR": data,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "CADRE_DESK_CRASH_LOG_ONLY": "1",
        }
        log = Path(data) / "logs" / "cadre-desk.log"
        if cold:
            drop_caches()
        started = time.perf_counter()
        proc = subprocess.Popen([*command, "--db", str(db)], env=env, stderr=subprocess.DEVNULL)
        try:
            while True:
                if log.is_file() and MARK in log.read_text(encoding="utf-8", errors="replace"):
                    return time.perf_counter() - started
                if proc.poll() is not None:
                    raise SystemExit(f"{command[0]} exited with {proc.returncode} before its window opened")
                if time.perf_counter() - started > 120:
                    raise SystemExit("no window after 120 s")
                time.sleep(0.01)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="drop the page cache before each run (root)")
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    args = parser.parse_args()
    commands = {
        "venv": [sys.executable, str(ROOT / "main.py")],
        "bundle": [str(args.bundle)],
    }
    for command in commands.values():  # once each first: the database file's upgrade, if any
        start_once(command, args.db, cold=False)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():  # alternate, so load on the machine hits both alike
            times[name].append(start_once(command, args.db, args.cold))
    report = {
        name: {"median_s": round(statistics.median(values), 2), "runs_s": [round(v, 2) for v in values]}
        for name, values in times.items()
    }
    report["cold"] = args.cold
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
