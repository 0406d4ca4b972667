"""工作台: pending comments, pairings ending soon, follow-ups due or overdue, recent changes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cadre_desk.services import cadres, diary_comments, diary_entries, mentorship_changes, worktable
from cadre_desk.services import diary as dy
from cadre_desk.services import mentorship as ms
from cadre_desk.services import talks as tk
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre

TODAY = dt.date(2024, 6, 10)


@dataclasses.dataclass(frozen=True)
class HomeWorld:
    mentor: cadres.CadreView
    mentee: cadres.CadreView
    ending: ms.MentorshipView  # term ends in 20 days
    later: ms.MentorshipView  # term ends in a year
    waiting: dy.DiaryEntryView  # submitted, no comment
    commented: dy.DiaryEntryView
    draft: dy.DiaryEntryView
    talk: tk.TalkView  # follow-ups: overdue, due in 3 days, due in 20 days, done


def build_home_world(ctx: ServiceContext) -> HomeWorld:
    """A small world with one item of each kind that the home page shows (and some it must not)."""
    mentor = make_cadre(ctx, "周正德", birth="1972.06", party_join="1995.07", work_start="1994.07")
    mentee = make_cadre(
        ctx, "林小雨", gender="女", birth="1996.10", party_join="2018.06", work_start="2019.08"
    )
    other = make_cadre(ctx, "陈远航", birth="1995.02", party_join="2017.06", work_start="2018.08")
    ending = mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(mentor.id, mentee.id, dt.date(2023, 7, 1), TODAY + dt.timedelta(days=20))
    )
    later = mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(mentor.id, other.id, dt.date(2024, 1, 1), TODAY + dt.timedelta(days=365))
    )

    def entry(day: str, title: str, submit: bool) -> dy.DiaryEntryView:
        data = dy.DiaryEntryInput(mentee.id, day, title, "工作", "今天跟随导师下村走访，记录群众诉求。")
        return diary_entries.create_entry(ctx, data, submit=submit)

    waiting = entry("2024.06.01", "第一次主持村民议事会", True)
    commented = entry("2024.05.20", "学习基层治理经验", True)
    diary_comments.add_comment(
        ctx, commented.id, dy.CommentInput(mentor.id, "记录详实，继续保持。", "2024.05.21")
    )
    draft = entry("2024.06.05", "尚未写完的日记", False)
    talk = tk.record_talk(
        ctx,
        tk.TalkInput(
            talk_at="2024.05.17 14:30",
            kind="提醒谈话",
            subject_ids=(mentee.id, other.id),
            talkers="赵部长",
            content="指出近期工作中存在的苗头性问题，提出整改要求。",
            follow_ups=(
                tk.FollowUpInput("提交整改报告", "林小雨", "2024.06.05"),
                tk.FollowUpInput("回访谈话对象", "孙干事", "2024.06.13"),
                tk.FollowUpInput("年底复查", "钱科长", "2024.06.30"),
                tk.FollowUpInput("已办结事项", "钱科长", "2024.06.01", "2024.06.02"),
            ),
        ),
    )
    return HomeWorld(mentor, mentee, ending, later, waiting, dy.get_entry(ctx, commented.id), draft, talk)


def test_the_home_lists_what_needs_attention(ctx: ServiceContext) -> None:
    world = build_home_world(ctx)
    table = worktable.load(ctx, TODAY)

    assert table.today == TODAY
    assert [p.entry_id for p in table.pending_comments] == [world.waiting.id]
    assert table.pending_comments_total == 1
    pending = table.pending_comments[0]
    assert (pending.mentee, pending.mentor, pending.title) == ("林小雨", "周正德", "第一次主持村民议事会")
    assert pending.waiting_days == 9

    assert [(p.mentorship_id, p.days_left) for p in table.ending_pairings] == [(world.ending.id, 20)]
    assert table.ending_pairings_total == 1
    assert (table.ending_pairings[0].mentor, table.ending_pairings[0].mentee) == ("周正德", "林小雨")

    assert [(f.action, f.days_left) for f in table.follow_ups] == [("提交整改报告", -5), ("回访谈话对象", 3)]
    assert table.follow_ups_total == 2
    assert table.follow_ups[0].subjects == "林小雨、陈远航"
    assert table.follow_ups[0].talk_id == world.talk.id
    assert table.follow_ups[0].talk_kind == "提醒谈话"


def test_ticking_off_and_commenting_clear_the_lists(ctx: ServiceContext) -> None:
    world = build_home_world(ctx)
    first = worktable.load(ctx, TODAY).follow_ups[0]
    tk.mark_follow_up_done(ctx, first.follow_up_id, TODAY)
    diary_comments.add_comment(ctx, world.waiting.id, dy.CommentInput(world.mentor.id, "很好。"))
    table = worktable.load(ctx, TODAY)
    assert [f.action for f in table.follow_ups] == ["回访谈话对象"]
    assert table.pending_comments == ()
    assert table.pending_comments_total == 0


def test_a_pairing_past_its_term_still_running_is_listed_as_overdue(ctx: ServiceContext) -> None:
    world = build_home_world(ctx)
    table = worktable.load(ctx, TODAY + dt.timedelta(days=25))
    assert [(p.mentorship_id, p.days_left) for p in table.ending_pairings] == [(world.ending.id, -5)]
    mentorship_changes.end_mentorship(
        ctx,
        world.ending.id,
        ms.MentorshipEnd(
            completed=True, ended_on=TODAY, mentor_evaluation="成长明显", evaluation_grade="优秀"
        ),
        world.ending.version,
    )
    assert worktable.load(ctx, TODAY + dt.timedelta(days=25)).ending_pairings == ()


def test_recent_changes_point_at_records_to_open(ctx: ServiceContext) -> None:
    world = build_home_world(ctx)
    follow_up = world.talk.follow_ups[0]
    tk.mark_follow_up_done(ctx, follow_up.id, TODAY)
    recent = worktable.load(ctx, TODAY).recent
    assert len(recent) <= worktable.RECENT_CHANGES
    newest = recent[0]
    assert (newest.entity, newest.kind, newest.record_id) == ("talk_follow_up", "talk", world.talk.id)
    assert newest.operator == "测试员"
    assert all(change.kind in {"cadre", "diary", "comment", "talk", "mentorship"} for change in recent)
    times = [change.at for change in recent]
    assert times == sorted(times, reverse=True)
    assert any(c.kind == "cadre" and c.record_id == world.mentee.id for c in recent) or len(recent) == 20


def paired_mentee(ctx: ServiceContext) -> cadres.CadreView:
    """A mentee in a pairing over May 2024 (an entry can only be submitted to a mentor)."""
    mentee = make_cadre(
        ctx, "林小雨", gender="女", birth="1996.10", party_join="2018.06", work_start="2019.08"
    )
    mentor = make_cadre(ctx, "周正德", birth="1972.06", party_join="1995.07", work_start="1994.07")
    mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(mentor.id, mentee.id, dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    )
    return mentee


def test_limits_keep_the_lists_short_and_totals_complete(ctx: ServiceContext) -> None:
    mentee = paired_mentee(ctx)
    for day in range(1, 8):
        data = dy.DiaryEntryInput(mentee.id, f"2024.05.{day:02d}", f"日记{day}", "工作", "内容")
        diary_entries.create_entry(ctx, data, submit=True)
    table = worktable.load(ctx, TODAY, limit=3)
    assert [p.title for p in table.pending_comments] == ["日记1", "日记2", "日记3"]
    assert table.pending_comments_total == 7
    assert table.pending_comments[0].mentor == "周正德"


def test_an_empty_database_has_an_empty_home(ctx: ServiceContext) -> None:
    table = worktable.load(ctx, TODAY)
    assert table.pending_comments == table.ending_pairings == table.follow_ups == ()
    assert (table.pending_comments_total, table.ending_pairings_total, table.follow_ups_total) == (0, 0, 0)


def test_totals_stop_counting_at_the_cap(ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    mentee = paired_mentee(ctx)
    for day in range(1, 6):
        diary_entries.create_entry(
            ctx, dy.DiaryEntryInput(mentee.id, f"2024.05.{day:02d}", f"日记{day}", "工作", "内容"), True
        )
    monkeypatch.setattr(worktable, "TOTAL_CAP", 3)
    table = worktable.load(ctx, TODAY, limit=2)
    assert table.pending_comments_total == 3  # "at least 3": the page shows 3+
    assert len(table.pending_comments) == 2
