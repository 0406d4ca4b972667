#!/usr/bin/env python3
"""Issue 13 on a big demo database: the pool register, its flags and the 后备干部库 page; the 到龄 and
培训学时 pages (the latter now with the newly-promoted and 青干班 lists under it); importing a 500-row
class list (plan, write, and the verified backup that precedes the write, timed apart).

    CADRE_DESK_USER=demo CADRE_DESK_PASSWORD=demo CADRE_DESK_DATA_DIR=/tmp/bench-data \
        .venv/bin/python benchmarks/bench_pools.py --db /tmp/pools-10k.db [--runs 5] [--add-pools] [--import]

`--add-pools` first writes the demo pool entries (cadre_desk.demo.pools) into a database generated before
pools existed. `--import` writes two 500-row class lists into the database (use a copy; the backups go to
the data folder's backups/, 3 GB each on the county): the first from the command line's path (the plan,
the restore point: a new verified copy when none holds the current state, then the same call again,
which reuses it, and the write), the second as the window does it (the copy made while the preview is
open, then 导入 timed to the end). Target: each list or page opens in under 200 ms on the 10,000-cadre
county; a 500-row class list imports in under 3 s. Figures only, never asserted. In a worktree put
`PYTHONPATH=.` first; a database with accounts is read as CADRE_DESK_USER.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
    course = f"基准测试班{time.time_ns()}"  # a class never imported before: every row is new
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
        head = [course, "党校主体班", "县委党校", "2026.10.08", "2026.10.20", 72, 12, "是"]
        ws.append([*(head if first else [None] * len(head)), name, id_number, ""])
    book.save(path)


def import_from_the_command_line(ctx: Any, path: Path) -> None:
    from cadre_desk.services import restore_point
    from cadre_desk.transfer import training_import

    class_list(ctx, path, 500)
    start = time.perf_counter()
    plan = training_import.plan_training_import(ctx, path)
    line("import-training: plan (500 rows)", 1000 * (time.perf_counter() - start), f"new {plan.new}")
    if ctx.db.path is not None:
        held = restore_point.current_backup(ctx)
        start = time.perf_counter()
        point = restore_point.ensure(ctx, "training")
        how = "reused" if held is not None else "a new verified copy"
        line(f"  restore point ({how})", 1000 * (time.perf_counter() - start), point.name)
        start = time.perf_counter()
        restore_point.ensure(ctx, "training")
        line("  restore point again (reused)", 1000 * (time.perf_counter() - start), "")
    start = time.perf_counter()
    result = training_import.apply_training_import(ctx, plan)
    line(
        "import-training: apply (restore point + write)",
        1000 * (time.perf_counter() - start),
        f"created {result.created}, backup {Path(result.backup).name}",
    )


def import_in_the_window(ctx: Any, path: Path) -> None:
    """TrainingPage.import_file with the preview answered once the copy started with it is done (the
    user reading the preview): 导入 → done is what the user waits for."""
    from PySide6.QtWidgets import QApplication

    from cadre_desk.ui.development import training_import_dialog
    from cadre_desk.ui.development.training_page import TrainingPage
    from cadre_desk.ui.jobs import workers

    class_list(ctx, path, 500)
    page = TrainingPage(ctx, dt.date.today())
    marks: dict[str, float] = {}

    def answer(cls: type, parent: object, plan: object) -> bool:
        marks["preview"] = time.perf_counter()
        while workers._active:  # the restore point being copied in the background
            QApplication.processEvents()
            time.sleep(0.05)
        marks["confirmed"] = time.perf_counter()
        return True

    saved = training_import_dialog.TrainingImportPreview.ask
    training_import_dialog.TrainingImportPreview.ask = classmethod(answer)  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        created = page.import_file(path)
        end = time.perf_counter()
    finally:
        training_import_dialog.TrainingImportPreview.ask = saved  # type: ignore[method-assign]
    line("window: plan until the preview opens", 1000 * (marks["preview"] - start), "")
    line("window: the copy while the preview is open", 1000 * (marks["confirmed"] - marks["preview"]), "")
    line("window: 导入 → done", 1000 * (end - marks["confirmed"]), f"created {created}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--add-pools", action="store_true")
    parser.add_argument("--import", dest="do_import", action="store_true")
    args = parser.parse_args()

    from bench_development import context, timed

    from cadre_desk.db.opening import open_database
    from cadre_desk.services import cadres, compliance, pool_lists, retirement, training_lists

    db = open_database(args.db)
    if args.add_pools:
        add_pools(db)
    ctx = context(db)
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
        with tempfile.TemporaryDirectory() as tmp:
            import_from_the_command_line(ctx, Path(tmp) / "class.xlsx")
            import_in_the_window(ctx, Path(tmp) / "class2.xlsx")
    db.dispose()


if __name__ == "__main__":
    main()
