#!/usr/bin/env python3
"""What the audit trail's hash chain adds to a write, and how fast the chain verifies.

    .venv/bin/python benchmarks/bench_audit_chain.py [--writes 300] [--rounds 5] [--dir /tmp/chain]

A write here is one real service call (`cadres.update_cadre`: load, validate, update, search index,
audit record, commit) on a SQLite file. It runs alternately with the real chain and with the
unchained insert the program used before (the same columns, a counter for `seq`, no head row, no
hash), in several rounds, and prints the medians. Target (issue 11): under 10 % more per write.
The same for the smallest possible write (a unit of work with nothing but its audit record: the worst
case for the ratio). Then `audit verify` on a trail of that size. Figures only.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writes", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()

    from cadre_desk.db import audit_chain
    from cadre_desk.db.models import AuditEvent
    from cadre_desk.db.opening import open_database
    from cadre_desk.services import audit, audit_trail, cadres
    from cadre_desk.services.context import open_context

    chained = audit_chain.append
    counter = iter(range(10**9, 2 * 10**9))

    def unchained(connection: Connection, values: dict[str, Any]) -> dict[str, Any]:
        row = {**values, "seq": next(counter), "prev_hash": "", "hash": ""}
        connection.execute(insert(AuditEvent.__table__), row)  # type: ignore[arg-type]
        return row

    folder = args.dir or Path(tempfile.mkdtemp(prefix="chain-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(str(folder / "bench.db"))
    ctx = open_context(db, "bench")
    cadre = cadres.create_cadre(
        ctx,
        cadres.CadreInput(name="基准测试", gender="男", birth="1985.03", post="科员", rank="科员"),
    )
    state = {"view": cadre, "i": 0}

    def one_write() -> None:
        state["i"] += 1
        view = state["view"]
        data = dataclasses.replace(view.to_input(), post=f"科员{state['i']}")
        state["view"] = cadres.update_cadre(ctx, view.id, data, view.version)

    def smallest_write() -> None:  # a unit of work that writes nothing but its audit record
        with db.uow() as session:
            audit.record(session, ctx, "bench", "database", summary="基准")

    def run(
        append: Callable[[Connection, dict[str, Any]], dict[str, Any]], write: Callable[[], None] = one_write
    ) -> float:
        audit_chain.append = append  # type: ignore[assignment]
        try:
            start = time.perf_counter()
            for _ in range(args.writes):
                write()
            return (time.perf_counter() - start) * 1000 / args.writes
        finally:
            audit_chain.append = chained  # type: ignore[assignment]

    run(chained)  # warm
    with_chain, without = [], []
    for _ in range(args.rounds):
        without.append(run(unchained))
        with_chain.append(run(chained))
    a, b = statistics.median(without), statistics.median(with_chain)
    print(f"write without chain  median {a:6.2f} ms  (rounds: {', '.join(f'{x:.2f}' for x in without)})")
    print(f"write with chain     median {b:6.2f} ms  (rounds: {', '.join(f'{x:.2f}' for x in with_chain)})")
    print(f"the chain adds {100 * (b - a) / a:+.1f} % per write")
    without, with_chain = [], []
    for _ in range(args.rounds):
        without.append(run(unchained, smallest_write))
        with_chain.append(run(chained, smallest_write))
    a, b = statistics.median(without), statistics.median(with_chain)
    print(f"audit-only write without chain  median {a:6.2f} ms")
    print(f"audit-only write with chain     median {b:6.2f} ms")
    print(f"the chain adds {100 * (b - a) / a:+.1f} % to the smallest possible write")

    # verify: only the chained records form the chain; drop the benchmark's unchained ones first
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_event WHERE seq >= 1000000000")
    start = time.perf_counter()
    report = audit_trail.verify(ctx)
    took = (time.perf_counter() - start) * 1000
    print(
        f"audit verify: {report.count} records in {took:.0f} ms ({'ok' if report.ok else report.first_break})"
    )
    db.dispose()


if __name__ == "__main__":
    main()
