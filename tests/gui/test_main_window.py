"""The main window on a real database: roster, search box, profile, remembered state."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui import settings as keys
from cadre_desk.ui.main_window import ROSTER, MainWindow
from cadre_desk.ui.roster_model import Column
from cadre_desk.ui.settings import Settings

Opener = Callable[[], MainWindow]


def type_with_ime(widget: QWidget, text: str) -> None:
    """Chinese arrives from an input method as a committed string (QTest can only type Latin-1 keys)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def visible_names(window: MainWindow) -> list[str]:
    proxy = window.roster.proxy
    return [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]


def test_roster_shows_every_cadre(open_window: Opener, sample_cadres: dict[str, cadres.CadreView]) -> None:
    window = open_window()
    assert window.current_page() == ROSTER
    assert window.roster.table.model().rowCount() == 3
    assert sorted(visible_names(window)) == sorted(sample_cadres)
    assert window.windowTitle() == "干部成长档案台 — cadre-desk.db"
    assert window.count_label.text() == "共 3 人"
    assert "测试员" in window.operator_label.text()
    assert "cadre-desk.db" in window.db_label.text()
    assert window.nav.currentItem().text() == "干部名册"
    assert [window.menuBar().actions()[i].text() for i in range(2)] == ["文件(&F)", "帮助(&H)"]
    header = window.roster.model.headerData(Column.AGE, Qt.Orientation.Horizontal)
    assert header == "年龄"


def test_search_box_filters_as_you_type(
    qtbot: QtBot, open_window: Opener, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    window = open_window()
    qtbot.keyClick(window.roster.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()

    type_with_ime(window.search, "张")
    qtbot.waitUntil(lambda: visible_names(window) == ["张三"])
    assert window.count_label.text() == "显示 1 人 / 共 3 人"

    window.search.clear()
    qtbot.keyClicks(window.search, "ls")  # pinyin initials of 李四
    qtbot.waitUntil(lambda: visible_names(window) == ["李四"])

    window.search.clear()
    type_with_ime(window.search, "青山镇")  # unit (and post)
    qtbot.waitUntil(lambda: sorted(visible_names(window)) == ["李四", "王小明"])

    window.search.clear()
    type_with_ime(window.search, "青山镇")
    qtbot.keyClicks(window.search, " wxm")  # every term must match: unit and initials of 王小明
    qtbot.waitUntil(lambda: visible_names(window) == ["王小明"])

    window.search.clear()
    qtbot.waitUntil(lambda: len(visible_names(window)) == 3)
    assert window.count_label.text() == "共 3 人"


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
    assert profile.form.value_text("birth") == f"1985.03（{zhang.age()}岁）"
    assert profile.form.value_text("fulltime_education") == "大学 法学学士\n某某大学法学院法学专业"
    assert profile.form.value_text("unit") == "中共某某县委组织部"
    resume = profile.resume.toPlainText()
    assert "2007.07--2011.09" in resume
    assert "其间：2008.03--2010.12  某某县委党校在职研究生班学习" in resume
    assert "2012.03--" in resume
    assert profile.resume_notes.isVisibleTo(profile)
    assert "空缺" in profile.resume_notes.text()  # the gap 2011.09–2012.03
    assert profile.tabs.tabText(0) == "简历（3）"
    assert profile.family.model().index(0, 1).data() == "刘芳"
    assert profile.assessments.model().index(0, 1).data() == "优秀"
    assert profile.form.photo.text() == "无照片"

    # Clicking another row switches the profile.
    li = sample_cadres["李四"]
    row = visible_names(window).index("李四")
    rect = window.roster.table.visualRect(window.roster.proxy.index(row, Column.NAME))
    qtbot.mouseClick(window.roster.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: profile.cadre_id == li.id)
    assert profile.form.value_text("gender") == "女"
    assert not profile.resume_notes.isVisibleTo(profile)


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
    # The offscreen screen is 800 x 800, so the width restores as the window's minimum (960) anyway.
    window.resize(960, 700)
    window.roster.splitter.setSizes([300, 700])
    sizes = window.roster.splitter.sizes()
    geometry = window.saveGeometry()
    window.close()
    assert settings.get(keys.WINDOW_GEOMETRY) == geometry
    assert not settings.get(keys.ROSTER_HEADER).isEmpty()

    again = open_window()
    assert (again.width(), again.height()) == (960, 700)
    assert again.roster.splitter.sizes() == sizes
