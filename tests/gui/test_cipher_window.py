"""The window and passphrases on backups: 文件 → 备份数据库… sealed with a passphrase, 文件 → 从备份恢复… of a
sealed backup (wrong passphrase, damaged file) and of a backup from before the passphrase changed, and
设置 → 修改口令…. The artefacts are opened and checked, in the Chinese UI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk import sealed
from cadre_desk.db import cipher, sqlite_tools
from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.services import audit_trail, backups, encryption, maintenance, sealed_backup
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.ui.settings.settings_dialog import SettingsDialog
from cadre_desk.ui.shell.main_window import MainWindow
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog
from tests.cipher_files import opens as _opens
from tests.conftest import make_cadre

OLD = "county secret 2026"
NEW = "新口令 county 2027"
SEAL = "sealed backup 2026"
NAME = "欧阳雪梅"
ID_NUMBER = "110101198503071227"
ODD = "备份 #1?a=b%20 100%"
# the offscreen platform, when a progress dialog shows (a slow restore or backup under load)
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _no_strings(path: Path) -> None:
    data = path.read_bytes()
    for marker in (NAME.encode(), NAME[:2].encode(), ID_NUMBER.encode(), NAME.encode("utf-16-le")):
        assert marker not in data, marker


def _names(path: Path) -> set[str]:
    conn = sqlite_tools.connect(path, read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {str(r[0]) for r in conn.execute("SELECT name FROM cadre")}
    finally:
        conn.close()


class Asked:
    """PassphraseDialog.ask patched: the answers in order; the messages and `new` flags it was given."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: str | None) -> None:
        self.answers = iter(answers)
        self.messages: list[str] = []
        self.new: list[bool] = []
        self.filters: list[str] = []  # of the file dialog `_restore` answered

        def ask(
            _cls: object, _parent: QWidget | None, _title: str, message: str, new: bool = False
        ) -> str | None:
            self.messages.append(message)
            self.new.append(new)
            return next(self.answers)

        monkeypatch.setattr(PassphraseDialog, "ask", classmethod(ask))


@pytest.fixture
def enc_ctx(tmp_path: Path) -> Iterator[ServiceContext]:
    """An encrypted database (passphrase OLD) with one cadre."""
    path = tmp_path / "enc.db"
    db = open_database(str(path), encrypt=True, passphrase=OLD)
    ctx = open_context(db, "测试员")
    make_cadre(ctx, NAME, gender="女", birth="1985.03", id_number=ID_NUMBER)
    yield ctx
    db.dispose()


def _window(qtbot: QtBot, ctx: ServiceContext, settings: Settings) -> MainWindow:
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def _restore(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    backup: Path,
    *answers: str | None,
    rows: int | None = 1,
    timeout: int = 60_000,
) -> Asked:
    """文件 → 从备份恢复… of `backup`, the passphrase dialog answering `answers` in order; then waits
    for the restore to finish and the roster to show `rows` rows (None: the restore does not start)."""

    def open_file(_parent: QWidget, _title: str, _folder: str, filters: str) -> tuple[str, str]:
        asked.filters.append(filters)
        return str(backup), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_file)
    asked = Asked(monkeypatch, *answers)
    window.menus.restore_action.trigger()
    if rows is not None:
        qtbot.waitUntil(lambda: window.backups.restore_runner.result is not None, timeout=timeout)
        qtbot.waitUntil(lambda: window.roster.model.rowCount() == rows, timeout=60_000)
    return asked


def _backup(qtbot: QtBot, window: MainWindow, dest: Path) -> None:
    """文件 → 备份数据库… (the file dialog answered with `dest`), waited for."""
    window.menus.backup_action.trigger()
    qtbot.waitUntil(lambda: dest.exists() and not window.backups.backup_runner.running, timeout=60_000)


def test_a_backup_from_the_window_can_be_sealed_with_a_passphrase(
    qtbot: QtBot,
    ctx: ServiceContext,
    tmp_path: Path,
    open_window: Callable[[], MainWindow],
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    make_cadre(ctx, NAME, gender="女", birth="1985.03", id_number=ID_NUMBER)
    dest = tmp_path / ODD / "副本 #2?.sealed"
    dest.parent.mkdir()
    defaults: list[str] = []

    def save_as(_parent: QWidget, _title: str, default: str, kinds: str) -> tuple[str, str]:
        defaults.append(default)
        assert "口令" in kinds
        return str(dest), kinds

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    asked = Asked(monkeypatch, SEAL)
    window = open_window()
    _backup(qtbot, window, dest)
    qtbot.waitUntil(lambda: "用口令加密" in window.statusBar().currentMessage(), timeout=60_000)
    assert "是否用口令保护此备份" in boxes[0]
    assert asked.new == [True] and "设置此备份的口令" in asked.messages[0]  # typed twice, checked
    assert defaults[0].endswith(".sealed")
    # the artefact itself: sealed, no name or ID number in it, and it opens into the database
    assert sealed.is_sealed(dest)
    _no_strings(dest)
    inner = sealed_backup.unseal(dest, tmp_path / "inner.db", SEAL)
    assert _names(inner) == {NAME}
    with pytest.raises(sealed.SealError):
        sealed_backup.unseal(dest, tmp_path / "other.db", "not the passphrase")


def test_a_plain_backup_is_still_one_answer_away(
    qtbot: QtBot,
    ctx: ServiceContext,
    tmp_path: Path,
    open_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    make_cadre(ctx, NAME)
    dest = tmp_path / "plain #1.db"
    questions: list[str] = []

    def no(_parent: QWidget, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        questions.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", no)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(dest), ""))
    asked = Asked(monkeypatch)
    window = open_window()
    _backup(qtbot, window, dest)
    assert len(questions) == 1 and "口令" in questions[0]  # offered, declined: no passphrase asked
    assert asked.messages == []
    assert dest.read_bytes().startswith(sqlite_tools.SQLITE_HEADER) and _names(dest) == {NAME}


def test_restoring_a_sealed_backup_asks_for_its_passphrase_again_after_a_wrong_one(
    qtbot: QtBot,
    ctx: ServiceContext,
    db: Database,
    tmp_path: Path,
    open_window: Callable[[], MainWindow],
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    make_cadre(ctx, NAME, gender="女", birth="1985.03", id_number=ID_NUMBER)
    dest = sealed_backup.sealed_backup(ctx, tmp_path / ODD / "副本 #2?.sealed", SEAL)
    make_cadre(ctx, "后来加的人")
    window = open_window()
    assert window.roster.model.rowCount() == 2
    asked = _restore(qtbot, window, monkeypatch, dest, "a wrong passphrase", SEAL)
    assert "*.sealed" in asked.filters[0]
    assert "已用口令加密" in asked.messages[0]
    assert "口令不正确" in asked.messages[1] and "未做任何更改" in asked.messages[1]
    assert any("加密备份" in text and "解密并校验" in text for text in boxes)
    [event] = audit_trail.list_events(ctx, audit_trail.AuditFilter(action="restore"))
    assert event.changes["from"] == str(dest) and event.changes["sealed"] is True


def test_a_damaged_sealed_backup_is_refused_and_nothing_changes(
    qtbot: QtBot,
    ctx: ServiceContext,
    db_path: Path,
    tmp_path: Path,
    open_window: Callable[[], MainWindow],
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    make_cadre(ctx, NAME)
    dest = sealed_backup.sealed_backup(ctx, tmp_path / "b.sealed", SEAL)
    damaged = tmp_path / ODD / "损坏 %.sealed"
    damaged.parent.mkdir()
    raw = bytearray(dest.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    damaged.write_bytes(bytes(raw))
    make_cadre(ctx, "后来加的人")
    window = open_window()
    asked = _restore(qtbot, window, monkeypatch, damaged, SEAL, None, rows=None)  # right, then Cancel
    assert len(asked.messages) == 2 and "损坏" in asked.messages[1] and "未做任何更改" in asked.messages[1]
    assert boxes == [] and window.backups.restore_runner.job is None
    assert maintenance.stats(ctx.db)["cadre"] == 2


def test_settings_changes_the_passphrase(
    qtbot: QtBot,
    enc_ctx: ServiceContext,
    settings: Settings,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    path = enc_ctx.db.path
    assert path is not None
    dialog = SettingsDialog(enc_ctx, settings)
    qtbot.addWidget(dialog)
    row = dialog.encryption
    assert not row.rekey_button.isHidden() and row.rekey_button.text().startswith("修改口令")

    def finished() -> bool:
        return row.job is not None and not row.job.running and row.rekey_button.isEnabled()

    Asked(monkeypatch, "not the current one", NEW)  # a wrong current passphrase: refused
    row.rekey_button.click()
    qtbot.waitUntil(finished, timeout=60_000)
    assert "当前口令不正确" in boxes[-1]
    assert _opens(path, OLD) and not _opens(path, NEW)

    asked = Asked(monkeypatch, OLD, NEW)
    row.rekey_button.click()
    qtbot.waitUntil(lambda: finished() and len(boxes) == 2, timeout=60_000)
    assert asked.new == [False, True] and "数据库当前的口令" in asked.messages[0]
    assert "旧口令" in asked.messages[1]
    assert "新口令" in boxes[-1] and "以前的备份仍用旧口令" in boxes[-1], boxes
    assert _opens(path, NEW) and not _opens(path, OLD)
    make_cadre(enc_ctx, "林小雨")  # the window goes on working under the new key
    _no_strings(path)
    [event] = audit_trail.list_events(enc_ctx, audit_trail.AuditFilter(action="rekey"))
    assert event.entity == "database"


def test_a_plain_database_offers_no_change_of_passphrase(
    qtbot: QtBot, ctx: ServiceContext, settings: Settings, _zh_cn: None
) -> None:
    dialog = SettingsDialog(ctx, settings)
    qtbot.addWidget(dialog)
    assert dialog.encryption.rekey_button.isHidden()


def test_restoring_a_backup_from_before_the_change_asks_for_the_old_passphrase(
    qtbot: QtBot,
    enc_ctx: ServiceContext,
    settings: Settings,
    tmp_path: Path,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    path = enc_ctx.db.path
    assert path is not None
    before = maintenance.backup(enc_ctx, tmp_path / ODD / "改口令前 #1.db")
    encryption.change_passphrase(enc_ctx, OLD, NEW)
    make_cadre(enc_ctx, "后来加的人")
    window = _window(qtbot, enc_ctx, settings)
    assert window.roster.model.rowCount() == 2
    # the current passphrase does not open it; the old one does
    asked = _restore(qtbot, window, monkeypatch, before, NEW, OLD)
    assert "修改口令之前" in asked.messages[0] and "旧口令" in asked.messages[0]
    assert "也打不开" in asked.messages[1]
    assert _opens(path, NEW) and not _opens(path, OLD)  # the database keeps its current passphrase


def test_an_encrypted_backup_under_the_current_passphrase_restores_without_asking(
    qtbot: QtBot,
    enc_ctx: ServiceContext,
    settings: Settings,
    tmp_path: Path,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    backup = maintenance.backup(enc_ctx, tmp_path / "今天 #1.db")
    make_cadre(enc_ctx, "后来加的人")
    window = _window(qtbot, enc_ctx, settings)
    asked = _restore(qtbot, window, monkeypatch, backup)
    assert asked.messages == [] and not any("环境变量" in text for text in boxes)


def test_a_sealed_backup_from_before_the_change_asks_for_both_passphrases(
    qtbot: QtBot,
    enc_ctx: ServiceContext,
    settings: Settings,
    tmp_path: Path,
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    path = enc_ctx.db.path
    assert path is not None
    dest = sealed_backup.sealed_backup(enc_ctx, tmp_path / ODD / "封存 #1.sealed", SEAL)
    encryption.change_passphrase(enc_ctx, OLD, NEW)
    make_cadre(enc_ctx, "后来加的人")
    window = _window(qtbot, enc_ctx, settings)
    # the sealed file's passphrase; then, inside it, the database's old one (a wrong one first)
    asked = _restore(qtbot, window, monkeypatch, dest, SEAL, "not the old one", OLD, timeout=120_000)
    assert "已用口令加密" in asked.messages[0]
    assert "修改口令之前" in asked.messages[1]
    assert "也打不开" in asked.messages[2]
    assert _opens(path, NEW) and not _opens(path, OLD)


def test_an_encrypted_backup_restored_into_a_plain_database_says_which_passphrase_opens_it(
    qtbot: QtBot,
    ctx: ServiceContext,
    db_path: Path,
    tmp_path: Path,
    open_window: Callable[[], MainWindow],
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    """A backup from when the database was encrypted (decrypted since): the window asks for the
    passphrase it had then, and goes on working on the restored, encrypted file."""
    other = tmp_path / "then.db"
    then = open_database(str(other), encrypt=True, passphrase=OLD)
    try:
        then_ctx = open_context(then, "测试员")
        make_cadre(then_ctx, NAME)
        backup = maintenance.backup(then_ctx, tmp_path / ODD / "那时 #1.db")
    finally:
        then.dispose()
    cipher.forget(backup)
    make_cadre(ctx, "现在的人")
    make_cadre(ctx, "后来加的人")
    window = open_window()
    asked = _restore(qtbot, window, monkeypatch, backup, OLD)
    assert asked.messages[0].startswith("此备份是加密的")
    # said before (the question) and after
    assert "恢复后的数据库将是加密的" in boxes[0] and "只能用制作该备份时的口令打开" in boxes[0], boxes
    assert "另一个数据库" in boxes[0]  # a backup of `then.db`, not of this database
    assert any("制作该备份时的口令" in text for text in boxes[1:]), boxes
    assert ctx.db.encrypted and _opens(db_path, OLD)
    make_cadre(ctx, "恢复后新加的人")  # the window's engine opens the encrypted file
    assert maintenance.stats(ctx.db)["cadre"] == 2


def test_a_plain_backup_restored_in_an_encrypted_window_is_encrypted_and_said_so(
    qtbot: QtBot,
    ctx: ServiceContext,
    db_path: Path,
    tmp_path: Path,
    open_window: Callable[[], MainWindow],
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    """A backup made while the database was plain (设置 keeps them after 加密), restored from the
    encrypted window: the question says it will be encrypted with the current passphrase, the file is
    encrypted afterwards (no name in its bytes, the same passphrase), and the window goes on."""
    make_cadre(ctx, NAME, gender="女", birth="1985.03", id_number=ID_NUMBER)
    backup = maintenance.backup(ctx, tmp_path / ODD / "加密前 #1.db")
    encryption.encrypt_database(ctx, OLD)
    make_cadre(ctx, "后来加的人")
    window = open_window()
    asked = _restore(qtbot, window, monkeypatch, backup)
    assert asked.messages == []  # a plain backup needs no passphrase
    question = boxes[0]
    assert "用此备份替换当前数据库" in question
    assert "明文文件" in question and "用数据库当前的口令加密" in question and "口令不变" in question
    assert "另一个数据库" not in question  # its own backup, from before the encryption
    qtbot.waitUntil(lambda: len(boxes) == 2, timeout=60_000)
    assert "已先用数据库当前的口令加密并校验" in boxes[1] and "数据库仍是加密的" in boxes[1]
    assert sqlite_tools.sniff(db_path) == "encrypted" and ctx.db.encrypted
    make_cadre(ctx, "恢复后新加的人")  # the window's engine opens the restored file with its key
    assert maintenance.stats(ctx.db)["cadre"] == 2
    _no_strings(db_path)
    assert _opens(db_path, OLD)
    [event] = audit_trail.list_events(ctx, audit_trail.AuditFilter(action="restore"))
    assert event.changes["encryption"] == "encrypted_with_current_key"


def test_restoring_another_databases_backup_names_it_before(
    qtbot: QtBot,
    ctx: ServiceContext,
    tmp_path: Path,
    open_window: Callable[[], MainWindow],
    boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    """The inspector's `演示 #1-auto-…` restored over another database: the question names it."""
    other = open_database(str(tmp_path / "演示 #1.db"))
    try:
        other_ctx = open_context(other, "测试员")
        make_cadre(other_ctx, NAME)
        [backup] = backups.auto_backup(other_ctx, force=True).made
    finally:
        other.dispose()
    make_cadre(ctx, "现在的人")
    make_cadre(ctx, "后来加的人")
    window = open_window()
    declined: list[str] = []

    def no(_parent: QWidget, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        declined.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", no)
    _restore(qtbot, window, monkeypatch, backup, rows=None)
    assert len(declined) == 1
    assert declined[0].startswith("注意：此备份属于数据库“演示 #1”（审计记录的起点不同）")
    assert "不是当前数据库“cadre-desk”的备份" in declined[0]
    assert "当前数据库也未加密" in declined[0]
    assert window.backups.restore_runner.job is None and maintenance.stats(ctx.db)["cadre"] == 2
