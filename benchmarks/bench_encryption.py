"""An encrypted database against the same one plain: opening, the first roster page, page switching.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_encryption.py PLAIN.db ENCRYPTED.db

ENCRYPTED.db is a copy of PLAIN.db converted with `cadre-desk encrypt`; its passphrase comes from
CADRE_DESK_KEY. Each variant runs in a fresh process (`--one`), alternating, `--runs` times; the
medians are printed. Measured per run: `open_database` (including the passphrase's key derivation for
the encrypted file), the sign-in (argon2 verification and its audit record: a write), the roster
page's first load, and switching to each work page and back (refresh included), 3 rounds.

The roster's first load is timed in steps from the page's construction: its first rows painted (the
roster's first rows and its size read, the model filled, the table painted), the first page with the
first cadre's profile filled in (the events processed: what the window shows), and every row loaded
(the rest, read in the background, appended).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def one(path: str, passphrase: str | None) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication, QStackedWidget

    from cadre_desk.db.opening import open_database
    from cadre_desk.services import accounts
    from cadre_desk.ui.roster.roster_page import RosterPage
    from cadre_desk.ui.shell.fonts import install_fonts
    from cadre_desk.ui.shell.settings import Settings
    from cadre_desk.ui.shell.work_pages import build_work_pages

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_fonts(app)  # type: ignore[arg-type]
    started = time.perf_counter()
    db = open_database(path, passphrase=passphrase)
    opened = time.perf_counter() - started
    started = time.perf_counter()
    user = os.environ.get("CADRE_DESK_USER", "demo")
    ctx = accounts.authenticate(db, user, os.environ.get("CADRE_DESK_PASSWORD", "demo"))
    login = time.perf_counter() - started

    started = time.perf_counter()
    roster = RosterPage(ctx)
    roster.resize(1600, 900)
    roster.show()
    built = time.perf_counter() - started
    roster.reload()
    roster.table.viewport().repaint()
    rows_shown = time.perf_counter() - started
    app.processEvents()
    first_page = time.perf_counter() - started
    while not getattr(roster.model, "complete", True):  # (the model before the lazy roster: always)
        app.processEvents()
        time.sleep(0.002)
    all_rows = time.perf_counter() - started

    stack = QStackedWidget()
    stack.resize(1400, 860)
    pages = build_work_pages(ctx, Settings.at(Path("/tmp/bench-encryption-ui.ini")), None, stack)
    for _key, _title, page in pages:
        stack.addWidget(page)
    stack.show()
    app.processEvents()
    switches: dict[str, list[float]] = {}
    for _round in range(3):
        for key, _title, page in pages:
            started = time.perf_counter()
            stack.setCurrentWidget(page)
            page.refresh()  # type: ignore[attr-defined]
            app.processEvents()
            switches.setdefault(key, []).append(time.perf_counter() - started)
    db.dispose()
    return {
        "open_ms": opened * 1000,
        "login_ms": login * 1000,
        "roster_built_ms": built * 1000,
        "first_rows_shown_ms": rows_shown * 1000,
        "first_roster_page_ms": first_page * 1000,
        "all_rows_ms": all_rows * 1000,
        "switch_ms": {k: statistics.median(v) * 1000 for k, v in switches.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("plain")
    parser.add_argument("encrypted")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", choices=("plain", "encrypted"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        path = args.plain if args.one == "plain" else args.encrypted
        passphrase = os.environ.get("CADRE_DESK_KEY") if args.one == "encrypted" else None
        print(json.dumps(one(path, passphrase)))
        return 0
    results: dict[str, list[dict[str, object]]] = {"plain": [], "encrypted": []}
    for _run in range(args.runs):
        for variant in ("plain", "encrypted"):
            out = subprocess.run(
                [sys.executable, __file__, args.plain, args.encrypted, "--one", variant],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results[variant].append(json.loads(out.strip().splitlines()[-1]))
    for variant, runs in results.items():

        def median(field: str, runs: list[dict[str, object]] = runs) -> float:
            return statistics.median(float(r[field]) for r in runs)  # type: ignore[arg-type]

        print(f"{variant:9}  open {median('open_ms'):7.1f} ms   sign-in {median('login_ms'):7.1f} ms")
        print(
            f"           roster page built {median('roster_built_ms'):7.1f} ms, first rows shown "
            f"{median('first_rows_shown_ms'):7.1f} ms, with the profile {median('first_roster_page_ms'):7.1f}"
            f" ms, every row {median('all_rows_ms'):7.1f} ms (from the page's construction)"
        )
        keys = runs[0]["switch_ms"].keys()  # type: ignore[union-attr]
        for key in keys:
            median = statistics.median(float(r["switch_ms"][key]) for r in runs)  # type: ignore[index]
            print(f"           switch to {key:14} {median:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
