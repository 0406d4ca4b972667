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


def _reference(ctx: ServiceContext, year: int) -> dict[int, object]:
    """The rule read record by record (`assess` over every live record of every live cadre): what the
    list summed in the database must equal."""
    import datetime as dt

    from sqlalchemy import select

    from cadre_desk.db.models import Cadre, Training
    from cadre_desk.domain import training_compliance as rule

    values = compliance.compliance_rules(ctx)
    with ctx.db.read() as session:
        cadres = session.execute(select(Cadre.id, Cadre.rank).where(Cadre.archived_at.is_(None))).all()
        records: dict[int, list[rule.Record]] = {}
        for t in session.scalars(select(Training).where(Training.archived_at.is_(None))):
            day: dt.date | None = t.start_date or t.end_date
            records.setdefault(t.cadre_id, []).append(
                rule.Record(None if day is None else day.year, t.kind, t.hours, t.days, t.full_time)
            )
    return {
        cadre_id: rule.assess(
            rank, records.get(cadre_id, []), year, values.day_hours, values.plan_start, values.rolling
        )
        for cadre_id, rank in cadres
    }


def test_the_list_summed_in_the_database_equals_the_rule_record_by_record(ctx: ServiceContext) -> None:
    """The 10,000-cadre list sums each cadre's training in SQL (one row a cadre); every field must be what
    `assess` gives over the records one by one: both levels, both windows, online kinds, 脱产, records with
    only 学时 or only days, undated starts, archived records and cadres, other years, another day."""
    import datetime as dt
    import random

    from sqlalchemy import update

    from cadre_desk.db.models import Training

    rng = random.Random(13)
    town = units.create_unit(
        ctx, units.UnitInput(name="某县红旗镇人民政府", short_name="红旗镇", kind="乡镇")
    )
    office = units.create_unit(ctx, units.UnitInput(name="某县发改局", short_name="发改局", kind="部门"))
    ranks = ["正处级", "副处级", "二级调研员", "四级调研员", "正科级", "副科级", "一级主任科员", "科员"]
    kinds = ["专题班", "党校主体班", "网络学习", "网络培训", "以会代训", "青干班"]
    ids = []
    for n in range(40):
        cadre = make_cadre(ctx, f"测试{n:02d}", rank=ranks[n % len(ranks)], unit_id=(town, office)[n % 2].id)
        items = []
        for _ in range(rng.randrange(0, 7)):
            when = dt.date(rng.randrange(2019, 2027), rng.randrange(1, 13), rng.randrange(1, 28))
            start = min(when, dt.date.today()).strftime("%Y.%m.%d")  # no dates in the future
            undated_start = rng.random() < 0.15
            hours, days = rng.choice([(40, 0), (0, 5), (72, 12), (13.5, 0), (0, 2.5), (8, 1), (100, 0)])
            items.append(
                cr.TrainingInput(
                    "班",
                    rng.choice(kinds),
                    "",
                    None if undated_start else start,
                    start if undated_start or rng.random() < 0.5 else None,
                    hours,
                    days,
                    full_time=rng.random() < 0.5,
                )
            )
        if items:
            cr.save_trainings(ctx, cadre.id, items, cadre.version)
        ids.append(cadre.id)
    with ctx.db.uow() as session:  # a few records and one cadre archived (deleted in the window)
        session.execute(
            update(Training).where(Training.id % 7 == 0).values(archived_at=dt.datetime.now(dt.UTC))
        )
    from cadre_desk.services import cadres as cadre_service

    cadre_service.archive_cadre(ctx, ids[3])

    def check(year: int) -> None:
        expected = _reference(ctx, year)
        rows = compliance.compliance(ctx, year)
        assert len(rows) == 39 and ids[3] not in {r.id for r in rows}
        assert {r.id: r.result for r in rows} == expected
        for row in compliance.compliance(ctx, year, office.id):
            assert row.result == expected[row.id]
        assert compliance.compliance(ctx, year, cadre_id=ids[5])[0].result == expected[ids[5]]
        assert [r.id for r in compliance.compliance(ctx, year, only_short=True)] == [
            r.id
            for r in rows
            if not expected[r.id].met  # type: ignore[attr-defined]
        ]

    for year in (2020, 2023, 2026, 2027, 2028):
        check(year)
    listed = {(r.category, r.key): r for r in rules.list_rules(ctx, rules.TRAINING)}
    rules.set_rule(ctx, listed[("training", "rolling")].id, 1, listed[("training", "rolling")].version)
    rules.set_rule(ctx, listed[("training", "day_hours")].id, 7.5, listed[("training", "day_hours")].version)
    for year in (2024, 2026):
        check(year)
