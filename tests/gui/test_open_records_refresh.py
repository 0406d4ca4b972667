"""A pairing or talk shown in its panel is shown as stored again after a change made elsewhere
(another page, an import) once its page refreshes (shown again, F5, or the window's change broadcast)."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, mentorship, mentorship_changes, talks
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.pairings.pairings_page import PairingsPage
from cadre_desk.ui.talks.talks_page import TalksPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = dt.date(2024, 6, 20)


def test_panels_show_the_stored_record_after_a_refresh(
    qtbot: QtBot, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView], _zh_cn: None
) -> None:
    mentor, mentee = sample_cadres["王小明"], sample_cadres["李四"]
    pairing = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.03.01", "2025.02.28", "旧目标")
    )
    page = PairingsPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.refresh()
    assert "旧目标" in page.panel.overview.toPlainText()
    data = mentorship.MentorshipInput(mentor.id, mentee.id, "2024.03.01", "2025.02.28", "新目标")
    mentorship_changes.update_mentorship(ctx, pairing.id, data, pairing.version)
    page.refresh()
    assert "新目标" in page.panel.overview.toPlainText()

    talk = talks.record_talk(
        ctx,
        talks.TalkInput(
            talk_at="2024.05.17 14:30",
            kind="任职谈话",
            subject_ids=(mentee.id,),
            talkers="赵部长",
            content="旧",
        ),
    )
    talks_page = TalksPage(ctx, TODAY)
    qtbot.addWidget(talks_page)
    talks_page.refresh()
    assert talks_page.panel.view is not None and talks_page.panel.view.place == ""
    stored = talks.get_talk(ctx, talk.id)
    changed = talks.TalkInput(
        talk_at="2024.05.17 14:30",
        kind="任职谈话",
        subject_ids=(mentee.id,),
        talkers="赵部长",
        content="旧",
        place="县委组织部会议室",
    )
    talks.update_talk(ctx, talk.id, changed, stored.version)
    talks_page.refresh()
    assert talks_page.panel.view is not None and talks_page.panel.view.place == "县委组织部会议室"
    assert "县委组织部会议室" in talks_page.panel.record.toPlainText()
