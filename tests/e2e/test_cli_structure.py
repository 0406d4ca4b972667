"""`structure` from the command line on a county of known composition: every figure of `--json`, the
scopes (--all, --kind, --unit, --team), the Excel and PDF outputs, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadre_desk.db.opening import open_database
from cadre_desk.services.context import open_context
from tests.e2e.test_cli import run, run_json
from tests.integration import structure_county
from tests.integration.test_structure import COUNTY_JSON, TOWN_TEAMS_JSON


@pytest.fixture(scope="module")
def county_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    base = tmp_path_factory.mktemp("structure")
    path = base / "county.db"
    db = open_database(str(path))
    try:
        structure_county.build(open_context(db, "测试员"))
    finally:
        db.dispose()
    return str(path), base


def test_structure_json_every_figure(county_db: tuple[str, Path]) -> None:
    db, base = county_db
    date = structure_county.REFERENCE
    assert run_json("--db", db, "structure", "--all", "--date", date, "--json", data_dir=base) == COUNTY_JSON
    towns = run_json(
        "--db", db, "structure", "--kind", "乡镇", "--team", "--date", date, "--json", data_dir=base
    )
    assert towns == TOWN_TEAMS_JSON
    two = run_json(
        "--db",
        db,
        "structure",
        "--unit",
        "青山镇",
        "白沙乡",
        "--team",
        "--date",
        date,
        "--json",
        data_dir=base,
    )
    assert {k: v for k, v in two.items() if k != "scope"} == {
        k: v for k, v in TOWN_TEAMS_JSON.items() if k != "scope"
    }
    assert two["scope"] == "某县青山镇、某县白沙乡"
    text = run("--db", db, "structure", "--kind", "乡镇", "--date", date, data_dir=base).stdout
    assert "人数 7" in text and "缺口：某县白沙乡 每个乡镇班子有女干部" in text


def test_structure_bad_input(county_db: tuple[str, Path]) -> None:
    db, base = county_db
    bad_date = run(
        "--db", db, "structure", "--all", "--date", "2026.13.01", "--json", data_dir=base, check=False
    )
    assert bad_date.returncode == 1 and "date" in bad_date.stderr
    no_unit = run(
        "--db", db, "structure", "--unit", "火星镇", "--date", "2026.12.06", data_dir=base, check=False
    )
    assert no_unit.returncode == 1 and "火星镇" in no_unit.stderr
    no_scope = run("--db", db, "structure", "--date", "2026.12.06", data_dir=base, check=False)
    assert no_scope.returncode == 2
    no_date = run("--db", db, "structure", "--all", data_dir=base, check=False)
    assert no_date.returncode == 2
    csv = str(base / "x.csv")
    cmd = ("--db", db, "structure", "--all", "--date", "2026.12.06", "-o", csv)
    wrong = run(*cmd, data_dir=base, check=False)
    assert wrong.returncode == 1 and ".xlsx" in wrong.stderr


def test_structure_excel_tables(county_db: tuple[str, Path]) -> None:
    import openpyxl

    db, base = county_db
    out = base / "结构分析.xlsx"
    run("--db", db, "structure", "--all", "--date", structure_county.REFERENCE, "-o", str(out), data_dir=base)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["汇总", "结构要求", "班子", "缺口"]
    summary = {(r[0], r[1]): r[2] for r in book["汇总"].iter_rows(min_row=3, values_only=True)}
    assert int(summary[("人数", "合计")]) == 17
    assert int(summary[("年龄", "≤35")]) == 5 and int(summary[("四类干部", "党外干部")]) == 2
    targets = list(book["结构要求"].iter_rows(min_row=3, values_only=True))
    assert [(t[0], t[6]) for t in targets][7] == ("县政府班子有女干部", "缺配")
    gaps = [r[:2] for r in book["缺口"].iter_rows(min_row=3, values_only=True)]
    assert gaps == [
        ("某县白沙乡", "每个乡镇班子有30岁以下干部"),
        ("某县白沙乡", "每个乡镇班子有女干部"),
        ("某县人民政府", "县政府班子有女干部"),
    ]


def test_structure_pdf_report(county_db: tuple[str, Path]) -> None:
    from pypdf import PdfReader

    db, base = county_db
    out = base / "结构分析报告.pdf"
    args = ("--db", db, "structure", "--kind", "乡镇", "--team", "--date", structure_county.REFERENCE)
    run(*args, "-o", str(out), data_dir=base)
    reader = PdfReader(out)
    texts = [page.extract_text() for page in reader.pages]
    # cover, the scope's figures with the charts, the targets, one page per 班子 (2), the 缺口 list
    assert len(reader.pages) == 6, [t[:60] for t in texts]
    assert "结构分析报告" in texts[0] and "全部乡镇" in texts[0] and "2026.12.06" in texts[0]
    assert "年龄结构（按性别）" in texts[1] and "学历结构" in texts[1]  # the vector charts' labels
    assert "缺配" in texts[2] and "每个乡镇班子有女干部" in texts[2]
    assert "某县青山镇" in texts[3] and "庚七" in texts[3] and "党委副书记、镇长" in texts[3]
    assert "某县白沙乡" in texts[4] and "子丑" in texts[4]
    assert "缺口清单" in texts[5] and texts[5].count("某县白沙乡") == 2
    assert all("第" in t and "共 6 页" in t for t in texts)
    assert reader.metadata is not None and reader.metadata.title == "结构分析报告（全部乡镇）"
    fonts = {
        str(f["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"].get_object().get("/Font", {}).get_object().values()
    }
    assert all("WenQuanYi" in f for f in fonts), fonts  # embedded; no Helvetica


def test_compare_pdf_excel_and_json(county_db: tuple[str, Path]) -> None:
    import openpyxl
    from pypdf import PdfReader

    db, base = county_db
    data = run_json("--db", db, "compare", "6", "10", "--date", "2026.12.06", "--json", data_dir=base)
    assert [c["name"] for c in data["cadres"]] == ["己六", "癸十"]
    assert {r["label"]: r["values"] for r in data["rows"]}["性别"] == ["男", "男"]
    pdf = base / "比较.pdf"
    run("--db", db, "compare", "6", "7", "10", "--date", "2026.12.06", "-o", str(pdf), data_dir=base)
    reader = PdfReader(pdf)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # A4 landscape
    text = reader.pages[0].extract_text()
    assert "干部横向比较表" in text and "庚七" in text and "◆性别" in text
    # Through the common print path: an export record for each cadre compared.
    for cadre_id in ("6", "7", "10"):
        events = run_json(
            "--db", db, "audit", "list", "--action", "export", "--entity", "cadre", "--entity-id", cadre_id,
            "--json", data_dir=base,
        )  # fmt: skip
        rows = events["events"] if isinstance(events, dict) else events
        assert [e["changes"]["document"] for e in rows] == ["干部横向比较表"], rows
    xlsx = base / "比较.xlsx"
    run("--db", db, "compare", "6", "7", "-o", str(xlsx), data_dir=base)
    ws = openpyxl.load_workbook(xlsx)["横向比较"]
    assert [ws.cell(2, c).value for c in (3, 4)] == ["己六", "庚七"]
    one = run("--db", db, "compare", "6", "--json", data_dir=base, check=False)
    assert one.returncode == 1 and "2–6" in one.stderr


def test_saved_selection_as_the_scope(county_db: tuple[str, Path]) -> None:
    db, base = county_db
    date = structure_county.REFERENCE
    run("--db", db, "structure-selection", "save", "换届乡镇", "--unit", "青山镇", "白沙乡", data_dir=base)
    listed = run_json("--db", db, "structure-selection", "list", "--json", data_dir=base)
    assert [(s["name"], s["units"]) for s in listed] == [("换届乡镇", ["某县青山镇", "某县白沙乡"])]
    run("--db", db, "structure-selection", "rename", "换届乡镇", "2027换届乡镇", data_dir=base)
    chosen = run_json(
        "--db",
        db,
        "structure",
        "--selection",
        "2027换届乡镇",
        "--team",
        "--date",
        date,
        "--json",
        data_dir=base,
    )
    assert chosen["scope"] == "2027换届乡镇"
    assert {k: v for k, v in chosen.items() if k != "scope"} == {
        k: v for k, v in TOWN_TEAMS_JSON.items() if k != "scope"
    }
    out = base / "选定范围.pdf"
    run("--db", db, "structure", "--selection", "2027换届乡镇", "--date", date, "-o", str(out), data_dir=base)
    from pypdf import PdfReader

    cover = PdfReader(out).pages[0].extract_text()
    assert "2027换届乡镇" in cover and "包括：某县青山镇、某县白沙乡（共 2 个单位）" in cover
    both = run(
        "--db",
        db,
        "structure",
        "--selection",
        "2027换届乡镇",
        "--all",
        "--date",
        date,
        data_dir=base,
        check=False,
    )
    assert both.returncode == 2  # one scope at a time
    run("--db", db, "structure-selection", "delete", "2027换届乡镇", data_dir=base)
    gone = run(
        "--db", db, "structure", "--selection", "2027换届乡镇", "--date", date, data_dir=base, check=False
    )
    assert gone.returncode == 1 and "2027换届乡镇" in gone.stderr
    assert run_json("--db", db, "structure-selection", "list", "--json", data_dir=base) == []
