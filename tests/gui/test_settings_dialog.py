"""Settings: department settings in the database, operator and language per machine, moving the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.db import sqlite_tools
from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.services import accounts, app_settings, cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell import application
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets.guarded_dialog import DiscardQuestion
from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog
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


def test_a_signed_in_account_is_the_operator(
    qtbot: QtBot, db: Database, settings: Settings, boxes: list[str], _zh_cn: None
) -> None:
    """With accounts the audit trail and the printed 制表人 name the account (its display name): the
    operator field shows it and takes no input. It used to offer a free-text name that was saved
    and then ignored."""
    admin = accounts.set_first_admin(db, "admin", "Kq7#river-stone", display_name="王管理")
    settings.set(keys.OPERATOR, "李干事")  # typed before the accounts were set
    dlg = SettingsDialog(admin, settings)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.operator.text() == "王管理" and dlg.operator.isReadOnly()
    with qtbot.waitSignal(dlg.accepted):
        qtbot.keyClick(dlg.operator, Qt.Key.Key_Return)
    assert dlg.result_value is not None and not dlg.result_value.restart_needed
    assert boxes == []


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, for the passphrase dialog
def test_a_cancelled_passphrase_is_no_unsaved_input(
    qtbot: QtBot, dialog: SettingsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """加密…, a passphrase typed, then Cancel in the passphrase dialog; then Cancel in 设置 closes without
    asking "这里输入的内容尚未保存。要放弃吗？" (the passphrase dialog stayed behind as a child of 设置, and
    its fields counted as the settings' input)."""
    typed: list[PassphraseDialog] = []

    def cancel_the_passphrase() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, PassphraseDialog):
            QTimer.singleShot(20, cancel_the_passphrase)
            return
        typed.append(box)
        box.passphrase.setText("Secret#2026x")
        box.again.setText("Secret#2026x")
        box.reject()

    QTimer.singleShot(0, cancel_the_passphrase)
    qtbot.mouseClick(dialog.encryption.button, Qt.MouseButton.LeftButton)
    assert typed, "the passphrase was not asked"
    assert not dialog.has_unsaved_input()
    asked: list[object] = []
    monkeypatch.setattr(DiscardQuestion, "ask", classmethod(lambda cls, *a: asked.append(a) or False))
    dialog.reject()
    assert asked == [] and not dialog.isVisible()

    # Typed input is still guarded.
    dialog.show()
    dialog.edits["department_name"].setText("中共某某县委组织部")
    dialog.reject()
    assert len(asked) == 1 and dialog.isVisible()


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
    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000):
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


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (read only; a WAL next to the file is read too)."""
    conn = sqlite_tools.connect(path, read_only=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in sorted(names)
        }
    finally:
        conn.close()


def test_the_moved_copy_is_verified_and_the_old_file_keeps_its_records(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    dialog: SettingsDialog,
    settings: Settings,
    tmp_path: Path,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = ctx.db.path
    assert old is not None
    before = table_rows(old)
    assert len(before["cadre"]) == 3
    dest = tmp_path / "新位置" / "档案数据.db"
    chosen: list[str] = []

    def save_name(_parent: QWidget, _title: str, start: str, *_a: object) -> tuple[str, str]:
        chosen.append(start)
        return str(dest), "SQLite (*.db)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000):
        qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert chosen == [str(old)]  # the file dialog starts at the current file

    # A whole, checked, self-contained copy at the new place, holding the same records.
    assert dest.is_file() and not dest.with_name(dest.name + ".part").exists()
    assert not dest.with_name(dest.name + "-wal").exists()
    copy = sqlite_tools.connect(dest, read_only=True)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        names = {r[0] for r in copy.execute("SELECT name FROM cadre")}
    finally:
        copy.close()
    assert names == set(sample_cadres)
    assert table_rows(dest) == before

    # The old file: every record as it was. Only its audit log has one line more, noting the copy
    # (maintenance.backup audits every copy in the open database), so its bytes are not identical.
    # (and the audit chain's head row, which follows the trail's last record).
    trail = ("audit_event", "audit_chain_head")
    after = table_rows(old)
    assert {k: v for k, v in after.items() if k not in trail} == {
        k: v for k, v in before.items() if k not in trail
    }
    assert set(before["audit_event"]) < set(after["audit_event"])
    conn = sqlite_tools.connect(old, read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        added = conn.execute("SELECT action, entity, summary FROM audit_event ORDER BY id DESC").fetchone()
    finally:
        conn.close()
    assert added == ("backup", "database", str(dest))

    # The new place is what the next start opens; this run goes on with the old file.
    assert settings.get(keys.DATABASE_PATH) == str(dest)
    assert Settings.at(Path(settings.file_name)).get(keys.DATABASE_PATH) == str(dest)  # on disk
    assert ctx.db.path == old and dialog.path_label.text() == str(old)
    assert dialog.move_note.text().startswith("已复制并校验")
    assert str(dest) in dialog.move_note.text() and str(old) in dialog.move_note.text()
    assert dialog.move_button.isEnabled()
    assert len(boxes) == 1 and str(dest) in boxes[0]  # asked whether to quit now; answered No
    assert dialog.isVisible()


def test_moving_the_data_file_into_a_hostile_folder(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    dialog: SettingsDialog,
    settings: Settings,
    tmp_path: Path,
    boxes: list[str],
) -> None:
    """`#`, `?`, `%`, `&`, spaces, Chinese and a leading `-` in the folder and the file name."""
    old = ctx.db.path
    assert old is not None
    before = table_rows(old)
    dest = tmp_path / "-新 #1?a=b%20&c 位置" / "-档案 #?%& 数据.db"
    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000):
        dialog.move_to(dest)
    assert dialog.runner.error == ""
    assert sorted(p.name for p in dest.parent.iterdir()) == [dest.name]
    assert table_rows(dest) == before and len(before["cadre"]) == 3
    assert settings.get(keys.DATABASE_PATH) == str(dest)
    moved = open_database(str(dest))
    try:
        assert moved.path == dest
    finally:
        moved.dispose()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("-新")) == [dest.parent.name]


def test_without_a_saved_path_the_data_directory_is_used(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CADRE_DESK_DB", raising=False)
    assert application.chosen_database(None, settings).endswith("cadre-desk.db")
    assert application.chosen_operator(None, settings) is None
