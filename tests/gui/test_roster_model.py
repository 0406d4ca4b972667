"""The roster's model and filter proxy on plain DTOs: Qt's model checks, sorting, filtering."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from cadre_desk.domain.pinyin import initials
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.services import retirement
from cadre_desk.services.cadres import CadreSummary
from cadre_desk.ui.roster.roster_model import ID_ROLE, Column, RosterFilter, RosterModel

TODAY = dt.date(2026, 6, 1)


def summary(
    cadre_id: int,
    name: str,
    birth: str,
    unit: str = "某某县委办公室",
    post: str = "科员",
    rank: str = "科员",
    post_since: str | None = None,
) -> CadreSummary:
    return CadreSummary(
        id=cadre_id,
        uid=f"uid-{cadre_id}",
        name=name,
        gender="男",
        birth=YearMonth.parse(birth),
        unit_id=None,
        unit=unit,
        post=post,
        rank=rank,
        education="大学",
        political_status="中共党员",
        post_since=YearMonth.parse(post_since) if post_since else None,
        id_number="",
        name_initials=initials(name),
        version=1,
        archived=False,
        retirement_month=retirement.compute(YearMonth.parse(birth), "男", rank).month,
    )


ROWS = [
    summary(1, "张三", "1985.03", "中共某某县委组织部", "干部一科科长", "正科级", "2019.06"),
    summary(2, "李四", "1996.11", "某某县青山镇人民政府", "党政办公室主任", "副科级", "2021.03"),
    summary(3, "王小明", "1970.01", "某某县青山镇人民政府", "党委书记", "正科级", "2016.12"),
    summary(4, "赵一", "2001.08", "某某县委办公室", "科员", "科员"),
]


@pytest.fixture
def model() -> RosterModel:
    roster = RosterModel(TODAY)
    roster.set_rows(ROWS)
    return roster


def names(proxy: RosterFilter | RosterModel) -> list[str]:
    return [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]


def test_the_model_passes_qt_model_checks(qtmodeltester: ModelTester, model: RosterModel) -> None:
    qtmodeltester.check(model)
    proxy = RosterFilter()
    proxy.setSourceModel(model)
    proxy.set_query("青山")
    qtmodeltester.check(proxy)


def test_the_model_passes_qt_model_checks_when_empty(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(RosterModel(TODAY))


def test_display_values(model: RosterModel) -> None:
    row = [model.index(0, c).data() for c in Column]
    assert row == [
        "张三",
        "男",
        "41",
        "中共某某县委组织部",
        "干部一科科长",
        "正科级",
        "大学",
        "中共党员",
        "2019.06",
        "2048.03",  # 到龄: born 1985.03, a man: 60 + 36 months
    ]
    assert model.index(3, Column.POST_SINCE).data() == ""
    assert model.index(2, Column.NAME).data(ID_ROLE) == 3
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert model.data(QModelIndex()) is None


def test_sorting_by_retirement_month(model: RosterModel) -> None:
    model.sort(Column.RETIREMENT, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["王小明", "张三", "李四", "赵一"]
    assert model.index(0, Column.RETIREMENT).data() == "2031.05"  # 1970.01: 60 + 16 months


def test_sorting_is_by_value(model: RosterModel) -> None:
    model.sort(Column.AGE, Qt.SortOrder.AscendingOrder)
    assert [int(model.index(r, Column.AGE).data()) for r in range(4)] == [24, 29, 41, 56]
    model.sort(Column.AGE, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["王小明", "张三", "李四", "赵一"]
    model.sort(Column.POST_SINCE, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["赵一", "王小明", "张三", "李四"]  # no date first, then by date
    model.sort(Column.RANK, Qt.SortOrder.AscendingOrder)
    assert names(model)[:2] == ["赵一", "李四"]  # 科员 < 副科级 < 正科级
    model.sort(Column.UNIT, Qt.SortOrder.AscendingOrder)  # units in the order the service listed them
    assert names(model) == ["张三", "李四", "王小明", "赵一"]
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)  # by pinyin initials
    assert names(model) == ["李四", "王小明", "张三", "赵一"]


def test_sorting_keeps_persistent_indexes(model: RosterModel) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(model.index(0, Column.NAME))  # 张三
    model.sort(Column.AGE, Qt.SortOrder.AscendingOrder)
    assert kept.row() == 2
    assert kept.data() == "张三"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["张三", "李四", "王小明", "赵一"]),
        ("张", ["张三"]),
        ("zs", ["张三"]),  # pinyin initials
        ("ZS", ["张三"]),
        ("wxm", ["王小明"]),
        ("z", ["张三", "赵一"]),  # initials match as a prefix
        ("青山镇", ["李四", "王小明"]),  # unit
        ("书记", ["王小明"]),  # post
        ("青山镇 主任", ["李四"]),  # every term must match
        ("组织部 ls", []),
        ("不存在", []),
    ],
)
def test_filter(model: RosterModel, query: str, expected: list[str]) -> None:
    proxy = RosterFilter()
    proxy.setSourceModel(model)
    proxy.set_query(query)
    assert names(proxy) == expected


def test_ten_thousand_rows_filter_and_sort() -> None:
    rows = [
        summary(
            i,
            f"{'张李王赵'[i % 4]}{'一二三四五六七八九'[i % 9]}{'明华'[i % 2]}",
            f"{1960 + i % 40}.0{1 + i % 9}",
        )
        for i in range(10_000)
    ]
    model = RosterModel(TODAY)
    model.set_rows(rows)
    proxy = RosterFilter()
    proxy.setSourceModel(model)
    proxy.set_query("zs")
    assert proxy.rowCount() == sum(1 for r in rows if r.name_initials.startswith("zs"))
    proxy.sort(Column.AGE, Qt.SortOrder.DescendingOrder)
    ages = [int(proxy.index(r, Column.AGE).data()) for r in range(proxy.rowCount())]
    assert ages == sorted(ages, reverse=True)
