"""An opt-in probe for Qt objects that only Python's cyclic garbage collector frees.

    CADRE_DESK_GC_PROBE=1 .venv/bin/python -m pytest -p no:xdist tests/gui
    CADRE_DESK_GC_PROBE=/tmp/cycles.txt ...   # also written to that file, each cycle as found

Why: reference counting frees an object on the thread that drops its last reference (for a widget, the
GUI thread). An object in a reference cycle waits for the cyclic collector instead, and a collection
starts on whichever thread allocates past the threshold: often a worker of the thread pool. A Qt
wrapper freed there runs its C++ destructor on that worker (one deadlocked a run of the suite). So no
PySide6 object may sit in a cycle; this probe finds those that do.

Before each test the probe collects what is already garbage; after the test (and its teardown:
pytest-qt has closed its widgets) it collects again with `gc.DEBUG_SAVEALL`, keeps the unreachable
objects that include a Shiboken wrapper, and prints each cycle through one of them, edge by edge
(`ProfileView.__dict__['_drafts'] -> DraftKeeper.__dict__['dirty'] -> <lambda> ... -> ProfileView`).
A wrapper whose C++ object is still alive and owned by Python is marked (*): the collector would run
its C++ destructor, on whatever thread it runs. The summary at the end groups the cycles by shape
and says how many collections ran on a thread other than the main one.
"""

from __future__ import annotations

import gc
import itertools
import os
import threading
import types
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import pytest

ENV = "CADRE_DESK_GC_PROBE"
_found: dict[str, list[str]] = defaultdict(list)  # cycle shape -> the tests that left one
_examples: dict[str, str] = {}  # cycle shape -> one full description
_threads: Counter[str] = Counter()  # collections by thread
_held: list[object] = []  # the garbage found after a test's call, alive until its teardown is done


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def _on_collect(phase: str, _info: dict[str, Any]) -> None:
    if phase == "start":
        thread = threading.current_thread()
        _threads["main" if thread is threading.main_thread() else "other"] += 1


def pytest_configure(config: pytest.Config) -> None:
    if enabled():
        gc.callbacks.append(_on_collect)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _on_collect in gc.callbacks:
        gc.callbacks.remove(_on_collect)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[object]:
    if enabled():
        gc.collect()  # what earlier tests left is theirs
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[object]:
    """What the test dropped, its widgets not yet closed by pytest-qt nor deleted by `deleteLater`."""
    try:
        return (yield)
    finally:
        _record(item, "call")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[object]:
    """What the fixtures' teardown and pytest-qt's closing of the widgets left."""
    try:
        return (yield)
    finally:
        _record(item, "teardown")


def _record(item: pytest.Item, when: str) -> None:
    if not enabled():
        return
    if when == "teardown":
        _held.clear()  # pytest-qt has closed and deleted the widgets: the collector may free them now
    shapes = {shape: text for shape, text in qt_cycles(keep=_held if when == "call" else None)}
    target = os.environ.get(ENV, "")
    for shape, text in shapes.items():
        if item.nodeid not in _found[shape]:
            _found[shape].append(item.nodeid)
        _examples.setdefault(shape, f"{item.nodeid} ({when})\n{text}")
        if target not in ("", "1"):  # as found, so that a run under pytest-xdist reports too
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(f"{item.nodeid} ({when})\n{text}\n")


def qt_cycles(keep: list[object] | None = None) -> list[tuple[str, str]]:
    """Collect now, and describe each cycle that holds a PySide6 wrapper: (shape, description). The
    garbage is freed afterwards as usual (on this thread), or kept alive in `keep`: freed now, a live
    widget would be destroyed by the collector in the middle of the test's teardown."""
    flags = gc.get_debug()
    gc.set_debug(flags | gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        garbage = list(gc.garbage)
        gc.garbage.clear()
    finally:
        gc.set_debug(flags)
    described = _describe(garbage)
    if keep is not None:
        keep.extend(garbage)
    # Every reference to the garbage goes before the collection that frees it (`_describe`'s locals
    # too): one left for later is freed by an automatic collection, on whatever thread runs it (a pool
    # worker, say, while the next test builds its widgets).
    del garbage
    gc.collect()
    return described


def _describe(garbage: list[object]) -> list[tuple[str, str]]:
    from shiboken6 import Shiboken

    members = {id(o): o for o in garbage}
    described: list[tuple[str, str]] = []
    covered: set[int] = set()
    wrappers = [o for o in garbage if isinstance(o, Shiboken.Object)]
    # the dangerous ones first: a live C++ object that the collector would destroy
    wrappers.sort(key=lambda o: not _destroys(o))
    for wrapper in wrappers:
        if id(wrapper) in covered:
            continue
        path = _cycle_through(wrapper, members)
        if path is None:
            continue  # garbage only reachable from a cycle, not in one itself
        covered.update(id(o) for o in path)
        edges = [_edge(a, b) for a, b in itertools.pairwise(path)]
        shape = " -> ".join(e for e in edges if e)
        described.append((f"{_name(wrapper)}: {shape}", f"  {_name(wrapper)}: {shape}"))
    return described


def _destroys(wrapper: Any) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(wrapper) and shiboken6.ownedByPython(wrapper))


def _cycle_through(start: object, members: dict[int, object]) -> list[object] | None:
    """The shortest path start -> ... -> start through the garbage (breadth first), or None."""
    parents: dict[int, object] = {}
    queue = [start]
    while queue:
        following: list[object] = []
        for node in queue:
            for ref in gc.get_referents(node):
                if ref is start:
                    chain = [node]
                    while chain[-1] is not start:
                        chain.append(parents[id(chain[-1])])
                    return [*reversed(chain), start]
                if id(ref) in members and id(ref) not in parents and ref is not start:
                    parents[id(ref)] = node
                    following.append(ref)
        queue = following
    return None


def _name(o: object) -> str:
    if isinstance(o, types.FunctionType):
        code = o.__code__
        return f"{o.__qualname__}() [{os.path.basename(code.co_filename)}:{code.co_firstlineno}]"
    if isinstance(o, types.MethodType):
        return f"bound {o.__func__.__qualname__}"
    from shiboken6 import Shiboken

    if isinstance(o, Shiboken.Object):
        import shiboken6

        if not shiboken6.isValid(o):
            return f"{type(o).__qualname__}(deleted)"  # its C++ object is gone already
        if shiboken6.ownedByPython(o):
            return f"{type(o).__qualname__}(*)"  # the collector would run its C++ destructor
    return type(o).__qualname__


def _edge(a: object, b: object) -> str:
    """How `a` refers to `b`, with `b`'s name; '' for the hops that say nothing (a __dict__, a cell)."""
    if isinstance(a, dict):
        for key, value in a.items():
            if value is b:
                return f"[{key!r}] {_name(b)}"
        return f"(dict key) {_name(b)}"
    if isinstance(a, list | tuple | set | frozenset):
        return f"[item] {_name(b)}"
    if isinstance(b, dict) and getattr(a, "__dict__", None) is b:
        return ""
    if isinstance(b, types.CellType) or isinstance(a, types.CellType):
        return "" if isinstance(b, types.CellType) else f"(closure) {_name(b)}"
    if isinstance(a, types.MethodType):
        return f".__self__ {_name(b)}" if a.__self__ is b else f".__func__ {_name(b)}"
    if isinstance(a, types.FunctionType) and b is a.__globals__:
        return ".__globals__"
    return f"-> {_name(b)}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not enabled():
        return
    lines = [
        f"collections: {_threads['main']} on the main thread, {_threads['other']} on other threads",
        f"{sum(len(t) for t in _found.values())} cycle(s) with a Qt wrapper, {len(_found)} shape(s)",
    ]
    for shape, tests in sorted(_found.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"\n{len(tests)}x {shape}\n  e.g. {_examples[shape]}")
    terminalreporter.section("Qt objects in reference cycles (gc probe)")
    for line in lines:
        terminalreporter.write_line(line)
    target = os.environ.get(ENV, "")
    if target not in ("", "1"):
        with open(target, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
