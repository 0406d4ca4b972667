"""Every item model in a main window that has been used, through Qt's model tester.

The window is opened on the sample cadres plus a pairing with mentorship records, a diary entry with
the mentor's comment and a talk with follow-ups; each navigation page is visited and a record opened
on it, so the models hold rows (and the profile's lazy tabs are loaded) when the tester checks them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QAbstractItemModel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cadre_desk.services import (
    barometer_periods,
    cadres,
    diary,
    diary_comments,
    diary_entries,
    mentorship,
    mentorship_changes,
    mentorship_records,
    pool_entries,
    pool_measures,
    pools,
    talks,
    tolerance,
    tolerance_editing,
)
from cadre_desk.services import cadre_records as cr
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.barometer.barometer_page import BarometerPage
from cadre_desk.ui.development.retirement_page import RetirementPage
from cadre_desk.ui.development.training_page import TrainingPage
from cadre_desk.ui.diary.diary_page import DiaryPage
from cadre_desk.ui.pairings.pairings_page import PairingsPage
from cadre_desk.ui.pools.pools_page import PoolsPage
from cadre_desk.ui.shell.main_window import (
    BAROMETER,
    HOME,
    POOLS,
    RETIREMENT,
    ROSTER,
    STRUCTURE,
    TOLERANCE,
    TRAINING,
    UNITS,
    MainWindow,
)
from cadre_desk.ui.shell.work_pages import DIARY, PAIRINGS, TALKS
from cadre_desk.ui.structure.structure_page import StructurePage
from cadre_desk.ui.talks.talks_page import TalksPage
from cadre_desk.ui.tolerance.tolerance_page import TolerancePage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

Opener = Callable[[], MainWindow]


@dataclass(frozen=True)
class Records:
    pairing: mentorship.MentorshipView
    records: tuple[mentorship_records.MentorshipRecordView, ...]
    entry: diary.DiaryEntryView
    comment: diary.CommentView
    talk: talks.TalkView
    pool_entry: pool_entries.EntryView
    case: tolerance.CaseView


@pytest.fixture
def records(ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView]) -> Records:
    mentor, mentee = sample_cadres["王小明"], sample_cadres["李四"]
    profile = cr.save_resume(
        ctx,
        mentee.id,
        [
            cr.ResumeEntryInput("2009.09", "2013.07", "某某大学公共管理专业学习"),
            cr.ResumeEntryInput("2013.07", None, "某某县青山镇科员、党委副书记"),
        ],
        mentee.version,
    ).profile
    profile = cr.save_family(
        ctx,
        mentee.id,
        [cr.FamilyMemberInput("父亲", "李大山", "1962.04", "中共党员", "某某县青山镇退休干部")],
        profile.cadre.version,
    )
    cr.save_assessments(ctx, mentee.id, [cr.AssessmentInput(2023, "称职")], profile.cadre.version)
    pairing = mentorship_changes.create_mentorship(
        ctx,
        mentorship.MentorshipInput(
            mentor.id, mentee.id, "2024.01.01", "2024.12.31", "熟悉基层治理", "每月谈心一次"
        ),
    )
    records = (
        mentorship_records.add_mentorship_record(
            ctx, pairing.id, mentorship_records.MentorshipRecordInput("2024.02.10", "谈心", "谈工作思路")
        ),
        mentorship_records.add_mentorship_record(
            ctx, pairing.id, mentorship_records.MentorshipRecordInput("2024.03.15", "带教", "带领入户走访")
        ),
    )
    entry = diary_entries.create_entry(
        ctx,
        diary.DiaryEntryInput(mentee.id, "2024.06.03", "入户走访", "工作", "走访了三户困难群众。"),
        submit=True,
    )
    diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.06.05", "读书笔记", "学习", "读《之江新语》。")
    )
    comment = diary_comments.add_comment(
        ctx, entry.id, diary.CommentInput(mentor.id, "走访要记下群众的原话。", "2024.06.04")
    )
    talk = talks.record_talk(
        ctx,
        talks.TalkInput(
            talk_at="2024.06.18 09:30",
            kind="提醒谈话",
            subject_ids=(mentee.id,),
            talkers="张三",
            place="组织部三楼会议室",
            recorder="孙干事",
            content="提醒按时报送材料。",
            follow_ups=(
                talks.FollowUpInput("提交整改报告", "李四", "2024.07.01"),
                talks.FollowUpInput("回访谈话对象", "干部一科", "2024.08.01", "2024.07.20"),
            ),
        ),
    )
    pool = pools.find_pool(ctx, "优秀年轻干部")
    pool_entry = pool_entries.add_entry(
        ctx, pool_entries.EntryInput(mentee.id, pool.id, "2024.03.01", "考察", mentorship_id=pairing.id)
    )
    pool_measures.add_measure(
        ctx, pool_entry.id, pool_measures.MeasureInput("轮岗", "2024.04.01", content="到党政办轮岗")
    )
    pool_measures.set_review(ctx, pool_entry.id, 2024, "继续跟踪培养")
    case = tolerance_editing.create_case(
        ctx,
        tolerance.CaseInput(
            matter="试点坏账",
            matter_start="2024.05.01",
            origin="本人申请",
            received_on="2024.09.01",
            cadre_id=mentee.id,
        ),
    )
    return Records(pairing, records, diary.get_entry(ctx, entry.id), comment, talk, pool_entry, case)


def test_every_model_in_a_used_window_passes_the_model_tester(
    qtbot: QtBot,
    open_window: Opener,  # before qtmodeltester: the window outlives the tester's teardown
    qtmodeltester: ModelTester,
    sample_cadres: dict[str, cadres.CadreView],
    records: Records,
) -> None:
    window = open_window()
    assert window.page_keys()[:8] == [HOME, ROSTER, UNITS, PAIRINGS, DIARY, TALKS, RETIREMENT, TRAINING]
    assert BAROMETER in window.page_keys() and STRUCTURE in window.page_keys()
    assert POOLS in window.page_keys()
    assert TOLERANCE in window.page_keys()
    qtbot.waitUntil(lambda: window.home.table is not None)  # the home lists load in the background

    # 干部名册: 李四's profile (resume, family, pairing, diary, talk) with every tab filled.
    window.navigation.entries.setCurrentItem(window.navigation.item(ROSTER))
    assert window.current_page() == ROSTER
    li = sample_cadres["李四"]
    assert window.roster.select_cadre(li.id)
    profile = window.roster.profile
    qtbot.waitUntil(lambda: profile.cadre_id == li.id)
    profile.load_all_tabs()
    lazy = (profile.mentorships, profile.diary, profile.talks, profile.timeline)
    assert [table.records.rowCount() for table in lazy[:3]] == [1, 2, 1]
    assert lazy[3].records.rowCount() >= 2

    # 结对帮带: the pairing, its mentorship records and its diary tab.
    window.navigation.entries.setCurrentItem(window.navigation.item(PAIRINGS))
    pairings = window.page(PAIRINGS)
    assert isinstance(pairings, PairingsPage) and window.current_page() == PAIRINGS
    assert pairings.show_record("mentorship", records.pairing.id)
    panel = pairings.panel
    assert panel.view is not None and panel.view.id == records.pairing.id
    assert panel.records.records.rowCount() == 2
    panel.tabs.setCurrentWidget(panel.diary)
    assert records.entry.id in [c.item.entry.id for c in panel.diary.cards]

    # 成长日记: the mentee's timeline, opened from the comment.
    window.navigation.entries.setCurrentItem(window.navigation.item(DIARY))
    diary_page = window.page(DIARY)
    assert isinstance(diary_page, DiaryPage) and window.current_page() == DIARY
    assert diary_page.show_record("comment", records.comment.id)
    assert diary_page.mentee.cadre_id() == sample_cadres["李四"].id
    assert len(diary_page.timeline.cards) == 2

    # 谈话记录: the talk with its follow-ups.
    window.navigation.entries.setCurrentItem(window.navigation.item(TALKS))
    talks_page = window.page(TALKS)
    assert isinstance(talks_page, TalksPage) and window.current_page() == TALKS
    assert talks_page.show_record("talk", records.talk.id)
    assert talks_page.panel.view is not None and talks_page.panel.view.id == records.talk.id
    assert talks_page.panel.follow_ups.rowCount() == 2

    # 到龄: every cadre listed (no bucket) and the exit warnings.
    window.navigation.entries.setCurrentItem(window.navigation.item(RETIREMENT))
    retirement_page = window.page(RETIREMENT)
    assert isinstance(retirement_page, RetirementPage) and window.current_page() == RETIREMENT
    retirement_page.bucket.addItem("all", None)
    retirement_page.bucket.setCurrentIndex(retirement_page.bucket.count() - 1)
    assert retirement_page.model.rowCount() == len(sample_cadres)

    # 培训学时: everyone (no records: all short).
    window.navigation.entries.setCurrentItem(window.navigation.item(TRAINING))
    training_page = window.page(TRAINING)
    assert isinstance(training_page, TrainingPage) and window.current_page() == TRAINING
    assert training_page.model.rowCount() == len(sample_cadres)

    # 晴雨表: a period's grid of every unit.
    barometer_periods.open_period(window.ctx, "2026Q2")
    window.navigation.entries.setCurrentItem(window.navigation.item(BAROMETER))
    barometer_page = window.page(BAROMETER)
    assert isinstance(barometer_page, BarometerPage) and window.current_page() == BAROMETER
    barometer_page.unit.setCurrentIndex(barometer_page.unit.findData(-1))
    assert barometer_page.model.rowCount() == len(sample_cadres)
    # 后备干部库: 李四's entry with a measure and a review.
    window.navigation.entries.setCurrentItem(window.navigation.item(POOLS))
    pools_page = window.page(POOLS)
    assert isinstance(pools_page, PoolsPage) and window.current_page() == POOLS
    assert pools_page.show_record("pool_entry", records.pool_entry.id)
    assert (pools_page.measures.rowCount(), pools_page.reviews.rowCount()) == (1, 1)

    # 班子结构: the whole county's figures and targets.
    window.navigation.entries.setCurrentItem(window.navigation.item(STRUCTURE))
    structure_page = window.page(STRUCTURE)
    assert isinstance(structure_page, StructurePage) and window.current_page() == STRUCTURE
    assert structure_page.figures.rowCount() > 0
    # 容错纠错: a case registered for 李四.
    window.navigation.entries.setCurrentItem(window.navigation.item(TOLERANCE))
    tolerance_page = window.page(TOLERANCE)
    assert isinstance(tolerance_page, TolerancePage) and window.current_page() == TOLERANCE
    assert tolerance_page.show_record("tolerance_case", records.case.id)
    assert tolerance_page.model.rowCount() == 1

    window.navigation.entries.setCurrentItem(window.navigation.item(HOME))
    assert window.current_page() == HOME

    models = window.findChildren(QAbstractItemModel)
    expected = {
        window.roster.model,
        window.roster.proxy,
        profile.resume.records,
        profile.editors["family"].records,
        profile.editors["assessments"].records,
        *(table.records for table in lazy),
        pairings.model,
        panel.records.records,
        talks_page.model,
        talks_page.panel.follow_ups.model(),
        window.home.pending_model,
        window.home.follow_model,
        window.home.ending_model,
        window.home.recent_model,
        retirement_page.model,
        retirement_page.exits,
        training_page.model,
        barometer_page.model,
        structure_page.figures,
        structure_page.targets,
        structure_page.gaps,
        pools_page.model,
        pools_page.measures,
        pools_page.reviews,
        window.home.pool_model,
        tolerance_page.model,
        window.home.measures_model,
    }
    missing = [type(m).__name__ for m in expected if m not in models]
    assert not missing, f"not found among the window's models: {missing}"
    ours = [m for m in models if not type(m).__module__.startswith("PySide6")]
    # 20 of our own (roster and its filter, 6 profile editors, 5 read-only tables, 2 paged lists,
    # 4 home lists, the search results) and about as many of Qt's (combo boxes, completers, tables).
    assert len(ours) >= 20, sorted(type(m).__name__ for m in ours)
    assert len(models) >= 45, sorted(type(m).__name__ for m in models)
    filled = [m for m in models if m.rowCount() > 0]
    assert len(filled) >= 35, sorted(type(m).__name__ for m in filled)
    checked = 0
    for model in models:
        # Ours (written in Python) get pytest-qt's Python tester, which reports the line that failed;
        # Qt's own (a QTableWidget's, a combo box's …) get Qt's C++ tester, which knows their types.
        qtmodeltester.check(model, force_py=model in ours)
        checked += 1
    assert checked == len(models) >= 45
