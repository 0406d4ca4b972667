"""Small, theme-aware touches of style shared by the pages (no colours that break a dark theme)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

# Form cells: a hairline under each value, as on the printed form; notes on a pale yellow card with
# their own text colour, so they stay readable in light and dark themes alike.
PROFILE_STYLE = """
QLabel[role="field-value"] { border-bottom: 1px solid palette(midlight); padding: 1px 3px 2px 3px; }
QLabel[role="field-label"] { border-bottom: 1px solid transparent; padding: 1px 3px 2px 3px; }
QLabel#resumeNotes { background: #fff6dc; color: #5a4300; border: 1px solid #e8d08a;
                     border-radius: 4px; padding: 6px 8px; }
"""

WELCOME_STYLE = """
QFrame#welcomeCard { background: palette(base); border: 1px solid palette(mid); border-radius: 10px; }
"""


def emphasize(label: QLabel, scale: float = 1.5, bold: bool = True) -> None:
    font = QFont(label.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:
        font.setPixelSize(round(font.pixelSize() * scale))
    font.setBold(bold)
    label.setFont(font)


def secondary(widget: QWidget) -> None:
    """Text in the theme's muted colour (labels of form fields, subtitles)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    widget.setPalette(palette)


def muted_placeholder(widget: QWidget) -> None:
    """Placeholder text (an example such as "e.g. 1985.03") in a clearly lighter grey than data."""
    palette = widget.palette()
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    grey = QColor(
        (text.red() + 2 * base.red()) // 3,
        (text.green() + 2 * base.green()) // 3,
        (text.blue() + 2 * base.blue()) // 3,
    )
    palette.setColor(QPalette.ColorRole.PlaceholderText, grey)
    widget.setPalette(palette)
