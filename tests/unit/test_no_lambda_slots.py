"""No lambda over `self` is connected to a signal in the UI.

PySide holds a lambda (or any function) connected to a signal for as long as the connection lasts, in
C++ where Python's collector cannot see it. A lambda that uses `self`, connected to a signal of the
widget or of one of its children (`self.archived.toggled.connect(lambda _on: self.refresh())`), then
keeps the widget alive until its C++ object is deleted: a dialog or a page that is only closed and
dropped is never freed. A bound method of a QObject is not held by the connection; `weak_slot(self.m,
*args)` (ui/widgets/weak.py) gives a slot its own arguments or drops the signal's. Read from the source,
so that a new one fails here before any window is opened (tests/gui/test_freed_by_refcount.py shows
the pages freed)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "cadre_desk" / "ui"


def _uses_self(lam: ast.Lambda) -> bool:
    params = {a.arg for a in [*lam.args.posonlyargs, *lam.args.args, *lam.args.kwonlyargs]}
    return "self" not in params and any(
        isinstance(n, ast.Name) and n.id == "self" for n in ast.walk(lam.body)
    )


def _lambda_slots_over_self(path: Path) -> list[str]:
    found: list[str] = []
    for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
            continue
        if call.func.attr != "connect":
            continue
        for arg in call.args:
            if isinstance(arg, ast.Lambda) and _uses_self(arg):
                found.append(f"{path.relative_to(UI.parent)}:{call.lineno} {ast.unparse(call)}")
    return found


def test_no_lambda_over_self_is_connected_to_a_signal() -> None:
    found = [hit for path in sorted(UI.rglob("*.py")) for hit in _lambda_slots_over_self(path)]
    assert found == [], (
        "connect a method, or weak_slot(self.method, ...) (ui/widgets/weak.py):\n" + "\n".join(found)
    )
