"""Demo-data generation at scale (not part of the test suite).

    .venv/bin/python benchmarks/bench_demo.py --cadres 10000 [--seed 1] [--keep PATH]

Generates into a new SQLite file and prints the wall time of each stage (from the progress callback),
the rows per entity, the file size and the average length of the texts. The target is under five
minutes for 10,000 cadres on a two-core machine, search index included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cadre_desk import demo  # noqa: E402
from cadre_desk.db.opening import open_database  # noqa: E402

TEXT_COLUMNS = (
    ("diary_entry", "content"),
    ("mentor_comment", "text"),
    ("talk", "content"),
    ("talk", "outline"),
    ("talk", "statement"),
    ("mentorship", "goals"),
    ("mentorship", "plan"),
    ("mentorship_record", "content"),
    ("search_doc", "body"),
)


class StageClock:
    """Records when each progress stage starts; a stage ends when the next one starts."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.marks: list[tuple[str, float]] = []

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.marks or self.marks[-1][0] != stage:
            self.marks.append((stage, time.perf_counter()))
            print(f"  {time.perf_counter() - self.start:7.1f} s  {stage}", flush=True)

    def report(self, end: float) -> list[tuple[str, float]]:
        out = []
        for i, (stage, at) in enumerate(self.marks):
            following = self.marks[i + 1][1] if i + 1 < len(self.marks) else end
            out.append((stage, following - at))
        return out


def text_stats(path: Path) -> list[tuple[str, int, float, int, int]]:
    conn = sqlite3.connect(path)
    try:
        rows = []
        for table, column in TEXT_COLUMNS:
            n, avg, lo, hi = conn.execute(
                f"SELECT count(*), avg(length({column})), min(length({column})), "
                f"max(length({column})) FROM {table}"
            ).fetchone()
            rows.append((f"{table}.{column}", n, avg or 0.0, lo or 0, hi or 0))
        return rows
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cadres", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write here and keep the file (default: a temp file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cadre-bench-") as tmp:
        os.environ.setdefault("CADRE_DESK_DATA_DIR", str(Path(tmp) / "data"))
        path = args.keep or Path(tmp) / "demo.db"
        if path.exists():
            sys.exit(f"{path} exists; remove it first")
        db = open_database(str(path))
        clock = StageClock()
        print(f"generating {args.cadres} cadres (seed {args.seed}) into {path}")
        report = demo.generate(db, args.cadres, seed=args.seed, progress=clock, today=dt.date.today())
        end = time.perf_counter()
        db.dispose()
        total = end - clock.start

        print("\nstage                    seconds")
        for stage, seconds in clock.report(end):
            print(f"  {stage:<20} {seconds:8.1f}")
        print(f"  {'total':<20} {total:8.1f}")

        print("\nrows")
        for name, value in vars(report).items():
            if isinstance(value, int) and name != "seed":
                print(f"  {name:<26} {value:>10,}")
        entries = report.diary_entries + report.talks
        print(f"  {'diary entries + talks':<26} {entries:>10,}  ({entries / args.cadres:.1f} per cadre)")

        print("\ntext length (characters)      rows      avg    min     max")
        for label, n, avg, lo, hi in text_stats(path):
            print(f"  {label:<24} {n:>9,} {avg:8.0f} {lo:6} {hi:7}")
        size = path.stat().st_size
        wal = Path(str(path) + "-wal")
        print(
            f"\ndatabase file: {size / 1e6:,.0f} MB (WAL {wal.stat().st_size if wal.exists() else 0} bytes)"
        )
        print(f"time: {total:.1f} s for {report.total_rows:,} rows ({report.total_rows / total:,.0f} rows/s)")


if __name__ == "__main__":
    main()
