"""谈话记录表: one talk as a bordered form, on one page where it fits, with signature lines.

The fixed fields sit in a ruled grid; 谈话提纲, 谈话内容, 本人表态 and the follow-ups are labelled blocks
that grow with their text and continue over pages when a record is long (rows cut at line ends).
When the text is short, 谈话内容 stretches so the form fills its page like the printed paper form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import black
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from cadre_desk.domain.yearmonth import format_date
from cadre_desk.reports import cells, flow, fonts, grid
from cadre_desk.reports.cells import PAD_X, Text
from cadre_desk.reports.flow import BODY, HEIGHT, WIDTH, fields_table, para, text_block
from cadre_desk.reports.page import Bookmark, DocumentInfo
from cadre_desk.services.printing import PersonLine, PrintSettings, TalkFile
from cadre_desk.services.talks import TalkView

TITLE = "谈话记录表"
LABEL_W = 2.4 * cm
CONTENT_W = WIDTH - LABEL_W - 2 * PAD_X
SIZE = 10.5
MIN_CONTENT = 6 * cm  # 谈话内容 is at least this tall


@dataclass(frozen=True)
class TalkOptions:
    settings: PrintSettings
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


def talk_time(talk: TalkView) -> str:
    t = talk.talk_at
    return format_date(t.date()) + (f" {t:%H:%M}" if (t.hour, t.minute) != (0, 0) else "")


def follow_up_lines(talk: TalkView) -> list[str]:
    lines = []
    for i, f in enumerate(talk.follow_ups, 1):
        extra = "；".join(
            x
            for x in (
                f"责任人：{f.owner}" if f.owner else "",
                f"期限：{format_date(f.due_date)}" if f.due_date else "",
                f"已于 {format_date(f.done_date)} 完成" if f.done_date else "",
            )
            if x
        )
        lines.append(f"{i}. {f.action}" + (f"（{extra}）" if extra else ""))
    return lines


def talk_details(talk: TalkView) -> list[Flowable]:
    """A talk inside a dossier: the fields in a small table, then its texts flowing."""
    story: list[Flowable] = [
        fields_table(
            [
                ("谈话时间", talk_time(talk)),
                ("谈话地点", talk.place),
                ("谈话类型", talk.kind),
                ("记 录 人", talk.recorder),
                ("谈 话 人", talk.talkers),
                ("谈话对象", "、".join(talk.subjects)),
            ],
            columns=2,
            size=10,
        )
    ]
    for label, text in (("谈话提纲", talk.outline), ("谈话内容", talk.content), ("本人表态", talk.statement)):
        if text.strip():
            story += [para(f"{label}：", BODY), *text_block(text)]
    if talk.follow_ups:
        story += [para("后续措施：", BODY), *[flow.FlowText(line, BODY) for line in follow_up_lines(talk)]]
    story.append(flow.gap(8))
    return story


def _block(label: str, lines: Sequence[str], min_h: float = 0.0) -> Table:
    """A labelled block of any length: rows of at most a page, each row splitting onto the next page."""
    texts = [Text(line, SIZE) for line in lines if line.strip()] or [Text("", SIZE)]
    rows = grid.chunks(texts, CONTENT_W, grid.MAX_ROW)
    used = sum(t.height(CONTENT_W) for t in rows[-1])
    total = sum(t.height(CONTENT_W) for run in rows for t in run)
    data: list[list[Any]] = []
    for i, run in enumerate(rows):
        content: list[Flowable] = [t.paragraph() for t in run]
        if i == len(rows) - 1 and total < min_h:
            content.append(Spacer(1, min(min_h - total, grid.MAX_ROW - used)))
        data.append([cells.label(label, SIZE) if i == 0 else "", content])
    style = TableStyle(
        grid.base_style(
            ("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, SIZE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), grid.OUTER_LINE, black),
            ("LINEAFTER", (0, 0), (0, -1), grid.INNER_LINE, black),
            ("TOPPADDING", (0, 1), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -2), 0),
        )
    )
    return grid.BoxedTable(data, colWidths=[LABEL_W, CONTENT_W + 2 * PAD_X], style=style)


def _subjects(subjects: Sequence[PersonLine], names: Sequence[str]) -> str:
    if not subjects:
        return "、".join(names)
    return "；".join(f"{p.name}（{p.unit}{p.post}）" if p.unit or p.post else p.name for p in subjects)


def _head(file: TalkFile) -> Table:
    t = file.talk
    half = (WIDTH - 2 * LABEL_W) / 2

    def v(text: str) -> Any:
        return cells.fit(text, half - 2 * PAD_X, 1.0 * cm, "centre", (SIZE, 9, 8), keep_lines=False).paragraph

    def wide(text: str) -> Any:
        return cells.para(text, SIZE, "left")

    def lab(text: str) -> Any:
        return cells.label(text, SIZE)

    rows = [
        [lab("谈话时间"), v(talk_time(t)), lab("谈话地点"), v(t.place)],
        [lab("谈话类型"), v(t.kind), lab("记 录 人"), v(t.recorder)],
        [lab("谈 话 人"), wide(t.talkers), "", ""],
        [lab("谈话对象"), wide(_subjects(file.subjects, t.subjects)), "", ""],
    ]
    return Table(
        rows,
        colWidths=[LABEL_W, half, LABEL_W, half],
        rowHeights=[1.1 * cm, 1.1 * cm, None, None],
        style=grid.grid_style(spans=[(1, 2, 3, 2), (1, 3, 3, 3)], last=False),
    )


def talk_story(file: TalkFile) -> list[Flowable]:
    t = file.talk
    title = cells.Title(TITLE, 20, space_after=8)
    head = _head(file)
    outline = _block("谈话提纲", t.outline.split("\n"))
    statement = _block("本人表态", t.statement.split("\n"))
    follow = _block("后续措施", follow_up_lines(t) or ["无"])
    signs = flow.signature_lines(("谈话人", "记录人", "谈话对象"))
    used = sum(f.wrap(WIDTH, HEIGHT)[1] for f in (title, head, outline, statement, follow, signs))
    room = HEIGHT - used - 8
    content = _block("谈话内容", t.content.split("\n"), max(MIN_CONTENT, room))
    return [
        Bookmark(f"{TITLE}（{_subject_names(file)}）"),
        title,
        head,
        outline,
        content,
        statement,
        follow,
        signs,
    ]


def _subject_names(file: TalkFile) -> str:
    return "、".join(file.talk.subjects) or "未指定"


def document_info(file: TalkFile, options: TalkOptions) -> DocumentInfo:
    s = options.settings
    t = file.talk
    names = _subject_names(file)
    return DocumentInfo(
        title=f"{TITLE}（{names}）",
        subject=f"{t.kind}：{names}，{talk_time(t)}",
        author=s.department or s.operator,
        operator=s.operator,
        confidentiality=s.confidentiality,
        printed_at=options.printed_at,
        keywords=(TITLE, t.kind, *t.subjects),
    )


def build_talk_form(file: TalkFile, out: BinaryIO | Path | str, options: TalkOptions) -> int:
    """Write the talk record form as a PDF to `out`; returns the page count."""
    return flow.build_case_file(out, talk_story(file), document_info(file, options), with_toc=False)
