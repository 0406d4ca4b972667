"""The welcome page on an empty database: start blank, or fill it with demo data off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.db.engine import Database
from cadre_desk.services import accounts, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.main_window import HOME, ROSTER, WELCOME, MainWindow
from cadre_desk.ui.shell.settings import Settings

Opener = Callable[[], MainWindow]


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record warning/critical boxes instead of blocking on them."""
    shown: list[tuple[str, str]] = []

    def record(_parent: QWidget | None, title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "critical", record)
    return shown


def test_an_empty_database_shows_the_welcome_page(qtbot: QtBot, open_window: Opener) -> None:
    window = open_window()
    assert window.current_page() == WELCOME
    assert window.welcome.demo_button.text() == "生成演示数据"
    assert window.welcome.blank_button.text() == "从空白开始"
    assert window.welcome.count.value() == 300

    qtbot.mouseClick(window.welcome.blank_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == ROSTER
    assert window.roster.total() == 0
    assert window.status.count_label.text() == "共 0 人"


def test_generating_demo_data_fills_the_roster(
    qtbot: QtBot, open_window: Opener, message_boxes: list[tuple[str, str]]
) -> None:
    window = open_window()
    window.welcome.count.setValue(20)
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.demo.running
    assert not window.welcome.demo_button.isEnabled()
    qtbot.waitUntil(lambda: window.roster.total() == 20, timeout=120_000)
    assert window.current_page() == HOME  # 工作台 shows what the new data needs
    assert not window.demo.running
    assert window.demo.dialog is None
    assert window.welcome.demo_button.isEnabled()
    # the first cadre is selected, its profile filled in once the rows are painted
    qtbot.waitUntil(lambda: window.roster.profile.cadre_id is not None)
    assert window.settings.get(keys.DEMO_CADRES) == 20  # offered again next time
    assert message_boxes == []


def test_demo_data_is_refused_on_a_database_with_units(
    qtbot: QtBot, ctx: ServiceContext, open_window: Opener, message_boxes: list[tuple[str, str]]
) -> None:
    units.create_unit(ctx, units.UnitInput(name="某某县委办公室"))
    window = open_window()
    assert window.current_page() == WELCOME  # units but no cadres yet
    window.welcome.count.setValue(5)
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=60_000)
    title, text = message_boxes[0]
    assert title == "演示数据"
    assert "单位" in text or "干部" in text  # the generator's own Chinese reason
    assert window.current_page() == WELCOME
    assert window.welcome.demo_button.isEnabled()


def test_cancelling_demo_generation_leaves_the_database_empty(
    qtbot: QtBot, open_window: Opener, message_boxes: list[tuple[str, str]]
) -> None:
    window = open_window()
    window.welcome.count.setValue(200)
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.demo.dialog is not None
    cancel = window.demo.dialog.findChild(QPushButton)
    assert cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.demo.running, timeout=60_000)
    assert window.roster.reload() == 0
    assert window.current_page() == WELCOME
    assert message_boxes == []


def test_demo_data_under_an_administrator_names_the_demo_account_it_adds(
    qtbot: QtBot, db: Database, settings: Settings, _zh_cn: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    pw = "Guard-2026x"
    boss = accounts.set_first_admin(db, "boss", pw, "王管理")
    accounts.set_roles(boss, "boss", ["admin", "clerk"])
    shown: list[str] = []

    def record(_parent: QWidget | None, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", record)
    window = MainWindow(accounts.authenticate(db, "boss", pw), settings)
    qtbot.addWidget(window)
    window.show()
    window.welcome.count.setValue(5)
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.roster.total() == 5, timeout=120_000)
    qtbot.waitUntil(lambda: shown != [], timeout=60_000)
    assert "已添加演示账号 demo" in shown[0] and "账号管理" in shown[0]
