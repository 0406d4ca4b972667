"""The restore point prepared while an import's preview is open (ui/jobs/restore_point_job.py): at 导入
the window waits for what is left of the copy, with a progress dialog whose Cancel stops the copy and
imports nothing."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.restore_point_job import RestorePointJob, ask_with_restore_point
from cadre_desk.ui.jobs.workers import Cancelled, ProgressFn, run_in_background


def _slow_copy(stopped: threading.Event) -> RestorePointJob:
    """A job that reports progress until it is cancelled (a copy of a very large file)."""

    def work(progress: ProgressFn) -> None:
        try:
            while True:
                progress("", 1, 10)
                time.sleep(0.01)
        finally:
            stopped.set()

    prepared = RestorePointJob(None)
    prepared.job = run_in_background(work, prepared._done, prepared._failed, prepared._on_progress)
    return prepared


def test_cancel_while_waiting_stops_the_copy(qtbot: QtBot) -> None:
    stopped = threading.Event()
    prepared = _slow_copy(stopped)
    shown: list[int] = []
    labels: list[list[str]] = []

    def press_cancel() -> None:
        # Asserts wait until the dialog is closed: an exception here would leave the wait running.
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        visible = [d for d in dialogs if d.isVisible()]
        shown.append(len(visible))
        if visible:
            buttons = visible[0].findChildren(QPushButton)
            labels.append([b.text() for b in buttons])
            buttons[0].click()  # as the user does (取消 or Cancel: the test may run in either language)

    QTimer.singleShot(300, press_cancel)
    assert prepared.wait(None) is False
    assert shown == [1] and len(labels[0]) == 1
    qtbot.waitUntil(stopped.is_set)
    qtbot.waitUntil(lambda: not prepared.running)
    assert isinstance(prepared.error, Cancelled) and prepared.path is None


def test_a_finished_copy_is_not_waited_for(qtbot: QtBot, ctx: ServiceContext) -> None:
    prepared = RestorePointJob.start(ctx, "training")
    qtbot.waitUntil(lambda: not prepared.running, timeout=30000)
    assert prepared.path is not None and prepared.path.name.startswith("cadre-desk-before-training-import-")
    assert prepared.wait(None) is True
    assert RestorePointJob(None).wait(None) is True  # nothing was started (PostgreSQL, nothing to write)


def test_the_preview_is_asked_while_the_copy_is_made_only_for_an_import_that_writes(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    from cadre_desk import paths

    copies = lambda: sorted(paths.backup_dir().glob("*-before-training-import-*.db"))  # noqa: E731
    assert ask_with_restore_point(None, ctx, "training", False, lambda: "导入") == "导入"
    assert copies() == []  # nothing to write: no copy
    assert ask_with_restore_point(None, ctx, "training", True, lambda: "导入") == "导入"
    assert len(copies()) == 1  # the copy is done when the choice comes back
