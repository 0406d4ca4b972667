"""A preview of a built PDF (QtPdf: QPdfDocument + QPdfView) with Save PDF… and Print….

Printing paints each page, rendered by QPdfDocument at the printer's resolution, onto a QPrinter chosen
in the system print dialog. QtPdf ships in PySide6-Addons (not in PySide6-Essentials).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk import outfile
from cadre_desk.errors import StorageError
from cadre_desk.ui.widgets.screen_fit import fitting_size

log = logging.getLogger("cadre_desk.ui")

OutputFn = Callable[[str, str], None]  # (action "print"/"export", target) -> None, for the audit trail


class PdfPreviewDialog(QDialog):
    """Shows `data` (a PDF); the user saves it or prints it. `on_output` records either in the audit trail."""

    saved = Signal(str)
    printed = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        data: bytes,
        title: str,
        file_name: str,
        on_output: OutputFn | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("pdfPreview")
        self.resize(fitting_size(self, QSize(820, 960)))  # A4-shaped, but the buttons stay on screen
        self.data = data
        self.file_name = file_name
        self._on_output = on_output
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes, self)  # must outlive the document that reads it
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        info = QLabel(self.tr("Pages: {pages}").format(pages=self.document.pageCount()), self)
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("Save PDF…"), self)
        self.print_button = QPushButton(self.tr("Print…"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.ask_save)
        self.print_button.clicked.connect(self.ask_print)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(info)
        layout.addWidget(buttons)

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())

    def ask_save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), str(Path.home() / self.file_name), self.tr("PDF files (*.pdf)")
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        try:
            with outfile.atomic_path(path, make_parent=False) as tmp:
                tmp.write_bytes(self.data)
        except StorageError as exc:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("Could not write {path}: {error}").format(path=path, error=exc),
            )
            return False
        if self._on_output:
            self._on_output("export", str(path))
        self.saved.emit(str(path))
        return True

    def ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Paint the pages (within the printer's page range) onto `printer`; returns the pages printed."""
        first, last = 1, self.page_count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(printer.toPage() or last, last)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.windowTitle(), self.tr("The printer could not be started."))
            return 0
        printed = 0
        try:
            dpi = printer.resolution()
            for index in range(first - 1, last):
                if printed:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                target = painter.viewport()
                size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
                size = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                image = self.document.render(index, size)
                painter.drawImage(target.topLeft(), image)
                printed += 1
        finally:
            painter.end()
        if self._on_output:
            self._on_output("print", printer.printerName() or printer.outputFileName())
        self.printed.emit()
        return printed
