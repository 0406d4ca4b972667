"""Settings: department settings in the database, operator and language per machine, moving the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.services import app_settings
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui import application
from cadre_desk.ui import settings as keys
from cadre_desk.ui.settings import Settings
from cadre_desk.ui.settings_dialog import SettingsDialog
from tests.gui.test_main_window import type_with_ime


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def info(_parent: QWidget | None, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    def question(
        _parent: QWidget | None, _title: str, text: str, *_args: object
    ) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "information", info)
    monkeypatch.setattr(QMessageBox, "warning", info)
    monkeypatch.setattr(QMessageBox, "question", question)
    return shown


@pytest.fixture
def dialog(qtbot: QtBot, ctx: ServiceContext, settings: Settings, _zh_cn: None) -> SettingsDialog:
    dlg = SettingsDialog(ctx, settings)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_department_settings_are_validated_then_saved(
    qtbot: QtBot, ctx: ServiceContext, dialog: SettingsDialog, boxes: list[str]
) -> None:
    assert dialog.windowTitle() == "设置"
    name = dialog.edits["department_name"]
    name.clear()
    type_with_ime(name, "中共某某县委组织部" * 8)  # longer than 60 characters
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    error = dialog.errors["department_name"]
    assert error.isVisible() and "60" in error.text()
    assert dialog.isVisible()  # the form stays as the user left it
    assert app_settings.get_settings(ctx).department_name == ""

    name.clear()
    type_with_ime(name, "中共某某县委组织部")
    assert not error.isVisible() or error.text()
    mark = dialog.edits["confidentiality_mark"]
    mark.clear()
    type_with_ime(mark, "机密 注意保密")
    type_with_ime(dialog.edits["print_reviewer"], "王审核")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    saved = app_settings.get_settings(ctx)
    assert (saved.department_name, saved.confidentiality_mark, saved.print_reviewer) == (
        "中共某某县委组织部",
        "机密 注意保密",
        "王审核",
    )
    assert dialog.result_value is not None and not dialog.result_value.restart_needed
    assert boxes == []


def test_operator_and_language_are_kept_per_machine(
    qtbot: QtBot, dialog: SettingsDialog, settings: Settings, boxes: list[str]
) -> None:
    assert dialog.operator.text() == "测试员"
    dialog.operator.clear()
    type_with_ime(dialog.operator, "李干事")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.operator, Qt.Key.Key_Return)
    assert settings.get(keys.OPERATOR) == "李干事"
    assert settings.get(keys.LANGUAGE) == "en"
    assert dialog.result_value is not None and dialog.result_value.restart_needed
    assert any("重新启动" in text for text in boxes)
    assert application.chosen_operator(None, settings) == "李干事"
    assert application.chosen_operator("命令行", settings) == "命令行"


def test_moving_the_data_file_copies_it_and_keeps_the_old_one(
    qtbot: QtBot,
    ctx: ServiceContext,
    dialog: SettingsDialog,
    settings: Settings,
    tmp_path: Path,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = ctx.db.path
    assert old is not None and dialog.path_label.text() == str(old)
    dest = tmp_path / "elsewhere" / "moved.db"
    with qtbot.waitSignal(dialog.runner.finished, timeout=20_000):
        dialog.move_to(dest)
    assert dest.is_file() and old.is_file()
    assert settings.get(keys.DATABASE_PATH) == str(dest)
    assert "moved.db" in dialog.move_note.text()
    assert any("复制" in text for text in boxes)
    monkeypatch.delenv("CADRE_DESK_DB", raising=False)
    assert application.chosen_database(None, settings) == str(dest)
    assert application.chosen_database("other.db", settings) == "other.db"
    monkeypatch.setenv("CADRE_DESK_DB", "/tmp/env.db")
    assert application.chosen_database(None, settings) == "/tmp/env.db"

    # Moving onto an existing file is refused with a message; nothing is overwritten.
    before = dest.read_bytes()
    dialog.move_to(dest)
    assert not dialog.runner.running
    assert "已有同名文件" in boxes[-1]
    assert dest.read_bytes() == before


def test_without_a_saved_path_the_data_directory_is_used(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CADRE_DESK_DB", raising=False)
    assert application.chosen_database(None, settings).endswith("cadre-desk.db")
    assert application.chosen_operator(None, settings) is None
