"""Opening the database off the GUI thread, behind a small splash screen.

`open_database` checks the file (a quick integrity check reads all of it), may back it up and upgrade
its schema: seconds on a large file. Meanwhile the splash names the file, and the event loop keeps
running so the screen is painted.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QEventLoop, QRect, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel

from cadre_desk.db.opening import open_database
from cadre_desk.errors import CadreDeskError
from cadre_desk.services.context import ServiceContext, open_context
from cadre_desk.ui.jobs.workers import ProgressFn, run_in_background

log = logging.getLogger("cadre_desk.ui")

SPLASH_WIDTH, SPLASH_HEIGHT = 520, 150


def _splash_pixmap(message: str) -> QPixmap:
    pixmap = QPixmap(SPLASH_WIDTH, SPLASH_HEIGHT)
    palette = QApplication.palette()
    pixmap.fill(palette.window().color())
    painter = QPainter(pixmap)
    painter.setPen(QColor(palette.mid().color()))
    painter.drawRect(0, 0, SPLASH_WIDTH - 1, SPLASH_HEIGHT - 1)
    font = QFont(QApplication.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.8)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(palette.windowText().color())
    title = QCoreApplication.translate("opening", "Cadre Desk")
    painter.drawText(QRect(24, 18, SPLASH_WIDTH - 48, 50), Qt.AlignmentFlag.AlignLeft, title)
    painter.setFont(QApplication.font())
    painter.drawText(
        QRect(24, 70, SPLASH_WIDTH - 48, SPLASH_HEIGHT - 84),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWrapAnywhere,
        message,
    )
    painter.end()
    return pixmap


class OpenFailed(Exception):
    """Opening failed with a bug that the crash handler has already reported."""


def open_with_splash(
    db_path_or_url: str, operator: str | None, passphrase: str | None = None, read_only: bool = False
) -> ServiceContext:
    """Open (and if needed upgrade) the database and the operator's context; raise `CadreDeskError`
    with the user's message, or `OpenFailed` after an unexpected error."""
    message = QCoreApplication.translate("opening", "Opening the database…\n{path}").format(
        path=db_path_or_url
    )
    # A plain frameless label: QSplashScreen.show() blocks up to a second waiting to be exposed,
    # and the event loop below paints this one while the database opens.
    splash = QLabel()
    splash.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    splash.setPixmap(_splash_pixmap(message))
    splash.adjustSize()
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        splash.move(screen.availableGeometry().center() - splash.rect().center())
    splash.show()
    loop = QEventLoop()
    outcome: dict[str, object] = {}
    started = time.perf_counter()

    def work(_progress: ProgressFn) -> ServiceContext:
        db = open_database(db_path_or_url, passphrase=passphrase, read_only=read_only)
        try:
            return open_context(db, operator)
        except BaseException:
            db.dispose()
            raise

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    run_in_background(work, lambda ctx: finish("ctx", ctx), lambda exc: finish("error", exc))
    loop.exec()
    splash.close()
    splash.deleteLater()
    log.info("database %s opened in %.1f s", db_path_or_url, time.perf_counter() - started)
    error = outcome.get("error")
    if isinstance(error, CadreDeskError):
        raise error
    ctx = outcome.get("ctx")
    if not isinstance(ctx, ServiceContext):
        raise OpenFailed(str(error))
    return ctx
