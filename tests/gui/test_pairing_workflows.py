"""结对帮带 workflows driven from the pairing panel: 结业评价, mentorship records, archiving a pairing.

The panel opens its dialogs with `exec()`; `run_dialog` stands in for that modal loop, so the test
types into the real dialog and presses its real buttons, as the user would, with no timers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.domain import vocab
from cadre_desk.services import cadres, mentorship, mentorship_changes, mentorship_records
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.pairings.end_pairing_dialog import EndPairingDialog
from cadre_desk.ui.pairings.mentorship_record_dialog import MentorshipRecordDialog
from cadre_desk.ui.pairings.pairings_page import PairingsPage
from cadre_desk.ui.widgets.record_table import RecordTable
from tests.gui.test_main_window import type_with_ime

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = dt.date(2024, 6, 20)
Button = QDialogButtonBox.StandardButton
D = TypeVar("D", bound=QDialog)


def run_dialog(monkeypatch: pytest.MonkeyPatch, kind: type[D], act: Callable[[D], None]) -> list[D]:
    """Each `kind` dialog the code under test `exec()`s is shown and handed to `act` (the user), and
    what it was closed with is returned to the caller; one still open after `act` is cancelled, so a
    failing check cannot leave the test inside a modal loop. Returns the dialogs that were shown."""
    shown: list[D] = []

    def exec_(dialog: D) -> int:
        dialog.show()
        shown.append(dialog)
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)
        return dialog.result()

    monkeypatch.setattr(kind, "exec", exec_)
    return shown


def press(qtbot: QtBot, dialog: QDialog, which: QDialogButtonBox.StandardButton) -> None:
    button = dialog.findChild(QDialogButtonBox).button(which)
    assert button is not None and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(widget: QWidget, text: str) -> None:
    """Select everything in a field and type over it (Chinese arrives committed from the IME)."""
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    type_with_ime(widget, text)


def click_row(qtbot: QtBot, table: RecordTable, row: int, double: bool = False) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    assert rect.isValid(), "the row is not on screen"
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    if double:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def pairing(ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView]) -> mentorship.MentorshipView:
    return mentorship_changes.create_mentorship(
        ctx,
        mentorship.MentorshipInput(
            sample_cadres["王小明"].id,
            sample_cadres["李四"].id,
            "2024.01.01",
            "2024.12.31",
            "熟悉基层治理",
            "每月谈心",
        ),
    )


@pytest.fixture
def page(qtbot: QtBot, ctx: ServiceContext, pairing: mentorship.MentorshipView, _zh_cn: None) -> PairingsPage:
    shown = PairingsPage(ctx, TODAY)
    qtbot.addWidget(shown)
    shown.resize(1300, 800)
    shown.show()
    shown.refresh()
    assert shown.panel.view is not None and shown.panel.view.id == pairing.id
    return shown


def test_evaluate_and_complete_a_pairing(
    qtbot: QtBot,
    ctx: ServiceContext,
    page: PairingsPage,
    pairing: mentorship.MentorshipView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = page.panel
    assert panel.complete_button.text() == "结业评价…" and panel.complete_button.isEnabled()

    # The user opens the form and thinks better of it: nothing changes.
    cancelled = run_dialog(monkeypatch, EndPairingDialog, lambda d: press(qtbot, d, Button.Cancel))
    qtbot.mouseClick(panel.complete_button, Qt.MouseButton.LeftButton)
    assert len(cancelled) == 1
    assert mentorship.get_mentorship(ctx, pairing.id).status == vocab.MentorshipStatus.ACTIVE
    assert panel.complete_button.isEnabled()

    def evaluate(dialog: EndPairingDialog) -> None:
        assert dialog.windowTitle() == "结业评价：王小明 → 李四"
        assert dialog.ended_on.text() == "2024.06.20"  # today, within the term
        assert dialog.reason.isHidden() and dialog.mentor_evaluation.isVisible()
        ok = dialog.findChild(QDialogButtonBox).button(Button.Ok)
        assert ok.text() == "结业"
        press(qtbot, dialog, Button.Ok)  # the mentor's evaluation is required: told at the field
        assert dialog.isVisible()
        assert "导师评价" in dialog.messages.text_of("mentor_evaluation")
        assert dialog.result_view is None

        retype(dialog.ended_on, "2024.06.15")
        dialog.mentor_evaluation.setFocus()
        type_with_ime(dialog.mentor_evaluation, "政治坚定，能独立主持村民议事会，群众基础好。")
        dialog.mentee_summary.setFocus()
        type_with_ime(dialog.mentee_summary, "半年来跟班学习，补上了基层治理的短板。")
        dialog.evaluation_result.setFocus()
        type_with_ime(dialog.evaluation_result, "考核合格，可以独当一面")
        dialog.grade.setCurrentIndex(dialog.grade.findText("良好"))
        press(qtbot, dialog, Button.Ok)
        assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted

    shown = run_dialog(monkeypatch, EndPairingDialog, evaluate)
    qtbot.mouseClick(panel.complete_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1

    saved = mentorship.get_mentorship(ctx, pairing.id)
    assert saved.status == vocab.MentorshipStatus.COMPLETED
    assert saved.ended_on == dt.date(2024, 6, 15)
    assert saved.mentor_evaluation == "政治坚定，能独立主持村民议事会，群众基础好。"
    assert saved.mentee_summary == "半年来跟班学习，补上了基层治理的短板。"
    assert (saved.evaluation_result, saved.evaluation_grade) == ("考核合格，可以独当一面", "良好")
    assert saved.end_reason == ""

    # The panel shows the evaluation and no longer offers to end the pairing; the list follows.
    assert panel.view is not None and panel.view.status == vocab.MentorshipStatus.COMPLETED
    assert not panel.complete_button.isEnabled() and not panel.abort_button.isEnabled()
    overview = panel.overview.toPlainText()
    assert "2024.06.15" in overview and "良好" in overview and "能独立主持村民议事会" in overview
    assert "补上了基层治理的短板" in overview and "考核合格，可以独当一面" in overview
    assert page.model.rowCount() == 0  # 进行中 by default
    page.status.setCurrentIndex(page.status.findData(vocab.MentorshipStatus.COMPLETED.value))
    assert page.model.rowCount() == 1 and page.model.index(0, 3).data() == "已结业"


def test_add_edit_and_archive_mentorship_records(
    qtbot: QtBot,
    ctx: ServiceContext,
    page: PairingsPage,
    pairing: mentorship.MentorshipView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = page.panel
    bar = panel.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert panel.tabs.currentIndex() == 1 and panel.records.isVisible()
    assert panel.records.model().rowCount() == 0

    def add(dialog: MentorshipRecordDialog) -> None:
        assert dialog.windowTitle() == "新增帮带记录"
        assert dialog.date.text() == "2024.06.20"
        press(qtbot, dialog, Button.Save)  # no content yet
        assert dialog.isVisible() and "指导内容" in dialog.messages.text_of("content")
        retype(dialog.date, "2023.12.01")  # before the term began
        dialog.content.setFocus()
        type_with_ime(dialog.content, "陪同走访青山村困难户，讲解入户政策宣传的方法。")
        press(qtbot, dialog, Button.Save)
        assert dialog.isVisible() and "早于帮带期开始日期" in dialog.messages.text_of("date")
        assert dialog.messages.text_of("content") == ""
        retype(dialog.date, "2024.06.12")
        dialog.form.setCurrentIndex(dialog.form.findText("现场指导"))
        press(qtbot, dialog, Button.Save)
        assert not dialog.isVisible()

    added = run_dialog(monkeypatch, MentorshipRecordDialog, add)
    qtbot.mouseClick(panel.add_record_button, Qt.MouseButton.LeftButton)
    assert len(added) == 1
    [record] = mentorship_records.list_mentorship_records(ctx, pairing.id)
    assert (record.date, record.form) == (dt.date(2024, 6, 12), "现场指导")
    assert record.content == "陪同走访青山村困难户，讲解入户政策宣传的方法。"
    table = panel.records.model()
    assert table.rowCount() == 1
    assert [table.index(0, c).data() for c in range(3)] == ["2024.06.12", "现场指导", record.content]

    # A double-click on the row opens it for editing, filled in; the change is saved over it.
    def edit(dialog: MentorshipRecordDialog) -> None:
        assert dialog.windowTitle() == "编辑帮带记录"
        assert dialog.date.text() == "2024.06.12" and dialog.form.currentText() == "现场指导"
        assert dialog.content.toPlainText() == record.content
        dialog.content.setFocus()
        dialog.content.selectAll()
        type_with_ime(dialog.content, "带领走访青山村五户困难户，示范政策宣传。")
        dialog.form.setCurrentIndex(dialog.form.findText("带教"))
        press(qtbot, dialog, Button.Save)
        assert not dialog.isVisible()

    edited = run_dialog(monkeypatch, MentorshipRecordDialog, edit)
    click_row(qtbot, panel.records, 0, double=True)
    assert len(edited) == 1
    [changed] = mentorship_records.list_mentorship_records(ctx, pairing.id)
    assert changed.id == record.id and changed.version > record.version
    assert (changed.form, changed.content) == ("带教", "带领走访青山村五户困难户，示范政策宣传。")
    assert table.index(0, 1).data() == "带教" and table.index(0, 2).data() == changed.content

    # Cancelling an edit keeps the record as it was.
    cancelled = run_dialog(monkeypatch, MentorshipRecordDialog, lambda d: press(qtbot, d, Button.Cancel))
    click_row(qtbot, panel.records, 0)
    qtbot.mouseClick(panel.edit_record_button, Qt.MouseButton.LeftButton)
    assert len(cancelled) == 1
    assert mentorship_records.list_mentorship_records(ctx, pairing.id) == [changed]

    # Archiving the chosen record takes it off the list (and out of the service's list).
    mentorship_records.add_mentorship_record(
        ctx, pairing.id, mentorship_records.MentorshipRecordInput("2024.06.18", "谈心", "谈心谈话")
    )
    panel.show_pairing(pairing.id)
    assert table.rowCount() == 2
    click_row(qtbot, panel.records, 0)
    qtbot.mouseClick(panel.archive_record_button, Qt.MouseButton.LeftButton)
    remaining = mentorship_records.list_mentorship_records(ctx, pairing.id)
    assert [r.content for r in remaining] == ["谈心谈话"]
    assert table.rowCount() == 1 and table.index(0, 2).data() == "谈心谈话"
    qtbot.mouseClick(panel.archive_record_button, Qt.MouseButton.LeftButton)  # nothing chosen now
    assert len(mentorship_records.list_mentorship_records(ctx, pairing.id)) == 1


def test_archive_a_pairing_only_when_the_user_says_yes(
    qtbot: QtBot,
    ctx: ServiceContext,
    page: PairingsPage,
    pairing: mentorship.MentorshipView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = page.panel
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(_parent: QWidget, _title: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(panel.archive_button, Qt.MouseButton.LeftButton)
    assert asked == ["归档王小明与李四的结对吗？勾选列表上方的“已归档”可以再看到并恢复它。"]
    assert not mentorship.get_mentorship(ctx, pairing.id).archived
    assert panel.view is not None and panel.view.id == pairing.id
    assert page.model.rowCount() == 1

    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(panel.archive_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert mentorship.get_mentorship(ctx, pairing.id).archived
    assert mentorship.list_mentorships(ctx) == []
    assert panel.view is None and not panel.archive_button.isEnabled()
    assert page.model.rowCount() == 0
    assert page.count.text() == "共 0 对"

    page.archived.setChecked(True)
    assert page.model.rowCount() == 1 and page.count.text() == "共 1 对"
    assert panel.view is not None and panel.archive_button.text() == "恢复"
    assert not panel.edit_button.isEnabled() and not panel.complete_button.isEnabled()
    qtbot.mouseClick(panel.archive_button, Qt.MouseButton.LeftButton)
    assert not mentorship.get_mentorship(ctx, pairing.id).archived
    assert panel.view is not None and panel.view.id == pairing.id  # still shown, now live
    page.archived.setChecked(False)
    assert page.model.rowCount() == 1
