"""The main window on a real database: roster, search box, profile, remembered state."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import (
    cadres,
    diary,
    diary_comments,
    diary_entries,
    mentorship,
    mentorship_changes,
    search,
    talks,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.diary_page import DiaryPage
from cadre_desk.ui.jobs import integrity_check, workers
from cadre_desk.ui.pairings.pairings_page import PairingsPage
from cadre_desk.ui.roster.roster_model import Column
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.main_window import HOME, ROSTER, UNITS, MainWindow
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.shell.work_pages import DIARY, PAIRINGS, TALKS
from cadre_desk.ui.talks.talks_page import TalksPage
from cadre_desk.ui.widgets.record_kinds import kind_label

Opener = Callable[[], MainWindow]


def type_with_ime(widget: QWidget, text: str) -> None:
    """Chinese arrives from an input method as a committed string (QTest can only type Latin-1 keys)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def visible_names(window: MainWindow) -> list[str]:
    proxy = window.roster.proxy
    return [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]


def test_roster_shows_every_cadre(
    qtbot: QtBot, open_window: Opener, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    window = open_window()
    assert window.current_page() == HOME  # 工作台 first
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == ROSTER
    assert window.roster.table.model().rowCount() == 3
    assert sorted(visible_names(window)) == sorted(sample_cadres)
    assert window.windowTitle() == "干部成长档案台 — cadre-desk.db"
    assert window.status.count_label.text() == "共 3 人"
    assert "测试员" in window.status.operator_label.text()
    assert "cadre-desk.db" in window.status.db_label.text()
    assert window.navigation.entries.currentItem().text() == "干部名册"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "查看(&V)", "帮助(&H)"]
    qtbot.waitUntil(lambda: "日记" in window.status.records_label.text())  # counted in the background
    header = window.roster.model.headerData(Column.AGE, Qt.Orientation.Horizontal)
    assert header == "年龄"


def test_selecting_a_row_shows_the_profile(
    qtbot: QtBot, open_window: Opener, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    window = open_window()
    zhang = sample_cadres["张三"]
    assert window.roster.select_cadre(zhang.id)
    profile = window.roster.profile
    qtbot.waitUntil(lambda: profile.cadre_id == zhang.id)
    assert profile.title.text() == "张三"
    assert profile.form.value_text("name") == "张三"
    assert profile.form.value_text("birth") == "1985.03"
    assert f"{zhang.age()}岁" in profile.subtitle.text()
    assert profile.form.value_text("fulltime_education") == "大学"
    assert profile.form.value_text("unit") == "中共某某县委组织部"
    resume = profile.resume.records
    starts = [resume.index(r, resume.column_of("start")).data() for r in range(resume.rowCount())]
    assert starts == ["2003.09", "2007.07", "2008.03", "2012.03"]  # the 其间 item under its line
    assert resume.index(2, resume.column_of("text")).data() == "某某县委党校在职研究生班学习"
    assert not profile.resume.notes.isHidden()
    assert "空缺" in profile.resume.notes.text()  # the gap 2011.09–2012.03
    assert profile.tabs.tabText(0) == "基本信息"
    assert profile.tabs.tabText(profile.tabs.indexOf(profile.resume)) == "简历（3）"
    family = profile.editors["family"].records
    assert family.index(0, family.column_of("name")).data() == "刘芳"
    assessments = profile.editors["assessments"].records
    assert "优秀" in [assessments.index(r, assessments.column_of("grade")).data() for r in range(2)]
    assert profile.form.photo.text() == "无照片"

    # Clicking another row switches the profile.
    li = sample_cadres["李四"]
    row = visible_names(window).index("李四")
    rect = window.roster.table.visualRect(window.roster.proxy.index(row, Column.NAME))
    qtbot.mouseClick(window.roster.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: profile.cadre_id == li.id)
    assert profile.form.value_text("gender") == "女"
    assert profile.resume.notes.isHidden()


def test_the_photo_is_shown_in_the_form_box(
    qtbot: QtBot, ctx: ServiceContext, open_window: Opener, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    image = QImage(300, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    cadres.set_photo(ctx, sample_cadres["王小明"].id, bytes(data.data()), "image/png")

    window = open_window()
    assert window.roster.select_cadre(sample_cadres["王小明"].id)
    pixmap = window.roster.profile.form.photo.pixmap()
    assert not pixmap.isNull()
    logical = pixmap.deviceIndependentSize()
    assert (round(logical.width()), round(logical.height())) == (120, 160)


def test_sorting_by_age_and_post_since(
    open_window: Opener, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    window = open_window()
    table = window.roster.table
    table.sortByColumn(Column.AGE, Qt.SortOrder.AscendingOrder)
    assert visible_names(window) == ["李四", "张三", "王小明"]
    ages = [int(window.roster.proxy.index(r, Column.AGE).data()) for r in range(3)]
    assert ages == sorted(ages)
    table.sortByColumn(Column.POST_SINCE, Qt.SortOrder.DescendingOrder)
    assert visible_names(window) == ["李四", "张三", "王小明"]  # 2021.03, 2019.06, 2016.12
    table.sortByColumn(Column.RANK, Qt.SortOrder.AscendingOrder)
    assert visible_names(window)[0] == "李四"  # 副科级 ranks below 正科级


def test_window_state_is_remembered(
    open_window: Opener, settings: Settings, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    window = open_window()
    window.show_page(ROSTER)
    # The offscreen screen is 800 x 800, so the width restores as the window's minimum (960) anyway.
    window.resize(960, 700)
    window.roster.splitter.setSizes([300, 700])
    sizes = window.roster.splitter.sizes()
    geometry = window.saveGeometry()
    window.close()
    assert settings.get(keys.WINDOW_GEOMETRY) == geometry
    assert not settings.get(keys.ROSTER_HEADER).isEmpty()

    assert settings.get(keys.CURRENT_PAGE) == ROSTER
    again = open_window()
    assert again.current_page() == ROSTER
    assert (again.width(), again.height()) == (960, 700)
    assert again.roster.splitter.sizes() == sizes


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, for the message box
def test_the_background_integrity_check(
    qtbot: QtBot, open_window: Opener, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    window = open_window()
    window.integrity.start()
    qtbot.waitUntil(lambda: window.integrity.problems == [], timeout=60_000)
    window.integrity.report(["*** in database main ***", "Page 7: btreeInitPage() returns error code 11"])
    box = window.integrity.box
    assert box.isVisible() and not box.isModal()
    assert "btreeInitPage" in box.text()
    box.close()


def test_every_kind_of_record_opens_on_its_page_and_a_missing_one_is_reported(
    open_window: Opener, ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    mentor, mentee = sample_cadres["王小明"], sample_cadres["李四"]
    pairing = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.01.01", "2024.12.31", "熟悉基层", "")
    )
    entry = diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.06.03", "入户走访", "工作", "走访三户。"), submit=True
    )
    comment = diary_comments.add_comment(
        ctx, entry.id, diary.CommentInput(mentor.id, "记下原话。", "2024.06.04")
    )
    talk = talks.record_talk(
        ctx,
        talks.TalkInput(
            talk_at="2024.06.18 09:30",
            kind="提醒谈话",
            subject_ids=(mentee.id,),
            talkers="张三",
            content="提醒。",
        ),
    )
    window = open_window()
    opened = {
        "cadre": (ROSTER, mentee.id),
        "mentorship": (PAIRINGS, pairing.id),
        "diary": (DIARY, entry.id),
        "comment": (DIARY, comment.id),
        "talk": (TALKS, talk.id),
    }
    assert set(opened) == set(search.KINDS)
    for kind, (key, record_id) in opened.items():
        window.show_page(HOME)
        window.open_record(kind, record_id)
        assert window.current_page() == key, kind
    window.open_record("cadre", mentee.id)
    assert window.roster.profile.cadre_id == mentee.id
    pairings_page = window.page(PAIRINGS)
    assert isinstance(pairings_page, PairingsPage)
    window.open_record("mentorship", pairing.id)
    assert pairings_page.panel.view is not None and pairings_page.panel.view.id == pairing.id
    talks_page = window.page(TALKS)
    assert isinstance(talks_page, TalksPage)
    window.open_record("talk", talk.id)
    assert talks_page.panel.view is not None and talks_page.panel.view.id == talk.id

    # A record that no longer exists: back to where the user was, and a message saying so.
    for kind in search.KINDS:
        window.show_page(HOME)
        window.statusBar().clearMessage()
        window.open_record(kind, 12345)
        assert window.current_page() == HOME, kind
        assert kind_label(kind) in window.statusBar().currentMessage(), kind
    window.open_record("barometer", 1)  # a kind no page shows
    assert window.current_page() == HOME
    assert "barometer" in window.statusBar().currentMessage()
    window.open_record("unit", sample_cadres["张三"].unit_id or 0)  # units have a page of their own
    assert window.current_page() == UNITS
    assert window.units_page.tree.current_unit() == sample_cadres["张三"].unit_id


def test_the_integrity_check_can_be_stopped(
    ctx: ServiceContext, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    path = ctx.db.path
    assert path is not None
    assert integrity_check.QuickCheck(path).run() == []
    stopped = integrity_check.QuickCheck(path)
    stopped.stop()
    with pytest.raises(workers.Cancelled):
        stopped.run()
    assert integrity_check.QuickCheck(path.with_name("missing.db")).run()  # a problem, not a crash


def test_unsaved_profile_edits_hold_the_page_and_the_window_until_answered(
    qtbot: QtBot,
    open_window: Opener,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = open_window()
    window.show_page(ROSTER)
    assert window.roster.select_cadre(sample_cadres["张三"].id)
    profile = window.roster.profile
    qtbot.waitUntil(lambda: profile.cadre_id == sample_cadres["张三"].id)
    profile.form.set_text("phone", "13900001111")
    assert profile.is_dirty()
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))

    window.navigation.entries.setCurrentItem(window.navigation.item(HOME))
    qtbot.wait(10)
    assert window.current_page() == ROSTER
    assert window.navigation.entries.currentItem() is window.navigation.item(ROSTER)
    assert not window.close()
    assert profile.form.value_text("phone") == "13900001111"
    assert answers == []

    answers.append(QMessageBox.StandardButton.Discard)
    window.navigation.entries.setCurrentItem(window.navigation.item(HOME))
    assert window.current_page() == HOME
    assert not profile.is_dirty()


def test_a_first_window_fits_the_screen(open_window: Opener) -> None:
    window = open_window()
    room = window.screen().availableGeometry().size()
    size = window.default_size()
    assert size.width() <= max(room.width(), window.minimumWidth())
    assert size.height() <= max(room.height(), window.minimumHeight())
    assert size.width() >= window.minimumWidth() and size.height() >= window.minimumHeight()


def test_ctrl_n_acts_on_the_page_shown(
    qtbot: QtBot, open_window: Opener, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    window = open_window()
    window.show()
    window.show_page(HOME)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage()  # 工作台 has nothing to create
    window.show_page(DIARY)
    diary_page = window.page(DIARY)
    assert isinstance(diary_page, DiaryPage)
    window.statusBar().clearMessage()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert diary_page.problem.isVisible()  # the page's own Ctrl+N: choose the mentee first
    assert not window.statusBar().currentMessage()
