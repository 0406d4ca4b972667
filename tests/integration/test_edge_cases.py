"""Edge cases found in review: error keys of 其间 items, no-op photo removal, roster order, old pairings."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre_desk.errors import ValidationError
from cadre_desk.services import cadre_records as cr
from cadre_desk.services import cadres, mentorship, mentorship_changes, units
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre


def test_errors_of_concurrent_items_are_keyed_under_their_main_line(ctx: ServiceContext) -> None:
    c = make_cadre(ctx)
    entries = [
        cr.ResumeEntryInput("2003.09", "2007.07", "XX大学学习"),
        cr.ResumeEntryInput(
            "2007.07",
            None,
            "XX镇科员",
            concurrent=(cr.ResumeEntryInput("2009.13", "2011.07", "在职研究生学习"),),
        ),
    ]
    with pytest.raises(ValidationError) as info:
        cr.save_resume(ctx, c.id, entries, c.version)
    assert list(info.value.fields) == ["resume[1].concurrent[0].start"]


def test_removing_a_photo_that_is_not_there_changes_nothing(ctx: ServiceContext) -> None:
    c = make_cadre(ctx)
    after = cadres.set_photo(ctx, c.id, None)
    assert after.version == c.version


def test_cadres_without_a_unit_come_last(ctx: ServiceContext, unit: units.UnitView) -> None:
    loose = make_cadre(ctx, "无单位")
    placed = make_cadre(ctx, "有单位", unit_id=unit.id)
    assert [r.id for r in cadres.list_cadres(ctx)] == [placed.id, loose.id]


def test_an_old_pairing_stays_editable_after_its_mentor_is_archived(ctx: ServiceContext) -> None:
    mentor = make_cadre(ctx, "老导师", birth="1962.01", party_join="1985.01", work_start="1982.07")
    mentee = make_cadre(ctx, "年轻人", birth="1996.05", party_join="2018.05", work_start="2019.07")
    other = make_cadre(ctx, "另一人", birth="1970.05", party_join="1995.05", work_start="1992.07")
    m = mentorship_changes.create_mentorship(
        ctx,
        mentorship.MentorshipInput(mentor.id, mentee.id, dt.date(2023, 1, 1), dt.date(2024, 12, 31), "目标"),
    )
    cadres.archive_cadre(ctx, mentor.id)
    fixed = mentorship_changes.update_mentorship(
        ctx,
        m.id,
        mentorship.MentorshipInput(mentor.id, mentee.id, m.term_start, m.term_end, "目标（修订）"),
        m.version,
    )
    assert fixed.goals == "目标（修订）"
    cadres.archive_cadre(ctx, other.id)
    with pytest.raises(ValidationError) as info:  # but an archived cadre cannot be newly chosen
        mentorship_changes.update_mentorship(
            ctx,
            m.id,
            mentorship.MentorshipInput(other.id, mentee.id, m.term_start, m.term_end, "x"),
            fixed.version,
        )
    assert "已归档" in info.value.fields["mentor_id"]
