"""考察材料: drafted from the records (never invented), excerpts picked by the user, revisions, PDF, .docx."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn

from cadre_desk.errors import ConflictError, NotFoundError, ValidationError
from cadre_desk.reports import inspection_docx, inspection_report
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import diary as dy
from cadre_desk.services import diary_entries, inspection, mentorship_changes
from cadre_desk.services import mentorship as ms
from cadre_desk.services import talks as tk
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.inspection import DE, JI, LIAN, NENG, QIN, SHORTCOMINGS, Section
from cadre_desk.services.printing import PrintSettings
from tests.conftest import make_cadre
from tests.integration.old_schema import database_at, upgrade_to_head

TODAY = dt.date(2026, 12, 6)
R = cr.ResumeEntryInput
SETTINGS = PrintSettings("中共XX县委组织部", "内部资料", "王", "刘", "测试员")
PRINTED = dt.datetime(2026, 12, 6, 9, 30)


def _records(ctx: ServiceContext) -> int:
    c = make_cadre(
        ctx,
        "张三",
        birth="1985.03",
        work_start="2007.07",
        party_join="2006.05",
        native_place="四川成都",
        post="青山镇党委书记",
        fulltime_education="大学",
        fulltime_degree="法学学士",
    )
    mentee = make_cadre(ctx, "李四", gender="女", birth="1996.02", party_join="2018.06", work_start="2019.07")
    v = cr.save_resume(
        ctx,
        c.id,
        [
            R("2003.09", "2007.07", "某某大学法学专业学习"),
            R("2007.07", "2012.03", "某某县青山镇科员"),
            R("2012.03", "2018.06", "某某县财政局副局长"),
            R("2018.06", None, "某某县青山镇党委书记"),
        ],
        c.version,
    ).profile.cadre.version
    v = cr.save_assessments(
        ctx, c.id, [cr.AssessmentInput(y, "优秀" if y == 2024 else "称职") for y in range(2019, 2026)], v
    ).cadre.version
    v = cr.save_rewards(
        ctx,
        c.id,
        [
            cr.RewardInput("奖励", "嘉奖", "2024.06", "县委"),
            cr.RewardInput("奖励", "优秀共产党员", "2021.06", "县委"),
        ],
        v,
    ).cadre.version
    v = cr.save_trainings(
        ctx,
        c.id,
        [
            cr.TrainingInput("中青年干部培训班", "青干班", "县委党校", "2020.03.01", "2020.03.20", hours=90),
            cr.TrainingInput("乡村振兴专题班", "专题班", "市委党校", "2024.09.01", "2024.09.03", days=3),
        ],
        v,
    ).cadre.version
    cr.save_secondments(
        ctx, c.id, [cr.SecondmentInput("市发改委", "2016.01", "2016.12", "副科长", "上挂")], v
    )
    mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(c.id, mentee.id, dt.date(2024, 1, 1), dt.date(2025, 12, 31), "基层治理")
    )
    tk.record_talk(
        ctx,
        tk.TalkInput(
            talk_at="2026.10.12 09:00",
            kind="考察谈话",
            subject_ids=(c.id,),
            talkers="赵部长",
            content="干部群众普遍认为张三同志政治素质好、工作能力强。",
        ),
    )
    diary_entries.create_entry(
        ctx, dy.DiaryEntryInput(c.id, "2024.03.15", "村民议事会", "工作", "学习听取群众意见。")
    )
    return c.id


def test_the_draft_tells_the_records_and_names_their_sources(ctx: ServiceContext) -> None:
    cadre_id = _records(ctx)
    report = inspection.draft(ctx, cadre_id, today=TODAY)
    assert report.revision == 0 and report.title == "关于张三同志的考察材料"
    assert report.section("opening").text == (
        "张三，男，汉族，四川成都人，1985年3月生，大学学历，法学学士，2006年5月加入中国共产党，"
        "2007年7月参加工作，现任青山镇党委书记。"
    )
    de = report.section(DE).text
    assert "2006年5月加入中国共产党，党龄20年。" in de and "中青年干部培训班" in de and "优秀共产党员" in de
    neng = report.section(NENG).text
    assert "2012年3月至2018年6月任某某县财政局副局长。" in neng
    assert "2018年6月至今任某某县青山镇党委书记。" in neng
    assert "有乡镇正职工作经历，累计8年6个月。" in neng and "市发改委上挂，任副科长" in neng
    assert "乡村振兴专题班" in neng and "科员" not in neng  # 科员 is not a key post
    assert "作为导师结对帮带李四" in report.section(QIN).text
    ji = report.section(JI).text
    assert "2021年度称职，2022年度称职，2023年度称职，2024年度优秀，2025年度称职（其中优秀1次）" in ji
    assert "2024年6月，嘉奖（县委）" in ji and "优秀共产党员" not in ji
    assert report.section(LIAN).text == "干部档案中无惩处记录。"
    assert report.section(SHORTCOMINGS).text == ""  # left for the inspection team
    # Every sentence of the five sections is a listed fact with its source.
    sources = {(f.section, f.text): f.source for f in report.sources}
    for key in (DE, NENG, QIN, JI, LIAN):
        for sentence in re.findall(r"[^。]+。", report.section(key).text):
            assert (key, sentence) in sources, sentence
    assert sources[(JI, "2024年6月，嘉奖（县委）。")] == "奖惩情况"


def test_excerpts_are_quoted_with_where_they_come_from(ctx: ServiceContext) -> None:
    cadre_id = _records(ctx)
    choices = inspection.excerpt_choices(ctx, cadre_id)
    assert [(e.kind, e.day) for e in choices] == [
        ("talk", dt.date(2026, 10, 12)),
        ("diary", dt.date(2024, 3, 15)),
    ]
    report = inspection.draft(ctx, cadre_id, [(DE, choices[0]), (QIN, choices[1])], today=TODAY)
    assert report.section(DE).text.endswith(
        "\n“干部群众普遍认为张三同志政治素质好、工作能力强。”（摘自2026.10.12考察谈话记录）"
    )
    assert "（摘自2024.03.15成长日记《村民议事会》）" in report.section(QIN).text
    with pytest.raises(ValidationError):
        inspection.draft(ctx, cadre_id, [("opening", choices[0])], today=TODAY)


def test_revisions_are_numbered_audited_and_guarded(ctx: ServiceContext) -> None:
    cadre_id = _records(ctx)
    assert inspection.current(ctx, cadre_id) is None
    draft = inspection.draft(ctx, cadre_id, today=TODAY)
    edited = [
        dataclasses.replace(s, text="**群众基础较好**，作风扎实。") if s.key == SHORTCOMINGS else s
        for s in draft.sections
    ]
    first = inspection.save(ctx, cadre_id, draft.title, edited, draft.sources, based_on=0)
    assert first.revision == 1 and first.saved_by == ctx.operator
    with pytest.raises(ConflictError):  # someone else's editor, opened before the save
        inspection.save(ctx, cadre_id, draft.title, draft.sections, draft.sources, based_on=0)
    second = inspection.save(
        ctx, cadre_id, "关于张三同志的考察材料（修改稿）", edited, draft.sources, based_on=1
    )
    assert [r.revision for r in inspection.revisions(ctx, cadre_id)] == [2, 1]
    assert inspection.current(ctx, cadre_id) == second
    assert inspection.revision(ctx, cadre_id, 1).title == draft.title
    with ctx.db.read() as session:
        events = session.execute(
            __import__("sqlalchemy").text(
                "SELECT action, summary FROM audit_event WHERE entity = 'inspection_report' ORDER BY id"
            )
        ).all()
    assert [e.action for e in events] == ["create", "update"] and "第 2 稿" in events[1].summary
    with pytest.raises(ValidationError):
        inspection.save(ctx, cadre_id, " ", edited, draft.sources, based_on=2)
    with pytest.raises(ValidationError):
        inspection.save(ctx, cadre_id, draft.title, edited[:-1], draft.sources, based_on=2)
    too_long = [dataclasses.replace(s, text="字" * 20_001) if s.key == DE else s for s in edited]
    with pytest.raises(ValidationError):
        inspection.save(ctx, cadre_id, draft.title, too_long, draft.sources, based_on=2)
    with pytest.raises(NotFoundError):
        inspection.revision(ctx, cadre_id, 9)
    with pytest.raises(NotFoundError):
        inspection.draft(ctx, 99_999)
    assert [r.revision for r in inspection.revisions(ctx, cadre_id)] == [2, 1]  # the refusals saved nothing


def _saved(ctx: ServiceContext) -> inspection.Report:
    cadre_id = _records(ctx)
    draft = inspection.draft(ctx, cadre_id, today=TODAY)
    sections = [
        Section(s.key, s.title, "群众反映其**工作方法有时简单**，需改进。") if s.key == SHORTCOMINGS else s
        for s in draft.sections
    ]
    return inspection.save(ctx, cadre_id, draft.title, sections, draft.sources, based_on=0)


def test_the_pdf_reads_as_the_standard_shape(ctx: ServiceContext, tmp_path: Path) -> None:
    report = _saved(ctx)
    out = tmp_path / "考察 #1 %.pdf"
    pages = inspection_report.build(report, out, SETTINGS, PRINTED)
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    order = [
        "关于张三同志的考察材料",
        "张三，男，汉族",
        "一、政治品质和道德品行（德）",
        "二、工作能力（能）",
        "三、工作作风和精神状态（勤）",
        "四、工作实绩（绩）",
        "五、廉洁自律（廉）",
        "六、主要缺点和不足",
        "群众反映其工作方法有时简单，需改进。",  # the ** marks are not printed
        "中共XX县委组织部考察组",
        "2026年12月6日",
    ]
    pos = 0
    for item in order:
        found = flat.find(item, pos)
        assert found >= 0, item
        pos = found
    assert pages == int(re.search(r"共(\d+)页", flat).group(1))  # type: ignore[union-attr]
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "BousungEG-Light-GB" in fonts and "WenQuanYiMicroHei" in fonts  # body Song, bold in the sans
    assert "Helvetica" not in fonts


def test_the_docx_opens_in_word_with_official_faces(ctx: ServiceContext, tmp_path: Path) -> None:
    report = _saved(ctx)
    out = tmp_path / "考察材料 #1.docx"
    inspection_docx.write_docx(report, out, SETTINGS, PRINTED)
    doc = WordDocument(str(out))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[0] == "关于张三同志的考察材料"
    assert texts[1].startswith("张三，男，汉族") and "六、主要缺点和不足" in texts
    assert texts[-2:] == ["中共XX县委组织部考察组", "2026年12月6日"]
    para = next(p for p in doc.paragraphs if "工作方法有时简单" in p.text)
    bold = [r.text for r in para.runs if r.bold or r.font.name == inspection_docx.HEAD_FONT]
    assert bold == ["工作方法有时简单"]
    body_run = para.runs[0]
    assert body_run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert doc.core_properties.title == report.title and doc.core_properties.comments == "第 1 稿"
    assert not list(tmp_path.glob("*.part*"))  # written atomically


def test_the_runs_of_bold_markup() -> None:
    assert inspection_report.runs("甲**乙**丙") == [("甲", False), ("乙", True), ("丙", False)]
    assert inspection_report.runs("未闭合**的星号") == [("未闭合**的星号", False)]
    assert inspection_report.runs("") == []


def test_migration_0016_adds_the_table_to_a_0015_database(tmp_path: Path) -> None:
    from sqlalchemy import text

    engine = database_at(tmp_path / "old.db", "0015")
    with engine.begin() as conn:
        tables_before = {
            r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        }
    upgrade_to_head(engine)
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        assert tables - tables_before >= {"inspection_report"}
        assert conn.execute(text("SELECT count(*) FROM inspection_report")).scalar() == 0
    engine.dispose()
