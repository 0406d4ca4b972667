"""班子结构分析 on a county of known composition (tests/integration/structure_county.py): every figure,
the cadres behind the figures, the targets from the rule table, the 四类干部 setting, the migration."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.db.models import StructureTarget
from cadre_desk.errors import ValidationError
from cadre_desk.services import structure
from cadre_desk.services.context import ServiceContext
from tests.conftest import ready_account
from tests.integration import structure_county
from tests.integration.old_schema import database_at, upgrade_to_head

REF = dt.date(2026, 12, 6)

COUNTY_JSON = {
    "reference_date": "2026-12-06",
    "scope": "全县",
    "team_only": False,
    "members": 17,
    "slots": {"approved": 17, "filled": 14, "vacant": 3},
    "age_bands": {"≤35": 5, "36–40": 3, "41–45": 1, "46–50": 2, "51–55": 3, "≥56": 3},
    "average_age": 43.5,  # 740 / 17
    "male": 11,
    "female": 6,
    "ethnicity": {"汉族": 14, "回族": 1, "苗族": 1, "壮族": 1},
    "minority": 3,
    "political": {"中共党员": 12, "民主党派": 1, "无党派": 1, "群众": 3, "未填": 0},
    "party_outside": 2,
    "masses": 3,
    "education_full_time": {"研究生": 3, "大学": 10, "大专": 2, "其他": 2},
    "education_highest": {"研究生": 4, "大学": 10, "大专": 2, "其他": 1},
    "chiefs": 6,
    "deputies": 8,
    "retiring_within_3y": 3,
    "four_kinds": {"年轻干部": 5, "女干部": 6, "少数民族干部": 3, "党外干部": 2},
    "targets": [
        {"name": "乡镇班子35岁以下干部", "scope": "乡镇", "requirement": "≥30%", "required": 2, "actual": 2,
         "gap": 0, "colour": "green", "word": "达标"},
        {"name": "每个乡镇班子有30岁以下干部", "scope": "乡镇", "requirement": "≥1名", "required": 2,
         "actual": 1, "gap": 1, "colour": "red", "word": "缺配"},
        {"name": "乡镇党政正职35岁以下", "scope": "乡镇", "requirement": "≥15%", "required": 1, "actual": 1,
         "gap": 0, "colour": "green", "word": "达标"},
        {"name": "35岁以下乡镇党政正职中的党委书记", "scope": "乡镇", "requirement": "≥33.3%", "required": 1,
         "actual": 1, "gap": 0, "colour": "green", "word": "达标"},
        {"name": "每个乡镇班子有女干部", "scope": "乡镇", "requirement": "≥1名", "required": 2, "actual": 1,
         "gap": 1, "colour": "red", "word": "缺配"},
        {"name": "县直单位35岁左右干部", "scope": "县直单位", "requirement": "≥15%", "required": 1,
         "actual": 2, "gap": 0, "colour": "green", "word": "达标"},
        {"name": "县委班子有女干部", "scope": "党委", "requirement": "≥1名", "required": 1, "actual": 1,
         "gap": 0, "colour": "green", "word": "达标"},
        {"name": "县政府班子有女干部", "scope": "政府", "requirement": "≥1名", "required": 1, "actual": 0,
         "gap": 1, "colour": "red", "word": "缺配"},
        {"name": "县政府班子有党外干部", "scope": "政府", "requirement": "≥1名", "required": 1, "actual": 1,
         "gap": 0, "colour": "green", "word": "达标"},
    ],
    "gaps": [
        {"unit": "某县白沙乡", "target": "每个乡镇班子有30岁以下干部", "required": 1, "actual": 0},
        {"unit": "某县白沙乡", "target": "每个乡镇班子有女干部", "required": 1, "actual": 0},
        {"unit": "某县人民政府", "target": "县政府班子有女干部", "required": 1, "actual": 0},
    ],
}  # fmt: skip

TOWN_TEAMS_JSON = {
    "reference_date": "2026-12-06",
    "scope": "全部乡镇",
    "team_only": True,
    "members": 6,
    "slots": {"approved": 8, "filled": 6, "vacant": 2},
    "age_bands": {"≤35": 2, "36–40": 2, "41–45": 1, "46–50": 1, "51–55": 0, "≥56": 0},
    "average_age": 37.3,  # 224 / 6
    "male": 4,
    "female": 2,
    "ethnicity": {"汉族": 5, "苗族": 1},
    "minority": 1,
    "political": {"中共党员": 4, "民主党派": 0, "无党派": 1, "群众": 1, "未填": 0},
    "party_outside": 1,
    "masses": 1,
    "education_full_time": {"研究生": 1, "大学": 3, "大专": 1, "其他": 1},
    "education_highest": {"研究生": 1, "大学": 4, "大专": 0, "其他": 1},
    "chiefs": 3,
    "deputies": 3,
    "retiring_within_3y": 0,
    "four_kinds": {"年轻干部": 2, "女干部": 2, "少数民族干部": 1, "党外干部": 1},
    "targets": COUNTY_JSON["targets"][:5],  # type: ignore[index]
    "gaps": COUNTY_JSON["gaps"][:2],  # type: ignore[index]
}


def test_every_figure_of_the_whole_county(ctx: ServiceContext) -> None:
    county = structure_county.build(ctx)
    report = structure.analyse(ctx, structure.county_scope(), REF)
    assert report.to_json() == COUNTY_JSON
    f = report.figures
    # The cadres behind the figures (what a click opens).
    assert sorted(f.age_bands["≤35"].ids) == county.ids("FHMNO")
    assert sorted(f.age_pyramid["≤35"]["女"].ids) == county.ids("MO")
    assert sorted(f.retiring_within_3y.ids) == county.ids("ELP")
    assert sorted(f.party_outside.ids) == county.ids("DI")
    assert sorted(f.education_highest["研究生"].ids) == county.ids("ACFM")
    assert sorted(f.chiefs.ids) == county.ids("ACFGJL")
    by_name = {t.name: t for t in report.targets}
    young = by_name["乡镇班子35岁以下干部"]
    assert sorted(young.base_ids) == county.ids("FGHIJK") and sorted(young.ids) == county.ids("FH")
    assert sorted(by_name["县政府班子有党外干部"].ids) == county.ids("D")
    # The heat table: one row per 班子, a cell per target covering its kind.
    rows = {t.unit_name: t for t in report.teams}
    assert [t.unit_name for t in report.teams] == [u[0] for u in structure_county.UNITS]
    baisha = rows["某县白沙乡"]
    assert (baisha.slots, baisha.filled, baisha.vacant) == (3, 2, 1)
    cell = baisha.cells[by_name["每个乡镇班子有女干部"].target_id]
    assert (cell.required, cell.actual, cell.colour) == (1, 0, "red")
    assert set(rows["某县财政局"].cells) == {by_name["县直单位35岁左右干部"].target_id}


def test_town_teams_only_and_a_list_of_units(ctx: ServiceContext) -> None:
    county = structure_county.build(ctx)
    towns = structure.kind_scope(ctx, "乡镇", team_only=True)
    report = structure.analyse(ctx, towns, REF, per_team=True)
    assert report.to_json() == TOWN_TEAMS_JSON
    qingshan = report.team_figures[county.unit_ids["青山镇"]]
    assert qingshan.members.count == 4 and qingshan.average_age == 35.0  # (34 + 36 + 29 + 41) / 4
    # Every cadre of the 乡镇 (not only the 班子): the staff member O joins.
    everyone = structure.analyse(ctx, structure.kind_scope(ctx, "乡镇"), REF).to_json()
    assert everyone["members"] == 7 and everyone["age_bands"]["≤35"] == 3
    # A list of units; targets follow the kinds of the units in it.
    chosen = structure.unit_scope(ctx, [county.unit_ids["财政局"], county.unit_ids["县政府"]], team_only=True)
    picked = structure.analyse(ctx, chosen, REF).to_json()
    assert picked["members"] == 6 and picked["retiring_within_3y"] == 2  # E and L
    assert [t["name"] for t in picked["targets"]] == [  # type: ignore[union-attr]
        "县直单位35岁左右干部",
        "县政府班子有女干部",
        "县政府班子有党外干部",
    ]
    with pytest.raises(ValidationError):
        structure.unit_scope(ctx, [])
    with pytest.raises(ValidationError):
        structure.kind_scope(ctx, "星球")


def test_targets_and_the_four_kinds_come_from_the_rule_tables(ctx: ServiceContext) -> None:
    structure_county.build(ctx)
    with ctx.db.uow() as session:
        targets = session.scalars(select(StructureTarget).order_by(StructureTarget.position)).all()
        assert len(targets) == 9 and all(t.source for t in targets)
        women = next(t for t in targets if t.name == "每个乡镇班子有女干部")
        women.required_value = 2  # every 乡镇 two women
        later = next(t for t in targets if t.name == "县政府班子有女干部")
        later.valid_from = "2027.01.01"  # a target not yet in force at the reference date
    report = structure.analyse(ctx, structure.county_scope(), REF)
    by_name = {t.name: t for t in report.targets}
    assert "县政府班子有女干部" not in by_name
    women_row = by_name["每个乡镇班子有女干部"]
    assert (women_row.required, women_row.actual, women_row.gap) == (4, 2, 2)  # 青山镇 2/2, 白沙乡 0/2
    from cadre_desk.services import rule_tables as rt

    for row in rt.list_rows(ctx, "four_kind"):
        if row.values["kind"] == "少数民族干部":
            rt.update_row(ctx, "four_kind", row.id, {"counted": "否"}, row.version)
        if row.values["kind"] == "年轻干部":
            with pytest.raises(ValidationError):
                rt.update_row(ctx, "four_kind", row.id, {"max_age": "60"}, row.version)
            rt.update_row(ctx, "four_kind", row.id, {"max_age": "40"}, row.version)
    kinds = structure.analyse(ctx, structure.county_scope(), REF).to_json()["four_kinds"]
    assert kinds == {"年轻干部": 8, "女干部": 6, "党外干部": 2}


def test_migration_0014_upgrades_a_0013_database_without_loss(tmp_path: Path) -> None:
    from sqlalchemy import text

    engine = database_at(tmp_path / "old.db", "0013")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO unit (id, uid, created_at, updated_at, version, name, short_name, kind, "
                "sort_order) VALUES (1, 'u1', '2026-01-01', '2026-01-01', 2, '某县青山镇', '青山镇', "
                "'乡镇', 10)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO team_post (id, uid, created_at, updated_at, version, unit_id, name, level, "
                "slots, sort_order) VALUES (1, 'p1', '2026-01-01', '2026-01-01', 1, 1, '副镇长', '副职', "
                "3, 10)"
            )
        )
        before = conn.execute(text("SELECT category, key, value, source, version FROM local_rule")).all()
    upgrade_to_head(engine)
    with engine.connect() as conn:
        after = conn.execute(text("SELECT category, key, value, source, version FROM local_rule")).all()
        assert after == before  # untouched
        assert conn.execute(text("SELECT name, version FROM unit")).one() == ("某县青山镇", 2)
        assert conn.execute(text("SELECT name, slots FROM team_post")).one() == ("副镇长", 3)
        four = conn.execute(text("SELECT kind, counted, max_age FROM four_kind ORDER BY position")).all()
        assert four == [("年轻干部", 1, 35), ("女干部", 1, 0), ("少数民族干部", 1, 0), ("党外干部", 1, 0)]
        targets = conn.execute(text("SELECT name, scope, source FROM structure_target")).all()
        assert len(targets) == 9 and all(t.source.startswith("地方做法") for t in targets)
    engine.dispose()


def test_the_targets_are_edited_in_the_rule_editor(ctx: ServiceContext) -> None:
    from cadre_desk.services import rule_tables as rt

    structure_county.build(ctx)
    assert {"structure_target", "four_kind"} <= {t.key for t in rt.tables()}
    assert [r.values["kind"] for r in rt.list_rows(ctx, "four_kind")] == [
        "年轻干部",
        "女干部",
        "少数民族干部",
        "党外干部",
    ]
    rows = {r.values["name"]: r for r in rt.list_rows(ctx, "structure_target")}
    women = rows["每个乡镇班子有女干部"]
    assert women.values["required_kind"] == "人数" and women.values["per_team"] is True
    with pytest.raises(ValidationError) as err:
        rt.update_row(ctx, "structure_target", women.id, {"required_kind": "比例", "required_value": "0"}, 1)
    assert set(err.value.fields) == {"required_value"}
    with pytest.raises(ValidationError) as err:
        rt.update_row(ctx, "structure_target", women.id, {"valid_from": "2026.02.30"}, 1)
    assert set(err.value.fields) == {"valid_from"}
    rt.update_row(ctx, "structure_target", women.id, {"required_kind": "比例", "required_value": "50"}, 1)
    rt.archive_row(ctx, "structure_target", rows["县政府班子有女干部"].id, 1)
    with pytest.raises(ValidationError) as err:  # an age that is not one
        rt.add_row(
            ctx,
            "structure_target",
            {"name": "乡镇班子40岁以下", "scope": "乡镇", "per_team": "否", "base_level": "不限",
             "base_post": "", "base_max_age": "0", "measure": "年龄不超过", "measure_value": "四十",
             "required_kind": "比例", "required_value": "50", "valid_from": ""},
        )  # fmt: skip
    assert set(err.value.fields) == {"measure_value"}
    added = rt.add_row(
        ctx,
        "structure_target",
        {"name": "乡镇班子40岁以下", "scope": "乡镇", "per_team": "否", "base_level": "不限", "base_post": "",
         "base_max_age": "0", "measure": "年龄不超过", "measure_value": "40", "required_kind": "比例",
         "required_value": "50", "valid_from": "2026.01.01"},
    )  # fmt: skip
    assert added.source.startswith("本部门新增")
    by_name = {t.name: t for t in structure.analyse(ctx, structure.county_scope(), REF).targets}
    assert "县政府班子有女干部" not in by_name
    changed = by_name["每个乡镇班子有女干部"]  # 50 % of each team: 青山镇 2 of 4 (met), 白沙乡 1 of 2 (none)
    assert (changed.required, changed.actual, changed.requirement) == (3, 2, "≥50%")
    mine = by_name["乡镇班子40岁以下"]  # F 34, G 36, H 29, K 38 of six
    assert (mine.required, mine.actual, mine.colour) == (3, 4, "green")


def test_the_demo_county_has_real_teams_with_gaps(ctx: ServiceContext) -> None:
    from cadre_desk import demo
    from cadre_desk.services import cadres, teams

    demo.generate(ctx.db, 120, seed=3, today=REF)
    report = structure.analyse(ctx, structure.kind_scope(ctx, "乡镇", team_only=True), REF, per_team=True)
    towns = [t for t in report.teams if t.members]
    assert towns, "every staffed 乡镇 has a 班子 with members"
    for team in towns:  # within 职数, the head in post, and at least half the unit's cadres in the 班子
        view = teams.get_team(ctx, team.unit_id)
        assert all(p.filled <= p.slots for p in view.posts)
        assert view.posts[0].filled == 1, view.unit_name
        staffed = cadres.count_cadres(ctx, team.unit_id)
        assert view.filled >= min(staffed // 2, view.slots - 1), (view.unit_name, staffed, view.filled)
    assert report.vacant > 0 and report.gaps  # a few vacancies, and gaps for the report to find


def test_the_report_prints_and_reads_are_checked_once_accounts_are_on(ctx: ServiceContext) -> None:
    from cadre_desk.errors import PermissionDenied
    from cadre_desk.reports import documents
    from cadre_desk.services import accounts, printing

    structure_county.build(ctx)
    admin = accounts.set_first_admin(ctx.db, "admin", "Adm1n-密码-2026", "王管理")
    ready_account(admin, "clerk", ["clerk"], "Cl3rk-密码-2026")
    clerk = accounts.authenticate(ctx.db, "clerk", "Cl3rk-密码-2026")
    with pytest.raises(PermissionDenied):  # an administrator manages accounts, not cadre records
        structure.analyse(admin, structure.county_scope(), REF)
    scope = structure.kind_scope(clerk, "乡镇", team_only=True)
    options = documents.DocumentOptions(printing.print_settings(clerk), reference=REF, scope=scope)
    assert documents.prepare(ctx.db, "structure", 0, options).to_bytes().startswith(b"%PDF")
