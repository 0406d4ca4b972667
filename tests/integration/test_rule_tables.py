"""设置 → 规则: the registry of local rule tables and its four audited services; the 0012 migration."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.db.models import AuditEvent
from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import rule_tables as rt
from cadre_desk.services import rules
from cadre_desk.services.context import ServiceContext
from tests.integration.old_schema import cadre_row, database_at, insert, upgrade_to_head


def row_of(ctx: ServiceContext, key: str, column: str, value: object) -> rt.RuleRow:
    return next(r for r in rt.list_rows(ctx, key) if r.values[column] == value)


def test_the_shipped_tables_are_registered_with_sources(ctx: ServiceContext) -> None:
    keys = [t.key for t in rt.tables()]
    assert keys[:2] == ["local_rule", "obligation_rule"]
    rows = rt.list_rows(ctx, "obligation_rule")
    assert [r.values["code"] for r in rows] == ["任职", "交流", "青干班", "苗头"]
    assert all(r.values["due_days"] == 30 and "三必谈" in r.source for r in rows)
    assert row_of(ctx, "obligation_rule", "code", "青干班").values["training_kinds"] == "青干班"
    local = rt.list_rows(ctx, "local_rule")
    assert len(local) == 7 and all(r.source for r in local)
    with pytest.raises(NotFoundError):
        rt.list_rows(ctx, "no_such_table")


def test_update_coerces_typed_text_checks_bounds_and_choices_and_audits(ctx: ServiceContext) -> None:
    row = row_of(ctx, "obligation_rule", "code", "青干班")
    with pytest.raises(ValidationError) as err:
        rt.update_row(ctx, "obligation_rule", row.id, {"due_days": "0", "talk_kind": "闲聊"}, row.version)
    assert set(err.value.fields) == {"due_days", "talk_kind"}
    with pytest.raises(ValidationError) as err:
        rt.update_row(ctx, "obligation_rule", row.id, {"due_days": "15.5"}, row.version)
    assert "整数" in err.value.fields["due_days"]
    with pytest.raises(ValidationError):  # a column shown but not editable
        rt.update_row(ctx, "obligation_rule", row.id, {"code": "培训"}, row.version)
    with pytest.raises(ValidationError) as err:  # an unknown training kind
        rt.update_row(ctx, "obligation_rule", row.id, {"training_kinds": "青干班、夜校"}, row.version)
    assert "夜校" in err.value.fields["training_kinds"]
    with pytest.raises(ValidationError) as err:  # the table's own check
        rt.update_row(ctx, "obligation_rule", row.id, {"training_kinds": ""}, row.version)
    changed = rt.update_row(
        ctx, "obligation_rule", row.id, {"due_days": "15", "training_kinds": "青干班，专题班"}, row.version
    )
    assert changed.values["due_days"] == 15 and changed.values["training_kinds"] == "青干班、专题班"
    assert changed.source.startswith("本部门修改") and "三必谈" in changed.source
    with pytest.raises(ConflictError):
        rt.update_row(ctx, "obligation_rule", row.id, {"due_days": 20}, row.version)
    with ctx.db.read() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.entity == "obligation_rule")).one()
        assert event.changes["due_days"] == [30, 15] and event.account_id is not None


def test_local_rules_keep_their_own_bounds_through_the_registry(ctx: ServiceContext) -> None:
    row = row_of(ctx, "local_rule", "label", "正职退出领导岗位年龄（岁）")
    with pytest.raises(ValidationError) as err:
        rt.update_row(ctx, "local_rule", row.id, {"value": "70"}, row.version)
    assert "45–65" in err.value.fields["value"]
    rt.update_row(ctx, "local_rule", row.id, {"value": "59"}, row.version)
    with ctx.db.read() as session:
        assert rules.values(session, rules.LEADERSHIP_EXIT)["principal"] == 59


def test_archive_and_restore_a_rule_and_add_is_refused_where_not_allowed(ctx: ServiceContext) -> None:
    row = row_of(ctx, "obligation_rule", "code", "苗头")
    off = rt.archive_row(ctx, "obligation_rule", row.id, row.version)
    assert off.archived
    assert [r.values["code"] for r in rt.list_rows(ctx, "obligation_rule", include_archived=False)] == [
        "任职",
        "交流",
        "青干班",
    ]
    assert not rt.restore_row(ctx, "obligation_rule", row.id, off.version).archived
    with pytest.raises(ValidationError):
        rt.add_row(ctx, "obligation_rule", {"code": "其他"})
    with pytest.raises(ValidationError):  # LocalRule has no archived_at
        rt.archive_row(ctx, "local_rule", rt.list_rows(ctx, "local_rule")[0].id, 1)


def test_coerce_covers_every_kind() -> None:
    assert rt.coerce(rt.RuleColumn("x", "数", rt.FLOAT, minimum=0), "1,5") == 15.0
    assert rt.coerce(rt.RuleColumn("x", "开关", rt.BOOL), "是") is True
    assert rt.coerce(rt.RuleColumn("x", "开关", rt.BOOL), "0") is False
    assert rt.coerce(rt.RuleColumn("x", "名称", max_length=3), " 甲  乙 ") == "甲 乙"
    for column, value in (
        (rt.RuleColumn("x", "数", rt.FLOAT), "nan"),
        (rt.RuleColumn("x", "数", rt.INT), "abc"),
        (rt.RuleColumn("x", "开关", rt.BOOL), "也许"),
        (rt.RuleColumn("x", "名称", max_length=3), "甲乙丙丁"),
        (rt.RuleColumn("x", "名称"), " "),
        (rt.RuleColumn("x", "颜色", rt.CHOICE, choices=("红", "黄")), "蓝"),
    ):
        with pytest.raises(ValueError):
            rt.coerce(column, value)


def test_migration_0012_upgrades_a_0011_database_without_loss(tmp_path: Path) -> None:
    from sqlalchemy import text

    engine = database_at(tmp_path / "old.db", "0011")
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
        conn.execute(
            text(
                "INSERT INTO talk (id, uid, created_at, updated_at, version, talk_at, place, kind, talkers, "
                "recorder, outline, content, statement) VALUES (1, 't1', '2026-01-01', '2026-01-01', 2, "
                "'2026-01-05 09:00:00', '', '任职谈话', '赵部长', '', '', '内容', '')"
            )
        )
        conn.execute(text("UPDATE local_rule SET value = 59 WHERE key = 'principal'"))
    upgrade_to_head(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, version, post FROM cadre")).one() == ("张三", 4, "科长")
        assert conn.execute(text("SELECT kind, version FROM talk")).one() == ("任职谈话", 2)
        assert conn.execute(text("SELECT value FROM local_rule WHERE key = 'principal'")).scalar() == 59
        rows = conn.execute(text("SELECT code, due_days, talk_kind, source FROM obligation_rule")).all()
        assert [(r[0], r[1], r[2]) for r in rows] == [
            ("任职", 30, "任职谈话"),
            ("交流", 30, "交流谈话"),
            ("青干班", 30, "青干班谈话"),
            ("苗头", 30, "提醒谈话"),
        ]
        assert all(r[3] for r in rows)
        assert conn.execute(text("SELECT count(*) FROM obligation")).scalar() == 0
    engine.dispose()
