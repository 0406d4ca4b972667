"""The window in English (CADRE_DESK_LANG=en): code values, validation messages and plurals in English,
while the stored values and the services' messages (what the CLI prints) stay Chinese."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from cadre_desk.errors import ValidationError
from cadre_desk.services import (
    cadres,
    diary,
    diary_comments,
    diary_entries,
    mentorship,
    mentorship_changes,
    talks,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.diary_page import DiaryPage
from cadre_desk.ui.pairings.pairings_page import PairingsPage
from cadre_desk.ui.roster.new_cadre_dialog import NewCadreDialog
from cadre_desk.ui.talks.talks_page import TalksPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = dt.date(2024, 6, 20)


def test_codes_messages_and_plurals_in_english(
    qtbot: QtBot, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView], english: None
) -> None:
    mentor, mentee = sample_cadres["王小明"], sample_cadres["李四"]
    pairing = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.03.01", "2025.02.28")
    )
    assert pairing.status == "进行中"  # stored in Chinese

    page = PairingsPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    assert page.status.currentText() == "Active" and page.status.currentData() == "进行中"
    assert page.count.text() == "1 pairing"
    assert page.model.index(0, 3).data() == "Active"
    assert "Active" in page.panel.heading.text()

    diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.06.01", "调研", "调研", "走访。"), submit=True
    )
    diary_page = DiaryPage(ctx, TODAY)
    qtbot.addWidget(diary_page)
    diary_page.mentee.set_cadre(mentee.id, mentee.name)
    assert diary_page.count.text() == "1 entry"
    assert [diary_page.state.itemText(i) for i in range(1, 4)] == ["Draft", "Submitted", "Commented"]
    card = diary_page.timeline.cards[0]
    assert card.comment_button is not None and card.comment_box is not None
    card.comment_button.click()  # an empty comment: the service's message, said in English
    assert card.comment_error.text() == "Please fill in the comment"

    talks.record_talk(
        ctx,
        talks.TalkInput(
            talk_at="2024.05.17 14:30",
            kind="任职谈话",
            subject_ids=(mentee.id,),
            talkers="赵部长",
            content="谈话。",
            follow_ups=(talks.FollowUpInput("整改", "李四", "2024.06.01"),),
        ),
    )
    talks_page = TalksPage(ctx, TODAY)
    qtbot.addWidget(talks_page)
    talks_page.refresh()
    assert talks_page.count.text() == "1 talk"
    assert talks_page.model.index(0, 1).data() == "Appointment talk"

    dialog = NewCadreDialog(ctx)
    qtbot.addWidget(dialog)
    gender = dialog.form.editor("gender")
    assert gender.currentText() == "Male" and dialog.form.value().gender == "男"  # type: ignore[attr-defined]
    dialog.form.set_text("name", "")
    dialog.form.set_text("name", " ")
    assert not dialog.save()
    assert "Please fill in the name" in dialog.form._errors["name"].text()

    # the services keep their Chinese messages (the command line prints them as they are)
    with pytest.raises(ValidationError) as info:
        diary_comments.add_comment(ctx, card.item.entry.id, diary.CommentInput(mentor.id, " "))
    assert str(info.value) == "请填写点评内容"


def test_every_code_list_has_english_names(english: None) -> None:
    """Each value of the fixed code lists reads in English in the English window."""
    from cadre_desk.domain import tolerance, vocab
    from cadre_desk.ui.widgets.codes import code_text

    lists = (
        vocab.Gender,
        vocab.MentorshipStatus,
        vocab.MentorshipGrade,
        vocab.DiaryState,
        vocab.TalkKind,
        vocab.AssessmentGrade,
        vocab.RewardKind,
        vocab.UnitKind,
        vocab.PostLevel,
        vocab.DIARY_CATEGORIES,
        vocab.MENTORSHIP_RECORD_FORMS,
        vocab.POLITICAL_STATUSES,
        vocab.DEMOCRATIC_PARTIES,
        vocab.HEALTH_STATES,
        tolerance.CaseState,
        tolerance.Ruling,
        tolerance.Origin,
    )
    untranslated = [str(v) for values in lists for v in values if code_text(str(v)) == str(v)]
    assert untranslated == []
