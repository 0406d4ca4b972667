"""The background integrity check after start-up: SQLite's quick_check on a read-only connection.

`open_database` skips the check on large files (it reads the whole file: ~10 s on 3 GB), so the main
window runs it here once it is up, and warns only if it finds a problem. Unlike
`db.sqlite_tools.quick_check` this one can be stopped from the GUI thread (`stop()` interrupts the
statement), so quitting never waits for it. quick_check runs inside one SQLite opcode, so a progress
handler would not be called during it; `sqlite3.Connection.interrupt()` is.
TODO(lead): move into db/sqlite_tools next to `quick_check`; this helper may not edit db/.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from cadre_desk.ui.jobs.workers import Cancelled, ProgressFn


class QuickCheck:
    """`run(progress)` in a worker returns the problems (empty: sound); `stop()` from any thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._stopped = False

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._conn is not None:
                self._conn.interrupt()

    def run(self, _progress: ProgressFn | None = None) -> list[str]:
        with self._lock:
            if self._stopped:
                raise Cancelled
            try:
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            except sqlite3.Error as exc:
                return [str(exc)]
            self._conn = conn
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            if self._stopped:
                raise Cancelled from None
            return [str(exc)]
        finally:
            with self._lock:
                self._conn = None
            conn.close()
        problems = [str(row[0]) for row in rows]
        return [] if problems == ["ok"] else problems
