"""Diary entries outside the pairing's term, withdrawing, archiving, and editing a mentor's comment."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from cadre_desk.db.models import AuditEvent
from cadre_desk.errors import ValidationError
from cadre_desk.services import diary as dy
from cadre_desk.services import diary_comments, diary_entries, diary_pairing_fit, mentorship_changes
from cadre_desk.services import mentorship as ms
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre
from tests.integration.test_diary import World, comment, entry_input


@pytest.fixture
def world(ctx: ServiceContext) -> World:
    mentor = make_cadre(ctx, "周正德", birth="1972.06", party_join="1995.07", work_start="1994.07")
    mentee = make_cadre(
        ctx, "林小雨", gender="女", birth="1996.10", party_join="2018.06", work_start="2019.08"
    )
    outsider = make_cadre(ctx, "陈远航", birth="1975.02", party_join="1997.06", work_start="1996.08")
    pairing = mentorship_changes.create_mentorship(
        ctx, ms.MentorshipInput(mentor.id, mentee.id, dt.date(2024, 1, 1), dt.date(2025, 12, 31), "基层治理")
    )
    return World(mentor, mentee, outsider, pairing)


def test_an_entry_before_the_pairing_cannot_be_submitted_unlinked(ctx: ServiceContext, world: World) -> None:
    with pytest.raises(diary_pairing_fit.OutsidePairing) as info:
        diary_entries.create_entry(ctx, entry_input(world.mentee.id, "2023.12.20"), submit=True)
    assert info.value.pairing_id == world.pairing.id
    assert "开始之前" in info.value.fields["date"] and "周正德" in info.value.fields["date"]
    assert dy.list_entries(ctx, mentee_id=world.mentee.id) == []  # nothing half-saved

    # a draft may wait (a private note), but submitting it asks for the same choice
    draft = diary_entries.create_entry(ctx, entry_input(world.mentee.id, "2023.12.20"))
    assert draft.mentorship_id is None
    with pytest.raises(diary_pairing_fit.OutsidePairing):
        diary_entries.submit_entry(ctx, draft.id, draft.version)

    # the user's choice: attach it to the pairing anyway
    attached = diary_entries.update_entry(
        ctx,
        draft.id,
        entry_input(world.mentee.id, "2023.12.20", attach_to=world.pairing.id),  # type: ignore[arg-type]
        draft.version,
    )
    assert attached.mentorship_id == world.pairing.id
    submitted = diary_entries.submit_entry(ctx, attached.id, attached.version)
    assert submitted.state == "已提交"
    # a later save without the choice keeps the link while the date stays the same
    again = diary_entries.update_entry(
        ctx, submitted.id, entry_input(world.mentee.id, "2023.12.20", title="改"), submitted.version
    )
    assert again.mentorship_id == world.pairing.id
    diary_comments.add_comment(ctx, again.id, comment(world.mentor.id, date="2024.01.05"))


def test_after_the_pairing_and_without_any_pairing(ctx: ServiceContext, world: World) -> None:
    fit = diary_pairing_fit.pairing_fit(ctx, world.mentee.id, "2026.02.01")
    assert fit.in_term is None and fit.nearest == world.pairing.id and fit.mentor == "周正德"
    assert diary_pairing_fit.pairing_fit(ctx, world.mentee.id, "2024.05.01").in_term == world.pairing.id
    with pytest.raises(diary_pairing_fit.OutsidePairing) as info:
        diary_entries.create_entry(ctx, entry_input(world.mentee.id, "2026.02.01"), submit=True)
    assert "结束之后" in info.value.fields["date"]
    with pytest.raises(diary_pairing_fit.OutsidePairing) as none:
        diary_entries.create_entry(ctx, entry_input(world.outsider.id, "2024.05.01"), submit=True)
    assert none.value.pairing_id is None
    # another mentee's pairing cannot be chosen
    with pytest.raises(ValidationError):
        diary_entries.create_entry(
            ctx,
            entry_input(world.outsider.id, "2024.05.01", attach_to=world.pairing.id),  # type: ignore[arg-type]
        )


def test_withdraw_until_commented(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    draft = diary_entries.withdraw_entry(ctx, entry.id, entry.version)
    assert draft.state == "草稿" and draft.submitted_at is None
    with pytest.raises(ValidationError):
        diary_entries.withdraw_entry(ctx, draft.id, draft.version)  # a draft needs no withdrawing
    submitted = diary_entries.submit_entry(ctx, draft.id, draft.version)
    diary_comments.add_comment(ctx, submitted.id, comment(world.mentor.id, date="2024.03.20"))
    commented = dy.get_entry(ctx, submitted.id)
    with pytest.raises(ValidationError) as info:
        diary_entries.withdraw_entry(ctx, commented.id, commented.version)
    assert info.value.fields == {"state": "导师已点评的日记不能撤回"}
    with ctx.db.read() as session:
        states = [
            e.changes.get("state")
            for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "diary_entry"))
            if e.changes and "state" in e.changes
        ]
    assert ["已提交", "草稿"] in states


def test_archive_and_restore_entries(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    diary_entries.archive_entry(ctx, entry.id)
    assert dy.count_entries(ctx, mentee_id=world.mentee.id) == 0
    assert [i.entry.id for i in dy.timeline(ctx, mentee_id=world.mentee.id, archived=True)] == [entry.id]
    assert dy.count_entries(ctx, mentee_id=world.mentee.id, archived=True) == 1
    diary_entries.restore_entry(ctx, entry.id)
    assert [s.id for s in dy.list_entries(ctx, mentee_id=world.mentee.id)] == [entry.id]
    assert dy.timeline(ctx, mentee_id=world.mentee.id, archived=True) == []


def test_edit_and_withdraw_a_comment(ctx: ServiceContext, world: World) -> None:
    entry = diary_entries.create_entry(ctx, entry_input(world.mentee.id), submit=True)
    c = diary_comments.add_comment(ctx, entry.id, comment(world.mentor.id, date="2024.03.20"))
    edited = diary_comments.update_comment(ctx, c.id, "改后的点评", c.version)
    assert dy.get_entry(ctx, entry.id).comments[0].text == "改后的点评"
    diary_comments.archive_comment(ctx, edited.id)
    after = dy.get_entry(ctx, entry.id)
    assert after.comments == () and after.state == "已提交"
    with ctx.db.read() as session:
        actions = [
            e.action for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "mentor_comment"))
        ]
    assert actions == ["create", "update", "archive"]
