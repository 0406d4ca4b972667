"""Cropping an imported photo to the appointment form's 3:4 portrait box before it is stored."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSlider, QVBoxLayout, QWidget

RATIO_W, RATIO_H = 3, 4  # the form's photo cell
OUTPUT_SIZE = QSize(390, 520)  # stored pixels: sharp enough for print, small in the database
JPEG_QUALITY = 90


def largest_crop(size: QSize) -> QRect:
    """The largest 3:4 rectangle centred in an image of `size`."""
    w, h = size.width(), size.height()
    if w * RATIO_H > h * RATIO_W:
        cw, ch = h * RATIO_W // RATIO_H, h
    else:
        cw, ch = w, w * RATIO_H // RATIO_W
    return QRect((w - cw) // 2, (h - ch) // 2, max(cw, 1), max(ch, 1))


def crop_to_jpeg(image: QImage, rect: QRect) -> bytes:
    """The cropped part, scaled to the stored size, as JPEG bytes."""
    part = image.copy(rect.intersected(image.rect()))
    if part.width() > OUTPUT_SIZE.width():
        part = part.scaled(
            OUTPUT_SIZE, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    part.convertToFormat(QImage.Format.Format_RGB32).save(buffer, "JPG", JPEG_QUALITY)  # type: ignore[call-overload]  # the stubs say bytes; run time wants str
    buffer.close()
    return bytes(data.data())


class CropArea(QWidget):
    """The image scaled to fit, with a 3:4 frame the user drags (mouse) and sizes (slider, wheel)."""

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.crop = largest_crop(image.size())
        self._drag: QPoint | None = None
        self.setMinimumSize(360, 360)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def _scale(self) -> tuple[float, QRectF]:
        w, h = self.image.width(), self.image.height()
        scale = min(self.width() / w, self.height() / h)
        shown = QRectF((self.width() - w * scale) / 2, (self.height() - h * scale) / 2, w * scale, h * scale)
        return scale, shown

    def set_crop_width(self, width: int) -> None:
        max_rect = largest_crop(self.image.size())
        width = max(min(width, max_rect.width()), 12)
        height = width * RATIO_H // RATIO_W
        centre = self.crop.center()
        rect = QRect(0, 0, width, height)
        rect.moveCenter(centre)
        self.crop = self._inside(rect)
        self.update()

    def _inside(self, rect: QRect) -> QRect:
        bounds = self.image.rect()
        rect.moveLeft(max(bounds.left(), min(rect.left(), bounds.right() - rect.width() + 1)))
        rect.moveTop(max(bounds.top(), min(rect.top(), bounds.bottom() - rect.height() + 1)))
        return rect

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        scale, shown = self._scale()
        painter.drawImage(shown, self.image)
        frame = QRectF(
            shown.left() + self.crop.left() * scale,
            shown.top() + self.crop.top() * scale,
            self.crop.width() * scale,
            self.crop.height() * scale,
        )
        shade = QColor(0, 0, 0, 120)
        painter.fillRect(QRectF(shown.left(), shown.top(), shown.width(), frame.top() - shown.top()), shade)
        painter.fillRect(
            QRectF(shown.left(), frame.bottom(), shown.width(), shown.bottom() - frame.bottom()), shade
        )
        painter.fillRect(
            QRectF(shown.left(), frame.top(), frame.left() - shown.left(), frame.height()), shade
        )
        painter.fillRect(
            QRectF(frame.right(), frame.top(), shown.right() - frame.right(), frame.height()), shade
        )
        painter.setPen(QPen(QColor("#ffffff"), 2))
        painter.drawRect(frame)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._drag = event.position().toPoint()
        self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            return
        scale, _shown = self._scale()
        delta = event.position().toPoint() - self._drag
        self._drag = event.position().toPoint()
        self.crop = self._inside(self.crop.translated(round(delta.x() / scale), round(delta.y() / scale)))
        self.update()

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        self._drag = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        step = 1.1 if event.angleDelta().y() < 0 else 1 / 1.1
        self.set_crop_width(round(self.crop.width() * step))


class PhotoCropDialog(QDialog):
    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Crop photo"))
        self.area = CropArea(image, self)
        hint = QLabel(
            self.tr("Drag the frame to place it; use the slider or the mouse wheel to size it."), self
        )
        hint.setWordWrap(True)
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        full = largest_crop(image.size()).width()
        self.size_slider.setRange(max(min(12, full), 1), full)
        self.size_slider.setValue(full)
        self.size_slider.valueChanged.connect(self.area.set_crop_width)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.size_slider)
        layout.addWidget(buttons)
        self.resize(520, 600)

    def result_bytes(self) -> bytes:
        return crop_to_jpeg(self.area.image, self.area.crop)

    @classmethod
    def ask(cls, parent: QWidget | None, image: QImage) -> bytes | None:
        dialog = cls(image, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_bytes()
