"""No Qt object of the UI keeps a strong reference to its own Qt parent.

A child's wrapper is held by its parent's wrapper (PySide keeps its children), so `self.window = window`
in a QObject made with `super().__init__(window)` is a reference cycle: the window is then freed only by
Python's cyclic garbage collector, which may run on a pool worker and destroy Qt objects there. Such a
reference is declared a `BackRef` (ui/widgets/weak.py), which holds it weakly. Read from the source, so
that a new one fails here before any window is opened."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "cadre_desk" / "ui"


def _back_references(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
        declared = {  # `name: BackRef[...] = BackRef()` in the class body
            ast.unparse(st.target)
            for st in cls.body
            if isinstance(st, ast.AnnAssign) and ast.unparse(st.annotation).startswith("BackRef")
        }
        for init in (f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"):
            parents = {  # the arguments handed to the Qt base class: the parent
                arg.id
                for call in ast.walk(init)
                if isinstance(call, ast.Call) and ast.unparse(call.func) == "super().__init__"
                for arg in [*call.args, *(k.value for k in call.keywords)]
                if isinstance(arg, ast.Name)
            }
            for st in ast.walk(init):
                if not (isinstance(st, ast.Assign) and len(st.targets) == 1):
                    continue
                target, value = st.targets[0], st.value
                if (
                    isinstance(target, ast.Attribute)
                    and ast.unparse(target.value) == "self"
                    and isinstance(value, ast.Name)
                    and value.id in parents
                    and target.attr not in declared
                ):
                    found.append(f"{path.relative_to(UI.parent)}:{st.lineno} {cls.name}.{target.attr}")
    return found


def test_no_ui_object_holds_its_qt_parent_strongly() -> None:
    found = [ref for path in sorted(UI.rglob("*.py")) for ref in _back_references(path)]
    assert found == [], "declare these as BackRef (ui/widgets/weak.py):\n" + "\n".join(found)
