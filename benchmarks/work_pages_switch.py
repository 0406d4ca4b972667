"""Time switching to the pairings, diary and talks pages on a large database (run on demand).

QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/work_pages_switch.py /work/bench/demo10k.db
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _signin import signed_in
from PySide6.QtWidgets import QApplication, QStackedWidget

from cadre_desk.db.opening import open_database
from cadre_desk.ui.shell.fonts import install_fonts
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.shell.work_pages import build_work_pages


def main(path: str) -> None:
    app = QApplication([])
    install_fonts(app)
    db = open_database(path)
    ctx = signed_in(db)
    stack = QStackedWidget()
    stack.resize(1400, 860)
    started = time.perf_counter()
    pages = build_work_pages(ctx, Settings.at(Path("/tmp/bench-ui.ini")), None, stack)
    print(f"build pages: {(time.perf_counter() - started) * 1000:.1f} ms")
    for _key, _title, page in pages:
        stack.addWidget(page)
    stack.show()
    app.processEvents()
    for round_ in range(3):
        for key, _title, page in pages:
            started = time.perf_counter()
            stack.setCurrentWidget(page)
            page.refresh()  # type: ignore[attr-defined]
            app.processEvents()
            elapsed = (time.perf_counter() - started) * 1000
            rows = getattr(getattr(page, "model", None), "rowCount", lambda: -1)()
            cards = len(getattr(getattr(page, "timeline", None), "cards", []))
            print(f"round {round_} switch to {key}: {elapsed:.1f} ms (rows loaded {rows}, cards {cards})")
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
