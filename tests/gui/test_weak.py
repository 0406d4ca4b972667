"""ui.widgets.weak: references back to a widget that neither keep it alive nor call into it once gone."""

from __future__ import annotations

import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication

from cadre_desk.ui.widgets.weak import BackRef, weak_method, weak_slot


class _Owner(QObject):
    poked = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[object, ...]] = []

    def note(self, *args: object) -> str:
        self.calls.append(args)
        return "noted"


class _Helper:
    owner: BackRef[_Owner] = BackRef()

    def __init__(self, owner: _Owner) -> None:
        self.owner = owner


def test_a_back_reference_keeps_nothing_alive(qapp: QApplication) -> None:
    owner = _Owner()
    owner.helper = _Helper(owner)  # type: ignore[attr-defined]
    helper = owner.helper  # type: ignore[attr-defined]
    assert helper.owner is owner
    ref = weakref.ref(owner)
    del owner
    assert ref() is None  # by reference counting: no cycle
    with pytest.raises(ReferenceError):
        _ = helper.owner


def test_a_weak_slot_passes_its_arguments_and_ends_with_its_object(qapp: QApplication) -> None:
    owner, sender = _Owner(), _Owner()
    sender.poked.connect(weak_slot(owner.note, "a"))
    sender.poked.connect(weak_slot(owner.note, "b", signal_args=True))
    sender.poked.emit(7)
    assert owner.calls == [("a",), ("b", 7)]
    ref = weakref.ref(owner)
    del owner
    assert ref() is None  # the connections did not keep it
    sender.poked.emit(8)  # and call nothing now


def test_a_weak_method_returns_the_result_until_its_object_is_deleted(qapp: QApplication) -> None:
    owner = _Owner()
    call = weak_method(owner.note)
    assert call(1) == "noted"
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert call(2) is None  # its C++ object is gone: not called
    plain = weak_method(len)  # not a bound method: kept as it is
    assert plain("abc") == 3
    items: list[int] = []
    weak_method(items.append)(1)  # a list's method (no weak reference to a list): kept as it is
    assert items == [1]


def test_a_weak_slot_of_a_qt_method_ends_with_its_object(qapp: QApplication) -> None:
    """`weak_slot(self._timer.start)`: a Qt object's own method, the signal's arguments dropped."""
    owner, sender = QObject(), _Owner()
    sender.poked.connect(weak_slot(owner.setObjectName, "poked"))
    sender.poked.emit(1)
    assert owner.objectName() == "poked"
    ref = weakref.ref(owner)
    del owner
    assert ref() is None
    sender.poked.emit(2)


def test_a_weak_slot_refuses_what_it_would_hold_strongly(qapp: QApplication) -> None:
    with pytest.raises(TypeError):
        weak_slot(lambda: None)
    with pytest.raises(TypeError):
        weak_slot(len)
