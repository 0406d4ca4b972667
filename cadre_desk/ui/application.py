"""The GUI's start-up: QApplication, crash handler, font, translation, database, main window, event loop."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from cadre_desk import __version__, paths
from cadre_desk.errors import CadreDeskError
from cadre_desk.ui import crash, i18n
from cadre_desk.ui import settings as keys
from cadre_desk.ui.fonts import install_fonts
from cadre_desk.ui.main_window import MainWindow
from cadre_desk.ui.opening import OpenFailed, open_with_splash
from cadre_desk.ui.settings import Settings

log = logging.getLogger("cadre_desk.ui")

EXIT_OK = 0
EXIT_CANNOT_OPEN = 1


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created with High-DPI defaults if there is none yet, as in tests)."""
    QCoreApplication.setOrganizationName(paths.APP_NAME)
    QCoreApplication.setApplicationName(keys.APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Qt 6 always scales for high DPI; pass fractional factors (125 %, 150 %) through unrounded.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    return QApplication(argv if argv is not None else sys.argv[:1])


def run_gui(db_path_or_url: str, operator: str | None = None) -> int:
    """Open the database and run the main window; 1 if the database cannot be opened (left untouched)."""
    app = application()
    settings = Settings()
    with crash.installed():
        install_fonts(app)
        translators = i18n.install_translators(app, i18n.chosen_language(settings.get(keys.LANGUAGE)))
        try:
            return _run(app, settings, db_path_or_url, operator)
        finally:
            i18n.remove_translators(app, translators)


def _run(app: QApplication, settings: Settings, db_path_or_url: str, operator: str | None) -> int:
    try:
        ctx = open_with_splash(db_path_or_url, operator)
    except CadreDeskError as exc:
        log.error("cannot open the database %s: %s", db_path_or_url, exc)
        QMessageBox.critical(
            None, QCoreApplication.translate("application", "Cannot open the database"), str(exc)
        )
        return EXIT_CANNOT_OPEN
    except OpenFailed:  # a bug, already shown by the crash handler
        return EXIT_CANNOT_OPEN
    try:
        window = MainWindow(ctx, settings)
        window.show()
        log.info("main window open on %s as %s", ctx.db.display_name(), ctx.operator)
        return int(app.exec())
    finally:
        ctx.db.dispose()
