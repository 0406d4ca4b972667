"""A Party-school class list from Excel: matched by 身份证号 or name + birth month, blank class cells carry
down, all-or-nothing on any problem, duplicates skipped, a stale plan refused."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from cadre_desk.errors import ConflictError, ImportRejected
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer.training_import import apply_training_import, plan_training_import
from tests.conftest import make_cadre

HEADER = [
    "班次",
    "类别",
    "主办单位",
    "开始日期",
    "结束日期",
    "学时",
    "天数",
    "是否脱产",
    "姓名",
    "身份证号",
    "出生年月",
]


def class_list(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["2026年全县中青年干部培训班学员名单"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_a_class_list_is_matched_and_written(ctx: ServiceContext, tmp_path: Path) -> None:
    a = make_cadre(ctx, "张三", id_number="110105198503150019", birth="1985.03")
    b = make_cadre(ctx, "李四", birth="1990.07", id_number="", party_join="2012.05", work_start="2013.07")
    path = class_list(
        tmp_path / "班.xlsx",
        [
            [
                "2026年中青年干部培训班",
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
            ],
            [None, None, None, None, None, None, None, None, "李四", "", "1990.07"],
        ],
    )
    plan = plan_training_import(ctx, path)
    assert plan.problems == [] and plan.new == 2 and plan.duplicates == 0
    assert [(i.row, i.cadre_id) for i in plan.items] == [(3, a.id), (4, b.id)]
    result = apply_training_import(ctx, plan)
    assert result.created == 2 and set(result.cadre_ids) == {a.id, b.id}
    if ctx.db.path is not None:  # like the roster import: a verified copy of the database before writing
        backup = Path(result.backup)
        assert backup.name.startswith(f"{ctx.db.path.stem}-before-training-import-") and backup.is_file()
        with contextlib.closing(sqlite3.connect(backup)) as copy:
            assert copy.execute("SELECT count(*) FROM training").fetchone() == (0,)
            assert copy.execute("SELECT count(*) FROM cadre").fetchone() == (2,)
    trainings = cr.get_profile(ctx, b.id).trainings
    assert [(t.name, t.kind, t.organiser, t.hours, t.days, t.full_time) for t in trainings] == [
        ("2026年中青年干部培训班", "青干班", "县委党校", 90.0, 15.0, True)
    ]
    assert cadres.get_cadre(ctx, a.id).version == a.version + 1  # a stale profile editor must not overwrite
    again = plan_training_import(ctx, path)
    assert again.new == 0 and again.duplicates == 2
    assert apply_training_import(ctx, again).created == 0


def test_any_problem_rejects_the_whole_list(ctx: ServiceContext, tmp_path: Path) -> None:
    make_cadre(ctx, "张三", id_number="110105198503150019", birth="1985.03")
    make_cadre(ctx, "王五", birth="1988.01", id_number="")
    make_cadre(ctx, "王五", birth="1988.01", id_number="", post="科员")
    path = class_list(
        tmp_path / "坏.xlsx",
        [
            [
                "专题班",
                "专题班",
                "县委组织部",
                "2026.05.01",
                "2026.04.01",
                "九十",
                5,
                "",
                "张三",
                "110105198503150019",
                "",
            ],
            ["专题班2", "专题班", "", "2026.05.01", "", 10, 1, "", "赵六", "", "1991.01"],
            [None, None, None, None, None, None, None, None, "王五", "", "1988.01"],
            [None, None, None, None, None, None, None, None, "钱七", "", ""],
        ],
    )
    plan = plan_training_import(ctx, path)
    messages = [f"{w}：{m}" for w, m in plan.problems]
    assert any(m.startswith("第 3 行：") and "结束日期早于开始日期" in m for m in messages)
    assert any(m.startswith("第 3 行：") and "学时应为数字" in m for m in messages)
    assert "第 4 行：赵六（1991.01）在干部名册中找不到" in messages
    assert "第 5 行：王五（1988.01）在名册中有 2 人，请填写身份证号" in messages
    assert "第 6 行：钱七：没有身份证号时须有出生年月（如 1985.03）" in messages
    with pytest.raises(ImportRejected):
        apply_training_import(ctx, plan)
    assert all(not cr.get_profile(ctx, c.id).trainings for c in cadres.list_cadres(ctx))


def test_a_plan_made_stale_is_refused(ctx: ServiceContext, tmp_path: Path) -> None:
    a = make_cadre(ctx, "张三", id_number="110105198503150019", birth="1985.03")
    path = class_list(
        tmp_path / "班.xlsx",
        [["专题班", "专题班", "", "2026.05.01", "2026.05.02", 12, 2, "", "张三", "110105198503150019", ""]],
    )
    plan = plan_training_import(ctx, path)
    cr.save_trainings(ctx, a.id, [cr.TrainingInput("另一个班")], a.version)
    with pytest.raises(ConflictError):
        apply_training_import(ctx, plan)
    assert [t.name for t in cr.get_profile(ctx, a.id).trainings] == ["另一个班"]
