"""帮带档案: the case file of one pairing (一对一帮带).

The pairing agreement (both parties, term, goals, plan, signature lines), the mentorship records, the
mentee's growth diary with each mentor comment under its entry, and the evaluation with signature lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable

from cadre_desk.domain.yearmonth import format_date
from cadre_desk.reports import cells, dossier, flow
from cadre_desk.reports.flow import BODY, Heading, fields_table, para, text_block
from cadre_desk.reports.page import DocumentInfo
from cadre_desk.services.printing import PairingFile, PersonLine, PrintSettings

TITLE = "帮带档案"
# A section starts on a new page only when less than this is left on the current one: a new pairing
# (no records, a few entries, no evaluation yet) prints on one or two pages, not six mostly empty ones.
SECTION_ROOM = 7 * cm


@dataclass(frozen=True)
class PairingOptions:
    settings: PrintSettings
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


def _person(p: PersonLine) -> str:
    return "，".join(x for x in (p.name, p.unit, p.post) if x)


def pairing_story(p: PairingFile, options: PairingOptions) -> list[Flowable]:
    m = p.mentorship
    term = f"{format_date(m.term_start)}--{format_date(m.term_end)}"
    story: list[Flowable] = [
        cells.Title(TITLE, 22, space_after=4),
        para(f"{options.settings.department}　　帮带期限：{term}", BODY, "centre"),
        flow.gap(8),
        Heading("一、结对帮带协议", 0),
        fields_table(
            [
                ("帮带导师（甲方）", _person(p.mentor)),
                ("被帮带人（乙方）", _person(p.mentee)),
                ("帮带期限", term),
                ("帮带状态", m.status),
            ],
            columns=1,
            label_w=3.6 * cm,
        ),
        flow.gap(),
        para("帮带目标", 12),
        *(text_block(m.goals) or [flow.none_line("未填写。")]),
        para("帮带计划", 12),
        *(text_block(m.plan) or [flow.none_line("未填写。")]),
        para(
            "双方承诺：甲方按计划定期开展思想引导、工作指导和作风帮带，审阅乙方成长日记并及时点评；"
            "乙方虚心求教，按时撰写成长日记，主动汇报思想和工作情况。",
            BODY,
        ),
        flow.signature_lines(("帮带导师", "被帮带人", "组织部门")),
        CondPageBreak(SECTION_ROOM),
        Heading("二、指导记录", 0),
        *(dossier.records_block(p) or [flow.none_line()]),
        CondPageBreak(SECTION_ROOM),
        Heading("三、成长日记与导师点评", 0),
        *(dossier.diary_block(p.diary, headings=True) or [flow.none_line()]),
        CondPageBreak(SECTION_ROOM),
        Heading("四、帮带评价", 0),
        *dossier.evaluation_block(p)[1:],
        flow.signature_lines(("帮带导师", "被帮带人", "组织部门审核人")),
    ]
    return story


def document_info(p: PairingFile, options: PairingOptions) -> DocumentInfo:
    s = options.settings
    names = f"{p.mentor.name}—{p.mentee.name}"
    return DocumentInfo(
        title=f"{TITLE}（{names}）",
        subject=f"{TITLE}：导师{p.mentor.name}，被帮带人{p.mentee.name}",
        author=s.department or s.operator,
        operator=s.operator,
        confidentiality=s.confidentiality,
        printed_at=options.printed_at,
        keywords=(TITLE, p.mentor.name, p.mentee.name),
    )


def build_pairing_dossier(p: PairingFile, out: BinaryIO | Path | str, options: PairingOptions) -> int:
    """Write the pairing's case file as a PDF to `out`; returns the page count."""
    return flow.build_case_file(out, pairing_story(p, options), document_info(p, options), with_toc=False)
