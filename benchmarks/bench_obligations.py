#!/usr/bin/env python3
"""应谈 on a big demo database: the obligation lists (services), the 应谈 view and 工作台's 应谈未谈
(offscreen widgets), `talks owed --json`'s query and a year of 回溯.

    .venv/bin/python benchmarks/bench_obligations.py --db /tmp/owed-10k.db [--runs 5]

Target (issue 12): the 应谈 list opens in under 200 ms on the 10,000-cadre county. Figures only.
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
    action()  # warm: caches, imports
    times = []
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    size = len(result) if isinstance(result, list) else ""
    print(f"{label:40} median {statistics.median(times):7.1f} ms  min {min(times):7.1f} ms  rows {size}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from cadre_desk.db.opening import open_database
    from cadre_desk.domain.obligations import ObligationState
    from cadre_desk.services import cadres, obligation_lookback, obligations

    db = open_database(args.db)
    ctx = signed_in(db)  # the county has accounts
    today = dt.date.today()
    print(f"{cadres.count_cadres(ctx)} cadres, {len(obligations.list_obligations(ctx))} obligations")
    pending = [ObligationState.PENDING.value]
    timed("list 待谈 (the 应谈 view)", args.runs, lambda: obligations.list_obligations(ctx, states=pending))
    timed("list every state (talks owed --json)", args.runs, lambda: obligations.list_obligations(ctx))
    timed("list 逾期", args.runs, lambda: obligations.list_obligations(ctx, overdue_only=True))
    timed("open_counts (工作台 heading)", args.runs, lambda: [obligations.open_counts(ctx)])
    one = obligations.list_obligations(ctx, limit=1)[0].cadre_id
    timed(
        "one cadre's obligations (profile)",
        args.runs,
        lambda: obligations.list_obligations(ctx, cadre_id=one),
    )
    last_year = dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    timed("回溯 of last year", args.runs, lambda: obligation_lookback.lookback(ctx, *last_year))

    from PySide6.QtWidgets import QApplication

    from cadre_desk.ui.home.home_page import HomePage
    from cadre_desk.ui.talks.obligations_view import ObligationsView

    app = QApplication.instance() or QApplication([])
    view = ObligationsView(ctx)
    view.resize(1200, 700)
    view.show()
    home = HomePage(ctx)

    def open_view() -> list[int]:
        view.refresh()
        app.processEvents()
        return list(view._rows)

    timed("应谈 view refresh (by unit)", args.runs, open_view)
    view.group.setCurrentIndex(1)
    timed("应谈 view refresh (by talker)", args.runs, open_view)
    timed("工作台 应谈未谈 (heading and rows)", args.runs, lambda: [home._fill_owed()])


if __name__ == "__main__":
    main()
