"""工作台 as a user sees it: counts as headings, items that open their records, ticking off follow-ups."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cadre_desk.services import talks, worktable
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.home.home_page import HomePage
from cadre_desk.ui.shell.main_window import HOME, ROSTER, MainWindow
from cadre_desk.ui.shell.settings import Settings
from tests.integration.test_worktable import TODAY, HomeWorld, build_home_world


@pytest.fixture
def world(ctx: ServiceContext) -> HomeWorld:
    return build_home_world(ctx)


@pytest.fixture
def window(
    qtbot: QtBot, ctx: ServiceContext, settings: Settings, world: HomeWorld, _zh_cn: None
) -> MainWindow:
    win = MainWindow(ctx, settings, today=TODAY)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    qtbot.waitUntil(lambda: win.home.table is not None)  # the lists load in the background
    return win


def cells(view_model: object, column: int) -> list[str]:
    model = view_model  # a HomeListModel
    return [model.index(r, column).data() for r in range(model.rowCount())]  # type: ignore[attr-defined]


def test_home_is_the_first_page_and_shows_what_needs_attention(window: MainWindow, world: HomeWorld) -> None:
    assert window.page_keys()[:2] == [HOME, ROSTER]
    assert window.navigation.entries.item(0).text() == "工作台"
    assert window.current_page() == HOME
    home = window.home
    assert home.title.text() == "今日待办（2024.06.10）"
    assert home.pending_heading.text() == "待点评的成长日记（1）"
    assert home.follow_heading.text() == "7 天内到期或已逾期的谈话后续事项（2）"
    assert home.ending_heading.text() == "30 天内期满的结对（1）"
    assert home.recent_heading.text().startswith("最近修改的记录（")
    assert cells(home.pending_model, 3) == ["第一次主持村民议事会"]
    assert cells(home.pending_model, 4) == ["9 天"]
    assert cells(home.follow_model, 1) == ["提交整改报告", "回访谈话对象"]
    assert cells(home.follow_model, 4) == ["逾期 5 天", "还有 3 天"]
    assert cells(home.ending_model, 4 - 1) == ["还有 20 天"]
    assert home.follow_model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # overdue: red
    assert home.follow_model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_home_models_pass_the_model_tester(qtmodeltester: ModelTester, window: MainWindow) -> None:
    home = window.home
    for model in (home.pending_model, home.follow_model, home.ending_model, home.recent_model):
        qtmodeltester.check(model, force_py=True)
    home.reload_now()  # a reset under the tester's eyes
    for model in (home.pending_model, home.follow_model, home.ending_model, home.recent_model):
        qtmodeltester.check(model, force_py=True)


def test_enter_and_double_click_open_the_record(qtbot: QtBot, window: MainWindow, world: HomeWorld) -> None:
    home = window.home
    home.pending_list.setFocus()
    home.pending_list.selectRow(0)
    with qtbot.waitSignal(home.open_record) as opened:
        qtbot.keyClick(home.pending_list, Qt.Key.Key_Return)
    assert opened.args == ["diary", world.waiting.id]
    assert window.current_page() != HOME  # the page that shows diary entries took it

    window.show_page(HOME)
    rect = home.ending_list.visualRect(home.ending_model.index(0, 1))
    qtbot.mouseClick(home.ending_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(home.open_record) as opened:
        qtbot.mouseDClick(home.ending_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["mentorship", world.ending.id]


def test_a_recent_cadre_change_opens_the_profile_in_the_roster(
    qtbot: QtBot, window: MainWindow, world: HomeWorld
) -> None:
    rows = [window.home.recent_model.row_at(r) for r in range(window.home.recent_model.rowCount())]
    cadre_row = next(r for r in rows if r.kind == "cadre")
    window.open_record("cadre", cadre_row.record_id)
    assert window.current_page() == ROSTER
    qtbot.waitUntil(lambda: window.roster.profile.cadre_id == cadre_row.record_id)


def test_ticking_off_a_follow_up(
    qtbot: QtBot, ctx: ServiceContext, window: MainWindow, world: HomeWorld
) -> None:
    home = window.home
    assert not home.done_button.isEnabled()
    rect = home.follow_list.visualRect(home.follow_model.index(0, 1))
    qtbot.mouseClick(home.follow_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert home.done_button.isEnabled()
    with qtbot.waitSignal(home.changed):
        qtbot.mouseClick(home.done_button, Qt.MouseButton.LeftButton)
    assert cells(home.follow_model, 1) == ["回访谈话对象"]
    assert home.follow_heading.text() == "7 天内到期或已逾期的谈话后续事项（1）"
    done = [f for f in talks.get_talk(ctx, world.talk.id).follow_ups if f.action == "提交整改报告"]
    assert done[0].done_date == TODAY
    assert worktable.load(ctx, TODAY).follow_ups_total == 1


def test_ctrl_digits_switch_pages(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == ROSTER
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == HOME


def test_a_home_page_on_its_own(qtbot: QtBot, ctx: ServiceContext, world: HomeWorld, _zh_cn: None) -> None:
    page = HomePage(ctx, TODAY)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.refresh()
    assert page.table is not None and page.table.pending_comments_total == 1
    page.focus_first_list()
    assert page.pending_list.current_row() == 0


def test_an_empty_home_page(qtbot: QtBot, ctx: ServiceContext, _zh_cn: None) -> None:
    page = HomePage(ctx, TODAY)
    qtbot.addWidget(page)
    page.reload_now()
    assert page.pending_heading.text() == "待点评的成长日记（0）"
    page.mark_selected_done()  # nothing selected: nothing happens
    assert page.follow_model.rowCount() == 0


def test_the_action_column_stays_readable_in_a_narrow_window(qtbot: QtBot, ctx: ServiceContext) -> None:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex
    from PySide6.QtWidgets import QHeaderView

    from cadre_desk.ui.home.home_page import STRETCH_MIN_CHARS, HomeList

    class Rows(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 3

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 4

        def data(self, index: QModelIndex, role: int = 0) -> object:
            return "中华人民共和国某某县某某单位" if role == 0 and index.column() != 1 else None

    model = Rows()
    table = HomeList(model, "narrow", 1)  # type: ignore[arg-type]
    qtbot.addWidget(table)
    table.resize(900, 300)
    table.show()
    model.modelReset.emit()
    header = table.horizontalHeader()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch
    table.resize(300, 300)
    qtbot.waitUntil(lambda: header.sectionResizeMode(1) == QHeaderView.ResizeMode.Interactive)
    assert header.sectionSize(1) >= table.fontMetrics().horizontalAdvance("汉") * STRETCH_MIN_CHARS
    table.resize(1600, 300)
    qtbot.waitUntil(lambda: header.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch)
