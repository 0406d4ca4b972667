"""成长画像 on the profile: the growth portrait painted from the same layout the dossier prints."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from cadre_desk.reports.portrait_figure import Box, Label, Shape, Stroke, layout
from cadre_desk.services.portrait import Portrait


class PortraitView(QWidget):
    """Paints a `Portrait`; hovering a post, a cell or a bar shows what it stands for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portraitView")
        self.setMouseTracking(True)
        self.setMinimumSize(480, 360)
        self.setBackgroundRole(self.backgroundRole())
        self.setAutoFillBackground(True)
        self._portrait: Portrait | None = None
        self._shapes: list[Shape] = []
        self._size = QSize()

    def sizeHint(self) -> QSize:
        return QSize(900, 460)

    def set_portrait(self, portrait: Portrait | None) -> None:
        self._portrait = portrait
        self._size = QSize()  # lay out again on the next paint
        self.update()

    @property
    def portrait(self) -> Portrait | None:
        return self._portrait

    def shapes(self) -> list[Shape]:
        """The shapes as last laid out for the widget's size (tests read them)."""
        self._ensure_layout()
        return self._shapes

    def _font_px(self) -> float:
        return float(max(11, QFontInfo(self.font()).pixelSize()))

    def _ensure_layout(self) -> None:
        if self._portrait is None:
            self._shapes = []
            return
        if self._size == self.size() and self._shapes:
            return
        self._size = self.size()
        margin = 8.0
        self._shapes = [
            _moved(s, margin)
            for s in layout(
                self._portrait,
                self.width() - 2 * margin,
                self.height() - 2 * margin,
                self._font_px(),
            )
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        self._ensure_layout()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._portrait is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No cadre selected."))
            return
        base = QFont(self.font())
        for shape in self._shapes:
            if isinstance(shape, Box):
                if not shape.fill and not shape.stroke:
                    continue
                rect = QRectF(shape.x, shape.y, shape.w, shape.h)
                painter.setPen(QPen(QColor(shape.stroke), 0.6) if shape.stroke else Qt.PenStyle.NoPen)
                painter.setBrush(QColor(shape.fill) if shape.fill else Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
            elif isinstance(shape, Stroke):
                painter.setPen(QPen(QColor(shape.colour), shape.width))
                painter.drawLine(QPointF(shape.x1, shape.y1), QPointF(shape.x2, shape.y2))
            else:
                _draw_label(painter, base, shape)
        painter.end()

    def tip_at(self, x: float, y: float) -> str:
        """The text of the topmost shape with a tip under (x, y), "" for none."""
        self._ensure_layout()
        for shape in reversed(self._shapes):
            if not isinstance(shape, Box) or not shape.tip:
                continue
            if shape.x <= x <= shape.x + shape.w and shape.y <= y <= shape.y + shape.h:
                return shape.tip
        return ""

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            tip = self.tip_at(event.pos().x(), event.pos().y())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.setCursor(
            Qt.CursorShape.PointingHandCursor
            if self.tip_at(event.position().x(), event.position().y())
            else Qt.CursorShape.ArrowCursor
        )
        super().mouseMoveEvent(event)


def _draw_label(painter: QPainter, base: QFont, label: Label) -> None:
    font = QFont(base)
    font.setPixelSize(max(6, round(label.size)))
    font.setBold(label.bold)
    painter.setFont(font)
    painter.setPen(QColor(label.colour))
    width = painter.fontMetrics().horizontalAdvance(label.text)
    x = label.x
    if label.anchor == "middle":
        x -= width / 2
    elif label.anchor == "end":
        x -= width
    painter.drawText(QPointF(x, label.y), label.text)


def _moved(shape: Shape, d: float) -> Shape:
    if isinstance(shape, Box):
        return Box(shape.x + d, shape.y + d, shape.w, shape.h, shape.fill, shape.stroke, shape.tip)
    if isinstance(shape, Stroke):
        return Stroke(shape.x1 + d, shape.y1 + d, shape.x2 + d, shape.y2 + d, shape.colour, shape.width)
    return Label(shape.x + d, shape.y + d, shape.text, shape.size, shape.colour, shape.anchor, shape.bold)
