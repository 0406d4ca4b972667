"""成长日记: a date outside the pairing gets a choice; withdrawing, archiving and restoring entries;
editing and withdrawing a mentor's comment; a typed comment is not lost on leaving the page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.domain import vocab
from cadre_desk.services import cadres, diary, diary_comments, diary_entries, mentorship, mentorship_changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.comment_dialog import CommentDialog
from cadre_desk.ui.diary.diary_editor import DiaryEditor, OutsideTermQuestion
from cadre_desk.ui.diary.diary_page import DiaryPage
from cadre_desk.ui.pairings.pairing_dialog import PairingDialog
from cadre_desk.ui.widgets.guarded_dialog import DiscardQuestion

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = dt.date(2024, 6, 20)


@pytest.fixture
def pairing(ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView]) -> mentorship.MentorshipView:
    mentor, mentee = sample_cadres["王小明"], sample_cadres["李四"]
    return mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.03.01", "2025.02.28")
    )


def editor_for(qtbot: QtBot, ctx: ServiceContext, mentee: cadres.CadreView) -> DiaryEditor:
    editor = DiaryEditor(ctx, mentee.id, mentee.name, None, TODAY)
    qtbot.addWidget(editor)
    editor.autosave.stop()
    editor.title.setText("入职前的准备")
    editor.content.setPlainText("学习了乡镇工作条例。")
    editor._edited()
    return editor


def test_a_date_before_the_pairing_asks(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    pairing: mentorship.MentorshipView,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    asked: list[str] = []
    answer = [False]

    def ask(_parent: QWidget, text: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(OutsideTermQuestion, "ask", classmethod(lambda cls, p, t: ask(p, t)))
    editor = editor_for(qtbot, ctx, sample_cadres["李四"])
    editor.date.setText("2024.02.10")
    assert not editor.save()  # "change the date": nothing saved, the field says why
    assert editor.entry is None and len(asked) == 1
    assert "2024.02.10" in asked[0] and "王小明" in asked[0] and "2024.03.01" in asked[0]
    assert editor.messages.text_of("date") == "请选择结对帮带期内的日期。"

    answer[0] = True  # "attach to the pairing"
    editor.submit()
    assert editor.entry is not None
    saved = diary.get_entry(ctx, editor.entry.id)
    assert saved.mentorship_id == pairing.id and saved.state == vocab.DiaryState.SUBMITTED
    assert len(asked) == 2

    inside = editor_for(qtbot, ctx, sample_cadres["李四"])
    inside.date.setText("2024.06.01")
    assert inside.save() and len(asked) == 2  # within the term: no question


def test_withdraw_archive_restore_and_comment_edits(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    pairing: mentorship.MentorshipView,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    mentee = sample_cadres["李四"]
    entry = diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.06.01", "调研笔记", "调研", "走访三个村。"), submit=True
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    page = DiaryPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.mentee.set_cadre(mentee.id, mentee.name)
    card = page.timeline.cards[0]
    assert card.withdraw_button is not None and card.edit_button is None
    card.withdraw_button.click()
    assert diary.get_entry(ctx, entry.id).state == vocab.DiaryState.DRAFT
    card = page.timeline.cards[0]
    assert card.edit_button is not None and card.withdraw_button is None  # editable again

    card.archive_button.click()
    assert diary.get_entry(ctx, entry.id).archived and page.timeline.cards == []
    assert page.count.text() == "共 0 篇"
    page.archived.setChecked(True)  # 已归档
    assert [c.item.entry.id for c in page.timeline.cards] == [entry.id]
    card = page.timeline.cards[0]
    assert card.archive_button.text() == "恢复"
    card.archive_button.click()
    assert not diary.get_entry(ctx, entry.id).archived and page.timeline.cards == []
    page.archived.setChecked(False)
    assert [c.item.entry.id for c in page.timeline.cards] == [entry.id]

    current = diary.get_entry(ctx, entry.id)
    diary_entries.submit_entry(ctx, entry.id, current.version)
    diary_comments.add_comment(
        ctx, entry.id, diary.CommentInput(sample_cadres["王小明"].id, "很好。", "2024.06.02")
    )
    page.refresh()
    card = page.timeline.cards[0]
    assert card.withdraw_button is None  # commented: no withdrawing any more
    (_comment, edit, _withdraw) = card.comment_rows[0]
    monkeypatch.setattr(CommentDialog, "ask", classmethod(lambda cls, p, mentor, text: text + "注意总结。"))
    edit.click()
    assert diary.get_entry(ctx, entry.id).comments[0].text == "很好。注意总结。"
    page.timeline.cards[0].comment_rows[0][2].click()
    after = diary.get_entry(ctx, entry.id)
    assert after.comments == () and after.state == vocab.DiaryState.SUBMITTED


def test_a_typed_comment_holds_the_page_and_dialogs_ask_before_discarding(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    pairing: mentorship.MentorshipView,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    mentee = sample_cadres["李四"]
    diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.06.01", "调研笔记", "调研", "走访三个村。"), submit=True
    )
    questions: list[str] = []
    answer = [False]

    def discard(_parent: QWidget, text: str = "") -> bool:
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(DiscardQuestion, "ask", classmethod(lambda cls, p, text="": discard(p, text)))
    page = DiaryPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.show()
    page.mentee.set_cadre(mentee.id, mentee.name)
    assert page.can_leave()  # nothing typed
    box = page.timeline.cards[0].comment_box
    assert box is not None
    box.setPlainText("写了一半的点评")
    assert not page.can_leave() and "调研笔记" in questions[-1]
    assert box.toPlainText() == "写了一半的点评"
    answer[0] = True
    assert page.can_leave() and box.toPlainText() == ""

    # 新建结对: Esc with typed goals asks; an untouched dialog closes at once
    dialog = PairingDialog(ctx, None, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    asked = len(questions)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(questions) == asked and not dialog.isVisible()
    dialog = PairingDialog(ctx, None, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.goals.setPlainText("熟悉基层治理")
    answer[0] = False
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(questions) == asked + 1 and dialog.isVisible()
    assert dialog.goals.toPlainText() == "熟悉基层治理"
    answer[0] = True
    dialog.reject()
    assert not dialog.isVisible()
