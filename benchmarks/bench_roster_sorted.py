"""The roster's first rows with a sort saved from the last session (issue 11's speed section).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_roster_sorted.py DB [--columns NAME,AGE]

An encrypted DB takes its passphrase from CADRE_DESK_KEY. The database is opened read-only and the
sign-in is not recorded: nothing is written. Each column runs in a fresh process (`--one`), `--runs`
times, ascending; the medians are printed.

Timed from the page's construction, as `bench_encryption.py` does: the first rows painted (the
header's saved sort applied before the first reload, as `restore_state` does), the first page with
the first cadre's profile (the events processed), and every row loaded and sorted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

COLUMNS = ("NONE", "NAME", "GENDER", "AGE", "UNIT", "POST", "RANK", "EDUCATION", "POLITICAL_STATUS")
COLUMNS += ("POST_SINCE", "RETIREMENT")


def one(path: str, column: str, descending: bool) -> dict[str, float]:
    from _signin import signed_in
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cadre_desk.db.opening import open_database
    from cadre_desk.ui.roster.roster_model import Column
    from cadre_desk.ui.roster.roster_page import RosterPage
    from cadre_desk.ui.shell.fonts import install_fonts

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_fonts(app)  # type: ignore[arg-type]
    db = open_database(path, passphrase=os.environ.get("CADRE_DESK_KEY"), read_only=True)
    ctx = signed_in(db)

    started, cpu_started = time.perf_counter(), time.process_time()
    roster = RosterPage(ctx)
    roster.resize(1600, 900)
    roster.show()
    if column != "NONE":
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        roster.table.horizontalHeader().setSortIndicator(Column[column], order)
    roster.reload()
    roster.table.viewport().repaint()
    rows_shown = time.perf_counter() - started
    rows_shown_cpu = time.process_time() - cpu_started  # the worker has not started yet: this thread's
    app.processEvents()
    first_page = time.perf_counter() - started
    while not roster.model.complete:
        app.processEvents()
        time.sleep(0.002)
    all_rows = time.perf_counter() - started
    db.dispose()
    return {
        "first_rows_shown_ms": rows_shown * 1000,
        "first_rows_cpu_ms": rows_shown_cpu * 1000,
        "first_roster_page_ms": first_page * 1000,
        "all_rows_ms": all_rows * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--columns", default=",".join(COLUMNS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--descending", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.db, args.one, args.descending)))
        return 0
    for column in args.columns.split(","):
        runs = []
        for _run in range(args.runs):
            command = [sys.executable, __file__, args.db, "--one", column]
            command += ["--descending"] if args.descending else []
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))

        def median(field: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[field] for r in runs)

        print(
            f"{column:17} first rows shown {median('first_rows_shown_ms'):7.1f} ms "
            f"(CPU {median('first_rows_cpu_ms'):6.1f} ms), with the profile "
            f"{median('first_roster_page_ms'):7.1f} ms, every row {median('all_rows_ms'):7.1f} ms",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
