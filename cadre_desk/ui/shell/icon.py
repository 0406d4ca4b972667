"""The application icon: PNGs of every size rendered from resources/icons/cadre-desk.svg."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from cadre_desk import paths


def app_icon() -> QIcon:
    icon = QIcon()
    for size in paths.ICON_SIZES:
        path = paths.icon_path(size)
        if path.is_file():
            icon.addFile(str(path))
    return icon
