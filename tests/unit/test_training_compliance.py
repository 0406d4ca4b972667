"""Training compliance rules: windows, either measure, days ↔ 学时, online apart, 脱产 days for 县处级."""

from __future__ import annotations

import datetime as dt

from cadre_desk.domain.training_compliance import Record, assess, level, window


def rec(day: str, kind: str = "专题班", hours: float = 0, days: float = 0, full_time: bool = True) -> Record:
    return Record(dt.date.fromisoformat(day).year, kind, hours, days, full_time)


def test_levels_and_windows() -> None:
    assert level("正处级") == "县处级" and level("四级调研员") == "县处级"
    assert level("正科级") == "乡科级" and level("一级主任科员") == "乡科级" and level("") == "乡科级"
    assert window("县处级", 2026).label() == "2023–2027"
    assert window("县处级", 2028).label() == "2028–2032"
    assert window("县处级", 2022).label() == "2018–2022"
    assert window("县处级", 2026, rolling=True).label() == "2022–2026"
    assert window("县处级", 2026, plan_start=2024).label() == "2024–2028"
    assert window("乡科级", 2026).label() == "2026"


def test_township_either_measure_and_conversion() -> None:
    year = 2026
    assert assess("科员", [rec("2026-03-01", hours=90)], year).met
    assert assess("科员", [rec("2026-03-01", days=12)], year).met  # 12 days (72 学时) is enough
    short = assess("科员", [rec("2026-03-01", days=10), rec("2025-12-01", hours=200)], year)
    assert not short.met
    assert (short.done_hours, short.done_days) == (60, 10)  # 10 days × 6 学时; last year's not counted
    assert (short.shortfall_hours, short.shortfall_days) == (30, 2)
    converted = assess("科员", [rec("2026-03-01", hours=48)], year, day_hours=8)
    assert converted.done_days == 6
    assert assess("科员", [rec("2026-03-01", days=11)], year, day_hours=9).met  # 99 学时


def test_online_counts_apart() -> None:
    result = assess("科员", [rec("2026-05-01", "网络学习", hours=60)], 2026)
    assert not result.met and result.done_hours == 0 and result.online_hours == 60 and result.online_met
    assert assess("科员", [rec("2026-05-01", "网络培训", hours=30)], 2026).online_hours == 30


def test_county_five_years_and_full_time_days() -> None:
    records = [rec("2023-04-01", "党校主体班", hours=360, days=60), rec("2026-09-01", hours=120, days=20)]
    result = assess("副处级", records, 2026)
    assert (result.level, result.window.label(), result.done_hours, result.done_days) == (
        "县处级",
        "2023–2027",
        480,
        80,
    )
    assert not result.met and result.shortfall_hours == 70
    part_time = [rec("2024-04-01", hours=0, days=95, full_time=False)]
    not_full_time = assess("正处级", part_time, 2026)
    assert (not_full_time.done_days, not_full_time.done_hours) == (0, 570)  # days only count 脱产
    assert not assess("正处级", [rec("2024-04-01", hours=300, days=80, full_time=False)], 2026).met
    assert assess("正处级", [rec("2024-04-01", days=92)], 2026).met  # 3 months 脱产
    assert assess("正处级", [rec("2024-04-01", hours=560)], 2026).met
    assert assess("正处级", [rec("2021-04-01", hours=560)], 2026, rolling=True).done_hours == 0
    assert assess("正处级", [rec("2022-04-01", hours=560)], 2026, rolling=True).met
    assert (
        Record(None, "专题班", 100, 0, True)
        and assess("科员", [Record(None, "专题班", 100, 0, True)], 2026).done_hours == 0
    )
