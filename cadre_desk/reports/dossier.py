"""干部成长档案: the dossier of one cadre.

A cover, a table of contents, the chosen sections (the growth portrait, basic data, 简历, family,
assessments, rewards, training with its compliance line (the 2023 条例 by level and window),
secondments, pairings, the growth diary with each mentor comment under its entry, talk records), and a
closing page for 制表人 / 审核人. Each section is a bookmark and a line of the contents; dated records
are limited to the chosen date range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table, TableStyle

from cadre_desk.domain.training import rank_level
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.reports import cells, flow, fonts, form_text, portrait_figure, talk_form
from cadre_desk.reports.flow import BODY, SMALL, FlowText, Heading, fields_table, list_table, para, text_block
from cadre_desk.reports.page import Bookmark, DocumentInfo
from cadre_desk.services.printing import SECTION_TITLES, SECTIONS, CadreFile, PairingFile, PrintSettings

TITLE = "干部成长档案"


@dataclass(frozen=True)
class DossierOptions:
    settings: PrintSettings
    sections: tuple[str, ...] = SECTIONS
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    dossier_number: str = ""  # blank: derived from the cadre's id and the print year


def dossier_number(file: CadreFile, options: DossierOptions) -> str:
    return options.dossier_number or f"GB{options.printed_at.year}-{file.profile.cadre.id:06d}"


def _ym(value: object) -> str:
    return "" if value is None else str(value)


# --- cover and closing ---------------------------------------------------------------------------


def _cover(file: CadreFile, options: DossierOptions, photo: bytes | None) -> list[Flowable]:
    c = file.profile.cadre
    s = options.settings
    rows = [
        ("姓　　名", c.name),
        ("工作单位", c.unit),
        ("现任职务", c.post),
        ("职　　级", c.rank),
        ("档案编号", dossier_number(file, options)),
        ("资料范围", file.date_range.label()),
        ("制档单位", s.department),
        ("密　　级", s.confidentiality),
        ("打印日期", format_date(options.printed_at.date())),
    ]
    table = Table(
        [[para(k, 14, "centre"), para(_cover_text(v), 14)] for k, v in rows],
        colWidths=[3.2 * cm, 9.5 * cm],
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, 14),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, "black"),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
            ]
        ),
    )
    story: list[Flowable] = [Bookmark("封面"), Spacer(1, 2.5 * cm)]
    story.append(cells.Title(TITLE, 30, space_after=1.2 * cm))
    if photo:
        story.append(
            Table(
                [[cells.Photo(photo, 3.3 * cm, 4.6 * cm)]],
                style=TableStyle(
                    [("FONT", (0, 0), (-1, -1), fonts.MAIN_FONT, 12), ("BOX", (0, 0), (-1, -1), 0.5, "black")]
                ),
            )
        )
        story.append(Spacer(1, 0.8 * cm))
    else:
        story.append(Spacer(1, 2.0 * cm))
    story += [table, PageBreak()]
    return story


COVER_CHARS = 60  # the cover is one page: longer values are shortened there, printed whole inside


def _cover_text(value: str) -> str:
    return value if len(value) <= COVER_CHARS else value[: COVER_CHARS - 1] + "…"


def _closing(file: CadreFile, options: DossierOptions) -> list[Flowable]:
    s = options.settings
    c = file.profile.cadre
    rows = [
        ("干部姓名", c.name),
        ("档案编号", dossier_number(file, options)),
        ("制档单位", s.department),
        ("制表人", s.preparer),
        ("制表日期", format_date(options.printed_at.date())),
        ("审核人", s.reviewer),
        ("审核日期", ""),
        ("操作员", s.operator),
    ]
    return [
        PageBreak(),
        Heading("备考表", 0),
        fields_table(rows, columns=2, label_w=2.4 * cm, size=11),
        Spacer(1, 0.6 * cm),
        para(
            "说明：本档案由干部成长档案台根据系统记录生成，所载内容以原始记录为准。未经批准，不得复制、外传。",
            SMALL,
        ),
        Spacer(1, 1.2 * cm),
        flow.signature_lines(("制表人", "审核人")),
    ]


# --- sections ------------------------------------------------------------------------------------


def _basic(file: CadreFile, ref: dt.date) -> list[Flowable]:
    c = file.profile.cadre
    pairs = [
        ("姓　　名", c.name),
        ("性　　别", c.gender),
        ("出生年月", f"{c.birth}{form_text.age_text(c.birth, ref)}"),
        ("民　　族", c.ethnicity),
        ("籍　　贯", c.native_place),
        ("出 生 地", c.birthplace),
        ("政治面貌", c.political_status),
        ("入党时间", form_text.party_text(c.party_join, c.democratic_party).replace("\n", " ")),
        ("参加工作时间", _ym(c.work_start)),
        ("健康状况", c.health),
        ("专业技术职务", c.professional_title),
        ("熟悉专业有何专长", c.speciality),
        ("全日制教育", form_text.education_text(c.fulltime_education, c.fulltime_degree).replace("\n", " ")),
        (
            "毕业院校系及专业",
            form_text.school_text(c.fulltime_school, c.fulltime_degree_school).replace("\n", "；"),
        ),
        ("在职教育", form_text.education_text(c.inservice_education, c.inservice_degree).replace("\n", " ")),
        (
            "毕业院校系及专业",
            form_text.school_text(c.inservice_school, c.inservice_degree_school).replace("\n", "；"),
        ),
        ("工作单位", c.unit),
        ("现任职务", c.post),
        ("职　　级", c.rank),
        ("任现职时间", _ym(c.post_since)),
        ("任现职级时间", _ym(c.rank_since)),
        ("到龄年月", file.retirement),
        ("身份证号", c.id_number),
        ("联系电话", c.phone),
    ]
    story: list[Flowable] = [fields_table(pairs, columns=2, label_w=2.9 * cm)]
    if c.notes:
        story += [flow.gap(), para("备注：", BODY), *text_block(c.notes)]
    return story


def _portrait(file: CadreFile) -> list[Flowable]:
    """成长画像: the career as steps with assessments, training, diary, talks and pairings below it."""
    if file.portrait is None:
        return [flow.none_line()]
    width = A4[0] - flow.MARGINS.left - flow.MARGINS.right
    p = file.portrait
    legend = (
        f"{p.first}至{p.last}。职务层次按简历各行所写职务推断（学习等无职务的时段留空）；"
        "色块均注明文字（考核等次），黑白打印不失其意。"
    )
    return [portrait_figure.drawing(p, width, width * 0.62), flow.gap(4), para(legend, flow.SMALL)]


def _resume(file: CadreFile) -> list[Flowable]:
    items = form_text.resume_items(file.profile.resume)
    if not items:
        return [flow.none_line()]
    return [
        list_table(("起止时间", "工作单位及职务"), [(i.span, i.text) for i in items], (3.8, 0), size=10.5)
    ]


def _family(file: CadreFile, ref: dt.date) -> list[Flowable]:
    rows = [
        (
            m.relation,
            m.name,
            _ym(m.birth),
            form_text.family_age(m, ref),
            m.political_status,
            form_text.family_employer(m),
        )
        for m in file.profile.family
    ]
    if not rows:
        return [flow.none_line()]
    header = ("称谓", "姓名", "出生年月", "年龄", "政治面貌", "工作单位及职务")
    return [list_table(header, rows, (1.6, 2.2, 2.0, 1.3, 2.2, 0))]


def _assessments(file: CadreFile) -> list[Flowable]:
    items = file.profile.assessments
    if not items:
        return [flow.none_line()]
    table = list_table(
        ("年度", "考核等次", "备注"), [(str(a.year), a.grade, a.notes) for a in items], (2.5, 3.0, 0)
    )
    summary = para(f"近三年：{form_text.assessment_summary(items)}", BODY)
    return [table, flow.gap(), summary]


def _supervision(file: CadreFile) -> list[Flowable]:
    """晴雨表: each period's colour (in its word, so a black-and-white print reads it), the rule that
    fired, the 研判 and the 处置."""
    if not file.supervision:
        return [flow.none_line()]
    rows = [(s.period, s.colour, s.rule or "—", s.review, s.disposal) for s in file.supervision]
    return [list_table(("期次", "颜色", "触发规则", "研判", "处置"), rows, (3.4, 1.3, 0, 3.6, 3.0), size=10)]


def _rewards(file: CadreFile) -> list[Flowable]:
    items = file.profile.rewards
    if not items:
        return [flow.none_line()]
    rows = [(r.kind, _ym(r.date), r.text, r.issuer) for r in items]
    return [list_table(("类别", "时间", "奖惩内容", "批准机关"), rows, (1.6, 2.0, 0, 3.5))]


def _training(file: CadreFile) -> list[Flowable]:
    """The compliance line (the 2023 条例's requirement for the cadre's level and window, from the
    compliance service) and the training records."""
    rank = file.profile.cadre.rank
    level = rank_level(rank)
    story: list[Flowable] = [para(f"职级：{rank or '未填写'}（{level}）", BODY), flow.gap(4)]
    if file.compliance:
        story += [para(f"达标情况（干部教育培训工作条例）：{file.compliance}", BODY), flow.gap(4)]
    items = file.profile.trainings
    story += [flow.gap(8), para("培训明细", 12)]
    if not items:
        story.append(flow.none_line())
    else:
        rows = [
            (
                t.name,
                t.kind,
                t.organiser,
                f"{format_date(t.start_date)}--{format_date(t.end_date)}" if t.start_date else "",
                f"{t.hours:g}",
            )
            for t in items
        ]
        story.append(
            list_table(("培训名称", "类别", "主办单位", "起止日期", "学时"), rows, (0, 2.0, 3.2, 4.2, 1.4))
        )
    return story


def _secondments(file: CadreFile) -> list[Flowable]:
    items = file.profile.secondments
    if not items:
        return [flow.none_line()]
    rows = [(f"{s.start}--{_ym(s.end)}", s.place, s.post, s.kind) for s in items]
    return [list_table(("起止时间", "挂职单位", "挂职职务", "类别"), rows, (3.8, 0, 4.0, 2.4))]


def pairing_body(p: PairingFile, with_diary: bool) -> list[Flowable]:
    """Goals, plan, mentorship records, (diary), evaluation of a pairing (shared with the pairing dossier)."""
    m = p.mentorship
    story: list[Flowable] = [
        fields_table(
            [
                ("帮带导师", f"{p.mentor.name}（{p.mentor.unit}{p.mentor.post}）"),
                ("被帮带人", f"{p.mentee.name}（{p.mentee.unit}{p.mentee.post}）"),
                ("帮带期限", f"{format_date(m.term_start)}--{format_date(m.term_end)}"),
                ("状　　态", m.status + (f"（{format_date(m.ended_on)}结束）" if m.ended_on else "")),
            ],
            columns=1,
        ),
        flow.gap(),
        para("帮带目标", 12),
        *(text_block(m.goals) or [flow.none_line("未填写。")]),
        para("帮带计划", 12),
        *(text_block(m.plan) or [flow.none_line("未填写。")]),
        para("指导记录", 12),
    ]
    story += records_block(p) or [flow.none_line()]
    if with_diary:
        story += [para("成长日记与导师点评", 12), *(diary_block(p.diary) or [flow.none_line()])]
    story += evaluation_block(p)
    return story


def records_block(p: PairingFile) -> list[Flowable]:
    story: list[Flowable] = []
    for r in p.records:
        story.append(para(f"{format_date(r.date)}　{r.form}", BODY))
        story += text_block(r.content, BODY)
    return story


def evaluation_block(p: PairingFile) -> list[Flowable]:
    m = p.mentorship
    story: list[Flowable] = [para("帮带评价", 12)]
    if m.evaluation_result or m.evaluation_grade or m.end_reason:
        story.append(
            fields_table(
                [
                    ("评价结果", m.evaluation_result),
                    ("评价等次", m.evaluation_grade),
                    ("结束原因", m.end_reason),
                ]
                if m.end_reason
                else [("评价结果", m.evaluation_result), ("评价等次", m.evaluation_grade)],
                columns=2,
            )
        )
    story.append(para("导师评价：", BODY))
    story += text_block(m.mentor_evaluation) or [flow.none_line("尚未评价。")]
    story.append(para("本人总结：", BODY))
    story += text_block(m.mentee_summary) or [flow.none_line("尚未总结。")]
    return story


def diary_block(entries: Sequence[object], headings: bool = False) -> list[Flowable]:
    """Each entry with its date, title and text, and every mentor comment under it."""
    story: list[Flowable] = []
    year = None
    for e in entries:
        date = e.date  # type: ignore[attr-defined]
        if headings and date.year != year:
            year = date.year
            story.append(Heading(f"{year}年", 1))
        head = f"{format_date(date)}　{e.title}（{e.category}）"  # type: ignore[attr-defined]
        story += [CondPageBreak(2 * cm), para(head, 11.5)]
        story += text_block(e.content, BODY)  # type: ignore[attr-defined]
        for c in e.comments:  # type: ignore[attr-defined]
            story.append(CommentText(f"【导师点评】{c.mentor}　{format_date(c.date)}：{c.text}"))
        story.append(flow.gap(4))
    return story


class CommentText(FlowText):
    """A mentor comment: smaller and indented under its entry."""

    def __init__(self, text: str) -> None:
        super().__init__(text.replace("\n", " "), SMALL + 0.5)
        self.text = cells.Text(self.text.text, SMALL + 0.5, "justify", indent=2 * BODY)


def _pairings(file: CadreFile) -> list[Flowable]:
    if not file.pairings:
        return [flow.none_line()]
    story: list[Flowable] = []
    me = file.profile.cadre.id
    for p in file.pairings:
        m = p.mentorship
        role = f"帮带导师：{m.mentor}" if m.mentee_id == me else f"帮带对象：{m.mentee}"
        story += [Heading(f"{role}（{format_date(m.term_start)}--{format_date(m.term_end)}）", 1)]
        story += pairing_body(p, with_diary=False)
    return story


def _talks(file: CadreFile) -> list[Flowable]:
    if not file.talks:
        return [flow.none_line()]
    story: list[Flowable] = []
    for t in file.talks:
        story += [CondPageBreak(4 * cm), Heading(f"{t.talk_at:%Y.%m.%d}　{t.kind}", 1, size=12, toc=False)]
        story += talk_form.talk_details(t)
    return story


def dossier_story(file: CadreFile, options: DossierOptions, photo: bytes | None = None) -> list[Flowable]:
    ref = options.printed_at.date()
    story = _cover(file, options, photo)
    story += [Heading("目　录", 0, toc=False), flow.contents(), PageBreak()]
    builders = {
        "portrait": lambda: _portrait(file),
        "basic": lambda: _basic(file, ref),
        "resume": lambda: _resume(file),
        "family": lambda: _family(file, ref),
        "assessments": lambda: _assessments(file),
        "rewards": lambda: _rewards(file),
        "training": lambda: _training(file),
        "secondments": lambda: _secondments(file),
        "pairings": lambda: _pairings(file),
        "diary": lambda: diary_block(file.diary, headings=True) or [flow.none_line()],
        "talks": lambda: _talks(file),
        "supervision": lambda: _supervision(file),
    }
    number = 0
    for key in SECTIONS:
        if key not in options.sections:
            continue
        number += 1
        title = f"{chinese_number(number)}、{SECTION_TITLES[key]}"
        # Big sections start on a new page; a heading keeps with what follows it (keepWithNext).
        story.append(PageBreak() if key in ("pairings", "diary", "talks") else CondPageBreak(5 * cm))
        story.append(Heading(title, 0))
        story += builders[key]()
    story += _closing(file, options)
    return story


_CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """一 … 九十九, as section numbers are written (十一, 二十, 二十三)."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")


def document_info(file: CadreFile, options: DossierOptions) -> DocumentInfo:
    c = file.profile.cadre
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


def build_cadre_dossier(
    file: CadreFile, out: BinaryIO | Path | str, options: DossierOptions, photo: bytes | None = None
) -> int:
    """Write the dossier as a PDF to `out`; returns the page count."""
    return flow.build_case_file(
        out, dossier_story(file, options, photo), document_info(file, options), with_toc=True
    )
