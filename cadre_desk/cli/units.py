"""Units and their 班子 from the command line: `unit add | list | rename | move | merge | archive | restore
| team`.

A unit is named by its full name, its short name or its number (`12` or `#12`).
"""

from __future__ import annotations

import argparse
from typing import Any

from cadre_desk.cli import common
from cadre_desk.cli.common import EXIT_OK, Handler, Subparsers, print_json
from cadre_desk.domain.vocab import UNIT_KINDS
from cadre_desk.errors import ValidationError
from cadre_desk.services import teams, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.serialize import to_jsonable


def register(sub: Subparsers) -> dict[str, Handler]:
    unit = sub.add_parser("unit", help="units (单位) and their leadership teams (班子)")
    actions = unit.add_subparsers(dest="unit_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="create a unit")
    add.add_argument("name")
    add.add_argument("--parent", help="the parent unit (name, short name or number)")
    add.add_argument("--kind", choices=UNIT_KINDS, default="", help="unit kind (单位类别)")
    add.add_argument("--short-name", default="", help="short name (简称)")
    add.add_argument("--json", action="store_true")

    lst = actions.add_parser("list", help="list units (tree order)")
    lst.add_argument("--archived", action="store_true", help="include archived units")
    lst.add_argument("--json", action="store_true")

    rename = actions.add_parser("rename", help="rename a unit")
    rename.add_argument("unit")
    rename.add_argument("new_name")
    rename.add_argument("--short-name", default=None, help="also set the short name")
    rename.add_argument("--json", action="store_true")

    move = actions.add_parser("move", help="set a unit's parent (and its place among the siblings)")
    move.add_argument("unit")
    move.add_argument("--parent", help="the new parent; omitted: top level")
    move.add_argument("--position", type=common.position, default=10_000, help="0 = first (default: last)")
    move.add_argument("--json", action="store_true")

    merge = actions.add_parser("merge", help="merge a unit into another (cadres, 班子 and sub-units move)")
    merge.add_argument("unit")
    merge.add_argument("--into", required=True, help="the unit that remains")
    merge.add_argument("--json", action="store_true")

    for name, text in (("archive", "archive an empty unit"), ("restore", "restore an archived unit")):
        p = actions.add_parser(name, help=text)
        p.add_argument("unit")
        p.add_argument("--json", action="store_true")

    team = actions.add_parser("team", help="a unit's 班子: posts, 职数 and holders")
    team.add_argument("unit")
    team.add_argument("--json", action="store_true")
    return {"unit": _cmd_unit}


def _tree_order(rows: list[units.UnitView]) -> list[tuple[units.UnitView, int]]:
    """(unit, depth) parents first, siblings by sort order; units under an unlisted parent at the top."""
    known = {u.id for u in rows}
    children: dict[int | None, list[units.UnitView]] = {}
    for u in rows:
        children.setdefault(u.parent_id if u.parent_id in known else None, []).append(u)
    out: list[tuple[units.UnitView, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for u in children.get(parent, []):
            out.append((u, depth))
            walk(u.id, depth + 1)

    walk(None, 0)
    return out


def _unit_json(
    view: units.UnitView, counts: units.UnitCounts | None = None, depth: int = 0
) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(view)
    data["depth"] = depth
    if counts is not None:
        data["cadres"] = counts.cadres
        data["posts"] = counts.posts
    return data


def _team_json(team: teams.LeadershipTeamView) -> dict[str, Any]:
    return {
        "unit_id": team.unit_id,
        "unit": team.unit_name,
        "kind": team.unit_kind,
        "slots": team.slots,
        "filled": team.filled,
        "vacant": team.vacant,
        "posts": [
            {**to_jsonable(p), "filled": p.filled, "vacant": p.vacant, "over": p.over} for p in team.posts
        ],
    }


def _print_unit(view: units.UnitView, verb: str) -> None:
    print(f"{verb}：{view.name}（编号 {view.id}）")


def _cmd_unit(ctx: ServiceContext, args: argparse.Namespace) -> int:
    action = args.unit_command
    if action == "list":
        rows = units.list_units(ctx, include_archived=args.archived)
        counts = units.unit_counts(ctx)
        ordered = _tree_order(rows)
        if args.json:
            print_json([_unit_json(u, counts.get(u.id, units.UnitCounts(0, 0, 0)), d) for u, d in ordered])
        else:
            for u, depth in ordered:
                mark = "（已归档）" if u.archived else ""
                n = counts.get(u.id)
                print(f"{u.id:>5}  {'  ' * depth}{u.name}{mark}  {u.kind}  {n.cadres if n else 0}人")
        return EXIT_OK
    if action == "add":
        parent = units.find_unit(ctx, args.parent).id if args.parent else None
        view = units.create_unit(
            ctx, units.UnitInput(name=args.name, short_name=args.short_name, kind=args.kind, parent_id=parent)
        )
        _print_unit_or_json(view, "已创建单位", args.json)
        return EXIT_OK
    target = units.find_unit(ctx, args.unit)
    if action == "team":
        team = teams.get_team(ctx, target.id)
        if args.json:
            print_json(_team_json(team))
        else:
            print(f"{team.unit_name} 班子：职数 {team.slots}，实配 {team.filled}，缺配 {team.vacant}")
            for p in team.posts:
                names = "、".join(m.name for m in p.members) or "（空缺）"
                print(f"  {p.name}（{p.level}，职数 {p.slots}）：{names}")
        return EXIT_OK
    if action == "merge":
        survivor = units.find_unit(ctx, args.into)
        result = units.merge_units(ctx, target.id, survivor.id, target.version, survivor.version)
        if args.json:
            print_json(result)
        else:
            print(
                f"已将“{result.absorbed.name}”并入“{result.survivor.name}”：干部 {result.cadres} 名，"
                f"班子职位 {result.posts} 个，下级单位 {result.children} 个"
            )
            for warning in result.warnings:
                print(f"注意：{warning}")
        return EXIT_OK
    if action == "rename":
        view = units.rename_unit(ctx, target.id, args.new_name, target.version, args.short_name)
        verb = "已重命名"
    elif action == "move":
        parent = units.find_unit(ctx, args.parent).id if args.parent else None
        view = units.move_unit(ctx, target.id, parent, args.position, target.version)
        verb = "已移动"
    elif action == "archive":
        if target.archived:
            raise ValidationError({"unit": f"单位“{target.name}”已归档"})
        view = units.archive_unit(ctx, target.id, target.version)
        verb = "已归档"
    else:
        if not target.archived:
            raise ValidationError({"unit": f"单位“{target.name}”未归档"})
        view = units.restore_unit(ctx, target.id, target.version)
        verb = "已恢复"
    _print_unit_or_json(view, verb, args.json)
    return EXIT_OK


def _print_unit_or_json(view: units.UnitView, verb: str, as_json: bool) -> None:
    if as_json:
        print_json(_unit_json(view))
    else:
        _print_unit(view, verb)
