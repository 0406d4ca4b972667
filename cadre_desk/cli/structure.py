"""班子结构分析 from the command line: `structure (--unit U ... | --kind 乡镇 | --selection NAME | --all)
[--team] --date D`, the saved selections (`structure-selection list | save | rename | delete`), and the
横向比较 (`compare`)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cadre_desk.cli.common import EXIT_OK, Handler, Subparsers, print_json, record_id
from cadre_desk.domain import structure as rules_of
from cadre_desk.domain.yearmonth import DateFormatError, parse_date
from cadre_desk.errors import ValidationError
from cadre_desk.services import structure, units
from cadre_desk.services.context import ServiceContext

OUTPUTS = (".pdf", ".xlsx")


def register(sub: Subparsers) -> dict[str, Handler]:
    cmd = sub.add_parser(
        "structure", help="班子结构分析: age, gender, education, party, 四类干部 and targets of a scope"
    )
    which = cmd.add_mutually_exclusive_group(required=True)
    which.add_argument("--unit", nargs="+", metavar="U", help="units (name, short name or number)")
    which.add_argument(
        "--kind", choices=rules_of.TARGET_SCOPES[:-1], help="every unit of a kind (乡镇, 部门 …, 县直单位)"
    )
    which.add_argument("--all", action="store_true", help="the whole county")
    which.add_argument(
        "--selection", metavar="NAME", help="a saved selection of units (structure-selection list)"
    )
    cmd.add_argument("--team", action="store_true", help="only the members of the units' 班子")
    cmd.add_argument("--date", required=True, help="reference date YYYY.MM.DD (ages and 到龄 at it)")
    cmd.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="FILE.pdf: the printed report; FILE.xlsx: the tables",
    )
    cmd.add_argument("--json", action="store_true")
    return {"structure": _cmd_structure, **register_compare(sub), **register_selections(sub)}


def _scope(ctx: ServiceContext, args: argparse.Namespace) -> structure.Scope:
    if args.all:
        return structure.county_scope(args.team)
    if args.kind:
        return structure.kind_scope(ctx, args.kind, args.team)
    if args.selection:
        from cadre_desk.services import structure_selections as saved

        return saved.selection_scope(ctx, saved.find_selection(ctx, args.selection).id, args.team)
    return structure.unit_scope(ctx, [units.find_unit(ctx, u).id for u in args.unit], args.team)


def _cmd_structure(ctx: ServiceContext, args: argparse.Namespace) -> int:
    try:
        ref = parse_date(args.date)
    except DateFormatError as exc:
        raise ValidationError({"date": str(exc)}) from None
    out: Path | None = args.output
    if out is not None and out.suffix.lower() not in OUTPUTS:
        raise ValidationError({"output": f"输出文件应为 {' 或 '.join(OUTPUTS)}（现为 {out.name}）"})
    scope = _scope(ctx, args)
    report = structure.analyse(ctx, scope, ref, per_team=out is not None)
    if out is not None:
        if out.suffix.lower() == ".xlsx":
            from cadre_desk.transfer.structure_xlsx import export_structure

            export_structure(ctx, out, report)
        else:
            write_report(ctx, scope, ref, out)
        print(f"已输出：{out}", file=sys.stderr)
    if args.json:
        print_json(report.to_json())
    elif out is None:
        _print_text(report)
    return EXIT_OK


def write_report(ctx: ServiceContext, scope: structure.Scope, ref: dt.date, out: Path) -> int:
    """The printed 结构分析报告 through documents.prepare; audited as a print; returns the pages."""
    from cadre_desk.reports import documents
    from cadre_desk.services import audit, printing

    options = documents.DocumentOptions(printing.print_settings(ctx), reference=ref, scope=scope)
    document = documents.prepare(ctx.db, "structure", 0, options)
    pages = document.write(out)
    with ctx.db.uow() as session:
        audit.record(
            session, ctx, "print", "structure", summary=f"打印结构分析报告（{scope.label}）到 {out}"[:200]
        )
    return pages


def _print_text(report: structure.StructureReport) -> None:
    f = report.figures
    team = "（班子成员）" if report.scope.team_only else ""
    print(f"{report.scope.label}{team}  计算截止 {report.reference_date:%Y.%m.%d}")
    slots = f"职数 核定 {report.slots} / 实配 {report.filled_posts} / 缺配 {report.vacant}"
    print(f"人数 {f.members.count}  {slots}")
    print("年龄  " + "  ".join(f"{k} {v.count}" for k, v in f.age_bands.items()) + f"  平均 {f.average_age}")
    print("性别  " + "  ".join(f"{k} {v.count}" for k, v in f.gender.items()))
    print("政治面貌  " + "  ".join(f"{k} {v.count}" for k, v in f.political.items()))
    print("全日制学历  " + "  ".join(f"{k} {v.count}" for k, v in f.education_full_time.items()))
    print("最高学历  " + "  ".join(f"{k} {v.count}" for k, v in f.education_highest.items()))
    print(f"正职 {f.chiefs.count}  副职 {f.deputies.count}  三年内到龄 {f.retiring_within_3y.count}")
    print("四类干部  " + "  ".join(f"{k} {v.count}" for k, v in f.four_kinds.items()))
    for t in report.targets:
        word = rules_of.COLOUR_WORDS[t.colour]
        print(f"[{word}] {t.name}（{t.requirement}）应配 {t.required} 实配 {t.actual} 缺配 {t.gap}")
    for g in report.gaps:
        print(f"缺口：{g.unit_name} {g.target_name}（应配 {g.required}，实配 {g.actual}）")


def register_compare(sub: Subparsers) -> dict[str, Handler]:
    cmd = sub.add_parser("compare", help="横向比较: 2–6 cadres side by side (-o FILE.pdf | FILE.xlsx)")
    cmd.add_argument("ids", nargs="+", type=record_id, metavar="ID", help="2 to 6 cadre numbers")
    cmd.add_argument("-o", "--output", type=Path, metavar="FILE", help="FILE.pdf (A4 landscape) or FILE.xlsx")
    cmd.add_argument("--date", help="reference date YYYY.MM.DD (default: today)")
    cmd.add_argument("--json", action="store_true")
    return {"compare": _cmd_compare}


def _cmd_compare(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from cadre_desk.services import comparison

    ref = dt.date.today()
    if args.date:
        try:
            ref = parse_date(args.date)
        except DateFormatError as exc:
            raise ValidationError({"date": str(exc)}) from None
    out: Path | None = args.output
    if out is not None and out.suffix.lower() not in OUTPUTS:
        raise ValidationError({"output": f"输出文件应为 {' 或 '.join(OUTPUTS)}（现为 {out.name}）"})
    result = comparison.compare(ctx, args.ids, ref)
    if out is not None and out.suffix.lower() == ".xlsx":
        from cadre_desk.transfer.comparison_xlsx import export_comparison

        export_comparison(ctx, out, result)
        print(f"已输出：{out}", file=sys.stderr)
    elif out is not None:  # the common print path, as the window's preview
        from cadre_desk.reports import documents
        from cadre_desk.services import printing

        options = documents.DocumentOptions(
            printing.print_settings(ctx), reference=ref, cadre_ids=result.cadre_ids
        )
        document = documents.prepare(ctx, "comparison", 0, options)
        pages = document.write(out)
        printing.record_output(
            ctx, "export", document.title, document.entity, list(document.audited_ids), str(out)
        )
        print(f"已输出：{out}（共 {pages} 页）", file=sys.stderr)
    if args.json:
        print_json(result.to_json())
    elif out is None:
        for row in result.rows:
            mark = "◆" if row.differs else " "
            print(f"{mark} {row.label}：" + " | ".join(v.replace("\n", "；") for v in row.values))
        for note in result.notes:
            print(f"注：{note}")
    return EXIT_OK


def register_selections(sub: Subparsers) -> dict[str, Handler]:
    cmd = sub.add_parser(
        "structure-selection", help="saved selections of units (e.g. 2027换届乡镇) for structure --selection"
    )
    actions = cmd.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="the saved selections and their units")
    listing.add_argument("--json", action="store_true")
    save = actions.add_parser("save", help="save a new selection of units")
    save.add_argument("name", help="the selection's name, e.g. 2027换届乡镇")
    save.add_argument(
        "--unit", nargs="+", metavar="U", required=True, help="units (name, short name or number)"
    )
    save.add_argument("--note", default="", help="what the selection is for")
    rename = actions.add_parser("rename", help="rename a selection")
    rename.add_argument("name", help="the current name (or #id)")
    rename.add_argument("new_name", metavar="NEW", help="the new name")
    delete = actions.add_parser("delete", help="delete a selection (the units stay)")
    delete.add_argument("name", help="the name (or #id)")
    return {"structure-selection": _cmd_selection}


def _cmd_selection(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from cadre_desk.services import structure_selections as saved

    if args.action == "list":
        views = saved.list_selections(ctx)
        if args.json:
            print_json(
                [{"id": v.id, "name": v.name, "note": v.note, "units": list(v.unit_names)} for v in views]
            )
        for v in [] if args.json else views:
            print(f"#{v.id}  {v.name}（{len(v.unit_ids)} 个单位）：{'、'.join(v.unit_names)}")
        return EXIT_OK
    if args.action == "save":
        ids = [units.find_unit(ctx, u).id for u in args.unit]
        view = saved.save_selection(ctx, saved.SelectionInput(args.name, ids, args.note))
        print(f"已保存选定范围 #{view.id} {view.name}（{len(view.unit_ids)} 个单位）", file=sys.stderr)
        return EXIT_OK
    view = saved.find_selection(ctx, args.name)
    if args.action == "rename":
        view = saved.update_selection(
            ctx, view.id, saved.SelectionInput(args.new_name, view.unit_ids, view.note), view.version
        )
        print(f"已重命名为：{view.name}", file=sys.stderr)
    else:
        saved.delete_selection(ctx, view.id, view.version)
        print(f"已删除选定范围：{view.name}", file=sys.stderr)
    return EXIT_OK
