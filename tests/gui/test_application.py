"""Start-up through `run_gui`: a bad database file is refused with its Chinese message, untouched."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cadre_desk.errors import PermissionDenied
from cadre_desk.ui.shell import application, opening
from cadre_desk.ui.shell.crash import CrashHandler


@pytest.fixture
def critical_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def record(_parent: QWidget | None, title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", record)
    return shown


def test_a_file_that_is_not_sqlite_is_refused(
    qapp: QApplication, tmp_path: Path, critical_boxes: list[tuple[str, str]]
) -> None:
    bogus = tmp_path / "notes.db"
    content = "这不是数据库，只是一份普通的文本文件。\n".encode() * 200
    bogus.write_bytes(content)
    hook = sys.excepthook

    assert application.run_gui(str(bogus), "测试员") == 1

    assert len(critical_boxes) == 1
    title, text = critical_boxes[0]
    assert title == "无法打开数据库"
    assert "不是干部成长档案台的数据库" in text
    assert str(bogus) in text
    assert bogus.read_bytes() == content  # left untouched
    assert not (tmp_path / "notes.db-wal").exists()
    assert not (tmp_path / "notes.db-shm").exists()
    assert sys.excepthook is hook  # the crash handler is uninstalled again


def test_a_database_from_a_missing_directory_that_cannot_be_created(
    qapp: QApplication, tmp_path: Path, critical_boxes: list[tuple[str, str]]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert application.run_gui(str(blocker / "sub" / "x.db"), None) == 1
    assert "无法创建数据目录" in critical_boxes[0][1]


def test_run_gui_installs_the_crash_handler_while_running(
    qapp: QApplication, tmp_path: Path, critical_boxes: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[object] = []
    real_open = opening.open_database

    def spy(path: str, **options: object) -> object:
        seen.append(sys.excepthook)
        return real_open(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(opening, "open_database", spy)
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    assert application.run_gui(str(tmp_path / "new.db"), "测试员") == 0
    assert isinstance(seen[0], CrashHandler)
    assert seen[0].log_only  # CADRE_DESK_CRASH_LOG_ONLY=1 in tests


def test_a_bug_while_opening_goes_to_the_crash_handler_and_exits(
    qapp: QApplication,
    tmp_path: Path,
    critical_boxes: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(_path: str, **_options: object) -> object:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(opening, "open_database", broken)
    assert application.run_gui(str(tmp_path / "new.db"), None) == 1
    assert critical_boxes == []  # not a known error: the crash handler reports it
    assert "ZeroDivisionError: a bug" in caplog.text


def test_a_refusal_that_reaches_the_event_loop_is_a_warning_not_the_crash_dialog(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *_a: warned.append((title, text)))
    crashed: list[str] = []
    handler = CrashHandler(log_only=False)
    monkeypatch.setattr(handler, "_show", crashed.append)
    refusal = PermissionDenied("账号“rongcuo”（容错案件）无权查阅干部档案")
    handler(PermissionDenied, refusal, None)
    title = QCoreApplication.translate("crash", "Not permitted")  # 无权操作 under the Chinese catalogue
    assert crashed == [] and warned == [(title, "账号“rongcuo”（容错案件）无权查阅干部档案")]
    assert "a refusal reached the event loop" in caplog.text
