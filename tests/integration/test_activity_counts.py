"""One count of a cadre's pairings, diary entries, commented entries and talks, and its readers.

The records are made so that every rule of counting changes a number: an archived pairing, entry,
comment and talk; a draft; an entry with two comments; a talk with two subjects; dates on the
boundary of a `since`. The 考察材料, the 横向比较, the 成长画像 and the profile's tab titles must say
the same numbers as the counts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cadre_desk.services import activity_counts as ac
from cadre_desk.services import (
    cadre_records,
    comparison,
    diary_comments,
    diary_entries,
    inspection,
    mentorship_changes,
    portrait,
)
from cadre_desk.services import diary as dy
from cadre_desk.services import mentorship as ms
from cadre_desk.services import talks as tk
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre

TODAY = dt.date(2026, 12, 6)


class County:
    def __init__(self, ctx: ServiceContext) -> None:
        self.mentor = make_cadre(ctx, "李四").id
        self.mentee = make_cadre(ctx, "张三").id
        self.other = make_cadre(ctx, "王五").id
        pair = ms.MentorshipInput
        old = mentorship_changes.create_mentorship(
            ctx, pair(self.other, self.mentee, dt.date(2023, 1, 1), dt.date(2023, 12, 31), "旧结对")
        )
        mentorship_changes.archive_mentorship(ctx, old.id)
        mentorship_changes.create_mentorship(
            ctx, pair(self.mentor, self.mentee, dt.date(2025, 1, 1), dt.date(2026, 12, 31), "治理")
        )
        mentorship_changes.create_mentorship(
            ctx, pair(self.mentor, self.other, dt.date(2025, 1, 1), dt.date(2026, 12, 31), "治理")
        )

        def entry(day: str, submit: bool = True) -> int:
            data = dy.DiaryEntryInput(self.mentee, day, "日记", "工作", "内容。")
            return diary_entries.create_entry(ctx, data, submit=submit).id

        def comment(entry_id: int, day: str) -> int:
            return diary_comments.add_comment(ctx, entry_id, dy.CommentInput(self.mentor, "点评。", day)).id

        two_comments = entry("2025.01.10")
        comment(two_comments, "2025.01.11")
        comment(two_comments, "2025.01.12")
        archived_comment = entry("2025.12.01")
        diary_comments.archive_comment(ctx, comment(archived_comment, "2025.12.02"))
        entry("2026.03.01", submit=False)  # a draft counts as an entry, never as commented
        gone = entry("2026.04.01")
        comment(gone, "2026.04.02")
        diary_entries.archive_entry(ctx, gone)

        def talk(at: str, *subjects: int) -> int:
            return tk.record_talk(ctx, tk.TalkInput(at, "任职谈话", subjects, "赵部长", content="谈话。")).id

        talk("2025.06.01 09:00", self.mentee, self.other)
        talk("2026.01.05 14:30", self.mentee)
        tk.archive_talk(ctx, talk("2026.02.01 10:00", self.mentee))


@pytest.fixture
def county(ctx: ServiceContext) -> County:
    return County(ctx)


def test_the_counts_follow_the_rules(ctx: ServiceContext, county: County) -> None:
    with ctx.db.read() as s:
        assert ac.pairing_counts_in(s, county.mentor) == ac.PairingCounts(as_mentor=2, as_mentee=0)
        assert ac.pairing_counts_in(s, county.mentee) == ac.PairingCounts(as_mentor=0, as_mentee=1)
        assert ac.pairing_counts_in(s, county.other) == ac.PairingCounts(as_mentor=0, as_mentee=1)
        assert ac.diary_counts_in(s, county.mentee) == ac.DiaryCounts(entries=3, commented=1)
        assert ac.diary_counts_in(s, county.mentee, since=dt.date(2025, 1, 10)) == ac.DiaryCounts(3, 1)
        assert ac.diary_counts_in(s, county.mentee, since=dt.date(2025, 1, 11)) == ac.DiaryCounts(2, 0)
        assert ac.diary_counts_in(s, county.mentor) == ac.DiaryCounts(0, 0)
        assert ac.talk_count_in(s, county.mentee) == 2
        assert ac.talk_count_in(s, county.other) == 1
        assert ac.talk_count_in(s, county.mentee, since=dt.date(2026, 1, 5)) == 1
        assert ac.talk_count_in(s, county.mentee, since=dt.date(2026, 1, 6)) == 0
        assert [(str(m), n) for m, n in ac.diary_months_in(s, county.mentee)] == [
            ("2025.01", 1),
            ("2025.12", 1),
            ("2026.03", 1),
        ]
        assert [(str(m), n) for m, n in ac.talk_months_in(s, county.mentee)] == [
            ("2025.06", 1),
            ("2026.01", 1),
        ]
        assert ac.talk_months_in(s, county.mentor) == ()


def test_every_reader_says_the_same_numbers(ctx: ServiceContext, county: County) -> None:
    assert cadre_records.related_counts(ctx, county.mentee) == {"mentorship": 1, "diary": 3, "talks": 2}
    assert cadre_records.related_counts(ctx, county.mentor) == {"mentorship": 2, "diary": 0, "talks": 0}

    facts = [f.text for f in inspection.draft(ctx, county.mentee, today=TODAY).sources]
    assert "撰写成长日记3篇，导师点评1篇。" in facts

    p = portrait.growth_portrait(ctx, county.mentee, TODAY)
    assert sum(n for _m, n in p.diary_months) == 3 and sum(n for _m, n in p.talk_months) == 2
    assert [s.kind for s in p.pairings] == ["mentee"]

    # 2026.01 is the first of the twelve months up to 2026.12: the 2025 entries and talk fall outside.
    c = comparison.compare(ctx, [county.mentee, county.mentor], TODAY)
    rows = {r.label: r.values for r in c.rows}
    assert rows["结对帮带"] == ("被帮带 1 次，帮带他人 0 次", "被帮带 0 次，帮带他人 2 次")
    assert rows["成长日记（近12个月）"] == ("1 篇", "0 篇")
    assert rows["谈话（近12个月 / 累计）"] == ("1 次 / 2 次", "0 次 / 0 次")
