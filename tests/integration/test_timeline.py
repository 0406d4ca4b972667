"""The 时间轴 of one cadre: every dated record, oldest first, with links to openable records."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre_desk.errors import NotFoundError
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import diary as dy
from cadre_desk.services import diary_entries, mentorship_changes
from cadre_desk.services import mentorship as ms
from cadre_desk.services import talks as tk
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.timeline import EventKind, Role, cadre_timeline
from tests.conftest import make_cadre

R = cr.ResumeEntryInput


def test_every_dated_record_in_order(ctx: ServiceContext) -> None:
    mentee = make_cadre(ctx, "张三")
    mentor = make_cadre(ctx, "李四", gender="女", birth="1970.02", party_join="1995.01", work_start="1992.07")
    version = cr.save_resume(
        ctx,
        mentee.id,
        [
            R("2003.09", "2007.07", "某某大学学习"),
            R(
                "2007.07",
                None,
                "某某县青山镇科员",
                concurrent=(R("2008.03", "2010.12", "党校在职研究生班学习"),),
            ),
        ],
        mentee.version,
    ).profile.cadre.version
    version = cr.save_rewards(
        ctx,
        mentee.id,
        [cr.RewardInput("奖励", "嘉奖", "2015.06", "县委"), cr.RewardInput("奖励", "无日期")],
        version,
    ).cadre.version
    version = cr.save_assessments(ctx, mentee.id, [cr.AssessmentInput(2015, "优秀")], version).cadre.version
    version = cr.save_trainings(
        ctx,
        mentee.id,
        [cr.TrainingInput("青干班", "党校主体班", "县委党校", "2016.03.01", "2016.03.20")],
        version,
    ).cadre.version
    cr.save_secondments(
        ctx, mentee.id, [cr.SecondmentInput("市发改委", "2018.01", "2018.12", "挂职副科长", "上挂")], version
    )
    pairing = mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(mentor.id, mentee.id, dt.date(2024, 1, 1), dt.date(2025, 12, 31), "基层治理")
    )
    entry = diary_entries.create_entry(
        ctx, dy.DiaryEntryInput(mentee.id, "2024.03.15", "村民议事会", "工作", "学习听取意见。")
    )
    talk = tk.record_talk(
        ctx,
        tk.TalkInput(
            talk_at="2024.05.17 14:30",
            kind="任职谈话",
            subject_ids=(mentee.id,),
            talkers="赵部长",
            content="谈话。",
        ),
    )

    events = cadre_timeline(ctx, mentee.id)
    kinds = [e.kind for e in events]
    assert kinds == [
        EventKind.RESUME,
        EventKind.RESUME,
        EventKind.CONCURRENT,
        EventKind.REWARD,
        EventKind.ASSESSMENT,
        EventKind.TRAINING,
        EventKind.SECONDMENT,
        EventKind.MENTORSHIP_START,
        EventKind.DIARY,
        EventKind.TALK,
        EventKind.MENTORSHIP_END,
    ]
    assert [e.day for e in events] == sorted(e.day for e in events)
    assert events[0].when == "2003.09--2007.07"
    assert events[1].when == "2007.07--"
    assert events[3].title == "嘉奖" and events[3].detail == "奖励"  # the undated reward is left out
    assert events[4].when == "2015"
    assert events[5].when == "2016.03.01--2016.03.20"
    assert events[6].title == "市发改委 挂职副科长"
    start = events[7]
    assert (start.title, start.role, start.record_kind, start.record_id) == (
        "李四",
        Role.MENTEE,
        "mentorship",
        pairing.id,
    )
    assert (events[8].record_kind, events[8].record_id) == ("diary", entry.id)
    assert (events[9].record_kind, events[9].record_id, events[9].title) == ("talk", talk.id, "任职谈话")

    mentor_events = cadre_timeline(ctx, mentor.id)
    assert [(e.kind, e.role, e.title) for e in mentor_events] == [
        (EventKind.MENTORSHIP_START, Role.MENTOR, "张三"),
        (EventKind.MENTORSHIP_END, Role.MENTOR, "张三"),
    ]


def test_an_early_end_and_archived_records(ctx: ServiceContext) -> None:
    mentee = make_cadre(ctx, "张三")
    mentor = make_cadre(ctx, "李四", gender="女", birth="1970.02", party_join="1995.01", work_start="1992.07")
    pairing = mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(mentor.id, mentee.id, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    )
    mentorship_changes.end_mentorship(
        ctx, pairing.id, ms.MentorshipEnd(False, "2024.06.30", reason="工作调动"), pairing.version
    )
    entry = diary_entries.create_entry(
        ctx, dy.DiaryEntryInput(mentee.id, "2024.03.15", "日记", "工作", "内容。")
    )
    diary_entries.archive_entry(ctx, entry.id)
    events = cadre_timeline(ctx, mentee.id)
    assert [(e.kind, e.day) for e in events] == [
        (EventKind.MENTORSHIP_START, dt.date(2024, 1, 1)),
        (EventKind.MENTORSHIP_END, dt.date(2024, 6, 30)),
    ]


def test_an_unknown_cadre(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        cadre_timeline(ctx, 999)
    assert cadre_timeline(ctx, make_cadre(ctx).id) == []
