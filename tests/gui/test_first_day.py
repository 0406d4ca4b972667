"""A clerk's first day, from an empty database, through the real main window (issue 10).

Create a unit (on the 单位 page), a young cadre and a
mentor (新建干部 with Ctrl+N), pair them (结对帮带), write diary entries (one dated before the pairing,
which asks), comment as the mentor, record a talk with a follow-up (记录人 prefilled), print it to a
PDF file, archive and restore, search, and open the window again in English. Dialogs are driven
through their `ask` classmethods (monkeypatched to fill the real dialog and press its button), so
nothing blocks; every step's outcome is asserted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.domain import vocab
from cadre_desk.services import cadres, diary, mentorship, talks, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.diary_editor import DiaryEditor, OutsideTermQuestion
from cadre_desk.ui.pairings.pairing_dialog import PairingDialog
from cadre_desk.ui.printing.pdf_preview import PdfPreviewDialog
from cadre_desk.ui.roster.new_cadre_dialog import NewCadreDialog
from cadre_desk.ui.shell.main_window import HOME, ROSTER, UNITS, WELCOME, MainWindow
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.shell.work_pages import DIARY, PAIRINGS, TALKS
from cadre_desk.ui.talks.talk_editor import TalkEditor
from cadre_desk.ui.widgets.guarded_dialog import DiscardQuestion
from tests.conftest import PINNED_DAY
from tests.gui.test_main_window import type_with_ime

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.usefixtures("pinned_day"),
]
TODAY = PINNED_DAY  # the window dates by the clock: diary dates may not lie in the future


def day(offset: int) -> str:
    return f"{TODAY + dt.timedelta(days=offset):%Y.%m.%d}"


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """A shortcut as the user types it, in the main window (active again after a dialog closed)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.navigation.stack.currentWidget(), key, modifier)


def test_a_clerks_first_day(
    qtbot: QtBot,
    ctx: ServiceContext,
    settings: Settings,
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    switch_to_english: Callable[[], None],
) -> None:
    # --- an empty database: the welcome page; Enter does not generate demo data -------------------
    window = open_window()
    assert window.current_page() == WELCOME
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return)
    assert window.welcome.demo_button.isEnabled()  # busy (disabled) while demo data is generated
    assert cadres.list_cadres(ctx) == [] and window.current_page() == WELCOME
    qtbot.mouseClick(window.welcome.blank_button, Qt.MouseButton.LeftButton)  # 从空白开始
    assert window.current_page() == ROSTER

    # --- a unit, on the 单位 page (Ctrl+N there) --------------------------------------------------
    window.show_page(UNITS)
    units_page = window.page(UNITS)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_with_ime(units_page.name, "某某县青山镇人民政府")
    type_with_ime(units_page.short_name, "青山镇")
    units_page.kind.setCurrentIndex(units_page.kind.findData("乡镇"))
    qtbot.mouseClick(units_page.save_button, Qt.MouseButton.LeftButton)
    (unit,) = units.list_units(ctx)
    assert (unit.name, unit.short_name, unit.kind) == ("某某县青山镇人民政府", "青山镇", "乡镇")
    window.show_page(ROSTER, allow_welcome=False)

    # --- 新建干部 twice with Ctrl+N: a young cadre and her mentor ---------------------------------
    people = [
        {"name": "林小雨", "gender": "女", "birth": "1998.10", "post": "青山镇党政办科员"},
        {"name": "周正德", "gender": "男", "birth": "1975.06", "post": "青山镇党委书记"},
    ]
    typed_then_cancelled: list[bool] = []

    def new_cadre(cls: type, parent: QWidget, context: ServiceContext) -> cadres.CadreView | None:
        dialog = NewCadreDialog(context, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        if not typed_then_cancelled:  # Esc with typed data asks first (and keeps it when told to)
            dialog.form.set_text("name", "半途")
            monkeypatch.setattr(DiscardQuestion, "ask", classmethod(lambda c, p, t="": False))
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
            typed_then_cancelled.append(dialog.isVisible())
        person = people.pop(0)
        for key, value in person.items():
            dialog.form.set_text(key, value)
        dialog.form.set_text("unit_id", str(unit.id))
        dialog.form.set_text("political_status", "中共党员")
        assert dialog.save(), dialog.message.text()
        return dialog.created

    monkeypatch.setattr(NewCadreDialog, "ask", classmethod(new_cadre))
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert typed_then_cancelled == [True]
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    listed = {c.name: c for c in cadres.list_cadres(ctx)}
    mentee, mentor = listed["林小雨"], listed["周正德"]
    assert mentee.unit == "某某县青山镇人民政府" and mentee.gender == "女"
    assert window.roster.total() == 2 and window.status.count_label.text() == "共 2 人"
    assert window.roster.profile.cadre_id == mentor.id  # the new cadre is shown

    # --- pair them (结对帮带, Ctrl+N on the page) -------------------------------------------------
    window.show_page(PAIRINGS)

    def new_pairing(
        cls: type, parent: QWidget, context: ServiceContext, current: object = None, today: object = None
    ) -> object:
        dialog = PairingDialog(context, None, None, parent)
        qtbot.addWidget(dialog)
        dialog.mentor.set_cadre(mentor.id, mentor.name)
        dialog.mentee.set_cadre(mentee.id, mentee.name)
        dialog.term_start.setText(day(-60))
        dialog.term_end.setText(day(300))
        dialog.goals.setPlainText("熟悉基层治理，能独立组织村民议事会")
        dialog.save()
        return dialog.result_view

    monkeypatch.setattr(PairingDialog, "ask", classmethod(new_pairing))
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    pairings_page = window.page(PAIRINGS)
    (pairing,) = mentorship.list_mentorships(ctx)
    assert pairings_page.panel.view is not None and pairings_page.panel.view.id == pairing.id
    assert pairings_page.count.text() == "共 1 对"
    qtbot.waitUntil(lambda: "结对 1 对" in window.status.records_label.text())  # the status bar follows

    # --- diary entries: one dated before the pairing asks; then submit --------------------------
    window.show_page(DIARY)
    diary_page = window.page(DIARY)
    diary_page.mentee.set_cadre(mentee.id, mentee.name)
    asked: list[str] = []
    monkeypatch.setattr(
        OutsideTermQuestion, "ask", classmethod(lambda c, p, text: asked.append(text) is not None)
    )  # "change the date"
    entries = [
        (day(-90), "报到第一天", "熟悉镇里各办公室的职责。"),
        (day(-30), "第一次村民议事会", "跟随导师参加议事会。"),
    ]

    def write(
        cls: type,
        parent: QWidget,
        context: ServiceContext,
        mentee_id: int,
        name: str,
        entry: object = None,
        today: object = None,
    ) -> object:
        editor = DiaryEditor(context, mentee_id, name, None, None, parent)
        qtbot.addWidget(editor)
        editor.autosave.stop()
        date, title, content = entries.pop(0)
        editor.date.setText(date)
        editor.title.setText(title)
        editor.content.setPlainText(content)
        editor.submit()
        if asked and editor.entry is None:  # refused: the date field says why; a date inside the term
            assert editor.messages.text_of("date")
            editor.date.setText(day(-59))
            editor.submit()
        return editor.entry

    monkeypatch.setattr(DiaryEditor, "ask", classmethod(write))
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1 and day(-90) in asked[0] and "周正德" in asked[0]
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    written = diary.list_entries(ctx, mentee_id=mentee.id)
    assert [e.title for e in written] == ["第一次村民议事会", "报到第一天"]
    assert all(e.state == vocab.DiaryState.SUBMITTED and e.mentorship_id == pairing.id for e in written)
    assert diary_page.count.text() == "共 2 篇" and len(diary_page.timeline.cards) == 2

    # --- the mentor comments; a half-typed comment holds the page -------------------------------
    card = diary_page.timeline.cards[0]
    assert card.comment_box is not None and card.comment_button is not None
    card.comment_box.setPlainText("议事会记录详实")
    questions: list[str] = []
    monkeypatch.setattr(
        DiscardQuestion, "ask", classmethod(lambda c, p, t="": questions.append(t) is None and False)
    )
    window.navigation.entries.setCurrentRow(window.page_keys().index(TALKS))
    qtbot.waitUntil(lambda: window.navigation.entries.currentRow() == window.page_keys().index(DIARY))
    assert window.current_page() == DIARY and len(questions) == 1
    card.comment_button.click()
    commented = diary.get_entry(ctx, written[0].id)
    assert commented.state == vocab.DiaryState.COMMENTED and commented.comments[0].mentor == "周正德"

    # --- a talk with a follow-up; 记录人 is the operator ------------------------------------------
    window.show_page(TALKS)
    talks_page = window.page(TALKS)

    def record(
        cls: type, parent: QWidget, context: ServiceContext, current: object = None, subject: object = None
    ) -> object:
        editor = TalkEditor(context, None, (mentee.id, mentee.name), parent)
        qtbot.addWidget(editor)
        assert editor.recorder.text() == ctx.operator
        editor.kind.setCurrentIndex(editor.kind.findData("日常谈心"))
        editor.place.setText("镇党委书记办公室")
        editor.talkers.setText("周正德")
        editor.content.setPlainText("谈了入职两个月来的体会和下一步打算。")
        editor.add_follow_up("整理一份村民诉求清单", "林小雨", day(-1))
        editor.save()
        return editor.result_view

    monkeypatch.setattr(TalkEditor, "ask", classmethod(record))
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    (talk,) = talks.list_talks(ctx)
    assert talk.recorder == "测试员" and talk.follow_ups[0].action == "整理一份村民诉求清单"
    assert talks_page.panel.view is not None and talks_page.panel.view.id == talk.id
    assert talks_page.model.index(0, 5).data(Qt.ItemDataRole.ForegroundRole) is not None  # overdue: red

    # --- print (Ctrl+P) to a PDF file -------------------------------------------------------------
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    previews: list[PdfPreviewDialog] = []
    qtbot.waitUntil(
        lambda: bool(
            previews.extend(
                w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()
            )
            or previews
        ),
        timeout=30_000,
    )
    preview = previews[0]
    assert preview.height() <= 720 - 40
    pdf = tmp_path / "谈话记录表.pdf"
    assert preview.save_to(pdf)
    preview.close()
    assert len(PdfReader(pdf).pages) == 1

    # --- archive and restore --------------------------------------------------------------------
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    talks_page.panel.archive_button.click()
    assert talks.get_talk(ctx, talk.id).archived and talks_page.model.rowCount() == 0
    talks_page.archived.setChecked(True)  # 已归档
    assert talks_page.model.rowCount() == 1 and talks_page.panel.archive_button.text() == "恢复"
    talks_page.panel.archive_button.click()
    assert not talks.get_talk(ctx, talk.id).archived
    talks_page.archived.setChecked(False)
    assert talks_page.model.rowCount() == 1

    # --- search, and Ctrl+Z in the search box -------------------------------------------------------
    window.focus_search()
    qtbot.keyClicks(window.search, "lxy")
    press_undo = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.search, Qt.Key.Key_Z, press_undo)
    assert window.search.text() == ""
    type_with_ime(window.search, "议事会")
    window.global_search.run()
    hits = window.global_search.model.results.hits
    assert {h.kind for h in hits} >= {"diary"} and any(h.ref_id == written[0].id for h in hits)
    shown = window.global_search.model.index(0, 0).data()
    assert f"{TODAY:%Y}." in shown and f"{TODAY:%Y}-" not in shown  # dates as written everywhere
    window.search.clear()
    window.search.setText("lxy")
    window.global_search.run()
    cadre_hits = [h for h in window.global_search.model.results.hits if h.kind == "cadre"]
    assert cadre_hits and "lxy" not in cadre_hits[0].snippet  # initials find her, but stay hidden
    window.global_search.close()

    # --- F5 and the status bar --------------------------------------------------------------------
    window.show_page(HOME)
    press(qtbot, window, Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.status.records_label.text() == "结对 1 对 · 日记 2 篇 · 谈话 1 次")
    window.close()

    # --- English (CADRE_DESK_LANG=en): the window opened again ----------------------------------
    switch_to_english()
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.navigation.entries.item(window.page_keys().index(PAIRINGS)).text() == "Mentorship pairings"
    window.show_page(PAIRINGS)
    page = window.page(PAIRINGS)
    assert page.count.text() == "1 pairing" and page.model.index(0, 3).data() == "Active"
    window.show_page(TALKS)
    assert window.page(TALKS).model.index(0, 1).data() == "Routine talk"
    window.status.refresh_record_counts()
    qtbot.waitUntil(lambda: window.status.records_label.text() == "1 pairing · 2 diary entries · 1 talk")
    assert window.status.count_label.text() == "2 cadres"
    window.close()


def test_an_import_while_the_profile_is_edited_and_the_shortcuts(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Half-way through an edit, an import changes the same cadre: the open profile takes the import
    in, Ctrl+S saves both without a conflict dialog; "已保存。" never stands beside an enabled 保存."""
    from cadre_desk.ui.widgets.conflict_dialog import ConflictDialog

    zhang = sample_cadres["张三"]
    window = open_window()
    window.show_page(ROSTER)
    window.roster.show_cadre(zhang.id)
    profile = window.roster.profile
    assert profile.form.editor("birth").placeholderText() == "例如 1985.03"  # an example, not data
    titles = [profile.tabs.tabText(i) for i in range(profile.tabs.count())]
    assert any(t.startswith("谈话记录（") or t.startswith("谈话记录 (") for t in titles), (
        titles
    )  # before a visit

    profile.form.set_text("post", "干部一科科长（主持工作）")
    assert profile.is_dirty()
    stored = cadres.get_cadre(ctx, zhang.id)  # what an import of the same cadre does …
    data = stored.to_input().__dict__ | {"phone": "13900001111"}
    cadres.update_cadre(ctx, zhang.id, stored.to_input().__class__(**data), stored.version)
    window.menus.transfers.changed.emit()  # … and the window is told, as after every import
    assert profile.form.text_of("phone") == "13900001111"
    assert profile.form.text_of("post") == "干部一科科长（主持工作）" and profile.is_dirty()

    asked: list[object] = []
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, *a: asked.append(a)))
    press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = cadres.get_cadre(ctx, zhang.id)
    assert (saved.post, saved.phone) == ("干部一科科长（主持工作）", "13900001111") and asked == []
    assert profile.status.text() == "已保存。" and not profile.save_button.isEnabled()
    profile.form.set_text("post", "干部一科科长")
    assert profile.save_button.isEnabled() and profile.status.text() != "已保存。"
    profile.revert()

    printed: list[int] = []
    monkeypatch.setattr(type(profile), "print_dossier", lambda self: printed.append(self.cadre_id))
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == [zhang.id]
