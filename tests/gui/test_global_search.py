"""The global search box (Ctrl+F): typed hits with snippets, keyboard navigation, paging, opening."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cadre_desk.services import cadres, search
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.search import global_search
from cadre_desk.ui.search.global_search import Results, SearchResultsModel
from cadre_desk.ui.shell.main_window import ROSTER, MainWindow
from tests.conftest import make_cadre
from tests.gui.test_main_window import type_with_ime

Opener = Callable[[], MainWindow]


def hit_titles(window: MainWindow) -> list[str]:
    model = window.global_search.model
    return [hit.title for hit in model.results.hits]


def test_typing_finds_records_and_enter_opens_one(
    qtbot: QtBot, open_window: Opener, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    type_with_ime(window.search, "李四")
    qtbot.waitUntil(lambda: window.global_search.is_open)
    assert hit_titles(window) == ["李四"]
    assert window.global_search.status.text() == "共 1 条结果，显示 1 条"
    first = window.global_search.model.index(0)
    assert "[干部] 李四" in first.data()
    assert "青山镇" in first.data()
    # The roster keeps its own filter: the global search does not narrow it.
    assert window.roster.shown() == 3

    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.global_search.list.hasFocus()
    assert window.global_search.list.currentIndex().row() == 0
    qtbot.keyClick(window.global_search.list, Qt.Key.Key_Return)
    assert not window.global_search.is_open
    assert window.current_page() == ROSTER
    li = sample_cadres["李四"]
    qtbot.waitUntil(lambda: window.roster.profile.cadre_id == li.id)


def test_escape_closes_then_clears(
    qtbot: QtBot, open_window: Opener, sample_cadres: dict[str, cadres.CadreView]
) -> None:
    window = open_window()
    window.focus_search()
    type_with_ime(window.search, "青山镇")
    qtbot.waitUntil(lambda: window.global_search.is_open)
    assert sorted(hit_titles(window)) == ["李四", "王小明"]
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.keyClick(window.global_search.list, Qt.Key.Key_Escape)
    assert not window.global_search.is_open
    assert window.search.hasFocus()
    assert window.search.text() == "青山镇"
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""


def test_nothing_found(qtbot: QtBot, open_window: Opener, sample_cadres: dict[str, cadres.CadreView]) -> None:
    window = open_window()
    window.focus_search()
    type_with_ime(window.search, "不存在的名字")
    qtbot.waitUntil(lambda: window.global_search.is_open)
    assert window.global_search.model.rowCount() == 0
    assert window.global_search.status.text() == "未找到与“不存在的名字”相关的记录"


def test_more_fetches_the_next_page(
    qtbot: QtBot, ctx: ServiceContext, open_window: Opener, qtmodeltester: ModelTester
) -> None:
    for number in range(global_search.PAGE_SIZE + 5):
        make_cadre(ctx, f"测试{number:02d}", post="青山镇宣传委员")
    window = open_window()
    qtmodeltester.check(window.global_search.model, force_py=True)
    window.focus_search()
    type_with_ime(window.search, "宣传委员")
    qtbot.waitUntil(lambda: window.global_search.is_open)
    model = window.global_search.model
    assert model.rowCount() == global_search.PAGE_SIZE + 1
    more = model.index(global_search.PAGE_SIZE)
    assert more.data() == "显示更多…（还有 5 条）"
    window.global_search.list.setFocus()
    window.global_search.list.setCurrentIndex(more)
    qtbot.keyClick(window.global_search.list, Qt.Key.Key_Return)
    assert model.rowCount() == global_search.PAGE_SIZE + 5  # the "more" row is gone
    assert len(set(hit_titles(window))) == global_search.PAGE_SIZE + 5
    assert window.global_search.status.text() == "共 35 条结果，显示 35 条"


def test_the_results_model_alone(qtmodeltester: ModelTester, ctx: ServiceContext) -> None:
    for number in range(5):
        make_cadre(ctx, f"测试{number}", post="青山镇组织委员")
    page = search.search(ctx, "组织委员", limit=3)
    model = SearchResultsModel()
    qtmodeltester.check(model, force_py=True)
    model.set_results(Results("组织委员", page.hits, page.total, False))
    assert model.rowCount() == 4 and model.is_more(3)
    rest = search.search(ctx, "组织委员", limit=3, offset=3, with_total=False)
    model.append(rest.hits)
    assert model.rowCount() == 5 and not model.is_more(4)
    qtmodeltester.check(model, force_py=True)
