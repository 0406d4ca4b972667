"""谈话记录 as users work it: record a talk with a follow-up, the kind's outline, tick the follow-up off."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, talks
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.talks.talk_editor import TalkEditor
from cadre_desk.ui.talks.talk_outlines import outline_for
from cadre_desk.ui.talks.talks_page import TalksPage
from tests.gui.test_main_window import type_with_ime

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = dt.date(2024, 6, 20)


def test_record_a_talk_and_tick_off_its_follow_up(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
    _zh_cn: None,
) -> None:
    editor = TalkEditor(ctx)
    qtbot.addWidget(editor)
    editor.save()  # empty: messages at the fields
    assert editor.messages.text_of("subject_ids") == "请选择谈话对象"
    assert editor.messages.text_of("kind") == "请选择谈话类型"
    editor.kind.setCurrentIndex(editor.kind.findData("提醒谈话"))
    assert editor.outline.toPlainText() == outline_for("提醒谈话")
    editor.kind.setCurrentIndex(editor.kind.findData("任职谈话"))  # untouched suggestion: replaced silently
    assert editor.outline.toPlainText() == outline_for("任职谈话")
    editor.outline.setPlainText("一、我自己的提纲")
    answers: list[str] = []

    def say_no(*args: object, **_kw: object) -> object:
        answers.append(str(args[2]))
        from PySide6.QtWidgets import QMessageBox

        return QMessageBox.StandardButton.No

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", say_no)
    editor.kind.setCurrentIndex(editor.kind.findData("交流谈话"))
    assert answers and editor.outline.toPlainText() == "一、我自己的提纲"  # asked, kept
    editor.talk_at.setText("2024.06.18 09:30")
    type_with_ime(editor.subject_picker.line, "李四")
    qtbot.waitUntil(lambda: editor.subject_picker.choices.rowCount() == 1)
    qtbot.keyClick(editor.subject_picker.line, Qt.Key.Key_Return)  # picks the one match and adds it
    assert editor.subject_ids() == (sample_cadres["李四"].id,)
    editor.talkers.setText("张三")
    editor.place.setText("组织部三楼会议室")
    editor.recorder.setText("孙干事")
    editor.content.setPlainText("交流新岗位安排，了解家庭困难。")
    editor.statement.setPlainText("服从组织安排。")
    editor.add_follow_up("协调解决子女入学问题", "干部一科", "2024.07.31")
    editor.save()
    assert editor.result_view is not None, editor.messages.general.text()
    talk = editor.result_view
    assert talk.follow_ups[0].action == "协调解决子女入学问题" and talk.follow_ups[0].done_date is None

    page = TalksPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.refresh()
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1 and page.model.index(0, 5).data() == "1/1"
    assert page.count.text() == "共 1 次谈话"
    tick = page.panel.follow_ups.item(0, 0)
    tick.setCheckState(Qt.CheckState.Checked)
    assert talks.get_talk(ctx, talk.id).follow_ups[0].done_date == TODAY
    assert page.model.index(0, 5).data() == "0/1"
    done = page.panel.follow_ups.item(0, 0)
    assert done.text() == f"{TODAY:%Y.%m.%d}" and done.checkState() == Qt.CheckState.Checked
    metrics = page.panel.follow_ups.fontMetrics()  # the done date shows in full beside its tick box
    assert page.panel.follow_ups.columnWidth(0) >= metrics.horizontalAdvance(done.text()) + 20
    page.kind.setCurrentIndex(page.kind.findData("诫勉谈话"))
    assert page.model.rowCount() == 0 and not page.model.canFetchMore(QModelIndex())
    assert page.show_record("talk", talk.id) and page.panel.view is not None and page.panel.view.id == talk.id
    assert "交流新岗位安排" in page.panel.record.toPlainText()


def test_compare_the_cadres_of_an_inspection_talk(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    from cadre_desk.ui.structure.comparison_dialog import ComparisonDialog

    opened: list[ComparisonDialog] = []
    monkeypatch.setattr(ComparisonDialog, "open", lambda self: opened.append(self))  # noqa: PLW0108 (binds self)
    ids = tuple(c.id for c in list(sample_cadres.values())[:3])
    inspection = talks.record_talk(
        ctx, talks.TalkInput("2024.06.10 09:00", "考察谈话", ids, "赵部长", content="考察。")
    )
    routine = talks.record_talk(
        ctx, talks.TalkInput("2024.06.11 09:00", "任职谈话", ids[:2], "赵部长", content="任职。")
    )
    page = TalksPage(ctx, TODAY)
    qtbot.addWidget(page)
    page.panel.show_talk(routine.id)
    assert page.panel.compare_button.isHidden()  # only a 考察谈话's 考察对象
    page.panel.show_talk(inspection.id)
    assert (
        not page.panel.compare_button.isHidden() and page.panel.compare_button.text() == "横向比较考察对象…"
    )
    page.panel.compare()
    assert opened and opened[0].comparison.cadre_ids == ids
    with qtbot.waitSignal(page.open_record) as picked:
        opened[0].table.horizontalHeader().sectionDoubleClicked.emit(2)
    assert picked.args == ["cadre", ids[2]]
