#!/usr/bin/env python3
"""The development registers on a big demo database: the 到龄 list, the 退出领导岗位 warnings, the training
compliance list (services), and the two pages' refresh (offscreen window widgets).

    CADRE_DESK_USER=demo CADRE_DESK_PASSWORD=demo .venv/bin/python benchmarks/bench_development.py \
        --db /tmp/dev.db [--runs 5]

(in a worktree, put `PYTHONPATH=.` first so that the worktree's code is measured). A database with
accounts is read as the account of CADRE_DESK_USER / CADRE_DESK_PASSWORD (the check does not write).

Target (issue 13): each list opens in under 200 ms on the 10,000-cadre county. Figures only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from collections.abc import Callable

from _signin import signed_in

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(label: str, runs: int, action: Callable[[], object]) -> None:
    """Median and minimum wall time, and the median CPU time of this process (on the shared machine the
    wall time follows the load; the CPU time much less)."""
    action()  # warm: caches, imports
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    size = len(result) if isinstance(result, list) else ""
    print(
        f"{label:38} median {statistics.median(times):7.1f} ms  min {min(times):7.1f} ms"
        f"  cpu {statistics.median(cpu):7.1f} ms  rows {size}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from cadre_desk.db.opening import open_database
    from cadre_desk.services import cadres, compliance, retirement

    db = open_database(args.db)
    ctx = signed_in(db)
    today = dt.date.today()
    print(f"{cadres.count_cadres(ctx)} cadres")
    timed("retirement.all_rows", args.runs, lambda: retirement.all_rows(ctx, today))
    timed("retirement (三年内)", args.runs, lambda: retirement.list_retirements(ctx, today, within=36))
    timed("retirement.exit_warnings", args.runs, lambda: retirement.exit_warnings(ctx, today))
    timed("compliance (this year, everyone)", args.runs, lambda: compliance.compliance(ctx, today.year))
    timed("compliance (未达标)", args.runs, lambda: compliance.compliance(ctx, today.year, only_short=True))

    from PySide6.QtWidgets import QApplication

    from cadre_desk.ui.development.retirement_page import RetirementPage
    from cadre_desk.ui.development.training_page import TrainingPage

    app = QApplication.instance() or QApplication([])
    retirement_page = RetirementPage(ctx, today)
    training_page = TrainingPage(ctx, today)
    timed("RetirementPage.refresh", args.runs, retirement_page.refresh)
    timed("TrainingPage.refresh", args.runs, training_page.refresh)
    del app
    db.dispose()


if __name__ == "__main__":
    main()
