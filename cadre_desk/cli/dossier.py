"""`cadre-desk dossier …`: print case files to PDF (cadre dossier, appointment form, pairing, talk, batches).

Every file written is recorded in the audit trail as an export.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import replace
from pathlib import Path

from cadre_desk.cli import common
from cadre_desk.cli.common import EXIT_OK, Handler, ProgressBar, Subparsers
from cadre_desk.domain.yearmonth import parse_date, parse_date_or_month
from cadre_desk.errors import ValidationError
from cadre_desk.services import (
    appointment,
    barometer_periods,
    cadre_records,
    inspection,
    printing,
    units,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.printing import SECTION_TITLES, SECTIONS, DateRange


def register(sub: Subparsers) -> dict[str, Handler]:
    """Add the `dossier` command and its actions."""
    p = sub.add_parser("dossier", help="print case files to PDF")
    actions = p.add_subparsers(dest="dossier_command", metavar="ACTION", required=True)

    c = actions.add_parser("cadre", help="干部成长档案 of one cadre")
    c.add_argument("id", type=common.record_id)
    c.add_argument("-o", "--output", type=Path, required=True)
    c.add_argument(
        "--sections",
        nargs="+",
        choices=SECTIONS,
        metavar="SECTION",
        help="sections to print (default all): " + ", ".join(f"{k}={v}" for k, v in SECTION_TITLES.items()),
    )
    c.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="dated records from (2024.01.01, or 2024.01: its 1st)",
    )
    c.add_argument(
        "--to",
        dest="date_to",
        metavar="DATE",
        help="dated records up to (2024.12.31, or 2024.12: its last day)",
    )

    f = actions.add_parser("form", help="干部任免审批表 of one cadre")
    f.add_argument("id", type=common.record_id)
    f.add_argument("-o", "--output", type=Path, required=True)
    f.add_argument(
        "--reference", metavar="DATE", help="date the ages are computed at (default: the form's 计算年龄时间)"
    )
    f.add_argument("--draft", action="store_true", help="print a 草稿 (draft) watermark on both pages")

    for name, what in (("pairing", "帮带档案 of one pairing"), ("talk", "谈话记录表 of one talk")):
        a = actions.add_parser(name, help=what)
        a.add_argument("id", type=common.record_id)
        a.add_argument("-o", "--output", type=Path, required=True)

    g = actions.add_parser("growth", help="年轻干部成长档案 of one cadre (pool entries, measures, reviews …)")
    g.add_argument("id", type=common.record_id)
    g.add_argument("-o", "--output", type=Path, required=True)
    g.add_argument(
        "--diary", default="", metavar="IDS", help="diary entries to excerpt, e.g. 12,15 (default none)"
    )
    g.add_argument("--date", metavar="DATE", help="reference date of ages and flags (default: today)")

    jr = actions.add_parser("barometer", help="联席研判表 of a 晴雨表 period (A4 landscape)")
    jr.add_argument("period", metavar="PERIOD", help="e.g. 2026Q4")
    jr.add_argument("-o", "--output", type=Path, required=True)
    i = actions.add_parser(
        "inspection", help="考察材料 of one cadre: the latest saved revision or a fresh draft (.pdf, .docx)"
    )
    i.add_argument("id", type=common.record_id)
    i.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf or FILE.docx")

    b = actions.add_parser("batch", help="dossiers (or forms) of a unit or of everyone, on all cores")
    which = b.add_mutually_exclusive_group(required=True)
    which.add_argument("--unit", help="unit name or short name")
    which.add_argument("--all", action="store_true", help="every cadre")
    b.add_argument("-o", "--output", type=Path, required=True, help="output directory")
    b.add_argument(
        "--merge", action="store_true", help="also write one merged file with a bookmark per cadre"
    )
    b.add_argument(
        "--start-method",
        choices=("fork", "spawn", "forkserver"),
        help="how the worker processes start (default: the system's; spawn is what the window and "
        "Windows use)",
    )
    b.add_argument("--kind", choices=("dossier", "form"), default="dossier")
    b.add_argument(
        "--workers", type=common.workers, default=None, help="worker processes (default: all cores)"
    )
    return {"dossier": _cmd_dossier}


def _date(text: str | None, field: str, label: str, end: bool = False) -> dt.date | None:
    """A full date; for a range (`end` for its end) also a year-month, meaning its first or last day."""
    if not text:
        return None
    try:
        return parse_date_or_month(text, end) if field in ("from", "to") else parse_date(text)
    except ValueError as exc:
        raise ValidationError({field: f"{label}“{text}”无法识别：{exc}"}) from None


def _cmd_dossier(ctx: ServiceContext, args: argparse.Namespace) -> int:
    from cadre_desk.reports import documents

    settings = printing.print_settings(ctx)
    action = args.dossier_command
    if action == "batch":
        return _batch(ctx, args, settings)
    out: Path = args.output
    if action == "inspection":
        return _inspection(ctx, args.id, out, settings)
    options = documents.DocumentOptions(settings)
    if action == "barometer":
        period = barometer_periods.get_period(ctx, args.period)
        document = documents.prepare(ctx.db, "barometer", period.id, options)
        pages = document.write(out)
        printing.record_output(ctx, "export", document.title, document.entity, [period.id], str(out))
        print(f"已导出{document.title}（{period.code}）：{out}（共 {pages} 页）")
        return EXIT_OK
    kind: documents.DocumentKind = "dossier" if action == "cadre" else action
    if action == "cadre":
        rng = DateRange(
            _date(args.date_from, "from", "起始日期"), _date(args.date_to, "to", "截止日期", end=True)
        )
        if rng.start and rng.end and rng.end < rng.start:
            raise ValidationError({"to": "截止日期早于起始日期"})
        options = replace(options, sections=tuple(args.sections or SECTIONS), date_range=rng)
    elif action == "growth":
        try:
            excerpts = tuple(int(x) for x in args.diary.replace("，", ",").split(",") if x.strip())
        except ValueError:
            raise ValidationError({"diary": f"日记编号应为用逗号分隔的数字（现为 {args.diary}）"}) from None
        options = replace(options, excerpts=excerpts, reference=_date(args.date, "date", "计算截止时间"))
    elif action == "form":
        reference = _date(args.reference, "reference", "计算年龄时间")
        options = replace(options, draft=args.draft, reference=reference)
    document = documents.prepare(ctx, kind, args.id, options)
    pages = document.write(out)
    printing.record_output(ctx, "export", document.title, document.entity, [args.id], str(out))
    print(f"已导出{document.title}：{out}（共 {pages} 页）")
    return EXIT_OK


def _inspection(ctx: ServiceContext, cadre_id: int, out: Path, settings: printing.PrintSettings) -> int:
    """考察材料 as PDF (the one print path) or .docx (for Word)."""
    from cadre_desk.reports import documents, inspection_docx

    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise ValidationError({"output": f"考察材料只能导出为 .pdf 或 .docx 文件：{out.name}"})
    options = documents.DocumentOptions(settings)
    if suffix == ".pdf":
        document = documents.prepare(ctx.db, "inspection", cadre_id, options)
        pages = document.write(out)
        name, what = document.name, f"共 {pages} 页"
    else:
        with ctx.db.read() as session:
            report = inspection.current_or_draft_in(session, cadre_id, options.printed_at.date())
        inspection_docx.write_docx(report, out, settings, options.printed_at)
        name, what = report.cadre_name, "Word 文档"
    printing.record_output(ctx, "export", f"考察材料（{name}）", "cadre", [cadre_id], str(out))
    print(f"已导出考察材料：{out}（{what}）")
    return EXIT_OK


def _check_forms(ctx: ServiceContext, ids: list[int], settings: printing.PrintSettings) -> None:
    """Every form of a batch fits its two pages, or nothing is printed: name each cadre and field."""
    from cadre_desk.reports import appointment_form, appointment_options

    problems: dict[str, str] = {}
    for cadre_id in ids:
        options = appointment_options.options_for(appointment.get_case(ctx, cadre_id), settings)
        try:
            appointment_form.check_form(cadre_records.get_profile(ctx, cadre_id), options)
        except appointment_options.FormTooLong as exc:
            problems[f"cadre{cadre_id}"] = str(exc)
    if problems:
        raise ValidationError(problems)


def _batch(ctx: ServiceContext, args: argparse.Namespace, settings: printing.PrintSettings) -> int:
    from cadre_desk.reports import batch

    unit_id = units.find_unit(ctx, args.unit).id if args.unit else None
    ids = printing.cadre_ids(ctx, unit_id)
    if not ids:
        raise ValidationError({"unit": "没有可打印的干部"})
    database = str(ctx.db.path) if ctx.db.path else ctx.db.url.render_as_string(hide_password=False)
    if args.kind == "form":
        _check_forms(ctx, ids, settings)
    spec = batch.BatchSpec(database, args.kind, settings)
    out_dir: Path = args.output
    merged = out_dir / f"{batch.KIND_TITLES[args.kind]}（合订本）.pdf" if args.merge else None
    bar = ProgressBar()
    try:
        result = batch.run_batch(
            spec, ids, out_dir, args.workers, bar.update, merged, mp_context=args.start_method
        )
    finally:
        bar.close()
    title = batch.KIND_TITLES[args.kind]
    printing.record_output(ctx, "export", title, "cadre", [i.cadre_id for i in result.items], str(out_dir))
    print(f"已导出 {len(result.items)} 份{title}，共 {result.pages} 页：{out_dir}")
    if result.merged:
        print(f"合订本：{result.merged}")
    return EXIT_OK
