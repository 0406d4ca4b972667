"""`check --repair` (the search index rebuild) killed with SIGKILL at random moments: the database stays
sound, the index is either the old one or the new one, and search works."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cadre_desk.db import sqlite_tools

ROOT = Path(__file__).resolve().parents[2]


def _cli(db: Path, data_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "CADRE_DESK_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )


def _make_stale(db: Path, round_no: int) -> None:
    """Change records behind the services' back, so that the search index is out of date."""
    conn = sqlite3.connect(db)
    conn.execute("UPDATE cadre SET post = post || ?", (f"改{round_no}",))
    conn.commit()
    conn.close()


def _fts_problems(db: Path) -> list[str]:
    conn = sqlite_tools.connect(db)
    problems = []
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for table in ("search_fts_tri", "search_fts_bi"):
            try:
                conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                problems.append(f"{table}: {exc}")
        conn.rollback()
    finally:
        conn.close()
    return problems


def test_repair_killed_at_random_moments(tmp_path: Path) -> None:
    db = tmp_path / "county.db"
    demo = _cli(db, tmp_path, "demo", "--cadres", "25", "--seed", "9")
    assert demo.wait(timeout=600) == 0, demo.communicate()[1]
    demo.communicate()
    rng = random.Random(9)
    started = time.monotonic()
    full = _cli(db, tmp_path, "check", "--repair")  # how long a whole repair takes here
    _make_stale(db, 0)
    full.communicate(timeout=600)
    full = _cli(db, tmp_path, "check", "--repair")
    _out, err = full.communicate(timeout=600)
    assert full.returncode == 0, err
    duration = time.monotonic() - started
    for round_no in range(1, 7):
        _make_stale(db, round_no)
        proc = _cli(db, tmp_path, "check", "--repair")
        time.sleep(rng.uniform(0.3, max(0.6, duration * 0.8)))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        assert _fts_problems(db) == [], f"round {round_no}"
        search = _cli(db, tmp_path, "search", "改", "--json")
        out, err = search.communicate(timeout=300)
        assert search.returncode == 0 and "Traceback" not in err, err
    final = _cli(db, tmp_path, "check", "--repair")
    out, err = final.communicate(timeout=600)
    assert final.returncode == 0, out + err
    assert _fts_problems(db) == []


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
