"""A database locked by another program: the window offers 重试 and keeps what was typed."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cadre_desk.db.opening import open_database
from cadre_desk.services import cadres, diary, mentorship, mentorship_changes
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.ui.diary.diary_editor import DiaryEditor
from cadre_desk.ui.roster.roster_page import RosterPage
from cadre_desk.ui.shell import application
from cadre_desk.ui.widgets.retry_box import RetryBox

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class Lock:
    """A second connection holding the write lock (BEGIN EXCLUSIVE) until `release()`."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=5)
        self.conn.execute("BEGIN EXCLUSIVE")
        self.released = False

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        self.conn.execute("ROLLBACK")
        self.conn.close()


@pytest.fixture(autouse=True)
def _short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CADRE_DESK_BUSY_TIMEOUT_MS", "200")


def test_profile_save_under_a_lock_keeps_the_form_and_retries(
    roster_page: RosterPage,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cadre_id = sample_cadres["张三"].id
    roster_page.show_cadre(cadre_id)
    view = roster_page.profile
    view.form.set_text("phone", "13900001111")
    view.form.set_text("post", "县委组织部副部长（拟）")
    assert ctx.db.path is not None
    lock = Lock(ctx.db.path)
    asked: list[str] = []

    def first_cancel_then_retry(
        _parent: QWidget | None, _title: str, message: str, keeps_input: bool = True
    ) -> bool:
        asked.append(message)
        if len(asked) == 1:
            return False  # Cancel: the form stays as typed
        lock.release()  # the other program finished
        return True

    monkeypatch.setattr(RetryBox, "ask", first_cancel_then_retry)
    try:
        assert not view.save()
        assert "正被占用" in asked[0] and "重试" in asked[0]
        assert view.is_dirty()
        assert view.form.value_text("phone") == "13900001111"
        assert view.form.value_text("post") == "县委组织部副部长（拟）"
        assert "正被占用" in view.status.text()
        assert view.save()  # Retry after the lock is gone
    finally:
        lock.release()
    assert len(asked) == 2 and not view.is_dirty()
    saved = cadres.get_cadre(ctx, cadre_id)
    assert saved.phone == "13900001111" and saved.post == "县委组织部副部长（拟）"


def test_diary_save_under_a_lock_keeps_the_text(
    qtbot: QtBot,
    ctx: ServiceContext,
    sample_cadres: dict[str, cadres.CadreView],
    monkeypatch: pytest.MonkeyPatch,
    _zh_cn: None,
) -> None:
    mentor, mentee = sample_cadres["王小明"], sample_cadres["李四"]
    mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, "2024.01.01", "2024.12.31")
    )
    editor = DiaryEditor(ctx, mentee.id, mentee.name, None, dt.date(2024, 6, 20))
    qtbot.addWidget(editor)
    editor.date.setText("2024.06.18")
    editor.title.setText("基层调研")
    editor.content.setPlainText("今天到乡镇调研，记录了三点体会。" * 5)
    assert ctx.db.path is not None
    lock = Lock(ctx.db.path)
    monkeypatch.setattr(RetryBox, "ask", lambda *_a, **_k: False)
    try:
        assert not editor.save(quiet=True)  # autosave: no dialog, the text stays
        assert not editor.save()
        assert editor.content.toPlainText().startswith("今天到乡镇调研")
        assert "正被占用" in editor.status.text()
    finally:
        lock.release()
    assert editor.save()
    assert [e.title for e in diary.list_entries(ctx, mentee.id)] == ["基层调研"]


def test_a_locked_database_at_start_offers_retry(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file in rollback-journal mode locked by another program: 重试, not the crash dialog."""
    path = tmp_path / "locked.db"
    db = open_database(str(path))
    cadres.create_cadre(open_context(db, "甲"), cadres.CadreInput(name="张三", gender="男", birth="1980.01"))
    db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    lock = Lock(path)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail(f"critical box: {a}"))

    def retry_once(_parent: QWidget | None, _title: str, message: str, keeps_input: bool = True) -> bool:
        asked.append(message)
        return False

    monkeypatch.setattr(RetryBox, "ask", retry_once)
    try:
        assert application.run_gui(str(path)) == application.EXIT_CANNOT_OPEN
    finally:
        lock.release()
    assert len(asked) == 1 and "正被占用" in asked[0]


def test_a_storage_error_reaching_the_event_loop_is_not_a_crash(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, ctx: ServiceContext
) -> None:
    """A page that reads a database locked by another program: a warning with the message, not the
    'unexpected error' dialog."""
    from cadre_desk.ui.shell import crash

    assert ctx.db.path is not None
    crash_boxes: list[QMessageBox] = []
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: crash_boxes.append(box) or 0)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    ctx.db.dispose()  # the engine's pooled connections: a journal mode changes only with none open
    conn = sqlite3.connect(ctx.db.path)
    conn.execute("PRAGMA journal_mode=DELETE")  # a rollback-journal file: even readers wait for a lock
    conn.close()
    lock = Lock(ctx.db.path)
    try:
        with crash.installed(log_only=False) as handler:
            try:
                cadres.list_cadres(ctx)
            except Exception as exc:  # what a Qt slot would let through to sys.excepthook
                handler(type(exc), exc, exc.__traceback__)
            else:
                pytest.fail("the locked database was read")
    finally:
        lock.release()
    assert crash_boxes == []
    assert len(warnings) == 1 and "正被占用" in warnings[0]
