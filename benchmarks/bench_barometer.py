#!/usr/bin/env python3
"""The 晴雨表 at county size: opening a period, recomputing every colour, importing a 2,000-row
member-unit list (plan + write), reading a unit's grid and the whole period, and the page's grid.

    .venv/bin/python benchmarks/bench_barometer.py [--cadres 10000] [--runs 5] [--db /tmp/bar.db]

Without --db a fresh database is made in a temp dir with `--cadres` cadres in 60 units (cadres only:
the barometer reads no diaries or talks). Targets (issue 12): the grid opens in under 200 ms, a
period's colours recompute in under 2 s, a 2,000-row list imports in under 5 s. Figures only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(label: str, runs: int, action: Callable[[], object], warm: bool = True) -> float:
    if warm:
        action()
    times = []
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    size = len(result) if isinstance(result, list) else ""
    median = statistics.median(times)
    print(f"{label:46} median {median:8.1f} ms  min {min(times):8.1f} ms  {size}")
    return median


def report(label: str, times_ms: list[float]) -> None:
    print(f"{label:46} median {statistics.median(times_ms):8.1f} ms  min {min(times_ms):8.1f} ms")


def make_county(path: Path, cadres: int) -> None:
    from sqlalchemy import insert

    from cadre_desk.db.base import new_uid, utcnow
    from cadre_desk.db.models import Cadre, Unit
    from cadre_desk.db.opening import open_database
    from cadre_desk.domain.idcard import make_id_number
    from cadre_desk.domain.yearmonth import YearMonth

    db = open_database(str(path))
    rng = random.Random(1)
    now = utcnow()
    common = {"created_at": now, "updated_at": now, "version": 1}
    with db.uow() as session:
        units = [
            {"id": i, "uid": new_uid(), "name": f"某县第{i}单位", "short_name": "", "kind": "部门",
             "parent_id": None, "sort_order": i, "archived_at": None, **common}
            for i in range(1, 61)
        ]  # fmt: skip
        session.execute(insert(Unit), units)
        rows = []
        for n in range(1, cadres + 1):
            birth = dt.date(1965 + n % 35, 1 + n % 12, 1 + n % 28)
            rows.append(
                {"id": n, "uid": new_uid(), "name": f"干部{n}", "name_initials": "", "gender": "男",
                 "birth": YearMonth(birth.year, birth.month),
                 "id_number": make_id_number("110105", birth, n % 999, True),
                 "unit_id": 1 + n % 60, "post": "科员", "rank": "一级科员", **common}
            )  # fmt: skip
        session.execute(insert(Cadre), rows)
    db.dispose()
    del rng


def member_list(path: Path, ids: list[str], founded: float) -> None:
    """A 信访 list: `founded` of the rows 待核 or 属实 (each turns a cadre yellow and owes a 苗头 talk)."""
    import openpyxl

    rng = random.Random(2)
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["县信访局 信访举报核查情况"])
    ws.append(["序号", "姓名", "身份证号", "核查结果", "审计发现"])
    for n, id_number in enumerate(ids, 1):
        result = rng.choice(("待核", "属实")) if rng.random() < founded else "不实"
        ws.append([n, "", id_number, result, "" if n % 5 else "资金拨付滞后"])
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--cadres", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-barometer-"))
    os.environ.setdefault("CADRE_DESK_DATA_DIR", str(folder / "data"))
    path = Path(args.db) if args.db else folder / "county.db"
    if not args.db:
        start = time.perf_counter()
        make_county(path, args.cadres)
        print(f"made {args.cadres} cadres in {time.perf_counter() - start:.1f} s")

    from sqlalchemy import select

    from cadre_desk.db.models import Cadre
    from cadre_desk.db.opening import open_database
    from cadre_desk.services import (
        barometer_changes,
        barometer_entries,
        barometer_periods,
        rule_tables,
    )
    from cadre_desk.services.context import open_context
    from cadre_desk.transfer import barometer_import

    db = open_database(str(path))
    ctx = open_context(db, "bench")
    code = f"{dt.date.today().year}Q1"
    start = time.perf_counter()
    period = barometer_periods.open_period(ctx, code)
    report(f"open_period ({period.total} entries)", [1000 * (time.perf_counter() - start)])

    with db.read() as session:
        ids = [i for i in session.scalars(select(Cadre.id_number).order_by(Cadre.id)) if i][:2000]
    for label, founded, listed in (
        ("10% founded", 0.1, code),
        ("50% founded", 0.5, f"{dt.date.today().year}Q2"),
    ):
        if listed != period.code:
            barometer_periods.open_period(ctx, listed)
        sheet = folder / f"信访{listed}.xlsx"
        member_list(sheet, ids, founded)
        start = time.perf_counter()
        plan = barometer_import.plan_barometer_import(ctx, listed, sheet)
        planned = time.perf_counter() - start
        assert not plan.problems, plan.problems[:3]
        result = barometer_import.apply_barometer_import(ctx, plan)
        total = time.perf_counter() - start
        yellow = result.counts.get("yellow", 0)
        report(f"import 2,000 rows ({label}): plan", [1000 * planned])
        report(f"import 2,000 rows ({label}): plan + write", [1000 * total])
        print(f"{'':46} {result.changed} changed, {yellow} yellow: {yellow} 苗头 obligations raised")

    timed("recompute (nothing changes)", args.runs, lambda: barometer_changes.recompute(ctx, period.id))
    rule = next(r for r in rule_tables.list_rows(ctx, "barometer_rule") if r.values["values"] == "待核、属实")

    def flip() -> tuple[int, float]:  # each 待核/属实 reading changes colour: the worst case of a rule edit
        row = next(r for r in rule_tables.list_rows(ctx, "barometer_rule") if r.id == rule.id)
        colour = "红" if row.values["colour"] == "黄" else "黄"
        rule_tables.update_row(ctx, "barometer_rule", row.id, {"colour": colour}, row.version)
        start = time.perf_counter()
        changed = barometer_changes.recompute(ctx, period.id).changed
        return changed, (time.perf_counter() - start) * 1000

    flips = [flip() for _ in range(args.runs)]
    report(f"recompute after a rule edit ({flips[0][0]} change)", [f[1] for f in flips])

    unit = barometer_entries.unit_counts(ctx, period.id)[0]
    timed(
        "list_entries (one unit)",
        args.runs,
        lambda: barometer_entries.list_entries(ctx, period.id, unit.unit_id),
    )
    timed("list_entries (whole period)", args.runs, lambda: barometer_entries.list_entries(ctx, period.id))
    timed(
        "list_entries (yellow and red)",
        args.runs,
        lambda: barometer_entries.list_entries(ctx, period.id, warnings_only=True),
    )
    timed("unit_counts", args.runs, lambda: barometer_entries.unit_counts(ctx, period.id))
    timed("list_periods", args.runs, lambda: barometer_periods.list_periods(ctx))

    from PySide6.QtWidgets import QApplication

    from cadre_desk.ui.barometer.barometer_page import ALL_UNITS, BarometerPage

    app = QApplication.instance() or QApplication([])
    assert app is not None
    page = BarometerPage(ctx)
    page.resize(1400, 800)
    page.show()
    timed("BarometerPage.refresh (first unit's grid)", args.runs, page.refresh)
    every = page.unit.findData(ALL_UNITS)

    def whole() -> float:
        page.unit.setCurrentIndex(0)
        start = time.perf_counter()
        page.unit.setCurrentIndex(every)
        QApplication.processEvents()
        return (time.perf_counter() - start) * 1000

    report(f"grid of every unit ({page.model.rowCount()} rows)", [whole() for _ in range(args.runs)])

    from cadre_desk.reports import documents
    from cadre_desk.services import printing

    options = documents.DocumentOptions(printing.print_settings(ctx))
    out = folder / "jr.pdf"
    start = time.perf_counter()
    pages = documents.prepare(db, "barometer", period.id, options).write(out)
    print(f"{'联席研判表 (' + str(pages) + ' pages)':46} {1000 * (time.perf_counter() - start):8.1f} ms")
    del app
    db.dispose()


if __name__ == "__main__":
    main()
