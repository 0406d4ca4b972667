"""到龄 end to end in the services: lists by bucket and unit at a reference month, manual months with
reasons, the local rule table (exit ages, women 县处级), .lrmx in and out, the dossier line, and the
0009 migration on a database of the previous schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.db.models import AuditEvent
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.errors import ValidationError
from cadre_desk.reports import dossier
from cadre_desk.services import cadres, printing, retirement, rules, teams, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import forms, importing, lrmx
from tests.conftest import make_cadre
from tests.integration.old_schema import cadre_row, database_at, insert, upgrade_to_head
from tests.integration.test_reports_dossier import SETTINGS, text_of

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lrmx"
REF = YearMonth(2026, 12)


def _people(ctx: ServiceContext) -> dict[str, cadres.CadreView]:
    town = units.create_unit(
        ctx, units.UnitInput(name="某县青山镇人民政府", short_name="青山镇", kind="乡镇")
    )
    office = units.create_unit(ctx, units.UnitInput(name="某县委办公室", short_name="县委办", kind="党委"))
    return {
        # 1966.08 男: original 2026.08, n = 20, delay 5 → 2027.01 (next month)
        "next": make_cadre(
            ctx, "钱进", birth="1966.08", unit_id=town.id, party_join="1988.05", work_start="1986.07"
        ),
        # 1966.07 男: original 2026.07, n = 19, delay 5 → 2026.12 (this month)
        "now": make_cadre(
            ctx, "孙现", birth="1966.07", unit_id=office.id, party_join="1988.05", work_start="1986.07"
        ),
        # 1971.09 女 乡科级 (55): original 2026.09, n = 21, delay 6 → 2027.03
        "woman": make_cadre(
            ctx,
            "李芳",
            gender="女",
            birth="1971.09",
            unit_id=town.id,
            party_join="1993.05",
            work_start="1992.07",
        ),
        # 1971.09 女 副处级: 60 by default → 2031.09 + 21 → 2033.06
        "county": make_cadre(
            ctx,
            "周华",
            gender="女",
            birth="1971.09",
            rank="副处级",
            unit_id=office.id,
            party_join="1993.05",
            work_start="1992.07",
        ),
        # 1965.02 男: original 2025.02, n = 2, delay 1 → 2025.03 (past, still on the roster)
        "past": make_cadre(
            ctx, "吴老", birth="1965.02", unit_id=town.id, party_join="1988.05", work_start="1984.07"
        ),
        "young": make_cadre(
            ctx, "郑青", birth="1995.05", unit_id=town.id, party_join="2016.05", work_start="2017.07"
        ),
    }


def test_lists_by_bucket_and_unit_at_a_reference_month(ctx: ServiceContext) -> None:
    p = _people(ctx)
    rows = retirement.all_rows(ctx, REF)
    by_id = {r.id: r for r in rows}
    assert str(by_id[p["next"].id].info.month) == "2027.01"
    assert str(by_id[p["now"].id].info.month) == "2026.12"
    assert (str(by_id[p["woman"].id].info.month), by_id[p["woman"].id].info.age_label) == (
        "2027.03",
        "55岁6个月",
    )
    assert (by_id[p["county"].id].info.original_age, str(by_id[p["county"].id].info.month)) == (60, "2033.06")
    assert [r.info.month for r in rows] == sorted(r.info.month for r in rows)  # ordered by month

    def names(bucket: str, unit_id: int | None = None) -> list[str]:
        return [r.name for r in retirement.list_retirements(ctx, REF, unit_id=unit_id, bucket=bucket)]

    assert names(retirement.THIS_MONTH) == ["孙现"]
    assert names(retirement.NEXT_MONTH) == ["钱进"]
    assert names(retirement.THIS_YEAR) == ["孙现"]
    assert names(retirement.HALF_YEAR) == ["孙现", "钱进", "李芳"]
    assert names(retirement.THREE_YEARS) == ["孙现", "钱进", "李芳"]
    assert names(retirement.OVERDUE) == ["吴老"]
    town = units.find_unit(ctx, "青山镇").id
    assert names(retirement.HALF_YEAR, town) == ["钱进", "李芳"]
    within = retirement.list_retirements(ctx, REF, within=1)
    assert [r.name for r in within] == ["孙现", "钱进"]
    assert retirement.bucket_counts(rows, REF)[retirement.HALF_YEAR] == 3
    # The roster carries the same month.
    roster = {r.id: r for r in cadres.list_cadres(ctx)}
    assert str(roster[p["woman"].id].retirement_month) == "2027.03"


def test_manual_month_needs_a_reason_wins_and_is_audited(ctx: ServiceContext) -> None:
    p = _people(ctx)
    c = p["young"]
    with pytest.raises(ValidationError) as err:
        retirement.set_override(ctx, c.id, "2058.05", "", c.version)
    assert "retirement_override_reason" in err.value.fields
    with pytest.raises(ValidationError):
        retirement.set_override(ctx, c.id, "2090.01", "太远", c.version)
    info = retirement.set_override(
        ctx, c.id, "2056.05", "弹性提前退休协议", c.version, "改革前任职年龄界限为63岁"
    )
    assert (info.source, str(info.month), info.age_label, info.text()) == (
        "手工",
        "2056.05",
        "61岁",
        "2056.05（61岁）",
    )
    assert retirement.get_retirement(ctx, c.id).reason == "弹性提前退休协议"
    assert retirement.get_computed(ctx, c.id).source == "计算"
    with ctx.db.read() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == c.id).order_by(AuditEvent.id.desc())
        ).first()
        assert event is not None and event.changes["retirement_override"] == [None, "2056.05"]
    fresh = cadres.get_cadre(ctx, c.id)
    cleared = retirement.set_override(ctx, c.id, "", "", fresh.version)
    assert cleared.source == "计算" and str(cleared.month) == "2058.05"


def test_the_rule_table_drives_exit_warnings_and_the_women_county_age(ctx: ServiceContext) -> None:
    p = _people(ctx)
    town = units.find_unit(ctx, "青山镇").id
    chief = teams.add_post(ctx, town, teams.PostInput("党委书记", "正职"))
    deputy = teams.add_post(ctx, town, teams.PostInput("副镇长", "副职", 2))
    teams.add_member(ctx, chief.id, p["young"].id, "2024.01")
    teams.add_member(ctx, deputy.id, p["woman"].id, "2020.01")  # 1971.09 + 57 = 2028.09: too far
    teams.add_member(ctx, deputy.id, p["past"].id, "2020.01")  # 1965.02 + 57 = 2022.02: past
    warnings = retirement.exit_warnings(ctx, REF)
    assert [(w.name, w.level, w.exit_age, str(w.exit_month)) for w in warnings] == [
        ("吴老", "副职", 57, "2022.02")
    ]

    listed = {(r.category, r.key): r for r in rules.list_rules(ctx)}
    assert listed[("leadership_exit_age", "principal")].value == 58
    assert "地方做法" in listed[("leadership_exit_age", "principal")].source
    warn = listed[("leadership_exit_age", "warn_months")]
    rules.set_rule(ctx, warn.id, 24, warn.version)
    assert [w.name for w in retirement.exit_warnings(ctx, REF)] == ["吴老", "李芳"]
    with pytest.raises(ValidationError):
        rules.set_rule(ctx, warn.id, 99, warn.version + 1)

    women = listed[("retirement", "women_county_age")]
    with pytest.raises(ValidationError):
        rules.set_rule(ctx, women.id, 58, women.version)
    changed = rules.set_rule(ctx, women.id, 55, women.version)
    assert changed.source.startswith("本部门修改（原默认值 60）")
    county = {r.id: r for r in retirement.all_rows(ctx, REF)}[p["county"].id]
    assert (county.info.original_age, str(county.info.month)) == (55, "2027.03")


def test_lrmx_reads_and_writes_the_retirement_elements(ctx: ServiceContext, tmp_path: Path) -> None:
    # A file stating 203801 for a man born 1978.01 (computed: 2041.01): the file's month is kept as a
    # manual month with a reason, and written back unchanged.
    plan = forms.plan_files(ctx, [FIXTURES / "family10_resume40_unknown.lrmx"])
    cadre_id = importing.apply_plan(ctx, plan).cadre_ids[0]
    info = retirement.get_retirement(ctx, cadre_id)
    assert (str(info.month), info.source) == ("2038.01", "手工")
    assert "2041.01" in info.reason
    root = lrmx.parse_xml(forms.form_bytes(ctx, cadre_id))
    assert root.findtext("DaoLingNianYue") == "203801"
    assert root.findtext("GaiGeQianRenZhiNianLingJieXian") == "改革前任职年龄界限为60岁"
    # Changed by hand: the file's element follows.
    view = cadres.get_cadre(ctx, cadre_id)
    retirement.set_override(
        ctx, cadre_id, "2039.06", "延迟退休协议", view.version, "改革前任职年龄界限为63岁"
    )
    root = lrmx.parse_xml(forms.form_bytes(ctx, cadre_id))
    assert root.findtext("DaoLingNianYue") == "203906"
    assert root.findtext("GaiGeQianRenZhiNianLingJieXian") == "改革前任职年龄界限为63岁"
    # A form made in the app: computed.
    made = make_cadre(ctx, "王新", birth="1976.09", id_number="")
    root = lrmx.parse_xml(forms.form_bytes(ctx, made.id))
    assert root.findtext("DaoLingNianYue") == "203909"
    assert root.findtext("GaiGeQianRenZhiNianLingJieXian") == "改革前任职年龄界限为60岁"


def test_a_file_without_the_elements_is_computed(ctx: ServiceContext) -> None:
    plan = forms.plan_files(ctx, [FIXTURES / "filled_compact.lrmx"])
    cadre_id = importing.apply_plan(ctx, plan).cadre_ids[0]
    assert retirement.get_retirement(ctx, cadre_id).source == "计算"
    root = lrmx.parse_xml(forms.form_bytes(ctx, cadre_id))
    assert root.find("DaoLingNianYue") is None  # the file is given back as it came


def test_the_dossier_prints_the_retirement_month(ctx: ServiceContext, tmp_path: Path) -> None:
    c = make_cadre(ctx, "赵到龄", birth="1976.09")
    path = tmp_path / "d.pdf"
    dossier.build_cadre_dossier(printing.gather_cadre(ctx, c.id), path, dossier.DossierOptions(SETTINGS))
    assert "到龄年月2039.09（63岁），按2025年渐进式延迟退休规定计算" in "".join(text_of(path))


def test_migration_0009_upgrades_a_0008_database_without_loss(tmp_path: Path) -> None:
    from sqlalchemy import text

    engine = database_at(tmp_path / "old.db", "0008")
    with engine.begin() as conn:
        insert(conn, "cadre", cadre_row(version=4, birth=197609, post="科长", rank="正科级"))
        conn.execute(
            text(
                "INSERT INTO training (id, uid, created_at, updated_at, version, cadre_id, position, name, "
                "kind, organiser, hours, days) VALUES (1, 't1', '2026-01-01', '2026-01-01', 1, 1, 0, "
                "'党校主体班', '党校主体班', '县委党校', 180, 30)"
            )
        )
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert conn.execute(
            text(
                "SELECT name, version, retirement_override, retirement_override_reason, post_age_limit "
                "FROM cadre"
            )
        ).one() == ("张三", 4, None, "", "")
        assert conn.execute(text("SELECT name, hours, days, full_time, certificate FROM training")).one() == (
            "党校主体班",
            180,
            30,
            0,
            "",
        )
        defaults = dict(conn.execute(text("SELECT category || '.' || key, value FROM local_rule")).all())
        assert (
            defaults["leadership_exit_age.principal"] == 58 and defaults["leadership_exit_age.deputy"] == 57
        )
        assert defaults["retirement.women_county_age"] == 60
        assert all(conn.execute(text("SELECT source FROM local_rule")).scalars())
    engine.dispose()
