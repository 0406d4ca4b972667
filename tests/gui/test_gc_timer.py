"""Cyclic garbage is collected on the GUI thread only, from the application's timer."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cadre_desk.ui.shell import gc_timer


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def _cycle() -> weakref.ref[_Node]:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_automatic_collection_is_off_and_the_timer_collects_cycles(qtbot: QtBot, qapp: QApplication) -> None:
    collector = gc_timer.install(qapp)
    assert gc_timer.install(qapp) is collector  # one per application
    assert not gc.isenabled()
    # garbage made on a worker thread, far past the threshold, is not collected there
    refs: list[weakref.ref[_Node]] = []
    worker = threading.Thread(target=lambda: refs.extend(_cycle() for _ in range(5 * gc.get_threshold()[0])))
    worker.start()
    worker.join()
    assert all(r() is not None for r in refs)
    qtbot.waitUntil(lambda: all(r() is None for r in refs), timeout=5 * gc_timer.INTERVAL_MS)
