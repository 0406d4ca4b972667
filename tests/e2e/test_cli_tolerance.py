"""`tolerance list` from the command line: the documented fields, the state and year filters, bad input."""

from __future__ import annotations

from pathlib import Path

from cadre_desk.db.opening import open_database
from cadre_desk.services import tolerance, tolerance_editing, tolerance_procedure
from cadre_desk.services.context import open_context
from tests.conftest import make_cadre
from tests.e2e.test_cli import run, run_json


def test_tolerance_list_json_and_filters(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    run("--db", db, "init", data_dir=tmp_path)
    database = open_database(db)
    try:
        ctx = open_context(database, "测试员")
        cadre = make_cadre(ctx, "周敢为")
        first = tolerance_editing.create_case(
            ctx,
            tolerance.CaseInput(
                matter="招商项目土地预付款损失",
                matter_start="2025.03.10",
                origin="本人申请",
                received_on="2026.01.05",
                cadre_id=cadre.id,
            ),
        )
        tolerance_procedure.move_case(ctx, first.id, "受理", first.version)
        tolerance_editing.create_case(
            ctx,
            tolerance.CaseInput(
                matter="试点坏账",
                matter_start="2024.05.01",
                origin="单位申请",
                received_on="2025.02.01",
                cadre_id=cadre.id,
            ),
        )
    finally:
        database.dispose()
    rows = run_json("--db", db, "tolerance", "list", "--json", data_dir=tmp_path)
    assert [r["number"] for r in rows] == ["容错〔2026〕1号", "容错〔2025〕1号"]
    assert set(rows[0]) == {
        "id",
        "number",
        "state",
        "cadre_id",
        "cadre_name",
        "unit",
        "matter",
        "origin",
        "received_on",
        "ruling",
        "ruling_date",
        "ruling_number",
        "open_measures",
        "next_due",
    }
    assert (
        rows[0]["state"] == "受理"
        and rows[0]["cadre_name"] == "周敢为"
        and rows[0]["received_on"] == "2026.01.05"
    )
    accepted = run_json("--db", db, "tolerance", "list", "--state", "受理", "--json", data_dir=tmp_path)
    assert [r["number"] for r in accepted] == ["容错〔2026〕1号"]
    older = run_json("--db", db, "tolerance", "list", "--year", "2025", "--json", data_dir=tmp_path)
    assert [r["matter"] for r in older] == ["试点坏账"]
    text = run("--db", db, "tolerance", "list", data_dir=tmp_path).stdout
    assert "共 2 件" in text
    bad = run("--db", db, "tolerance", "list", "--state", "办结", data_dir=tmp_path, check=False)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_tolerance_summary_writes_pdf_and_excel(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    run("--db", db, "demo", "--cadres", "40", "--seed", "3", data_dir=tmp_path)
    listed = run_json("--db", db, "tolerance", "list", "--json", data_dir=tmp_path)
    assert len({r["state"] for r in listed}) == 7
    year = int(listed[0]["received_on"][:4])
    counts = run_json(
        "--db",
        db,
        "tolerance",
        "summary",
        str(year),
        "-o",
        str(tmp_path / "s.pdf"),
        "--json",
        data_dir=tmp_path,
    )
    assert counts["total"] == sum(1 for r in listed if r["received_on"].startswith(str(year)))
    assert sum(counts["by_ruling"].values()) == counts["total"]
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF-")
    out = run(
        "--db", db, "tolerance", "summary", str(year), "-o", str(tmp_path / "s.xlsx"), data_dir=tmp_path
    )
    assert "件案件" in out.stdout and (tmp_path / "s.xlsx").exists()
    bad = run(
        "--db",
        db,
        "tolerance",
        "summary",
        str(year),
        "-o",
        str(tmp_path / "s.txt"),
        data_dir=tmp_path,
        check=False,
    )
    assert bad.returncode == 1 and ".pdf 或 .xlsx" in bad.stderr
