"""The case files (cadre dossier, pairing dossier, talk record) built from records saved through the
services, read back: text in order, `第 X 页 共 Y 页` on every page, embedded subset fonts, metadata,
bookmarks, and extreme data (empty profile, long careers, a 30,000-character entry, 300 entries)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from cadre_desk.reports import dossier, pairing_dossier, talk_form
from cadre_desk.reports.batch import BatchSpec, merge, run_batch
from cadre_desk.services import cadre_records as records
from cadre_desk.services import (
    cadres,
    diary,
    diary_comments,
    diary_entries,
    mentorship,
    mentorship_changes,
    mentorship_records,
    printing,
    talks,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.printing import DateRange, PrintSettings
from tests.conftest import make_cadre

RARE = "堃喆昇燊㛃䶮"
SETTINGS = PrintSettings("中共XX县委组织部", "内部资料 注意保密", "王㛃", "刘䶮", "测试员")
PRINTED = dt.datetime(2026, 11, 24, 9, 30)
WS = re.compile(r"[\s\u3000]+")


def text_of(path: Path) -> list[str]:
    """pdftotext per page (content order), whitespace removed."""
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [WS.sub("", page) for page in out.split("\f")[:-1]]


def check_common(path: Path, title: str) -> PdfReader:
    pages = text_of(path)
    total = len(pages)
    for n, page in enumerate(pages, 1):
        assert f"第{n}页共{total}页" in page, f"page {n}"
        assert "内部资料注意保密" in page and "操作员：测试员" in page and "打印时间：2026.11.2409:30" in page
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(re.match(r"^[A-Z]{6}\+", r) and " yes yes yes " in r for r in rows), fonts
    reader = PdfReader(path)
    meta = reader.metadata
    assert meta is not None and meta.title and meta.title.startswith(title) and meta.author and meta.subject
    assert reader.outline
    return reader


def outline_titles(reader: PdfReader) -> list[str]:
    out: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(str(getattr(item, "title", "")))

    walk(reader.outline)  # type: ignore[arg-type]
    return out


def _full_cadre(ctx: ServiceContext) -> tuple[int, int, int]:
    """A cadre with every kind of record, rare characters included; returns (cadre, pairing, talk) ids."""
    mentor = make_cadre(ctx, "欧阳堃", post="县委常委、组织部长", rank="副处级")
    cadre = make_cadre(
        ctx, f"李{RARE[4:]}", rank="正科级", post="干部一科科长", speciality="党建工作", rank_since="2021.09"
    )
    p = records.get_profile(ctx, cadre.id)
    resume = [
        records.ResumeEntryInput(f"{2000 + i}.07", f"{2001 + i}.07", f"XX县XX乡科员{i}号{RARE}")
        for i in range(8)
    ]
    p = records.save_resume(ctx, cadre.id, resume, p.cadre.version).profile
    p = records.save_family(
        ctx, cadre.id, [records.FamilyMemberInput("父亲", "李喆", "1960.01", "群众", "退休")], p.cadre.version
    )
    p = records.save_rewards(
        ctx, cadre.id, [records.RewardInput("奖励", "嘉奖一次", "2022.12", "县人民政府")], p.cadre.version
    )
    p = records.save_assessments(
        ctx,
        cadre.id,
        [records.AssessmentInput(2023, "称职"), records.AssessmentInput(2024, "优秀")],
        p.cadre.version,
    )
    p = records.save_trainings(
        ctx,
        cadre.id,
        [
            records.TrainingInput(
                "县委党校主体班", "党校主体班", "县委党校", "2024.03.01", "2024.03.10", hours=56
            )
        ],
        p.cadre.version,
    )
    records.save_secondments(
        ctx,
        cadre.id,
        [records.SecondmentInput("市发改委", "2021.01", "2021.12", "副科长", "上挂")],
        p.cadre.version,
    )
    m = mentorship_changes.create_mentorship(
        ctx,
        mentorship.MentorshipInput(
            mentor.id, cadre.id, "2024.01.01", "2025.12.31", "提高群众工作能力", "每月谈心一次"
        ),
    )
    mentorship_records.add_mentorship_record(
        ctx, m.id, mentorship_records.MentorshipRecordInput("2024.02.01", "谈心", "指导记录内容：昇燊")
    )
    entry = diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(cadre.id, "2024.03.01", "第一篇日记", "工作", "日记正文䶮"), submit=True
    )
    diary_comments.add_comment(ctx, entry.id, diary.CommentInput(mentor.id, "导师点评正文", "2024.03.02"))
    talk = talks.record_talk(
        ctx,
        talks.TalkInput(
            "2024.05.17 14:30",
            "任职谈话",
            (cadre.id,),
            "欧阳堃",
            "县委组织部会议室",
            "王五",
            "提纲一",
            "谈话内容正文",
            "本人表态正文",
            (talks.FollowUpInput("落实整改", "王五", "2024.06.30"),),
        ),
    )
    return cadre.id, m.id, talk.id


def test_full_dossier_reads_back(ctx: ServiceContext, tmp_path: Path) -> None:
    cadre_id, _m, _t = _full_cadre(ctx)
    file = printing.gather_cadre(ctx, cadre_id)
    path = tmp_path / "d.pdf"
    pages = dossier.build_cadre_dossier(file, path, dossier.DossierOptions(SETTINGS, printed_at=PRINTED))
    reader = check_common(path, "干部成长档案")
    assert len(reader.pages) == pages
    text = "".join(text_of(path))
    expected = [
        "干部成长档案",
        "档案编号",
        "GB2026-",
        "目录",
        "一、成长画像",
        "职务层次",
        "年度考核",
        "称职",
        "培训学时",
        "结对帮带",
        "二、基本情况",
        "任现职级时间2021.09",
        "三、简历",
        "XX县XX乡科员0号",
        "四、家庭主要成员及重要社会关系",
        "李喆",
        "五、年度考核",
        "2023年度考核为称职",
        "六、奖惩情况",
        "嘉奖一次",
        "七、教育培训",
        "正科级（乡科级及以下）",
        "56",
        "八、挂职锻炼",
        "市发改委",
        "九、结对帮带",
        "帮带导师：欧阳堃",
        "提高群众工作能力",
        "每月谈心一次",
        "指导记录内容",
        "十、成长日记",
        "第一篇日记",
        "日记正文",
        "导师点评",
        "导师点评正文",
        "十一、谈心谈话记录",
        "任职谈话",
        "谈话内容正文",
        "本人表态正文",
        "落实整改",
        "备考表",
        "制表人",
        "王",
        "审核人",
        "刘",
    ]
    pos = 0
    for item in expected:
        found = text.find(item, pos)
        assert found >= 0, f"{item!r} missing or out of order"
        pos = found
    for ch in RARE:
        assert ch in text
    titles = outline_titles(reader)
    assert (
        titles[:4] == ["封面", "目　录", "一、成长画像", "二、基本情况"]
        and "十一、谈心谈话记录" in titles
        and titles[-1] == "备考表"
    )
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "HanaMin" in fonts  # the Extension-A characters used the fallback font


def test_sections_and_date_range(ctx: ServiceContext, tmp_path: Path) -> None:
    cadre_id, _m, _t = _full_cadre(ctx)
    file = printing.gather_cadre(ctx, cadre_id, DateRange(dt.date(2024, 4, 1), dt.date(2024, 12, 31)))
    assert not file.diary and len(file.talks) == 1 and [a.year for a in file.profile.assessments] == [2024]
    path = tmp_path / "d.pdf"
    dossier.build_cadre_dossier(file, path, dossier.DossierOptions(SETTINGS, ("basic", "talks"), PRINTED))
    text = "".join(text_of(path))
    assert (
        "一、基本情况" in text
        and "二、谈心谈话记录" in text
        and "简历" not in text.split("备考表")[0].split("目录")[1].split("一、基本情况")[0]
    )
    assert "2024.04.01--2024.12.31" in text


def test_empty_profile(ctx: ServiceContext, tmp_path: Path) -> None:
    cadre = make_cadre(ctx, "王五")
    path = tmp_path / "d.pdf"
    dossier.build_cadre_dossier(
        printing.gather_cadre(ctx, cadre.id), path, dossier.DossierOptions(SETTINGS, printed_at=PRINTED)
    )
    check_common(path, "干部成长档案")
    assert "无记录" in "".join(text_of(path))


def test_extreme_lengths_paginate(ctx: ServiceContext, tmp_path: Path) -> None:
    mentor = make_cadre(ctx, "赵六")
    cadre = make_cadre(ctx, "孙七")
    p = records.get_profile(ctx, cadre.id)
    resume = [
        records.ResumeEntryInput(
            f"{1960 + i}.01", f"{1960 + i}.12", f"XX县XX镇第{i}任职务，分管组织、宣传和统战工作{RARE}"
        )
        for i in range(60)
    ]
    records.save_resume(ctx, cadre.id, resume, p.cadre.version)
    mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, cadre.id, "2020.01.01", "2026.12.31")
    )
    sentence = "今天参加了县委组织部的干部培训，学习了党的建设理论，深受启发。" + RARE
    long_text = (sentence * (30_000 // len(sentence) + 1))[:30_000]
    diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(cadre.id, "2021.01.01", "长日记", "学习", long_text), submit=True
    )
    for i in range(300):
        day = dt.date(2022, 1, 1) + dt.timedelta(days=i)
        diary_entries.create_entry(
            ctx, diary.DiaryEntryInput(cadre.id, day, f"日记{i}", "工作", sentence * 3)
        )
    file = printing.gather_cadre(ctx, cadre.id)
    assert len(file.diary) == 301
    path = tmp_path / "d.pdf"
    pages = dossier.build_cadre_dossier(file, path, dossier.DossierOptions(SETTINGS, printed_at=PRINTED))
    assert pages > 40
    check_common(path, "干部成长档案")
    text = "".join(text_of(path))
    assert text.count("㛃") >= 30_000 // len(sentence)  # the whole long entry is there, every page
    assert "日记299" in text


def test_pairing_dossier(ctx: ServiceContext, tmp_path: Path) -> None:
    _c, m_id, _t = _full_cadre(ctx)
    path = tmp_path / "p.pdf"
    pairing_dossier.build_pairing_dossier(
        printing.gather_pairing(ctx, m_id), path, pairing_dossier.PairingOptions(SETTINGS, PRINTED)
    )
    reader = check_common(path, "帮带档案")
    text = "".join(text_of(path))
    order = [
        "一、结对帮带协议",
        "欧阳堃",
        "提高群众工作能力",
        "帮带导师（签字）",
        "二、指导记录",
        "指导记录内容",
        "三、成长日记与导师点评",
        "日记正文",
        "导师点评正文",
        "四、帮带评价",
        "组织部门审核人（签字）",
    ]
    pos = 0
    for item in order:
        pos = text.index(item, pos)
    assert outline_titles(reader)[:2] == ["一、结对帮带协议", "二、指导记录"]


def test_a_new_pairing_prints_on_few_pages(ctx: ServiceContext, tmp_path: Path) -> None:
    from tests.conftest import make_cadre

    mentor = make_cadre(ctx, "周正德", birth="1972.06")
    mentee = make_cadre(
        ctx, "林小雨", gender="女", birth="1996.10", party_join="2018.06", work_start="2019.08"
    )
    pairing = mentorship_changes.create_mentorship(
        ctx,
        mentorship.MentorshipInput(
            mentor.id, mentee.id, "2024.01.01", "2025.12.31", "熟悉基层工作", "每月谈心"
        ),
    )
    diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.03.01", "第一篇", "工作", "走访三个村。")
    )
    path = tmp_path / "new.pdf"
    pages = pairing_dossier.build_pairing_dossier(
        printing.gather_pairing(ctx, pairing.id), path, pairing_dossier.PairingOptions(SETTINGS, PRINTED)
    )
    assert pages <= 2  # was 4: every section began a new page, however little it held
    text = "".join(text_of(path))
    assert "二、指导记录" in text and "四、帮带评价" in text


def test_talk_form_one_page_and_long(ctx: ServiceContext, tmp_path: Path) -> None:
    _c, _m, talk_id = _full_cadre(ctx)
    path = tmp_path / "t.pdf"
    pages = talk_form.build_talk_form(
        printing.gather_talk(ctx, talk_id), path, talk_form.TalkOptions(SETTINGS, PRINTED)
    )
    assert pages == 1
    check_common(path, "谈话记录表")
    text = "".join(text_of(path))
    order = [
        "谈话记录表",
        "谈话时间",
        "2024.05.1714:30",
        "谈话对象",
        "干部一科科长",
        "谈话提纲",
        "谈话内容",
        "谈话内容正文",
        "本人表态",
        "后续措施",
        "落实整改",
        "谈话人（签字）",
        "记录人（签字）",
        "谈话对象（签字）",
    ]
    pos = 0
    for item in order:
        pos = text.index(item, pos)
    talk = printing.gather_talk(ctx, talk_id)
    from dataclasses import replace

    long_talk = replace(talk, talk=replace(talk.talk, content=("谈话内容很长。" + RARE) * 4000))
    out = io.BytesIO()
    assert talk_form.build_talk_form(long_talk, out, talk_form.TalkOptions(SETTINGS, PRINTED)) > 5


def test_batch_and_merge(ctx: ServiceContext, db_path: Path, tmp_path: Path) -> None:
    from PIL import Image  # reportlab's own dependency

    ids = [_full_cadre(ctx)[0], make_cadre(ctx, "空白").id]
    photo = io.BytesIO()
    Image.new("RGB", (90, 120), (200, 30, 30)).save(photo, "JPEG")
    cadres.set_photo(ctx, ids[0], photo.getvalue())
    spec = BatchSpec(str(db_path), "dossier", SETTINGS, PRINTED)
    seen: list[int] = []
    result = run_batch(spec, ids, tmp_path / "out", 2, lambda _l, d, _t: seen.append(d), tmp_path / "all.pdf")
    assert [i.cadre_id for i in result.items] == ids and seen[-1] == 2
    reader = PdfReader(tmp_path / "all.pdf")
    assert len(reader.pages) == result.pages
    tops = [str(o.title) for o in reader.outline if not isinstance(o, list)]
    assert tops == [f"{i.name}（{i.cadre_id}）" for i in result.items]
    # Every page's text, fonts and images come through as in the parts (streams copied as read).
    assert text_of(tmp_path / "all.pdf") == [t for i in result.items for t in text_of(i.path)]
    photos = [x.data for i in result.items for p in PdfReader(i.path).pages for x in p.images]
    assert photos and [x.data for p in reader.pages for x in p.images] == photos
    forms = run_batch(BatchSpec(str(db_path), "form", SETTINGS, PRINTED), ids, tmp_path / "forms", 1)
    assert all(i.pages >= 2 and i.path.exists() for i in forms.items)
    assert merge(forms.items, tmp_path / "forms.pdf").exists()


def test_batch_cancel_stops_early(ctx: ServiceContext, db_path: Path, tmp_path: Path) -> None:
    ids = [make_cadre(ctx, f"甲{i}").id for i in range(12)]

    class Stop(Exception):
        pass

    def progress(_label: str, done: int, _total: int) -> None:
        if done >= 1:
            raise Stop

    with pytest.raises(Stop):
        run_batch(BatchSpec(str(db_path), "form", SETTINGS, PRINTED), ids, tmp_path / "o", 2, progress)
    assert len(list((tmp_path / "o").iterdir())) < len(ids)
