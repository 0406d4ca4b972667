"""Newly promoted cadres who must complete the training of their level within a year of 提任 (deadline,
state) and the 青干班 participants; both exported to Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from cadre_desk.services import cadre_records as cr
from cadre_desk.services import training_lists
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import training_xlsx
from tests.conftest import make_cadre

AT = dt.date(2026, 12, 6)


def _train(ctx: ServiceContext, cadre_id: int, version: int, *items: cr.TrainingInput) -> None:
    cr.save_trainings(ctx, cadre_id, list(items), version)


def _county(ctx: ServiceContext) -> dict[str, int]:
    ids = {}
    for name, since, rank in (
        ("甲前达标", "2026.03", "副科级"),
        ("乙后完成", "2026.01", "副科级"),
        ("丙未完成", "2026.06", "正科级"),
        ("丁逾期", "2025.05", "副科级"),
        ("戊早提任", "2024.06", "副科级"),  # promoted more than two years ago: not listed
        ("己处级", "2026.02", "副处级"),
    ):
        ids[name] = make_cadre(ctx, name, post_since=since, rank=rank).id
    v = {n: 1 for n in ids}
    y = cr.TrainingInput
    _train(
        ctx,
        ids["甲前达标"],
        v["甲前达标"],
        y("任前培训", "专题班", "县委党校", "2025.09.01", "2025.09.20", 96, 16),
    )
    _train(ctx, ids["乙后完成"], v["乙后完成"],
           y("2026年中青年干部培训班", "青干班", "县委党校", "2026.04.01", "2026.04.15", 90, 15),
           y("网络学习", "网络学习", "", "2026.05.01", "2026.05.01", 60, 0))  # fmt: skip
    _train(
        ctx, ids["丙未完成"], v["丙未完成"], y("专题讲座", "专题班", "", "2026.07.01", "2026.07.01", 12, 2)
    )
    _train(ctx, ids["丁逾期"], v["丁逾期"],
           y("2025年中青年干部培训班", "青干班", "县委党校", "2025.03.02", "2025.03.10", 40, 6))  # fmt: skip
    return ids


def test_newly_promoted_with_deadlines_and_states(ctx: ServiceContext, tmp_path: Path) -> None:
    _county(ctx)
    rows = training_lists.newly_promoted(ctx, AT)
    got = [(r.name, str(r.promoted), f"{r.deadline:%Y.%m.%d}", r.done_hours, r.state) for r in rows]
    assert got == [
        ("丁逾期", "2025.05", "2026.04.30", 0.0, "逾期未完成"),  # the class before 提任 fell short of 90
        ("乙后完成", "2026.01", "2026.12.31", 90.0, "已完成"),  # online learning does not count
        ("己处级", "2026.02", "2027.01.31", 0.0, "未完成"),
        ("丙未完成", "2026.06", "2027.05.31", 12.0, "未完成"),
    ]
    county = next(r for r in rows if r.name == "己处级")
    assert (county.level, county.required_hours, county.required_days) == ("县处级", 550.0, 90.0)
    assert next(r for r in rows if r.name == "丁逾期").days_left < 0
    outstanding = training_lists.newly_promoted(ctx, AT, outstanding=True)
    assert [r.name for r in outstanding] == ["丁逾期", "己处级", "丙未完成"]
    path = tmp_path / "p.xlsx"
    assert training_xlsx.export_promoted(ctx, path, rows) == 4
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet[2]][:7] == [
        "姓名",
        "单位",
        "现任职务",
        "职级",
        "层级",
        "任现职时间",
        "完成期限",
    ]
    assert sheet[3][0].value == "丁逾期" and sheet[3][12].value == "逾期未完成"


def test_youth_class_participants_by_year(ctx: ServiceContext, tmp_path: Path) -> None:
    _county(ctx)
    assert [(r.name, r.course) for r in training_lists.youth_class(ctx)] == [
        ("乙后完成", "2026年中青年干部培训班"),
        ("丁逾期", "2025年中青年干部培训班"),
    ]
    assert [r.name for r in training_lists.youth_class(ctx, 2025)] == ["丁逾期"]
    path = tmp_path / "y.xlsx"
    assert training_xlsx.export_youth_class(ctx, path, training_lists.youth_class(ctx, 2026)) == 1
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet[3]][:4] == ["乙后完成", None, "干部一科科长", "2026年中青年干部培训班"]
