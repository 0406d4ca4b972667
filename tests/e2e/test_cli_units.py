"""`unit …` and `cadre add` as scripts use them: real processes on a database that starts empty."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import run, run_json


def test_units_and_a_cadre_from_an_empty_database(tmp_path: Path) -> None:
    db = str(tmp_path / "blank.db")
    run("--db", db, "init", data_dir=tmp_path)
    assert run_json("--db", db, "unit", "list", "--json", data_dir=tmp_path) == []

    county = run_json(
        "--db", db, "unit", "add", "中共某县委员会", "--kind", "党委", "--json", data_dir=tmp_path
    )
    dept = run_json(
        "--db", db, "unit", "add", "中共某县委组织部", "--parent", "中共某县委员会", "--kind", "部门",
        "--short-name", "县委组织部", "--json", data_dir=tmp_path,
    )  # fmt: skip
    assert {k: county[k] for k in ("name", "kind", "parent_id")} == {
        "name": "中共某县委员会",
        "kind": "党委",
        "parent_id": None,
    }
    assert dept["parent_id"] == county["id"] and isinstance(dept["id"], int)

    cadre = run_json(
        "--db", db, "cadre", "add", "--name", "林小雨", "--gender", "女", "--birth", "1996.04",
        "--id-number", "110105199604150020", "--unit", "县委组织部", "--post", "干部一科科员", "--json",
        data_dir=tmp_path,
    )  # fmt: skip
    assert (cadre["name"], cadre["unit_id"], cadre["unit"], cadre["post"]) == (
        "林小雨",
        dept["id"],
        "中共某县委组织部",
        "干部一科科员",
    )
    assert cadre["birth"] == "1996.04" and cadre["id_number"] == "110105199604150020"
    listed = run_json("--db", db, "cadre", "list", "--unit", "县委组织部", "--json", data_dir=tmp_path)
    assert [c["name"] for c in listed] == ["林小雨"]

    rows = run_json("--db", db, "unit", "list", "--json", data_dir=tmp_path)
    assert [(r["id"], r["name"], r["kind"], r["parent_id"], r["cadres"]) for r in rows] == [
        (county["id"], "中共某县委员会", "党委", None, 0),
        (dept["id"], "中共某县委组织部", "部门", county["id"], 1),
    ]

    renamed = run_json(
        "--db", db, "unit", "rename", str(dept["id"]), "县委组织部（机关）", "--json", data_dir=tmp_path
    )
    assert renamed["name"] == "县委组织部（机关）"
    shown = run_json("--db", db, "cadre", "show", str(cadre["id"]), "--json", data_dir=tmp_path)
    assert shown["unit"] == "县委组织部（机关）"

    # an archive that would strand a cadre is refused with the reason, exit code 1, no traceback
    refused = run("--db", db, "unit", "archive", "县委组织部（机关）", data_dir=tmp_path, check=False)
    assert refused.returncode == 1 and "1 名在册干部" in refused.stderr
    empty = run_json("--db", db, "unit", "add", "临时工作专班", "--json", data_dir=tmp_path)
    archived = run_json("--db", db, "unit", "archive", "临时工作专班", "--json", data_dir=tmp_path)
    assert archived["archived"] is True and archived["id"] == empty["id"]
    names = [r["name"] for r in run_json("--db", db, "unit", "list", "--json", data_dir=tmp_path)]
    assert "临时工作专班" not in names
    every = run_json("--db", db, "unit", "list", "--archived", "--json", data_dir=tmp_path)
    assert [r["archived"] for r in every if r["name"] == "临时工作专班"] == [True]
    restored = run_json("--db", db, "unit", "restore", "临时工作专班", "--json", data_dir=tmp_path)
    assert restored["archived"] is False

    merged = run_json(
        "--db", db, "unit", "merge", "临时工作专班", "--into", "中共某县委员会", "--json", data_dir=tmp_path
    )
    assert merged["survivor"]["name"] == "中共某县委员会" and merged["absorbed"]["archived"] is True


def test_bad_input_is_reported_not_raised(tmp_path: Path) -> None:
    db = str(tmp_path / "bad.db")
    run("--db", db, "init", data_dir=tmp_path)
    run("--db", db, "unit", "add", "某某镇", "--kind", "乡镇", data_dir=tmp_path)
    twice = run("--db", db, "unit", "add", "某某镇", data_dir=tmp_path, check=False)
    assert twice.returncode == 1 and "已有同名单位“某某镇”" in twice.stderr
    missing = run(
        "--db", db, "unit", "add", "某办", "--parent", "不存在的单位", data_dir=tmp_path, check=False
    )
    assert missing.returncode == 1 and "找不到单位" in missing.stderr
    kind = run("--db", db, "unit", "add", "某局", "--kind", "党政机关", data_dir=tmp_path, check=False)
    assert kind.returncode == 2  # argparse: not one of the unit kinds
    bad = run(
        "--db", db, "cadre", "add", "--name", "王五", "--gender", "男", "--birth", "1985.13", "--json",
        data_dir=tmp_path, check=False,
    )  # fmt: skip
    assert bad.returncode == 1 and "出生年月" in bad.stderr and bad.stdout == ""
    wrong_id = run(
        "--db", db, "cadre", "add", "--name", "王五", "--gender", "女", "--birth", "1996.04",
        "--id-number", "110105199604150011", data_dir=tmp_path, check=False,
    )  # fmt: skip
    assert wrong_id.returncode == 1 and "身份证号" in wrong_id.stderr
    assert json.loads(run("--db", db, "stats", "--json", data_dir=tmp_path).stdout)["cadre"] == 0
