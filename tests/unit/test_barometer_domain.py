"""The barometer's pure rules: periods, indicator values, how a rule table colours a reading."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre_desk.domain import barometer as bd


def test_periods_are_written_like_2026Q4() -> None:
    p = bd.parse_period("2026Q4")
    assert (p.code, p.start, p.end, p.label) == (
        "2026Q4",
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
        "2026年第四季度",
    )
    assert bd.parse_period("2026-q1").code == "2026Q1"
    assert bd.parse_period("2026年第二季度").code == "2026Q2"
    assert bd.parse_period("2026年第3季度").end == dt.date(2026, 9, 30)
    assert bd.parse_period("2025H2").start == dt.date(2025, 7, 1)
    assert bd.parse_period("2026").end == dt.date(2026, 12, 31)
    assert bd.parse_period("2026Q1").previous().code == "2025Q4"
    assert bd.period_containing(dt.date(2026, 5, 17)).code == "2026Q2"
    for bad in ("2026Q5", "Q4", "26Q1", "1800Q1", "", "2026Q"):
        with pytest.raises(ValueError):
            bd.parse_period(bad)


def test_indicator_values_are_checked_and_normalised() -> None:
    assert bd.clean_value("petition", "待核") == "待核"
    assert bd.clean_value("petition", " 无 ") == ""
    assert bd.clean_value("case_review", "√") == "是"
    assert bd.clean_value("case_review", "否") == ""
    assert bd.clean_value("discipline", "党内警告") == "党内警告"
    with pytest.raises(bd.IndicatorError, match="信访举报应为 不实、待核、属实"):
        bd.clean_value("petition", "查实")
    with pytest.raises(bd.IndicatorError, match="立案审查"):
        bd.clean_value("case_review", "也许")
    with pytest.raises(bd.IndicatorError, match="最多 200 个字"):
        bd.clean_value("discipline", "字" * 201)


def test_merging_keeps_the_more_severe_reading() -> None:
    assert bd.merge_value("petition", "不实", "属实") == "属实"
    assert bd.merge_value("petition", "属实", "待核") == "属实"
    assert bd.merge_value("personal_matters", "漏报", "") == "漏报"
    assert bd.merge_value("audit_finding", "违规发放津贴", "超标准接待") == "违规发放津贴；超标准接待"
    assert (
        bd.merge_value("audit_finding", "违规发放津贴；超标准接待", "超标准接待")
        == "违规发放津贴；超标准接待"
    )
    assert bd.merge_value("rank_last", "", "是") == "是"


RULES = [
    bd.ColourRule(1, bd.YELLOW, "petition", ("待核", "属实"), "信访举报待核或属实"),
    bd.ColourRule(2, bd.RED, "discipline", (), "受处分"),
    bd.ColourRule(3, bd.YELLOW, "rank_last", (), "考核末位"),
    bd.ColourRule(4, bd.RED, "assessment", ("不称职",), "年度考核不称职"),
]


def test_red_rules_win_over_yellow_and_the_rule_that_fired_is_kept() -> None:
    ordered = bd.order_rules(RULES)
    assert [r.id for r in ordered] == [2, 4, 1, 3]
    r = bd.evaluate({"petition": "属实", "discipline": "政务记过"}, ordered)
    assert (r.colour, r.rule and r.rule.id, r.rule_text) == ("red", 2, "处分 政务记过（受处分）")
    r = bd.evaluate({"petition": "待核", "rank_last": "是"}, ordered)
    assert (r.colour, r.rule_text) == ("yellow", "信访举报 待核（信访举报待核或属实）")
    r = bd.evaluate({"rank_last": "是"}, ordered)
    assert r.rule_text == "考核末位（考核末位）"
    r = bd.evaluate({"petition": "不实", "assessment": "基本称职"}, ordered)
    assert (r.colour, r.rule, r.rule_text) == ("green", None, "")


def test_an_override_wins() -> None:
    assert bd.effective_colour("green", "") == "green"
    assert bd.effective_colour("yellow", "green") == "green"
