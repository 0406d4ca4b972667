"""年轻干部成长档案: the per-person record of a pooled young cadre: profile, pool entries (channel, 文号,
direction, state), development measures, yearly reviews, pairings, the diary excerpts the user chose with
the mentor's comments, assessments, and training hours with the compliance line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from cadre_desk.domain.yearmonth import format_date
from cadre_desk.reports import cells, dossier, flow
from cadre_desk.reports.flow import Heading, fields_table, list_table, para
from cadre_desk.reports.page import Bookmark, DocumentInfo
from cadre_desk.services.growth_record import GrowthRecord
from cadre_desk.services.printing import PrintSettings

TITLE = "年轻干部成长档案"


@dataclass(frozen=True)
class GrowthOptions:
    settings: PrintSettings
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


def _d(value: dt.date | None) -> str:
    return format_date(value) if value is not None else ""


def _entries(record: GrowthRecord) -> list[Flowable]:
    if not record.entries:
        return [flow.none_line("未入库。")]
    story: list[Flowable] = []
    for er in record.entries:
        e = er.entry
        state = f"{e.state}（{_d(e.state_on)}）"
        if e.used_post:
            state += f"，使用为 {e.used_post}"
        if e.exit_reason:
            state += f"，退出原因：{e.exit_reason}"
        channel = e.channel + (f"（{e.recommended_by}）" if e.recommended_by else "")
        story += [
            fields_table(
                [
                    ("库　　别", e.pool),
                    ("入库时间", _d(e.entered_on)),
                    ("入库方式", channel),
                    ("文　　号", e.document_no),
                    ("培养方向", e.direction),
                    ("帮带导师", e.mentor),
                    ("状　　态", state),
                    ("需 研 判", "；".join(f"{f.flag}：{f.detail}" for f in e.flags) or "无"),
                ],
                columns=2,
            ),
            flow.gap(8),
        ]
    return story


def _measures(record: GrowthRecord) -> list[Flowable]:
    rows = [
        (
            m.kind,
            _d(m.start),
            _d(m.end) or "至今",
            "；".join(x for x in (m.secondment, m.content) if x),
            er.entry.pool,
        )
        for er in record.entries
        for m in er.measures
    ]
    if not rows:
        return [flow.none_line()]
    rows.sort(key=lambda r: r[1])
    return [list_table(("措施", "开始", "结束", "内容", "库别"), rows, (2.6, 2.4, 2.4, 0, 3.2))]


def _reviews(record: GrowthRecord) -> list[Flowable]:
    rows = [
        (f"{r.year}年", r.opinion, _d(r.reviewed_on), er.entry.pool)
        for er in record.entries
        for r in er.reviews
    ]
    if not rows:
        return [flow.none_line()]
    rows.sort(key=lambda r: r[0], reverse=True)
    return [list_table(("年度", "研判意见", "研判日期", "库别"), rows, (1.8, 0, 2.4, 3.2))]


def growth_story(record: GrowthRecord, options: GrowthOptions) -> list[Flowable]:
    file = record.file
    c = file.profile.cadre
    s = options.settings
    story: list[Flowable] = [
        Bookmark(f"{TITLE}（{c.name}）"),
        cells.Title(TITLE, 20, space_after=6),
        para(f"{c.name}　{c.unit}{c.post}", 12, "centre"),
        para(
            f"{s.department}　{format_date(options.printed_at.date())}　计算截止时间：{_d(record.at)}",
            10,
            "centre",
        ),
        flow.gap(10),
    ]
    sections: list[tuple[str, list[Flowable]]] = [
        ("基本情况", dossier._basic(file, record.at)),
        ("入库情况", _entries(record)),
        ("培养措施", _measures(record)),
        ("年度研判", _reviews(record)),
        ("结对帮带", dossier._pairings(file)),
        (
            "成长日记摘录",
            dossier.diary_block(record.excerpts, headings=True) or [flow.none_line("未选摘录。")],
        ),
        ("年度考核", dossier._assessments(file)),
        ("教育培训", dossier._training(file)),
    ]
    for n, (title, body) in enumerate(sections, start=1):
        story.append(PageBreak() if title == "成长日记摘录" and record.excerpts else CondPageBreak(4 * cm))
        story.append(Heading(f"{dossier.chinese_number(n)}、{title}", 0))
        story += body
    return story


def document_info(record: GrowthRecord, options: GrowthOptions) -> DocumentInfo:
    c = record.file.profile.cadre
    s = options.settings
    return DocumentInfo(
        title=f"{TITLE}（{c.name}）",
        subject=f"{TITLE}：{c.name}" + (f"，{c.unit}{c.post}" if c.unit else ""),
        author=s.department or s.operator,
        operator=s.operator,
        confidentiality=s.confidentiality,
        printed_at=options.printed_at,
        keywords=(TITLE, c.name),
    )


def build_growth_record(record: GrowthRecord, out: BinaryIO | Path | str, options: GrowthOptions) -> int:
    return flow.build_case_file(
        out, growth_story(record, options), document_info(record, options), with_toc=False
    )
