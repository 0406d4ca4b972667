#!/usr/bin/env python3
"""GUI figures on a large demo database: cold start, page switching, resident memory.

    .venv/bin/python benchmarks/bench_gui.py --db /tmp/cadre-bench-10k.db [--runs 3]

Each measurement runs the app in a fresh process (offscreen unless a display is set), through the same
start-up as `cadre-desk` (splash, open_database, translation, font, main window):
- cold start: from launching the process until the main window is shown and the event loop is idle;
- page switching: `show_page` (refresh included) until the events it queued are processed, for every
  page in the navigation, first visit and again;
- memory: resident set size (VmRSS) after visiting every page.
Figures only; nothing asserts on them (the targets are in issue 4).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, os, sys, time
started = float(sys.argv[3])
from PySide6.QtCore import QTimer
from cadre_desk.ui.shell import i18n
from cadre_desk.ui.shell.application import application
from cadre_desk.ui.shell.fonts import install_fonts
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.opening import open_with_splash
from cadre_desk.ui.shell.settings import Settings

app = application()
install_fonts(app)
translators = i18n.install_translators(app, i18n.DEFAULT_LANGUAGE)
ctx = open_with_splash(sys.argv[1], "bench")
window = MainWindow(ctx, Settings.at(os.path.join(sys.argv[2], "ui.ini")))
window.show()
result = {}

def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return -1.0

def pages():
    result["ready_s"] = time.time() - started
    result["rss_start_mb"] = rss_mb()
    switches = {}
    for round_ in ("first", "again"):
        for key in window.page_keys():
            t = time.perf_counter()
            window.show_page(key)
            app.processEvents()
            switches.setdefault(key, {})[round_] = (time.perf_counter() - t) * 1000
    result["switch_ms"] = switches
    result["rss_after_pages_mb"] = rss_mb()
    t = time.perf_counter()
    window.close()  # cancels the background integrity check (still running on a large file)
    result["close_ms"] = (time.perf_counter() - t) * 1000
    print("RESULT " + json.dumps(result), flush=True)
    app.quit()

QTimer.singleShot(0, pages)
app.exec()
ctx.db.dispose()
"""


def run_child(db: Path) -> dict[str, object]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("CADRE_DESK_CRASH_LOG_ONLY", "1")
    with tempfile.TemporaryDirectory(prefix="cadre-bench-gui-") as tmp:
        env["CADRE_DESK_DATA_DIR"] = str(Path(tmp) / "data")
        started = time.time()
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(db), tmp, repr(started)],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line[len("RESULT ") :]))
    raise SystemExit(f"the app did not report (exit {proc.returncode}):\n{proc.stderr[-3000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True, help="a demo database (e.g. 10,000 cadres)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.db.is_file():
        raise SystemExit(
            f"no database at {args.db}; make one with: cadre-desk --db {args.db} demo --cadres 10000"
        )
    print(f"database: {args.db} ({args.db.stat().st_size / 1e9:.2f} GB)")
    results = [run_child(args.db) for _ in range(args.runs)]
    ready = [float(str(r["ready_s"])) for r in results]
    print(
        f"cold start to an interactive window: {', '.join(f'{s:.2f}' for s in ready)} s "
        f"(median {statistics.median(ready):.2f} s)"
    )
    last = results[-1]
    switches = last["switch_ms"]
    assert isinstance(switches, dict)
    print("page switching (first visit / again), ms:")
    for key, times in switches.items():
        print(f"  {key:12s} {times['first']:7.1f} / {times['again']:7.1f}")
    print(
        f"resident memory: {float(str(last['rss_start_mb'])):.0f} MB at start, "
        f"{float(str(last['rss_after_pages_mb'])):.0f} MB after visiting every page"
    )
    print(f"closing the window (integrity check cancelled): {float(str(last['close_ms'])):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
