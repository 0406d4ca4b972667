"""tests/gc_probe.py itself: it frees what it finds, on the thread that runs it."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from shiboken6 import Shiboken

from tests import gc_probe


def _qt_garbage_now() -> list[object]:
    """The Qt wrappers an automatic collection would free now (collected here and dropped)."""
    flags = gc.get_debug()
    gc.set_debug(flags | gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        found = [type(o).__name__ for o in gc.garbage if isinstance(o, Shiboken.Object)]
        gc.garbage.clear()
    finally:
        gc.set_debug(flags)
    gc.collect()
    return found


def test_the_probe_leaves_no_qt_object_to_a_later_collection(qapp: QApplication) -> None:
    """The last cycle it described stayed referenced by its locals during its own collection, and was
    left to the next automatic one, which may run on a pool worker (while the next test builds its
    widgets on the GUI thread)."""
    gc.collect()
    for _ in range(2):
        obj = QObject()
        obj.itself = obj  # type: ignore[attr-defined]  # a cycle through a Qt object
    del obj
    found = gc_probe.qt_cycles()
    assert len(found) == 2 and all(shape.startswith("QObject") for shape, _text in found)
    assert _qt_garbage_now() == []
