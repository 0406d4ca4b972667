"""The background integrity check after start-up: SQLite's quick_check on a read-only connection.

`open_database` skips the check on large files (it reads the whole file: ~10 s on 3 GB), so the main
window runs it here once it is up, and warns only if it finds a problem. The check itself is
`db.sqlite_tools.QuickCheck` (which opens the file); `stop()` interrupts it, so quitting never waits.
"""

from __future__ import annotations

from pathlib import Path

from cadre_desk.db.sqlite_tools import CheckStopped
from cadre_desk.db.sqlite_tools import QuickCheck as _DbQuickCheck
from cadre_desk.ui.jobs.workers import Cancelled, ProgressFn


class QuickCheck:
    """`run(progress)` in a worker returns the problems (empty: sound); `stop()` from any thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._check = _DbQuickCheck(path)

    def stop(self) -> None:
        self._check.stop()

    def run(self, _progress: ProgressFn | None = None) -> list[str]:
        try:
            return self._check.run()
        except CheckStopped:
            raise Cancelled from None
