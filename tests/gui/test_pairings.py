"""结对帮带 as a user works it: pick mentor and mentee by typing, save, see the list, end early."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cadre_desk.domain import vocab
from cadre_desk.services import cadres, diary, diary_entries, mentorship, mentorship_changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.pairings.end_pairing_dialog import EndPairingDialog
from cadre_desk.ui.pairings.pairing_dialog import PairingDialog
from cadre_desk.ui.pairings.pairings_page import PairingsPage
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets.cadre_picker import CadrePicker
from tests.gui.test_main_window import type_with_ime

TODAY = dt.date(2024, 6, 20)
# The picker's popup asks the offscreen platform for things it cannot do (raise, keyboard grab).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def pick(qtbot: QtBot, picker: CadrePicker, text: str) -> None:
    """Type into the picker as a user would, then press Enter on the single match."""
    picker.line.setFocus()
    type_with_ime(picker.line, text)
    qtbot.waitUntil(lambda: picker.choices.rowCount() == 1)
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.cadre_id() is not None)


def pairing(ctx: ServiceContext, mentor: int, mentee: int) -> mentorship.MentorshipView:
    return mentorship_changes.create_mentorship(
        ctx,
        mentorship.MentorshipInput(mentor, mentee, "2024.01.01", "2024.12.31", "熟悉基层治理", "每月谈心"),
    )


def test_picker_finds_by_name_initials_and_unit(
    qtbot: QtBot, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView], _zh_cn: None
) -> None:
    picker = CadrePicker(ctx)
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.line, "wxm")
    qtbot.waitUntil(lambda: picker.choices.rowCount() == 1)
    assert picker.choices.item(0).text().startswith("王小明")
    picker.line.clear()
    type_with_ime(picker.line, "青山镇")
    qtbot.waitUntil(lambda: picker.choices.rowCount() == 2)
    picker.line.clear()
    pick(qtbot, picker, "李四")
    assert picker.cadre_id() == sample_cadres["李四"].id
    type_with_ime(picker.line, "x")  # typing over a choice un-chooses it
    assert picker.cadre_id() is None


def test_new_pairing_refuses_the_same_person_then_saves(
    qtbot: QtBot, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView], _zh_cn: None
) -> None:
    dialog = PairingDialog(ctx, None, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()  # nothing chosen: told at the fields, nothing saved
    assert dialog.messages.text_of("mentor_id") == "请从列表中选择导师"
    assert dialog.result_view is None

    pick(qtbot, dialog.mentor, "王小明")
    pick(qtbot, dialog.mentee, "王小明")
    dialog.save()
    assert dialog.messages.text_of("mentee_id") == "导师和被帮带人不能是同一人"
    assert dialog.result_view is None and mentorship.list_mentorships(ctx) == []

    dialog.mentee.line.clear()
    pick(qtbot, dialog.mentee, "李四")
    dialog.goals.setPlainText("熟悉乡镇党建和基层治理")
    dialog.plan.setPlainText("每月谈心一次，每季度交办一项任务")
    dialog.save()
    assert dialog.result_view is not None
    assert dialog.messages.text_of("mentee_id") == ""
    saved = mentorship.get_mentorship(ctx, dialog.result_view.id)
    assert (saved.mentor, saved.mentee, saved.term_start) == ("王小明", "李四", TODAY)


def test_a_pairing_begun_on_a_leap_day_is_offered_a_term_to_the_28th(
    qtbot: QtBot, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView], _zh_cn: None
) -> None:
    """新建结对 on 2028.02.29 raised ValueError (the term's end was date.replace(year=2029))."""
    with time_machine.travel(dt.datetime(2028, 2, 29, 9, 30).astimezone(), tick=True):
        dialog = PairingDialog(ctx, None)
        qtbot.addWidget(dialog)
        dialog.show()
        assert (dialog.term_start.text(), dialog.term_end.text()) == ("2028.02.29", "2029.02.28")
        pick(qtbot, dialog.mentor, "王小明")
        pick(qtbot, dialog.mentee, "李四")
        dialog.goals.setPlainText("熟悉乡镇党建")
        dialog.save()
        assert dialog.result_view is not None
        saved = mentorship.get_mentorship(ctx, dialog.result_view.id)
        assert (saved.term_start, saved.term_end) == (dt.date(2028, 2, 29), dt.date(2029, 2, 28))


def test_page_lists_pairings_with_diary_figures_and_ends_one_early(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    mentor, mentee = sample_cadres["王小明"], sample_cadres["李四"]
    m = pairing(ctx, mentor.id, mentee.id)
    entry = diary_entries.create_entry(
        ctx,
        diary.DiaryEntryInput(mentee.id, "2024.06.03", "入户走访", "工作", "走访了三户困难群众。"),
        submit=True,
    )
    page = PairingsPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.refresh()
    assert page.model.rowCount() == 1
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert cells == ["王小明", "李四", "2024.01.01–2024.12.31", "进行中", "1", "2024.06.03", "1"]
    assert page.panel.view is not None and page.panel.view.id == m.id
    assert "王小明" in page.panel.heading.text()
    page.panel.tabs.setCurrentWidget(page.panel.diary)
    assert [c.item.entry.id for c in page.panel.diary.cards] == [entry.id]

    # Ending early asks for a reason; without one the dialog says so at the field.
    dialog = EndPairingDialog(ctx, page.panel.view, completed=False, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.messages.text_of("end_reason") == "请填写中止原因"
    dialog.reason.setPlainText("被帮带人调往外县工作")
    dialog.save()
    assert dialog.result_view is not None
    monkeypatch.setattr(EndPairingDialog, "ask", classmethod(lambda cls, *a, **k: dialog.result_view))
    page.panel.abort_button.click()
    assert mentorship.get_mentorship(ctx, m.id).status == vocab.MentorshipStatus.ABORTED
    assert page.model.rowCount() == 0  # the list shows active pairings by default
    page.status.setCurrentIndex(0)
    assert page.model.index(0, 3).data() == "中止"
    assert "被帮带人调往外县工作" in page.panel.overview.toPlainText()

    page.save_state(settings)
    other = PairingsPage(ctx, TODAY)
    qtbot.addWidget(other)
    other.restore_state(settings)
    assert other.splitter.saveState() == page.splitter.saveState()
    assert page.show_record("mentorship", m.id) and page.panel.view.id == m.id
    assert not page.show_record("talk", 1)


def test_pairings_model(
    qtmodeltester: ModelTester, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    pairing(ctx, sample_cadres["王小明"].id, sample_cadres["李四"].id)
    pairing(ctx, sample_cadres["张三"].id, sample_cadres["王小明"].id)
    page = PairingsPage(ctx, TODAY)
    page.model.page_size = 1  # two pages: fetchMore is exercised too
    page.refresh()
    qtmodeltester.check(page.model)
    while page.model.canFetchMore(QModelIndex()):
        page.model.fetchMore(QModelIndex())
    assert page.model.rowCount() == 2
    page.deleteLater()
    QApplication.processEvents()
