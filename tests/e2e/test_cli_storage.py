"""The command line against hostile paths, locked, full and read-only databases, as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cadre_desk.db import sqlite_tools

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_DIR = "-档案 #1?a=b%20&c 中文"
HOSTILE_FILE = "-库 #?%& 中文.db"


def cli(*args: str, data_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CADRE_DESK_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
    )


def ok(proc: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("storage")
    folder = base / HOSTILE_DIR
    folder.mkdir()
    db = folder / HOSTILE_FILE
    ok(cli("--db", str(db), "demo", "--cadres", "12", "--seed", "3", data_dir=base))
    return db, base


def test_backup_check_and_search_in_a_hostile_folder(hostile_db: tuple[Path, Path]) -> None:
    db, base = hostile_db
    dest_dir = base / "备份 #?%& -x"
    dest = dest_dir / "-备份 #1?.db"
    out = ok(cli("--db", str(db), "backup", str(dest), data_dir=base)).stdout
    assert "已备份并校验" in out and str(dest) in out
    assert sorted(p.name for p in dest_dir.iterdir()) == [dest.name]
    stats = json.loads(ok(cli("--db", str(db), "stats", "--json", data_dir=base)).stdout)
    copied = json.loads(ok(cli("--db", str(dest), "stats", "--json", data_dir=base)).stdout)
    assert copied["cadre"] == stats["cadre"] == 12
    assert {k: v for k, v in copied.items() if k != "audit_event"} == {
        k: v for k, v in stats.items() if k != "audit_event"
    }
    assert ok(cli("--db", str(db), "check", data_dir=base)).stdout.count("正常") >= 4
    assert ok(cli("--db", str(dest), "check", data_dir=base)).stdout.count("正常") >= 4
    assert sqlite_tools.quick_check(dest) == []
    names = {p.name for p in base.iterdir()}
    assert not any(n in names for n in ("-档案 ", "备份 ")), names


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_backup_onto_the_live_files_is_refused(hostile_db: tuple[Path, Path], suffix: str) -> None:
    db, base = hostile_db
    target = Path(str(db) + suffix)
    before = target.read_bytes() if target.exists() else None
    proc = cli("--db", str(db), "backup", str(target), data_dir=base)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "附属文件" in proc.stderr
    assert (target.read_bytes() if target.exists() else None) == before
