"""The list queries of the desk pages: pairings with diary figures, the cadre picker, timeline, talk rows."""

from __future__ import annotations

import datetime as dt

from cadre_desk.services import (
    cadres,
    diary,
    diary_comments,
    diary_entries,
    mentorship,
    mentorship_changes,
    mentorship_lists,
    talks,
)
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre

TODAY = dt.date(2024, 6, 20)


def test_pairing_rows_count_this_months_and_waiting_entries(ctx: ServiceContext) -> None:
    mentor, mentee, other = (
        make_cadre(ctx, "周正德"),
        make_cadre(ctx, "林小雨", gender="女"),
        make_cadre(ctx, "陈远航"),
    )
    m = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.01.01", "2024.12.31")
    )
    mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, other.id, "2023.01.01", "2023.12.31")
    )
    for day, submit in (("2024.05.30", True), ("2024.06.03", True), ("2024.06.10", False)):
        diary_entries.create_entry(
            ctx, diary.DiaryEntryInput(mentee.id, day, "日记", "工作", "内容"), submit=submit
        )
    old = diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.06.11", "删", "工作", "内容"), submit=True
    )
    diary_entries.archive_entry(ctx, old.id)
    rows = mentorship_lists.list_mentorship_rows(ctx, today=TODAY)
    assert [r.mentee for r in rows] == ["林小雨", "陈远航"]
    first = rows[0]
    assert (first.id, first.entries_this_month, first.last_entry, first.uncommented) == (
        m.id,
        2,
        dt.date(2024, 6, 10),
        2,
    )
    assert (rows[1].entries_this_month, rows[1].last_entry, rows[1].uncommented) == (0, None, 0)
    assert [r.mentee for r in mentorship_lists.list_mentorship_rows(ctx, text="lxy", today=TODAY)] == [
        "林小雨"
    ]
    assert [r.mentee for r in mentorship_lists.list_mentorship_rows(ctx, text="周 陈", today=TODAY)] == [
        "陈远航"
    ]
    assert mentorship_lists.count_mentorships(ctx, text="周正德") == 2
    assert len(mentorship_lists.list_mentorship_rows(ctx, limit=1, offset=1, today=TODAY)) == 1
    assert mentorship_lists.list_mentorship_rows(ctx, text="100%") == []


def test_find_cadres_by_name_initials_and_prefix_first(ctx: ServiceContext, unit: object) -> None:
    make_cadre(ctx, "王小明")
    make_cadre(ctx, "李王")
    gone = make_cadre(ctx, "王五")

    cadres.archive_cadre(ctx, gone.id)
    assert [c.name for c in cadres.find_cadres(ctx, "王")] == ["王小明", "李王"]
    assert [c.name for c in cadres.find_cadres(ctx, "wxm")] == ["王小明"]
    assert cadres.find_cadres(ctx, "   ") == []
    assert cadres.find_cadres(ctx, "%") == cadres.find_cadres(ctx, "_") == []  # matched literally
    assert [r.mentee for r in mentorship_lists.list_mentorship_rows(ctx, text="%", today=TODAY)] == []
    assert cadres.cadre_choice(ctx, gone.id).archived


def test_timeline_pages_with_comments_and_mentor(ctx: ServiceContext) -> None:
    mentor, mentee = make_cadre(ctx, "周正德"), make_cadre(ctx, "林小雨", gender="女")
    mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.01.01", "2024.12.31")
    )
    ids = [
        diary_entries.create_entry(
            ctx, diary.DiaryEntryInput(mentee.id, f"2024.03.{d:02d}", f"第{d}篇", "学习", "内容"), submit=True
        ).id
        for d in range(1, 6)
    ]
    diary_comments.add_comment(ctx, ids[0], diary.CommentInput(mentor.id, "好", "2024.03.02"))
    page1 = diary.timeline(ctx, mentee_id=mentee.id, limit=3)
    page2 = diary.timeline(ctx, mentee_id=mentee.id, limit=3, offset=3)
    assert [i.entry.id for i in page1 + page2] == ids[::-1]
    assert page2[-1].entry.comments[0].text == "好" and page2[-1].mentor == "周正德"
    assert [i.entry.id for i in diary.timeline(ctx, mentor_id=mentor.id, state="已提交")] == ids[:0:-1]
    assert diary.count_entries(ctx, mentee_id=mentee.id, state="已提交") == 4
    assert diary.entry_of_comment(ctx, page2[-1].entry.comments[0].id) == ids[0]


def test_talk_rows_page_and_count_with_a_cap(ctx: ServiceContext) -> None:
    a, b = make_cadre(ctx, "张三"), make_cadre(ctx, "李四")
    for day in range(1, 6):
        talks.record_talk(
            ctx,
            talks.TalkInput(
                f"2024.03.{day:02d} 10:00",
                "日常谈心" if day % 2 else "提醒谈话",
                (a.id, b.id) if day == 1 else (a.id,),
                "赵部长",
                content="谈心",
                follow_ups=(
                    talks.FollowUpInput(
                        "回访", due_date="2024.04.01", done_date="2024.03.20" if day == 1 else None
                    ),
                ),
            ),
        )
    rows = talks.list_talk_rows(ctx, limit=3)
    assert [r.talk_at.day for r in rows] == [5, 4, 3]
    last = talks.list_talk_rows(ctx, limit=3, offset=3)[-1]
    assert (last.subjects, last.follow_ups, last.open_follow_ups) == (("张三", "李四"), 1, 0)
    assert talks.count_talks(ctx) == 5 and talks.count_talks(ctx, cap=2) == 2
    assert talks.count_talks(ctx, kind="提醒谈话") == 2
    assert talks.count_talks(ctx, cadre_id=b.id) == 1
    assert talks.count_talks(ctx, talker="赵") == 5 and talks.count_talks(ctx, talker="%") == 0
