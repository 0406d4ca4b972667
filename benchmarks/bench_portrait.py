#!/usr/bin/env python3
"""The growth portrait (成长画像) on a big demo database: the data of one cadre, its layout, and the
vector figure of the dossier, for the cadres with the most diary entries and talks (the heaviest).

    .venv/bin/python benchmarks/bench_portrait.py --db /tmp/dev.db [--runs 5]

Target (issue 14): the growth portrait under 150 ms on the 10,000-cadre county. Figures only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable


def timed(label: str, runs: int, action: Callable[[], object]) -> None:
    action()  # warm: caches, imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:44} median {statistics.median(times):7.1f} ms  max {max(times):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from _signin import signed_in
    from sqlalchemy import func, select

    from cadre_desk.db.models import DiaryEntry, TalkSubject
    from cadre_desk.db.opening import open_database
    from cadre_desk.reports import portrait_figure
    from cadre_desk.services import portrait

    db = open_database(args.db)
    ctx = signed_in(db)
    today = dt.date.today()
    with db.read() as session:
        diarist = session.scalar(
            select(DiaryEntry.mentee_id).group_by(DiaryEntry.mentee_id).order_by(func.count().desc()).limit(1)
        )
        talked = session.scalar(
            select(TalkSubject.cadre_id).group_by(TalkSubject.cadre_id).order_by(func.count().desc()).limit(1)
        )
    for label, cadre_id in (("most diary entries", diarist), ("most talks", talked)):
        assert cadre_id is not None
        timed(
            f"portrait data ({label})", args.runs, lambda c=cadre_id: portrait.growth_portrait(ctx, c, today)
        )
        data = portrait.growth_portrait(ctx, cadre_id, today)
        timed(f"layout 900x460 ({label})", args.runs, lambda d=data: portrait_figure.layout(d, 900, 460))
        timed(
            f"data + layout + PDF drawing ({label})",
            args.runs,
            lambda c=cadre_id: portrait_figure.drawing(portrait.growth_portrait(ctx, c, today), 515, 320),
        )


if __name__ == "__main__":
    main()
