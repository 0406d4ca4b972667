"""成长画像: the data of one cadre's development, its layout, and the figure that opens the dossier."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from cadre_desk.domain.post_level import DEPUTY_SECTION, SECTION, STAFF
from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.errors import NotFoundError
from cadre_desk.reports import dossier, portrait_figure
from cadre_desk.reports.portrait_figure import Box, Label, Stroke, text_width
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import diary as dy
from cadre_desk.services import diary_entries, mentorship_changes, portrait, printing
from cadre_desk.services import mentorship as ms
from cadre_desk.services import talks as tk
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.printing import PrintSettings
from tests.conftest import make_cadre

TODAY = dt.date(2026, 12, 6)
R = cr.ResumeEntryInput


def _career(ctx: ServiceContext) -> tuple[int, int]:
    mentee = make_cadre(ctx, "张三", birth="1985.03", work_start="2007.07")
    mentor = make_cadre(ctx, "李四", gender="女", birth="1970.02", party_join="1995.01", work_start="1992.07")
    v = cr.save_resume(
        ctx,
        mentee.id,
        [
            R("2003.09", "2007.07", "某某大学法学专业学习"),
            R("2007.07", "2012.03", "云岭县青山镇科员"),
            R("2012.03", "2018.06", "云岭县财政局副局长"),
            R("2018.06", None, "云岭县双溪镇党委副书记、镇长"),
        ],
        mentee.version,
    ).profile.cadre.version
    v = cr.save_assessments(
        ctx, mentee.id, [cr.AssessmentInput(2023, "优秀"), cr.AssessmentInput(2024, "基本称职")], v
    ).cadre.version
    cr.save_trainings(
        ctx,
        mentee.id,
        [
            cr.TrainingInput("青干班", "青干班", "县委党校", "2024.03.01", "2024.03.20", hours=40),
            cr.TrainingInput("专题班", "专题班", "市委党校", "2024.09.01", "2024.09.03", days=3),
            cr.TrainingInput("网络学习", "网络学习", "", "2025.05.01", None, hours=50),
        ],
        v,
    )
    mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(mentor.id, mentee.id, dt.date(2024, 1, 1), dt.date(2025, 12, 31), "基层治理")
    )
    for day in ("2024.03.15", "2024.03.28", "2024.05.02"):
        diary_entries.create_entry(
            ctx, dy.DiaryEntryInput(mentee.id, day, "村民议事会", "工作", "学习听取意见。")
        )
    tk.record_talk(
        ctx,
        tk.TalkInput(
            talk_at="2024.05.17 14:30",
            kind="任职谈话",
            subject_ids=(mentee.id,),
            talkers="赵部长",
            content="谈话。",
        ),
    )
    return mentee.id, mentor.id


def test_the_portrait_gathers_every_lane(ctx: ServiceContext) -> None:
    mentee_id, mentor_id = _career(ctx)
    p = portrait.growth_portrait(ctx, mentee_id, TODAY)
    assert (p.first, p.last) == (YearMonth(2003, 9), YearMonth(2026, 12))
    assert [(str(s.start), s.level) for s in p.steps] == [
        ("2003.09", None),  # study: no post, a gap in the steps
        ("2007.07", STAFF),
        ("2012.03", DEPUTY_SECTION),
        ("2018.06", SECTION),
    ]
    assert [(m.word, m.tone) for m in p.assessments] == [("优秀", "good"), ("基本称职", "warn")]
    # 3 days only, at the shipped 6 学时 a day, count 18 学时.
    assert p.training_hours == ((2024, 58.0), (2025, 50.0))
    assert [(str(ym), n) for ym, n in p.diary_months] == [("2024.03", 2), ("2024.05", 1)]
    assert [(str(ym), n) for ym, n in p.talk_months] == [("2024.05", 1)]
    assert [(s.label, s.kind) for s in p.pairings] == [("导师李四", "mentee")]
    as_mentor = portrait.growth_portrait(ctx, mentor_id, TODAY)
    assert [(s.label, s.kind) for s in as_mentor.pairings] == [("带张三", "mentor")]
    with pytest.raises(NotFoundError):
        portrait.growth_portrait(ctx, 999_999, TODAY)


def test_a_cadre_with_no_records_still_has_a_portrait(ctx: ServiceContext) -> None:
    bare = make_cadre(ctx, "王五")
    p = portrait.growth_portrait(ctx, bare.id, TODAY)
    assert p.steps == () and p.assessments == () and p.training_hours == ()
    assert p.first.months_until(p.last) >= 24  # the axis still spans two years
    shapes = portrait_figure.layout(p, 600, 400)
    assert sum(isinstance(s, Label) and s.text == "无记录" for s in shapes) == 4


@pytest.mark.parametrize(("width", "height"), [(515, 320), (900, 460), (360, 300)])
def test_the_layout_stays_in_its_box_and_labels_fit(ctx: ServiceContext, width: float, height: float) -> None:
    mentee_id, _ = _career(ctx)
    p = portrait.growth_portrait(ctx, mentee_id, TODAY)
    shapes = portrait_figure.layout(p, width, height, 9.0)
    for s in shapes:
        if isinstance(s, Box):
            assert s.x >= -0.01 and s.x + s.w <= width + 0.01 and s.y >= 0 and s.y + s.h <= height + 0.01
        elif isinstance(s, Stroke):
            assert all(-0.01 <= x <= width + 0.01 for x in (s.x1, s.x2))
            assert all(-0.01 <= y <= height + 0.01 for y in (s.y1, s.y2))
    labels = [s for s in shapes if isinstance(s, Label)]
    texts = {s.text for s in labels}
    for title in ("职务层次", "年度考核", "培训学时", "成长日记", "谈心谈话", "结对帮带"):
        assert title in texts
    # Every coloured cell carries its word (or, when narrow, the word's first character) and a tip.
    cells = [s for s in shapes if isinstance(s, Box) and s.fill and s.tip.startswith(("2023年", "2024年度"))]
    assert {c.tip for c in cells} >= {"2023年度考核：优秀", "2024年度考核：基本称职"}
    assert texts & {"优秀", "优"} and texts & {"基本称职", "基"}
    # Post labels fit the step they label: the step of 2012.03--2018.06 is its width.
    step_tips = {s.tip: s for s in shapes if isinstance(s, Box) and s.tip.startswith("2012.03--2018.06")}
    (step,) = step_tips.values()
    inside = [
        label
        for label in labels
        if step.x <= label.x < step.x + step.w and step.y <= label.y <= step.y + step.h
    ]
    assert inside, "the step has its post written on it"
    for label in inside:
        assert label.text.endswith("副局长")  # the post is kept, the unit cut with …
        assert label.x + text_width(label.text, label.size) <= step.x + step.w + 0.5


def test_the_dossier_opens_with_the_portrait(ctx: ServiceContext, tmp_path: Path) -> None:
    mentee_id, _ = _career(ctx)
    file = printing.gather_cadre(ctx, mentee_id)
    assert file.portrait is not None and file.portrait.cadre_id == mentee_id
    out = tmp_path / "画像 #1.pdf"
    settings = PrintSettings("中共XX县委组织部", "内部资料", "王", "刘", "测试员")
    dossier.build_cadre_dossier(file, out, dossier.DossierOptions(settings))
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [re.sub(r"\s+", "", page) for page in text.split("\f")]
    contents = pages[1]
    assert "一、成长画像" in contents and "十一、谈心谈话记录" in contents
    figure_page = next(page for page in pages if "一、成长画像" in page and "职务层次" in page)
    for word in ("年度考核", "优秀", "培训学时", "结对帮带", "导师李四"):
        assert word in figure_page
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts  # every font of the figure is the embedded CJK face


def test_section_numbers_go_past_ten() -> None:
    assert [dossier.chinese_number(n) for n in (1, 10, 11, 20, 23, 99)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十三",
        "九十九",
    ]
    with pytest.raises(ValueError):
        dossier.chinese_number(0)


def test_barometer_and_pool_lanes(ctx: ServiceContext) -> None:
    from cadre_desk.services import (
        barometer_changes,
        barometer_entries,
        barometer_periods,
        pool_entries,
        pools,
    )
    from tests.integration.test_tolerance import new_case, rule_case

    cadre = make_cadre(ctx, "赵六", birth="1996.05", party_join="2017.06", work_start="2018.07")
    plain = portrait.growth_portrait(ctx, cadre.id, TODAY)
    assert plain.extra_lanes == ()  # no barometer, no pool: no empty rows

    def reading(code: str, colour: str, state: str | None) -> None:
        period = barometer_periods.open_period(ctx, code)
        (entry,) = [e for e in barometer_entries.list_entries(ctx, period.id) if e.cadre_id == cadre.id]
        if colour:
            barometer_changes.override(ctx, entry.id, colour, "联席研判", entry.version)
        if state:
            barometer_periods.set_state(
                ctx, period.id, state, barometer_periods.get_period(ctx, period.id).version
            )

    reading("2024Q4", "黄", "研判中")
    reading("2025Q2", "红", "研判中")
    reading("2025Q3", "", "研判中")
    reading("2026Q3", "红", None)  # still 采集中: not shown
    rule_case(ctx, new_case(ctx, cadre.id))  # 免予问责 of a matter from 2025.03.10, ruled 2026.03.20
    pool_entries.add_entry(
        ctx,
        pool_entries.EntryInput(cadre.id, pools.find_pool(ctx, "好苗子").id, "2024.03.01", "考察"),
        today=TODAY,
    )

    p = portrait.growth_portrait(ctx, cadre.id, TODAY)
    lanes = {lane.title: lane for lane in p.extra_lanes}
    assert [(m.start.isoformat(), m.word, m.tone) for m in lanes["晴雨表"].marks] == [
        ("2024-10-01", "黄", "warn"),  # before the matter: a warning as recorded
        ("2025-04-01", "已容错", "normal"),  # red, inside the ruling's window: never drawn as negative
        ("2025-07-01", "绿", "good"),
    ]
    assert "已容错（2026.03.20 县纪委监委 免予问责" in lanes["晴雨表"].marks[1].tip
    (span,) = lanes["人才库"].spans
    assert (span.start, span.end, span.label) == (dt.date(2024, 3, 1), None, "好苗子（在库）")
    shapes = portrait_figure.layout(p, 900, 520)
    texts = {s.text for s in shapes if isinstance(s, Label)}
    assert {"晴雨表", "人才库", "已容错", "黄"} <= texts
