"""帮助 → 关于: a translated dialog with the version, the icon, where the data is, and copyable details."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from cadre_desk import __version__, paths
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.settings import Settings

Opener = Callable[[], MainWindow]
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, for dialogs


def test_about_shows_the_version_and_copies_the_details(open_window: Opener, qtbot: QtBot) -> None:
    window = open_window()
    window.menus.about_action.trigger()
    dialog = window.menus.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "关于干部成长档案台"
    assert f"干部成长档案台 {__version__}" in dialog.text.text()
    database = window.ctx.db.display_name()
    assert database in dialog.text.text()
    assert not dialog.windowIcon().isNull()
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert f"Cadre Desk {__version__}" in copied
    assert f"Database: {database}" in copied
    assert f"Data folder: {paths.data_dir()}" in copied
    assert dialog.copy_button.text() == "已复制"
    dialog.reject()


def test_portable_settings_live_with_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "便携 版"
    program.mkdir()
    (program / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "cadre-desk"))
    assert Path(Settings().file_name) == program / "data" / "settings.ini"
    monkeypatch.delattr(sys, "frozen")
    assert not Path(Settings().file_name).is_relative_to(program)
