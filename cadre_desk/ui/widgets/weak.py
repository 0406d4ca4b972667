"""References back to a widget that do not keep it alive: `BackRef` and `weak_slot`.

A widget must be freed by reference counting, on the GUI thread, as soon as it is closed and dropped
(or deleted with its parent). Two things defeat that:

- A reference cycle: the widget keeps a helper (`self.drafts = ProfileDrafts(self)`, a child QObject:
  a wrapper holds its children's wrappers) and the helper keeps the widget (`self.view = view`). The
  widget then waits for Python's cyclic garbage collector, which runs on whichever thread allocates
  past its threshold, often a pool worker: a Qt object freed there is destroyed on the wrong thread
  (it deadlocked a run of the suite). A helper declares its reference back as a `BackRef`.
- A lambda or `functools.partial` over the widget connected to a signal: the connection holds it (in
  C++, out of the collector's sight), so a parentless widget (a window, a dialog, a page in a test)
  is never freed. A bound method of a QObject is not held by the connection (PySide tracks the
  receiver): connect those directly, and `weak_slot(self.method, *args)` where the slot needs
  arguments of its own or must drop the signal's.
- A bound method of the widget kept by its child (a model's `commit`, a chart's `on_pick`): a cycle
  again; the child keeps `weak_method(callback)`.

    class ProfileDrafts:
        view = BackRef["ProfileView"]()
        def __init__(self, view): self.view = view           # held weakly

    button.clicked.connect(weak_slot(self._run, action))    # self._run(action)
    self.on_pick = weak_method(on_pick)                     # a callback kept by a child
    table.doubleClicked.connect(weak_slot(self._open, table, signal_args=True))  # self._open(table, index)
"""

from __future__ import annotations

import types
import weakref
from collections.abc import Callable
from typing import Any, Generic, ParamSpec, TypeVar, overload

from shiboken6 import Shiboken, isValid

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


class BackRef(Generic[T]):
    """A class attribute that stores its value as a weak reference: reading it after the object is
    gone raises `ReferenceError` (a helper outliving its widget is a bug, not a case to handle)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._key = f"_backref_{name}"

    @overload
    def __get__(self, instance: None, owner: type) -> BackRef[T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object | None, owner: type) -> BackRef[T] | T:
        if instance is None:
            return self
        value: T | None = instance.__dict__[self._key]()
        if value is None:
            raise ReferenceError(f"{type(instance).__name__}.{self._key[9:]} is gone")
        return value

    def __set__(self, instance: object, value: T) -> None:
        instance.__dict__[self._key] = weakref.ref(value)


def weak_slot(method: Callable[..., Any], *args: object, signal_args: bool = False) -> Callable[..., None]:
    """`method(*args)`, plus the signal's arguments with `signal_args`; nothing once `method`'s object
    is gone (freed, or its C++ object deleted). `method` is a bound method: a Python one, or a Qt
    object's own (`self._timer.start`); anything else is a `TypeError` (it would be held strongly)."""
    ref = _weak_bound(method)

    def slot(*given: object) -> None:
        bound = ref()
        if bound is None or not isValid(getattr(bound, "__self__", None)):
            return
        if signal_args:
            bound(*args, *given)
        else:
            bound(*args)

    return slot


def _weak_bound(method: Callable[..., Any]) -> Callable[[], Callable[..., Any] | None]:
    """A weak reference to a bound method: `ref()` is the method, or None once its object is gone."""
    if isinstance(method, types.MethodType):
        return weakref.WeakMethod(method)
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", None)
    if not isinstance(method, types.BuiltinMethodType) or not isinstance(owner, Shiboken.Object) or not name:
        raise TypeError(f"not a bound method: {method!r}")
    owner_ref = weakref.ref(owner)

    def ref() -> Callable[..., Any] | None:
        target = owner_ref()
        return None if target is None else getattr(target, name)

    return ref


def weak_method(method: Callable[P, R]) -> Callable[P, R | None]:
    """A callback to keep on a child or a job (`self.on_pick = weak_method(on_pick)`): a bound method
    (Python's or a Qt method such as `label.setText`) is held through a weak reference to its object
    and called by name (None, not called, once the object is gone or its C++ object deleted); any
    other callable is returned as it is."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", None)
    if owner is None or name is None or isinstance(owner, type | types.ModuleType):
        return method
    try:
        ref = weakref.ref(owner)
    except TypeError:  # a method of a list, a dict …: nothing that refers back to a widget
        return method

    def call(*args: P.args, **kwargs: P.kwargs) -> R | None:
        target = ref()
        if target is None or not isValid(target):
            return None
        bound: Callable[P, R] = getattr(target, name)
        return bound(*args, **kwargs)

    return call
