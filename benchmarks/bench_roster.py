"""Roster and profile speed on a large database (run on demand, not in the test suite).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_roster.py /work/bench/demo10k.db

Measures: loading the roster (query + model + proxy), 20 filter keystrokes typed one character
at a time into the quick filter (median and worst), and opening profiles with every tab filled.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _signin import signed_in
from PySide6.QtWidgets import QApplication

from cadre_desk.db.opening import open_database
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.shell.fonts import install_fonts

# Typed one key at a time, with a clear between words: initials, names, units, posts (20 keys).
WORDS = ("zs", "wxm", "张", "青山", "镇", "书记", "lj", "县委", "科长", "liy", "办公室")
KEYSTROKES = 20
assert sum(map(len, WORDS)) >= KEYSTROKES


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--profiles", type=int, default=10)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_fonts(app)  # type: ignore[arg-type]
    db = open_database(args.db)
    ctx = signed_in(db)
    page = RosterPage(ctx)
    page.resize(1600, 900)
    page.show()
    app.processEvents()

    started = time.perf_counter()
    total = page.reload()
    app.processEvents()
    load = time.perf_counter() - started

    keystrokes: list[float] = []
    for word in WORDS:
        page.quick_filter.clear()
        app.processEvents()
        for i in range(1, len(word) + 1):
            started = time.perf_counter()
            page.quick_filter.setText(word[:i])  # what each keystroke does
            app.processEvents()
            keystrokes.append(time.perf_counter() - started)
            if len(keystrokes) == KEYSTROKES:
                break
        if len(keystrokes) == KEYSTROKES:
            break
    page.quick_filter.clear()
    app.processEvents()

    ids = [page.model.row_at(r).id for r in range(0, total, max(1, total // args.profiles))][: args.profiles]
    opens: list[float] = []
    for cadre_id in ids:
        started = time.perf_counter()
        page.profile.show_cadre(cadre_id)
        page.profile.load_all_tabs()
        app.processEvents()
        opens.append(time.perf_counter() - started)

    print(f"cadres: {total}")
    print(f"roster load: {ms(load)} ms")
    median, worst = ms(statistics.median(keystrokes)), ms(max(keystrokes))
    print(f"filter keystroke ({len(keystrokes)}): median {median} ms, worst {worst} ms")
    median, worst = ms(statistics.median(opens)), ms(max(opens))
    print(f"profile with all tabs ({len(opens)}): median {median} ms, worst {worst} ms")
    page.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
