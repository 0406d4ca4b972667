"""Data in and out: import-lrmx, export-lrmx, import-roster, export-roster, export-package, import-package,
export-talks, export-pairings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cadre_desk import sealed
from cadre_desk.cli import common, security
from cadre_desk.cli.common import EXIT_ERROR, EXIT_OK, Handler, ProgressBar, Subparsers, print_json
from cadre_desk.errors import StorageError
from cadre_desk.services import cadres, units, verification
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import activity, forms, importing, package, roster


def register(sub: Subparsers) -> dict[str, Handler]:
    p = sub.add_parser("import-lrmx", help="import appointment forms (.lrmx/.lrm files or folders)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--dry-run", action="store_true", help="show the preview, write nothing")
    p.add_argument("--skip-bad", action="store_true", help="import the readable files even if others fail")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export-lrmx", help="export cadres to .lrmx files")
    p.add_argument("ids", nargs="+", type=common.record_id, metavar="ID")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")

    p = sub.add_parser("import-roster", help="import an Excel roster (.xlsx)")
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--sheet")
    p.add_argument("--exclude-rows", default="", metavar="N,...", help="sheet row numbers to leave out")
    p.add_argument("--map", action="append", default=[], metavar="列名=字段", help="map a column to a field")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export-roster", help="export the roster to a formatted .xlsx")
    p.add_argument("-o", "--output", type=common.xlsx_path, required=True, metavar="FILE")
    p.add_argument("--unit")
    p.add_argument(
        "--columns", help="comma-separated fields: " + ",".join([*roster.FIELDS, *roster.EXPORT_ONLY])
    )

    p = sub.add_parser("export-package", help="export cadres with everything that belongs to them")
    p.add_argument("ids", nargs="*", type=common.record_id, metavar="ID")
    p.add_argument("--unit")
    p.add_argument("--all", action="store_true")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.add_argument("--json", action="store_true")
    security.add_passphrase_options(p)

    p = sub.add_parser("import-package", help="import an exchange package")
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--prefer", choices=("mine", "theirs"), help="how to decide conflicts")
    p.add_argument("--json", action="store_true")
    security.add_passphrase_options(p)

    p = sub.add_parser("export-talks", help="talk records to .xlsx")
    p.add_argument("-o", "--output", type=common.xlsx_path, required=True, metavar="FILE")
    p.add_argument("ids", nargs="*", type=common.record_id, metavar="ID", help="only talks with these cadres")

    p = sub.add_parser("export-pairings", help="diary activity per pairing to .xlsx")
    p.add_argument("-o", "--output", type=common.xlsx_path, required=True, metavar="FILE")
    return {
        "import-lrmx": _import_lrmx,
        "export-lrmx": _export_lrmx,
        "import-roster": _import_roster,
        "export-roster": _export_roster,
        "export-package": _export_package,
        "import-package": _import_package,
        "export-talks": _export_talks,
        "export-pairings": _export_pairings,
    }


def _plan_json(plan: importing.ImportPlan) -> dict[str, Any]:
    return {
        "summary": plan.summary(),
        "new_units": list(plan.new_units),
        "items": [
            {
                "source": i.source,
                "action": i.action,
                "cadre_id": i.cadre_id,
                "name": i.name,
                "changes": [
                    {"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in i.changes
                ],
                "warnings": list(i.warnings),
                "to_verify": [
                    {"field": p.field, "label": verification.label_of(p.field), "message": p.message}
                    for p in i.problems
                ],
            }
            for i in plan.items
        ],
        "rejected": [
            {
                "source": r.source,
                "problems": [list(p) for p in r.problems],
                "kind": r.kind,
                "kind_label": r.kind_label,
            }
            for r in plan.rejected
        ],
        "to_verify": plan.to_verify(),
    }


def _print_plan(plan: importing.ImportPlan) -> None:
    s = plan.summary()
    line = f"新增 {s['create']}，更新 {s['update']}，未变 {s['unchanged']}，无法导入 {s['rejected']}"
    if plan.to_verify():
        line += f"（其中 {plan.to_verify()} 人带有待核实问题，照常导入）"
    print(line)
    for unit in plan.new_units:
        print(f"  将新建单位：{unit}")
    for i in plan.items:
        if i.action == "unchanged" and not i.problems:
            continue
        mark = {"create": "新增", "update": "更新"}.get(i.action, "未变")
        print(f"[{mark}] {i.name}  （{i.source}）")
        if i.action == "update":
            for c in i.changes:
                print(f"    {c.label}：{c.old or '（空）'} → {c.new or '（空）'}")
        for w in i.warnings:
            print(f"    注意：{w}")
        for p in i.problems:
            print(f"    待核实（警告，照常导入）：{verification.label_of(p.field)}：{p.message}")
    for r in plan.rejected:
        print(f"[无法导入·{r.kind_label}] {r.source}")
        for label, message in r.problems:
            print(f"    {label + '：' if label else ''}{message}")


def _finish(plan: importing.ImportPlan, args: argparse.Namespace, apply: Any, hint: str) -> int:
    if args.json:
        print_json(_plan_json(plan))
    else:
        _print_plan(plan)
    if args.dry_run:
        return EXIT_OK
    if plan.rejected:
        sys.stderr.write(f"错误：有 {len(plan.rejected)} 项无法导入，未写入任何数据。{hint}\n")
        return EXIT_ERROR
    bar = ProgressBar()
    try:
        result = apply(plan, bar.update)
    finally:
        bar.close()
    extra = f"；导入前已备份到 {result.backup}" if result.backup else ""
    print(f"已导入：新增 {result.created}，更新 {result.updated}，未变 {result.unchanged}{extra}")
    return EXIT_OK


def _import_lrmx(ctx: ServiceContext, args: argparse.Namespace) -> int:
    bar = ProgressBar()
    try:
        plan = forms.plan_files(ctx, args.paths, bar.update)
    finally:
        bar.close()
    if args.skip_bad:
        plan = plan.without_rejected()
    return _finish(
        plan, args, lambda p, prog: importing.apply_plan(ctx, p, prog), "可用 --skip-bad 只导入可读的文件。"
    )


def _export_lrmx(ctx: ServiceContext, args: argparse.Namespace) -> int:
    bar = ProgressBar()
    try:
        result = forms.export_files(ctx, args.ids, args.output, bar.update)
    finally:
        bar.close()
    for path in result.files:
        print(path)
    return EXIT_OK


def _rows(text: str) -> list[int]:
    try:
        return [int(x) for x in text.replace("，", ",").split(",") if x.strip()]
    except ValueError:
        raise StorageError(f"--exclude-rows 应为逗号分隔的行号：{text}") from None


def _mapping(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        header, sep, target = item.partition("=")
        if not sep:
            raise StorageError(f"--map 应写成 列名=字段：{item}")
        out[header.strip()] = target.strip()
    return out


def _import_roster(ctx: ServiceContext, args: argparse.Namespace) -> int:
    bar = ProgressBar()
    try:
        sheet, plan = roster.plan_roster(
            ctx, args.file, args.sheet, _mapping(args.map), _rows(args.exclude_rows), bar.update
        )
    finally:
        bar.close()
    if sheet.unmapped and not args.json:
        print(f"未识别的列（未导入，可用 --map 列名=字段 指定）：{'、'.join(sheet.unmapped)}")
    hint = (
        "可用 --exclude-rows "
        + ",".join(str(roster.row_number(r.source)) for r in plan.rejected)
        + " 排除这些行。"
    )
    return _finish(plan, args, lambda p, prog: roster.apply_roster(ctx, p, prog), hint)


def _export_roster(ctx: ServiceContext, args: argparse.Namespace) -> int:
    unit_id = units.find_unit(ctx, args.unit).id if args.unit else None
    columns = [c.strip() for c in args.columns.split(",")] if args.columns else None
    bar = ProgressBar()
    try:
        count = roster.export_roster(ctx, args.output, unit_id=unit_id, columns=columns, progress=bar.update)
    finally:
        bar.close()
    print(f"已导出 {count} 人：{args.output}")
    return EXIT_OK


def _export_package(ctx: ServiceContext, args: argparse.Namespace) -> int:
    ids = list(args.ids)
    if args.all or args.unit:
        unit_id = units.find_unit(ctx, args.unit).id if args.unit else None
        ids += [c.id for c in cadres.list_cadres(ctx, unit_id=unit_id)]
    if not ids:
        raise StorageError("请给出干部编号，或使用 --unit / --all")
    bar = ProgressBar()
    try:
        counts = package.export_package(
            ctx, sorted(set(ids)), args.output, bar.update, security.file_passphrase(args, new=True)
        )
    finally:
        bar.close()
    related = counts.get("cadre_ref", 0)
    if args.json:
        print_json(
            {"file": str(args.output), "cadres": counts.get("cadre", 0), "related": related, "counts": counts}
        )
        return EXIT_OK
    also = f"（另含 {related} 名相关人员的姓名与单位，用于关联谈话、结对）" if related else ""
    total = sum(counts.values())
    print(f"已导出交换包：{args.output}（干部 {counts.get('cadre', 0)} 人{also}，共 {total} 条记录）")
    return EXIT_OK


def _import_package(ctx: ServiceContext, args: argparse.Namespace) -> int:
    bar = ProgressBar()
    try:
        passphrase = security.file_passphrase(args, new=False, sealed_input=sealed.is_sealed(args.file))
        plan = package.plan_package(ctx, args.file, bar.update, passphrase)
    finally:
        bar.close()
    s = plan.summary()
    if args.json:
        print_json(
            {
                "manifest": plan.manifest,
                "summary": s,
                "references": plan.references(),
                "conflicts": [
                    {
                        "entity": c.entity,
                        "uid": c.uid,
                        "label": c.label,
                        "differences": [
                            {"field": d.field, "mine": d.mine, "theirs": d.theirs} for d in c.differences
                        ],
                    }
                    for c in plan.conflicts
                ],
            }
        )
    else:
        print(
            f"新增 {s['new']}，采用对方修改 {s['theirs']}，保留本机修改 {s['mine']}，"
            f"相同 {s['same']}，冲突 {s['conflict']}" + (f"，关联本机干部 {s['link']}" if s["link"] else "")
        )
        if plan.references():
            print(
                f"（交换包另含 {plan.references()} 名相关人员的姓名与单位：与本机干部匹配的只作关联、不改动；"
                "匹配不到的新建为待核实干部）"
            )
        for c in plan.conflicts:
            print(f"[冲突] {c.label}")
            for d in c.differences:
                print(f"    {d.field}：本机 {d.mine or '（空）'} / 对方 {d.theirs or '（空）'}")
    if args.dry_run:
        return EXIT_OK
    if plan.conflicts and args.prefer is None:
        sys.stderr.write(
            "错误：有冲突，未写入任何数据。"
            "请用 --prefer mine（保留本机）或 --prefer theirs（采用对方）决定。\n"
        )
        return EXIT_ERROR
    bar = ProgressBar()
    try:
        result = package.apply_package(ctx, plan, prefer=args.prefer, progress=bar.update)
    finally:
        bar.close()
    print(
        f"已导入：新增 {result.added}，合并 {result.merged}，"
        f"保留本机 {result.kept_mine}，未变 {result.unchanged}"
        + (f"，关联本机干部 {result.linked}" if result.linked else "")
    )
    return EXIT_OK


def _export_talks(ctx: ServiceContext, args: argparse.Namespace) -> int:
    count = activity.export_talks(ctx, args.output, args.ids or None)
    print(f"已导出谈话记录 {count} 次：{args.output}")
    return EXIT_OK


def _export_pairings(ctx: ServiceContext, args: argparse.Namespace) -> int:
    count = activity.export_pairing_activity(ctx, args.output)
    print(f"已导出帮带结对 {count} 对：{args.output}")
    return EXIT_OK
