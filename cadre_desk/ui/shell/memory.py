"""Memory kept low after start-up.

PySide6 (shiboken's `__feature__` import hook) reads the source of every Python module imported after
it, with `inspect.getsource`, to see whether the module mentions PySide6; the lines stay in
`linecache`. For this app that is some 650 files and 25 MB of strings held for nothing (tracebacks
read them again when needed). `drop_source_lines()` empties that cache; the main window calls it once
the start-up imports are done and after pages are built lazily.
"""

from __future__ import annotations

import linecache


def drop_source_lines() -> None:
    """Forget the module sources PySide6's import hook put in `linecache`."""
    linecache.clearcache()
