"""Issue-3 speed targets on a large demo database (not part of the test suite).

    .venv/bin/python benchmarks/bench_core.py --db /tmp/bench-10k.db [--cadres 10000]

Generates the database first if it does not exist. Each figure is the median of several runs in a
fresh process state where that matters (opening), or of repeated calls (profile, search).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


OPEN_AND_LIST = """
import time, sys
t = time.perf_counter()
from cadre_desk.db.opening import open_database
from cadre_desk.services.context import open_context
from cadre_desk.services import cadres
db = open_database(sys.argv[1]); ctx = open_context(db, "bench")
rows = cadres.list_cadres(ctx, limit=100)
t1 = time.perf_counter()
all_rows = cadres.list_cadres(ctx)
t2 = time.perf_counter()
print(f"{(t1 - t) * 1000:.1f} {(t2 - t1) * 1000:.1f} {len(all_rows)}")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/cadre-bench-10k.db"))
    parser.add_argument("--cadres", type=int, default=10_000)
    args = parser.parse_args()
    if not args.db.exists():
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "--db",
                str(args.db),
                "demo",
                "--cadres",
                str(args.cadres),
            ],
            check=True,
        )
        print(f"demo generation: {time.perf_counter() - start:.1f} s")

    # Opening and the first roster page, in a new process each time (imports included).
    samples = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", OPEN_AND_LIST, str(args.db)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.split()
        samples.append((float(out[0]), float(out[1]), int(out[2])))
    print(
        f"open database + first roster page (100 rows), imports included: "
        f"{statistics.median(s[0] for s in samples):.1f} ms"
    )
    print(
        f"whole roster ({samples[0][2]} rows) as summaries: {statistics.median(s[1] for s in samples):.1f} ms"
    )

    from cadre_desk.db.opening import open_database
    from cadre_desk.services import cadre_records, cadres, search
    from cadre_desk.services.context import open_context

    db = open_database(str(args.db))
    ctx = open_context(db, "bench")
    ids = [c.id for c in cadres.list_cadres(ctx)]
    rng = random.Random(1)
    sample = rng.sample(ids, min(200, len(ids)))
    it = iter(sample * 2)
    profile_ms = _median_ms(lambda: cadre_records.get_profile(ctx, next(it)), 200)
    print(f"full profile (all child records): {profile_ms:.2f} ms")

    for query in ("谈话", "干部", "张", "基层", "组织部", "乡村振兴", "深入调研", "群众路线", "zs"):
        first = _median_ms(lambda q=query: search.search(ctx, q, limit=50, with_total=False), 7)
        total = _median_ms(lambda q=query: search.search(ctx, q, limit=50), 7)
        hits = search.search(ctx, query, limit=50).total
        print(f"search {query!r:8}: first page {first:6.1f} ms, with total {total:6.1f} ms ({hits} hits)")
    # Limited to a kind (issue 9: 3.2-3.7 s in whole processes before the kind index and the merge).
    for query in ("乡村振兴", "谈话", "张"):
        for kind in search.KINDS:
            total = _median_ms(lambda q=query, k=kind: search.search(ctx, q, kinds=[k], limit=50), 7)
            hits = search.search(ctx, query, kinds=[kind], limit=50).total
            print(f"search {query!r:8} --kind {kind:10}: with total {total:6.1f} ms ({hits} hits)")
    db.dispose()


if __name__ == "__main__":
    main()
