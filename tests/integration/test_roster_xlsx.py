"""Excel rosters: header recognition, dates in every form, per-cell problems, all-or-nothing, export."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest

from cadre_desk.db.engine import Database
from cadre_desk.domain.idcard import make_id_number
from cadre_desk.errors import ImportRejected, StorageError
from cadre_desk.services import cadres, maintenance, retirement, search
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import activity, roster

ID1 = make_id_number("330102", dt.date(1985, 3, 12), 1, True)
ID2 = make_id_number("330102", dt.date(1990, 10, 2), 2, False)
ID3 = make_id_number("330102", dt.date(1979, 1, 5), 3, True)
BAD_ID = ID1[:17] + ("0" if ID1[17] != "0" else "1")


def messy_roster(path: Path, with_problems: bool = True) -> Path:
    """Two merged title rows, a 序号 column, an unknown column, dates typed every way, blank rows."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "花名册"
    ws.append(["XX县科级干部花名册"])
    ws.merge_cells("A1:J1")
    ws.append(["填报单位：XX县委组织部", None, None, None, None, None, None, "2025年5月"])
    ws.merge_cells("A2:F2")
    ws.append(
        [
            "序号",
            "姓 名",
            "性别",
            "出生年月",
            "民族",
            "政治面貌",
            "参加工作时间",
            "单位",
            "现任职务",
            "身份证号码",
            "爱好",
        ]
    )
    ws.append([1, "王建国", "男", "1985.03", "汉", "党员", 200707, "县委组织部", "副部长", ID1, "书法"])
    ws.append(
        [
            2,
            "刘芳",
            "女",
            dt.datetime(1990, 10, 1),
            "回族",
            "中共党员",
            "2013年8月",
            "XX镇",
            "组织委员",
            ID2,
            "",
        ]
    )
    ws.append([None] * 11)
    ws.append([3, "陈默", "男", "1979-01", "汉族", "群众", "1998.7", "XX镇", "副镇长", ID3, ""])
    ws.append([4, "赵敏", "女", 1988.06, "汉族", "中共党员", "2010.09", "县委组织部", "科员", "", ""])
    if with_problems:
        ws.append(
            [5, "孙坏", "男", "1985.13", "汉族", "中共党员", "二〇〇七年", "县委组织部", "科员", BAD_ID, ""]
        )
        ws.append(
            [6, "王建国", "男", "198503", "汉族", "中共党员", "2007.07", "县委组织部", "副部长", ID1, ""]
        )
    ws.append([])
    book.save(path)
    return path


def _db_hash(db: Database) -> str:
    db.dispose()
    assert db.path is not None
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


def test_header_below_merged_titles_is_recognised(tmp_path: Path) -> None:
    sheet = roster.open_roster(messy_roster(tmp_path / "r.xlsx"))
    assert sheet.header_row == 3
    assert set(sheet.columns.values()) >= {
        "name",
        "gender",
        "birth",
        "ethnicity",
        "unit",
        "post",
        "id_number",
    }
    assert sheet.unmapped == ("爱好",)


def test_per_row_per_cell_problems_and_nothing_written(
    ctx: ServiceContext, db: Database, tmp_path: Path
) -> None:
    path = messy_roster(tmp_path / "r.xlsx")
    _sheet, plan = roster.plan_roster(ctx, path)
    rejected = {r.source: dict(r.problems) for r in plan.rejected}
    assert set(rejected) == {"第9行", "第10行"}
    assert "月份 13" in rejected["第9行"]["出生年月"]
    assert "参加工作时间" not in rejected["第9行"]  # an odd date alone is a 待核实 warning, not a refusal
    assert "重复" in rejected["第10行"][""]
    assert plan.count("create") == 4
    before = _db_hash(db)
    with pytest.raises(ImportRejected):
        roster.apply_roster(ctx, plan)
    assert _db_hash(db) == before


def test_excluding_rejected_rows_imports_the_rest_after_a_backup(ctx: ServiceContext, tmp_path: Path) -> None:
    path = messy_roster(tmp_path / "r.xlsx")
    _sheet, plan = roster.plan_roster(ctx, path, mapping={"爱好": "notes"}, exclude_rows=[9, 10])
    assert plan.rejected == ()
    assert plan.new_units == ("县委组织部", "XX镇")
    result = roster.apply_roster(ctx, plan)
    assert result.created == 4 and Path(result.backup).exists()
    assert maintenance.check(ctx).ok  # search index in step with the new rows
    assert search.search(ctx, "王建国").hits
    rows = {c.name: c for c in cadres.list_cadres(ctx)}
    assert str(rows["王建国"].birth) == "1985.03" and rows["王建国"].unit == "县委组织部"
    assert str(rows["刘芳"].birth) == "1990.10"
    assert str(rows["赵敏"].birth) == "1988.06"  # a number cell 1988.06
    wang = cadres.get_cadre(ctx, rows["王建国"].id)
    assert (wang.ethnicity, wang.political_status, str(wang.work_start), wang.notes) == (
        "汉族",
        "中共党员",
        "2007.07",
        "书法",
    )
    assert str(cadres.get_cadre(ctx, rows["刘芳"].id).work_start) == "2013.08"
    # the same file again: matched by ID number (or name + birth), nothing changes
    _sheet, again = roster.plan_roster(ctx, path, mapping={"爱好": "notes"}, exclude_rows=[9, 10])
    assert again.summary() == {"create": 0, "update": 0, "unchanged": 4, "rejected": 0}


def test_update_shows_field_diff(ctx: ServiceContext, cadre_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cadre_factory("王建国", birth="1985.03", id_number=ID1, post="科长", rank="正科级")
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号", "现任职务", "任现职时间"])
    book.active.append(["王建国", ID1, "副部长", "2021.3"])
    book.save(tmp_path / "u.xlsx")
    _s, plan = roster.plan_roster(ctx, tmp_path / "u.xlsx")
    (item,) = plan.items
    assert item.action == "update"
    assert [(c.label, c.old, c.new) for c in item.changes] == [
        ("现任职务", "科长", "副部长"),
        ("任现职时间", "", "2021.03"),
    ]


def test_not_a_roster(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    with pytest.raises(StorageError, match="文本（如 CSV）文件，不是"):
        roster.open_roster(tmp_path / "x.xlsx")
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.save(tmp_path / "y.xlsx")
    with pytest.raises(StorageError, match="表头"):
        roster.open_roster(tmp_path / "y.xlsx")


def test_export_roster_is_formatted_for_printing(ctx: ServiceContext, cadre_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = cadre_factory("甲", birth="1985.03")
    cadre_factory("乙", birth="1990.11", party_join="2012.06", work_start="2013.08")
    dest = tmp_path / "out.xlsx"
    count = roster.export_roster(ctx, dest, columns=["name", "birth", "post", "unit"])
    assert count == 2
    ws = openpyxl.load_workbook(dest).active
    assert ws["A1"].value.startswith("干部名册") and "A1:D1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == ["姓名", "出生年月", "现任职务", "单位"] and ws["A2"].font.b
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws["B3"].value == "1985.03" and ws.column_dimensions["A"].width == 10
    roster.export_roster(ctx, dest, cadre_ids=[a.id])
    assert openpyxl.load_workbook(dest).active.max_row == 3


def test_export_carries_the_retirement_month_and_import_ignores_it(  # type: ignore[no-untyped-def]
    ctx: ServiceContext, cadre_factory, tmp_path: Path
) -> None:
    a = cadre_factory("甲", birth="1985.03", gender="男")
    b = cadre_factory("乙", birth="1970.06", gender="女")
    retirement.set_override(ctx, b.id, "2026.12", "本人申请提前退休", cadres.get_cadre(ctx, b.id).version)
    dest = tmp_path / "out.xlsx"
    roster.export_roster(ctx, dest, columns=["name", "birth", "retirement"], cadre_ids=[a.id, b.id])
    ws = openpyxl.load_workbook(dest).active
    assert [c.value for c in ws[2]] == ["姓名", "出生年月", "到龄年月"]
    assert ws["C3"].value == str(retirement.get_retirement(ctx, a.id).month) != "1985.03"
    assert ws["C4"].value == "2026.12"  # the manual month wins, as on the roster page
    _sheet, plan = roster.plan_roster(ctx, dest)
    assert [i.action for i in plan.items] == ["unchanged", "unchanged"]


def test_export_talks_and_pairing_activity(ctx: ServiceContext, db: Database, tmp_path: Path) -> None:
    from cadre_desk import demo

    demo.generate(db, cadres=40, seed=3)
    n = activity.export_talks(ctx, tmp_path / "talks.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "talks.xlsx").active
    assert n > 0 and ws.max_row == n + 2 and ws["A2"].value == "谈话时间"
    m = activity.export_pairing_activity(ctx, tmp_path / "pairs.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "pairs.xlsx").active
    assert m > 0 and ws.max_row == m + 2 and sum(int(r[4].value) for r in ws.iter_rows(min_row=3)) > 0


def test_the_month_of_the_rank_is_its_own_column(ctx: ServiceContext, cadre_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """任现职级时间 (or 任同职级时间) is read into the cadre's 任现职级时间, not into 任现职时间."""
    cadre_factory("王建国", birth="1985.03", id_number=ID1, post="科长", rank="正科级")
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号", "任现职时间", "任同职级时间"])
    book.active.append(["王建国", ID1, "2021.3", "2019.12"])
    book.save(tmp_path / "r.xlsx")
    sheet, plan = roster.plan_roster(ctx, tmp_path / "r.xlsx")
    assert sorted(sheet.columns.values()) == ["id_number", "name", "post_since", "rank_since"]
    (item,) = plan.items
    assert [(c.label, c.old, c.new) for c in item.changes] == [
        ("任现职时间", "", "2021.03"),
        ("任现职级时间", "", "2019.12"),
    ]
    roster.apply_roster(ctx, plan)
    view = cadres.get_cadre(ctx, cadres.find_cadres(ctx, "王建国")[0].id)
    assert (str(view.post_since), str(view.rank_since)) == ("2021.03", "2019.12")
    out = tmp_path / "out.xlsx"
    roster.export_roster(ctx, out, columns=["name", "rank", "rank_since"])
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[2]] == ["姓名", "职级", "任现职级时间"]
    assert [c.value for c in ws[3]] == ["王建国", "正科级", "2019.12"]
