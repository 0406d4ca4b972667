"""`retirement` and `cadre show` from the command line: the documented fields, filters, bad input."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_cli import run, run_json


def test_retirement_list_and_cadre_show(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    run("--db", db, "init", data_dir=tmp_path)
    run("--db", db, "unit", "add", "某县青山镇人民政府", "--short-name", "青山镇", data_dir=tmp_path)
    run("--db", db, "unit", "add", "某县委办公室", data_dir=tmp_path)
    made = {}
    for name, gender, birth, unit in (
        ("钱进", "男", "1966.08", "青山镇"),
        ("孙现", "男", "1966.07", "某县委办公室"),
        ("李芳", "女", "1971.09", "青山镇"),
        ("郑青", "男", "1995.05", "青山镇"),
    ):
        made[name] = run_json(
            "--db",
            db,
            "cadre",
            "add",
            "--name",
            name,
            "--gender",
            gender,
            "--birth",
            birth,
            "--unit",
            unit,
            "--json",
            data_dir=tmp_path,
        )

    rows = run_json(
        "--db", db, "retirement", "--date", "2026.12.06", "--within", "6", "--json", data_dir=tmp_path
    )
    assert [
        {
            k: r[k]
            for k in (
                "name",
                "gender",
                "birth",
                "original_age",
                "retirement_month",
                "retirement_age",
                "source",
            )
        }
        for r in rows
    ] == [
        {
            "name": "孙现",
            "gender": "男",
            "birth": "1966.07",
            "original_age": 60,
            "retirement_month": "2026.12",
            "retirement_age": "60岁5个月",
            "source": "计算",
        },
        {
            "name": "钱进",
            "gender": "男",
            "birth": "1966.08",
            "original_age": 60,
            "retirement_month": "2027.01",
            "retirement_age": "60岁5个月",
            "source": "计算",
        },
        {
            "name": "李芳",
            "gender": "女",
            "birth": "1971.09",
            "original_age": 55,
            "retirement_month": "2027.03",
            "retirement_age": "55岁6个月",
            "source": "计算",
        },
    ]
    assert rows[0]["id"] == made["孙现"]["id"]
    town = run_json(
        "--db",
        db,
        "retirement",
        "--unit",
        "青山镇",
        "--date",
        "2026.12.06",
        "--within",
        "6",
        "--json",
        data_dir=tmp_path,
    )
    assert [r["name"] for r in town] == ["钱进", "李芳"]
    everyone = run_json("--db", db, "retirement", "--json", data_dir=tmp_path)
    assert len(everyone) == 4 and everyone[-1]["name"] == "郑青"
    text = run("--db", db, "retirement", "--date", "2026.12.06", "--within", "0", data_dir=tmp_path).stdout
    assert "2026.12" in text and "孙现" in text and "钱进" not in text

    shown = run_json("--db", db, "cadre", "show", str(made["郑青"]["id"]), "--json", data_dir=tmp_path)
    assert (shown["retirement_month"], shown["retirement_age"]) == ("2058.05", "63岁")

    bad = run("--db", db, "retirement", "--date", "2026.13.01", data_dir=tmp_path, check=False)
    assert bad.returncode == 1 and "date" in bad.stderr
    negative = run("--db", db, "retirement", "--within", "-1", data_dir=tmp_path, check=False)
    assert negative.returncode == 1 and "within" in negative.stderr


def test_training_compliance(tmp_path: Path) -> None:
    from cadre_desk.db.opening import open_database
    from cadre_desk.services.context import open_context
    from tests.integration.test_compliance import _county

    db = tmp_path / "t.db"
    database = open_database(str(db))
    try:
        ids = _county(open_context(database, "测试员"))
    finally:
        database.dispose()
    rows = run_json("--db", str(db), "training", "compliance", "--year", "2026", "--json", data_dir=tmp_path)
    fields = ("id", "name", "level", "window", "required_hours", "done_hours", "shortfall_hours", "met")
    assert [{k: r[k] for k in fields} for r in rows] == [
        {
            "id": ids["甲达标"],
            "name": "甲达标",
            "level": "乡科级",
            "window": "2026",
            "required_hours": 90.0,
            "done_hours": 72.0,
            "shortfall_hours": 0.0,
            "met": True,
        },
        {
            "id": ids["乙差时"],
            "name": "乙差时",
            "level": "乡科级",
            "window": "2026",
            "required_hours": 90.0,
            "done_hours": 8.0,
            "shortfall_hours": 82.0,
            "met": False,
        },
        {
            "id": ids["丙处级"],
            "name": "丙处级",
            "level": "县处级",
            "window": "2023–2027",
            "required_hours": 550.0,
            "done_hours": 360.0,
            "shortfall_hours": 190.0,
            "met": False,
        },
        {
            "id": ids["丁无记录"],
            "name": "丁无记录",
            "level": "乡科级",
            "window": "2026",
            "required_hours": 90.0,
            "done_hours": 0.0,
            "shortfall_hours": 90.0,
            "met": False,
        },
    ]
    office = run_json(
        "--db",
        str(db),
        "training",
        "compliance",
        "--year",
        "2026",
        "--unit",
        "县委办",
        "--short",
        "--export",
        str(tmp_path / "s.xlsx"),
        "--json",
        data_dir=tmp_path,
    )
    assert [r["name"] for r in office] == ["丙处级", "丁无记录"] and (tmp_path / "s.xlsx").stat().st_size > 0
    text = run("--db", str(db), "training", "compliance", "--year", "2026", data_dir=tmp_path).stdout
    assert "共 4 人，未达标 3 人" in text
    bad = run("--db", str(db), "training", "compliance", "--year", "20266", data_dir=tmp_path, check=False)
    assert bad.returncode == 1 and "year" in bad.stderr


def test_import_training(tmp_path: Path) -> None:
    from cadre_desk.db.opening import open_database
    from cadre_desk.services.context import open_context
    from tests.conftest import make_cadre
    from tests.integration.test_training_import import class_list

    db = tmp_path / "i.db"
    database = open_database(str(db))
    try:
        make_cadre(open_context(database, "测试员"), "张三", id_number="110105198503150019", birth="1985.03")
    finally:
        database.dispose()
    good = class_list(
        tmp_path / "好.xlsx",
        [
            [
                "青干班",
                "青干班",
                "县委党校",
                "2026.03.02",
                "2026.03.16",
                90,
                15,
                "是",
                "张三",
                "110105198503150019",
                "",
            ]
        ],
    )
    preview = run_json(
        "--db", str(db), "import-training", str(good), "--dry-run", "--json", data_dir=tmp_path
    )
    assert (preview["new"], preview["written"], preview["problems"]) == (1, False, [])
    done = run_json("--db", str(db), "import-training", str(good), "--json", data_dir=tmp_path)
    assert (done["created"], done["written"]) == (1, True)
    again = run("--db", str(db), "import-training", str(good), data_dir=tmp_path).stdout
    assert "已导入 0 条培训记录（跳过已有 1 条）" in again
    bad = class_list(
        tmp_path / "坏.xlsx", [["班", "", "", "2026.01.01", "", 1, 0, "", "赵六", "", "1990.01"]]
    )
    refused = run("--db", str(db), "import-training", str(bad), data_dir=tmp_path, check=False)
    assert refused.returncode == 1 and "第 3 行：赵六（1990.01）在干部名册中找不到" in refused.stderr


def test_rule_list_and_set(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    run("--db", db, "init", data_dir=tmp_path)
    listed = run_json("--db", db, "rule", "list", "--json", data_dir=tmp_path)
    principal = next(r for r in listed if (r["category"], r["key"]) == ("leadership_exit_age", "principal"))
    assert principal["value"] == 58 and "地方做法" in principal["source"]
    changed = run_json(
        "--db", db, "rule", "set", "leadership_exit_age", "principal", "59", "--json", data_dir=tmp_path
    )
    assert changed["value"] == 59 and changed["source"].startswith("本部门修改（原默认值 58）")
    refused = run(
        "--db", db, "rule", "set", "retirement", "women_county_age", "57", data_dir=tmp_path, check=False
    )
    assert refused.returncode == 1 and "55、60" in refused.stderr


def test_training_promoted_and_youth_class(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    run("--db", db, "init", data_dir=tmp_path)
    add = ("cadre", "add", "--name", "郑新", "--gender", "男", "--birth", "1990.05", "--json")
    made = run_json("--db", db, *add, data_dir=tmp_path)
    assert made["id"]
    rows = run_json("--db", db, "training", "promoted", "--date", "2026.12.06", "--json", data_dir=tmp_path)
    assert rows == []  # no 任现职时间: not a newly promoted cadre
    out = tmp_path / "青干班.xlsx"
    youth = run_json("--db", db, "training", "youth-class", "--year", "2026", "--export", str(out), "--json",
                     data_dir=tmp_path)  # fmt: skip
    assert youth == [] and out.exists()
