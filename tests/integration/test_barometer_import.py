"""Member-unit lists into a 晴雨表 period: matched on 身份证号, all-or-nothing, merged, coloured, a stale
plan refused, and the grid exported to Excel and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cadre_desk.domain.idcard import make_id_number
from cadre_desk.errors import ConflictError, ImportRejected, NotFoundError, ValidationError
from cadre_desk.services import (
    barometer_changes,
    barometer_entries,
    barometer_periods,
    barometer_rules,
    rule_tables,
    units,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer.barometer_import import apply_barometer_import, plan_barometer_import
from cadre_desk.transfer.barometer_xlsx import export_grid
from tests.conftest import make_cadre

ID_A = make_id_number("110105", dt.date(1985, 3, 15), 1, True)
ID_B = make_id_number("110105", dt.date(1984, 1, 2), 2, False)
ID_C = make_id_number("110105", dt.date(1979, 6, 9), 3, True)
ID_LATE = make_id_number("110105", dt.date(1983, 8, 8), 4, True)


def member_list(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["县纪委监委 2026年第四季度 处分名单"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def _setup(ctx: ServiceContext) -> dict[str, int]:
    town = units.create_unit(ctx, units.UnitInput(name="某某镇", kind="乡镇")).id
    made = {
        "王一": make_cadre(ctx, "王一", unit_id=town, id_number=ID_A, birth="1985.03").id,
        "李二": make_cadre(ctx, "李二", unit_id=town, id_number=ID_B, birth="1984.01", gender="女").id,
        "赵三": make_cadre(ctx, "赵三", unit_id=town, id_number=ID_C, birth="1979.06").id,
    }
    barometer_periods.open_period(ctx, "2026Q4")
    return made


def test_a_discipline_list_and_a_petition_list_colour_the_period(ctx: ServiceContext, tmp_path: Path) -> None:
    ids = _setup(ctx)
    late = make_cadre(ctx, "钱晚", id_number=ID_LATE, birth="1983.08").id  # joined after the period opened
    path = member_list(
        tmp_path / "纪委处分名单.xlsx",
        ["序号", "姓名", "身份证号", "处分种类", "立案审查", "组织处理"],
        [
            [1, "王一", ID_A, "党内警告", "", ""],
            [2, "钱晚", ID_LATE.lower(), "", "是", ""],
            [3, "王一", ID_A, "政务记过", "", "诫勉"],
        ],
    )
    plan = plan_barometer_import(ctx, "2026q4", path)
    assert plan.problems == []
    assert (plan.period, plan.columns, plan.rows, len(plan.items)) == (
        "2026Q4", ("discipline", "case_review", "org_handling"), 3, 2
    )  # fmt: skip
    first = next(i for i in plan.items if i.cadre_id == ids["王一"])
    assert first.rows == (3, 5)
    assert first.changes["discipline"] == ("", "党内警告；政务记过")
    assert next(i for i in plan.items if i.cadre_id == late).entry_id is None
    result = apply_barometer_import(ctx, plan)
    assert (result.changed, result.added, result.counts) == (2, 1, {"red": 2, "green": 2})
    period = barometer_periods.get_period(ctx, "2026Q4")
    rows = {e.name: e for e in barometer_entries.list_entries(ctx, period.id)}
    assert rows["王一"].rule_text == "处分 党内警告；政务记过（受党纪政务处分，处分在影响期内）"
    assert rows["王一"].sources == "纪委处分名单"
    assert rows["钱晚"].indicators["case_review"] == "是" and rows["钱晚"].colour == "red"
    # The 信访 office's list (核查结果 is the 信访举报 column); importing it twice changes nothing.
    petition = member_list(
        tmp_path / "信访.xlsx",
        ["姓名", "公民身份号码", "核查结果"],
        [["李二", ID_B, "待核"], ["赵三", ID_C, "不实"]],
    )
    apply_barometer_import(ctx, plan_barometer_import(ctx, "2026Q4", petition))
    again = plan_barometer_import(ctx, "2026Q4", petition)
    assert (again.changed, again.unchanged) == (0, 2)
    rows = {e.name: e for e in barometer_entries.list_entries(ctx, period.id)}
    assert (rows["李二"].colour, rows["赵三"].colour) == ("yellow", "green")
    assert barometer_periods.get_period(ctx, "2026Q4").counts == {"red": 2, "yellow": 1, "green": 1}


def test_any_problem_rejects_the_whole_list(ctx: ServiceContext, tmp_path: Path) -> None:
    _setup(ctx)
    path = member_list(
        tmp_path / "个人事项.xlsx",
        ["姓名", "身份证号", "个人事项核查"],
        [
            ["王一", ID_A, "漏报"],
            ["李二", ID_A, "如实"],
            ["无名", make_id_number("110105", dt.date(1990, 1, 1), 9, True), "如实"],
            ["赵三", ID_C, "大概"],
            ["孙四", "", "漏报"],
        ],
    )
    plan = plan_barometer_import(ctx, "2026Q4", path)
    assert [w for w, _m in plan.problems] == ["第 4 行", "第 5 行", "第 6 行", "第 7 行"]
    messages = " ".join(m for _w, m in plan.problems)
    assert "是王一的，不是李二" in messages and "找不到" in messages and "如实、漏报、瞒报" in messages
    assert "孙四缺少身份证号" in messages
    with pytest.raises(ImportRejected):
        apply_barometer_import(ctx, plan)
    period = barometer_periods.get_period(ctx, "2026Q4")
    assert period.counts == {"green": 3}
    headless = member_list(tmp_path / "x.xlsx", ["姓名", "身份证号", "备注"], [["王一", ID_A, "无"]])
    assert "没有可导入的指标列" in plan_barometer_import(ctx, "2026Q4", headless).problems[0][1]
    with pytest.raises(NotFoundError):
        plan_barometer_import(ctx, "2025Q1", path)


def test_a_plan_made_stale_is_refused_and_a_published_period_is_closed(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    ids = _setup(ctx)
    path = member_list(
        tmp_path / "审计.xlsx", ["姓名", "身份证号", "审计发现"], [["赵三", ID_C, "超标准接待"]]
    )
    plan = plan_barometer_import(ctx, "2026Q4", path)
    period = barometer_periods.get_period(ctx, "2026Q4")
    entry = next(e for e in barometer_entries.list_entries(ctx, period.id) if e.cadre_id == ids["赵三"])
    barometer_changes.set_indicators(ctx, entry.id, {"duty": "较好"}, entry.version)
    with pytest.raises(ConflictError):
        apply_barometer_import(ctx, plan)
    result = apply_barometer_import(ctx, plan_barometer_import(ctx, "2026Q4", path))
    assert result.changed == 1
    period = barometer_periods.set_state(ctx, period.id, "研判中", period.version)
    barometer_periods.set_state(ctx, period.id, "已发布", period.version)
    with pytest.raises(ValidationError, match="已发布"):
        plan_barometer_import(ctx, "2026Q4", path)


def test_the_grid_exports_to_excel(ctx: ServiceContext, tmp_path: Path) -> None:
    ids = _setup(ctx)
    period = barometer_periods.get_period(ctx, "2026Q4")
    entry = next(e for e in barometer_entries.list_entries(ctx, period.id) if e.cadre_id == ids["李二"])
    entry = barometer_changes.set_indicators(ctx, entry.id, {"petition": "属实"}, entry.version)
    barometer_changes.dispose(ctx, entry.id, "函询", "", "已函询，本人已说明", True, entry.version)
    yellow = rule_tables.list_rows(ctx, "barometer_colour")[1]
    rule_tables.update_row(ctx, "barometer_colour", yellow.id, {"word": "橙"}, yellow.version)
    out = tmp_path / "晴雨表.xlsx"
    words = barometer_rules.colour_words(ctx)
    assert export_grid(ctx, out, period, barometer_entries.list_entries(ctx, period.id), words) == 3
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    header = [c.value for c in ws[2]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["李二"]["颜色"] == "橙" and rows["李二"]["信访举报"] == "属实"
    assert rows["李二"]["处置"] == "函询" and rows["李二"]["后续跟进"] == "已函询，本人已说明（已落实）"
    assert rows["王一"]["颜色"] == "绿"
