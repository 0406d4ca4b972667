"""The window's automatic backups (on exit after changes, on the timer), 文件 → 从备份恢复…, and the offer of
the newest good backup when the database is damaged at start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk import paths
from cadre_desk.db import sqlite_tools
from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.errors import DamagedDatabase
from cadre_desk.services import audit_trail, backups, cadres, maintenance
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.ui.backups.auto_backup import AutoBackup
from cadre_desk.ui.backups.restore import DamagedOffer, RestoreDialog, RestoreRequest
from cadre_desk.ui.shell import application, main_window
from cadre_desk.ui.shell.main_window import MainWindow
from tests.conftest import make_cadre, ready_account


def _auto_backups() -> list[Path]:
    return sorted(paths.backup_dir().glob("*-auto-*.db"))


def test_closing_after_changes_takes_a_verified_backup(
    qtbot: QtBot, ctx: ServiceContext, open_window: Callable[[], MainWindow], _zh_cn: None
) -> None:
    window = open_window()
    window.close()
    assert _auto_backups() == []  # nothing changed
    make_cadre(ctx, "林小雨")
    window = open_window()
    seen: list[str] = []
    closed = False

    def look() -> None:  # runs inside the copy (its progress processes events): what the user sees
        seen.extend(
            w.labelText()
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible() and w.labelText() not in seen
        )
        if not closed:
            QTimer.singleShot(0, look)

    QTimer.singleShot(0, look)
    window.close()
    closed = True
    assert seen == ["关闭前正在备份改动…"]  # the window does not look hung during a long copy
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    [copy] = _auto_backups()
    conn = sqlite_tools.connect(copy, read_only=True)
    assert [r[0] for r in conn.execute("SELECT name FROM cadre")] == ["林小雨"]
    conn.close()
    assert audit_trail.list_events(ctx, audit_trail.AuditFilter(action="backup"))[0].changes["kind"] == "auto"


def test_the_timer_backs_up_in_the_background(qtbot: QtBot, ctx: ServiceContext) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    auto = AutoBackup(ctx, holder)
    assert auto.timer.isActive() and auto.timer.interval() == 30 * 60_000
    make_cadre(ctx, "张三")
    with qtbot.waitSignal(auto.message, timeout=60_000) as signal:
        auto.timer.timeout.emit()
    assert "auto" in signal.args[0]
    assert len(_auto_backups()) == 1
    auto.run_in_background()  # no changes since: nothing more
    qtbot.waitUntil(lambda: not auto.running, timeout=60_000)
    assert auto.last is not None and auto.last.skipped
    assert len(_auto_backups()) == 1


def test_file_restore_replaces_the_data_and_reloads_the_window(
    qtbot: QtBot,
    ctx: ServiceContext,
    db_path: Path,
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_cadre(ctx, "备份里的人")
    backup = maintenance.backup(ctx, db_path.parent / "早上 #备份.db")
    make_cadre(ctx, "后来加的人")
    window = open_window()
    assert window.roster.model.rowCount() == 2
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, c: RestoreRequest(backup)))
    window.menus.restore_action.trigger()
    qtbot.waitUntil(lambda: window.backups.restore_runner.result is not None, timeout=30_000)
    qtbot.waitUntil(lambda: window.roster.model.rowCount() == 1, timeout=60_000)
    result = window.backups.restore_runner.result
    assert result is not None and result.saved_current is not None and result.saved_current.exists()
    assert "已从" in window.statusBar().currentMessage() or "Restored" in window.statusBar().currentMessage()
    [event] = audit_trail.list_events(ctx, audit_trail.AuditFilter(action="restore"))
    assert event.changes["from"] == str(backup)


def test_a_damaged_database_at_start_offers_its_newest_good_backup(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _zh_cn: None
) -> None:
    path = tmp_path / "cadre-desk.db"
    db = open_database(str(path))
    ctx = open_context(db, "测试员")
    for i in range(40):
        make_cadre(ctx, f"干部{i}")
    backups.auto_backup(ctx)
    sqlite_tools.checkpoint(path)
    db.dispose()
    with path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 16384)
    offered: list[DamagedDatabase] = []

    def accept(_parent: QWidget | None, error: DamagedDatabase) -> bool:
        offered.append(error)
        return True

    shown: list[str] = []
    monkeypatch.setattr(DamagedOffer, "ask", classmethod(lambda cls, p, e: accept(p, e)))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(str(a[2])))
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    opened: list[int] = []
    monkeypatch.setattr(main_window.MainWindow, "show", lambda self: opened.append(self.roster.reload()))
    assert application.run_gui(str(path), "测试员") == 0
    assert len(offered) == 1 and offered[0].backup is not None
    assert opened == [40] and shown == []
    assert list(paths.backup_dir().glob("cadre-desk-damaged-*.db"))


def test_the_policy_dialog_saves_and_refuses(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path, _zh_cn: None
) -> None:
    from cadre_desk.ui.backups.policy_dialog import BackupPolicyDialog

    dialog = BackupPolicyDialog(ctx)
    qtbot.addWidget(dialog)
    assert (dialog.daily.value(), dialog.weekly.value(), dialog.monthly.value()) == (7, 4, 12)
    dialog.folder.setText("relative/folder")
    dialog.save()
    assert dialog.saved is None and "完整路径" in dialog.error.text()
    dialog.daily.setValue(10)
    dialog.folder.setText(str(tmp_path / "U盘 #1"))
    dialog.save()
    assert dialog.saved == backups.BackupPolicy(10, 4, 12, str(tmp_path / "U盘 #1"))
    assert backups.get_policy(ctx).daily == 10


def test_restore_is_offered_to_the_administrator_only(
    qtbot: QtBot, db: Database, ctx: ServiceContext, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 干部科经办 keeps 备份数据库… (a copy) but is not offered 从备份恢复… (inspection F21); the
    系统管理员's own (limited) window offers it, and it restores with his account kept."""
    from cadre_desk.services import accounts
    from cadre_desk.ui.shell.limited_window import LimitedWindow
    from cadre_desk.ui.shell.settings import Settings

    make_cadre(ctx, "备份里的人")
    admin = accounts.set_first_admin(db, "admin", "Kq7#river-stone")
    ready_account(admin, "jingban", ["clerk"], "Cl3#quiet-field")
    clerk = accounts.authenticate(db, "jingban", "Cl3#quiet-field")
    if clerk.must_change_password:
        clerk = accounts.change_own_password(clerk, "Cl3#quiet-field", "Own5#clear-brook")
    backup = maintenance.backup(admin, db_path.parent / "早上 #备份.db")
    make_cadre(clerk, "后来加的人")
    settings = Settings.at(db_path.parent / "ui.ini")
    window = application.window_for(clerk, settings, background_checks=False)
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    assert window.menus.backup_action.isVisible() and not window.menus.restore_action.isVisible()
    assert window.menus.backup_action.property("cadreDeskNeeds") == "backup"
    assert window.menus.restore_action.property("cadreDeskNeeds") == "restore"
    window.close()
    admin_window = application.window_for(admin, settings)
    qtbot.addWidget(admin_window)
    assert isinstance(admin_window, LimitedWindow)
    assert admin_window.restore_action.isVisible() and admin_window.backup_action.isVisible()
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, c: RestoreRequest(backup)))
    admin_window.restore_action.trigger()
    qtbot.waitUntil(lambda: admin_window.restore_runner.result is not None, timeout=30_000)
    names = [c.name for c in cadres.list_cadres(clerk)]
    assert names == ["备份里的人"]
    admin_window.close()


def test_the_restore_question_says_when_the_backup_was_made_not_when_it_was_copied(
    qtbot: QtBot,
    ctx: ServiceContext,
    db_path: Path,
    parent: QWidget,
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    """Inspection F19: a backup copied from a USB stick showed the copy's time as 制作于."""
    import os

    from PySide6.QtWidgets import QFileDialog

    from cadre_desk.db import backup_files
    from cadre_desk.services import sealed_backup
    from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog

    make_cadre(ctx, "林小雨")
    backup = maintenance.backup(ctx, db_path.parent / "早上.db")
    sealed = sealed_backup.sealed_backup(ctx, db_path.parent / "封存.sealed", "Seal-pass-2026")
    for path in (backup, sealed):
        os.utime(path, (2_000_000_000, 2_000_000_000))  # copied from the stick in 2033
    made = backup_files.made_at(backup)
    assert made is not None
    asked: list[str] = []
    chosen: list[Path] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen[-1]), ""))
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(lambda cls, *a: "Seal-pass-2026"))

    def question(_parent: QWidget, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    for path in (backup, sealed):
        chosen.append(path)
        assert RestoreDialog.ask(parent, ctx) is None
    plain, sealed_text = asked
    assert f"制作于 {made.astimezone().strftime('%Y.%m.%d %H:%M')}（其最后一条审计记录）" in plain
    assert "2033" not in plain
    assert "文件时间 2033." in sealed_text and "制作于" not in sealed_text
    assert "账号不随备份恢复" in plain and "账号不随备份恢复" in sealed_text
