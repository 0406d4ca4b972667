"""Saved selections of units as a scope of the 班子结构分析: saved, analysed, renamed, changed, deleted,
each audited; bad input refused; a merge of units followed; the migration that adds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.services import audit_trail, structure, units
from cadre_desk.services import structure_selections as saved
from cadre_desk.services.context import ServiceContext
from tests.integration import structure_county
from tests.integration.old_schema import cadre_row, database_at, insert, upgrade_to_head
from tests.integration.test_structure import REF, TOWN_TEAMS_JSON


def test_a_saved_selection_is_a_scope(ctx: ServiceContext) -> None:
    county = structure_county.build(ctx)
    towns = [county.unit_ids["青山镇"], county.unit_ids["白沙乡"]]
    view = saved.save_selection(ctx, saved.SelectionInput(" 2027换届乡镇 ", towns, "换届前摸底"))
    assert (view.name, view.note, view.unit_ids) == ("2027换届乡镇", "换届前摸底", tuple(towns))
    assert view.unit_names == ("某县青山镇", "某县白沙乡")
    assert [v.name for v in saved.list_selections(ctx)] == ["2027换届乡镇"]
    assert saved.find_selection(ctx, "2027换届乡镇").id == view.id
    assert saved.find_selection(ctx, f"#{view.id}").id == view.id

    scope = saved.selection_scope(ctx, view.id, team_only=True)
    assert scope == structure.Scope(tuple(towns), "2027换届乡镇", True, ("某县青山镇", "某县白沙乡"))
    result = structure.analyse(ctx, scope, REF).to_json()
    assert result["scope"] == "2027换届乡镇"
    assert {k: v for k, v in result.items() if k != "scope"} == {
        k: v for k, v in TOWN_TEAMS_JSON.items() if k != "scope"
    }
    # Every cadre of the selection's units, not only the 班子: the staff member of 青山镇 joins.
    assert structure.analyse(ctx, saved.selection_scope(ctx, view.id), REF).figures.members.count == 7


def test_rename_change_and_delete_are_audited(ctx: ServiceContext) -> None:
    county = structure_county.build(ctx)
    view = saved.save_selection(ctx, saved.SelectionInput("乡镇", [county.unit_ids["青山镇"]]))
    renamed = saved.update_selection(
        ctx, view.id, saved.SelectionInput("2027换届乡镇", view.unit_ids), view.version
    )
    assert renamed.name == "2027换届乡镇" and renamed.version == view.version + 1
    with pytest.raises(ConflictError):  # a stale edit
        saved.update_selection(ctx, view.id, saved.SelectionInput("别名", view.unit_ids), view.version)
    both = (county.unit_ids["白沙乡"], county.unit_ids["青山镇"])
    changed = saved.update_selection(ctx, view.id, saved.SelectionInput(renamed.name, both), renamed.version)
    assert changed.unit_ids == both and changed.version == renamed.version + 1
    assert saved.selection_scope(ctx, view.id).unit_ids == both
    saved.delete_selection(ctx, view.id, changed.version)
    assert saved.list_selections(ctx) == []
    with pytest.raises(NotFoundError):
        saved.find_selection(ctx, "2027换届乡镇")
    with pytest.raises(NotFoundError):
        saved.selection_scope(ctx, view.id)
    again = saved.save_selection(ctx, saved.SelectionInput("2027换届乡镇", both))  # the name is free again
    assert again.id != view.id

    events = audit_trail.history(ctx, saved.ENTITY, view.id)
    assert [e.action for e in events] == ["create", "update", "update", "archive"]
    assert events[1].changes == {"name": ["乡镇", "2027换届乡镇"]}
    assert events[2].changes == {"units": [[county.unit_ids["青山镇"]], list(both)]}


def test_bad_selections_are_refused(ctx: ServiceContext) -> None:
    county = structure_county.build(ctx)
    qingshan = county.unit_ids["青山镇"]
    saved.save_selection(ctx, saved.SelectionInput("乡镇", [qingshan]))
    cases = [
        (saved.SelectionInput("  ", [qingshan]), "name"),
        (saved.SelectionInput("乡镇", [qingshan]), "name"),  # taken
        (saved.SelectionInput("x" * 101, [qingshan]), "name"),
        (saved.SelectionInput("空的", []), "units"),
        (saved.SelectionInput("火星", [99999]), "units"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as err:
            saved.save_selection(ctx, data)
        assert set(err.value.fields) == {field}, data
    assert len(saved.list_selections(ctx)) == 1


def test_a_merge_of_units_is_followed_and_archived_units_are_left_out(ctx: ServiceContext) -> None:
    county = structure_county.build(ctx)
    qingshan, baisha, finance = (county.unit_ids[k] for k in ("青山镇", "白沙乡", "财政局"))
    view = saved.save_selection(ctx, saved.SelectionInput("两镇", [baisha, finance]))
    units.merge_units(ctx, baisha, qingshan)  # 白沙乡 joins 青山镇
    assert saved.get_selection(ctx, view.id).unit_ids == (qingshan, finance)
    both = saved.save_selection(ctx, saved.SelectionInput("三个", [qingshan, finance]))
    spare = units.create_unit(ctx, units.UnitInput(name="某县临时办"))
    saved.update_selection(ctx, both.id, saved.SelectionInput("三个", [spare.id, qingshan]), both.version)
    units.archive_unit(ctx, spare.id)
    after = saved.get_selection(ctx, both.id)
    assert after.unit_ids == (qingshan,) and after.archived_units == ("某县临时办",)
    assert saved.selection_scope(ctx, both.id).unit_ids == (qingshan,)


def test_migration_0018_upgrades_a_0017_database_without_loss(tmp_path: Path) -> None:
    from sqlalchemy import text

    engine = database_at(tmp_path / "old.db", "0017")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO unit (id, uid, created_at, updated_at, version, name, short_name, kind, "
                "sort_order) VALUES (1, 'u1', '2026-01-01', '2026-01-01', 2, '某县青山镇', '青山镇', "
                "'乡镇', 10)"
            )
        )
        insert(
            conn,
            "cadre",
            cadre_row(
                version=3,
                political_status="中共党员",
                fulltime_education="大学",
                post="青山镇党委书记",
                rank="正科级",
                post_since=202101,
                unit_id=1,
                retirement_override_reason="",
                post_age_limit="",
            ),
        )
        before = conn.execute(text("SELECT * FROM cadre")).one()
    upgrade_to_head(engine)
    with engine.connect() as conn:
        after = conn.execute(text("SELECT * FROM cadre")).one()._asdict()
        assert after.pop("rank_since") is None
        assert tuple(after.values()) == tuple(before)
        assert conn.execute(text("SELECT name, version FROM unit")).one() == ("某县青山镇", 2)
        assert conn.execute(text("SELECT count(*) FROM structure_selection")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM structure_selection_unit")).scalar() == 0
    engine.dispose()
