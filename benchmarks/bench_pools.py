#!/usr/bin/env python3
"""Issue 13 on a big demo database: the pool register, its flags and the 后备干部库 page; the 到龄 and
培训学时 pages (the latter now with the newly-promoted and 青干班 lists under it); importing a 500-row
class list (plan, write, and the verified backup that precedes the write, timed apart).

    .venv/bin/python benchmarks/bench_pools.py --db /tmp/pools-10k.db [--runs 5] [--add-pools] [--import]

`--add-pools` first writes the demo pool entries (cadre_desk.demo.pools) into a database generated before
pools existed. `--import` writes 500 training records into the database (use a copy). Target: each list
or page opens in under 200 ms on the 10,000-cadre county; a 500-row class list imports in under 3 s.
Figures only, never asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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
    print(f"{label:42} median {statistics.median(times):7.1f} ms  min {min(times):7.1f} ms  rows {size}")


def line(label: str, ms: float, note: str) -> None:
    print(f"{label:42} {ms:9.1f} ms  {note}")


def add_pools(db: object) -> None:
    from sqlalchemy import func, select

    from cadre_desk.db.models import PoolEntry
    from cadre_desk.demo import pools as demo_pools
    from cadre_desk.demo.store import Writer

    with db.uow() as session:  # type: ignore[attr-defined]
        if session.scalar(select(func.count(PoolEntry.id))):
            return
        writer = Writer(session, 1, dt.datetime.now(dt.UTC))
        written = demo_pools.write_pools(session, writer, random.Random("1:pools"), dt.date.today())
    print(f"wrote {written} demo pool entries")


def class_list(ctx: object, path: Path, rows: int) -> None:
    import openpyxl
    from sqlalchemy import select

    from cadre_desk.db.models import Cadre

    with ctx.db.read() as session:  # type: ignore[attr-defined]
        people = session.execute(
            select(Cadre.name, Cadre.id_number)
            .where(Cadre.id_number.is_not(None))
            .order_by(Cadre.id)
            .limit(rows)
        ).all()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(
        [
            "班次",
            "类别",
            "主办单位",
            "开始日期",
            "结束日期",
            "学时",
            "天数",
            "脱产",
            "姓名",
            "身份证号",
            "出生年月",
        ]
    )
    for n, (name, id_number) in enumerate(people):
        first = n == 0
        head = ["2026年秋季主体班", "党校主体班", "县委党校", "2026.10.08", "2026.10.20", 72, 12, "是"]
        ws.append([*(head if first else [None] * len(head)), name, id_number, ""])
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--add-pools", action="store_true")
    parser.add_argument("--import", dest="do_import", action="store_true")
    args = parser.parse_args()

    from cadre_desk.db.opening import open_database
    from cadre_desk.services import cadres, compliance, pool_lists, retirement, training_lists
    from cadre_desk.services.context import open_context

    db = open_database(args.db)
    if args.add_pools:
        add_pools(db)
    ctx = open_context(db, "bench")
    today = dt.date.today()
    print(
        f"{cadres.count_cadres(ctx)} cadres, "
        f"{len(pool_lists.list_entries(ctx, today, include_archived=True))} pool entries"
    )
    timed("pool_lists.list_entries (all states)", args.runs, lambda: pool_lists.list_entries(ctx, today))
    timed("pool_lists.list_flags", args.runs, lambda: pool_lists.list_flags(ctx, today))
    timed("training_lists.newly_promoted", args.runs, lambda: training_lists.newly_promoted(ctx, today))
    timed("training_lists.youth_class", args.runs, lambda: training_lists.youth_class(ctx, today.year))
    timed("retirement (三年内)", args.runs, lambda: retirement.list_retirements(ctx, today, within=36))

    from PySide6.QtWidgets import QApplication

    from cadre_desk.ui.development.retirement_page import RetirementPage
    from cadre_desk.ui.development.training_page import TrainingPage
    from cadre_desk.ui.pools.pools_page import PoolsPage

    app = QApplication.instance() or QApplication([])
    pools_page = PoolsPage(ctx, today)
    retirement_page = RetirementPage(ctx, today)
    training_page = TrainingPage(ctx, today)
    timed("PoolsPage.refresh", args.runs, pools_page.refresh)
    timed("RetirementPage.refresh", args.runs, retirement_page.refresh)
    timed("TrainingPage.refresh (with the two lists)", args.runs, training_page.refresh)
    timed("  of which the compliance list alone", args.runs, lambda: compliance.compliance(ctx, today.year))
    del app

    if args.do_import:
        from cadre_desk.transfer import roster, training_import

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "class.xlsx"
            class_list(ctx, path, 500)
            start = time.perf_counter()
            plan = training_import.plan_training_import(ctx, path)
            planned = time.perf_counter()
            line(
                "import-training: plan (500 rows)", 1000 * (planned - start), f"problems {len(plan.problems)}"
            )
            if db.path is not None:
                start = time.perf_counter()
                backup = roster.backup_before_import(ctx, db.path, None, kind="bench")
                line(
                    "  the verified backup alone",
                    1000 * (time.perf_counter() - start),
                    f"{backup.stat().st_size >> 20} MB",
                )
                backup.unlink()
            start = time.perf_counter()
            result = training_import.apply_training_import(ctx, plan)
            line(
                "import-training: apply (backup + write)",
                1000 * (time.perf_counter() - start),
                f"created {result.created}",
            )
            if result.backup:
                Path(result.backup).unlink()
            # the write alone: the same list under another class name, the backup step left out
            class_list(ctx, path, 500)
            again = training_import.plan_training_import(ctx, path)
            again = dataclasses.replace(
                again,
                items=[
                    dataclasses.replace(i, values={**i.values, "name": "2026年冬季主体班"}, duplicate=False)
                    for i in again.items
                ],
            )
            saved = training_import.backup_before_import
            training_import.backup_before_import = lambda *_a, **_k: Path()  # type: ignore[assignment]
            try:
                start = time.perf_counter()
                result = training_import.apply_training_import(ctx, again)
                line(
                    "import-training: the write alone",
                    1000 * (time.perf_counter() - start),
                    f"created {result.created}",
                )
            finally:
                training_import.backup_before_import = saved
    db.dispose()


if __name__ == "__main__":
    main()
