"""横向比较 on the county of known composition: the rows, the values, the differences, the limits."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre_desk.errors import NotFoundError, ValidationError
from cadre_desk.services import comparison
from cadre_desk.services.context import ServiceContext
from tests.integration import structure_county

REF = dt.date(2026, 12, 6)


def test_two_cadres_side_by_side(ctx: ServiceContext) -> None:
    county = structure_county.build(ctx)
    g, j = county.cadre_ids["G"], county.cadre_ids["J"]
    c = comparison.compare(ctx, [g, j, g], REF)  # a repeated id counts once
    assert c.names == ("庚七", "癸十") and c.cadre_ids == (g, j)
    rows = {r.label: r for r in c.rows}
    assert len(c.rows) == 22 and c.rows[0].group == "基本情况"
    assert rows["性别"].values == ("女", "男") and rows["性别"].differs
    assert rows["出生年月（年龄）"].values == ("1990.07（36岁）", "1980.04（46岁）")
    assert rows["民族"].values == ("汉族", "汉族") and not rows["民族"].differs
    assert rows["现任职务"].values == ("青山镇党委副书记、镇长", "白沙乡党委书记")
    assert rows["近五年年度考核"].values == ("无记录", "无记录") and not rows["近五年年度考核"].differs
    assert rows["谈话（近12个月 / 累计）"].values == ("0 次 / 0 次", "0 次 / 0 次")
    data = c.to_json()
    assert data["cadres"] == [{"id": g, "name": "庚七"}, {"id": j, "name": "癸十"}]
    assert {r["label"]: r["differs"] for r in data["rows"]}["性别"] is True  # type: ignore[index]


def test_two_to_six_known_cadres(ctx: ServiceContext) -> None:
    county = structure_county.build(ctx)
    with pytest.raises(ValidationError):
        comparison.compare(ctx, [county.cadre_ids["A"]], REF)
    with pytest.raises(ValidationError):
        comparison.compare(ctx, county.ids("ABCDEFG"), REF)
    with pytest.raises(NotFoundError):
        comparison.compare(ctx, [county.cadre_ids["A"], 999_999], REF)
    six = comparison.compare(ctx, county.ids("ABCDEF"), REF)
    assert len(six.names) == 6 and all(len(r.values) == 6 for r in six.rows)
