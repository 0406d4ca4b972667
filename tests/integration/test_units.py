"""Units and their 班子 on a real database: the tree, merging, archiving, posts, holders and 职数."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from cadre_desk.db.models import AuditEvent
from cadre_desk.errors import ConflictError, ValidationError
from cadre_desk.services import cadres, search, teams, units
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre
from tests.integration.old_schema import database_at, upgrade_to_head


def add(
    ctx: ServiceContext, name: str, parent: units.UnitView | None = None, kind: str = ""
) -> units.UnitView:
    return units.create_unit(
        ctx, units.UnitInput(name=name, kind=kind, parent_id=parent.id if parent else None)
    )


def names_under(ctx: ServiceContext, parent: units.UnitView | None) -> list[str]:
    pid = parent.id if parent else None
    return [u.name for u in units.list_units(ctx) if u.parent_id == pid]


def audit_actions(ctx: ServiceContext, entity: str) -> list[str]:
    with ctx.db.read() as s:
        return list(
            s.scalars(select(AuditEvent.action).where(AuditEvent.entity == entity).order_by(AuditEvent.id))
        )


def test_create_orders_siblings_and_checks_names_and_kinds(ctx: ServiceContext) -> None:
    county = add(ctx, "中共某县委员会", kind="党委")
    a = add(ctx, "县委办公室", county, "部门")
    b = add(ctx, "县委组织部", county, "部门")
    assert (a.sort_order, b.sort_order) == (10, 20)
    assert names_under(ctx, county) == ["县委办公室", "县委组织部"]
    with pytest.raises(ValidationError) as same:
        add(ctx, "县委组织部")
    assert same.value.fields["name"] == "已有同名单位“县委组织部”"
    with pytest.raises(ValidationError) as kind:
        add(ctx, "某某局", kind="党政机关")
    assert "单位类别" in kind.value.fields["kind"]
    with pytest.raises(ValidationError) as blank:
        add(ctx, "  ")
    assert blank.value.fields["name"] == "请填写单位名称"
    assert audit_actions(ctx, "unit") == ["create", "create", "create"]


def test_moves_reorder_siblings_and_refuse_cycles(ctx: ServiceContext) -> None:
    county = add(ctx, "县委")
    a, b, c = (add(ctx, n, county) for n in ("甲", "乙", "丙"))
    units.move_unit(ctx, c.id, county.id, 0, c.version)
    assert names_under(ctx, county) == ["丙", "甲", "乙"]
    units.move_unit(ctx, a.id, county.id, 5, None)  # past the end: last
    assert names_under(ctx, county) == ["丙", "乙", "甲"]
    # b moves under c; then c may not move under b (its own sub-unit), nor under itself
    units.move_unit(ctx, b.id, c.id, 0, None)
    c_now = units.get_unit(ctx, c.id)
    with pytest.raises(ValidationError) as cycle:
        units.move_unit(ctx, c.id, b.id, 0, c_now.version)
    assert "下级单位" in cycle.value.fields["parent_id"]
    with pytest.raises(ValidationError) as own:
        units.update_unit(ctx, c.id, units.UnitInput(name="丙", parent_id=c.id), None)
    assert own.value.fields["parent_id"] == "上级单位不能是本单位"
    with pytest.raises(ConflictError):
        units.move_unit(ctx, c.id, None, 0, c.version)  # stale: c's version moved on
    top = units.move_unit(ctx, c.id, None, 0, c_now.version)
    assert top.parent_id is None and names_under(ctx, None)[0] == "丙"
    assert "move" in audit_actions(ctx, "unit")


def test_rename_reindexes_cadres_and_checks_the_version(ctx: ServiceContext) -> None:
    unit = add(ctx, "县委组织部")
    cadre = make_cadre(ctx, unit_id=unit.id)
    renamed = units.rename_unit(ctx, unit.id, "中共某县委组织部", unit.version)
    assert renamed.name == "中共某县委组织部" and renamed.version == unit.version + 1
    assert [h.ref_id for h in search.search(ctx, "中共某县", kinds=["cadre"]).hits] == [cadre.id]
    assert cadres.get_cadre(ctx, cadre.id).unit == "中共某县委组织部"
    with pytest.raises(ConflictError):
        units.rename_unit(ctx, unit.id, "别的名字", unit.version)


def test_archive_refuses_a_unit_in_use_and_restore_checks_the_name(ctx: ServiceContext) -> None:
    county = add(ctx, "县委")
    office = add(ctx, "县委办", county)
    cadre = make_cadre(ctx, unit_id=office.id)
    with pytest.raises(ValidationError) as children:
        units.archive_unit(ctx, county.id)
    assert "1 个下级单位" in children.value.fields["unit"]
    with pytest.raises(ValidationError) as people:
        units.archive_unit(ctx, office.id)
    assert "1 名在册干部" in people.value.fields["unit"]
    cadres.archive_cadre(ctx, cadre.id)
    archived = units.archive_unit(ctx, office.id)
    assert archived.archived and [u.name for u in units.list_units(ctx)] == ["县委"]
    assert {u.name for u in units.list_units(ctx, include_archived=True)} == {"县委", "县委办"}
    add(ctx, "县委办")  # the name is free again while the old one is archived
    with pytest.raises(ValidationError) as clash:
        units.restore_unit(ctx, office.id)
    assert clash.value.fields["name"] == "已有同名单位“县委办”"
    units.rename_unit(ctx, office.id, "原县委办", None)
    restored = units.restore_unit(ctx, office.id)
    assert not restored.archived
    assert audit_actions(ctx, "unit")[-4:] == ["archive", "create", "update", "restore"]


def test_merge_moves_cadres_posts_holders_and_sub_units(ctx: ServiceContext) -> None:
    county = add(ctx, "县政府")
    old = add(ctx, "县科技局", county, "部门")
    new = add(ctx, "县工信局", county, "部门")
    section = add(ctx, "科技股", old)
    mover = make_cadre(ctx, "王科技", unit_id=old.id)
    stays = make_cadre(ctx, "李工信", unit_id=new.id)
    chief_old = teams.add_post(ctx, old.id, teams.PostInput("局长", "正职", 1))
    deputy_old = teams.add_post(ctx, old.id, teams.PostInput("总工程师", "副职", 1))
    chief_new = teams.add_post(ctx, new.id, teams.PostInput("局长", "正职", 1))
    teams.add_member(ctx, chief_old.id, mover.id, "2020.01")
    teams.add_member(ctx, chief_new.id, stays.id, "2021.01")
    teams.add_member(ctx, deputy_old.id, mover.id, "2019.01")

    result = units.merge_units(ctx, old.id, new.id, old.version, new.version)
    assert (result.cadres, result.posts, result.members, result.children) == (1, 2, 2, 1)
    assert result.absorbed.archived and not result.survivor.archived
    assert result.warnings == ("县工信局“局长”职数 1 名，现配 2 名，超职数 1 名",)
    assert cadres.get_cadre(ctx, mover.id).unit_id == new.id
    assert units.get_unit(ctx, section.id).parent_id == new.id
    team = teams.get_team(ctx, new.id)
    assert [(p.name, [m.name for m in p.members]) for p in team.posts] == [
        ("局长", ["王科技", "李工信"]),  # by 任职时间
        ("总工程师", ["王科技"]),
    ]
    assert {h.title for h in search.search(ctx, "县工信局", kinds=["cadre"]).hits} == {"王科技", "李工信"}
    assert audit_actions(ctx, "unit")[-2:] == ["merge", "absorb"]
    with pytest.raises(ValidationError):
        units.merge_units(ctx, new.id, new.id)


def test_merging_a_parent_into_its_child_keeps_the_tree_acyclic(ctx: ServiceContext) -> None:
    county = add(ctx, "县")
    bureau = add(ctx, "某局", county)
    office = add(ctx, "办公室", bureau)
    other = add(ctx, "业务股", bureau)
    units.merge_units(ctx, bureau.id, office.id)
    survivor = units.get_unit(ctx, office.id)
    assert survivor.parent_id == county.id
    assert units.get_unit(ctx, other.id).parent_id == office.id


def test_team_posts_slots_and_holders(ctx: ServiceContext) -> None:
    town = add(ctx, "某某镇", kind="乡镇")
    secretary = teams.add_post(ctx, town.id, teams.PostInput("党委书记", "正职", 1))
    deputies = teams.add_post(ctx, town.id, teams.PostInput("副镇长", "副职", "2"))
    with pytest.raises(ValidationError) as zero:
        teams.add_post(ctx, town.id, teams.PostInput("人大主席", "正职", 0))
    assert zero.value.fields["slots"] == "职数至少为 1"
    with pytest.raises(ValidationError) as typed:
        teams.add_post(ctx, town.id, teams.PostInput("人大主席", "正职", "两"))
    assert "整数" in typed.value.fields["slots"]
    with pytest.raises(ValidationError) as same:
        teams.add_post(ctx, town.id, teams.PostInput("副镇长", "副职", 1))
    assert same.value.fields["name"] == "本单位班子已有职位“副镇长”"
    with pytest.raises(ValidationError) as level:
        teams.add_post(ctx, town.id, teams.PostInput("镇长", "正科", 1))
    assert "正副职" in level.value.fields["level"]

    a, b, c = (make_cadre(ctx, n) for n in ("甲一", "乙二", "丙三"))
    assert teams.add_member(ctx, secretary.id, a.id, "2021.06").warning == ""
    assert teams.add_member(ctx, deputies.id, b.id, "2022.01").warning == ""
    with pytest.raises(ValidationError) as twice:
        teams.add_member(ctx, deputies.id, b.id, "2023.01")
    assert twice.value.fields["cadre_id"] == "“乙二”已任“副镇长”"
    assert teams.add_member(ctx, deputies.id, c.id).warning == ""
    over = teams.add_member(ctx, deputies.id, a.id, "2024.01")
    assert over.warning == "“副镇长”职数 2 名，现配 3 名，超职数 1 名"
    team = teams.get_team(ctx, town.id)
    assert (team.slots, team.filled, team.vacant) == (3, 4, 0)
    assert [p.over for p in team.posts] == [0, 1]

    teams.end_member(ctx, over.member.id, "2024.06")
    with pytest.raises(ValidationError) as early:
        teams.end_member(ctx, over.member.id, "2023.12")
    assert "早于任职时间" in early.value.fields["until"]
    [first, second] = teams.get_team(ctx, town.id).posts
    assert [m.name for m in second.members] == ["乙二", "丙三"] and second.vacant == 0
    updated, warning = teams.update_post(ctx, second.id, teams.PostInput("副镇长", "副职", 1), second.version)
    assert updated.slots == 1 and "超职数 1 名" in warning
    teams.move_post(ctx, second.id, -1)
    assert [p.name for p in teams.get_team(ctx, town.id).posts] == ["副镇长", "党委书记"]

    with pytest.raises(ValidationError) as held:
        teams.archive_post(ctx, first.id)
    assert "甲一" in held.value.fields["post"]
    removed = teams.remove_member(ctx, first.members[0].id)
    assert removed.name == "甲一"
    teams.archive_post(ctx, first.id)
    assert [p.name for p in teams.archived_posts(ctx, town.id)] == ["党委书记"]
    teams.restore_post(ctx, first.id)
    assert teams.teams_of_cadre(ctx, b.id) == [("某某镇", "副镇长")]
    assert {"create", "update", "archive", "restore", "move"} <= set(audit_actions(ctx, "team_post"))
    assert set(audit_actions(ctx, "team_member")) == {"create", "update", "archive"}


def test_units_can_be_created_from_an_empty_database_and_given_to_a_new_cadre(ctx: ServiceContext) -> None:
    assert units.list_units(ctx) == []
    unit = add(ctx, "县委组织部", kind="部门")
    cadre = make_cadre(ctx, unit_id=unit.id)
    assert cadres.get_cadre(ctx, cadre.id).unit == "县委组织部"
    assert units.unit_counts(ctx)[unit.id] == units.UnitCounts(cadres=1, children=0, posts=0)


def test_migration_0004_keeps_units_and_renames_old_kinds(tmp_path: Path) -> None:
    """A database of the 0003 schema upgrades without loss; old kinds map onto the new code list."""
    engine = database_at(tmp_path / "old.db", "0003")
    with engine.begin() as conn:
        for i, (name, kind) in enumerate(
            (
                ("某县人民政府", "党政机关"),
                ("某县财政局", "党政机关"),
                ("某县人民代表大会常务委员会", "人大政协"),
                ("中国人民政治协商会议某县委员会", "人大政协"),
                ("某某镇", "乡镇"),
            ),
            start=1,
        ):
            conn.execute(
                text(
                    "INSERT INTO unit (id, uid, created_at, updated_at, version, name, short_name, kind, "
                    "sort_order) VALUES (:i, :u, '2026-01-01', '2026-01-01', 1, :n, '', :k, :i)"
                ),
                {"i": i, "u": f"uid-{i}", "n": name, "k": kind},
            )
    upgrade_to_head(engine)
    with engine.connect() as conn:
        kinds = dict(conn.execute(text("SELECT name, kind FROM unit")).all())
        assert conn.execute(text("SELECT count(*) FROM team_post")).scalar() == 0
    assert kinds == {
        "某县人民政府": "政府",
        "某县财政局": "部门",
        "某县人民代表大会常务委员会": "人大",
        "中国人民政治协商会议某县委员会": "政协",
        "某某镇": "乡镇",
    }
    engine.dispose()
