"""The window and an encrypted database: the passphrase at start (wrong → asked again, never a
traceback) and 设置 → 加密… / 取消加密…."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.db import cipher, sqlite_tools
from cadre_desk.db.opening import open_database
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell import application, main_window
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog
from tests.conftest import make_cadre

PASS = "county secret 2026"


def _encrypted(path: Path) -> None:
    db = open_database(str(path), encrypt=True, passphrase=PASS)
    make_cadre(open_context(db, "测试员"), "欧阳雪梅")
    db.dispose()
    cipher.forget(path)


def test_the_window_asks_for_the_passphrase_again_after_a_wrong_one(
    qapp: QApplication, tmp_path: Path, boxes: list[str], monkeypatch: pytest.MonkeyPatch, _zh_cn: None
) -> None:
    path = tmp_path / "enc.db"
    _encrypted(path)
    answers = iter(["wrong passphrase", PASS])
    messages: list[str] = []

    def ask(_parent: QWidget | None, _title: str, message: str, new: bool = False) -> str | None:
        messages.append(message)
        return next(answers)

    opened: list[str] = []
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(lambda cls, *a, **k: ask(*a, **k)))
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    monkeypatch.setattr(
        main_window.MainWindow, "show", lambda self: opened.append(self.ctx.db.display_name())
    )
    assert application.run_gui(str(path), "测试员") == 0
    assert opened == [str(path)]
    assert len(messages) == 2
    assert "SQLite format 3" in messages[0] and "口令不正确" in messages[1]
    assert boxes == []  # no error box: the passphrase dialog says what is wrong


def test_cancelling_the_passphrase_leaves_the_file_alone(
    qapp: QApplication, tmp_path: Path, boxes: list[str], monkeypatch: pytest.MonkeyPatch, _zh_cn: None
) -> None:
    path = tmp_path / "enc.db"
    _encrypted(path)
    before = path.read_bytes()
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(lambda cls, *a, **k: None))
    assert application.run_gui(str(path), "测试员") == 1
    assert path.read_bytes() == before


def test_the_passphrase_dialog_checks_a_new_passphrase(qtbot: QtBot, _zh_cn: None) -> None:
    dialog = PassphraseDialog(None, "加密", "选择口令", new=True)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("short")
    dialog.again.setText("short")
    dialog._accept()
    assert not dialog.result() and "8" in dialog.problem.text()
    dialog.passphrase.setText(PASS)
    dialog.again.setText(PASS + "x")
    dialog._accept()
    assert dialog.problem.text() and not dialog.result()
    dialog.again.setText(PASS)
    dialog._accept()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted


def test_settings_encrypts_and_decrypts_the_open_database(
    qtbot: QtBot,
    ctx: ServiceContext,
    db_path: Path,
    settings: Settings,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    make_cadre(ctx, "欧阳雪梅")
    dialog = SettingsDialog(ctx, settings)
    qtbot.addWidget(dialog)
    row = dialog.encryption
    assert row.state.text() == "未加密" and "复制" in row.state.toolTip()
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(lambda cls, *a, **k: PASS))
    row.button.click()
    qtbot.waitUntil(
        lambda: row.job is not None and not row.job.running and row.button.isEnabled(), timeout=30000
    )
    assert ctx.db.encrypted and row.state.text() == "已加密", boxes
    assert "以前的备份仍是明文文件" in boxes[-1] and "恢复其中一份时会先用此口令加密" in boxes[-1], boxes
    assert not db_path.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)
    assert "欧阳雪梅".encode() not in db_path.read_bytes()
    make_cadre(ctx, "林小雨")  # the window goes on working on the encrypted file
    row.button.click()  # 取消加密 (the question is answered Yes)
    qtbot.waitUntil(
        lambda: row.job is not None and not row.job.running and row.button.isEnabled(), timeout=30000
    )
    assert not ctx.db.encrypted
    assert db_path.read_bytes().startswith(sqlite_tools.SQLITE_HEADER)
