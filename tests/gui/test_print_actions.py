"""The 打印 / 导出PDF entry points on a profile, a pairing and a talk call the printing functions."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, mentorship, mentorship_changes, talks
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.pairings.pairing_panel import PairingPanel
from cadre_desk.ui.printing import printing
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.talks.talks_page import TalkPanel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    made: list[tuple[str, int]] = []
    for name in ("print_cadre_dossier", "print_appointment_form", "print_pairing", "print_talk"):
        monkeypatch.setattr(
            printing,
            name,
            lambda _parent, _ctx, record_id, *_draft, name=name: made.append((name, record_id)),
        )
    return made


def test_profile_prints_what_is_saved(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    calls: list[tuple[str, int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    page.reload()
    zhang = sample_cadres["张三"].id
    page.show_cadre(zhang)
    view = page.profile
    qtbot.waitUntil(lambda: view.cadre_id == zhang)
    view.print_form_action.trigger()
    view.print_dossier_action.trigger()
    assert calls == [("print_appointment_form", zhang), ("print_cadre_dossier", zhang)]

    view.form.set_text("phone", "13900001111")  # unsaved: the user is asked first, Cancel prints nothing
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel)
    view.print_dossier_action.trigger()
    assert len(calls) == 2 and view.is_dirty()


def test_pairing_and_talk_panels_print_their_record(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    calls: list[tuple[str, int]],
) -> None:
    zhang, li = sample_cadres["张三"].id, sample_cadres["李四"].id
    pairing = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(zhang, li, "2024.01.01", "2024.12.31", "熟悉基层治理", "每月谈心")
    )
    talk = talks.record_talk(
        ctx, talks.TalkInput(dt.datetime(2024, 5, 17, 14, 30), "任职谈话", (li,), "张三", content="任前谈话")
    )
    panel = PairingPanel(ctx)
    qtbot.addWidget(panel)
    assert not panel.print_button.isEnabled()
    panel.show_pairing(pairing.id)
    panel.print_button.click()
    talk_panel = TalkPanel(ctx)
    qtbot.addWidget(talk_panel)
    assert not talk_panel.print_button.isEnabled()
    talk_panel.show_talk(talk.id)
    talk_panel.print_button.click()
    assert calls == [("print_pairing", pairing.id), ("print_talk", talk.id)]
