"""Python's cyclic garbage collector runs on the GUI thread only, from a timer.

Left automatic, a collection starts on whichever thread happens to allocate when the threshold is
crossed: often a worker of the background pool (imports, PDFs, backups). Collecting there destroys Qt
objects of the GUI thread that sat in reference cycles, on the wrong thread: a crash, or a deadlock
(the worker holds Python's lock and waits for a Qt lock the GUI thread holds while it waits for
Python's), seen in the test suite. Reference counting still frees everything outside cycles at once;
only cycles wait for the next tick. The pattern of pyqtgraph's and calibre's collectors.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    """Switches automatic collection off and collects each generation past its threshold on a timer
    of the GUI thread (where it is created)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> int:
        """Collect what is due, as the automatic collector would; the number of objects found."""
        found = 0
        counts = gc.get_count()
        for generation in (2, 1, 0):  # the oldest due generation (collecting it collects the younger ones)
            if counts[generation] > self.threshold[generation]:
                found = gc.collect(generation)
                break
        return found


def install(app: QObject) -> MainThreadCollector:
    """The application's collector (one, however often called: tests call it per session)."""
    existing = app.findChild(MainThreadCollector)
    return existing if existing is not None else MainThreadCollector(app)
