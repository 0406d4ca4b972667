"""The bundled CJK font: registered with Qt and made the application's default family.

A machine without any Chinese font (a bare Windows or Linux install) still shows every name and
label. Qt falls back glyph by glyph by itself, so the Extension A subset is registered too for the
rare characters WenQuanYi lacks (㛃, 䶮 …).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from cadre_desk import paths

log = logging.getLogger("cadre_desk.ui")

MAIN_FONT_FILE = "wqy-microhei.ttc"
FALLBACK_FONT_FILE = "hanamina-ext.ttf"
MIN_POINT_SIZE = 10.0


def _register(file_name: str) -> list[str]:
    path = paths.font_path(file_name)
    if not path.is_file():
        log.warning("bundled font %s is missing", path)
        return []
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("Qt could not load the bundled font %s", path)
        return []
    return list(QFontDatabase.applicationFontFamilies(font_id))


def install_fonts(app: QApplication) -> str | None:
    """Register the bundled fonts; make the main one the default family. Returns that family."""
    families = _register(MAIN_FONT_FILE)
    fallback = _register(FALLBACK_FONT_FILE)
    if not families:
        return None
    main = families[0]  # "WenQuanYi Micro Hei"; the .ttc's second face is its mono variant
    font = QFont(app.font())
    font.setFamilies([main, *fallback])
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:  # Chinese at 9 pt is hard to read
        font.setPointSizeF(MIN_POINT_SIZE)
    app.setFont(font)
    return main
