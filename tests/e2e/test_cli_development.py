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
