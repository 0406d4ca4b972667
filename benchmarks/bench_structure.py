#!/usr/bin/env python3
"""班子结构分析 on a big demo database: the county-wide figures (every cadre, and 班子 members only), all
乡镇, the 横向比较 of six cadres (and its printed table), a saved selection if the database has one, and the
printed 结构分析报告 of all 乡镇 (one page per 班子).

    .venv/bin/python benchmarks/bench_structure.py --db /tmp/bench-10k.db [--runs 5]

Targets (issue 14): the county-wide figures under 300 ms, the PDF of all 乡镇 under 5 s on the
10,000-cadre county; the comparison of 6 cadres under 200 ms. Figures only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def timed(label: str, runs: int, action: Callable[[], object]) -> object:
    result = action()  # warm: caches, imports
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    print(
        f"{label:36} median {statistics.median(times):7.1f} ms  min {min(times):7.1f} ms  "
        f"(CPU median {statistics.median(cpu):7.1f} ms)"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from _signin import signed_in

    from cadre_desk.db.opening import open_database
    from cadre_desk.reports import documents
    from cadre_desk.services import cadres, printing, structure

    db = open_database(args.db)
    ctx = signed_in(db)
    ref = dt.date.today()
    print(f"{cadres.count_cadres(ctx)} cadres")
    county = structure.county_scope()
    report = timed("county, every cadre", args.runs, lambda: structure.analyse(ctx, county, ref))
    assert isinstance(report, structure.StructureReport)
    print(f"  {report.figures.members.count} cadres, {len(report.teams)} 班子, {len(report.gaps)} 缺口")
    teams = structure.county_scope(team_only=True)
    timed("county, 班子 members", args.runs, lambda: structure.analyse(ctx, teams, ref))
    towns = structure.kind_scope(ctx, "乡镇", team_only=True)
    timed(
        "all 乡镇 with per-班子 figures", args.runs, lambda: structure.analyse(ctx, towns, ref, per_team=True)
    )
    everyone = list(report.figures.members.ids)
    timed(
        "cadres behind the county's members", args.runs, lambda: structure.cadres_behind(ctx, everyone, ref)
    )

    from cadre_desk.services import comparison

    six = everyone[:: max(1, len(everyone) // 6)][:6]
    timed("横向比较 of 6 cadres", args.runs, lambda: comparison.compare(ctx, six, ref))
    from cadre_desk.services import structure_selections as saved

    chosen = saved.list_selections(ctx)
    if chosen:  # a saved selection (structure-selection save NAME --unit …) as the scope
        selection = chosen[0]
        timed(
            f"saved selection {selection.name} ({len(selection.unit_ids)} units)",
            args.runs,
            lambda: structure.analyse(ctx, saved.selection_scope(ctx, selection.id, True), ref),
        )
    table = documents.DocumentOptions(printing.print_settings(ctx), reference=ref, cadre_ids=tuple(six))
    timed(
        "横向比较表 PDF of 6 (prepare + build)",
        args.runs,
        lambda: len(documents.prepare(ctx, "comparison", 0, table).to_bytes()),
    )

    options = documents.DocumentOptions(printing.print_settings(ctx), reference=ref, scope=towns)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.pdf"

        def pdf() -> int:
            return documents.prepare(db, "structure", 0, options).write(out)

        pages = timed("PDF of all 乡镇 (prepare + build)", max(1, args.runs // 2), pdf)
        print(f"  {pages} pages, {out.stat().st_size // 1024} KB")
    db.dispose()


if __name__ == "__main__":
    main()
