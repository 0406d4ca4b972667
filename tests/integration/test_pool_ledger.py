"""年轻干部台账: written with the columns staff use and read back (cadres through the roster import's plan,
pool entries with state, measures and reviews), every problem refusing the file, a backup before writing,
a second read adding nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.errors import ImportRejected
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import pool_entries, pool_lists, pool_measures
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.transfer import pool_ledger
from tests.integration.test_pools import TODAY, _enter, _young


def _register(ctx: ServiceContext) -> None:
    a = _young(ctx, "台账甲", "1993.05")
    b = _young(ctx, "台账乙", "1995.08")
    e = _enter(ctx, a.id, "优秀年轻干部", on="2024.03.01")
    pool_measures.add_measure(
        ctx, e.id, pool_measures.MeasureInput("轮岗", "2024.05.06", "2025.05.06", "到党政办轮岗")
    )
    pool_measures.add_measure(
        ctx, e.id, pool_measures.MeasureInput("重点工作抽调", "2025.09.01", content="项目攻坚专班")
    )
    pool_measures.set_review(ctx, e.id, 2024, "表现突出，继续跟踪培养", today=TODAY)
    pool_measures.set_review(ctx, e.id, 2025, "建议列为考察对象", today=TODAY)
    e = pool_entries.move_entry(
        ctx, e.id, pool_entries.StateChange("列为考察对象", "2025.06.01"), e.version, TODAY
    )
    x = _enter(ctx, b.id, "好苗子", on="2023.09.01")
    pool_entries.move_entry(
        ctx, x.id, pool_entries.StateChange("退出", "2026.01.26", reason="调出"), x.version, TODAY
    )


def test_the_ledger_round_trip(ctx: ServiceContext, tmp_path: Path) -> None:
    _register(ctx)
    path = tmp_path / "台账.xlsx"
    assert pool_ledger.export_ledger(ctx, path, pool_lists.list_entries(ctx, TODAY)) == 2
    sheet = openpyxl.load_workbook(path).active
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert rows[0] == list(pool_ledger.COLUMNS)
    by_name = {r[0]: dict(zip(pool_ledger.COLUMNS, r, strict=True)) for r in rows[1:]}
    assert by_name["台账甲"]["库别"] == "优秀年轻干部" and by_name["台账甲"]["入库时间"] == "2024.03.01"
    assert (
        by_name["台账甲"]["培养措施"]
        == "2024.05--2025.05 轮岗：到党政办轮岗；2025.09-- 重点工作抽调：项目攻坚专班"
    )
    assert by_name["台账甲"]["年度研判"] == "2025年：建议列为考察对象；2024年：表现突出，继续跟踪培养"
    assert by_name["台账甲"]["状态"] == "列为考察对象（2025.06.01）"
    assert by_name["台账乙"]["状态"] == "退出（2026.01.26，调出）"
    assert by_name["台账甲"]["参加工作时间"] == "2018.08"

    other: Database = open_database(str(tmp_path / "other.db"), create=True)
    try:
        octx = open_context(other, "测试员")
        plan = pool_ledger.plan_ledger(octx, path, TODAY)
        assert plan.cadres.summary()["create"] == 2 and plan.new_entries == 2 and not plan.cadres.rejected
        result = pool_ledger.apply_ledger(octx, plan)
        assert result.entries == 2 and result.cadres.created == 2
        assert "before-pool-ledger-import" in result.backup
        got = {r.name: r for r in pool_lists.list_entries(octx, TODAY)}
        assert (got["台账甲"].state, got["台账甲"].state_on) == ("列为考察对象", dt.date(2025, 6, 1))
        assert (got["台账乙"].state, got["台账乙"].exit_reason) == ("退出", "调出")
        measures = pool_measures.list_measures(octx, got["台账甲"].id)
        assert [(m.kind, m.start, m.end, m.content) for m in measures] == [
            ("轮岗", dt.date(2024, 5, 1), dt.date(2025, 5, 1), "到党政办轮岗"),
            ("重点工作抽调", dt.date(2025, 9, 1), None, "项目攻坚专班"),
        ]
        assert [(r.year, r.opinion) for r in pool_measures.list_reviews(octx, got["台账甲"].id)] == [
            (2025, "建议列为考察对象"),
            (2024, "表现突出，继续跟踪培养"),
        ]
        again = pool_ledger.plan_ledger(octx, path, TODAY)
        assert again.new_entries == 0 and again.cadres.summary()["unchanged"] == 2
        assert pool_ledger.apply_ledger(octx, again).backup == ""  # nothing to write: no backup either
    finally:
        other.dispose()


def test_any_problem_refuses_the_whole_ledger(ctx: ServiceContext, tmp_path: Path) -> None:
    path = tmp_path / "坏.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["年轻干部台账"])
    ws.append(list(pool_ledger.COLUMNS))
    good = ["好人", "男", "1994.01", "汉族", "", "大学", "", "2016.08", "科员", "2020.01"]
    ws.append([*good, "优秀年轻干部", "2024.03.01", "", "2024.05--2025.05 挂职：县发改委", "", "在库"])
    ws.append([*["超龄人", "男", "1980.01"], *good[3:], "好苗子", "2024.03.01", "", "", "", "在库"])
    ws.append([*["错库人", "女", "1996.01"], *good[3:], "不存在的库", "2024.03.01", "", "", "", ""])
    ws.append([*["无类别", "女", "1996.02"], *good[3:], "好苗子", "2024.03.01", "", "2024年下乡", "", ""])
    ws.append(
        [*["缺职务", "女", "1996.03"], *good[3:], "好苗子", "2024.03.01", "", "", "", "已使用（2025.07.01）"]
    )
    book.save(path)
    plan = pool_ledger.plan_ledger(ctx, path, TODAY)
    problems = {r.source: r.reason for r in plan.cadres.rejected}
    assert set(problems) == {"第4行", "第5行", "第6行", "第7行"}
    assert "超过“好苗子”的年龄上限 30 岁" in problems["第4行"]
    assert "不在库别表中" in problems["第5行"]
    assert "没有措施类别" in problems["第6行"]
    assert "请写明使用职务" in problems["第7行"]
    with pytest.raises(ImportRejected):
        pool_ledger.apply_ledger(ctx, plan)
    assert pool_lists.list_entries(ctx, TODAY) == []
    kept = pool_ledger.apply_ledger(ctx, plan.without_rejected())  # 导入其余 as in the roster preview
    assert kept.entries == 1 and [r.name for r in pool_lists.list_entries(ctx, TODAY)] == ["好人"]
    (row,) = pool_lists.list_entries(ctx, TODAY)
    assert [m.kind for m in pool_measures.list_measures(ctx, row.id)] == ["挂职"]
    assert cr.get_profile(ctx, row.cadre_id).cadre.post == "科员"
