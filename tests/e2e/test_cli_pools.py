"""`pool list`, `pool add`, `pool move`, `pool flags` and `pool pools` as real processes: the documented
fields, the filters, bad input as a message with exit code 1."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_cli import run, run_json

KEYS = ("name", "pool", "entered_on", "channel", "recommended_by", "state", "age", "flags")


def _add_cadre(db: str, tmp_path: Path, name: str, birth: str) -> int:
    made = run_json(
        "--db", db, "cadre", "add", "--name", name, "--gender", "男", "--birth", birth, "--json",
        data_dir=tmp_path,
    )  # fmt: skip
    return int(made["id"])


def test_pool_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    run("--db", db, "init", data_dir=tmp_path)
    young = _add_cadre(db, tmp_path, "郑青", "1996.05")
    older = _add_cadre(db, tmp_path, "钱稳", "1990.06")
    table = run_json("--db", db, "pool", "pools", "--json", data_dir=tmp_path)
    assert [(p["name"], p["age_cap"]) for p in table][:2] == [("好苗子", 30), ("优秀年轻干部", 35)]
    added = run_json(
        "--db", db, "pool", "add", str(young), "--pool", "好苗子", "--date", "2024.03.01",
        "--channel", "测试", "--json", data_dir=tmp_path,
    )  # fmt: skip
    assert (added["state"], added["pool"]) == ("在库", "好苗子")
    run(
        "--db", db, "pool", "add", str(older), "--pool", "优秀年轻干部", "--date", "2024.03.01",
        "--channel", "推荐", "--recommended-by", "县发改委", "--document-no", "组通〔2024〕3号",
        data_dir=tmp_path,
    )  # fmt: skip
    refused = run(
        "--db", db, "pool", "add", str(older), "--pool", "好苗子", "--date", "2024.03.01",
        "--channel", "考察", data_dir=tmp_path, check=False,
    )  # fmt: skip
    assert refused.returncode == 1
    assert "超过“好苗子”的年龄上限 30 岁" in refused.stderr

    rows = run_json("--db", db, "pool", "list", "--date", "2026.01.01", "--json", data_dir=tmp_path)
    assert [
        {k: r[k] for k in KEYS} for r in rows
    ] == [
        {"name": "郑青", "pool": "好苗子", "entered_on": "2024-03-01", "channel": "测试",
         "recommended_by": "", "state": "在库", "age": 29, "flags": []},
        {"name": "钱稳", "pool": "优秀年轻干部", "entered_on": "2024-03-01", "channel": "推荐",
         "recommended_by": "县发改委", "state": "在库", "age": 35, "flags": []},
    ]  # fmt: skip
    only = run_json("--db", db, "pool", "list", "--pool", "优秀年轻干部", "--json", data_dir=tmp_path)
    assert [r["name"] for r in only] == ["钱稳"]

    flags = run_json("--db", db, "pool", "flags", "--date", "2026.06.01", "--json", data_dir=tmp_path)
    assert flags == [
        {"entry_id": rows[1]["id"], "cadre_id": older, "name": "钱稳", "pool": "优秀年轻干部",
         "state": "在库", "flag": "超龄", "detail": "36岁，超过库别年龄上限35岁"},
    ]  # fmt: skip

    entry = str(rows[0]["id"])
    run(
        "--db",
        db,
        "pool",
        "move",
        entry,
        "--state",
        "列为考察对象",
        "--date",
        "2025.06.01",
        data_dir=tmp_path,
    )
    moved = run_json(
        "--db", db, "pool", "move", entry, "--state", "已使用", "--date", "2025.07.01", "--post", "副镇长",
        "--json", data_dir=tmp_path,
    )  # fmt: skip
    assert (moved["state"], moved["used_post"], moved["used_on"]) == ("已使用", "副镇长", "2025-07-01")
    used = run_json("--db", db, "pool", "list", "--state", "已使用", "--json", data_dir=tmp_path)
    assert [(r["name"], r["state_on"]) for r in used] == [("郑青", "2025-07-01")]
    bad = run(
        "--db", db, "pool", "move", entry, "--state", "退出", "--date", "2025.08.01", "--reason", "本人",
        data_dir=tmp_path, check=False,
    )  # fmt: skip
    assert bad.returncode == 1 and "不能从“已使用”改为“退出”" in bad.stderr
    unknown = run("--db", db, "pool", "list", "--pool", "不存在", data_dir=tmp_path, check=False)
    assert unknown.returncode == 1 and "找不到库别" in unknown.stderr


def test_the_ledger_from_the_command_line(tmp_path: Path) -> None:
    db, other = str(tmp_path / "d.db"), str(tmp_path / "o.db")
    run("--db", db, "init", data_dir=tmp_path)
    young = _add_cadre(db, tmp_path, "郑青", "1996.05")
    add = ("pool", "add", str(young), "--pool", "好苗子", "--date", "2024.03.01", "--channel", "测试")
    run("--db", db, *add, data_dir=tmp_path)
    ledger = tmp_path / "台账.xlsx"
    out = run("--db", db, "export-pool-ledger", "-o", str(ledger), data_dir=tmp_path)
    assert "已导出 1 条" in out.stdout
    run("--db", other, "init", data_dir=tmp_path)
    preview = run_json(
        "--db", other, "import-pool-ledger", str(ledger), "--dry-run", "--json", data_dir=tmp_path
    )
    assert (preview["cadres"]["create"], preview["new_entries"], preview["written"]) == (1, 1, False)
    done = run_json("--db", other, "import-pool-ledger", str(ledger), "--json", data_dir=tmp_path)
    assert done["written"] and "before-pool-ledger-import" in done["backup"]
    rows = run_json("--db", other, "pool", "list", "--json", data_dir=tmp_path)
    assert [(r["name"], r["pool"], r["entered_on"]) for r in rows] == [("郑青", "好苗子", "2024-03-01")]


def test_the_growth_record_from_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    run("--db", db, "init", data_dir=tmp_path)
    young = _add_cadre(db, tmp_path, "郑青", "1996.05")
    add = ("pool", "add", str(young), "--pool", "好苗子", "--date", "2024.03.01", "--channel", "测试")
    run("--db", db, *add, data_dir=tmp_path)
    out = tmp_path / "成长档案.pdf"
    done = run("--db", db, "dossier", "growth", str(young), "-o", str(out), "--date", "2026.01.01",
               data_dir=tmp_path)  # fmt: skip
    assert "已导出年轻干部成长档案" in done.stdout and out.stat().st_size > 0
    bad = run("--db", db, "dossier", "growth", str(young), "-o", str(out), "--diary", "x", data_dir=tmp_path,
              check=False)  # fmt: skip
    assert bad.returncode == 1 and "日记编号" in bad.stderr
