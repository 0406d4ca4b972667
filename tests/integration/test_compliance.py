"""Training compliance in the services: training records with 脱产 and certificate, the list by year and
unit against the rule table (days ↔ 学时, rolling window), the 未达标 export read back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cadre_desk.errors import ValidationError
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import compliance, rules, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer.training_xlsx import export_compliance
from tests.conftest import make_cadre


def _county(ctx: ServiceContext) -> dict[str, int]:
    town = units.create_unit(
        ctx, units.UnitInput(name="某县青山镇人民政府", short_name="青山镇", kind="乡镇")
    )
    office = units.create_unit(ctx, units.UnitInput(name="某县委办公室", short_name="县委办", kind="党委"))
    ids = {}
    for name, rank, unit_id, items in (
        (
            "甲达标",
            "正科级",
            town.id,
            [
                cr.TrainingInput(
                    "专题班",
                    "专题班",
                    "县委组织部",
                    "2026.03.02",
                    "2026.03.13",
                    72,
                    12,
                    full_time=True,
                    certificate="结字1号",
                )
            ],
        ),
        (
            "乙差时",
            "一级主任科员",
            town.id,
            [
                cr.TrainingInput("以会代训", "以会代训", "", "2026.05.01", "2026.05.01", 8, 1),
                cr.TrainingInput("网络学院", "网络学习", "", "2026.06.01", None, 60, 0),
            ],
        ),
        (
            "丙处级",
            "副处级",
            office.id,
            [
                cr.TrainingInput(
                    "进修班", "党校主体班", "县委党校", "2023.03.01", "2023.04.29", 360, 60, full_time=True
                ),
                cr.TrainingInput("专题班", "专题班", "", "2021.03.01", "2021.03.30", 200, 30),
            ],
        ),
        ("丁无记录", "科员", office.id, []),
    ):
        cadre = make_cadre(ctx, name, rank=rank, unit_id=unit_id)
        if items:
            cr.save_trainings(ctx, cadre.id, items, cadre.version)
        ids[name] = cadre.id
    return ids


def test_training_records_keep_full_time_and_certificate(ctx: ServiceContext) -> None:
    ids = _county(ctx)
    profile = cr.get_profile(ctx, ids["甲达标"])
    assert [(t.full_time, t.certificate) for t in profile.trainings] == [(True, "结字1号")]
    with pytest.raises(ValidationError):
        cr.save_trainings(
            ctx, ids["甲达标"], [cr.TrainingInput("班", certificate="号" * 101)], profile.cadre.version
        )


def test_the_list_by_year_and_unit(ctx: ServiceContext, tmp_path: Path) -> None:
    ids = _county(ctx)
    rows = {r.name: r for r in compliance.compliance(ctx, 2026)}
    assert [r.name for r in compliance.compliance(ctx, 2026)] == ["甲达标", "乙差时", "丙处级", "丁无记录"]
    a, b, c, d = rows["甲达标"], rows["乙差时"], rows["丙处级"], rows["丁无记录"]
    assert a.result.met and a.result.done_days == 12
    assert {
        k: b.to_json()[k]
        for k in ("id", "name", "level", "window", "required_hours", "done_hours", "shortfall_hours", "met")
    } == {
        "id": ids["乙差时"],
        "name": "乙差时",
        "level": "乡科级",
        "window": "2026",
        "required_hours": 90.0,
        "done_hours": 8.0,
        "shortfall_hours": 82.0,
        "met": False,
    }
    assert b.result.online_hours == 60 and b.result.shortfall_days == 11
    assert (c.result.window.label(), c.result.done_hours, c.result.met) == ("2023–2027", 360, False)
    assert d.result.done_hours == 0 and not d.result.met
    short = compliance.compliance(ctx, 2026, only_short=True)
    assert [r.name for r in short] == ["乙差时", "丙处级", "丁无记录"]
    office = units.find_unit(ctx, "县委办").id
    assert [r.name for r in compliance.compliance(ctx, 2026, office)] == ["丙处级", "丁无记录"]
    assert not {r.name: r for r in compliance.compliance(ctx, 2025)}["甲达标"].result.met  # another year

    # The rule table: a rolling window reaches back to 2022 only; 8 学时 a day makes 12 days 96 学时.
    listed = {(r.category, r.key): r for r in rules.list_rules(ctx, rules.TRAINING)}
    rolling = listed[("training", "rolling")]
    rules.set_rule(ctx, rolling.id, 1, rolling.version)
    assert {r.name: r for r in compliance.compliance(ctx, 2026)}[
        "丙处级"
    ].result.window.label() == "2022–2026"
    day = listed[("training", "day_hours")]
    rules.set_rule(ctx, day.id, 8, day.version)
    assert "每天折算 8 学时" in compliance.compliance_rules(ctx).describe()

    path = tmp_path / "短.xlsx"
    assert export_compliance(ctx, path, short) == 3
    ws = openpyxl.load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[1][:5] == ["姓名", "单位", "职级", "层级", "周期"]
    assert values[2][0] == "乙差时" and values[2][7] == 82 and values[2][-1] == "否"
    assert len(values) == 5


def test_the_dossier_has_a_compliance_line(ctx: ServiceContext, tmp_path: Path) -> None:
    from cadre_desk.reports import dossier
    from cadre_desk.services import printing
    from tests.integration.test_reports_dossier import SETTINGS, text_of

    ids = _county(ctx)
    path = tmp_path / "d.pdf"
    dossier.build_cadre_dossier(
        printing.gather_cadre(ctx, ids["丙处级"]), path, dossier.DossierOptions(SETTINGS)
    )
    text = "".join(text_of(path))
    assert "达标情况（干部教育培训工作条例）：县处级，" in text and "应完成550学时或90天" in text
    # the old yearly table against 110 学时 (a rule the 2023 条例 replaced) is gone
    assert "年度集中培训应完成" not in text and "应完成学时" not in text and "110学时" not in text
