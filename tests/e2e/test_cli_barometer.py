"""`barometer …` from the command line: open a period, import a member unit's list (dry run, then for
real), show it as JSON with the documented fields, the periods list, recompute, state and export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from cadre_desk.domain.idcard import make_id_number
from tests.e2e.test_cli import run, run_json

ID_A = make_id_number("110105", dt.date(1985, 3, 15), 1, True)
ID_B = make_id_number("110105", dt.date(1980, 1, 2), 2, True)


def test_barometer_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    run("--db", db, "init", data_dir=tmp_path)
    run("--db", db, "unit", "add", "某县青山镇人民政府", "--short-name", "青山镇", data_dir=tmp_path)
    made = {}
    for name, birth, id_number in (("钱进", "1985.03", ID_A), ("孙现", "1980.01", ID_B)):
        made[name] = run_json(
            "--db", db, "cadre", "add", "--name", name, "--gender", "男", "--birth", birth,
            "--id-number", id_number, "--unit", "青山镇", "--json", data_dir=tmp_path,
        )["id"]  # fmt: skip
    opened = run_json("--db", db, "barometer", "open", "2026Q4", "--json", data_dir=tmp_path)
    assert (opened["period"], opened["state"], opened["total"]) == ("2026Q4", "采集中", 2)
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["姓名", "身份证号", "核查结果"])
    ws.append(["钱进", ID_A, "属实"])
    path = tmp_path / "信访.xlsx"
    book.save(path)

    preview = run_json(
        "--db", db, "barometer", "import", "2026Q4", str(path), "--dry-run", "--json", data_dir=tmp_path
    )
    assert (preview["written"], preview["changed"], preview["columns"]) == (False, 1, ["信访举报"])
    assert preview["items"][0]["changes"] == {"信访举报": {"old": "", "new": "属实"}}
    shown = run_json("--db", db, "barometer", "show", "2026Q4", "--json", data_dir=tmp_path)
    assert {r["colour"] for r in shown} == {"绿"}
    done = run_json("--db", db, "barometer", "import", "2026Q4", str(path), "--json", data_dir=tmp_path)
    assert done["written"] and done["counts"] == {"红": 0, "黄": 1, "绿": 1}

    shown = run_json(
        "--db", db, "barometer", "show", "2026Q4", "--unit", "青山镇", "--json", data_dir=tmp_path
    )
    by_name = {r["name"]: r for r in shown}
    assert set(by_name["钱进"]) >= {"cadre_id", "name", "colour", "rule", "override", "disposal"}
    assert by_name["钱进"]["cadre_id"] == made["钱进"]
    assert (by_name["钱进"]["colour"], by_name["钱进"]["override"], by_name["钱进"]["disposal"]) == (
        "黄",
        None,
        None,
    )
    assert by_name["钱进"]["rule"] == "信访举报 属实（信访举报待核或属实）"
    assert by_name["孙现"]["rule"] is None
    warnings = run_json("--db", db, "barometer", "show", "2026Q4", "--warnings", "--json", data_dir=tmp_path)
    assert [r["name"] for r in warnings] == ["钱进"]

    periods = run_json("--db", db, "barometer", "periods", "--json", data_dir=tmp_path)
    assert [(p["period"], p["label"], p["counts"]) for p in periods] == [
        ("2026Q4", "2026年第四季度", {"红": 0, "黄": 1, "绿": 1})
    ]
    assert (
        run_json("--db", db, "barometer", "recompute", "2026Q4", "--json", data_dir=tmp_path)["changed"] == 0
    )
    moved = run_json("--db", db, "barometer", "state", "2026Q4", "研判中", "--json", data_dir=tmp_path)
    assert moved["state"] == "研判中"
    out = tmp_path / "grid.xlsx"
    run("--db", db, "barometer", "export", "2026Q4", "-o", str(out), data_dir=tmp_path)
    assert openpyxl.load_workbook(out).active.max_row == 4  # type: ignore[union-attr]

    pdf = tmp_path / "联席研判表.pdf"
    printed = run("--db", db, "dossier", "barometer", "2026q4", "-o", str(pdf), data_dir=tmp_path)
    assert "（共 2 页）" in printed.stdout and pdf.read_bytes().startswith(b"%PDF")
    gone = run("--db", db, "dossier", "barometer", "2024Q1", "-o", str(tmp_path / "x.pdf"), data_dir=tmp_path,
               check=False)  # fmt: skip
    assert gone.returncode == 1 and not (tmp_path / "x.pdf").exists()

    # Bad input: a message and exit 1, never a traceback; a bad list writes nothing.
    bad = run("--db", db, "barometer", "show", "2026Q5", data_dir=tmp_path, check=False)
    assert bad.returncode == 1 and "2026Q4" in bad.stderr
    missing = run("--db", db, "barometer", "show", "2025Q1", data_dir=tmp_path, check=False)
    assert missing.returncode == 1
    ws.append(["孙现", ID_A, "属实"])
    book.save(path)
    refused = run("--db", db, "barometer", "import", "2026Q4", str(path), data_dir=tmp_path, check=False)
    assert refused.returncode == 1 and "第 3 行" in refused.stderr and "未导入任何记录" in refused.stderr
    published = run("--db", db, "barometer", "state", "2026Q4", "已发布", data_dir=tmp_path, check=False)
    assert published.returncode == 1 and "未确定处置" in published.stderr
