"""Work-arounds for bugs of particular Qt/PySide versions, each with the test that detects it.

PySide6 6.12.0 on Python 3.11: `SignalInstance.emit()` returns `True` without taking a reference to
it, so every emit from Python code takes one reference away from the interpreter's `True`. After
some ten thousand emits `True` is "deallocated" and the process aborts with
`Fatal Python error: bool_dealloc` (seen here when filtering a 10,000-row roster, and at exit).
PySide6 6.11.3 does not have the bug, and on Python 3.12+ `True` is immortal, so the loss is harmless
there. `emit()` below measures the loss once and, only where it happens, gives the reference back.
Every emit in `cadre_desk.ui` goes through it.

PySide6 (shiboken's `__feature__` import hook) reads the source of every Python module imported after
it, with `inspect.getsource`, to see whether the module mentions PySide6; the lines stay in
`linecache`. For this app that is some 650 files and 25 MB of strings held for nothing (tracebacks
read them again when needed). `drop_source_lines()` empties that cache; the main window calls it
once the start-up imports are done and after pages are built lazily.
"""

from __future__ import annotations

import ctypes
import linecache
import sys
from functools import cache
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 8


class _Probe(QObject):
    ping = Signal()


def _incref(obj: object, times: int = 1) -> None:
    for _ in range(times):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


@cache
def emit_loses_reference() -> bool:
    """True if this PySide returns an unowned `True` from `emit()` (measured, then repaired)."""
    if sys.version_info >= (3, 12):
        return False  # True is immortal: its reference count never reaches zero
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:
        _incref(True, lost)  # give back what the probe itself took
    return lost >= _PROBES


def emit(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)`, minus the reference leak of the affected PySide versions."""
    # The stubs say None; at run time emit() returns a bool (the object whose reference is lost).
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if emit_loses_reference() and isinstance(result, bool):
        _incref(result)


def drop_source_lines() -> None:
    """Forget the module sources PySide6's import hook put in `linecache` (see the module notes)."""
    linecache.clearcache()
