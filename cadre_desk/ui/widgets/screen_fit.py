"""Dialog sizes that fit the screen: every dialog must fit 1280 × 720 (a small laptop at 100 %, or
1920 × 1080 at 150 %), with its buttons on screen."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SMALLEST_SCREEN = QSize(1280, 720)
FRAME = QSize(16, 48)  # the window manager's border and title bar


def fitting_size(widget: QWidget, wanted: QSize) -> QSize:
    """`wanted`, or less: what fits the widget's screen (and always the smallest screen we support)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = SMALLEST_SCREEN - FRAME
    if screen is not None:
        room = room.boundedTo(screen.availableGeometry().size() - FRAME)
    return wanted.boundedTo(room)
