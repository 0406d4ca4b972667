"""The command line as scripts meet it: real processes, exit codes, UTF-8 JSON, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, data_dir: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CADRE_DESK_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def run_json(*args: str, data_dir: Path) -> Any:
    return json.loads(run(*args, data_dir=data_dir).stdout)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("cli")
    db = base / "demo.db"
    run("--db", str(db), "init", data_dir=base)
    run("--db", str(db), "demo", "--cadres", "40", "--seed", "7", data_dir=base)
    return db, base


def test_stats_counts_every_entity(demo_db: tuple[Path, Path]) -> None:
    db, base = demo_db
    stats = run_json("--db", str(db), "stats", "--json", data_dir=base)
    assert stats["cadre"] == 40
    assert stats["unit"] >= 20
    for table in (
        "resume_entry",
        "family_member",
        "assessment",
        "mentorship",
        "diary_entry",
        "mentor_comment",
        "talk",
        "talk_subject",
        "audit_event",
    ):
        assert stats[table] > 0, table


def test_cadre_list_and_show(demo_db: tuple[Path, Path]) -> None:
    db, base = demo_db
    rows = run_json("--db", str(db), "cadre", "list", "--limit", "5", "--json", data_dir=base)
    assert isinstance(rows, list) and len(rows) == 5
    first = rows[0]
    for key in ("id", "uid", "name", "gender", "birth", "id_number", "unit", "post", "rank", "age"):
        assert key in first
    assert len(first["birth"]) == 7 and first["birth"][4] == "."
    unit = first["unit"]
    in_unit = run_json("--db", str(db), "cadre", "list", "--unit", unit, "--json", data_dir=base)
    assert in_unit and all(r["unit"] == unit for r in in_unit)
    shown = run_json("--db", str(db), "cadre", "show", str(first["id"]), "--json", data_dir=base)
    assert shown["name"] == first["name"]
    assert shown["resume"] and shown["family"] and shown["assessments"]
    assert all(len(e["start"]) == 7 for e in shown["resume"])


def test_search_json_finds_a_cadre_by_name_and_initials(demo_db: tuple[Path, Path]) -> None:
    db, base = demo_db
    someone = run_json("--db", str(db), "cadre", "list", "--limit", "1", "--json", data_dir=base)[0]
    page = run_json("--db", str(db), "search", someone["name"], "--kind", "cadre", "--json", data_dir=base)
    assert any(h["kind"] == "cadre" and h["ref_id"] == someone["id"] for h in page["hits"])
    by_initials = run_json(
        "--db",
        str(db),
        "search",
        someone["name_initials"],
        "--kind",
        "cadre",
        "--limit",
        "100",
        "--json",
        data_dir=base,
    )
    assert any(h["ref_id"] == someone["id"] for h in by_initials["hits"])
    talks = run_json("--db", str(db), "search", "谈话", "--kind", "talk", "--json", data_dir=base)
    assert talks["total"] > 0 and all(h["kind"] == "talk" for h in talks["hits"])


def test_check_and_repair_the_search_index(demo_db: tuple[Path, Path], tmp_path: Path) -> None:
    db, base = demo_db
    copy = tmp_path / "copy.db"
    run("--db", str(db), "backup", str(copy), data_dir=base)
    report = run_json("--db", str(copy), "check", "--json", data_dir=base)
    assert report["ok"] is True
    import sqlite3

    conn = sqlite3.connect(copy)
    conn.execute("DELETE FROM search_doc WHERE kind = 'talk'")  # a stale index, as after a crash mid-way
    conn.commit()
    conn.close()
    broken = run("--db", str(copy), "check", "--json", data_dir=base, check=False)
    assert broken.returncode == 1 and json.loads(broken.stdout)["ok"] is False
    repaired = run_json("--db", str(copy), "check", "--repair", "--json", data_dir=base)
    assert repaired["ok"] is True
    assert any(item["repaired"] for item in repaired["items"])


def test_backup_is_verified_and_refuses_to_overwrite(demo_db: tuple[Path, Path], tmp_path: Path) -> None:
    db, base = demo_db
    dest = tmp_path / "b.db"
    run("--db", str(db), "backup", str(dest), data_dir=base)
    stats = run_json("--db", str(dest), "stats", "--json", data_dir=base)
    assert stats["cadre"] == 40
    again = run("--db", str(db), "backup", str(dest), data_dir=base, check=False)
    assert again.returncode == 1 and "已存在" in again.stderr


def test_bad_input_gives_messages_not_tracebacks(tmp_path: Path, demo_db: tuple[Path, Path]) -> None:
    db, base = demo_db
    not_db = tmp_path / "x.db"
    not_db.write_text("hello", encoding="utf-8")
    proc = run("--db", str(not_db), "stats", data_dir=base, check=False)
    assert proc.returncode == 1 and "不是" in proc.stderr
    assert not_db.read_text(encoding="utf-8") == "hello"
    missing = run("--db", str(db), "cadre", "show", "999999", data_dir=base, check=False)
    assert missing.returncode == 1 and "找不到" in missing.stderr
    absent = run("--db", str(tmp_path / "nothere.db"), "stats", data_dir=base, check=False)
    assert absent.returncode == 1 and not (tmp_path / "nothere.db").exists()
    usage = run("--db", str(db), "cadre", "list", "--limit", "many", data_dir=base, check=False)
    assert usage.returncode == 2
    unknown_unit = run("--db", str(db), "cadre", "list", "--unit", "不存在的单位", data_dir=base, check=False)
    assert unknown_unit.returncode == 1 and "找不到单位" in unknown_unit.stderr


def test_demo_refuses_a_database_with_cadres(demo_db: tuple[Path, Path]) -> None:
    db, base = demo_db
    proc = run("--db", str(db), "demo", "--cadres", "5", data_dir=base, check=False)
    assert proc.returncode == 1 and proc.stderr.strip()


def test_demo_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.db", "b.db"):
        db = tmp_path / name
        run("--db", str(db), "demo", "--cadres", "15", "--seed", "3", data_dir=tmp_path)
        outputs.append(run("--db", str(db), "cadre", "list", "--json", data_dir=tmp_path).stdout)
    a, b = (json.loads(o) for o in outputs)
    assert a == b  # uids included: they come from the seeded generator too
