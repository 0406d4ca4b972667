"""考察材料 in the window: the draft and its sources, quoting a talk, bold, revisions, Word export,
and the question before typed text is thrown away."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from docx import Document as WordDocument
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, inspection
from cadre_desk.services import talks as tk
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.inspection import DE, SHORTCOMINGS
from cadre_desk.ui.inspection.inspection_dialog import InspectionDialog, load_markup, to_markup
from cadre_desk.ui.widgets.guarded_dialog import DiscardQuestion

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def dialog(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> InspectionDialog:
    # Closing at teardown discards without a modal question (tests that check the question patch it).
    monkeypatch.setattr(DiscardQuestion, "ask", classmethod(lambda cls, p, t="": True))
    zhang = sample_cadres["张三"]
    tk.record_talk(
        ctx,
        tk.TalkInput(
            talk_at="2026.10.12 09:00",
            kind="考察谈话",
            subject_ids=(zhang.id,),
            talkers="赵部长",
            content="干部群众普遍认为其政治素质好。",
        ),
    )
    d = InspectionDialog(ctx, zhang.id)
    qtbot.addWidget(d)
    d.show()
    return d


def test_markup_round_trips_through_the_editor(dialog: InspectionDialog) -> None:
    edit = dialog.editors[DE]
    load_markup(edit, "第一段**加粗**尾\n第二段")
    assert to_markup(edit.document()) == "第一段**加粗**尾\n第二段"


def test_draft_quote_bold_save_and_export(
    dialog: InspectionDialog, ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cadre_id = dialog._cadre_id
    assert dialog.title.text() == "关于张三同志的考察材料"
    assert "新草稿" in dialog.revision_label.text() and not dialog.history.isEnabled()
    assert "优秀" in dialog.editors["ji"].toPlainText()
    sources = [dialog.facts.topLevelItem(i).child(j).text(1)
               for i in range(dialog.facts.topLevelItemCount())
               for j in range(dialog.facts.topLevelItem(i).childCount())]  # fmt: skip
    assert "年度考核" in sources
    assert not dialog.has_unsaved_input()

    # Quote the 考察谈话 under 德.
    dialog.tabs.setCurrentIndex(1)
    talk_item = dialog.excerpts.item(0)
    assert "考察谈话" in talk_item.text()
    talk_item.setCheckState(Qt.CheckState.Checked)
    dialog.quote_checked()
    assert (
        "“干部群众普遍认为其政治素质好。”（摘自2026.10.12考察谈话记录）" in dialog.editors[DE].toPlainText()
    )
    assert dialog.has_unsaved_input()

    # Type the shortcomings and make a phrase bold.
    edit = dialog.editors[SHORTCOMINGS]
    dialog.tabs.setCurrentWidget(edit)
    edit.setPlainText("工作方法有时简单。")
    cursor = edit.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(8, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    dialog.toggle_bold()
    assert to_markup(edit.document()) == "**工作方法有时简单**。"

    assert dialog.save()
    saved = inspection.current(ctx, cadre_id)
    assert saved is not None and saved.revision == 1
    assert saved.section(SHORTCOMINGS).text == "**工作方法有时简单**。"
    assert any(f.source == "摘自2026.10.12考察谈话记录" for f in saved.sources)
    assert not dialog.has_unsaved_input() and dialog.history.count() == 1

    out = tmp_path / "考察 #1.docx"
    assert dialog.export_word_to(out)
    paragraphs = [p.text for p in WordDocument(str(out)).paragraphs]
    assert "工作方法有时简单。" in paragraphs

    # Unsaved text is never thrown away without asking.
    edit.setPlainText("又改了一句。")
    asked: list[str] = []
    monkeypatch.setattr(DiscardQuestion, "ask", classmethod(lambda cls, p, t="": asked.append("x") or False))
    dialog.redraft()
    assert asked and edit.toPlainText() == "又改了一句。"
    dialog.reject()
    assert dialog.isVisible() and len(asked) == 2
    monkeypatch.setattr(DiscardQuestion, "ask", classmethod(lambda cls, p, t="": True))
    dialog.reject()
    assert not dialog.isVisible()


def test_a_stale_editor_keeps_its_text(
    dialog: InspectionDialog, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    cadre_id = dialog._cadre_id
    other = inspection.draft(ctx, cadre_id)
    inspection.save(ctx, cadre_id, other.title, other.sections, other.sources, based_on=0)  # another PC
    dialog.editors[SHORTCOMINGS].setPlainText("我写的内容。")
    warnings: list[str] = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(str(a[2])))
    assert not dialog.save()
    assert warnings and "已被他人修改" in warnings[0]
    assert dialog.editors[SHORTCOMINGS].toPlainText() == "我写的内容。"
    assert [r.revision for r in inspection.revisions(ctx, cadre_id)] == [1]


def test_revisions_are_listed_at_the_local_time_they_were_saved(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    """The history showed the stored UTC time as if it were local: in Beijing a revision saved on
    2027.01.01 at 07:30 was listed as 2026.12.31 23:30."""
    monkeypatch.setattr(DiscardQuestion, "ask", classmethod(lambda cls, p, t="": True))
    cadre_id = sample_cadres["张三"].id
    beijing = dt.datetime(2027, 1, 1, 7, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(beijing, tick=False):  # the local time zone too, while travelling
        draft = inspection.draft(ctx, cadre_id)
        inspection.save(ctx, cadre_id, draft.title, draft.sections, draft.sources, based_on=0)
        d = InspectionDialog(ctx, cadre_id)
        qtbot.addWidget(d)
        assert d.history.count() == 1 and d.history.itemText(0).endswith("2027.01.01 07:30")
