"""谈话记录 workflows from the talk panel: archiving, a save that meets someone else's change, the layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, talks
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.talks.talk_editor import TalkEditor
from cadre_desk.ui.talks.talks_page import TalksPage
from tests.gui.test_main_window import type_with_ime
from tests.gui.test_pairing_workflows import Button, press, run_dialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = dt.date(2024, 6, 20)


def talk_input(subject: int, content: str) -> talks.TalkInput:
    return talks.TalkInput(
        talk_at="2024.06.18 09:30",
        kind="提醒谈话",
        subject_ids=(subject,),
        talkers="张三",
        place="组织部三楼会议室",
        recorder="孙干事",
        content=content,
        follow_ups=(talks.FollowUpInput("提交整改报告", "李四", "2024.07.01"),),
    )


@pytest.fixture
def talk(ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView]) -> talks.TalkView:
    return talks.record_talk(ctx, talk_input(sample_cadres["李四"].id, "提醒按时报送材料。"))


def open_page(qtbot: QtBot, ctx: ServiceContext) -> TalksPage:
    page = TalksPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.refresh()
    return page


def test_archive_a_talk_only_when_the_user_says_yes(
    qtbot: QtBot, ctx: ServiceContext, talk: talks.TalkView, monkeypatch: pytest.MonkeyPatch, _zh_cn: None
) -> None:
    page = open_page(qtbot, ctx)
    panel = page.panel
    assert panel.view is not None and panel.view.id == talk.id
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(_parent: QWidget, _title: str, text: str, *_a: object, **_k: object) -> object:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(panel.archive_button, Qt.MouseButton.LeftButton)
    assert asked == ["归档这条谈话记录吗？勾选列表上方的“已归档”可以再看到并恢复它。"]
    assert not talks.get_talk(ctx, talk.id).archived
    assert panel.view is not None and panel.view.id == talk.id
    assert page.model.rowCount() == 1 and page.count.text() == "共 1 次谈话"

    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(panel.archive_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert talks.get_talk(ctx, talk.id).archived
    assert panel.view is None and not panel.archive_button.isEnabled() and not panel.edit_button.isEnabled()
    assert page.model.rowCount() == 0 and page.count.text() == "共 0 次谈话"
    assert panel.follow_ups.rowCount() == 0

    # the way back: the 已归档 filter lists it, and 恢复 brings it back
    page.archived.setChecked(True)
    assert page.model.rowCount() == 1 and page.count.text() == "共 1 次谈话"
    assert panel.view is not None and panel.view.id == talk.id
    assert panel.archive_button.text() == "恢复" and not panel.edit_button.isEnabled()
    qtbot.mouseClick(panel.archive_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2  # restoring needs no question
    assert not talks.get_talk(ctx, talk.id).archived
    assert page.model.rowCount() == 0  # it left the archived view …
    page.archived.setChecked(False)
    assert page.model.rowCount() == 1  # … and is back in the list


def test_saving_over_someone_elses_change_keeps_the_users_text(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    talk: talks.TalkView,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    page = open_page(qtbot, ctx)
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *_a, **_k: warnings.append((title, text))
    )
    questions: list[str] = []

    def discard(_parent: QWidget, _title: str, text: str, *_a: object, **_k: object) -> object:
        questions.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", discard)
    mine = "谈话中本人承认材料报送不及时，表示立即整改。"

    def edit_while_someone_else_saves(editor: TalkEditor) -> None:
        assert editor.windowTitle() == "编辑谈话记录"
        assert editor.content.toPlainText() == "提醒按时报送材料。"
        # Meanwhile, on another desk, the same record is changed and saved.
        talks.update_talk(
            ctx, talk.id, talk_input(sample_cadres["李四"].id, "别处补充的内容。"), talk.version
        )
        editor.content.setFocus()
        editor.content.selectAll()
        type_with_ime(editor.content, mine)
        assert editor.dirty
        press(qtbot, editor, Button.Save)
        assert len(warnings) == 1
        title, text = warnings[0]
        assert title == "未保存"
        assert "已被他人修改" in text and "请刷新后再保存" in text
        assert text.endswith("您填写的内容仍保留在编辑器中。")
        assert editor.isVisible() and editor.result_view is None  # still open, the text as typed
        assert editor.content.toPlainText() == mine and editor.dirty
        assert editor.messages.general.isHidden()
        press(qtbot, editor, Button.Cancel)  # leaving with unsaved text asks first
        assert questions == ["放弃对这份谈话记录的修改吗？"]
        assert not editor.isVisible()

    shown = run_dialog(monkeypatch, TalkEditor, edit_while_someone_else_saves)
    qtbot.mouseClick(page.panel.edit_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    stored = talks.get_talk(ctx, talk.id)
    assert stored.content == "别处补充的内容。" and stored.version > talk.version  # theirs, not overwritten
    assert "别处补充的内容。" in page.panel.record.toPlainText()  # the panel shows what is stored now


def test_talks_page_layout_is_saved_and_restored(
    qtbot: QtBot, ctx: ServiceContext, talk: talks.TalkView, settings: Settings, tmp_path: Path, _zh_cn: None
) -> None:
    page = open_page(qtbot, ctx)
    header = page.table.horizontalHeader()
    page.splitter.setSizes([420, 860])
    header.resizeSection(2, 260)
    header.moveSection(1, 4)  # 类型 dragged after 地点
    sizes = page.splitter.sizes()
    assert header.visualIndex(1) == 4 and sizes[0] < sizes[1]

    page.save_state(settings)
    settings.sync()
    assert not settings.get(keys.TALKS_SPLITTER).isEmpty()
    assert not settings.get(keys.TALKS_HEADER).isEmpty()

    # The next start: a new page, the settings read back from the file.
    fresh = open_page(qtbot, ctx)
    fresh_header = fresh.table.horizontalHeader()
    assert fresh.splitter.sizes() != sizes and fresh_header.visualIndex(1) == 1  # the defaults first
    fresh.restore_state(Settings.at(Path(settings.file_name)))
    assert fresh.splitter.sizes() == sizes
    assert fresh_header.sectionSize(2) == 260
    assert fresh_header.visualIndex(1) == 4
    assert fresh_header.saveState() == header.saveState()
    assert fresh.model.rowCount() == 1 and fresh.model.index(0, 1).data() == "提醒谈话"

    # Nothing saved yet (a first start): the page keeps its defaults.
    first = open_page(qtbot, ctx)
    before = first.splitter.sizes()
    first.restore_state(Settings.at(tmp_path / "first-start.ini"))
    assert first.splitter.sizes() == before and first.table.horizontalHeader().visualIndex(1) == 1
