"""The barometer services on a real database: periods, indicators, colours by the rule table, 研判, 处置,
publishing, the cadre's history, and the barometer migration on a database of the schema before it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.db.models import AuditEvent, BarometerEntry
from cadre_desk.errors import ConflictError, ValidationError
from cadre_desk.services import (
    barometer,
    barometer_changes,
    barometer_entries,
    barometer_history,
    barometer_periods,
    barometer_rules,
    obligations,
    rule_tables,
    units,
)
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre
from tests.integration.old_schema import cadre_row, database_at, insert, upgrade_to_head


def _county(ctx: ServiceContext) -> tuple[int, int, list[int]]:
    town = units.create_unit(ctx, units.UnitInput(name="某某镇", kind="乡镇")).id
    office = units.create_unit(ctx, units.UnitInput(name="县财政局", kind="部门")).id
    ids = [
        make_cadre(ctx, "王一", unit_id=town).id,
        make_cadre(ctx, "李二", unit_id=town, birth="1984.01").id,
        make_cadre(ctx, "赵三", unit_id=office, birth="1979.06").id,
    ]
    return town, office, ids


def _entry(ctx: ServiceContext, period_id: int, cadre_id: int) -> barometer.EntryView:
    return next(e for e in barometer_entries.list_entries(ctx, period_id) if e.cadre_id == cadre_id)


def test_a_period_opens_with_every_cadre_green_by_unit(ctx: ServiceContext) -> None:
    town, office, _ids = _county(ctx)
    p = barometer_periods.open_period(ctx, "2026Q4")
    assert (p.code, p.label, p.state, p.total, p.counts) == (
        "2026Q4",
        "2026年第四季度",
        "采集中",
        3,
        {"green": 3},
    )
    assert [e.name for e in barometer_entries.list_entries(ctx, p.id, unit_id=town)] == ["李二", "王一"]
    assert [e.unit for e in barometer_entries.list_entries(ctx, p.id, unit_id=office)] == ["县财政局"]
    with pytest.raises(ValidationError, match="已建立"):
        barometer_periods.open_period(ctx, "2026q4")
    with pytest.raises(ValidationError, match="无法识别"):
        barometer_periods.open_period(ctx, "2026Q5")
    assert [x.code for x in barometer_periods.list_periods(ctx)] == ["2026Q4"]


def test_indicators_colour_the_entry_by_the_shipped_rules(ctx: ServiceContext) -> None:
    _town, _office, ids = _county(ctx)
    p = barometer_periods.open_period(ctx, "2026Q3")
    e = _entry(ctx, p.id, ids[0])
    e = barometer_changes.set_indicators(ctx, e.id, {"petition": "待核"}, e.version)
    assert (e.colour, e.rule_text) == ("yellow", "信访举报 待核（信访举报待核或属实）")
    e = barometer_changes.set_indicators(ctx, e.id, {"discipline": "党内警告"}, e.version)
    assert (e.colour, e.rule_text) == ("red", "处分 党内警告（受党纪政务处分，处分在影响期内）")
    e = barometer_changes.set_indicators(ctx, e.id, {"discipline": "", "petition": "不实"}, e.version)
    assert (e.colour, e.rule_text) == ("green", "")
    with pytest.raises(ValidationError) as bad:
        barometer_changes.set_indicators(ctx, e.id, {"petition": "查实", "case_review": "也许"}, e.version)
    assert set(bad.value.fields) == {"petition", "case_review"}
    with pytest.raises(ConflictError):
        barometer_changes.set_indicators(ctx, e.id, {"petition": "属实"}, e.version - 1)
    yellow = barometer_changes.set_indicators(
        ctx, _entry(ctx, p.id, ids[1]).id, {"personal_matters": "漏报"}, 1
    )
    assert yellow.colour == "yellow"
    assert barometer_periods.get_period(ctx, "2026Q3").counts == {"green": 2, "yellow": 1}
    with ctx.db.read() as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.entity == "barometer_entry")).all()


def _rule_row(ctx: ServiceContext, values: str) -> rule_tables.RuleRow:
    return next(r for r in rule_tables.list_rows(ctx, "barometer_rule") if r.values["values"] == values)


def test_changing_the_rule_table_in_settings_and_recomputing(ctx: ServiceContext) -> None:
    _town, _office, ids = _county(ctx)
    assert "barometer_rule" in {t.key for t in rule_tables.tables()}
    p = barometer_periods.open_period(ctx, "2026Q2")
    e = _entry(ctx, p.id, ids[2])
    barometer_changes.set_indicators(ctx, e.id, {"assessment": "基本称职", "duty": "较差"}, e.version)
    rule = _rule_row(ctx, "基本称职")
    assert rule.source and (rule.values["colour"], rule.values["indicator"]) == ("黄", "年度考核")
    rule_tables.update_row(ctx, "barometer_rule", rule.id, {"colour": "红"}, rule.version)
    assert _rule_row(ctx, "基本称职").source.startswith("本部门修改")
    result = barometer_changes.recompute(ctx, p.id)
    assert (result.changed, result.counts) == (1, {"red": 1, "green": 2})
    assert _entry(ctx, p.id, ids[2]).colour == "red"
    added = rule_tables.add_row(
        ctx,
        "barometer_rule",
        {"colour": "黄", "indicator": "履职尽责", "values": "较差、一般", "label": "平时考核较差"},
    )
    assert added.source.startswith("本部门新增")
    rule = _rule_row(ctx, "基本称职")
    rule_tables.archive_row(ctx, "barometer_rule", rule.id, rule.version)
    assert barometer_changes.recompute(ctx, p.id).counts == {"yellow": 1, "green": 2}
    assert _entry(ctx, p.id, ids[2]).rule_text == "履职尽责 较差（平时考核较差）"
    with pytest.raises(ValidationError) as bad:
        rule_tables.add_row(
            ctx, "barometer_rule", {"colour": "黄", "indicator": "信访举报", "values": "查实", "label": "x"}
        )
    assert set(bad.value.fields) == {"values"}
    with pytest.raises(ValidationError) as bad:
        rule_tables.add_row(
            ctx, "barometer_rule", {"colour": "绿", "indicator": "信访", "values": "", "label": ""}
        )
    assert set(bad.value.fields) == {"colour", "indicator", "label"}
    assert [r.indicator for r in barometer_rules.list_rules(ctx)][:2] == ["处分", "组织处理"]


def test_colour_words_are_renameable(ctx: ServiceContext) -> None:
    assert barometer_rules.colour_words(ctx) == {"red": "红", "yellow": "黄", "green": "绿"}
    rows = rule_tables.list_rows(ctx, "barometer_colour")
    assert [r.values["word"] for r in rows] == ["红", "黄", "绿"] and all(r.source for r in rows)
    rule_tables.update_row(ctx, "barometer_colour", rows[1].id, {"word": "橙"}, rows[1].version)
    assert barometer_rules.colour_words(ctx)["yellow"] == "橙"
    with pytest.raises(ValidationError, match="已是另一种颜色"):
        rule_tables.update_row(ctx, "barometer_colour", rows[2].id, {"word": "红"}, rows[2].version)


def test_a_reading_turning_yellow_or_red_owes_a_warning_sign_talk(ctx: ServiceContext) -> None:
    _town, _office, ids = _county(ctx)
    p = barometer_periods.open_period(ctx, "2026Q4")
    e = _entry(ctx, p.id, ids[0])
    e = barometer_changes.set_indicators(ctx, e.id, {"petition": "待核"}, e.version)
    e = barometer_changes.set_indicators(
        ctx, e.id, {"discipline": "党内警告"}, e.version
    )  # yellow → red: no second
    owed = obligations.list_obligations(ctx, cadre_id=ids[0])
    assert [(o.rule, o.origin, o.state) for o in owed] == [("苗头", "barometer", "待谈")]
    assert "晴雨表 2026Q4 预警：信访举报 待核" in owed[0].event
    # A 研判 override to yellow owes one too; a green reading owes nothing.
    f = _entry(ctx, p.id, ids[1])
    barometer_changes.override(ctx, f.id, "黄", "群众反映较多，联席会议研判列黄", f.version)
    assert [o.rule for o in obligations.list_obligations(ctx, cadre_id=ids[1])] == ["苗头"]
    assert obligations.list_obligations(ctx, cadre_id=ids[2]) == []


def test_override_dispose_and_publish(ctx: ServiceContext) -> None:
    _town, _office, ids = _county(ctx)
    p = barometer_periods.open_period(ctx, "2026Q1")
    e = _entry(ctx, p.id, ids[0])
    e = barometer_changes.set_indicators(ctx, e.id, {"rank_last": "是"}, e.version)
    assert e.colour == "yellow"
    with pytest.raises(ValidationError, match="研判理由"):
        barometer_changes.override(ctx, e.id, "green", " ", e.version)
    e = barometer_changes.override(ctx, e.id, "绿", "末位系新调入人员，经联席研判不予预警", e.version)
    assert (e.colour, e.computed_colour, e.override_by) == ("green", "yellow", "测试员")
    assert e.override_at is not None
    e = barometer_changes.override(ctx, e.id, "", "", e.version)
    assert (e.colour, e.override_reason, e.override_by) == ("yellow", "", "")
    with pytest.raises(ValidationError, match="调整岗位须选择方式"):
        barometer_changes.dispose(ctx, e.id, "调整岗位", "", "", False, e.version)
    with pytest.raises(ValidationError, match="处置应为"):
        barometer_changes.dispose(ctx, e.id, "谈心", "", "", False, e.version)
    # Publishing needs a 处置 for every yellow and red entry, and goes through 研判中.
    with pytest.raises(ValidationError, match="不能改为"):
        barometer_periods.set_state(ctx, p.id, "已发布", p.version)
    p = barometer_periods.set_state(ctx, p.id, "研判中", p.version)
    with pytest.raises(ValidationError, match="未确定处置"):
        barometer_periods.set_state(ctx, p.id, "已发布", p.version)
    e = barometer_changes.dispose(ctx, e.id, "提醒谈话", "", "2026.04.10 由分管领导提醒谈话", True, e.version)
    assert (e.disposal, e.follow_up_done, e.disposed_by) == ("提醒谈话", True, "测试员")
    p = barometer_periods.set_state(ctx, p.id, "已发布", p.version)
    assert (p.state, p.published_by) == ("已发布", "测试员")
    with pytest.raises(ValidationError, match="已发布"):
        barometer_changes.set_indicators(ctx, e.id, {"rank_last": ""}, e.version)
    with pytest.raises(ValidationError, match="不能改为"):
        barometer_periods.set_state(ctx, p.id, "采集中", p.version)
    words = barometer_rules.colour_words(ctx)
    shown = e.to_json(words)
    assert (shown["colour"], shown["rule"], shown["disposal"]["kind"]) == (
        "黄",
        "考核末位（考核排名末位）",
        "提醒谈话",
    )


def test_the_ladder_and_the_strip_of_quarters(ctx: ServiceContext) -> None:
    _town, _office, ids = _county(ctx)
    for code, values, disposal in (
        ("2025Q3", {"talk_measure": "提醒谈话"}, "提醒谈话"),
        ("2025Q4", {"talk_measure": "函询"}, "函询"),
        ("2026Q1", {"discipline": "政务记过"}, "调整岗位"),
    ):
        p = barometer_periods.open_period(ctx, code)
        e = _entry(ctx, p.id, ids[1])
        e = barometer_changes.set_indicators(ctx, e.id, values, e.version)
        way = "调离岗位" if disposal == "调整岗位" else ""
        barometer_changes.dispose(ctx, e.id, disposal, way, "", False, e.version)
    assert barometer_history.ladder_before(ctx, e.id) == [("2025Q3", "提醒谈话"), ("2025Q4", "函询")]
    strip = barometer_history.cadre_history(ctx, ids[1])
    assert [(r.period, r.colour, r.disposal) for r in strip] == [
        ("2025Q3", "yellow", "提醒谈话"),
        ("2025Q4", "yellow", "函询"),
        ("2026Q1", "red", "调整岗位"),
    ]
    assert [r.period for r in barometer_history.cadre_history(ctx, ids[1], limit=2)] == ["2025Q4", "2026Q1"]
    counts = barometer_entries.unit_counts(ctx, p.id)
    assert [(c.unit, c.counts) for c in counts] == [
        ("某某镇", {"green": 1, "red": 1}),
        ("县财政局", {"green": 1}),
    ]


def test_recompute_touches_only_changed_rows_and_bumps_their_version(ctx: ServiceContext) -> None:
    _town, _office, ids = _county(ctx)
    p = barometer_periods.open_period(ctx, "2026Q4")
    e = _entry(ctx, p.id, ids[0])
    barometer_changes.set_indicators(ctx, e.id, {"petition": "属实"}, e.version)
    with ctx.db.uow() as s:  # as an older program or a direct edit would leave it
        row = s.get(BarometerEntry, e.id)
        assert row is not None
        row.colour, row.rule_text = "green", ""
    before = {x.id: x.version for x in barometer_entries.list_entries(ctx, p.id)}
    assert barometer_changes.recompute(ctx, p.id).changed == 1
    after = {x.id: x.version for x in barometer_entries.list_entries(ctx, p.id)}
    assert [k for k in after if after[k] != before[k]] == [e.id]


# The revision before the barometer's (today's head on main when it was added).
BEFORE = "0012"


def test_migration_upgrades_a_database_of_the_schema_before_it_without_loss(tmp_path: Path) -> None:
    from sqlalchemy import text

    engine = database_at(tmp_path / "old.db", BEFORE)
    with engine.begin() as conn:
        insert(
            conn,
            "cadre",
            cadre_row(
                version=4,
                birth=197609,
                post="科长",
                rank="正科级",
                retirement_override_reason="",
                post_age_limit="",
            ),
        )
        rules_before = conn.execute(text("SELECT count(*) FROM local_rule")).scalar()
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, version, post FROM cadre")).one() == ("张三", 4, "科长")
        assert conn.execute(text("SELECT count(*) FROM local_rule")).scalar() == rules_before
        rules = conn.execute(text('SELECT colour, indicator, "values", source FROM barometer_rule')).all()
        assert {r.colour for r in rules} == {"红", "黄"} and all(r.source for r in rules)
        assert ("黄", "信访举报", "待核、属实") in [(r[0], r[1], r[2]) for r in rules]
        words = {c: w for c, w in conn.execute(text("SELECT code, word FROM barometer_colour"))}
        assert words == {"red": "红", "yellow": "黄", "green": "绿"}
        assert conn.execute(text("SELECT count(*) FROM barometer_entry")).scalar() == 0
    engine.dispose()
