"""The crash handler, background jobs and typed settings."""

from __future__ import annotations

import logging
import sys
import threading
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from cadre_desk.errors import NotFoundError
from cadre_desk.ui.jobs import workers
from cadre_desk.ui.jobs.workers import Cancelled, ProgressFn, run_in_background
from cadre_desk.ui.shell import crash
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.settings import Settings


def raise_and_catch() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        info = sys.exc_info()
    assert info[0] is not None and info[1] is not None
    return info[0], info[1], info[2]


def test_the_crash_handler_logs_only_when_asked(caplog: pytest.LogCaptureFixture, qapp: QApplication) -> None:
    handler = crash.CrashHandler(log_only=True)
    with caplog.at_level(logging.CRITICAL, logger="cadre_desk"):
        handler(*raise_and_catch())  # type: ignore[arg-type]
    assert "RuntimeError: boom" in caplog.text
    assert crash.CrashHandler().log_only  # CADRE_DESK_CRASH_LOG_ONLY=1 in tests


def test_the_crash_dialog_shows_the_traceback_and_the_log_path(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log_file = tmp_path / "cadre-desk.log"
    file_handler = logging.FileHandler(log_file, encoding="utf-8")
    logging.getLogger("cadre_desk").addHandler(file_handler)
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    try:
        with crash.installed(log_only=False) as handler:
            assert sys.excepthook is handler
            sys.excepthook(*raise_and_catch())  # type: ignore[arg-type]
    finally:
        logging.getLogger("cadre_desk").removeHandler(file_handler)
        file_handler.close()
    assert len(shown) == 1
    box = shown[0]
    assert "RuntimeError: boom" in box.detailedText()
    assert str(log_file) in box.informativeText()
    assert "RuntimeError: boom" in log_file.read_text(encoding="utf-8")


def test_a_background_job_returns_on_the_gui_thread(qtbot: QtBot) -> None:
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {}
    progress: list[tuple[str, int, int]] = []

    def work(report: ProgressFn) -> int:
        seen["worker_thread"] = threading.get_ident()
        for i in range(3):
            report("阶段", i + 1, 3)
        return 42

    def done(result: object) -> None:
        seen["result"] = result
        seen["done_thread"] = threading.get_ident()

    job = run_in_background(
        work,
        done,
        lambda exc: seen.setdefault("error", exc),
        lambda label, n, total: progress.append((label, n, total)),
    )
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["done_thread"] == gui_thread
    assert seen["worker_thread"] != gui_thread
    assert "error" not in seen
    assert progress[0] == ("阶段", 1, 3) and progress[-1] == ("阶段", 3, 3)
    assert not job.running
    assert workers.active_jobs() == []


def test_known_errors_and_cancelling_reach_on_error(qtbot: QtBot) -> None:
    errors: list[Exception] = []

    def fail(_report: ProgressFn) -> None:
        raise NotFoundError("干部", 7)

    run_in_background(fail, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], NotFoundError)
    assert str(errors[0]) == "找不到干部：7"

    started = threading.Event()
    release = threading.Event()

    def slow(report: ProgressFn) -> None:
        started.set()
        release.wait(10)
        report("still going", 1, 2)  # raises Cancelled: the job was cancelled meanwhile

    job = run_in_background(slow, lambda _r: None, errors.append)
    assert started.wait(10)
    job.cancel()
    release.set()
    qtbot.waitUntil(lambda: len(errors) == 2)
    assert isinstance(errors[1], Cancelled)


def test_a_bug_in_a_job_goes_to_the_crash_handler(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[Exception] = []
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: hooked.append(exc))

    def buggy(_report: ProgressFn) -> None:
        raise ZeroDivisionError("bug")

    run_in_background(buggy, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: len(hooked) == 1)
    assert isinstance(errors[0], ZeroDivisionError)
    assert hooked[0] is errors[0]


def test_emit_keeps_the_reference_count_of_true(qapp: QApplication) -> None:
    job = workers.Job(lambda _r: None, lambda _r: None, lambda _e: None)
    before = sys.getrefcount(True)
    for _ in range(1000):
        job.finished.emit()
    assert abs(sys.getrefcount(True) - before) < 10


def test_settings_are_typed_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "ui.ini"
    settings = Settings.at(path)
    assert settings.get(keys.DEMO_CADRES) == 300
    assert settings.get(keys.LANGUAGE) == "zh_CN"
    assert settings.get(keys.WINDOW_GEOMETRY).isEmpty()
    settings.set(keys.DEMO_CADRES, 25)
    settings.set(keys.WINDOW_GEOMETRY, QByteArray(b"\x01\x02geometry"))
    settings.sync()

    again = Settings.at(path)
    assert again.get(keys.DEMO_CADRES) == 25
    assert again.get(keys.WINDOW_GEOMETRY) == QByteArray(b"\x01\x02geometry")
    with pytest.raises(TypeError):
        again.set(keys.DEMO_CADRES, "many")  # type: ignore[arg-type]

    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue(keys.DEMO_CADRES.name, "not a number")
    raw.sync()
    assert Settings.at(path).get(keys.DEMO_CADRES) == 300  # unreadable: the default


def test_a_job_neither_keeps_nor_calls_the_widget_deleted_while_it_runs(qtbot: QtBot) -> None:
    """A page closed with its window while its job runs: the job holds its method weakly, so the page
    is freed at once and its method is not called on the deleted widgets; closures are still called."""
    release = threading.Event()
    page = QLabel()
    got: list[object] = []
    job = run_in_background(lambda _progress: release.wait(10), page.setText, got.append)
    closure_job = run_in_background(lambda _progress: 7, got.append, got.append)
    ref = weakref.ref(page)
    del page
    assert ref() is None  # by reference counting: the running job does not keep it
    release.set()
    qtbot.waitUntil(lambda: not job.running and not closure_job.running, timeout=60_000)
    assert got == [7]


@pytest.mark.parametrize("fails", [False, True])
def test_a_finished_job_lets_go_of_its_function(qtbot: QtBot, fails: bool) -> None:
    """The pool owns every runnable and never deleted one: each job's function, with whatever its
    closure held, stayed in memory until the program ended (300 of 300 jobs measured)."""

    class Work:
        def __call__(self, _progress: ProgressFn) -> int:
            if fails:
                raise NotFoundError("干部", 1)
            return 1

    work = Work()
    freed = weakref.ref(work)
    seen: list[object] = []
    job = run_in_background(
        work, seen.append, lambda exc: seen.append(type(exc))
    )  # (its traceback holds work)
    del work
    qtbot.waitUntil(lambda: len(seen) == 1)
    del job
    assert freed() is None  # by reference counting, on this thread
