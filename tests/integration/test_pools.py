"""Young-cadre and reserve pools in the services: the shipped pool table, entries with their rules,
state changes (dated, validated, audited), measures linked to secondments, yearly reviews, and the
review flags at a reference date; plus the 0011 migration on a database of today's (0010) schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.db.models import AuditEvent
from cadre_desk.domain.pools import Flag, PoolState
from cadre_desk.errors import ConflictError, ValidationError
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import (
    cadres,
    mentorship,
    mentorship_changes,
    pool_entries,
    pool_lists,
    pool_measures,
    pools,
)
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre
from tests.integration.old_schema import cadre_row, database_at, insert, upgrade_to_head

TODAY = dt.date(2026, 12, 6)


def _young(ctx: ServiceContext, name: str, birth: str) -> cadres.CadreView:
    return make_cadre(ctx, name, birth=birth, party_join="", work_start="2018.08", political_status="群众")


def _pool(ctx: ServiceContext, name: str) -> pools.PoolView:
    return pools.find_pool(ctx, name)


def _enter(
    ctx: ServiceContext, cadre_id: int, pool: str, on: str = "2024.03.01", channel: str = "考察"
) -> pool_entries.EntryView:
    data = pool_entries.EntryInput(cadre_id, _pool(ctx, pool).id, on, channel, document_no="组通〔2024〕3号")
    return pool_entries.add_entry(ctx, data, today=TODAY)


def test_the_shipped_pools_have_caps_and_sources(ctx: ServiceContext) -> None:
    table = pools.list_pools(ctx)
    assert [(p.name, p.age_cap) for p in table] == [
        ("好苗子", 30),
        ("优秀年轻干部", 35),
        ("后备干部（正科）", 40),
        ("后备干部（副科）", 35),
    ]
    assert all("地方做法" in p.source for p in table)
    assert _pool(ctx, "后备干部（正").name == "后备干部（正科）"
    with pytest.raises(Exception, match="库别"):
        _pool(ctx, "后备干部")  # two pools start so: ambiguous


def test_an_entry_is_checked_and_audited(ctx: ServiceContext) -> None:
    young = _young(ctx, "李青", "1996.04")
    entry = _enter(ctx, young.id, "好苗子", channel="测试")
    assert (entry.state, entry.entered_on, entry.pool) == ("在库", dt.date(2024, 3, 1), "好苗子")
    with pytest.raises(ValidationError) as dup:
        _enter(ctx, young.id, "好苗子")
    assert "已在“好苗子”中" in dup.value.fields["pool_id"]
    older = _young(ctx, "王稳", "1985.03")
    with pytest.raises(ValidationError) as aged:
        _enter(ctx, older.id, "好苗子")
    assert "超过“好苗子”的年龄上限 30 岁" in aged.value.fields["entered_on"]
    with pytest.raises(ValidationError) as rec:
        _enter(ctx, older.id, "后备干部（正科）", channel="推荐")
    assert "推荐单位" in rec.value.fields["recommended_by"]
    with pytest.raises(ValidationError) as bad:
        _enter(ctx, older.id, "后备干部（正科）", channel="自荐")
    assert "入库方式" in bad.value.fields["channel"]
    with ctx.db.read() as session:
        events = [
            (e.action, e.changes["channel"])
            for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "pool_entry"))
        ]
    assert events == [("create", [None, "测试"])]


def test_state_changes_are_dated_validated_and_final(ctx: ServiceContext) -> None:
    c = _young(ctx, "赵用", "1990.05")
    e = _enter(ctx, c.id, "优秀年轻干部")
    with pytest.raises(ValidationError, match="日期不能早于上一步"):
        pool_entries.move_entry(
            ctx, e.id, pool_entries.StateChange("列为考察对象", "2024.02.01"), e.version, TODAY
        )
    e = pool_entries.move_entry(
        ctx, e.id, pool_entries.StateChange("列为考察对象", "2025.06.01"), e.version, TODAY
    )
    assert (e.state, e.candidate_on, e.state_on) == ("列为考察对象", dt.date(2025, 6, 1), dt.date(2025, 6, 1))
    with pytest.raises(ValidationError, match="使用职务"):
        pool_entries.move_entry(ctx, e.id, pool_entries.StateChange("已使用", "2025.07.01"), e.version, TODAY)
    with pytest.raises(ConflictError):
        pool_entries.move_entry(
            ctx, e.id, pool_entries.StateChange("已使用", "2025.07.01", post="副镇长"), e.version - 1
        )
    e = pool_entries.move_entry(
        ctx, e.id, pool_entries.StateChange("已使用", "2025.07.01", post="青山镇副镇长"), e.version
    )
    assert (e.state, e.used_on, e.used_post) == ("已使用", dt.date(2025, 7, 1), "青山镇副镇长")
    with pytest.raises(ValidationError, match="不能从“已使用”改为“退出”"):
        pool_entries.move_entry(
            ctx, e.id, pool_entries.StateChange("退出", "2025.08.01", reason="本人"), e.version, TODAY
        )
    # 已使用 is final, so the cadre may be entered in the same pool again
    assert _enter(ctx, c.id, "优秀年轻干部", on="2025.08.01").state == "在库"

    other = _young(ctx, "钱退", "1991.01")
    x = _enter(ctx, other.id, "后备干部（副科）")
    with pytest.raises(ValidationError, match="退出原因"):
        pool_entries.move_entry(ctx, x.id, pool_entries.StateChange("退出", "2025.01.01"), x.version, TODAY)
    x = pool_entries.move_entry(
        ctx,
        x.id,
        pool_entries.StateChange("退出", "2025.01.01", reason="调出", note="调往市直"),
        x.version,
        TODAY,
    )
    assert (x.state, x.exited_on, x.exit_reason, x.exit_note) == (
        "退出",
        dt.date(2025, 1, 1),
        "调出",
        "调往市直",
    )
    with ctx.db.read() as session:
        summaries = [
            ev.summary
            for ev in session.scalars(
                select(AuditEvent).where(AuditEvent.entity == "pool_entry", AuditEvent.action == "update")
            )
        ]
    assert summaries == [
        "赵用（优秀年轻干部）：列为考察对象",
        "赵用（优秀年轻干部）：已使用",
        "钱退（后备干部（副科））：退出",
    ]
    states = sorted((r.name, r.state) for r in pool_lists.list_entries(ctx, TODAY))
    assert states == [("赵用", "在库"), ("赵用", "已使用"), ("钱退", "退出")]
    used = pool_lists.list_entries(ctx, TODAY, state=PoolState.USED)
    assert [(r.name, r.used_post, r.state_on) for r in used] == [
        ("赵用", "青山镇副镇长", dt.date(2025, 7, 1))
    ]


def test_measures_link_secondments_and_reviews_are_yearly(ctx: ServiceContext) -> None:
    c = _young(ctx, "孙挂", "1992.08")
    other = _young(ctx, "周别", "1992.08")
    profile = cr.save_secondments(
        ctx, c.id, [cr.SecondmentInput("县发改委", "2024.05", "2025.05", "挂职副主任", "上挂")], c.version
    )
    sec_id = profile.secondments[0].id
    theirs = cr.save_secondments(ctx, other.id, [cr.SecondmentInput("市财政局", "2024.05")], other.version)
    e = _enter(ctx, c.id, "优秀年轻干部")
    m = pool_measures.add_measure(
        ctx, e.id, pool_measures.MeasureInput("挂职", "2024.05.06", "2025.05.06", secondment_id=sec_id)
    )
    assert m.secondment == "2024.05--2025.05 县发改委 挂职副主任"
    with pytest.raises(ValidationError, match="不是该干部的"):
        pool_measures.add_measure(
            ctx,
            e.id,
            pool_measures.MeasureInput("挂职", "2024.05.06", secondment_id=theirs.secondments[0].id),
        )
    with pytest.raises(ValidationError, match="只有“挂职”措施"):
        pool_measures.add_measure(
            ctx, e.id, pool_measures.MeasureInput("轮岗", "2024.05.06", secondment_id=sec_id)
        )
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        pool_measures.add_measure(
            ctx, e.id, pool_measures.MeasureInput("轮岗", "2024.05.06", "2024.01.01", "到乡镇轮岗")
        )
    rot = pool_measures.add_measure(
        ctx, e.id, pool_measures.MeasureInput("重点工作抽调", "2025.09.01", content="抽调参加项目攻坚")
    )
    assert [x.kind for x in pool_measures.list_measures(ctx, e.id)] == ["挂职", "重点工作抽调"]
    pool_measures.archive_measure(ctx, rot.id)
    assert [x.kind for x in pool_measures.list_measures(ctx, e.id)] == ["挂职"]
    pool_measures.restore_measure(ctx, rot.id)

    pool_measures.set_review(ctx, e.id, 2024, "表现突出，继续跟踪培养", "2024.12.20", today=TODAY)
    pool_measures.set_review(ctx, e.id, 2025, "可列为考察对象", today=TODAY)
    pool_measures.set_review(ctx, e.id, 2025, "建议列为考察对象", today=TODAY)  # rewritten in place
    assert [(r.year, r.opinion) for r in pool_measures.list_reviews(ctx, e.id)] == [
        (2025, "建议列为考察对象"),
        (2024, "表现突出，继续跟踪培养"),
    ]
    with pytest.raises(ValidationError, match="研判年度"):
        pool_measures.set_review(ctx, e.id, 2023, "入库前", today=TODAY)
    with ctx.db.read() as session:
        extras = pool_lists.ledger_extras(session, [e.id])[e.id]
    assert extras.review == "2025年：建议列为考察对象"
    assert extras.measures == "2024.05--2025.05 挂职；2025.09-- 重点工作抽调：抽调参加项目攻坚"


def test_the_mentor_pairing_must_be_the_cadres_own(ctx: ServiceContext) -> None:
    mentor = _young(ctx, "吴导", "1975.01")
    mentee = _young(ctx, "郑学", "1995.01")
    third = _young(ctx, "冯外", "1995.02")
    pairing = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.01.01", "2025.12.31")
    )
    pool_id = _pool(ctx, "好苗子").id
    with pytest.raises(ValidationError, match="被帮带人不是该干部"):
        pool_entries.add_entry(
            ctx, pool_entries.EntryInput(third.id, pool_id, "2024.03.01", "考察", mentorship_id=pairing.id)
        )
    pool_entries.add_entry(
        ctx, pool_entries.EntryInput(mentee.id, pool_id, "2024.03.01", "考察", mentorship_id=pairing.id)
    )
    (row,) = pool_lists.list_entries(ctx, TODAY)
    assert (row.name, row.mentor, row.mentorship_id) == ("郑学", "吴导", pairing.id)


def test_flags_at_a_reference_date(ctx: ServiceContext) -> None:
    aged = _young(ctx, "超龄甲", "1990.06")  # 35 until 2026.05, 36 from 2026.06
    graded = _young(ctx, "考核乙", "1993.01")
    punished = _young(ctx, "处分丙", "1993.02")
    clean = _young(ctx, "清白丁", "1993.03")
    old_fault = _young(ctx, "旧账戊", "1993.04")
    for c in (aged, graded, punished, clean, old_fault):
        _enter(ctx, c.id, "优秀年轻干部", on="2024.03.01")
    cr.save_assessments(
        ctx,
        graded.id,
        [cr.AssessmentInput(2023, "称职"), cr.AssessmentInput(2025, "基本称职")],
        graded.version,
    )
    cr.save_rewards(
        ctx, punished.id, [cr.RewardInput("惩处", "2025年受到党内警告处分", "2025.04")], punished.version
    )
    cr.save_rewards(ctx, clean.id, [cr.RewardInput("奖励", "嘉奖", "2025.04")], clean.version)
    # before the year before entering: the decision to enter already weighed these
    cr.save_assessments(ctx, old_fault.id, [cr.AssessmentInput(2021, "不称职")], old_fault.version)
    fresh = cadres.get_cadre(ctx, old_fault.id)
    cr.save_rewards(ctx, old_fault.id, [cr.RewardInput("惩处", "2020年诫勉", "2020.05")], fresh.version)

    at_may = {(f.name, f.flag) for f in pool_lists.list_flags(ctx, dt.date(2026, 5, 31))}
    assert at_may == {("考核乙", Flag.ASSESSMENT), ("处分丙", Flag.DISCIPLINE)}
    flags = pool_lists.list_flags(ctx, dt.date(2026, 6, 1))
    assert {(f.name, f.flag) for f in flags} == at_may | {("超龄甲", Flag.OVER_AGE)}
    details = {f.name: f.detail for f in flags}
    assert details["考核乙"] == "2025年度考核：基本称职"
    assert details["处分丙"] == "2025.04：2025年受到党内警告处分"
    assert details["超龄甲"] == "36岁，超过库别年龄上限35岁"
    assert pool_lists.count_flagged(ctx, dt.date(2026, 6, 1)) == 3
    # a closed entry is not flagged; a changed cap takes effect at once
    (entry,) = [r for r in pool_lists.list_entries(ctx, TODAY) if r.name == "考核乙"]
    pool_entries.move_entry(
        ctx, entry.id, pool_entries.StateChange("退出", "2026.02.01", reason="考核"), entry.version, TODAY
    )
    pool = _pool(ctx, "优秀年轻干部")
    pools.update_pool(ctx, pool.id, pools.PoolInput(pool.name, 36, source=pool.source), pool.version)
    after = {(f.name, f.flag) for f in pool_lists.list_flags(ctx, dt.date(2026, 6, 1))}
    assert after == {("处分丙", Flag.DISCIPLINE)}


def test_the_pool_table_is_edited_through_the_service(ctx: ServiceContext) -> None:
    p = pools.add_pool(ctx, pools.PoolInput("后备干部（正处）", 45, "正处", "本县 2026 年文件"))
    with pytest.raises(ValidationError, match="已有库别"):
        pools.add_pool(ctx, pools.PoolInput("好苗子", 30))
    with pytest.raises(ValidationError, match="年龄上限应在"):
        pools.update_pool(ctx, p.id, pools.PoolInput(p.name, 5), p.version)
    c = _young(ctx, "陈备", "1984.01")
    e = pool_entries.add_entry(ctx, pool_entries.EntryInput(c.id, p.id, "2025.01.01", "组织掌握"))
    with pytest.raises(ValidationError, match="不能停用"):
        pools.archive_pool(ctx, p.id)
    pool_entries.move_entry(
        ctx, e.id, pool_entries.StateChange("退出", "2025.02.01", reason="本人"), e.version
    )
    assert pools.archive_pool(ctx, p.id).archived
    assert p.id not in [x.id for x in pools.list_pools(ctx)]
    assert not pools.restore_pool(ctx, p.id).archived


def test_an_entry_made_by_mistake_is_archived_and_restored(ctx: ServiceContext) -> None:
    c = _young(ctx, "褚误", "1995.01")
    e = _enter(ctx, c.id, "好苗子")
    pool_entries.archive_entry(ctx, e.id)
    assert pool_lists.list_entries(ctx, TODAY) == []
    assert [r.archived for r in pool_lists.list_entries(ctx, TODAY, include_archived=True)] == [True]
    again = _enter(ctx, c.id, "好苗子")
    with pytest.raises(ValidationError, match="不能恢复"):
        pool_entries.restore_entry(ctx, e.id)
    pool_entries.archive_entry(ctx, again.id)
    assert not pool_entries.restore_entry(ctx, e.id).archived


def test_migration_0011_upgrades_a_0010_database_without_loss(tmp_path: Path) -> None:
    from sqlalchemy import text

    engine = database_at(tmp_path / "old.db", "0010")
    with engine.begin() as conn:
        insert(
            conn,
            "cadre",
            cadre_row(
                version=3,
                birth=199203,
                post="科员",
                rank="一级科员",
                retirement_override_reason="",
                post_age_limit="",
            ),
        )
        rules_before = conn.execute(text("SELECT category, key, value FROM local_rule ORDER BY id")).all()
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, version, birth FROM cadre")).one() == ("张三", 3, 199203)
        assert (
            conn.execute(text("SELECT category, key, value FROM local_rule ORDER BY id")).all()
            == rules_before
        )
        shipped = conn.execute(text("SELECT name, age_cap, source FROM talent_pool ORDER BY position")).all()
        assert [(n, c) for n, c, _ in shipped] == [
            ("好苗子", 30),
            ("优秀年轻干部", 35),
            ("后备干部（正科）", 40),
            ("后备干部（副科）", 35),
        ]
        assert all(source for _, _, source in shipped)
        assert conn.execute(text("SELECT count(*) FROM pool_entry")).scalar_one() == 0
    engine.dispose()


def test_a_fault_tolerance_ruling_never_raises_a_flag(ctx: ServiceContext) -> None:
    from tests.integration.test_tolerance import new_case, rule_case

    excused = _young(ctx, "吴担当", "1993.01")
    ruled_lightly = _young(ctx, "郑从轻", "1993.02")
    for c in (excused, ruled_lightly):
        _enter(ctx, c.id, "优秀年轻干部", on="2024.03.01")
        # the negative records of the matter's window (2025.03.10 to the end of the year after the ruling)
        cr.save_rewards(ctx, c.id, [cr.RewardInput("惩处", "2025年受到党内警告处分", "2025.06")], c.version)
        fresh = cadres.get_cadre(ctx, c.id)
        cr.save_assessments(ctx, c.id, [cr.AssessmentInput(2025, "基本称职")], fresh.version)
    at = dt.date(2026, 6, 1)
    before = {(f.name, f.flag) for f in pool_lists.list_flags(ctx, at)}
    assert before == {(n, f) for n in ("吴担当", "郑从轻") for f in (Flag.ASSESSMENT, Flag.DISCIPLINE)}
    rule_case(ctx, new_case(ctx, excused.id))  # 免予问责: not counted negatively in 后备 status
    rule_case(ctx, new_case(ctx, ruled_lightly.id, matter="另一事项"), ruling="从轻")  # not 免责
    after = {(f.name, f.flag) for f in pool_lists.list_flags(ctx, at)}
    assert after == {("郑从轻", Flag.ASSESSMENT), ("郑从轻", Flag.DISCIPLINE)}


def test_a_red_barometer_period_is_a_flag(ctx: ServiceContext) -> None:
    from cadre_desk.services import barometer_changes, barometer_entries, barometer_periods

    c = _young(ctx, "晴雨甲", "1994.01")
    other = _young(ctx, "晴雨乙", "1994.02")
    for x in (c, other):
        _enter(ctx, x.id, "优秀年轻干部", on="2024.03.01")
    at = dt.date(2026, 6, 1)

    def red(code: str, cadre_id: int) -> int:
        period = barometer_periods.open_period(ctx, code)
        e = next(e for e in barometer_entries.list_entries(ctx, period.id) if e.cadre_id == cadre_id)
        e = barometer_changes.set_indicators(ctx, e.id, {"discipline": "党内警告"}, e.version)
        assert e.colour == "red"
        return period.id

    current = red("2026Q2", c.id)
    assert pool_lists.list_flags(ctx, at) == []  # still 采集中: not a finished reading
    p = barometer_periods.get_period(ctx, current)
    barometer_periods.set_state(ctx, p.id, "研判中", p.version)
    flags = pool_lists.list_flags(ctx, at)
    assert [(f.name, f.flag) for f in flags] == [("晴雨甲", Flag.BAROMETER_RED)]
    assert flags[0].detail.startswith("2026年第二季度：处分 党内警告")
    old = red("2024Q4", other.id)  # ended more than a year before the reference date
    p = barometer_periods.get_period(ctx, old)
    barometer_periods.set_state(ctx, p.id, "研判中", p.version)
    assert [f.name for f in pool_lists.list_flags(ctx, at)] == ["晴雨甲"]
    assert [f.name for f in pool_lists.list_flags(ctx, dt.date(2025, 6, 1))] == ["晴雨乙"]


def test_the_pool_table_is_in_the_rule_editor(ctx: ServiceContext) -> None:
    from cadre_desk.services import rule_tables, rule_tables_all  # noqa: F401 (registers every table)

    assert "talent_pool" in [t.key for t in rule_tables.tables()]
    rows = rule_tables.list_rows(ctx, "talent_pool")
    assert [(r.values["name"], r.values["age_cap"]) for r in rows][:2] == [
        ("好苗子", 30),
        ("优秀年轻干部", 35),
    ]
    assert all("地方做法" in r.source for r in rows)
    first = rows[1]
    changed = rule_tables.update_row(ctx, "talent_pool", first.id, {"age_cap": "36"}, first.version)
    assert changed.values["age_cap"] == 36 and changed.source.startswith("本部门修改")
    assert pools.find_pool(ctx, "优秀年轻干部").age_cap == 36
    with pytest.raises(ValidationError, match="已有库别"):
        rule_tables.add_row(ctx, "talent_pool", {"name": "好苗子", "target_level": "", "age_cap": "30"})
    with pytest.raises(ValidationError):
        rule_tables.update_row(ctx, "talent_pool", first.id, {"age_cap": "5"}, changed.version)
    added = rule_tables.add_row(
        ctx, "talent_pool", {"name": "后备干部（正处）", "target_level": "正处", "age_cap": 45}
    )
    assert pools.find_pool(ctx, "后备干部（正处）").id == added.id
